"""The only module of the app that reads files: paths, the cached tables, and building them when missing or stale."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st
from streamlit.logger import get_logger

from components import mapped
from components.query import REVIEWED_TABLES, FilterOptions, TableIndex, apply_review_filters, filter_options
from preprocess.build import BuildError, build, tables_are_stale
from preprocess.review import ReviewStore, apply_reviews, unreviewed
from preprocess.tableset import is_table_set, read_files
from preprocess.schemas import TABLE_NAMES, columns, dtypes
from preprocess.uploads import save_accepted

ROOT = Path(__file__).resolve().parents[1]
LOG = get_logger("rasid")


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


@dataclass(frozen=True)
class BuildPlan:
    """What the app may rebuild: the folders to read, or why it must not build at all (a message key and
    its values for components.i18n; the tables already there are still served)."""
    inputs: tuple[Path, ...] = ()
    problem: str = ""
    detail: dict = field(default_factory=dict)


def build_plan() -> BuildPlan:
    """A table set is rebuilt only from the folders its manifest names (absolute paths); a fresh one from
    $RASID_RAW (else data/raw) and $RASID_USER (else data/user). The app never writes into a folder that is
    not a Rasid table set, and settings that name other folders than the manifest stop it with a message."""
    directory = data_dir()
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        return BuildPlan(problem="plan_not_tableset", detail={"path": str(directory)})
    if directory.is_dir() and os.listdir(directory) and not is_table_set(directory):
        return BuildPlan(problem="plan_not_tableset", detail={"path": str(directory)})
    manifest = _manifest(directory)
    if not manifest:
        return BuildPlan(inputs=tuple(dict.fromkeys([raw_dir(), user_dir()])))
    folders = [str(p) for p in manifest.get("input_dirs", [])]
    if not folders:  # a table set made elsewhere (a copy, a generator): shown as it is, never rebuilt
        return BuildPlan(problem="plan_no_inputs", detail={"path": str(directory)})
    if any(not Path(p).is_absolute() for p in folders):
        return BuildPlan(problem="plan_relative", detail={"path": str(directory), "folders": ", ".join(folders)})
    resolved = [Path(p) for p in folders]
    if not os.environ.get("RASID_DATA"):  # the bundled table set always reads the seeds and the uploads
        resolved = list(dict.fromkeys(resolved + [raw_dir(), user_dir()]))
    for env in ("RASID_RAW", "RASID_USER"):
        value = os.environ.get(env)
        if value and Path(value).resolve() not in resolved:
            return BuildPlan(inputs=tuple(resolved), problem="plan_env_disagrees",
                             detail={"env": env, "value": str(Path(value).resolve()), "folders": ", ".join(folders)})
    return BuildPlan(inputs=tuple(resolved))


def inputs() -> list[Path]:
    """Folders the current table set is (re)built from; empty when the app must not build (see build_plan)."""
    plan = build_plan()
    return [] if plan.problem else [p for p in plan.inputs if p.is_dir()]


def uploads_allowed() -> bool:
    """Uploads are saved only where the next build will read them."""
    plan = build_plan()
    return not plan.problem and user_dir() in plan.inputs


def _manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


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
            if values.dtype == "str" and not values.hasnans:
                out[column] = values  # already what the pages compare: no copy (a million quotes are hundreds of MB)
            else:
                out[column] = values.astype("string").fillna("").astype("str")
        elif dtype == "boolean":
            out[column] = values.astype("boolean")
        else:
            out[column] = pd.to_numeric(values, errors="coerce").astype(dtype)
    return out.reset_index(drop=True)


def _read_table(directory: Path, fh, file_name: str) -> pd.DataFrame:
    """One table conformed (conform); the text of a large one mapped from the table cache (components.mapped) instead of
    read into memory; analyst review's verdict kept when the table set carries it."""
    name = file_name.removesuffix(".parquet")
    parquet = pq.ParquetFile(fh)
    data = None
    if name in mapped.MAPPED_TABLES:
        try:
            data = mapped.mapped_table(directory, name, fh, parquet)
        except OSError as error:  # no room or no right to write the cache: the table is read into memory, as it was
            LOG.warning("table %s read into memory, not mapped: %s", name, error)
    if data is None:  # one chunk per column: Arrow's take on a column of several chunks joins them first (a copy per take)
        data = parquet.read().combine_chunks()
    frame = data.to_pandas()
    del data
    table = conform(name, frame)
    if "review_state" in frame:  # analyst review's verdict, when the table set carries it
        table["review_state"] = frame["review_state"].astype("category").to_numpy()
    return table


def read_tables(directory: Path) -> dict[str, pd.DataFrame]:
    """Every table in the contract, all from one build (a rebuild during the read gives the old set or the
    new one, never a mix); a missing file reads as an empty table. Each table is conformed as soon as it is read (one raw
    frame at a time); its large tables' text stays on disk (components.mapped)."""
    files = read_files(directory, [f"{name}.parquet" for name in TABLE_NAMES],
                       lambda fh, file_name: _read_table(directory, fh, file_name), with_name=True)
    mapped.trim()  # the raw frames' memory, freed, back to the system
    return {name: files[f"{name}.parquet"] if files[f"{name}.parquet"] is not None
            else conform(name, pd.DataFrame(columns=columns(name))) for name in TABLE_NAMES}


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_table_set(directory: str, stamp: str) -> tuple[dict[str, pd.DataFrame], FilterOptions]:
    # A shared object, not a copy per rerun (st.cache_data would unpickle every table on each filter change);
    # safe because pages only derive new frames and pandas 3 is copy-on-write.
    tables = read_tables(Path(directory))
    return tables, filter_options(tables)


def load_tables() -> tuple[dict[str, pd.DataFrame], FilterOptions]:
    """The current table set as built and its filter choices, parsed once per (directory, build) for all sessions."""
    directory = data_dir()
    return _cached_table_set(str(directory), tables_stamp(directory))


def review_store() -> ReviewStore:
    """The analysts' review log: $RASID_REVIEW_DB, else data/review.sqlite (opened per call: cheap, no connection kept)."""
    return ReviewStore()


@dataclass(frozen=True)
class ReviewedSet:
    """A table set with the review log applied: `built` as the build wrote it, `reviewed` with every review applied
    (rejected rows included, flagged), the filter choices of the rows that count (rejected rows offer none), and the
    TableIndex of the reviewed tables (what every page filters and counts with: the review switches are masks in it)."""
    built: dict
    reviewed: dict
    options: FilterOptions
    index: TableIndex


@st.cache_resource(show_spinner=False, max_entries=2)
def _cached_reviewed_set(directory: str, stamp: str, log: str, version: int) -> ReviewedSet:
    # keyed by the build's stamp and the log's version: a rerun with no new review reuses it (tables and index); a new
    # action or a rebuild makes a new one, so every page counts the reviewed rows
    built, _options = _cached_table_set(directory, stamp)
    actions = ReviewStore(log).actions()
    # an empty log changes no row: the review columns are constants (pandas copy-on-write shares every other column),
    # instead of a key worked out for each of a million rows; keys appear in the tables once a review exists
    reviewed = apply_reviews(built, actions) if actions else unreviewed(built)
    counted = {**reviewed, **{name: apply_review_filters(reviewed[name]) for name in REVIEWED_TABLES}}
    found = ReviewedSet(built, reviewed, filter_options(counted), TableIndex(reviewed, after_pass=mapped.release))
    mapped.release()  # the index read every mapped table whole: its pages go back to the page cache
    return found


def load_reviewed_tables() -> ReviewedSet:
    """The current table set with the review log applied, and its TableIndex, once per (build, log version) for all
    sessions."""
    directory, store = data_dir(), review_store()
    return _cached_reviewed_set(str(directory), tables_stamp(directory), str(store.path), store.version())


def load_index() -> TableIndex:
    """The TableIndex of the current reviewed tables (load_reviewed_tables().index)."""
    return load_reviewed_tables().index


@st.cache_resource
def _build_lock() -> threading.Lock:
    return threading.Lock()


def needs_build() -> bool:
    folders = inputs()
    if not folders:
        return False
    directory = data_dir()
    return not tables_present(directory) or tables_are_stale(folders, directory)


def build_tables(progress=None):
    """Runs the preprocessing build on the inputs into the data directory and returns its report."""
    plan = build_plan()
    if plan.problem:
        raise BuildError([plan.problem])
    with _build_lock():
        report = build(list(plan.inputs), data_dir(), progress=progress)
    _cached_table_set.clear()
    _cached_reviewed_set.clear()
    return report


def save_uploads(accepted: list) -> list[str]:
    """Writes accepted uploads into the user corpus (never data/raw); one note per file. Nothing is saved
    where the table set would not read it (see uploads_allowed)."""
    if not uploads_allowed():
        raise PermissionError("uploads are off: the table set is not built from the upload folder")
    notes: list[str] = []
    save_accepted(accepted, user_dir(), notes=notes)
    return notes


def evaluation_path() -> Path:
    """The latest measured accuracy (written by bench/eval_devset.py --all): $RASID_EVAL, else data/eval/latest.json."""
    return _path("RASID_EVAL", "data/eval/latest.json")


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_evaluation(path: str, stamp: tuple[int, int]) -> dict | None:
    try:
        figures = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return figures if isinstance(figures, dict) and isinstance(figures.get("sets"), dict) else None


def load_evaluation() -> tuple[dict | None, str]:
    """(figures, "") read once per version of the file; (None, "missing") or (None, "unreadable") otherwise."""
    path = evaluation_path()
    try:
        info = path.stat()
    except OSError:
        return None, "missing"
    figures = _cached_evaluation(str(path), (info.st_mtime_ns, info.st_size))
    return (figures, "") if figures is not None else (None, "unreadable")


def blind_runs_path() -> Path:
    """The first strict run of each development set, before any rule changed for it: next to latest.json."""
    return evaluation_path().parent / "blind_runs.json"


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_blind_runs(path: str, stamp: tuple[int, int]) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    runs = data.get("runs") if isinstance(data, dict) else None
    return [r for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []


def load_blind_runs() -> list[dict]:
    """The recorded blind first runs ([] when the file is missing or unreadable)."""
    path = blind_runs_path()
    try:
        info = path.stat()
    except OSError:
        return []
    return _cached_blind_runs(str(path), (info.st_mtime_ns, info.st_size))
