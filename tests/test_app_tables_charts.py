"""Issue 9, tables and charts: words not codes, no "None", no ids, undated incidents said, factions by is_faction, event
places on the map, bars as wide as their period, bounds drawn as bounds, plans apart from levels (AppTest and figures)."""
from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from bench.synth_tables import write_tables
from components import charts, query
from components.i18n import CODE_COLUMNS, CODE_LABELS, Names
from components.loaders import conform
from preprocess.schemas import TABLE_NAMES
from tests.test_app_pages import csv_rows, downloads, only  # noqa: F401  (downloads is a fixture)
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]

# A small corpus made by hand, so the checks do not move with the extractor. Article a: a drone shot down over Ain al-Asad
# in Anbar (Anbar is an event place, Baghdad only named in passing), claimed by Kataib Hezbollah, no casualty figure; an
# attack on Tower 22 claimed by the IRGC with no date of its own. Article b: troop figures, one of them a bound with a plan
# of the same size on the same day, one undated, and a tally of attacks by every faction.
SENTENCES_A = [
    "أسقطت الدفاعات الجوية طائرة مسيّرة استهدفت قاعدة عين الأسد في محافظة الأنبار يوم 5 يناير 2024، وتبنت كتائب حزب الله الهجوم.",
    "وقال مسؤول في بغداد إن الحكومة تسعى إلى منع التصعيد.",
    "وتبنى الحرس الثوري هجوما على البرج 22 أوقع ثلاثة قتلى.",
]
SENTENCES_B = [
    'وقال المتحدث إن "أقل من 3000 جندي" سيبقون في العراق & سوريا بعد الانسحاب.',
    "وتخطط واشنطن لسحب 3000 جندي من العراق.",
    "وكان عدد الجنود الأميركيين في العراق 5000 جندي.",
    "وذكر التقرير أن 900 جندي ينتشرون في سوريا.",
    "وسُجّل نحو 60 هجوما في العراق منذ أكتوبر.",
]
ACTORS = [  # actor_id, name_en, name_ar, actor_type, parent, is_faction
    ("kataib_hezbollah", "Kataib Hezbollah", "كتائب حزب الله", "militia", "Islamic Resistance in Iraq", True),
    ("iri", "Islamic Resistance in Iraq", "المقاومة الإسلامية في العراق", "militia", "", True),
    ("irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري الإيراني", "armed_forces", "Iran", True),
    ("quds_force", "Quds Force", "فيلق القدس", "armed_forces", "Islamic Revolutionary Guard Corps", True),
    ("isis", "ISIS", "تنظيم الدولة", "militia", "", False),
    ("iraqi_army", "Iraqi army", "الجيش العراقي", "armed_forces", "Iraq", False),
    ("iran", "Iran", "إيران", "state", "", False),
    ("iraq", "Iraq", "العراق", "state", "", False),
]
PLACES = [  # place_id, name_en, name_ar, place_type, country, lat, lon
    ("ain_al_asad", "Ain al-Asad", "عين الأسد", "base", "Iraq", 33.80, 42.44),
    ("anbar", "Anbar", "الأنبار", "province", "Iraq", 33.0, 42.0),
    ("baghdad", "Baghdad", "بغداد", "city", "Iraq", 33.31, 44.37),
    ("tower_22", "Tower 22", "البرج 22", "base", "Jordan", 33.33, 38.79),
    ("harir", "Harir", "حرير", "base", "Iraq", 36.54, 44.35),
    ("iraq_country", "Iraq", "العراق", "country", "Iraq", 33.2, 43.7),
]
INTERCEPTED = CODE_LABELS.get("outcome", {}).get("intercepted", {"ar": "?", "en": "?"})  # the word for the code, per language

# stored codes a table must never show as they are: the English words are capitalised ('Attack', 'Upper bound (under)');
# 'intercepted' is its own English word (components/i18n.py), so it is checked as a word, not as a leftover code
RAW_CODES = {*query.EVENT_TYPES, *query.WEAPONS, *query.QUALIFIERS, *query.TROOP_KINDS, "coalition", "militia", "state",
             "armed_forces", "person", "organization", "base", "city", "province", "country", "facility", "region"}


def raw_codes(lang: str) -> set[str]:
    return RAW_CODES | ({"intercepted"} if lang == "ar" else set())


def _text(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for sentence in sentences:
        text += ("\n" if text else "")
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text, spans


def small_tables() -> dict[str, pd.DataFrame]:
    text_a, (s1, s2, s3) = _text(SENTENCES_A)
    text_b, (t1, t2, t3, t4, t5) = _text(SENTENCES_B)
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    rows["articles"] = [
        {"article_id": "a", "title": "هجوم على عين الأسد", "source": "Al Jazeera", "published": "2024-01-06",
         "published_precision": "day", "published_source": "metadata", "text": text_a},
        {"article_id": "b", "title": "القوات الأميركية في العراق", "source": "Al-Araby Al-Jadeed", "published": "2020-11-06",
         "published_precision": "day", "published_source": "metadata", "text": text_b},
    ]
    rows["incidents"] = [
        {"incident_id": f"a-inc-{s1[0]}", "article_id": "a", "event_key": "e1", "date": "2024-01-05", "date_precision": "day",
         "year": 2024, "date_basis": "text", "event_type": "attack", "weapon": "drone", "perpetrator": "", "claimed_by": "Kataib Hezbollah",
         "target": "Ain al-Asad", "factions": "Kataib Hezbollah", "place": "Ain al-Asad", "country": "Iraq", "lat": 33.80, "lon": 42.44,
         "outcome": "intercepted", "quote": text_a[s1[0]:s1[1]], "start": s1[0], "end": s1[1]},
        {"incident_id": f"a-inc-{s3[0]}", "article_id": "a", "event_key": "e2", "date": "", "date_precision": "unknown",
         "year": pd.NA, "date_basis": "", "event_type": "attack", "weapon": "unknown", "perpetrator": "Islamic Revolutionary Guard Corps",
         "claimed_by": "Islamic Revolutionary Guard Corps", "target": "Tower 22", "factions": "Islamic Revolutionary Guard Corps",
         "place": "Tower 22", "country": "Jordan", "lat": 33.33, "lon": 38.79, "killed": 3, "quote": text_a[s3[0]:s3[1]],
         "start": s3[0], "end": s3[1]},
    ]
    rows["incident_sources"] = [
        {"incident_id": f"a-inc-{s1[0]}", "article_id": "a", "slot": "mention", "start": s1[0], "end": s1[1], "quote": text_a[s1[0]:s1[1]]},
        {"incident_id": f"a-inc-{s3[0]}", "article_id": "a", "slot": "mention", "start": s3[0], "end": s3[1], "quote": text_a[s3[0]:s3[1]]},
    ]

    def mention(article, text, span, entity_id, kind, surface, role):
        at = text.index(surface, span[0])
        return {"mention_id": f"{article}-men-{at}", "article_id": article, "entity_id": entity_id, "entity_kind": kind,
                "surface": surface, "start": at, "end": at + len(surface), "sentence_start": span[0], "sentence_end": span[1], "role": role}

    rows["mentions"] = [
        mention("a", text_a, s1, "ain_al_asad", "place", "عين الأسد", "event"),
        mention("a", text_a, s1, "anbar", "place", "الأنبار", "event"),
        mention("a", text_a, s1, "kataib_hezbollah", "actor", "كتائب حزب الله", "event"),
        mention("a", text_a, s2, "baghdad", "place", "بغداد", "background"),
        mention("a", text_a, s3, "irgc", "actor", "الحرس الثوري", "event"),
        mention("a", text_a, s3, "tower_22", "place", "البرج 22", "event"),
        mention("b", text_b, t1, "iraq_country", "place", "العراق", "background"),
    ]

    def troop(span, number, value, qualifier, kind, date, location="Iraq"):
        at = text_b.index(number, span[0])
        return {"troop_id": f"b-trp-{at}", "article_id": "b", "value": value, "qualifier": qualifier, "force": "US",
                "location": location, "kind": kind, "date": date, "date_precision": "day" if len(date) == 10 else "unknown",
                "year": int(date[:4]) if date else pd.NA, "quote": text_b[span[0]:span[1]], "start": at, "end": at + len(number),
                "sentence_start": span[0], "sentence_end": span[1]}

    rows["troops"] = [
        troop(t1, "3000", 3000, "less_than", "level", "2020-11-06"),
        troop(t2, "3000", 3000, "exact", "planned", "2020-11-06"),
        troop(t3, "5000", 5000, "exact", "level", "2020-02-01"),
        troop(t4, "900", 900, "exact", "level", "", location="Syria"),
    ]
    at = text_b.index("60")
    rows["attack_counts"] = [{"count_id": f"b-cnt-{at}", "article_id": "b", "count": 60, "qualifier": "approx",
                              "period_start": "2023-10", "period_end": "2024-02", "country": "Iraq", "location": "",
                              "quote": text_b[t5[0]:t5[1]], "start": at, "end": at + 2, "sentence_start": t5[0], "sentence_end": t5[1]}]
    mentions = pd.DataFrame(rows["mentions"])
    for actor_id, name_en, name_ar, actor_type, parent, faction in ACTORS:
        hits = mentions[mentions["entity_id"] == actor_id]
        rows["actors"].append({"actor_id": actor_id, "name_en": name_en, "name_ar": name_ar, "actor_type": actor_type,
                               "parent": parent, "in_gazetteer": True, "is_faction": faction, "n_mentions": len(hits),
                               "n_articles": hits["article_id"].nunique()})
    for place_id, name_en, name_ar, place_type, country, lat, lon in PLACES:
        hits = mentions[mentions["entity_id"] == place_id]
        event = hits[hits["role"] == "event"]
        rows["places"].append({"place_id": place_id, "name_en": name_en, "name_ar": name_ar, "place_type": place_type,
                               "country": country, "lat": lat, "lon": lon, "coord_source": "test", "n_mentions": len(hits),
                               "n_articles": hits["article_id"].nunique(), "n_event_mentions": len(event),
                               "n_event_articles": event["article_id"].nunique()})
    return {name: conform(name, pd.DataFrame(rows[name])) for name in TABLE_NAMES}


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory) -> Path:
    return write_tables(tmp_path_factory.mktemp("small") / "processed", small_tables())


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def figure(at: AppTest, index: int = 0):
    """The plotly figure a page sent."""
    return pio.from_json(at.get("plotly_chart")[index].proto.spec)


def values(array) -> list:
    """A trace's array as sent: a list, or plotly's typed array ({'dtype': 'f8', 'bdata': base64})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array or [])


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", ["overview", "incidents", "troops", "bases", "actors"])
def test_tables_show_words_not_codes_nothing_for_a_missing_number_and_no_ids(use_tables, small_dir, page, lang):
    use_tables(small_dir)
    at = open_page(page, lang=lang)
    words = {group: {labels[lang] for labels in codes.values()} for group, codes in CODE_LABELS.items()}
    assert at.dataframe, "the page shows a table"
    for table in at.dataframe:
        assert table.proto.HasField("placeholder") and table.proto.placeholder == "", "a missing number shows as '', never 'None'"
        frame = table.value
        assert not [c for c in frame.columns if c.endswith("_id")], frame.columns
        for column in frame.columns:
            values = {v for v in frame[column] if isinstance(v, str) and v}
            if column in CODE_COLUMNS:
                assert values <= words[CODE_COLUMNS[column]], (column, values)
            assert not values & raw_codes(lang), (column, values & raw_codes(lang))
            assert not {v for v in values if v in ("None", "nan", "<NA>")}


@pytest.mark.parametrize("lang, attack, upper_bound", [("ar", "هجوم", "حد أعلى (أقل من)"), ("en", "Attack", "Upper bound (under)")])
def test_outcome_and_bounds_read_as_words_and_unknown_casualties_stay_empty(use_tables, small_dir, lang, attack, upper_bound):
    use_tables(small_dir)
    incidents = open_page("incidents", lang=lang).dataframe[-1].value
    intercepted = INTERCEPTED[lang]
    assert incidents["outcome"].tolist().count(intercepted) == 1 and set(incidents["event_type"]) == {attack}
    drone = incidents[incidents["outcome"] == intercepted].iloc[0]
    assert pd.isna(drone["killed"]) and pd.isna(drone["wounded"])  # numbers stay numbers; the grid draws NA as ""
    troops = open_page("troops", lang=lang).dataframe[-1].value
    assert upper_bound in set(troops["qualifier"])
    assert troops.columns[1] == "value" and troops.columns[-1] == "quote"


def test_csv_keeps_raw_codes_and_ids(use_tables, small_dir, downloads):
    """The screen shows words; the download keeps the stored values (codes, ids) of exactly the filtered rows."""
    use_tables(small_dir)
    open_page("incidents", lang="ar", militia="Kataib Hezbollah")
    exported = csv_rows(only(downloads, "rasid_incidents_militia-Kataib-Hezbollah_"))
    assert exported["outcome"].tolist() == ["intercepted"] and exported["event_type"].tolist() == ["attack"]
    assert exported["incident_id"].str.startswith("a-inc-").all()


# ---------------------------------------------------------------- what the charts leave out, and tallies


@pytest.mark.parametrize("lang, note", [("en", "1 incident without a date is not on this chart."),
                                        ("ar", "حوادث بلا تاريخ ليست على هذا الرسم: 1")])
@pytest.mark.parametrize("page", ["overview", "incidents"])
def test_time_charts_say_how_many_incidents_have_no_date(use_tables, small_dir, page, lang, note):
    use_tables(small_dir)
    at = open_page(page, lang=lang)
    assert note in captions(at)


def test_the_troop_chart_says_how_many_figures_have_no_date(use_tables, small_dir):
    use_tables(small_dir)
    assert "1 troop figure without a date is not on this chart." in captions(open_page("troops", lang="en"))


def test_off_chart_counts_undated_and_year_only_events():
    tables = small_tables()
    incidents = pd.concat([tables["incidents"], tables["incidents"].iloc[[0]].assign(
        incident_id="a-inc-x", event_key="e3", date="2023", date_precision="year", year=2023)], ignore_index=True)
    assert query.off_chart(incidents, "month") == {"undated": 1, "coarser": 1}
    assert query.off_chart(incidents, "year") == {"undated": 1, "coarser": 0}


def test_intercepted_events_are_counted_apart_and_hatched(use_tables, small_dir):
    counts = query.event_counts(small_tables()["incidents"], "month", "factions")
    assert counts[["period", "events", "intercepted"]].to_dict("records") == [{"period": "2024-01", "events": 1, "intercepted": 1}]
    use_tables(small_dir)
    at = open_page("incidents", lang="en")
    fig = figure(at)
    assert any(t.type == "bar" and t.marker.pattern.shape == "/" for t in fig.data)
    assert any(t.name == INTERCEPTED["en"] for t in fig.data)
    assert "Of these, intercepted or shot down (hatched in the chart): 1" in captions(at)


def test_tallies_under_a_faction_filter_say_they_cover_every_faction(use_tables, small_dir):
    use_tables(small_dir)
    assert not [i for i in open_page("incidents", lang="en").info if "every faction" in i.value]
    at = open_page("incidents", lang="en", militia="Kataib Hezbollah", year="2024")
    notes = [i.value for i in at.info if "every faction" in i.value]
    assert notes and "Kataib Hezbollah" in notes[0]


# ---------------------------------------------------------------- new columns: is_faction, event places


def test_faction_choices_come_from_is_faction(use_tables, small_dir):
    use_tables(small_dir)
    at = open_page("actors", lang="en")
    choices = set(at.sidebar.multiselect[0].options)
    assert {"Islamic Revolutionary Guard Corps", "Quds Force", "Kataib Hezbollah"} <= choices
    assert not {"ISIS", "Iraqi army", "Iran", "Iraq"} & choices
    listed = set(at.dataframe[0].value["name_en"])
    assert {"Islamic Revolutionary Guard Corps", "Quds Force", "Kataib Hezbollah", "Islamic Resistance in Iraq"} == listed


def test_a_chosen_faction_brings_its_member_groups_on_the_actors_page(use_tables, small_dir):
    use_tables(small_dir)
    at = open_page("actors", lang="en", militia="Islamic Revolutionary Guard Corps")
    assert set(at.dataframe[0].value["name_en"]) == {"Islamic Revolutionary Guard Corps", "Quds Force"}


def test_map_points_and_place_choices_are_event_places(use_tables, small_dir):
    use_tables(small_dir)
    at = open_page("bases", lang="en")
    assert set(at.sidebar.multiselect[5].options) == {"Ain al-Asad", "Anbar", "Tower 22"}  # Baghdad is only named
    located = {(round(lat, 2), round(lon, 2)) for t in figure(at).data
               for lat, lon in zip(values(t.lat), values(t.lon))}
    assert {(33.8, 42.44), (33.0, 42.0), (33.33, 38.79)} <= located  # Ain al-Asad, Anbar (named with the event), Tower 22
    assert (33.31, 44.37) not in located  # Baghdad
    places = at.dataframe[0].value.set_index("name_en")
    assert places.loc["Anbar", "events"] == 1 and "Baghdad" not in places.index
    assert places.loc["Harir", "events"] == 0  # a base with no incident stays listed


def test_choosing_the_province_finds_the_attack_on_the_base_in_it(use_tables, small_dir):
    use_tables(small_dir)
    at = open_page("incidents", lang="en", place="Anbar")
    assert at.dataframe[-1].value["place"].tolist() == ["Ain al-Asad"]


# ---------------------------------------------------------------- figures


def names(tables, lang="en"):
    return Names(tables["actors"], tables["places"], lang).label


def bars(fig) -> list:
    return [t for t in fig.data if t.type == "bar" and t.x is not None and len(t.x) and t.x[0] is not None]


@pytest.mark.parametrize("freq, period, days", [("month", "2024-01", 31), ("month", "2024-02", 29), ("year", "2024", 366)])
def test_a_lone_bar_spans_its_period_on_an_axis_of_several_periods(freq, period, days):
    counts = pd.DataFrame({"period": [period], "event_type": ["attack"], "group": ["Kataib Hezbollah"], "events": [1], "intercepted": [0]})
    fig = charts.counts_chart(counts, freq, "factions", "en", "t", lambda c, v: v, "Events")
    [bar] = bars(fig)
    assert bar.offset == 0 and list(bar.width) == [days * charts.DAY_MS]
    assert pd.Timestamp(bar.x[0]) == pd.Timestamp(period if freq == "month" else f"{period}-01-01")
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    periods = (high.year - low.year) * (1 if freq == "year" else 12) + (0 if freq == "year" else high.month - low.month)
    assert periods >= charts.MIN_PERIODS[freq]  # one event still reads as a count over time
    assert low.day == high.day == 1 and (freq == "month" or low.month == high.month == 1)  # whole periods of air
    assert fig.layout.xaxis.tickformatstops  # labels as precise as their spacing: unique at any zoom


def test_bounds_are_drawn_as_bounds_off_the_level_line_and_plans_apart():
    tables = small_tables()
    series = query.troop_series(tables["troops"], tables["articles"])
    fig = charts.troops_chart(series, "en", "Troops", "location", names(tables), "Troops", ("Levels", "Plans"))
    [bound] = [t for t in fig.data if t.error_y and t.error_y.arrayminus is not None]
    assert list(bound.y) == [3000.0] and list(bound.error_y.arrayminus)[0] > 0 and list(bound.error_y.array) == [0]
    lines = [t for t in fig.data if t.mode == "lines"]
    assert all(3000.0 not in list(t.y) for t in lines)  # 'under 3000' is not a level on the line
    plans = [t for t in fig.data if t.mode == "markers" and t.x is not None and len(t.x) and t.x[0] is not None
             and any(str(s).endswith("-open") for s in t.marker.symbol)]
    assert plans and all(t.yaxis == "y2" for t in plans) and bound.yaxis == "y"  # the plan of 3000 in its own panel


def test_hover_shows_quotes_as_quotes_and_tags_as_text():
    text = charts.hover_text('قال إن "أقل من 3000 جندي" & <b>x</b>')
    assert '"أقل من 3000 جندي"' in text and "&quot;" not in text
    assert "&lt;b&gt;" in text and "<b>" not in text


def test_the_title_sits_below_the_toolbar_band():
    fig = charts.rtl_layout(charts.go.Figure(), "ar", "t", height=400)
    assert fig.layout.title.yref == "container" and (1 - fig.layout.title.y) * 400 >= charts.TOOLBAR_BAND - 0.5


def test_a_level_line_never_joins_two_places_whatever_the_colour():
    tables = small_tables()
    troops = tables["troops"].copy()
    troops.loc[troops["location"] == "Syria", ["date", "date_precision", "year"]] = ["2021-06-01", "day", 2021]
    later = troops[troops["value"] == 5000].assign(troop_id="b-trp-later", value=4000, date="2022-01-01", year=2022)
    troops = pd.concat([troops, later], ignore_index=True)
    series = query.troop_series(troops, tables["articles"])
    fig = charts.troops_chart(series, "en", "Troops", "kind", names(tables), "Troops", ("Levels", "Plans"))
    lines = [list(t.y) for t in fig.data if t.mode == "lines"]
    assert lines == [[5000.0, 4000.0]], lines  # Iraq's levels joined; Syria's 900 alone, no line to it
