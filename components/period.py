"""The month range filter (?from=2023-10&to=2024-02): months of ISO dates, the span the tables cover, narrowing (no Streamlit)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

MONTH_RE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")  # ASCII digits only: '٢٠٢٤-٠١' or '²' are not months
NARROWED_TABLES = ("incidents", "troops", "attack_counts")


def parse_month(value) -> str | None:
    """'2023-10' -> '2023-10'; anything else ('2023-13', '2023-1', '2023', 'abc') -> None."""
    text = str(value or "").strip()
    return text if MONTH_RE.fullmatch(text) else None


@dataclass(frozen=True)
class MonthRange:
    """Inclusive months 'YYYY-MM'; an empty bound is open."""

    start: str = ""
    end: str = ""

    def is_open(self) -> bool:
        return not self.start and not self.end

    def ordered(self) -> MonthRange:
        """A range given backwards (?from=2024-02&to=2023-10) is the same range."""
        if self.start and self.end and self.start > self.end:
            return MonthRange(self.end, self.start)
        return self


def month_bounds(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last month each ISO date can fall in, at its own precision: '2024-01-28' and '2024-01' -> 2024-01..2024-01,
    '2024' -> 2024-01..2024-12, '' or anything else -> '' (unknown)."""
    text = dates.fillna("").astype(str)
    # the build writes ISO dates only, so their length says their precision (a regex per row costs 10x on 50,000 rows)
    length = text.str.len()
    month = text.str[:7].where(length >= 7, "")
    year_only = length == 4
    first = month.where(~year_only, text + "-01")
    last = month.where(~year_only, text + "-12")
    return first, last


def _on_or_after(text: pd.Series, length: pd.Series, month: str) -> pd.Series:
    """The date's first month is `month` or later: whole ISO strings compare in order ('2023-10-05' >= '2023-10'); a
    year-only date starts in January."""
    after = text >= month
    year_only = length == 4
    if year_only.any():
        after = after.where(~year_only, (text + "-01") >= month)
    return after


def _on_or_before(text: pd.Series, length: pd.Series, month: str) -> pd.Series:
    """The date's last month is `month` or earlier ('2024-02-29' < '2024-02-32'); a year-only date ends in December."""
    before = text < month + "-32"
    year_only = length == 4
    if year_only.any():
        before = before.where(~year_only, (text + "-12") <= month)
    return before


def within(dates: pd.Series, months: MonthRange, ends: pd.Series | None = None) -> pd.Series:
    """True where the date lies inside the range; a date known only to the year is inside only if the range holds the
    whole year, and an unknown date is outside any range (a date is never made more precise than the text). `ends`: the
    last day of a range of days, where there is one. Whole-string comparisons: slicing 50,000 strings costs 10x more."""
    text = dates.fillna("").astype(str)
    length = text.str.len()
    keep = length >= 4
    if months.start:
        keep &= _on_or_after(text, length, months.start)
    if months.end:
        last = text
        if ends is not None:
            end_text = ends.fillna("").astype(str)
            last = end_text.where(end_text != "", text)
        keep &= _on_or_before(last, last.str.len() if last is not text else length, months.end)
    return keep


def overlaps(starts: pd.Series, ends: pd.Series, months: MonthRange) -> pd.Series:
    """True where a period (a reported tally's) touches the range; a missing bound is the other one."""
    start_text, end_text = starts.fillna("").astype(str), ends.fillna("").astype(str)
    first = start_text.where(start_text != "", end_text)
    last = end_text.where(end_text != "", start_text)
    keep = first.str.len() >= 4
    if months.start:
        keep &= ~_on_or_before(last, last.str.len(), _previous_month(months.start))
    if months.end:
        keep &= ~_on_or_after(first, first.str.len(), _next_month(months.end))
    return keep


def _previous_month(month: str) -> str:
    return _month_text(_month_number(month) - 1)


def _next_month(month: str) -> str:
    return _month_text(_month_number(month) + 1)


def narrow(tables: dict[str, pd.DataFrame], months: MonthRange) -> dict[str, pd.DataFrame]:
    """The tables with incidents and troop figures inside the range and tallies touching it; the rest as they are."""
    if months.is_open():
        return tables
    months = months.ordered()
    narrowed = dict(tables)
    incidents = tables["incidents"]
    narrowed["incidents"] = incidents[within(incidents["date"], months, incidents.get("date_end"))]
    narrowed["troops"] = tables["troops"][within(tables["troops"]["date"], months)]
    counts = tables["attack_counts"]
    narrowed["attack_counts"] = counts[overlaps(counts["period_start"], counts["period_end"], months)]
    return narrowed


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last, both included."""
    return [_month_text(n) for n in range(_month_number(first), _month_number(last) + 1)]


def month_span(tables: dict[str, pd.DataFrame], extra: tuple[str, ...] = ()) -> list[str]:
    """Every month from the earliest to the latest one the narrowed tables name (with `extra` months, from a link), for the
    sidebar's range control; [] when no row has a month."""
    found: set[str] = {m for m in extra if parse_month(m)}
    dated = (("incidents", ("date", "date_end")), ("troops", ("date",)), ("attack_counts", ("period_start", "period_end")))
    for table, columns in dated:
        for column in columns:
            if column not in tables[table]:
                continue
            first, last = month_bounds(tables[table][column])
            found.update(first[first != ""].unique())
            found.update(last[last != ""].unique())
    found = {m for m in found if parse_month(m)}
    if not found:
        return []
    return months_between(min(found), max(found))
