"""Analyst review in chromium (issue 11): a row selected in the table, corrected and confirmed from its panel; two browser
sessions reviewing different rows at the same moment, both actions kept."""
from __future__ import annotations

import shutil

import pytest

from preprocess.build import build
from preprocess.review import ReviewStore
from tests.e2e.conftest import ROOT, running_app

GRID = "[data-testid='stDataFrame']"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """The app on the seeds, with a review log of this module's own."""
    base = tmp_path_factory.mktemp("review_e2e")
    shutil.copytree(ROOT / "data" / "raw", base / "raw")
    build([base / "raw"], base / "processed")
    log = base / "review.sqlite"
    with running_app(base / "raw", base / "user", base / "processed", RASID_REVIEW_DB=str(log)) as url:
        yield url, ReviewStore(log)


def open_incidents(page, url: str, lang: str = "en"):
    page.goto(f"{url}/incidents?lang={lang}")
    page.wait_for_selector(f"{GRID} canvas", timeout=30000)
    page.wait_for_timeout(1500)


def sign_in(page, name: str) -> None:
    field = page.get_by_role("textbox", name="Your name (reviewer)")
    field.fill(name)
    field.press("Enter")
    page.wait_for_timeout(800)


def select_row(page, row: int) -> None:
    """Clicks the selection box of the incident table's row `row` (0 = first), as an analyst does."""
    grid = page.locator(GRID).last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * row + 17)
    page.wait_for_timeout(1500)


def test_select_a_row_in_the_table_correct_its_toll_and_see_it_applied(review_server, browser):
    url, store = review_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        open_incidents(page, url)
        sign_in(page, "Lina")
        select_row(page, 4)  # newest first (2024-04-13, 2024-02-07, 2024-01-29 in Iraq and in Syria): 2024-01-28, Tower 22
        picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Row (select it in the table or here)").last
        shown = picker.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
        assert "2024-01-28" in shown  # the table's selection moved the panel's picker
        page.get_by_role("tab", name="Correct").click()
        killed = page.get_by_role("textbox", name="Killed", exact=True)
        killed.fill("4")
        page.locator("textarea[aria-label='Note']").fill("<b>CENTCOM</b> =1+1")
        page.get_by_role("button", name="Save the correction").click()
        page.get_by_text("Saved: correct").wait_for(timeout=20000)
        [action] = store.actions()
        assert action.kind == "correct" and action.after == {"killed": 4} and action.reviewer == "Lina"
        assert action.note == "<b>CENTCOM</b> =1+1"
        # the note shows as text, never as bold markup
        note = page.get_by_text("Reviewer's note:")
        assert "<b>CENTCOM</b>" in note.inner_text() and page.locator("b", has_text="CENTCOM").count() == 0
        page.goto(f"{url}/?lang=en")
        page.get_by_text("incidents in this view are reviewed").wait_for(timeout=20000)
        assert "1 of 8 incidents" in page.get_by_text("incidents in this view are reviewed").inner_text()
        killed_metric = page.locator("[data-testid='stMetric']").filter(has_text="Killed").inner_text()
        assert "7" in killed_metric.split("\n")[-1]  # 3 (2020-03) + 4 (corrected from 3)
    finally:
        context.close()


def test_two_sessions_review_different_rows_at_once_and_both_are_kept(review_server, browser):
    url, store = review_server
    already = len(store.actions())
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    try:
        pages = [c.new_page() for c in contexts]
        for page, name, row in zip(pages, ("Lina", "Omar"), (0, 6)):
            open_incidents(page, url)
            sign_in(page, name)
            select_row(page, row)
        pages[1].get_by_role("tab", name="Reject").click()
        # both submit before either has finished
        pages[0].get_by_role("button", name="Confirm this row as it is").click(no_wait_after=True)
        pages[1].get_by_role("button", name="Reject this row").click(no_wait_after=True)
        pages[0].get_by_text("Saved: confirm").wait_for(timeout=20000)
        pages[1].get_by_text("Saved: reject").wait_for(timeout=20000)
        added = store.actions()[already:]
        assert sorted((a.reviewer, a.kind) for a in added) == [("Lina", "confirm"), ("Omar", "reject")]
        assert len({a.row_key for a in added}) == 2
        # a new session sees both reviews: one rejected row out of the count
        pages[0].goto(f"{url}/?lang=en")
        pages[0].get_by_text("incidents in this view are reviewed").wait_for(timeout=20000)
        assert "Rejected rows are out of the view" in pages[0].locator("[data-testid='stCaptionContainer']").all_inner_texts().__str__()
    finally:
        for context in contexts:
            context.close()
