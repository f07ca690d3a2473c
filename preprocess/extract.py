"""Pure extraction: one article's text -> incidents, troop figures, attack tallies, mentions and new groups."""
from __future__ import annotations

import bisect
from datetime import date, timedelta
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from preprocess.cues import Cues, Span
from preprocess.dates import DateMention, find_dates, iso_precision
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.normalize import NormalizedText, normalize, normalize_char_string
from preprocess.numbers import NumberMention, find_numbers
from preprocess.sentences import split_sentences

PLACE_SPECIFICITY = {"facility": 0, "base": 0, "city": 1, "province": 2, "region": 3, "country": 4}
THEATRE = {"Iraq", "Syria", "Jordan"}
EVENT_WINDOW = 150  # characters either side of a trigger that can still name its place, actor or target
CLAUSE_BREAK_RE = re.compile(r"[\u060c\u061b;:,]|\s-\s|\s\u2013\s")  # ، ؛ ; : , and spaced dashes
CLAIM_RE = re.compile(r"(?<!\w)(?:[وف])?(?:تبنت|تبني|تبنى|اعلنت مسؤوليتها|اعلن مسؤوليته|مسؤوليتها عن|مسؤوليته عن|اعلنت[^.]{0,60}استهداف)(?!\w)")
TARGET_PREPOSITION_RE = re.compile(r"(?:علي|ضد|استهدفت|استهدف|لمواقع|مواقع|قاعده|قواعد)\s*$")
SINCE_RE = re.compile(r"(?:منذ|من)\s*$")
UNTIL_RE = re.compile(r"(?:حتي|الي|لغايه|وحتي)\s*$")
# What joins a second figure whose noun is left out: "2500 جندي في العراق ونحو 900 في سوريا", "إضافة إلى 900".
ELISION_CONNECTOR_RE = re.compile(r"(?:^|\s)(?:و|و\S+|اضافه الي|بالاضافه الي|فضلا عن|مقابل|بينما|في حين)\s*$")
# "قاعدة التنف في سوريا وقاعدة عين الأسد": bases joined by و, each perhaps followed by where it lies
BASE_COORDINATION_RE = re.compile(r"\s*(?:(?:في|غربي|شرقي|شمالي|جنوبي|شمال|جنوب|شرق|غرب)\s+\S+\s*)?(?:و|\u060c|,)\s*")
COORDINATION_RE = re.compile(r"\s*(?:و|\u060c|,)\s*")  # gazetteer spans leave the clitic و between names
# "19 منه", "18 من ذلك الشهر", "الخامس من الشهر نفسه": a day of the month last named in the text
SAME_MONTH_DAY_RE = re.compile(r"(?<!\d)(\d{1,2})\s+(?:منه|من\s+ذلك\s+الشهر|من\s+الشهر\s+(?:نفسه|ذاته))(?!\w)")
CLAUSE_LEAD_RE = re.compile(r"[\u060c,;\u061b]\s*$|^\s*$|\s$")  # a segment cue opens a clause after a comma or a space
US_TARGET_LEAD_RE = re.compile(r"(?:علي|ضد|استهداف|استهدف\w*|هاجم\w*|لمقتل|مقتل|قتل|اصابه)\s+(?:\w+\s+){0,3}$")
CONTENT_CLAUSE_RE = re.compile(r"(?<!\w)(?:ان|بان|انه|انها|بانه|بانها)(?!\w)")
QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb\u201e'


@dataclass
class ArticleExtraction:
    incidents: list[dict] = field(default_factory=list)
    troops: list[dict] = field(default_factory=list)
    attack_counts: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    new_actors: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    n_sentences: int = 0


@dataclass
class _Doc:
    """Everything found in one article, indexed for lookups by position."""

    article_id: str
    text: str
    norm: NormalizedText
    published: str
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    entities: list[EntityMatch]
    dates: list[DateMention]
    numbers: list[NumberMention]
    cue_spans: dict[str, list[Span]]

    def __post_init__(self) -> None:
        # Every lookup is by position; bisecting sorted starts keeps a 2-million-character article linear.
        self.entities.sort(key=lambda e: e.start)
        self.dates.sort(key=lambda d: d.start)
        self.numbers.sort(key=lambda n: n.start)
        for spans in self.cue_spans.values():
            spans.sort(key=lambda sp: sp.start)
        self._starts = {id(items): [it.start for it in items]
                        for items in [self.entities, self.dates, self.numbers, *self.cue_spans.values()]}

    def _starting(self, items: list, lo: int, hi: int) -> list:
        starts = self._starts[id(items)]
        return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def spans(self, key: str, lo: int, hi: int) -> list[Span]:
        """Cue spans of one group lying wholly inside [lo, hi)."""
        return [sp for sp in self.spans_starting(key, lo, hi) if sp.end <= hi]

    def spans_starting(self, key: str, lo: int, hi: int) -> list[Span]:
        items = self.cue_spans.get(key)
        return self._starting(items, lo, hi) if items else []

    def entities_in(self, lo: int, hi: int) -> list[EntityMatch]:
        return [e for e in self._starting(self.entities, lo, hi) if e.end <= hi]

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        """Dates starting inside [lo, hi)."""
        return self._starting(self.dates, lo, hi)

    def numbers_in(self, lo: int, hi: int) -> list[NumberMention]:
        """Numbers starting inside [lo, hi)."""
        return self._starting(self.numbers, lo, hi)

    def in_date(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts[id(self.dates)], pos) - 1
        return i >= 0 and self.dates[i].start <= pos < self.dates[i].end

    def norm_slice(self, start: int, end: int) -> str:
        return normalize_char_string(self.text[start:end])


def extract_article(article_id: str, text: str, published: str, gazetteer: Gazetteer, cues: Cues,
                    titles: tuple[str, ...] = ()) -> ArticleExtraction:
    """Read one article. `published` (ISO of any precision, or "") anchors relative dates; a sentence that is
    one of the `titles` (metadata's and the first line's) yields no incident: the body reports the same event."""
    norm = normalize(text)
    sentences = split_sentences(text)
    doc = _Doc(
        article_id=article_id,
        text=text,
        norm=norm,
        published=published,
        sentences=sentences,
        sentence_starts=[s for s, _ in sentences],
        entities=gazetteer.find(text, norm),
        dates=find_dates(text, published or None, norm),
        numbers=find_numbers(text, norm),
        cue_spans=cues.find_all(norm),
    )
    out = ArticleExtraction(n_sentences=len(sentences))
    new_groups = find_new_groups(doc, cues)
    out.mentions = _mentions(doc, new_groups)
    out.new_actors = {g["actor_id"]: g for g, _span in new_groups}
    free_numbers = [n for n in doc.numbers if not doc.in_date(n.num_start)]
    out.troops = troop_figures(doc, cues, gazetteer, free_numbers)
    out.attack_counts = attack_tallies(doc, gazetteer, free_numbers)
    headlines = {t.strip() for t in titles if t.strip()}
    first_line = text.split("\n", 1)[0]
    # a headline may hold several sentences ("هجوم ثانٍ على التاجي... وواشنطن تقصف"): skip its whole line
    headline_end = len(first_line) if first_line.strip() in headlines else 0
    out.incidents = incidents(doc, cues, gazetteer, {g["actor_id"]: g for g, _ in new_groups}, headlines, headline_end)
    if published:
        for d in doc.dates:
            if d.iso and d.explicit_year and d.iso[: len(published)] > published[: len(d.iso)]:
                out.warnings.append(f"date '{d.text}' ({d.iso}) lies after the article's date {published}")
    return out


# ---------------------------------------------------------------- mentions and new groups

def _mentions(doc: _Doc, new_groups: list[tuple[dict, tuple[int, int]]]) -> list[dict]:
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
        })
    return rows


def _slug(name_ar: str) -> str:
    return "new-" + hashlib.sha1(normalize_char_string(name_ar).encode("utf-8")).hexdigest()[:10]


_TRANSLIT = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "'",
}


def transliterate(name_ar: str) -> str:
    """Rough romanisation for groups the gazetteer does not know yet (an analyst can add a proper name)."""
    words = []
    for word in normalize_char_string(name_ar).split():
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        latin = "".join(_TRANSLIT.get(ch, ch) for ch in word)
        words.append(prefix + latin)
    text = " ".join(words).replace("''", "'")
    return " ".join(w[:1].upper() + w[1:] if not w.startswith("al-") else w for w in text.split())


_SELF_NAME_RE = re.compile(
    r"(?:يطلق|تطلق|يسمي|تسمي|تدعي|يدعي|تحمل|يحمل)\s+(?:علي\s+)?(?:نفسه|نفسها)?\s*"
    r"(?:اسم|تسميه)?\s*\"\s*([^\"\n]{3,70}?)\s*\""
)


def find_new_groups(doc: _Doc, cues: Cues) -> list[tuple[dict, tuple[int, int]]]:
    """Groups named in the text that the gazetteer does not know: a possible new facade group."""
    text = doc.norm.text
    heads = "|".join(re.escape(h) for h in cues.lists.get("group_heads", []))
    unquoted = "|".join(re.escape(h) for h in cues.lists.get("unquoted_group_heads", []))
    stop = set(cues.lists.get("group_name_stopwords", []))
    generic = set(cues.lists.get("generic_group_words", []))
    candidates: list[tuple[int, int]] = []
    self_named: set[int] = set()  # a group that names itself ("يطلق على نفسه اسم «الثوريون»") may have a one-word name
    for m in _SELF_NAME_RE.finditer(text):
        candidates.append((m.start(1), m.end(1)))
        self_named.add(m.start(1))
    for m in re.finditer(rf"\"\s*((?:{heads})\s[^\"\n]{{2,60}}?)\s*\"", text):
        candidates.append((m.start(1), m.end(1)))
    for m in re.finditer(rf"(?<!\w)[وفبل]?((?:{unquoted})\s+\"?(\w+)(?:\s+(\w+))?(?:\s+(\w+))?)", text):
        words = text[m.start(1):m.end(1)].replace('"', " ").split()
        kept = [words[0]]
        for w in words[1:]:
            if w in stop:
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
            "name_en": transliterate(name_ar),
            "name_ar": name_ar,
            "actor_type": "militia",
            "parent": "",
            "in_gazetteer": False,
            "aliases_ar": "",
        }
        found.append((record, (start, end)))
    return found


# ---------------------------------------------------------------- helpers shared by the extractors

def _clause(doc: _Doc, pos: int) -> tuple[int, int]:
    """Clause around a position: bounded by the sentence and by ، ؛ : and spaced dashes."""
    s0, s1 = doc.sentence_of(pos)
    lo, hi = s0, s1
    for m in CLAUSE_BREAK_RE.finditer(doc.text, s0, s1):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


def _actor_name(gazetteer: Gazetteer, entity_id: str, new_actors: dict[str, dict] | None = None) -> str:
    if entity_id in gazetteer.actors:
        return gazetteer.actors[entity_id]["name_en"]
    if new_actors and entity_id in new_actors:
        return new_actors[entity_id]["name_en"]
    return ""


def _actor_type(gazetteer: Gazetteer, entity_id: str) -> str:
    rec = gazetteer.actors.get(entity_id)
    return rec.get("type", "") if rec else ""


def _nearest(items, pos: int):
    return min(items, key=lambda it: min(abs(it.start - pos), abs(it.end - pos)), default=None)


def _best_place(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, pos: int) -> dict | None:
    """Most specific place in [lo, hi), nearest to pos among equally specific ones."""
    best = None
    for e in doc.entities_in(lo, hi):
        if e.entity_kind != "place":
            continue
        rec = gazetteer.places[e.entity_id]
        # "منذ بدء الحرب على غزة" is context: a place in the theatre is the event's place when there is one
        rank = (rec.get("country") not in THEATRE, PLACE_SPECIFICITY.get(rec.get("type", ""), 5), abs(e.start - pos))
        if best is None or rank < best[0]:
            best = (rank, rec, e)
    return None if best is None else {**best[1], "id": best[2].entity_id}


def _country_fallback(doc: _Doc, gazetteer: Gazetteer) -> str:
    """Most-mentioned country of the article, for events whose sentence names no place."""
    counts = Counter(
        gazetteer.places[e.entity_id]["name_en"]
        for e in doc.entities
        if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") == "country"
    )
    return counts.most_common(1)[0][0] if counts else ""


def _date_fields(d: DateMention | None) -> dict:
    if d is None or not d.iso:
        return {"date": "", "date_precision": "unknown", "year": None}
    return {"date": d.iso, "date_precision": d.precision, "year": d.year}


def _published_fields(published: str) -> dict:
    if not published:
        return {"date": "", "date_precision": "unknown", "year": None}
    return {"date": published, "date_precision": iso_precision(published), "year": int(published[:4])}


def _preceding_words(doc: _Doc, pos: int, n_chars: int = 40) -> str:
    return doc.norm_slice(max(0, pos - n_chars), pos)


def _force_of(doc: _Doc, cues: Cues, num_end: int, num_start: int) -> str:
    """Whose troops: nationality or coalition next to the figure, nearest first (after, then before)."""
    s0, s1 = doc.sentence_of(num_start)
    candidates = []
    for key, label in (("us_signals", "US"), ("coalition_signals", "coalition")):
        for sp in doc.spans(key, s0, s1):
            candidates.append((sp, label))
    for sp in doc.spans("foreign_forces", s0, s1):
        candidates.append((sp, sp.label))

    def distance(item):
        sp = item[0]
        if sp.start >= num_end:
            return sp.start - num_end
        return (num_start - sp.end) * 1.5  # a nationality after the noun ("جندي أميركي") binds tighter

    near = [c for c in candidates if distance(c) <= 90]
    return min(near, key=distance)[1] if near else "unknown"


# ---------------------------------------------------------------- troop figures

def troop_figures(doc: _Doc, cues: Cues, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    rows = []
    level_words = set(cues.lists.get("level_before", []))
    amount_words = set(cues.lists.get("amount_before", []))
    for num in numbers:
        if not isinstance(num.value, (int, float)) or num.value < 10 or num.value != int(num.value):
            continue
        s0, s1 = doc.sentence_of(num.start)
        after = doc.norm_slice(num.num_end, min(s1, num.num_end + 30))
        follows_noun = any(
            sp.start >= num.num_end and sp.start - num.num_end <= 12 for sp in doc.spans("troop_nouns", s0, s1)
        )
        counted_before = any(
            sp.end <= num.start and num.start - sp.end <= 60 for sp in doc.spans("troop_count_nouns", s0, s1)
        )
        # "عدد جنوده ... الذي يبلغ 5000." : a counted noun before and nothing but punctuation after
        # "قرابة 2500 جندي في العراق ونحو 900 في سوريا": the noun is left out after the first figure
        elided = bool(rows) and rows[-1]["sentence_start"] == s0 and 0 <= num.start - rows[-1]["end"] <= 50 \
            and re.match(r"\s*(?:في|ب|اخرين|اخرون)", after) and ELISION_CONNECTOR_RE.search(_preceding_words(doc, num.start, 20))
        if not follows_noun and not elided and not (counted_before and re.match(r"\s*(?:[.\u060c,]|$)", after)):
            continue
        if any(sp.end <= num.start and num.start - sp.end <= 12 for sp in doc.spans("casualty_before", s0, s1)) \
                or doc.spans("casualty_after", num.num_end, min(s1, num.num_end + 35)):
            continue  # "مقتل 3 جنود", "21 عسكريا أمريكيا أصيبوا" count casualties, not troops
        before = _preceding_words(doc, num.start, 60)
        last_word = before.split()[-1] if before.split() else ""
        bare_last = re.sub(r"^[وفبلك]", "", last_word)
        lo, hi = _clause(doc, num.start)
        window_before = (max(lo, num.start - 60), num.start)
        current = bool(doc.spans("current_cues", max(lo, num.start - 60), min(hi, num.end + 30)))
        kind_spans = doc.spans_starting("kind_cues", *window_before)
        labels = {sp.label for sp in kind_spans}
        if last_word in amount_words or bare_last in amount_words:
            kind = "level"
        elif "planned" in labels:
            kind = "planned"
        elif current or last_word in level_words or bare_last in level_words:
            kind = "level"
        elif "withdrawal" in labels:
            kind = "withdrawal"
        elif "deployment" in labels:
            kind = "deployment"
        else:
            kind = "level"
        # the place after a figure, but not past the next figure ("900 جندي في سوريا ونحو 2500 في العراق")
        following = [n.start for n in numbers if n.start > num.num_end]
        after_end = min([hi, num.num_end + 80] + following[:1])
        after_place = _best_place(doc, gazetteer, num.num_end, after_end, num.num_end)
        place = after_place or _nearest_place_before(doc, gazetteer, s0, num.start)
        near_dates = [d for d in doc.dates_in(s0, s1) if d.end <= s1 and d.iso
                      and (0 <= d.start - num.num_end <= 30 or 0 <= num.start - d.end <= 30)]
        right_after = [d for d in near_dates if 0 <= d.start - num.num_end <= 30]
        if right_after or (near_dates and not current):
            when = _date_fields(_nearest(right_after or near_dates, num.num_end))
        else:
            when = _published_fields(doc.published)
        rows.append({
            "troop_id": f"{doc.article_id}-trp-{num.start}",
            "article_id": doc.article_id,
            "value": int(num.value),
            "qualifier": num.qualifier,
            "force": rows[-1]["force"] if elided and not follows_noun else _force_of(doc, cues, num.num_end, num.num_start),
            "location": (place or {}).get("name_en", ""),
            "kind": kind,
            **when,
            **_provenance(doc, num, s0, s1),
        })
    return rows


def _provenance(doc: _Doc, num: NumberMention, s0: int, s1: int) -> dict:
    """Where a figure was read: its sentence, the number phrase's offsets and the sentence's."""
    return {"quote": doc.text[s0:s1], "start": num.start, "end": num.end, "sentence_start": s0, "sentence_end": s1}


def _nearest_place_before(doc: _Doc, gazetteer: Gazetteer, s0: int, pos: int) -> dict | None:
    places = [e for e in doc.entities_in(s0, pos) if e.entity_kind == "place"]
    if not places:
        return None
    e = max(places, key=lambda m: m.start)
    return {**gazetteer.places[e.entity_id], "id": e.entity_id}


# ---------------------------------------------------------------- attack tallies

def attack_tallies(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    rows = []
    for num in numbers:
        if not isinstance(num.value, (int, float)) or num.value < 2:
            continue
        s0, s1 = doc.sentence_of(num.start)
        if not any(sp.start >= num.num_end and sp.start - num.num_end <= 4 for sp in doc.spans("attack_count_nouns", s0, s1)):
            continue
        period_start = period_end = ""
        for d in doc.dates_in(s0, s1):
            if not d.iso:
                continue
            lead = _preceding_words(doc, d.start, 14)
            if SINCE_RE.search(lead) and not period_start:
                period_start = d.iso
            elif UNTIL_RE.search(lead) and not period_end:
                period_end = d.iso
        if period_start and not period_end:
            period_end = doc.published
        place = _best_place(doc, gazetteer, num.num_end, min(s1, num.num_end + 60), num.num_end) \
            or _best_place(doc, gazetteer, s0, s1, num.start)
        is_country = place is not None and place.get("type") == "country"
        rows.append({
            "count_id": f"{doc.article_id}-cnt-{num.start}",
            "article_id": doc.article_id,
            "count": int(num.value),
            "qualifier": num.qualifier,
            "period_start": period_start,
            "period_end": period_end,
            "country": (place or {}).get("name_en" if is_country else "country", ""),
            "location": "" if (place is None or is_country) else place.get("name_en", ""),
            **_provenance(doc, num, s0, s1),
        })
    return rows


# ---------------------------------------------------------------- incidents

def _count_people(doc: _Doc, cues: Cues, start: int, limit: int) -> int | None:
    """Number of people in a list such as '3 جنود' or 'جنديان أميركيان وبريطانية' starting at `start`."""
    total = 0
    seen = False
    numbers = {n.start: n for n in doc.numbers_in(start, limit)}
    pos = start
    for match in re.finditer(r"\S+", doc.text[start:limit]):
        if seen and match.start() > 80:
            break
        w_start = start + match.start()
        if w_start < pos:
            continue  # inside a number phrase already counted
        word = normalize_char_string(match.group(0)).strip(QUOTE_CHARS + "،,.")
        conj = word.startswith("و") and len(word) > 2
        base = word[1:] if conj else word
        num = numbers.get(w_start) or (numbers.get(w_start + 1) if conj else None)
        if num is not None:
            total += int(num.value)
            pos = num.end
            seen = True
            continue
        if seen and not conj and (base in cues.person_singular or _is_dual(base, cues) or base in cues.person_plural):
            continue  # a noun or adjective agreeing with the count before it: "جنديان أميركيان", "4 عسكريين"
        if _is_dual(base, cues):
            total += 2
        elif base in cues.person_singular:
            total += 1
        elif base in cues.person_plural and not seen:
            return None  # a plural without a number is not a count
        elif seen and conj and base in cues.person_plural:
            continue
        elif seen:
            break
        else:
            return None
        seen = True
    return total if seen else None


WEAPON_SPECIFICITY = {"ballistic_missile": 0, "drone": 1, "ied": 2, "rocket": 3, "airstrike": 4}


def _choose_weapon(weapons: list[Span], trigger: Span) -> Span | None:
    """Nearest weapon word; within a short reach the more specific one ('صاروخين باليستيين' is ballistic)."""
    nearest = _nearest(weapons, trigger.start)
    if nearest is None:
        return None
    reach = min(abs(nearest.start - trigger.start), abs(nearest.end - trigger.end)) + 25
    close = [w for w in weapons if min(abs(w.start - trigger.start), abs(w.end - trigger.end)) <= reach]
    return min(close, key=lambda w: (WEAPON_SPECIFICITY.get(w.label, 9), abs(w.start - trigger.start)))


def _is_dual(word: str, cues: Cues) -> bool:
    return any(word.endswith(suf) and word[: -len(suf)] in cues.person_singular for suf in cues.dual_suffixes)


def _casualties(doc: _Doc, cues: Cues, lo: int, hi: int) -> tuple[int | None, int | None]:
    if doc.spans("no_casualties", lo, hi):
        return 0, 0
    killed = wounded = None
    for key in ("killed_cues", "wounded_cues"):
        for sp in doc.spans(key, lo, hi):
            n = _count_people(doc, cues, _skip_space(doc.text, sp.end), hi)
            if n is None:
                continue
            if key == "killed_cues" and killed is None:
                killed = n
            elif key == "wounded_cues" and wounded is None:
                wounded = n
    for num in doc.numbers_in(lo, hi):
        # "30 قتيلا", "21 عسكريا أمريكيا أصيبوا": the word saying killed or wounded follows the count
        reach = min(hi, num.num_end + 30)
        if killed is None and doc.spans_starting("killed_after_number", num.num_end, reach):
            killed = int(num.value)
        if wounded is None and doc.spans_starting("wounded_after_number", num.num_end, reach):
            wounded = int(num.value)
    return killed, wounded


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_hypothetical(doc: _Doc, trigger: Span) -> bool:
    lo, hi = _clause(doc, trigger.start)
    return bool(doc.spans("hypothetical", lo, hi))


def _event_date(doc: _Doc, triggers: list[Span], s0: int, s1: int) -> DateMention | None:
    """Date of the event: a date in the sentence that is not a period start or a statement's date."""
    usable = []
    for d in doc.dates_in(s0, s1):
        if not d.iso:
            continue
        if any(0 <= d.start - sp.end <= 2 for sp in doc.spans("period_bounds", s0, d.start)):
            continue  # "منذ أكتوبر", "حتى مطلع فبراير": a period's bound, not the event's date
        if _statement_date(doc, d):
            continue
        usable.append(d)
    if not usable:
        return None
    return min(usable, key=lambda d: min(abs(d.start - t.start) for t in triggers))


def _statement_date(doc: _Doc, d: DateMention) -> bool:
    """'أعلن المتحدث ... في 8 فبراير': a reporting verb shortly before the date, with no event word between.
    After 'أعلن ... أن' the date belongs to what was reported, not to the statement."""
    s0, _s1 = doc.sentence_of(d.start)
    for verb in doc.spans("reporting_verbs", max(s0, d.start - 80), d.start):
        between = [t for key in ("attack_triggers", "strike_triggers", "killed_cues") for t in doc.spans(key, verb.end, d.start)]
        if not between and not CONTENT_CLAUSE_RE.search(doc.norm_slice(verb.end, d.start)):
            return True
    return False


def _strike_signal(doc: _Doc, trigger: Span, s1: int) -> bool:
    """US or coalition as the agent: an adjective on a strike noun ('غارات جوية أميركية'), on the weapon
    after a verb ('استهدفت مسيرة أميركية'), or right on an attack noun ('هجوم أميركي'). After a bare verb
    the noun is its object ('تستهدف التحالف'), so that is not a strike."""
    is_strike_noun = bool(doc.spans("strike_triggers", trigger.start, trigger.end))
    for key in ("us_signals", "coalition_signals"):
        for sp in doc.spans(key, trigger.end, min(s1, trigger.end + 35)):
            between = doc.norm_slice(trigger.end, sp.start)
            if TARGET_PREPOSITION_RE.search(between):
                continue
            # "مسيرة أميركية": the nationality is an adjective on the weapon, not the object of a later verb
            weapon_adjective = any(w.end <= sp.start and sp.start - w.end <= 2 for w in doc.spans("weapons", trigger.end, sp.start))
            agent_verb = bool(doc.spans("agent_first_verbs", trigger.start, trigger.end)) and not between.strip()
            if is_strike_noun or weapon_adjective or agent_verb or (not between.strip() and not _is_verb_trigger(doc, trigger)):
                return True
    if is_strike_noun or _is_verb_trigger(doc, trigger):
        # "مقاتلات أميركية شنت غارات", "وكانت واشنطن قد قصفت": the agent named before the verb or strike noun,
        # with no other actor, no comma and no "on"/"against" in between
        s0 = doc.sentence_of(trigger.start)[0]
        for key in ("us_signals", "coalition_signals"):
            for sp in doc.spans(key, max(s0, trigger.start - 50), trigger.start):
                if re.search(r"(?:علي|ضد|علي مواقع)\s*\S*\s*$", doc.norm_slice(max(s0, sp.start - 12), sp.start)):
                    continue
                if doc.entities_in(sp.end, trigger.start) or re.search(r"تعرض", doc.norm_slice(max(s0, sp.start - 20), sp.start)):
                    continue
                return True
    return False


def _is_verb_trigger(doc: _Doc, trigger: Span) -> bool:
    word = re.sub(r"^[وف]", "", doc.norm_slice(trigger.start, trigger.end))
    return bool(re.match(r"(?:استهدف|يستهدف|تستهدف|هاجم|يهاجم|تهاجم|قصف|يقصف|تقصف|ضرب|تضرب|يضرب|قتلت|شن|نفذ|اطلق|يطلق|تطلق)", word))


def event_segments(doc: _Doc, s0: int, s1: int) -> list[tuple[int, int]]:
    """Parts of a sentence that can each report one event. 'ردا على ...' opens an earlier event of its own;
    '، فيما ...' or 'كما ...' opens a new part only when it has an event word of its own (else a clause such
    as '، فيما أصيب جنديان' completes the event before it)."""
    cuts = [(sp.start, "response") for sp in doc.spans("response_markers", s0, s1) if sp.start > s0]
    cuts += [(sp.start, "clause") for sp in doc.spans("segment_cues", s0, s1)
             if sp.start > s0 and CLAUSE_LEAD_RE.search(doc.text[max(s0, sp.start - 3):sp.start])]
    opening = doc.spans("response_markers", s0, min(s1, s0 + 3))
    if opening:
        # "بعد خمسة أيام من مقتل ثلاثة جنود ...، شنت الولايات المتحدة": the opening clause is background
        comma = CLAUSE_BREAK_RE.search(doc.text, opening[0].end, s1)
        if comma:
            cuts.append((comma.end(), "start"))
            s0 = comma.end()
            cuts = [c for c in cuts if c[0] > s0]
    segments: list[list] = [[s0, s1, "start"]]
    for pos, kind in sorted(cuts):
        segments[-1][1] = pos
        segments.append([pos, s1, kind])
    merged: list[list] = []
    for seg in segments:
        has_trigger = bool(doc.spans("attack_triggers", seg[0], seg[1]) or doc.spans("strike_triggers", seg[0], seg[1]))
        if merged and seg[2] == "clause" and not has_trigger:
            merged[-1][1] = seg[1]
        else:
            merged.append(seg)
    return [(a, b) for a, b, _kind in merged]


def _list_item_head(doc: _Doc, lo: int, hi: int) -> int | None:
    """End of the head of a dated list item ('- الخميس 19 منه: مسيّرتان على قاعدة التنف'), or None."""
    colon = doc.text.find(":", lo, min(hi, lo + 45))
    if colon < 0:
        return None
    dated = doc.dates_in(lo, colon) or SAME_MONTH_DAY_RE.search(doc.norm_slice(lo, colon))
    return colon if dated else None


def _triggers(doc: _Doc, lo: int, hi: int) -> list[Span]:
    """Event words of a segment that are not hypothetical and not the noun of a tally ('140 هجوما'); in a dated
    list item the weapon itself is the event word ('الأحد 29 تشرين الأول: صواريخ على قاعدة خراب الجير')."""
    found = doc.spans("attack_triggers", lo, hi) + doc.spans("strike_triggers", lo, hi)
    head = _list_item_head(doc, lo, hi)
    if head is not None and not found:
        found = doc.spans("weapons", head, hi)
    if any(d.precision == "day" for d in doc.dates_in(lo, hi)):
        found += doc.spans("chronology_triggers", lo, hi)
    tally_ends = {n.num_end for n in doc.numbers_in(max(0, lo - 40), hi) if not doc.in_date(n.num_start)}
    return sorted(
        (t for t in found if not _is_hypothetical(doc, t) and not any(0 <= t.start - e <= 2 for e in tally_ends)),
        key=lambda t: t.start)


def incidents(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict],
              headlines: set[str] = frozenset(), headline_end: int = 0) -> list[dict]:
    """Incidents of an article; headline sentences give none (the body reports the same event)."""
    rows: list[dict] = []
    fallback_country = None
    for index, (sent_start, sent_end) in enumerate(doc.sentences):
        if sent_start < headline_end or doc.text[sent_start:sent_end].strip() in headlines:
            continue
        for s0, s1 in event_segments(doc, sent_start, sent_end):
            row = _segment_incident(doc, cues, gazetteer, new_actors, s0, s1, sent_start, sent_end, rows, index)
            if row is None:
                continue
            if not row["country"]:
                if fallback_country is None:
                    fallback_country = _country_fallback(doc, gazetteer)
                row["country"] = fallback_country
            rows.extend(_one_per_base(doc, gazetteer, row, s0, s1))
    for row in rows:
        row.pop("_sentence")
    return rows


def _completes_previous(doc: _Doc, triggers: list[Span], s0: int, s1: int, rows: list[dict], index: int) -> bool:
    """A follow-up with casualties and no event of its own: 'وأسفر الهجوم عن مقتل 16', 'من دون خسائر بشرية'."""
    if not rows or index - rows[-1]["_sentence"] > 3:
        return False
    only_anaphora = bool(triggers) and all(doc.spans("anaphoric_triggers", t.start, t.end) for t in triggers)
    return only_anaphora or bool(doc.spans("consequence_cues", s0, min(s1, s0 + 25))) \
        or bool(doc.spans("elaboration_openers", s0, min(s1, s0 + 12)))


def _after_previous_event(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'وردت الفصائل في اليوم التالي': a date counted from the incident reported just before, when that one is
    dated to the day."""
    offsets = doc.spans("previous_event_offsets", s0, s1)
    if not offsets or not rows or rows[-1]["date_precision"] != "day" or rows[-1]["date_basis"] != "text":
        return None
    cue = offsets[0]
    day = date.fromisoformat(rows[-1]["date"]) + timedelta(days=int(cue.label))
    return DateMention(cue.start, cue.end, day.isoformat(), "day", day.year, "", True, False, doc.text[cue.start:cue.end])


def _day_of_previous_month(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'الخميس 19 منه', 'ففي 18 من ذلك الشهر': that day of the month last named before it (a date written in the
    text, else the incident listed just before)."""
    m = SAME_MONTH_DAY_RE.search(doc.norm_slice(s0, s1))
    if not m:
        return None
    written = [d for d in doc.dates_in(max(0, s0 - 2000), s0 + m.start())
               if d.iso and d.precision in ("day", "month") and d.explicit_year]
    if written:
        year, month = written[-1].year, int(written[-1].iso[5:7])
    elif rows and rows[-1]["date_precision"] in ("day", "month"):
        year, month = int(rows[-1]["date"][:4]), int(rows[-1]["date"][5:7])
    else:
        return None
    try:
        day = date(year, month, int(m.group(1)))
    except ValueError:
        return None
    return DateMention(s0 + m.start(), s0 + m.end(), day.isoformat(), "day", year, "", True, False, m.group(0))


def _us_agent_in_sentence(doc: _Doc, s0: int, s1: int) -> bool:
    """The US or the coalition named in the sentence other than as a target."""
    return any(not is_target for _sp, is_target in _us_mentions(doc, s0, s1))


def _same_scene(doc: _Doc, gazetteer: Gazetteer, s0: int, s1: int, previous: dict) -> bool:
    """An elaboration names no place other than the previous incident's ('وقال المصدر إن العبوة انفجرت ...')."""
    places = {gazetteer.places[e.entity_id]["name_en"] for e in doc.entities_in(s0, s1)
              if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility")}
    return not places or places == {previous["place"]}


def _segment_incident(doc: _Doc, cues: Cues, gazetteer: Gazetteer, new_actors: dict[str, dict], s0: int, s1: int,
                      sent_start: int, sent_end: int, rows: list[dict], index: int) -> dict | None:
    """The incident one segment reports, or None; a casualty follow-up fills in the previous row instead."""
    if doc.spans("commemoration", sent_start, sent_end):
        return None  # "تحل اليوم الذكرى الأولى لمقتل سليماني": remembering an event is not reporting one
    triggers = _triggers(doc, s0, s1)
    # "الخميس 19 منه" names the day of a month already given: it beats the weekday read on its own
    when = (_day_of_previous_month(doc, s0, s1, rows) or _event_date(doc, triggers, s0, s1)) if triggers else None
    if when is None and triggers:
        when = _after_previous_event(doc, s0, s1, rows)
    killed, wounded = _casualties(doc, cues, s0, s1)
    casualties = killed is not None or wounded is not None
    if when is None and _completes_previous(doc, triggers, s0, s1, rows, index) and (
            casualties or _same_scene(doc, gazetteer, s0, s1, rows[-1])):
        previous = rows[-1]
        if casualties and previous["killed"] is None and previous["wounded"] is None:
            previous["killed"], previous["wounded"] = killed, wounded
        return None
    if not triggers:
        return None
    general = all(doc.spans("general_triggers", t.start, t.end) for t in triggers)
    undated_claim = when is None and not casualties and not general and _names_a_target(doc, gazetteer, triggers, s0, s1)
    if when is None and not casualties and not undated_claim:
        return None
    if when is not None and not casualties and (when.precision == "year" or (general and when.precision != "day")):
        return None  # "الهجمات ... مقارنة بعام 2018": a trend, not an event
    anchor = when.start if when else triggers[0].start
    trigger = _nearest(triggers, anchor)
    lo, hi = max(s0, trigger.start - EVENT_WINDOW), min(s1, trigger.end + EVENT_WINDOW)
    actors = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "actor"]
    actors += [
        EntityMatch(a["actor_id"], "actor", s, e, doc.text[s:e])
        for a in new_actors.values()
        for s, e in _spans_of(doc, a["name_ar"], lo, hi)
    ]
    faction_forces = set(cues.roles.get("faction_forces", []))
    militias = [a for a in actors if _actor_type(gazetteer, a.entity_id) in ("militia", "") or a.entity_id in faction_forces]
    persons = [a for a in actors if _actor_type(gazetteer, a.entity_id) == "person"]
    weapons = doc.spans("weapons", lo, hi)
    weapon = _choose_weapon(weapons, trigger)
    us_target = _us_is_target(doc, max(s0, trigger.start - 60), min(s1, trigger.end + 100))
    base = _best_place(doc, gazetteer, lo, hi, trigger.start)
    # "اغتيال قائد فيلق القدس": killing faction figures is a strike even when the text names no agent
    targeted_killing = bool(doc.spans("strike_triggers", trigger.start, trigger.end)) and bool(persons) \
        and not us_target and not (base and base.get("type") in ("base", "facility"))
    is_strike = targeted_killing or any(_strike_signal(doc, t, s1) for t in triggers if abs(t.start - trigger.start) <= 60)
    if not (weapon or killed is not None or wounded is not None or militias or persons or is_strike
            or _best_place(doc, gazetteer, lo, hi, trigger.start)):
        return None
    state_perpetrator = next(
        (st for t in triggers if abs(t.start - trigger.start) <= 60 for st in [_state_adjective(doc, t, s1)] if st), "")
    true_militias = [a for a in militias if a.entity_id not in faction_forces]
    # "وردت بعد يومين بغارات جوية على مواقع كتائب حزب الله": factions have no air force, so an air strike that
    # hits them, with no other state named, is a US or coalition strike even when the agent is left out
    if not is_strike and not state_perpetrator and weapon and weapon.label == "airstrike" \
            and (militias or _us_agent_in_sentence(doc, sent_start, sent_end)) \
            and doc.spans("strike_triggers", trigger.start, trigger.end):
        is_strike = targeted_killing = True
    if is_strike:
        event_type = "strike"
    elif true_militias or us_target or (base and base.get("type") in ("base", "facility")):
        event_type = "attack"  # the gazetteer's bases and facilities host US or coalition forces
    elif militias:
        event_type = "other"  # "الحرس الثوري يطلق صواريخ على أربيل": a state force hitting someone other than US forces
    elif state_perpetrator:
        event_type = "other"
    else:
        event_type = "attack" if weapon and weapon.label in ("rocket", "drone", "ied", "ballistic_missile") else "other"
    place = _best_place(doc, gazetteer, lo, hi, trigger.start)
    if place is not None and place.get("type") == "country":
        place = None  # several countries may be named: list them all below
    if place is None:
        country = "; ".join(_event_countries(doc, gazetteer, lo, hi, trigger))
    else:
        country = place.get("country", "") if place.get("type") != "country" else place["name_en"]
    claimed = ""
    if militias and CLAIM_RE.search(doc.norm_slice(sent_start, sent_end)):
        claimed = _actor_name(gazetteer, _nearest(militias, trigger.start).entity_id, new_actors)
    if event_type == "strike":
        perpetrator = _strike_perpetrator(doc, gazetteer, cues, trigger, s1) if not targeted_killing or any(
            _strike_signal(doc, t, s1) for t in triggers) else ""
        target_ids = [a.entity_id for a in sorted(persons + militias, key=lambda a: a.start)]
    else:
        # a group named right after 'مقتل' / 'إصابة' lost people: it is the victim, not the perpetrator
        victims = {a.entity_id for a in militias
                   if any(0 <= a.start - c.end <= 25 for c in doc.spans("killed_cues", s0, a.start) + doc.spans("wounded_cues", s0, a.start))}
        subject = _nearest([a for a in militias if a.entity_id not in victims], trigger.start)
        perpetrator = claimed or (_actor_name(gazetteer, subject.entity_id, new_actors) if subject else "")
        if not perpetrator and state_perpetrator:
            perpetrator = state_perpetrator
        if not perpetrator and event_type == "attack" and CLAIM_RE.search(doc.norm_slice(sent_start, sent_end)):
            # "أعلنت المقاومة في بيان استهداف ...": a claim in an article that names one militia is that militia's
            named = _article_militias(doc, gazetteer)
            if len(named) == 1:
                perpetrator = claimed = _actor_name(gazetteer, named[0])
        target_ids = []
    targets = _unique([_actor_name(gazetteer, i, new_actors) for i in target_ids])
    if event_type != "strike":
        if place and place.get("type") in ("base", "facility"):
            targets = [place["name_en"]]
        elif us_target:
            targets = ["US forces"]
    factions = _unique(
        [_actor_name(gazetteer, a.entity_id, new_actors) for a in militias]
        + [_parent_name(gazetteer, a.entity_id) for a in persons]
    )
    # the group that did it (or claimed it) leads: charts stack an event under its first faction
    factions = sorted(factions, key=lambda name: name not in (claimed, perpetrator))
    dated = _date_fields(when) if when else _published_fields(doc.published)
    return {
        "_sentence": index,
        "incident_id": f"{doc.article_id}-inc-{s0}",
        "article_id": doc.article_id,
        "event_key": "",
        **dated,
        "date_basis": "text" if when else ("published" if dated["date"] else ""),
        "event_type": event_type,
        "weapon": weapon.label if weapon else ("airstrike" if event_type == "strike" and _is_air(doc, trigger) else "unknown"),
        "perpetrator": perpetrator,
        "claimed_by": claimed,
        "target": "; ".join(targets),
        "factions": "; ".join(f for f in factions if f),
        "place": place["name_en"] if place and place.get("type") != "country" else "",
        "country": country,
        "lat": place.get("lat") if place and place.get("type") != "country" else None,
        "lon": place.get("lon") if place and place.get("type") != "country" else None,
        "killed": killed,
        "wounded": wounded,
        "quote": doc.text[sent_start:sent_end],
        "start": sent_start,
        "end": sent_end,
    }


def _article_militias(doc: _Doc, gazetteer: Gazetteer) -> list[str]:
    """Militias the article names, umbrellas left out when one of their members is named too."""
    ids = list(dict.fromkeys(e.entity_id for e in doc.entities if _actor_type(gazetteer, e.entity_id) == "militia"))
    parents = {gazetteer.actors[i].get("parent") for i in ids}
    return [i for i in ids if i not in parents]


def _one_per_base(doc: _Doc, gazetteer: Gazetteer, row: dict, s0: int, s1: int) -> list[dict]:
    """'هجومين بطائرات مسيرة على قاعدتي التنف وعين الأسد': a dual or plural attack on coordinated bases is
    one incident per base."""
    if row["event_type"] != "attack" or not row["place"]:
        return [row]
    bases = [e for e in doc.entities_in(s0, s1)
             if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") in ("base", "facility")]
    chain = [b for b in bases if gazetteer.places[b.entity_id]["name_en"] == row["place"]][:1]
    for b in bases:
        if chain and b.start > chain[-1].end and BASE_COORDINATION_RE.fullmatch(doc.norm_slice(chain[-1].end, b.start)):
            chain.append(b)
    plural = re.search(r"(?:هجومين|هجومان|هجمات|هجمتين|قاعدتي|قاعدتين|القاعدتين)", doc.norm_slice(s0, s1))
    if len(chain) < 2 or not plural:
        return [row]
    out = []
    for b in chain:
        rec = gazetteer.places[b.entity_id]
        out.append({**row, "incident_id": f"{row['incident_id']}-{b.start}", "place": rec["name_en"], "target": rec["name_en"],
                    "country": rec.get("country", ""), "lat": rec.get("lat"), "lon": rec.get("lon")})
    return out


def _event_countries(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, trigger: Span) -> list[str]:
    """The country nearest the trigger, plus those coordinated with it ('في العراق وسوريا'), not every
    country the sentence names ('في الأردن قرب الحدود مع سوريا' is Jordan)."""
    found = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "place"]
    if not found:
        return []
    chosen = [_nearest(found, trigger.end)]
    for e in sorted(found, key=lambda m: m.start):
        if e in chosen:
            continue
        if any(COORDINATION_RE.fullmatch(doc.text[c.end:e.start]) for c in chosen):
            chosen.append(e)
    return sorted({gazetteer.places[e.entity_id]["name_en"] for e in chosen})


def _names_a_target(doc: _Doc, gazetteer: Gazetteer, triggers: list[Span], s0: int, s1: int) -> bool:
    """'أعلنت المقاومة الإسلامية استهداف قاعدة حرير بطائرة مسيرة': a news report of an event with no date
    of its own still names a base or facility and a weapon or a group; the article's date dates it."""
    for trigger in triggers:
        lo, hi = max(s0, trigger.start - 80), min(s1, trigger.end + 80)
        place = _best_place(doc, gazetteer, lo, hi, trigger.start)
        if not place or place.get("type") not in ("base", "facility", "city"):
            continue
        weapons = doc.spans("weapons", lo, hi)
        groups = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"]
        if weapons or groups:
            return True
    return False


def _spans_of(doc: _Doc, name: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, pos = [], doc.text.find(name, lo)
    while 0 <= pos < hi:
        out.append((pos, pos + len(name)))
        pos = doc.text.find(name, pos + 1)
    return out


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _parent_name(gazetteer: Gazetteer, actor_id: str) -> str:
    parent = gazetteer.actors.get(actor_id, {}).get("parent") or ""
    if parent and gazetteer.actors.get(parent, {}).get("type") == "militia":
        return gazetteer.actors[parent]["name_en"]
    return ""


def _is_air(doc: _Doc, trigger: Span) -> bool:
    return bool(re.search(r"غار|جوي", doc.norm_slice(trigger.start, trigger.end + 12)))


def _us_mentions(doc: _Doc, lo: int, hi: int) -> list[tuple[Span, bool]]:
    """US or coalition mentions in [lo, hi), each with whether it is on the receiving end
    ('على القوات الأميركية', 'مقتل 3 جنود أميركيين')."""
    return [(sp, bool(US_TARGET_LEAD_RE.search(doc.norm_slice(max(lo, sp.start - 30), sp.start))))
            for key in ("us_signals", "coalition_signals") for sp in doc.spans(key, lo, hi)]


def _us_is_target(doc: _Doc, lo: int, hi: int) -> bool:
    return any(is_target for _sp, is_target in _us_mentions(doc, lo, hi))


def _state_adjective(doc: _Doc, trigger: Span, s1: int) -> str:
    """'الهجوم الإيراني': a state named by an adjective right after the trigger is its perpetrator."""
    for sp in doc.spans_starting("foreign_forces", trigger.end, trigger.end + 4):
        if sp.end <= s1:
            return sp.label
    return ""


def _strike_perpetrator(doc: _Doc, gazetteer: Gazetteer, cues: Cues, trigger: Span, s1: int) -> str:
    side = "coalition" if doc.spans("coalition_signals", trigger.end, min(s1, trigger.end + 35)) else "us"
    return _actor_name(gazetteer, cues.roles.get(f"strike_perpetrator_{side}", ""))
