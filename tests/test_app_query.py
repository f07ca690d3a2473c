"""Filtering and summaries behind every page: events counted once, filters narrow, NA and empty tables are fine."""
import pandas as pd
import pytest

from bench.synth_tables import empty_tables, make_tables, typed_frame
from components import query
from components.loaders import conform
from components.query import Filters


def incident(**values):
    base = {"incident_id": "a-inc-0", "article_id": "a", "event_key": "", "date": "2024-01-28", "date_precision": "day",
            "year": 2024, "event_type": "attack", "weapon": "drone", "perpetrator": "", "claimed_by": "", "target": "",
            "factions": "", "place": "Tower 22", "country": "Jordan", "lat": 33.33, "lon": 38.79, "killed": pd.NA,
            "wounded": pd.NA, "quote": "q", "start": 0, "end": 1}
    base.update(values)
    return base


@pytest.fixture
def incidents():
    rows = [
        incident(incident_id="a-inc-1", event_key="tower22", perpetrator="Islamic Resistance in Iraq",
                 factions="Islamic Resistance in Iraq", killed=3, wounded=34),
        incident(incident_id="b-inc-1", article_id="b", event_key="tower22", perpetrator="Islamic Resistance in Iraq",
                 factions="Islamic Resistance in Iraq", killed=3, wounded=40, date="2024-01", date_precision="month"),
        incident(incident_id="a-inc-2", event_key="strike1", event_type="strike", weapon="airstrike", perpetrator="United States",
                 target="Kataib Hezbollah", factions="Kataib Hezbollah", place="al-Qaim", country="Iraq", date="2024-02-07"),
        incident(incident_id="c-inc-1", event_key="old", event_type="strike", weapon="drone", perpetrator="United States",
                 factions="Kataib Hezbollah; Popular Mobilization Forces", place="Baghdad airport", country="Iraq",
                 date="2020-01-03", year=2020),
        incident(incident_id="d-inc-1", event_key="", date="", date_precision="unknown", year=pd.NA, place="", country="Iraq; Syria"),
    ]
    return conform("incidents", pd.DataFrame(rows))


def test_the_same_event_in_two_articles_counts_once_with_the_highest_casualties(incidents):
    events = query.events(incidents)
    assert len(events) == 4
    tower = events[events["event_key"] == "tower22"].iloc[0]
    assert (tower["killed"], tower["wounded"], tower["n_reports"], tower["date"]) == (3, 40, 2, "2024-01-28")


def test_headline_counts_events_not_reports(incidents):
    figures = query.headline(incidents, typed_frame("troops", []))
    assert figures == {"incidents": 4, "attacks": 2, "strikes": 2, "killed": 3, "wounded": 40, "latest_troops": None}


@pytest.mark.parametrize("filters, expected_ids", [
    (Filters(militia=("Kataib Hezbollah",)), {"a-inc-2", "c-inc-1"}),
    (Filters(militia=("Islamic Resistance in Iraq",), year=(2024,)), {"a-inc-1", "b-inc-1"}),
    (Filters(year=(2020,)), {"c-inc-1"}),
    (Filters(event_type=("strike",), weapon=("drone",)), {"c-inc-1"}),
    (Filters(country=("Syria",)), {"d-inc-1"}),
    (Filters(place=("al-Qaim", "Tower 22")), {"a-inc-1", "b-inc-1", "a-inc-2"}),
    (Filters(militia=("Nobody",)), set()),
])
def test_filters_narrow_incidents(incidents, filters, expected_ids):
    assert set(query.filter_incidents(incidents, filters)["incident_id"]) == expected_ids


def test_counts_per_month_and_year_stack_by_faction(incidents):
    """An event with several factions counts once, under its first (the perpetrator or claimant)."""
    monthly = query.event_counts(incidents, "month", "factions")
    assert monthly.to_dict("records") == [
        {"period": "2020-01", "event_type": "strike", "group": "Kataib Hezbollah", "events": 1, "intercepted": 0},
        {"period": "2024-01", "event_type": "attack", "group": "Islamic Resistance in Iraq", "events": 1, "intercepted": 0},
        {"period": "2024-02", "event_type": "strike", "group": "Kataib Hezbollah", "events": 1, "intercepted": 0},
    ]
    yearly = query.event_counts(incidents, "year", "weapon")
    assert yearly.groupby("period")["events"].sum().to_dict() == {"2020": 1, "2024": 2}


def test_latest_troop_level_prefers_the_most_recent_level_figure():
    troops = conform("troops", pd.DataFrame([
        {"troop_id": "x-1", "article_id": "x", "value": 5000, "qualifier": "exact", "force": "US", "location": "Iraq",
         "kind": "level", "date": "2020", "year": 2020},
        {"troop_id": "y-1", "article_id": "y", "value": 2400, "qualifier": "approx", "force": "US", "location": "Iraq",
         "kind": "level", "date": "2024-04", "year": 2024},
        {"troop_id": "z-1", "article_id": "z", "value": 2500, "qualifier": "exact", "force": "coalition", "location": "Iraq",
         "kind": "withdrawal", "date": "2024-06", "year": 2024},
    ]))
    latest = query.latest_troop_level(troops)
    assert (latest["value"], latest["qualifier"], latest["date"]) == (2400, "approx", "2024-04")


def test_reported_tallies_sit_beside_our_count_of_attacks_in_the_same_period(incidents):
    counts = conform("attack_counts", pd.DataFrame([{"count_id": "b-cnt-1", "article_id": "b", "count": 60, "qualifier": "approx",
                                                      "period_start": "2023-10", "period_end": "2024-02", "country": ""}]))
    assert query.reported_vs_counted(counts, incidents)["counted"].tolist() == [1]


def test_place_counts_keep_quiet_bases_and_split_attacks_from_strikes(incidents):
    tables = make_tables(5, seed=1)
    counted = query.place_counts(incidents, tables["places"]).set_index("name_en")
    assert counted.loc["Tower 22", ["events", "attacks", "strikes"]].tolist() == [1, 1, 0]
    assert counted.loc["al-Qaim", ["events", "attacks", "strikes"]].tolist() == [1, 0, 1]
    assert counted.loc["Harir", "events"] == 0
    assert "Iraq" not in counted.index


def test_every_summary_copes_with_empty_tables():
    tables = {name: conform(name, frame) for name, frame in empty_tables().items()}
    incidents = tables["incidents"]
    assert query.headline(incidents, tables["troops"])["incidents"] == 0
    assert query.event_counts(incidents, "month", "weapon").empty
    assert query.place_counts(incidents, tables["places"]).empty
    assert query.actor_summary(tables, incidents).empty
    assert query.extractions(tables, "nothing").empty
    assert query.filter_options(tables).militia == []


def test_filter_options_come_from_the_tables():
    tables = make_tables(20, seed=2)
    options = query.filter_options(tables)
    assert "Kataib Hezbollah" in options.militia and "United States" not in options.militia
    assert set(options.year) <= set(range(2019, 2025)) and options.year
    assert "Tower 22" in options.place and "Iraq" in options.country


def test_extractions_point_at_their_text():
    tables = make_tables(3, seed=4)
    text = tables["articles"].set_index("article_id").at["syn_00001", "text"]
    spans = query.extractions(tables, "syn_00001")
    assert {"incident", "actor", "place"} <= set(spans["kind"])
    incidents = spans[spans["kind"] == "incident"]
    quotes = set(tables["incidents"].loc[tables["incidents"]["article_id"] == "syn_00001", "quote"])
    assert {text[s:e] for s, e in zip(incidents["start"], incidents["end"])} == quotes
