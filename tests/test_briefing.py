"""The PDF briefing: the shaping helper on a table of inputs, then briefings of real tables read back with poppler
(pdftotext for joined letters in reading order, pdftoppm for a page that is not blank and reads from its side)."""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from bidi.algorithm import get_display
from PIL import Image
from streamlit.testing.v1 import AppTest

from components import briefing, query
from components.briefing_ui import briefing_bytes, briefing_file_name
from components.i18n import Names
from components.loaders import read_tables
from components.query import Filters, filter_options
from components.rtl import shape_for_dumb_renderer
from components.state import View

MADE = dt.date(2026, 11, 27)
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def fold_visual(visual: str) -> str:
    """Presentation forms back to letters, staying in visual order (a lam-alef ligature is two letters, alef first)."""
    out = []
    for ch in visual:
        letters = unicodedata.normalize("NFKC", ch)
        out.append(letters[::-1] if PRESENTATION_FORMS.match(ch) else letters)
    return "".join(out)


# (logical text, base direction, expected visual order after folding presentation forms back to letters)
SHAPE_TABLE = [
    ("كتائب حزب الله", "R", "هللا بزح بئاتك"),  # word order reversed, letters of each word reversed
    ("هجوم (2024)", "R", "(2024) موجه"),  # brackets still face their content
    ("أ [ب] ج", "R", "ج [ب] أ"),
    ("الحصيلة (نحو 2,500 جندي)", "R", "(يدنج 2,500 وحن) ةليصحلا"),
    ("قتل 3 جنود في 2024-01-28", "R", "2024-01-28 يف دونج 3 لتق"),  # a date after Arabic stays left to right
    ("من 2023-10 إلى 2024-02", "R", "2024-02 ىلإ 2023-10 نم"),
    ("١٢ هجوما في ٢٠٢٤", "R", "٢٠٢٤ يف اموجه ١٢"),  # Arabic-Indic digits too
    ("Tower 22 في الأردن", "R", "ندرألا يف Tower 22"),
    ("Tower 22", "R", "Tower 22"),
    ("Source: الجزيرة", "L", "Source: ةريزجلا"),  # an English line keeps its order, the Arabic name reads right to left
    ("Filters: none", "L", "Filters: none"),
    ("\u202eمكتوب\u202c بالعكس", "R", "سكعلاب بوتكم"),  # an override in an article is dropped, not obeyed
]


@pytest.mark.parametrize("logical, base, expected", SHAPE_TABLE)
def test_shaping_table_order_brackets_and_digits(logical, base, expected):
    shaped = shape_for_dumb_renderer(logical, base)
    assert fold_visual(shaped) == expected
    assert not BIDI_CONTROLS.search(shaped)


@pytest.mark.parametrize("logical, visual", [
    ("كتب", "\ufe90\ufe98\ufedb"),  # kaf initial, teh medial, beh final: joined, shown right to left
    ("موجز", "\ufeb0\ufe9f\ufeee\ufee3"),  # meem initial, waw final, jeem initial, zain final
    ("الله", "\ufeea\ufee0\ufedf\ufe8d"),  # four letters, never the single glyph U+FDF2 that fonts lack
    ("سلام", "\ufee1\ufefc\ufeb3"),  # lam-alef is the obligatory ligature (U+FEFC), the one kept
])
def test_letters_take_their_joined_forms(logical, visual):
    assert shape_for_dumb_renderer(logical) == visual


# ---------------------------------------------------------------- poppler


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is missing: apt-get install -y poppler-utils (Debian), which .ci/run must install"
    return path


def visual_lines(data: bytes, tmp_path: Path) -> list[str]:
    """Page 1 as drawn: pdftotext -bbox words (each in the order its glyphs stand, left to right), grouped into lines by
    height and sorted by position. Not -layout: its own reordering moves a colon between Arabic words."""
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(data)
    xml = subprocess.run([poppler("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    words = [(float(y0) + float(y1), float(x0), html.unescape(word)) for x0, y0, y1, word in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', xml)]
    lines: list[list[tuple[float, float, str]]] = []
    for word in sorted(words):
        if lines and word[0] - lines[-1][0][0] < 5:  # centres within 2.5 pt: the same line
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(w[2] for w in sorted(line, key=lambda w: w[1])) for line in lines]


def un_bidi(visual: str, lang: str) -> str:
    """Visual order back to logical (the bidi algorithm undoes itself on such lines): right to left for the Arabic
    briefing, and in the English one for a line with no Latin letter (an article's sentence)."""
    base = "R" if lang == "ar" or not re.search("[A-Za-z]", visual) else "L"
    if base == "R":  # a date drawn left to right stays one run on the way back too (see components.rtl)
        visual = re.sub(r"(?<![\d-])(\d+(?:-\d+)+)", "\u200f\\1", visual)
    return get_display(visual, base_dir=base).replace("\u200f", "")


def logical_lines(data: bytes, tmp_path: Path, lang: str, fold: bool = True) -> list[str]:
    """The page's lines in reading order, letters folded back from their presentation forms unless fold=False."""
    lines = [un_bidi(line, lang) for line in visual_lines(data, tmp_path)]
    return [unicodedata.normalize("NFKC", line) for line in lines] if fold else lines


def no_marks(text: str) -> str:
    """The reshaper drops harakat (tanween, shadda): the expected strings lose them too."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def page_count(data: bytes, tmp_path: Path) -> int:
    pdf = tmp_path / "count.pdf"
    pdf.write_bytes(data)
    info = subprocess.run([poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_png(data: bytes, tmp_path: Path, name: str, dpi: int = 60) -> Image.Image:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run([poppler("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", "-f", "1", str(pdf), str(tmp_path / name)],
                   check=True)
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Share of non-white pixels in a box."""
    region = image.crop(box).convert("L")
    dark = sum(1 for value in region.get_flattened_data() if value < 200)
    return dark / (region.width * region.height)


# ---------------------------------------------------------------- briefings of real tables


@pytest.fixture(scope="module")
def seed_tables(seed_dir):
    return read_tables(seed_dir)


def view_of(tables, lang: str, filters: Filters = Filters()) -> View:
    return View(lang=lang, filters=filters, tables=tables, options=filter_options(tables),
                names=Names(tables["actors"], tables["places"], lang))


def expected_latest(tables, filters: Filters) -> pd.DataFrame:
    incidents = query.filter_incidents(tables["incidents"], filters)
    return query.with_sources(query.latest_incidents(incidents), tables["articles"])


def test_arabic_briefing_is_joined_in_reading_order_on_one_page(seed_tables, tmp_path):
    data = briefing_bytes(view_of(seed_tables, "ar"), today=MADE)
    assert data.startswith(b"%PDF") and page_count(data, tmp_path) == 1
    # joined: the letters are drawn in their contextual forms (initial, medial, final), not as isolated letters
    unfolded = "\n".join(logical_lines(data, tmp_path, "ar", fold=False))
    assert "\ufead\ufe8d\ufebb\ufeaa" in unfolded  # راصد
    assert "\ufe8d\ufedf\ufea4\ufeee\ufe8d\ufea9\ufe99" in unfolded  # الحوادث
    lines = logical_lines(data, tmp_path, "ar")
    text = "\n".join(lines)
    assert lines[0] == "راصد: موجز العرض الحالي"
    assert "تاريخ الإعداد: 2026-11-27" in text
    assert "عوامل التصفية: بلا تصفية" in lines
    assert "أحدث الحوادث ومصادرها" in lines
    assert no_marks("الهجمات والضربات (سنوياً)") in lines
    figures = query.headline(seed_tables["incidents"], seed_tables["troops"])
    # the figure boxes read from the right: incidents first, the troop level last (leftmost)
    values_line = next(line for line in lines if line.endswith(" 2,400"))
    assert values_line.split() == [str(figures[key]) for key in ("incidents", "attacks", "strikes", "killed", "wounded")] + ["2,400"]
    assert no_marks(view_of(seed_tables, "ar").names.label("qualifier", "approx")) in lines  # the troop level's qualifier
    latest = expected_latest(seed_tables, Filters())
    assert len(latest) == 7  # (the 29 January 2024 wave is one row per country since 28 Nov 2026)
    for row in latest.itertuples():
        assert row.date in text
        first_words = " ".join(no_marks(row.quote).split()[:6])
        assert first_words in text, first_words
    # dates after Arabic words stay left to right: nowhere does a reversed ISO date appear
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", text)


def test_english_briefing_reads_left_to_right_with_the_arabic_sentences_intact(seed_tables, tmp_path):
    v = view_of(seed_tables, "en")
    data = briefing_bytes(v, today=MADE)
    assert page_count(data, tmp_path) == 1
    lines = logical_lines(data, tmp_path, "en")
    text = "\n".join(lines)
    assert lines[0] == "Rasid: briefing of the current view"
    assert "Filters: none" in lines and "Latest incidents and their sources" in lines
    assert "Attacks and strikes (Per year)" in lines
    attack = v.names.label("event_type", "attack")
    assert f"5 2024-01-28 · {attack} · Islamic Resistance in Iraq · Tower 22 · killed: 3 · wounded: 34" in lines
    assert "Al Jazeera · published about 2024-04-15 (estimated)" in lines
    assert v.names.label("qualifier", "approx") in lines  # the troop level carries its qualifier
    for row in expected_latest(seed_tables, Filters()).itertuples():
        assert " ".join(no_marks(row.quote).split()[:6]) in text


def test_filters_narrow_the_briefing_and_are_named_in_words(seed_tables, tmp_path):
    filters = Filters(year=(2024,))
    data = briefing_bytes(view_of(seed_tables, "ar", filters), today=MADE)
    text = "\n".join(logical_lines(data, tmp_path, "ar"))
    assert "عوامل التصفية: السنة: 2024" in text
    assert no_marks("الهجمات والضربات (شهرياً)") in text  # one year is drawn per month
    latest = expected_latest(seed_tables, filters)
    assert len(latest) == 5 and set(latest["date"].str[:4]) == {"2024"}
    for row in latest.itertuples():
        assert row.date in text
    assert "2020-01-03" not in text and "2020-03" not in text


def test_png_is_drawn_and_each_language_starts_on_its_own_side(seed_tables, tmp_path):
    for lang in ("ar", "en"):
        image = page_png(briefing_bytes(view_of(seed_tables, lang), today=MADE), tmp_path, lang)
        width, height = image.size
        assert ink(image, (0, 0, width, height)) > 0.02, "the page is blank"
        title = (0, int(height * 0.042), width, int(height * 0.064))
        left = ink(image, (0, title[1], width // 2, title[3]))
        right = ink(image, (width // 2, title[1], width, title[3]))
        assert (right > 0.05 and left < 0.01) if lang == "ar" else (left > 0.05 and right < 0.01), (lang, left, right)
        attack_red = sum(1 for px in image.get_flattened_data() if abs(px[0] - 0xC0) < 25 and px[1] < 90 and px[2] < 80)
        assert attack_red > 50, "the chart's attack bars are missing"


def test_article_text_is_printed_as_text_never_as_markup(seed_tables, tmp_path):
    hostile = "<b>عاجل</b> **خبر** {nb} [رابط](http://example.invalid) \u202eمعكوس =SUM(A1)"
    tables = dict(seed_tables)
    latest_id = expected_latest(seed_tables, Filters()).iloc[0]["incident_id"]
    incidents = tables["incidents"].copy()
    incidents.loc[incidents["incident_id"] == latest_id, "quote"] = hostile
    tables["incidents"] = incidents
    data = briefing_bytes(view_of(tables, "en"), today=MADE)
    text = "\n".join(logical_lines(data, tmp_path, "en"))
    for piece in ("<b>عاجل</b>", "**خبر**", "{nb}", "[رابط](http://example.invalid)", "معكوس =SUM(A1)"):
        assert piece in text, piece
    assert b"/URI" not in data and b"/Annots" not in data


def test_an_empty_view_still_makes_a_page_that_says_so(seed_tables, tmp_path):
    filters = Filters(year=(1999,))
    data = briefing_bytes(view_of(seed_tables, "ar", filters), today=MADE)
    assert page_count(data, tmp_path) == 1
    text = "\n".join(logical_lines(data, tmp_path, "ar"))
    assert "لا أحداث مؤرخة في هذا العرض." in text and "لا حوادث مؤرخة في هذا العرض." in text
    assert "غير معروف" in text  # no troop level: said, not zero


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_longest_view_still_fits_one_page_with_ten_incidents(synth_dir, tmp_path, lang):
    tables = dict(read_tables(synth_dir))
    long_sentence = "وفي 7 فبراير 2024 استهدف هجوم بطائرة مسيرة قاعدة عين الأسد غرب العراق " * 12
    tables["incidents"] = tables["incidents"].assign(quote=long_sentence)
    options = filter_options(tables)
    filters = Filters(militia=tuple(options.militia), place=tuple(options.place))
    data = briefing_bytes(view_of(tables, lang, filters), today=MADE)
    assert page_count(data, tmp_path) == 1
    lines = logical_lines(data, tmp_path, lang)
    numbered = [line for line in lines if re.match(r"^(10|[1-9]) 20\d\d-|.* (10|[1-9])$", line)]
    assert len(numbered) == 10, numbered
    assert sum(line.endswith("...") for line in lines) >= 10  # sentences cut (NFKC folds the ellipsis), not overflowing


def test_missing_fonts_are_named_with_the_packages_that_bring_them(tmp_path):
    with pytest.raises(briefing.FontsMissing) as error:
        briefing.find_fonts(tmp_path)
    message = str(error.value)
    assert "NotoSansArabic-Regular.ttf" in message and "DejaVuSans.ttf" in message
    assert "apt-get install fonts-dejavu-core fonts-noto-core" in message


def test_file_name_says_briefing_filters_and_date(seed_tables):
    v = view_of(seed_tables, "ar", Filters(militia=("Kataib Hezbollah",), year=(2024,)))
    assert briefing_file_name(v, MADE) == "rasid_briefing_militia-Kataib-Hezbollah_year-2024_2026-11-27.pdf"


def _button_script(data_dir: str, lang: str) -> None:
    from pathlib import Path

    import streamlit as st

    from components.briefing_ui import briefing_button
    from components.i18n import Names
    from components.loaders import read_tables
    from components.query import Filters, filter_options
    from components.state import View

    tables = read_tables(Path(data_dir))
    view = View(lang=lang, filters=Filters(year=(2024,)), tables=tables, options=filter_options(tables),
                names=Names(tables["actors"], tables["places"], lang))
    with st.sidebar:
        briefing_button(view)


@pytest.mark.parametrize("lang, label", [("ar", "تنزيل موجز العرض (صفحة واحدة)"), ("en", "Download briefing (PDF)")])
def test_button_is_offered_in_the_sidebar(seed_dir, lang, label):
    at = AppTest.from_function(_button_script, args=(str(seed_dir), lang), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.sidebar.get("download_button")
    assert len(buttons) == 1 and buttons[0].proto.label == label
    assert "2024" in buttons[0].proto.help


def test_button_is_disabled_with_the_reason_when_fonts_are_missing(seed_dir, monkeypatch, tmp_path):
    monkeypatch.setattr(briefing, "FONT_ROOT", tmp_path)
    at = AppTest.from_function(_button_script, args=(str(seed_dir), "en"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.sidebar.get("download_button")
    assert at.sidebar.button[0].disabled and "fonts-noto-core" in at.sidebar.button[0].help
