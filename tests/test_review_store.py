"""The review store (WAL, schema version, append-only, many writers at once), refusals of bad input, the token."""
from __future__ import annotations

import multiprocessing
import sqlite3
from dataclasses import replace

import pytest

from preprocess.review import (MESSAGES, ConflictError, Problem, ReviewError, ReviewStore, StoreError, act,
                               apply_reviews, make_action, review_allowed, review_db_path)
from preprocess.review.actions import Action, new_action_id
from preprocess.review.cli import read_tables
from preprocess.review.store import SCHEMA_VERSION

WRITERS, PER_WRITER = 4, 250


@pytest.fixture(scope="module")
def tables(seed_dir):
    return read_tables(seed_dir)


def an_action(n: int = 0, reviewer: str = "Lina") -> Action:
    return Action(action_id=new_action_id(), at=f"2025-03-01T10:00:{n % 60:02d}.{n:06d}Z", reviewer=reviewer,
                  kind="correct", table="troops", row_key=f"troops|{'a' * 64}|{n}-{n + 4}", after={"value": n + 1})


def test_the_database_is_in_wal_mode_with_its_schema_version(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    assert store.actions() == [] and store.version() == 0 and not store.path.exists()  # reading creates nothing
    store.append(an_action())
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    assert store.schema_version() == SCHEMA_VERSION
    assert ReviewStore(store.path).migrate() == SCHEMA_VERSION  # migrating again applies nothing twice
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_a_newer_rasid_is_refused(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    store.migrate()
    with sqlite3.connect(store.path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError):
        store.actions()


def test_the_path_comes_from_rasid_review_db(monkeypatch, tmp_path):
    monkeypatch.setenv("RASID_REVIEW_DB", str(tmp_path / "desk.sqlite"))
    assert review_db_path() == tmp_path / "desk.sqlite" and ReviewStore().path == tmp_path / "desk.sqlite"
    monkeypatch.delenv("RASID_REVIEW_DB")
    assert review_db_path().parts[-2:] == ("data", "review.sqlite")


def test_the_log_is_append_only(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    store.append(an_action())
    with sqlite3.connect(store.path) as conn:
        for statement in ("UPDATE actions SET note = 'x'", "DELETE FROM actions"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
    assert len(store.actions()) == 1


def test_appending_the_same_action_twice_changes_nothing_and_another_with_its_id_is_refused(tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    action = an_action(3)
    assert store.append(action) is True
    assert store.append(action) is False
    with pytest.raises(ConflictError):
        store.append(replace(action, note="changed"))
    assert store.actions() == [action]


def _write_many(path: str, writer: int) -> None:
    store = ReviewStore(path)
    for n in range(PER_WRITER):
        store.append(an_action(n, reviewer=f"writer{writer}"))


def test_several_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "review.sqlite"  # not created beforehand: the writers race to create it too
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(path), w)) for w in range(WRITERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=240)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    actions = ReviewStore(path).actions()
    assert len(actions) == len({a.action_id for a in actions}) == WRITERS * PER_WRITER
    assert {a.reviewer for a in actions} == {f"writer{w}" for w in range(WRITERS)}
    assert ReviewStore(path).version() == WRITERS * PER_WRITER


def refused(tables, log=(), **kw) -> list[str]:
    with pytest.raises(ReviewError) as error:
        make_action(tables, list(log), reviewer=kw.pop("reviewer", "Lina"), **kw)
    for problem in error.value.problems:  # every refusal reads in both languages
        assert problem.en and problem.ar and problem.en != problem.ar
    return [p.key for p in error.value.problems]


def test_bad_values_are_refused_all_at_once(tables):
    incident = tables["incidents"]["incident_id"].iloc[0]
    assert refused(tables, kind="correct", table="incidents", row_id=incident,
                   after={"date": "28/01/2024", "killed": -1, "wounded": 100_000, "place": "Atlantis",
                          "perpetrator": "Nobody", "factions": "Kataib Hezbollah; The Phantom Brigade",
                          "weapon": "catapult"}) == [
        "date_invalid", "number_negative", "number_absurd", "place_unknown", "actor_unknown", "actor_unknown",
        "choice_invalid"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident, after={"date": "2024-02-30"}) == ["date_invalid"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident,
                   after={"date": "2024-02", "date_precision": "day"}) == ["precision_mismatch"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident, after={"killed": "many"}) == ["number_invalid"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident, after={"killed": 10_001}) == ["number_absurd"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident, after={"quote": "x"}) == ["field_unknown"]
    assert refused(tables, kind="correct", table="incidents", row_id=incident, after={}) == ["nothing_to_correct"]
    assert refused(tables, kind="correct", table="troops", row_id=tables["troops"]["troop_id"].iloc[0],
                   after={"location": "Narnia", "value": ""}) == ["place_unknown", "number_invalid"]


def test_impossible_actions_are_refused(tables):
    incident = tables["incidents"]["incident_id"].iloc[0]
    assert refused(tables, kind="merge", table="incidents", row_id=incident, into=incident) == ["merge_self"]
    assert refused(tables, kind="merge", table="troops", row_id=tables["troops"]["troop_id"].iloc[0], into="x") == ["merge_table"]
    assert refused(tables, kind="merge", table="incidents", row_id=incident, into="gone-inc-1") == ["row_gone"]
    assert refused(tables, kind="confirm", table="incidents", row_id="removed-by-a-rebuild-inc-9") == ["row_gone"]
    assert refused(tables, kind="split", table="incidents", row_id=incident) == ["not_merged"]
    assert refused(tables, kind="reject", table="incidents", row_id=incident, reason="boring") == ["reason_invalid"]
    assert refused(tables, kind="confirm", table="incidents", row_id=incident, reviewer=" ") == ["reviewer_missing"]
    assert refused(tables, kind="confirm", table="incidents", row_id=incident, note="x" * 5000) == ["note_too_long"]
    assert refused(tables, kind="approve", table="incidents", row_id=incident) == ["kind_unknown"]
    article = tables["articles"].iloc[0]
    assert refused(tables, kind="add", table="incidents", row_id=article["article_id"], span=(10, 10 ** 7),
                   after={}) == ["span_invalid", "value_required"]
    assert refused(tables, kind="add", table="troops", row_id="no-such-article", span=(0, 5), after={"value": 5}) == ["article_gone"]
    troop = tables["troops"].iloc[0]
    assert refused(tables, kind="add", table="troops", row_id=troop["article_id"],
                   span=(int(troop["sentence_start"]), int(troop["sentence_end"])), after={"value": int(troop["value"])}) == ["already_present"]


def test_a_refused_action_writes_nothing(tables, tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    incident = tables["incidents"]["incident_id"].iloc[0]
    act(store, tables, kind="confirm", table="incidents", row_id=incident, reviewer="Lina")
    version = store.version()
    with pytest.raises(ReviewError):
        act(store, tables, kind="correct", table="incidents", row_id=incident, reviewer="Lina", after={"killed": 100000})
    with pytest.raises(ReviewError):
        act(store, tables, kind="merge", table="incidents", row_id=incident, into=incident, reviewer="Lina")
    assert store.version() == version and len(store.actions()) == 1


def test_notes_are_stored_as_written(tables, tmp_path):
    store = ReviewStore(tmp_path / "review.sqlite")
    note = '<script>alert(1)</script> =HYPERLINK("http://x") \u202eملاحظة'
    incident = tables["incidents"]["incident_id"].iloc[0]
    act(store, tables, kind="confirm", table="incidents", row_id=incident, reviewer="Lina", note=note)
    assert store.actions()[0].note == note
    shown = apply_reviews(tables, store.actions())["incidents"].set_index("incident_id").loc[incident]
    assert shown["review_note"] == note


def test_the_token_guards_writing_when_it_is_set(monkeypatch, tables, tmp_path):
    monkeypatch.delenv("RASID_REVIEW_TOKEN", raising=False)
    assert review_allowed(None) and review_allowed("anything")
    monkeypatch.setenv("RASID_REVIEW_TOKEN", "s3cret-desk")
    assert review_allowed("s3cret-desk")
    assert not review_allowed(None) and not review_allowed("") and not review_allowed("s3cret-des") and not review_allowed("s3cret-deskX")
    store = ReviewStore(tmp_path / "review.sqlite")
    incident = tables["incidents"]["incident_id"].iloc[0]
    with pytest.raises(ReviewError) as error:
        act(store, tables, token="wrong", kind="confirm", table="incidents", row_id=incident, reviewer="Lina")
    assert [p.key for p in error.value.problems] == ["token_required"]
    assert store.actions() == []  # reading needs no token
    act(store, tables, token="s3cret-desk", kind="confirm", table="incidents", row_id=incident, reviewer="Lina")
    assert len(store.actions()) == 1


def test_every_message_has_both_languages_and_the_same_placeholders():
    import string

    for key, (en, ar) in MESSAGES.items():
        fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)  # noqa: E731
        assert en and ar and fields(en) == fields(ar), key
    assert Problem("row_gone", {"row": "x-inc-1"}).ar.startswith("السطر x-inc-1")
