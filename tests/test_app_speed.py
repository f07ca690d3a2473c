"""The shortcuts of issue 12's speed work give what the plain pandas operations they replace give (the speed itself is
measured by bench/bench_app.py, never asserted here)."""
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from bench.synth_tables import make_scale_tables, make_tables
from components import charts, query
from components.loaders import conform
from components.query import Filters, TableIndex


@pytest.fixture(scope="module", params=["rows", "scale"])
def tables(request):
    raw = make_tables(25, seed=2) if request.param == "rows" else make_scale_tables(3000, seed=4)
    return {name: conform(name, frame) for name, frame in raw.items()}


def test_memos_answer_each_mask_as_a_fresh_index_does(tables):
    """The events of the last few masks and the tallies' counts per mask are kept: asking in turn for several masks, and
    again, gives what a fresh index gives for each."""
    index = TableIndex(tables)
    tallies = tables["attack_counts"]
    masks = [index.mask(f) for f in (Filters(), Filters(year=(2024,)), Filters(militia=("Kataib Hezbollah",)),
                                     Filters(weapon=("drone",)), Filters())]
    for mask in masks + masks[::-1]:
        fresh = TableIndex(tables)
        assert index.headline(mask, tables["troops"]) == fresh.headline(mask, tables["troops"])
        assert_frame_equal(index.latest(mask), fresh.latest(mask))
        assert_frame_equal(index.reported_vs_counted(tallies, mask), fresh.reported_vs_counted(tallies, mask))
        assert_frame_equal(index.actor_summary(mask), query.actor_summary(tables, index.rows(mask)))


def test_latest_takes_every_report_of_the_newest_events(tables):
    index = TableIndex(tables)
    for n in (0, 1, 3, 10, 10**6):
        mask = index.mask(Filters())
        assert_frame_equal(index.latest(mask, n).reset_index(drop=True),
                           query.latest_incidents(tables["incidents"], n).reset_index(drop=True))


def test_an_articles_rows_are_its_rows_in_table_order(tables):
    index = TableIndex(tables)
    ids = list(tables["articles"]["article_id"])
    assert list(index.article_positions(ids[::-1] + ["no-such-article"])) == list(range(len(ids)))[::-1] + [-1]
    for name in ("incidents", "incident_sources", "mentions"):
        frame = tables[name]
        for article_id in ids[:: max(1, len(ids) // 15)] + ["no-such-article"]:
            expected = np.flatnonzero((frame["article_id"] == article_id).to_numpy(dtype=bool))
            assert list(index.article_rows(name, article_id)) == list(expected), (name, article_id)


def test_an_article_missing_from_the_articles_table_still_finds_its_rows(tables):
    """A row naming an article the articles table lacks is found the slow way, as the frame comparison finds it."""
    incidents = tables["incidents"].copy()
    incidents.loc[incidents.index[:2], "article_id"] = "orphan"
    index = TableIndex({**tables, "incidents": incidents})
    assert list(index.article_rows("incidents", "orphan")) == [0, 1]


def test_troop_table_order_is_the_sorted_frames(tables):
    troops = tables["troops"]
    for part in (troops, troops.iloc[::3], troops.iloc[:0], troops.assign(date=troops["date"].where(troops.index % 4 != 0, ""))):
        expected = part.assign(_undated=part["date"] == "").sort_values(["_undated", "date", "troop_id"]).drop(columns="_undated")
        assert_frame_equal(part.iloc[query.undated_last(part)], expected)


@pytest.mark.parametrize("values", [["2024-01-28", "", "2024-01", "2023", "2024-01-28", "bad", ""], [], [""]])
def test_dates_parsed_once_each_are_the_dates_parsed_one_by_one(values):
    troops = pd.DataFrame({"date": pd.Series(values, dtype="str", index=range(3, 3 + len(values)))})
    expected = pd.to_datetime(troops["date"].where(troops["date"] != ""), format="mixed", errors="coerce")
    assert_series_equal(query.troop_dates(troops), expected)
    periods = pd.Series([v for v in values if v], dtype="string")
    assert_series_equal(charts.period_starts(periods),
                        pd.to_datetime(pd.Series(periods).astype(str), format="mixed", errors="coerce"))


def test_with_sources_joins_the_articles_columns_only(tables):
    rows = tables["incidents"].iloc[::5]
    joined = query.with_sources(rows, tables["articles"])
    meta = tables["articles"].set_index("article_id")
    assert list(joined.columns) == list(rows.columns) + ["source", "title", "published"]
    assert list(joined["title"]) == [meta.at[a, "title"] for a in rows["article_id"]]
    assert joined.index.equals(rows.index)


def test_an_event_counts_once_for_an_actor_that_carried_it_out_and_claimed_it(tables):
    incidents = tables["incidents"].copy()
    name = tables["actors"]["name_en"].iloc[0]
    incidents.loc[incidents.index[:5], ["perpetrator", "claimed_by"]] = name
    incidents.loc[incidents.index[5:8], "claimed_by"] = f"{name}; {name}"
    changed = {**tables, "incidents": incidents}
    index = TableIndex(changed)
    for filters in (Filters(), Filters(year=(2024,))):
        mask = index.mask(filters)
        assert_frame_equal(index.actor_summary(mask), query.actor_summary(changed, index.rows(mask)))


def _place_pairs(index):
    positions, codes, names = index.incident_places()
    return sorted(zip(positions.tolist(), names[codes].tolist()))


def _frame_place_pairs(tables):
    pairs = query.incident_places(tables)
    at = pd.Index(tables["incidents"]["incident_id"]).get_indexer(pairs["incident_id"])
    return sorted(zip(at.tolist(), pairs["place"].tolist()))


def test_incident_places_over_codes_are_the_frames(tables):
    index = TableIndex(tables)
    assert _place_pairs(index) == _frame_place_pairs(tables)
    positions, codes, names = index.incident_places()
    assert list(names) == sorted(set(names)) and (np.diff(positions) >= 0).all()


def test_incident_places_with_missing_offsets_orphans_and_two_countries(tables):
    """Missing offsets meet missing ones (as a pandas merge joins them), sources of an unknown incident and mentions of an
    unknown place are left out, and a place in one of two stated countries is kept."""
    sources, mentions, incidents = (tables[n].copy() for n in ("incident_sources", "mentions", "incidents"))
    sources.loc[sources.index[:4], "start"] = pd.NA
    mentions.loc[mentions.index[:40:3], "sentence_start"] = pd.NA
    sources.loc[sources.index[4:6], "incident_id"] = "no-such-incident"
    mentions.loc[mentions.index[1:30:4], "entity_id"] = "no-such-place"
    incidents.loc[incidents.index[::6], "country"] = "Iraq; Syria"
    changed = {**tables, "incident_sources": sources, "mentions": mentions, "incidents": incidents}
    assert _place_pairs(TableIndex(changed)) == _frame_place_pairs(changed)


def test_actor_mentions_and_articles_per_entity_over_codes_are_the_frames(tables):
    """Undated and oddly dated articles, and mentions of an article the table lacks, counted as the frame functions count
    them; every entity's articles as articles_mentioning finds them."""
    articles, mentions = tables["articles"].copy(), tables["mentions"].copy()
    articles.loc[articles.index[::4], "published"] = ""
    articles.loc[articles.index[1::9], "published"] = "abcd-01"
    mentions.loc[mentions.index[::11], "article_id"] = "no-such-article"
    changed = {**tables, "articles": articles, "mentions": mentions}
    index = TableIndex(changed)
    every = list(changed["actors"]["actor_id"])
    for ids in (every, every[:1], every[2:5], ["no-such-actor"]):
        assert_frame_equal(index.mentions_per_year(ids), query.mentions_per_year(changed, ids))
        assert index.undated_mentions(ids) == query.undated_mentions(changed, ids)
    for entity in every + list(changed["places"]["place_id"]):
        mask = index.article_mask(Filters(), entity_ids=[entity])
        assert list(articles["article_id"][mask]) == list(query.articles_mentioning(changed, [entity])["article_id"])


def test_a_month_range_counts_what_the_narrowed_frames_count(use_tables, synth_dir):
    """The narrowed incidents are kept as their ids only (components.state.narrowed): the overview still counts the
    incidents of the range, as the frame functions count them over the tables narrowed whole."""
    from components.loaders import read_tables
    from components.period import MonthRange, narrow
    from tests.conftest import open_page

    use_tables(synth_dir)
    tables = read_tables(synth_dir)
    months = sorted({d[:7] for d in tables["incidents"]["date"] if len(d) >= 7})
    start, end = months[len(months) // 4], months[3 * len(months) // 4]
    narrowed = narrow(tables, MonthRange(start, end))
    figures = query.headline(query.filter_incidents(narrowed["incidents"], Filters()),
                             query.filter_troops(narrowed["troops"], Filters(), narrowed["places"]))
    at = open_page("overview", lang="en", **{"from": start, "to": end})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Incidents"] == f"{figures['incidents']:,}" and metrics["Killed"] == f"{figures['killed']:,}"
    assert 0 < figures["incidents"] < len(query.events(tables["incidents"]))
    for page in ("incidents", "troops", "bases", "actors", "articles"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]


def test_troops_page_reuses_its_figures_for_a_faction_and_redoes_them_for_a_year(use_tables, synth_dir):
    """view.remembered: a faction (which troop figures do not depend on) gives the same chart and table as before; a year
    or the language gives the chart a fresh session draws."""
    from components.loaders import read_tables
    from components.state import widget_key
    from tests.conftest import open_page

    use_tables(synth_dir)
    tables = read_tables(synth_dir)
    at = open_page("troops", lang="en")
    chart, table = at.get("plotly_chart")[0].proto.spec, at.dataframe[0].value
    militia = sorted(set(query.filter_options(tables).militia))[0]
    at.multiselect(key=widget_key("militia")).set_value([militia]).run()
    assert at.multiselect(key=widget_key("militia")).value == [militia]
    assert at.get("plotly_chart")[0].proto.spec == chart
    assert_frame_equal(at.dataframe[0].value.drop(columns="link"), table.drop(columns="link"))
    year = sorted({int(y) for y in tables["troops"]["year"].dropna()})[-1]
    at.multiselect(key=widget_key("year")).set_value([year]).run()
    fresh = open_page("troops", lang="en", year=str(year))
    assert at.get("plotly_chart")[0].proto.spec == fresh.get("plotly_chart")[0].proto.spec != chart
    expected = query.filter_troops(tables["troops"], Filters(year=(year,)), tables["places"])
    assert len(at.dataframe[0].value) == min(len(expected), query.TABLE_ROWS)
    at.radio(key="lang").set_value("ar").run()
    assert at.get("plotly_chart")[0].proto.spec == open_page("troops", lang="ar", year=str(year)).get("plotly_chart")[0].proto.spec


def test_the_tallies_csv_kept_under_a_faction_is_the_one_a_fresh_page_makes(use_tables, synth_dir, monkeypatch):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from components.state import widget_key
    from tests.conftest import open_page

    files: list[tuple[str, bytes]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files.append((filename, path_or_data))
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    use_tables(synth_dir)
    at = open_page("incidents", lang="en")
    militia = sorted(query.filter_options(__import__("components.loaders").loaders.read_tables(synth_dir)).militia)[0]
    at.multiselect(key=widget_key("militia")).set_value([militia]).run()
    kept = [data for name, data in files if name.startswith("rasid_attack-counts_militia-")]
    files.clear()
    open_page("incidents", lang="en", militia=militia)
    fresh = [data for name, data in files if name.startswith("rasid_attack-counts_militia-")]
    assert kept and kept[-1] == fresh[-1]
