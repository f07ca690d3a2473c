"""Toll classes found on devset40-55 (session of 28 Nov 2026): the toll of a wave of strikes split by country,
tolls given side by side for two countries, and the Popular Mobilization's own count of its dead. Each test is
an outcome an analyst would see in the incidents table; the sentences are our own."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def strikes(ex):
    return sorted((r["country"], r["killed"], r["wounded"]) for r in ex.incidents if r["event_type"] == "strike")


def test_a_wave_toll_that_names_no_country_stays_with_the_country_told_first(extract):
    text = ("شنت طائرات حربية أمريكية مساء الأحد 29 كانون الأول 2019 غارات على خمسة مقرات لكتائب حزب الله، "
            "ثلاثة منها قرب القائم في العراق واثنان قرب البوكمال في سوريا.\n"
            "وأفادت مصادر طبية أولاً بمقتل 19 مقاتلاً، قبل أن ترتفع الحصيلة ليلاً إلى 25 قتيلاً وأكثر من 50 جريحاً.")
    got = strikes(extract(text, "2019-12-30"))
    assert ("Iraq", 25, 50) in got
    assert ("Syria", None, None) in got


def test_two_countries_each_with_its_toll_in_one_line_give_each_row_its_own(extract):
    text = ("ضربت قاذفات أمريكية مساء الجمعة 2 شباط 2024 مواقع في القائم غربي العراق ومواقع أخرى حول الميادين "
            "في سوريا.\n"
            "وتحدثت الحكومة العراقية عن 16 قتيلاً و25 جريحاً، بينما أحصى المرصد السوري 23 قتيلاً في الجانب السوري.")
    got = strikes(extract(text, "2024-02-03"))
    assert ("Iraq", 16, 25) in got
    assert ("Syria", 23, None) in got


def test_the_popular_mobilizations_count_of_its_dead_goes_to_the_strike_not_to_a_later_attack(extract):
    text = ("- 27 حزيران 2021: غارات أمريكية على ثلاثة مواقع على جانبي الحدود العراقية السورية قرب القائم.\n"
            "- 6 تموز 2021: طائرة مسيرة تستهدف مطار أربيل ولم تقع إصابات.\n"
            "وكانت هيئة الحشد الشعبي قد أعلنت في حينه مقتل أربعة من منتسبيها في القصف.")
    ex = extract(text, "2021-07-10")
    assert [r["killed"] for r in ex.incidents if r["event_type"] == "attack"] == [0]
    assert [(r["place"], r["killed"]) for r in ex.incidents if r["event_type"] == "strike" and r["killed"]] == [("al-Qaim", 4)]


def test_a_faction_that_mourns_its_fighters_lost_them_in_a_strike_and_did_not_attack(extract):
    text = ("قصفت مقاتلات أمريكية ليل الأحد 27 حزيران 2021 مواقع قرب البوكمال في سوريا.\n"
            "ونعت كتائب سيد الشهداء في بيان ثلاثة من عناصرها قالت إنهم قتلوا في القصف الذي طال مواقعها قرب القائم.")
    ex = extract(text, "2021-06-28")
    assert [r for r in ex.incidents if r["event_type"] == "attack"] == []


def test_the_fighters_toll_reaches_back_past_the_attack_the_strikes_answered(extract):
    text = ("شنت طائرات أمريكية مساء الأحد 29 كانون الأول 2019 غارات على مواقع لكتائب حزب الله قرب القائم.\n"
            "وقال البنتاغون إن الغارات استهدفت مخازن أسلحة ومراكز قيادة.\n"
            "وأضاف أنها جاءت رداً على الهجوم الذي استهدف قاعدة كي وان يوم الجمعة وأسفر عن مقتل متعاقد أمريكي.\n"
            "وذكرت مصادر أن المواقع تضم مقرات لألوية عدة.\n"
            "وبحسب مصادر طبية فإن 19 مقاتلاً قتلوا، قبل أن ترتفع الحصيلة ليلاً إلى 25 قتيلاً.")
    ex = extract(text, "2019-12-30")
    assert [(r["event_type"], r["killed"]) for r in ex.incidents if r["event_type"] == "strike"] == [("strike", 25)]
    assert [r["killed"] for r in ex.incidents if r["event_type"] == "attack"] == [1]


def test_a_revised_figure_keeps_the_kind_of_the_toll_it_revises(extract):
    text = ("أغارت مقاتلات أمريكية ليل الأحد 27 حزيران 2021 على مواقع قرب البوكمال في سوريا.\n"
            "وقال المرصد السوري إن حصيلة القتلى بلغت خمسة عناصر، قبل أن يرفعها مساء الاثنين إلى سبعة، إضافة إلى "
            "عدد من الجرحى.")
    ex = extract(text, "2021-06-29")
    assert [(r["killed"], r["wounded"]) for r in ex.incidents] == [(7, None)]


def test_gunships_that_answer_an_attack_are_a_us_strike_on_its_day_with_the_revised_toll(extract):
    text = ("سقطت عدة صواريخ مساء الأربعاء 24 آب 2022 داخل قاعدة كونيكو في ريف دير الزور، وأصيب ثلاثة عسكريين أمريكيين "
            "بجروح طفيفة.\n"
            "وقالت القيادة المركزية إن مروحيات أباتشي وطائرة AC-130 استهدفت بعد ذلك المسلحين الذين أطلقوا الصواريخ.\n"
            "وصباح الخميس عدّلت القيادة الحصيلة، موضحة أن أربعة مسلحين قُتلوا وأن قواتها دمرت سبع منصات إطلاق صواريخ.")
    ex = extract(text, "2022-08-25")
    got = sorted((r["event_type"], r["date"], r["killed"], r["wounded"]) for r in ex.incidents)
    assert got == [("attack", "2022-08-24", None, 3), ("strike", "2022-08-24", 4, None)]


def test_two_sites_counted_then_named_are_one_attack_each(extract):
    text = ("أصيب ثلاثة جنود أمريكيين في هجوم صاروخي استهدف مساء الأربعاء 24 آب 2022 موقعين للتحالف في ريف دير الزور، "
            "هما قاعدة كونيكو وموقع القرية الخضراء.")
    ex = extract(text, "2022-08-25")
    assert sorted(r["place"] for r in ex.incidents if r["event_type"] == "attack") == ["Conoco", "al-Omar"]


def test_a_launcher_found_with_its_rockets_is_no_attack(extract):
    text = "أعلنت خلية الإعلام الأمني العثور على منصة إطلاق صواريخ بدائية الصنع في منطقة زراعية قرب الرمادي."
    assert extract(text, "2023-11-15").incidents == []


def test_a_day_and_month_take_the_year_written_alone_earlier_in_the_sentence(extract):
    text = ("ويطوي الانسحاب مرحلة بدأت أواخر 2019، حين قتل متعاقد أمريكي في قصف صاروخي على قاعدة كي وان يوم 27 ديسمبر.")
    ex = extract(text, "")
    assert [(r["event_type"], r["date"]) for r in ex.incidents] == [("attack", "2019-12-27")]


def test_dated_items_of_a_list_of_us_strikes_stay_apart_when_no_year_dates_them(extract):
    text = ("ويأتي ذلك رغم ضربات أمريكية نفذت خلال الأسابيع الماضية داخل سوريا:\n"
            "- 27 أكتوبر: ضربات على منشأتين قرب البوكمال.\n"
            "- 8 نوفمبر: غارة على مستودع أسلحة في محافظة دير الزور.\n"
            "- 12 نوفمبر: ضربتان على منشأة تدريب قرب البوكمال.\n")
    ex = extract(text, "")
    assert len([r for r in ex.incidents if r["event_type"] == "strike"]) == 3


def test_a_statement_naming_the_bases_of_an_attack_told_by_its_region_keeps_its_day(extract):
    text = ("أعلنت القيادة المركزية الأمريكية يوم الخميس إصابة ثلاثة من جنودها بجروح طفيفة جراء هجمات صاروخية استهدفت "
            "مساء الأربعاء 24 آب 2022 قاعدتين في ريف دير الزور.\n"
            "وقالت القيادة في بيان إن عدة صواريخ سقطت داخل محيط مجمع كونيكو ومنطقة القرية الخضراء.")
    ex = extract(text, "2022-08-25")
    got = sorted((r["place"], r["date"]) for r in ex.incidents if r["event_type"] == "attack")
    assert got == [("Conoco", "2022-08-24"), ("al-Omar", "2022-08-24")]


def test_the_paragraph_under_a_numbered_place_and_date_heading_is_of_that_day(extract):
    text = ("نعيد في هذا التقرير ترتيب المحطات الأبرز.\n\n"
            "1- كركوك، أواخر ديسمبر 2019\n"
            "سقط أكثر من 30 صاروخاً على قاعدة كي وان يوم 27 ديسمبر، وقتل متعاقد أمريكي.\n\n"
            "2- التاجي، 11 مارس 2020\n"
            "صواريخ كاتيوشا على معسكر التاجي تقتل جنديين أمريكياً وبريطانياً.\n\n"
            "3- أربيل، 15/2/2021\n"
            "صواريخ على المجمع العسكري في مطار أربيل تقتل متعاقداً أجنبياً.\n")
    ex = extract(text, "")
    got = sorted((r["place"], r["date"]) for r in ex.incidents if r["event_type"] == "attack")
    assert ("Camp Taji", "2020-03-11") in got and ("Erbil airport", "2021-02-15") in got


def test_a_toll_given_as_a_span_counts_its_low_end(extract):
    text = ("وقالت القيادة المركزية إن مروحيات أباتشي استهدفت مساء الأربعاء 24 آب 2022 المسلحين قرب الميادين، "
            "ما أسفر عن مقتل \"اثنين أو ثلاثة\" منهم.")
    ex = extract(text, "2022-08-25")
    assert [(r["event_type"], r["killed"]) for r in ex.incidents] == [("strike", 2)]


def test_a_figure_changed_to_after_a_count_in_words_is_read_without_a_figure_before_it(extract):
    # (this page, given a publication date, made troop extraction fail with an IndexError: the whole article's
    # extraction was then recorded as failed)
    text = (ROOT / "tests" / "devset50" / "d50_10_hawlati_erbil_airport_drone_intercepted.txt").read_text(encoding="utf-8")
    ex = extract(text, "2024-01-15")
    assert 2000 in [r["value"] for r in ex.troops]


def test_the_attack_a_dated_strike_answers_is_not_dated_from_the_page(extract):
    text = ("شنت مروحيات أمريكية من طراز أباتشي ليل الأربعاء 24 آب 2022 هجمات على مواقع في بادية الميادين، رداً على "
            "قصف صاروخي طال قاعدة كونيكو.")
    ex = extract(text, "2022-08-26")
    assert [r["date"] for r in ex.incidents if r["event_type"] == "attack"] in ([], [""])


def test_bases_each_with_a_day_of_their_own_are_each_of_that_day(extract):
    text = ("ثم جاءت موجة هجمات في الأسبوع الأول من تموز 2021 شملت مطار أربيل يوم 6 تموز وقاعدة عين الأسد يوم 7 تموز.")
    ex = extract(text, "")
    got = sorted((r["place"], r["date"]) for r in ex.incidents if r["event_type"] == "attack")
    assert got == [("Ain al-Asad", "2021-07-07"), ("Erbil airport", "2021-07-06")]


def test_a_site_known_by_a_name_is_a_base_of_the_run(extract):
    text = ("سقطت عدة صواريخ مساء الأربعاء 24 آب 2022 على موقعين يتمركز فيهما جنود أمريكيون: معمل غاز كونيكو، "
            "وما يُعرف بـ\"القرية الخضراء\" داخل حقل العمر النفطي.")
    ex = extract(text, "2022-08-25")
    assert sorted(r["place"] for r in ex.incidents if r["event_type"] == "attack") == ["Conoco", "al-Omar"]


def test_dead_and_wounded_without_a_number_give_no_toll_even_before_american_strikes(extract):
    # "أمريكية" after "في غارات" is the strikes' adjective, not an American among the dead
    got = [(r["killed"], r["wounded"]) for r in extract("قتلى وجرحى في غارات أمريكية على مواقع للكتائب في القائم",
                                                        "2020-01-05").incidents]
    assert got == [(None, None)]
    got = [r["killed"] for r in extract("وقتل في الغارة الأمريكية جنديان من الحشد في القائم", "2020-01-05").incidents]
    assert got == [2]


def test_the_number_of_a_brigade_is_not_added_to_its_dead(extract):
    got = [r["killed"] for r in extract("قتل ثلاثة من عناصر اللواء 47 في غارة أمريكية على جرف النصر", "2024-01-24").incidents]
    assert got == [3]


def test_us_forces_named_after_the_verb_of_killing_make_a_strike_with_its_toll(extract):
    text = "وفي الثالث من كانون الأول 2023، قتلت القوات الأمريكية خمسة مسلحين قرب كركوك قالت إنهم كانوا يستعدون لإطلاق طائرة مسيرة."
    got = [(r["event_type"], r["perpetrator"], r["killed"], r["place"]) for r in extract(text).incidents]
    assert got == [("strike", "United States", 5, "Kirkuk")]


def test_the_fighters_a_statement_mourns_are_the_strike_s_dead(extract):
    text = ("شنت طائرات أمريكية فجر اليوم غارات على مواقع للحشد الشعبي قرب القائم. "
            "وأصدرت الهيئة بياناً نعت فيه خمسة من منتسبي اللواء 14 قالت إنهم استشهدوا بالقصف.")
    assert [(r["event_type"], r["killed"]) for r in extract(text, "2021-06-28").incidents] == [("strike", 5)]


def test_a_toll_raised_after_a_wounded_man_died_counts_the_dead(extract):
    text = ("قصفت مروحيات أمريكية فجر اليوم مواقع قرب الميادين. وقال مصدر طبي إن أحد الجرحى فارق الحياة "
            "في المشفى، لترتفع الحصيلة بحسب المصدر إلى ستة.")
    got = [(r["killed"], r["wounded"]) for r in extract(text, "2022-08-25").incidents]
    assert got == [(6, None)]


def test_a_list_item_that_opens_with_the_killing_of_two_named_men_counts_two_dead(extract):
    text = "أبرز المحطات:\n- 3 كانون الثاني 2020: مقتل قاسم سليماني وأبو مهدي المهندس بضربة أمريكية قرب مطار بغداد.\n"
    assert [(r["date"], r["killed"]) for r in extract(text).incidents] == [("2020-01-03", 2)]
