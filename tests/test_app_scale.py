"""query.TableIndex gives exactly what the frame functions give, on small frames (speed is measured by bench/bench_app.py)."""
import io
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from bench.synth_tables import make_scale_tables, make_tables
from components import export, query
from components.loaders import conform
from components.query import Filters, TableIndex
from preprocess.schemas import columns


def _conformed(tables):
    out = {name: conform(name, frame) for name, frame in tables.items()}
    if "review_state" in tables["incidents"]:
        out["incidents"]["review_state"] = tables["incidents"]["review_state"].astype(str).to_numpy()
    return out


@pytest.fixture(scope="module", params=["rows", "scale"])
def tables(request):
    return _conformed(make_tables(25, seed=2) if request.param == "rows" else make_scale_tables(3000, seed=4))


FILTERS = [Filters(), Filters(militia=("Kataib Hezbollah",)), Filters(year=(2024,)), Filters(year=(2019, 2023)),
           Filters(country=("Syria",)), Filters(place=("Ain al-Asad", "Baghdad")), Filters(weapon=("drone",), event_type=("attack",)),
           Filters(militia=("Harakat al-Nujaba", "Kataib al-Imam Ali"), year=(2024,))]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: str(f.items()))
def test_index_answers_as_the_frame_functions(tables, filters):
    index = TableIndex(tables)
    rows = query.incidents_for(tables, filters)
    mask = index.mask(filters)
    assert list(index.rows(mask)["incident_id"]) == list(rows["incident_id"])
    troops = query.filter_troops(tables["troops"], filters, tables["places"])
    assert index.headline(mask, troops) == query.headline(rows, troops)
    for freq, stack in (("month", "factions"), ("year", "weapon"), ("month", "event_type")):
        assert_frame_equal(index.event_counts(mask, freq, stack), query.event_counts(rows, freq, stack))
        assert index.off_chart(mask, freq) == query.off_chart(rows, freq)
    assert_frame_equal(index.latest(mask).reset_index(drop=True), query.latest_incidents(rows).reset_index(drop=True))
    expected = rows.sort_values(["date", "incident_id"], ascending=False).head(7)
    assert list(index.newest(mask, 7)["incident_id"]) == list(expected["incident_id"])
    where = query.incident_places(tables)
    assert_frame_equal(index.place_counts(mask, tables["places"]), query.place_counts(rows, tables["places"], where))
    assert_frame_equal(index.faction_summary(mask, filters.militia), query.faction_summary(tables, rows, filters.militia))
    tallies = query.filter_attack_counts(tables["attack_counts"], filters)
    assert_frame_equal(index.reported_vs_counted(tallies, index.mask(Filters())),
                       query.reported_vs_counted(tallies, tables["incidents"]))
    articles = tables["articles"].iloc[np.flatnonzero(index.article_mask(filters))]
    assert_frame_equal(articles, query.filter_articles(tables, filters))


def test_index_mentions_and_articles_of_actors(tables):
    index = TableIndex(tables)
    ids = list(tables["actors"]["actor_id"][:3])
    assert_frame_equal(index.mentions_per_year(ids), query.mentions_per_year(tables, ids))
    assert index.undated_mentions(ids) == query.undated_mentions(tables, ids)
    mask = index.article_mask(Filters(year=(2024,)), entity_ids=ids[:1])
    expected = query.filter_articles({**tables, "articles": query.articles_mentioning(tables, ids[:1])}, Filters(year=(2024,)))
    assert list(tables["articles"]["article_id"][mask]) == list(expected["article_id"])


def test_rejected_rows_are_left_out_without_a_copy():
    tables = _conformed(make_scale_tables(500, seed=1))
    tables["incidents"].loc[:99, "review_state"] = "rejected"
    index = TableIndex(tables)
    mask = index.mask(Filters())
    assert mask.sum() == 400 and not mask[:100].any()
    assert index.headline(mask, tables["troops"])["incidents"] == query.headline(tables["incidents"].iloc[100:], tables["troops"])["incidents"]
    # an extra mask (a review filter) narrows further
    assert index.mask(Filters(), keep=np.arange(500) % 2 == 0).sum() == 200


@pytest.mark.parametrize("switches", [{}, {"show_rejected": True}, {"reviewed_only": True},
                                      {"show_rejected": True, "reviewed_only": True}], ids=str)
def test_review_switches_are_masks_that_give_what_the_frame_filters_give(switches):
    from preprocess.review import coverage

    tables = _conformed(make_scale_tables(600, seed=5))
    states = np.array(["unreviewed", "confirmed", "rejected", "corrected", "added", "unreviewed"])
    tables["incidents"]["review_state"] = states[np.arange(600) % len(states)]
    index = TableIndex(tables)
    for base in FILTERS[:5]:
        filters = replace(base, **switches)
        rows = query.incidents_for(tables, filters)
        kept = query.apply_review_filters(tables["incidents"], filters.show_rejected, filters.reviewed_only)
        assert set(rows["incident_id"]) <= set(kept["incident_id"])
        mask = index.mask(filters)
        assert list(index.rows(mask)["incident_id"]) == list(rows["incident_id"])
        assert index.headline(mask, tables["troops"]) == query.headline(rows, tables["troops"])
        assert index.coverage(mask) == coverage(rows)
        hidden = 0 if filters.show_rejected else int((query.incidents_for(tables, replace(filters, show_rejected=True))
                                                      ["review_state"] == "rejected").sum())
        assert index.hidden_rejected(filters) == hidden


def test_month_range_narrows_the_mask():
    tables = _conformed(make_scale_tables(800, seed=2))
    within = tables["incidents"][tables["incidents"]["date"].str[:7] == "2024-01"]
    mask = TableIndex(tables).mask(Filters(), within=within)
    assert list(np.flatnonzero(mask)) == list(within.index)


def test_scale_tables_follow_the_schema_and_the_text():
    tables = make_scale_tables(1234, seed=3)
    for name, frame in tables.items():
        assert [c for c in frame.columns if c != "review_state"] == columns(name)
    assert len(tables["incidents"]) == 1234 and len(tables["articles"]) == 124
    assert len(tables["mentions"]) == len(tables["incident_sources"]) == 2 * 1234
    assert set(tables["incidents"]["review_state"]) == {"unreviewed"}
    text = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    for name, quote, start, end in (("incidents", "quote", "start", "end"), ("incident_sources", "quote", "start", "end"),
                                    ("mentions", "surface", "start", "end"), ("troops", "quote", "sentence_start", "sentence_end")):
        frame = tables[name]
        assert all(text[a][s:e] == q for a, s, e, q in zip(frame["article_id"], frame[start], frame[end], frame[quote])), name
    assert tables["actors"]["is_faction"].any() and (tables["incidents"]["date_end"] != "").any()


def test_fast_csv_reads_back_as_the_frame_and_stays_formula_safe():
    frame = pd.DataFrame({"a": ["=1+1", "+x", "-2", "@SUM(A1)", "\tTab", "\rCR", "ok", "", "كتائب"],
                          "n": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9], dtype="Int64"),
                          "f": [0.1, 33.8, None, 1.0, 2.5, 3.0, 4.0, 5.0, 6.0],
                          "b": pd.array([True, False, None] * 3, dtype="boolean")})
    frame["a"] = frame["a"].astype("str")
    frame = pd.concat([frame] * 3000, ignore_index=True)
    data = export.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    read = lambda raw: pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")  # noqa: E731
    back = read(data)
    # pandas' own writer left a carriage return unquoted (one row read back as two); Arrow's quotes it
    assert len(back) == len(frame)
    assert list(back["a"]) == list(export.neutralise(frame)["a"])
    assert list(back["n"]) == ["" if pd.isna(v) else str(v) for v in frame["n"]]
    assert list(back["f"].replace("", "nan").astype(float).fillna(-1)) == list(frame["f"].fillna(-1))
    assert list(back["b"]) == ["" if pd.isna(v) else str(v) for v in frame["b"]]
    cells = list(read(data)["a"][:9])
    assert cells[:6] == ["'=1+1", "'+x", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR"] and cells[6:] == ["ok", "", "كتائب"]
