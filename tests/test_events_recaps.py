"""Event classes found on devset22-27: recaps with written dates, US agents named far from the strike word,
one night dated two ways, restatements of unknown type, dated list items, tolls counted at a time. Each test
is an outcome an analyst would see in the incidents table; the sentences are our own."""
from __future__ import annotations

import pytest


def rows(ex, event_type=None):
    return sorted(((r["date"], r["event_type"], r["place"]) for r in ex.incidents
                   if event_type is None or r["event_type"] == event_type))


def test_a_recap_of_three_us_strikes_with_written_ordinal_dates_gives_three_dated_strikes(extract):
    text = ("وكانت قوات الاحتلال الأمريكي قد سبق لها أن شنت في الرابع من آذار الماضي عدواناً على مواقع قرب الميادين، "
            "ثم عادت في التاسع من نيسان واستهدفت مستودعاً في ريف دير الزور، وفي السابع عشر من الشهر ذاته نفذت غارات "
            "على مواقع في البوكمال.")
    got = rows(extract(text, "2024-06-10"), "strike")
    assert [d for d, _t, _p in got] == ["2024-03-04", "2024-04-09", "2024-04-17"]


def test_the_accusative_of_udwan_is_a_strike_word_and_an_agent_before_its_verb_counts(extract):
    text = ("دمشق - أعلنت القيادة العامة للجيش أن طيران العدو الأمريكي نفذ عند الساعة الواحدة من فجر اليوم "
            "عدواناً جوياً على مواقع في ريف البوكمال.")
    got = rows(extract(text, "2024-05-02"))
    assert got == [("2024-05-02", "strike", "Albu Kamal")]


def test_a_site_that_hosts_us_soldiers_is_their_target_even_when_the_us_strikes_in_the_same_sentence(extract):
    text = ("وقال البنتاغون إن قواته ضربت أهدافاً في سوريا رداً على الهجوم الذي تعرض له موقع يضم جنوداً أمريكيين "
            "في الأردن يوم الأحد الماضي وأدى إلى مقتل اثنين منهم.")
    ex = extract(text, "2024-03-06")
    attack = [r for r in ex.incidents if r["event_type"] == "attack"]
    assert len(attack) == 1
    assert (attack[0]["date"], attack[0]["country"], attack[0]["killed"]) == ("2024-03-03", "Jordan", 2)


def test_last_night_and_this_dawn_are_one_strike_and_the_toll_counted_by_noon_joins_it(extract):
    text = ("أدانت الخارجية السورية العدوان الأمريكي الذي استهدف فجر اليوم مواقع في المنطقة الشرقية.\n"
            "وقالت القيادة العامة إن طيران العدو الأمريكي نفذ في الساعة الحادية عشرة من ليل أمس عدواناً جوياً على "
            "مواقع قرب البوكمال.\n"
            "وأفادت مصادر محلية بأن حصيلة العدوان بلغت حتى ظهر اليوم أربعة شهداء.")
    ex = extract(text, "2024-07-12")
    strikes = [r for r in ex.incidents if r["event_type"] == "strike"]
    assert len(strikes) == 1
    assert (strikes[0]["date"], strikes[0]["killed"]) == ("2024-07-11", 4)
    assert not [r for r in ex.incidents if r["event_type"] == "other"]


def test_an_evening_at_one_place_and_the_next_dawn_at_another_stay_two_events(extract):
    text = ("سقطت ثلاثة صواريخ مساء الأحد 14 نيسان 2024 على قاعدة حرير شمالي أربيل.\n"
            "وفجر الاثنين استهدفت طائرة مسيرة قاعدة عين الأسد في الأنبار.")
    assert len(rows(extract(text, "2024-04-15"), "attack")) == 2


def test_a_dateline_place_is_not_where_the_strike_happened(extract):
    text = "دمشق / سانا / 5.9.2023 – شن طيران الاحتلال الأمريكي عدواناً على مواقع في ريف الميادين."
    got = rows(extract(text, "2023-09-05"), "strike")
    assert got == [("2023-09-05", "strike", "al-Mayadin")]


def test_a_dated_list_item_under_a_lead_of_us_strikes_is_a_strike_and_its_second_sentence_keeps_the_date(extract):
    text = ("وهذه أبرز الضربات التي أعلنتها واشنطن خلال العام:\n"
            "12 أيار/مايو 2023: مسيّرة تضرب قاعدة التنف. ردت واشنطن بغارات على مواقع في الميادين.\n"
            "3 تموز/يوليو 2023: الضربة الأوسع، بعد مقتل جندي أمريكي.")
    ex = extract(text, "2024-01-10")
    strikes = rows(ex, "strike")
    assert ("2023-05-12", "strike", "al-Mayadin") in strikes
    assert "2023-07-03" in [d for d, _t, _p in strikes]


def test_that_same_month_is_the_month_written_before_it(extract):
    text = ("25 آذار/مارس 2022: ضربات أمريكية على منشآت قرب البوكمال، رداً على قصف صاروخي طال قاعدة حرير "
            "منتصف الشهر ذاته.")
    attack = [r for r in extract(text, "2024-06-01").incidents if r["event_type"] == "attack"]
    assert [(r["date"], r["place"]) for r in attack] == [("2022-03", "Harir")]


def test_a_us_answer_is_a_strike_even_when_the_text_names_only_the_irgc(extract):
    text = "9 آب/أغسطس 2023: أول رد أمريكي منذ أشهر، ضرب منشأتين قرب البوكمال قال البنتاغون إن الحرس الثوري يستخدمهما."
    assert rows(extract(text, "2024-01-01")) == [("2023-08-09", "strike", "Albu Kamal")]


def test_what_a_site_is_used_for_is_no_event(extract):
    text = ("14 شباط/فبراير 2024: غارات أمريكية على مواقع قرب القائم. وقال البنتاغون إن المواقع تستخدمها كتائب حزب الله "
            "وحركة النجباء لتخزين الأسلحة وإطلاق المسيرات.")
    got = rows(extract(text, "2024-03-01"))
    assert [t for _d, t, _p in got] == ["strike"]


def test_the_factions_dead_counted_after_a_verb_and_one_soldier_wounded_there(extract):
    text = ("في 2 حزيران 2023 ردت واشنطن بغارات على مواقع في دير الزور، وقال المرصد إنها قتلت 14 عنصراً، "
            "قبل أن تتعرض قاعدة الشدادي لهجوم أصيب فيها جندي أمريكي.")
    ex = extract(text, "2023-06-05")
    by_type = {r["event_type"]: r for r in ex.incidents}
    assert by_type["strike"]["killed"] == 14
    assert (by_type["attack"]["place"], by_type["attack"]["wounded"]) == ("al-Shaddadi", 1)


def test_each_item_of_a_list_of_operations_is_an_attack_at_its_base_by_the_group_named_before(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق في بيانات متتالية استهداف قواعد الاحتلال مساء الجمعة.\n"
            "وبحسب البيانات، توزعت العمليات على النحو الآتي:\n"
            "- قاعدة حرير (أربيل): طائرة مسيرة مساء الجمعة.\n"
            "- قاعدة الشدادي جنوب الحسكة: صواريخ ظهر السبت.\n")
    ex = extract(text, "2024-02-10")
    got = {(r["place"], r["date"], r["perpetrator"]) for r in ex.incidents if r["event_type"] == "attack"}
    assert ("Harir", "2024-02-09", "Islamic Resistance in Iraq") in got
    assert ("al-Shaddadi", "2024-02-10", "Islamic Resistance in Iraq") in got


def test_evening_and_dawn_in_one_sentence_after_returned_are_two_attacks(extract):
    text = "وقالت الفصائل إن مقاتليها ضربوا مساء السبت قاعدة حرير، ثم عادوا فجر الأحد لاستهداف القاعدة ذاتها."
    got = [r for r in extract(text, "2024-02-11").incidents if r["event_type"] == "attack"]
    assert sorted(r["date"] for r in got) == ["2024-02-10", "2024-02-11"]


def test_a_timeline_item_with_its_answer_gives_the_attack_and_the_us_strike(extract):
    text = ("وفي ما يلي أبرز محطات المواجهة:\n"
            "14 أيار 2023: مسيرة تصيب جنديين أمريكيين في قاعدة حرير، والرد ضربات على موقعين في بابل.\n"
            "2 حزيران 2023: صواريخ على قاعدة عين الأسد، وطائرة أمريكية تضرب الشاحنة التي أطلقت منها. "
            "وبعد يومين، تقصف الطائرات الأمريكية مخازن للكتائب في جرف الصخر.\n")
    got = rows(extract(text, "2024-01-01"))
    assert ("2023-05-14", "attack", "Harir") in got
    assert ("2023-05-14", "strike", "Babil") in got
    assert ("2023-06-02", "attack", "Ain al-Asad") in got
    assert ("2023-06-04", "strike", "Jurf al-Sakhar") in got
    assert len([r for r in got if r[1] == "strike" and r[0] == "2023-06-02"]) == 1


def test_the_same_day_in_a_list_item_is_the_items_day_not_the_last_incidents(extract):
    text = ("3 نيسان 2021: هجوم صاروخي على قاعدة بلد.\n"
            "9 أيلول 2021: واشنطن تعلن خفض قواتها في العراق إلى 2500 جندي. وفي اليوم نفسه، سقطت صواريخ على المنطقة الخضراء.\n")
    got = rows(extract(text, "2022-01-01"), "attack")
    assert ("2021-09-09", "attack", "Green Zone") in got


def test_a_us_command_saying_its_forces_struck_is_the_agent_and_one_us_individual_is_no_answer(extract):
    text = ("وأعلنت القيادة المركزية الأمريكية أن قواتها نفذت عند الساعة العاشرة من مساء الخميس 8 شباط 2024 بتوقيت بغداد "
            "ضربة في العراق أسفرت عن مقتل قيادي في الكتائب.\n"
            "وقال مسؤول أمريكي إن هجوماً استهدف قاعدة عين الأسد يوم الجمعة 9 شباط 2024، ولم يتعرض أي فرد أمريكي للأذى.")
    got = rows(extract(text, "2024-02-10"))
    assert ("2024-02-08", "strike", "") in got
    assert ("2024-02-09", "attack", "Ain al-Asad") in got
    assert len(got) == 2


def test_the_wide_us_answer_and_a_passive_killing_are_strikes_and_the_example_after_them_an_attack(extract):
    text = ("وبعد الرد الأميركي الواسع في 2 شباط/فبراير 2024 على مواقع في القائم، ثم اغتيال القيادي في الكتائب أبو باقر "
            "الساعدي ببغداد في السابع من الشهر نفسه، تراجعت الهجمات، باستثناء حوادث متفرقة أبرزها الهجوم الصاروخي على "
            "عين الأسد في 5 آب/أغسطس 2024 الذي أصيب فيه خمسة عسكريين.")
    got = rows(extract(text, "2025-01-01"))
    assert ("2024-02-02", "strike", "al-Qaim") in got
    assert "2024-02-07" in [d for d, t, _p in got if t == "strike"]
    assert ("2024-08-05", "attack", "Ain al-Asad") in got


def test_a_timeline_keeps_its_year_and_its_unattributed_strikes_are_the_us_ones(extract):
    text = ("وفيما يلي أبرز المحطات:\n"
            "3 يناير 2020: غارة بطائرة مسيّرة قرب مطار بغداد تقتل قائد «فيلق القدس» قاسم سليماني.\n"
            "8 يناير: صواريخ باليستية على قاعدة عين الأسد.\n"
            "11 مارس (آذار): صواريخ على معسكر التاجي تقتل جنديين أميركيين. وبعد يومين، ضربات أميركية على مخازن للكتائب.\n"
            "2 نيسان: ضربات على مواقع في القائم.\n")
    got = rows(extract(text, "2025-09-28"))
    assert ("2020-01-03", "strike", "Baghdad International Airport") in got
    assert ("2020-03-11", "attack", "Camp Taji") in got
    assert ("2020-04-02", "strike", "al-Qaim") in got
    assert not [d for d, _t, _p in got if d.startswith("2025")]


def test_a_numbered_list_of_operations_takes_the_day_and_the_claimant_of_its_lead_and_a_counted_list_is_no_event(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق، اليوم السبت، أنها نفّذت يوم أمس الجمعة أربع عمليات ضد قواعد الاحتلال.\n\n"
            "وبحسب البيانات، فإن العمليات توزّعت على النحو الآتي:\n\n"
            "1. قاعدة عين الأسد في الأنبار: رشقة صاروخية.\n"
            "2. قاعدة حرير شمال أربيل: طائرة مسيّرة.\n\n"
            "وبلغ عدد العمليات منذ بداية الشهر على النحو التالي:\n"
            "- 5 على قاعدة التنف\n"
            "- 3 على قاعدة الشدادي\n")
    ex = extract(text, "2023-12-09")
    got = {(r["place"], r["date"], r["claimed_by"]) for r in ex.incidents if r["event_type"] == "attack"}
    assert ("Ain al-Asad", "2023-12-08", "Islamic Resistance in Iraq") in got
    assert ("Harir", "2023-12-08", "Islamic Resistance in Iraq") in got
    assert not {p for p, _d, _c in got} & {"al-Tanf", "al-Shaddadi"}


def test_the_same_year_and_an_ordinal_date_keep_the_year_written_before_them(extract):
    text = ("في 3 كانون الثاني 2020 قتلت مسيرة أمريكية قائد فيلق القدس قاسم سليماني قرب مطار بغداد. "
            + "وتوالت بعدها ردود الفعل والتهديدات من الفصائل والحكومة والبرلمان العراقي. " * 4
            + "وفي 11 آذار/مارس من العام ذاته سقطت صواريخ على معسكر التاجي فقتلت جنديين أمريكيين.")
    got = rows(extract(text, ""), "attack")
    assert ("2020-03-11", "attack", "Camp Taji") in got


def test_an_unnamed_faction_commander_killed_by_a_drone_is_a_strike_with_one_dead(extract):
    text = "قتل قيادي بارز في \"كتائب حزب الله\"، مساء اليوم الأربعاء، بضربة بطائرة مسيرة استهدفت سيارته شرقي بغداد."
    ex = extract(text, "2024-02-07")
    assert [(r["event_type"], r["killed"]) for r in ex.incidents] == [("strike", 1)]


def test_bases_counted_in_the_plural_are_one_attack_each_and_an_almost_daily_habit_is_none(extract):
    text = ("وقالت المقاومة الإسلامية في العراق إن مجاهديها استهدفوا فجر الأحد 28 كانون الثاني 2024 ثلاث قواعد للاحتلال "
            "هي الشدادي والركبان والتنف.\n"
            "ومنذ ذلك الحين تتبنى الفصائل على نحو شبه يومي إطلاق مسيرات على قواعد عين الأسد وحرير.")
    got = rows(extract(text, "2024-01-29"), "attack")
    assert {p for _d, _t, p in got} >= {"al-Shaddadi", "al-Tanf"}
    assert not {p for _d, _t, p in got} & {"Ain al-Asad", "Harir"}


@pytest.mark.parametrize("wording", ['و"أي إصابات بشرية لم تُسجل"', "ولم يُبلَّغ عن أذى لحق بالأفراد", 'ولم يسفر عن "أي خسائر تذكر"'])
def test_more_ways_to_say_nobody_was_hurt(extract, wording):
    text = f"سقط صاروخان على قاعدة عين الأسد فجر الأحد 4 آب 2024، {wording}."
    rows_ = [r for r in extract(text, "2024-08-04").incidents if r["event_type"] == "attack"]
    assert [(r["killed"], r["wounded"]) for r in rows_] == [(0, 0)]
