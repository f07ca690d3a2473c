"""Boxes of related headlines ("اقرأ أيضاً", "الأكثر قراءة") report other articles' events: they give no
incident, troop figure or mention, while a dated chronology list and the body around a box still do.
Sentences are our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from preprocess.cues import load_cues
from preprocess.extract import extract_article
from preprocess.extract.furniture import Furniture, blank
from preprocess.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cues():
    return load_cues(ROOT / "data" / "resources")


@pytest.fixture(scope="module")
def extract(cues):
    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    return lambda text, published="2024-02-03": extract_article("t", text, published, gazetteer, cues)


BODY = ("استهدفت طائرة مسيرة قاعدة حرير شمال أربيل مساء السبت 3 شباط 2024، وقال مسؤول أمريكي إن الدفاعات الجوية "
        "أسقطتها قبل وصولها إلى القاعدة من دون أن تسفر عن إصابات.\n\n")
BOX = ("اقرأ أيضاً:\n"
       "• قصف صاروخي على قاعدة عين الأسد.. ولا إصابات\n"
       "• كتائب حزب الله تتبنى استهداف حقل العمر بمسيرتين\n"
       "  أعلنت الكتائب في بيان أنها استهدفت قاعدة الاحتلال في حقل العمر بريف دير الزور…\n\n")
TAIL = ("وتنتشر في العراق قرابة 2500 جندي أمريكي ضمن التحالف الدولي، بحسب تصريحات سابقة لمسؤولين في وزارة الدفاع، "
        "فيما يبقى نحو 900 جندي في شمال شرق سوريا.\n")


def test_a_related_box_gives_no_incident_and_no_mention(extract):
    ex = extract(BODY + BOX)
    places = {r["place"] for r in ex.incidents}
    assert places == {"Harir"}
    surfaces = {m["surface"] for m in ex.mentions}
    assert "قاعدة حرير" in surfaces
    assert not [m for m in ex.mentions if m["start"] >= len(BODY)], "a name in the box became a mention"


def test_the_body_after_a_box_is_read(extract):
    ex = extract(BODY + BOX + TAIL)
    assert sorted(r["value"] for r in ex.troops) == [900, 2500]


def test_blanking_keeps_every_offset(cues):
    text = BODY + BOX + TAIL
    ranges = Furniture(cues.lists["related_headers"]).ranges(text)
    blanked = blank(text, ranges)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert blanked.startswith(BODY) and blanked.endswith(TAIL)
    assert "عين الأسد" not in blanked and "اقرأ" not in blanked


def test_an_inline_read_also_line_is_furniture_but_the_next_paragraph_is_not(cues):
    text = ("اقرأ أيضا: غارات أمريكية على مواقع للفصائل في البوكمال\n"
            "وقال شهود إن صاروخين سقطا قرب السفارة الأمريكية في بغداد، من دون أن يسفرا عن إصابات، بحسب مصدر أمني.\n")
    ranges = Furniture(cues.lists["related_headers"]).ranges(text)
    assert [text[s:e] for s, e in ranges] == [text.split("\n")[0]]


def test_a_dated_chronology_list_without_a_header_is_read(extract):
    text = ("أبرز الهجمات خلال الأسبوع الماضي:\n"
            "- 29 كانون الثاني 2024: هجوم بطائرة مسيرة على قاعدة عين الأسد غربي الأنبار.\n"
            "- 31 كانون الثاني 2024: هجوم صاروخي على قاعدة حرير في أربيل.\n")
    places = sorted(r["place"] for r in extract(text).incidents if r["event_type"] == "attack")
    assert places == ["Ain al-Asad", "Harir"]
