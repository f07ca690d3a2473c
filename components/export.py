"""CSV export of exactly the frame behind a chart or table: BOM, formula-safe cells, a file name that says what."""
from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _neutralise_column(values: pd.Series) -> pd.Series:
    """One column with its formula cells neutralised: a string column in one vectorised pass (a million cells in about a
    second less than a Python call per cell), anything else cell by cell."""
    if pd.api.types.is_string_dtype(values.dtype) and not pd.api.types.is_object_dtype(values.dtype):
        hit = values.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
        return values.where(~hit, "'" + values) if hit.any() else values
    return values.map(neutralise_cell)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    columns = {}
    for column in frame.columns:
        values = frame[column]
        plain = pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
        columns[column] = values if plain else _neutralise_column(values)
    return pd.DataFrame(columns, index=frame.index)


def _for_arrow(values: pd.Series) -> pd.Series:
    """Arrow writes booleans as true/false and cannot write mixed objects: both as pandas writes them."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype("object").map(lambda v: "" if v is None or v is pd.NA else str(bool(v))).astype("str")
    if pd.api.types.is_object_dtype(values):
        return values.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)).astype("str")
    return values


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark so Excel on Windows reads Arabic; formula cells neutralised; written by Arrow's CSV
    writer (100,000 incidents in about 0.3 s; pandas' to_csv took seconds)."""
    safe = neutralise(frame)
    table = pa.Table.from_pandas(pd.DataFrame({c: _for_arrow(safe[c]) for c in safe.columns}), preserve_index=False)
    out = io.BytesIO()
    out.write("\ufeff".encode("utf-8"))
    pa_csv.write_csv(table, out, pa_csv.WriteOptions(include_header=True, quoting_style="needed"))
    return out.getvalue()


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
