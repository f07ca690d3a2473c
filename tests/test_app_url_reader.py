"""Issue 9 through AppTest: the whole view in the URL (controls, month range, the reader's article and sentence), the sentences
behind each incident in the reader, the /method page's figures read from the evaluation file, and Arabic throughout /add."""
from __future__ import annotations

import html as html_text
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import glossary, period, reasons
from components.i18n import code_label
from components.loaders import read_tables
from components.period import MonthRange
from preprocess import schemas
from preprocess.build import build
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]
CONTROLS = [("incidents", "freq", "year", "inc_freq"), ("incidents", "stack", "weapon", "inc_stack"),
            ("troops", "colour", "force", "troops_colour"), ("bases", "colour", "event_type", "map_colour")]


def sidebar_notes(at: AppTest) -> str:
    return " ".join(w.value for w in at.sidebar.warning)


# ---------------------------------------------------------------- every control in the URL


@pytest.mark.parametrize("page, param, value, key", CONTROLS)
def test_a_control_in_the_url_is_restored_and_kept_across_pages(use_tables, seed_dir, page, param, value, key):
    use_tables(seed_dir)
    at = open_page(page, lang="en", **{param: value})
    assert at.button_group(key=key).value == value
    assert at.query_params[param] == value
    at.switch_page("app_pages/overview.py").run()
    assert param not in at.query_params  # a page's controls are in its own URL only
    at.switch_page(f"app_pages/{page}.py").run()
    assert at.button_group(key=key).value == value and at.query_params[param] == value


@pytest.mark.parametrize("page, param, value, key", CONTROLS)
def test_changing_a_control_writes_it_into_the_url(use_tables, seed_dir, page, param, value, key):
    use_tables(seed_dir)
    at = open_page(page, lang="ar")
    default = at.button_group(key=key).value
    assert default != value and param not in at.query_params
    at.button_group(key=key).set_value(value).run()
    assert at.query_params[param] == value
    at.button_group(key=key).set_value(default).run()
    assert param not in at.query_params  # the default keeps the link short


def test_the_chosen_actor_is_in_the_url_and_restored(use_tables, seed_dir):
    use_tables(seed_dir)
    actors = read_tables(seed_dir)["actors"]
    at = open_page("actors", lang="en")
    pick = at.selectbox(key="actor_pick")
    second = actors.loc[actors["name_en"] == pick.options[1], "actor_id"].iloc[0]  # the options read as names
    pick.set_value(second).run()
    assert at.query_params["actor"] == second
    again = open_page("actors", lang="en", actor=second)
    assert again.selectbox(key="actor_pick").value == second
    unknown = open_page("actors", lang="en", actor="no-such-actor")  # not on offer: the first one, as when none is asked
    first = unknown.selectbox(key="actor_pick")
    assert actors.set_index("actor_id").at[first.value, "name_en"] == first.options[0]


def test_a_control_value_no_page_offers_is_ignored_with_a_note(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", freq="weekly", colour="force")
    assert at.button_group(key="inc_freq").value == "month"
    assert "freq=weekly" in sidebar_notes(at) and "colour" not in sidebar_notes(at)  # force is a troops colour


def test_the_month_range_goes_from_the_url_to_the_slider_and_back(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", **{"from": "2024-01", "to": "2023-11"})
    slider = at.sidebar.select_slider[0]
    assert slider.value == ("2023-11", "2024-01")  # a range given backwards is the same range
    assert (at.query_params["from"], at.query_params["to"]) == ("2023-11", "2024-01")
    slider.set_value(("2023-12", slider.options[-1])).run()
    assert at.query_params["from"] == "2023-12" and "to" not in at.query_params  # the last month is open-ended
    at.switch_page("app_pages/troops.py").run()
    assert at.query_params["from"] == "2023-12"
    at.sidebar.button(key="clear_sidebar").click().run()
    assert "from" not in at.query_params and "to" not in at.query_params


def test_a_month_beyond_the_tables_stays_as_the_link_gave_it(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("troops", lang="en", **{"from": "2001-01", "to": "2030-05"})
    assert (at.query_params["from"], at.query_params["to"]) == ("2001-01", "2030-05")  # new articles may fall beyond today's
    assert at.sidebar.select_slider[0].value == ("2001-01", "2030-05")


def test_a_month_that_is_not_one_is_ignored_with_a_note(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", **{"from": "2024-13", "to": "2024-02"})
    assert "from=2024-13" in sidebar_notes(at)
    assert "from" not in at.query_params and at.query_params["to"] == "2024-02"


# ---------------------------------------------------------------- from/to narrows the rows


def months_of(dates: pd.Series) -> pd.Series:
    """The month of a date known at least to the month; '' for a year-only or unknown date."""
    return dates.where(dates.str.len() >= 7, "").str[:7]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert frames, [list(frame.value.columns) for frame in at.dataframe]
    return frames[-1]


def test_from_to_narrows_incidents_and_the_tallies_that_touch_it(use_tables, seed_dir):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    incidents, tallies = tables["incidents"], tables["attack_counts"]
    at = open_page("incidents", lang="en", **{"from": "2024-01", "to": "2024-01"})
    expected = incidents[months_of(incidents["date"]) == "2024-01"]
    assert 0 < len(expected) < len(incidents)
    assert len(at.dataframe[-1].value) == len(expected)
    touching = tallies[(tallies["period_start"].str[:7] <= "2024-01") & (tallies["period_end"].str[:7] >= "2024-01")]
    assert len(touching) and len(table_with(at, "count")) == len(touching)
    later = open_page("incidents", lang="en", **{"from": "2024-03"})
    assert len(later.dataframe[-1].value) == (months_of(incidents["date"]) >= "2024-03").sum()
    assert not [frame for frame in later.dataframe if "count" in frame.value.columns]  # no tally reaches March 2024


def test_from_to_narrows_troop_figures(use_tables, seed_dir):
    use_tables(seed_dir)
    troops = read_tables(seed_dir)["troops"]
    at = open_page("troops", lang="ar", **{"from": "2020-01", "to": "2020-12"})
    expected = troops[months_of(troops["date"]).between("2020-01", "2020-12")]
    assert 0 < len(expected) < len(troops)
    assert len(table_with(at, "value")) == len(expected)


def test_a_date_known_only_to_the_year_is_inside_a_range_only_if_it_holds_the_whole_year():
    dates = pd.Series(["2024-01-28", "2024-02", "2024", "", "2023-12-31"])
    assert period.within(dates, MonthRange("2024-01", "2024-02")).tolist() == [True, True, False, False, False]
    assert period.within(dates, MonthRange("2024-01", "2024-12")).tolist() == [True, True, True, False, False]
    assert period.within(dates, MonthRange(end="2023-12")).tolist() == [False, False, False, False, True]
    spans = period.overlaps(pd.Series(["2023-10", "", "2025"]), pd.Series(["2024-02", "2024-06", ""]), MonthRange("2024-03"))
    assert spans.tolist() == [False, True, True]


# ---------------------------------------------------------------- the reader: article and sentence


class MarkedText(HTMLParser):
    """Walks the reader's HTML: the article's characters with the classes covering each, tags left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.classes: list[frozenset] = []
        self.stack: list[tuple[str, frozenset]] = []
        self.tags: list[str] = []
        self.in_tag = False

    def handle_starttag(self, tag, attrs):
        names = frozenset((dict(attrs).get("class") or "").split())
        self.stack.append((tag, names))
        self.in_tag = self.in_tag or "slot-tag" in names
        if "slot-tag" in names:
            self.tags.append("")

    def handle_endtag(self, tag):
        _, names = self.stack.pop()
        if "slot-tag" in names:
            self.in_tag = False

    def handle_data(self, data):
        if self.in_tag:
            self.tags[-1] += data
            return
        covering = frozenset().union(*(names for _, names in self.stack))
        self.text.extend(data)
        self.classes.extend([covering] * len(data))


def reader_html(at: AppTest) -> MarkedText:
    bodies = [str(h.proto.body) for h in at.get("html") if 'class="reader"' in str(h.proto.body)]
    assert len(bodies) == 1
    parsed = MarkedText()
    parsed.feed(bodies[0])
    return parsed


def covered(parsed: MarkedText, start: int, end: int, name: str) -> bool:
    return all(name in parsed.classes[i] for i in range(start, end))


def test_article_and_at_outline_the_sentence_and_choose_its_incident(use_tables, seed_dir):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    incident = tables["incidents"][tables["incidents"]["place"] == "Tower 22"].iloc[0]
    text = tables["articles"].set_index("article_id").at[incident["article_id"], "text"]
    at = open_page("articles", lang="en", article=incident["article_id"], at=str(int(incident["start"]) + 5))
    parsed = reader_html(at)
    assert "".join(parsed.text) == text
    focused = [i for i, names in enumerate(parsed.classes) if "x-focus" in names]
    assert (focused[0], focused[-1] + 1) == (incident["start"], incident["end"])  # the whole sentence, nothing else
    pick = next(box for box in at.selectbox if box.label == "Choose an extraction to see its row")
    assert pick.format_func(pick.value).startswith("incident ")
    assert "Tower 22" in " ".join(frame.value.to_string() for frame in at.dataframe)
    assert at.query_params["article"] == incident["article_id"] and at.query_params["at"] == str(int(incident["start"]) + 5)
    assert any('data-focus="' in str(h.proto.body) and h.proto.unsafe_allow_javascript for h in at.get("html"))  # scrolled to


def test_a_link_followed_in_the_same_session_sets_the_view_it_carries(use_tables, seed_dir):
    """What the browser does for a row's link (and the back button): the same session, a new URL."""
    use_tables(seed_dir)
    incidents = read_tables(seed_dir)["incidents"].sort_values("start")
    first, last = incidents.iloc[0], incidents.iloc[-1]
    at = open_page("articles", lang="en", article=first["article_id"])
    at.query_params.clear()
    at.query_params.update({"lang": "ar", "militia": "Kataib Hezbollah", "from": "2024-01", "article": last["article_id"],
                            "at": str(last["start"])})
    at.run()
    assert at.selectbox(key="reader_article").value == last["article_id"]
    focused = [i for i, names in enumerate(reader_html(at).classes) if "x-focus" in names]
    assert focused[0] == last["start"]
    assert at.sidebar.multiselect[0].value == ["Kataib Hezbollah"] and at.sidebar.select_slider[0].value[0] == "2024-01"
    assert at.query_params["lang"] == "ar" and at.title[0].value == "قارئ المقالات"


def test_the_older_hl_link_opens_its_sentence_as_at(use_tables, seed_dir):
    use_tables(seed_dir)
    incident = read_tables(seed_dir)["incidents"].iloc[-1]
    at = open_page("articles", lang="ar", article=incident["article_id"], hl=f"{incident['start']}-{incident['end']}")
    assert any("x-focus" in names for names in reader_html(at).classes)
    assert at.query_params["at"] == str(incident["start"]) and "hl" not in at.query_params


def test_an_offset_past_the_article_is_said_and_choosing_another_article_forgets_it(use_tables, seed_dir):
    use_tables(seed_dir)
    articles = read_tables(seed_dir)["articles"]
    first, other = articles["article_id"].iloc[0], articles["article_id"].iloc[1]
    at = open_page("articles", lang="en", article=first, at="99999999")
    assert any("no sentence at offset 99999999" in w.value for w in at.warning)
    at.selectbox(key="reader_article").set_value(other).run()
    assert at.query_params["article"] == other and "at" not in at.query_params


def test_the_article_picker_names_articles_by_title(use_tables, seed_dir):
    use_tables(seed_dir)
    articles = read_tables(seed_dir)["articles"]
    titled = articles[articles["title"] != ""].iloc[0]
    at = open_page("articles", lang="ar", article=titled["article_id"])
    pick = at.selectbox(key="reader_article")
    assert pick.format_func(titled["article_id"]).startswith(titled["title"][:40])
    assert titled["article_id"] not in pick.format_func(titled["article_id"])


def test_every_sentence_behind_an_incident_is_highlighted_with_what_it_gave(use_tables, seed_dir):
    use_tables(seed_dir)
    tables = read_tables(seed_dir)
    sources = tables["incident_sources"]
    article_id = sources["article_id"].value_counts().index[0]
    mine = sources[sources["article_id"] == article_id]
    assert mine["incident_id"].nunique() > 1 and mine["slot"].nunique() > 3
    at = open_page("articles", lang="ar", article=article_id)
    parsed = reader_html(at)
    for start, end in set(zip(mine["start"], mine["end"])):
        assert covered(parsed, start, end, "x-source"), (start, end)
    incidents = tables["incidents"][tables["incidents"]["article_id"] == article_id].sort_values("start")
    tags = " ".join(parsed.tags)
    for number, incident_id in enumerate(incidents["incident_id"], start=1):
        for slot in set(mine.loc[mine["incident_id"] == incident_id, "slot"]):
            assert re.search(f"حادث {number}: [^·]*{code_label('slot', slot, 'ar')}", tags), (number, slot, tags)
    legend = " ".join(str(h.proto.body) for h in at.get("html") if "reader-legend" in str(h.proto.body))
    assert all(code_label("entity", kind, "ar") in legend for kind in ("source", "place_event", "place_dateline"))


def test_mentions_are_highlighted_by_role_and_event_places_stand_apart(use_tables, seed_dir):
    use_tables(seed_dir)
    mentions = read_tables(seed_dir)["mentions"]
    places = mentions[(mentions["entity_kind"] == "place")]
    article_id = places.loc[places["role"] == "event", "article_id"].iloc[0]
    parsed = reader_html(open_page("articles", lang="en", article=article_id))
    for row in mentions[mentions["article_id"] == article_id].itertuples():
        kind = {"event": "place_event", "dateline": "place_dateline"}.get(row.role, "place") if row.entity_kind == "place" \
            else ("actor_event" if row.role == "event" else "actor")
        assert covered(parsed, row.start, row.end, f"x-{kind}"), row
    assert any("x-place_event" in names for names in parsed.classes)


# ---------------------------------------------------------------- the /method page


SMALL_EVAL = {
    "measured_at": "2026-03-04T05:06:07+00:00", "commit": "abc1234", "dirty": True, "mode": "strict",
    "sets": {"devset2": {
        "devset": "tests/devset2", "n_articles": 10,
        "categories": {"troops": {"precision": 0.9333, "recall": 0.875, "f1": 0.9032, "tp": 14, "fp": 1, "fn": 2},
                       "incidents": {"precision": 0.7212, "recall": 0.6547, "f1": 0.6863, "tp": 36, "fp": 14, "fn": 19}},
        "agreement": {"incident.weapon": {"agree": 29, "total": 36, "rate": 0.8056}},
    }},
}


@pytest.fixture
def evaluation(tmp_path, monkeypatch):
    path = tmp_path / "latest.json"
    monkeypatch.setenv("RASID_EVAL", str(path))
    return path


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_method_page_shows_the_measured_figures_and_when(use_tables, seed_dir, evaluation, lang):
    use_tables(seed_dir)
    evaluation.write_text(json.dumps(SMALL_EVAL), encoding="utf-8")
    at = open_page("method", lang=lang)
    shown = [table.value for table in at.table]
    accuracy = shown[0].set_index(shown[0].columns[0])
    incidents = accuracy.loc[glossary.category_label("incidents", lang)].tolist()
    assert incidents == ["68.6%", "72.1%", "65.5%", "36", "14", "19"]
    assert accuracy.loc[glossary.category_label("troops", lang)].tolist()[0] == "90.3%"
    assert "80.6%" in shown[1].to_string()  # field agreement
    words = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "2026-03-04 05:06" in words and "`abc1234`" in words
    assert glossary.SET_NAME["devset2"][lang] in " ".join(s.value for s in at.subheader)
    assert any(glossary.category_label("incidents", lang) in c.value and "68.6%" in c.value for c in at.caption)  # the weakest


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_method_page_explains_every_column_of_every_table(use_tables, seed_dir, evaluation, lang):
    use_tables(seed_dir)
    at = open_page("method", lang=lang)
    dictionary = " ".join(table.value.to_string() for table in at.table)
    for table in schemas.TABLE_NAMES:
        for column in schemas.columns(table):
            assert column in dictionary and glossary.column_meaning(table, column, lang)[:30] in dictionary


def test_every_column_has_its_arabic_meaning():
    expected = {(t, c) for t in schemas.TABLE_NAMES for c in schemas.columns(t)}
    translated = {(t, c) for t, columns in glossary.COLUMN_MEANING_AR.items() for c in columns}
    assert expected - translated == set() and translated - expected == set()
    assert set(glossary.TABLE_MEANING) == set(schemas.TABLE_NAMES)


@pytest.mark.parametrize("content, lang, words", [
    (None, "en", "No evaluation results at"), (None, "ar", "لا توجد نتائج تقييم"),
    ("{not json", "en", "could not be read"), ("[1, 2]", "ar", "تعذّرت قراءة نتائج التقييم")])
def test_the_method_page_says_when_there_are_no_figures(use_tables, seed_dir, evaluation, content, lang, words):
    use_tables(seed_dir)
    if content is not None:
        evaluation.write_text(content, encoding="utf-8")
    at = open_page("method", lang=lang)
    assert any(words in info.value and "eval_devset.py --all" in info.value for info in at.info)
    assert not any("%" in table.value.to_string() for table in at.table)


# ---------------------------------------------------------------- Arabic throughout /add

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Names of file formats, and the language switch's own name for English
NOT_WORDS = {"txt", "html", "htm", "jsonl", "zip", "csv", "English"}
ATTACK = "استهدف هجوم بطائرة مسيّرة قاعدة عين الأسد في غربي العراق يوم 5 يناير/كانون الثاني 2024، وتبنت كتائب حزب الله العملية.\n"


@pytest.fixture
def writable(tmp_path, monkeypatch) -> Path:
    """Seeds built into a table set that takes uploads."""
    raw, user, data = tmp_path / "raw", tmp_path / "user", tmp_path / "processed"
    shutil.copytree(ROOT / "data" / "raw", raw)
    user.mkdir()
    build([raw, user], data)
    for key in ("RASID_DATA", "RASID_RAW", "RASID_USER", "RASID_READONLY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("RASID_DATA", str(data))
    monkeypatch.setenv("RASID_RAW", str(raw))
    monkeypatch.setenv("RASID_USER", str(user))
    return tmp_path


def zipped(entries: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_status(at: AppTest) -> pd.DataFrame:
    body = next(str(h.proto.body) for h in at.get("html") if 'class="upload-status"' in str(h.proto.body))
    return pd.read_html(io.StringIO(body), keep_default_na=False)[0].astype(str)


def visible_strings(at: AppTest) -> list[str]:
    """Every string the app sends for the page to show: text elements, labels, help, options, table cells and headers."""
    strings: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "text"):
        strings += [element.value for element in at.get(kind)]
    for kind in ("button", "download_button", "checkbox", "multiselect", "selectbox", "radio", "file_uploader", "select_slider"):
        for widget in at.get(kind):
            strings += [getattr(widget.proto, name, "") for name in ("label", "help", "placeholder")]
            strings += list(getattr(widget.proto, "options", []))
    for frame in at.get("dataframe"):
        strings += [str(v) for v in frame.value.to_numpy().ravel()]
        strings += [column.get("label", "") for column in json.loads(frame.proto.columns or "{}").values()]
    for table in at.get("table"):
        strings += [str(v) for v in table.value.to_numpy().ravel()] + [str(c) for c in table.value.columns]
    for html in at.get("html"):
        body = str(html.proto.body)
        if not html.proto.unsafe_allow_javascript and not body.lstrip().startswith("<style"):
            strings.append(html_text.unescape(re.sub(r"<[^>]+>", " ", body)))
    return strings


def test_no_english_word_on_the_arabic_add_page_after_a_bad_upload(writable):
    at = open_page("add", lang="ar")
    files = [("weather.txt", b"A plain English text about the weather, long enough to count its letters."),
             ("blank.txt", b"   \n"),
             ("parcel.zip", zipped({"../escape.txt": ATTACK.encode(), "tool.exe": b"MZ", "inner.zip": b"PK"})),
             ("001_462258a12eb261c0.txt", ATTACK.encode())]
    at.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in files]).run()
    at.button(key="add_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    status = upload_status(at)
    assert len(status) == 6 and set(status["الحالة"]) == {"مرفوض"}
    shown = " ".join(visible_strings(at))
    names = ("weather.txt", "blank.txt", "parcel.zip/../escape.txt", "parcel.zip/tool.exe", "parcel.zip/inner.zip",
             "001_462258a12eb261c0.txt", "raw/001_462258a12eb261c0.txt", str(writable / "processed"))
    for name in sorted(names, key=len, reverse=True):
        shown = shown.replace(name, " ")  # the analyst's own file names and the server's folder are data, not words
    shown = re.sub(r"\.exe|'001_462258a12eb261c0'", " ", shown)
    assert {word for word in LATIN_WORD.findall(shown)} - NOT_WORDS == set(), shown


def test_the_english_add_page_keeps_the_build_s_words(writable):
    at = open_page("add", lang="en")
    weather = b"A plain English text about the weather, long enough to count."
    at.file_uploader[0].set_value([("weather.txt", weather, "text/plain")]).run()
    at.button(key="add_go").click().run()
    status = upload_status(at)
    assert status.iloc[0]["Status"] == "refused" and "not Arabic" in status.iloc[0]["Reason"]


@pytest.mark.parametrize("reason, stage, arabic", [
    ("empty file", "read", "نص فارغ"),
    ("not Arabic: 0 Arabic letters of 59", "language", "ليس نصاً عربياً: 0 حرفاً عربياً من أصل 59"),
    ("too large: 25.0 MB > 20 MB", "size", "كبير جداً: 25.0 ميغابايت، والحد 20 ميغابايت"),
    ("the build would skip it: binary file: 12% control characters (and 3 more)", "",
     "سيتخطاه البناء: ملف ثنائي: 12% منه محارف تحكم (ومعه 3 غيره)"),
    ("duplicate article_id 'x': already read from raw/x.txt; this one is skipped", "duplicate_id",
     "رقم المقالة \u2068'x'\u2069 مكرر: قُرئ من قبل من \u2066raw/x.txt\u2069، فتُخطّي هذا"),
    ("something the table does not know yet", "decode", "تعذّر فك ترميز الملف"),
    ("something else", "", "رُفض الملف"),
])
def test_reasons_read_in_arabic_by_pattern_else_by_stage(reason, stage, arabic):
    assert reasons.reason_text(reason, stage, "ar") == arabic
    assert reasons.reason_text(reason, stage, "en") == reason


def test_a_path_in_a_reason_keeps_its_slashes_left_to_right_and_loses_the_controls_it_carried():
    text = reasons.reason_text("x.txt: a different file has that name; saved as \u202ex-2.txt", "", "ar")
    assert text == "\u2066x.txt\u2069: يحمل ملف آخر هذا الاسم، فحُفظ باسم \u2066x-2.txt\u2069"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_method_page_shows_the_blind_first_runs_before_the_tuned_figures(use_tables, seed_dir, evaluation, lang):
    use_tables(seed_dir)
    evaluation.write_text(json.dumps(SMALL_EVAL), encoding="utf-8")
    (evaluation.parent / "blind_runs.json").write_text(json.dumps({"runs": [
        {"set": "devsetX", "part": "", "articles": 9, "commit": "abc1234", "incidents": 0.7, "incidents_precision": 0.8,
         "incidents_recall": 0.6, "troops": 0.9, "militias": 1.0, "tallies": 0.5, "casualties_right": 6, "casualties_matched": 10},
        {"set": "devsetY", "part": "", "articles": 5, "commit": "def5678", "incidents": 0.8, "casualties_right": 3,
         "casualties_matched": 5}]}), encoding="utf-8")
    at = open_page("method", lang=lang)
    blind = at.table[0].value.to_string()
    assert "devsetX" in blind and "70.0%" in blind and "6 / 10" in blind and "def5678" in blind
    assert any("75.0%" in c.value and "60.0%" in c.value for c in at.caption)  # mean F1 0.75; casualties 9 of 15
    accuracy = at.table[1].value
    assert accuracy.set_index(accuracy.columns[0]).loc[glossary.category_label("incidents", lang)].tolist()[0] == "68.6%"
