"""Troop figures, attack tallies, factions and places, class by class, on sentences of our own."""
from __future__ import annotations

from pathlib import Path

import pytest

from preprocess.cues import load_cues
from preprocess.extract import extract_article
from preprocess.extract.groups import transliterate
from preprocess.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def resources():
    return load_gazetteer(ROOT / "data" / "gazetteer"), load_cues(ROOT / "data" / "resources")


@pytest.fixture(scope="module")
def extract(resources):
    gazetteer, cues = resources

    def run(text: str, published: str = "2024-02-01"):
        first = text.split("\n", 1)[0]
        return extract_article("t", text, published, gazetteer, cues, titles=(first if "\n" in text else "",))

    return run


# ---------------------------------------------------------------- troop figures

TROOPS = [
    # (text, expected rows as (value, qualifier, kind, location))
    ("البنتاغون: 2500 جندي أمريكي في العراق\nوقال المتحدث باسم البنتاغون إن نحو 2500 جندي أمريكي ينتشرون في العراق حاليا.",
     [(2500, "approx", "level", "Iraq")]),
    ("وتعتزم واشنطن خفض عدد قواتها في العراق من 3500 إلى 2000 جندي بحلول الصيف.",
     [(3500, "exact", "level", "Iraq"), (2000, "exact", "planned", "Iraq")]),
    ("وتحتفظ الولايات المتحدة بنحو 3000 جندي في الأردن و900 في سوريا.",
     [(3000, "approx", "level", "Jordan"), (900, "approx", "level", "Syria")]),
    ("وأكد المسؤول أن عدد المستشارين الأمريكيين في العراق لن يتجاوز 2000 مستشار العام المقبل.",
     [(2000, "less_than", "planned", "Iraq")]),
]


@pytest.mark.parametrize("text, expected", TROOPS)
def test_troop_figures(extract, text, expected):
    rows = extract(text).troops
    assert sorted((r["value"], r["qualifier"], r["kind"], r["location"]) for r in rows) == sorted(expected)


def test_the_attributed_repetition_is_the_row_kept(extract):
    text = ("البنتاغون: 2500 جندي أمريكي في العراق\n"
            "وقال المتحدث باسم البنتاغون إن نحو 2500 جندي أمريكي ينتشرون في العراق حاليا.")
    row, = extract(text).troops
    assert "المتحدث" in row["quote"]


# ---------------------------------------------------------------- tallies

TALLIES = [
    ("وبلغ عدد الهجمات 41 هجوما منذ 17 تشرين الأول 2023، كان نصيب قاعدة بلد منها 15، ومعسكر القيارة 12.",
     [(41, "", ""), (15, "Iraq", "Balad air base"), (12, "Iraq", "Qayyarah airfield")]),
    ("وقال البنتاغون إن القوات الأمريكية تعرضت لـ 42 هجوما، 19 في العراق و23 في سوريا.",
     [(42, "", ""), (19, "Iraq", ""), (23, "Syria", "")]),
    ("وهذا ثاني هجوم على القاعدة خلال أسبوع، والهجوم الثالث منذ بداية الشهر.", []),
    # a part of an earlier whole, its siblings after it, places named before their figures
    ("وكان نصيب قاعدة عين الأسد منها 19 هجوما، وقاعدة حرير في أربيل 14، فيما استهدفت قاعدة التنف في سوريا 11 مرة.",
     [(19, "Iraq", "Ain al-Asad"), (14, "Iraq", "Harir"), (11, "Syria", "al-Tanf")]),
    # a dashed list under the tally
    ("تعرضت القواعد الأمريكية في سوريا لـ27 هجوما، توزعت على النحو الآتي:\n- 9 هجمات على قاعدة حقل العمر\n"
     "- 6 على قاعدة الشدادي جنوبي الحسكة\n- 3 على قاعدة التنف\n",
     [(27, "Syria", ""), (9, "Syria", "al-Omar"), (6, "Syria", "al-Shaddadi"), (3, "Syria", "al-Tanf")]),
    # the headline's tally and the body's are one
    ("151 هجوما على القوات الأمريكية\nوقال البنتاغون إن القوات الأمريكية تعرضت لـ151 هجوما منذ 17 تشرين الأول 2023.",
     [(151, "", "")]),
]


@pytest.mark.parametrize("text, expected", TALLIES)
def test_tallies_and_their_breakdowns(extract, text, expected):
    rows = extract(text).attack_counts
    assert [(r["count"], r["country"], r["location"]) for r in rows] == expected


def test_breakdown_parts_share_the_period_of_the_whole(extract):
    rows = extract(TALLIES[0][0]).attack_counts
    assert {r["period_start"] for r in rows} == {"2023-10-17"}


# ---------------------------------------------------------------- factions

def actor_ids(ex) -> list[str]:
    return [m["entity_id"] for m in ex.mentions if m["entity_kind"] == "actor"]


@pytest.mark.parametrize("text, expected", [
    ("أعلنت كتائب حزب الله تعليق عملياتها. وقال متحدث باسم حزب الله إن القرار نهائي.",
     ["kataib_hezbollah", "kataib_hezbollah"]),
    ("أعلنت كتائب حزب الله تعليق عملياتها، فيما قال حزب الله اللبناني إن القرار يخصها.",
     ["kataib_hezbollah", "lebanese_hezbollah"]),
    ("أعلنت كتائب حزب الله تعليق عملياتها. وتبادل حزب الله القصف مع إسرائيل جنوب لبنان.",
     ["kataib_hezbollah", "lebanese_hezbollah"]),
    ("قال حزب الله إن القصف مستمر.", ["lebanese_hezbollah"]),
])
def test_a_bare_hezbollah_is_read_by_the_article(extract, text, expected):
    assert [a for a in actor_ids(extract(text)) if a.endswith("hezbollah")] == expected


@pytest.mark.parametrize("arabic, english", [
    ("سرايا الدفاع عن السيادة", "Saraya al-Difa an al-Siyada"),
    ("عصبة الثائرين", "Usbat al-Thairin"),
    ("قبضة الهدى", "Qabdat al-Huda"),
    ("كتائب سيد الشهداء", "Kataib Sayyid al-Shuhada"),
])
def test_new_groups_get_a_readable_english_name(resources, arabic, english):
    assert transliterate(arabic, resources[1].name_words) == english


def test_romanisation_has_no_apostrophe_soup(resources):
    name = transliterate("تجمع المعتصمين بالعهد", resources[1].name_words)
    assert "'" not in name and name.split()[0] == "Tajammu"


# ---------------------------------------------------------------- places and their roles

def test_event_places_are_told_from_background_places(extract):
    text = ("الرمادي - 2024/01/21\n"
            "استهدفت طائرة مسيرة قاعدة عين الأسد الجوية يوم 20 كانون الثاني 2024 دون وقوع إصابات.\n"
            "وتنشط الفصائل المسلحة عادة في محافظة ديالى، فيما تتواصل الحرب في غزة.\n")
    ex = extract(text, "2024-01-21")
    roles = {(m["entity_id"], m["role"]) for m in ex.mentions if m["entity_kind"] == "place"}
    assert roles == {("ain_al_asad", "event"), ("diyala", "background"), ("gaza_strip", "background"), ("ramadi", "dateline")}


@pytest.mark.parametrize("text, expected", [
    ("سقطت قذيفة قرب مطار الموصل.", {"mosul_airport", "mosul"}),
    ("قصفت مدفعية التحالف مواقع في ريف دير الزور الشرقي.", {"eastern_deir_ez_zor_countryside", "deir_ez_zor_province"}),
    ("تنتشر القوات الأمريكية في شرق سوريا.", {"east_syria", "syria_country"}),
])
def test_a_place_inside_a_place_names_both(extract, text, expected):
    assert {m["entity_id"] for m in extract(text).mentions if m["entity_kind"] == "place"} == expected


def test_troop_figures_whose_noun_is_left_out(tmp_path):
    """'وفي سوريا نحو ألفين', 'ينخفض إلى أقل من 2000', 'ما لا يقل عن 1500 منهم': figures that share the noun of
    the troop figure before them (classes from devset6a/devset8)."""
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer
    root = Path(__file__).resolve().parent.parent
    gazetteer, cues = load_gazetteer(root / "data" / "gazetteer"), load_cues(root / "data" / "resources")
    text = ("وقال مسؤول إن عدد الجنود الأمريكيين في العراق يبلغ حاليا قرابة 2500 جندي، ومن المقرر أن ينخفض إلى أقل "
            "من 2000 قبل نهاية العام، مضيفا أن ما لا يقل عن 1500 منهم سينتقلون إلى أربيل.\n"
            "ويقول مسؤولون إن نحو 3 آلاف عسكري أمريكي ينتشرون في الأردن، بينما يبقى في العراق قرابة 2500 جندي "
            "وفي سوريا نحو ألفين.\n")
    rows = extract_article("t", text, "2025-10-02", gazetteer, cues).troops
    got = sorted((r["value"], r["qualifier"], r["kind"]) for r in rows)
    assert (2000, "less_than", "planned") in got
    assert (1500, "at_least", "level") in got or (1500, "at_least", "deployment") in got
    assert (2000, "approx", "level") in got
    assert (3000, "approx", "level") in got


def test_a_direction_that_locates_a_base_is_not_an_event_place_but_its_province_is():
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer
    root = Path(__file__).resolve().parent.parent
    gazetteer, cues = load_gazetteer(root / "data" / "gazetteer"), load_cues(root / "data" / "resources")
    text = "سقطت ثلاثة صواريخ على قاعدة عين الأسد غربي الأنبار مساء الأربعاء 5 كانون الثاني 2022 دون إصابات.\n"
    ex = extract_article("t", text, "2022-01-05", gazetteer, cues)
    roles = {m["entity_id"]: m["role"] for m in ex.mentions if m["entity_kind"] == "place"}
    assert roles.get("western_anbar") != "event"
    assert roles.get("anbar") == "event" and "event" in {r for e, r in roles.items() if "asad" in e}


def test_ranges_and_changes_to_a_figure_written_in_words():
    """'خفض عدد جنوده من نحو ألفين إلى أقل من ألف', 'وسينخفض بعد اكتمال المرحلة الأولى إلى أقل من ألفين',
    'من نحو ثلاثة آلاف إلى 2500' (classes from devset10)."""
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer
    root = Path(__file__).resolve().parent.parent
    gazetteer, cues = load_gazetteer(root / "data" / "gazetteer"), load_cues(root / "data" / "resources")
    text = ("وفي سوريا، أعلن البنتاغون خفض عدد جنوده هناك من نحو ألفين إلى أقل من ألف خلال الأشهر المقبلة.\n"
            "وقال إن عدد القوات الأمريكية في العراق يقارب 2500 جندي، وسينخفض بعد اكتمال المرحلة الأولى من الانتقال "
            "إلى أقل من ألفين.\n")
    got = sorted((r["value"], r["qualifier"]) for r in extract_article("t", text, "2025-10-01", gazetteer, cues).troops)
    assert got == [(1000, "less_than"), (2000, "approx"), (2000, "less_than"), (2500, "approx")]


# --- casualty counts and names are no troop figures; one figure restated keeps what each statement adds --------

@pytest.mark.parametrize("sentence", [
    "رفع مسؤولون في وزارة الدفاع الأميركية عدد المصابين في هجوم البرج 22 إلى 34 عسكرياً.",
    "ثم أعلن البنتاغون أن 11 جنديا نقلوا إلى ألمانيا والكويت للعلاج من أعراض الارتجاج.",
    "وقالت الهيئة إن طائرات استهدفت عجلتين لمنتسبي اللواء 47 أثناء أداء واجبهم.",
])
def test_casualty_counts_and_numbers_in_names_are_not_troop_figures(extract, sentence):
    assert extract("عنوان\n" + sentence + "\n", "2024-02-01").troops == []


def test_one_figure_restated_is_one_row_with_the_force_another_statement_names(extract):
    text = ("عنوان\nواشنطن تخفض قواتها في سورية إلى أقل من ألف جندي.\n"
            "وأعلنت وزارة الدفاع الأمريكية اليوم أن عدد القوات الأمريكية في سوريا سينخفض إلى أقل من ألف جندي.\n")
    rows = extract(text, "2025-04-18").troops
    assert [(r["value"], r["qualifier"], r["force"]) for r in rows] == [(1000, "less_than", "US")]


def test_figures_of_the_same_value_with_opposite_qualifiers_are_two(extract):
    text = ("عنوان\nوسينخفض العدد في العراق إلى أقل من ألفي عسكري، أما في سوريا فتخفض واشنطن عديدها من قرابة "
            "ألفي جندي إلى أقل من ألف.\n")
    rows = extract(text, "2025-09-14").troops
    assert sorted((r["value"], r["qualifier"]) for r in rows if r["value"] == 2000) == [(2000, "approx"), (2000, "less_than")]


def test_a_figure_in_a_list_of_countries_takes_the_force_its_lead_names(extract):
    text = ("وتتوزع القوات الأمريكية في دول الخليج على النحو التالي:\n"
            "الكويت: نحو 13000 جندي\n"
            "قطر: قرابة 8000 عسكري\n\n"
            "أما الجيش العراقي فيضم نحو 300000 جندي.")
    ex = extract(text, "2025-01-01")
    forces = {t["value"]: t["force"] for t in ex.troops}
    assert forces[13000] == "US" and forces[8000] == "US"
    assert forces.get(300000, "unknown") != "US"


def test_a_region_named_with_an_event_is_not_one_of_its_places_but_its_town_is(extract):
    text = "استهدفت طائرة مسيرة قاعدة التنف في المثلث الحدودي قرب الرطبة فجر الأحد 5 أيار 2024."
    ex = extract(text, "2024-05-05")
    roles = {m["entity_id"]: m["role"] for m in ex.mentions if m["entity_kind"] == "place"}
    assert roles.get("al_tanf") == "event"
    assert roles.get("border_triangle") == "background"


@pytest.mark.parametrize("text, expected", [
    # a second quoted figure with its noun left out
    ('تقول وزارة الدفاع الأمريكية إن لديها "نحو 2500" جندي في العراق و"قرابة 900" في سوريا.',
     [(2500, "approx", "Iraq"), (900, "approx", "Syria")]),
    # each step of a chain of levels, each with its own qualifier
    ("تراجع عدد القوات الأمريكية في العراق من نحو 5200 جندي مطلع 2020 إلى قرابة 3000 في خريف العام نفسه، ثم إلى 2500 مطلع 2021.",
     [(5200, "approx", "Iraq"), (3000, "approx", "Iraq"), (2500, "exact", "Iraq")]),
])
def test_figures_left_without_their_noun(extract, text, expected):
    ex = extract(text, "2025-01-10")
    assert [(t["value"], t["qualifier"], t["location"]) for t in ex.troops] == expected


def test_a_table_of_troop_levels_gives_a_figure_per_cell_with_its_column_s_place_and_row_s_year(extract):
    text = ("ملحق: أعداد القوات الأمريكية المعلنة\n"
            "السنة      العراق                سوريا\n"
            "2020      نحو 3000              قرابة 800\n"
            "2022      2500 \"على الأقل\"       900 رسمياً / نحو 2000 فعلياً\n"
            "2026      ما بين 1500 و2000      أقل من 1000 (مخطط)\n")
    got = sorted((t["year"], t["location"], t["value"], t["qualifier"], t["kind"], t["force"]) for t in extract(text).troops)
    assert got == [(2020, "Iraq", 3000, "approx", "level", "US"), (2020, "Syria", 800, "approx", "level", "US"),
                   (2022, "Iraq", 2500, "at_least", "level", "US"), (2022, "Syria", 900, "exact", "level", "US"),
                   (2022, "Syria", 2000, "approx", "level", "US"), (2026, "Syria", 1000, "less_than", "planned", "US")]


def test_a_table_of_attacks_gives_no_troop_figures(extract):
    text = ("جدول: الهجمات حسب الشهر\n"
            "الشهر      العراق      سوريا\n"
            "2023      36      41\n")
    assert extract(text).troops == []


def test_a_table_of_attack_counts_gives_a_tally_per_cell_with_its_column_s_country(extract):
    text = ("ملحق: أرقام الهجمات على القوات الأمريكية\n"
            "حتى تاريخ | المجموع | العراق | سوريا | الأردن\n"
            "30 تشرين الأول 2023 | 23 | 14 | 9 | –\n"
            "مطلع شباط 2024 | 165 | 66 | 98 | 1\n")
    got = sorted((t["count"], t["country"], t["period_end"]) for t in extract(text).attack_counts)
    assert got == [(1, "Jordan", "2024-02"), (9, "Syria", "2023-10-30"), (14, "Iraq", "2023-10-30"), (23, "", "2023-10-30"),
                   (66, "Iraq", "2024-02"), (98, "Syria", "2024-02"), (165, "", "2024-02")]


def test_a_table_of_troops_gives_no_tallies(extract):
    text = ("أعداد الجنود الأمريكيين\n"
            "السنة | العراق | سوريا\n"
            "2021 | 2500 | 900\n")
    assert extract(text).attack_counts == []


def test_a_breakdown_stops_at_another_tally_and_a_footnote_number_counts_nothing(extract):
    text = ("ورصد الباحثون (112) هجوماً بين 17 تشرين الأول و31 كانون الأول 2023، منها (49) في العراق و(63) في سوريا، "
            "في حين تحدث البنتاغون عن \"أكثر من 100 هجوم\" في منتصف كانون الأول(23). وتوزعت هجمات العراق على النحو الآتي: "
            "عين الأسد (21)، حرير (17)، معسكر فكتوريا (8).")
    got = {(t["count"], t["country"], t["location"]) for t in extract(text).attack_counts}
    assert {(112, "", ""), (49, "Iraq", ""), (63, "Syria", ""), (21, "Iraq", "Ain al-Asad"), (17, "Iraq", "Harir"),
            (8, "Iraq", "Victory base")} <= got
    assert not any(c == 23 for c, _country, _loc in got)


def test_americans_counted_right_after_the_figure_are_troops_and_an_american_answer_is_not(extract):
    text = "الرقم الرسمي المعلن هو نحو 2500 أمريكي بالعراق. وفي آب 2022: كونيكو والعمر (24) ← رد أمريكي."
    got = [(t["value"], t["qualifier"], t["location"], t["force"]) for t in extract(text).troops]
    assert got == [(2500, "approx", "Iraq", "US")]


def test_a_fact_box_line_gives_its_figure_and_what_it_counts_after_a_colon_or_an_arrow(extract):
    text = ("أرقام اليوم:\n- نحو 5200: عدد الجنود الأمريكيين في العراق بحسب البنتاغون.\n"
            "900 ← عدد الجنود الأمريكيين في سوريا.\n- 22: عدد الهجمات منذ مطلع العام.\n")
    got = sorted((t["value"], t["qualifier"], t["location"], t["force"]) for t in extract(text, "2021-03-05").troops)
    assert got == [(900, "exact", "Syria", "US"), (5200, "approx", "Iraq", "US")]
