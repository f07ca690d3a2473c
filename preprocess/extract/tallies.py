"""Reported attack tallies ('أكثر من 150 هجوما منذ 17 تشرين الأول'): count, qualifier, period and place."""
from __future__ import annotations

import re

from preprocess.extract.doc import PLACE_SPECIFICITY, SINCE_RE, UNTIL_RE, _Doc, text_lines, _best_place, _preceding_words
from preprocess.extract.troops import TABLE_TITLE_LINES, _cells, _provenance
from preprocess.gazetteer import Gazetteer
from preprocess.numbers import NumberMention

BREAKDOWN_REACH = 30  # characters between a part's figure and the place it belongs to
# words after a figure that make it a count of something other than attacks
_OTHER_NOUN_RE = re.compile(r"\s*(?:جندي|جنود|عسكري|قتيل|قتلي|جريح|جرحي|مصاب|صاروخ|صواريخ|طائره|مسير|قذيف|كيلو|كلم|كم|عام|سنه|يوم|شهر|ساعه|دولار|مليون|الف|بالمئه|في المئه|%"
                            r"|ايام|اسابيع|اسبوع|اشهر|شهور|سنوات|اعوام|ساعات|دقائق)")
_NEW_BATCH_RE = re.compile(r"\s*(?:جديده|جديد|اخري|متزامنه|في يوم واحد|خلال يوم|خلال ساعات)(?!\w)")
_BREAKDOWN_OPENER_RE = re.compile(r"^\W*(?:و)?(?:منها|من بينها|بينها|توزعت|وتوزعت|موزعه|كان نصيب|تركزت)"
                                  # "وتفيد تقديرات ... بأن قرابة 67 من هذه الهجمات وقعت في العراق": the parts of the
                                  # tally told just before
                                  r"|^[^.\n]{0,90}?[0-9\u0660-\u0669]+\s+(?:من|بين)\s+(?:هذه|تلك)\s+(?:الهجمات|العمليات)(?!\w)")


PART_OF_RE = re.compile(r"(?:نصيب|حصه)\s+\S+(?:\s+\S+){0,3}\s+منها\s*$|منها\s*$")
LIST_OPENER_RE = re.compile(r"(?:النحو|كالاتي|كالتالي|الاتي|التالي|توزعت|موزعه)(?:\s+(?:بحسب|حسب|وفق|وفقا\s+ل)\s*\S+(?:\s+\S+)?)?\W*$")
LIST_ITEM_RE = re.compile(r"^[-\u2013\u2014\u2022\u00b7*]\s*\S")


def attack_tallies(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    """Tallies, and a tally per part of a breakdown that follows one ('41 هجوما، كان نصيب قاعدة بلد منها 15،
    ومعسكر القيارة 12', '19 في العراق و23 في سوريا'): each part with its place and the whole's period."""
    rows = []
    parts_taken: set[int] = set()
    for num in numbers:
        if num.start in parts_taken:
            continue
        if not isinstance(num.value, (int, float)) or num.value < 2:
            continue
        s0, s1 = doc.sentence_of(num.start)
        nouns = [sp for sp in doc.spans("attack_count_nouns", s0, s1) if sp.start >= num.num_end and sp.start - num.num_end <= 4]
        if not nouns:
            continue
        if _NEW_BATCH_RE.match(doc.norm_slice(nouns[0].end, min(s1, nouns[0].end + 12))):
            continue  # "تنفيذ خمس عمليات جديدة": today's claimed operations, each an incident, not a running tally
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
            period_end = doc.article_date
        place = _tally_place(doc, gazetteer, num, s0, s1)
        is_country = place is not None and place.get("type") == "country"
        rows.append(_tally_row(doc, num, period_start, period_end, (place or {}).get("name_en" if is_country else "country", ""),
                               "" if (place is None or is_country) else place.get("name_en", ""), _provenance(doc, num, s0, s1)))
        # "كان نصيب قاعدة عين الأسد منها 19 هجوما، وحرير 14": a part of an earlier whole, its siblings follow
        is_part = bool(PART_OF_RE.search(_preceding_words(doc, num.start, 40)))
        parts = _breakdown(doc, gazetteer, numbers, num, s0, s1, siblings=is_part)
        if parts and not is_part:  # the places after the whole belong to its parts: it keeps one named before it
            before = _best_place(doc, gazetteer, s0, num.start, num.start)
            whole_country = before is not None and before.get("type") == "country"
            rows[-1]["country"] = (before or {}).get("name_en" if whole_country else "country", "")
            rows[-1]["location"] = "" if (before is None or whole_country) else before.get("name_en", "")
        for part, part_place in parts:
            parts_taken.add(part.start)
            is_country = part_place.get("type") == "country"
            ps0, ps1 = doc.sentence_of(part.start)
            rows.append({**rows[-1], "count_id": f"{doc.article_id}-cnt-{part.start}", "count": int(part.value),
                         "qualifier": part.qualifier,
                         "country": part_place["name_en"] if is_country else part_place.get("country", ""),
                         "location": "" if is_country else part_place["name_en"],
                         **_provenance(doc, part, ps0, ps1)})
    return _one_row_per_tally(doc, rows + _table_tallies(doc, gazetteer, numbers))


# ---- a table of attack counts: a title that counts attacks, a header of places (and a total), a row per period ------
# "عدد الهجمات بحسب الشهر والبلد" / "الشهر | العراق | سوريا | المجموع" / "تشرين الثاني | 22 | 31 | 53"
_TOTAL_CELL_RE = re.compile(r"(?<!\w)(?:ال)?(?:مجموع|اجمالي|الكل|كلي)(?!\w)")
_UNTIL_HEAD_RE = re.compile(r"(?<!\w)(?:حتي|لغايه|الي)(?!\w)")
_ATTACKS_WORD_RE = re.compile(r"(?<!\w)(?:ال)?(?:هجمات|هجوم|عمليات|اعتداءات)(?!\w)")
_COUNT_CELL_RE = re.compile(r"\s*\(?\s*[0-9\u0660-\u0669]+\s*\)?\s*")


def _table_tallies(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention]) -> list[dict]:
    """Each count of a table of attack counts, its country from the column's header (none under a total) and its
    period from the row's first cell. Only under a title that counts attacks."""
    if " | " not in doc.text and "   " not in doc.text and "\t" not in doc.text:
        return []
    lines = text_lines(doc)
    by_start = {n.start: n for n in numbers}
    rows: list[dict] = []
    header: list[tuple[str, str] | None] | None = None
    until = False
    for i, (start, line) in enumerate(lines):
        cells = _cells(line, start)
        if len(cells) < 2:
            header = None if line.strip() else header
            continue
        counts = [c for c in cells[1:] if _COUNT_CELL_RE.fullmatch(doc.text[c[0]:c[1]])]
        if header is not None and counts and len(cells) <= len(header):
            label0, label1 = cells[0]
            dates = [d for d in doc.dates_in(label0, label1) if d.iso]
            period_start = "" if until or not dates else dates[0].iso
            period_end = dates[0].iso if until and dates else ""
            for (c0, c1), col in zip(cells[1:], header[1:]):
                num = next((by_start[p] for p in range(c0, c1) if p in by_start), None)
                if col is None or num is None or not _COUNT_CELL_RE.fullmatch(doc.text[c0:c1]):
                    continue
                country, location = col
                rows.append(_tally_row(doc, num, period_start, period_end, country, location,
                                       {"quote": line.strip(), "start": num.start, "end": num.end, "sentence_start": start,
                                        "sentence_end": start + len(line)}))
            continue
        title = [(a, b) for a, b in lines[max(0, i - TABLE_TITLE_LINES):i] if b.strip()]
        titled = any(doc.spans("attack_count_nouns", a, a + len(b)) or _ATTACKS_WORD_RE.search(doc.norm_slice(a, a + len(b)))
                     for a, b in title)
        columns: list[tuple[str, str] | None] = []
        for c0, c1 in cells:
            found = [e for e in doc.entities_in(c0, c1) if e.entity_kind == "place"]
            if _TOTAL_CELL_RE.search(doc.norm_slice(c0, c1)):
                columns.append(("", ""))
            elif len(found) == 1:
                place = gazetteer.places[found[0].entity_id]
                is_country = place.get("type") == "country"
                columns.append((place["name_en"] if is_country else place.get("country", ""), "" if is_country else place["name_en"]))
            else:
                columns.append(None)
        if titled and sum(c is not None and c != ("", "") for c in columns[1:]) >= 1:
            header = columns
            until = bool(_UNTIL_HEAD_RE.search(doc.norm_slice(*cells[0])))
        else:
            header = None
    return rows


def _tally_row(doc: _Doc, num: NumberMention, period_start: str, period_end: str, country: str, location: str,
               provenance: dict) -> dict:
    return {"count_id": f"{doc.article_id}-cnt-{num.start}", "article_id": doc.article_id, "count": int(num.value),
            "qualifier": num.qualifier, "period_start": period_start, "period_end": period_end, "country": country,
            "location": location, **provenance}


def _one_row_per_tally(doc: _Doc, rows: list[dict]) -> list[dict]:
    """A tally stated twice (headline and body) is one row: the body's, with a reporting verb if one has it."""
    kept: list[dict] = []
    for row in rows:
        key = (row["count"], row["qualifier"], row["location"], row["country"], row["period_start"])
        twin = next((k for k in kept if (k["count"], k["qualifier"], k["location"], k["country"], k["period_start"]) == key
                     or (k["count"] == row["count"] and k["qualifier"] == row["qualifier"]
                         and _agree(k["location"], row["location"]) and _agree(k["country"], row["country"])
                         and _agree(k["period_start"], row["period_start"]))), None)
        if twin is None:
            kept.append(row)
        elif "\n" not in doc.text[:twin["sentence_start"]] or (
                doc.spans("reporting_verbs", row["sentence_start"], row["sentence_end"])
                and not doc.spans("reporting_verbs", twin["sentence_start"], twin["sentence_end"])):
            kept[kept.index(twin)] = {**row, "location": row["location"] or twin["location"],
                                      "country": row["country"] or twin["country"]}
    return kept


def _agree(a: str, b: str) -> bool:
    return not a or not b or a == b


def _tally_place(doc: _Doc, gazetteer: Gazetteer, num: NumberMention, s0: int, s1: int) -> dict | None:
    """Where a tally applies: a place tied to it after ('هجوما على قاعدة ...', '... في العراق'), else a base named
    right before it ('نصيب قاعدة عين الأسد منها 19'), else the sentence's best place."""
    after_end = min(s1, num.num_end + 60)
    clause_end = re.search(r"[\u060c,\u061b;:]", doc.text[num.num_end:after_end])
    tied_end = num.num_end + clause_end.start() if clause_end else after_end
    tied_after = [e for e in doc.entities_in(num.num_end, tied_end) if e.entity_kind == "place"
                  and re.search(r"(?:في|علي|ضد|داخل|استهدفت|استهدف)\s+(?:\S+\s+){0,2}$", doc.norm_slice(num.num_end, e.start))]
    if tied_after:
        first = tied_after[0]
        if gazetteer.places[first.entity_id].get("type") == "country" and any(
                gazetteer.places[e.entity_id].get("type") == "country" and e.start > first.end
                and re.fullmatch(r"\s*(?:و|[\u060c,]\s*و?)\s*", doc.norm_slice(first.end, e.start))
                for e in doc.entities_in(first.end, min(s1, first.end + 12)) if e.entity_kind == "place"):
            return None  # "هجوماً في العراق وسوريا": a count for both countries, so for neither alone
        return {**gazetteer.places[first.entity_id], "id": first.entity_id}
    before = [e for e in doc.entities_in(max(s0, num.start - 40), num.start) if e.entity_kind == "place"
              and gazetteer.places[e.entity_id].get("type") in ("base", "facility")]
    if before and not doc.numbers_in(before[-1].end, num.start):
        return {**gazetteer.places[before[-1].entity_id], "id": before[-1].entity_id}
    # a place merely named elsewhere in the sentence ('الهجمات التي استهدفت القواعد والسفارة', 'قرب الديوانية')
    # is not where the count applies; a country named in the sentence is
    loose = _best_place(doc, gazetteer, num.num_end, after_end, num.num_end) or _best_place(doc, gazetteer, s0, s1, num.start)
    if loose is None or loose.get("type") != "country":
        return None
    countries = {e.entity_id for e in doc.entities_in(s0, s1)
                 if e.entity_kind == "place" and gazetteer.places[e.entity_id].get("type") == "country"}
    return loose if len(countries) == 1 else None  # "في العراق وسوريا": both, so neither


def _breakdown(doc: _Doc, gazetteer: Gazetteer, numbers: list[NumberMention], whole: NumberMention,
               s0: int, s1: int, siblings: bool = False) -> list[tuple[NumberMention, dict]]:
    """The parts listed after a tally, in its sentence or in the next one when it opens with 'منها',
    'توزعت' ...: smaller figures each tied to a place right before or after them."""
    end = s1
    nxt = doc.sentence_of(s1 + 1) if s1 + 1 < len(doc.text) else None
    if nxt and nxt[0] >= s1 and _BREAKDOWN_OPENER_RE.match(doc.norm_slice(nxt[0], min(nxt[1], nxt[0] + 130))):
        end = nxt[1]
    elif LIST_OPENER_RE.search(doc.norm_slice(max(s0, s1 - 40), s1)):
        end = _list_end(doc, s1)  # "توزعت على النحو الآتي:" then one dashed line per part
    candidates = []
    for n in numbers:
        if n.start <= whole.num_end or n.start >= end or not isinstance(n.value, (int, float)):
            continue
        if doc.spans_starting("attack_count_nouns", n.num_end, min(end, n.num_end + 4)) \
                and not any(e.entity_kind == "place" for e in doc.entities_in(n.num_end, min(end, n.num_end + 40))):
            # ("... في حين تحدث البنتاغون عن أكثر من 100 هجوم": a tally of its own, no place of its own, ends the parts;
            # not "- 9 هجمات على قاعدة حقل العمر", a part with its noun)
            break
        if not 1 <= n.value or n.value != int(n.value) or (n.value >= whole.value and not siblings):
            continue
        if _OTHER_NOUN_RE.match(doc.norm_slice(n.num_end, min(end, n.num_end + 14))):
            continue
        candidates.append(n)
    if not candidates:
        return []
    # each part's place lies on its own list line, else between it and its neighbour: before it when the list
    # names the place first ('قاعدة بلد منها 15، ومعسكر القيارة 12'), after it otherwise ('19 في العراق و23 في سوريا')
    place_first = any(e.entity_kind == "place" for e in doc.entities_in(whole.num_end, candidates[0].start)) \
        and not re.match(r"\s*\S*\s*(?:في|ب|علي|داخل)\s", doc.norm_slice(candidates[0].num_end, min(end, candidates[0].num_end + 20)))
    parts = []
    for i, n in enumerate(candidates):
        line_start = doc.text.rfind("\n", 0, n.start) + 1
        if LIST_ITEM_RE.match(doc.text[line_start:n.start + 1].strip() or "x"):
            line_end = doc.text.find("\n", n.start)
            # (the line's place, before its figure, "- قاعدة الشدادي: 20", or after it, "- 20 في الشدادي"; after it
            # only when another figure comes first on the line, "- ... أكثر من 170 عملية، بينها نحو 70 في العراق")
            first_on_line = not any(line_start <= m.start < n.start for m in numbers)
            lo, hi = (line_start if first_on_line else n.num_end), len(doc.text) if line_end < 0 else line_end
        elif place_first:
            lo, hi = (candidates[i - 1].num_end if i else whole.num_end), n.start
        else:
            lo, hi = n.num_end, (candidates[i + 1].start if i + 1 < len(candidates) else min(end, n.num_end + BREAKDOWN_REACH))
        places = [e for e in doc.entities_in(lo, hi) if e.entity_kind == "place"]
        if places:
            rank = lambda e: (PLACE_SPECIFICITY.get(gazetteer.places[e.entity_id].get("type", ""), 5), abs(e.start - n.start))  # noqa: E731
            parts.append((n, {**gazetteer.places[min(places, key=rank).entity_id]}))
    if siblings:
        return parts
    # the parts while they fit in the whole: a figure after them that does not is no part of it
    kept, total = [], 0
    for n, place in parts:
        total += int(n.value)
        if total > whole.value:
            break
        kept.append((n, place))
    return kept


def _list_end(doc: _Doc, pos: int) -> int:
    """End of the dashed or bulleted lines that follow `pos` (blank lines between them allowed)."""
    end = pos
    for line in re.finditer(r"[^\n]*", doc.text[pos:pos + 4000]):
        text = line.group().strip()
        if not text:
            continue
        if not LIST_ITEM_RE.match(text):
            break
        end = pos + line.end()
    return end
