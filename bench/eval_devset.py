"""Score the extractor against the hand-annotated development set (tests/devset/).

Usage:  .venv/bin/python bench/eval_devset.py [--devset tests/devset] [--out DIR] [--quiet]

The script copies the devset's *.txt and metadata.csv into a temporary folder, runs
`python -m preprocess build --input <tmp> --out <tmp>` in a subprocess, reads the Parquet tables and
compares them with tests/devset/gold.yaml. It prints precision / recall / F1 per category and per article,
then every miss and false positive on one line each, then the gold names it could not resolve to a
gazetteer id (so a human can fix a naming mismatch rather than have it counted silently).

Matching rules
--------------
Names. Gold names are English names written by an analyst. They are resolved to gazetteer ids using
data/gazetteer/actors.yaml and places.yaml (name_en, aliases_en, id): case-insensitive, ignoring "al-" /
"al " / "el-" prefixes on any word, hyphens, apostrophes and spaces. Places that differ only by a trailing
" province" (Deir ez-Zor / Deir ez-Zor province) count as the same place.

Troop figures. Per article, a gold figure matches an extracted figure with the same value (multiset: two
gold 900s need two extracted 900s). An extracted figure whose value has no gold figure in that article is a
false positive; extra extracted copies of a value that *is* in gold (the title repeating the body) are
ignored, not counted as false positives. Optional gold figures (vague "بضعة آلاف") with a `value_range`
absorb any extracted figure in that range and are never misses. On matched pairs the script reports
agreement on qualifier, kind and location (location compared after name resolution).

Incidents. Extracted incidents are first collapsed on (article_id, event_key): the extractor's own signal
that two rows are the same event. A gold incident and an extracted one are compatible when the article and
event_type are equal and the dates are compatible: gold date "" accepts any date; otherwise the extracted
date must be non-empty and one ISO date a prefix of the other (2024-01 ~ 2024-01-28). Pairs are assigned
greedily one-to-one, best pair first (score: exact date, same place, same weapon, same perpetrator,
same killed, same wounded). Optional gold incidents (events that are neither attacks on US forces nor US
strikes on factions) are removed from both sides when matched and are never misses. On matched pairs the
script reports agreement on weapon, perpetrator, place, killed and wounded (null == null agrees).

Militias. Extracted: the set of actors with actor_type == 'militia' mentioned in the article
(mentions.entity_kind == 'actor' joined to actors). Gold names resolved to a gazetteer id are compared by
id. Gold names that do not resolve (new facade groups, marked `new: true`, or gazetteer gaps) are matched
first by normalised name against extracted actors with in_gazetteer == False, then by count against the
remaining in_gazetteer == False actors of the article (transliterations differ). Optional gold militias
(ISIS, SDF, Hamas ...) are removed from the extracted side and are never misses.

Places. Extracted: the set of place ids mentioned in the article (mentions.entity_kind == 'place').
Gold names are resolved to ids; unresolved gold places (not in the gazetteer) are counted as misses in the
main figure and listed; a second figure excludes them ("resolvable gold only"). Optional gold places are
removed from the extracted side and are never misses.

F1 is micro-averaged over the whole devset; per-article lines give counts and F1.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "data" / "gazetteer"


# ----------------------------------------------------------------------------------------- names

def norm(name: object) -> str:
    s = str(name or "").lower().strip()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"\b(al|el)[- ]", "", s)
    s = re.sub(r"[-'`\s_.]", "", s)
    return s


class Names:
    """Resolve analyst English names to gazetteer ids."""

    def __init__(self) -> None:
        self.actor_ix: dict[str, str] = {}
        self.place_ix: dict[str, str] = {}
        self.actor_name: dict[str, str] = {}
        self.place_name: dict[str, str] = {}
        self.actor_type: dict[str, str] = {}
        for kind, ix, names in (("actors", self.actor_ix, self.actor_name), ("places", self.place_ix, self.place_name)):
            for rec in yaml.safe_load((GAZ / f"{kind}.yaml").read_text(encoding="utf-8")) or []:
                rid = rec["id"]
                names[rid] = rec.get("name_en", rid)
                if kind == "actors":
                    self.actor_type[rid] = rec.get("type", "")
                for n in [rec.get("name_en"), rid, *(rec.get("aliases_en") or [])]:
                    if n:
                        ix.setdefault(norm(n), rid)

    def actor(self, name: str) -> str | None:
        return self.actor_ix.get(norm(name)) if name else None

    def place(self, name: str) -> str | None:
        return self.place_ix.get(norm(name)) if name else None

    def place_key(self, pid_or_name: str) -> str:
        """Equivalence key for places: the id's English name without a trailing ' province'."""
        if not pid_or_name:
            return ""
        name = self.place_name.get(pid_or_name)
        if name is None:
            pid = self.place(pid_or_name)
            name = self.place_name.get(pid, pid_or_name) if pid else pid_or_name
        return norm(re.sub(r"\s+province$", "", name, flags=re.I))

    def actor_key(self, name: str) -> str:
        aid = self.actor(name)
        return aid or norm(name)


def item_name(x) -> tuple[str, dict]:
    if isinstance(x, dict):
        return str(x.get("name", "")), x
    return str(x), {}


# ----------------------------------------------------------------------------------------- scoring

class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f(self) -> float:
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return f"P={self.p():.3f} R={self.r():.3f} F1={self.f():.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"


def dates_compatible(gold: str, ext: str) -> bool:
    gold, ext = (gold or "").strip(), (ext or "").strip()
    if not gold:
        return True
    if not ext:
        return False
    return gold.startswith(ext) or ext.startswith(gold)


def as_int(v):
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return int(v)


def short(s: object, n: int = 90) -> str:
    s = re.sub(r"\s+", " ", str(s or "")).strip()
    return s if len(s) <= n else s[: n - 1] + "…"


def build(devset: Path, out: Path, inp: Path) -> None:
    inp.mkdir(parents=True, exist_ok=True)
    for f in sorted(devset.glob("*.txt")):
        shutil.copy2(f, inp / f.name)
    if (devset / "metadata.csv").exists():
        shutil.copy2(devset / "metadata.csv", inp / "metadata.csv")
    cmd = [sys.executable, "-m", "preprocess", "build", "--input", str(inp), "--out", str(out)]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        raise SystemExit(f"build failed ({res.returncode})")
    print(res.stdout.strip().splitlines()[0] if res.stdout.strip() else "(build ok)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", default=str(ROOT / "tests" / "devset"))
    ap.add_argument("--out", default="", help="keep the built tables here (default: a temporary folder)")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args()
    devset = Path(args.devset)
    gold_all = yaml.safe_load((devset / "gold.yaml").read_text(encoding="utf-8"))

    tmp = tempfile.TemporaryDirectory()
    out = Path(args.out) if args.out else Path(tmp.name) / "out"
    build(devset, out, Path(tmp.name) / "input")
    T = {t: pd.read_parquet(out / f"{t}.parquet") for t in ("articles", "troops", "incidents", "mentions", "actors", "places")}
    for t in T.values():  # nullable strings -> "" so comparisons and printing stay simple
        for col in t.columns:
            if t[col].dtype == "string" or t[col].dtype == object:
                t[col] = t[col].astype(object).where(t[col].notna(), "")
    names = Names()

    actors = T["actors"].set_index("actor_id")
    men = T["mentions"]
    art_ids = sorted(gold_all)

    cats = {c: PRF() for c in ("troops", "incidents", "militias", "places", "places_resolvable")}
    per_article: dict[str, dict[str, PRF]] = defaultdict(lambda: {c: PRF() for c in cats})
    misses: list[str] = []
    fps: list[str] = []
    agree: dict[str, Counter] = defaultdict(Counter)
    disagree_lines: list[str] = []
    unresolved: dict[str, set] = defaultdict(set)

    def record(cat: str, aid: str, tp: int, fp: int, fn: int) -> None:
        cats[cat].add(tp, fp, fn)
        per_article[aid][cat].add(tp, fp, fn)

    def agree_on(cat: str, field: str, ok: bool, aid: str, g, e) -> None:
        agree[f"{cat}.{field}"]["agree" if ok else "differ"] += 1
        if not ok:
            disagree_lines.append(f"[{aid}] {cat} {field}: gold={g!r} extracted={e!r}")

    for aid in art_ids:
        gold = gold_all[aid] or {}

        # ------------------------------------------------------------------ troops
        ext_t = T["troops"][T["troops"].article_id == aid].sort_values("start")
        gt = [g for g in (gold.get("troops") or []) if not g.get("optional")]
        gopt = [g for g in (gold.get("troops") or []) if g.get("optional")]
        gold_by_val: dict[int, list] = defaultdict(list)
        for g in gt:
            gold_by_val[int(g["value"])].append(g)
        ext_by_val: dict[int, list] = defaultdict(list)
        for _, r in ext_t.iterrows():
            ext_by_val[int(r.value)].append(r)
        tp = fp = fn = 0
        for val in sorted(set(gold_by_val) | set(ext_by_val)):
            gs, es = gold_by_val.get(val, []), ext_by_val.get(val, [])
            if not gs:
                in_opt = [o for o in gopt if o.get("value_range") and o["value_range"][0] <= val <= o["value_range"][1]]
                if in_opt:
                    continue
                fp += len(es)
                for e in es:
                    fps.append(f"[{aid}] troop FP: {val} {e.qualifier} {e.kind} loc={e.location!r} force={e.force!r} | {short(e.quote)}")
                continue
            m = min(len(gs), len(es))
            tp += m
            fn += len(gs) - m
            for g in gs[m:]:
                misses.append(f"[{aid}] troop MISS: {val} {g.get('qualifier')} {g.get('kind')} loc={g.get('location')} force={g.get('force')}")
            # pair by kind when a value occurs several times
            es_left = list(es)
            for g in gs[:m]:
                es_left.sort(key=lambda e: (e.kind != g.get("kind"), norm(names.place_key(str(e.location))) != names.place_key(str(g.get("location", "")))))
                e = es_left.pop(0)
                agree_on("troop", "qualifier", e.qualifier == g.get("qualifier"), aid, f"{val} {g.get('qualifier')}", e.qualifier)
                agree_on("troop", "kind", e.kind == g.get("kind"), aid, f"{val} {g.get('kind')}", e.kind)
                gl, el = names.place_key(str(g.get("location") or "")), names.place_key(str(e.location or ""))
                agree_on("troop", "location", gl == el, aid, f"{val} {g.get('location')}", e.location)
                agree_on("troop", "force", norm(g.get("force")) == norm(e.force), aid, f"{val} {g.get('force')}", e.force)
        record("troops", aid, tp, fp, fn)

        # ------------------------------------------------------------------ incidents
        ei = T["incidents"][T["incidents"].article_id == aid].sort_values("start")
        ei = ei.drop_duplicates(subset=["event_key"], keep="first") if "event_key" in ei else ei
        ext_rows = [r for _, r in ei.iterrows()]
        gi = list(gold.get("incidents") or [])
        pairs = []
        for gidx, g in enumerate(gi):
            for eidx, e in enumerate(ext_rows):
                if g.get("event_type") != e.event_type or not dates_compatible(str(g.get("date") or ""), str(e.date or "")):
                    continue
                score = 0
                score += 4 * (str(g.get("date") or "") == str(e.date or ""))
                score += 3 * (names.place_key(g.get("place") or "") == names.place_key(str(e.place or "")) and bool(g.get("place")))
                score += 1 * (g.get("weapon") == e.weapon)
                score += 1 * (names.actor_key(g.get("perpetrator") or "") == names.actor_key(str(e.perpetrator or "")))
                score += 1 * (as_int(g.get("killed")) == as_int(e.killed))
                score += 1 * (as_int(g.get("wounded")) == as_int(e.wounded))
                pairs.append((-score, gidx, eidx))
        pairs.sort()
        g_used, e_used, matched = set(), set(), []
        for _s, gidx, eidx in pairs:
            if gidx in g_used or eidx in e_used:
                continue
            g_used.add(gidx)
            e_used.add(eidx)
            matched.append((gi[gidx], ext_rows[eidx]))
        tp = fp = fn = 0
        for g, e in matched:
            if g.get("optional"):
                continue
            tp += 1
            tag = f"{g.get('date')} {g.get('event_type')} {g.get('place') or '-'}"
            agree_on("incident", "weapon", g.get("weapon") == e.weapon, aid, f"{tag}: {g.get('weapon')}", e.weapon)
            agree_on("incident", "perpetrator", names.actor_key(g.get("perpetrator") or "") == names.actor_key(str(e.perpetrator or "")), aid, f"{tag}: {g.get('perpetrator')}", e.perpetrator)
            agree_on("incident", "place", names.place_key(g.get("place") or "") == names.place_key(str(e.place or "")), aid, f"{tag}: {g.get('place')}", e.place)
            agree_on("incident", "killed", as_int(g.get("killed")) == as_int(e.killed), aid, f"{tag}: {g.get('killed')}", as_int(e.killed))
            agree_on("incident", "wounded", as_int(g.get("wounded")) == as_int(e.wounded), aid, f"{tag}: {g.get('wounded')}", as_int(e.wounded))
            agree_on("incident", "date_exact", str(g.get("date") or "") == str(e.date or ""), aid, f"{tag}", e.date)
        for gidx, g in enumerate(gi):
            if gidx not in g_used and not g.get("optional"):
                fn += 1
                misses.append(f"[{aid}] incident MISS: {g.get('date') or '(undated)'} {g.get('event_type')} {g.get('weapon')} place={g.get('place') or '-'} perp={g.get('perpetrator') or '-'} k={g.get('killed')} w={g.get('wounded')}")
        for eidx, e in enumerate(ext_rows):
            if eidx not in e_used:
                fp += 1
                fps.append(f"[{aid}] incident FP: {e.date or '(undated)'} {e.event_type} {e.weapon} place={e.place or '-'} perp={e.perpetrator or '-'} k={as_int(e.killed)} w={as_int(e.wounded)} | {short(e.quote)}")
        record("incidents", aid, tp, fp, fn)

        # ------------------------------------------------------------------ militias
        am = men[(men.article_id == aid) & (men.entity_kind == "actor")]
        ext_ids = set(am.entity_id)
        ext_mil = {i for i in ext_ids if i in actors.index and actors.loc[i, "actor_type"] == "militia" and bool(actors.loc[i, "in_gazetteer"])}
        ext_new = {i for i in ext_ids if i in actors.index and not bool(actors.loc[i, "in_gazetteer"])}
        req_ids, opt_ids, req_unres = set(), set(), []
        for x in gold.get("militias") or []:
            n, meta = item_name(x)
            rid = names.actor(n)
            if rid is None:
                unresolved["militia"].add(f"{n}{' (new)' if meta.get('new') else ''}")
            if meta.get("optional"):
                if rid:
                    opt_ids.add(rid)
                continue
            if rid:
                req_ids.add(rid)
            else:
                req_unres.append(n)
        ext_mil -= opt_ids
        tp = len(req_ids & ext_mil)
        fn_ids = req_ids - ext_mil
        fp_ids = ext_mil - req_ids
        # unresolved gold names vs extracted non-gazetteer actors: by name, then by count
        new_left = sorted(ext_new, key=lambda i: str(actors.loc[i, "name_en"]))
        unres_left = []
        for n in req_unres:
            hit = next((i for i in new_left if norm(actors.loc[i, "name_en"]) == norm(n)), None)
            if hit:
                new_left.remove(hit)
                tp += 1
            else:
                unres_left.append(n)
        k = min(len(unres_left), len(new_left))
        tp += k
        for n, i in zip(unres_left[:k], new_left[:k]):
            disagree_lines.append(f"[{aid}] militia matched by count: gold {n!r} ~ extracted new {actors.loc[i, 'name_en']!r} ({actors.loc[i, 'name_ar']})")
        fn = len(fn_ids) + len(unres_left) - k
        fp = len(fp_ids) + len(new_left) - k
        for i in sorted(fn_ids):
            misses.append(f"[{aid}] militia MISS: {names.actor_name.get(i, i)}")
        for n in unres_left[k:]:
            misses.append(f"[{aid}] militia MISS (new/unresolved): {n}")
        for i in sorted(fp_ids):
            surf = "; ".join(sorted(set(am[am.entity_id == i].surface)))[:80]
            fps.append(f"[{aid}] militia FP: {names.actor_name.get(i, i)} | surface: {surf}")
        for i in new_left[k:]:
            surf = "; ".join(sorted(set(am[am.entity_id == i].surface)))[:80]
            fps.append(f"[{aid}] militia FP (new group): {actors.loc[i, 'name_en']} [{actors.loc[i, 'actor_type']}] | surface: {surf}")
        record("militias", aid, tp, fp, fn)

        # ------------------------------------------------------------------ places
        pm = men[(men.article_id == aid) & (men.entity_kind == "place")]
        ext_keys: dict[str, set] = defaultdict(set)
        for pid in set(pm.entity_id):
            ext_keys[names.place_key(pid)].add(pid)
        req_keys, opt_keys, unres_places = {}, set(), []
        for x in gold.get("places") or []:
            n, meta = item_name(x)
            pid = names.place(n)
            if pid is None and not meta.get("optional"):
                unresolved["place"].add(n)
            key = names.place_key(pid) if pid else None
            if meta.get("optional"):
                opt_keys.add(key or norm(n))
                continue
            if key:
                req_keys[key] = n
            else:
                unres_places.append(n)
        ext_set = set(ext_keys) - opt_keys
        tp = len(set(req_keys) & ext_set)
        fn_keys = set(req_keys) - ext_set
        fp_keys = ext_set - set(req_keys)
        record("places_resolvable", aid, tp, len(fp_keys), len(fn_keys))
        record("places", aid, tp, len(fp_keys), len(fn_keys) + len(unres_places))
        for kk in sorted(fn_keys):
            misses.append(f"[{aid}] place MISS: {req_keys[kk]}")
        for n in unres_places:
            misses.append(f"[{aid}] place MISS (not in gazetteer): {n}")
        for kk in sorted(fp_keys):
            pids = ext_keys[kk]
            surf = "; ".join(sorted(set(pm[pm.entity_id.isin(pids)].surface)))[:80]
            fps.append(f"[{aid}] place FP: {', '.join(names.place_name.get(p, p) for p in sorted(pids))} | surface: {surf}")

    # ------------------------------------------------------------------ report
    print("\n== Devset scores (micro-averaged over", len(art_ids), "articles)")
    for c in ("troops", "incidents", "militias", "places", "places_resolvable"):
        label = "places (resolvable gold only)" if c == "places_resolvable" else c
        print(f"  {label:<31} {cats[c].line()}")
    main4 = [cats[c].f() for c in ("troops", "incidents", "militias", "places")]
    print(f"  {'mean F1 of the four':<31} {sum(main4) / 4:.3f}")

    print("\n== Attribute agreement on matched items")
    for key in sorted(agree):
        a, d = agree[key]["agree"], agree[key]["differ"]
        print(f"  {key:<24} {a}/{a + d}")

    print("\n== Per article (F1; tp/fp/fn)")
    print(f"  {'article':<30} {'troops':>16} {'incidents':>16} {'militias':>16} {'places':>16}")
    for aid in art_ids:
        cells = []
        for c in ("troops", "incidents", "militias", "places"):
            x = per_article[aid][c]
            cells.append(f"{x.f():.2f} {x.tp}/{x.fp}/{x.fn}")
        print(f"  {aid:<30} " + " ".join(f"{s:>16}" for s in cells))

    if not args.quiet:
        print(f"\n== Misses ({len(misses)})")
        for line in misses:
            print("  " + line)
        print(f"\n== False positives ({len(fps)})")
        for line in fps:
            print("  " + line)
        print(f"\n== Attribute disagreements on matched items ({len(disagree_lines)})")
        for line in disagree_lines:
            print("  " + line)
        print("\n== Gold names not resolved to a gazetteer id (fix the gold name if it is a spelling mismatch)")
        for kind in ("militia", "place"):
            print(f"  {kind}: " + (", ".join(sorted(unresolved[kind])) or "(none)"))
    tmp.cleanup()


if __name__ == "__main__":
    main()
