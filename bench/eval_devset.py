"""Score the extractor against a hand-annotated development set (tests/devset*/), strictly by default.

Usage:  .venv/bin/python bench/eval_devset.py [--devset tests/devset] [--out DIR] [--quiet] [--lenient]
                                              [--json FILE] [--all [--include-heldout]]

The script copies the set's *.txt, *.html and *.htm files into a temporary folder, merges its metadata.csv
and any metadata_*.csv into one metadata.csv there, builds the tables as `python -m preprocess build --input <tmp>
--out <tmp>` would (preprocess.build.build, in this process, one worker), reads the Parquet tables and compares them with the set's gold.yaml (format:
tests/GOLD_FORMAT.md). It prints precision / recall / F1 per category and per article, then every miss and
false positive on one line each, then the gold names it could not resolve to a gazetteer id (so a human can
fix a naming mismatch rather than have it counted silently).

- `--json FILE` also writes every figure (per set, per category: precision, recall, f1, tp/fp/fn; per
  field agreement; the date counters; per article) with the time and the git commit measured at
  (`git rev-parse --short HEAD`, whether tracked files were modified, how many files were untracked).
- `--all` scores every set in SETS (and those in HELDOUT_SETS only with `--include-heldout`; none is held out
  now) and writes data/eval/latest.json (the dashboard's /method page reads it);
  with `--lenient` it writes data/eval/latest-lenient.json instead, so the page never shows lenient figures.
- A set named with `--devset` that does not exist or has no gold.yaml yet (a new set may still be
  being written) stops the script with a message saying so; `--all` skips it and says so.

The scoring functions (`score_set` and the per-category functions it calls) take plain DataFrames and gold
dicts and are importable without running a build: tests/test_eval_devset.py feeds them hand-made frames.

Matching rules (strict, the default)
------------------------------------
Names. Gold names are English names written by an analyst. They are resolved to gazetteer ids using
data/gazetteer/actors.yaml and places.yaml (name_en, aliases_en, id): case-insensitive, ignoring "al-" /
"al " / "el-" prefixes on any word, hyphens, apostrophes and spaces. Places that differ only by a trailing
" province" (Deir ez-Zor / Deir ez-Zor province) count as the same place.

Gold format. A set is "new format" (devset3 on) when any article's gold has a `published`, `tallies` or
`event_places` key; then an article's missing `tallies` / `event_places` means none, and an article
without a `published` key is left out of the publication date figures. Old sets (devset,
devset2) have no tallies and no event places (those categories are not scored there), and their
publication dates are taken from the set's metadata.csv `published` (articles without one are skipped).

Troop figures. Every predicted row counts: a figure the extractor gives twice is a false positive. Two
figures: by value (per article, a multiset: two gold 900s need two predicted 900s), and by (value,
qualifier). Optional gold figures (other forces, vague "بضعة آلاف") absorb every predicted figure whose value
lies in their `value_range` (or equals their value) once the required figures are matched, and are never
misses. On pairs matched by value (paired preferring the same qualifier, kind and location) the script
reports agreement on qualifier, kind, force and location (location compared after name resolution).

Incidents. Every predicted row counts: no collapsing by event_key. Only event types attack and strike are
scored. A gold and a predicted row are compatible when the article and event_type are equal and either
the predicted date equals the gold date at the gold's precision (the predicted date cut to the gold date's
length: 2024-01-28 fits gold 2024-01, 2024-01 does not fit gold 2024-01-28; a gold date "" fits any
predicted date) or both places resolve to the same place. Required gold rows (attack/strike, not optional)
are paired first, greedily one-to-one, best pair first (score: date right 4, same place 3, weapon,
perpetrator, killed, wounded 1 each); then optional gold rows (type other, or `optional: true`) take the
best remaining compatible predicted rows of any type, and such pairs leave both sides. Unpaired predicted
rows of type other are ignored; unpaired predicted attack/strike rows are false positives. On pairs with
required gold: date right (predicted date cut to the gold's precision equals it; a gold date "" requires an
empty predicted date), place, weapon, perpetrator, claimed_by (when the gold row has the key), outcome (when
the gold row has the key; predicted from incidents.outcome when that column exists, else ""), date_end
(when both the gold row and the table have it), killed, wounded, and casualties (killed and wounded both
right; null == null). Two counters over all predicted attack/strike rows: those paired with an undated gold
row that carry a date ("dated where the text gives no date"), and those dated from an inferred
publication date (articles.published_source == 'inferred' and incidents.date_basis == 'published').

Publication dates. Gold `published` against articles.published, compared as strings (a more precise
predicted date than the gold is wrong); a predicted date whose published_source is 'inferred' counts as
no date. Accuracy over the articles with a gold value, and P/R/F1 where gold "" with predicted "" is a true
negative (not counted), a predicted date where the gold is "" is a false positive, a wrong date is both a
false positive and a miss.

Tallies (new-format sets). Gold `tallies` against attack_counts (`count`, `qualifier`, and `location`, else
`country`, as the predicted location). F1 by value (multiset per article), and by (value, location):
locations compared after name resolution; a gold location "" matches a predicted row with no location and
either no country or the article's only country (the one country among the article's required gold
places, when there is exactly one). Pairs by (value, location) form a maximum one-to-one matching.
Optional gold tallies absorb predicted counts in their range, as for troops. On pairs matched by (value,
location): agreement on qualifier, period_start and period_end.

Militias. Predicted: the actors mentioned in the article (mentions.entity_kind == 'actor' joined to
actors) that count as factions: the actors table's `is_faction` / `counts_as_faction` column when it has
one, else actor_type == 'militia'. Gold names resolved to a gazetteer id are compared by id. Gold names
that do not resolve (new facade groups, marked `new: true`, or gazetteer gaps) are matched first by
normalised name against predicted actors with in_gazetteer == False, then by count against the remaining
in_gazetteer == False actors of the article (transliterations differ). Optional gold militias (ISIS, SDF,
Hamas ...) are removed from the predicted side and are never misses. IRGC, Quds Force and Lebanese
Hezbollah count like any faction wherever the gold lists them; old-format gold never listed the IRGC and
the Quds Force (its convention called them state forces), so there they are ignored when not listed.

Places. Predicted: the set of place ids mentioned in the article (mentions.entity_kind == 'place'). A
predicted region the gold does not list is ignored when the gold lists the place it lies in (gazetteer
`within`: 'غرب الأنبار' is a finer name for Anbar), and on old-format gold (no event_places) always: those
sets were annotated before the gazetteer had directional regions.
Gold names are resolved to ids; unresolved gold places (not in the gazetteer) are counted as misses in the
main figure and listed; a second figure excludes them ("resolvable gold only"). Optional gold places are
removed from the predicted side and are never misses.

Event places (new-format sets). Gold `event_places` against the place ids of the article's mentions with
role == 'event' when the mentions table has a `role` column, else the places of the article's incident
rows. A background place predicted as an event place is a false positive. Optional gold event places are
removed from the predicted side.

F1 is micro-averaged over the whole set; per-article lines give counts and F1.

What `--lenient` changes (today's view, kept for comparison)
------------------------------------------------------------
Troops: extra predicted copies of a value that is in gold are ignored, not false positives; one F1 (by
value). Incidents: predicted rows are first collapsed on (article_id, event_key); every event type takes
part; dates are compatible when gold is "" or one ISO date is a prefix of the other (2024-01 ~
2024-01-28); required and optional gold rows are paired in one greedy pass (score: exact date 4, same place
3, weapon, perpetrator, killed, wounded 1 each); every unpaired predicted row is a false positive; the
agreement fields are weapon, perpetrator, place, killed, wounded and date_exact. Militias: actor_type ==
'militia' only. No publication date, tally or event place scores and no date counters. The inputs are
copied and merged as above in both modes (the old sets hold only .txt files and one metadata.csv, so this
changes nothing for them).
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # (the build runs in this process: `python bench/eval_devset.py` from anywhere)
from preprocess.resources import safe_load  # noqa: E402  (libyaml when present, as the build reads its resources)
GAZ = ROOT / "data" / "gazetteer"
LATEST = ROOT / "data" / "eval" / "latest.json"
LATEST_LENIENT = ROOT / "data" / "eval" / "latest-lenient.json"
SETS = ("devset", "devset2", "devset3", "devset4", "devset5", "devset6a", "devset6b", "devset7", "devset8", "devset9", "devset10", "devset11",
        "devset12", "devset13", "devset14", "devset15", "devset16", "devset17", "devset18", "devset19",
        "devset20", "devset21", "devset22", "devset23", "devset24", "devset25", "devset26", "devset27", "devset28", "devset29", "devset30", "devset31", "devset32", "devset33", "devset34", "devset35", "devset36", "devset37", "devset38", "devset39",
        "devset40", "devset41", "devset42", "devset43", "devset44", "devset45", "devset46", "devset47", "devset48", "devset49", "devset50", "devset51", "devset52", "devset53", "devset54", "devset55", "devset56", "devset57", "devset58", "devset59", "devset60", "devset61", "devset62", "devset63", "devset64", "devset65", "devset66", "devset67", "devset68", "devset69", "devset70", "devset71", "devset72", "devset73", "devset74", "devset75", "devset76", "devset77", "devset78", "devset79", "devset80", "devset81", "devset82", "devset83", "devset84", "devset85", "devset86", "devset87", "devset88", "devset89", "devset90", "devset91", "devset92", "devset93", "devset94", "devset95", "devset96", "devset97", "devset98", "devset99", "devset100", "devset101", "devset102", "devset103", "devset104", "devset105", "devset106", "devset107", "devset108", "devset109", "devset110", "devset111", "devset114", "devset115", "devset113", "devset112", "devset119", "devset116", "devset117", "devset118", "devset121", "devset122", "devset123", "devset120", "devset124", "devset125", "devset126", "devset127", "devset128", "devset130", "devset131", "devset129", "devset135", "devset132", "devset133", "devset134", "devset139", "devset137", "devset136", "devset138", "devset143", "devset140", "devset141", "devset142", "devset145", "devset147", "devset144", "devset146", "devset148", "devset149", "devset150", "devset151", "devset152", "devset153", "devset154", "devset155")
# a set written for a blind run at the end of a session: scored by --all only when asked, so that a routine
# --all never spends its blindness (devset4 and devset5 were scored blind once and are now ordinary sets)
# (devset92-95 were held out here until the session of 28 Nov 2026 (second) scored each once at its start;
# devset100-103, written and annotated in that session, were held out until its last rules scored them once;
# devset104-107, written and annotated at its end, were held out until the session of 28 Nov 2026 (fourth) scored each
# once at its start, at 8f1987a, before any rule changed)
HELDOUT_SETS: tuple[str, ...] = ()
INPUT_SUFFIXES = (".txt", ".html", ".htm")
SCORED_TYPES = ("attack", "strike")
FACTION_COLUMNS = ("is_faction", "counts_as_faction")
OLD_FORMAT_NEVER_LISTED = ("irgc", "quds_force")  # old gold's convention: state forces, never listed
NEW_FORMAT_KEYS = ("published", "tallies", "event_places")

# Columns the scorer reads; a table (or a hand-made test frame) without one gets it empty.
SCHEMA: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "published", "published_source"),
    "troops": ("article_id", "value", "qualifier", "force", "location", "kind", "quote", "start"),
    "incidents": ("article_id", "event_key", "date", "date_basis", "event_type", "weapon", "perpetrator",
                  "claimed_by", "place", "country", "killed", "wounded", "quote", "start"),
    "attack_counts": ("article_id", "count", "qualifier", "country", "location", "period_start", "period_end",
                      "quote", "start"),
    "mentions": ("article_id", "entity_id", "entity_kind", "surface", "start"),
    "actors": ("actor_id", "name_en", "name_ar", "actor_type", "in_gazetteer"),
    "places": ("place_id", "name_en"),
}
NUMERIC = {"value", "count", "killed", "wounded", "start"}
OPTIONAL_TABLES = ("incident_sources",)


# ----------------------------------------------------------------------------------------- names

def norm(name: object) -> str:
    s = str(name or "").lower().strip()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"\b(al|el)[- ]", "", s)
    s = re.sub(r"[-'`\s_.]", "", s)
    return s


_GAZETTEER_RECORDS: dict[str, list] = {}


def _gazetteer_records(kind: str) -> list:
    """The gazetteer's actors or places, read once per process (libyaml when present: every set's names need them)."""
    if kind not in _GAZETTEER_RECORDS:
        _GAZETTEER_RECORDS[kind] = safe_load((GAZ / f"{kind}.yaml").read_text(encoding="utf-8")) or []
    return _GAZETTEER_RECORDS[kind]


class Names:
    """Resolve analyst English names to gazetteer ids (from data/gazetteer, or from given records)."""

    def __init__(self, actors: list[dict] | None = None, places: list[dict] | None = None) -> None:
        self.actor_ix: dict[str, str] = {}
        self.place_ix: dict[str, str] = {}
        self.actor_name: dict[str, str] = {}
        self.place_name: dict[str, str] = {}
        self.actor_type: dict[str, str] = {}
        self.place_type: dict[str, str] = {}
        self.place_within: dict[str, str] = {}  # a region's parent place (gazetteer `within`)
        for kind, ix, names, given in (("actors", self.actor_ix, self.actor_name, actors),
                                       ("places", self.place_ix, self.place_name, places)):
            recs = given if given is not None else _gazetteer_records(kind)
            for rec in recs or []:
                rid = rec["id"]
                names[rid] = rec.get("name_en", rid)
                (self.actor_type if kind == "actors" else self.place_type)[rid] = rec.get("type", "")
                if kind == "places" and rec.get("within"):
                    self.place_within[rid] = rec["within"]
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


# ----------------------------------------------------------------------------------------- helpers

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

    def as_dict(self) -> dict:
        return {"precision": round(self.p(), 4), "recall": round(self.r(), 4), "f1": round(self.f(), 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def dates_compatible(gold: str, ext: str) -> bool:
    """Lenient: gold "" accepts anything; else one ISO date a prefix of the other."""
    gold, ext = (gold or "").strip(), (ext or "").strip()
    if not gold:
        return True
    if not ext:
        return False
    return gold.startswith(ext) or ext.startswith(gold)


def clean_date(v: object) -> str:
    """A predicted date as a plain ISO string: a range written 'start/end' or 'start..end' gives its start."""
    return re.split(r"/|\.\.", txt(v), maxsplit=1)[0].strip()


def date_right(gold: object, pred: object) -> bool:
    """Strict: the predicted date cut to the gold's precision equals it; gold "" needs an empty prediction."""
    g, p = txt(gold).strip(), clean_date(pred)
    if not g:
        return not p
    return p[: len(g)] == g


def date_fits(gold: object, pred: object) -> bool:
    """Strict compatibility on dates: date_right, except that a gold "" fits any predicted date."""
    return not txt(gold).strip() or date_right(gold, pred)


def txt(v: object) -> str:
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def as_int(v):
    if v is None or (isinstance(v, str) and not v.strip()):
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


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths); ties go to the lower indices."""
    adj = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def greedy_pairs(golds: list, preds: list, ok: Callable, score: Callable) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first (ties: gold order, then predicted order)."""
    cand = sorted((-score(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if ok(g, p))
    g_used, p_used, out = set(), set(), []
    for _s, gi, pi in cand:
        if gi in g_used or pi in p_used:
            continue
        g_used.add(gi)
        p_used.add(pi)
        out.append((gi, pi))
    return out


def rows_of(df: pd.DataFrame, aid: str, sort: str = "start") -> list[pd.Series]:
    sub = df[df.article_id == aid]
    if sort in sub.columns and len(sub):
        sub = sub.sort_values(sort, kind="stable")
    return [r for _, r in sub.iterrows()]


def in_ranges(val, ranges: list[tuple[float, float]]) -> bool:
    return val is not None and any(lo <= val <= hi for lo, hi in ranges)


def optional_ranges(rows: Iterable[dict]) -> list[tuple[float, float]]:
    out = []
    for o in rows:
        vr = o.get("value_range")
        if vr:
            out.append((float(vr[0]), float(vr[1])))
        elif o.get("value") is not None:
            out.append((float(o["value"]), float(o["value"])))
    return out


def is_new_format(gold_all: dict) -> bool:
    return any(isinstance(g, dict) and any(k in g for k in NEW_FORMAT_KEYS) for g in (gold_all or {}).values())


def prepare(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Copies of the tables with every column the scorer reads (missing ones empty) and strings never null."""
    out: dict[str, pd.DataFrame] = {}
    for name, cols in SCHEMA.items():
        t = tables.get(name)
        t = pd.DataFrame(columns=list(cols)) if t is None else t.copy()
        for col in cols:
            if col not in t.columns:
                t[col] = None if col in NUMERIC else ""
        out[name] = t
    for name in OPTIONAL_TABLES:
        if tables.get(name) is not None:
            out[name] = tables[name].copy()
    for t in out.values():  # nullable strings -> "" so comparisons and printing stay simple
        for col in t.columns:
            if col in NUMERIC:
                continue
            if t[col].dtype == "string" or t[col].dtype == object:
                t[col] = t[col].astype(object).where(t[col].notna(), "")
    return out


# ----------------------------------------------------------------------------------------- results

class Scores:
    """Everything one set's scoring produces: per category and article counts, lines, agreement, counters."""

    def __init__(self, strict: bool = True, new_format: bool = False) -> None:
        self.strict = strict
        self.new_format = new_format
        self.cats: dict[str, PRF] = defaultdict(PRF)
        self.per_article: dict[str, dict[str, PRF]] = defaultdict(lambda: defaultdict(PRF))
        self.misses: list[str] = []
        self.fps: list[str] = []
        self.agree: dict[str, Counter] = defaultdict(Counter)
        self.disagree_lines: list[str] = []
        self.notes: list[str] = []
        self.unresolved: dict[str, set] = defaultdict(set)
        self.counters: Counter = Counter()
        self.articles: list[str] = []
        self.published: dict[str, dict] = {}  # article_id -> gold, predicted, source, right

    def record(self, cat: str, aid: str, tp: int, fp: int, fn: int) -> None:
        self.cats[cat].add(tp, fp, fn)
        self.per_article[aid][cat].add(tp, fp, fn)

    def agree_on(self, cat: str, fld: str, ok: bool, aid: str, g, e) -> None:
        self.agree[f"{cat}.{fld}"]["agree" if ok else "differ"] += 1
        if not ok:
            self.disagree_lines.append(f"[{aid}] {cat} {fld}: gold={g!r} extracted={e!r}")


# ----------------------------------------------------------------------------------------- troops

def score_troops_lenient(aid: str, gold: dict, ext_t: pd.DataFrame, names: Names, sc: Scores) -> None:
    ext_t = ext_t[ext_t.article_id == aid].sort_values("start")
    gt = [g for g in (gold.get("troops") or []) if not g.get("optional")]
    gopt = [g for g in (gold.get("troops") or []) if g.get("optional")]
    gold_by_val: dict[int, list] = defaultdict(list)
    for g in gt:
        gold_by_val[int(g["value"])].append(g)
    ext_by_val: dict[int, list] = defaultdict(list)
    for _, r in ext_t.iterrows():
        ext_by_val[int(r["value"])].append(r)
    tp = fp = fn = 0
    for val in sorted(set(gold_by_val) | set(ext_by_val)):
        gs, es = gold_by_val.get(val, []), ext_by_val.get(val, [])
        if not gs:
            in_opt = [o for o in gopt if o.get("value_range") and o["value_range"][0] <= val <= o["value_range"][1]]
            if in_opt:
                continue
            fp += len(es)
            for e in es:
                sc.fps.append(f"[{aid}] troop FP: {val} {e.qualifier} {e.kind} loc={e.location!r} force={e.force!r} | {short(e.quote)}")
            continue
        m = min(len(gs), len(es))
        tp += m
        fn += len(gs) - m
        for g in gs[m:]:
            sc.misses.append(f"[{aid}] troop MISS: {val} {g.get('qualifier')} {g.get('kind')} loc={g.get('location')} force={g.get('force')}")
        # pair by kind when a value occurs several times
        es_left = list(es)
        for g in gs[:m]:
            es_left.sort(key=lambda e: (e.kind != g.get("kind"), norm(names.place_key(str(e.location))) != names.place_key(str(g.get("location", "")))))
            e = es_left.pop(0)
            _troop_agreement(aid, g, e, val, names, sc)
    sc.record("troops", aid, tp, fp, fn)


def _troop_agreement(aid: str, g: dict, e: pd.Series, val, names: Names, sc: Scores) -> None:
    sc.agree_on("troop", "qualifier", e.qualifier == g.get("qualifier"), aid, f"{val} {g.get('qualifier')}", e.qualifier)
    sc.agree_on("troop", "kind", e.kind == g.get("kind"), aid, f"{val} {g.get('kind')}", e.kind)
    gl, el = names.place_key(str(g.get("location") or "")), names.place_key(str(e.location or ""))
    sc.agree_on("troop", "location", gl == el, aid, f"{val} {g.get('location')}", e.location)
    sc.agree_on("troop", "force", norm(g.get("force")) == norm(e.force), aid, f"{val} {g.get('force')}", e.force)


def score_troops(aid: str, gold: dict, ext_t: pd.DataFrame, names: Names, sc: Scores) -> None:
    """Strict: every predicted figure counts; F1 by value ('troops') and by (value, qualifier) ('troops_qualifier')."""
    rows = [r for r in rows_of(ext_t, aid) if as_int(r["value"]) is not None]
    gt = [g for g in (gold.get("troops") or []) if not g.get("optional")]
    ranges = optional_ranges(g for g in (gold.get("troops") or []) if g.get("optional"))

    # by value: within a value, pair preferring the same qualifier, kind, location
    gold_by_val: dict[int, list] = defaultdict(list)
    for g in gt:
        gold_by_val[int(g["value"])].append(g)
    ext_by_val: dict[int, list] = defaultdict(list)
    for r in rows:
        ext_by_val[int(r["value"])].append(r)
    tp = fp = fn = 0
    for val in sorted(set(gold_by_val) | set(ext_by_val)):
        gs, es_left = gold_by_val.get(val, []), list(ext_by_val.get(val, []))
        for g in gs:
            if not es_left:
                fn += 1
                sc.misses.append(f"[{aid}] troop MISS: {val} {g.get('qualifier')} {g.get('kind')} loc={g.get('location')} force={g.get('force')}")
                continue
            es_left.sort(key=lambda e: (e.qualifier != g.get("qualifier"), e.kind != g.get("kind"),
                                        names.place_key(str(e.location or "")) != names.place_key(str(g.get("location") or ""))))
            e = es_left.pop(0)
            tp += 1
            _troop_agreement(aid, g, e, val, names, sc)
        for e in es_left:
            if in_ranges(val, ranges):
                sc.counters["troops.absorbed_by_optional"] += 1
                continue
            fp += 1
            what = "troop FP (figure repeated)" if gs else "troop FP"
            sc.fps.append(f"[{aid}] {what}: {val} {e.qualifier} {e.kind} loc={e.location!r} force={e.force!r} | {short(e.quote)}")
    sc.record("troops", aid, tp, fp, fn)

    # by (value, qualifier)
    gq = Counter((int(g["value"]), str(g.get("qualifier") or "")) for g in gt)
    eq = Counter((int(r["value"]), txt(r.qualifier)) for r in rows)
    tp = fp = fn = 0
    for key in set(gq) | set(eq):
        m = min(gq[key], eq[key])
        tp += m
        fn += gq[key] - m
        extra = eq[key] - m
        if extra and not in_ranges(key[0], ranges):
            fp += extra
    sc.record("troops_qualifier", aid, tp, fp, fn)


# ----------------------------------------------------------------------------------------- incidents

def _incident_score(g: dict, e: pd.Series, names: Names, exact_date: bool) -> int:
    score = 0
    if exact_date:
        score += 4 * (str(g.get("date") or "") == str(e.date or ""))
    else:
        score += 4 * date_right(g.get("date"), e.date)
    score += 3 * (names.place_key(g.get("place") or "") == names.place_key(str(e.place or "")) and bool(g.get("place")))
    score += 1 * (g.get("weapon") == e.weapon)
    score += 1 * (names.actor_key(g.get("perpetrator") or "") == names.actor_key(str(e.perpetrator or "")))
    score += 1 * (as_int(g.get("killed")) == as_int(e.killed))
    score += 1 * (as_int(g.get("wounded")) == as_int(e.wounded))
    return score


def _incident_tag(g: dict) -> str:
    return f"{g.get('date') or '(undated)'} {g.get('event_type')} {g.get('place') or '-'}"


def _incident_miss(aid: str, g: dict) -> str:
    return (f"[{aid}] incident MISS: {g.get('date') or '(undated)'} {g.get('event_type')} {g.get('weapon')} "
            f"place={g.get('place') or '-'} perp={g.get('perpetrator') or '-'} k={g.get('killed')} w={g.get('wounded')}")


def _incident_fp(aid: str, e: pd.Series, what: str = "incident FP") -> str:
    return (f"[{aid}] {what}: {e.date or '(undated)'} {e.event_type} {e.weapon} place={e.place or '-'} "
            f"perp={e.perpetrator or '-'} k={as_int(e.killed)} w={as_int(e.wounded)} | {short(e.quote)}")


def score_incidents_lenient(aid: str, gold: dict, ext_i: pd.DataFrame, names: Names, sc: Scores) -> None:
    ei = ext_i[ext_i.article_id == aid].sort_values("start")
    ei = ei.drop_duplicates(subset=["event_key"], keep="first") if "event_key" in ei else ei
    ext_rows = [r for _, r in ei.iterrows()]
    gi = list(gold.get("incidents") or [])
    pairs = greedy_pairs(gi, ext_rows,
                         lambda g, e: g.get("event_type") == e.event_type and dates_compatible(str(g.get("date") or ""), str(e.date or "")),
                         lambda g, e: _incident_score(g, e, names, exact_date=True))
    g_used = {a for a, _ in pairs}
    e_used = {b for _, b in pairs}
    tp = fp = fn = 0
    for gidx, eidx in pairs:
        g, e = gi[gidx], ext_rows[eidx]
        if g.get("optional"):
            continue
        tp += 1
        tag = f"{g.get('date')} {g.get('event_type')} {g.get('place') or '-'}"
        sc.agree_on("incident", "weapon", g.get("weapon") == e.weapon, aid, f"{tag}: {g.get('weapon')}", e.weapon)
        sc.agree_on("incident", "perpetrator", names.actor_key(g.get("perpetrator") or "") == names.actor_key(str(e.perpetrator or "")), aid, f"{tag}: {g.get('perpetrator')}", e.perpetrator)
        sc.agree_on("incident", "place", names.place_key(g.get("place") or "") == names.place_key(str(e.place or "")), aid, f"{tag}: {g.get('place')}", e.place)
        sc.agree_on("incident", "killed", as_int(g.get("killed")) == as_int(e.killed), aid, f"{tag}: {g.get('killed')}", as_int(e.killed))
        sc.agree_on("incident", "wounded", as_int(g.get("wounded")) == as_int(e.wounded), aid, f"{tag}: {g.get('wounded')}", as_int(e.wounded))
        sc.agree_on("incident", "date_exact", str(g.get("date") or "") == str(e.date or ""), aid, f"{tag}", e.date)
    for gidx, g in enumerate(gi):
        if gidx not in g_used and not g.get("optional"):
            fn += 1
            sc.misses.append(_incident_miss(aid, g))
    for eidx, e in enumerate(ext_rows):
        if eidx not in e_used:
            fp += 1
            sc.fps.append(_incident_fp(aid, e))
    sc.record("incidents", aid, tp, fp, fn)


def score_incidents(aid: str, gold: dict, ext_i: pd.DataFrame, names: Names, sc: Scores,
                    published_source: str = "") -> None:
    """Strict: every predicted attack/strike row counts (see the module docstring)."""
    rows = rows_of(ext_i, aid)
    has_outcome = "outcome" in ext_i.columns
    has_date_end = "date_end" in ext_i.columns
    gi = list(gold.get("incidents") or [])
    req = [g for g in gi if not g.get("optional") and g.get("event_type") in SCORED_TYPES]
    opt = [g for g in gi if g.get("optional") or g.get("event_type") not in SCORED_TYPES]

    def same_place(g: dict, e: pd.Series) -> bool:
        gp, ep = names.place_key(g.get("place") or ""), names.place_key(txt(e.place))
        return bool(gp) and gp == ep

    def ok(g: dict, e: pd.Series) -> bool:
        return g.get("event_type") == e.event_type and (date_fits(g.get("date"), e.date) or same_place(g, e))

    def score(g: dict, e: pd.Series) -> int:
        return _incident_score(g, e, names, exact_date=False)

    pairs = greedy_pairs(req, rows, ok, score)
    used = {pi for _, pi in pairs}
    left = [pi for pi in range(len(rows)) if pi not in used]
    opt_pairs = [(gi_, left[k]) for gi_, k in greedy_pairs(opt, [rows[pi] for pi in left], ok, score)]
    used |= {pi for _, pi in opt_pairs}

    # counters over every predicted attack/strike row
    for pi, e in enumerate(rows):
        if e.event_type not in SCORED_TYPES:
            continue
        sc.counters["incidents.predicted"] += 1
        if txt(published_source) == "inferred" and txt(e.date_basis) == "published" and clean_date(e.date):
            sc.counters["incidents.dated_from_inferred_published"] += 1
            sc.notes.append(_incident_fp(aid, e, "incident dated from an inferred publication date"))
    for golds, prs in ((req, pairs), (opt, opt_pairs)):
        for gidx, pi in prs:
            e = rows[pi]
            if e.event_type in SCORED_TYPES and not txt(golds[gidx].get("date")).strip():
                sc.counters["incidents.matched_undated_gold"] += 1
                if clean_date(e.date):
                    sc.counters["incidents.dated_without_date"] += 1

    for gidx, pi in pairs:
        g, e = req[gidx], rows[pi]
        tag = _incident_tag(g)
        sc.agree_on("incident", "date", date_right(g.get("date"), e.date), aid, tag, e.date)
        if has_date_end and "date_end" in g:
            sc.agree_on("incident", "date_end", date_right(g.get("date_end"), e.date_end), aid, f"{tag}: {g.get('date_end')}", e.date_end)
        sc.agree_on("incident", "place", names.place_key(g.get("place") or "") == names.place_key(txt(e.place)), aid, f"{tag}: {g.get('place')}", e.place)
        sc.agree_on("incident", "weapon", g.get("weapon") == e.weapon, aid, f"{tag}: {g.get('weapon')}", e.weapon)
        sc.agree_on("incident", "perpetrator", names.actor_key(g.get("perpetrator") or "") == names.actor_key(txt(e.perpetrator)), aid, f"{tag}: {g.get('perpetrator')}", e.perpetrator)
        if "claimed_by" in g:
            sc.agree_on("incident", "claimed_by", names.actor_key(g.get("claimed_by") or "") == names.actor_key(txt(e.claimed_by)), aid, f"{tag}: {g.get('claimed_by')}", e.claimed_by)
        if "outcome" in g:
            pred_outcome = txt(e.outcome) if has_outcome else ""
            sc.agree_on("incident", "outcome", norm(g.get("outcome")) == norm(pred_outcome), aid, f"{tag}: {g.get('outcome')}", pred_outcome)
        k_ok = as_int(g.get("killed")) == as_int(e.killed)
        w_ok = as_int(g.get("wounded")) == as_int(e.wounded)
        sc.agree_on("incident", "killed", k_ok, aid, f"{tag}: {g.get('killed')}", as_int(e.killed))
        sc.agree_on("incident", "wounded", w_ok, aid, f"{tag}: {g.get('wounded')}", as_int(e.wounded))
        sc.agree["incident.casualties"]["agree" if k_ok and w_ok else "differ"] += 1

    matched_req = {gidx for gidx, _ in pairs}
    fn = 0
    for gidx, g in enumerate(req):
        if gidx not in matched_req:
            fn += 1
            sc.misses.append(_incident_miss(aid, g))
    fp = 0
    for pi, e in enumerate(rows):
        if pi in used:
            continue
        if e.event_type not in SCORED_TYPES:
            sc.counters["incidents.other_ignored"] += 1
            continue
        fp += 1
        sc.fps.append(_incident_fp(aid, e))
    sc.record("incidents", aid, len(pairs), fp, fn)


# ----------------------------------------------------------------------------------------- publication dates

def score_published(aid: str, gold_published: str | None, articles: pd.DataFrame, sc: Scores) -> None:
    """Gold "" and predicted "" agree (true negative); an inferred predicted date counts as none."""
    if gold_published is None:
        return
    g = txt(gold_published).strip()
    row = articles[articles.article_id == aid]
    p, src = "", ""
    if len(row):
        src = txt(row.iloc[0].published_source)
        p = "" if src == "inferred" else txt(row.iloc[0].published).strip()
    right = g == p
    sc.published[aid] = {"gold": g, "predicted": p, "source": src, "right": right}
    sc.counters["published.articles"] += 1
    sc.counters["published.right"] += right
    tp = int(bool(g) and right)
    fp = int(bool(p) and not right)
    fn = int(bool(g) and not right)
    sc.record("published", aid, tp, fp, fn)
    shown = f"{p!r} ({src})" if src else repr(p)
    if fn:
        sc.misses.append(f"[{aid}] published MISS: gold {g!r}, extracted {shown}")
    if fp:
        sc.fps.append(f"[{aid}] published FP: extracted {shown}, gold {g!r}")
    if src == "inferred":
        sc.counters["published.inferred_ignored"] += 1


# ----------------------------------------------------------------------------------------- tallies

def score_tallies(aid: str, gold: dict, ext_c: pd.DataFrame, names: Names, sc: Scores,
                  only_country: str = "") -> None:
    """Strict: F1 by value ('tallies') and by (value, location) ('tallies_location')."""
    rows = [r for r in rows_of(ext_c, aid) if as_int(r["count"]) is not None]
    gt = [g for g in (gold.get("tallies") or []) if not g.get("optional")]
    ranges = optional_ranges(g for g in (gold.get("tallies") or []) if g.get("optional"))
    vals = [as_int(r["count"]) for r in rows]
    only_key = names.place_key(only_country)

    def pred_loc(r: pd.Series) -> str:
        return txt(r.location) or txt(r.country)

    def loc_ok(g: dict, r: pd.Series) -> bool:
        gl = names.place_key(str(g.get("location") or ""))
        if gl:
            return gl == names.place_key(pred_loc(r))
        if txt(r.location):
            return False
        c = names.place_key(txt(r.country))
        return not c or (bool(only_key) and c == only_key)

    def describe(r: pd.Series) -> str:
        return f"{as_int(r['count'])} {r.qualifier} loc={txt(r.location)!r} country={txt(r.country)!r} | {short(r.quote)}"

    for cat, ok in (("tallies", lambda i, j: as_int(gt[i]["value"]) == vals[j]),
                    ("tallies_location", lambda i, j: as_int(gt[i]["value"]) == vals[j] and loc_ok(gt[i], rows[j]))):
        pairs = max_matching(len(gt), len(rows), ok)
        g_used = {i for i, _ in pairs}
        r_used = {j for _, j in pairs}
        fn = len(gt) - len(pairs)
        fp = 0
        label = "tally" if cat == "tallies" else "tally (value, location)"
        for j, r in enumerate(rows):
            if j in r_used:
                continue
            if in_ranges(vals[j], ranges):
                sc.counters[f"{cat}.absorbed_by_optional"] += 1
                continue
            fp += 1
            sc.fps.append(f"[{aid}] {label} FP: {describe(r)}")
        for i, g in enumerate(gt):
            if i not in g_used:
                sc.misses.append(f"[{aid}] {label} MISS: {g.get('value')} {g.get('qualifier')} loc={g.get('location')!r}")
        sc.record(cat, aid, len(pairs), fp, fn)
        if cat == "tallies_location":
            for i, j in pairs:
                g, r = gt[i], rows[j]
                tag = f"{g.get('value')} loc={g.get('location')!r}"
                sc.agree_on("tally", "qualifier", txt(r.qualifier) == str(g.get("qualifier") or ""), aid, f"{tag}: {g.get('qualifier')}", r.qualifier)
                for fld in ("period_start", "period_end"):
                    if fld in g:
                        sc.agree_on("tally", fld, date_right(g.get(fld), r[fld]), aid, f"{tag}: {g.get(fld)}", txt(r[fld]))


def only_gold_country(gold: dict, names: Names) -> str:
    """The one country among the article's required gold places, or "" when there are none or several."""
    found = set()
    for x in gold.get("places") or []:
        n, meta = item_name(x)
        pid = names.place(n)
        if pid and not meta.get("optional") and names.place_type.get(pid) == "country":
            found.add(pid)
    return names.place_name[found.pop()] if len(found) == 1 else ""


# ----------------------------------------------------------------------------------------- militias

def faction_column(actors: pd.DataFrame) -> str | None:
    return next((c for c in FACTION_COLUMNS if c in actors.columns), None)


def _truthy(v) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("true", "1", "yes")
    try:
        return bool(v) and not pd.isna(v)
    except (TypeError, ValueError):
        return bool(v)


def score_militias(aid: str, gold: dict, men: pd.DataFrame, actors: pd.DataFrame, names: Names, sc: Scores,
                   strict: bool = True, old_format: bool = False) -> None:
    actors = actors.set_index("actor_id") if "actor_id" in actors.columns else actors
    am = men[(men.article_id == aid) & (men.entity_kind == "actor")]
    ext_ids = {i for i in set(am.entity_id) if i in actors.index}
    col = faction_column(actors) if strict else None
    if col:
        is_faction = {i: _truthy(actors.loc[i, col]) for i in ext_ids}
        ext_mil = {i for i in ext_ids if is_faction[i] and _truthy(actors.loc[i, "in_gazetteer"])}
        ext_new = {i for i in ext_ids if is_faction[i] and not _truthy(actors.loc[i, "in_gazetteer"])}
    else:
        ext_mil = {i for i in ext_ids if actors.loc[i, "actor_type"] == "militia" and bool(actors.loc[i, "in_gazetteer"])}
        ext_new = {i for i in ext_ids if not bool(actors.loc[i, "in_gazetteer"])}
    req_ids, opt_ids, req_unres = set(), set(), []
    listed = set()
    for x in gold.get("militias") or []:
        n, meta = item_name(x)
        rid = names.actor(n)
        if rid:
            listed.add(rid)
        if rid is None:
            sc.unresolved["militia"].add(f"{n}{' (new)' if meta.get('new') else ''}")
        if meta.get("optional"):
            if rid:
                opt_ids.add(rid)
            continue
        if rid:
            req_ids.add(rid)
        else:
            req_unres.append(n)
    if strict and old_format:
        opt_ids |= {i for i in OLD_FORMAT_NEVER_LISTED if i not in listed}
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
        sc.disagree_lines.append(f"[{aid}] militia matched by count: gold {n!r} ~ extracted new {actors.loc[i, 'name_en']!r} ({actors.loc[i, 'name_ar']})")
    fn = len(fn_ids) + len(unres_left) - k
    fp = len(fp_ids) + len(new_left) - k
    for i in sorted(fn_ids):
        sc.misses.append(f"[{aid}] militia MISS: {names.actor_name.get(i, i)}")
    for n in unres_left[k:]:
        sc.misses.append(f"[{aid}] militia MISS (new/unresolved): {n}")
    for i in sorted(fp_ids):
        surf = "; ".join(sorted(set(am[am.entity_id == i].surface)))[:80]
        sc.fps.append(f"[{aid}] militia FP: {names.actor_name.get(i, i)} | surface: {surf}")
    for i in new_left[k:]:
        surf = "; ".join(sorted(set(am[am.entity_id == i].surface)))[:80]
        sc.fps.append(f"[{aid}] militia FP (new group): {actors.loc[i, 'name_en']} [{actors.loc[i, 'actor_type']}] | surface: {surf}")
    sc.record("militias", aid, tp, fp, fn)


# ----------------------------------------------------------------------------------------- places

def _gold_place_keys(items: list, names: Names, sc: Scores, kind: str) -> tuple[dict, set, list]:
    req_keys, opt_keys, unres = {}, set(), []
    for x in items or []:
        n, meta = item_name(x)
        pid = names.place(n)
        if pid is None and not meta.get("optional"):
            sc.unresolved[kind].add(n)
        key = names.place_key(pid) if pid else None
        if meta.get("optional"):
            opt_keys.add(key or norm(n))
            continue
        if key:
            req_keys[key] = n
        else:
            unres.append(n)
    return req_keys, opt_keys, unres


def score_places(aid: str, gold: dict, men: pd.DataFrame, names: Names, sc: Scores) -> None:
    pm = men[(men.article_id == aid) & (men.entity_kind == "place")]
    ext_keys: dict[str, set] = defaultdict(set)
    for pid in set(pm.entity_id):
        ext_keys[names.place_key(pid)].add(pid)
    req_keys, opt_keys, unres_places = _gold_place_keys(gold.get("places"), names, sc, "place")
    ext_set = set(ext_keys) - opt_keys
    # a directional region the gold does not list ("غرب الأنبار") is a finer name for the place it lies in: not an
    # error when the gold lists that place; on old-format gold (devset, devset2, annotated before the gazetteer
    # had directional regions) no unlisted region is an error
    ext_set -= {k for k, pids in ext_keys.items() if k not in req_keys and all(
        names.place_type.get(p) == "region" and ("event_places" not in gold or names.place_key(names.place_within.get(p, "")) in req_keys)
        for p in pids)}
    tp = len(set(req_keys) & ext_set)
    fn_keys = set(req_keys) - ext_set
    fp_keys = ext_set - set(req_keys)
    sc.record("places_resolvable", aid, tp, len(fp_keys), len(fn_keys))
    sc.record("places", aid, tp, len(fp_keys), len(fn_keys) + len(unres_places))
    for kk in sorted(fn_keys):
        sc.misses.append(f"[{aid}] place MISS: {req_keys[kk]}")
    for n in unres_places:
        sc.misses.append(f"[{aid}] place MISS (not in gazetteer): {n}")
    for kk in sorted(fp_keys):
        pids = ext_keys[kk]
        surf = "; ".join(sorted(set(pm[pm.entity_id.isin(pids)].surface)))[:80]
        sc.fps.append(f"[{aid}] place FP: {', '.join(names.place_name.get(p, p) for p in sorted(pids))} | surface: {surf}")


def predicted_event_places(aid: str, men: pd.DataFrame, inc: pd.DataFrame, names: Names) -> tuple[dict[str, set], str]:
    """Place key -> predicted ids or names, and where they came from (mentions.role, else incidents.place)."""
    out: dict[str, set] = defaultdict(set)
    if "role" in men.columns:
        pm = men[(men.article_id == aid) & (men.entity_kind == "place") & (men.role.astype(str) == "event")]
        for pid in set(pm.entity_id):
            out[names.place_key(pid)].add(pid)
        return out, "mentions.role"
    for p in set(inc[inc.article_id == aid].place):
        if txt(p):
            pid = names.place(txt(p))
            out[names.place_key(pid or txt(p))].add(pid or txt(p))
    return out, "incidents.place"


def score_event_places(aid: str, gold: dict, men: pd.DataFrame, inc: pd.DataFrame, names: Names, sc: Scores) -> None:
    ext_keys, source = predicted_event_places(aid, men, inc, names)
    sc.counters[f"event_places.from_{source}"] += 1
    req_keys, opt_keys, unres = _gold_place_keys(gold.get("event_places"), names, sc, "event place")
    ext_set = set(ext_keys) - opt_keys
    tp = len(set(req_keys) & ext_set)
    fn_keys = set(req_keys) - ext_set
    fp_keys = ext_set - set(req_keys)
    background = {names.place_key(names.place(item_name(x)[0]) or item_name(x)[0]) for x in gold.get("places") or []}
    sc.record("event_places", aid, tp, len(fp_keys), len(fn_keys) + len(unres))
    for kk in sorted(fn_keys):
        sc.misses.append(f"[{aid}] event place MISS: {req_keys[kk]}")
    for n in unres:
        sc.misses.append(f"[{aid}] event place MISS (not in gazetteer): {n}")
    for kk in sorted(fp_keys):
        what = "event place FP (background place)" if kk in background else "event place FP"
        sc.fps.append(f"[{aid}] {what}: {', '.join(names.place_name.get(p, p) for p in sorted(ext_keys[kk]))}")


# ----------------------------------------------------------------------------------------- one set

def score_set(gold_all: dict, tables: dict[str, pd.DataFrame], names: Names, strict: bool = True,
              metadata: dict[str, dict] | None = None) -> Scores:
    """Score one set's tables against its gold. `metadata` (article_id -> row) gives old sets' published dates."""
    T = prepare(tables)
    new_format = is_new_format(gold_all)
    sc = Scores(strict=strict, new_format=new_format)
    sc.articles = sorted(gold_all)
    arts = T["articles"]
    for aid in sc.articles:
        gold = gold_all[aid] or {}
        if not strict:
            score_troops_lenient(aid, gold, T["troops"], names, sc)
            score_incidents_lenient(aid, gold, T["incidents"], names, sc)
            score_militias(aid, gold, T["mentions"], T["actors"], names, sc, strict=False)
            score_places(aid, gold, T["mentions"], names, sc)
            continue
        row = arts[arts.article_id == aid]
        src = txt(row.iloc[0].published_source) if len(row) else ""
        score_troops(aid, gold, T["troops"], names, sc)
        score_incidents(aid, gold, T["incidents"], names, sc, published_source=src)
        score_militias(aid, gold, T["mentions"], T["actors"], names, sc, strict=True, old_format=not new_format)
        score_places(aid, gold, T["mentions"], names, sc)
        if new_format:
            score_published(aid, gold.get("published") if "published" in gold else None, arts, sc)
            score_tallies(aid, gold, T["attack_counts"], names, sc, only_country=only_gold_country(gold, names))
            score_event_places(aid, gold, T["mentions"], T["incidents"], names, sc)
        else:
            meta_pub = txt((metadata or {}).get(aid, {}).get("published")).strip()
            score_published(aid, meta_pub or None, arts, sc)
    if strict and "incident_sources" in T:
        src_t = T["incident_sources"]
        inc = T["incidents"][T["incidents"].article_id.isin(sc.articles)]
        sc.counters["incident_sources.incidents"] = len(inc)
        sc.counters["incident_sources.incidents_with_sources"] = int(inc.incident_id.isin(set(src_t.incident_id)).sum()) \
            if "incident_id" in inc.columns and "incident_id" in src_t.columns else 0
    return sc


# ----------------------------------------------------------------------------------------- report

LABELS = {
    "troops": "troops", "troops_qualifier": "troops (value, qualifier)", "incidents": "incidents",
    "militias": "militias", "places": "places", "places_resolvable": "places (resolvable gold only)",
    "event_places": "event places", "tallies": "tallies (value)", "tallies_location": "tallies (value, location)",
    "published": "publication dates",
}
MAIN4 = ("troops", "incidents", "militias", "places")


def summary_categories(sc: Scores) -> list[str]:
    if not sc.strict:
        return ["troops", "incidents", "militias", "places", "places_resolvable"]
    cats = ["troops", "troops_qualifier", "incidents", "militias", "places", "places_resolvable"]
    if sc.new_format:
        cats += ["event_places", "tallies", "tallies_location"]
    return cats + ["published"]


def article_categories(sc: Scores) -> list[str]:
    if sc.strict and sc.new_format:
        return list(MAIN4) + ["tallies_location", "event_places", "published"]
    return list(MAIN4)


def _ratio(sc: Scores, num: str, den: str) -> str:
    return f"{sc.counters[num]}/{sc.counters[den]}"


def print_report(sc: Scores, quiet: bool = False) -> None:
    n = len(sc.articles)
    if sc.strict:
        print(f"\n== Devset scores (micro-averaged over {n} articles; strict"
              f"{'' if sc.new_format else ', old-format gold'})")
    else:
        print("\n== Devset scores (micro-averaged over", n, "articles)")
    for c in summary_categories(sc):
        print(f"  {LABELS[c]:<31} {sc.cats[c].line()}")
    print(f"  {'mean F1 of the four':<31} {sum(sc.cats[c].f() for c in MAIN4) / 4:.3f}")

    if sc.strict:
        print("\n== Dates")
        print(f"  {'publication date right':<52} {_ratio(sc, 'published.right', 'published.articles')} articles "
              f"({sc.counters['published.inferred_ignored']} inferred dates counted as none"
              f"{'' if sc.new_format else '; gold = metadata.csv, articles without one skipped'})")
        print(f"  {'incidents dated where the text gives no date':<52} "
              f"{_ratio(sc, 'incidents.dated_without_date', 'incidents.matched_undated_gold')} predicted rows paired with undated gold")
        print(f"  {'incidents dated from an inferred publication date':<52} "
              f"{_ratio(sc, 'incidents.dated_from_inferred_published', 'incidents.predicted')} predicted attack/strike rows")
        extra = [(k, v) for k, v in sorted(sc.counters.items()) if k.endswith("absorbed_by_optional") or k.startswith(("event_places.", "incident_sources.", "incidents.other"))]
        if extra:
            print("  " + "; ".join(f"{k}={v}" for k, v in extra))

    print("\n== Attribute agreement on matched items")
    for key in sorted(sc.agree):
        a, d = sc.agree[key]["agree"], sc.agree[key]["differ"]
        print(f"  {key:<24} {a}/{a + d}")

    cats = article_categories(sc)
    print("\n== Per article (F1; tp/fp/fn)")
    print(f"  {'article':<30} " + " ".join(f"{LABELS[c].split(' (')[0]:>16}" for c in cats))
    for aid in sc.articles:
        cells = []
        for c in cats:
            x = sc.per_article[aid][c]
            if c == "published":
                pub = sc.published.get(aid)
                cells.append("-" if pub is None else ("right" if pub["right"] else "wrong") + (" (none)" if not pub["gold"] else ""))
            else:
                cells.append(f"{x.f():.2f} {x.tp}/{x.fp}/{x.fn}")
        print(f"  {aid:<30} " + " ".join(f"{s:>16}" for s in cells))

    if not quiet:
        print(f"\n== Misses ({len(sc.misses)})")
        for line in sc.misses:
            print("  " + line)
        print(f"\n== False positives ({len(sc.fps)})")
        for line in sc.fps:
            print("  " + line)
        print(f"\n== Attribute disagreements on matched items ({len(sc.disagree_lines)})")
        for line in sc.disagree_lines:
            print("  " + line)
        if sc.strict:
            print(f"\n== Incidents dated from an inferred publication date ({len(sc.notes)})")
            for line in sc.notes:
                print("  " + line)
        print("\n== Gold names not resolved to a gazetteer id (fix the gold name if it is a spelling mismatch)")
        kinds = ("militia", "place", "event place") if sc.strict and sc.new_format else ("militia", "place")
        for kind in kinds:
            print(f"  {kind}: " + (", ".join(sorted(sc.unresolved[kind])) or "(none)"))


def scores_to_dict(sc: Scores, devset: str) -> dict:
    cats = summary_categories(sc)
    return {
        "devset": devset,
        "mode": "strict" if sc.strict else "lenient",
        "gold_format": "new" if sc.new_format else "old",
        "n_articles": len(sc.articles),
        "categories": {c: sc.cats[c].as_dict() for c in cats},
        "mean_f1_four": round(sum(sc.cats[c].f() for c in MAIN4) / 4, 4),
        "agreement": {k: {"agree": v["agree"], "total": v["agree"] + v["differ"],
                          "rate": round(v["agree"] / (v["agree"] + v["differ"]), 4) if v["agree"] + v["differ"] else None}
                      for k, v in sorted(sc.agree.items())},
        "dates": {
            "published_right": sc.counters["published.right"],
            "published_articles": sc.counters["published.articles"],
            "published_inferred_counted_as_none": sc.counters["published.inferred_ignored"],
            "incidents_dated_without_date": sc.counters["incidents.dated_without_date"],
            "incidents_paired_with_undated_gold": sc.counters["incidents.matched_undated_gold"],
            "incidents_dated_from_inferred_published": sc.counters["incidents.dated_from_inferred_published"],
            "incidents_predicted": sc.counters["incidents.predicted"],
        } if sc.strict else {},
        "counters": dict(sorted(sc.counters.items())),
        "n_misses": len(sc.misses),
        "n_false_positives": len(sc.fps),
        "per_article": {aid: {c: sc.per_article[aid][c].as_dict() for c in article_categories(sc)} for aid in sc.articles},
        "unresolved_gold_names": {k: sorted(v) for k, v in sorted(sc.unresolved.items())},
        "published": dict(sorted(sc.published.items())),
    }


def git_state() -> dict:
    def run(*cmd: str) -> str:
        try:
            return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
    status = run("status", "--porcelain").splitlines()
    return {"commit": run("rev-parse", "--short", "HEAD").strip() or None,
            "dirty": any(not s.startswith("??") for s in status),
            "untracked_files": sum(s.startswith("??") for s in status)}


# ----------------------------------------------------------------------------------------- build

def merge_metadata(devset: Path) -> tuple[list[str], dict[str, dict]]:
    """metadata.csv, then metadata_*.csv (sorted): one row per article_id, empty cells filled by later files."""
    cols: list[str] = ["article_id"]
    rows: dict[str, dict] = {}
    files = [devset / "metadata.csv"] if (devset / "metadata.csv").exists() else []
    files += sorted(devset.glob("metadata_*.csv"))
    for f in files:
        with f.open(encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh):
                aid = (rec.get("article_id") or "").strip()
                if not aid:
                    continue
                for c in rec:
                    if c and c not in cols:
                        cols.append(c)
                have = rows.setdefault(aid, {"article_id": aid})
                for c, v in rec.items():
                    if c and v and not have.get(c):
                        have[c] = v
    return cols, rows


def prepare_inputs(devset: Path, inp: Path) -> dict[str, dict]:
    inp.mkdir(parents=True, exist_ok=True)
    for f in sorted(devset.iterdir()):
        if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES:
            shutil.copy2(f, inp / f.name)
    cols, rows = merge_metadata(devset)
    if rows:
        with (inp / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for aid in sorted(rows):
                w.writerow({c: rows[aid].get(c, "") for c in cols})
    return rows


def build(devset: Path, out: Path, inp: Path) -> tuple[dict[str, dict], str]:
    """Build one set's tables with the build the CLI runs (preprocess.build.build), in this process and with one
    worker: (its metadata, the line the CLI would print first). A process per set cost more than the build itself
    (imports, resources and a pool of workers for ten articles), and the tables do not depend on the worker count."""
    from preprocess.build import BuildError, build as build_tables

    metadata = prepare_inputs(devset, inp)
    try:
        report = build_tables([inp], out, workers=1)
    except BuildError as exc:
        sys.stderr.write("\n".join(exc.problems) + "\n")
        raise SystemExit(f"build of {devset} failed") from None
    counts = " ".join(f"{k}={v}" for k, v in report.counts.items())
    return metadata, (f"built {report.n_articles} articles ({report.n_extracted} extracted, {report.n_cached} from cache) "
                      f"in {report.seconds:.1f}s into {out}: {counts}")


def load_tables(out: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for t in (*SCHEMA, *OPTIONAL_TABLES):
        f = out / f"{t}.parquet"
        if f.exists():
            tables[t] = pd.read_parquet(f)
    return tables


def check_devset(devset: Path) -> str | None:
    """Why the set cannot be scored, or None."""
    if not devset.is_dir():
        return f"no development set at {devset} (write its articles and gold.yaml first: tests/GOLD_FORMAT.md)"
    if not (devset / "gold.yaml").exists():
        return f"{devset} has no gold.yaml yet: it cannot be scored until its gold annotations exist"
    return None


def score_built(devset: Path, out_dir: Path, metadata: dict[str, dict], strict: bool, quiet: bool) -> Scores:
    gold_all = safe_load((devset / "gold.yaml").read_text(encoding="utf-8")) or {}
    tables = load_tables(out_dir)
    rejects = pd.read_parquet(out_dir / "rejects.parquet") if (out_dir / "rejects.parquet").exists() else None
    if rejects is not None and len(rejects):
        # an article the build could not read or extract is scored as if it said nothing: say so before the figures
        print(f"!! {len(rejects)} article(s) rejected by the build, scored as empty:")
        for r in rejects.itertuples():
            print(f"   {r.file} ({r.stage}): {r.reason}")
    sc = score_set(gold_all, tables, Names(), strict=strict, metadata=metadata)
    print_report(sc, quiet=quiet)
    return sc


def build_all(devsets: list[Path], root: Path, outs: list[Path]) -> list[tuple[dict[str, dict], str]]:
    """Every set's build, one after the other in this process (the extractor and its resources load once).
    Returns (metadata, first line of the build)."""
    return [build(devsets[i], outs[i], root / f"input{i}") for i in range(len(devsets))]


def rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", action="append", default=[],
                    help="a set to score (repeat for several, in one process); default tests/devset")
    ap.add_argument("--out", default="", help="keep the built tables here (default: a temporary folder); "
                                              "with --all, one subfolder per set")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    ap.add_argument("--lenient", action="store_true", help="today's lenient scoring, for comparison")
    ap.add_argument("--json", default="", help="also write every figure to this JSON file")
    ap.add_argument("--all", action="store_true", help="score every set that exists and write data/eval/latest.json")
    ap.add_argument("--include-heldout", action="store_true", help="with --all, also score the held-out sets (HELDOUT_SETS)")
    args = ap.parse_args(argv)
    strict = not args.lenient

    if args.all:
        names = SETS + (HELDOUT_SETS if args.include_heldout else ())
        devsets = []
        for name in names:
            d = ROOT / "tests" / name
            why = check_devset(d)
            if why:
                print(f"(skipping {name}: {why})")
            else:
                devsets.append(d)
        if not devsets:
            raise SystemExit("no development set could be scored")
    else:
        devsets = [Path(p) for p in (args.devset or [str(ROOT / "tests" / "devset")])]
        for d in devsets:
            why = check_devset(d)
            if why:
                raise SystemExit(why)

    measured = {"measured_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                **git_state(), "mode": "strict" if strict else "lenient", "sets": {}}
    with tempfile.TemporaryDirectory() as tmp:
        outs = [Path(args.out) / d.name if args.out and len(devsets) > 1 else (Path(args.out) if args.out else Path(tmp) / f"out{i}")
                for i, d in enumerate(devsets)]
        built = build_all(devsets, Path(tmp), outs)
        for d, out, (metadata, first_line) in zip(devsets, outs, built):
            if len(devsets) > 1:
                print(f"\n######## {rel(d)}")
            print(first_line)
            sc = score_built(d, out, metadata, strict, args.quiet)
            measured["sets"][d.name] = scores_to_dict(sc, rel(d))

    targets = [Path(args.json)] if args.json else []
    if args.all:
        targets.append(LATEST if strict else LATEST_LENIENT)
    for f in targets:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(measured, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {rel(f)}")


if __name__ == "__main__":
    main()
