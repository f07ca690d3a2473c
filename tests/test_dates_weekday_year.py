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


def test_a_weekday_with_day_and_month_on_an_undated_page_takes_the_one_year_that_fits():
    from preprocess.dates import find_dates
    # 17 October fell on a Tuesday in 2023 and in no other year of the confrontation (2019-2026)
    assert [(d.iso, d.precision) for d in find_dates("الثلاثاء 17/10")] == [("2023-10-17", "day")]
    assert [(d.iso, d.precision) for d in find_dates("الخميس 9 تشرين الثاني")] == [("2023-11-09", "day")]
    # 20 March was a Friday in 2020 and in 2026: two years fit, so the year stays unknown
    assert [d.iso for d in find_dates("الجمعة 20/3")] == [""]
    # each weekday is its own question: a Monday 17 October is 2022; a Saturday is 2020 or 2026, so unknown
    assert [d.iso for d in find_dates("الاثنين 17/10")] == ["2022-10-17"]
    assert [d.iso for d in find_dates("السبت 17/10")] == [""]


def test_an_alert_list_under_weekday_headings_dates_every_item_of_its_day():
    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    cues = load_cues(ROOT / "data" / "resources")
    text = ("أرشيف التنبيهات العاجلة – الصفحة 2\n"
            "📅 الأربعاء 8/11\n\n"
            "🔴 08:10 ص | مصدر: مسيرة تستهدف قاعدة حرير شمال أربيل دون إصابات\n"
            "🔴 11:30 ص | الطقس: أمطار متوقعة في المنطقة الشمالية\n"
            "🔴 04:45 م | صواريخ تسقط داخل قاعدة عين الأسد غربي الأنبار\n\n"
            "📅 الخميس 9/11\n\n"
            "🔴 01:20 ص | طائرات أمريكية تقصف مستودعاً للفصائل قرب الميادين في ريف دير الزور\n\n"
            "📅 الجمعة 10/11\n\n"
            "🔴 09:00 ص | حركة السير طبيعية على طريق بغداد – الرمادي\n")
    ex = extract_article("t", text, "", gazetteer, cues)
    got = sorted((r["event_type"], r["date"], r["place"]) for r in ex.incidents if r["event_type"] in ("attack", "strike"))
    assert got == [("attack", "2023-11-08", "Ain al-Asad"), ("attack", "2023-11-08", "Harir"),
                   ("strike", "2023-11-09", "al-Mayadin")]
