"""CSV export of exactly the frame behind a chart or table: BOM, formula-safe cells, a file name that says what."""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark so Excel on Windows reads Arabic."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-")


def csv_filename(table: str, filters, today: dt.date | None = None, extra: tuple[str, ...] = ()) -> str:
    """e.g. rasid_incidents_militia-Kataib-Hezbollah_year-2024_2026-11-21.csv (ASCII only); `extra` names switches such as
    'with-rejected' after the table."""
    parts = ["rasid", _slug(table), *(_slug(e) for e in extra)]
    for name, values in filters.items():
        slugs = [s for s in (_slug(v) for v in values) if s]
        if slugs:
            parts.append(_slug(name).replace("-", "") + "-" + "+".join(slugs))
    parts.append((today or dt.date.today()).isoformat())
    name = "_".join(parts)
    if len(name) > 180:
        name = name[:160] + "_" + parts[-1]
    return name + ".csv"


def filters_in_words(filters, label, value_label) -> str:
    """The active filters as a sentence for the download's caption: 'Faction: Kataib Hezbollah; Year: 2024'."""
    return "; ".join(f"{label(name)}: {', '.join(value_label(name, v) for v in values)}" for name, values in filters.items())
