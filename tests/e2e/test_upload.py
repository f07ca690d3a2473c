"""Issue 4 end to end: an analyst uploads two articles on the add page and sees them counted on the overview."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from preprocess.build import build
from tests.e2e.conftest import ROOT, running_app

UPLOADS = [ROOT / "tests" / "articles" / "afp_harir_drone.txt", ROOT / "tests" / "articles" / "reuters_omar_rockets.txt"]


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of its own: uploading changes the corpus, which the other browser tests must not see."""
    base = tmp_path_factory.mktemp("upload")
    raw, user, data = base / "raw", base / "user", base / "processed"
    shutil.copytree(ROOT / "data" / "raw", raw)
    build([raw, user], data)
    with running_app(raw, user, data) as url:
        yield url, raw, user


def metric(page, label: str) -> int:
    card = page.locator("[data-testid='stMetric']", has_text=label).first
    return int(card.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))


def test_uploaded_articles_are_saved_beside_the_seeds_and_counted(own_server, page, artifacts):
    url, raw, user = own_server
    page.goto(f"{url}/?lang=en")
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=30000)
    incidents_before = metric(page, "Incidents")

    page.goto(f"{url}/add?lang=en")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files([str(p) for p in UPLOADS])
    add = page.get_by_role("button", name="Add and rebuild")
    page.wait_for_function("[...document.querySelectorAll('button')].some(b => b.innerText.includes('Add and rebuild') && !b.disabled)",
                           timeout=30000)
    add.click()
    page.wait_for_selector("[data-testid='stMetricValue'], table.upload-status", timeout=60000)
    page.wait_for_function("document.body.innerText.includes('afp_harir_drone')", timeout=60000)
    page.screenshot(path=str(artifacts / "add_after_upload_en.png"), full_page=True)

    assert sorted(p.name for p in user.iterdir() if not p.name.startswith(".")) == sorted(p.name for p in UPLOADS)
    assert not (raw / UPLOADS[0].name).exists()  # the bundled corpus is never written to

    page.goto(f"{url}/?lang=en")
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=30000)
    assert metric(page, "Incidents") == incidents_before + 2  # one attack in each uploaded article
    assert Path(user / UPLOADS[0].name).read_bytes() == UPLOADS[0].read_bytes()
