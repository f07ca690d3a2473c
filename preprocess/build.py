"""CLI and the only I/O of the pipeline: corpus folders in, one Parquet file per table out, atomically."""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
from itertools import repeat
import json
import os
import sys
import multiprocessing
import types
import shutil
import time
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from preprocess import schemas

try:  # the cache's JSON, 3-4x faster than the json module both ways; the same values back (json when msgspec is missing)
    import msgspec

    _json_bytes = msgspec.json.Encoder().encode
    _from_json = msgspec.json.Decoder().decode
    _JSON_ERRORS: tuple[type[Exception], ...] = (ValueError, msgspec.DecodeError)
except ImportError:  # pragma: no cover - requirements.txt lists msgspec
    def _json_bytes(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    _from_json = json.loads
    _JSON_ERRORS = (ValueError,)
from preprocess.cues import RESOURCES_DIR, CueError, Cues, load_cues
from preprocess.dates import iso_precision
from preprocess.dedup import N_HASHES, find_duplicates, signature
from preprocess.events import assign_event_keys
from preprocess.extract import extract_article
from preprocess.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from preprocess.ingest import ARTICLE_SUFFIXES, RawArticle, Reject, input_files, iter_corpus
from preprocess.publication import article_title, detect_outlet, publication_date
from preprocess.resources import ResourceError, load_all
from preprocess.tableset import OutputRefused, check_output, clean_leftovers, publish, recover_interrupted_swap, staging_dir

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = ROOT / "data" / "gazetteer"
DEFAULT_INPUTS = [ROOT / "data" / "raw", ROOT / "data" / "user"]
DEFAULT_OUT = ROOT / "data" / "processed"
# Bump when extraction logic changes so cached per-article results are not reused.
EXTRACTOR_VERSION = "3"
Progress = Callable[[int, int, str], None]

if TYPE_CHECKING:
    import pandas as pd  # imported where used: the fork server and the workers never need it


@dataclass
class BuildReport:
    n_articles: int = 0
    n_extracted: int = 0
    n_cached: int = 0
    rejects: list[Reject] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    fingerprint: str = ""
    warnings: list[str] = field(default_factory=list)


class BuildError(Exception):
    """Nothing could be built (broken resources or no readable article); `problems` lists why."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _file_digest(path: Path) -> str:
    """sha256 of a file, read in chunks so a large article is never held twice in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_files(paths: list[Path]) -> str:
    return hashlib.sha256("".join(f"{p.name}\0{_file_digest(p)}\n" for p in sorted(paths)).encode()).hexdigest()


def resources_fingerprint(gazetteer_dir: Path, resources_dir: Path) -> str:
    files = list(gazetteer_dir.glob("*.y*ml")) + list(gazetteer_dir.glob("*.csv")) + list(resources_dir.glob("*.y*ml"))
    # the pipeline's code, not the analyst-review package: editing review code must not mark the tables stale
    code = sorted(p for p in Path(__file__).parent.rglob("*.py") if "review" not in p.relative_to(Path(__file__).parent).parts)
    return hashlib.sha256((_hash_files(files) + _hash_files(code) + EXTRACTOR_VERSION).encode()).hexdigest()


def input_fingerprint(inputs: list[Path]) -> dict[str, str]:
    """sha256 of every file in the input folders, keyed by folder name / file name."""
    out = {}
    for directory in inputs:
        if not directory.is_dir():
            continue
        for path in input_files(directory):  # regular files only: a FIFO or a link out of the folder is never read
            out[f"{directory.name}/{_shown_name(path.name)}"] = _file_digest(path)
    return out


def _shown_name(name: str) -> str:
    """A file name that JSON can hold: bytes that are not UTF-8 written as escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def tables_are_stale(inputs: list[Path], out: Path, gazetteer_dir: Path = GAZETTEER_DIR,
                     resources_dir: Path = RESOURCES_DIR) -> bool:
    """True when a table is missing or the inputs, gazetteer, resources or code changed since the build."""
    recover_interrupted_swap(Path(out))
    manifest_path = Path(out) / "manifest.json"
    if not manifest_path.is_file() or any(not (Path(out) / f"{t}.parquet").is_file() for t in schemas.TABLE_NAMES):
        return True
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return (
        manifest.get("inputs") != input_fingerprint([Path(p) for p in inputs])
        or manifest.get("resources") != resources_fingerprint(Path(gazetteer_dir), Path(resources_dir))
    )


# ---------------------------------------------------------------- per-article work (cached)

def _cache_key(raw: RawArticle, fingerprint: str) -> str:
    """Everything an article's rows depend on: its text and metadata, the resources and the code."""
    parts = (fingerprint, raw.article_id, raw.title, raw.source, raw.url, raw.published, "\n".join(raw.warnings), raw.text)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


_CACHE_LISTS = ("incidents", "incident_sources", "troops", "attack_counts", "mentions")


def _cache_entry_fits(cached: object, raw: RawArticle) -> bool:
    """A cache entry is used only when it has the result's shape and belongs to this very article."""
    if not isinstance(cached, dict) or not isinstance(cached.get("article"), dict):
        return False
    article = cached["article"]
    return (
        article.get("article_id") == raw.article_id
        and article.get("content_hash") == hashlib.sha256(raw.text.encode("utf-8")).hexdigest()
        and all(isinstance(cached.get(k), list) and all(isinstance(row, dict) for row in cached[k]) for k in _CACHE_LISTS)
        and isinstance(cached.get("new_actors"), dict)
        and isinstance(cached.get("signature"), list)
        and isinstance(cached.get("error"), str)
    )


def _read_cache(cache_file: Path, raw: RawArticle) -> dict | None:
    """The cached result for this article, or None; a damaged, mis-shaped or foreign entry (another article's
    copied over it) counts as none and is recomputed."""
    cached = _cache_entry(cache_file)
    return cached if _cache_entry_fits(cached, raw) else None


# A cache entry's file is a pack: one line of JSON, {"pack": 1, "entries": {key: [offset, length]}}, then each entry's
# result as one line of JSON. The articles extracted in one batch share one pack, linked under each article's name
# (`<key>.json`): one new file a batch instead of one an article, since making a file (its inode) costs far more than
# linking a name to it (about 0.8 ms against 0.02 of system time here). A name is removed as before when its article
# leaves the corpus; the pack goes with its last name.
_PACK_HEADER_MAX = 1 << 20


def _cache_entry(cache_file: Path) -> object:
    """The result stored under this name (its key is the file's stem), or None when it cannot be read."""
    try:
        with cache_file.open("rb") as fh:
            header = _from_json(fh.readline(_PACK_HEADER_MAX))
            offset, length = header["entries"][cache_file.stem]
            if not (isinstance(offset, int) and isinstance(length, int) and offset >= 0 and length >= 0):
                return None
            fh.seek(offset)
            body = fh.read(length)
        return _from_json(body) if len(body) == length else None
    except (OSError, KeyError, TypeError, ValueError, *_JSON_ERRORS):
        return None


def article_result(raw: RawArticle, gazetteer: Gazetteer, cues: Cues) -> dict:
    """Every row one article gives, with its dedup signature: a pure function of the article, the resources and the code."""
    published, published_source, pub_warnings = publication_date(raw, cues)
    headline = article_title(raw.text)
    result = {
        "article": {
            "article_id": raw.article_id,
            "title": raw.title or headline,
            "source": raw.source or detect_outlet(raw.text, cues),
            "url": raw.url,
            "published": published,
            "published_precision": iso_precision(published),
            "published_source": published_source,
            "text": raw.text,
            "content_hash": hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
            "duplicate_of": "",
            "n_sentences": 0,
            "warnings": " | ".join(raw.warnings + pub_warnings),
        },
        "signature": signature(raw.text),
        "incidents": [], "incident_sources": [], "troops": [], "attack_counts": [], "mentions": [], "new_actors": {},
        "error": "",
    }
    try:
        ex = extract_article(raw.article_id, raw.text, published, gazetteer, cues, titles=(raw.title, headline),
                             published_inferred=published_source == "inferred")
    except Exception as exc:  # one broken article never stops the others; the reason is kept
        result["error"] = f"extraction failed: {type(exc).__name__}: {exc}"
    else:
        result.update(incidents=ex.incidents, incident_sources=ex.incident_sources, troops=ex.troops, attack_counts=ex.attack_counts,
                      mentions=ex.mentions, new_actors=ex.new_actors)
        result["article"]["n_sentences"] = ex.n_sentences
        if ex.warnings:
            warn = result["article"]["warnings"]
            result["article"]["warnings"] = " | ".join(filter(None, [warn] + ex.warnings))
    return result


def _pack_bytes(entries: list[tuple[str, dict]]) -> bytes:
    bodies = [_json_bytes(result) + b"\n" for _key, result in entries]
    spans: dict[str, tuple[int, int]] = {}
    start = 0
    for (key, _result), body in zip(entries, bodies):
        spans[key] = (start, len(body) - 1)
        start += len(body)
    # the offsets count the header's own length, which grows with their digits: settle it
    header = b""
    while True:
        candidate = _json_bytes({"pack": 1, "entries": {key: [at + len(header), n] for key, (at, n) in spans.items()}}) + b"\n"
        if len(candidate) == len(header):
            return candidate + b"".join(bodies)
        header = candidate


def _write_cache_pack(cache_dir: Path, entries: list[tuple[str, dict]]) -> None:
    """Store a batch's results: one pack file, linked under each entry's name (each name replaced atomically)."""
    if not entries:
        return
    pid = os.getpid()
    pack = cache_dir / f"{entries[0][0]}.pack{pid}"
    pack.write_bytes(_pack_bytes(entries))
    try:
        for key, _result in entries:
            tmp = cache_dir / f"{key}.tmp{pid}"
            try:
                os.link(pack, tmp)
            except FileExistsError:  # left by a killed build of the same process id
                tmp.unlink()
                os.link(pack, tmp)
            except OSError:  # a file system without hard links: a file of its own
                tmp.write_bytes(_pack_bytes([(key, _result)]))
            os.replace(tmp, cache_dir / f"{key}.json")
    finally:
        pack.unlink(missing_ok=True)


# ---------------------------------------------------------------- what the whole-corpus steps need

# The incident fields assign_event_keys reads (the quote as a digest: it is only compared).
_EVENT_FIELDS = ("article_id", "start", "event_type", "date", "date_precision", "place", "country", "perpetrator",
                 "weapon", "target", "killed", "quote")


class _EventFacts:
    """One incident as assign_event_keys sees it, in about 150 bytes instead of the row's few kilobytes."""
    __slots__ = _EVENT_FIELDS + ("event_key",)

    def __init__(self, values: tuple):
        for name, value in zip(_EVENT_FIELDS, values):
            setattr(self, name, sys.intern(value) if isinstance(value, str) and name != "quote" else value)
        self.event_key = ""

    def __getitem__(self, name: str):
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(f"{name} (assign_event_keys reads a field the build does not keep: add it to _EVENT_FIELDS)") from None

    def __setitem__(self, name: str, value) -> None:
        setattr(self, name, value)


def _event_values(incident: dict) -> tuple:
    quote = hashlib.blake2b(incident["quote"].encode("utf-8", "surrogatepass"), digest_size=16).digest()
    return tuple(incident[name] for name in _EVENT_FIELDS[:-1]) + (quote,)


@dataclass(slots=True)
class ArticleFacts:
    """One article's share of the whole-corpus steps: no text, no rows."""
    article_id: str
    key: str  # its cache entry, where pass 2 reads the rows
    content_hash: str
    signature: bytes  # MinHash signature, N_HASHES uint64
    error: str
    events: tuple


def article_facts(key: str, result: dict) -> ArticleFacts:
    article = result["article"]
    return ArticleFacts(article["article_id"], key, article["content_hash"],
                        np.asarray(result["signature"], dtype=np.uint64).tobytes(), result["error"],
                        tuple(_event_values(inc) for inc in result["incidents"]))


@dataclass
class _Corpus:
    """Pass 1's harvest, about 1.7 KB an article: no text, no rows."""
    ids: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    signatures: bytearray = field(default_factory=bytearray)
    events: list[tuple] = field(default_factory=list)  # per article, in reading order

    def add(self, facts: ArticleFacts) -> None:
        self.ids.append(sys.intern(facts.article_id))
        self.keys.append(facts.key)
        self.hashes.append(facts.content_hash)
        self.signatures += facts.signature
        self.events.append(tuple(_EventFacts(values) for values in facts.events) if facts.events else ())

    def duplicates(self) -> dict[str, str]:
        signatures = np.frombuffer(self.signatures, dtype=np.uint64).reshape(len(self.ids), N_HASHES)
        return find_duplicates([(aid, h, signatures[i]) for i, (aid, h) in enumerate(zip(self.ids, self.hashes))])

    def in_article_order(self) -> list[int]:
        return sorted(range(len(self.ids)), key=self.ids.__getitem__)


# ---------------------------------------------------------------- extraction engines

BATCH = 16  # articles sent to a worker at once
PARALLEL_MIN = 64  # articles waiting for extraction before worker processes pay for their start (about a second each)


class _Job:
    """A batch of articles on its way through an engine; facts() waits for them, in the batch's order."""

    def __init__(self, items: list[tuple[str, RawArticle]], future=None, facts: list[ArticleFacts] | None = None):
        self.items, self.future, self._facts = items, future, facts

    def done(self) -> bool:
        return self._facts is not None or (self.future is not None and self.future.done())

    def facts(self) -> list[ArticleFacts]:
        if self._facts is None:
            self._facts = self.future.result()
        return self._facts


@contextlib.contextmanager
def _plain_main():
    """Worker processes (forkserver, spawn) import the parent's `__main__` again. Under `streamlit run` (and
    AppTest) that is the page script, which must not run in a worker: hide it while they start. Under
    `python -m preprocess` it is the CLI module, imported by name and harmless."""
    main = sys.modules.get("__main__")
    if main is None or getattr(getattr(main, "__spec__", None), "name", None):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class _LocalEngine:
    """Extraction on this machine: in this process, or in `workers` processes once PARALLEL_MIN articles wait."""

    def __init__(self, workers: int, gazetteer: Gazetteer, cues: Cues, cache_dir: Path, fingerprint: str,
                 gazetteer_dir: Path, resources_dir: Path):
        self.workers, self.gazetteer, self.cues = workers, gazetteer, cues
        self.cache_dir, self.fingerprint = cache_dir, fingerprint
        self.dirs = (str(gazetteer_dir), str(resources_dir))
        self.pool: ProcessPoolExecutor | None = None
        self.held: list[_Job] = []
        self.warnings: list[str] = []
        self.batch_size = BATCH
        self.in_flight = workers * 4 * BATCH  # articles sent to workers and not yet back

    def submit(self, items: list[tuple[str, RawArticle]]) -> _Job:
        job = _Job(items)
        if self.pool is not None:
            job.future = self.pool.submit(_extract_batch, items, str(self.cache_dir))
        elif self.workers > 1:
            self.held.append(job)
            if sum(len(j.items) for j in self.held) >= PARALLEL_MIN:
                self._start_pool()
        else:
            job._facts = self.extract_here(items)
        return job

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        if context.get_start_method() == "forkserver":
            # The fork server imports this module (the extractor, pyarrow) once and every worker is forked
            # from it ready to run; without it each worker imported them anew (under `python -m preprocess` the
            # server's default preload, __main__, has no path and imports nothing). Read when the server starts.
            context.set_forkserver_preload(["__main__", __name__])
        with _plain_main():  # the workers start here (all at once with forkserver and spawn)
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_init_worker,
                                            initargs=self.dirs)
            for job in self.held:
                job.future = self.pool.submit(_extract_batch, job.items, str(self.cache_dir))
        self.held = []

    def facts(self, job: _Job) -> list[ArticleFacts]:
        if job.future is None and job._facts is None:  # held back, and the pool never started: extract it here
            self.held.remove(job)
            job._facts = self.extract_here(job.items)
        try:
            return job.facts()
        except (BrokenProcessPool, CancelledError) as exc:  # a worker died (killed, out of memory): finish here
            if self.pool is not None:
                self.warnings.append(f"worker processes stopped ({exc}); the remaining articles were extracted in one process")
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool, self.workers = None, 1
            job.future, job._facts = None, self.extract_here(job.items)
            return job._facts

    def extract_here(self, items: list[tuple[str, RawArticle]]) -> list[ArticleFacts]:
        return _extract_and_cache(items, self.gazetteer, self.cues, self.cache_dir)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _extract_and_cache(items: list[tuple[str, RawArticle]], gazetteer: Gazetteer, cues: Cues,
                       cache_dir: Path) -> list[ArticleFacts]:
    results = [(key, article_result(raw, gazetteer, cues)) for key, raw in items]
    _write_cache_pack(cache_dir, results)
    return [article_facts(key, result) for key, result in results]


_WORKER: dict = {}


def _init_worker(gazetteer_dir: str, resources_dir: str) -> None:
    """Each worker process loads the resources once."""
    _WORKER["gazetteer"] = load_gazetteer(Path(gazetteer_dir))
    _WORKER["cues"] = load_cues(Path(resources_dir))


def _extract_batch(items: list[tuple[str, RawArticle]], cache_dir: str) -> list[ArticleFacts]:
    """In a worker process: extract, write each result to the cache, send back only the facts."""
    return _extract_and_cache(items, _WORKER["gazetteer"], _WORKER["cues"], Path(cache_dir))


def _gather(raws, engine, cache_dir: Path, fingerprint: str, report: BuildReport, progress: Progress | None,
            expected: int) -> tuple[_Corpus, list[Reject]]:
    """Pass 1: every article's facts, through the cache or the engine, with a bounded number of articles in flight."""
    corpus, failed = _Corpus(), []
    window: deque[tuple[list[tuple[str, ArticleFacts | None]], _Job | None]] = deque()
    waiting = 0

    def take() -> None:
        nonlocal waiting
        entries, job = window.popleft()
        fresh = iter(engine.facts(job) if job is not None else ())
        if job is not None:
            waiting -= len(job.items)
            report.n_extracted += len(job.items)
        for origin, facts in entries:
            facts = facts if facts is not None else next(fresh)
            if progress:
                progress(len(corpus.ids), max(expected, len(corpus.ids) + 1), facts.article_id)
            if facts.error:
                failed.append(Reject(origin, facts.error, "extract"))
            corpus.add(facts)

    batch: list[RawArticle] = []
    for raw in itertools.chain(raws, [None]):
        if raw is not None:
            batch.append(raw)
            if len(batch) < engine.batch_size:
                continue
        if not batch:
            break
        entries, misses = [], []
        for article in batch:
            key = _cache_key(article, fingerprint)
            cached = _read_cache(cache_dir / f"{key}.json", article)
            if cached is None:
                misses.append((key, article))
                entries.append((article.origin, None))
            else:
                report.n_cached += 1
                entries.append((article.origin, article_facts(key, cached)))
        batch = []
        window.append((entries, engine.submit(misses) if misses else None))
        waiting += len(misses)
        while window and (waiting > engine.in_flight or window[0][1] is None or window[0][1].done()):
            take()
    while window:
        take()
    return corpus, failed


# ---------------------------------------------------------------- writing tables by row groups

ROW_GROUP_ROWS = 65_536
ARTICLE_GROUP_ROWS = 4_096
ARTICLE_GROUP_CHARS = 16 * 2**20  # an articles row group closes early once its texts reach this many characters
CHUNK_ROWS = 4_096  # rows held as Python dicts before they become Arrow (about a quarter of the memory)
ARTICLE_CHUNK_ROWS = 512


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> DataFrame with exactly the schema's columns, order and dtypes (strings never null)."""
    import pandas as pd  # here, not at the top: only the table writer's schemas and odd values need pandas

    cols = schemas.TABLES[table]
    frame = pd.DataFrame(rows, columns=[c for c, _, _ in cols])
    for name, dtype, _doc in cols:
        if dtype == "string":
            frame[name] = frame[name].astype(object).fillna("").astype(str).astype("string")  # (object first: an all-None column is float64)
        elif dtype == "Int64":
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
        elif dtype == "boolean":
            frame[name] = frame[name].astype("boolean")
        else:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype(dtype)
    return frame


_INT_EXACT = 2**53  # an Int64 column with nulls goes through float64 in to_frame: exact only up to here
_NONE = type(None)


def _column_array(dtype: str, values: list) -> pa.Array | None:
    """One column as to_frame and pa.Table.from_pandas would make it, built straight from the values; None when a value
    is of a kind whose pandas conversion this does not copy (the caller then takes the pandas path)."""
    kinds = set(map(type, values))
    if dtype == "string":
        if kinds <= {str, _NONE}:
            return pa.array(["" if v is None else v for v in values] if _NONE in kinds else values, type=pa.large_string())
    elif dtype == "boolean":
        if kinds <= {bool, _NONE}:
            return pa.array(values, type=pa.bool_())
    elif kinds <= {int, _NONE} or (dtype == "float64" and kinds <= {int, float, _NONE}):
        numbers = [v for v in values if v is not None] if _NONE in kinds else values
        if numbers and (max(numbers) > _INT_EXACT or min(numbers) < -_INT_EXACT or (float in kinds and not all(v == v for v in numbers))):
            return None  # beyond float64's exact integers, or a NaN
        if dtype == "Int64":
            return pa.array(values, type=pa.int64())
        if dtype == "float64":
            return pa.array(values, type=pa.float64())
    return None


_SCHEMAS: dict[str, pa.Schema] = {}


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """pa.Table.from_pandas(to_frame(table, rows), preserve_index=False), without pandas when every value is of a plain
    kind (str, int, float, bool or None as the schema's dtype wants): the same columns, values, schema and metadata."""
    converted = _arrow_or_none(table, rows)
    return converted if converted is not None else pa.Table.from_pandas(to_frame(table, rows), preserve_index=False)


def _arrow_or_none(table: str, rows: list[dict]) -> pa.Table | None:
    """to_arrow's table when every value is of a plain kind, else None."""
    schema = _table_schema(table)
    arrays = []
    for name, dtype, _doc in schemas.TABLES[table]:
        array = _column_array(dtype, list(map(dict.get, rows, repeat(name))))
        if array is None:
            return None
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=schema)


class _TableWriter:
    """One table's Parquet file, written a row group at a time as rows arrive. Rows become Arrow a chunk at a time; a
    group closes at a fixed number of rows (articles: also of text), so the same input gives the same file, and a
    table of one group is exactly the file one write of the whole table gives."""

    def __init__(self, table: str, path: Path):
        self.table, self.path = table, path
        self.max_rows = ARTICLE_GROUP_ROWS if table == "articles" else ROW_GROUP_ROWS
        self.chunk_rows = ARTICLE_CHUNK_ROWS if table == "articles" else CHUNK_ROWS
        self.rows: list[dict] = []
        self.chunks: list[pa.Table] = []
        self.group_rows = self.chars = self.count = 0
        self.writer: pq.ParquetWriter | None = None

    def add(self, row: dict) -> None:
        self.rows.append(row)
        self.group_rows += 1
        if self.table == "articles":
            self.chars += len(row["text"])
        if self.group_rows >= self.max_rows or self.chars >= ARTICLE_GROUP_CHARS:
            self._flush()
        elif len(self.rows) >= self.chunk_rows:
            self._to_arrow()

    def extend(self, rows) -> None:
        rows = rows if isinstance(rows, list) else list(rows)
        if self.table == "articles":  # a group also closes on its texts' length: row by row
            for row in rows:
                self.add(row)
            return
        # add() row by row, a slice at a time: each slice ends where add() would flush or convert
        taken = 0
        while taken < len(rows):
            room = min(self.max_rows - self.group_rows, self.chunk_rows - len(self.rows))
            piece = rows[taken:taken + room]
            taken += len(piece)
            self.rows += piece
            self.group_rows += len(piece)
            if self.group_rows >= self.max_rows:
                self._flush()
            elif len(self.rows) >= self.chunk_rows:
                self._to_arrow()

    def _to_arrow(self) -> None:
        self.chunks.append(to_arrow(self.table, self.rows))
        self.rows = []

    def add_arrow(self, rows: pa.Table, chars: list[int] | None = None) -> None:
        """Rows already made Arrow (by to_arrow, in a pass-2 job), cut into the row groups add() would make; `chars`
        gives each articles row's text length. Never mixed with add() in one writer: it holds no rows of its own."""
        offset, n = 0, rows.num_rows
        while offset < n:
            if self.table == "articles":  # up to the row at which add() would close the group
                take = 0
                while offset + take < n:
                    take += 1
                    self.group_rows += 1
                    self.chars += chars[offset + take - 1]
                    if self.group_rows >= self.max_rows or self.chars >= ARTICLE_GROUP_CHARS:
                        break
            else:
                take = min(self.max_rows - self.group_rows, n - offset)
                self.group_rows += take
            self.chunks.append(rows.slice(offset, take))
            offset += take
            if self.group_rows >= self.max_rows or self.chars >= ARTICLE_GROUP_CHARS:
                self._flush()

    def _flush(self) -> None:
        if self.rows or not self.chunks:
            self._to_arrow()
        # one chunk per column, as one conversion of the whole group would give: the file's bytes depend on it
        group = self.chunks[0] if len(self.chunks) == 1 else pa.concat_tables(self.chunks).combine_chunks()
        self.count += self.group_rows
        self.chunks, self.group_rows, self.chars = [], 0, 0
        _append_row_group(self, group)

    def close(self) -> int:
        if self.group_rows or self.writer is None:  # an empty table is still a file with its columns
            self._flush()
        self.writer.close()
        return self.count

    def abort(self) -> None:
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:  # the staging folder is removed anyway; keep the error that stopped the build
                pass


def _append_row_group(writer: _TableWriter, table: pa.Table) -> None:
    if writer.writer is None:
        writer.writer = pq.ParquetWriter(writer.path, table.schema, compression="zstd")
    writer.writer.write_table(table)


@dataclass
class _MentionCounts:
    """Mentions per entity, counted as articles stream by in id order (so the first article seen is the first by id)."""
    mentions: Counter = field(default_factory=Counter)
    articles: Counter = field(default_factory=Counter)
    event_mentions: Counter = field(default_factory=Counter)
    event_articles: Counter = field(default_factory=Counter)
    first: dict = field(default_factory=dict)

    def add(self, article_id: str, mentions: list[dict]) -> None:
        seen, seen_event = set(), set()
        for m in mentions:
            entity = (m["entity_kind"], m["entity_id"])
            self.mentions[entity] += 1
            seen.add(entity)
            self.first.setdefault(entity, article_id)
            if m["entity_kind"] == "place" and m.get("role") == "event":
                self.event_mentions[entity] += 1
                seen_event.add(entity)
        self.articles.update(seen)
        self.event_articles.update(seen_event)

    def merge(self, later: "_MentionCounts") -> None:
        """Add the counts of articles that come after these (by id): the first article seen stays the earlier one."""
        self.mentions.update(later.mentions)
        self.articles.update(later.articles)
        self.event_mentions.update(later.event_mentions)
        self.event_articles.update(later.event_articles)
        for entity, article_id in later.first.items():
            self.first.setdefault(entity, article_id)


def _actors_table(gazetteer: Gazetteer, new_actors: dict[str, dict], counts: _MentionCounts,
                  faction_forces: set[str], not_factions: set[str]) -> list[dict]:
    rows = []
    for actor_id, rec in sorted(gazetteer.actors.items()):
        parent = rec.get("parent") or ""
        rows.append({
            "actor_id": actor_id,
            "name_en": rec["name_en"],
            "name_ar": rec["name_ar"],
            "actor_type": rec["type"],
            "parent": gazetteer.actors[parent]["name_en"] if parent in gazetteer.actors else "",
            "in_gazetteer": True,
            "is_faction": (rec["type"] == "militia" or actor_id in faction_forces) and actor_id not in not_factions,
            "aliases_ar": "; ".join(rec.get("aliases_ar") or []),
        })
    for actor_id, rec in sorted(new_actors.items()):
        rows.append(dict(rec, is_faction=True))
    for row in rows:
        entity = ("actor", row["actor_id"])
        row["n_mentions"] = counts.mentions.get(entity, 0)
        row["n_articles"] = counts.articles.get(entity, 0)
        row["first_seen"] = counts.first.get(entity, "")
    return rows


def _places_table(gazetteer: Gazetteer, counts: _MentionCounts) -> list[dict]:
    return [
        {
            "place_id": place_id,
            "name_en": rec["name_en"],
            "name_ar": rec["name_ar"],
            "place_type": rec["type"],
            "country": rec.get("country", ""),
            "lat": float(rec["lat"]),
            "lon": float(rec["lon"]),
            "coord_source": rec.get("coord_source", ""),
            "n_mentions": counts.mentions.get(("place", place_id), 0),
            "n_articles": counts.articles.get(("place", place_id), 0),
            "n_event_mentions": counts.event_mentions.get(("place", place_id), 0),
            "n_event_articles": counts.event_articles.get(("place", place_id), 0),
        }
        for place_id, rec in sorted(gazetteer.places.items())
    ]


def _cached_rows(cache_dir: Path, article_id: str, key: str) -> dict:
    """Pass 2: an article's rows, as pass 1 left them in the cache."""
    try:
        result = _cache_entry(cache_dir / f"{key}.json")
    except OSError:
        result = None
    if not isinstance(result, dict) or not isinstance(result.get("article"), dict) or result["article"].get("article_id") != article_id:
        raise BuildError([f"the cached result of article {article_id} ({cache_dir / key}.json) changed or vanished during "
                          "the build (another build on the same folder?); run the build again"])
    return result


def _write_tables(staging: Path, corpus: _Corpus, duplicate_of: dict[str, str], cache_dir: Path, gazetteer: Gazetteer,
                  cues: Cues, rejects: list[Reject], pool: ProcessPoolExecutor | None = None) -> dict[str, int]:
    """Pass 2: every article's rows from the cache, in article_id order, into the tables' writers. With a pool of
    worker processes, they read and convert runs of articles to Arrow while this process writes (_rows_in_parallel);
    a run holding a value to_arrow leaves to pandas, or a worker lost, starts the pass again here, row by row."""
    if pool is not None and len(corpus.ids) >= 2 * PASS2_RUN:
        writers = {name: _TableWriter(name, staging / f"{name}.parquet") for name in schemas.TABLE_NAMES}
        try:
            found = _rows_in_parallel(pool, writers, corpus, duplicate_of, cache_dir)
            if found is not None:
                counts, new_actors = found
                return _finish_tables(writers, counts, new_actors, gazetteer, cues, rejects)
        except BaseException:
            for writer in writers.values():
                writer.abort()
            raise
        for writer in writers.values():
            writer.abort()
    writers = {name: _TableWriter(name, staging / f"{name}.parquet") for name in schemas.TABLE_NAMES}
    counts = _MentionCounts()
    new_actors: dict[str, dict] = {}
    try:
        for index in corpus.in_article_order():
            article_id = corpus.ids[index]
            result = _cached_rows(cache_dir, article_id, corpus.keys[index])
            writers["articles"].add(dict(result["article"], duplicate_of=duplicate_of.get(article_id, "")))
            if len(result["incidents"]) != len(corpus.events[index]):
                raise BuildError([f"the cached result of article {article_id} changed during the build; run the build again"])
            for incident, event in zip(result["incidents"], corpus.events[index]):
                incident["event_key"] = event.event_key
            for name in _CACHE_LISTS:
                writers[name].extend(result[name])
            counts.add(article_id, result["mentions"])
            for actor_id, rec in result["new_actors"].items():
                new_actors.setdefault(actor_id, rec)
        return _finish_tables(writers, counts, new_actors, gazetteer, cues, rejects)
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise


def _finish_tables(writers: dict[str, _TableWriter], counts: _MentionCounts, new_actors: dict[str, dict],
                   gazetteer: Gazetteer, cues: Cues, rejects: list[Reject]) -> dict[str, int]:
    writers["actors"].extend(_actors_table(gazetteer, new_actors, counts, set(cues.roles.get("faction_forces", [])),
                                           set(cues.roles.get("not_factions", []))))
    writers["places"].extend(_places_table(gazetteer, counts))
    writers["rejects"].extend({"file": r.file, "reason": r.reason, "stage": r.stage} for r in rejects)
    return {name: writer.close() for name, writer in writers.items()}


PASS2_RUN = 32  # articles a worker reads and converts at once in pass 2
_ROW_TABLES = ("articles",) + _CACHE_LISTS


def _rows_in_parallel(pool: ProcessPoolExecutor, writers: dict[str, _TableWriter], corpus: _Corpus,
                      duplicate_of: dict[str, str], cache_dir: Path) -> tuple[_MentionCounts, dict[str, dict]] | None:
    """Pass 2's reading and converting done by the workers, runs of PASS2_RUN articles in article_id order, a few runs
    ahead; this process writes each run's tables in order and adds up its counts, as the row-by-row pass would.
    None when a run holds a value to_arrow leaves to pandas (pandas converts a chunk of rows as a whole, so those rows
    must go through the row-by-row pass) or a worker was lost."""
    order = corpus.in_article_order()
    tables = {name: _table_schema(name) for name in _ROW_TABLES}
    runs = ([(corpus.ids[i], corpus.keys[i], duplicate_of.get(corpus.ids[i], ""),
              tuple(event.event_key for event in corpus.events[i])) for i in order[start:start + PASS2_RUN]]
            for start in range(0, len(order), PASS2_RUN))
    counts = _MentionCounts()
    new_actors: dict[str, dict] = {}
    window: deque = deque()
    ahead = 2 * (getattr(pool, "_max_workers", 2) or 2)
    try:
        for run in itertools.chain(runs, [None]):
            if run is not None:
                window.append(pool.submit(_rows_run, str(cache_dir), run, tables))
                if len(window) < ahead:
                    continue
            while window and (run is None or len(window) >= ahead):
                outcome = window.popleft().result()
                if outcome[0] == "error":
                    raise BuildError([outcome[1]])
                if outcome[0] != "ok":
                    return None
                _, arrow, chars, run_counts, run_actors = outcome
                writers["articles"].add_arrow(arrow["articles"], chars)
                for name in _CACHE_LISTS:
                    writers[name].add_arrow(arrow[name])
                counts.merge(run_counts)
                for actor_id, rec in run_actors:
                    new_actors.setdefault(actor_id, rec)
    except (BrokenProcessPool, CancelledError):
        return None
    finally:
        for future in window:
            future.cancel()
    return counts, new_actors


def _table_schema(table: str) -> pa.Schema:
    if table not in _SCHEMAS:
        _SCHEMAS[table] = pa.Table.from_pandas(to_frame(table, []), preserve_index=False).schema
    return _SCHEMAS[table]


def _rows_run(cache_dir: str, run: list[tuple[str, str, str, tuple[str, ...]]], tables: dict[str, pa.Schema]) -> tuple:
    """In a worker: one run of pass 2 (articles in article_id order, each with its cache key, duplicate_of and its
    incidents' event keys) -> ("ok", Arrow table per row table, the articles' text lengths, the run's mention counts,
    its new actors in order), ("pandas",) when a value needs to_frame, or ("error", why)."""
    _SCHEMAS.update(tables)
    rows: dict[str, list[dict]] = {name: [] for name in _ROW_TABLES}
    chars: list[int] = []
    counts = _MentionCounts()
    new_actors: dict[str, dict] = {}
    for article_id, key, duplicate, event_keys in run:
        try:
            result = _cached_rows(Path(cache_dir), article_id, key)
        except BuildError as exc:
            return ("error", str(exc))
        rows["articles"].append(dict(result["article"], duplicate_of=duplicate))
        chars.append(len(result["article"]["text"]))
        if len(result["incidents"]) != len(event_keys):
            return ("error", f"the cached result of article {article_id} changed during the build; run the build again")
        for incident, event_key in zip(result["incidents"], event_keys):
            incident["event_key"] = event_key
        for name in _CACHE_LISTS:
            rows[name] += result[name]
        counts.add(article_id, result["mentions"])
        for actor_id, rec in result["new_actors"].items():
            new_actors.setdefault(actor_id, rec)
    arrow = {}
    for name, table_rows in rows.items():
        converted = _arrow_or_none(name, table_rows)
        if converted is None:
            return ("pandas",)
        arrow[name] = converted
    return ("ok", arrow, chars, counts, list(new_actors.items()))


# ---------------------------------------------------------------- the build

ENGINES = ("local", "dask")


def build(inputs: list[Path], out: Path, progress: Progress | None = None,
          gazetteer_dir: Path = GAZETTEER_DIR, resources_dir: Path = RESOURCES_DIR, workers: int = 1,
          engine: str = "local", scheduler: str | None = None) -> BuildReport:
    """Build every table from the input folders into `out`. Raises BuildError when nothing can be built,
    when `out` is not a folder the build may write, or when writing fails (the previous tables stay).

    Two passes, so memory stays bounded whatever the corpus size: pass 1 reads the articles one file at a time and
    extracts them through the per-article cache (locally, or on Dask with engine="dask"), keeping only what the
    whole-corpus steps need (signatures and hashes for duplicates, a few fields per incident for event keys); pass 2
    streams the cached rows in article_id order into one Parquet writer per table."""
    started = time.perf_counter()
    inputs, out = [Path(p).absolute() for p in inputs], Path(out).absolute()
    if engine not in ENGINES:
        raise BuildError([f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}"])
    try:
        check_output(out, inputs + [Path(gazetteer_dir), Path(resources_dir)])
    except OutputRefused as exc:
        raise BuildError([str(exc)]) from None
    problems: list[str] = []
    gazetteer = cues = None
    try:
        gazetteer = load_gazetteer(gazetteer_dir)
    except GazetteerError as exc:
        problems += exc.problems
    try:
        cues = load_cues(resources_dir)
    except CueError as exc:
        problems += exc.problems
    try:
        load_all(resources_dir)
    except ResourceError as exc:  # months, number words, qualifiers
        problems += exc.problems
    if problems:
        raise BuildError(problems)
    existing = [p for p in inputs if p.is_dir()]
    if not existing:
        raise BuildError([f"no input folder found: {', '.join(str(p) for p in inputs)}"])
    report = BuildReport(fingerprint=resources_fingerprint(Path(gazetteer_dir), Path(resources_dir)))
    staging = None
    try:
        clean_leftovers(out)
        cache_dir = out.parent / f".{out.name}.cache"
        cache_dir.mkdir(parents=True, exist_ok=True)
        if engine == "dask":
            from preprocess.engine_dask import DaskEngine  # only here: the local build never imports dask

            extractor = DaskEngine(scheduler, gazetteer_dir, resources_dir, cache_dir, report.fingerprint)
        else:
            extractor = _LocalEngine(workers, gazetteer, cues, cache_dir, report.fingerprint, gazetteer_dir, resources_dir)
        read_rejects: list[Reject] = []
        try:  # the worker processes stay for pass 2
            corpus, failed = _gather(iter_corpus(existing, read_rejects), extractor, cache_dir, report.fingerprint,
                                     report, progress, _expected_articles(existing))
            report.warnings += extractor.warnings
            report.rejects = read_rejects + failed
            if not corpus.ids:
                reasons = "; ".join(f"{r.file}: {r.reason}" for r in report.rejects[:10])
                raise BuildError([f"no readable article in {', '.join(str(p) for p in existing)}" + (f" ({reasons})" if reasons else "")])
            duplicate_of = corpus.duplicates()
            events = [event for index in corpus.in_article_order() for event in corpus.events[index]]
            assign_event_keys(events, duplicate_of)
            del events
            staging = staging_dir(out)
            report.counts = _write_tables(staging, corpus, duplicate_of, cache_dir, gazetteer, cues, report.rejects,
                                          pool=getattr(extractor, "pool", None))
        finally:
            extractor.close()
        report.n_articles = len(corpus.ids)
        used = set(corpus.keys)
        for stale in cache_dir.glob("*.json"):
            if stale.stem not in used:
                stale.unlink(missing_ok=True)
        manifest = {
            "inputs": input_fingerprint(existing),
            # every folder asked for, absolute, so the app rebuilds this set from these and nothing else
            "input_dirs": [_shown_name(str(p.resolve())) for p in inputs],
            "resources": report.fingerprint,
            "row_counts": report.counts,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        publish(staging, out)
        staging = None
    except OSError as exc:  # disk full, read-only disk, permissions: the published tables are untouched
        raise BuildError([f"could not write the tables ({exc.strerror or exc}: {exc.filename or out}); "
                          "the previous tables are unchanged"]) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _expected_articles(folders: list[Path]) -> int:
    """Article files in the input folders: the progress bar's length (a JSON Lines file counts once)."""
    return sum(1 for folder in folders for name in os.listdir(folder) if Path(name).suffix.lower() in ARTICLE_SUFFIXES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m preprocess", description="Build Rasid's tables from Arabic articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="read a folder of articles and write one Parquet file per table")
    b.add_argument("--input", action="append", type=Path, help="folder of articles (repeatable); default data/raw and data/user")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default data/processed)")
    b.add_argument("--gazetteer", type=Path, default=GAZETTEER_DIR, help="gazetteer folder")
    b.add_argument("--resources", type=Path, default=RESOURCES_DIR, help="language resources folder")
    b.add_argument("--if-stale", action="store_true", help="do nothing when the tables are up to date")
    b.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="processes that extract articles (default: one per core; 1 extracts in this process)")
    b.add_argument("--engine", choices=ENGINES, default="local",
                   help="local (default): this machine; dask: extract on a Dask cluster (needs dask[distributed])")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler to use (tcp://host:8786); default a local cluster of two workers")
    args = parser.parse_args(argv)
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    inputs = args.input or DEFAULT_INPUTS
    if args.if_stale and not tables_are_stale(inputs, args.out, args.gazetteer, args.resources):
        print(f"tables in {args.out} are up to date")
        return 0
    try:
        report = build(inputs, args.out, gazetteer_dir=args.gazetteer, resources_dir=args.resources,
                       workers=max(1, args.workers), engine=args.engine, scheduler=args.scheduler)
    except BuildError as exc:
        print("build failed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    counts = " ".join(f"{k}={v}" for k, v in report.counts.items())
    print(f"built {report.n_articles} articles ({report.n_extracted} extracted, {report.n_cached} from cache) "
          f"in {report.seconds:.1f}s into {args.out}: {counts}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.rejects:
        print(f"skipped or flagged {len(report.rejects)}:")
        for r in report.rejects:
            print(f"  {r.file}: {r.reason}")
    return 0
