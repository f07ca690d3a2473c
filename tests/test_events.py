"""Incidents as events: restatements inside one article merge into one row, slots meet across sentences,
conflicting slots keep events apart, and every slot says which sentence gave it. Sentences are our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from preprocess.cues import load_cues
from preprocess.extract import extract_article
from preprocess.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extract():
    gazetteer = load_gazetteer(ROOT / "data" / "gazetteer")
    cues = load_cues(ROOT / "data" / "resources")

    def run(text: str, published: str = "", inferred: bool = False):
        headline = text.split("\n", 1)[0] if "." not in text.split("\n", 1)[0] else ""  # as the build passes it
        return extract_article("t", text, published, gazetteer, cues, titles=(headline,), published_inferred=inferred)

    return run


def attacks(ex, event_type="attack"):
    return [r for r in ex.incidents if r["event_type"] == event_type]


RESTATED = (
    "استهدفت طائرة مسيرة قاعدة عين الأسد الجوية غربي الأنبار فجر الأحد 21 كانون الثاني 2024.\n"
    "وقال مسؤول في وزارة الدفاع الأمريكية إن الهجوم أسفر عن إصابة جنديين أمريكيين بجروح طفيفة.\n"
    "وأعلنت المقاومة الإسلامية في العراق في بيان مسؤوليتها عن استهداف قاعدة عين الأسد بطائرة مسيرة.\n"
)


def test_a_restated_attack_is_one_row_with_date_toll_and_claimant_from_three_sentences(extract):
    rows = attacks(extract(RESTATED, "2024-01-21"))
    assert len(rows) == 1
    row = rows[0]
    assert (row["date"], row["place"], row["weapon"], row["wounded"]) == ("2024-01-21", "Ain al-Asad", "drone", 2)
    assert row["claimed_by"] == row["perpetrator"] == "Islamic Resistance in Iraq"


def test_every_sentence_behind_the_row_is_a_source_and_each_slot_points_to_its_own(extract):
    ex = extract(RESTATED, "2024-01-21")
    row = attacks(ex)[0]
    sources = [s for s in ex.incident_sources if s["incident_id"] == row["incident_id"]]
    text = RESTATED
    assert len([s for s in sources if s["slot"] == "mention"]) == 3
    by_slot = {s["slot"]: s for s in sources}
    assert "21 كانون الثاني 2024" in by_slot["date"]["quote"]
    assert "جنديين" in by_slot["wounded"]["quote"]
    assert "مسؤوليتها" in by_slot["claimed_by"]["quote"]
    for s in sources:
        assert text[s["start"]:s["end"]] == s["quote"]


def test_two_bases_on_two_days_stay_two_events(extract):
    text = ("تعرضت قاعدة حرير في أربيل لهجوم بطائرة مسيرة يوم الجمعة 2 شباط 2024.\n"
            "وفي اليوم التالي استهدفت صواريخ قاعدة عين الأسد في الأنبار.\n")
    rows = attacks(extract(text, "2024-02-04"))
    assert sorted((r["place"], r["date"]) for r in rows) == [("Ain al-Asad", "2024-02-03"), ("Harir", "2024-02-02")]


def test_the_us_strike_that_answers_an_attack_is_its_own_event_with_its_own_dead(extract):
    text = ("قتل ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة على البرج 22 في الأردن يوم 28 كانون الثاني 2024.\n"
            "وردت الولايات المتحدة في 2 شباط 2024 بغارات جوية على مواقع لكتائب حزب الله في القائم أسفرت عن مقتل 16 شخصا.\n")
    ex = extract(text, "2024-02-03")
    attack, = attacks(ex)
    strike, = attacks(ex, "strike")
    assert (attack["place"], attack["killed"]) == ("Tower 22", 3)
    assert (strike["date"], strike["killed"], strike["perpetrator"]) == ("2024-02-02", 16, "United States")


def test_a_revised_toll_replaces_the_first(extract):
    text = ("قتل ثلاثة جنود أمريكيين وأصيب 25 آخرون في هجوم بطائرة مسيرة على البرج 22 يوم 28 كانون الثاني 2024.\n"
            "وارتفعت حصيلة المصابين في الهجوم لاحقا إلى 40 جنديا.\n")
    row, = attacks(extract(text, "2024-01-30"))
    assert (row["killed"], row["wounded"]) == (3, 40)


@pytest.mark.parametrize("wording", ["لم يوقع أي إصابات", "دون وقوع خسائر", "لم يسفر عن ضحايا", "لم تسجل أي إصابات"])
def test_no_casualty_wording_gives_zero(extract, wording):
    text = f"سقطت ثلاثة صواريخ كاتيوشا داخل قاعدة فيكتوري قرب مطار بغداد مساء الثلاثاء 9 كانون الثاني 2024، {wording}.\n"
    row, = attacks(extract(text, "2024-01-10"))
    assert (row["killed"], row["wounded"]) == (0, 0)


def test_an_intercepted_drone_is_an_attack_with_outcome_intercepted(extract):
    text = "أسقطت الدفاعات الجوية طائرة مسيرة مفخخة حاولت استهداف قاعدة حرير شمال أربيل يوم 5 شباط 2024.\n"
    row, = attacks(extract(text, "2024-02-06"))
    assert (row["place"], row["weapon"], row["outcome"]) == ("Harir", "drone", "intercepted")


def test_an_inferred_publication_date_never_dates_an_incident(extract):
    text = "تعرضت قاعدة عين الأسد لهجوم بطائرات مسيرة، وأعلنت المقاومة الإسلامية في العراق مسؤوليتها عن الهجوم.\n"
    inferred = attacks(extract(text, "2024-01-20", inferred=True))
    stated = attacks(extract(text, "2024-01-20"))
    assert [r["date"] for r in inferred] == [""]
    assert [(r["date"], r["date_basis"]) for r in stated] == [("2024-01-20", "published")]


def test_the_headlines_one_faction_is_the_agent_when_the_body_names_none(extract):
    text = ("كتائب حزب الله تستهدف قاعدة التنف\n"
            "تعرضت قاعدة التنف في سوريا لهجوم بطائرتين مسيرتين صباح الأربعاء 18 تشرين الأول 2023 دون وقوع إصابات.\n")
    row, = attacks(extract(text, "2023-10-18"))
    assert row["perpetrator"] == "Kataib Hezbollah"


def test_dual_casualty_nouns_count_two(extract):
    text = ("قصفت طائرة مسيرة أمريكية مقرا لكتائب حزب الله في جرف الصخر يوم 24 كانون الثاني 2024.\n"
            "وارتفعت حصيلة الضربة إلى قتيلين و6 جرحى.\n")
    row, = attacks(extract(text, "2024-01-25"), "strike")
    assert (row["killed"], row["wounded"]) == (2, 6)


@pytest.mark.parametrize("text, expected", [
    ("شنت طائرات أمريكية غارات على مواقع لكتائب حزب الله في القائم بين 28 و30 كانون الثاني 2024.",
     [("2024-01-28", "range", "2024-01-30")]),
    ("استهدفت صواريخ قاعدة عين الأسد يومي 5 و6 كانون الثاني 2024.",
     [("2024-01-05", "day", ""), ("2024-01-06", "day", "")]),
    ("Jan 28, 2024\nأعلنت المقاومة الإسلامية في العراق مسؤوليتها عن استهداف قاعدة التنف بطائرة مسيرة Jan 28, 2024.",
     [("2024-01-28", "day", "")]),
])
def test_day_ranges_and_day_pairs(extract, text, expected):
    rows = sorted(extract(text, "2024-02-01").incidents, key=lambda r: r["date"])
    assert [(r["date"], r["date_precision"], r["date_end"]) for r in rows] == expected


# ---------------------------------------------------------------- tolls across sentences (classes from devset3-5)

def _one(ex, event_type="attack"):
    rows = attacks(ex, event_type)
    assert len(rows) == 1, rows
    return rows[0]


def test_a_no_casualty_line_with_no_trigger_of_its_own_completes_the_event(extract):
    text = ("أسقطت الدفاعات الجوية طائرة مسيرة حاولت استهداف قاعدة حرير شمال أربيل فجر الأحد 14 كانون الثاني 2024.\n"
            "وأضاف المسؤول، الذي طلب عدم ذكر اسمه، أن الحادث \"لم يسفر عن إصابات\".\n")
    row = _one(extract(text, "2024-01-14"))
    assert (row["killed"], row["wounded"]) == (0, 0)


def test_adam_tasjil_is_a_no_casualty_statement(extract):
    text = ("سقطت ثلاثة صواريخ داخل قاعدة عين الأسد الجوية غربي الأنبار مساء الأربعاء 5 كانون الثاني 2022، "
            "وأكد مصدر أمني عدم تسجيل أي خسائر بشرية.\n")
    row = _one(extract(text, "2022-01-05"))
    assert (row["killed"], row["wounded"]) == (0, 0)


def test_a_follow_up_that_names_the_weapon_goes_to_that_weapons_event(extract):
    text = ("أسقطت الدفاعات الجوية للتحالف فجر الخميس 9 تشرين الثاني 2023 طائرة مسيرة حاولت استهداف قاعدة الشدادي، "
            "فيما سقطت قذائف صاروخية قرب قاعدة خراب الجير.\n"
            "وقال مصدر عسكري إن المسيرة أسقطت على بعد كيلومترين من القاعدة من دون أن تسفر عن إصابات.\n")
    rows = {r["place"]: r for r in attacks(extract(text, "2023-11-09"))}
    assert (rows["al-Shaddadi"]["killed"], rows["al-Shaddadi"]["wounded"]) == (0, 0)
    assert rows["Kharab al-Jir"]["killed"] is None


def test_a_toll_raised_with_the_figure_before_the_noun(extract):
    text = ("ارتفع إلى 22 عدد القتلى جراء الغارات الجوية التي نفذتها طائرات أمريكية ليل الخميس 25 شباط 2021 "
            "على مواقع لكتائب حزب الله قرب البوكمال.\n"
            "وكان المرصد قد أشار في وقت سابق إلى مقتل 17 على الأقل من عناصر الفصائل.\n")
    assert _one(extract(text, "2021-02-26"), "strike")["killed"] == 22


def test_a_toll_that_settles_lower_takes_the_kind_of_the_toll_before_it(extract):
    text = ("استهدفت طائرة مسيرة أمريكية مقرا للحشد الشعبي في شارع فلسطين ببغداد يوم الخميس 4 كانون الثاني 2024.\n"
            "وكانت مصادر أمنية تحدثت في الساعات الأولى عن ثلاثة قتلى، قبل أن يستقر العدد في بيانات الحشد على اثنين.\n")
    assert _one(extract(text, "2024-01-04"), "strike")["killed"] == 2


def test_a_toll_raised_twice_in_one_sentence_ends_at_the_last_figure(extract):
    text = ("قتل ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة على البرج 22 في الأردن فجر الأحد 28 كانون الثاني 2024.\n"
            "وتحدثت الحصيلة الأولية عن 25 مصابا، قبل أن ترتفع إلى 34، ثم إلى «أكثر من 40» جريحا.\n")
    row = _one(extract(text, "2024-01-28"))
    assert (row["killed"], row["wounded"]) == (3, 40)


# ---------------------------------------------------------------- classes from the blind sets devset6a/6b

def test_another_states_strike_is_not_an_attack_on_us_forces(extract):
    text = ("قصفت طائرات إسرائيلية فجر الاثنين 13 تشرين الثاني 2023 مواقع لحزب الله والحرس الثوري في محيط دمشق.\n"
            "وفي اليوم ذاته، قتل عنصران من كتائب حزب الله بقصف لطائرة مسيرة تركية قرب سنجار.\n")
    assert attacks(extract(text, "2023-11-13")) == [] and attacks(extract(text, "2023-11-13"), "strike") == []


def test_this_attack_refers_back_and_adds_no_event(extract):
    text = ("استهدفت طائرة مسيرة قاعدة عين الأسد الجوية غربي الأنبار مساء الاثنين 5 آب 2024.\n"
            "ويعد هذا الهجوم الأبرز على القوات الأمريكية في العراق منذ شباط الماضي.\n")
    assert len(attacks(extract(text, "2024-08-05"))) == 1


def test_a_relative_clause_after_a_general_noun_is_not_an_event(extract):
    text = ("ويقدر مراقبون أن الهجمات التي استهدفت القواعد الأمريكية في العراق منذ تشرين الأول الماضي "
            "تجاوزت عشرين هجوما.\n")
    assert attacks(extract(text, "2020-03-13")) == []


def test_an_undated_mention_at_a_town_next_to_the_base_is_the_same_attack(extract):
    text = ("سقطت عدة صواريخ على قاعدة عين الأسد الجوية في الأنبار مساء الاثنين 5 آب 2024.\n"
            "المصدر يضيف: الصواريخ أطلقت من منطقة زراعية قرب ناحية البغدادي.\n")
    rows = attacks(extract(text, "2024-08-05"))
    assert [r["place"] for r in rows] == ["Ain al-Asad"]


def test_a_joint_drill_is_not_an_attack(extract):
    text = ("في الأثناء، نفذت قوات من التحالف الدولي والبيشمركة تمرينا مشتركا بالذخيرة الحية قرب قاعدة حرير "
            "شاركت فيه طائرات مسيرة.\n")
    assert attacks(extract(text, "2024-03-01")) == []


def test_an_outlet_named_today_is_not_a_date(extract):
    text = ("انفجرت عبوة ناسفة برتل دعم لوجستي للتحالف قرب السماوة مساء الثلاثاء 25 أيار 2021.\n"
            "ونسبت منصات مقربة من الفصائل الهجوم الى مجموعة \"أصحاب الكهف\"، ولم يتسن لـ(بغداد اليوم) التحقق من ذلك.\n")
    rows = attacks(extract(text, "2021-05-26"))
    assert [r["date"] for r in rows] == ["2021-05-25"]


# ---------------------------------------------------------------- classes from devset7 (timelines)

def test_aircraft_with_a_us_adjective_make_a_strike_dated_days_after_the_previous_event(extract):
    text = ("- 15 شباط 2021: قصف صاروخي على مطار أربيل الدولي أسفر عن مقتل متعاقد مدني.\n"
            "وبعد عشرة أيام قصفت طائرات أمريكية منشآت لكتائب حزب الله قرب البوكمال.\n")
    strikes = attacks(extract(text, "2021-03-01"), "strike")
    assert [(r["date"], r["place"], r["perpetrator"]) for r in strikes] == [("2021-02-25", "Albu Kamal", "United States")]


def test_a_week_after_something_named_is_not_counted_from_the_previous_event(extract):
    text = ("سقطت ثلاثة صواريخ على قاعدة عين الأسد مساء الاثنين 5 آب 2024 دون إصابات.\n"
            "وقال مسؤول إن القوات الأمريكية رفعت درجة التأهب بعد أسبوع على اغتيال قيادي في حماس.\n")
    assert [r["date"] for r in extract(text, "2024-08-06").incidents if r["event_type"] == "attack"] == ["2024-08-05"]


def test_aghārat_is_a_strike_verb(extract):
    text = "- 27 تشرين الأول 2023: أغارت مقاتلتان أمريكيتان على منشأتين للحرس الثوري قرب البوكمال.\n"
    assert [(r["date"], r["place"]) for r in attacks(extract(text, "2023-10-28"), "strike")] == [("2023-10-27", "Albu Kamal")]


def test_irans_own_missiles_on_a_base_with_us_forces_are_an_attack_on_them(extract):
    text = "- وفي فجر الثامن من كانون الثاني 2020 أطلقت إيران صواريخ باليستية على قاعدة عين الأسد في الأنبار.\n"
    rows = extract(text, "2020-01-08").incidents
    assert [(r["event_type"], r["place"], r["perpetrator"], r["weapon"]) for r in rows] == [
        ("attack", "Ain al-Asad", "Iran", "ballistic_missile")]


def test_a_state_named_after_the_verb_hitting_a_city_makes_its_own_strike_other(extract):
    text = "- وفي 15 كانون الثاني 2024 أطلقت إيران صواريخ باليستية على مدينة أربيل.\n"
    assert [r["event_type"] for r in extract(text, "2024-01-16").incidents] == ["other"]


def test_answering_with_a_weapon_is_an_event_and_the_same_month_can_be_an_ordinal(extract):
    text = ("عنوان\n- 3 كانون الثاني 2020: قتلت طائرة مسيرة أمريكية قائد فيلق القدس قرب مطار بغداد.\n\n"
            "- وردت إيران في الثامن من الشهر نفسه بصواريخ باليستية على قاعدة عين الأسد.\n")
    rows = attacks(extract(text, "2020-02-01"))
    assert [(r["date"], r["place"], r["perpetrator"]) for r in rows] == [("2020-01-08", "Ain al-Asad", "Iran")]


def test_strikes_in_two_countries_named_by_a_town_and_a_region_are_two_rows(extract):
    text = ("وفي 29 كانون الأول 2019 ردت واشنطن بغارات على خمس منشآت لكتائب حزب الله، ثلاث منها في منطقة القائم "
            "غربي الأنبار واثنتان في شرق سوريا.\n")
    rows = attacks(extract(text, "2019-12-30"), "strike")
    assert sorted((r["place"], r["country"]) for r in rows) == [("al-Qaim", "Iraq"), ("eastern Syria", "Syria")]


def test_the_killing_of_a_named_faction_figure_is_a_us_strike_dated_back_from_the_main_clause(extract):
    text = ("وفي 5 كانون الثاني 2020 صوت البرلمان العراقي على إنهاء وجود القوات الأجنبية، بعد يومين من مقتل قائد "
            "فيلق القدس قاسم سليماني ونائب رئيس هيئة الحشد أبو مهدي المهندس بغارة أمريكية قرب مطار بغداد.\n")
    rows = attacks(extract(text, "2020-03-14"), "strike")
    assert [(r["date"], r["place"], r["perpetrator"]) for r in rows] == [
        ("2020-01-03", "Baghdad International Airport", "United States")]


def test_ten_days_before_a_dated_event(extract):
    text = ("وفي 8 شباط 2024 صوت البرلمان على قرار بهذا الشأن، قبل عشرة أيام من اغتيال القيادي في كتائب حزب الله "
            "أبو باقر الساعدي بضربة أمريكية في بغداد.\n")
    rows = attacks(extract(text, "2024-02-20"), "strike")
    assert [r["date"] for r in rows] == ["2024-02-18"]


def test_a_toll_counted_after_the_event_phrase_and_a_revision_by_the_pentagon(extract):
    text = ("رفعت وزارة الدفاع الأمريكية عدد العسكريين الذين أصيبوا في هجوم المسيرة على البرج 22 في الأردن إلى "
            "«أكثر من 40»، بعدما كانت قد تحدثت عن 34 مصابا.\n"
            "وكانت طائرة مسيرة قد أصابت فجر الأحد 28 كانون الثاني 2024 مبنى للإقامة في البرج 22، وقُتل في الهجوم "
            "ثلاثة جنود.\n")
    row = _one(extract(text, "2024-01-31"))
    assert (row["killed"], row["wounded"]) == (3, 40)


# ---------------------------------------------------------------- classes from devset8

def test_the_base_without_a_name_is_the_base_just_named(extract):
    text = ("وجاءت الضربات ردا على الهجوم الصاروخي الذي استهدف قاعدة \"كي ون\" العسكرية شمال غربي كركوك يوم "
            "الجمعة 27 كانون الأول 2019. فقد سقط أكثر من ثلاثين صاروخا على القاعدة التي تضم قوات أمريكية، ما أدى "
            "إلى مقتل متعاقد مدني أمريكي.\n")
    rows = attacks(extract(text, "2019-12-30"))
    assert [(r["date"], r["place"], r["killed"]) for r in rows] == [("2019-12-27", "K1", 1)]


def test_since_an_earlier_event_with_its_own_date_is_a_row_of_its_own(extract):
    text = ("ويعد هجوم الأربعاء 11 آذار 2020 على معسكر التاجي الأكثر دموية منذ مقتل متعاقد مدني أمريكي بهجوم "
            "صاروخي على قاعدة \"كي وان\" في كركوك أواخر كانون الأول 2019.\n")
    rows = sorted((r["date"], r["place"]) for r in attacks(extract(text, "2020-03-14")))
    assert rows == [("2019-12", "K1"), ("2020-03-11", "Camp Taji")]


def test_that_nights_attacks_refer_back(extract):
    text = ("ضربت طائرة مسيرة البرج 22 في الأردن فجر الأحد 28 كانون الثاني 2024 فقتلت ثلاثة جنود أمريكيين.\n"
            "وتبنت المقاومة الإسلامية في العراق هجمات تلك الليلة على قواعد قالت إنها في سوريا.\n")
    assert len(attacks(extract(text, "2025-01-28"))) == 1


def test_an_accusative_shelling_is_an_event_word(extract):
    text = ("وفي منتصف كانون الثاني 2024، تبنى فصيل مجهول قصفاً بصاروخين سقطا في أرض زراعية قرب السياج الشمالي "
            "لقاعدة حرير.\n")
    assert [(r["date"], r["place"]) for r in attacks(extract(text, "2024-02-01"))] == [("2024-01", "Harir")]


def test_victory_base_and_the_airport_it_sits_in_are_one_scene(extract):
    text = ("سقطت صواريخ على قاعدة فكتوريا قرب مطار بغداد مساء الاثنين 15 حزيران 2020.\n"
            "وعند الحادية عشرة ليلا دوت صافرات الإنذار في القسم العسكري من مطار بغداد الدولي، وقالت خلية الإعلام "
            "الأمني إن صاروخين سقطا في محيط المطار دون خسائر.\n")
    rows = attacks(extract(text, "2020-06-16"))
    assert len(rows) == 1 and (rows[0]["killed"], rows[0]["wounded"]) == (0, 0)


def test_a_lead_with_no_place_of_its_own_is_the_event_the_next_sentence_places(extract):
    text = ("أعلنت وزارة الدفاع الأمريكية، اليوم الثلاثاء، ارتفاع عدد العسكريين المصابين في الهجوم بطائرة مسيرة على "
            "قاعدة أمريكية في شمال شرق الأردن إلى أكثر من 40 جريحا.\n"
            "وكان ثلاثة جنود أمريكيين قد لقوا مصرعهم فجر الأحد 28 كانون الثاني 2024، عندما اخترقت طائرة مسيرة دفاعات "
            "الموقع المعروف باسم البرج 22.\n"
            "ويعد الهجوم الذي وقع يوم 28 يناير أول هجوم يسفر عن قتلى في صفوف القوات الأمريكية منذ بدء الحرب.\n")
    row = _one(extract(text, "2024-01-30"))
    assert (row["place"], row["date"], row["killed"], row["wounded"]) == ("Tower 22", "2024-01-28", 3, 40)


def test_a_lead_in_jordan_is_not_a_claim_on_a_base_in_syria(extract):
    text = ("رفعت وزارة الدفاع الأمريكية عدد العسكريين المصابين في هجوم المسيرة على موقع عسكري أمريكي في الأردن إلى "
            "أكثر من 40.\n"
            "وتبنت المقاومة الإسلامية في العراق استهداف قاعدة الشدادي في سوريا بطائرة مسيرة.\n")
    rows = attacks(extract(text, "2024-01-31"))
    assert "al-Shaddadi" in {r["place"] for r in rows}
    assert all(r["wounded"] != 40 for r in rows if r["place"] == "al-Shaddadi")


def test_a_claim_listing_bases_each_with_its_own_word_and_the_weapon_last_is_one_row_per_base(extract):
    text = ("وذكرت المقاومة في بيان أن مجاهديها \"استهدفوا قاعدة حرير شمالي أربيل، وقاعدة خراب الجير في ريف الحسكة، "
            "وقاعدة الشدادي جنوبي الحسكة، بعدد من الطائرات المسيرة\".\n")
    rows = attacks(extract(text, ""))
    assert sorted(r["place"] for r in rows) == ["Harir", "Kharab al-Jir", "al-Shaddadi"]
    assert {r["weapon"] for r in rows} == {"drone"} and {r["date"] for r in rows} == {""}


def test_a_day_and_month_without_a_year_after_a_full_date_take_its_year(extract):
    text = ("وكان ذلك الهجوم الأكثر دموية، إذ قتلت طائرة مسيرة في 28 يناير 2024 ثلاثة جنود أمريكيين في موقع البرج 22. "
            "وردت واشنطن في 2 فبراير بضربات جوية على 85 هدفا في العراق وسوريا.\n")
    strikes = attacks(extract(text, "2025-10-02"), "strike")
    assert strikes and {r["date"] for r in strikes} == {"2024-02-02"}


def test_the_strike_that_killed_a_named_commander_is_a_strike_even_at_an_airport(extract):
    text = ("ثم جاءت الضربة الأميركية بطائرة مسيرة قرب مطار بغداد الدولي فجر 3 كانون الثاني 2020، التي قتلت سليماني "
            "والمهندس وثمانية من مرافقيهما.\n")
    ex = extract(text, "2021-01-03")
    assert attacks(ex) == [] and [r["date"] for r in attacks(ex, "strike")] == ["2020-01-03"]


def test_a_toll_listed_by_group_is_summed(extract):
    text = ("شنت طائرات أمريكية غارات على جرف الصخر يوم 13 آذار 2020، وأعلن الجيش العراقي أن الغارات أدت إلى مقتل ثلاثة "
            "جنود وعنصرين من الشرطة وعامل مدني، وجرح 11 آخرين.\n")
    row = _one(extract(text, "2020-03-14"), "strike")
    assert (row["killed"], row["wounded"]) == (6, 11)


def test_the_short_name_after_the_full_one_claims_and_two_weekdays_are_two_attacks(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق تنفيذ عمليات جديدة ضد قواعد الاحتلال.\n"
            "وفي بيان ثان، أعلنت المقاومة استهداف قاعدة عين الأسد في محافظة الأنبار برشقة من الصواريخ.\n"
            "كما كانت المقاومة قد تبنت، يومي الجمعة والسبت، هجومين منفصلين على قاعدة التنف بطائرات مسيرة.\n")
    rows = attacks(extract(text, ""))
    assert sorted(r["place"] for r in rows) == ["Ain al-Asad", "al-Tanf", "al-Tanf"]
    assert {r["claimed_by"] for r in rows} == {"Islamic Resistance in Iraq"}


def test_the_group_the_text_blames_is_the_perpetrator_of_an_unclaimed_attack(extract):
    text = ("سقط أكثر من ثلاثين صاروخا على قاعدة كي وان قرب كركوك مساء الجمعة 27 كانون الأول 2019، فقتل متعاقد مدني "
            "أمريكي.\nوحمّلت واشنطن كتائب حزب الله المسؤولية عن الهجوم.\n")
    row = _one(extract(text, "2019-12-30"))
    assert (row["place"], row["perpetrator"], row["claimed_by"]) == ("K1", "Kataib Hezbollah", "")


def test_a_truck_loaded_with_rockets_blames_no_one(extract):
    text = ("سقطت صواريخ على قاعدة كي وان قرب كركوك مساء الجمعة 27 كانون الأول 2019.\n"
            "وعثرت القوات الأمنية على عجلة محملة بمنصة إطلاق قرب مقر لكتائب حزب الله.\n")
    assert _one(extract(text, "2019-12-30"))["perpetrator"] == ""


def test_a_toll_for_one_side_goes_to_the_strike_in_that_country(extract):
    text = ("شنت قاذفات أميركية يوم الجمعة 2 شباط 2024 غارات على مواقع لكتائب حزب الله قرب القائم وقرب البوكمال.\n"
            "وقالت الحكومة العراقية إن 16 شخصا قتلوا في الجانب العراقي.\n")
    rows = {r["country"]: r for r in attacks(extract(text, "2024-02-03"), "strike")}
    assert rows["Iraq"]["killed"] == 16 and rows["Syria"]["killed"] is None


def test_bombers_and_fighter_jets_make_a_strike(extract):
    text = ("مساء الجمعة 2 شباط 2024، ضربت قاذفات \"بي-1\" انطلقت من الأراضي الأميركية أكثر من 85 هدفا شملت القائم "
            "وعكاشات غرب الأنبار ومحيط البوكمال.\n")
    rows = attacks(extract(text, "2024-02-10"), "strike")
    assert sorted(r["country"] for r in rows) == ["Iraq", "Syria"] and attacks(extract(text, "2024-02-10")) == []


def test_a_speakers_name_before_a_colon_is_not_the_agent(extract):
    text = "القيادة المركزية الأمريكية: \"هاجم مسلحون مدعومون من إيران قاعدة عين الأسد بصواريخ باليستية مساء السبت 20 كانون الثاني 2024\".\n"
    ex = extract(text, "2024-01-21")
    assert attacks(ex, "strike") == [] and [r["place"] for r in attacks(ex)] == ["Ain al-Asad"]


def test_a_drone_guessed_to_be_israeli_is_not_an_attack_on_us_forces(extract):
    text = ("في سياق منفصل، استهدفت طائرة مسيرة مجهولة يرجح أنها إسرائيلية شاحنة قرب البوكمال مساء الأحد "
            "14 كانون الثاني 2024.\n")
    assert attacks(extract(text, "2024-01-15")) == []


def test_a_toll_from_one_countrys_government_goes_to_the_strike_in_that_country(extract):
    text = ("مساء الجمعة 2 شباط 2024، ضربت قاذفات أمريكية أكثر من 85 هدفا شملت القائم غرب الأنبار ومحيط الميادين. "
            "وقالت الحكومة العراقية إن 16 شخصا قتلوا وأصيب 25 بينهم مدنيون.\n")
    rows = {r["country"]: r for r in attacks(extract(text, "2024-02-10"), "strike")}
    assert (rows["Iraq"]["killed"], rows["Iraq"]["wounded"]) == (16, 25) and rows["Syria"]["killed"] is None


def test_an_american_who_reports_an_attack_is_not_its_agent(extract):
    text = ("قال مسؤول أميركي إن هجوما بطائرة مسيرة مسلحة استهدف القوات الأميركية المتمركزة في قاعدة عين الأسد الجوية "
            "غرب العراق يوم الاثنين 15 تموز 2024.\n")
    ex = extract(text, "2024-07-16")
    assert attacks(ex, "strike") == [] and [r["place"] for r in attacks(ex)] == ["Ain al-Asad"]


def test_since_a_day_when_an_event_happened_dates_that_event_and_the_airport_is_the_one_named(extract):
    text = ("سقطت صواريخ على مطار أربيل الدولي مساء الاثنين 15 شباط 2021 فقتل متعاقد مدني.\n"
            "وهذا الهجوم الأول على المطار منذ 30 أيلول الماضي، حين أطلقت ستة صواريخ من سهل نينوى باتجاه المطار دون "
            "أن تسفر عن إصابات.\n")
    rows = sorted((r["date"], r["place"]) for r in attacks(extract(text, "2021-02-16")))
    assert rows == [("2020-09-30", "Erbil airport"), ("2021-02-15", "Erbil airport")]


# --- tolls said of several events, of the factions' own dead, and "the base" in the clause before -------------

def test_a_no_casualty_line_about_two_attacks_gives_zero_to_both(extract):
    text = ("أعلنت الفصائل يوم الاثنين 13 تشرين الثاني 2023 استهداف قاعدة الشدادي برشقة صاروخية، "
            "كما استهدفت قاعدة خراب الجير بطائرة مسيرة.\n"
            "وقال مسؤول عسكري أمريكي إن الهجومين لم يسفرا عن إصابات أو أضرار.\n")
    rows = {r["place"]: r for r in attacks(extract(text, "2023-11-14"))}
    assert set(rows) == {"al-Shaddadi", "Kharab al-Jir"}
    assert [(rows[p]["killed"], rows[p]["wounded"]) for p in sorted(rows)] == [(0, 0), (0, 0)]


def test_a_no_casualty_line_about_one_attack_leaves_the_other_unknown(extract):
    text = ("أعلنت الفصائل يوم الاثنين 13 تشرين الثاني 2023 استهداف قاعدة الشدادي برشقة صاروخية، "
            "كما استهدفت قاعدة خراب الجير بطائرة مسيرة.\n"
            "وقال مسؤول عسكري أمريكي إن الهجوم على خراب الجير لم يسفر عن إصابات.\n")
    rows = {r["place"]: r for r in attacks(extract(text, "2023-11-14"))}
    assert (rows["Kharab al-Jir"]["killed"], rows["al-Shaddadi"]["killed"]) == (0, None)


def test_a_statement_naming_two_bases_splits_whichever_base_is_nearest_the_verb(extract):
    text = ("قال مسؤول دفاعي أمريكي إن قاعدتي الشدادي ورميلان تعرضتا لهجومين بطائرات مسيرة يوم السبت 11 تشرين الثاني 2023 "
            "لم يوقعا أي إصابات.\n")
    rows = {r["place"]: r for r in attacks(extract(text, "2023-11-12"))}
    assert set(rows) == {"al-Shaddadi", "Rumeilan"}
    assert all(r["killed"] == 0 for r in rows.values())


def test_a_series_ending_with_one_named_attack_is_that_attack_only(extract):
    text = ("وتأتي الضربات بعد سلسلة هجمات على قاعدتي حقل العمر وحقل كونيكو، كان آخرها استهداف كونيكو "
            "بطائرة مسيرة صباح الأحد 12 تشرين الثاني 2023.\n")
    assert [r["place"] for r in attacks(extract(text, "2023-11-13"))] == ["Conoco"]


def test_the_factions_own_dead_never_become_the_toll_of_their_attack(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق مساء الأربعاء 8 تشرين الثاني 2023 استهداف قاعدة الشدادي بالأسلحة المناسبة.\n"
            "فيما قال المرصد السوري إن 9 مقاتلين قتلوا.\n")
    rows = attacks(extract(text, "2023-11-09"))
    assert [(r["place"], r["killed"]) for r in rows] == [("al-Shaddadi", None)]


def test_the_factions_dead_go_on_the_strike_reported_just_before(extract):
    text = ("شنت طائرات أمريكية يوم الخميس 9 تشرين الثاني 2023 غارات على مخزن أسلحة للحرس الثوري قرب الميادين.\n"
            "وأعلنت المقاومة الإسلامية في العراق في اليوم ذاته استهداف قاعدة الشدادي بطائرة مسيرة.\n"
            "فيما قال المرصد السوري إن 9 مقاتلين قتلوا.\n")
    ex = extract(text, "2023-11-10")
    assert [r["killed"] for r in attacks(ex, "strike")] == [9]
    assert [r["killed"] for r in attacks(ex)] == [None]


def test_the_base_named_just_before_the_interception_clause_makes_it_that_attack(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق فجر الخميس 9 تشرين الثاني 2023 استهداف قاعدة عين الأسد بطائرتين مسيرتين.\n\n"
            "وقال مصدر أمني إن \"منظومة الدفاع في القاعدة تمكنت من إسقاط إحدى الطائرتين\"، مبيناً أن \"الهجوم لم يسفر عن خسائر بشرية\".\n")
    ex = extract(text, "2023-11-09")
    assert [(r["place"], r["killed"], r["wounded"]) for r in attacks(ex)] == [("Ain al-Asad", 0, 0)]
    assert [r for r in ex.incidents if r["event_type"] == "other"] == []


# --- victims named instead of counted; each count with its own noun ---------------------------------------------

@pytest.mark.parametrize("sentence, killed", [
    # titles and names after a verb of killing, companions counted by their number
    ("قتلت طائرة مسيرة أمريكية في 3 كانون الثاني 2020 قائد فيلق القدس في الحرس الثوري الإيراني قاسم سليماني "
     "ونائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس قرب مطار بغداد الدولي، إلى جانب ثمانية من مرافقيهما.", 10),
    ("مساء الأربعاء 7 شباط 2024، قتلت ضربة بطائرة مسيرة أمريكية القيادي في كتائب حزب الله أبو باقر الساعدي "
     "واثنين من مرافقيه حين استهدفت سيارتهم في حي المشتل شرقي بغداد.", 3),
    ("العدوان الأميركي الذي استهدف مقر اللواء الثاني عشر في الحشد الشعبي بشارع فلسطين وسط بغداد يوم 4 كانون الثاني "
     "2024، أسفر عن استشهاد القائد أبو تقوى السعيدي ورفيقه.", 2),
    # companions with no number: the toll stays unknown
    ("قتلت ضربة أمريكية في 7 شباط 2024 القيادي في كتائب حزب الله أبو باقر الساعدي ومرافقيه في بغداد.", None),
    # a noun of killing used as a reference names no toll
    ("شنت طائرات أمريكية في 5 كانون الثاني 2020 غارة على موقع للكتائب بعد مقتل سليماني والمهندس قرب مطار بغداد.", None),
])
def test_victims_named_instead_of_counted(extract, sentence, killed):
    rows = attacks(extract("عنوان\n" + sentence + "\n", "2024-03-01"), "strike")
    assert [r["killed"] for r in rows] == [killed]


def test_a_killed_commander_makes_a_strike_on_his_faction_even_with_no_agent_named(extract):
    text = "عنوان\nفي 4 كانون الثاني 2024 قتلت ضربة بطائرة مسيرة القيادي في حركة النجباء أبو تقوى في مقر للحشد الشعبي ببغداد.\n"
    rows = extract(text, "2024-01-05").incidents
    assert [(r["event_type"], r["killed"]) for r in rows] == [("strike", 1)]


def test_each_count_takes_the_noun_right_after_it_not_the_next_counts(extract):
    text = ("عنوان\nقال المتحدث باسم الحكومة العراقية في 3 شباط 2024 إن الضربات الأميركية على القائم أسفرت عن سقوط "
            "16 قتيلاً بينهم مدنيون و25 جريحاً.\n")
    rows = attacks(extract(text, "2024-02-03"), "strike")
    assert [(r["killed"], r["wounded"]) for r in rows] == [(16, 25)]


def test_a_toll_revised_twice_keeps_its_kind_to_the_last_figure(extract):
    text = ("عنوان\nفجر الأحد 28 يناير 2024، ضربت طائرة مسيرة مبنى السكن في موقع البرج 22 شمال شرقي الأردن. "
            "قُتل الرقيب ويليام ريفرز والمجندتان كينيدي ساندرز وبريونا موفيت، وتحدث البنتاغون في اليوم الأول عن 25 مصاباً، "
            "قبل أن يرفع الرقم إلى 34 ثم إلى \"أكثر من 40\" في الأيام التالية، بعد فحوص إصابات الدماغ.\n")
    rows = attacks(extract(text, "2024-02-05"))
    assert [(r["place"], r["killed"], r["wounded"]) for r in rows] == [("Tower 22", 3, 40)]


# --- strikes: one sentence telling two events, parts by country, the agent named later, a list under its lead ----

def test_a_sequence_verb_opens_a_second_event_in_the_same_sentence(extract):
    text = ("عنوان\nوجاء الرد الأميركي مساء الجمعة 2 شباط 2024 بغارات على مواقع في القائم، أعقبتها في السابع من الشهر "
            "نفسه ضربة بطائرة مسيرة في بغداد قتلت القيادي في كتائب حزب الله أبو باقر الساعدي.\n")
    rows = attacks(extract(text, "2025-01-28"), "strike")
    assert [(r["date"], r["place"], r["perpetrator"]) for r in rows] == [
        ("2024-02-02", "al-Qaim", "United States"), ("2024-02-07", "Baghdad", "United States")]


def test_strikes_on_a_town_and_a_country_named_without_a_town_are_two_rows(extract):
    text = ("عنوان\nشنت قاذفات أمريكية مساء الجمعة 2 شباط 2024 غارات على مقار في مدينة القائم، ضمن 85 هدفا "
            "في العراق وسوريا.\n")
    rows = attacks(extract(text, "2024-02-03"), "strike")
    assert sorted((r["country"], r["place"]) for r in rows) == [("Iraq", "al-Qaim"), ("Syria", "")]


def test_strikes_named_only_by_countries_are_one_row_per_country(extract):
    # (until 28 Nov 2026 this test asked for one row listing both countries; tests/GOLD_FORMAT.md counts a wave
    # as one row per country struck, and splitting matched 29 more gold incidents over 75 sets for 13 false rows)
    text = "عنوان\nشنت قاذفات أمريكية مساء الجمعة 2 شباط 2024 غارات على 85 هدفا في سبعة مواقع في العراق وسوريا.\n"
    rows = attacks(extract(text, "2024-02-03"), "strike")
    assert sorted(r["country"] for r in rows) == ["Iraq", "Syria"]


def test_the_countries_of_forces_are_not_parts_of_a_strike(extract):
    text = "عنوان\nشنت طائرات أمريكية يوم 2 شباط 2024 غارات على مواقع قرب القائم، بحسب بيان للقوات الأمريكية في سوريا.\n"
    assert [r["country"] for r in attacks(extract(text, "2024-02-03"), "strike")] == ["Iraq"]


def test_a_follow_up_naming_the_us_as_agent_makes_an_unclaimed_hit_a_strike(extract):
    text = ("عنوان\nأفاد مصدر أمني مساء الأربعاء 7 شباط 2024 باستهداف عجلة بطائرة مسيرة في منطقة المشتل شرقي بغداد.\n"
            "وقال المصدر إن \"طائرة مسيرة يرجح أنها أمريكية استهدفت العجلة\"، مبيناً أن الضربة أدت إلى مقتل ثلاثة أشخاص.\n")
    rows = extract(text, "2024-02-08").incidents
    assert [(r["event_type"], r["perpetrator"], r["killed"]) for r in rows] == [("strike", "United States", 3)]


def test_a_follow_up_never_turns_a_claimed_attack_on_a_base_into_a_strike(extract):
    text = ("عنوان\nأعلنت المقاومة الإسلامية في العراق يوم 7 شباط 2024 استهداف قاعدة عين الأسد بطائرة مسيرة.\n"
            "وقال مسؤول إن الدفاعات الأمريكية تصدت للمسيرة، مبيناً أن الهجوم لم يسفر عن إصابات.\n")
    assert [r["event_type"] for r in extract(text, "2024-02-08").incidents] == ["attack"]


def test_items_of_a_dated_list_under_a_us_lead_are_us_strikes(extract):
    text = ("عنوان\nوفيما يلي أبرز الضربات التي أعلنتها القيادة المركزية الأمريكية خلال تلك الفترة:\n"
            "26 تشرين الأول/أكتوبر 2023: ضربتان على منشأتين قرب البوكمال.\n"
            "8 تشرين الثاني/نوفمبر 2023: غارة على مستودع أسلحة في محافظة دير الزور.\n")
    rows = extract(text, "2023-12-01").incidents
    assert [(r["date"], r["event_type"], r["perpetrator"]) for r in rows] == [
        ("2023-10-26", "strike", "United States"), ("2023-11-08", "strike", "United States")]


def test_strikes_whose_agent_is_named_after_them_are_not_us_strikes(extract):
    text = ("عنوان\nويأتي ذلك بعد أيام من الضربات الصاروخية التي نفذها الحرس الثوري يوم 15 كانون الثاني 2024 على أربيل، "
            "وقالت واشنطن إنها تدينها.\n")
    assert attacks(extract(text, "2024-01-20"), "strike") == []


def test_an_anniversary_piece_gives_its_retold_events_no_date_of_publication(extract):
    text = ("عام على هجوم البرج 22\nيصادف اليوم مرور عام على الهجوم الذي هز المنطقة الحدودية.\n"
            "وكانت طائرة مسيرة قد ضربت مبنى السكن في موقع البرج 22 شمال شرقي الأردن وقتلت ثلاثة جنود أميركيين.\n")
    rows = attacks(extract(text, "2025-01-28"))
    assert [r["date"] for r in rows] == [""]


def test_any_attack_is_not_an_attack(extract):
    text = "عنوان\nولم يشهد موقع البرج 22 أي هجوم منذ ذلك التاريخ، وقال مسؤول إن أي هجوم على القوات سيقابل برد حازم.\n"
    assert attacks(extract(text, "2025-01-28")) == []


def test_a_running_toll_in_a_tally_sentence_is_no_events_toll(extract):
    text = ("عنوان\nقصفت طائرة مسيرة أمريكية مقرا للحشد في بغداد يوم 4 كانون الثاني 2024.\n"
            "وتعرضت القوات الأمريكية لأكثر من 150 هجوماً منذ 17 تشرين الأول، فيما أصيب نحو 70 عسكرياً أمريكياً.\n")
    assert [(r["event_type"], r["wounded"]) for r in extract(text, "2024-01-05").incidents] == [("strike", None)]


def test_a_toll_that_later_exceeds_a_figure_takes_it(extract):
    text = ("عنوان\nفجر الأحد 28 كانون الثاني 2024 ضربت طائرة مسيرة موقع البرج 22 شمال شرقي الأردن. وأعلنت القيادة "
            "الأمريكية يومها إصابة 25 عسكرياً، ثم رفعت الوزارة العدد إلى 34، قبل أن يتجاوز لاحقاً 40 مصاباً.\n")
    assert [r["wounded"] for r in attacks(extract(text, "2024-02-10"))] == [40]


def test_two_days_of_drone_raids_on_two_bases_in_a_list_by_day_are_one_incident_per_base(extract):
    # (which base on which day is not said: one row per base, as tests/GOLD_FORMAT.md has it since devset39)
    text = "عنوان\n- يومي الجمعة والسبت: ضربات بالطيران المسيّر على قاعدة عين الأسد وقاعدة تل بيدر في الحسكة.\n"
    rows = attacks(extract(text, ""))
    assert sorted((r["place"], r["weapon"], r["date"]) for r in rows) == [
        ("Ain al-Asad", "drone", ""), ("Tell Baydar", "drone", "")]


def test_bases_each_named_with_its_word_split_even_with_words_after_the_first(extract):
    text = "عنوان\n- الاثنين: استهداف قاعدة \"الاحتلال\" في حقل العمر النفطي وقاعدة كونيكو بريف دير الزور برشقات صاروخية.\n"
    assert sorted(r["place"] for r in attacks(extract(text, ""))) == ["Conoco", "al-Omar"]


def test_the_same_camp_is_the_one_named_last_even_sentences_before(extract):
    text = ("عنوان\nتعرض معسكر التاجي شمالي بغداد يوم السبت 14 آذار 2020 لقصف بـ33 صاروخاً.\n"
            "وقالت خلية الإعلام الأمني إن عدداً من الصواريخ سقطت داخل المعسكر.\n"
            "ويأتي الهجوم بعد ثلاثة أيام على استهداف المعسكر ذاته يوم الأربعاء 11 آذار 2020 بنحو 18 صاروخاً.\n")
    rows = attacks(extract(text, "2020-03-15"))
    assert sorted((r["date"], r["place"]) for r in rows) == [("2020-03-11", "Camp Taji"), ("2020-03-14", "Camp Taji")]


def test_the_site_alone_is_no_base_unless_one_was_named_just_before(extract):
    text = "عنوان\nسقطت ثلاثة صواريخ قرب الموقع الذي تستخدمه الشركة في بغداد يوم 5 آب 2024 دون إصابات.\n"
    assert [r["place"] for r in extract(text, "2024-08-06").incidents] == ["Baghdad"]


def test_a_count_of_the_wounded_that_reached_a_figure_is_the_toll(extract):
    text = ("عنوان\nأعلنت وزارة الدفاع الأمريكية أن عدد العسكريين الأمريكيين الذين شخصت إصابتهم بإصابات دماغية جراء "
            "الهجوم الصاروخي على قاعدة عين الأسد الجوية فجر 8 كانون الثاني 2020 بلغ 64 عسكريا.\n")
    assert [r["wounded"] for r in attacks(extract(text, "2020-01-30"))] == [64]


def test_a_clocks_time_zone_names_no_place(extract):
    text = ("عنوان\nوقالت القيادة المركزية إن مسلحين أطلقوا قرابة السادسة والنصف مساءً بتوقيت بغداد يوم 20 كانون الثاني "
            "2024 صواريخ باليستية باتجاه القاعدة.\n")
    ex = extract(text, "2024-01-21")
    assert [r["place"] for r in ex.incidents] == [""]
    assert "baghdad" not in {m["entity_id"] for m in ex.mentions}


def test_the_factions_answering_after_a_us_strike_is_their_attack(extract):
    text = ("عنوان\nففي 22 آب 2022 شنت الطائرات الأمريكية غارات على مستودعات في منطقة عياش غربي دير الزور، لترد "
            "الميليشيات في اليوم التالي بصواريخ على حقل كونيكو.\n")
    rows = extract(text, "2022-09-01").incidents
    assert sorted((r["event_type"], r["place"]) for r in rows if r["event_type"] != "other") == [
        ("attack", "Conoco"), ("strike", "Ayyash")]


def test_tolls_given_per_country_split_strikes_reported_in_two_countries(extract):
    text = ("عنوان\nشنت القوات الأمريكية مساء الجمعة 2 شباط 2024 سلسلة غارات جوية على أكثر من 85 هدفا في العراق وسوريا.\n"
            "وقال البنتاغون إن الضربات استهدفت مراكز قيادة ومخازن أسلحة.\n"
            "وأضاف أن القاذفات أقلعت من الولايات المتحدة.\n"
            "ولم يصدر عن البنتاغون أي رقم للقتلى.\n"
            "غير أن المتحدث باسم الحكومة العراقية قال إن الضربات أسفرت عن سقوط 16 قتيلا وإصابة 25 آخرين.\n"
            "وفي سوريا، ذكر المرصد السوري أن الغارات قتلت ما لا يقل عن 18 عنصرا، قبل أن يرفع الحصيلة ظهر السبت إلى 23 قتيلا.\n")
    rows = attacks(extract(text, "2024-02-04"), "strike")
    assert sorted((r["country"], r["date"], r["killed"], r["wounded"]) for r in rows) == [
        ("Iraq", "2024-02-02", 16, 25), ("Syria", "2024-02-02", 23, None)]


@pytest.mark.parametrize("night", ["ليل الجمعة السبت", "ليل الجمعة - السبت", "ليلة الجمعة على السبت"])
def test_a_night_between_two_days_is_a_range_from_the_first(extract, night):
    text = f"عنوان\nشنت القوات الأمريكية، {night}، سلسلة غارات جوية على مواقع قرب القائم.\n"
    rows = attacks(extract(text, "2024-02-04"), "strike")
    assert [(r["date"], r["date_precision"], r["date_end"]) for r in rows] == [("2024-02-02", "range", "2024-02-03")]


def test_a_timeline_with_dates_on_lines_of_their_own_dates_each_paragraph(extract):
    text = ("العراق وسوريا: تسلسل زمني\n\n27 كانون الأول/ديسمبر 2019\nسقط أكثر من 30 صاروخا على قاعدة كي وان قرب كركوك.\n\n"
            "29 كانون الأول/ديسمبر 2019\nردت الولايات المتحدة بغارات جوية على خمسة مواقع لكتائب حزب الله.\n\n"
            "11 آذار/مارس 2020\nأدى قصف بصواريخ كاتيوشا على معسكر التاجي شمال بغداد إلى مقتل جنديين أمريكيين.\n")
    rows = extract(text, "").incidents
    assert [(r["date"], r["event_type"]) for r in rows] == [
        ("2019-12-27", "attack"), ("2019-12-29", "strike"), ("2020-03-11", "attack")]


def test_one_date_line_at_the_top_of_a_page_dates_no_undated_restatement(extract):
    text = ("عنوان\nالثلاثاء 30 كانون الثاني 2024\nأعلنت وزارة الدفاع ارتفاع عدد المصابين في الهجوم على البرج 22 إلى 40.\n")
    assert [r["date"] for r in attacks(extract(text, ""))] == [""]


def test_a_killing_named_as_the_background_of_a_decision_gives_no_toll(extract):
    text = ("عنوان\nأعلن أنه سيخلي المنطقة على خلفية مقتل قائد فيلق القدس قاسم سليماني والقيادي في الحشد الشعبي "
            "أبو مهدي المهندس في 3 كانون الثاني 2020 في غارة جوية أمريكية قرب مطار بغداد.\n")
    assert [r["killed"] for r in attacks(extract(text, "2020-03-01"), "strike")] == [None]


def test_a_faction_of_another_theatre_named_as_context_makes_no_attack_here(extract):
    text = ("عنوان\nويأتي ذلك عقب اغتيال رئيس المكتب السياسي لحركة \"حماس\" إسماعيل هنية في العاصمة الإيرانية طهران "
            "يوم 31 تموز 2024، وتوعد إيران بالرد.\n")
    rows = extract(text, "2024-08-06").incidents
    assert [r for r in rows if r["event_type"] == "attack"] == []
    assert all("Hamas" not in r["perpetrator"] for r in rows)


def test_a_claim_listing_bases_in_quotes_and_with_in_addition_to_splits_each(extract):
    text = ("عنوان\nوقالت المقاومة الإسلامية في العراق يوم الأحد 12 تشرين الثاني 2023 إن عناصرها استهدفوا بالطائرات "
            "المسيرة قاعدة التنف قرب المثلث الحدودي، وقاعدة \"الركبان\"، وقاعدة الشدادي جنوبي الحسكة، إضافة إلى قاعدة حرير شمال أربيل.\n")
    rows = attacks(extract(text, "2023-11-13"))
    assert sorted(r["place"] for r in rows) == ["Harir", "Rukban camp", "al-Shaddadi", "al-Tanf"]


def test_a_timeline_in_the_present_tense_under_date_headings_with_a_hijri_date(extract):
    text = ("تسلسل زمني\n\n27 ديسمبر 2019\nوابل من نحو 30 صاروخاً يسقط على قاعدة كي وان قرب كركوك ويقتل متعاقداً أميركياً.\n\n"
            "3 يناير (كانون الثاني) 2020 - الموافق 8 جمادى الأولى 1441 هـ\nمسيرة أميركية تقتل قاسم سليماني قرب مطار بغداد.\n\n"
            "8 يناير 2020\nالحرس الثوري يطلق أكثر من 12 صاروخاً باليستياً على قاعدة عين الأسد.\n")
    rows = extract(text, "").incidents
    assert sorted(r["date"] for r in rows) == ["2019-12-27", "2020-01-03", "2020-01-08"]
