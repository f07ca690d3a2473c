"""Every page through AppTest in both languages: renders, URL filters narrow it, CSV downloads hold exactly the filtered rows."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from components import query
from components.loaders import read_tables
from components.query import Filters
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["overview", "incidents", "troops", "bases", "actors", "articles", "add"]


@pytest.fixture
def downloads(monkeypatch):
    """Every file handed to a download button in the run, by file name."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return files


def csv_rows(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def only(files: dict[str, bytes], prefix: str) -> bytes:
    matching = [name for name in files if name.startswith(prefix)]
    assert matching, (prefix, list(files))
    return files[matching[-1]]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(use_tables, seed_dir, page, lang):
    use_tables(seed_dir)
    at = open_page(page, lang=lang)
    assert at.title, "each page has a title"
    assert at.sidebar.multiselect[0].label == ("الفصيل" if lang == "ar" else "Faction")
    assert at.query_params["lang"] == lang


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_militia_and_year_in_the_url_narrow_the_incident_table_and_its_csv(use_tables, seed_dir, downloads, lang):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    everything = open_page("incidents", lang=lang)
    all_rows = len(everything.dataframe[-1].value)
    downloads.clear()
    at = open_page("incidents", lang=lang, militia="Kataib Hezbollah", year="2024")
    expected = query.filter_incidents(tables["incidents"], Filters(militia=("Kataib Hezbollah",), year=(2024,)))
    assert 0 < len(expected) < len(tables["incidents"])
    assert len(at.dataframe[-1].value) == len(expected) < all_rows
    exported = csv_rows(only(downloads, "rasid_incidents_militia-Kataib-Hezbollah_year-2024_"))
    assert sorted(exported["incident_id"]) == sorted(expected["incident_id"])
    assert {"quote", "article_id", "source"} <= set(exported.columns)
    assert at.query_params["militia"] == "Kataib Hezbollah" and at.query_params["year"] == "2024"


def test_filters_survive_a_page_switch(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", militia="Kataib Hezbollah")
    at.switch_page("app_pages/troops.py").run()
    assert at.sidebar.multiselect[0].value == ["Kataib Hezbollah"]
    assert at.query_params["militia"] == "Kataib Hezbollah" and at.query_params["lang"] == "en"


def test_changing_a_filter_updates_the_url(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("overview", lang="en")
    at.sidebar.multiselect[1].select(2024).run()
    assert at.query_params["year"] == "2024"


def test_unknown_values_in_the_url_are_dropped_with_a_note(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("overview", lang="en", militia=["Nobody Brigade", "Kataib Hezbollah"])
    assert at.sidebar.multiselect[0].value == ["Kataib Hezbollah"]
    assert any("Nobody Brigade" in w.value for w in at.sidebar.warning)
    assert "Nobody Brigade" not in str(at.query_params.get("militia"))


def test_overview_figures_follow_the_filters(use_tables, seed_dir, downloads):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    at = open_page("overview", lang="en", year="2024")
    figures = query.headline(query.filter_incidents(tables["incidents"], Filters(year=(2024,))),
                             query.filter_troops(tables["troops"], Filters(year=(2024,)), tables["places"]))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Incidents"] == f"{figures['incidents']:,}" and metrics["Killed"] == f"{figures['killed']:,}"
    assert len(csv_rows(only(downloads, "rasid_incidents_year-2024_"))) == len(
        query.filter_incidents(tables["incidents"], Filters(year=(2024,))))


def test_troops_csv_holds_the_filtered_figures(use_tables, seed_dir, downloads):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    open_page("troops", lang="ar", year="2020")
    expected = query.filter_troops(tables["troops"], Filters(year=(2020,)), tables["places"])
    assert sorted(csv_rows(only(downloads, "rasid_troops_year-2020_"))["troop_id"]) == sorted(expected["troop_id"])


def test_an_empty_result_says_so_and_offers_to_clear(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", year="2018")
    assert any("Nothing matches" in i.value for i in at.info)
    at.button(key="clear_incidents").click().run()
    assert not at.info and at.sidebar.multiselect[1].value == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_copes_with_empty_tables(use_tables, empty_dir, page):
    use_tables(empty_dir)
    open_page(page, lang="ar")


def test_tables_keep_their_reading_order_in_both_languages(use_tables, seed_dir):
    """Never mirrored: the grid opens scrolled to its left edge in Arabic too, so the columns read first come first."""
    use_tables(seed_dir)
    arabic = open_page("incidents", lang="ar").dataframe[-1].value.columns.tolist()
    english = open_page("incidents", lang="en").dataframe[-1].value.columns.tolist()
    assert arabic == english
    assert arabic[:2] == ["date", "event_type"] and arabic[-1] == "quote"


def test_reader_highlights_every_extraction_and_escapes_hostile_text(use_tables, synth_dir):
    use_tables(synth_dir)
    at = open_page("articles", lang="ar", article="syn_00000", hl="0-10")
    # the app's own scripts (the reader's scroll, same-tab reader links) are the only HTML allowed to run, and hold no text
    scripts = " ".join(str(h.proto.body) for h in at.get("html") if h.proto.unsafe_allow_javascript)
    assert "__pwned" not in scripts
    page_html = " ".join(str(h.proto.body) for h in at.get("html") if not h.proto.unsafe_allow_javascript)
    assert "<script>" not in page_html and "<img src=x" not in page_html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page_html
    assert "x-incident" in page_html and "x-actor" in page_html and "x-focus" in page_html
    assert at.query_params["article"] == "syn_00000"


def test_reader_shows_the_row_of_the_chosen_extraction(use_tables, seed_dir):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    tower = tables["incidents"][tables["incidents"]["place"] == "Tower 22"].iloc[0]
    at = open_page("articles", lang="en", article=tower["article_id"], hl=f"{tower['start']}-{tower['end']}")
    shown = " ".join(frame.value.to_string() for frame in at.dataframe)
    assert "Tower 22" in shown and tower["incident_id"] not in shown  # in words; ids stay in the CSV


def test_unknown_article_in_the_url_is_said_not_crashed(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("articles", lang="en", article="no-such-article")
    assert any("no-such-article" in w.value for w in at.warning)


def test_add_page_lists_skipped_files(use_tables, synth_dir):
    use_tables(synth_dir)
    at = open_page("add", lang="en")
    assert "empty.txt" in at.dataframe[-1].value.to_string()
