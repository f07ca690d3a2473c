"""Troop figures: a number with a troop noun or a counted noun, its qualifier, force, place, kind and date."""
from __future__ import annotations

import re

from preprocess.cues import Cues
from preprocess.extract.doc import ELISION_CONNECTOR_RE, _Doc, text_lines, _best_place, _clause, _date_fields, _force_of, _nearest, _preceding_words, _published_fields
from preprocess.gazetteer import Gazetteer
from preprocess.numbers import NumberMention

_AMERICANS_RE = re.compile(r"\s?(?:امريكي|اميركي|امريكيا|اميركيا|امريكيين|اميركيين)(?!\w)")
_RANGE_START_RE = re.compile(r"(?<!\w)بين\s*$")
_CONTRAST_RE = re.compile(r"(?:^|\s)(?:مقابل|بينما|في حين)\s*$")
CHANGE_FROM_RE = re.compile(r"(?:خفض|خفضت|خفضته|خفضها|خفضه|تخفيض\w*|تقليص\w*|قلص|قلصت|قلصته|تقليل\w*)(?:\s+[^\s.\u060c]+){0,5}?\s+من\s+"
                            r"(?:(?:اقل|اكثر) من\s+|نحو\s+|حوالي\s+|قرابه\s+|زهاء\s+)?$")
_CASUALTY_COUNT_RE = re.compile(r"(?:عدد|حصيله)\s+(?:\S+\s+){0,2}(?:المصابين|المصابون|الجرحي|القتلي|الضحايا)(?!\w)")
SINCE_FROM_RE = re.compile(r"(?:^|\s)(?:من|م)\s*$")
TO_RE = re.compile(r"(?:^|\s)(?:الي|الى|حتي|ل)\s*$")
PLACE_FIRST_RE = re.compile(r"(?:^|\s)و(?:في|ب)\S*\s+(?:\S+\s+){0,2}$")
PART_OF_RE = re.compile(r"\s*(?:منهم|منها)(?!\w)")
CHANGE_TO_RE = re.compile(r"(?:ينخفض|تنخفض|سينخفض|ستنخفض|انخفض|خفض\w*|لخفض\w*|تقليص\w*|تقليل\w*|يصل|تصل|سيصل|يرتفع|ارتفع|زياده\w*|رفع\w*)"
                          r"(?:\s+[^\s.\u060c]+){0,8}?\s+(?:الي|الى)\s+(?:\S+\s+){0,2}$")
TO_STEP_RE = re.compile(r"(?:^|\s)(?:ثم\s+)?(?:الي|الى)\s+(?:(?:اقل|اكثر) من\s+|نحو\s+|حوالي\s+|قرابه\s+|زهاء\s+)?[\"\u201c\u00ab]?\s*$")
RANGE_TO_RE = re.compile(r"\s*(?:الي|الى|حتي)\s*(?:(?:اقل|اكثر) من|نحو|حوالي|قرابه|زهاء)?\s*")


_LINE_HEAD_RE = re.compile(r"[\s\-\u2013\u2022*>\u25aa\u25b8\u25c2\u25cf#|]*(?:\S+\s+){0,2}?")
_FACT_SEPARATOR_RE = re.compile(r"\s*[:\u2190\u2192=|\-\u2013]\s*")


def _fact_box_figure(doc: _Doc, num: NumberMention, s1: int) -> int | None:
    """A figure that opens its line (after a mark and a qualifier), then a colon or an arrow, then the count of
    troops: where what it counts starts (past the separator), else None."""
    line = doc.text.rfind("\n", 0, num.start) + 1
    if not _LINE_HEAD_RE.fullmatch(doc.text, line, num.start) or num.start - line > 20:
        return None
    sep = _FACT_SEPARATOR_RE.match(doc.text, num.num_end)
    if not sep or sep.end() == num.num_end:
        return None
    counted = any(sp.start - sep.end() <= 2 for sp in doc.spans("troop_count_nouns", sep.end(), min(s1, sep.end() + 20)))
    return sep.end() if counted else None


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
        ) or bool(_AMERICANS_RE.match(after))  # "نحو 2500 أمريكي بالعراق": Americans counted, right after the figure
        counted_before = any(
            sp.end <= num.start and num.start - sp.end <= 60 for sp in doc.spans("troop_count_nouns", s0, s1)
        )
        # "- نحو 5200: عدد الجنود الأمريكيين في العراق", "2500 ← عدد الجنود ...": a fact box's figure, then what it counts
        fact_box = _fact_box_figure(doc, num, s1)
        follows_noun = follows_noun or fact_box is not None
        # "عدد جنوده ... الذي يبلغ 5000." : a counted noun before and nothing but punctuation after
        # "قرابة 2500 جندي في العراق ونحو 900 في سوريا": the noun is left out after the first figure
        # "قرابة 2500 جندي وفي سوريا نحو ألفين", "ما لا يقل عن 1500 منهم سينتقلون": the place before it, or a part
        # of the figure before ('منهم'); "ومن المقرر أن ينخفض إلى أقل من 2000": the level the figure changes to
        prev = rows[-1] if rows and rows[-1]["sentence_start"] == s0 else None
        gap = num.start - prev["end"] if prev else -1
        # (a contrast reaches further: "قرابة 2500 جندي أمريكي في إطار مهمة استشارية وتدريبية، مقابل نحو 900 في سوريا")
        just_before = _preceding_words(doc, num.start, 20)
        contrast = bool(_CONTRAST_RE.search(just_before))
        elided = prev is not None and 0 <= gap <= (100 if contrast else 50) \
            and re.match(r"\s*[\"\u201d\u00bb]?\s*(?:في|ب|اخرين|اخرون)", after) and ELISION_CONNECTOR_RE.search(just_before)
        elided = elided or (prev is not None and 0 <= gap <= 60 and bool(
            PLACE_FIRST_RE.search(_preceding_words(doc, num.start, 30)) or PART_OF_RE.match(after)))
        changed_to = bool(CHANGE_TO_RE.search(_preceding_words(doc, num.start, 80))) and (
            (prev is not None and 0 <= gap <= 120) or counted_before)
        # "من نحو 5200 جندي مطلع 2020 إلى قرابة 3000 في خريف العام نفسه، ثم إلى 2500": each step of a chain of
        # levels after a figure of troops
        step = prev is not None and 0 <= gap <= 120 and bool(TO_STEP_RE.search(_preceding_words(doc, num.start, 30)))
        changed_to = changed_to or step
        # "لا يتجاوز 2500 عسكري بعد تقليصه من نحو 3000 مطلع العام": the level a cut started from
        changed_to = changed_to or (prev is not None and 0 <= gap <= 150 and bool(CHANGE_FROM_RE.search(_preceding_words(doc, num.start, 80))))
        elided = elided or changed_to
        # "من 3500 إلى 2000 جندي": the first figure of a range shares the noun after the second
        # ("من نحو ألفين إلى أقل من ألف", "من نحو ثلاثة آلاف إلى 2500" after "عدد جنودها": the counted noun before)
        nxt = next((n for n in numbers if n.start > num.num_end), None)
        range_start = nxt is not None and nxt.start - num.num_end <= 25 and SINCE_FROM_RE.search(_preceding_words(doc, num.start, 12)) \
            and bool(RANGE_TO_RE.fullmatch(doc.norm_slice(num.num_end, nxt.start)))
        if range_start:
            follows_noun = counted_before or any(
                sp.start >= nxt.num_end and sp.start - nxt.num_end <= 12 for sp in doc.spans("troop_nouns", s0, s1))
        # (or its place after it: "ويبلغ عدد الجنود الأمريكيين نحو 2500 في العراق", "عدد القوات في العراق «نحو 2500» وفي سوريا")
        # (not the first end of a span, "بين 2500 وصفر": a range is no level)
        if not follows_noun and not elided and not (counted_before and re.match(r"\s*[\"\u201d\u00bb]?\s*(?:[.\u060c,]|$|(?:في|داخل|وفق|بحسب|حسب)\s|و)", after)
                                                    and not _RANGE_START_RE.search(_preceding_words(doc, num.start, 12))):
            continue
        if any(sp.end <= num.start and num.start - sp.end <= 12 for sp in doc.spans("casualty_before", s0, s1)) \
                or doc.spans("casualty_after", num.num_end, min(s1, num.num_end + 50)) \
                or doc.spans("casualty_counts", max(s0, num.start - 90), num.start):
            continue  # "مقتل 3 جنود", "21 عسكريا أمريكيا أصيبوا", "رفع عدد المصابين ... إلى 34" count casualties
        if counted_before and _CASUALTY_COUNT_RE.search(doc.norm_slice(max(s0, num.start - 60), num.start)):
            continue  # "رفع عدد العسكريين المصابين إلى 24": a count of the wounded, not of troops
        if any(e.start <= num.start and num.num_end <= e.end for e in doc.entities_in(max(0, num.start - 40), num.num_end)):
            continue  # "البرج 22", "اللواء 47": a number in a name
        before = _preceding_words(doc, num.start, 60)
        last_word = before.split()[-1] if before.split() else ""
        bare_last = re.sub(r"^[وفبلك]", "", last_word)
        lo, hi = _clause(doc, num.start)
        if fact_box is not None:
            hi = max(hi, _clause(doc, fact_box)[1])  # (what it counts is past the colon)
        window_before = (max(lo, num.start - 60), num.num_start)  # the qualifier may be the cue: "لن يتجاوز"
        current = bool(doc.spans("current_cues", max(lo, num.start - 60), min(hi, num.end + 30)))
        kind_spans = doc.spans_starting("kind_cues", *window_before)
        labels = {sp.label for sp in kind_spans}
        to_figure = bool(TO_RE.search(before))
        if range_start or (last_word in amount_words or bare_last in amount_words):
            kind = "level"  # the level a change starts from
        elif to_figure and "withdrawal" in labels and "planned" not in labels:
            kind = "level"  # "قلص عدد القوات إلى نحو 900": the level a completed cut reached
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
        if place and place.get("type") == "region" and gazetteer.places.get(place.get("within", ""), {}).get("type") == "country":
            place = gazetteer.places[place["within"]]  # "ألفي جندي في شرق سوريا": a figure for Syria
        near_dates = [d for d in doc.dates_in(s0, s1) if d.end <= s1 and d.iso
                      and (0 <= d.start - num.num_end <= 30 or 0 <= num.start - d.end <= 30)]
        right_after = [d for d in near_dates if 0 <= d.start - num.num_end <= 30]
        if right_after or (near_dates and not current):
            when = _date_fields(_nearest(right_after or near_dates, num.num_end))
        else:
            when = _published_fields(doc.article_date)
        qualifier = num.qualifier
        # (a figure the text changes to may follow a count named in words, with no figure row before it)
        elided = elided and bool(rows)
        if elided and qualifier == "exact" and not follows_noun and not step:  # (a step has its own: "ثم إلى 2500")
            qualifier = rows[-1]["qualifier"]  # "بنحو 1200 جندي في الكويت و300 في قطر": both are about
        rows.append({
            "troop_id": f"{doc.article_id}-trp-{num.start}",
            "article_id": doc.article_id,
            "value": int(num.value),
            "qualifier": qualifier,
            "force": rows[-1]["force"] if elided and not follows_noun else _force_of(doc, cues, num.num_end, num.num_start),
            "location": (place or {}).get("name_en", ""),
            "kind": kind,
            **when,
            **_provenance(doc, num, s0, s1),
        })
    return _one_row_per_figure(doc, cues, rows + _table_figures(doc, cues, gazetteer, numbers, {r["start"] for r in rows}))


# ---- a table of troop levels: a title with a troop noun, a header of places, a row per year -------------------------
# "أعداد القوات الأمريكية المعلنة" / "السنة      العراق      سوريا" / "2019      نحو 5200      نحو 1000"
_CELL_SEP_RE = re.compile(r"[ \t]{3,}|\t| \| ")
_BETWEEN_RE = re.compile(r"(?<!\w)بين(?!\w)")
_YEAR_CELL_RE = re.compile(r"\s*((?:19|20)\d\d)\s*")
_PLANNED_CELL_RE = re.compile(r"(?:مخطط|مقرر|متوقع|مستهدف)")
_AT_LEAST_AFTER_RE = re.compile(r"\s*[\"\u201d\u00bb]?\s*[\"\u201c\u00ab]?\s*(?:علي|على)\s+الاقل")
TABLE_TITLE_LINES = 3  # how far above its header a table's title may stand


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table line, cut at runs of three spaces, tabs or ' | '."""
    if "   " not in line and "\t" not in line and " | " not in line:
        return [(offset, offset + len(line))] if line.strip() else []  # (no separator: the whole line, as below)
    out, pos = [], 0
    for m in _CELL_SEP_RE.finditer(line):
        if line[pos:m.start()].strip():
            out.append((offset + pos, offset + m.start()))
        pos = m.end()
    if line[pos:].strip():
        out.append((offset + pos, offset + len(line)))
    return out


def _table_figures(doc: _Doc, cues: Cues, gazetteer: Gazetteer, numbers: list[NumberMention], taken: set[int]) -> list[dict]:
    """Each figure of a table of troop levels, its place from the column's header and its year from the row's first
    cell. Only under a title with a troop noun, so that a table of attacks or of budgets gives none."""
    if "   " not in doc.text and "\t" not in doc.text and " | " not in doc.text:
        return []
    lines = text_lines(doc)
    rows: list[dict] = []
    header: list[dict | None] | None = None
    force = ""
    for i, (start, line) in enumerate(lines):
        cells = _cells(line, start)
        if len(cells) < 2:
            header = None if line.strip() else header
            continue
        first = doc.text[cells[0][0]:cells[0][1]]
        year = _YEAR_CELL_RE.fullmatch(first)
        if header is not None and year and len(cells) <= len(header):
            for (c0, c1), place in zip(cells[1:], header[1:]):
                if place is None:
                    continue
                cell_numbers = [n for n in numbers if c0 <= n.start < c1 and n.start not in taken
                                and isinstance(n.value, (int, float)) and n.value >= 10 and n.value == int(n.value)
                                and not _BETWEEN_RE.search(doc.norm_slice(c0, n.start))]  # ("ما بين 2000 و2500": a range)
                planned = bool(_PLANNED_CELL_RE.search(doc.norm_slice(c0, c1)))
                for n in cell_numbers:
                    qualifier = "at_least" if _AT_LEAST_AFTER_RE.match(doc.norm_slice(n.num_end, c1)) else n.qualifier
                    rows.append({
                        "troop_id": f"{doc.article_id}-trp-{n.start}",
                        "article_id": doc.article_id,
                        "value": int(n.value),
                        "qualifier": qualifier,
                        "force": force,
                        "location": place.get("name_en", ""),
                        "kind": "planned" if planned else "level",
                        "date": year.group(1), "date_precision": "year", "year": int(year.group(1)),
                        "quote": line.strip(), "start": n.start, "end": n.end, "sentence_start": start, "sentence_end": start + len(line),
                    })
            continue
        # a header: places over the columns after the first, under a title that counts troops
        places = []
        for c0, c1 in cells:
            found = [e for e in doc.entities_in(c0, c1) if e.entity_kind == "place"]
            places.append({**gazetteer.places[found[0].entity_id], "id": found[0].entity_id} if len(found) == 1 else None)
        title = [(a, b) for a, b in lines[max(0, i - TABLE_TITLE_LINES):i] if b.strip()]
        titled = next(((a, a + len(b)) for a, b in reversed(title)
                       if doc.spans("troop_nouns", a, a + len(b)) or doc.spans("troop_count_nouns", a, a + len(b))), None)
        if sum(p is not None for p in places[1:]) >= 1 and titled is not None and not _YEAR_CELL_RE.fullmatch(first):
            header = places
            force = _force_of(doc, cues, titled[1], titled[0])
        else:
            header = None
    return rows


def _one_row_per_figure(doc: _Doc, cues: Cues, rows: list[dict]) -> list[dict]:
    """One figure stated twice (headline and body, lead and spokesman) is one row: the attributed mention
    (a sentence with a reporting verb) is kept, with its qualifier; else the first in the body."""
    kept: list[dict] = []
    for row in rows:
        twin = next((k for k in kept if _same_figure(k, row)), None)
        if twin is None:
            kept.append(row)
            continue
        if _attributed(doc, row) and not _attributed(doc, twin) or _in_headline(doc, twin) and not _in_headline(doc, row):
            kept[kept.index(twin)] = row
            row, twin = twin, row
        # what one statement of the figure leaves out, another may say ("أقل من ألف جندي" then "القوات الأمريكية")
        for slot in ("force", "location"):
            if twin[slot] in ("", "unknown") and row[slot] not in ("", "unknown"):
                twin[slot] = row[slot]
    return kept


def _same_figure(a: dict, b: dict) -> bool:
    return (a["value"] == b["value"] and (a["force"] == b["force"] or "unknown" in (a["force"], b["force"]))
            and a["kind"] == b["kind"]
            # "نحو 2500" and "2500" may be one figure; "أقل من ألفين" and "قرابة ألفين" are two
            and (a["qualifier"] == b["qualifier"] or {a["qualifier"], b["qualifier"]} == {"exact", "approx"})
            and (not a["location"] or not b["location"] or a["location"] == b["location"])
            and (a["year"] is None or b["year"] is None or a["year"] == b["year"]))


def _attributed(doc: _Doc, row: dict) -> bool:
    return bool(doc.spans("reporting_verbs", row["sentence_start"], row["sentence_end"]))


def _in_headline(doc: _Doc, row: dict) -> bool:
    return "\n" not in doc.text[:row["sentence_start"]]


def _provenance(doc: _Doc, num: NumberMention, s0: int, s1: int) -> dict:
    """Where a figure was read: its sentence, the number phrase's offsets and the sentence's."""
    return {"quote": doc.text[s0:s1], "start": num.start, "end": num.end, "sentence_start": s0, "sentence_end": s1}


def _nearest_place_before(doc: _Doc, gazetteer: Gazetteer, s0: int, pos: int) -> dict | None:
    places = [e for e in doc.entities_in(s0, pos) if e.entity_kind == "place"]
    if not places:
        return None
    e = max(places, key=lambda m: m.start)
    return {**gazetteer.places[e.entity_id], "id": e.entity_id}
