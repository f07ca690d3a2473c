"""The review log on disk: SQLite in WAL mode, append-only (triggers refuse UPDATE and DELETE), versioned schema."""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from preprocess.review.actions import Action, utc_now

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "data" / "review.sqlite"
BUSY_TIMEOUT_MS = 30_000

# Applied in order, each once, inside one transaction with its row in schema_version. Never edit a released
# migration: add the next one.
MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        """CREATE TABLE actions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            action_id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('confirm', 'correct', 'reject', 'merge', 'split', 'add')),
            table_name TEXT NOT NULL CHECK (table_name IN ('incidents', 'troops', 'attack_counts')),
            row_key TEXT NOT NULL,
            row_id TEXT NOT NULL DEFAULT '',
            article_id TEXT NOT NULL DEFAULT '',
            before_json TEXT NOT NULL DEFAULT '{}',
            after_json TEXT NOT NULL DEFAULT '{}',
            reason TEXT NOT NULL DEFAULT '' CHECK (reason IN ('', 'not_an_event', 'out_of_scope', 'duplicate')),
            note TEXT NOT NULL DEFAULT '',
            other_key TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX actions_row_key ON actions (row_key)",
        "CREATE INDEX actions_order ON actions (at, action_id)",
        """CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
           BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
        """CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
           BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
    ]),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
COLUMNS = ("action_id", "at", "reviewer", "kind", "table_name", "row_key", "row_id", "article_id", "before_json",
           "after_json", "reason", "note", "other_key")


def review_db_path() -> Path:
    """$RASID_REVIEW_DB, else data/review.sqlite."""
    return Path(os.environ.get("RASID_REVIEW_DB") or DEFAULT_PATH).absolute()


class StoreError(Exception):
    """The database cannot be used (written by a newer Rasid, not a database)."""


class ConflictError(Exception):
    """An action id already in the log with other content."""

    def __init__(self, conflicts: list[tuple[Action, Action]]):
        super().__init__(", ".join(new.action_id for new, _old in conflicts))
        self.conflicts = conflicts


@dataclass
class ImportResult:
    added: list[Action] = field(default_factory=list)
    unchanged: list[Action] = field(default_factory=list)
    conflicts: list[tuple[Action, Action]] = field(default_factory=list)  # (offered, already in the log)


def _row(action: Action) -> tuple:
    return (action.action_id, action.at, action.reviewer, action.kind, action.table, action.row_key, action.row_id,
            action.article_id, json.dumps(action.before, ensure_ascii=False, sort_keys=True),
            json.dumps(action.after, ensure_ascii=False, sort_keys=True), action.reason, action.note, action.other_key)


def _action(row: tuple) -> Action:
    (action_id, at, reviewer, kind, table, row_key, row_id, article_id, before, after, reason, note, other_key) = row
    return Action(action_id=action_id, at=at, reviewer=reviewer, kind=kind, table=table, row_key=row_key,
                  before=json.loads(before), after=json.loads(after), reason=reason, note=note, other_key=other_key,
                  row_id=row_id, article_id=article_id)


class ReviewStore:
    """The log at `path` (default review_db_path()). Each call opens its own connection, so one store may be
    shared by threads and many processes may write at once; the file is created on the first write."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path).absolute() if path is not None else review_db_path()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _schema_version(self, conn: sqlite3.Connection) -> int:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        return (conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]) if has else 0

    def _check_version(self, found: int) -> None:
        if found > SCHEMA_VERSION:
            raise StoreError(f"the review database {self.path} was written by a newer Rasid "
                             f"(schema {found}, this one knows {SCHEMA_VERSION})")

    def migrate(self) -> int:
        """Create the file if needed, switch it to WAL and apply the missing migrations; returns the version."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self._connect()
        try:
            for attempt in range(50):  # switching to WAL takes a lock a fresh database's other writers may hold
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError:
                    time.sleep(0.05 * (attempt + 1))
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
                current = self._schema_version(conn)
                self._check_version(current)
                for version, statements in MIGRATIONS:
                    if version > current:
                        for statement in statements:
                            conn.execute(statement)
                        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, utc_now()))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            self._ready = True
            return SCHEMA_VERSION
        finally:
            conn.close()

    def schema_version(self) -> int:
        if not self.path.exists():
            return 0
        conn = self._connect()
        try:
            return self._schema_version(conn)
        finally:
            conn.close()

    def actions(self) -> list[Action]:
        """The whole log in its order (time, then action id); [] when there is no database yet."""
        if not self.path.exists():
            return []
        conn = self._connect()
        try:
            version = self._schema_version(conn)
            self._check_version(version)
            if version == 0:
                return []
            rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM actions ORDER BY at, action_id").fetchall()
        finally:
            conn.close()
        return [_action(r) for r in rows]

    def version(self) -> int:
        """Grows with every action written: a cache of reviewed tables is keyed by it."""
        if not self.path.exists():
            return 0
        conn = self._connect()
        try:
            if self._schema_version(conn) == 0:
                return 0
            return conn.execute("SELECT coalesce(max(seq), 0) FROM actions").fetchone()[0]
        finally:
            conn.close()

    def _write(self, actions: list[Action], all_or_nothing: bool) -> ImportResult:
        if not self._ready:
            self.migrate()
        result = ImportResult()
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for action in actions:
                    old = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM actions WHERE action_id = ?",
                                       (action.action_id,)).fetchone()
                    if old is None:
                        conn.execute(f"INSERT INTO actions ({', '.join(COLUMNS)}, recorded_at) VALUES "
                                     f"({', '.join('?' * len(COLUMNS))}, ?)", _row(action) + (utc_now(),))
                        result.added.append(action)
                    elif tuple(old) == _row(action):
                        result.unchanged.append(action)
                    else:
                        result.conflicts.append((action, _action(old)))
                if result.conflicts and all_or_nothing:
                    conn.execute("ROLLBACK")
                    result.added = []
                else:
                    conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
        return result

    def append(self, action: Action) -> bool:
        """Write one action; False when that very action is already in the log (writing it again changes
        nothing); ConflictError when its id is in the log with other content."""
        result = self._write([action], all_or_nothing=True)
        if result.conflicts:
            raise ConflictError(result.conflicts)
        return bool(result.added)

    def import_actions(self, actions: Iterable[Action]) -> ImportResult:
        """Write many actions in one transaction, all or nothing: when any id is in the log with other content,
        nothing is written and the result lists the conflicts."""
        return self._write(list(actions), all_or_nothing=True)
