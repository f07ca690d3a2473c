"""The only module of the app that reads files: paths, the cached tables, and building them when missing or stale."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from components.query import FilterOptions, filter_options
from preprocess.build import build, tables_are_stale
from preprocess.schemas import TABLE_NAMES, columns, dtypes
from preprocess.uploads import save_accepted

ROOT = Path(__file__).resolve().parents[1]


def _path(env: str, default: str) -> Path:
    return Path(os.environ.get(env) or ROOT / default).resolve()


def data_dir() -> Path:
    """Processed tables: $RASID_DATA, else data/processed."""
    return _path("RASID_DATA", "data/processed")


def raw_dir() -> Path:
    """Bundled articles (never written by the app): $RASID_RAW, else data/raw."""
    return _path("RASID_RAW", "data/raw")


def user_dir() -> Path:
    """The analyst's uploaded articles: $RASID_USER, else data/user."""
    return _path("RASID_USER", "data/user")


def inputs() -> list[Path]:
    """Folders the tables are built from: $RASID_RAW and $RASID_USER when set, else the folders the current
    tables were built from (manifest.json, so a corpus opened with RASID_DATA is never rebuilt from the
    seeds), else data/raw; the user corpus folder is always included so uploads are read."""
    if os.environ.get("RASID_RAW") or os.environ.get("RASID_USER"):
        folders = [raw_dir(), user_dir()]
    else:
        folders = [Path(p) for p in _manifest(data_dir()).get("input_dirs", [])] or [raw_dir()]
        folders.append(user_dir())
    unique = list(dict.fromkeys(p.resolve() for p in folders))
    return [p for p in unique if p.is_dir()]


def _manifest(directory: Path) -> dict:
    try:
        return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def tables_present(directory: Path) -> bool:
    return all((directory / f"{name}.parquet").is_file() for name in TABLE_NAMES if name != "rejects")


def tables_stamp(directory: Path) -> str:
    """Changes whenever a build rewrites the tables, so the cache below is invalidated."""
    manifest = directory / "manifest.json"
    files = [manifest] if manifest.is_file() else sorted(directory.glob("*.parquet"))
    signature = [(f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file()]
    return hashlib.sha256(repr(signature).encode()).hexdigest()[:16]


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the schema's columns and dtypes; missing text is '' so every page can compare strings without NA checks."""
    out = pd.DataFrame(index=frame.index)
    for column, dtype in dtypes(table).items():
        values = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        if dtype == "string":
            out[column] = values.astype("string").fillna("").astype("str")
        elif dtype == "boolean":
            out[column] = values.astype("boolean")
        else:
            out[column] = pd.to_numeric(values, errors="coerce").astype(dtype)
    return out.reset_index(drop=True)


def read_tables(directory: Path) -> dict[str, pd.DataFrame]:
    """Every table in the contract; a missing file reads as an empty table."""
    tables = {}
    for name in TABLE_NAMES:
        path = directory / f"{name}.parquet"
        frame = pd.read_parquet(path) if path.is_file() else pd.DataFrame(columns=columns(name))
        tables[name] = conform(name, frame)
    return tables


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_table_set(directory: str, stamp: str) -> tuple[dict[str, pd.DataFrame], FilterOptions]:
    # A shared object, not a copy per rerun (st.cache_data would unpickle every table on each filter change);
    # safe because pages only derive new frames and pandas 3 is copy-on-write.
    tables = read_tables(Path(directory))
    return tables, filter_options(tables)


def load_tables() -> tuple[dict[str, pd.DataFrame], FilterOptions]:
    """The current table set and its filter choices, parsed once per (directory, build) for all sessions."""
    directory = data_dir()
    return _cached_table_set(str(directory), tables_stamp(directory))


@st.cache_resource
def _build_lock() -> threading.Lock:
    return threading.Lock()


def needs_build() -> bool:
    directory = data_dir()
    return not tables_present(directory) or bool(inputs() and tables_are_stale(inputs(), directory))


def build_tables(progress=None):
    """Runs the preprocessing build on the inputs into the data directory and returns its report."""
    with _build_lock():
        report = build(inputs(), data_dir(), progress=progress)
    _cached_table_set.clear()
    return report


def save_uploads(accepted: list) -> list[str]:
    """Writes accepted uploads into the user corpus (never data/raw); one note per file."""
    notes: list[str] = []
    save_accepted(accepted, user_dir(), notes=notes)
    return notes
