"""The build on Dask (`--engine dask`): the same tables byte for byte as the local build, on a LocalCluster of two
worker processes and on a scheduler given by address; a clear message when Dask is missing; none of it imported by
the local build."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from preprocess.build import BuildError, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "raw"
SOURCES = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "articles").glob("*.txt"))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "preprocess", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.parquet"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds (with their metadata.csv) and 72 varied articles: paragraphs of the seeds and test articles mixed,
    an exact and a near copy, an HTML page, a JSON Lines file of three records and a file that is not Arabic."""
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    shutil.copytree(SEEDS, folder)
    rng = random.Random(12)
    paragraphs = [p for src in SOURCES for p in src.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    for i in range(66):
        body = rng.sample(paragraphs, k=rng.randint(3, 12))
        (folder / f"mix_{i:03d}.txt").write_text("\n".join(body) + f"\nرقم {i}\n", encoding="utf-8")
    shutil.copy(folder / "mix_000.txt", folder / "mix_000_copy.txt")
    (folder / "mix_001_near.txt").write_text((folder / "mix_001.txt").read_text(encoding="utf-8") + "تحديث\n", encoding="utf-8")
    page = "\n".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, k=5))
    (folder / "page.html").write_text(f"<html><head><title>خبر</title></head><body><article>{page}</article></body></html>",
                                      encoding="utf-8")
    records = [{"id": f"feed-{i}", "text": "\n".join(rng.sample(paragraphs, k=4)), "published": "2024-02-0{}".format(i + 1)}
               for i in range(3)]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    (folder / "english.txt").write_text("Nothing here is Arabic. " * 20, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "tables"
    report = build([corpus], out)
    assert report.n_articles == 5 + 66 + 2 + 1 + 3 and len(report.rejects) == 1
    return out


def test_dask_on_a_local_cluster_writes_the_local_builds_tables_byte_for_byte(corpus, local, tmp_path):
    out = tmp_path / "tables"
    result = run_cli("build", "--input", str(corpus), "--out", str(out), "--engine", "dask")
    assert result.returncode == 0, result.stderr
    assert "built 77 articles (77 extracted, 0 from cache)" in result.stdout
    assert "english.txt: not Arabic" in result.stdout
    assert digests(out) == digests(local)
    again = run_cli("build", "--input", str(corpus), "--out", str(out), "--engine", "dask")
    assert "(0 extracted, 77 from cache)" in again.stdout  # the cache written from the workers' results serves again
    assert digests(out) == digests(local)


def test_dask_at_a_scheduler_address_writes_the_same_tables(corpus, local, tmp_path):
    from distributed import LocalCluster

    # workers as threads of this process: the test is about reaching a scheduler by its address (worker processes
    # started from inside pytest re-import pytest's __main__ and could fail to start under load)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", dashboard_address=None,
                      host="127.0.0.1") as cluster:
        result = run_cli("build", "--input", str(corpus), "--out", str(tmp_path / "tables"), "--engine", "dask",
                         "--scheduler", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    assert digests(tmp_path / "tables") == digests(local)


def test_without_dask_the_engine_says_what_to_install(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(BuildError, match=r"install dask\[distributed\] \(requirements-test\.txt\)"):
        build([corpus], tmp_path / "tables", engine="dask")
    assert not (tmp_path / "tables").exists()


def test_a_scheduler_needs_the_dask_engine():
    result = run_cli("build", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 2 and "--scheduler needs --engine dask" in result.stderr


def test_the_local_build_never_imports_dask(tmp_path):
    code = ("import sys; from preprocess.build import main; "
            f"code = main(['build', '--input', {str(SEEDS)!r}, '--out', {str(tmp_path / 'tables')!r}]); "
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr
