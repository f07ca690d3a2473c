"""Shared fixtures: for the app tests, table sets (seed build, synthetic, empty) and an app environment pointing at them;
for the extraction tests, `extract` (one article's text and publication date through the extractor)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synth_tables import empty_tables, make_tables, write_tables  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402


@pytest.fixture(scope="session")
def extract():
    """extract(text, published="") -> the article's extraction, with the project's gazetteer and cues (a test
    module may define its own `extract` with more arguments, as tests/test_events.py does)."""
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    cues = load_cues(ROOT / "data" / "resources")

    def run(text: str, published: str = ""):
        return extract_article("t", text, published, gazetteer, cues)

    return run


def open_page(page: str, **params) -> AppTest:
    """Run the app with these URL parameters, then switch to `page` (app_pages/<page>.py); no exception allowed."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def build_seed_tables(out: Path) -> Path:
    """The five bundled articles through the real build."""
    from preprocess.build import build

    build([ROOT / "data" / "raw"], out)
    return out


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    return build_seed_tables(tmp_path_factory.mktemp("seed") / "processed")


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory) -> Path:
    """A synthetic set with a hostile first article (script tags and a formula in its title)."""
    return write_tables(tmp_path_factory.mktemp("synth") / "processed", make_tables(60, seed=3, hostile=True))


@pytest.fixture(scope="session")
def empty_dir(tmp_path_factory) -> Path:
    return write_tables(tmp_path_factory.mktemp("empty") / "processed", empty_tables())


def app_env(data: Path, raw: Path | None, user: Path) -> dict[str, str]:
    """Environment for the app: its tables; the folders it rebuilds from are the table set's own (manifest)."""
    env = {"RASID_DATA": str(data)}
    if raw is not None:
        env.update(RASID_RAW=str(raw), RASID_USER=str(user))
    return env


@pytest.fixture
def use_tables(monkeypatch, tmp_path):
    """use_tables(dir, raw=None) points the app at a table set for this test."""

    def point(data: Path, raw: Path | None = None) -> Path:
        for key in ("RASID_DATA", "RASID_RAW", "RASID_USER", "RASID_READONLY"):
            monkeypatch.delenv(key, raising=False)
        for key, value in app_env(data, raw, tmp_path / "user").items():
            monkeypatch.setenv(key, value)
        return data

    return point


@pytest.fixture(scope="session", autouse=True)
def _own_table_cache(tmp_path_factory):
    """The mapped copies of the tables the tests read (components.mapped) go to the session's temporary folder."""
    import os

    before = os.environ.get("RASID_TABLE_CACHE")
    os.environ["RASID_TABLE_CACHE"] = str(tmp_path_factory.mktemp("table-cache"))
    yield
    if before is None:
        os.environ.pop("RASID_TABLE_CACHE", None)
    else:
        os.environ["RASID_TABLE_CACHE"] = before


@pytest.fixture(autouse=True)
def _own_review_log(monkeypatch, tmp_path):
    """Each test writes reviews to a log of its own, never to the repository's data/review.sqlite."""
    monkeypatch.setenv("RASID_REVIEW_DB", str(tmp_path / "review.sqlite"))
    monkeypatch.delenv("RASID_REVIEW_TOKEN", raising=False)


@pytest.fixture(autouse=True)
def _clean_streamlit_caches():
    """Each test reads its own table set: the process-wide cache must not leak between them."""
    yield
    from components.loaders import _cached_reviewed_set, _cached_table_set

    _cached_table_set.clear()
    _cached_reviewed_set.clear()


@pytest.fixture(autouse=True)
def _keep_main_module():
    """AppTest runs a page script as `__main__` and can leave it there; worker processes started later (the
    build's pool uses forkserver/spawn) would import that script again as their main module and fail. Put the
    real one back after every test."""
    import sys

    main = sys.modules.get("__main__")
    yield
    if main is not None and sys.modules.get("__main__") is not main:
        sys.modules["__main__"] = main
