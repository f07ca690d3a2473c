"""The app opens table sets; it never builds into a folder that is not one, nor from folders its manifest does not name."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from preprocess.build import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_app(monkeypatch, lang="en", **env) -> AppTest:
    for key in ("RASID_DATA", "RASID_RAW", "RASID_USER", "RASID_READONLY"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def test_rasid_data_on_a_folder_of_articles_builds_nothing_and_keeps_every_file(monkeypatch, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    before = snapshot(tmp_path)
    at = run_app(monkeypatch, RASID_DATA=articles)
    assert "is not a Rasid table set" in warnings(at)
    assert snapshot(tmp_path) == before


def test_rasid_user_alone_never_rebuilds_an_opened_corpus_from_the_seeds(monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for path in sorted(corpus.glob("*.txt"))[:2]:  # a corpus that is not the seeds
        shutil.copy(path, corpus / f"extra_{path.name}")
    tables = tmp_path / "tables"
    build([corpus], tables)
    (corpus / "late.txt").write_text((SEEDS / "001_462258a12eb261c0.txt").read_text(encoding="utf-8") + "\nإضافة",
                                     encoding="utf-8")  # the set is now stale
    before = snapshot(tables)
    at = run_app(monkeypatch, RASID_DATA=tables, RASID_USER=tmp_path / "uploads")
    text = warnings(at)
    assert "RASID_USER" in text and str(corpus) in text
    assert snapshot(tables) == before
    assert not (tmp_path / "uploads").exists()


def test_a_stale_set_is_rebuilt_from_its_own_absolute_folders_whatever_the_working_folder(monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    tables = tmp_path / "tables"
    build([corpus], tables)
    (corpus / "late.txt").write_text((SEEDS / "001_462258a12eb261c0.txt").read_text(encoding="utf-8") + "\nإضافة",
                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run_app(monkeypatch, RASID_DATA=tables)
    manifest = json.loads((tables / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["row_counts"]["articles"] == 6
    assert manifest["input_dirs"] == [str(corpus)]


def test_a_set_whose_manifest_names_relative_folders_is_not_rebuilt(monkeypatch, tmp_path):
    tables = tmp_path / "tables"
    build([SEEDS], tables)
    manifest = json.loads((tables / "manifest.json").read_text(encoding="utf-8"))
    manifest["input_dirs"] = ["raw"]
    manifest["inputs"] = {}  # stale on purpose
    (tables / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = snapshot(tables)
    at = run_app(monkeypatch, RASID_DATA=tables)
    assert "relative folders" in warnings(at)
    assert snapshot(tables) == before


def test_the_warning_is_in_arabic_in_the_arabic_ui(monkeypatch, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    at = run_app(monkeypatch, lang="ar", RASID_DATA=articles)
    assert "ليس مجموعة جداول لراصد" in warnings(at)


def test_a_read_only_dashboard_never_rebuilds(monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    tables = tmp_path / "tables"
    build([corpus], tables)
    (corpus / "late.txt").write_text((SEEDS / "001_462258a12eb261c0.txt").read_text(encoding="utf-8") + "\nإضافة",
                                     encoding="utf-8")  # stale: an ordinary dashboard would rebuild
    before = snapshot(tables)
    run_app(monkeypatch, RASID_DATA=tables, RASID_READONLY="1")
    assert snapshot(tables) == before
