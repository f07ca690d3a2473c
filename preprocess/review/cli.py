"""`python -m preprocess review export|import|orphans|status`: the review log as JSON Lines, in and out."""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from preprocess.review.actions import TABLES, Action, action_from_dict
from preprocess.review.apply import SENTENCE_KEYS, accuracy, orphans
from preprocess.review.keys import parse_key
from preprocess.review.messages import Problem
from preprocess.review.store import ConflictError, ReviewStore, StoreError
from preprocess.review.validate import check_values
from preprocess.schemas import TABLE_NAMES, dtypes
from preprocess.tableset import read_files

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The table set: $RASID_DATA, else data/processed."""
    return Path(os.environ.get("RASID_DATA") or ROOT / "data" / "processed").absolute()


def read_tables(directory: Path) -> dict[str, pd.DataFrame] | None:
    """Every table of a built set (text columns never null), or None when `directory` holds no articles table."""
    files = read_files(directory, [f"{name}.parquet" for name in TABLE_NAMES], lambda fh: pq.read_table(fh).to_pandas())
    if files.get("articles.parquet") is None:
        return None
    tables = {}
    for name in TABLE_NAMES:
        frame = files[f"{name}.parquet"]
        frame = frame if frame is not None else pd.DataFrame({c: pd.Series(dtype="object") for c in dtypes(name)})
        for column, dtype in dtypes(name).items():
            if column not in frame:
                frame[column] = pd.NA
            if dtype == "string":
                frame[column] = frame[column].astype("string").fillna("")
        tables[name] = frame
    return tables


def parse_lines(lines: list[str]) -> tuple[list[tuple[int, Action]], list[Problem]]:
    """JSON Lines -> (line number, action) pairs and every problem (bad JSON, missing or bad fields, values
    that are not dates or sane tolls, one id twice with different content)."""
    parsed, problems, seen = [], [], {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            problems.append(Problem("line_invalid", {"line": number, "detail": f"not JSON ({exc.msg})"}))
            continue
        action, errors = action_from_dict(data)
        if action is not None:
            if parse_key(action.row_key) is None or (action.other_key and parse_key(action.other_key) is None):
                errors.append(f"row_key {action.row_key!r} is not a row key")
            if action.kind in ("correct", "add"):
                _values, found = check_values(action.table, {k: v for k, v in action.after.items() if k not in SENTENCE_KEYS})
                errors += [p.en for p in found]
        if errors:
            problems += [Problem("line_invalid", {"line": number, "detail": e}) for e in errors]
            continue
        if action.action_id in seen and not seen[action.action_id][1].same_content(action):
            problems.append(Problem("line_invalid", {"line": number, "detail":
                                    f"action {action.action_id} is also on line {seen[action.action_id][0]} with other content"}))
            continue
        seen[action.action_id] = (number, action)
        parsed.append((number, action))
    return parsed, problems


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"  {problem.en}", file=sys.stderr)


def export_log(store: ReviewStore, target: str) -> int:
    actions = store.actions()
    text = "".join(a.to_json() + "\n" for a in actions)
    if target == "-":
        sys.stdout.write(text)
        print(f"exported {len(actions)} actions", file=sys.stderr)
        return 0
    path = Path(target)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        print(f"export failed: {exc.strerror or exc}: {exc.filename or path}", file=sys.stderr)
        return 2
    print(f"exported {len(actions)} actions from {store.path} to {path}")
    return 0


def import_log(store: ReviewStore, source: str) -> int:
    try:
        raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"import failed: cannot read {source}: {exc}", file=sys.stderr)
        return 2
    parsed, problems = parse_lines(raw.splitlines())
    if problems:
        print(f"import failed, nothing imported: {len(problems)} problems in {source}:", file=sys.stderr)
        _print_problems(problems)
        return 2
    result = store.import_actions(a for _n, a in parsed)
    if result.conflicts:
        line_of = {a.action_id: n for n, a in parsed}
        print(f"import failed, nothing imported: {len(result.conflicts)} actions conflict with the log in {store.path}:",
              file=sys.stderr)
        _print_problems([Problem("id_conflict", {"line": line_of[new.action_id], "action_id": new.action_id})
                         for new, _old in result.conflicts])
        return 2
    print(f"imported {len(result.added)} new actions into {store.path} ({len(result.unchanged)} already there)")
    tables = read_tables(data_dir())
    if tables is None:
        print(f"no table set at {data_dir()}: row keys not checked")
        return 0
    lost = orphans(tables, store.actions())
    offered = {a.action_id: n for n, a in parsed}
    lost = lost[lost["action_id"].isin(offered)]
    if len(lost):
        print(f"{len(lost)} imported actions name rows that are not in {data_dir()} (kept, listed as orphaned):")
        for action_id, row_key in zip(lost["action_id"], lost["row_key"]):
            print(f"  {Problem('key_unknown', {'line': offered[action_id], 'row_key': row_key}).en}")
    return 0


def _required_tables() -> dict[str, pd.DataFrame] | None:
    """The table set the log is read against, or None (said on stderr) when there is none."""
    tables = read_tables(data_dir())
    if tables is None:
        print(f"no table set at {data_dir()}", file=sys.stderr)
    return tables


def list_orphans(store: ReviewStore) -> int:
    tables = _required_tables()
    if tables is None:
        return 2
    lost = orphans(tables, store.actions())
    print(f"{len(lost)} orphaned review actions (tables {data_dir()}, log {store.path})")
    for row in lost.itertuples(index=False):
        said = f"reason={row.reason} " if row.reason else ""
        print(f"  {row.at} {row.reviewer} {row.kind} {row.table} {row.row_id or row.row_key}: {row.problem}; "
              f"{said}before={row.before} after={row.after} note={row.note!r}")
    return 0


def status(store: ReviewStore) -> int:
    tables = _required_tables()
    if tables is None:
        return 2
    figures = accuracy(tables, store.actions())
    print(f"{figures['actions']} actions by {figures['reviewers']} reviewers in {store.path}; "
          f"{figures['orphaned_actions']} orphaned")
    for table in TABLES:
        f = figures[table]
        print(f"  {table}: {f['reviewed']}/{f['rows']} reviewed ({f['confirmed']} confirmed, {f['corrected']} corrected, "
              f"{f['rejected']} rejected, {f['added']} added)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m preprocess review",
                                     description="Share and back up the analysts' review log ($RASID_REVIEW_DB, "
                                                 "tables from $RASID_DATA).")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("export", help="write the whole log as JSON Lines").add_argument("file", help="output file, - for stdout")
    sub.add_parser("import", help="add the actions of a JSON Lines file (idempotent)").add_argument("file", help="input file, - for stdin")
    sub.add_parser("orphans", help="list the reviews whose row is gone")
    sub.add_parser("status", help="how much is reviewed")
    args = parser.parse_args(argv)
    store = ReviewStore()
    try:
        if args.command == "export":
            return export_log(store, args.file)
        if args.command == "import":
            return import_log(store, args.file)
        if args.command == "orphans":
            return list_orphans(store)
        return status(store)
    except (StoreError, ConflictError, OSError, sqlite3.Error) as exc:  # sqlite3.DatabaseError: not a database
        print(f"review {args.command} failed: {store.path}: {exc}", file=sys.stderr)
        return 2
