"""Dates counted from other dates or events of the article: 'بعد يومين من مقتل ...', 'وبعد عشرة أيام',
'الخميس 19 منه'. Takes the indexed document and the incidents reported so far; gives a DateMention or None."""
from __future__ import annotations

from datetime import date, timedelta
import re

from preprocess.cues import Span
from preprocess.dates import DateMention, weekday_named
from preprocess.extract.doc import WEEKDAY_INDEX, WEEKDAYS_RE, SAME_MONTH_DAY_RE, _Doc, same_month_day, text_lines


_DAYS_AFTER_RE = re.compile(r"(?<!\w)و?بعد\s+(?:ذلك\s+)?(?:ب)?(?:(\S+)\s+)?(ايام|يوما|اسابيع|اسبوعين|اسبوع|يومين|يوم)(?!\w)(?!\s+(?:علي|من|عن)(?!\w))")


def _day_count(doc: _Doc, base: int, m: re.Match) -> int | None:
    """Days in 'يومين', 'عشرة أيام', 'أسبوع' (group 1 the count word if any, group 2 the unit)."""
    unit = 7 if m.group(2).startswith("اسبوع") else 1
    if m.group(2) in ("اسبوع", "يوم"):
        return unit
    if m.group(2) in ("اسبوعين", "يومين"):
        return 2 * unit
    if m.group(1) is None:
        return None
    count = next((n for n in doc.numbers_in(doc.pos(base, m.start(1)), doc.pos(base, m.end(1)) + 1)), None)
    if count is None or not isinstance(count.value, int) or not 1 <= count.value <= 60:
        return None
    return count.value * unit


# "صوّت البرلمان في 5 كانون الثاني بعد يومين من مقتل سليماني": the event is that many days before the date
_DAYS_FROM_RE = re.compile(r"(بعد|قبل)\s+(?:(\S+)\s+)?(ايام|يوما|اسبوعين|اسبوع|يومين|يوم)\s+(?:من|علي)\s+$")


def _counted_from(doc: _Doc, when: DateMention | None, trigger: Span, s0: int) -> DateMention | None:
    """The event's day from the last day written before 'بعد يومين من' / 'قبل عشرة أيام من' and its trigger
    (the day may sit in the clause before, cut off as the sentence's main event)."""
    lo = max(s0, trigger.start - 40)
    m = _DAYS_FROM_RE.search(doc.norm_slice(lo, trigger.start))
    if not m:
        return None
    cue_start = doc.pos(lo, m.start())
    written = [d for d in doc.dates_in(s0, cue_start) if d.precision == "day" and d.iso and d.end <= cue_start]
    if not written:
        return None
    inner = re.match(r"(?:(\S+)\s+)?(ايام|يوما|اسبوعين|اسبوع|يومين|يوم)", m.group(0)[len(m.group(1)):].lstrip())
    offset = cue_start + len(m.group(0)) - len(m.group(0)[len(m.group(1)):].lstrip())
    days = _day_count(doc, offset, inner) if inner else None
    if days is None:
        return None
    day = date.fromisoformat(written[-1].iso) + timedelta(days=-days if m.group(1) == "بعد" else days)
    return DateMention(cue_start, trigger.start, day.isoformat(), "day", day.year, "", True, False, m.group(0))


def _after_previous_event(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'وردت الفصائل في اليوم التالي': a date counted from the incident reported just before, when that one is
    dated to the day."""
    # ("وفي اليوم ذاته" after an undated aside, "قال الناطق إن الهجوم لم يقع داخل الأردن": the day last told)
    same_day = [sp for sp in doc.spans("previous_event_offsets", s0, s1) if sp.label == "0"]
    if rows and not rows[-1]["date"] and same_day:
        rows = [r for r in rows if r["date"]]
    if not rows or rows[-1]["date_precision"] not in ("day", "range") or rows[-1]["date_basis"] != "text" \
            or rows[-1]["date_precision"] == "range" and not rows[-1].get("date_end"):
        return None
    offsets = doc.spans("previous_event_offsets", s0, s1)
    if offsets:
        cue = offsets[0]
        start, end, days = cue.start, cue.end, int(cue.label)
    else:  # "وبعد عشرة أيام", "بعد ذلك بخمسة أيام", "بعد أسبوع": a count of days or weeks after it
        m = _DAYS_AFTER_RE.search(doc.norm_slice(s0, s1))
        if not m:
            return None
        days = _day_count(doc, s0, m)
        if days is None:
            return None
        start, end = doc.pos(s0, m.start()), doc.pos(s0, m.end())
    # (after a range of days, counted from its last: "يومي الأحد والاثنين ... وبعد ساعات")
    # (before it, from its first: "وقبل ذلك بيوم")
    last = rows[-1]["date_end"] if rows[-1]["date_precision"] == "range" and days >= 0 else rows[-1]["date"]
    day = date.fromisoformat(last) + timedelta(days=days)
    return DateMention(start, end, day.isoformat(), "day", day.year, "", True, False, doc.text[start:end])


def _day_of_previous_month(doc: _Doc, s0: int, s1: int, rows: list[dict]) -> DateMention | None:
    """'الخميس 19 منه', 'ففي 18 من ذلك الشهر': that day of the month last named before it (a date written in the
    text, else the incident listed just before)."""
    m = SAME_MONTH_DAY_RE.search(doc.norm_slice(s0, s1))
    if not m:
        return None
    # (the nearest date written before it, its year stated or resolved: "في الثامن من تشرين الثاني ... وفي الثاني
    # عشر من الشهر ذاته")
    written = [d for d in doc.dates_in(max(0, s0 - 2000), doc.pos(s0, m.start()))
               if d.iso and d.precision in ("day", "month") and (d.explicit_year or d.relative)]
    if written:
        year, month = written[-1].year, int(written[-1].iso[5:7])
    elif rows and rows[-1]["date_precision"] in ("day", "month"):
        year, month = int(rows[-1]["date"][:4]), int(rows[-1]["date"][5:7])
    else:
        return None
    try:
        day = date(year, month, same_month_day(m))
    except ValueError:
        return None
    return DateMention(doc.pos(s0, m.start()), doc.pos(s0, m.end()), day.isoformat(), "day", year, "", True, False, m.group(0))


_NIGHT_RE = re.compile(r"(?<!\w)(?:ليل|ليله)\s+(?:يوم\s+)?(" + WEEKDAYS_RE + r")\s*(?:[-\u2013/]|علي|الي|و)?\s*(" +
                       WEEKDAYS_RE + r")(?!\w)")


def night_range(doc: _Doc, s0: int, s1: int, at: int) -> tuple[str, str] | None:
    """'ليل الجمعة السبت', 'ليل الأحد - الإثنين', 'ليلة الأربعاء على الخميس': a night between two days is the range
    from the first to the next (which of the two a source would date it by is a guess), as (first, last) ISO days,
    the first as the text's date of that weekday resolves it. `at` is where the event's date was read."""
    m = next((m for m in _NIGHT_RE.finditer(doc.norm_slice(s0, s1)) if doc.pos(s0, m.start()) <= at < doc.pos(s0, m.end())), None)
    if not m:  # (the night must be where the event's date was read)
        return None
    a, b = WEEKDAY_INDEX[m.group(1)], WEEKDAY_INDEX[m.group(2)]
    if (a + 1) % 7 != b:
        return None
    first = next((d for d in doc.dates_in(doc.pos(s0, m.start(1)), doc.pos(s0, m.end(1)) + 1) if d.iso and d.precision == "day"), None)
    if first is None:
        return None
    start = date.fromisoformat(first.iso)
    return start.isoformat(), (start + timedelta(days=1)).isoformat()


RAW_WEEKDAY = r"(?:ال)?(?:سبت|احد|أحد|اثنين|إثنين|ثلاثاء|اربعاء|أربعاء|خميس|جمعة|جمعه)"  # as written, before normalising


def date_heading(doc: _Doc, sent_start: int) -> DateMention | None:
    """A timeline whose dates stand on lines of their own ('27 كانون الأول/ديسمبر 2019' then the event on the next
    line): the paragraph under a date heading is of that day. Only in a page with at least three such lines (one
    is the page's own date line)."""
    weekday = _weekday_heading(doc, sent_start)
    if weekday is not None:
        return weekday
    if _heading_count(doc) < 3:
        return None
    line_start = doc.text.rfind("\n", 0, sent_start) + 1
    end = line_start - 1
    # ("📅 الثلاثاء 17/10" over "🔴 09:52 م | ..." lines: an alert list's items, each a line opening with a mark or a
    # clock time, are all of the heading's day, up to MAX_ITEMS_UNDER_HEADING lines of them)
    items = MAX_ITEMS_UNDER_HEADING if _ITEM_LINE_RE.match(doc.text, line_start) else 0
    while end > 0:
        start = doc.text.rfind("\n", 0, end) + 1
        line = doc.text[start:end]
        if _WORDY_RE.search(line):  # ("━━━━━━" rules around a heading are no line of text)
            if items and _ITEM_LINE_RE.match(line) and not doc.dates_in(start, end):
                items -= 1
                end = start - 1
                continue
            break
        end = start - 1
    else:
        return None
    d = _heading_date(doc, start, end)
    return None if d is None else DateMention(sent_start, sent_start, d.iso, d.precision, d.year, "", False, True, "")


# "الجمعة:" on a line of its own, then what happened that day, then "الأحد:": a day-by-day account whose days are
# named by their weekday alone, in a page whose date is stated (each is the last such weekday up to that date)
_BARE_WEEKDAY_LINE_RE = re.compile(r"[ \t]*(?:[^\w\s]+\s*)?(?:(?:يوم|صباح|مساء|ليله|ليلة|فجر|ظهر|عصر)\s+)?" + RAW_WEEKDAY
                                   + r"\s*[:\-\u2013]?[ \t]*$")
MAX_LINES_UNDER_WEEKDAY = 8


def _bare_weekday_lines(doc: _Doc) -> list[tuple[int, int]]:
    cached = doc.__dict__.get("_bare_weekday_lines")
    if cached is None:
        cached = [(pos, pos + len(line)) for pos, line in text_lines(doc)
                  if len(line) <= 30 and _BARE_WEEKDAY_LINE_RE.fullmatch(line)]
        doc.__dict__["_bare_weekday_lines"] = cached
    return cached


def _weekday_heading(doc: _Doc, sent_start: int) -> DateMention | None:
    """The day of the bare weekday heading the sentence sits under (at most MAX_LINES_UNDER_WEEKDAY lines of text
    below it), in a page with two such headings or more and a stated date; else None."""
    headings = _bare_weekday_lines(doc)
    if len(headings) < 2 or not doc.published:
        return None
    line_start = doc.text.rfind("\n", 0, sent_start) + 1
    above = [h for h in headings if h[1] < line_start]
    if not above:
        return None
    start, end = above[-1]
    if doc.text.count("\n", end, line_start) > MAX_LINES_UNDER_WEEKDAY:
        return None
    d = next((d for d in doc.dates_in(start, end + 1) if d.iso and d.precision == "day"), None)
    return None if d is None else DateMention(sent_start, sent_start, d.iso, d.precision, d.year, "", True, False, "")


MAX_ITEMS_UNDER_HEADING = 40
_ITEM_LINE_RE = re.compile(r"[ \t]*(?:[^\w\s(\"«\u200f\u200e]|[\d\u0660-\u0669]{1,2}:[\d\u0660-\u0669]{2}(?!\d))")


def list_item_date(doc: _Doc, sent_start: int) -> DateMention | None:
    """'23 آذار/مارس 2023: مسيّرة ... تضرب قاعدة قرب الحسكة. ردت واشنطن بغارات ...': a later sentence of a dated
    list item, with no date of its own, is of the item's date."""
    line_start = doc.text.rfind("\n", 0, sent_start) + 1
    if line_start == sent_start:
        return None
    colon = doc.text.find(":", line_start, min(sent_start, line_start + 45))
    if colon < 0:
        return None
    dates = [d for d in doc.dates_in(line_start, colon) if d.iso and d.precision in ("day", "month")]
    if not dates:
        return None
    d = dates[-1]
    return DateMention(sent_start, sent_start, d.iso, d.precision, d.year, "", False, d.explicit_year, "")


def _heading_date(doc: _Doc, start: int, end: int) -> DateMention | None:
    """The date a line holds and nothing much else, or None."""
    # (a Hijri date after the Gregorian one, "3 يناير 2020 - الموافق 8 جمادى الأولى 1441 هـ", is left out)
    # (the tail holds a year, four digits in a row: a line without one is kept whole, and a long run of spaces, a
    # blanked box of related headlines, is not searched from each of its positions)
    if not doc.dates_in(start, end):
        return None  # (no date starts on the line: none of the steps below can find one)
    line = doc.text[start:end]
    stripped = (_HIJRI_TAIL_RE.sub("", line) if _FOUR_DIGITS_RE.search(line) else line).strip()
    # "2- عين الأسد، فجر 8 يناير 2020": a numbered section of a timeline headed by its place and date
    numbered = _NUMBERED_HEAD_RE.match(stripped)
    if numbered:
        stripped = stripped[numbered.end():].strip()
    # "▪ 20 كانون الأول 2020 – بغداد": a bulleted heading with the place after its date
    stripped = _BULLET_HEAD_RE.sub("", stripped)
    if _FOUR_DIGITS_RE.search(stripped):
        stripped = _PLACE_TAIL_RE.sub("", stripped)
        stripped = _WEEKDAY_HEAD_RE.sub("", stripped)  # "الاثنين 5/8/2024 – قاعدة عين الأسد (الأنبار، العراق)"
    if not stripped or len(stripped) > 40:
        return None
    # (a weekday with its day and month and no year, "📅 الثلاثاء 17/10", is dated by the page or the weekday itself)
    dates = [d for d in doc.dates_in(start, end) if d.iso and d.precision in ("day", "month")
             and (d.explicit_year or d.precision == "day" and weekday_named(d.text) is not None and _DIGIT_RE.search(d.text))]
    if len(dates) != 1 or len(re.sub(r"[\W\d_]", "", doc.text[dates[0].start:dates[0].end])) < 0.6 * len(re.sub(r"[\W\d_]", "", stripped)):
        return None
    return dates[0]


_NUMBERED_HEAD_RE = re.compile(r"[\d\u0660-\u0669]{1,2}\s*[-.)\u2013]\s*(?:[^\s\d\u0660-\u0669\u060c,:]+\s+){0,2}?[^\s\d\u0660-\u0669\u060c,:]+\s*[\u060c,]\s*")
_BULLET_HEAD_RE = re.compile(r"^[\u25aa\u25ab\u25a0\u25cf\u2022\u25c6\u25c8\u2666*#>\u00bb]+\s*")
_PLACE_TAIL_RE = re.compile(r"(?<=\d)\s*[-\u2013\u2014|]\s*(?:[^\s\d\u0660-\u0669()]+\s*){1,7}(?:\([^()\d]{0,40}\)\s*)?$")
_WEEKDAY_HEAD_RE = re.compile(r"^" + RAW_WEEKDAY + r"\s+(?=[\d\u0660-\u0669])")
_WORDY_RE = re.compile(r"[^\W_]")
_DIGIT_RE = re.compile(r"[\d\u0660-\u0669]")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")  # (\d takes in the Arabic-Indic digits of _HIJRI_TAIL_RE's year)
_HIJRI_TAIL_RE = re.compile(r"\s*[-\u2013\u2014/|]?\s*(?:الموافق\s+)?[\d\u0660-\u0669]{1,2}\s+\S+(?:\s+\S+)?\s+[\d\u0660-\u0669]{4}\s*هـ?\.?\s*$")


def _heading_count(doc: _Doc) -> int:
    cached = doc.__dict__.get("_date_headings")
    if cached is None:
        cached, pos = 0, 0
        for line in doc.text.split("\n"):
            if len(line.strip()) <= 80 and _heading_date(doc, pos, pos + len(line)) is not None:
                cached += 1
            pos += len(line) + 1
        doc.__dict__["_date_headings"] = cached
    return cached
