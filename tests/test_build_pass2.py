"""Pass 2 in the worker processes (runs of articles read and made Arrow there, written here) gives the same Parquet
bytes as pass 2 row by row in the build process, row groups included; a run it cannot convert without pandas sends
the whole pass back to the row-by-row way."""
from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import preprocess.build as build_module
from preprocess.build import build

SEEDS = Path(__file__).resolve().parent.parent / "data" / "raw"


def _digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(70):  # above PARALLEL_MIN: the worker processes start
        (folder / f"a{i:03d}.txt").write_text(texts[i % len(texts)] + f"\nنسخة رقم {i}\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_groups(monkeypatch):
    """Runs, row groups and article groups far smaller than the defaults, so runs and groups cut across each other."""
    monkeypatch.setattr(build_module, "PASS2_RUN", 4)
    monkeypatch.setattr(build_module, "ROW_GROUP_ROWS", 50)
    monkeypatch.setattr(build_module, "ARTICLE_GROUP_ROWS", 7)
    monkeypatch.setattr(build_module, "ARTICLE_GROUP_CHARS", 20_000)


def test_pass_two_in_the_workers_gives_the_same_bytes(corpus, tmp_path, small_groups, monkeypatch):
    one, two = tmp_path / "one" / "tables", tmp_path / "two" / "tables"
    build([corpus], one, workers=1)
    calls = []
    real = build_module._rows_in_parallel
    monkeypatch.setattr(build_module, "_rows_in_parallel", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    build([corpus], two, workers=2)
    assert len(calls) == 1 and calls[0] is not None  # pass 2 really ran in the workers
    assert _digests(one) == _digests(two)


def test_a_run_that_needs_pandas_sends_pass_two_back_row_by_row(corpus, tmp_path, small_groups, monkeypatch):
    one, two = tmp_path / "one" / "tables", tmp_path / "two" / "tables"
    build([corpus], one, workers=1)
    # workers as threads, so the patch below reaches them: mentions never convert without pandas
    monkeypatch.setattr(build_module, "ProcessPoolExecutor", lambda **kw: ThreadPoolExecutor(
        max_workers=kw["max_workers"], initializer=kw["initializer"], initargs=kw["initargs"]))
    real_arrow = build_module._arrow_or_none
    monkeypatch.setattr(build_module, "_arrow_or_none", lambda table, rows: None if table == "mentions" else real_arrow(table, rows))
    calls = []
    real = build_module._rows_in_parallel
    monkeypatch.setattr(build_module, "_rows_in_parallel", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    build([corpus], two, workers=2)
    assert calls == [None]  # tried, given up, done row by row
    assert _digests(one) == _digests(two)
