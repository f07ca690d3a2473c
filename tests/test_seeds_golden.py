"""Golden facts of the five seed articles: the figures and events an analyst reads in them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
A000, A001, A002, A003, A004 = (
    "000_37e1980561b20c4b", "001_462258a12eb261c0", "002_99cee76e69b7d09a", "003_a0135c7d4c557503", "004_aed5a45c96b44067",
)


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("seeds") / "tables"
    result = subprocess.run([sys.executable, "-m", "preprocess", "build", "--input", str(ROOT / "data" / "raw"), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {p.stem: pd.read_parquet(p) for p in out.glob("*.parquet")}


# (article, value, qualifier, force, location, kind, year)
TROOPS = [
    (A001, 5000, "exact", "US", "Iraq", "level", 2020),
    (A003, 3000, "less_than", "US", "Iraq", "level", 2020),
    (A003, 8000, "approx", "US", "Iraq", "level", 2018),
    (A003, 3000, "exact", "US", "", "planned", 2020),
    (A000, 2500, "exact", "coalition", "Iraq", "withdrawal", 2020),
    (A004, 2500, "approx", "US", "Ain al-Asad", "deployment", 2023),
    (A004, 900, "approx", "US", "Syria", "level", 2023),
    (A002, 2400, "approx", "US", "Iraq", "level", 2024),
]


@pytest.mark.parametrize("article, value, qualifier, force, location, kind, year", TROOPS)
def test_troop_figure(tables, article, value, qualifier, force, location, kind, year):
    t = tables["troops"]
    rows = t[(t.article_id == article) & (t.value == value) & (t.qualifier == qualifier)]
    assert len(rows) == 1, t[t.article_id == article][["value", "qualifier", "kind", "quote"]]
    row = rows.iloc[0]
    assert (row.force, row.kind, row.year) == (force, kind, year)
    if location:
        assert row.location == location


def test_no_other_troop_figures(tables):
    """Casualties (3 جنود), targets (85 هدفا, 122 هدفا), bases (15 قاعدة), factions (8 فصائل) and years are not troops."""
    got = sorted(zip(tables["troops"].article_id, tables["troops"].value))
    assert got == sorted((a, v) for a, v, *_ in TROOPS)


def incident(tables, article, date):
    inc = tables["incidents"]
    rows = inc[(inc.article_id == article) & (inc.date == date)]
    assert len(rows) == 1, inc[inc.article_id == article][["date", "event_type", "quote"]]
    return rows.iloc[0]


def test_tower_22_attack(tables):
    row = incident(tables, A002, "2024-01-28")
    assert (row.event_type, row.perpetrator, row.place, row.country) == ("attack", "Islamic Resistance in Iraq", "Tower 22", "Jordan")
    assert (row.killed, row.wounded) == (3, 34)


def test_us_strikes_of_29_january_2024(tables):
    # one row per country struck, as tests/GOLD_FORMAT.md counts a wave (until 28 Nov 2026: one row listing both)
    inc = tables["incidents"]
    rows = inc[(inc.article_id == A002) & (inc.date == "2024-01-29")]
    assert sorted(rows.country) == ["Iraq", "Syria"]
    for row in rows.itertuples():
        assert (row.event_type, row.weapon, row.perpetrator) == ("strike", "airstrike", "United States")
        assert "Quds Force" in row.target


def test_drone_strike_on_kataib_hezbollah_commanders(tables):
    row = incident(tables, A002, "2024-02-07")
    assert (row.event_type, row.weapon, row.perpetrator) == ("strike", "drone", "United States")
    assert "Kataib Hezbollah" in row.factions.split("; ")
    assert "Abu Baqir al-Saadi" in row.target


def test_strike_near_baghdad_airport_reported_twice_is_one_event(tables):
    row = incident(tables, A001, "2020-01-03")
    assert (row.event_type, row.weapon, row.place, row.perpetrator) == ("strike", "airstrike", "Baghdad International Airport", "United States")
    assert "Qasem Soleimani" in row.target
    recap = incident(tables, A002, "2020-01")
    assert recap.event_key == row.event_key


def test_rocket_attack_of_march_2020(tables):
    row = incident(tables, A000, "2020-03")
    assert (row.event_type, row.weapon, row.killed) == ("attack", "rocket", 3)
    assert pd.isna(row.wounded)


def test_statements_threats_and_truces_are_not_incidents(tables):
    inc = tables["incidents"]
    assert not len(inc[inc.article_id.isin([A003, A004])])
    assert not len(inc[(inc.article_id == A002) & inc.date.isin(["2024-01-30", "2024-02-08", "2024-02-10", "2024-04-15"])])


def test_attack_tally_of_about_60_in_iraq(tables):
    c = tables["attack_counts"]
    assert len(c) == 1
    row = c.iloc[0]
    assert (row.article_id, row["count"], row.qualifier, row.country) == (A002, 60, "approx", "Iraq")
    assert (row.period_start, row.period_end) == ("2023-10", "2024-02")


def test_publication_dates(tables):
    a = tables["articles"].set_index("article_id")
    assert (a.loc[A003, "published"], a.loc[A003, "published_source"]) == ("2020-11-06", "metadata")
    assert (a.loc[A004, "published"], a.loc[A004, "published_source"]) == ("2023-08-25", "metadata")
    assert a.loc[A000, "published_source"] == "inferred" and a.loc[A000, "published"].startswith("2020")
    assert a.loc[A001, "published_source"] == "inferred" and a.loc[A001, "published"].startswith("2020")
    assert a.loc[A002, "published_source"] == "inferred" and a.loc[A002, "published"].startswith("2024")
    assert "2024-10" in a.loc[A002, "warnings"]  # "منذ أكتوبر 2024" lies after the article's own date


def test_outlet_recognised_from_signature_when_metadata_has_none(tables):
    a = tables["articles"].set_index("article_id")
    assert a.loc[A000, "source"] == "Al Jazeera"


@pytest.mark.parametrize("article, name_en", [
    (A000, "Kataib Hezbollah"), (A000, "Usbat al-Thairin"), (A000, "Qabdat al-Huda"),
    (A001, "Popular Mobilization Forces"), (A002, "Islamic Resistance in Iraq"),
    (A003, "Kataib Abu al-Fadl al-Abbas"), (A003, "Ansar Allah al-Awfiya"), (A003, "Harakat al-Nujaba"),
    (A003, "Asaib Ahl al-Haq"), (A004, "SDF"),
])
def test_militias_mentioned(tables, article, name_en):
    actors = tables["actors"].set_index("actor_id")
    ids = set(tables["mentions"].query("article_id == @article and entity_kind == 'actor'").entity_id)
    assert name_en in set(actors.loc[list(ids), "name_en"])


@pytest.mark.parametrize("article, name_en", [
    (A000, "Ain al-Asad"), (A001, "Baghdad International Airport"), (A002, "Tower 22"), (A002, "al-Tanf"),
    (A003, "Green Zone"), (A004, "Conoco"), (A004, "al-Qaim"), (A004, "Albu Kamal"),
])
def test_places_mentioned_with_coordinates(tables, article, name_en):
    places = tables["places"].set_index("place_id")
    ids = set(tables["mentions"].query("article_id == @article and entity_kind == 'place'").entity_id)
    found = places.loc[list(ids)]
    assert name_en in set(found.name_en)
    row = found[found.name_en == name_en].iloc[0]
    assert 29 < row.lat < 38 and 38 < row.lon < 49
