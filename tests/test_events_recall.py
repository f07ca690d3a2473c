"""Recall classes found on devset56-67 (session of 28 Nov 2026, second half): event words the trigger lists
lacked and sentences that tell two events. Each test is an outcome an analyst would see in the incidents
table; the sentences are our own."""
from __future__ import annotations


def rows(ex, kind="attack"):
    return sorted((r["date"], r["place"], r["weapon"]) for r in ex.incidents if r["event_type"] == kind)


def test_a_base_hit_by_a_salvo_is_an_attack(extract):
    text = ("وكانت قاعدة حرير شمالي أربيل قد تعرضت في 3 آب 2023 لرشقة من ستة صواريخ، وفق ما أفاد مسؤول محلي "
            "قال إن الأضرار اقتصرت على الماديات.")
    assert rows(extract(text, "2023-08-05")) == [("2023-08-03", "Harir", "rocket")]


def test_rockets_that_return_to_a_base_are_an_attack(extract):
    text = ("بعد أسابيع من الهدوء، عادت الصواريخ إلى قاعدة عين الأسد مساء الاثنين 5 آب 2024، "
            "وأصيب خمسة عسكريين أمريكيين بحسب مسؤول في البنتاغون.")
    got = [(r["date"], r["place"], r["wounded"]) for r in extract(text, "2024-08-06").incidents if r["event_type"] == "attack"]
    assert got == [("2024-08-05", "Ain al-Asad", 5)]


def test_salvos_named_among_dozens_of_attacks_are_no_incident(extract):
    text = ("بين تشرين الأول 2023 وشباط 2024 تعرضت قواعد الحسكة لعشرات الهجمات، من بينها رشقات صاروخية "
            "ومسيرات انتحارية على قاعدتي الشدادي وخراب الجير.")
    assert rows(extract(text, "2024-03-01")) == []


def test_attacks_coming_back_as_a_trend_are_no_incident(extract):
    text = "وعادت الهجمات بوتيرة أقل خلال صيف 2024 بعد هدنة غير معلنة استمرت أشهراً."
    assert extract(text, "2024-10-01").incidents == []


def test_us_strikes_on_sites_along_the_border_are_a_strike_even_undated(extract):
    text = ("وكانت مقاتلات أمريكية قد نفذت قبل ذلك بأيام غارات على ثلاثة مواقع على جانبي الحدود العراقية السورية، "
            "قال البنتاغون إنها مخازن طائرات مسيرة.")
    got = [(r["event_type"], r["perpetrator"], r["place"]) for r in extract(text).incidents]
    assert ("strike", "United States", "Syria-Iraq border") in got


def test_an_attack_told_as_months_older_is_its_own_row_and_not_of_the_page_s_day(extract):
    text = ("هاجمت طائرة مسيرة مساء السبت محيط مطار أربيل الدولي دون أن تسفر عن إصابات.\n"
            "والمطار نفسه سبق أن استهدف بطائرة مسيرة مفخخة قبل أشهر، في أول هجوم من نوعه على أربيل.")
    got = sorted((r["date"], r["place"]) for r in extract(text, "2021-09-12").incidents if r["event_type"] == "attack")
    assert len(got) == 2
    assert ("", "Erbil") in got or ("", "Erbil airport") in got


def test_a_strike_recalled_days_before_the_news_is_not_dated_by_the_page(extract):
    text = ("سقط صاروخان داخل قاعدة عين الأسد مساء الاثنين 5 آب 2024 وأصيب خمسة عسكريين أمريكيين.\n"
            "ويأتي الهجوم بعد أقل من أسبوع على ضربة أمريكية استهدفت موقعاً للحشد الشعبي في جرف الصخر شمالي بابل.")
    strikes = [(r["date"], r["place"]) for r in extract(text, "2024-08-06").incidents if r["event_type"] == "strike"]
    assert strikes == [("", "Jurf al-Sakhar")]


def test_strikes_made_at_the_time_of_an_older_attack_are_not_of_the_page_s_day(extract):
    text = ("وكانت طائرة مسيرة قد قتلت ثلاثة جنود أمريكيين في البرج 22 بالأردن أواخر كانون الثاني 2024.\n"
            "وردّت واشنطن حينها بضربات على مواقع في القائم والبوكمال.")
    strikes = [r["date"] for r in extract(text, "2024-08-06").incidents if r["event_type"] == "strike"]
    assert strikes and "2024-08-06" not in strikes


def test_a_dateline_dates_the_report_and_names_no_struck_place(extract):
    text = ("الدوحة/بغداد 30 ديسمبر 2019 (وكالات) – شنت الولايات المتحدة غارات جوية على خمسة مواقع لكتائب حزب الله "
            "في غرب العراق وشرق سوريا مساء الأحد، رداً على هجوم صاروخي قتل متعاقداً أمريكياً.")
    got = [(r["date"], r["place"], r["country"]) for r in extract(text, "2019-12-30").incidents if r["event_type"] == "strike"]
    assert got and all(date == "2019-12-29" for date, _, _ in got)
    assert all(place != "Baghdad" for _, place, _ in got)


def test_a_sentence_that_ends_in_a_year_is_not_run_into_the_next(extract):
    text = ("تعرضت قاعدة عين الأسد لهجوم صاروخي مساء الأحد 5 آذار 2023. "
            "وفي 7 تموز 2021 سقط 14 صاروخاً على قاعدة حرير وأصيب عسكريان.")
    got = sorted((r["date"], r["place"]) for r in extract(text, "2023-03-06").incidents if r["event_type"] == "attack")
    assert got == [("2021-07-07", "Harir"), ("2023-03-05", "Ain al-Asad")]


def test_a_breakdown_in_the_next_sentence_gives_each_country_its_tally(extract):
    text = ("تعرضت القوات الأمريكية في العراق وسوريا لنحو 170 هجوماً بين 17 تشرين الأول 2023 ومطلع شباط 2024. "
            "وتفيد تقديرات جمعها مراسلونا بأن قرابة 67 من هذه الهجمات وقعت في العراق، ونحو 102 في سوريا.")
    got = sorted((r["count"], r["country"]) for r in extract(text, "2024-03-01").attack_counts)
    assert (67, "Iraq") in got and (102, "Syria") in got


def test_dated_items_under_a_lead_where_washington_strikes_are_us_strikes(extract):
    text = ("واكتفت واشنطن في البداية بضرب منشآت في شرق سوريا تقول إن الحرس الثوري يستخدمها:\n"
            "فجر 27 أكتوبر 2023: ضربات بمقاتلات على منشأتين قرب البوكمال.\n"
            "8 نوفمبر: غارة على مستودع أسلحة قرب الميادين.")
    got = sorted((r["date"], r["place"], r["event_type"], r["perpetrator"]) for r in extract(text, "2024-02-01").incidents)
    assert got == [("2023-10-27", "Albu Kamal", "strike", "United States"), ("2023-11-08", "al-Mayadin", "strike", "United States")]


def test_items_under_a_lead_of_attacks_on_us_forces_stay_attacks(extract):
    text = ("وتعرضت القوات الأمريكية لهجمات الفصائل على النحو الآتي:\n"
            "18 أكتوبر 2023: مسيرتان على قاعدة التنف.\n"
            "20 أكتوبر 2023: صواريخ على قاعدة عين الأسد.")
    assert {r["event_type"] for r in extract(text, "2024-02-01").incidents} == {"attack"}


def test_washington_named_after_a_verb_of_striking_is_its_agent(extract):
    text = "وفي 22 نوفمبر 2023 ضربت واشنطن موقعين لكتائب حزب الله في منطقة جرف الصخر شمال بابل."
    got = [(r["event_type"], r["perpetrator"], r["place"]) for r in extract(text, "2023-12-01").incidents]
    assert got == [("strike", "United States", "Jurf al-Sakhar")]


def test_fighters_killed_as_they_made_ready_to_launch_are_a_us_strike(extract):
    text = "وفي 3 كانون الأول 2023 قُتل خمسة مسلحين قرب كركوك، قالت القيادة المركزية إنهم كانوا يستعدون لإطلاق مسيّرة هجومية."
    got = [(r["event_type"], r["perpetrator"], r["killed"], r["weapon"]) for r in extract(text, "2023-12-10").incidents]
    assert got == [("strike", "United States", 5, "unknown")]


def test_a_strike_told_as_days_before_with_a_clitic_waw_is_not_of_the_page_s_day(extract):
    text = "وقبله بأيام نفذت القوات الأمريكية ضربة في منطقة جرف الصخر قالت إنها استهدفت عناصر كانوا يستعدون لإطلاق طائرات مسيرة."
    got = [(r["date"], r["weapon"]) for r in extract(text, "2024-09-28").incidents if r["event_type"] == "strike"]
    assert got == [("", "unknown")]


def test_a_wave_on_sites_in_two_countries_named_alone_is_one_row_per_country(extract):
    text = "شنت طائرات أمريكية مساء الأحد 29 كانون الأول 2019 غارات على خمسة مواقع لكتائب حزب الله في العراق وسوريا."
    got = sorted((r["country"], r["date"]) for r in extract(text, "2019-12-30").incidents if r["event_type"] == "strike")
    assert got == [("Iraq", "2019-12-29"), ("Syria", "2019-12-29")]


def test_the_parts_of_a_tally_listed_by_base_are_no_attacks(extract):
    text = ("ومنذ 19 تشرين الأول 2023 تعرضت القواعد الأمريكية في سوريا لـ 132 هجوماً، توزعت على الشكل التالي بحسب المرصد:\n"
            "- قاعدة حقل العمر النفطي: 41 هجوماً\n"
            "- قاعدة الشدادي: 20\n"
            "- قاعدة التنف ومحيطها: 17\n")
    ex = extract(text, "2024-08-10")
    assert [r for r in ex.incidents if r["event_type"] == "attack"] == []
    assert sorted(r["count"] for r in ex.attack_counts) == [17, 20, 41, 132]


def test_the_day_before_the_event_told_last(extract):
    text = ("استهدفت طائرة مسيرة قاعدة خراب الجير ليل الجمعة 9 آب 2024.\n"
            "وقبل ذلك بيوم، أسقطت الدفاعات في حقل كونيكو طائرة مسيرة.")
    got = sorted((r["date"], r["place"]) for r in extract(text, "2024-08-10").incidents)
    assert got == [("2024-08-08", "Conoco"), ("2024-08-09", "Kharab al-Jir")]


def test_two_air_strikes_on_two_sites_of_a_faction_are_a_us_strike(extract):
    text = ("قال مسؤول عراقي في محافظة بابل إن ضربتين جويتين استهدفتا فجر اليوم موقعين لكتائب حزب الله في ناحية جرف النصر، "
            "فيما أعلنت الكتائب في بيان مقتل ثمانية من عناصرها.")
    got = [(r["event_type"], r["perpetrator"], r["weapon"], r["killed"]) for r in extract(text, "2023-11-22").incidents]
    assert got == [("strike", "United States", "airstrike", 8)]


def test_a_revised_toll_with_the_town_where_the_wounded_lie_goes_to_the_strike(extract):
    text = ("شنت القوات الأمريكية مساء أمس الأحد ضربات جوية على خمسة مواقع لكتائب حزب الله، ثلاثة منها في غرب العراق "
            "واثنان في شرق سوريا، بعد يومين من هجوم صاروخي على قاعدة قرب كركوك أودى بحياة متعاقد أمريكي.\n"
            "وفي الحصيلة، قالت مصادر في الحشد الشعبي ليلة الأحد إن 15 مقاتلاً على الأقل قُتلوا في القصف، قبل أن تعلن "
            "هيئة الحشد صباح اليوم الاثنين ارتفاع العدد إلى 25 قتيلاً و51 جريحاً، فيما أشارت مصادر طبية في القائم إلى "
            "أن بعض الجرحى في حالة حرجة.")
    ex = extract(text, "2019-12-30")
    assert [r for r in ex.incidents if r["perpetrator"] == "Popular Mobilization Forces"] == []
    assert ("Iraq", 25, 51) in [(r["country"], r["killed"], r["wounded"]) for r in ex.incidents if r["event_type"] == "strike"]


def test_a_coalition_strike_on_isis_is_not_a_strike_of_this_confrontation(extract):
    text = "أفادت مصادر بمقتل عنصرين من تنظيم داعش بغارة جوية للتحالف الدولي في بلدة الشحيل بريف دير الزور يوم 5 آذار 2025."
    assert {r["event_type"] for r in extract(text, "2025-03-06").incidents} <= {"other"}


def test_the_strikes_as_subject_of_a_verb_of_hitting_are_a_strike_not_the_speakers_attack(extract):
    text = ("شن الجيش الأمريكي مساء الأحد 29 كانون الأول 2019 غارات جوية على مواقع لكتائب حزب الله.\n"
            "من جهتها، أعلنت هيئة الحشد الشعبي أن الغارات استهدفت مقرات اللواءين 45 و46 التابعين لها في قضاء القائم، "
            "مؤكدة سقوط 25 قتيلا و51 جريحا.")
    rows = extract(text, "2019-12-30").incidents
    assert [r for r in rows if r["event_type"] == "attack"] == []
    assert 25 in [r["killed"] for r in rows if r["event_type"] == "strike"]


def test_two_months_no_year_resolves_are_two_attacks_at_one_base(extract):
    text = ("شهد مطار أربيل في نيسان الماضي أول هجوم بطائرة مسيرة مفخخة على قاعدة التحالف فيه.\n"
            "وفي تموز سقطت طائرة مسيرة أخرى محملة بالمتفجرات داخل مطار أربيل.")
    got = [r for r in extract(text).incidents if r["event_type"] == "attack"]
    assert len(got) == 2 and {r["place"] for r in got} == {"Erbil airport"}


def test_the_attack_a_us_answer_came_days_after_is_the_factions_not_the_us(extract):
    text = ("وجاء الرد الأمريكي بعد يومين من هجوم بأكثر من 30 صاروخاً استهدف يوم الجمعة 27 كانون الأول 2019 "
            "قاعدة كي وان في كركوك وأسفر عن مقتل متعاقد أمريكي.")
    got = [(r["event_type"], r["place"], r["perpetrator"]) for r in extract(text, "2019-12-30").incidents]
    assert got == [("attack", "K1", "")]


def test_the_crime_the_us_commits_by_hitting_a_car_is_a_us_strike(extract):
    text = ("🔴 عاجل | الاحتلال الأمريكي يرتكب جريمة جديدة في بغداد باستهداف عجلة مدنية في منطقة المشتل بطائرة مسيرة، "
            "ما أدى إلى ارتقاء الحاج أبو باقر الساعدي أحد قادة الكتائب ومرافقه.")
    got = [(r["event_type"], r["perpetrator"]) for r in extract(text, "2024-02-08").incidents]
    assert got == [("strike", "United States")]


def test_missiles_on_a_base_and_on_a_site_in_a_city_are_two_attacks(extract):
    text = ("وفي 8 كانون الثاني 2020 أطلق الحرس الثوري الإيراني صواريخ باليستية على قاعدة عين الأسد وعلى موقع في أربيل "
            "ردا على اغتيال سليماني.")
    got = sorted(r["place"] for r in extract(text, "2020-01-10").incidents if r["event_type"] == "attack")
    assert got == ["Ain al-Asad", "Erbil"]


def test_a_links_digits_and_a_count_of_weeks_are_no_tallies(extract):
    text = ("العنوان: 66 هجوماً على القوات الأمريكية في العراق وسوريا خلال خمسة أسابيع\n"
            "الرابط: https://example.net/218/201211-66-هجوما-على-القوات-الأمريكية\n"
            "\"المقاومة\" تعلن ثلاث عمليات في يوم واحد")
    assert sorted(r["count"] for r in extract(text, "2023-11-22").attack_counts) == [66]


def test_a_counted_troop_figure_followed_by_its_place_is_read(extract):
    text = "ويبلغ عدد الجنود الأمريكيين نحو 2500 في العراق وقرابة 900 في سوريا."
    got = sorted((r["value"], r["qualifier"], r["location"]) for r in extract(text, "2024-08-06").troops)
    assert got == [(900, "approx", "Syria"), (2500, "approx", "Iraq")]


def test_a_count_of_wounded_soldiers_is_no_troop_figure(extract):
    text = "ورفع مسؤولون في وزارة الدفاع الأمريكية عدد العسكريين المصابين إلى 24 بجروح طفيفة في الهجمات."
    assert extract(text, "2023-10-26").troops == []


def test_the_level_a_cut_started_from_is_a_troop_figure_too(extract):
    text = "ويشير التقدير الرسمي إلى أن عدد القوات الأمريكية في العراق لا يتجاوز 2500 عسكري بعد تقليصه من نحو 3000 مطلع العام."
    got = sorted((r["value"], r["qualifier"]) for r in extract(text, "2021-03-04").troops)
    assert got == [(2500, "less_than"), (3000, "approx")]


def test_a_contrasted_figure_a_clause_away_keeps_the_noun_of_the_first(extract):
    text = "ويوجد في العراق قرابة 2500 جندي أمريكي في إطار مهمة استشارية وتدريبية، مقابل نحو 900 في سوريا المجاورة."
    got = sorted((r["value"], r["location"]) for r in extract(text, "2024-08-06").troops)
    assert got == [(900, "Syria"), (2500, "Iraq")]


def test_the_first_end_of_a_span_is_no_troop_level(extract):
    text = "وقال مسؤول أمريكي إن عدد الجنود الأمريكيين في العراق \"بين 2500 وصفر، حسب اليوم ومن يسأل\"."
    assert extract(text, "2024-08-06").troops == []


def test_a_headline_that_restates_one_part_of_a_wave_does_not_fold_the_other_part_in(extract):
    # the headline names no place; it took in the Syrian part first and then took the Iraqi part as well
    text = ('قتلى في غارات أمريكية على "الكتائب" بعد هجوم كي وان\n\n'
            "شنت مقاتلات أمريكية مساء أمس السبت غارات جوية على أربعة مواقع لكتائب حزب الله في العراق وسوريا، "
            "اثنان منها في غرب العراق واثنان في شرق سوريا، وقالت وزارة الدفاع إنها مخازن أسلحة.\n"
            "وأكد الحشد الشعبي مقتل 12 من عناصره في القصف الذي طال مقرات في قضاء القائم.")
    got = sorted((r["country"], r["killed"]) for r in extract(text, "2020-01-05").incidents if r["event_type"] == "strike")
    assert [c for c, _ in got] == ["Iraq", "Syria"]
    assert got[0][1] == 12  # the Popular Mobilization's dead are on Iraq's side


def test_a_condemned_aggression_done_by_american_aircraft_is_a_us_strike(extract):
    text = ("أدانت الحكومة بشدة الاعتداء الذي نفذته الطائرات الأمريكية فجر الأربعاء 24 كانون الثاني 2024 "
            "على مواقع في منطقة جرف النصر شمال بابل.")
    assert rows(extract(text, "2024-01-24"), "strike") == [("2024-01-24", "Jurf al-Sakhar", "unknown")]


def test_strikes_on_a_faction_stronghold_with_no_agent_named_are_us_strikes(extract):
    text = "وقالت مصادر في الحشد إن الضربات على جرف النصر فجر اليوم أدت إلى مقتل ثلاثة من عناصر اللواء 47."
    got = [(r["event_type"], r["place"], r["killed"]) for r in extract(text, "2024-01-24").incidents]
    assert got == [("strike", "Jurf al-Sakhar", 3)]


def test_sites_subjected_to_air_strikes_are_hit_by_a_us_strike_and_a_wave_told_next_adds_its_other_country(extract):
    text = ("أدانت الحكومة الغارات الجوية الأمريكية التي استهدفت مساء الأحد 29 كانون الأول 2019 مقرات للحشد الشعبي في القائم.\n"
            "وأفادت وزارة الدفاع العراقية بأن موقعين للحشد غربي القائم تعرضا لثلاث ضربات جوية، فيما قال البنتاغون "
            "إن قواته نفذت ضربات ضد خمسة مواقع لكتائب حزب الله، ثلاثة منها داخل العراق واثنان في سوريا.")
    got = sorted((r["country"], r["date"]) for r in extract(text, "2019-12-30").incidents if r["event_type"] == "strike")
    assert got == [("Iraq", "2019-12-29"), ("Syria", "2019-12-29")]


def test_an_aircraft_model_number_before_a_timeline_verb_is_no_tally(extract):
    text = "29 كانون الأول 2019 - مقاتلات أمريكية من طراز إف-15 تقصف خمسة مواقع للكتائب في القائم."
    assert rows(extract(text, "2020-02-12"), "strike") == [("2019-12-29", "al-Qaim", "airstrike")]


def test_a_bulleted_heading_between_rules_dates_its_paragraph_and_its_weekday(extract):
    text = ("من أرشيفنا: أحداث هذا الأسبوع\n"
            "━━━━━━━━━━━━\n▪ 20 كانون الأول 2020 – بغداد\n━━━━━━━━━━━━\n"
            "سقطت مساء الأحد رشقة من صواريخ الكاتيوشا على المنطقة الخضراء قرب السفارة الأمريكية.\n"
            "━━━━━━━━━━━━\n▪ 8 كانون الأول 2023 – بغداد\n━━━━━━━━━━━━\n"
            "فجراً، سقطت عدة قذائف هاون داخل مجمّع السفارة الأمريكية ومحيطه.\n"
            "━━━━━━━━━━━━\n▪ 3 كانون الأول 2023 – كركوك\n━━━━━━━━━━━━\n"
            "استهدفت طائرة أمريكية مسيّرة مجموعة من المقاتلين قرب كركوك، ما أدى إلى مقتل خمسة منهم. وقال مسؤول أمريكي "
            "إن المجموعة \"كانت تستعد لإطلاق طائرة مسيّرة\" باتجاه القوات الأمريكية.\n")
    got = sorted((r["event_type"], r["date"]) for r in extract(text, "").incidents)
    # (the Sunday is the heading's, not the last Sunday before some page date; a launch made ready is no attack)
    assert got == [("attack", "2020-12-20"), ("attack", "2023-12-08"), ("strike", "2023-12-03")]


def test_a_count_after_the_strike_that_killed_them(extract):
    got = [r["killed"] for r in extract("قتلت ضربة أمريكية خمسة مسلحين قرب كركوك فجر اليوم.", "2023-12-04").incidents]
    assert got == [5]


def test_a_gunship_written_in_latin_letters_strikes_on_the_day_of_the_attack(extract):
    text = ("تعرضت القوات الأميركية في قاعدة عين الأسد مساء الثلاثاء 21 تشرين الثاني 2023 لهجوم بصاروخ باليستي. "
            "وبعد الهجوم مباشرة، رصدت طائرة أميركية من طراز AC-130 المركبة التي أطلقت الصاروخ، ونفذت ضربة أدت إلى مقتل عدد من المسلحين.")
    assert rows(extract(text, "2023-11-22"), "strike") == [("2023-11-21", "", "airstrike")]


def test_a_us_command_announcing_that_it_carried_out_strikes_is_their_agent(extract):
    text = ("بعد ساعات من المؤتمر، أعلنت القيادة المركزية الأميركية «سنتكوم» في بيان أنها نفذت فجر الأربعاء (بتوقيت بغداد) "
            "ضربات «دقيقة» على منشأتين تابعتين لـ«كتائب حزب الله» في العراق، رداً «مباشراً» على هجوم عين الأسد وعلى هجمات سابقة.")
    got = [(r["event_type"], r["perpetrator"], r["date"]) for r in extract(text, "2023-11-22").incidents if r["event_type"] != "attack"]
    assert got == [("strike", "United States", "2023-11-22")]


def test_two_bases_with_a_gloss_in_brackets_between_them_are_one_attack_each(extract):
    text = ("وقالت سنتكوم في بيانها مساء الأربعاء 24 آب 2022 إن «عدة صواريخ» سقطت داخل محيط قاعدة «كونوكو» "
            "(حقل كونيكو للغاز) وقاعدة «القرية الخضراء» قرب حقل العمر النفطي، وإن عسكرياً أميركياً أصيب بجروح طفيفة.")
    assert sorted(p for _, p, _ in rows(extract(text, "2022-08-25"))) == ["Conoco", "al-Omar"]  # (Green Village is al-Omar's)


def test_the_strikes_a_us_command_calls_its_own_are_a_us_strike(extract):
    text = ("أعلنت القيادة المركزية الأميركية (سنتكوم) صباح اليوم الخميس 25 آب 2022 أن ضرباتها الانتقامية في شرق سوريا "
            "أدت إلى مقتل أربعة مسلحين.")
    got = [(r["event_type"], r["perpetrator"], r["killed"]) for r in extract(text, "2022-08-25").incidents]
    assert got == [("strike", "United States", 4)]


def test_a_question_about_a_missile_restates_the_ballistic_attack_it_asks_about(extract):
    text = ("بالأمس تعرضت القوات الأميركية في قاعدة عين الأسد لهجوم بصاروخ باليستي قصير المدى.\n"
            "سؤال: الهجوم على عين الأسد، هل كان بصاروخ واحد أم أكثر؟")
    assert rows(extract(text, "2023-11-22")) == [("2023-11-21", "Ain al-Asad", "ballistic_missile")]


def test_the_popular_mobilization_counting_its_martyrs_of_a_bombardment_is_a_us_strike(extract):
    got = [(r["event_type"], r["perpetrator"], r["killed"]) for r in
           extract("الحشد الشعبي: 25 شهيداً و51 جريحاً بقصف مقرات اللواءين 45 و46 غربي الأنبار", "2019-12-30").incidents]
    assert got == [("strike", "United States", 25)]


def test_dozens_of_attacks_over_months_are_a_wave_summed_up_not_attacks_on_each_base(extract):
    text = ("تشرين الأول 2023 - شباط 2024: عشرات الهجمات بالمسيّرات والصواريخ تتبناها \"المقاومة الإسلامية في العراق\" "
            "ضمن موجة شملت حرير وفكتوريا والشدادي والتنف.")
    assert extract(text, "2025-09-04").incidents == []


def test_the_popular_mobilization_s_fighters_killed_in_the_bombardment_are_a_strike_s_dead(extract):
    text = "وأعلنت هيئة الحشد الشعبي في بيان أن أربعة من مقاتليها قتلوا في القصف الذي طال مواقع في قاطع القائم ليل الأحد 27 حزيران 2021."
    got = [(r["event_type"], r["perpetrator"], r["killed"]) for r in extract(text, "2021-06-28").incidents]
    assert got == [("strike", "United States", 4)]


def test_a_second_event_noun_after_a_comma_is_its_own_event_and_months_in_a_run_are_one_each(extract):
    text = ("وتعرضت قواعد تضم قوات أمريكية لعشرات الهجمات هذا العام، كان أبرزها الهجوم الصاروخي على مطار أربيل في شباط، "
            "والهجمات بالطائرات المسيرة على مطار أربيل في نيسان وتموز وأيلول، إضافة إلى قصف متكرر لحقل العمر.")
    assert rows(extract(text, "2021-10-21")) == [("2021-02", "Erbil airport", "rocket"), ("2021-04", "Erbil airport", "drone"),
                                                ("2021-07", "Erbil airport", "drone"), ("2021-09", "Erbil airport", "drone")]


def test_the_attack_hours_before_a_strike_is_not_of_the_strike_s_day_and_the_toll_of_the_us_bombardment_is_the_strike_s(extract):
    text = ("نفذ الجيش الأمريكي فجر اليوم الثلاثاء 26 كانون الأول 2023 ضربات جوية على ثلاثة مواقع تابعة لكتائب حزب الله في محافظة بابل، "
            "وذلك بعد ساعات من هجوم بطائرة مسيرة استهدف قاعدة تضم قوات أمريكية في أربيل.\n"
            "إلا أن الحكومة العراقية قالت في بيان إن القصف الأمريكي أسفر عن مقتل شخص واحد وإصابة 18 آخرين.\n"
            "وكانت قاعدة أربيل الجوية قد تعرضت صباح أمس الاثنين لهجوم بطائرة مسيرة مفخخة.")
    got = sorted((r["event_type"], r["date"], r["wounded"]) for r in extract(text, "2023-12-26").incidents)
    assert got == [("attack", "2023-12-25", None), ("strike", "2023-12-26", 18)]


def test_items_of_a_list_under_a_heading_that_names_the_year_are_in_that_year(extract):
    text = ("تسلسل زمني لأبرز الهجمات خلال 2021\n"
            "15 فبراير: قصف صاروخي على مطار أربيل ومحيطه أودى بحياة متعاقد مدني. وردت واشنطن في 25 فبراير بضربات على منشآت للفصائل قرب البوكمال.\n"
            "3 مارس: سقوط نحو عشرة صواريخ على قاعدة عين الأسد في الأنبار.\n")
    got = sorted((r["event_type"], r["date"]) for r in extract(text, "").incidents)
    assert got == [("attack", "2021-02-15"), ("attack", "2021-03-03"), ("strike", "2021-02-25")]


def test_a_faction_whose_statement_mourns_its_fighters_lost_them_to_a_strike(extract):
    text = "أصدرت «كتائب حزب الله» بياناً نعت فيه «شهيدين» من مقاتليها قالت إنهما سقطا في القصف على القائم فجر اليوم."
    got = [(r["event_type"], r["perpetrator"], r["killed"]) for r in extract(text, "2024-01-24").incidents]
    assert got == [("strike", "United States", 2)]


def test_strikes_by_unknown_aircraft_are_nobody_s_strike(extract):
    text = 'وقبل ذلك بساعات، تحدثت وسائل إعلام سورية عن غارات "لطائرات مجهولة" قرب البوكمال فجر اليوم.'
    assert [r["event_type"] for r in extract(text, "2020-03-13").incidents] == ["other"]


def test_a_warning_is_no_attack(extract):
    text = ("سياسياً، حذّر المتحدث باسم «حركة النجباء» اليوم من أن «العمليات على قاعدة عين الأسد والتنف مستمرة ما دام "
            "العدوان على غزة قائماً».")
    assert extract(text, "2023-11-20").incidents == []


def test_the_claim_of_the_attack_just_told_joins_it_whatever_base_the_claimants_name(extract):
    text = ("وكانت مدينة أربيل قد تعرضت مساء الاثنين 15 شباط 2021 لقصف صاروخي طال محيط المطار، ما أسفر عن مقتل متعاقد مدني.\n"
            "وقال مسؤولون إن الصواريخ أطلقت من منطقة جنوب المدينة.\n"
            "وتبنت الهجوم جماعة غير معروفة تطلق على نفسها اسم \"سرايا أولياء الدم\"، قالت إنها استهدفت قاعدة الحرير.")
    got = [(r["date"], r["place"], r["claimed_by"]) for r in extract(text, "2021-02-16").incidents]
    assert got == [("2021-02-15", "Erbil", "Saraya Awliya al-Dam")]


def test_two_attacks_told_as_a_pair_during_a_month_are_two_rows_each_with_its_weapon(extract):
    text = ("وسبق ذلك، خلال يوليو 2024، هجومان على الأقل طالا محيط عين الأسد، أحدهما بطائرة مسيرة أسقطت قبل وصولها "
            "إلى القاعدة، والآخر بقذائف سقطت خارج السياج، ولم يسفرا عن إصابات.")
    got = sorted((r["date"], r["weapon"], r["outcome"]) for r in extract(text, "2024-08-06").incidents)
    assert got == [("2024-07", "drone", "intercepted"), ("2024-07", "rocket", "")]


def test_a_report_dated_by_its_page_at_a_base_inside_the_region_of_the_dated_report_is_that_attack(extract):
    text = ("أعلنت القيادة المركزية الأمريكية أن ثلاثة من أفراد الخدمة أصيبوا بجروح طفيفة في هجوم صاروخي مساء الأربعاء "
            "24 آب 2022 في شمال شرق سوريا.\n"
            "وذكرت سنتكوم في بيان أن عدة صواريخ سقطت داخل الموقع المعروف باسم \"كونيكو\".")
    got = [(r["date"], r["place"], r["wounded"]) for r in extract(text, "2022-08-26").incidents]
    assert got == [("2022-08-24", "Conoco", 3)]


def test_the_rows_of_a_table_of_incidents_under_a_title_that_names_the_year(extract):
    text = ("قائمة الهجمات على القوات الأمريكية في سوريا (2023)\n"
            "التاريخ | الموقع | نوع الهجوم | الخسائر | ملاحظات\n"
            "21 تشرين الأول | التنف | طائرة مسيرة | لا إصابات | تبنته فصائل عراقية.\n"
            "30 تشرين الأول | الشدادي؛ خراب الجير | صواريخ | لا إصابات | —\n")
    assert rows(extract(text, "")) == [("2023-10-21", "al-Tanf", "drone"), ("2023-10-30", "Kharab al-Jir", "rocket"),
                                       ("2023-10-30", "al-Shaddadi", "rocket")]


def test_a_monitor_s_daily_headings_with_a_weekday_and_a_place_date_their_paragraphs(extract):
    text = ("التقرير الشهري للرصد الميداني – آب 2024\n"
            "الاثنين 5/8/2024 – قاعدة عين الأسد (الأنبار، العراق)\n"
            "سقوط صاروخي كاتيوشا داخل قاعدة عين الأسد مساءً، وإصابة خمسة عسكريين أمريكيين.\n"
            "الجمعة 9/8/2024 – قاعدة خراب الجير / مهبط رميلان (ريف الحسكة)\n"
            "هجوم بطائرة مسيرة انتحارية على قاعدة خراب الجير دون إصابات.\n"
            "الثلاثاء 20/8/2024 – الشدادي\n"
            "إطلاق صفارات الإنذار داخل القاعدة لنحو عشرين دقيقة دون رصد أي سقوط لقذائف.\n"
            "السبت 17/8/2024 – ريف البوكمال\n"
            "غارة بطائرة مسيرة مجهولة الهوية على سيارة قرب بلدة الهري أسفرت عن مقتل شخصين.\n")
    got = sorted((r["event_type"], r["date"]) for r in extract(text, "").incidents)
    assert got == [("attack", "2024-08-05"), ("attack", "2024-08-09"), ("other", "2024-08-17")]


def test_a_supposition_is_no_attack(extract):
    text = "ولنفترض، جدلاً، أن مسيرة سقطت غداً قرب قاعدة حرير في أربيل. ماذا سيحدث؟"
    assert extract(text, "2025-05-01").incidents == []


def test_strikes_that_preceded_the_us_strike_just_named_are_us_strikes(extract):
    text = ("وهذه رابع ضربة أمريكية على مواقع الفصائل في سوريا هذا الشهر، إذ سبقتها غارات فجر الأحد 12 تشرين الثاني "
            "على مقر قرب الميادين قالت واشنطن إن الحرس الثوري يستخدمه.")
    got = [(r["event_type"], r["perpetrator"], r["date"], r["place"]) for r in extract(text).incidents]
    assert got == [("strike", "United States", "2023-11-12", "al-Mayadin")]


def test_a_toll_over_a_run_of_days_of_attacks_is_no_incident(extract):
    text = ("قال البنتاغون إن 19 عسكرياً أمريكياً أصيبوا بجروح طفيفة بين 17 و24 تشرين الأول في هجمات على قاعدتي "
            "التنف وعين الأسد.")
    assert [r for r in extract(text, "2023-10-26").incidents if r["event_type"] in ("attack", "strike")] == []


def test_a_toll_figure_before_by_an_attack_is_no_count_of_attacks(extract):
    # "أصيب أكثر من 30 بهجوم": thirty people hurt by one attack, not thirty attacks
    text = ("في 4 آذار 2024 أصيب أكثر من 30 بهجوم صاروخي على قاعدة حرير شمال أربيل، وتبنته مجموعة مسلحة، "
            "وبعدها ردت واشنطن بضربات على مواقع الفصائل.")
    got = [(r["event_type"], r["date"], r["place"], r["wounded"]) for r in extract(text).incidents]
    assert ("attack", "2024-03-04", "Harir", 30) in got
    # (and the answer "some time after" is not dated to the attack's day)
    assert all(d == "" for kind, d, _p, _w in got if kind == "strike")


def test_a_tag_archive_dates_each_teaser_by_the_date_line_under_its_headline(extract):
    text = ("الوسم: قاعدة حرير\n"
            "مسيرة تستهدف قاعدة حرير شمال أربيل\n"
            "14/03/2024\n"
            "قال مصدر أمني إن طائرة مسيرة سقطت داخل القاعدة فجر اليوم دون أن تسفر عن إصابات …\n"
            "افتتاح طريق جديد قرب خليفان\n"
            "02/02/2023\n"
            "أعلنت بلدية المنطقة افتتاح الطريق أمام حركة المركبات …\n"
            "صواريخ على قاعدة حرير وإصابة جندي\n"
            "09/09/2021\n"
            "سقطت ثلاثة صواريخ على القاعدة مساء أمس الأربعاء، وأصيب جندي من قوات التحالف بجروح طفيفة …\n")
    got = sorted((r["date"], r["place"]) for r in extract(text, "2025-01-10").incidents if r["event_type"] == "attack")
    assert got == [("2021-09-08", "Harir"), ("2024-03-14", "Harir")]


def test_a_dated_list_item_counts_its_relative_dates_from_its_own_day(extract):
    text = ("الحصاد الأمني الأسبوعي\n"
            "- السبت ١٠/٢: سقوط صواريخ على قاعدة عين الأسد غربي الأنبار مساءً دون إصابات.\n"
            "- الاثنين ١٢/٢: مصادر تتحدث عن أضرار في مبانٍ داخل قاعدة عين الأسد جراء هجوم أول أمس.\n")
    got = sorted((r["date"], r["place"]) for r in extract(text, "2024-02-17").incidents if r["event_type"] == "attack")
    assert got == [("2024-02-10", "Ain al-Asad")]


def test_a_us_answer_after_a_comma_is_a_strike_of_its_own(extract):
    text = ("- الأربعاء ٧/٢/٢٠٢٤: قذائف تطلق على حقل العمر شرقي دير الزور من مناطق غرب الفرات، والقوات الأمريكية "
            "ترد بقصف مدفعي على أطراف الميادين.")
    got = sorted((r["event_type"], r["place"]) for r in extract(text).incidents)
    assert ("strike", "al-Mayadin") in got and ("attack", "al-Omar") in got


def test_a_table_s_date_cell_without_a_year_dates_its_row(extract):
    text = ("جدول الحوادث الموثقة\n"
            "# | التاريخ | الموقع | نوع الحادثة | الجهة المتبنية | النتائج\n"
            "1 | 03/02 | حقل كونيكو للغاز | قصف صاروخي | المقاومة الإسلامية في العراق | لا إصابات\n"
            "2 | 09/02 | قاعدة الشدادي | رشقة صواريخ | غير معروفة | أضرار مادية\n")
    got = sorted((r["date"], r["place"], r["weapon"]) for r in extract(text, "2024-03-01").incidents)
    assert got == [("2024-02-03", "Conoco", "rocket"), ("2024-02-09", "al-Shaddadi", "rocket")]


def test_a_timeline_strip_of_us_responses_with_dash_dated_lines_gives_us_strikes(extract):
    text = ("[شريط زمني: الردود الأمريكية]\n"
            "14 نوفمبر — ضربتان على منشأتين قرب الميادين\n"
            "19 نوفمبر — ضربة على مستودع أسلحة في ريف دير الزور\n")
    got = [(r["event_type"], r["perpetrator"], r["date"]) for r in extract(text, "2023-12-01").incidents]
    assert got == [("strike", "United States", "2023-11-14"), ("strike", "United States", "2023-11-19")]


def test_a_recap_counts_days_back_from_its_own_date_and_puts_the_brain_injuries_on_the_attack(extract):
    text = ("وذكّر الباحث بأن فجر الثامن من كانون الثاني 2020 شهد إطلاق الحرس الثوري الإيراني أكثر من عشرة صواريخ "
            "باليستية على القاعدة، إضافة إلى صاروخ على أربيل، ردا على اغتيال سليماني والمهندس قبل خمسة أيام. "
            "وارتفع العدد لاحقا إلى 110 عسكريين شخصوا بإصابات دماغية.")
    ex = extract("عين الأسد: ذاكرة القاعدة\nتحدث الباحث عن قاعدة عين الأسد في الأنبار.\n" + text, "2024-08-05")
    rows = {(r["event_type"], r["date"]): r for r in ex.incidents}
    assert rows[("attack", "2020-01-08")]["place"] == "Ain al-Asad"
    assert rows[("attack", "2020-01-08")]["wounded"] == 110
    assert ("strike", "2020-01-03") in rows  # five days before the 8th, not before the page's date


def test_an_answer_not_given_is_no_strike(extract):
    text = "سقطت صواريخ على قاعدة التنف في 20 تشرين الأول 2021. وما لفت نظري أن واشنطن لم ترد."
    assert [r["event_type"] for r in extract(text).incidents] == ["attack"]


def test_us_strikes_on_a_faction_s_facilities_are_reported_with_the_page_s_date(extract):
    text = ("أعلنت وزارة الدفاع الأمريكية أن قواتها نفذت ضربات دقيقة ضد خمس منشآت تابعة لكتائب حزب الله، "
            "قالت إنها مخازن أسلحة ومواقع قيادة.")
    got = [(r["event_type"], r["perpetrator"], r["date"], r["date_basis"]) for r in extract(text, "2019-12-30").incidents]
    assert got == [("strike", "United States", "2019-12-30", "published")]


def test_the_report_a_correction_takes_back_is_no_incident(extract):
    text = ("تصحيح: ورد في النشرة المسائية أمس أن \"طائرة مسيرة استهدفت قاعدة الشدادي أمس\". والصحيح أن الجسم "
            "منطاد مراقبة سقط لأسباب فنية. نعتذر للمشتركين عن الخطأ.")
    assert [r for r in extract(text, "2023-11-02").incidents if r["event_type"] == "attack"] == []


def test_a_timeline_under_bare_year_headings_dates_each_item_in_its_year(extract):
    text = ("سجل الحوادث على الحدود (صفحة حية، آخر تحديث: 4 أيار 2025)\n"
            "2019\n"
            "21 حزيران: سقوط صواريخ على قاعدة التنف دون إصابات.\n"
            "2023\n"
            "20 كانون الثاني: ثلاث مسيرات على قاعدة التنف أسقطت اثنتان منها.\n")
    got = sorted(r["date"] for r in extract(text).incidents if r["event_type"] == "attack")
    assert got == ["2019-06-21", "2023-01-20"]


def test_a_markdown_table_row_with_a_part_of_the_day_is_dated_and_a_row_said_not_to_be_an_attack_is_none(extract):
    text = ("جدول الحوادث حسب الموقع\n"
            "| التاريخ | الموقع | نوع الحادث | الملاحظات |\n"
            "|---|---|---|---|\n"
            "| 07/11 مساءً | قاعدة حرير | مسيّرة مفخخة | أضرار مادية طفيفة |\n"
            "| 10/11 | البغدادي (قرب عين الأسد) | ضبط منصة مع 3 صواريخ | (عثور أمني، ليس هجوماً) |\n")
    got = [(r["date"], r["place"]) for r in extract(text, "2023-11-14").incidents if r["event_type"] == "attack"]
    assert got == [("2023-11-07", "Harir")]


def test_a_page_of_posts_counts_each_post_s_relative_dates_from_its_own_date_line(extract):
    text = ("مجلس الناحية - الإعلام الرسمي\n"
            "27 أغسطس 2025 ·\nبيان حول مغادرة قوات التحالف للقاعدة.\n"
            "5 يناير 2022 ·\nافادت مصادر امنية بسقوط صاروخين على قاعدة عين الاسد مساء امس.\n"
            "4 مارس 2021 ·\nسقطت عشرة صواريخ على قاعدة عين الاسد صباح امس.\n")
    got = sorted(r["date"] for r in extract(text).incidents if r["event_type"] == "attack")
    assert got == ["2021-03-03", "2022-01-04"]


def test_a_reported_interception_is_dated_by_the_day_after_it_not_taken_for_the_report_s_day(extract):
    text = "افادت مصادر امنية باسقاط طائرتين مسيرتين في محيط قاعدة عين الاسد مساء امس."
    assert [r["date"] for r in extract(text, "2022-01-05").incidents] == ["2022-01-04"]


def test_a_bombardment_of_army_posts_and_of_factions_within_the_mobilization_is_a_us_strike_at_the_airport(extract):
    # the owner of the posts is named past a coordinated owner ("للجيش ... وفصائل منضوية في الحشد"), and the
    # airport under construction is a faction site, not a site hosting US troops
    text = ("وجاء في البيان: إن ما جرى فجر هذا اليوم من قصف طال مقرات للجيش العراقي والشرطة وفصائل منضوية في "
            "الحشد الشعبي في مطار كربلاء قيد الإنشاء تجاوز على السيادة.")
    got = [(r["event_type"], r["perpetrator"], r["place"], r["date"]) for r in extract(text, "2020-03-13").incidents]
    assert got == [("strike", "United States", "Karbala airport", "2020-03-13")]


def test_a_day_by_day_account_under_bare_weekday_headings_dates_each_day_from_the_stated_page_date(extract):
    text = ("متابعة مستمرة | ماذا حدث خلال ثلاثة أيام؟\n\nالجمعة:\n"
            "سقط أكثر من 30 صاروخاً على قاعدة كي وان في كركوك.\n\nالأحد:\n"
            "الطائرات الأمريكية قصفت مواقع لكتائب حزب الله في القائم.\n")
    got = [(r["event_type"], r["date"]) for r in extract(text, "2019-12-30").incidents]
    assert got == [("attack", "2019-12-27"), ("strike", "2019-12-29")]


def test_a_us_strike_told_with_a_verb_on_towns_in_two_countries_is_one_row_per_country(extract):
    text = "قصفت الطائرات الأمريكية يوم الأحد مواقع لكتائب حزب الله في القائم بالعراق والبوكمال في سوريا."
    got = sorted((r["place"], r["country"]) for r in extract(text, "2019-12-30").incidents)
    assert got == [("Albu Kamal", "Syria"), ("al-Qaim", "Iraq")]


def test_a_dated_list_item_naming_the_american_bombardment_is_a_us_strike(extract):
    text = ("ومن أبرز محطات تلك المرحلة:\n"
            "- مساء الأحد 29 كانون الأول 2019: القصف الأمريكي على مقرات الحشد الشعبي في القائم الذي خلّف 25 شهيداً.\n")
    got = [(r["event_type"], r["date"], r["place"], r["killed"]) for r in extract(text).incidents]
    assert got == [("strike", "2019-12-29", "al-Qaim", 25)]


def test_an_undated_drone_told_without_a_place_does_not_take_the_place_of_rockets_told_far_below(extract):
    text = ("قال جهاز مكافحة الإرهاب في بيان إن هجوماً بطائرتين مسيرتين مفخختين وقع الليلة الماضية دون إصابات.\n"
            "وقال المحافظ إن سكان الأحياء القريبة سمعوا صوت انفجارين.\n"
            "وتبحث القوات الأمنية عن مكان إطلاق الطائرات.\n"
            "ولم تعلن أي جهة مسؤوليتها حتى الآن.\n"
            "سلسلة من الهجمات\n"
            "وفي الأشهر الأخيرة سقط 14 صاروخاً على قاعدة عين الأسد وأصيب شخصان بجروح طفيفة.\n")
    got = sorted((r["weapon"], r["place"]) for r in extract(text).incidents if r["event_type"] == "attack")
    assert got == [("drone", ""), ("rocket", "Ain al-Asad")]


def test_a_drone_on_a_us_base_that_kills_sdf_fighters_is_an_attack_and_isis_losing_men_is_still_none(extract):
    text = "04/02/2024 — مسيرة تضرب ميدان تدريب في قاعدة حقل العمر، تقتل ستة من مقاتلي قسد."
    assert [(r["event_type"], r["place"]) for r in extract(text).incidents] == [("attack", "al-Omar")]
    isis = "أعلنت قيادة العمليات اليوم 16/06/2020 مقتل اثنين من عناصر داعش بغارة جوية قرب كركوك."
    assert [r["event_type"] for r in extract(isis).incidents if r["event_type"] in ("attack", "strike")] == []


def test_fighter_jets_on_sites_said_to_be_the_irgc_s_are_a_us_strike(extract):
    text = "ليلة 24 آذار 2023 — مقاتلات F-15 تضرب مواقع قال الأمريكيون إنها للحرس الثوري في دير الزور."
    got = [(r["event_type"], r["perpetrator"], r["place"]) for r in extract(text).incidents]
    assert got == [("strike", "United States", "Deir ez-Zor")]


def test_a_dated_list_item_counting_its_rockets_is_an_attack_and_a_count_of_attacks_is_not(extract):
    text = ("حصاد العام:\n- 3 آذار 2021: عشرة صواريخ على قاعدة عين الأسد في الأنبار.\n"
            "- 7 تموز 2021: 14 صاروخاً على عين الأسد ومحيطها.\n")
    assert sorted(r["date"] for r in extract(text).incidents) == ["2021-03-03", "2021-07-07"]
    assert extract("وتبنت الفصائل 140 هجوما على القواعد منذ تشرين الأول.").incidents == []


def test_american_jets_after_a_night_told_from_one_day_to_the_next_strike_and_are_not_the_target(extract):
    text = ("في ليلة الخميس 12 آذار 2020 على الجمعة نفذت طائرات أمريكية ضربات على خمسة مواقع تابعة لكتائب حزب الله "
            "في جرف الصخر.")
    got = [(r["event_type"], r["perpetrator"]) for r in extract(text).incidents]
    assert got == [("strike", "United States")]
    attack = "وفي 5 آب 2024 سقطت صواريخ على القوات الأمريكية في قاعدة عين الأسد."
    assert [r["event_type"] for r in extract(attack).incidents] == ["attack"]


def test_a_group_telling_what_its_own_fighters_did_claims_it(extract):
    text = ("وأفادت المقاومة الإسلامية في العراق في سلسلة بيانات أن مجاهديها استهدفوا ظهر السبت 9 كانون الأول 2023 "
            "قاعدة حرير شمال أربيل بطائرة مسيرة.")
    assert [(r["perpetrator"], r["claimed_by"]) for r in extract(text).incidents] == [
        ("Islamic Resistance in Iraq", "Islamic Resistance in Iraq")]
    told = "وقال مصدر أمني إن طائرة مسيرة سقطت قرب قاعدة حرير يوم 9 كانون الأول 2023 ورجح أن المقاومة الإسلامية أطلقتها."
    assert [r["claimed_by"] for r in extract(told).incidents] == [""]


def test_a_claim_listing_bases_each_with_its_own_weapon_is_one_attack_per_base_with_that_weapon(extract):
    text = ("أعلنت المقاومة الإسلامية في العراق اليوم استهداف ثلاث قواعد: عين الأسد بمسيرتين، والتنف بمسيرة، "
            "وحقل العمر بصواريخ.")
    got = sorted((r["place"], r["weapon"]) for r in extract(text, "2023-10-26").incidents)
    assert got == [("Ain al-Asad", "drone"), ("al-Omar", "rocket"), ("al-Tanf", "drone")]
