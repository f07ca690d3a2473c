"""Reviews stay on what they reviewed: across a rebuild, a changed extractor and added articles; the rest is orphaned."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import ROOT, build_seed_tables
from preprocess.build import build
from preprocess.review import apply_reviews, make_action, orphans, parse_key
from preprocess.review.cli import read_tables

ID = {"incidents": "incident_id", "troops": "troop_id", "attack_counts": "count_id"}
A000, A001, ARTICLE = "000_37e1980561b20c4b", "001_462258a12eb261c0", "002_99cee76e69b7d09a"


@pytest.fixture(scope="module")
def first(seed_dir):
    return read_tables(seed_dir)


@pytest.fixture(scope="module")
def ids(first) -> dict[str, str]:
    """The seeds' golden rows (tests/test_seeds_golden.py), found by article and date or value, never by offset."""
    incidents, troops, counts = first["incidents"], first["troops"], first["attack_counts"]

    def one(article: str, date: str, country: str | None = None) -> str:
        rows = incidents[(incidents["article_id"] == article) & (incidents["date"] == date)]
        return (rows if country is None else rows[rows["country"] == country])["incident_id"].item()

    return {"rockets": one(A000, "2020-03"), "airport": one(A001, "2020-01-03"), "recap": one(ARTICLE, "2020-01"),
            "tower": one(ARTICLE, "2024-01-28"), "strikes": one(ARTICLE, "2024-01-29", "Iraq"), "drone": one(ARTICLE, "2024-02-07"),
            "troops": troops.loc[(troops["article_id"] == ARTICLE) & (troops["value"] == 2400), "troop_id"].item(),
            "tally": counts.loc[counts["article_id"] == ARTICLE, "count_id"].item()}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """The same seeds built again into another folder."""
    return read_tables(build_seed_tables(tmp_path_factory.mktemp("rebuilt") / "processed"))


@pytest.fixture(scope="module")
def log(first, ids):
    """Reviews of the first build: confirm, correct, reject and merge, on every reviewed table."""
    actions: list = []

    def record(minute, **kw):
        actions.append(make_action(first, actions, now=f"2025-03-01T10:{minute:02d}:00.000000Z", reviewer="Lina", **kw))

    record(1, kind="confirm", table="incidents", row_id=ids["rockets"])
    record(2, kind="correct", table="incidents", row_id=ids["tower"], after={"killed": 3, "wounded": 40}, note="CENTCOM: 40+")
    record(4, kind="correct", table="incidents", row_id=ids["strikes"], after={"weapon": "ballistic_missile"})
    record(5, kind="merge", table="incidents", row_id=ids["recap"], into=ids["airport"])
    record(6, kind="correct", table="troops", row_id=ids["troops"], after={"value": 2500, "qualifier": "approx"})
    record(7, kind="reject", table="attack_counts", row_id=ids["tally"], reason="not_an_event")
    record(8, kind="correct", table="incidents", row_id=ids["drone"], after={"killed": 1})
    return actions


def review_by_quote(applied: dict, table: str) -> dict:
    """What each reviewed row shows, keyed by the text it came from (not by its id)."""
    frame = applied[table]
    frame = frame[frame["review_state"] != "unreviewed"]
    columns = ["review_state", "review_reason", "review_note", "killed", "wounded", "weapon"] if table == "incidents" \
        else ["review_state", "review_reason"] + (["value", "qualifier"] if table == "troops" else ["count"])
    return {(r["article_id"], r["quote"]): tuple(str(r[c]) for c in columns) for _, r in frame.iterrows()}


def changed_extractor(tables: dict, ids: dict) -> tuple[dict, dict]:
    """A new extractor's tables: other incident ids, other row order, and the strikes of 29 January re-merged
    into the drone strike of 7 February (their sentences are one more mention of it). Returns the tables and
    old id -> new id."""
    incidents, sources = tables["incidents"].copy(), tables["incident_sources"].copy()
    absorbed, kept = ids["strikes"], ids["drone"]
    moved = sources[(sources["incident_id"] == absorbed) & (sources["slot"] == "mention")].assign(incident_id=kept)
    sources = pd.concat([sources[sources["incident_id"] != absorbed], moved], ignore_index=True)
    incidents = incidents[incidents["incident_id"] != absorbed]
    new_ids = {old: f"{old.split('-inc-')[0]}-event-{n}" for n, old in enumerate(reversed(incidents["incident_id"].tolist()))}
    new_ids[absorbed] = new_ids[kept]
    incidents = incidents.assign(incident_id=incidents["incident_id"].map(new_ids)).iloc[::-1].reset_index(drop=True)
    sources = sources.assign(incident_id=sources["incident_id"].map(new_ids)).sample(frac=1, random_state=3).reset_index(drop=True)
    return {**tables, "incidents": incidents, "incident_sources": sources}, new_ids


def test_a_rebuild_keeps_every_review_on_its_row(first, rebuilt, log):
    for table in ID:
        assert review_by_quote(apply_reviews(rebuilt, log), table) == review_by_quote(apply_reviews(first, log), table)
    assert orphans(rebuilt, log).empty


def test_a_changed_extractor_that_renumbers_and_re_merges_incidents_keeps_the_reviews(rebuilt, log, ids):
    tables, new_ids = changed_extractor(rebuilt, ids)
    applied = apply_reviews(tables, log)
    frame = applied["incidents"].set_index("incident_id")
    assert frame.loc[new_ids[ids["rockets"]], "review_state"] == "confirmed"
    tower = frame.loc[new_ids[ids["tower"]]]
    assert (tower["review_state"], tower["wounded"], tower["review_note"]) == ("corrected", 40, "CENTCOM: 40+")
    # the reviews of both incidents land on the incident that now holds both sentences
    remerged = frame.loc[new_ids[ids["drone"]]]
    assert (remerged["weapon"], remerged["killed"], remerged["review_state"]) == ("ballistic_missile", 1, "corrected")
    merged = frame.loc[new_ids[ids["recap"]]]
    assert (merged["review_state"], merged["merged_into"]) == ("rejected", new_ids[ids["airport"]])
    assert orphans(tables, log).empty


def test_added_articles_leave_every_review_in_place(first, log, tmp_path):
    inputs = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "raw", inputs)
    for name in ("dev01_reuters_ainasad.txt", "dev02_afp_erbil_hilla.txt"):
        shutil.copy(ROOT / "tests" / "devset" / name, inputs / name)
    build([inputs], tmp_path / "processed")
    more = read_tables(tmp_path / "processed")
    assert len(more["articles"]) == len(first["articles"]) + 2
    for table in ID:
        assert review_by_quote(apply_reviews(more, log), table) == review_by_quote(apply_reviews(first, log), table)
    assert orphans(more, log).empty


def sibling_tables(tables: dict, tower: str) -> dict:
    """Two incidents told in one sentence (one per base), as the extractor gives them: same spans, other place."""
    incidents, sources = tables["incidents"], tables["incident_sources"]
    one = incidents[incidents["incident_id"] == tower]
    twin = one.assign(incident_id=tower + "-2", place="al-Tanf", target="al-Tanf", country="Syria")
    twin_sources = sources[sources["incident_id"] == tower].assign(incident_id=tower + "-2")
    return {**tables, "incidents": pd.concat([incidents, twin], ignore_index=True),
            "incident_sources": pd.concat([sources, twin_sources], ignore_index=True)}


def test_incidents_told_in_one_sentence_keep_their_own_reviews(first, ids):
    tower = ids["tower"]
    tables = sibling_tables(first, tower)
    keys = apply_reviews(tables, [])["incidents"].set_index("incident_id")["review_key"]
    assert keys[tower] != keys[tower + "-2"]
    actions = [make_action(tables, [], kind="correct", table="incidents", row_id=tower, reviewer="Lina",
                           after={"killed": 4}, now="2025-03-01T10:00:00Z"),
               make_action(tables, [], kind="reject", table="incidents", row_id=tower + "-2", reviewer="Lina",
                           reason="not_an_event", now="2025-03-01T10:01:00Z")]
    # a new extractor renames both and finds one more sentence behind each: each review still finds its base
    sources = tables["incident_sources"]
    restated = sources[(sources["incident_id"].str.startswith(tower)) & (sources["slot"] == "mention")]
    later = tables["incidents"].assign(incident_id=lambda f: f["incident_id"] + "x")
    moved = {**tables, "incidents": later,
             "incident_sources": pd.concat([sources, restated.assign(start=1096, end=1300)], ignore_index=True)
             .assign(incident_id=lambda f: f["incident_id"] + "x")}
    assert not set(apply_reviews(moved, [])["incidents"]["review_key"]) & {a.row_key for a in actions}
    frame = apply_reviews(moved, actions)["incidents"].set_index("incident_id")
    assert (frame.loc[tower + "x", "killed"], frame.loc[tower + "x", "review_state"]) == (4, "corrected")
    assert frame.loc[tower + "-2x", "review_state"] == "rejected"
    # one of the two is gone: its review is orphaned, it does not land on the other base
    only = {**moved, "incidents": later[later["incident_id"] != tower + "-2x"]}
    frame = apply_reviews(only, actions)["incidents"].set_index("incident_id")
    assert frame.loc[tower + "x", "review_state"] == "corrected"
    lost = orphans(only, actions)
    assert lost[["kind", "problem"]].values.tolist() == [["reject", "orphan_row_gone"]]
    # ... even when the base left over was never reviewed itself
    frame = apply_reviews(only, actions[1:])["incidents"].set_index("incident_id")
    assert frame.loc[tower + "x", "review_state"] == "unreviewed"
    assert orphans(only, actions[1:])["kind"].tolist() == ["reject"]


def test_an_incident_the_new_extractor_dates_otherwise_keeps_its_review(first, log, ids):
    tower = ids["tower"]
    incidents = first["incidents"].copy()
    incidents.loc[incidents["incident_id"] == tower, ["date", "place"]] = ["2024-01-27", "Ain al-Asad"]
    shown = apply_reviews({**first, "incidents": incidents}, log)["incidents"].set_index("incident_id").loc[tower]
    assert (shown["review_state"], shown["wounded"], shown["date"]) == ("corrected", 40, "2024-01-27")


def test_a_figure_whose_number_phrase_grows_keeps_its_review(first, log, ids):
    troops = first["troops"].copy()
    troops.loc[troops["troop_id"] == ids["troops"], "start"] -= 4
    shown = apply_reviews({**first, "troops": troops}, log)["troops"].set_index("troop_id").loc[ids["troops"]]
    assert (shown["review_state"], shown["value"]) == ("corrected", 2500)


def test_reviews_of_a_changed_article_and_of_vanished_rows_are_listed_with_what_they_said(first, log, ids):
    tower = ids["tower"]
    articles = first["articles"].copy()
    articles.loc[articles["article_id"] == ARTICLE, "content_hash"] = "0" * 64  # the article's text was edited
    troops = first["troops"][first["troops"]["troop_id"] != ids["troops"]]
    lost = orphans({**first, "articles": articles}, log)
    assert set(lost["problem"]) == {"orphan_article_changed"}
    assert sorted(lost["row_id"]) == sorted(a.row_id for a in log if a.article_id == ARTICLE)
    said = lost.set_index("row_id").loc[tower]
    assert '"wounded": 40' in said["after"] and said["note"] == "CENTCOM: 40+" and said["reviewer"] == "Lina"
    applied = apply_reviews({**first, "articles": articles}, log)["incidents"].set_index("incident_id")
    assert applied.loc[tower, "review_state"] == "unreviewed"  # shown as the extractor has it
    gone = orphans({**first, "troops": troops}, log)
    assert gone[["kind", "table", "problem"]].values.tolist() == [["correct", "troops", "orphan_row_gone"]]


def test_a_merge_into_a_vanished_incident_is_listed_and_the_row_counts_again(first, log, ids):
    survivor = ids["airport"]
    incidents = first["incidents"][first["incidents"]["incident_id"] != survivor]
    tables = {**first, "incidents": incidents}
    lost = orphans(tables, log)
    assert lost[["kind", "problem"]].values.tolist() == [["merge", "orphan_merge_target_gone"]]
    row = apply_reviews(tables, log)["incidents"].set_index("incident_id").loc[ids["recap"]]
    assert (row["review_state"], row["merged_into"]) == ("unreviewed", "")


def test_articles_with_the_same_text_share_their_reviews(first, log, ids):
    copy_id = "999_copy"
    articles = pd.concat([first["articles"], first["articles"][first["articles"]["article_id"] == ARTICLE]
                          .assign(article_id=copy_id, duplicate_of=ARTICLE)], ignore_index=True)
    troops = pd.concat([first["troops"], first["troops"][first["troops"]["article_id"] == ARTICLE]
                        .assign(article_id=copy_id, troop_id=lambda f: f["troop_id"].str.replace(ARTICLE, copy_id))],
                       ignore_index=True)
    applied = apply_reviews({**first, "articles": articles, "troops": troops}, log)["troops"].set_index("troop_id")
    copied = ids["troops"].replace(ARTICLE, copy_id)
    assert applied.loc[copied, "review_state"] == applied.loc[ids["troops"], "review_state"] == "corrected"


def test_keys_name_the_text_not_the_row(first, ids):
    keys = apply_reviews(first, [])
    hashes = dict(zip(first["articles"]["article_id"], first["articles"]["content_hash"]))
    for table, frame in ((t, keys[t]) for t in ID):
        for _, row in frame.iterrows():
            parsed = parse_key(row["review_key"])
            assert (parsed.table, parsed.content_hash, parsed.start, parsed.end) == (table, hashes[row["article_id"]], row["start"], row["end"])
    incident = keys["incidents"].set_index("incident_id").loc[ids["rockets"]]
    sources = first["incident_sources"]
    mine = sources[(sources["incident_id"] == ids["rockets"]) & (sources["slot"] == "mention")]
    assert set(parse_key(incident["review_key"]).mentions) == set(zip(mine["start"], mine["end"]))


def test_past_the_all_keys_size_only_the_named_articles_get_keys_and_reviews_land_the_same(first, ids, log, monkeypatch):
    """At a desk's scale (a million incidents) keys are worked out only for the articles the log names: the reviewed
    rows end the same, other rows' review_key is empty, and an action on any row still names it by its key."""
    import preprocess.review.apply as apply_module
    log = [a for a in log if a.article_id == A000]  # one article named: the others' keys are not worked out
    whole = apply_reviews(first, log)
    monkeypatch.setattr(apply_module, "ALL_KEYS_UP_TO", 0)
    narrow = apply_reviews(first, log)
    for table in ("incidents", "troops", "attack_counts"):
        cols = [c for c in whole[table].columns if c != "review_key"]
        pd.testing.assert_frame_equal(whole[table][cols], narrow[table][cols])
        reviewed = narrow[table]["review_state"] != "unreviewed"
        assert (narrow[table].loc[reviewed, "review_key"] == whole[table].loc[reviewed, "review_key"]).all()
    named = {k.split("|")[1] for a in log for k in (a.row_key, a.other_key) if k}
    hashes = dict(zip(first["articles"]["article_id"], first["articles"]["content_hash"]))
    elsewhere = narrow["incidents"][~narrow["incidents"]["article_id"].map(hashes).isin(named)]
    assert len(elsewhere) and (elsewhere["review_key"] == "").all()
    row = elsewhere.iloc[0]
    action = make_action(first, log, kind="confirm", table="incidents", row_id=row["incident_id"], reviewer="Lina",
                         now="2025-03-01T11:00:00.000000Z")
    assert action.row_key == whole["incidents"].set_index("incident_id").loc[row["incident_id"], "review_key"]
