"""The review log and its fold: order of arrival never matters, the later edit of a field wins, merge/split, states."""
from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pandas as pd
import pytest

from preprocess.review import ReviewError, apply_reviews, coverage, make_action
from preprocess.review.cli import read_tables
from preprocess.review.fold import fold

REVIEWED = ("incidents", "troops", "attack_counts")


@pytest.fixture(scope="module")
def tables(seed_dir):
    return read_tables(seed_dir)


def at(minute: int, second: int = 0) -> str:
    return f"2025-03-01T10:{minute:02d}:{second:02d}.000000Z"


A002 = "002_99cee76e69b7d09a"
# Golden incidents of the seeds (tests/test_seeds_golden.py), found by article and date, never by offset.
GOLDEN = [("000_37e1980561b20c4b", "2020-03"),      # rocket attack, 3 killed
          ("001_462258a12eb261c0", "2020-01-03"),   # the strike near Baghdad airport ...
          ("002_99cee76e69b7d09a", "2020-01"),      # ... recapped by another article
          ("002_99cee76e69b7d09a", "2024-01-28"),   # Tower 22, Jordan
          ("002_99cee76e69b7d09a", "2024-02-07"),
          ("002_99cee76e69b7d09a", "2024-01-29", "Iraq")]  # (the wave's Iraq row; Syria has its own)


def incident(tables, n: int) -> str:
    frame = tables["incidents"]
    article, date, *country = GOLDEN[n]
    rows = frame[(frame["article_id"] == article) & (frame["date"] == date)]
    return (rows[rows["country"] == country[0]] if country else rows)["incident_id"].item()


def iraq_troops(tables) -> pd.Series:
    """The seeds' 'about 2,400' US troops in Iraq."""
    troops = tables["troops"]
    return troops[(troops["article_id"] == A002) & (troops["value"] == 2400)].iloc[0]


def record(tables, log: list, minute: int, **kw):
    action = make_action(tables, log, now=at(minute), reviewer=kw.pop("reviewer", "Lina"), **kw)
    log.append(action)
    return action


def row(applied, table: str, row_id: str) -> pd.Series:
    frame = applied[table]
    column = {"incidents": "incident_id", "troops": "troop_id", "attack_counts": "count_id"}[table]
    return frame[frame[column] == row_id].iloc[0]


def same_tables(a: dict, b: dict) -> None:
    for name in (*REVIEWED, "incident_sources"):
        pd.testing.assert_frame_equal(a[name].reset_index(drop=True), b[name].reset_index(drop=True), check_like=False)


def test_an_unreviewed_table_set_gets_the_review_columns_and_nothing_else_changes(tables):
    applied = apply_reviews(tables, [])
    for name in REVIEWED:
        frame = applied[name]
        assert set(frame["review_state"]) <= {"unreviewed"}
        assert (frame["review_key"] != "").all() and frame["review_key"].is_unique, name
        pd.testing.assert_frame_equal(frame[list(tables[name].columns)], tables[name])
    assert (applied["incidents"]["merged_into"] == "").all()
    assert applied["articles"] is tables["articles"]


def test_the_same_actions_in_any_order_of_arrival_give_the_same_tables(tables):
    log: list = []
    first, second, fourth = incident(tables, 0), incident(tables, 1), incident(tables, 3)
    record(tables, log, 1, kind="correct", table="incidents", row_id=first, after={"killed": 4})
    record(tables, log, 2, kind="correct", table="incidents", row_id=first, after={"weapon": "drone"}, reviewer="Omar")
    record(tables, log, 3, kind="confirm", table="incidents", row_id=fourth)
    record(tables, log, 4, kind="reject", table="incidents", row_id=second, reason="not_an_event", note="a threat")
    record(tables, log, 5, kind="correct", table="troops", row_id=tables["troops"]["troop_id"].iloc[0], after={"value": 2600})
    reference = apply_reviews(tables, log)
    shuffled = random.Random(7)
    for _ in range(12):
        order = log[:]
        shuffled.shuffle(order)
        same_tables(apply_reviews(tables, order), reference)
    assert row(reference, "incidents", first)["killed"] == 4
    assert row(reference, "incidents", first)["weapon"] == "drone"


def test_the_later_of_two_edits_of_one_field_wins_whatever_arrives_first(tables):
    target = incident(tables, 0)
    early = make_action(tables, [], kind="correct", table="incidents", row_id=target, reviewer="Lina",
                        after={"killed": 5}, now=at(1))
    late = make_action(tables, [], kind="correct", table="incidents", row_id=target, reviewer="Omar",
                       after={"killed": 7}, now=at(2))
    for order in ([early, late], [late, early]):
        shown = row(apply_reviews(tables, order), "incidents", target)
        assert (shown["killed"], shown["reviewed_by"], shown["review_state"]) == (7, "Omar", "corrected")
    # the same instant: the action id breaks the tie, the same way on every copy
    tied = [replace(early, at=at(3)), replace(late, at=at(3))]
    winner = max(tied, key=lambda a: a.action_id).after["killed"]
    for order in itertools.permutations(tied):
        assert row(apply_reviews(tables, list(order)), "incidents", target)["killed"] == winner


def test_edits_of_different_fields_by_two_analysts_both_stay(tables):
    target = incident(tables, 3)
    a = make_action(tables, [], kind="correct", table="incidents", row_id=target, reviewer="Lina", after={"killed": 4}, now=at(2))
    b = make_action(tables, [], kind="correct", table="incidents", row_id=target, reviewer="Omar", after={"weapon": "drone"}, now=at(1))
    shown = row(apply_reviews(tables, [a, b]), "incidents", target)
    assert (shown["killed"], shown["weapon"], shown["reviewed_by"]) == (4, "drone", "Lina")


def test_reject_confirm_and_correct_give_their_states_and_the_last_decision_wins(tables):
    target, log = incident(tables, 0), []
    record(tables, log, 1, kind="reject", table="incidents", row_id=target, reason="out_of_scope")
    shown = row(apply_reviews(tables, log), "incidents", target)
    assert (shown["review_state"], shown["review_reason"]) == ("rejected", "out_of_scope")
    record(tables, log, 2, kind="confirm", table="incidents", row_id=target, note="it is in scope after all")
    shown = row(apply_reviews(tables, log), "incidents", target)
    assert (shown["review_state"], shown["review_reason"], shown["review_note"]) == ("confirmed", "", "it is in scope after all")
    record(tables, log, 3, kind="correct", table="incidents", row_id=target, after={"date": "2020-03-14"})
    shown = row(apply_reviews(tables, log), "incidents", target)
    assert (shown["review_state"], shown["date"], shown["date_precision"], shown["year"]) == ("corrected", "2020-03-14", "day", 2020)


def test_a_correction_to_the_value_already_there_is_a_confirmation(tables):
    target = tables["troops"].iloc[0]
    action = make_action(tables, [], kind="correct", table="troops", row_id=target["troop_id"], reviewer="Lina",
                         after={"value": int(target["value"])})
    assert row(apply_reviews(tables, [action]), "troops", target["troop_id"])["review_state"] == "confirmed"


def test_a_confirmation_holds_the_values_the_analyst_saw_when_the_extractor_later_changes_them(tables):
    target = incident(tables, 3)
    confirm = make_action(tables, [], kind="confirm", table="incidents", row_id=target, reviewer="Lina")
    changed = {**tables, "incidents": tables["incidents"].copy()}
    changed["incidents"].loc[changed["incidents"]["incident_id"] == target, "killed"] = 99
    shown = row(apply_reviews(changed, [confirm]), "incidents", target)
    assert (shown["killed"], shown["review_state"]) == (confirm.before["killed"], "corrected")


def test_a_correction_keeps_the_derived_columns_true(tables):
    target = incident(tables, 3)  # Tower 22, Jordan
    action = make_action(tables, [], kind="correct", table="incidents", row_id=target, reviewer="Lina",
                         after={"place": "Ain al-Asad", "perpetrator": "Kataib Hezbollah"})
    shown = row(apply_reviews(tables, [action]), "incidents", target)
    places = tables["places"].set_index("name_en")
    assert (shown["lat"], shown["lon"]) == (places.loc["Ain al-Asad", "lat"], places.loc["Ain al-Asad", "lon"])
    assert shown["country"] == "Iraq"
    assert "Kataib Hezbollah" in shown["factions"].split("; ")


def test_merge_then_split_restores_the_tables(tables):
    before_log: list = []
    absorbed, kept = incident(tables, 2), incident(tables, 1)  # one strike, reported by two articles
    record(tables, before_log, 1, kind="correct", table="incidents", row_id=kept, after={"killed": 10})
    reference = apply_reviews(tables, before_log)
    log = before_log[:]
    record(tables, log, 2, kind="merge", table="incidents", row_id=absorbed, into=kept, note="same strike")
    merged = apply_reviews(tables, log)
    gone, event = row(merged, "incidents", absorbed), row(merged, "incidents", kept)
    assert (gone["review_state"], gone["review_reason"], gone["merged_into"]) == ("rejected", "duplicate", kept)
    assert gone["event_key"] == event["event_key"]
    sources = merged["incident_sources"]
    own = tables["incident_sources"][tables["incident_sources"]["incident_id"] == absorbed]
    kept_spans = set(zip(sources.loc[sources["incident_id"] == kept, "start"], sources.loc[sources["incident_id"] == kept, "end"]))
    assert set(zip(own["start"], own["end"])) <= kept_spans
    assert len(merged["incidents"]) == len(tables["incidents"])  # the merged row stays, flagged
    record(tables, log, 3, kind="split", table="incidents", row_id=absorbed, note="two strikes after all")
    same_tables(apply_reviews(tables, log), reference)


def test_merge_chains_end_at_one_event_and_a_loop_from_two_analysts_gives_way_to_the_earlier_merge(tables):
    a, b, c = incident(tables, 4), incident(tables, 5), incident(tables, 3)
    log: list = []
    record(tables, log, 1, kind="merge", table="incidents", row_id=a, into=b)
    record(tables, log, 2, kind="merge", table="incidents", row_id=b, into=c)
    applied = apply_reviews(tables, log)
    assert row(applied, "incidents", a)["merged_into"] == c and row(applied, "incidents", b)["merged_into"] == c
    # two analysts at once: A into B and B into A; neither saw the other's merge
    ab = make_action(tables, [], kind="merge", table="incidents", row_id=a, into=b, reviewer="Lina", now=at(5))
    ba = make_action(tables, [], kind="merge", table="incidents", row_id=b, into=a, reviewer="Omar", now=at(6))
    applied = apply_reviews(tables, [ba, ab])
    assert row(applied, "incidents", a)["merged_into"] == b
    assert row(applied, "incidents", b)["review_state"] == "unreviewed"


def test_a_merge_that_would_make_a_loop_is_refused(tables):
    a, b = incident(tables, 4), incident(tables, 5)
    log: list = []
    record(tables, log, 1, kind="merge", table="incidents", row_id=a, into=b)
    with pytest.raises(ReviewError) as refused:
        make_action(tables, log, kind="merge", table="incidents", row_id=b, into=a, reviewer="Omar")
    assert [p.key for p in refused.value.problems] == ["merge_cycle"]


def test_added_rows_carry_every_column_and_their_sentence(tables):
    article = tables["articles"].set_index("article_id", drop=False).loc[A002]
    start = article["text"].index("\n", 100) + 1
    end = article["text"].index("\n", start)
    log: list = []
    added = record(tables, log, 1, kind="add", table="incidents", row_id=article["article_id"], span=(start, end),
                   after={"event_type": "attack", "date": "2024-01-20", "place": "Ain al-Asad", "weapon": "ballistic_missile",
                          "killed": 0})
    applied = apply_reviews(tables, log)
    frame = applied["incidents"]
    assert len(frame) == len(tables["incidents"]) + 1
    new = frame.iloc[-1]
    assert list(frame.columns)[:len(tables["incidents"].columns)] == list(tables["incidents"].columns)
    assert (new["review_state"], new["article_id"], new["quote"]) == ("added", article["article_id"], article["text"][start:end])
    assert (new["date_precision"], new["year"], new["country"], new["killed"]) == ("day", 2024, "Iraq", 0)
    assert new["review_key"] == added.row_key and new["incident_id"].endswith(added.action_id[:8])
    sources = applied["incident_sources"]
    assert ((sources["incident_id"] == new["incident_id"]) & (sources["slot"] == "mention")).sum() == 1
    for column, dtype in tables["incidents"].dtypes.items():
        assert frame[column].dtype == dtype, column
    # an added row is reviewed like any other: rejected, it stays flagged
    record(tables, log, 2, kind="reject", table="incidents", row_id=new["incident_id"], reason="duplicate")
    assert apply_reviews(tables, log)["incidents"].iloc[-1]["review_state"] == "rejected"


def test_an_added_figure_is_keyed_by_its_number_phrase_and_joins_the_extractor_row_that_later_finds_it(tables):
    figure = iraq_troops(tables)
    sentence = (int(figure["sentence_start"]), int(figure["sentence_end"]))
    without = {**tables, "troops": tables["troops"][tables["troops"]["troop_id"] != figure["troop_id"]].reset_index(drop=True)}
    add = make_action(without, [], kind="add", table="troops", row_id=figure["article_id"], span=sentence,
                      after={"value": int(figure["value"]), "force": "US"}, reviewer="Lina")
    assert add.row_key.endswith(f"|{figure['start']}-{figure['end']}")
    assert apply_reviews(without, [add])["troops"].iloc[-1]["review_state"] == "added"
    found = apply_reviews(tables, [add])["troops"]  # the next extractor finds it: one row, not two
    assert len(found) == len(tables["troops"])
    assert found.set_index("troop_id").loc[figure["troop_id"], "review_state"] in ("confirmed", "corrected")


def test_coverage_counts_each_state(tables):
    log: list = []
    record(tables, log, 1, kind="confirm", table="incidents", row_id=incident(tables, 0))
    record(tables, log, 2, kind="reject", table="incidents", row_id=incident(tables, 4), reason="out_of_scope")
    figures = coverage(apply_reviews(tables, log))
    n = len(tables["incidents"])
    assert figures["incidents"] == {"rows": n, "reviewed": 2, "share": round(2 / n, 4), "unreviewed": n - 2,
                                    "confirmed": 1, "corrected": 0, "rejected": 1, "added": 0}
    assert coverage(tables["troops"])["reviewed"] == 0


def test_the_fold_counts_an_action_once_however_often_it_arrives(tables):
    action = make_action(tables, [], kind="correct", table="incidents", row_id=incident(tables, 0), reviewer="Lina",
                         after={"killed": 2})
    assert len(fold([action, action, action])[action.row_key].actions) == 1


def test_the_app_frames_from_the_loaders_are_reviewed_alike(seed_dir, tables):
    from components.loaders import read_tables as app_read_tables

    app_tables = app_read_tables(seed_dir)
    action = make_action(tables, [], kind="correct", table="incidents", row_id=incident(tables, 0), reviewer="Lina",
                         after={"killed": 2, "place": "Baghdad"})
    applied = apply_reviews(app_tables, [action])
    shown = row(applied, "incidents", incident(tables, 0))
    assert (shown["killed"], shown["place"], shown["review_state"]) == (2, "Baghdad", "corrected")
    assert applied["incidents"]["review_state"].dtype == app_tables["incidents"]["article_id"].dtype
