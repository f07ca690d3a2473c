"""CLI and the only I/O of the pipeline: corpus folders in, one Parquet file per table out, atomically."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import multiprocessing
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from preprocess import schemas
from preprocess.cues import RESOURCES_DIR, CueError, Cues, load_cues
from preprocess.dates import iso_precision
from preprocess.dedup import find_duplicates, signature
from preprocess.events import assign_event_keys
from preprocess.extract import extract_article
from preprocess.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from preprocess.ingest import RawArticle, Reject, input_files, read_corpus
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


@dataclass
class BuildReport:
    n_articles: int = 0
    n_extracted: int = 0
    n_cached: int = 0
    rejects: list[Reject] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    fingerprint: str = ""
    tables: dict[str, list[dict]] = field(default_factory=dict)
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
    code = sorted(Path(__file__).parent.rglob("*.py"))
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
    try:
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cached if _cache_entry_fits(cached, raw) else None


def _process_article(raw: RawArticle, gazetteer: Gazetteer, cues: Cues, fingerprint: str, cache_dir: Path,
                     used: set[str], report: BuildReport) -> dict:
    key = _cache_key(raw, fingerprint)
    used.add(key)
    cache_file = cache_dir / f"{key}.json"
    published, published_source, pub_warnings = publication_date(raw, cues)
    headline = article_title(raw.text)
    content_hash = hashlib.sha256(raw.text.encode("utf-8")).hexdigest()
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
            "content_hash": content_hash,
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
    report.n_extracted += 1
    tmp = cache_file.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, cache_file)
    return result


# ---------------------------------------------------------------- assembling tables

def _actors_table(gazetteer: Gazetteer, new_actors: dict[str, dict], mentions: list[dict],
                  faction_forces: set[str], not_factions: set[str]) -> list[dict]:
    counts, articles, first = Counter(), defaultdict(set), {}
    for m in mentions:
        if m["entity_kind"] == "actor":
            counts[m["entity_id"]] += 1
            articles[m["entity_id"]].add(m["article_id"])
            first[m["entity_id"]] = min(first.get(m["entity_id"], m["article_id"]), m["article_id"])
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
        row["n_mentions"] = counts.get(row["actor_id"], 0)
        row["n_articles"] = len(articles.get(row["actor_id"], ()))
        row["first_seen"] = first.get(row["actor_id"], "")
    return rows


def _places_table(gazetteer: Gazetteer, mentions: list[dict]) -> list[dict]:
    counts, articles, event_counts, event_articles = Counter(), defaultdict(set), Counter(), defaultdict(set)
    for m in mentions:
        if m["entity_kind"] == "place":
            counts[m["entity_id"]] += 1
            articles[m["entity_id"]].add(m["article_id"])
            if m.get("role") == "event":
                event_counts[m["entity_id"]] += 1
                event_articles[m["entity_id"]].add(m["article_id"])
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
            "n_mentions": counts.get(place_id, 0),
            "n_articles": len(articles.get(place_id, ())),
            "n_event_mentions": event_counts.get(place_id, 0),
            "n_event_articles": len(event_articles.get(place_id, ())),
        }
        for place_id, rec in sorted(gazetteer.places.items())
    ]


def to_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows -> DataFrame with exactly the schema's columns, order and dtypes (strings never null)."""
    cols = schemas.TABLES[table]
    frame = pd.DataFrame(rows, columns=[c for c, _, _ in cols])
    for name, dtype, _doc in cols:
        if dtype == "string":
            frame[name] = frame[name].fillna("").astype(str).astype("string")
        elif dtype == "Int64":
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
        elif dtype == "boolean":
            frame[name] = frame[name].astype("boolean")
        else:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype(dtype)
    return frame


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd")


# ---------------------------------------------------------------- the build

def build(inputs: list[Path], out: Path, progress: Progress | None = None,
          gazetteer_dir: Path = GAZETTEER_DIR, resources_dir: Path = RESOURCES_DIR, workers: int = 1) -> BuildReport:
    """Build every table from the input folders into `out`. Raises BuildError when nothing can be built,
    when `out` is not a folder the build may write, or when writing fails (the previous tables stay)."""
    started = time.perf_counter()
    inputs, out = [Path(p).absolute() for p in inputs], Path(out).absolute()
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
    staging = None
    try:
        clean_leftovers(out)
        report = _extract_all(existing, out, gazetteer, cues, progress, gazetteer_dir, resources_dir, workers)
        tables = report.tables
        staging = staging_dir(out)
        for name in schemas.TABLE_NAMES:
            frame = to_frame(name, tables[name])
            _write_parquet(frame, staging / f"{name}.parquet")
            report.counts[name] = len(frame)
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
    report.tables = {}
    report.seconds = time.perf_counter() - started
    return report


PARALLEL_MIN = 64  # articles to extract before worker processes pay for their start (about a second each)
_WORKER: dict = {}


def _init_worker(gazetteer_dir: str, resources_dir: str) -> None:
    """Each worker process loads the resources once."""
    _WORKER["gazetteer"] = load_gazetteer(Path(gazetteer_dir))
    _WORKER["cues"] = load_cues(Path(resources_dir))


def _extract_in_worker(job: tuple) -> tuple[dict, int]:
    raw, fingerprint, cache_dir = job
    report = BuildReport()
    result = _process_article(raw, _WORKER["gazetteer"], _WORKER["cues"], fingerprint, Path(cache_dir), set(), report)
    return result, report.n_extracted


def _results(raws: list[RawArticle], gazetteer: Gazetteer, cues: Cues, report: BuildReport, cache_dir: Path,
             used: set[str], workers: int, gazetteer_dir: Path, resources_dir: Path):
    """(raw, result) in the order of `raws`. Cached articles are read here; the rest are extracted here, or by
    `workers` processes when there are enough of them (extraction is a pure function of one article)."""
    todo = []
    for raw in raws:
        key = _cache_key(raw, report.fingerprint)
        cached = _read_cache(cache_dir / f"{key}.json", raw)
        used.add(key)
        if cached is not None:
            report.n_cached += 1
        todo.append((raw, cached))
    missing = [raw for raw, cached in todo if cached is None]
    if workers > 1 and len(missing) >= PARALLEL_MIN:
        context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        done = 0
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                                     initargs=(str(gazetteer_dir), str(resources_dir))) as pool:
                jobs = ((raw, report.fingerprint, str(cache_dir)) for raw in missing)
                fresh = iter(pool.map(_extract_in_worker, jobs, chunksize=16))
                for raw, cached in todo:
                    if cached is None:
                        cached, n = next(fresh)
                        report.n_extracted += n
                    yield raw, cached
                    done += 1
            return
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory): finish in this process
            report.warnings.append(f"worker processes stopped ({exc}); the remaining articles were extracted in one process")
        todo = todo[done:]
    for raw, cached in todo:
        yield raw, cached if cached is not None else _process_article(raw, gazetteer, cues, report.fingerprint,
                                                                       cache_dir, used, report)


def _extract_all(existing: list[Path], out: Path, gazetteer: Gazetteer, cues: Cues, progress: Progress | None,
                 gazetteer_dir: Path, resources_dir: Path, workers: int = 1) -> BuildReport:
    """Read and extract every article (through the per-article cache) and assemble the rows of every table."""
    report = BuildReport()
    raws, rejects = read_corpus(existing)
    report.rejects = list(rejects)
    report.fingerprint = resources_fingerprint(Path(gazetteer_dir), Path(resources_dir))
    cache_dir = out.parent / f".{out.name}.cache"
    cache_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    results = []
    for i, (raw, result) in enumerate(_results(raws, gazetteer, cues, report, cache_dir, used, workers,
                                                gazetteer_dir, resources_dir)):
        if progress:
            progress(i, len(raws), raw.article_id)
        if result["error"]:
            report.rejects.append(Reject(raw.origin, result["error"], "extract"))
        results.append(result)
    if not results:
        reasons = "; ".join(f"{r.file}: {r.reason}" for r in report.rejects[:10])
        raise BuildError([f"no readable article in {', '.join(str(p) for p in existing)}" + (f" ({reasons})" if reasons else "")])

    duplicate_of = find_duplicates([(r["article"]["article_id"], r["article"]["content_hash"], r["signature"]) for r in results])
    tables: dict[str, list[dict]] = {name: [] for name in schemas.TABLE_NAMES}
    new_actors: dict[str, dict] = {}
    for r in sorted(results, key=lambda r: r["article"]["article_id"]):
        article = dict(r["article"], duplicate_of=duplicate_of.get(r["article"]["article_id"], ""))
        tables["articles"].append(article)
        for name in _CACHE_LISTS:
            tables[name].extend(r[name])
        for actor_id, rec in r["new_actors"].items():
            new_actors.setdefault(actor_id, rec)
    assign_event_keys(tables["incidents"], duplicate_of)
    tables["actors"] = _actors_table(gazetteer, new_actors, tables["mentions"], set(cues.roles.get("faction_forces", [])),
                                     set(cues.roles.get("not_factions", [])))
    tables["places"] = _places_table(gazetteer, tables["mentions"])
    tables["rejects"] = [{"file": r.file, "reason": r.reason, "stage": r.stage} for r in report.rejects]
    for stale in cache_dir.glob("*.json"):
        if stale.stem not in used:
            stale.unlink(missing_ok=True)
    report.n_articles = len(results)
    report.tables = tables
    return report


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
    args = parser.parse_args(argv)
    inputs = args.input or DEFAULT_INPUTS
    if args.if_stale and not tables_are_stale(inputs, args.out, args.gazetteer, args.resources):
        print(f"tables in {args.out} are up to date")
        return 0
    try:
        report = build(inputs, args.out, gazetteer_dir=args.gazetteer, resources_dir=args.resources,
                       workers=max(1, args.workers))
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
