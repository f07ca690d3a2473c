"""Issue 10 in chromium: markdown in the link, a title or a group name shows as text and fetches nothing; bidi overrides go."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from bench.synth_tables import write_tables
from tests.e2e.conftest import running_app
from tests.test_exposure import BIDI, COLOUR_PAYLOAD, HOSTILE_GROUP, HOSTILE_ID, IMAGE_PAYLOAD, hostile_tables

MAIN = "[data-testid='stMainBlockContainer']"
TRAP = "127.0.0.1:9/"  # the discard port: any request there came from a payload


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app on synthetic tables holding the hostile id, title and group name (a table set of its own: never rebuilt)."""
    base = tmp_path_factory.mktemp("exposure")
    data = write_tables(base / "processed", hostile_tables())
    with running_app(base / "no-raw", base / "user", data) as url:
        yield url


@pytest.fixture
def requests(page):
    """Every address the page asks for."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def open_and_wait_for(page, url: str, text: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{MAIN} h1", timeout=30000)
    page.wait_for_function("text => document.body.innerText.includes(text)", arg=text, timeout=30000)
    page.wait_for_timeout(1500)  # time for an image the page should not hold to be fetched


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name, payload", [("image", IMAGE_PAYLOAD), ("colour", COLOUR_PAYLOAD)])
def test_markdown_in_the_article_link_is_text_and_fetches_nothing(hostile_server, page, requests, artifacts, lang, name, payload):
    open_and_wait_for(page, f"{hostile_server}/articles?lang={lang}&article={quote(payload)}", payload)
    page.screenshot(path=str(artifacts / f"exposure_{name}_payload_{lang}.png"), full_page=True)
    assert not [url for url in requests if TRAP in url]
    assert page.locator(f"{MAIN} [data-testid='stAlertContainer']", has_text=payload).count() == 1
    assert page.locator(f"{MAIN} img, a[href*='127.0.0.1:9/']").count() == 0


def test_an_id_with_a_bidi_override_shows_without_it(hostile_server, page, requests, artifacts):
    open_and_wait_for(page, f"{hostile_server}/articles?lang=ar&article={quote(HOSTILE_ID)}", "syn_cod.exe")
    page.screenshot(path=str(artifacts / "exposure_bidi_id_ar.png"), full_page=True)
    chosen = page.locator(f"{MAIN} [data-testid='stSelectbox'] input").first.input_value()
    main = page.locator(MAIN).inner_text() + chosen
    assert not BIDI.search(main), [hex(ord(c)) for c in BIDI.findall(main)]
    assert chosen.startswith(COLOUR_PAYLOAD) and "syn_cod.exe" in main  # the picker names it by title; the id is under it
    assert COLOUR_PAYLOAD in page.locator(f"{MAIN} h3").first.inner_text()  # the title's markdown, as text
    assert not [url for url in requests if TRAP in url]


def test_a_group_name_with_a_link_is_text_in_the_chart_legend_and_the_filter(hostile_server, page, requests, artifacts):
    page.goto(f"{hostile_server}/incidents?lang=en&militia={quote(HOSTILE_GROUP)}")
    page.wait_for_selector(".js-plotly-plot .legend", timeout=30000)
    page.screenshot(path=str(artifacts / "exposure_legend_en.png"), full_page=True)
    assert page.locator(".js-plotly-plot .legend a, a[href*='127.0.0.1:9/']").count() == 0
    assert HOSTILE_GROUP in page.locator(".js-plotly-plot .legend").first.text_content()
    assert HOSTILE_GROUP in page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()
    assert not [url for url in requests if TRAP in url]
