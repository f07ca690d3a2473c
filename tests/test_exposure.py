"""Issue 10, exposure: untrusted text shown as text, unreadable links noted, errors as an id, read-only, uploads and removal."""
from __future__ import annotations

import io
import json
import logging
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.synth_tables import make_tables, write_tables
from components import charts, query, safe
from components.loaders import read_tables
from preprocess.build import build
from tests.awkward_corpus import ATTACK_SENTENCE
from tests.conftest import open_page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
SEED_ID = "001_462258a12eb261c0"

IMAGE_PAYLOAD = "![x](http://127.0.0.1:9/x)"
COLOUR_PAYLOAD = ":red[تحذير: انتهت صلاحية كلمة المرور، أعد إدخالها هنا]"
LINK_PAYLOAD = "[اضغط هنا](http://127.0.0.1:9/l) www.example.com"
HTML_PAYLOAD = '<img src="http://127.0.0.1:9/h">'
HOSTILE_ID = "syn_\u202ecod.exe"
HOSTILE_TITLE = f"{COLOUR_PAYLOAD} {IMAGE_PAYLOAD} \u202eعنوان معكوس"
HOSTILE_GROUP = '<a href="http://127.0.0.1:9/g">Kataib Hezbollah</a> :red[x]'
HOSTILE_FILE = "evil\u202etxt.exe"
BIDI = re.compile(f"[{safe.BIDI_CONTROLS}]")


def outside_code_spans(markdown: str) -> str:
    """The markdown with its code spans removed: what Streamlit would read as markup."""
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown)


def as_markup(markdown: str) -> list[str]:
    """Markdown, links, colour directives or HTML outside code spans."""
    rest = outside_code_spans(markdown)
    return [mark for mark in ("](", ":red[", "<", "http://", "www.") if mark in rest]


def html_bodies(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def figure_texts(at: AppTest) -> str:
    return " ".join(chart.proto.spec for chart in at.get("plotly_chart"))


# ---------------------------------------------------------------- the helpers


def test_strip_bidi_removes_every_control_and_nothing_else():
    text = "".join(f"a{c}" for c in safe.BIDI_CONTROLS) + " كتائب\u200cحزب"  # ZWNJ is a joiner, not a bidi control
    assert safe.strip_bidi(text) == "a" * len(safe.BIDI_CONTROLS) + " كتائب\u200cحزب"
    assert set(safe.BIDI_CONTROLS) == set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


@pytest.mark.parametrize("value, expected", [
    (IMAGE_PAYLOAD, f"`{IMAGE_PAYLOAD}`"),
    (COLOUR_PAYLOAD, f"`{COLOUR_PAYLOAD}`"),
    ("a`b", "``a`b``"),
    ("`x``", "``` `x`` ```"),
    ("line\none\r\n two", "`line one two`"),
    ("id\u202eexe.txt", "`idexe.txt`"),
    ("", "` `"),
])
def test_literal_is_one_code_span_holding_the_value(value, expected):
    assert safe.literal(value) == expected


def test_literal_caps_long_values():
    shown = safe.literal("x" * 500, limit=50)
    assert shown == "`" + "x" * 49 + "\u2026`"


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "anything"])
def test_read_only_is_on_for_any_value_but_off(monkeypatch, value):
    monkeypatch.setenv("RASID_READONLY", value)
    assert safe.read_only()


@pytest.mark.parametrize("value", ["", "0", "false", "No", " off "])
def test_read_only_is_off(monkeypatch, value):
    monkeypatch.setenv("RASID_READONLY", value)
    assert not safe.read_only()


def test_plot_label_escapes_tags_strips_bidi_then_isolates():
    assert charts.plot_label(HOSTILE_GROUP, "en") == ('&lt;a href="http://127.0.0.1:9/g"&gt;Kataib Hezbollah&lt;/a&gt; :red[x]')
    assert charts.plot_label("\u202eTower 22 & \u2067برج\u2069", "ar") == "\u2067Tower 22 &amp; برج\u2069"


def test_a_group_name_with_tags_is_text_in_every_chart_label():
    counts = query.event_counts(make_tables(5, seed=1)["incidents"].assign(factions=HOSTILE_GROUP), "month", "factions")
    for lang in ("ar", "en"):
        fig = charts.counts_chart(counts, "month", "factions", lang, "<b>t</b>", lambda column, value: value, "events")
        texts = [trace.name for trace in fig.data] + [a.text for a in fig.layout.annotations] + [fig.layout.title.text]
        assert all("<" not in text for text in texts), texts
        assert any("&lt;a href=" in text for text in texts)


# ---------------------------------------------------------------- a table set with hostile text in it


def hostile_tables() -> dict:
    """Synthetic tables whose first article has a bidi override in its id and markdown in its title, whose Kataib Hezbollah
    is renamed to a link with a colour directive, and whose rejects name a file with a bidi override."""
    tables = make_tables(20, seed=5)
    for name, frame in tables.items():
        if "article_id" in frame:
            tables[name] = frame.assign(article_id=frame["article_id"].replace("syn_00000", HOSTILE_ID))
    articles = tables["articles"]
    tables["articles"] = articles.assign(title=articles["title"].mask(articles["article_id"] == HOSTILE_ID, HOSTILE_TITLE))
    tables["actors"] = tables["actors"].replace({"name_en": {"Kataib Hezbollah": HOSTILE_GROUP}})
    incidents = tables["incidents"]
    for column in ("perpetrator", "claimed_by", "target", "factions"):
        incidents[column] = incidents[column].str.replace("Kataib Hezbollah", HOSTILE_GROUP, regex=False)
    tables["rejects"].loc[len(tables["rejects"])] = [HOSTILE_FILE, "not Arabic: 0 Arabic letters of 12", "language"]
    return tables


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    return write_tables(tmp_path_factory.mktemp("hostile") / "processed", hostile_tables())


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("payload", [IMAGE_PAYLOAD, COLOUR_PAYLOAD, LINK_PAYLOAD, HTML_PAYLOAD])
def test_an_article_id_in_the_url_is_shown_as_text(use_tables, seed_dir, payload, lang):
    use_tables(seed_dir)
    at = open_page("articles", lang=lang, article=payload)
    notes = [w.value for w in at.warning if safe.literal(payload) in w.value]
    assert notes, [w.value for w in at.warning]
    assert all(as_markup(note) == [] for note in notes), notes


def test_reader_shows_a_hostile_id_and_title_without_bidi_controls_or_markup(use_tables, hostile_dir):
    use_tables(hostile_dir)
    at = open_page("articles", lang="ar", article=HOSTILE_ID)
    assert at.query_params["article"] == HOSTILE_ID  # the stored id is untouched: only its display loses the control
    pick = at.selectbox(key="reader_article")
    assert pick.value == HOSTILE_ID
    assert not BIDI.search(" ".join(pick.options)) and ":red[" in pick.options[0]  # the picker names articles by title
    page_html = html_bodies(at)
    assert "syn_cod.exe" in page_html and ":red[" in page_html  # the title, as text, in the reader's heading
    assert not BIDI.search(page_html.replace(charts.RLI, "").replace(charts.PDI, ""))


@pytest.mark.parametrize("page, charted", [("overview", False), ("incidents", True), ("actors", True)])
def test_a_group_name_from_an_article_is_text_in_charts_and_downloads(use_tables, hostile_dir, page, charted):
    use_tables(hostile_dir)
    at = open_page(page, lang="en", militia=HOSTILE_GROUP)
    assert at.sidebar.multiselect[0].value == [HOSTILE_GROUP]
    spec = json.loads(figure_texts(at) or "{}")
    names = [trace.get("name", "") for trace in spec.get("data", [])]
    if charted:  # a legend entry for the group, as text: plotly.js would draw <a href> as a link
        assert any("&lt;a href=" in name for name in names) and not any("<" in name for name in names), names
    helps = [button.help for button in at.get("download_button")]
    assert helps and all(safe.literal(HOSTILE_GROUP, limit=80) in h and as_markup(h) == [] for h in helps), helps


def test_file_names_in_tables_lose_bidi_controls_for_display(use_tables, hostile_dir):
    use_tables(hostile_dir)
    at = open_page("add", lang="en")
    shown = at.dataframe[-1].value.to_string()
    assert "eviltxt.exe" in shown
    assert not BIDI.search(shown)
    assert HOSTILE_FILE in set(read_tables(hostile_dir)["rejects"]["file"])  # the stored value keeps it


# ---------------------------------------------------------------- unreadable links


@pytest.mark.parametrize("params, shown", [
    ({"year": "²"}, "year=²"),
    ({"year": "abc"}, "year=abc"),
    ({"year": "9" * 5000}, "year=999"),
    ({"lang": "xx"}, "lang=xx"),
    ({"militia": "Nobody Brigade"}, "militia=Nobody Brigade"),
    ({"hl": "²-³"}, "hl=²-³"),
])
def test_unreadable_link_values_are_ignored_with_a_note(use_tables, seed_dir, params, shown):
    use_tables(seed_dir)
    at = open_page("incidents", **{"lang": "en", **params})
    notes = " ".join(w.value for w in at.sidebar.warning)
    assert shown in notes and as_markup(notes) == []
    assert at.title and at.sidebar.multiselect[1].value == []


def test_year_in_arabic_indic_digits_is_read(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="ar", year="٢٠٢٤")
    assert at.sidebar.multiselect[1].value == [2024] and not at.sidebar.warning


def test_unreadable_highlight_on_the_reader_is_ignored(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("articles", lang="en", article=SEED_ID, hl="abc")
    assert "hl=abc" in " ".join(w.value for w in at.sidebar.warning)
    assert not re.search(r'class="[^"]*x-focus', html_bodies(at)) and "hl" not in at.query_params


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("lang, words", [("en", r"Unexpected error \(id ([0-9a-f]{8})\)"),
                                         ("ar", r"حدث خطأ غير متوقع \(رقم ([0-9a-f]{8})\)")])
def test_an_error_in_a_page_shows_an_id_and_logs_the_traceback(use_tables, seed_dir, monkeypatch, lang, words):
    use_tables(seed_dir)

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from /srv/rasid/private")

    monkeypatch.setattr(query.TableIndex, "headline", broken)  # what the overview counts with (app-scale)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("rasid").addHandler(handler)
    try:
        at = open_page("overview", lang=lang)
    finally:
        logging.getLogger("rasid").removeHandler(handler)
    [error] = at.error
    error_id = re.search(words, error.value).group(1)
    assert "secret" not in error.value and "Traceback" not in error.value and "RuntimeError" not in error.value
    assert not at.exception and at.sidebar.multiselect, "the frame still renders"
    [record] = records
    assert error_id in record.getMessage() and "secret detail" in str(record.exc_info[1])


def test_stop_and_rerun_are_not_errors(use_tables, seed_dir):
    use_tables(seed_dir)
    at = open_page("incidents", lang="en", year="2018")  # the empty page calls st.stop()
    assert not at.error and any("Nothing matches" in i.value for i in at.info)


@pytest.fixture
def project_config(monkeypatch):
    """Streamlit's options as read from the project's .streamlit/config.toml (re-read afterwards from the test's folder)."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    yield config
    monkeypatch.undo()
    config.get_config_options(force_reparse=True)


def test_visitors_get_no_error_details_and_the_server_listens_locally(project_config):
    from streamlit.elements.exception import _error_detail_visibility

    # false would not do: Streamlit 1.67 reads it as "stacktrace" and still shows the traceback
    assert _error_detail_visibility(True) == (False, False, False)  # no message, no traceback, no exception type
    assert project_config.get_option("server.address") == "127.0.0.1"
    assert "--server.address $(HOST)" in (ROOT / "Makefile").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the add page: read-only, refusals, removal


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> dict[str, Path]:
    """Seeds and one upload built into a table set the app may rebuild (its manifest names both folders)."""
    raw, user, data = tmp_path / "raw", tmp_path / "user", tmp_path / "processed"
    shutil.copytree(SEEDS, raw)
    user.mkdir()
    shutil.copy(ROOT / "tests" / "articles" / "afp_harir_drone.txt", user)
    (tmp_path / "outside.txt").write_text(ATTACK_SENTENCE, encoding="utf-8")
    build([raw, user], data)
    assert set(json.loads((data / "manifest.json").read_text())["input_dirs"]) == {str(raw), str(user)}
    for key in ("RASID_DATA", "RASID_RAW", "RASID_USER", "RASID_READONLY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("RASID_DATA", str(data))
    monkeypatch.setenv("RASID_RAW", str(raw))
    monkeypatch.setenv("RASID_USER", str(user))
    return {"raw": raw, "user": user, "data": data, "root": tmp_path}


def keys(at: AppTest, kind: str) -> set[str]:
    return {element.key for element in at.get(kind)}


def test_the_add_page_offers_upload_and_removal(corpus):
    at = open_page("add", lang="en")
    assert at.file_uploader and {"add_go", "remove_go"} <= keys(at, "button")
    assert at.multiselect(key="remove_pick").options == ["afp_harir_drone.txt"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_read_only_hides_upload_removal_and_rebuild(corpus, monkeypatch, lang):
    monkeypatch.setenv("RASID_READONLY", "1")
    at = open_page("add", lang=lang)
    assert not at.file_uploader and not at.get("checkbox")
    assert not keys(at, "button") & {"add_go", "remove_go"}
    assert any(("read-only" if lang == "en" else "للقراءة فقط") in i.value for i in at.info)
    assert str(corpus["root"]) not in " ".join(c.value for c in at.caption)  # no server path for network visitors
    assert (corpus["user"] / "afp_harir_drone.txt").is_file()


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "text/plain") for name, data in files]).run()
    at.button(key="add_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def status(at: AppTest) -> dict[str, tuple[str, str]]:
    """The upload status table (an HTML table; English column labels) by file name."""
    body = next(str(h.proto.body) for h in at.get("html") if 'class="upload-status"' in str(h.proto.body))
    frame = pd.read_html(io.StringIO(body), keep_default_na=False)[0].astype(str)
    return {row["File"]: (row["Status"], row["Reason"]) for _, row in frame.iterrows()}


def test_uploads_the_build_would_skip_are_refused_with_its_reason(corpus):
    at = upload(open_page("add", lang="en"), [
        ("english.txt", b"A plain English text about the weather, long enough to count its letters."),
        (f"{SEED_ID}.txt", ATTACK_SENTENCE.encode("utf-8")),
        ("fine.txt", ATTACK_SENTENCE.encode("utf-8")),
    ])
    rows = status(at)
    assert rows["english.txt"][0] == "refused" and "not Arabic" in rows["english.txt"][1]
    assert rows[f"{SEED_ID}.txt"][0] == "refused" and "bundled" in rows[f"{SEED_ID}.txt"][1]
    assert rows["fine.txt"][0] == "accepted"
    assert sorted(p.name for p in corpus["user"].iterdir()) == ["afp_harir_drone.txt", "fine.txt"]
    assert "fine" in set(read_tables(corpus["data"])["articles"]["article_id"])  # saved and rebuilt


def test_uploads_are_refused_above_the_session_allowance(corpus, monkeypatch):
    monkeypatch.setattr("preprocess.uploads.MAX_SESSION_BYTES", 4 * len(ATTACK_SENTENCE.encode("utf-8")))
    text = ATTACK_SENTENCE.encode("utf-8")
    at = upload(open_page("add", lang="en"), [("one.txt", text), ("two.txt", text + "\n".encode() + text)])
    rows = status(at)
    assert rows["one.txt"][0] == "accepted" and rows["two.txt"][0] == "accepted"
    at = upload(at, [("three.txt", "خبر آخر. ".encode() + text)])
    reason = status(at)["three.txt"]
    assert reason[0] == "refused" and "over this session's upload allowance" in reason[1]
    assert not (corpus["user"] / "three.txt").exists()


def test_an_analyst_removes_her_upload_after_confirming_and_the_tables_rebuild(corpus):
    before = {p.name: p.read_bytes() for p in corpus["raw"].iterdir()}
    at = open_page("add", lang="en")
    at.multiselect(key="remove_pick").select("afp_harir_drone.txt").run()
    assert at.button(key="remove_go").disabled, "nothing is removed before the confirmation"
    at.checkbox(key="remove_confirm").check().run()
    at.button(key="remove_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not (corpus["user"] / "afp_harir_drone.txt").exists()
    assert {p.name: p.read_bytes() for p in corpus["raw"].iterdir()} == before
    assert (corpus["root"] / "outside.txt").is_file()
    assert "afp_harir_drone" not in set(read_tables(corpus["data"])["articles"]["article_id"])
    assert status(at)["afp_harir_drone.txt"][0] == "removed"
    assert "remove_pick" not in keys(at, "multiselect")
    assert any("no uploaded files" in c.value for c in at.caption)
