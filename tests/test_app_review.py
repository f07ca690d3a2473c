"""Analyst review in the app (issue 11), through AppTest: confirm, correct, reject, merge, add from the reader, the token,
bad input, and a rebuild that keeps every review; each test writes to a review log of its own (conftest)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from components import query
from components.loaders import read_tables
from preprocess.build import build
from preprocess.review import ReviewStore
from tests.conftest import ROOT, open_page
from tests.test_app_pages import csv_rows, downloads, only  # noqa: F401 (fixture)

ARTICLE = "002_99cee76e69b7d09a"


@pytest.fixture
def seed(use_tables, tmp_path):
    """A seed table set of this test's own (a test may rebuild it)."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    data = tmp_path / "processed"
    build([raw], data)
    use_tables(data, raw)
    return data


def incident(tables, date: str, country: str | None = None) -> str:
    incidents = tables["incidents"]
    rows = incidents[(incidents["article_id"] == ARTICLE) & (incidents["date"] == date)]
    return (rows if country is None else rows[rows["country"] == country])["incident_id"].item()


def as_reviewer(at, name: str = "Lina"):
    at.sidebar.text_input(key="review_reviewer").input(name).run()
    return at


def pick(at, table: str, row_id: str):
    at.selectbox(key=f"review_pick_{table}").set_value(row_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def submit(at, label: str):
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_row(at, row_id: str, key: str = "incident_table") -> pd.Series:
    """The row of a shown table (by its position in the rows the page holds) as displayed."""
    frame = at.dataframe(key=key).value
    ids = [o for o in at.selectbox(key="review_pick_incidents" if key == "incident_table" else "review_pick_troops").options]
    assert len(frame) == len(ids)
    return frame


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def overview(lang: str = "en", **params):
    return open_page("overview", lang=lang, **params)


def shown_states(at, key: str = "incident_table") -> list[str]:
    return at.dataframe(key=key).value["review_state"].tolist()


def test_confirm_one_row_shows_it_confirmed_and_counts_it_reviewed(seed):
    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")
    at = as_reviewer(open_page("incidents", lang="en"))
    submit(pick(at, "incidents", tower), "Confirm this row as it is")
    assert any("Saved: confirm" in s.value for s in at.success)
    frame = at.dataframe(key="incident_table").value
    assert "Confirmed" in frame["review_state"].tolist() or "confirmed" in frame["review_state"].tolist()
    assert frame["reviewed_by"].tolist().count("Lina") == 1
    cover = " ".join(c.value for c in overview().caption)
    assert f"1 of {len(tables['incidents'])} incidents in this view are reviewed" in cover


def test_correct_a_toll_changes_the_table_the_headline_and_the_csv(seed, downloads):
    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")
    before = metrics(overview())["Killed"]
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", tower))
    at.text_input(key=f"rv_incidents_killed_{tower}").input("12")
    at.text_area(key=f"rv_correct_note_incidents_{tower}").input("CENTCOM statement")
    submit(at, "Save the correction")
    frame = at.dataframe(key="incident_table").value
    assert 12 in frame["killed"].dropna().tolist() and "corrected" in frame["review_state"].tolist()
    after = metrics(overview())["Killed"]
    assert int(after) == int(before) - int(tables["incidents"].set_index("incident_id").at[tower, "killed"]) + 12
    exported = csv_rows(only(downloads, "rasid_incidents_"))
    row = exported[exported["incident_id"] == tower].iloc[0]
    assert row["killed"] == "12" and row["review_state"] == "corrected" and row["reviewed_by"] == "Lina"
    assert row["review_note"] == "CENTCOM statement" and row["reviewed_at"]


def test_reject_takes_the_row_out_of_the_counts_and_the_toggle_brings_it_back(seed):
    tables = read_tables(seed)
    drone = incident(tables, "2024-02-07")
    n_before = int(metrics(overview())["Incidents"])
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", drone))
    at.radio(key=f"rv_reason_incidents_{drone}").set_value("out_of_scope")
    submit(at, "Reject this row")
    assert len(at.dataframe(key="incident_table").value) == len(tables["incidents"]) - 1
    view = overview()
    assert int(metrics(view)["Incidents"]) == n_before - 1
    assert any("Rejected rows are out of the view" in c.value and ": 1." in c.value for c in view.caption)
    view.sidebar.toggle(key="flt_show_rejected").set_value(True).run()
    assert int(metrics(view)["Incidents"]) == n_before and view.query_params["rejected"] == "1"
    view.switch_page("app_pages/incidents.py").run()
    frame = view.dataframe(key="incident_table").value
    assert len(frame) == len(tables["incidents"]) and "rejected" in frame["review_state"].tolist()


def test_reviewed_only_keeps_the_reviewed_rows(seed):
    tables = read_tables(seed)
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", incident(tables, "2024-01-28")))
    submit(at, "Confirm this row as it is")
    at.sidebar.toggle(key="flt_reviewed_only").set_value(True).run()
    assert shown_states(at) == ["confirmed"] and at.query_params["reviewed"] == "1"


def test_merge_two_incidents_counts_one_event_and_split_brings_it_back(seed):
    tables = read_tables(seed)
    strikes, drone = incident(tables, "2024-01-29", "Iraq"), incident(tables, "2024-02-07")
    n_before = int(metrics(overview())["Incidents"])
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", strikes))
    at.selectbox(key=f"rv_into_{strikes}").set_value(drone)
    submit(at, "Merge into the chosen incident")
    assert int(metrics(overview())["Incidents"]) == n_before - 1
    pick(at, "incidents", drone)
    submit(at, f"Split `{strikes}` back out")
    assert int(metrics(overview())["Incidents"]) == n_before
    assert len(ReviewStore().actions()) == 2


def test_add_an_incident_from_a_sentence_in_the_reader(seed):
    tables = read_tables(seed)
    text = tables["articles"].set_index("article_id").at[ARTICLE, "text"]
    n_before = int(metrics(overview())["Incidents"])
    at = as_reviewer(open_page("articles", lang="en", article=ARTICLE, at="0"))
    at.selectbox(key="add_incidents_event_type").set_value("attack")
    at.text_input(key="add_incidents_date").input("2024-01-20")
    at.selectbox(key="add_incidents_weapon").set_value("drone")
    at.text_input(key="add_incidents_killed").input("2")
    submit(at, "Add from this sentence")
    assert any("Saved: add" in s.value for s in at.success)
    [added] = [a for a in ReviewStore().actions() if a.kind == "add"]
    assert added.after["killed"] == 2 and added.after["weapon"] == "drone" and added.article_id == ARTICLE
    start, end = (int(x) for x in added.row_key.split("|")[2].split("-"))
    assert start == 0 and text[start:end].strip()  # the article's first sentence
    assert int(metrics(overview())["Incidents"]) == n_before + 1
    incidents = open_page("incidents", lang="en")
    frame = incidents.dataframe(key="incident_table").value
    assert frame["review_state"].tolist().count("added") == 1
    assert 2 in frame.loc[frame["review_state"] == "added", "killed"].tolist()


def test_a_token_protects_the_actions_and_reading_stays_open(seed, monkeypatch):
    monkeypatch.setenv("RASID_REVIEW_TOKEN", "desk-secret")
    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", tower))
    assert len(at.dataframe(key="incident_table").value) == len(tables["incidents"])  # reading is open
    assert any("need the review token" in i.value for i in at.info)
    [confirm] = [b for b in at.button if b.label == "Confirm this row as it is"]
    assert confirm.disabled
    at.sidebar.text_input(key="review_token").input("wrong").run()
    assert [b for b in at.button if b.label == "Confirm this row as it is"][0].disabled
    at.sidebar.text_input(key="review_token").input("desk-secret").run()
    submit(at, "Confirm this row as it is")
    assert len(ReviewStore().actions()) == 1 and "confirmed" in shown_states(at)


def test_read_only_dashboard_refuses_review_writes(seed, monkeypatch):
    monkeypatch.setenv("RASID_READONLY", "1")
    tables = read_tables(seed)
    at = as_reviewer(pick(open_page("incidents", lang="ar"), "incidents", incident(tables, "2024-01-28")))
    assert any("للقراءة فقط" in i.value for i in at.info)
    assert all(b.disabled for b in at.button if b.label == "تأكيد هذا الصف كما هو")


def test_bad_input_is_refused_in_the_page_language_and_changes_nothing(seed, downloads):
    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")
    at = as_reviewer(pick(open_page("incidents", lang="ar"), "incidents", tower))
    at.text_input(key=f"rv_incidents_killed_{tower}").input("100000")
    at.text_input(key=f"rv_incidents_date_{tower}").input("yesterday")
    submit(at, "حفظ التصحيح")
    refusal = " ".join(e.value for e in at.error)
    assert "لم يُحفظ شيء" in refusal and "100000" in refusal and "أكبر من" in refusal
    assert "`yesterday`" in refusal and "ليس تاريخاً" in refusal  # the analyst's text quoted as literal text
    assert ReviewStore().version() == 0
    # no name: refused too
    at.sidebar.text_input(key="review_reviewer").input("").run()
    submit(at, "تأكيد هذا الصف كما هو")
    assert any("أدخل اسمك" in e.value for e in at.error) and ReviewStore().version() == 0
    # a note with HTML and a formula: kept as written, shown as literal text, neutralised in the CSV
    as_reviewer(at)
    note = '=HYPERLINK("http://x.example","<b>click</b>")'
    at.text_input(key=f"rv_confirm_note_incidents_{tower}").input(note)
    submit(at, "تأكيد هذا الصف كما هو")
    shown = [c.value for c in at.caption if "ملاحظة المراجع" in c.value]
    assert shown and f"`{note}`" in shown[0]
    exported = csv_rows(only(downloads, "rasid_incidents_"))
    assert exported.loc[exported["incident_id"] == tower, "review_note"].item() == "'" + note


def test_rebuild_keeps_every_review_and_the_csv_shows_them(seed, downloads, tmp_path):
    tables = read_tables(seed)
    tower, drone = incident(tables, "2024-01-28"), incident(tables, "2024-02-07")
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", tower))
    at.text_input(key=f"rv_incidents_killed_{tower}").input("5")
    submit(at, "Save the correction")
    pick(at, "incidents", drone)
    submit(at, "Reject this row")
    troop = tables["troops"]["troop_id"].iloc[0]
    at.switch_page("app_pages/troops.py").run()
    pick(at, "troops", troop)
    submit(at, "Confirm this row as it is")
    # the tables are rebuilt in place, from the seeds and one more article
    (tmp_path / "raw" / "777_extra.txt").write_text("قال مسؤول عراقي إن الحكومة تسعى إلى منع التصعيد في بغداد.\n", encoding="utf-8")
    build([tmp_path / "raw"], seed)
    downloads.clear()
    at = open_page("incidents", lang="en", rejected="1")
    frame = at.dataframe(key="incident_table").value
    assert sorted(s for s in frame["review_state"] if s != "unreviewed") == ["corrected", "rejected"]
    exported = csv_rows(only(downloads, "rasid_incidents_with-rejected_"))
    assert {"review_state", "reviewed_by", "reviewed_at", "review_note"} <= set(exported.columns)
    by_id = exported.set_index("incident_id")
    assert by_id.at[tower, "killed"] == "5" and by_id.at[tower, "review_state"] == "corrected"
    assert by_id.at[drone, "review_state"] == "rejected" and by_id.at[drone, "reviewed_by"] == "Lina"
    downloads.clear()
    troops = open_page("troops", lang="en")
    assert "confirmed" in shown_states(troops, "troop_table")
    exported = csv_rows(only(downloads, "rasid_troops_"))
    assert exported.set_index("troop_id").at[troop, "review_state"] == "confirmed"


def test_method_scores_the_extractor_on_the_reviews_lists_orphans_and_imports_the_log(seed, downloads, tmp_path):
    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")
    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", tower))
    at.text_input(key=f"rv_incidents_killed_{tower}").input("9")
    submit(at, "Save the correction")
    at = open_page("method", lang="en")
    assert any("incidents: 1 of" in m.value and "1 corrected" in m.value for m in at.markdown)
    scored = at.dataframe[0].value
    assert scored.iloc[0].tolist() == ["Killed", 1, 0, "0%"]  # the extractor's toll was not the reviewed one
    assert any("No orphaned reviews" in c.value for c in at.caption)
    log = downloads["rasid_review_log.jsonl"]
    assert log.count(b"\n") == 1 and b'"killed": 9' in log
    # the article behind the reviewed row changes: the review is listed as orphaned, with what it said
    raw = tmp_path / "raw"
    path = raw / f"{ARTICLE}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nسطر أضيف لاحقاً.\n", encoding="utf-8")
    build([raw], seed)
    at = open_page("method", lang="en")
    lost = at.dataframe[-1].value
    assert len(lost) == 1 and "article changed" in lost.iloc[0, 0] and '"killed": 9' in lost["After"].item()
    # importing the same log twice adds nothing; a broken line is refused with its line number, nothing imported
    at.file_uploader(key="review_import_file").upload("log.jsonl", log, "application/jsonl").run()
    at.button(key="review_import").click().run()
    assert any("0 new actions, 1 already there" in s.value for s in at.success)
    at.file_uploader(key="review_import_file").upload("bad.jsonl", log + b"{not json\n", "application/jsonl").run()
    at.button(key="review_import").click().run()
    assert any("Nothing was imported" in e.value and "line 2" in e.value for e in at.error)
    assert ReviewStore().version() == 1


def what_pages_count(downloads, **params) -> dict:
    """What every page counts for the view in `params`, read from what it shows and from its CSVs."""
    seen = {}
    downloads.clear()
    view = overview(**params)
    seen["headline"] = {k: int(v.replace(",", "")) for k, v in metrics(view).items() if k in ("Incidents", "Attacks", "Killed")}
    seen["overview_csv"] = sorted(csv_rows(only(downloads, "rasid_incidents_"))["incident_id"])
    downloads.clear()
    page = open_page("incidents", lang="en", **params)
    seen["incident_table"] = len(page.dataframe(key="incident_table").value)
    seen["charted_events"] = int(csv_rows(only(downloads, "rasid_incident-counts-"))["events"].astype(int).sum())
    seen["incidents_csv"] = sorted(csv_rows(only(downloads, "rasid_incidents_"))["incident_id"])
    seen["tallies"] = len(page.dataframe(key="tallies_table").value) if any(d.key == "tallies_table" for d in page.dataframe) else 0
    downloads.clear()
    open_page("bases", lang="en", **params)
    places = csv_rows(only(downloads, "rasid_places_")).set_index("name_en")
    seen["events_at_tower_22"] = int(places.at["Tower 22", "events"]) if "Tower 22" in places.index else 0
    downloads.clear()
    open_page("actors", lang="en", **params)
    actors = csv_rows(only(downloads, "rasid_actors_")).set_index("name_en")
    seen["iri_incidents"] = int(actors.at["Islamic Resistance in Iraq", "incidents"])
    downloads.clear()
    open_page("articles", lang="en", article=ARTICLE, **params)
    spans = csv_rows(only(downloads, "rasid_extractions-" + ARTICLE.replace("_", "-")))
    seen["reader_incidents"] = sorted(set(spans.loc[spans["kind"] == "incident", "row_id"]))
    downloads.clear()
    troops = open_page("troops", lang="en", **params)
    seen["troop_table"] = len(troops.dataframe(key="troop_table").value)
    seen["troops_csv"] = len(csv_rows(only(downloads, "rasid_troops_")))
    return seen


def test_a_review_action_changes_the_counts_on_every_page_through_the_index(seed, downloads):
    """Rejecting rows (an incident, a troop figure, a tally) takes them out of every page's counts, charts, tables, CSVs,
    filter choices and the reader, through the TableIndex of the reviewed tables (cached by build and log version); the
    toggle brings them back, and 'reviewed only' keeps reviewed rows."""
    from components import loaders

    tables = read_tables(seed)
    tower = incident(tables, "2024-01-28")  # the Tower 22 attack: Jordan, 3 killed, claimed by the Islamic Resistance in Iraq
    before = what_pages_count(downloads)
    index_before = loaders.load_index()
    assert before["events_at_tower_22"] == 1 and before["iri_incidents"] == 1 and tower in before["reader_incidents"]
    assert before["tallies"] == 1

    at = as_reviewer(pick(open_page("incidents", lang="en"), "incidents", tower))
    submit(at, "Reject this row")
    troop = tables["troops"]["troop_id"].iloc[0]
    at.switch_page("app_pages/troops.py").run()
    submit(pick(at, "troops", troop), "Reject this row")
    at.switch_page("app_pages/incidents.py").run()
    pick(at, "attack_counts", tables["attack_counts"]["count_id"].iloc[0])
    [reject] = [b for b in at.button if b.label == "Reject this row" and b.form_id == "review_reject_attack_counts"]
    reject.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert ReviewStore().version() == 3

    # the index the pages read is a new one, built from the reviewed tables of this log version
    reviewed = loaders.load_reviewed_tables()
    assert reviewed.index is loaders.load_index() and reviewed.index is not index_before
    assert reviewed.index.tables is reviewed.reviewed and int(reviewed.index.rejected.sum()) == 1
    assert not reviewed.index.mask(query.Filters())[reviewed.reviewed["incidents"]["incident_id"].eq(tower).to_numpy()].any()

    after = what_pages_count(downloads)
    assert after["headline"] == {"Incidents": before["headline"]["Incidents"] - 1,
                                 "Attacks": before["headline"]["Attacks"] - 1, "Killed": before["headline"]["Killed"] - 3}
    assert after["overview_csv"] == after["incidents_csv"] == sorted(set(before["incidents_csv"]) - {tower})
    assert after["incident_table"] == before["incident_table"] - 1
    assert after["charted_events"] == before["charted_events"] - 1
    assert after["events_at_tower_22"] == 0 and after["iri_incidents"] == 0
    assert after["reader_incidents"] == sorted(set(before["reader_incidents"]) - {tower})
    assert after["troop_table"] == after["troops_csv"] == before["troop_table"] - 1
    assert after["tallies"] == 0

    # the toggle shows every rejected row again, on every page (the counts as before, the rows flagged)
    shown = what_pages_count(downloads, rejected="1")
    assert shown == before
    # reviewed only: the three rejected rows are the only reviewed ones, and they stay out unless shown
    only_reviewed = overview(reviewed="1")
    assert int(metrics(only_reviewed)["Incidents"]) == 0
    assert int(metrics(overview(reviewed="1", rejected="1"))["Incidents"]) == 1


def test_an_empty_log_gives_the_same_tables_as_applying_it_without_a_key_per_row(seed_dir):
    """With no review yet the app adds the review columns as constants (a key per row cost 1.9 GB at 1M incidents)."""
    from components.loaders import read_tables
    from preprocess.review import apply_reviews, unreviewed

    tables = read_tables(seed_dir)
    applied, fast = apply_reviews(tables, []), unreviewed(tables)
    for name in ("incidents", "troops", "attack_counts"):
        assert list(fast[name].columns) == list(applied[name].columns)
        assert (fast[name]["review_state"] == "unreviewed").all() and len(fast[name]) == len(applied[name])
        same = [c for c in applied[name].columns if c != "review_key"]
        pd.testing.assert_frame_equal(fast[name][same], applied[name][same])
