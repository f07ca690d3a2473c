"""Issue 9 in Debian's chromium at 1400x900: a table row's link opens the reader in the same tab with the view kept and its
sentence in the viewport; the Arabic /add page after a bad upload has no English word; screenshots of the reader, /add and
/method in both languages (tests/artifacts/)."""
from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urlparse

import pytest

from preprocess.build import build
from tests.e2e.conftest import ROOT, running_app

WIDTH, HEIGHT = 1400, 900
MILITIA = "Kataib Hezbollah"
EVALUATION = {
    "measured_at": "2026-03-04T05:06:07+00:00", "commit": "abc1234", "dirty": False, "mode": "strict",
    "sets": {"devset2": {
        "n_articles": 10,
        "categories": {"troops": {"precision": 0.9333, "recall": 0.875, "f1": 0.9032, "tp": 14, "fp": 1, "fn": 2},
                       "incidents": {"precision": 0.7212, "recall": 0.6547, "f1": 0.6863, "tp": 36, "fp": 14, "fn": 19}},
        "agreement": {"incident.weapon": {"agree": 29, "total": 36, "rate": 0.8056}}}},
}
# Visible text on the page (not icon ligatures, not screen-reader-only helpers), plus the grid's own cell texts
VISIBLE_TEXT = """() => {
  const root = document.querySelector("[data-testid='stMain']");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || element.closest("[data-testid='stIconMaterial'], style, script, [role='grid']")) continue;
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
    out.push(node.textContent);
  }
  root.querySelectorAll("[role='gridcell'], [role='columnheader']").forEach((cell) => out.push(cell.textContent));
  return out.join(" \\n ");
}"""


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """The seeds in a table set that takes uploads (a refused upload changes nothing), and a small evaluation file."""
    base = tmp_path_factory.mktemp("url_reader")
    raw, user, data = base / "raw", base / "user", base / "processed"
    shutil.copytree(ROOT / "data" / "raw", raw)
    user.mkdir()
    build([raw, user], data)
    evaluation = base / "latest.json"
    evaluation.write_text(json.dumps(EVALUATION), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RASID_EVAL", str(evaluation))
        with running_app(raw, user, data) as url:
            yield url, base


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=30000)


def find_link(page, grid) -> tuple[float, float]:
    """Where the first row's link to the reader is: hovering a link turns the pointer into a hand (the grid is a canvas)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    y = box["y"] + 35 + 17  # the middle of the first row under the header
    for _ in range(8):
        # from 40 px in: a table of reviewed rows starts with its row-selection boxes, whose pointer is not a link's
        for x in range(int(box["x"]) + 40, int(box["x"] + box["width"]) - 4, 6):
            page.mouse.move(x, y)
            if page.evaluate("([x, y]) => getComputedStyle(document.elementFromPoint(x, y)).cursor", [x, y]) == "pointer":
                return x, y
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.wheel(300, 0)  # the link column may lie beyond the grid's right edge
        page.wait_for_timeout(300)
    pytest.fail("no link to the reader in the table's first row")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.evaluate("window.location.href")).query)


# (each table's link in one language and the incidents' in both: the suite's time goes to the browser, and the
# language changes nothing in how a link is followed once one page has shown it in each)
@pytest.mark.parametrize("lang, path, table, wanted", [
    ("ar", "incidents", -1, {"militia": [MILITIA], "from": ["2024-01"]}),
    ("en", "incidents", -1, {"militia": [MILITIA], "from": ["2024-01"]}),
    ("ar", "incidents", 0, {"from": ["2023-12"]}),
    ("en", "troops", -1, {"from": ["2020-01"], "to": ["2024-12"]})],
    ids=["incidents-ar", "incidents-en", "tallies-ar", "troops-en"])
def test_a_row_link_opens_the_reader_in_this_tab_with_the_view_and_its_sentence_in_sight(own_server, tab, artifacts, lang, path,
                                                                                          table, wanted):
    url, _ = own_server
    params = "&".join(f"{key}={value.replace(' ', '%20')}" for key, values in wanted.items() for value in values)
    open_app(tab, f"{url}/{path}?lang={lang}&{params}")
    tab.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=30000)
    tab.wait_for_timeout(1000)
    session = tab.evaluate("performance.getEntriesByType('navigation').length")
    tab.mouse.click(*find_link(tab, tab.locator("[data-testid='stDataFrame']").nth(table)))
    tab.wait_for_function("window.location.pathname.endsWith('/articles') && document.querySelector('.reader .x-focus')",
                          timeout=30000)
    tab.wait_for_timeout(1500)  # the reader scrolls its sentence into view once drawn
    assert len(tab.context.pages) == 1, "the reader opened in another tab"
    assert tab.evaluate("performance.getEntriesByType('navigation').length") == session  # no reload: the same session
    shown = query(tab)
    assert shown["lang"] == [lang] and shown["article"] and shown["at"][0].isdigit()
    assert all(shown.get(key) == values for key, values in wanted.items()), shown
    focus = tab.locator(".reader .x-focus").first
    box = focus.bounding_box()
    assert box and box["height"] > 0 and 0 <= box["y"] and box["y"] + box["height"] <= HEIGHT, box
    start = int(tab.locator(".reader").first.get_attribute("data-focus"))
    assert start <= int(shown["at"][0])
    tab.screenshot(path=str(artifacts / f"reader_link_{path}_{['tallies', 'rows'][table]}_{lang}.png"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_reader_outlines_the_sentence_of_a_pasted_link(own_server, tab, artifacts, lang):
    url, base = own_server
    from components.loaders import read_tables

    incidents = read_tables(base / "processed")["incidents"]
    incident = incidents.sort_values("start").iloc[-1]
    open_app(tab, f"{url}/articles?lang={lang}&article={incident['article_id']}&at={int(incident['start'])}")
    tab.wait_for_selector(".reader .x-focus", timeout=30000)
    tab.wait_for_timeout(1500)
    box = tab.locator(".reader .x-focus").first.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= HEIGHT, box
    tab.screenshot(path=str(artifacts / f"reader_{lang}.png"))
    assert tab.locator(".reader sup.slot-tag").count() > 0 and tab.locator(".reader-legend mark").count() > 3


ENGLISH_TEXT = b"A plain English text about the weather, long enough to count its letters."
SEED_ID = "001_462258a12eb261c0"
ATTACK = "استهدف هجوم بطائرة مسيّرة قاعدة عين الأسد في غربي العراق يوم 5 يناير/كانون الثاني 2024، وتبنت كتائب حزب الله العملية.\n"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_add_page_after_a_bad_upload_speaks_the_page_s_language(own_server, tab, artifacts, lang):
    url, base = own_server
    bad = base / f"bad_{lang}"
    bad.mkdir(exist_ok=True)
    (bad / "weather.txt").write_bytes(ENGLISH_TEXT)
    (bad / "blank.txt").write_bytes(b"  \n")
    (bad / f"{SEED_ID}.txt").write_text(ATTACK, encoding="utf-8")  # named like a bundled article: its path is in the reason
    open_app(tab, f"{url}/add?lang={lang}")
    tab.screenshot(path=str(artifacts / f"add_before_upload_{lang}.png"))
    tab.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(bad / "weather.txt"), str(bad / "blank.txt"), str(bad / f"{SEED_ID}.txt")])
    button = "إضافة وإعادة البناء" if lang == "ar" else "Add and rebuild"
    tab.wait_for_function(f"[...document.querySelectorAll('button')].some(b => b.innerText.includes('{button}') && !b.disabled)",
                          timeout=30000)
    tab.get_by_role("button", name=button).click()
    tab.wait_for_selector("table.upload-status", timeout=30000)
    tab.wait_for_timeout(1000)
    tab.screenshot(path=str(artifacts / f"add_{lang}.png"))
    text = tab.evaluate(VISIBLE_TEXT)
    assert ("مرفوض" if lang == "ar" else "refused") in text
    if lang == "ar":
        for name in (f"raw/{SEED_ID}.txt", f"{SEED_ID}.txt", SEED_ID, "weather.txt", "blank.txt", str(base / "processed")):
            text = text.replace(name, " ")
        words = set(re.findall(r"[A-Za-z]{2,}", text)) - {"txt", "html", "htm", "jsonl", "zip"}
        assert words == set(), text
    assert not (base / "user" / "weather.txt").exists()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_method_page_shows_the_measured_figures(own_server, tab, artifacts, lang):
    url, _ = own_server
    open_app(tab, f"{url}/method?lang={lang}")
    tab.wait_for_selector("[data-testid='stTable']", timeout=30000)
    tab.screenshot(path=str(artifacts / f"method_{lang}.png"))
    text = tab.locator("[data-testid='stMain']").inner_text()
    assert "68.6%" in text and "2026-03-04 05:06" in text and "abc1234" in text
    tab.locator("[data-testid='stExpander']").last.click()
    tab.locator("[data-testid='stExpander']").last.scroll_into_view_if_needed()
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(artifacts / f"method_tables_{lang}.png"))
