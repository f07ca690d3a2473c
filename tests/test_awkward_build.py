"""The whole build on the awkward corpus: every good article reaches the tables with its figures, every bad
input is reported with its reason, duplicates are counted once, and the build still succeeds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.awkward_corpus import make_awkward_corpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("awkward")
    corpus, out = base / "corpus", base / "out"
    expected = make_awkward_corpus(corpus)
    result = subprocess.run([sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    tables = {p.stem: pd.read_parquet(p) for p in out.glob("*.parquet")}
    return result, tables, expected


def test_build_succeeds_and_lists_what_it_skipped(built):
    result, _tables, expected = built
    assert result.returncode == 0, result.stderr
    for file in expected["rejected"]:
        assert f"  {file}: " in result.stdout


def test_every_good_article_is_in_the_articles_table(built):
    _result, tables, expected = built
    assert set(expected["read"]) <= set(tables["articles"].article_id)


def test_every_bad_input_is_a_reject_row_with_its_reason(built):
    _result, tables, expected = built
    rejects = tables["rejects"].set_index("file")
    for file, (stage, words) in expected["rejected"].items():
        assert rejects.loc[file, "stage"] == stage
        for word in words:
            assert word in rejects.loc[file, "reason"], (file, word)


@pytest.mark.parametrize("article, values", [
    ("cp1256", [2500]),  # Windows-1256 decoded
    ("indic_crlf", [2500, 900]),  # Arabic-Indic digits, CRLF line ends
    ("page", [2500]),  # HTML main content
    ("feed-ok", [2500]),  # JSON Lines record
])
def test_troop_figures_survive_every_format(built, article, values):
    _result, tables, _expected = built
    troops = tables["troops"]
    assert sorted(troops[troops.article_id == article].value) == sorted(values)


def test_html_article_keeps_its_incident_date_and_title(built):
    _result, tables, _expected = built
    inc = tables["incidents"]
    row = inc[inc.article_id == "page"].iloc[0]
    assert (row.place, row.weapon, row.killed, row.wounded) == ("Ain al-Asad", "drone", 0, 0)
    assert row.date == "2024-01-28" and row.date_basis == "published"
    assert tables["articles"].set_index("article_id").loc["page", "title"] == "هجوم بطائرة مسيرة على قاعدة عين الأسد"


def test_a_duplicate_is_marked_and_its_incidents_share_the_originals_keys(built):
    _result, tables, _expected = built
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["dup_b", "duplicate_of"] == "dup_a"
    inc = tables["incidents"]
    a_keys = set(inc[inc.article_id == "dup_a"].event_key)
    assert a_keys and set(inc[inc.article_id == "dup_b"].event_key) == a_keys


def test_a_very_large_file_is_cut_with_a_stated_reason(built):
    _result, tables, _expected = built
    warnings = tables["articles"].set_index("article_id").loc["big", "warnings"]
    assert "cut at" in warnings and "longer than the 2,000,000-character limit" in warnings
