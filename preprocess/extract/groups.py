"""Mentions of gazetteer entities, and armed groups the text names that the gazetteer does not know (new groups)."""
from __future__ import annotations

import bisect
import hashlib
import re

from preprocess.cues import Cues
from preprocess.extract.doc import QUOTE_CHARS, _Doc, _opens_dateline, per_gazetteer, place_ids_by_name
from preprocess.gazetteer import EntityMatch
from preprocess.normalize import normalize, normalize_char_string

# ---------------------------------------------------------------- mentions and new groups

def _mentions(doc: _Doc, new_groups: list[tuple[dict, tuple[int, int]]]) -> list[dict]:
    """Every entity mention with its sentence; `role` is set later by mention_roles."""
    rows = []
    items = [(e.start, e.end, e.entity_id, e.entity_kind) for e in doc.entities]
    items += [(s, e, g["actor_id"], "actor") for g, (s, e) in new_groups]
    for start, end, entity_id, kind in sorted(items):
        s0, s1 = doc.sentence_of(start)
        rows.append({
            "mention_id": f"{doc.article_id}-men-{start}",
            "article_id": doc.article_id,
            "entity_id": entity_id,
            "entity_kind": kind,
            "surface": doc.text[start:end],
            "start": start,
            "end": end,
            "sentence_start": s0,
            "sentence_end": s1,
            "role": "background",
        })
    return rows


EVENT_CONTEXT_TYPES = ("city", "province")  # a town or province named with an event is one of its places
DATELINE_REACH = 400  # characters: a dateline sits in the first lines of a page


def mention_roles(doc: _Doc, gazetteer, mentions: list[dict], incidents: list[dict], sources: list[dict]) -> None:
    """Set each mention's role in place: `event` (the place, city, perpetrator, claimant or target of an
    incident, named in a sentence behind it), `dateline` (a place in a short line at the top that dates the
    page), else `background` (where a group usually operates, a governor's title, a war elsewhere)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for src in sources:
        spans.setdefault(src["incident_id"], []).append((src["start"], src["end"]))
    by_name = place_ids_by_name(gazetteer)
    starts = [m["start"] for m in mentions]  # mentions come sorted by start
    mention_spans: dict[str, list[tuple[int, int]]] = {}
    for src in sources:
        if src["slot"] == "mention":
            mention_spans.setdefault(src["incident_id"], []).append((src["start"], src["end"]))
    wanted: list[tuple[set[str], list[tuple[int, int]]]] = []
    for inc in incidents:
        ids = set()
        place_id = by_name.get(inc["place"])
        if place_id:
            ids |= {place_id, gazetteer.places[place_id].get("city", "")}
        # "قاعدة عين الأسد غربي الأنبار": the town, province or region the report names with the event
        countries = set(inc["country"].split("; ")) - {""}
        for a, b in mention_spans.get(inc["incident_id"], []):
            inside = mentions[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
            for i, m in enumerate(inside):
                rec = gazetteer.places.get(m["entity_id"]) if m["entity_kind"] == "place" else None
                if rec and rec.get("type") in EVENT_CONTEXT_TYPES and rec.get("country") in countries \
                        and not doc.spans("war_context", max(0, m["start"] - 25), m["start"]) \
                        and not _opens_dateline(doc, m["start"], m["end"]):  # (not the dateline's: "بغداد (رويترز) -")
                    # "قاعدة عين الأسد غربي الأنبار": a direction that locates the place just named is not a place
                    # of its own (the province it lies in is)
                    if rec.get("type") == "region" and rec.get("within") and any(
                            p["entity_kind"] == "place" and 0 <= m["start"] - p["end"] <= 8 for p in inside[max(0, i - 3):i]):
                        ids.add(rec["within"])
                        continue
                    ids.add(m["entity_id"])
        for name in [inc["perpetrator"], inc["claimed_by"], *inc["factions"].split("; "), *inc["target"].split("; ")]:
            ids |= _actor_ids_by_name(gazetteer).get(name, frozenset()) if name else set()
        wanted.append((ids, spans.get(inc["incident_id"], [])))
    for ids, where in wanted:  # each span looks only at the mentions inside it (bisect): linear in the article
        for a, b in where:
            for m in mentions[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]:
                if m["entity_id"] in ids:
                    m["role"] = "event"
    for m in mentions[:bisect.bisect_left(starts, DATELINE_REACH)]:
        if m["role"] != "event" and m["entity_kind"] == "place" and _dateline_line(doc, m["start"]):
            m["role"] = "dateline"


def _actor_ids_by_name(gazetteer) -> dict[str, frozenset[str]]:
    """name_en -> the ids of the actors of that name (looked up per incident and name: no pass over every actor)."""
    def build(g) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for aid, rec in g.actors.items():
            out.setdefault(rec["name_en"], set()).add(aid)
        return {name: frozenset(ids) for name, ids in out.items()}
    return per_gazetteer(gazetteer, "actor_ids_by_name", build)


def _dateline_line(doc: _Doc, pos: int) -> bool:
    line_start = doc.text.rfind("\n", 0, pos) + 1
    line_end = doc.text.find("\n", pos)
    line_end = len(doc.text) if line_end < 0 else line_end
    line = doc.text[line_start:line_end]
    return len(line) <= 80 and (bool(doc.dates_in(line_start, line_end)) or bool(re.search(r"[-–—/|]", line)))


def resolve_ambiguous_aliases(entities: list[EntityMatch], normalized_text: str, cues: Cues) -> list[EntityMatch]:
    """Entities with bare ambiguous aliases read by the article's context: a bare 'حزب الله' in an article
    about Kataib Hezbollah that never says Lebanese is Kataib Hezbollah."""
    if not cues.ambiguous_aliases:
        return entities
    present = {e.entity_id for e in entities}
    rules = [r for r in cues.ambiguous_aliases if r["default"] in present and present & set(r["context"])
             and not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", normalized_text) for w in r["unless"])]
    if not rules:
        return entities
    out = []
    for e in entities:
        for rule in rules:
            if e.entity_id == rule["default"] and normalize_char_string(e.surface).strip() == rule["alias"]:
                e = EntityMatch(rule["becomes"], e.entity_kind, e.start, e.end, e.surface)
        out.append(e)
    return out


# A group's short name once its full name has been given: "أعلنت المقاومة الإسلامية في العراق ... وفي بيان ثان،
# أعلنت المقاومة استهداف قاعدة عين الأسد". Only after the full name, and not another country's resistance.
SHORT_NAMES = {
    "islamic_resistance_in_iraq": re.compile(
        r"(?<!\w)[وفبل]?(المقاومه)(?!\s+(?:الاسلاميه|العراقيه|اللبنانيه|الفلسطينيه|الشعبيه|الوطنيه|الفرنسيه|في\s+(?:لبنان|فلسطين|غزه)))(?!\w)"),
}
# the literal every match of a short name's pattern holds, one character after its start at most (a clitic): the
# pattern is tried only there (_matches_at_heads), not at every position of the article
SHORT_NAME_HEADS = {"islamic_resistance_in_iraq": ["المقاومه"]}


def short_names(entities: list[EntityMatch], normalized) -> list[EntityMatch]:
    """Bare short names read as the group whose full name the article gave before them."""
    extra = []
    for actor_id, pattern in SHORT_NAMES.items():
        first = next((e.start for e in entities if e.entity_id == actor_id), None)
        if first is None:
            continue
        taken = [(e.start, e.end) for e in entities]
        heads = SHORT_NAME_HEADS.get(actor_id)
        for m in _matches_at_heads(pattern, normalized.text, heads) if heads else pattern.finditer(normalized.text):
            start, end = normalized.to_original(m.start(1), m.end(1))
            if start <= first or any(a <= start < b for a, b in taken):
                continue
            extra.append(EntityMatch(actor_id, "actor", start, end, normalized.original[start:end]))
    return sorted(entities + extra, key=lambda x: x.start) if extra else entities


def with_cities(entities: list[EntityMatch], gazetteer) -> list[EntityMatch]:
    """'مطار الموصل' names Mosul airport and Mosul, 'شرق سوريا' eastern Syria and Syria: a place whose record
    names its city (`city`) or the place it lies in (`within`), and whose surface holds one of that place's
    names, adds a mention of that place on those words."""
    extra = []
    for e in entities:
        rec = gazetteer.places.get(e.entity_id) if e.entity_kind == "place" else None
        parent_id = (rec.get("city") or rec.get("within") or "") if rec else ""
        city = gazetteer.places.get(parent_id)
        if not city:
            continue
        surface = normalize(e.surface)
        for alias in sorted({city["name_ar"], *(city.get("aliases_ar") or [])}, key=len, reverse=True):
            m = re.search(r"(?<!\w)" + re.escape(normalize_char_string(alias)) + r"(?!\w)", surface.text)
            if m and (m.start() > 0 or m.end() < len(surface.text)):
                s, t = surface.to_original(m.start(), m.end())
                extra.append(EntityMatch(parent_id, "place", e.start + s, e.start + t, e.surface[s:t]))
                break
    return sorted(entities + extra, key=lambda x: x.start) if extra else entities


def _slug(name_ar: str) -> str:
    return "new-" + hashlib.sha1(normalize_char_string(name_ar).encode("utf-8")).hexdigest()[:10]


_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h",
}
_SILENT = set("عءأإآؤئـ")  # ain, hamza and its seats, tatweel: written as the vowel they carry or nothing
_HAMZA_VOWEL = {"أ": "a", "إ": "i", "آ": "a", "ؤ": "u", "ئ": "i"}


def _romanise_word(word: str) -> str:
    """One word by the letter scheme: consonants as in the common press romanisation, long vowels ا و ي as
    a u i, ة and ى as a, ع and ء dropped, and an 'a' between two consonants that open the word."""
    out = []
    for i, ch in enumerate(word):
        first, last = i == 0, i == len(word) - 1
        if ch in _CONSONANTS:
            out.append(_CONSONANTS[ch])
        elif ch == "ا":
            out.append("a" if not first else "a")
        elif ch == "و":
            out.append("w" if first else "u")
        elif ch == "ي":
            out.append("y" if first or (i + 1 < len(word) and word[i + 1] in "اةه" and not last) else "i")
        elif ch in "ةى":
            out.append("a")
        elif ch in _HAMZA_VOWEL and first:
            out.append(_HAMZA_VOWEL[ch])
        elif ch in _SILENT:
            continue
        else:
            out.append(ch)
    latin = "".join(out)
    if len(word) > 2 and word[0] in _CONSONANTS and word[1] in _CONSONANTS:
        latin = latin[:len(_CONSONANTS[word[0]])] + "a" + latin[len(_CONSONANTS[word[0]]):]
    return latin.replace("ii", "i").replace("uu", "u")


def transliterate(name_ar: str, name_words: dict[str, str] | None = None) -> str:
    """A readable English name for a group the gazetteer does not know: known words from the resources
    (سرايا -> Saraya, السيادة -> al-Siyada), the rest by one letter scheme; the Arabic name is kept beside it."""
    name_words = name_words or {}
    words = []
    for raw_word in name_ar.split():
        word = raw_word.strip(QUOTE_CHARS + "()[]«»،,.")
        if not word:
            continue
        known = name_words.get(normalize_char_string(word))
        if known:
            words.append(known)
            continue
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        elif word.startswith("و") and len(word) > 3 and normalize_char_string(word[1:]) in name_words:
            words += ["wa", name_words[normalize_char_string(word[1:])]]
            continue
        latin = _romanise_word(word)
        words.append(prefix + (latin[:1].upper() + latin[1:] if not prefix else latin[:1].upper() + latin[1:]))
    return " ".join(words)


_SELF_NAME_RE = re.compile(
    r"(?:يطلق|تطلق|يسمي|تسمي|تدعي|يدعي|تحمل|يحمل)\s+(?:علي\s+)?(?:نفسه|نفسها)?\s*"
    r"(?:اسم|تسميه)?\s*\"\s*([^\"\n]{3,70}?)\s*\""
)
_SELF_NAME_VERBS = ("يطلق", "تطلق", "يسمي", "تسمي", "تدعي", "يدعي", "تحمل", "يحمل")


def _matches_at_heads(pattern: re.Pattern, text: str, heads: list[str]):
    """pattern.finditer(text) for a pattern whose every match starts at one of the (non-empty) heads or one character
    before one: the same matches, in order and not overlapping, the pattern tried only at those positions."""
    positions = set()
    for h in heads:
        at = text.find(h)
        while at >= 0:
            positions.update((at - 1, at) if at else (at,))
            at = text.find(h, at + 1)
    reached = 0
    for pos in sorted(positions):
        if pos >= reached:
            m = pattern.match(text, pos)
            if m:
                reached = m.end()
                yield m


def find_new_groups(doc: _Doc, cues: Cues) -> list[tuple[dict, tuple[int, int]]]:
    """Groups named in the text that the gazetteer does not know: a possible new facade group."""
    text = doc.norm.text
    heads = "|".join(re.escape(h) for h in cues.lists.get("group_heads", []))
    unquoted = "|".join(re.escape(h) for h in cues.lists.get("unquoted_group_heads", []))
    stop = set(cues.lists.get("group_name_stopwords", []))
    generic = set(cues.lists.get("generic_group_words", []))
    candidates: list[tuple[int, int]] = []
    self_named: set[int] = set()  # a group that names itself ("يطلق على نفسه اسم «الثوريون»") may have a one-word name
    # (every match opens with one of its verbs: the pattern is tried only where one stands)
    for m in _matches_at_heads(_SELF_NAME_RE, text, _SELF_NAME_VERBS):
        candidates.append((m.start(1), m.end(1)))
        self_named.add(m.start(1))
    for m in re.finditer(rf"\"\s*((?:{heads})\s[^\"\n]{{2,60}}?)\s*\"", text):
        candidates.append((m.start(1), m.end(1)))
    unquoted_heads = cues.lists.get("unquoted_group_heads", [])
    unquoted_re = re.compile(rf"(?<!\w)[وفبل]?((?:{unquoted})\s+\"?(\w+)(?:\s+(\w+))?(?:\s+(\w+))?)")
    # (every match opens with a head or one letter before it: only there is the pattern tried, not at every position)
    for m in _matches_at_heads(unquoted_re, text, unquoted_heads) if unquoted_heads and all(unquoted_heads) \
            else unquoted_re.finditer(text):
        words = text[m.start(1):m.end(1)].replace('"', " ").split()
        kept = [words[0]]
        for w in words[1:]:
            # an unquoted name goes on with definite words and words that recur in names ('سرايا أولياء الدم'),
            # not with a verb or a common noun ('ألوية تحمل أرقاما')
            if w in stop or not (w.startswith("ال") or w in cues.name_words):
                break
            kept.append(w)
        if len(kept) < 2 or all(w in generic for w in kept[1:]):
            continue
        end = m.start(1)
        for w in kept:
            end = text.index(w, end) + len(w)
        candidates.append((m.start(1), end))
    found: list[tuple[dict, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for ns, ne in sorted(candidates, key=lambda c: (c[0], -c[1])):
        start, end = doc.norm.to_original(ns, ne)
        if any(e.start < end and start < e.end for e in doc.entities_in(max(0, start - 300), end + 300)):
            continue  # names a known actor (possibly inside a longer title)
        if any(s < end and start < e for s, e in taken):
            continue
        name_ar = doc.text[start:end].strip(QUOTE_CHARS + " ")
        words = normalize_char_string(name_ar).split()
        if len(words) < 2 and ns not in self_named \
                and not any(normalize_char_string(name_ar).startswith(h) for h in ("عصبه", "كتائب", "سرايا")):
            continue
        taken.append((start, end))
        record = {
            "actor_id": _slug(name_ar),
            "name_en": transliterate(name_ar, cues.name_words),
            "name_ar": name_ar,
            "actor_type": "militia",
            "parent": "",
            "in_gazetteer": False,
            "aliases_ar": "",
        }
        found.append((record, (start, end)))
    return found
