"""Event classes found on devset36-39: claims that list bases over two days, claims that count the bases they
name, the group a claim names against the group an official blames, US soldiers killed as victims, habits and
metaphors that are no events. Each test is an outcome an analyst would see in the incidents table; the
sentences are our own."""
from __future__ import annotations


def attacks(ex):
    return sorted((r["date"], r["date_end"], r["place"]) for r in ex.incidents if r["event_type"] == "attack")


def test_a_claim_on_bases_over_two_named_days_is_one_attack_per_base_over_the_two_days(extract):
    text = ("أصدرت فصائل المقاومة الإسلامية في العراق مساء الاثنين 11 آذار 2024 بياناً قالت فيه إن مقاتليها ضربوا "
            "يومي الأحد والاثنين قواعد المحتل في الشدادي وخراب الجير داخل الأراضي السورية، إلى جانب قاعدة عين "
            "الأسد غربي الأنبار، من غير أن تذكر الأسلحة.")
    got = attacks(extract(text, "2024-03-12"))
    assert [p for _d, _e, p in got] == sorted(["al-Shaddadi", "Kharab al-Jir", "Ain al-Asad"])
    assert {(d, e) for d, e, _p in got} == {("2024-03-10", "2024-03-11")}


def test_a_base_already_told_on_its_own_is_not_counted_again_by_the_claim_that_sums_up(extract):
    text = ("استهدفت طائرة مسيرة قاعدة حرير شمال أربيل فجر السبت 9 آذار 2024 من دون إصابات.\n"
            "وفي بيان لاحق، قالت المقاومة الإسلامية في العراق إن مجاهديها هاجموا خلال اليومين الماضيين قواعد الاحتلال في حرير "
            "والشدادي.")
    got = attacks(extract(text, "2024-03-10"))
    assert [p for _d, _e, p in got].count("Harir") == 1
    assert "al-Shaddadi" in [p for _d, _e, p in got]


def test_bases_given_as_examples_are_no_claim(extract):
    text = ("ويقول المحلل إن بقاء الأمريكيين في قواعد مثل عين الأسد وحرير وفكتوريا سيجعلها أهدافاً مشروعة، "
            "وإن رد الفصائل السريع أسقط تلك المعادلة التي أرادتها واشنطن.")
    assert extract(text, "2023-11-25").incidents == []


def test_a_habit_set_off_by_commas_before_the_launches_is_no_event(extract):
    text = ("في تلك الأشهر راحت المقاومة الإسلامية في العراق تعلن، على نحو شبه يومي، إطلاق مسيرات وصواريخ على "
            "قواعد عين الأسد وحرير في العراق والتنف والشدادي في سوريا.")
    assert attacks(extract(text, "2025-02-01")) == []


def test_an_aggression_carried_out_by_us_aircraft_is_a_us_strike(extract):
    text = ("وجاء القصف على القاعدة رداً على اعتداء نفذته طائرات أميركية ليل الاثنين 11 تشرين الثاني 2024 على "
            "نقاط لمجموعات رديفة في بادية الميادين، وأدى إلى مقتل عنصرين.")
    ex = extract(text, "2024-11-13")
    strikes = [r for r in ex.incidents if r["event_type"] == "strike"]
    assert len(strikes) == 1
    assert (strikes[0]["date"], strikes[0]["perpetrator"]) == ("2024-11-11", "United States")


def test_an_attack_that_kills_members_of_the_us_forces_is_an_attack_on_them(extract):
    text = ("عمّان – دان الناطق باسم الحكومة الهجوم على موقع حدودي فجر أمس الأحد، وأسفر عن مقتل ثلاثة من أفراد "
            "القوات الأمريكية.")
    ex = extract(text, "2024-01-29")
    got = [(r["event_type"], r["date"], r["killed"]) for r in ex.incidents]
    assert got == [("attack", "2024-01-28", 3)]


def test_a_claim_that_counts_and_names_its_bases_gives_one_attack_each_on_the_day_of_the_news(extract):
    text = ("بغداد – قتل جندي أمريكي في هجوم بطائرة مسيرة على قاعدة عين الأسد فجر أمس الثلاثاء.\n"
            "وتبنت المقاومة الإسلامية في العراق في بيان هجمات بالمسيرات على ثلاث قواعد قالت إنها الشدادي "
            "والتنف وخراب الجير.")
    got = attacks(extract(text, "2024-02-14"))
    assert got == sorted([("2024-02-13", "", "Ain al-Asad"), ("2024-02-13", "", "al-Shaddadi"),
                          ("2024-02-13", "", "al-Tanf"), ("2024-02-13", "", "Kharab al-Jir")])


def test_a_claim_for_the_attack_at_a_place_already_told_keeps_that_attacks_day(extract):
    text = ("سقطت صواريخ على مطار أربيل مساء الاثنين 15 شباط 2021 وقتل فيها متعاقد أجنبي.\n"
            "وعادت الصواريخ أمس الأحد 21 شباط 2021 لتسقط قرب السفارة الأمريكية في بغداد.\n"
            "وتبنت جماعة تطلق على نفسها سرايا أولياء الدم هجوم أربيل.")
    ex = extract(text, "2021-02-22")
    erbil = [r for r in ex.incidents if r["event_type"] == "attack" and "Erbil" in r["place"]]
    assert [(r["date"], r["perpetrator"]) for r in erbil] == [("2021-02-15", "Saraya Awliya al-Dam")]


def test_the_group_that_claims_and_the_group_an_official_blames_are_one_attack_on_the_same_day_and_base(extract):
    text = ("أعلن البنتاغون أن ثلاثة جنود أمريكيين أصيبوا في هجوم بطائرة مسيرة على قاعدة حرير يوم الاثنين 25 "
            "كانون الأول 2023، وحمل وزير الدفاع كتائب حزب الله المسؤولية.\n"
            "وكانت المقاومة الإسلامية في العراق قد تبنت استهداف قاعدة حرير بطائرة مسيرة يوم الاثنين 25 كانون "
            "الأول 2023.")
    ex = extract(text, "2023-12-26")
    got = [(r["date"], r["place"], r["claimed_by"], r["wounded"]) for r in ex.incidents if r["event_type"] == "attack"]
    assert got == [("2023-12-25", "Harir", "Islamic Resistance in Iraq", 3)]


def test_hours_after_two_days_of_attacks_are_counted_from_the_second_day(extract):
    text = ("قال بيان للمقاومة صدر مساء الاثنين 25 كانون الأول 2023 إن مجاهديها ضربوا يومي الأحد والاثنين قواعد "
            "الاحتلال في الشدادي ورميلان.\n"
            "وبعد ساعات، شن الطيران الأمريكي غارات على ثلاثة مواقع في محافظة بابل.")
    ex = extract(text, "2023-12-27")
    strikes = [r["date"] for r in ex.incidents if r["event_type"] == "strike"]
    assert strikes == ["2023-12-25"]


def test_soldiers_diagnosed_with_concussions_are_wounded(extract):
    text = ("أقر البنتاغون مساء الجمعة 24 كانون الثاني 2020 بأن 34 من عسكرييه شُخّصوا بارتجاج في الدماغ جراء "
            "الضربة الصاروخية الإيرانية على قاعدة عين الأسد.")
    ex = extract(text, "2020-01-25")
    assert [r["wounded"] for r in ex.incidents if r["place"] == "Ain al-Asad"] == [34]


def test_a_toll_the_attackers_media_gave_and_washington_denied_is_no_toll(extract):
    text = ("قصف الحرس الثوري قاعدة عين الأسد بصواريخ باليستية فجر الأربعاء 8 كانون الثاني 2020.\n"
            "وزعم التلفزيون الإيراني أن الضربة أوقعت 80 قتيلاً من الجنود الأمريكيين، وهو رقم نفته واشنطن.")
    ex = extract(text, "2020-01-09")
    rows = [r for r in ex.incidents if r["place"] == "Ain al-Asad"]
    assert len(rows) == 1 and rows[0]["killed"] in (None, 0)


def test_a_count_announced_later_in_the_sentence_of_revisions_is_the_final_toll(extract):
    text = ("قتل ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة على البرج 22 في الأردن فجر الأحد 28 كانون الثاني 2024.\n"
            "وتحدث البنتاغون في البداية عن 25 مصاباً، ثم رفع العدد إلى 34، قبل أن يعلن لاحقاً أن \"أكثر من 40\" "
            "عسكرياً أصيبوا.")
    ex = extract(text, "2024-02-01")
    assert [(r["killed"], r["wounded"]) for r in ex.incidents if r["place"] == "Tower 22"] == [(3, 40)]


def test_a_view_counter_on_the_line_before_does_not_make_the_first_word_of_the_body_a_counted_noun(extract):
    text = ("اغتيال قيادي بغارة وسط بغداد\nالوكالات\nمشاهدات: 2.517\n\n"
            "اغتالت طائرة مسيّرة أمريكية، مساء أمس الأربعاء، قيادياً بارزاً في كتائب حزب الله باستهداف سيارته في "
            "حي المشتل شرقي بغداد.")
    ex = extract(text, "2024-02-08")
    assert [(r["event_type"], r["date"], r["perpetrator"], r["place"]) for r in ex.incidents] == [
        ("strike", "2024-02-07", "United States", "al-Mashtal")]


def test_the_same_day_after_an_undated_aside_is_the_day_last_told(extract):
    text = ("قتل ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة على البرج 22 فجر الأحد 28 كانون الثاني 2024.\n"
            "وقال الناطق باسم الحكومة في الساعات الأولى إن الهجوم لم يقع داخل الأراضي الأردنية.\n"
            "وفي اليوم ذاته أعلنت المقاومة الإسلامية في العراق أنها استهدفت بالطائرات المسيرة قاعدة الشدادي.")
    ex = extract(text, "")
    assert ("2024-01-28", "", "al-Shaddadi") in attacks(ex)


def test_a_us_response_that_something_did_not_prevent_is_no_strike_of_its_own(extract):
    text = ("وبعد يومين أعلنت كتائب حزب الله تعليق عملياتها ضد القوات الأمريكية، غير أن ذلك لم يمنع الرد "
            "الأمريكي.")
    assert [r for r in extract(text, "2024-02-01").incidents if r["event_type"] == "strike"] == []


def test_the_place_of_an_attack_a_strike_killer_was_blamed_for_is_not_struck(extract):
    text = ("وفي السابع من شباط 2024 قتلت ضربة بطائرة مسيرة في حي المشتل شرقي بغداد القيادي في الكتائب أبو باقر "
            "الساعدي، الذي تقول واشنطن إنه خطط لهجمات على قواتها، ومنها هجوم البرج 22.")
    ex = extract(text, "2024-02-10")
    assert [(r["event_type"], r["place"]) for r in ex.incidents] == [("strike", "al-Mashtal")]


def test_a_weekly_list_by_weekday_and_day_slash_month_dates_each_item(extract):
    text = ("حصاد الأسبوع\nأبرز العمليات:\n"
            "الجمعة 17/11: استهداف قاعدة حرير في أربيل بطائرتين مسيّرتين.\n"
            "الاثنين 20/11: استهداف قاعدة عين الأسد بطائرة مسيّرة.\n")
    got = attacks(extract(text, "2023-11-24"))
    assert got == [("2023-11-17", "", "Harir"), ("2023-11-20", "", "Ain al-Asad")]


def test_a_day_slash_month_without_a_weekday_is_not_a_date(extract):
    from preprocess.dates import find_dates
    assert [d.iso for d in find_dates("بيع ثلاثة أرباع 3/4 الكمية", "2023-11-24")] == []


def test_bases_named_as_examples_of_a_count_of_attacks_are_no_incidents(extract):
    text = ("ووفق مسؤولين أميركيين، تعرضت قواعد عراقية تضم قوات أميركية لـ11 هجوماً صاروخياً خلال الشهرين "
            "الماضيين، بينها استهداف قاعدة بلد الجوية، ومعسكر التاجي، وقاعدة عين الأسد.")
    assert attacks(extract(text, "2019-12-30")) == []


def test_the_wounded_of_a_count_of_attacks_are_no_incident(extract):
    text = ("وبحسب البنتاغون، ارتفع عدد الهجمات على القوات الأمريكية إلى 66 هجوماً منذ منتصف الشهر الماضي، منها "
            "32 في العراق و34 في سوريا، أصيب فيها 62 عسكرياً بجروح طفيفة.")
    assert extract(text, "2023-11-24").incidents == []


def test_launchers_found_with_their_rockets_are_no_attack(extract):
    text = ("قالت مصادر أمنية إن قوة من الجيش عثرت فجر اليوم على منصتين لإطلاق الصواريخ محلية الصنع داخل بستان "
            "مهجور قرب برطلة، وعلى كل منصة ثلاثة صواريخ موجهة نحو أربيل.")
    assert attacks(extract(text, "2023-12-03")) == []


def test_a_statement_threatening_several_bases_is_no_attack(extract):
    text = ("كما أصدر فصيل صغير يطلق على نفسه سرايا أنصار الحجة بياناً يتوعد فيه بـ\"ضرب قواعد الأمريكيين في عين "
            "الأسد وحرير والتنف يومي الخميس والجمعة\".")
    assert attacks(extract(text, "2024-02-08")) == []


def test_the_city_of_a_dateline_with_two_agencies_in_brackets_is_not_an_event_place(extract):
    text = ("هجوم صاروخي على التاجي\n"
            "بغداد- (أ ف ب، رويترز)- سقطت عشرات الصواريخ، السبت 14 آذار 2020، على معسكر التاجي الذي يضم جنوداً "
            "أمريكيين.")
    ex = extract(text, "2020-03-15")
    roles = {m["surface"]: m["role"] for m in ex.mentions if m["entity_kind"] == "place"}
    assert roles.get("بغداد") != "event" and roles.get("معسكر التاجي") == "event"


def test_strikes_told_without_a_place_take_the_towns_a_later_sentence_names_one_row_per_country(extract):
    text = ("ارتفعت حصيلة الغارات الجوية التي شنتها الولايات المتحدة مساء الأحد 29 كانون الأول 2019 على مواقع لكتائب "
            "حزب الله عند الحدود مع سوريا إلى 25 قتيلاً.\n"
            "وتركز القصف، بحسب مصادر محلية، على مقر في منطقة المشاريع جنوب قضاء القائم، وعلى موقعين قرب مدينة "
            "البوكمال السورية.")
    ex = extract(text, "2019-12-30")
    got = sorted((r["place"], r["country"], r["killed"]) for r in ex.incidents if r["event_type"] == "strike")
    assert got == [("Albu Kamal", "Syria", None), ("al-Qaim", "Iraq", 25)]


def test_bases_subjected_to_rockets_are_attacked_each_and_the_toll_stays_with_the_first(extract):
    text = ("وقالت القيادة المركزية الأمريكية في بيان إن قواعدها في حقل كونيكو وفي \"القرية الخضراء\" قرب حقل العمر "
            "تعرضت مساء الأربعاء 24 آب 2022 لعدة صواريخ، ما أدى إلى إصابة ثلاثة من أفراد الخدمة الأمريكية بجروح "
            "طفيفة.")
    ex = extract(text, "2022-08-25")
    got = sorted((r["place"], r["date"], r["wounded"]) for r in ex.incidents if r["event_type"] == "attack")
    assert got == [("Conoco", "2022-08-24", 3), ("al-Omar", "2022-08-24", None)]


def test_a_faction_mourning_a_member_killed_in_an_air_strike_reports_a_us_strike(extract):
    text = "الكتائب تنعى أحد عناصرها قالت إنه قتل مساء أمس الثلاثاء في ضربة جوية استهدفت عجلة قرب أبو غريب."
    ex = extract(text, "2023-11-22")
    assert [(r["event_type"], r["perpetrator"], r["date"]) for r in ex.incidents] == [("strike", "United States", "2023-11-21")]


def test_an_anniversary_piece_keeps_the_recalled_year_for_later_days_without_one(extract):
    text = ("عام على ليلة K1\nتمر اليوم الذكرى الأولى لليلة غيرت مسار المواجهة. ففي مساء الجمعة 27 كانون الأول 2019 "
            "سقطت صواريخ على قاعدة كي وان شمال غربي كركوك وقتلت متعاقداً أمريكياً.\n"
            + "وتحدثت مصادر أمنية آنذاك عن أضرار مادية، قبل أن تتضح الحصيلة بعد منتصف الليل بحسب بيانات لاحقة. " * 4
            + "\nوفي 29 كانون الأول جاء الرد الأمريكي: غارات جوية على مواقع قرب القائم.")
    ex = extract(text, "2020-12-30")
    assert [r["date"] for r in ex.incidents if r["event_type"] == "strike"] == ["2019-12-29"]


def test_the_relative_dates_of_an_update_count_from_the_update_s_own_date(extract):
    text = ("سقطت صواريخ على قاعدة كي وان شمال غربي كركوك مساء الجمعة 27 كانون الأول 2019 وقتلت متعاقداً أمريكياً.\n"
            "تحديث – الاثنين 30 كانون الأول 2019:\n"
            "شنت طائرات أمريكية مساء أمس الأحد غارات على مواقع لكتائب حزب الله قرب القائم.")
    ex = extract(text, "2019-12-28")
    assert [r["date"] for r in ex.incidents if r["event_type"] == "strike"] == ["2019-12-29"]


def test_a_claim_goes_on_in_the_same_statement_with_its_group_and_day(extract):
    text = ("تعرضت قاعدة عين الأسد الجوية مساء السبت 20 كانون الثاني 2024 لهجوم بصواريخ باليستية.\n"
            "وتبنت المقاومة الإسلامية في العراق الهجوم بالصواريخ في بيان نشرته على تلغرام.\n"
            "كما أعلنت في البيان ذاته استهداف قاعدة حرير في أربيل وقاعدتي الشدادي وخراب الجير في سوريا بالطيران المسير.")
    ex = extract(text, "")
    got = sorted((r["place"], r["date"], r["claimed_by"]) for r in ex.incidents if r["event_type"] == "attack")
    iri = "Islamic Resistance in Iraq"
    assert got == [("Ain al-Asad", "2024-01-20", iri), ("Harir", "2024-01-20", iri),
                   ("Kharab al-Jir", "2024-01-20", iri), ("al-Shaddadi", "2024-01-20", iri)]


def test_each_dated_item_of_a_list_of_us_strikes_is_a_strike_at_the_town_it_names(extract):
    text = ("وتوالت الضربات الأمريكية على ثلاث دفعات:\n"
            "- فجر 27 تشرين الأول 2023: منشأتان قرب البوكمال قال البنتاغون إنهما مخزن للحرس الثوري.\n"
            "- 8 تشرين الثاني: مستودع أسلحة قرب الميادين.\n"
            "- الخميس: صاروخ يسقط في أرض زراعية قرب قاعدة عين الأسد.\n")
    ex = extract(text, "2023-11-20")
    got = sorted((r["event_type"], r["date"], r["place"]) for r in ex.incidents)
    assert ("strike", "2023-10-27", "Albu Kamal") in got and ("strike", "2023-11-08", "al-Mayadin") in got
    assert all(not (t == "strike" and p == "Ain al-Asad") for t, _d, p in got)


def test_the_group_that_answered_is_not_the_agent_of_the_attack_it_answered(extract):
    text = ("وقالت واشنطن إن الرئيس جو بايدن أمر بالضربات رداً على هجوم بطائرات مسيرة استهدف قاعدة التنف في 15 آب 2022، "
            "لم يسفر عن إصابات.")
    ex = extract(text, "2022-08-25")
    assert [(r["event_type"], r["place"], r["date"]) for r in ex.incidents if r["place"] == "al-Tanf"] == [
        ("attack", "al-Tanf", "2022-08-15")]


def test_a_statement_that_goes_on_naming_bases_is_the_same_groups_claim_even_without_a_weapon(extract):
    text = ("نشرت المقاومة الإسلامية في العراق بياناً قالت فيه إن مجاهديها استهدفوا قاعدة الاحتلال في مطار أربيل "
            "بطائرة مسيرة.\nكما أعلنت في البيان ذاته استهداف قاعدتي الشدادي وخراب الجير في سوريا، من دون تفاصيل.")
    ex = extract(text, "")
    got = sorted((r["place"], r["perpetrator"]) for r in ex.incidents if r["event_type"] == "attack")
    assert ("al-Shaddadi", "Islamic Resistance in Iraq") in got and ("Kharab al-Jir", "Islamic Resistance in Iraq") in got


def test_americans_named_with_the_wounded_word_after_them_are_the_victims(extract):
    text = ("ارتفع عدد الأمريكيين المصابين في الهجوم الصاروخي الذي استهدف قاعدة عين الأسد مساء الاثنين 5 آب 2024 "
            "إلى سبعة.")
    ex = extract(text, "2024-08-07")
    assert [(r["event_type"], r["place"], r["wounded"]) for r in ex.incidents] == [("attack", "Ain al-Asad", 7)]


def test_a_us_drone_that_kills_fighters_is_a_us_strike(extract):
    text = "• 3 ديسمبر 2023: مسيرة أمريكية تقتل خمسة مسلحين قرب كركوك قالت واشنطن إنهم كانوا يستعدون لإطلاق مسيرة."
    ex = extract(text, "2023-12-10")
    assert [(r["event_type"], r["perpetrator"]) for r in ex.incidents] == [("strike", "United States")]
