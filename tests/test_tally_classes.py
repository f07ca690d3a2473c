"""Attack tallies, classes seen on blind sets: 'عملية' counts, a place merely named in the sentence is not
where a tally applies, and a batch of today's claimed operations is not a running tally. Sentences are our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from preprocess.cues import load_cues
from preprocess.extract import extract_article
from preprocess.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tallies():
    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    cues = load_cues(ROOT / "data" / "resources")
    return lambda text: sorted((r["count"], r["qualifier"], r["country"], r["location"])
                               for r in extract_article("t", text, "2024-01-30", gazetteer, cues).attack_counts)


def test_operations_are_counted_with_their_breakdown_in_arabic_indic_digits(tallies):
    text = ("قال الناطق باسم الحركة إن مجموع عمليات المقاومة ضد قواعد الاحتلال منذ ١٧ تشرين الأول ٢٠٢٣ "
            "تجاوز ١٦٥ عملية، منها ٧١ في العراق و٩٤ في سوريا.\n")
    assert tallies(text) == [(71, "exact", "Iraq", ""), (94, "exact", "Syria", ""), (165, "more_than", "", "")]


def test_a_place_named_elsewhere_in_the_sentence_is_not_the_tallys_location(tallies):
    text = ("ويقدر مراقبون عدد الهجمات التي استهدفت القواعد والسفارة الأمريكية في بغداد منذ تشرين الأول الماضي "
            "بأكثر من 20 هجوما.\n")
    assert tallies(text) == [(20, "more_than", "", "")]


def test_two_countries_in_the_sentence_give_the_tally_neither(tallies):
    text = "وتعرضت القوات الأمريكية في العراق وسوريا إلى أكثر من 160 هجوما منذ 17 تشرين الأول.\n"
    assert tallies(text) == [(160, "more_than", "", "")]


def test_todays_batch_of_new_operations_is_not_a_tally(tallies):
    text = "أعلنت المقاومة الإسلامية في العراق، اليوم السبت، تنفيذ ثلاث عمليات جديدة ضد قواعد الاحتلال في سوريا.\n"
    assert tallies(text) == []



def test_two_countries_after_the_count_give_the_tally_neither(tallies):
    text = "وتعرضت القوات الأميركية لأكثر من 170 هجوماً في العراق وسوريا منذ 17 تشرين الأول 2023.\n"
    assert tallies(text) == [(170, "more_than", "", "")]


def test_one_country_after_the_count_is_the_tallys(tallies):
    text = "وتعرضت القوات الأميركية لأكثر من 70 هجوماً في العراق منذ 17 تشرين الأول 2023.\n"
    assert tallies(text) == [(70, "more_than", "Iraq", "")]
