"""`python -m preprocess review export|import` and bench/eval_review.py, run as an analyst runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from preprocess.review import ReviewStore, act
from preprocess.review.cli import read_tables

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, data: Path, db: Path, script: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "RASID_DATA": str(data), "RASID_REVIEW_DB": str(db)}
    env.pop("RASID_REVIEW_TOKEN", None)
    command = [sys.executable, script] if script else [sys.executable, "-m", "preprocess"]
    return subprocess.run([*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, input=stdin)


@pytest.fixture(scope="module")
def desk(seed_dir, tmp_path_factory) -> Path:
    """A review log with one action of each kind on the seed tables."""
    tables = read_tables(seed_dir)
    store = ReviewStore(tmp_path_factory.mktemp("desk") / "review.sqlite")
    incidents = tables["incidents"]

    def golden(article: str, date: str) -> str:  # tests/test_seeds_golden.py: found by article and date
        return incidents.loc[(incidents["article_id"] == article) & (incidents["date"] == date), "incident_id"].item()

    a000, a001, a002 = "000_37e1980561b20c4b", "001_462258a12eb261c0", "002_99cee76e69b7d09a"
    act(store, tables, kind="confirm", table="incidents", row_id=golden(a000, "2020-03"), reviewer="Lina")
    act(store, tables, kind="correct", table="incidents", row_id=golden(a002, "2024-01-28"), reviewer="Lina",
        after={"killed": 3, "wounded": 40}, note='=HYPERLINK("http://x","y") <b>CENTCOM</b>')
    act(store, tables, kind="reject", table="incidents", row_id=golden(a002, "2024-02-07"), reviewer="Omar", reason="out_of_scope")
    act(store, tables, kind="merge", table="incidents", row_id=golden(a002, "2020-01"), into=golden(a001, "2020-01-03"), reviewer="Omar")
    act(store, tables, kind="add", table="incidents", row_id=a002, span=(619, 807), reviewer="Omar",
        after={"event_type": "attack", "place": "al-Tanf", "date": "2023-10-18"})
    troops = tables["troops"]
    act(store, tables, kind="correct", table="troops", reviewer="Omar", after={"value": 2600},
        row_id=troops.loc[(troops["article_id"] == a000) & (troops["value"] == 2500), "troop_id"].item())
    act(store, tables, kind="reject", table="attack_counts", reviewer="Lina", reason="not_an_event",
        row_id=tables["attack_counts"].loc[tables["attack_counts"]["article_id"] == a002, "count_id"].item())
    return store.path


def test_export_then_import_into_another_copy_is_idempotent(seed_dir, desk, tmp_path):
    exported = tmp_path / "reviews.jsonl"
    result = run("review", "export", str(exported), data=seed_dir, db=desk)
    assert result.returncode == 0, result.stderr
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7 and all(json.loads(line)["action_id"] for line in lines)
    other = tmp_path / "other.sqlite"
    first = run("review", "import", str(exported), data=seed_dir, db=other)
    assert first.returncode == 0, first.stderr
    assert "imported 7 new actions" in first.stdout
    second = run("review", "import", str(exported), data=seed_dir, db=other)
    assert second.returncode == 0 and "imported 0 new actions" in second.stdout and "7 already there" in second.stdout
    again = tmp_path / "again.jsonl"
    assert run("review", "export", str(again), data=seed_dir, db=other).returncode == 0
    assert again.read_bytes() == exported.read_bytes()
    assert ReviewStore(other).actions() == ReviewStore(desk).actions()


def test_an_action_whose_id_is_in_the_log_with_other_content_is_a_conflict_and_nothing_is_imported(seed_dir, desk, tmp_path):
    exported = tmp_path / "reviews.jsonl"
    run("review", "export", str(exported), data=seed_dir, db=desk)
    lines = exported.read_text(encoding="utf-8").splitlines()
    other = tmp_path / "other.sqlite"
    assert run("review", "import", "-", data=seed_dir, db=other, stdin="\n".join(lines[:3]) + "\n").returncode == 0
    edited = json.loads(lines[1])
    edited["note"] = "changed on another desk"
    lines[1] = json.dumps(edited, ensure_ascii=False)
    source = tmp_path / "edited.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("review", "import", str(source), data=seed_dir, db=other)
    assert result.returncode == 2
    assert f"line 2: action {edited['action_id']} is already in the log with other content" in result.stderr
    assert len(ReviewStore(other).actions()) == 3  # the four new actions of that file were not imported either


def test_actions_on_rows_this_table_set_does_not_have_are_kept_and_listed(seed_dir, desk, tmp_path):
    exported = tmp_path / "reviews.jsonl"
    run("review", "export", str(exported), data=seed_dir, db=desk)
    foreign = json.loads(exported.read_text(encoding="utf-8").splitlines()[0])
    foreign.update(action_id="00000000-0000-4000-8000-000000000001", row_key=f"troops|{'f' * 64}|10-14", table="troops",
                   kind="reject", reason="duplicate", before={})
    source = tmp_path / "foreign.jsonl"
    source.write_text(exported.read_text(encoding="utf-8") + json.dumps(foreign) + "\n", encoding="utf-8")
    result = run("review", "import", str(source), data=seed_dir, db=tmp_path / "other.sqlite")
    assert result.returncode == 0, result.stderr
    assert "1 imported actions name rows that are not in" in result.stdout
    assert f"line 8: row troops|{'f' * 64}|10-14 is not in this table set" in result.stdout
    assert len(ReviewStore(tmp_path / "other.sqlite").actions()) == 8
    listed = run("review", "orphans", data=seed_dir, db=tmp_path / "other.sqlite")
    assert listed.returncode == 0 and "1 orphaned review actions" in listed.stdout and "orphan_article_changed" in listed.stdout


def test_bad_input_is_refused_with_every_problem_listed(seed_dir, desk, tmp_path):
    exported = tmp_path / "reviews.jsonl"
    run("review", "export", str(exported), data=seed_dir, db=desk)
    good = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    toll = dict(good[1], action_id="00000000-0000-4000-8000-000000000002", after={"killed": 100000, "date": "2024-13-01"})
    kind = dict(good[0], action_id="00000000-0000-4000-8000-000000000003", kind="approve")
    bad_id = dict(good[0], action_id="not-a-uuid", at="yesterday")
    lines = [json.dumps(good[0]), "{not json", json.dumps(toll), json.dumps(kind), json.dumps(bad_id), json.dumps([1, 2])]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "other.sqlite"
    result = run("review", "import", str(source), data=seed_dir, db=target)
    assert result.returncode == 2
    for expected in ("line 2: not JSON", "line 3: killed: 100000 is more than 10,000", "line 3: date: '2024-13-01' is not a date",
                     "line 4: kind 'approve'", "line 5: action_id 'not-a-uuid' is not a UUID", "line 5: at 'yesterday'",
                     "line 6: not a JSON object"):
        assert expected in result.stderr, expected
    assert ReviewStore(target).actions() == []  # the good first line was not imported alone
    missing = run("review", "import", str(tmp_path / "nowhere.jsonl"), data=seed_dir, db=target)
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_the_build_cli_is_unchanged(tmp_path):
    result = subprocess.run([sys.executable, "-m", "preprocess", "build", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "--input" in result.stdout
    assert subprocess.run([sys.executable, "-m", "preprocess", "review", "--help"], cwd=ROOT, capture_output=True,
                          text=True).stdout.count("export") >= 1


def test_eval_review_prints_and_writes_the_extractor_s_accuracy_on_the_reviews(seed_dir, desk, tmp_path):
    out = tmp_path / "eval" / "review.json"
    result = run("--json", str(out), data=seed_dir, db=desk, script=str(ROOT / "bench" / "eval_review.py"))
    assert result.returncode == 0, result.stderr
    rows = len(read_tables(seed_dir)["incidents"]) + 1  # and the one added
    assert f"incidents: 5 of {rows} rows reviewed" in result.stdout
    assert "rejected: duplicate 1, out_of_scope 1" in result.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    incidents = figures["incidents"]
    assert (incidents["confirmed"], incidents["corrected"], incidents["added"]) == (1, 1, 1)
    assert incidents["fields"]["wounded"] == {"checked": 2, "right": 1, "share": 0.5}  # 34 read, 40 given
    assert incidents["fields"]["killed"] == {"checked": 2, "right": 2, "share": 1.0}
    assert figures["troops"]["fields"]["value"] == {"checked": 1, "right": 0, "share": 0.0}
    assert figures["attack_counts"]["rejected_by_reason"] == {"not_an_event": 1}
    assert figures["actions"] == 7 and figures["reviewers"] == 2
