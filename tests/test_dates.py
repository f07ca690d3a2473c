"""Date mentions: table of input -> expected value and exact span, datelines, URLs and the seed articles."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from preprocess.dates import (
    find_dates,
    infer_publication_date,
    publication_date_from_dateline,
    publication_date_from_url,
)
from preprocess.resources import ResourceError, load_all

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
RESOURCES = Path(__file__).resolve().parent.parent / "data" / "resources"


def seed(prefix: str) -> str:
    return next(RAW.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def xfail(*values, reason: str):
    return pytest.param(*values, marks=pytest.mark.xfail(reason=reason, strict=True))


# text, published, expected span text, iso, precision, part
DATE_ROWS = [
    # Paired month names, one mention and one span.
    ("في 28 يناير/كانون الثاني 2024 هاجمت", None, "28 يناير/كانون الثاني 2024", "2024-01-28", "day", ""),
    ("ففي السابع من فبراير/شباط 2024 استهدفت", None, "السابع من فبراير/شباط 2024", "2024-02-07", "day", ""),
    ("منذ منتصف تشرين الأول/أكتوبر 2023، حيث", None, "منتصف تشرين الأول/أكتوبر 2023", "2023-10", "month", "mid"),
    ("حتى مطلع فبراير/شباط 2024 حوالي", None, "مطلع فبراير/شباط 2024", "2024-02", "month", "early"),
    ("في يناير/كانون الثاني 2020 في العراق", None, "يناير/كانون الثاني 2020", "2020-01", "month", ""),
    ("وفي 15 أبريل/نيسان 2024، زار", None, "15 أبريل/نيسان 2024", "2024-04-15", "day", ""),
    # Levantine and Iraqi month names.
    ("الخميس 12 كانون الثاني 2023", None, "الخميس 12 كانون الثاني 2023", "2023-01-12", "day", ""),
    ("قصفت القاعدة في تموز/يوليو 2019 بصواريخ", None, "تموز/يوليو 2019", "2019-07", "month", ""),
    ("ليلة 3 تشرين الثاني 2021 سقطت", None, "3 تشرين الثاني 2021", "2021-11-03", "day", ""),
    ("في 5 آب 2022 سقطت قذيفتان", None, "5 آب 2022", "2022-08-05", "day", ""),
    ("خلال شهر أيلول 2020 تراجعت", None, "شهر أيلول 2020", "2020-09", "month", ""),
    ("منذ تشرين أول 2019 والاحتجاجات", None, "تشرين أول 2019", "2019-10", "month", ""),
    ("في حزيران (يونيو) 2021 أعلنت", None, "حزيران (يونيو) 2021", "2021-06", "month", ""),
    ("في الثاني والعشرين من آذار 2023 قصفت", None, "الثاني والعشرين من آذار 2023", "2023-03-22", "day", ""),
    ("في الحادي و العشرين من أيار 2022", None, "الحادي و العشرين من أيار 2022", "2022-05-21", "day", ""),
    # Maghrebi and Moroccan names.
    ("يوم 14 جويلية 2022 أعلنت", None, "14 جويلية 2022", "2022-07-14", "day", ""),
    ("وصلت التعزيزات في جوان 2021", None, "جوان 2021", "2021-06", "month", ""),
    ("منذ جانفي 2020 لم تسجل", None, "جانفي 2020", "2020-01", "month", ""),
    ("في 12 أفريل 2023 قال", None, "12 أفريل 2023", "2023-04-12", "day", ""),
    ("في أوت 2019 انفجرت", None, "أوت 2019", "2019-08", "month", ""),
    ("في غشت 2020 أعلنت", None, "غشت 2020", "2020-08", "month", ""),
    # Arabic-Indic digits and numeric dates.
    ("في ٢٨ يناير ٢٠٢٤ قتل", None, "٢٨ يناير ٢٠٢٤", "2024-01-28", "day", ""),
    ("مقارنة بعام ٢٠١٨ فقط", None, "عام ٢٠١٨", "2018", "year", ""),
    ("نشر بتاريخ ٢٥/٠٨/٢٠٢٣", None, "٢٥/٠٨/٢٠٢٣", "2023-08-25", "day", ""),
    ("04:57 2023/08/25", None, "2023/08/25", "2023-08-25", "day", ""),
    ("الجمعة 25-8-2023 مساء", None, "25-8-2023", "2023-08-25", "day", ""),
    ("بتاريخ 2023-08-25 أعلن", None, "2023-08-25", "2023-08-25", "day", ""),
    ("الـ28 من يناير 2024 كان", None, "الـ28 من يناير 2024", "2024-01-28", "day", ""),
    # Years: only in date context.
    ("بنحو 8 آلاف عسكري بداية عام 2018 والعمل", None, "بداية عام 2018", "2018", "year", "early"),
    ("في 2020 انسحبت القوات", None, "2020", "2020", "year", ""),
    ("منذ 2014 تقود واشنطن", None, "2014", "2014", "year", ""),
    ("منذ الثورة عام 1979 والعداء", None, "عام 1979", "1979", "year", ""),
    ("بين عامي 2019 و2020 تراجع", None, "عامي 2019", "2019", "year", ""),
    ("بين عامي 2019 و2020 تراجع", None, "2020", "2020", "year", ""),
    ("تصاعدت الهجمات أواخر 2023 بشكل", None, "أواخر 2023", "2023", "year", "late"),
    ("فبراير 2020، في الشهر التالي", None, "فبراير 2020", "2020-02", "month", ""),
    ("في يناير عام 2020 قتل", None, "يناير عام 2020", "2020-01", "month", ""),
    ("الأربعاء الموافق 7 فبراير 2024", None, "الأربعاء الموافق 7 فبراير 2024", "2024-02-07", "day", ""),
    ("قد تنسحب بحلول صيف 2025", None, "صيف 2025", "2025", "year", ""),
    # Relative expressions with a pinned publication date.
    ("في منتصف مارس/آذار الماضي، وضعت", "2020-04", "منتصف مارس/آذار الماضي", "2020-03", "month", "mid"),
    ("وفدا في يونيو/حزيران المقبل لإعادة", "2020-04", "يونيو/حزيران المقبل", "2020-06", "month", ""),
    ("في يونيو المقبل", "2020-07-01", "يونيو المقبل", "2021-06", "month", ""),
    ("في آذار الماضي", "2021-03", "آذار الماضي", "2020-03", "month", ""),
    ("في آذار الماضي", "2020-04-02", "آذار الماضي", "2020-03", "month", ""),
    ("في الحادي عشر من أكتوبر/تشرين الأول الماضي، خاصة", "2020-11-06",
     "الحادي عشر من أكتوبر/تشرين الأول الماضي", "2020-10-11", "day", ""),
    ("في 3 يناير الماضي في غارة", "2020-04-20", "3 يناير الماضي", "2020-01-03", "day", ""),
    ("في 3 يناير الماضي في غارة", None, "3 يناير الماضي", "", "unknown", ""),
    ("في 3 يناير الماضي في غارة", "2020", "3 يناير الماضي", "", "unknown", ""),
    ("في 3 يناير قتل", "2020-02-10", "3 يناير", "2020-01-03", "day", ""),
    ("في 20 ديسمبر قتل", "2021-01-05", "20 ديسمبر", "2020-12-20", "day", ""),
    ("في 20 ديسمبر قتل", None, "20 ديسمبر", "", "unknown", ""),
    ("بيان صدر أمس", "2020-11-06", "أمس", "2020-11-05", "day", ""),
    ("بيان صدر أمس", "2020-11", "أمس", "", "unknown", ""),
    ("بيان صدر بالأمس", "2020-11-06", "الأمس", "2020-11-05", "day", ""),
    ("بيان، أمس الأول الأربعاء، فقد", "2020-11-06", "أمس الأول الأربعاء", "2020-11-04", "day", ""),
    ("بيان أمس الأول الثلاثاء", "2020-11-06", "أمس الأول الثلاثاء", "2020-11-03", "day", ""),
    ("قصف أول أمس قاعدة", "2024-02-10", "أول أمس", "2024-02-08", "day", ""),
    ("وأعلنت الأربعاء أن", "2020-11-06", "الأربعاء", "2020-11-04", "day", ""),
    ("وأعلنت الأربعاء أن", None, "الأربعاء", "", "unknown", ""),
    ("هجوم يوم الأحد الماضي", "2024-02-11", "يوم الأحد الماضي", "2024-02-04", "day", ""),
    ("قد شدد، الشهر الماضي، على", "2020-11-06", "الشهر الماضي", "2020-10", "month", ""),
    ("قد شدد الشهر الماضي على", "2021-01-15", "الشهر الماضي", "2020-12", "month", ""),
    ("قد شدد الشهر الماضي على", "2021", "الشهر الماضي", "", "unknown", ""),
    ("خلال العام الماضي", "2020", "العام الماضي", "2019", "year", ""),
    ("منتصف الشهر الماضي", "2023-08-25", "منتصف الشهر الماضي", "2023-07", "month", "mid"),
    ("حتى نهاية العام الماضي", "2023-08-25", "نهاية العام الماضي", "2022", "year", "late"),
    ("منذ مطلع الشهر الجاري", "2024-02-10", "مطلع الشهر الجاري", "2024-02", "month", "early"),
    ("خلال الأسبوع الماضي", "2024-02-14", "الأسبوع الماضي", "2024-02", "month", ""),
    ("في مارس قتل", "2021-03-10", "مارس", "2021-03", "month", ""),
    ("في الخامس من الشهر الجاري", "2024-02-10", "الخامس من الشهر الجاري", "2024-02-05", "day", ""),
    ("في الثالث من الشهر الماضي", "2024-02-10", "الثالث من الشهر الماضي", "2024-01-03", "day", ""),
    ("في 15 الجاري أعلنت", "2024-02-20", "15 الجاري", "2024-02-15", "day", ""),
    # Known gaps stay in the table.
    xfail("في 15 رجب 1445 هـ", None, "15 رجب 1445 هـ", "", "unknown", "",
          reason="Hijri dates are not read"),
    xfail("بين 28 و30 يناير 2024", None, "28 و30 يناير 2024", "2024-01-28", "day", "",
          reason="day ranges are not parsed: only 30 يناير 2024 is found"),
    xfail("وقع الهجوم في مارس 15، 2020", None, "مارس 15، 2020", "2020-03-15", "day", "",
          reason="month-day-year (US) order is not parsed"),
    ("قتل قبل ثلاثة أيام", "2020-11-06", "قبل ثلاثة أيام", "2020-11-03", "day", ""),
    ("وقع الانفجار الليلة الماضية قرب القاعدة", "2020-11-06", "الليلة الماضية", "2020-11-05", "day", ""),
    ("سقطت قذيفة قبل يومين على المطار", "2020-11-06", "قبل يومين", "2020-11-04", "day", ""),
    xfail("منذ أسبوعين تتعرض القاعدة لهجمات", "2020-11-06", "منذ أسبوعين", "2020-10-23", "day", "",
          reason="a counted period after منذ opens a span, not a day: left unresolved"),
]


@pytest.mark.parametrize("text,published,span,iso,precision,part", DATE_ROWS)
def test_date_row(text, published, span, iso, precision, part):
    found = [d for d in find_dates(text, published) if d.text == span]
    assert found, f"no mention {span!r} in {[d.text for d in find_dates(text, published)]}"
    d = found[0]
    assert (d.iso, d.precision, d.part) == (iso, precision, part)
    assert text[d.start:d.end] == span
    assert d.year == (int(iso[:4]) if iso else None)


# texts that hold no date at all
NOT_DATES = [
    "لكن الولايات المتحدة تمارس ضغوطا على بغداد",
    "الرئيس الذي مارس ضغوطا على الحكومة",
    "نشرت واشنطن 2400 جندي في العراق",
    "في 1979 ثار الإيرانيون",
    "المؤتمر الحادي عشر للحزب",
    "وصلت القوات في اليوم التالي",
    "بعد صلاة الجمعة خرج المتظاهرون",
    "31/02/2023",
    "حرب تموز ألقت بظلالها",
    "خلال الأيام المقبلة",
    "بالدرجة الأولى النفوذ الإيراني",
    xfail("وزعت المساعدات في 2000 موقع",
          reason="a count of 1990-2035 after في reads as a year; telling it apart needs the noun after it"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert find_dates(text, "2020-11-06") == []


def test_explicit_and_relative_flags():
    explicit = find_dates("في 28 يناير 2024")[0]
    assert explicit.explicit_year and not explicit.relative
    relative = find_dates("في مارس الماضي", "2020-04")[0]
    assert relative.relative and not relative.explicit_year


def test_spans_index_the_original_text_with_diacritics():
    text = "هُوجِمَتْ القاعدةُ فـي 28 يَنايِر 2024"
    d = find_dates(text)[0]
    assert text[d.start:d.end] == d.text == "28 يَنايِر 2024"


# line text, expected span, iso
DATELINES = [
    ("عنوان الخبر\n\n06 نوفمبر 2020\nهددت المليشيات", "06 نوفمبر 2020", "2020-11-06"),
    ("عنوان\n04:57 2023/08/25\n\nسارت العلاقات", "2023/08/25", "2023-08-25"),
    ("بغداد - (أ ف ب) - الثلاثاء 7 شباط/فبراير 2024\nقالت", "الثلاثاء 7 شباط/فبراير 2024", "2024-02-07"),
    ("بغداد (رويترز) - الخميس 12 كانون الثاني 2023\nنص", "الخميس 12 كانون الثاني 2023", "2023-01-12"),
    ("عنوان\n2024-02-07\nنص", "2024-02-07", "2024-02-07"),
    ("نشر في: 12 جوان 2021 - 10:30 م\nنص", "12 جوان 2021", "2021-06-12"),
    ("الجمعة ٦ تشرين الثاني ٢٠٢٠\nنص", "الجمعة ٦ تشرين الثاني ٢٠٢٠", "2020-11-06"),
    ("دمشق، 14 تموز/يوليو 2022 (رويترز) - قال مسؤولون", "14 تموز/يوليو 2022", "2022-07-14"),
    ("بغداد 15 شباط 2024\nتبنت جماعة", "15 شباط 2024", "2024-02-15"),
    # numeric datelines glued to a place or an agency
    ("دمشق-09-08-2022\nقالت مصادر", "09-08-2022", "2022-08-09"),
    ("بغداد / واع / 9.8.2022\nأعلنت", "9.8.2022", "2022-08-09"),
    ("دمشق/ 2022.8.9\nنص", "2022.8.9", "2022-08-09"),
    ("الحسكة - 2023/10/19\nنص", "2023/10/19", "2023-10-19"),
]


@pytest.mark.parametrize("text,span,iso", DATELINES)
def test_dateline(text, span, iso):
    d = publication_date_from_dateline(text)
    assert d is not None and (d.text, d.iso, d.precision) == (span, iso, "day")
    assert text[d.start:d.end] == span


def test_a_date_inside_a_sentence_is_not_a_dateline():
    assert publication_date_from_dateline("عنوان\nقتل 3 جنود في هجوم 28 يناير 2024 على البرج") is None
    assert publication_date_from_dateline("عنوان\nوقع الهجوم في 15 شباط 2024") is None


@pytest.mark.parametrize("url,iso,precision", [
    ("https://www.aljazeera.net/news/2024/1/28/us-troops", "2024-01-28", "day"),
    ("https://example.com/ar/2024-01-28-tower-22", "2024-01-28", "day"),
    ("https://example.com/story/20240128/abc", "2024-01-28", "day"),
    ("https://example.com/2021/05/ar/story", "2021-05", "month"),
    ("https://example.com/news/12345678901", None, None),
    ("https://2024.example.com/news/x", None, None),
    ("https://levant.example/news/march-24,-2023-hasakah-drone", "2023-03-24", "day"),
    ("https://example.com/x/september_3_2021", "2021-09-03", "day"),
    ("https://example.com/news/maybe-5-2023", None, None),
])
def test_url(url, iso, precision):
    d = publication_date_from_url(url)
    if iso is None:
        assert d is None
    else:
        assert (d.iso, d.precision) == (iso, precision)
        assert url[d.start:d.end] == d.text


def _by_text(mentions):
    return {d.text: (d.iso, d.precision, d.part) for d in mentions}


def test_seed_002_dates_and_inferred_publication():
    mentions = find_dates(seed("002"))
    got = _by_text(mentions)
    assert got["28 يناير/كانون الثاني 2024"] == ("2024-01-28", "day", "")
    assert got["السابع من فبراير/شباط 2024"] == ("2024-02-07", "day", "")
    assert got["29 يناير/كانون الثاني 2024"] == ("2024-01-29", "day", "")
    assert got["يناير/كانون الثاني 2020"] == ("2020-01", "month", "")
    assert got["منتصف تشرين الأول/أكتوبر 2023"] == ("2023-10", "month", "mid")
    inferred = infer_publication_date(mentions)
    assert (inferred.iso, inferred.precision) == ("2024-04-15", "day")


def test_seed_003_dateline_and_relative_dates():
    text = seed("003")
    published = publication_date_from_dateline(text)
    assert (published.iso, published.text) == ("2020-11-06", "06 نوفمبر 2020")
    got = _by_text(find_dates(text, published.iso))
    assert got["الحادي عشر من أكتوبر/تشرين الأول الماضي"] == ("2020-10-11", "day", "")
    assert got["بداية عام 2018"] == ("2018", "year", "early")
    assert got["أمس الأول الأربعاء"] == ("2020-11-04", "day", "")
    assert got["الشهر الماضي"] == ("2020-10", "month", "")


def test_seed_004_dateline_with_time():
    d = publication_date_from_dateline(seed("004"))
    assert (d.iso, d.text) == ("2023-08-25", "2023/08/25")


def test_seed_000_relative_to_a_month():
    got = _by_text(find_dates(seed("000"), "2020-04"))
    assert got["منتصف مارس/آذار الماضي"] == ("2020-03", "month", "mid")
    assert got["يونيو/حزيران المقبل"] == ("2020-06", "month", "")
    assert "مارس" not in " ".join(t for t in got if "ضغوط" in t)


def test_seed_001_without_publication_date():
    got = _by_text(find_dates(seed("001")))
    assert got["3 يناير الماضي"] == ("", "unknown", "")
    assert got["فبراير 2020"] == ("2020-02", "month", "")


def test_infer_prefers_day_precision_over_a_later_month():
    mentions = find_dates("منذ أكتوبر 2024 تصاعدت. وفي 15 أبريل 2024 زار. وفي عام 2025")
    assert infer_publication_date(mentions).iso == "2024-04-15"


def test_every_month_has_its_calendars():
    months = load_all(RESOURCES)[0]
    for number in range(1, 13):
        names = [name for name, m in months.month_names.items() if m == number]
        calendars = {c for name in names for c in months.month_calendars[name]}
        assert calendars == {"gregorian", "syriac", "maghrebi", "moroccan"}, number
    assert months.month_calendars["تموز"] == ("syriac",)
    assert months.month_calendars["جويليه"] == ("maghrebi",)


def test_broken_month_resources_report_every_problem(tmp_path):
    for name in ("numbers.yaml", "qualifiers.yaml"):
        (tmp_path / name).write_text((RESOURCES / name).read_text(encoding="utf-8"), encoding="utf-8")
    months = yaml.safe_load((RESOURCES / "months.yaml").read_text(encoding="utf-8"))
    del months["months"][7]
    months["months"][8]["syriac"] = ["آذار"]
    months["parts"]["someday"] = ["يوما"]
    (tmp_path / "months.yaml").write_text(yaml.safe_dump(months, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        load_all(tmp_path)
    problems = "\n".join(err.value.problems)
    assert "months.yaml: months.7: missing" in problems
    assert "months.yaml: months.8.syriac: 'اذار' means both 3 and 8" in problems
    assert "months.yaml: parts.someday: unknown part" in problems


def test_four_digits_read_on_the_written_line_as_on_the_normalised_one():
    """The dateline skips a line without four digits in a row before normalising it: the same test either way."""
    import random
    import re

    from preprocess.dates import _FOUR_DIGITS_WRITTEN
    from preprocess.normalize import DELETED, normalize

    digits = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000
              and (re.match(r"\d", chr(c)) or re.match(r"\d", normalize(chr(c)).text or "x"))]
    pool = digits + list(DELETED) + list("ab ،.,٬٫-")
    rng = random.Random(5)
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 9)))
        assert bool(re.search(r"\d{4}", normalize(s).text)) == bool(_FOUR_DIGITS_WRITTEN.search(s)), s


@pytest.mark.parametrize("line,iso", [
    ("الأحد 15/مارس/2020 - 02:47 م", "2020-03-15"),
    ("الثلاثاء 4 رجب 1442 هـ الموافق 16 شباط 2021", "2021-02-16"),
    ("العدد 6120 - الأحد 21 يناير 2024م الموافق 09 رجب 1445هـ", "2024-01-21"),
])
def test_datelines_with_a_month_between_slashes_a_hijri_date_or_an_issue_number(line, iso):
    d = publication_date_from_dateline("عنوان\n" + line + "\nنص الخبر")
    assert d is not None and d.iso == iso


def test_a_print_issue_stamp_below_the_story_dates_the_page():
    text = "عنوان\n" + "\n".join(f"فقرة {i} من الخبر." for i in range(20)) + "\nالعدد 6120 - الأحد 21 يناير 2024م"
    assert publication_date_from_dateline(text).iso == "2024-01-21"


def test_a_hijri_date_after_a_date_in_a_sentence_does_not_make_it_a_dateline():
    assert publication_date_from_dateline("عنوان\nوفي 3 آب 2024 الموافق 12 صفر 1446 قتل ثلاثة") is None


def test_a_day_in_the_url_beats_the_top_bar_and_a_month_in_the_url_yields_to_a_day_on_the_page():
    from types import SimpleNamespace
    from preprocess.cues import load_cues
    from preprocess.publication import publication_date
    cues = load_cues(Path(__file__).resolve().parent.parent / "data" / "resources")
    top_bar = "الأحد 14 يناير 2024\nعنوان الخبر\nنص الخبر."
    page = SimpleNamespace(published="", text=top_bar, url="https://levant.example/news/march-24,-2023-hasakah")
    assert publication_date(page, cues)[:2] == ("2023-03-24", "url")
    page = SimpleNamespace(published="", text="عنوان\nالإثنين 6 كانون الثاني 2020\nنص.", url="https://x.example/2020/01/story")
    assert publication_date(page, cues)[:2] == ("2020-01-06", "dateline")


@pytest.mark.parametrize("text, iso", [
    ("عنوان الخبر\nبغداد-12-03-2020 | الخميس 17 رجب 1441 هـ\nالقسم: أمن", "2020-03-12"),
    ("عنوان الخبر\nالأنبار-06-08-2024 | الموافق 1 صفر 1446\nنص الخبر", "2024-08-06"),
])
def test_a_glued_dateline_with_the_hijri_date_after_a_bar_is_the_page_s_date(text, iso):
    from preprocess.dates import publication_date_from_dateline
    assert publication_date_from_dateline(text).iso == iso


def test_an_anniversary_s_number_moves_the_inferred_page_date_past_the_event_it_remembers():
    from types import SimpleNamespace
    from preprocess.cues import load_cues
    from preprocess.publication import publication_date
    cues = load_cues(Path(__file__).resolve().parent.parent / "data" / "resources")
    text = ("بيان المجلس\nونذكّر في هذه الأيام بالذكرى الثامنة للمجزرة التي ارتكبها تنظيم داعش في آب 2014 بحق أبناء "
            "العشيرة، وما جرى في حزيران من العام الماضي ليس جديداً.")
    iso, source, why = publication_date(SimpleNamespace(published="", text=text, url=""), cues)
    assert (iso, source) == ("2022", "inferred") and "2014" in why[0]


@pytest.mark.parametrize("text, iso", [
    ("- ٤ مايس: صاروخا كاتيوشا يسقطان في ساحة فارغة بعين الأسد", "2021-05-04"),
    ("- ٣ ك٢: أعلن التحالف إسقاط طائرتين مسيرتين", "2022-01-03"),
    ("وفي 9 ك1 2021 أعلن انتهاء المهمة القتالية", "2021-12-09"),
    ("يوم 7 ت2 جرت محاولة الاغتيال", "2021-11-07"),
    ("في 19 ت1 سقطت قذائف", "2021-10-19"),
])
def test_iraq_s_other_name_for_may_and_the_short_kanun_and_tishrin_months_are_read_with_their_day(text, iso):
    assert [d.iso for d in find_dates(text, "2022-01-05")] == [iso]


def test_a_short_month_form_without_a_day_or_year_is_no_date():
    assert [d.iso for d in find_dates("طراز ت1 من المسيرات", "2022-01-05")] == []
