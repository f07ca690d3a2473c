"""One article's text -> every table's rows: builds the indexed document once and runs each extractor on it."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as _dt
import re

from preprocess.cues import Cues
from preprocess.dates import find_dates, weekday_named
from preprocess.extract.doc import ArticleExtraction, _Doc, _actor_name, _actor_type
from preprocess.extract.groups import _mentions, find_new_groups, mention_roles, resolve_ambiguous_aliases, short_names, with_cities
from preprocess.extract.events import merge_mentions
from preprocess.extract.furniture import Furniture, blank
from preprocess.extract.mentions import event_mentions
from preprocess.extract.relative import RAW_WEEKDAY
from preprocess.extract.tallies import attack_tallies
from preprocess.extract.troops import troop_figures
from preprocess.gazetteer import Gazetteer
from preprocess.normalize import normalize
from preprocess.numbers import find_numbers
from preprocess.sentences import split_sentences

def extract_article(article_id: str, text: str, published: str, gazetteer: Gazetteer, cues: Cues,
                    titles: tuple[str, ...] = (), published_inferred: bool = False) -> ArticleExtraction:
    """Read one article. `published` (ISO of any precision, or "") anchors relative dates; a sentence that is
    one of the `titles` (metadata's and the first line's) yields no incident: the body reports the same event.
    Boxes of related headlines are read as blank lines (same offsets): they report other articles' events."""
    compiled = _compiled(cues)
    text = blank(text, compiled.furniture.ranges(text))
    norm = normalize(text)
    sentences = split_sentences(text)
    cue_spans = cues.find_all(norm)
    # a piece that marks an anniversary ("تمر اليوم الذكرى الأولى") retells the year it recalls: a day and month
    # without a year keep the year written last, however far back it was
    anniversary = any(sp.start < 400 for sp in cue_spans.get("commemoration", []))
    doc = _Doc(
        article_id=article_id,
        text=text,
        norm=norm,
        # a publication date Rasid guessed dates troop figures as "the article's date", never an incident
        published="" if published_inferred else published,
        article_date=published,
        sentences=sentences,
        sentence_starts=[s for s, _ in sentences],
        entities=with_cities(short_names(resolve_ambiguous_aliases(_not_clock_zones(gazetteer.find(text, norm), text), norm.text, cues), norm), gazetteer),
        # relative dates in the text ('مارس الماضي') still resolve against the best date known
        dates=_same_month(_year_from_context(_year_headings(_counted_from_the_date_before(_updates(_not_in_names(find_dates(text, published or None, norm), text, compiled.named_today), text), text), text), text, published, published_inferred, anniversary), text),
        numbers=_not_footnotes(_not_in_urls(find_numbers(text, norm), text), text),
        cue_spans=cue_spans,
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
    mentions = event_mentions(doc, cues, gazetteer, out.new_actors, headlines, headline_end)
    out.incidents, out.incident_sources = merge_mentions(doc, gazetteer, mentions, _headline_agent(doc, gazetteer, headline_end))
    mention_roles(doc, gazetteer, out.mentions, out.incidents, out.incident_sources)
    if published:
        for d in doc.dates:
            if d.iso and d.explicit_year and d.iso[: len(published)] > published[: len(d.iso)]:
                out.warnings.append(f"date '{d.text}' ({d.iso}) lies after the article's date {published}")
    return out


_URL_RE = re.compile(r"(?:https?://|www\.)\S+")


def _not_in_urls(numbers: list, text: str) -> list:
    """'الرابط: https://example.net/218/201211-66-هجوما-على-القوات': a link's digits are no figure of the article."""
    if "http" not in text and "www." not in text:
        return numbers
    spans = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    return [n for n in numbers if not _in_spans(spans, n.start)]


# (opening with its literal "(", the look-behind checked after it, so the regex engine skips ahead to a "(" instead of
# trying the look-behind at every position: the same matches)
_FOOTNOTE_RE = re.compile(r"\((?<=[^\W\d_]{2}\()\s*[0-9\u0660-\u0669]{1,3}\s*\)")  # (not "و(63)": a clitic before a figure)


def _not_footnotes(numbers: list, text: str) -> list:
    """'في منتصف كانون الأول(23).': a note's number glued to the word it annotates counts nothing."""
    if "(" not in text:
        return numbers
    spans = [(m.start(), m.end()) for m in _FOOTNOTE_RE.finditer(text)]
    return [n for n in numbers if not _in_spans(spans, n.start)] if spans else numbers


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """any(a <= pos < b for a, b in spans), for spans in text order that do not overlap (a regex's matches): only the
    last span starting at or before pos can hold it."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and pos < spans[i][1]


_CLOCK_ZONE_RE = re.compile(r"(?:بتوقيت|توقيت)\s*$")


def _not_clock_zones(entities: list, text: str) -> list:
    """'السادسة والنصف مساءً بتوقيت بغداد': a clock's time zone names no place of the article."""
    return [e for e in entities if not (e.entity_kind == "place" and _CLOCK_ZONE_RE.search(text[max(0, e.start - 12):e.start]))]


YEAR_CONTEXT_REACH = 250  # characters back to a fully written date whose year a day and month without one share


def _year_from_context(dates: list, text: str, published: str, published_inferred: bool = False,
                       anniversary: bool = False) -> list:
    """'قتلت مسيرة في 28 يناير 2024 ثلاثة جنود. وردت واشنطن في 2 فبراير': a day and month written without a year,
    right after a full date, are in that date's year (not the publication's), when that keeps them in order."""
    out = []
    last_full = last_year = None
    # "قائمة الهجمات على القوات الأمريكية في سوريا (2023)": a list page whose title names one year
    titled = _TITLE_YEAR_RE.search(text[:text.find("\n") if "\n" in text else len(text)])
    page_year = int(titled.group(1) or titled.group(2)) if titled else None
    for d in sorted(dates, key=lambda x: x.start):
        if page_year and not d.explicit_year and (d.relative and d.iso and d.precision in ("day", "month") or not d.iso) \
                and d.year != page_year and _heads_a_line(text, d.start) and (not published or published_inferred):
            # (its rows' days and months without a year are in that year: "20 كانون الثاني | التنف | ...")
            again = _in_year(d, page_year)
            if again is not None:
                d = dataclasses.replace(d, iso=again.iso, year=again.year, precision=again.precision)
                last_full = d  # (the row's other dates are in its year too)
            out.append(d)
            continue
        if d.explicit_year and not d.relative and d.precision in ("day", "month") and d.iso:
            last_full = d
        elif d.explicit_year and not d.relative and d.precision == "year" and d.iso:
            last_year = d
        elif (last_year is not None and d.relative and not d.explicit_year and (last_full is None or last_full.end < last_year.start)
              and (0 <= d.start - last_year.end <= YEAR_CONTEXT_REACH and not re.search(r"[.!?\n]", text[last_year.end:d.start])
                   # "تسلسل زمني لأبرز الهجمات خلال 2021" then "15 فبراير: ..." items: a list under a heading of its year
                   or _heads_a_line(text, d.start) and _YEAR_HEADING_RE.fullmatch(_line_of(text, last_year.start)))
              and re.search(r"[0-9\u0660-\u0669]", d.text) and (not d.iso or d.year != last_year.year)):
            # "مرحلة بدأت أواخر 2019، حين قتل متعاقد ... يوم 27 ديسمبر": a day and month in the sentence of a year
            # written alone are in that year
            again = _in_year(d, last_year.year)
            if again is not None and (not published or published_inferred or again.iso <= published):
                d = dataclasses.replace(d, iso=again.iso, year=again.year, precision=again.precision)
                if _heads_a_line(text, d.start):
                    last_full = d  # (the item's other dates are in its year too: "وردت واشنطن في 25 فبراير")
        elif (last_full is not None and d.relative and not d.explicit_year
              and (d.start - last_full.end <= YEAR_CONTEXT_REACH or _heads_a_line(text, d.start) or anniversary
                   # "من العام ذاته": the year written last, however far
                   or _SAME_YEAR_RE.match(text, d.end))
              and re.search(r"[0-9\u0660-\u0669]|\sمن\s", d.text) and (not d.iso or d.year != last_full.year)):
            # ("8 يناير: ..." then "11 مارس (آذار): ..." lines below "3 يناير 2020: ...": a timeline's items keep
            # the year written last, however long the items between)
            again = find_dates(d.text, f"{last_full.year}-12-31")
            if again and again[0].iso and again[0].iso >= last_full.iso \
                    and (not published or published_inferred or again[0].iso <= published):
                d = dataclasses.replace(d, iso=again[0].iso, year=again[0].year, precision=again[0].precision)
                if _heads_a_line(text, d.start):
                    last_full = d
        out.append(d)
    return [_weekday_year(d) for d in out]


def _in_year(d, year: int):
    """The date d's text names, read as one of the given year (its day and month in that year), or None when it does
    not fall in it."""
    again = find_dates(d.text, f"{year}-12-31")
    return again[0] if again and again[0].iso and again[0].year == year else None


def _weekday_year(d):
    """'فجر الجمعة الثالث عشر من آذار' read as 13 March 2019 (a Wednesday) in a page about 2020: a day and month
    written with their weekday and no year are in the year next to the one guessed whose calendar agrees."""
    if d.explicit_year or d.precision != "day" or not d.iso or len(d.iso) != 10:
        return d
    wanted = weekday_named(d.text)
    if wanted is None:
        return d
    y, mo, dd = (int(x) for x in d.iso.split("-"))
    try:
        if _dt.date(y, mo, dd).weekday() == wanted:
            return d
        for year in (y + 1, y - 1):
            if _dt.date(year, mo, dd).weekday() == wanted:
                return dataclasses.replace(d, iso=f"{year:04d}-{mo:02d}-{dd:02d}", year=year)
    except ValueError:
        return d
    return d


_SAME_YEAR_RE = re.compile(r"\s*من\s+(?:العام|السنة|السنه)\s+(?:ذاته|نفسه|ذاتها|نفسها)")


_TITLE_YEAR_RE = re.compile(r"^[^\d]{10,120}[(\[]\s*((?:19|20)\d\d)\s*[)\]][^\d]{0,40}$|^[^\d]{10,120}(?:خلال|عام|لعام)\s+((?:19|20)\d\d)[^\d]{0,40}$")
_YEAR_HEADING_RE = re.compile(r"[^\n.!?:]{0,80}(?:خلال|في|عام|لعام|سنه|سنة)\s+(?:ال)?[12][0-9]{3}\s*:?\s*")


def _line_of(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1].strip()


def _heads_a_line(text: str, pos: int) -> bool:
    """The date opens its line and a colon closes its head ('11 مارس (آذار): صواريخ ...')."""
    line_start = text.rfind("\n", 0, pos) + 1
    # (a part of the day may open the item: "- فجر 27 تشرين الأول: منشأتان قرب البوكمال")
    head = re.sub(r"(?:فجر|مساء|صباح|ليل|ليلة|ظهر|عصر|يوم)\s*$", "", text[line_start:pos].strip(" \t"))
    # (or a table row, its cells joined by " | ": "20 كانون الثاني | التنف | ثلاث طائرات مسيرة")
    return not head.strip(" -\u2022*\t") and (0 <= text.find(":", pos, pos + 45) - pos or 0 <= text.find(" | ", pos, pos + 30) - pos)


_SAME_MONTH_RE = re.compile(r"\s*(?:ذاته|نفسه)(?!\w)")


_ITEM_HEAD_RE = re.compile(r"[ \t]*(?:[-\u2022*\u25aa\u25a0\u25cf]\s*)?(?:" + RAW_WEEKDAY + r"\s+)?")
_ITEM_COLON_RE = re.compile(r"\s*(?:\([^()\n]{0,12}\)\s*)?:")
_DATE_LINE_RE = re.compile(r"[\s\u200f\u200e|\-\u2013\u2014:\u25aa\u2022\u00b7\U0001F4C5\U0001F552]*")  # ("27 أغسطس 2025 ·": a post's date)
_UPDATE_RE = re.compile(r"(?m)^[ \t]*(?:تحديث|آخر تحديث|اخر تحديث|UPDATE|Update)\b[^\n]{0,40}$")


def _updates(dates: list, text: str) -> list:
    """'تحديث – الاثنين ٣٠ كانون الأول ٢٠١٩:' then 'شنت طائرات أمريكية مساء أمس الأحد غارات': the relative dates
    of an update are counted from its own date, until the next update's heading."""
    heads = []
    # (every match holds one of these words: a text with none is not searched, line by line)
    for m in _UPDATE_RE.finditer(text) if "تحديث" in text or "UPDATE" in text or "Update" in text else ():
        full = [d for d in dates if m.start() <= d.start < m.end() and d.explicit_year and not d.relative and d.precision == "day"]
        if full:
            heads.append((m.end(), full[0].iso))
    # "06/08/2024" on a line of its own under each headline of a tag or archive page, then the item's teaser ("مساء أمس
    # الاثنين"): with three or more such lines, the relative dates after each are counted from it
    alone = [(d.end, d.iso) for d in dates if d.explicit_year and not d.relative and d.precision == "day"
             and _DATE_LINE_RE.fullmatch(text, text.rfind("\n", 0, d.start) + 1, d.start)
             and _DATE_LINE_RE.fullmatch(text, d.end, text.find("\n", d.end) if "\n" in text[d.end:] else len(text))]
    if len(alone) >= 3:
        heads = sorted(heads + alone)
    # "- الأحد ٢١/١: أضرار داخل عين الأسد جراء هجوم أمس": a dated list item's relative dates count from its date
    items = {}
    for d in dates:
        if d.iso and d.precision == "day" and len(d.iso) == 10:
            line_start = text.rfind("\n", 0, d.start) + 1
            if _ITEM_HEAD_RE.fullmatch(text, line_start, d.start) and _ITEM_COLON_RE.match(text, d.end):
                items[line_start] = (d.end, d.iso)
    if not heads and not items:
        return dates
    out = []
    for d in dates:
        item = items.get(text.rfind("\n", 0, d.start) + 1) if d.relative else None
        anchor = item[1] if item is not None and item[0] <= d.start else \
            next((iso for end, iso in reversed(heads) if end <= d.start), None)
        if anchor and d.relative:
            again = find_dates(d.text, anchor)
            if again and again[0].iso:
                d = dataclasses.replace(d, iso=again[0].iso, year=again[0].year, precision=again[0].precision)
        out.append(d)
    return out


_YEAR_LINE_RE = re.compile(r"(?m)^[ \t#=*\u25aa\u25a0\u2022-]*((?:19|20)\d\d)[ \t:=*-]*$")


def _year_headings(dates: list, text: str) -> list:
    """A timeline by year: '2024' alone on a line, then '8 أيار: غارة ...' and '2 شباط: ضربات ...' items: each item's
    day and month written without a year are in the year of the heading above it (two such headings at least)."""
    heads = [(m.end(), int(m.group(1))) for m in _YEAR_LINE_RE.finditer(text)] if "\n" in text else []
    if len(heads) < 2:
        return dates
    out = []
    for d in dates:
        year = next((y for end, y in reversed(heads) if end <= d.start), None)
        if year is not None and not d.explicit_year and re.search(r"[0-9\u0660-\u0669]", d.text) and _heads_a_line(text, d.start):
            again = _in_year(d, year)
            if again is not None:
                d = dataclasses.replace(d, iso=again.iso, year=year, precision=again.precision, relative=False, explicit_year=True)
        out.append(d)
    return out


_DAYS_BEFORE_RE = re.compile(r"(?:قبل|قبيل)\s")


def _counted_from_the_date_before(dates: list, text: str) -> list:
    """'فجر الثامن من كانون الثاني 2020 ... ردا على اغتيال سليماني والمهندس قبل خمسة ايام': days counted back in the
    sentence of a date written whole are counted from that date, not from the page's."""
    out = []
    last = None
    for d in sorted(dates, key=lambda x: x.start):
        if d.explicit_year and not d.relative and d.precision == "day" and d.iso:
            last = d
        elif (last is not None and d.relative and d.precision == "day" and _DAYS_BEFORE_RE.match(d.text)
              and d.start - last.end <= YEAR_CONTEXT_REACH and not re.search(r"[.!?\n]", text[last.end:d.start])):
            again = find_dates(d.text, last.iso)
            if again and again[0].iso:
                d = dataclasses.replace(d, iso=again[0].iso, year=again[0].year, precision=again[0].precision)
        out.append(d)
    return out


def _same_month(dates: list, text: str) -> list:
    """'رداً على قصف طال أربيل منتصف الشهر ذاته' after '25 شباط/فبراير 2021': "that same month" is the month of the
    date written before it, not the publication's."""
    out = []
    last = None
    for d in sorted(dates, key=lambda x: x.start):
        if d.iso and d.precision in ("day", "month") and not d.relative:
            last = d
        elif (last is not None and d.relative and "الشهر" in d.text and d.start - last.end <= YEAR_CONTEXT_REACH
              and _SAME_MONTH_RE.match(text, d.end)):
            d = dataclasses.replace(d, iso=last.iso[:7], year=last.year, precision="month", end=_SAME_MONTH_RE.match(text, d.end).end())
        out.append(d)
    return out


# "(بغداد اليوم)", "«روسيا اليوم»": an outlet's name, not a date word (the names cues.outlets lists, and any
# two words in brackets or quotes that end in اليوم)
_NAMED_TODAY_BODY = r"\s*[\w\u0600-\u06ff]+\s+اليوم\s*[)»\"”]"
_NAMED_TODAY_RE = re.compile(r"[(«\"“]" + _NAMED_TODAY_BODY)


@dataclasses.dataclass(frozen=True)
class _Compiled:
    """What the rules compile once per loaded cue set."""
    cues: Cues
    furniture: Furniture
    named_today: re.Pattern


_COMPILED: dict[int, _Compiled] = {}


def _compiled(cues: Cues) -> _Compiled:
    found = _COMPILED.get(id(cues))
    if found is None or found.cues is not cues:  # an id can be reused by a later cue set
        outlets = [re.escape(a) for aliases in cues.outlets.values() for a in aliases if a.endswith("اليوم")]
        found = _COMPILED[id(cues)] = _Compiled(cues, Furniture(cues.lists.get("related_headers", [])),
                                                re.compile("|".join([*(re.escape(q) + _NAMED_TODAY_BODY for q in "(«\"“"), *outlets])))
        # (_NAMED_TODAY_RE a branch per opening quote: every branch opens with a literal, so the regex engine skips ahead
        # to one of those characters instead of trying the pattern at every position; the same matches)
    return found


def _not_in_names(dates: list, text: str, named_today: re.Pattern) -> list:
    names = [(m.start(), m.end()) for m in named_today.finditer(text)]
    if not names:
        return dates
    return [d for d in dates if not (d.relative and any(a <= d.start and d.end <= b for a, b in names))]


def _headline_agent(doc: _Doc, gazetteer: Gazetteer, headline_end: int) -> dict | None:
    """The one faction a headline names ('كتائب حزب الله تستهدف ...'): the default agent of the article's
    attacks whose body names none. None when the headline names no faction or several."""
    if not headline_end:
        return None
    factions = {e.entity_id: e for e in doc.entities_in(0, headline_end)
                if e.entity_kind == "actor" and _actor_type(gazetteer, e.entity_id) == "militia"}
    if len(factions) != 1:
        return None
    (actor_id, entity), = factions.items()
    return {"name": _actor_name(gazetteer, actor_id), "span": (entity.start, entity.end)}
