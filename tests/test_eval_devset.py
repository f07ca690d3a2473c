"""The development-set scorer (bench/eval_devset.py) on tiny hand-made gold and predicted tables: strict by
default (every predicted row counts, dates only where the text gives them), lenient on request."""
from __future__ import annotations

import pandas as pd
import pytest

from bench import eval_devset as ev

ACTORS = [
    {"id": "islamic_resistance_in_iraq", "name_en": "Islamic Resistance in Iraq", "type": "militia"},
    {"id": "kataib_hezbollah", "name_en": "Kataib Hezbollah", "type": "militia", "aliases_en": ["KH"]},
    {"id": "irgc", "name_en": "Islamic Revolutionary Guard Corps", "type": "armed_forces", "aliases_en": ["IRGC"]},
    {"id": "united_states", "name_en": "United States", "type": "state"},
]
PLACES = [
    {"id": "iraq_country", "name_en": "Iraq", "type": "country"},
    {"id": "syria_country", "name_en": "Syria", "type": "country"},
    {"id": "ain_al_asad", "name_en": "Ain al-Asad", "type": "base"},
    {"id": "baghdad", "name_en": "Baghdad", "type": "city"},
    {"id": "balad_air_base", "name_en": "Balad air base", "type": "base", "aliases_en": ["Balad"]},
    {"id": "qayyarah", "name_en": "Qayyarah airfield", "type": "base", "aliases_en": ["Qayyarah"]},
]


@pytest.fixture(scope="module")
def names() -> ev.Names:
    return ev.Names(actors=ACTORS, places=PLACES)


def incident(aid: str = "a1", **kw) -> dict:
    row = {"article_id": aid, "event_key": "k1", "date": "2024-01-20", "date_basis": "text", "event_type": "attack",
           "weapon": "drone", "perpetrator": "", "claimed_by": "", "place": "Ain al-Asad", "country": "Iraq",
           "killed": None, "wounded": None, "quote": "...", "start": 0}
    row.update(kw)
    return row


def gold_incident(**kw) -> dict:
    row = {"date": "2024-01-20", "event_type": "attack", "weapon": "drone", "perpetrator": "", "place": "Ain al-Asad",
           "country": "Iraq", "killed": None, "wounded": None}
    row.update(kw)
    return row


def troop(aid: str = "a1", value: int = 2500, qualifier: str = "approx", start: int = 0, **kw) -> dict:
    row = {"article_id": aid, "value": value, "qualifier": qualifier, "force": "US", "location": "Iraq",
           "kind": "level", "quote": "...", "start": start}
    row.update(kw)
    return row


def score(gold: dict, strict: bool = True, names: ev.Names | None = None, **frames) -> ev.Scores:
    tables = {k: pd.DataFrame(v) for k, v in frames.items()}
    return ev.score_set(gold, tables, names or ev.Names(actors=ACTORS, places=PLACES), strict=strict)


def counts(prf: ev.PRF) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


# ----------------------------------------------------------------------------------------- incidents

def test_a_repeated_incident_row_is_a_false_positive_when_strict_and_not_when_lenient(names):
    gold = {"a1": {"incidents": [gold_incident()]}}
    rows = [incident(start=0), incident(start=100)]  # the same event stated twice, one event_key
    assert counts(score(gold, incidents=rows).cats["incidents"]) == (1, 1, 0)
    assert counts(score(gold, strict=False, incidents=rows).cats["incidents"]) == (1, 0, 0)


def test_a_date_given_where_the_gold_has_none_is_wrong(names):
    gold = {"a1": {"incidents": [gold_incident(date="")]}}
    sc = score(gold, incidents=[incident(date="2024-01-20")])
    assert counts(sc.cats["incidents"]) == (1, 0, 0)  # still the same event (same place) ...
    assert sc.agree["incident.date"] == {"differ": 1}  # ... but its date is an error
    assert sc.counters["incidents.dated_without_date"] == 1
    assert sc.counters["incidents.matched_undated_gold"] == 1
    undated = score(gold, incidents=[incident(date="")])
    assert undated.agree["incident.date"] == {"agree": 1}
    assert undated.counters["incidents.dated_without_date"] == 0


def test_dates_are_compared_at_the_gold_precision():
    assert ev.date_right("2024-01", "2024-01-28")
    assert not ev.date_right("2024-01-28", "2024-01")
    assert not ev.date_right("2024-01-28", "2024-01-27")
    assert ev.date_right("", "") and not ev.date_right("", "2024")
    assert ev.date_fits("", "2024-01-28")  # an undated gold row can still be paired (and its date scored wrong)


def test_incidents_pair_by_place_when_the_date_is_wrong_and_not_across_types(names):
    gold = {"a1": {"incidents": [gold_incident(date="2024-01-20")]}}
    sc = score(gold, incidents=[incident(date="2024-01-21")])
    assert counts(sc.cats["incidents"]) == (1, 0, 0)
    assert sc.agree["incident.date"] == {"differ": 1}
    other_place = score(gold, incidents=[incident(date="2024-01-21", place="Baghdad")])
    assert counts(other_place.cats["incidents"]) == (0, 1, 1)
    strike = score(gold, incidents=[incident(event_type="strike")])
    assert counts(strike.cats["incidents"]) == (0, 1, 1)


def test_predicted_other_rows_are_ignored_and_optional_gold_rows_leave_both_sides(names):
    gold = {"a1": {"incidents": [
        gold_incident(),
        gold_incident(event_type="other", place="Baghdad", optional=True),
        gold_incident(date="2023-12-31", place="Baghdad", optional=True),  # an optional attack
    ]}}
    rows = [incident(), incident(event_type="other", place="Syria", date="2023-05-01", start=50),
            incident(date="2023-12-31", place="Baghdad", start=90)]
    sc = score(gold, incidents=rows)
    assert counts(sc.cats["incidents"]) == (1, 0, 0)
    assert sc.counters["incidents.other_ignored"] == 1


def test_casualties_claimant_and_outcome_are_compared_on_matched_pairs(names):
    gold = {"a1": {"incidents": [gold_incident(killed=3, wounded=None, claimed_by="Islamic Resistance in Iraq",
                                               outcome="intercepted")]}}
    sc = score(gold, incidents=[incident(killed=3, wounded=40, claimed_by="Islamic Resistance in Iraq")])
    assert sc.agree["incident.killed"] == {"agree": 1}
    assert sc.agree["incident.wounded"] == {"differ": 1}
    assert sc.agree["incident.casualties"] == {"differ": 1}
    assert sc.agree["incident.claimed_by"] == {"agree": 1}
    assert sc.agree["incident.outcome"] == {"differ": 1}  # no outcome column: predicted as ""
    with_outcome = score(gold, incidents=[incident(killed=3, outcome="intercepted")])
    assert with_outcome.agree["incident.outcome"] == {"agree": 1}
    assert with_outcome.agree["incident.casualties"] == {"agree": 1}


def test_incidents_dated_from_an_inferred_publication_date_are_counted(names):
    gold = {"a1": {"incidents": [gold_incident(date="")]}, "a2": {"incidents": [gold_incident(date="")]}}
    rows = [incident("a1", date="2024-01-20", date_basis="published"),
            incident("a2", date="2024-01-20", date_basis="published")]
    arts = [{"article_id": "a1", "published": "2024-01-20", "published_source": "inferred"},
            {"article_id": "a2", "published": "2024-01-20", "published_source": "metadata"}]
    sc = score(gold, incidents=rows, articles=arts)
    assert sc.counters["incidents.dated_from_inferred_published"] == 1
    assert sc.counters["incidents.predicted"] == 2
    assert sc.counters["incidents.dated_without_date"] == 2


# ----------------------------------------------------------------------------------------- publication dates

def test_an_inferred_publication_date_counts_as_none(names):
    gold = {
        "a1": {"published": ""},            # nothing states it; the extractor guessed: agrees (true negative)
        "a2": {"published": "2024-01-28"},  # stated, but the extractor only guessed it: a miss
        "a3": {"published": ""},            # a stated-looking date where nothing states one: a false positive
        "a4": {"published": "2024-02-01"},
    }
    arts = [{"article_id": "a1", "published": "2024-01-20", "published_source": "inferred"},
            {"article_id": "a2", "published": "2024-01-28", "published_source": "inferred"},
            {"article_id": "a3", "published": "2024-01-05", "published_source": "dateline"},
            {"article_id": "a4", "published": "2024-02-01", "published_source": "metadata"}]
    sc = score(gold, articles=arts)
    assert counts(sc.cats["published"]) == (1, 1, 1)
    assert (sc.counters["published.right"], sc.counters["published.articles"]) == (2, 4)


def test_old_format_sets_take_publication_dates_from_metadata(names):
    gold = {"a1": {"troops": []}, "a2": {"troops": []}}
    arts = [{"article_id": "a1", "published": "2024-01-20", "published_source": "metadata"},
            {"article_id": "a2", "published": "2024-01-20", "published_source": "inferred"}]
    sc = ev.score_set(gold, {"articles": pd.DataFrame(arts)}, names, metadata={"a1": {"published": "2024-01-20"}, "a2": {}})
    assert counts(sc.cats["published"]) == (1, 0, 0)  # a2 has no metadata date: skipped
    assert not sc.new_format and "tallies" not in ev.summary_categories(sc)


# ----------------------------------------------------------------------------------------- troops

def test_a_repeated_troop_figure_is_a_false_positive(names):
    gold = {"a1": {"troops": [{"value": 2500, "qualifier": "approx", "force": "US", "location": "Iraq", "kind": "level"}]}}
    rows = [troop(start=0), troop(start=200)]  # headline and body
    sc = score(gold, troops=rows)
    assert counts(sc.cats["troops"]) == (1, 1, 0)
    assert counts(sc.cats["troops_qualifier"]) == (1, 1, 0)
    assert any("figure repeated" in line for line in sc.fps)
    assert counts(score(gold, strict=False, troops=rows).cats["troops"]) == (1, 0, 0)


def test_a_qualifier_mismatch_fails_the_value_qualifier_match_but_not_the_value_match(names):
    gold = {"a1": {"troops": [{"value": 2500, "qualifier": "less_than", "force": "US", "location": "Iraq", "kind": "level"}]}}
    sc = score(gold, troops=[troop(qualifier="approx")])
    assert counts(sc.cats["troops"]) == (1, 0, 0)
    assert counts(sc.cats["troops_qualifier"]) == (0, 1, 1)
    assert sc.agree["troop.qualifier"] == {"differ": 1}


def test_optional_troop_figures_absorb_predictions_in_their_range_and_are_never_missed(names):
    gold = {"a1": {"troops": [{"value": None, "qualifier": "approx", "force": "coalition", "location": "Iraq",
                               "kind": "level", "optional": True, "value_range": [100, 999]}]}}
    sc = score(gold, troops=[troop(value=300), troop(value=400, start=10)])
    assert counts(sc.cats["troops"]) == (0, 0, 0)
    assert counts(sc.cats["troops_qualifier"]) == (0, 0, 0)
    assert counts(score(gold, troops=[troop(value=5000)]).cats["troops"]) == (0, 1, 0)


# ----------------------------------------------------------------------------------------- tallies

def tally(value: int, location: str = "", country: str = "", qualifier: str = "exact", start: int = 0) -> dict:
    return {"article_id": "a1", "count": value, "qualifier": qualifier, "location": location, "country": country,
            "period_start": "", "period_end": "", "quote": "...", "start": start}


def test_tally_breakdown_rows_are_matched_by_location(names):
    gold = {"a1": {
        "published": "",
        "places": ["Iraq", "Balad air base", "Qayyarah airfield"],
        "tallies": [{"value": 41, "qualifier": "exact", "location": "", "period_start": "", "period_end": ""},
                    {"value": 15, "qualifier": "exact", "location": "Balad air base", "period_start": "", "period_end": ""},
                    {"value": 12, "qualifier": "exact", "location": "Qayyarah", "period_start": "", "period_end": ""}],
    }}
    right = [tally(41, country="Iraq"), tally(15, location="Balad air base", country="Iraq", start=10),
             tally(12, location="Qayyarah airfield", country="Iraq", start=20)]
    sc = score(gold, attack_counts=right)
    assert counts(sc.cats["tallies"]) == (3, 0, 0)
    assert counts(sc.cats["tallies_location"]) == (3, 0, 0)
    swapped = [tally(41), tally(15, location="Qayyarah airfield", start=10), tally(12, location="Balad", start=20)]
    sc = score(gold, attack_counts=swapped)
    assert counts(sc.cats["tallies"]) == (3, 0, 0)
    assert counts(sc.cats["tallies_location"]) == (1, 2, 2)
    # a gold location "" does not take a row placed elsewhere, nor a country that is not the article's only one
    assert counts(score(gold, attack_counts=[tally(41, country="Syria")]).cats["tallies_location"]) == (0, 1, 3)


# ----------------------------------------------------------------------------------------- militias

def test_factions_follow_the_actors_tables_faction_column_when_it_has_one(names):
    gold = {"a1": {"published": "", "militias": ["IRGC", "Kataib Hezbollah"]}}
    mentions = [{"article_id": "a1", "entity_id": "irgc", "entity_kind": "actor", "surface": "الحرس الثوري", "start": 0},
                {"article_id": "a1", "entity_id": "kataib_hezbollah", "entity_kind": "actor", "surface": "كتائب حزب الله", "start": 9}]
    actors = [{"actor_id": "irgc", "name_en": "Islamic Revolutionary Guard Corps", "name_ar": "", "actor_type": "armed_forces", "in_gazetteer": True},
              {"actor_id": "kataib_hezbollah", "name_en": "Kataib Hezbollah", "name_ar": "", "actor_type": "militia", "in_gazetteer": True}]
    assert counts(score(gold, mentions=mentions, actors=actors).cats["militias"]) == (1, 0, 1)  # by actor_type: IRGC missed
    flagged = [dict(a, is_faction=True) for a in actors]
    assert counts(score(gold, mentions=mentions, actors=flagged).cats["militias"]) == (2, 0, 0)
    # old-format gold never listed the IRGC: there it is ignored when not listed
    old = {"a1": {"militias": ["Kataib Hezbollah"]}}
    assert counts(score(old, mentions=mentions, actors=flagged).cats["militias"]) == (1, 0, 0)


# ----------------------------------------------------------------------------------------- event places

def test_event_places_exclude_background_places(names):
    gold = {"a1": {"published": "", "places": ["Iraq", "Baghdad", "Ain al-Asad"], "event_places": ["Ain al-Asad"]}}

    def mention(pid: str, role: str, start: int) -> dict:
        return {"article_id": "a1", "entity_id": pid, "entity_kind": "place", "surface": pid, "start": start, "role": role}

    right = [mention("ain_al_asad", "event", 0), mention("baghdad", "background", 10), mention("iraq_country", "dateline", 20)]
    sc = score(gold, mentions=right)
    assert counts(sc.cats["event_places"]) == (1, 0, 0)
    assert counts(sc.cats["places"]) == (3, 0, 0)
    wrong = [mention("ain_al_asad", "event", 0), mention("baghdad", "event", 10)]
    sc = score(gold, mentions=wrong)
    assert counts(sc.cats["event_places"]) == (1, 1, 0)
    assert any("background place" in line for line in sc.fps)
    # no role column: the places of the article's incident rows
    no_role = [{k: v for k, v in m.items() if k != "role"} for m in right]
    sc = score(gold, mentions=no_role, incidents=[incident(place="Ain al-Asad"), incident(place="Baghdad", start=5)])
    assert counts(sc.cats["event_places"]) == (1, 1, 0)
    assert sc.counters["event_places.from_incidents.place"] == 1


def test_an_unlisted_region_is_a_finer_name_for_the_listed_place_it_lies_in():
    places = PLACES + [{"id": "anbar", "name_en": "Anbar", "type": "province"},
                       {"id": "western_anbar", "name_en": "western Anbar", "type": "region", "within": "anbar"},
                       {"id": "border_triangle", "name_en": "border triangle", "type": "region"}]
    names = ev.Names(actors=ACTORS, places=places)

    def mention(pid: str, start: int) -> dict:
        return {"article_id": "a1", "entity_id": pid, "entity_kind": "place", "surface": pid, "start": start, "role": "background"}

    found = [mention("western_anbar", 0), mention("anbar", 0), mention("border_triangle", 30)]
    new_format = {"a1": {"published": "", "places": ["Anbar"], "event_places": []}}
    assert counts(score(new_format, names=names, mentions=found).cats["places"]) == (1, 1, 0)  # the triangle is an error
    old_format = {"a1": {"places": ["Anbar"]}}
    assert counts(score(old_format, names=names, mentions=found).cats["places"]) == (1, 0, 0)


# ----------------------------------------------------------------------------------------- inputs and CLI

def test_inputs_copy_articles_and_merge_every_metadata_file(tmp_path):
    src, inp = tmp_path / "set", tmp_path / "input"
    src.mkdir()
    for name in ("a1.txt", "a2.html", "a3.htm", "gold.yaml", "notes.md"):
        (src / name).write_text("x", encoding="utf-8")
    (src / "metadata.csv").write_text("article_id,title,published\na1,T1,\na2,T2,2024-01-02\n", encoding="utf-8")
    (src / "metadata_urls.csv").write_text("article_id,url,published\na1,http://x/2024/01/01/,2024-01-01\na3,,\n", encoding="utf-8")
    meta = ev.prepare_inputs(src, inp)
    assert sorted(p.name for p in inp.iterdir()) == ["a1.txt", "a2.html", "a3.htm", "metadata.csv"]
    merged = pd.read_csv(inp / "metadata.csv", dtype=str, keep_default_na=False)
    assert list(merged.columns) == ["article_id", "title", "published", "url"]
    assert merged.set_index("article_id").loc["a1"].to_dict() == {"title": "T1", "published": "2024-01-01", "url": "http://x/2024/01/01/"}
    assert meta["a2"]["published"] == "2024-01-02" and set(meta) == {"a1", "a2", "a3"}


def test_a_missing_set_stops_with_a_clear_message(tmp_path):
    with pytest.raises(SystemExit, match="no development set"):
        ev.main(["--devset", str(tmp_path / "devset9")])
    (tmp_path / "devset9").mkdir()
    with pytest.raises(SystemExit, match="no gold.yaml"):
        ev.main(["--devset", str(tmp_path / "devset9")])


def test_the_json_figures_carry_every_category_and_the_date_counters(names):
    gold = {"a1": {"published": "", "incidents": [gold_incident()], "tallies": [], "event_places": []}}
    d = ev.scores_to_dict(score(gold, incidents=[incident()]), "tests/devsetX")
    assert set(d["categories"]) == {"troops", "troops_qualifier", "incidents", "militias", "places", "places_resolvable",
                                    "event_places", "tallies", "tallies_location", "published"}
    assert d["categories"]["incidents"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert d["dates"]["incidents_predicted"] == 1 and d["agreement"]["incident.date"]["rate"] == 1.0
