"""The normalised article and its indexes (entities, dates, numbers, cue spans by position), and the small
helpers every extractor shares (names of actors, nearest items, places, date fields)."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from preprocess.cues import Cues, Span
from preprocess.dates import DateMention, iso_precision
from preprocess.gazetteer import EntityMatch, Gazetteer
from preprocess.normalize import _DELETED_RUN_RE, NormalizedText, normalize_char_string
from preprocess.numbers import NumberMention
from preprocess.resources import Guarded, alternation, load_months, phrase_key

_bisect_left = bisect.bisect_left

PLACE_SPECIFICITY = {"facility": 0, "base": 0, "city": 1, "province": 2, "region": 3, "country": 4}
THEATRE = {"Iraq", "Syria", "Jordan"}
# bombers and fighter jets named as the agent: a state's air force, never a faction's
AIR_AGENT_RE = re.compile(r"\s*[\"«]?(?:ال)?(?:قاذفات|قاذفه|مقاتلات|مقاتله|مقاتلتان|مقاتلتين|طايرات حربيه|طايره حربيه|طيران حربي|الطيران الحربي)(?!\w)")
# "وأضاف البيان أن مروحيات هجومية من طراز أباتشي وطائرة AC-130 استهدفت ... المسلحين": gunships and attack
# helicopters are the US's or the coalition's in this theatre, never a faction's
GUNSHIP_RE = Guarded(re.compile(r"(?<!\w)(?:ال)?(?:مروحيات|مروحيه|مروحيتان|مروحيتين|اباتشي|(?:ايه|اي)\s*سي\s*-?\s*130|(?i:AC)\s*-?\s*130)(?!\w)"),
                     ("مروحي", "اباتشي", "130"))  # (every match holds one of these)
EVENT_WINDOW = 150  # characters either side of a trigger that can still name its place, actor or target
# ، ؛ ; : , and spaced dashes ("[\u060c\u061b;:,]|\s-\s|\s\u2013\s", opening with the class of every first character so the
# regex engine skips ahead to one instead of trying the branch at every position: the same matches)
CLAUSE_BREAK_RE = re.compile(r"[\u060c\u061b;:,\s](?:(?<=[\u060c\u061b;:,])|(?<=\s)[-\u2013]\s)")
# ("أفادت المقاومة في بيانات أن مجاهديها استهدفوا": a group telling what its own fighters did claims it)
CLAIM_RE = Guarded(re.compile(r"(?<!\w)(?:[وف])?(?:تبنت|تبني|تبنى|اعلنت مسؤوليتها|اعلن مسؤوليته|مسؤوليتها عن|مسؤوليته عن|اعلنت[^.]{0,60}(?:استهداف|قصف|ضرب|مهاجمه)"
                              r"|مجاهدونا|مجاهدينا|مجاهديها|مجاهدوها|مجاهديه|مجاهدوه)(?!\w)"),
                   ("تبن", "مسؤوليت", "اعلن", "مجاهد"))  # (every match holds one of these)
TARGET_PREPOSITION_RE = re.compile(r"(?:علي|ضد|استهدفت|استهدف|لمواقع|مواقع|قاعده|قواعد)\s*$")
SINCE_RE = re.compile(r"(?:منذ|من)\s*$")
UNTIL_RE = re.compile(r"(?:حتي|الي|لغايه|وحتي)\s*$")
# What joins a second figure whose noun is left out: "2500 جندي في العراق ونحو 900 في سوريا", "إضافة إلى 900".
ELISION_CONNECTOR_RE = re.compile(r"(?:^|\s)(?:و|و\S+|اضافه الي|بالاضافه الي|فضلا عن|مقابل|بينما|في حين)\s*$")
# "قاعدة التنف في سوريا وقاعدة عين الأسد": bases joined by و, each perhaps followed by where it lies
BASE_COORDINATION_RE = re.compile(r"\s*[\"\u201d\u00bb]?\s*(?:(?:في|داخل|غربي|شرقي|شمالي|جنوبي|شمال|جنوب|شرق|غرب|قرب|يوم)\s+(?:\S+\s+){0,2}?\S+\s*"
                                  r"|(?:النفطي|الغازي|الجويه|العسكريه|الجوي|العسكري|اللوجستي|اللوجستيه)\s*)?"
                                  r"(?:[\u060c,\u061b;]\s*و?|و|[\u060c,]?\s*(?:اضافه الي|بالاضافه الي|فضلا عن|الي جانب))\s*"
                                  r"(?:(?:علي|الي|في)\s+)?(?:ما\s+(?:يعرف|تعرف|يسمي|تسمي)\s+ب\s*)?(?:(?:قاعده|قاعدتي|قاعدتين|قواعد|موقع|معسكر|منطقه)\s+(?:(?:في|قرب)\s+)?)?[\"\u201c\u00ab]?\s*")  # ("في حقل كونيكو وفي القرية الخضراء", "وقاعدتي الشدادي")
COORDINATION_RE = re.compile(r"\s*(?:و|\u060c|,)\s*")  # gazetteer spans leave the clitic و between names
_MONTHS = load_months()
# the weekdays as the months resource names them (normalised, with the article) -> 0 (Monday) .. 6 (Sunday), and
# the regex alternations of those names, with the article and without it
WEEKDAY_INDEX: dict[str, int] = dict(_MONTHS.weekdays)
WEEKDAYS_RE = "(?:" + "|".join(WEEKDAY_INDEX) + ")"
BARE_WEEKDAYS_RE = "(?:" + "|".join(name.removeprefix("ال") for name in WEEKDAY_INDEX) + ")"
# "19 منه", "18 من ذلك الشهر", "الثامن من الشهر نفسه": a day of the month last named in the text
# (every match holds "منه" or "الشهر": a sentence with neither is not searched)
SAME_MONTH_DAY_RE = Guarded(re.compile(r"(?:(?<!\d)(\d{1,2})|(?<!\w)(" + alternation(_MONTHS.ordinal_days) + r"))"
                                       r"\s+(?:منه|من\s+ذلك\s+الشهر|من\s+الشهر\s+(?:نفسه|ذاته))(?!\w)"), ("منه", "الشهر"))


def same_month_day(m: re.Match) -> int:
    """The day of a SAME_MONTH_DAY_RE match."""
    return int(m.group(1)) if m.group(1) else _MONTHS.ordinal_days[phrase_key(m.group(2))]
CLAUSE_LEAD_RE = re.compile(r"[\u060c,;\u061b]\s*$|^\s*$|\s$")  # a segment cue opens a clause after a comma or a space
# (and a site named by who it hosts: "موقع يضم جنوداً أمريكيين", "قاعدة تستضيف قوات أمريكية", "تتمركز فيها")
# "ارتفع عدد الأمريكيين المصابين": the victims' word right after the nationality
VICTIMS_AFTER_RE = re.compile(r"\s*(?:المصابين|المصابون|الجرحي|القتلي)(?!\w)")
US_TARGET_LEAD_RE = re.compile(r"(?:علي|ضد|استهداف|استهدف\w*|هاجم\w*|لمقتل|مقتل|قتل|اصابه|اصيب\w*|جرح\w*|بينهم|منهم|صفوف"
                               r"|يضم|تضم|يستضيف|تستضيف|يتمركز\s+فيه\w*|تتمركز\s+فيه\w*|تنتشر\s+فيه\w*|ينتشر\s+فيه\w*)\s+"
                               # (not past a verb or noun of striking whose subject the US is: "ليلة الخميس على الجمعة
                               # نفذت طائرات أمريكية ضربات", "رداً على قصف القوات الأمريكية")
                               r"(?:(?![وف]?(?:نفذ|شن|قصف|ضرب|اغار|اطلق|تنفذ|تشن|تقصف|تضرب|يقصف|ينفذ)\w*\s)\w+\s+){0,3}"
                               r"(?:(?:ال)?(?:قوات|جنود|عسكريين|القوه)\s+)?$")  # ("مقتل ثلاثة من أفراد القوات الأمريكية")
# the verbs of a statement that mourns its dead ("نعت الكتائب", "تنعى", "ينعي"), as an alternation
MOURN_VERBS = r"نعت|نعي|نعتا|تنعي|ينعي"
CONTENT_CLAUSE_RE = re.compile(r"(?<!\w)(?:ان|بان|انه|انها|بانه|بانها)(?!\w)")
QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb\u201e'


@dataclass
class ArticleExtraction:
    incidents: list[dict] = field(default_factory=list)
    incident_sources: list[dict] = field(default_factory=list)
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
    article_date: str = ""  # the publication date even when inferred: the fallback date of troop figures

    def __post_init__(self) -> None:
        # Every lookup is by position; bisecting sorted starts keeps a 2-million-character article linear.
        self.entities.sort(key=lambda e: e.start)
        self.dates.sort(key=lambda d: d.start)
        self.numbers.sort(key=lambda n: n.start)
        for spans in self.cue_spans.values():
            spans.sort(key=lambda sp: sp.start)
        self._starts = {id(items): [it.start for it in items]
                        for items in [self.entities, self.dates, self.numbers, *self.cue_spans.values()]}
        # each cue group's spans with their starts, in one lookup (spans() is asked hundreds of times an article)
        self._cue_index = {key: (items, self._starts[id(items)]) for key, items in self.cue_spans.items() if items}
        # bisect_left(norm._offsets, p) for every p from 0 to len(text), worked out once: norm_slice and pos are asked
        # hundreds of times an article
        norm = self.norm
        self._kept_before = _kept_before(norm) if norm._offsets is not None and norm.original is self.text else None

    def _starting(self, items: list, lo: int, hi: int) -> list:
        starts = self._starts[id(items)]
        return items[_bisect_left(starts, lo):_bisect_left(starts, hi)]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def spans(self, key: str, lo: int, hi: int) -> list[Span]:
        """Cue spans of one group lying wholly inside [lo, hi)."""
        found = self._cue_index.get(key)  # spans_starting, inlined: the rules ask this hundreds of times an article
        if found is None:
            return []
        items, starts = found
        i = _bisect_left(starts, lo)
        j = _bisect_left(starts, hi, i)  # (from i: the same index when hi >= lo, an empty slice either way when not)
        if i == j:
            return []  # (most asks find none, and most of the others one: no list made by a comprehension)
        if j == i + 1:
            sp = items[i]
            return [sp] if sp.end <= hi else []
        return [sp for sp in items[i:j] if sp.end <= hi]

    def spans_starting(self, key: str, lo: int, hi: int) -> list[Span]:
        found = self._cue_index.get(key)
        if found is None:
            return []
        items, starts = found
        return items[_bisect_left(starts, lo):_bisect_left(starts, hi)]

    def entities_in(self, lo: int, hi: int) -> list[EntityMatch]:
        items = self.entities
        starts = self._starts[id(items)]
        return [e for e in items[_bisect_left(starts, lo):_bisect_left(starts, hi)] if e.end <= hi]

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        """Dates starting inside [lo, hi)."""
        return self._starting(self.dates, lo, hi)

    def numbers_in(self, lo: int, hi: int) -> list[NumberMention]:
        """Numbers starting inside [lo, hi)."""
        return self._starting(self.numbers, lo, hi)

    def in_date(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts[id(self.dates)], pos) - 1
        return i >= 0 and self.dates[i].start <= pos < self.dates[i].end

    def pos(self, start: int, k: int) -> int:
        """The article offset of character k of norm_slice(start, ...): the two differ once a diacritic or a
        tatweel before it was dropped ("مستودعاً"), so a regex run on a normalised slice maps back through this."""
        norm = self.norm
        kept = norm._offsets
        if kept is None or norm.original is not self.text:
            return start + k
        before = self._kept_before
        i = (before[start] if 0 <= start < len(before) else bisect.bisect_left(kept, start)) + k
        return kept[i] if i < len(kept) else len(self.text)

    def norm_slice(self, start: int, end: int) -> str:
        """normalize_char_string(self.text[start:end]), cut from the article's normalised text (each character folds
        to one character or none, so a slice of the original is a slice of the normalised text)."""
        norm = self.norm
        if norm.original is not self.text or start < 0 or end < 0:
            return normalize_char_string(self.text[start:end])
        before = self._kept_before
        if before is None:
            return norm.text[start:end]
        n = len(before)
        if start < n and end < n:
            return norm.text[before[start]:before[end]]
        kept = norm._offsets
        return norm.text[_bisect_left(kept, start):_bisect_left(kept, end)]


_INTS = list(range(1 << 15))  # the table below is cut from these (copying references; a range makes each int anew)


def _kept_before(norm: NormalizedText) -> list[int]:
    """For each position p of the original text, 0 to its length: how many kept characters come before it
    (bisect_left(norm._offsets, p)), built from the runs of deleted characters."""
    n = len(norm.original)
    ints = _INTS if n < len(_INTS) else range(n + 1)
    out: list[int] = []
    deleted = filled = 0  # characters deleted before the run; positions filled so far
    for m in _DELETED_RUN_RE.finditer(norm.original):
        a, b = m.span()
        out += ints[filled - deleted:a - deleted + 1]  # positions filled .. a
        out += [a - deleted] * (b - a)  # positions a + 1 .. b: no kept character between
        deleted += b - a
        filled = b + 1
    out += ints[filled - deleted:n - deleted + 1]
    return out


# ---------------------------------------------------------------- helpers shared by the extractors

def _clause_breaks(doc: _Doc, s0: int, s1: int) -> list[tuple[int, int]]:
    """The spans of CLAUSE_BREAK_RE's matches in [s0, s1), found once per sentence of an article (_clause is asked
    about many positions of the same sentence; its pattern, a branch, is tried at every position)."""
    memo = doc.__dict__.setdefault("_clause_breaks", {})
    found = memo.get((s0, s1))
    if found is None:
        found = memo[(s0, s1)] = [m.span() for m in CLAUSE_BREAK_RE.finditer(doc.text, s0, s1)]
    return found


def _clause(doc: _Doc, pos: int) -> tuple[int, int]:
    """Clause around a position: bounded by the sentence and by ، ؛ : and spaced dashes."""
    s0, s1 = doc.sentence_of(pos)
    # the last break ending at or before pos and the first starting at or after it, by bisection (the breaks are a
    # regex's matches: in order, not empty, not overlapping, so their starts and their ends both ascend)
    memo = doc.__dict__.setdefault("_clause_bounds", {})
    bounds = memo.get((s0, s1))
    if bounds is None:
        breaks = _clause_breaks(doc, s0, s1)
        bounds = memo[(s0, s1)] = ([start for start, _ in breaks], [end for _, end in breaks])
    starts, ends = bounds
    i = bisect.bisect_right(ends, pos)
    j = bisect.bisect_left(starts, pos)
    return (ends[i - 1] if i else s0), (starts[j] if j < len(starts) else s1)


def _actor_name(gazetteer: Gazetteer, entity_id: str, new_actors: dict[str, dict] | None = None) -> str:
    if entity_id in gazetteer.actors:
        return gazetteer.actors[entity_id]["name_en"]
    if new_actors and entity_id in new_actors:
        return new_actors[entity_id]["name_en"]
    return ""


_PER_GAZETTEER: dict[tuple[str, int], tuple[Gazetteer, object]] = {}


def per_gazetteer(gazetteer: Gazetteer, name: str, build):
    """What `build(gazetteer)` gives, worked out once per loaded gazetteer (an id can be reused by a later one)."""
    cached = _PER_GAZETTEER.get((name, id(gazetteer)))
    if cached is None or cached[0] is not gazetteer:
        cached = _PER_GAZETTEER[(name, id(gazetteer))] = (gazetteer, build(gazetteer))
    return cached[1]


def place_records_by_name(gazetteer: Gazetteer) -> dict[str, dict]:
    """name_en -> the place's record."""
    return per_gazetteer(gazetteer, "place_records_by_name", lambda g: {rec["name_en"]: rec for rec in g.places.values()})


def place_ids_by_name(gazetteer: Gazetteer) -> dict[str, str]:
    """name_en -> the place's id."""
    return per_gazetteer(gazetteer, "place_ids_by_name", lambda g: {rec["name_en"]: pid for pid, rec in g.places.items()})


def _actor_type(gazetteer: Gazetteer, entity_id: str) -> str:
    rec = gazetteer.actors.get(entity_id)
    return rec.get("type", "") if rec else ""


def _nearest(items, pos: int):
    return min(items, key=lambda it: min(abs(it.start - pos), abs(it.end - pos)), default=None)


LAUNCH_ORIGIN_RE = re.compile(r"(?:اطلقت|اطلق|اطلقا|انطلقت|انطلق|انطلقا|اطلاق)\S*\s+(?:\S+\s+){0,4}?من\s+(?:\S+\s+){0,3}$")


def _best_place(doc: _Doc, gazetteer: Gazetteer, lo: int, hi: int, pos: int, skip: frozenset[int] = frozenset()) -> dict | None:
    """Most specific place in [lo, hi), nearest to pos among equally specific ones (none starting at `skip`)."""
    best = None
    for e in doc.entities_in(lo, hi):
        if e.entity_kind != "place" or e.start in skip:
            continue
        if _opens_dateline(doc, e.start, e.end):
            continue  # "دمشق / سانا / 24.3.2023 – شن طيران ...": where the report was filed, not the event
        if _SPEAKER_VERB_RE.match(doc.norm_slice(e.end, min(len(doc.text), e.end + 14))):
            continue  # "دمشق تدين العدوان الأميركي": a capital for its government, speaking, not where it happened
        rec = gazetteer.places[e.entity_id]
        # "منذ بدء الحرب على غزة" is context: a place in the theatre is the event's place when there is one
        # "أطلقت ستة صواريخ من سهل نينوى باتجاه المطار": where they were fired from comes after where they fell
        origin = bool(LAUNCH_ORIGIN_RE.search(doc.norm_slice(max(lo, e.start - 50), e.start)))
        # (a district of a city, "حي المشتل شرقي بغداد", is more specific than the city it names)
        specificity = 0.5 if rec.get("type") == "region" and rec.get("city") else PLACE_SPECIFICITY.get(rec.get("type", ""), 5)
        rank = (rec.get("country") not in THEATRE, origin, specificity, abs(e.start - pos))
        if best is None or rank < best[0]:
            best = (rank, rec, e)
    return None if best is None else {**best[1], "id": best[2].entity_id, "_origin": best[0][1], "_start": best[2].start}


_SPEAKER_VERB_RE = re.compile(r"\s*[\"»]?\s*(?:تدين|تندد|ترفض|تستنكر|تحذر|تتهم|تطالب|ترد علي|تنفي|تدعو)(?!\w)")
_DATELINE_TAIL_RE = re.compile(r"\s*(?:[-\u2013\u2014/|(]\s*(?:[^\s/()\-\u2013]+\s*[/)\-\u2013]\s*)?[0-9\u0660-\u0669]{1,4}\s*[./\-]"
                               r"|/\s*[^\s/]+(?:\s+[^\s/]+)?\s*/|[-\u2013\u2014]?\s*\(\s*[^()\n]{1,40}\)\s*[-\u2013\u2014]"  # ("بغداد- (أ ف ب، رويترز)-")
                               # ("بغداد 3 مارس 2021 (أ ف ب) -", "روما، 28 سبتمبر 2024 (وكالة نوفا) -")
                               r"|\s*[\u060c,]?\s*[0-9\u0660-\u0669]{1,2}\s+\S+\s+[0-9\u0660-\u0669]{4}\s*(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014(])")
_DATELINE_PARTNER_RE = re.compile(r"^[^\s/]{2,20}\s*/\s*$")  # "الخرطوم/بغداد 30 ديسمبر 2019": a second city of the line


def _opens_dateline(doc: _Doc, start: int, end: int) -> bool:
    """A place that opens its line and is followed by an agency or a date: 'دمشق / سانا /', 'بغداد-12-03-2024',
    'بغداد (واع) -'."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    if line_start < start and doc.text[start - 1] not in " \t\u200f\u200e" and doc.text.find("/", line_start, start) < 0 \
            and doc.text.find("<", line_start, start) < 0:
        return False  # (the head below is not empty and holds no "/": no copy of a long line before each place)
    head = re.sub(r"<[^>]*>", "", doc.text[line_start:start]).strip(" \t\u200f\u200e")
    if head and not _DATELINE_PARTNER_RE.match(head):
        return False  # (a bulleted line, "- قاعدة حرير (أربيل): ...", is an item, not a dateline)
    return bool(_DATELINE_TAIL_RE.match(doc.text, end, min(len(doc.text), end + 40)))


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
    if near:
        return min(near, key=distance)[1]
    # "الكويت: نحو 13500 جندي" under "توزع القوات الأمريكية في المنطقة:", or a figure a sentence after one about US
    # troops: the force the sentence or the list lead before it named, unless this one names a local force
    if _LOCAL_FORCE_RE.search(doc.norm_slice(s0, s1)):
        return "unknown"
    line_start = doc.text.rfind("\n", 0, s0) + 1
    for lo, hi in _leads_before(doc, s0 if line_start < s0 else line_start):
        labels = {label for key, label in (("us_signals", "US"), ("coalition_signals", "coalition")) if doc.spans(key, lo, hi)}
        if len(labels) == 1 and _TROOP_WORD_RE.search(doc.norm_slice(lo, hi)):
            return labels.pop()
    return "unknown"


_LOCAL_FORCE_RE = re.compile(r"(?<!\w)(?:العراقي|العراقيه|عراقي|عراقيه|البيشمركه|الكردي|الكرديه|الحشد|السوري|السوريه|الاردني|الاردنيه)(?!\w)")
_TROOP_WORD_RE = re.compile(r"(?<!\w)(?:ال)?(?:قوات|جنود|جندي|عسكري|عسكريين|القوات|الوجود العسكري|انتشار)(?!\w)")
_ITEM_LINE_RE = re.compile(r"\s*(?:[-\u2022*]\s*)?[^\s:]+(?:\s+[^\s:]+){0,2}\s*:")


def _lead_line(doc: _Doc, line_start: int, is_item, max_lines: int) -> tuple[int, int] | None:
    """The line that leads a list: back from the line starting at line_start, over blank lines and the list's other
    items (is_item(start, end)), the first other line as (start, end); None when the text starts first or after
    max_lines lines."""
    pos = line_start
    for _ in range(max_lines):
        if pos <= 0:
            return None
        end = pos - 1
        start = doc.text.rfind("\n", 0, end) + 1
        pos = start
        if doc.text[start:end].strip() and not is_item(start, end):
            return start, end
    return None


def _leads_before(doc: _Doc, pos: int) -> list[tuple[int, int]]:
    """The sentence before pos in its paragraph, or, for a line of a list ('الكويت: ...'), the line that leads the
    list (the first line before it that is not an item)."""
    line_start = doc.text.rfind("\n", 0, pos) + 1
    if line_start == pos and _ITEM_LINE_RE.match(doc.text, pos, min(len(doc.text), pos + 40)):
        lead = _lead_line(doc, pos, lambda s, e: bool(_ITEM_LINE_RE.match(doc.text[s:e])), 12)
        return [lead] if lead else []
    if pos <= 0 or doc.text[max(0, pos - 2):pos].count("\n"):
        return []  # a new paragraph: its own context
    prev = doc.sentence_of(pos - 1)
    return [prev] if prev[1] <= pos else []


def text_lines(doc: _Doc) -> list[tuple[int, str]]:
    """(offset, line) of every line of the article, split once per article for every reader of its lines."""
    lines = doc.__dict__.get("_text_lines")
    if lines is None:
        lines, pos = [], 0
        for line in doc.text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        doc.__dict__["_text_lines"] = lines
    return lines
