"""Reading awkward corpora: every good article is read with the right text, every bad file is reported with its reason."""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from preprocess.ingest import cut_text, normalise_published, read_corpus
from tests.awkward_corpus import ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE, make_awkward_corpus


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    directory = tmp_path_factory.mktemp("awkward")
    expected = make_awkward_corpus(directory)
    articles, rejects = read_corpus([directory])
    return directory, expected, {a.article_id: a for a in articles}, rejects


def _rejects_by_file(rejects):
    by_file = {}
    for reject in rejects:
        by_file.setdefault(reject.file, []).append(reject)
    return by_file


def _write_article(directory: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (directory / name).write_bytes(text.encode(encoding))


def test_every_good_article_is_read_and_nothing_else(awkward):
    _, expected, articles, _ = awkward
    assert sorted(articles) == sorted(expected["read"])


@pytest.mark.parametrize("article_id", ["cp1256", "utf16", "bom", "indic_crlf", "page", "feed-ok", "feed-2", "dup_a", "dup_b", "big"])
def test_good_article_has_expected_text_and_metadata(awkward, article_id):
    _, expected, articles, _ = awkward
    checks = expected["read"][article_id]
    article = articles[article_id]
    assert article.encoding == checks["encoding"]
    for fragment in checks["contains"]:
        assert fragment in article.text
    for fragment in checks.get("absent", []):
        assert fragment not in article.text
    for column in ("title", "source", "url", "published"):
        if column in checks:
            assert getattr(article, column) == checks[column], column
    assert "\r" not in article.text
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize("file_name", [
    "empty.txt", "blank.txt", "binary.txt", "english.txt", "latin1.txt", "notes.pdf", "feed.jsonl:3", "feed.jsonl:4",
    "feed.jsonl:5", "metadata.csv:3", "metadata.csv:4", "metadata.csv:5", "metadata.csv:7"])
def test_every_bad_input_is_reported_with_its_reason(awkward, file_name):
    _, expected, _, rejects = awkward
    stage, words = expected["rejected"][file_name]
    found = _rejects_by_file(rejects).get(file_name)
    assert found, f"{file_name} not reported"
    assert found[0].stage == stage
    for word in words:
        assert word.lower() in found[0].reason.lower()


def test_rejects_are_exactly_the_expected_ones_and_one_line(awkward):
    _, expected, _, rejects = awkward
    assert sorted(r.file for r in rejects) == sorted(expected["rejected"])
    assert all("\n" not in r.reason and r.reason for r in rejects)


def test_ignored_files_are_not_reported(awkward):
    _, _, _, rejects = awkward
    assert not {"README.md", ".DS_Store"} & {r.file for r in rejects}


def test_cp1256_text_reads_as_arabic(awkward):
    _, _, articles, _ = awkward
    assert articles["cp1256"].text.splitlines() == [TROOPS_SENTENCE, STRIKE_SENTENCE]


def test_indic_digits_kept_and_crlf_gone(awkward):
    _, _, articles, _ = awkward
    text = articles["indic_crlf"].text
    assert "٢٥٠٠ جندي" in text
    assert text.count("\n") == 2


def test_utf8_bom_is_stripped(awkward):
    _, _, articles, _ = awkward
    assert articles["bom"].text == STRIKE_SENTENCE + "\n"


def test_html_keeps_paragraphs_and_drops_page_furniture(awkward):
    _, _, articles, _ = awkward
    lines = articles["page"].text.split("\n")
    assert ATTACK_SENTENCE in lines
    assert any(line.startswith(TROOPS_SENTENCE) for line in lines)
    assert articles["page"].published_source == "metadata"


def test_metadata_good_rows_applied_despite_bad_rows(awkward):
    _, _, articles, _ = awkward
    assert articles["cp1256"].title == "عنوان من البيانات الوصفية"  # the duplicate row 5 did not overwrite row 2
    assert articles["indic_crlf"].published == "2024-01-28"
    assert articles["bom"].published == "2024-02"
    assert articles["utf16"].published == "" and articles["utf16"].published_source == ""


def test_jsonl_records_keep_their_ids_and_origins(awkward):
    _, _, articles, _ = awkward
    assert articles["feed-ok"].origin == "feed.jsonl:1"
    assert articles["feed-2"].origin == "feed.jsonl:2"
    assert articles["feed-2"].text == ATTACK_SENTENCE + "\n" + STRIKE_SENTENCE


def test_big_file_is_cut_at_a_line_end_with_a_warning(awkward):
    directory, _, articles, _ = awkward
    big = articles["big"]
    assert len(big.text) <= 2_000_000
    assert big.text.endswith(".")
    original = (directory / "big.txt").read_text(encoding="utf-8")
    assert original.startswith(big.text) and original[len(big.text)].isspace()
    assert len(big.warnings) == 1 and "cut at" in big.warnings[0] and "2,000,000" in big.warnings[0]


def test_file_over_the_size_limit_is_rejected_without_reading(awkward):
    directory, _, _, _ = awkward
    articles, rejects = read_corpus([directory], max_file_bytes=5 * 2**20)
    assert "big" not in {a.article_id for a in articles}
    [reject] = [r for r in rejects if r.file == "big.txt"]
    assert reject.stage == "size"
    assert reject.reason == "too large: 20.0 MB > 5 MB"


def test_reading_twice_gives_equal_results(awkward):
    directory, _, articles, rejects = awkward
    again_articles, again_rejects = read_corpus([directory])
    assert again_articles == list(articles.values())
    assert again_rejects == rejects


def test_later_folder_never_overwrites_an_earlier_article(awkward, tmp_path):
    directory, _, articles, _ = awkward
    _write_article(tmp_path, "cp1256.txt", ATTACK_SENTENCE)
    _write_article(tmp_path, "fresh.txt", ATTACK_SENTENCE)
    merged, rejects = read_corpus([directory, tmp_path])
    by_id = {a.article_id: a for a in merged}
    assert by_id["cp1256"].text == articles["cp1256"].text
    assert "fresh" in by_id
    [duplicate] = [r for r in rejects if r.stage == "duplicate_id"]
    assert duplicate.file == "cp1256.txt"
    assert "already read from" in duplicate.reason and "cp1256.txt" in duplicate.reason


def test_same_id_in_two_formats_is_a_duplicate(tmp_path):
    _write_article(tmp_path, "story.txt", ATTACK_SENTENCE)
    _write_article(tmp_path, "story.html", f"<html><body><p>{STRIKE_SENTENCE}</p></body></html>")
    articles, rejects = read_corpus([tmp_path])
    assert [a.origin for a in articles] == ["story.html"]
    assert [(r.file, r.stage) for r in rejects] == [("story.txt", "duplicate_id")]


def test_missing_folder_is_skipped(tmp_path):
    assert read_corpus([tmp_path / "no-such-folder"]) == ([], [])


def test_utf16_big_endian_reads(tmp_path):
    (tmp_path / "be.txt").write_bytes(codecs.BOM_UTF16_BE + ATTACK_SENTENCE.encode("utf-16-be"))
    [article], rejects = read_corpus([tmp_path])
    assert (article.text, article.encoding, rejects) == (ATTACK_SENTENCE, "utf-16", [])


def test_truncated_utf8_is_read_with_a_warning(tmp_path):
    (tmp_path / "cut.txt").write_bytes(ATTACK_SENTENCE.encode("utf-8") + "ع".encode("utf-8")[:1])
    [article], rejects = read_corpus([tmp_path])
    assert article.encoding == "utf-8" and article.text.startswith(ATTACK_SENTENCE)
    assert "invalid UTF-8" in article.warnings[0]
    assert rejects == []


def test_utf8_read_as_cp1256_would_be_mojibake_so_it_is_not(tmp_path):
    # Arabic UTF-8 bytes read as Windows-1256 give Arabic-looking letters; damaged UTF-8 must still be read as UTF-8.
    data = ATTACK_SENTENCE.encode("utf-8")
    (tmp_path / "damaged.txt").write_bytes(data[:40] + b"\xff" + data[40:])
    [article], _ = read_corpus([tmp_path])
    assert article.encoding == "utf-8"
    assert "عين الأسد" in article.text


def test_random_bytes_without_nul_are_binary(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 256)) * 40)
    articles, [reject] = read_corpus([tmp_path])
    assert articles == []
    assert reject.stage == "decode" and "binary" in reject.reason


def test_short_arabic_is_not_enough(tmp_path):
    _write_article(tmp_path, "short.txt", "Breaking news today from the region: بغداد")
    _, [reject] = read_corpus([tmp_path])
    assert reject.stage == "language"
    assert reject.reason.startswith("not Arabic: 5 Arabic letters of")


def test_non_regular_file_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    _write_article(tmp_path, "good.txt", ATTACK_SENTENCE)
    articles, rejects = read_corpus([tmp_path])
    assert [a.article_id for a in articles] == ["good"]
    assert [(r.file, r.reason) for r in rejects] == [("pipe.txt", "not a regular file")]


def test_subfolder_is_reported_not_read(tmp_path):
    (tmp_path / "more").mkdir()
    _write_article(tmp_path / "more", "inner.txt", ATTACK_SENTENCE)
    articles, [reject] = read_corpus([tmp_path])
    assert articles == [] and reject.file == "more" and "sub-folders are not read" in reject.reason


def test_unreadable_file_is_caught_and_the_rest_read(tmp_path, monkeypatch):
    from preprocess import ingest

    _write_article(tmp_path, "a.txt", ATTACK_SENTENCE)
    _write_article(tmp_path, "b.txt", STRIKE_SENTENCE)
    real = ingest._read_text_article

    def flaky(path, rel, max_chars):
        if path.name == "a.txt":
            raise OSError(5, "Input/output error")
        return real(path, rel, max_chars)

    monkeypatch.setattr(ingest, "_read_text_article", flaky)
    articles, [reject] = read_corpus([tmp_path])
    assert [a.article_id for a in articles] == ["b"]
    assert reject.file == "a.txt" and "Input/output error" in reject.reason


# ---------------------------------------------------------------- HTML


def _read_page(tmp_path: Path, html: str, encoding: str = "utf-8"):
    (tmp_path / "p.html").write_bytes(html.encode(encoding))
    articles, rejects = read_corpus([tmp_path])
    return (articles[0] if articles else None), rejects


def test_html_without_article_uses_the_paragraph_block(tmp_path):
    page, _ = _read_page(tmp_path, f"""<html><head><meta property="og:title" content="عنوان og"></head><body>
        <div class="menu"><p>قائمة</p><p>روابط</p></div>
        <div class="story"><div class="inner"><p>{ATTACK_SENTENCE}</p><p>{STRIKE_SENTENCE}</p><p>{TROOPS_SENTENCE}</p></div></div>
        <div class="related"><p>مقال ذو صلة</p></div></body></html>""")
    assert page.text.split("\n") == [ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE]
    assert page.title == "عنوان og"


def test_html_teaser_article_loses_to_the_story(tmp_path):
    page, _ = _read_page(tmp_path, f"""<html><body><article><p>عنوان مقال آخر قصير</p></article>
        <div id="story"><p>{ATTACK_SENTENCE}</p><p>{STRIKE_SENTENCE}</p></div></body></html>""")
    assert page.text == f"{ATTACK_SENTENCE}\n{STRIKE_SENTENCE}"


def test_html_article_body_and_json_ld_date(tmp_path):
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-02-07T21:00:00Z"})
    page, _ = _read_page(tmp_path, f"""<html><head><script type="application/ld+json">{ld}</script></head><body>
        <article><h1>عنوان</h1><div itemprop="articleBody"><p>{ATTACK_SENTENCE}</p></div><div>شارك المقال</div></article>
        </body></html>""")
    assert page.text == ATTACK_SENTENCE
    assert page.published == "2024-02-07"


def test_broken_html_still_reads(tmp_path):
    page, rejects = _read_page(tmp_path, f"<html><title>بلا إغلاق<body><div><p>{ATTACK_SENTENCE}<p>{STRIKE_SENTENCE}</span></div")
    assert page.title == "بلا إغلاق"
    assert ATTACK_SENTENCE in page.text and STRIKE_SENTENCE in page.text
    assert rejects == []


def test_html_windows_1256_page(tmp_path):
    page, _ = _read_page(tmp_path, f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
                                   f"<title>عنوان</title></head><body><p>{TROOPS_SENTENCE}</p></body></html>", "cp1256")
    assert page.text == TROOPS_SENTENCE and page.title == "عنوان"


def test_html_bad_meta_date_and_script_url_are_not_used(tmp_path):
    page, rejects = _read_page(tmp_path, f"""<html><head><meta name="date" content="منذ ساعتين">
        <link rel="canonical" href="javascript:alert(1)"></head><body><p>{ATTACK_SENTENCE}</p></body></html>""")
    assert page.published == "" and page.url == ""
    assert any("javascript" in w for w in page.warnings)
    assert [(r.file, r.stage) for r in rejects] == [("p.html", "metadata")]
    assert "not a date" in rejects[0].reason


def test_html_references_to_code_points_that_are_not_text_read_as_replacement_characters(tmp_path):
    page, rejects = _read_page(tmp_path, f"<html><head><title>عنوان &#xD800;</title></head><body><p>{ATTACK_SENTENCE} &#xDFFF; &#0;</p></body></html>")
    assert page.text == f"{ATTACK_SENTENCE} \ufffd \ufffd" and page.title == "عنوان \ufffd"
    assert rejects == []


def test_html_title_left_open_holds_only_its_words_and_the_page_is_read(tmp_path):
    page, _ = _read_page(tmp_path, f"<html><head><title>عنوان مفتوح</head><body><p>{ATTACK_SENTENCE}</p><p>{STRIKE_SENTENCE}</p>")
    assert page.title == "عنوان مفتوح"
    assert page.text == f"{ATTACK_SENTENCE}\n{STRIKE_SENTENCE}"


def test_html_with_no_text_is_empty(tmp_path):
    page, [reject] = _read_page(tmp_path, "<html><body><nav><p>قائمة</p></nav><script>x()</script></body></html>")
    assert page is None and reject.stage == "read" and "no article text" in reject.reason


# ---------------------------------------------------------------- metadata.csv


def test_metadata_without_article_id_column_is_ignored_not_fatal(tmp_path):
    _write_article(tmp_path, "a.txt", ATTACK_SENTENCE)
    (tmp_path / "metadata.csv").write_text("a,عنوان,,,2024-01-01\n", encoding="utf-8")
    [article], [reject] = read_corpus([tmp_path])
    assert article.title == ""
    assert (reject.file, reject.stage) == ("metadata.csv", "metadata")
    assert "no article_id column" in reject.reason and "ignored" in reject.reason


def test_metadata_in_cp1256_with_missing_columns(tmp_path):
    _write_article(tmp_path, "a.txt", ATTACK_SENTENCE)
    (tmp_path / "metadata.csv").write_bytes("title,article_id\r\nهجوم على عين الأسد,a.txt\r\n".encode("cp1256"))
    [article], rejects = read_corpus([tmp_path])
    assert article.title == "هجوم على عين الأسد"
    assert rejects == []


def test_metadata_row_for_a_rejected_file_is_not_called_missing(tmp_path):
    _write_article(tmp_path, "english.txt", "Nothing Arabic here at all, only English words.")
    _write_article(tmp_path, "a.txt", ATTACK_SENTENCE)
    (tmp_path / "metadata.csv").write_text("article_id,title,colour\nenglish,English,red\n", encoding="utf-8")
    _, rejects = read_corpus([tmp_path])
    assert [(r.file, r.stage) for r in rejects] == [("english.txt", "language"), ("metadata.csv:1", "metadata")]
    assert "unknown columns ignored: colour" in rejects[1].reason


def test_metadata_overrides_page_values(tmp_path):
    (tmp_path / "p.html").write_text(f"""<html><head><title>عنوان الصفحة</title>
        <meta property="article:published_time" content="2024-01-01"></head><body><p>{ATTACK_SENTENCE}</p></body></html>""",
                                     encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,title,published\np,عنوان المحلل,2024-01-28\n", encoding="utf-8")
    [article], _ = read_corpus([tmp_path])
    assert (article.title, article.published, article.published_source) == ("عنوان المحلل", "2024-01-28", "metadata")


# ---------------------------------------------------------------- small functions


@pytest.mark.parametrize("value, expected", [
    ("2024-01-28", "2024-01-28"),
    ("2024-1-8", "2024-01-08"),
    ("2024-01", "2024-01"),
    ("2024", "2024"),
    ("2024/01/28", "2024-01-28"),
    ("28/01/2024", "2024-01-28"),
    ("28.01.2024", "2024-01-28"),
    ("2024-01-28T23:30:00-05:00", "2024-01-28"),
    ("2024-01-28 10:00:00", "2024-01-28"),
    ("2024-01-28T10:00:00.000Z", "2024-01-28"),
    ("٢٠٢٤-٠١-٢٨", "2024-01-28"),
    ("Sun, 28 Jan 2024 10:00:00 GMT", "2024-01-28"),
    ("", ""),
    ("  ", ""),
    ("yesterday", None),
    ("أمس", None),
    ("2024-02-30", None),
    ("01/28/2024", None),
    ("2024-13", None),
    ("2024-00", None),
    ("2024-01-00", None),
    ("0202", None),
    ("28 يناير 2024", None),
])
def test_normalise_published(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("text, limit, expected", [
    ("أ.\nب.\nج.", 6, "أ.\nب."),
    ("جملة أولى. جملة ثانية طويلة جدا", 20, "جملة أولى."),
    ("بلا حدود للجمل على الإطلاق", 10, "بلا حدود ل"),
    ("قصير", 10, "قصير"),
])
def test_cut_text(text, limit, expected):
    cut, warning = cut_text(text, limit)
    assert cut == expected
    assert (warning is None) == (text == expected)


def test_a_page_whose_whole_body_sits_in_one_form_is_read(tmp_path):
    # ASP.NET sites (a state news agency's, say) wrap the page in <form id="form1">: the story is inside it
    page = ("<html><head><title>خبر</title></head><body><form method=\"post\" action=\"./ArticleDetails.aspx?id=1\" "
            "id=\"form1\"><nav>الرئيسية</nav><div class=\"article-text\"><p>أعلنت وزارة الدفاع إصابة خمسة عسكريين في "
            "هجوم صاروخي على قاعدة عين الأسد.</p><p>وقال مسؤول إن الهجوم وقع مساء الاثنين.</p></div>"
            "<div class=\"search\"><form action=\"/search\"><input name=\"q\"/> ابحث</form></div></form></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    articles, rejects = read_corpus([tmp_path])
    assert [a.article_id for a in articles] == ["a"] and rejects == []
    assert "قاعدة عين الأسد" in articles[0].text and "ابحث" not in articles[0].text


def test_a_table_row_is_one_line_with_its_cells_apart(tmp_path):
    page = ("<html><body><article><p>سجل الهجمات على القاعدة خلال العام.</p><table>"
            "<tr><th>التاريخ</th><th>السلاح</th><th>الخسائر</th></tr>"
            "<tr><td>3 مارس 2021</td><td>صواريخ</td><td>لا يوجد</td></tr>"
            "<tr><td>7 يوليو 2021</td><td>مسيرة</td><td>جريحان</td></tr></table></article></body></html>")
    _write_article(tmp_path, "table.html", page)
    [article], _ = read_corpus([tmp_path])
    lines = article.text.split("\n")
    assert "3 مارس 2021 | صواريخ | لا يوجد" in lines
    assert "7 يوليو 2021 | مسيرة | جريحان" in lines


def test_a_page_of_cards_keeps_every_card_and_the_timeline_beside_them(tmp_path):
    cards = "".join(f"<article class='card'><h4>منفذ {i}</h4><p>خبر قصير رقم {i} عن هجوم على قاعدة عين الأسد.</p></article>"
                    for i in range(4))
    page = (f"<html><body><nav>الرئيسية</nav><main><section>{cards}</section>"
            "<section><h3>الجدول الزمني</h3><ul><li>30 تموز 2024 — ضربة أمريكية على موقع في جرف الصخر.</li>"
            "<li>16 تموز 2024 — سقوط صاروخين قرب القاعدة.</li></ul></section></main><footer>حقوق</footer></body></html>")
    _write_article(tmp_path, "cards.html", page)
    [article], _ = read_corpus([tmp_path])
    assert "خبر قصير رقم 0" in article.text and "خبر قصير رقم 3" in article.text
    assert "30 تموز 2024 — ضربة أمريكية على موقع في جرف الصخر." in article.text.split("\n")
    assert "الرئيسية" not in article.text


def test_a_chart_s_long_description_is_read_and_a_logo_s_short_one_is_not(tmp_path):
    chart = ("رسم بياني: العدد التراكمي للهجمات على القوات الأمريكية حسب البنتاغون. منتصف نوفمبر 2023: 55 هجوما "
             "(27 في العراق و28 في سوريا).")
    page = (f"<html><head><title>الهجمات بالأرقام</title></head><body><img src='logo.png' alt='شعار الموقع'>"
            f"<article><h1>الهجمات بالأرقام</h1><p>نعرض هنا تطور أعداد الهجمات على القواعد الأمريكية خلال الحرب.</p>"
            f"<figure><img src='c1.png' alt=\"{chart}\"><figcaption>المصدر: البنتاغون</figcaption></figure>"
            f"<p>وتبقى الأرقام أدنى مما تعلنه الفصائل في بياناتها.</p></article></body></html>")
    (tmp_path / "chart.html").write_text(page, encoding="utf-8")
    articles, _rejects = read_corpus([tmp_path])
    assert "55 هجوما (27 في العراق و28 في سوريا)" in articles[0].text
    assert "شعار الموقع" not in articles[0].text


def test_a_news_reader_s_river_of_stories_keeps_every_story_and_leaves_the_folder_list_out(tmp_path):
    stories = "".join(
        f"<div class='story'><div class='feed'>مصدر {i}</div><h2>عنوان الخبر {i}</h2>"
        f"<div class='content'><p>{body}</p></div></div>"
        for i, body in enumerate([
            "قال مسؤول أمريكي إن عدد القوات سيصبح أقل من 2000 جندي بعد أن كان يقارب 2500 جندي مطلع العام الحالي.",
            "غادر رتل من الشاحنات قاعدة عين الأسد باتجاه الحدود السورية مساء الأحد بحسب مصادر محلية في الأنبار.",
            "تعرضت قاعدة عين الأسد مساء الاثنين 5 آب 2024 لهجوم بصاروخين من نوع كاتيوشا أطلقا من شاحنة قرب البغدادي.",
        ]))
    page = ("<html><body><div class='sidebar'><div class='folder'>العراق (12)</div><div class='folder'>سوريا (58)</div></div>"
            f"<div class='river'>{stories}</div></body></html>")
    _write_article(tmp_path, "river.html", page)
    [article], _ = read_corpus([tmp_path])
    assert "أقل من 2000 جندي" in article.text and "رتل من الشاحنات" in article.text and "لهجوم بصاروخين" in article.text
    assert "سوريا (58)" not in article.text
