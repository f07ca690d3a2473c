"""Browser fixtures: tables built from the seeds plus a hostile article, `streamlit run` on a free port, Debian's chromium."""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from bench.app_server import CHROMIUM, CHROMIUM_ARGS, ServerDidNotStart, streamlit_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE_ID = "900_hostile"
HOSTILE_TITLE = "<script>window.__pwned=1</script> هجوم على قاعدة عين الأسد"
HOSTILE_TEXT = (
    "استهدف هجوم بطائرة مسيّرة قاعدة عين الأسد في غربي العراق يوم 5 يناير/كانون الثاني 2024، وتبنت كتائب حزب الله العملية.\n"
    '<img src=x onerror="window.__pwned=1"> وقال مسؤول عراقي إن الحكومة تسعى إلى منع التصعيد <script>window.__pwned=1</script>.\n'
    "ودعت وزارة الخارجية العراقية إلى ضبط النفس واحترام سيادة البلاد، فيما لم يصدر تعليق من السفارة الأميركية في بغداد.\n"
)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """The five seeds and a hostile article, with its title in metadata.csv."""
    raw = tmp_path_factory.mktemp("e2e") / "raw"
    raw.mkdir()
    for path in (ROOT / "data" / "raw").iterdir():
        shutil.copy(path, raw / path.name)
    (raw / f"{HOSTILE_ID}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    metadata = (raw / "metadata.csv").read_text(encoding="utf-8").rstrip("\n")
    title = HOSTILE_TITLE.replace('"', '""')
    (raw / "metadata.csv").write_text(metadata + f'\n{HOSTILE_ID},"{title}",Test Wire,,2024-01-06\n', encoding="utf-8")
    return raw


@contextlib.contextmanager
def running_app(raw: Path, user: Path, data: Path, **extra_env: str):
    """`streamlit run app.py` on a free port against tables in `data`; yields the base URL, then stops it. The review log
    is $RASID_REVIEW_DB (each test's own, tests/conftest.py) unless `extra_env` names one."""
    env = {**os.environ, "RASID_DATA": str(data), "RASID_RAW": str(raw), "RASID_USER": str(user), **extra_env}
    try:
        with streamlit_server(env, data.parent) as (base, _process):
            yield base
    except ServerDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def server(corpus):
    """The app on tables built from the seeds and the hostile article."""
    from preprocess.build import build

    data = corpus.parent / "processed"
    build([corpus, corpus.parent / "user"], data)
    with running_app(corpus, corpus.parent / "user", data) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium; a missing browser fails the tests (CI installs it), it never skips them."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def context(browser):
    """One context for the session so the app's scripts come from the browser cache after the first page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
