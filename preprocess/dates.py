"""Date mentions in Arabic news text, with relative dates resolved against the publication date."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from preprocess.frozen import quick_init
from preprocess.normalize import DELETED, NormalizedText, normalize, normalize_char_string
from preprocess.resources import alternation, finditer_near, load_months, phrase_key

_R = load_months()

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"


@quick_init
@dataclass(frozen=True)
class DateMention:
    """A date written in the text; spans index the original text."""

    start: int
    end: int
    iso: str  # "2024-01-28" | "2024-01" | "2024" | "" when unknown
    precision: str  # day | month | year | unknown
    year: int | None
    part: str  # "" | early | mid | late
    relative: bool  # written relative to the publication date (أمس، الشهر الماضي، مارس الماضي ...)
    explicit_year: bool  # the year is written in the text
    text: str


@dataclass(frozen=True)
class _Anchor:
    """The publication date at whatever precision is known."""

    year: int
    month: int | None
    day: int | None

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None

    @property
    def precision(self) -> str:
        return DAY if self.day else MONTH if self.month else YEAR


@quick_init
@dataclass(frozen=True)
class _Value:
    iso: str
    precision: str
    year: int | None


_UNKNOWN = _Value("", UNKNOWN, None)


@quick_init
@dataclass(frozen=True)
class _Candidate:
    start: int  # normalised-text offsets until mapped back
    end: int
    value: _Value
    part: str
    relative: bool
    explicit_year: bool


# ---- patterns, built once from the resources -------------------------------------------------------

_B = r"(?<!\w)"
_E = r"(?!\w)"
_SEP = r"\s*[,،]?\s*"
_CL = "(?:[" + "".join(_R.clitics) + "]{0,2})"
_MONTH = alternation(_R.month_names)
_WEEKDAY = alternation(_R.weekdays)
# a weekday named anywhere in a date's text, with or without its article (normalised text)
_WEEKDAY_NAME_RE = re.compile(r"(?<!\w)(?:ال)?(" + "|".join(k[2:] for k in _R.weekdays) + r")(?!\w)")
_ORDINAL = alternation(_R.ordinal_days)
_PART = f"(?P<part>{alternation(_R.parts)}){_E}"
_DAYWORD = f"(?:{alternation(_R.day_word)}\\s+)"
_MONTHWORD = f"(?:{alternation(_R.month_word)}\\s+)"
_OF = alternation(_R.day_month_link)
_ARTICLE = alternation(_R.day_article)
_YEAR_KW = alternation(_R.year_keywords)
_YEAR_PREP = alternation(_R.year_prepositions)
_YEAR_SUFFIX = f"(?:\\s*{alternation(_R.year_suffix)}{_E})?"
_RANGE_LINK = f"(?:{alternation(_R.year_range_links)}|[-–])"
_SUFFIX = alternation(_R.suffixes)
_CURRENT_SUFFIX = alternation(k for k, direction in _R.suffixes.items() if direction == "current")
_MONTH_PERIOD = alternation(k for k, (unit, _) in _R.relative_periods.items() if unit == "month")

_TEXT_DATE = re.compile(
    _B
    + f"(?:{_CL}{_PART}\\s+{_MONTHWORD}?)?"
    + f"(?:(?:{_DAYWORD}?(?P<wd>{_WEEKDAY}){_E}{_SEP}(?:{alternation(_R.weekday_link)}\\s+)?)?"
    + f"(?:(?:{_ARTICLE}\\s*|و)?(?P<dnum>\\d{{1,2}})(?:\\s+{_OF})?|(?P<dword>{_ORDINAL})\\s+{_OF})\\s+)?"
    + f"(?P<mword>{_MONTHWORD})?"
    + f"(?P<pair>(?P<m1>{_MONTH}){_E}(?:\\s*/\\s*(?P<m2>{_MONTH}){_E}|\\s*\\(\\s*(?P<m3>{_MONTH})\\s*\\))?)"
    + f"(?:{_SEP}(?:{_YEAR_KW}\\s+)?(?P<year>\\d{{4}})(?!\\d){_YEAR_SUFFIX}"
    + f"|\\s+(?P<suffix>{_SUFFIX}){_E})?"
)

_YEAR_ONLY = re.compile(
    _B
    + f"(?:{_CL}{_PART}\\s+(?:{_CL}(?P<kw1>{_YEAR_KW}){_E}\\s+)?"
    + f"|{_CL}(?P<kw>{_YEAR_KW}){_E}\\s+"
    + f"|{_CL}(?P<prep>{_YEAR_PREP}){_E}\\s+)"
    + f"(?P<year>\\d{{4}})(?!\\d){_YEAR_SUFFIX}"
    + f"(?:\\s*{_RANGE_LINK}\\s*(?P<year2>\\d{{4}})(?!\\d))?"
)

_RELATIVE = re.compile(
    _B
    + f"(?:{_CL}{_PART}\\s+)?{_CL}"
    + "(?P<body>"
    + f"(?:(?:{_ARTICLE}\\s*)?(?P<rdnum>\\d{{1,2}})|(?P<rdword>{_ORDINAL}))\\s+"
    + f"(?:{_OF}\\s+(?P<dperiod>{_MONTH_PERIOD})|(?P<dcurrent>{_CURRENT_SUFFIX})){_E}"
    + f"|{_DAYWORD}?(?P<rday>{alternation(_R.relative_days)}){_E}"
    + f"(?:{_SEP}{_DAYWORD}?(?P<rwd>{_WEEKDAY}){_E}|\\s*\\(\\s*{_DAYWORD}?(?P<rwd2>{_WEEKDAY})\\s*\\))?"
    + f"|(?P<period>{alternation(_R.relative_periods)}){_E}"
    + f"|(?P<ponly>{alternation(_R.part_only_periods)}){_E}"
    + f"|{_DAYWORD}?(?P<wd>{_WEEKDAY}){_E}(?:\\s+(?P<wsuffix>{_SUFFIX}){_E})?"
    + ")"
)

_EN_MONTH = "|".join(sorted((re.escape(n) for n in _R.english_months), key=len, reverse=True))
# "Mar 3, 2024", "January 28 2024", "28 January 2024" (embedded posts and credits)
_ENGLISH = re.compile(
    rf"(?<![A-Za-z])(?:(?P<m1>{_EN_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_EN_MONTH})\.?,?\s+(?P<y2>\d{{4}}))(?![A-Za-z\d])", re.IGNORECASE)
_ENGLISH_ANCHOR = re.compile(rf"(?<![A-Za-z])(?:{_EN_MONTH})(?![A-Za-z])", re.IGNORECASE)


class _InRuns:
    """An anchor searched only inside runs of the characters its matches are made of (plus the one character after a
    run, for its lookahead): the same matches as searching the whole text, at a fraction of the cost where an
    ignore-case alternation finds no literal to skip ahead by (Arabic text holds few Latin letters)."""

    def __init__(self, pattern: re.Pattern, chars: str):
        self.pattern = pattern
        self.runs = re.compile("[" + re.escape(chars) + "]+", pattern.flags & re.IGNORECASE)

    def finditer(self, text: str):
        for run in self.runs.finditer(text):
            yield from self.pattern.finditer(text, run.start(), min(run.end() + 1, len(text)))


_ENGLISH_ANCHOR_SCAN = _InRuns(_ENGLISH_ANCHOR, "".join(sorted(set("".join(_R.english_months)))))

_NUMERIC = re.compile(
    r"(?<![\d/.])(?<!\d-)(?:(?P<y1>\d{4})(?P<s1>[/.\-])(?P<mo1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<s2>[/.\-])(?P<mo2>\d{1,2})(?P=s2)(?P<y2>\d{4}))(?!\d|[/.\-]\d)"
)

# "الأحد 15/مارس/2020": a month's name between slashes
_SLASHED_TEXT = re.compile(rf"(?P<d>\d(?<![\d/]\d)\d?)\s*/\s*(?P<m>{_MONTH})\s*/\s*(?P<y>\d{{4}})(?!\d)")

# "الجمعة 17/11:", "السبت والأحد 18 و19/11": a day and month in digits with no year, read only after a weekday
_DAY_MONTH = re.compile(r"(?P<d>\d(?<![\d/.\-]\d)\d?)/(?P<mo>\d{1,2})(?![\d/.\-])")
# What every match of _SLASHED_TEXT and of _DAY_MONTH holds, looked for first. (Those two open with their first digit,
# the look-behind checked after it, so the regex engine skips ahead to a digit: the matches of "(?<![\d/])\d{1,2}".)
_DIGIT_SLASH = re.compile(r"\d\s*/")
_CELL_BEFORE = re.compile(r"(?:^|\n|\|)[ \t]*$")
_CELL_AFTER = re.compile(r"[ \t]*(?:[^\s|\d]{2,8}[ \t]*)?\|")  # (a part of the day may share the cell: "| 06/11 فجراً |")
_DIGITS_SLASHED = re.compile(r"\d/\d")
_WEEKDAY_BEFORE = re.compile(alternation(list(_R.weekdays)) + r"\s+(?:و" + alternation(list(_R.weekdays))
                             + r"\s+)?(?:\d{1,2}\s*و\s*)?$")

# Quick scans for the word or digits every match of a family contains.
_MONTH_ANCHOR = re.compile(f"{_B}{_MONTH}{_E}")
_YEAR_ANCHOR = re.compile(r"\d(?<!\d\d)\d{3}(?!\d)")
_NUMERIC_ANCHOR = re.compile(r"\d[/.\-]\d")
_RELATIVE_ANCHOR = re.compile(alternation([*_R.relative_days, *_R.relative_periods, *_R.part_only_periods,
                                           *_R.weekdays, *_R.suffixes]) + _E)

_PREP_BEFORE = re.compile(f"{_B}{_CL}{_YEAR_PREP}\\s+$")
_WEEKDAY_BLOCKED = re.compile(f"{_B}{_CL}{alternation(_R.weekday_blockers)}\\s+$")
_TODAY_BLOCKED = re.compile(f"\\s+{alternation(_R.today_blockers)}{_E}")

_TIME = f"\\d{{1,2}}:\\d{{2}}(?::\\d{{2}})?(?:\\s*{alternation(_R.time_suffixes)}{_E})?"
_LABEL = alternation(_R.dateline_labels)
_DL_SEP = r"[-–—|:/]"  # "بغداد / واع / 9.8.2022"
# "العدد 6120 - الأحد 21 يناير 2024", "الثلاثاء 4 رجب 1442 هـ الموافق 16 شباط 2021": a print issue's number before the
# date, and the Hijri date written first with the Gregorian after it
_ISSUE = r"(?:العدد\s*\d{1,6}\s*[-–—|،,]?\s*)"
_HIJRI = (r"(?:\d{1,2}\s+(?:محرم|صفر|ربيع\s+\S+|جمادي\s+\S+|رجب|شعبان|رمضان|شوال|ذو\s+\S+|ذي\s+\S+)\s+\d{4}\s*(?:هـ|ه)?\s*"
          r"(?:الموافق\s*(?:ل\s*)?|[-–—|،,/]\s*))")
_ISSUE_LINE = re.compile(r"(?m)^[ \t]*العدد[ \t]*\d{1,6}[ \t]*[-–—|،,][^\n]+")
_DATELINE_BEFORE = re.compile(
    f"^\\s*(?:[^\\d\\n]{{1,60}}?{_DL_SEP}\\s*)?(?:\\([^)\\n]{{1,40}}\\)\\s*{_DL_SEP}?\\s*)?{_ISSUE}?"
    + f"(?:{_LABEL}\\s*:?\\s*)?(?:(?:{_DAYWORD}?{_WEEKDAY}|{_TIME})\\s*[-–—|،,]?\\s*){{0,2}}{_HIJRI}?$"
)
# Matched at the date's end inside the whole line (pattern.match(line, pos) anchors there), so no leading ^.
_DATELINE_AFTER = re.compile(
    # then a time, a label ("| العدد 3862"), or a short credit without digits ("| 13:27 دمشق", "/ ق. د (وكالات)")
    # (or the Hijri date it equals, alone: "الأحد 21 يناير 2024م الموافق 09 رجب 1445هـ")
    # ("بغداد-12-03-2020 | الخميس 17 رجب 1441 هـ": a separator, the weekday and the Hijri date it equals)
    f"(?:\\s*[-–—|،,/]\\s*(?:{_DAYWORD}?{_WEEKDAY}\\s*)?\\d{{1,2}}\\s+\\S+(?:\\s+\\S+)?\\s+\\d{{4}}\\s*(?:هـ|ه)\\s*(?:[-–—|،,/]\\s*)?(?:{_TIME}\\s*)?$"
    f"|\\s*(?:[-–—|،,/]\\s*(?:{_DAYWORD}?{_WEEKDAY}\\s*)?)?الموافق\\s*(?:ل\\s*)?\\d{{1,2}}\\s+\\S+(?:\\s+\\S+)?\\s+\\d{{4}}\\s*(?:هـ|ه)?\\s*(?:[-–—|،,/]\\s*)?(?:{_TIME}\\s*)?$"
    f"|\\s*(?:[-–—|،,/]\\s*)?(?:{_TIME}\\s*)?(?:[-–—|.،,/]\\s*)?(?:{_LABEL}.*|[^\\d\\n]{{0,40}})?$)"
)

# "بغداد 15 شباط 2024": one or two words of place name before the date, no separator.
_DATELINE_PLACE = re.compile(r"^\s*[^\d\s]{2,20}(?:\s+[^\d\s]{2,20})?\s*[-\u2013\u2014\u060c,:]?\s*$")
_DATELINE_NOT_PLACE = re.compile(r"(?<!\w)(?:في|منذ|حتي|خلال|بتاريخ|يوم|عام)\s*$")
# "دمشق، 14 تموز/يوليو 2022 (رويترز) - قال ...": the agency credit and a dash, then the story.
_DATELINE_AGENCY = re.compile(r"\s*\([^)\n]{1,40}\)\s*[-\u2013\u2014:]\s*\S")


def _longest(phrases) -> int:
    return max(map(len, phrases), default=0)


# Most non-space characters a text before a dateline date can hold and still match _DATELINE_BEFORE (place, agency
# in brackets, label, two weekday-or-time parts with their separators) or _DATELINE_PLACE (two 20-letter words and a
# separator). Later dates on a line are not tried: a line of thousands of dates stays linear.
_DATELINE_BEFORE_MAX = max(
    60 + 1 + 42 + 1 + _longest(_R.dateline_labels) + 1
    + 2 * (max(_longest(_R.day_word) + _longest(_R.weekdays), 8 + _longest(_R.time_suffixes)) + 1),
    20 + 20 + 1,
)
_PAST_DATELINE_PREFIX = re.compile(f"(?:\\s*\\S){{{_DATELINE_BEFORE_MAX + 1}}}")
_DELETED_CHAR = re.compile("[" + re.escape(DELETED) + "]")
# Every pattern reads a written year as \d{4}: four digits in a row of the normalised line, read on the line as written
# (normalising keeps every digit a digit and makes nothing else one, and drops the deleted characters)
_FOUR_DIGITS_WRITTEN = re.compile(r"\d(?:[" + re.escape(DELETED) + r"]*\d){3}")

_URL_PATTERNS = (
    re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=[/\-_.]|$)"),
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    re.compile(r"/(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=[/\-_.]|$)"),
    re.compile(r"/(?P<y>\d{4})/(?P<m>\d{1,2})(?=/)"),
    # "/news/march-24,-2023-...", "/2023-march-24": an English month's name
    re.compile(r"(?i)(?<![a-z])(?P<mn>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?[-_](?P<d>\d{1,2}),?[-_](?P<y>\d{4})(?!\d)"),
)
_URL_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


# ---- calendar arithmetic -----------------------------------------------------------------------------

def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_value(d: date) -> _Value:
    return _Value(d.isoformat(), DAY, d.year)


def _month_value(year: int, month: int) -> _Value:
    return _Value(f"{year:04d}-{month:02d}", MONTH, year)


def _year_value(year: int) -> _Value:
    return _Value(f"{year:04d}", YEAR, year)


def _anchor_value(anchor: _Anchor) -> _Value:
    if anchor.day:
        return _day_value(anchor.date)
    if anchor.month:
        return _month_value(anchor.year, anchor.month)
    return _year_value(anchor.year)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def iso_precision(iso: str) -> str:
    """day | month | year | unknown for an ISO date of any precision ('2024-01-28', '2024-01', '2024', '')."""
    return {10: DAY, 7: MONTH, 4: YEAR}.get(len(iso), UNKNOWN)


def _parse_published(published: str | None) -> _Anchor | None:
    """The publication date from an ISO string of any precision ("2020-11-06", "2020-04", "2020")."""
    if not published:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and _valid_day(year, month, day) is None:
        day = None
    return _Anchor(year, month, day)


def _year_of_month(anchor: _Anchor | None, month: int, direction: str) -> int | None:
    """Year of a month named without one: strictly before (past), after (next), the current year, or the
    latest on or before the publication month (""); None when the anchor is too vague to tell."""
    if anchor is None:
        return None
    if direction == "current":
        return anchor.year
    if anchor.month is None:
        return None
    if direction == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _date_of_day_month(anchor: _Anchor | None, month: int, day: int, direction: str) -> _Value:
    """A day and month without a year, placed relative to the publication date."""
    if anchor is not None and anchor.day and direction != "current":
        ref = anchor.date
        # Leap days may need a few years' search; every other date is found within one year either side.
        if direction == "next":
            years = range(anchor.year, anchor.year + 9)
        else:
            years = range(anchor.year + 1, anchor.year - 9, -1)
        for year in years:
            d = _valid_day(year, month, day)
            if d is None:
                continue
            if d < ref if direction == "past" else d > ref if direction == "next" else d <= ref:
                return _day_value(d)
        return _UNKNOWN
    year = _year_of_month(anchor, month, direction)
    if year is None:
        return _UNKNOWN
    d = _valid_day(year, month, day)
    return _day_value(d) if d else _month_value(year, month)


def _year_of_weekday(month: int, day: int, weekday: int) -> _Value:
    """A day and month named with their weekday on a page with no publication date: the one year of the
    weekday range in which they agree ("الثلاثاء 17/10" is 17 October 2023), unknown when none or several do."""
    lo, hi = _R.weekday_year_range
    fits = [d for d in (_valid_day(y, month, day) for y in range(lo, hi + 1)) if d is not None and d.weekday() == weekday]
    return _day_value(fits[0]) if len(fits) == 1 else _UNKNOWN


def _weekday_date(ref: date, weekday: int, direction: str) -> date:
    """The given weekday on or before ref (""), strictly before (past) or strictly after (next)."""
    if direction == "next":
        return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return ref - timedelta(days=back)


def _week_value(anchor: _Anchor | None, offset: int) -> _Value:
    """A week as precise as its days allow: its month if all its days share one, else its year."""
    if anchor is None or not anchor.day:
        return _UNKNOWN
    ref = anchor.date
    start = ref - timedelta(days=(ref.weekday() - _R.week_starts_on) % 7) + timedelta(weeks=offset)
    end = start + timedelta(days=6)
    if (start.year, start.month) == (end.year, end.month):
        return _month_value(start.year, start.month)
    if start.year == end.year:
        return _year_value(start.year)
    return _UNKNOWN


# ---- one function per pattern family -----------------------------------------------------------------

def _numeric_date(m: re.Match) -> _Candidate | None:
    if m.group("y1"):
        year, month, day = int(m.group("y1")), int(m.group("mo1")), int(m.group("d1"))
    else:
        year, month, day = int(m.group("y2")), int(m.group("mo2")), int(m.group("d2"))
    lo, hi = _R.keyword_year_range
    d = _valid_day(year, month, day) if lo <= year <= hi else None
    if d is None:
        return None
    return _Candidate(m.start(), m.end(), _day_value(d), "", False, True)


def _weekday_day_month(m: re.Match, text: str, anchor: _Anchor | None) -> _Candidate | None:
    before = _WEEKDAY_BEFORE.search(text, max(0, m.start() - 30), m.start())
    month, day = int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if not before:
        # "7 | 11/01 | بادية الميادين | قصف مدفعي": a table's date cell, a day and month with no year
        if anchor is not None and _CELL_BEFORE.search(text, max(0, m.start() - 8), m.start()) and _CELL_AFTER.match(text, m.end()):
            value = _date_of_day_month(anchor, month, day, "")
            return _Candidate(m.start(), m.end(), value, "", True, False) if value.iso else None
        return None
    if anchor is None or not anchor.day:
        # the date goes with the last weekday before it ("السبت والأحد 18 و19/11": 19 is the Sunday)
        named = _WEEKDAY_NAME_RE.findall(before.group())
        value = _year_of_weekday(month, day, _R.weekdays["ال" + named[-1]]) if named else _UNKNOWN
    else:
        value = _date_of_day_month(anchor, month, day, "")
    # (the weekday is part of the mention: "الجمعة 17/11" is one date, not a Friday and a day)
    # ("السبت والأحد 18 و19/11" keeps its "18 و" before the date, where a range of days is read)
    start = m.start() if re.search(r"\d", before.group()) else before.start()
    return _Candidate(start, m.end(), value, "", True, False) if value.iso else None


def _english_date(m: re.Match) -> _Candidate | None:
    month = _R.english_months.get((m.group("m1") or m.group("m2")).lower())
    day, year = int(m.group("d1") or m.group("d2")), int(m.group("y1") or m.group("y2"))
    lo, hi = _R.keyword_year_range
    d = _valid_day(year, month, day) if month and lo <= year <= hi else None
    return _Candidate(m.start(), m.end(), _day_value(d), "", False, True) if d else None


def _text_date(m: re.Match, text: str, anchor: _Anchor | None) -> _Candidate | None:
    month = _R.month_names[phrase_key(m.group("m1"))]
    day = None
    if m.group("dnum"):
        day = int(m.group("dnum"))
    elif m.group("dword"):
        day = _R.ordinal_days[phrase_key(m.group("dword"))]
    start, end = m.start("part") if m.group("part") else m.start(), m.end()
    if day is not None and not 1 <= day <= 31:
        day = None
        start = m.start("mword") if m.group("mword") else m.start("pair")
    year = int(m.group("year")) if m.group("year") else None
    if year is not None and not _R.keyword_year_range[0] <= year <= _R.keyword_year_range[1]:
        year = None
        end = m.end("pair")
    suffix = _R.suffixes[phrase_key(m.group("suffix"))] if m.group("suffix") else None

    if phrase_key(m.group("m1")) in _R.ambiguous_months and not (
        day is not None or year is not None or suffix or m.group("m2") or m.group("m3")
        or m.group("mword") or m.group("part") or _PREP_BEFORE.search(text, max(0, start - 12), start)
    ):
        return None

    part = _R.parts[phrase_key(m.group("part"))] if m.group("part") and day is None else ""
    if year is not None:
        d = _valid_day(year, month, day) if day is not None else None
        value = _day_value(d) if d else _month_value(year, month)
        return _Candidate(start, end, value, part, False, True)
    direction = suffix or ""
    if day is not None and anchor is None and m.group("wd") and not direction:
        value = _year_of_weekday(month, day, _R.weekdays[phrase_key(m.group("wd"))])
    elif day is not None:
        value = _date_of_day_month(anchor, month, day, direction)
    else:
        resolved_year = _year_of_month(anchor, month, direction)
        value = _month_value(resolved_year, month) if resolved_year is not None else _UNKNOWN
    return _Candidate(start, end, value, part, True, False)


def _year_only(m: re.Match) -> list[_Candidate]:
    with_keyword = bool(m.group("kw") or m.group("kw1"))
    lo, hi = _R.keyword_year_range if with_keyword else _R.plausible_year_range
    year = int(m.group("year"))
    if not lo <= year <= hi:
        return []
    if m.group("part"):
        start = m.start("part")
    elif with_keyword:
        start = m.start("kw")
    else:
        start = m.start("year")
    part = _R.parts[phrase_key(m.group("part"))] if m.group("part") else ""
    end = m.end("year2") if m.group("year2") else m.end()
    found = []
    if m.group("year2"):
        year2 = int(m.group("year2"))
        if lo <= year2 <= hi and year2 > year:
            found.append(_Candidate(m.start("year2"), m.end("year2"), _year_value(year2), "", False, True))
        end = m.end("year")
    found.append(_Candidate(start, end, _year_value(year), part, False, True))
    return found


def _relative(m: re.Match, text: str, anchor: _Anchor | None) -> _Candidate | None:
    part = _R.parts[phrase_key(m.group("part"))] if m.group("part") else ""
    start = m.start("part") if m.group("part") else m.start("body")
    end = m.end()
    if m.group("rday"):
        offset = _R.relative_days[phrase_key(m.group("rday"))]
        weekday_text = m.group("rwd") or m.group("rwd2")
        if offset == 0 and not weekday_text and _TODAY_BLOCKED.match(text, end):
            return None
        if anchor is not None and anchor.day:
            ref = anchor.date + timedelta(days=offset)
            if weekday_text:
                # The named weekday wins over the offset when they disagree: writers count days loosely.
                ref = _weekday_date(ref, _R.weekdays[phrase_key(weekday_text)], "next" if offset > 0 else "")
            value = _day_value(ref)
        elif anchor is not None and offset == 0:
            value = _anchor_value(anchor)
        else:
            value = _UNKNOWN
        return _Candidate(start, end, value, "", True, False)
    if m.group("dperiod") or m.group("dcurrent"):
        day = int(m.group("rdnum")) if m.group("rdnum") else _R.ordinal_days[phrase_key(m.group("rdword"))]
        offset = _R.relative_periods[phrase_key(m.group("dperiod"))][1] if m.group("dperiod") else 0
        value = _UNKNOWN
        if anchor is not None and anchor.month:
            year, month = _shift_month(anchor.year, anchor.month, offset)
            d = _valid_day(year, month, day)
            value = _day_value(d) if d else _month_value(year, month)
        return _Candidate(start, end, value, "", True, False)
    if m.group("period") or m.group("ponly"):
        if m.group("period"):
            unit, offset = _R.relative_periods[phrase_key(m.group("period"))]
        elif part:
            unit, offset = _R.part_only_periods[phrase_key(m.group("ponly"))], 0
        else:
            return None
        value = _UNKNOWN
        if unit == "week":
            value, part = _week_value(anchor, offset), ""
        elif anchor is not None and unit == "year":
            value = _year_value(anchor.year + offset)
        elif anchor is not None and anchor.month and unit == "month":
            value = _month_value(*_shift_month(anchor.year, anchor.month, offset))
        return _Candidate(start, end, value, part, True, False)
    if part:
        return None
    wd_start = m.start("wd")
    if _WEEKDAY_BLOCKED.search(text, max(0, wd_start - 12), wd_start):
        return None
    direction = _R.suffixes[phrase_key(m.group("wsuffix"))] if m.group("wsuffix") else ""
    value = _UNKNOWN
    if anchor is not None and anchor.day:
        value = _day_value(_weekday_date(anchor.date, _R.weekdays[phrase_key(m.group("wd"))],
                                         "" if direction == "current" else direction))
    return _Candidate(start, end, value, "", True, False)


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then leftmost; a candidate overlapping a kept one is dropped."""
    if not candidates:
        return []
    # One flag per character taken by a kept candidate: checking a candidate costs its own length, not the
    # number kept so far (a line of thousands of dates was quadratic). Each family's matches do not overlap,
    # so the flags touched add up to a few times the text's length.
    origin = min(c.start for c in candidates)
    taken = bytearray(max(c.end for c in candidates) - origin)
    kept: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        start, end = c.start - origin, c.end - origin
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def find_dates(text: str, published: str | None = None,
               normalized: NormalizedText | None = None) -> list[DateMention]:
    """Every date mention in `text`, in order; relative ones resolved against `published` (ISO, any
    precision). Pass `normalized` when the caller already has normalize(text)."""
    nt = normalized if normalized is not None else normalize(text)
    t = nt.text
    anchor = _parse_published(published)
    candidates: list[_Candidate] = []
    for m in finditer_near(_NUMERIC, _NUMERIC_ANCHOR, t, 12):
        c = _numeric_date(m)
        if c:
            candidates.append(c)
    for m in (_SLASHED_TEXT.finditer(t) if "/" in t and _DIGIT_SLASH.search(t) else ()):
        month = _R.month_names.get(phrase_key(m.group("m")))
        lo, hi = _R.keyword_year_range
        d = _valid_day(int(m.group("y")), month, int(m.group("d"))) if month and lo <= int(m.group("y")) <= hi else None
        if d:
            candidates.append(_Candidate(m.start(), m.end(), _day_value(d), "", False, True))
    for m in (_DAY_MONTH.finditer(t) if (anchor is None or anchor.month) and _DIGITS_SLASHED.search(t) else ()):
        c = _weekday_day_month(m, t, anchor)
        if c:
            candidates.append(c)
    for m in finditer_near(_TEXT_DATE, _MONTH_ANCHOR, t):
        c = _text_date(m, t, anchor)
        if c:
            candidates.append(c)
    for m in finditer_near(_ENGLISH, _ENGLISH_ANCHOR_SCAN, t, 16):
        c = _english_date(m)
        if c:
            candidates.append(c)
    for m in finditer_near(_YEAR_ONLY, _YEAR_ANCHOR, t):
        candidates.extend(_year_only(m))
    for m in finditer_near(_RELATIVE, _RELATIVE_ANCHOR, t):
        c = _relative(m, t, anchor)
        if c:
            candidates.append(c)
    mentions = []
    for c in _without_overlaps(candidates):
        start, end = nt.to_original(c.start, c.end)
        mentions.append(DateMention(start, end, c.value.iso, c.value.precision, c.value.year, c.part,
                                    c.relative, c.explicit_year, nt.original[start:end]))
    return mentions


# ---- publication date ---------------------------------------------------------------------------------


def publication_date_from_dateline(text: str) -> DateMention | None:
    """A date standing alone on one of the first lines (maybe with a time, weekday, label or a
    "city - (agency) -" prefix): the usual place of an outlet's publication date."""
    seen = 0
    lines = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        seen += 1
        if seen > _R.dateline_max_lines:
            break
        lines.append(line)
    # a print issue's stamp stands on a line of its own wherever the page puts it ("العدد 6120 - الأحد 21 يناير 2024")
    lines += [m for m in _ISSUE_LINE.finditer(text) if m.start() > (lines[-1].end() if lines else -1)]
    for line in lines:
        body = line.group()
        if not _FOUR_DIGITS_WRITTEN.search(body):
            continue  # a date with its year written holds four digits in a row: none on this line (once normalised)
        nt = normalize(body)
        folded = nt.text  # normalize_char_string(body): the text before and after a date are slices of it
        past_prefix = _PAST_DATELINE_PREFIX.match(folded)
        prefix_end = past_prefix.end() if past_prefix else len(folded) + 1
        deleted = [m.start() for m in _DELETED_CHAR.finditer(body)]
        for d in find_dates(body, normalized=nt):
            if d.relative or not d.explicit_year or d.precision not in (DAY, MONTH):
                continue
            start = d.start - bisect_left(deleted, d.start)
            if start >= prefix_end:
                break
            end = d.end - bisect_left(deleted, d.end)
            # match(folded, pos, endpos) sees folded[pos:endpos] without copying it: each date costs its neighbourhood.
            place_only = _DATELINE_PLACE.match(folded, 0, start) and not _DATELINE_NOT_PLACE.search(folded, 0, start)
            if ((_DATELINE_BEFORE.match(folded, 0, start) or place_only)
                    and (_DATELINE_AFTER.match(folded, end) or _DATELINE_AGENCY.match(folded, end))):
                offset = line.start()
                return DateMention(d.start + offset, d.end + offset, d.iso, d.precision, d.year, d.part,
                                   False, True, d.text)
    return None


def publication_date_from_url(url: str) -> DateMention | None:
    """A date in the URL's path: /2024/01/28/, /2024-01-28, /20240128/ or /2024/01/ (month)."""
    if not url:
        return None
    scheme = url.find("//")
    path_start = url.find("/", scheme + 2) if scheme >= 0 else 0
    if path_start < 0:
        return None
    lo, hi = _R.plausible_year_range
    for pattern in _URL_PATTERNS:
        for m in pattern.finditer(url, path_start):
            year = int(m.group("y"))
            month = _URL_MONTHS[m.group("mn").lower()] if "mn" in pattern.groupindex else int(m.group("m"))
            if not lo <= year <= hi or not 1 <= month <= 12:
                continue
            if "d" in pattern.groupindex:
                d = _valid_day(year, month, int(m.group("d")))
                if d is None:
                    continue
                value = _day_value(d)
            else:
                value = _month_value(year, month)
            return DateMention(m.start(), m.end(), value.iso, value.precision, value.year, "", False, True,
                               m.group())
    return None


def infer_publication_date(mentions: list[DateMention]) -> DateMention | None:
    """The latest date written with its year, day precision preferred over month over year (texts say
    "منذ أكتوبر 2024" for periods, so a month-only date never overrides a day-precise one)."""
    usable = [m for m in mentions if m.explicit_year and not m.relative and m.iso]
    for precision in (DAY, MONTH, YEAR):
        same = [m for m in usable if m.precision == precision]
        if same:
            return max(same, key=lambda m: (m.iso, -m.start))
    return None


def weekday_named(text: str) -> int | None:
    """The weekday (0 Monday .. 6 Sunday) a date's text names ('فجر الجمعة الثالث عشر من آذار'), or None."""
    m = _WEEKDAY_NAME_RE.search(normalize_char_string(text))
    return _R.weekdays["ال" + m.group(1)] if m else None


_MONTH_NAME_RE = re.compile(rf"(?<!\w)(?:[وفبل])?({_MONTH})(?!\w)")


def month_named(text: str) -> int | None:
    """The month (1-12) a date's text names in any calendar ('نيسان الماضي', 'السابع من يوليو'), or None."""
    m = _MONTH_NAME_RE.search(normalize_char_string(text))
    return _R.month_names.get(phrase_key(m.group(1))) if m else None

