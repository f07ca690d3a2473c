"""A day and month written with their weekday and no year, in a page whose year Rasid can only guess, take the year
next to the guess in which the calendar agrees with the weekday (session of 28 Nov 2026; found on devset64). The
sentences are our own."""
from __future__ import annotations

from pathlib import Path

from preprocess.cues import load_cues
from preprocess.extract import extract_article
from preprocess.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def test_the_weekday_picks_the_year_of_a_day_and_month_written_without_one():
    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    cues = load_cues(ROOT / "data" / "resources")
    text = ("سقطت صواريخ على معسكر التاجي في 11 آذار 2019 في تمرين قديم روته الصحيفة.\n"
            "وفي العام التالي، وتحديداً فجر الجمعة الثالث عشر من آذار، ضربت طائرات أمريكية مواقع لكتائب حزب الله قرب جرف الصخر.")
    ex = extract_article("t", text, "", gazetteer, cues)
    # 13 March was a Friday in 2020, not in 2019
    assert [r["date"] for r in ex.incidents if r["event_type"] == "strike"] == ["2020-03-13"]
