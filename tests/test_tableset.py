"""The build writes only folders it owns, keeps the old tables on any failure, and readers always see one build."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from preprocess import build as build_module
from preprocess.build import BuildError, build
from preprocess.tableset import MARKER, is_table_set, read_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "raw"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "preprocess", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with its sha256: what 'untouched' means."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    (folder / "notes-of-the-analyst.md").write_text("my notes, not an article\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("out_of", [
    lambda t, a: a,                # --out on the articles folder
    lambda t, a: t,                # --out on the folder holding the articles (a slip for t/processed)
])
def test_out_that_is_or_holds_an_input_is_refused_and_nothing_is_touched(tmp_path, articles, out_of):
    out = out_of(tmp_path, articles)
    before = snapshot(tmp_path)
    result = run_cli("build", "--input", str(articles), "--out", str(out))
    assert result.returncode == 2
    assert "which the build reads" in result.stderr
    assert snapshot(tmp_path) == before


def test_out_on_the_current_folder_is_refused(tmp_path, articles):
    before = snapshot(tmp_path)
    result = run_cli("build", "--input", "articles", "--out", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert snapshot(tmp_path) == before


def test_out_holding_the_gazetteer_or_resources_is_refused(tmp_path, articles):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "gazetteer", data / "gazetteer")
    shutil.copytree(ROOT / "data" / "resources", data / "resources")
    before = snapshot(tmp_path)
    result = run_cli("build", "--input", str(articles), "--out", str(data),
                     "--gazetteer", str(data / "gazetteer"), "--resources", str(data / "resources"))
    assert result.returncode == 2
    assert snapshot(tmp_path) == before


def test_a_folder_of_other_files_is_refused_with_their_names(tmp_path, articles):
    other = tmp_path / "reports"
    other.mkdir()
    (other / "q3-briefing.docx").write_bytes(b"PK\x03\x04 not ours")
    (other / "manifest.json").write_text("{}", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_cli("build", "--input", str(articles), "--out", str(other))
    assert result.returncode == 2
    assert "q3-briefing.docx" in result.stderr and "not a Rasid table set" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_symlink_or_a_file_at_out_is_refused(tmp_path, articles):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    (tmp_path / "a-file").write_text("keep me", encoding="utf-8")
    before = snapshot(tmp_path)
    for out, words in (("link", "symbolic link"), ("a-file", "is a file")):
        result = run_cli("build", "--input", str(articles), "--out", str(tmp_path / out))
        assert result.returncode == 2 and words in result.stderr
    assert snapshot(tmp_path) == before
    assert (tmp_path / "link").is_symlink()


def test_new_and_empty_folders_are_built_and_marked_then_rebuilt(tmp_path, articles):
    (tmp_path / "empty").mkdir()
    for name in ("new/tables", "empty"):
        result = run_cli("build", "--input", str(articles), "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name / MARKER).is_file() and is_table_set(tmp_path / name)
    again = run_cli("build", "--input", str(articles), "--out", str(tmp_path / "empty"))
    assert again.returncode == 0, again.stderr


def test_a_table_set_with_a_foreign_file_added_is_no_longer_written(tmp_path, articles):
    out = tmp_path / "tables"
    build([articles], out)
    (out / "my-analysis.xlsx").write_bytes(b"analyst work")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match="my-analysis.xlsx"):
        build([articles], out)
    assert snapshot(tmp_path) == before


def test_leftover_staging_folders_of_dead_builds_are_cleaned(tmp_path, articles):
    out = tmp_path / "tables"
    dead = tmp_path / ".tables.tmp-999999999"
    dead.mkdir()
    (dead / "articles.parquet").write_bytes(b"half written")
    unrelated = tmp_path / ".tables.tmp-notes"
    unrelated.mkdir()
    build([articles], out)
    assert not dead.exists()
    assert unrelated.is_dir()


def test_manifest_names_input_folders_absolute(tmp_path, articles):
    result = run_cli("build", "--input", "articles", "--input", "uploads", "--out", "tables", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "tables" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input_dirs"] == [str(articles), str(tmp_path / "uploads")]


# ---------------------------------------------------------------- failures keep the old tables

def test_a_write_failure_keeps_the_old_tables_and_leaves_no_staging(tmp_path, articles, monkeypatch):
    out = tmp_path / "tables"
    build([articles], out)
    before = snapshot(out)

    def disk_full(writer, table):
        raise OSError(errno.ENOSPC, "No space left on device", str(writer.path))

    monkeypatch.setattr(build_module, "_append_row_group", disk_full)
    (articles / "new.txt").write_text((SEEDS / "000_37e1980561b20c4b.txt").read_text(encoding="utf-8") + "\nتحديث",
                                      encoding="utf-8")
    with pytest.raises(BuildError, match="No space left on device"):
        build([articles], out)
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".tables.tmp-*"))


@pytest.fixture
def tiny_disk(tmp_path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_gives_exit_2_and_keeps_the_old_tables(tiny_disk, articles):
    out = tiny_disk / "tables"
    first = run_cli("build", "--input", str(SEEDS), "--out", str(out))
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # leave no room for another table set
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    shutil.copy(SEEDS / "000_37e1980561b20c4b.txt", articles / "copy.txt")
    result = run_cli("build", "--input", str(articles), "--out", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "previous tables are unchanged" in result.stderr
    assert snapshot(out) == before
    assert not list(tiny_disk.glob(".tables.tmp-*"))


def test_mis_shaped_and_swapped_cache_entries_are_recomputed(tmp_path, articles):
    clean = tmp_path / "clean"
    build([articles], clean)
    out = tmp_path / "tables"
    build([articles], out)
    cache = tmp_path / ".tables.cache"
    entries = sorted(cache.glob("*.json"))
    assert len(entries) >= 3
    # the entries of one batch are one pack linked under each name: replace a name, never write through it
    for entry in entries[:3]:
        entry.unlink()
    entries[0].write_text(json.dumps({"article": "not a dict"}), encoding="utf-8")
    build_module._write_cache_pack(cache, [(entries[1].stem, [1, 2, 3])])
    # another article's result under this article's key
    build_module._write_cache_pack(cache, [(entries[2].stem, build_module._cache_entry(entries[3]))])
    report = build([articles], out)
    assert report.n_cached == len(entries) - 3
    for table in ("articles", "incidents", "troops", "mentions"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), pd.read_parquet(clean / f"{table}.parquet"))
    # a pack damaged in place: every article linked to it is extracted again, the tables stay the same
    entries = sorted(cache.glob("*.json"))
    entries[0].write_bytes(b"{}" * 10)
    report = build([articles], out)
    assert report.n_cached < len(entries)
    for table in ("articles", "incidents", "troops", "mentions"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), pd.read_parquet(clean / f"{table}.parquet"))


# ---------------------------------------------------------------- readers see one build

def test_reads_racing_rebuilds_always_see_one_whole_build(tmp_path):
    big, small = tmp_path / "big", tmp_path / "small"
    shutil.copytree(SEEDS, big)
    small.mkdir()
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, small / name)
    out = tmp_path / "tables"
    build([big], out)
    from components.loaders import read_tables

    stop = threading.Event()
    errors: list[BaseException] = []

    def rebuild():
        try:
            for i in range(8):
                build([small if i % 2 == 0 else big], out)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            stop.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    reads = 0
    while not stop.is_set() or reads < 5:
        tables = read_tables(out)
        ids = set(tables["articles"]["article_id"])
        assert len(ids) in (2, 5)
        for name in ("incidents", "troops", "mentions"):
            assert set(tables[name]["article_id"]) <= ids, f"{name} from another build than articles"
        reads += 1
    worker.join()
    assert not errors
    assert reads >= 5


def test_read_files_survives_the_generation_being_removed(tmp_path):
    out = tmp_path / "tables"
    build([SEEDS], out)
    calls = []

    def reader(fh):
        if not calls:  # the first attempt loses its folder mid-read, as when two builds publish in a row
            calls.append(1)
            shutil.rmtree(out)
            build([SEEDS], out)
        return fh.read()

    got = read_files(out, ["articles.parquet", "troops.parquet"], reader)
    assert got["articles.parquet"] == (out / "articles.parquet").read_bytes()
    assert got["troops.parquet"] == (out / "troops.parquet").read_bytes()
