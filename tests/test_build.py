"""The build's contract: CLI, tables and columns, determinism, atomic writes, incremental rebuilds, bad resources."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from preprocess import schemas
from preprocess.build import build, tables_are_stale

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "raw"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "preprocess", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "tables"
    result = run_cli("build", "--input", str(SEEDS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_cli_writes_one_parquet_per_table_with_the_contract_columns(built):
    for table in schemas.TABLE_NAMES:
        frame = pd.read_parquet(built / f"{table}.parquet")
        assert list(frame.columns) == schemas.columns(table), table
    articles = pd.read_parquet(built / "articles.parquet")
    assert sorted(articles["article_id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_offsets_point_at_the_quoted_text(built):
    articles = pd.read_parquet(built / "articles.parquet").set_index("article_id")["text"]
    for table, quote_col in (("incidents", "quote"), ("troops", "quote"), ("attack_counts", "quote")):
        frame = pd.read_parquet(built / f"{table}.parquet")
        assert len(frame), table
        start, end = ("start", "end") if table == "incidents" else ("sentence_start", "sentence_end")
        for row in frame.itertuples():
            assert articles[row.article_id][getattr(row, start):getattr(row, end)] == getattr(row, quote_col)
    mentions = pd.read_parquet(built / "mentions.parquet")
    for row in mentions.itertuples():
        assert articles[row.article_id][row.start:row.end] == row.surface


def test_same_input_gives_byte_identical_tables(built, tmp_path):
    again = tmp_path / "again"
    assert run_cli("build", "--input", str(SEEDS), "--out", str(again)).returncode == 0
    assert digests(again) == digests(built)


def test_rebuild_reuses_unchanged_articles_and_extracts_new_ones(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    first = build([corpus], out)
    assert (first.n_extracted, first.n_cached) == (5, 0)
    assert not tables_are_stale([corpus], out)
    (corpus / "extra.txt").write_text((SEEDS / "003_a0135c7d4c557503.txt").read_text(encoding="utf-8") + "\nتحديث", encoding="utf-8")
    assert tables_are_stale([corpus], out)
    second = build([corpus], out)
    assert (second.n_extracted, second.n_cached) == (1, 5)
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert articles.loc["extra", "duplicate_of"] == "003_a0135c7d4c557503"


def test_a_killed_build_leaves_the_previous_tables_readable(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    build([corpus], out)
    before = digests(out)
    text = (SEEDS / "002_99cee76e69b7d09a.txt").read_text(encoding="utf-8")
    for i in range(300):  # enough articles that the build is still running when it is killed
        (corpus / f"copy_{i:03d}.txt").write_text(f"{text}\nنسخة {i}", encoding="utf-8")
    # a session of its own, so the kill takes the worker processes too (left alone they outlive the test)
    proc = subprocess.Popen([sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out)], cwd=ROOT,
                            start_new_session=True)
    cache = tmp_path / ".out.cache"
    deadline = time.monotonic() + 120
    while len(list(cache.glob("*.json"))) < 50 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert digests(out) == before
    for table in schemas.TABLE_NAMES:
        pd.read_parquet(out / f"{table}.parquet")


def test_a_broken_gazetteer_is_reported_whole_and_fails_the_build(tmp_path):
    gaz = tmp_path / "gaz"
    shutil.copytree(ROOT / "data" / "gazetteer", gaz)
    actors = (gaz / "actors.yaml").read_text(encoding="utf-8")
    first_id = actors.split("id:", 1)[1].split("\n", 1)[0].strip()
    (gaz / "actors.yaml").write_text(actors + f"\n- id: {first_id}\n  name_en: Dup\n  name_ar: مكرر\n  type: militia\n", encoding="utf-8")
    places = (gaz / "places.yaml").read_text(encoding="utf-8")
    (gaz / "places.yaml").write_text(places + "\n- id: nowhere\n  name_en: Nowhere\n  name_ar: لا مكان\n  type: base\n  country: Iraq\n", encoding="utf-8")
    result = run_cli("build", "--input", str(SEEDS), "--out", str(tmp_path / "out"), "--gazetteer", str(gaz))
    assert result.returncode == 2
    assert first_id in result.stderr and "nowhere" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_fails_with_a_message(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("build", "--input", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no readable article" in result.stderr


def test_if_stale_skips_an_up_to_date_build(built):
    result = run_cli("build", "--input", str(SEEDS), "--out", str(built), "--if-stale")
    assert result.returncode == 0 and "up to date" in result.stdout


def test_worker_processes_give_the_same_tables_byte_for_byte(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(70):  # above PARALLEL_MIN, so the second build really uses worker processes
        (corpus / f"a{i:03d}.txt").write_text(texts[i % len(texts)] + f"\nنسخة رقم {i}\n", encoding="utf-8")
    one, two = tmp_path / "one" / "tables", tmp_path / "two" / "tables"
    first = build([corpus], one, workers=1)
    second = build([corpus], two, workers=2)
    assert first.n_extracted == second.n_extracted == 70
    assert digests(one) == {k: v for k, v in digests(two).items()}


def _page_with_args(text: str) -> None:
    import streamlit as st

    st.write(text)


def test_worker_processes_start_under_a_page_script(tmp_path):
    """Streamlit (and AppTest) run a page as `__main__`; the build's worker processes must not import it again
    (they crashed on it and the build fell back to one process)."""
    from streamlit.testing.v1 import AppTest

    AppTest.from_function(_page_with_args, args=("page",)).run()  # its script calls the function with __args
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(70):
        (corpus / f"a{i:03d}.txt").write_text(texts[i % len(texts)] + f"\nنسخة رقم {i}\n", encoding="utf-8")
    report = build([corpus], tmp_path / "out" / "tables", workers=2)
    assert report.n_extracted == 70
    assert not [w for w in report.warnings if "worker processes stopped" in w]
