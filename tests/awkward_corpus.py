"""Writes the awkward test corpus (bad encodings, junk, HTML, JSON Lines, a 20 MB file, a flawed metadata.csv) and says what reading it must give."""
from __future__ import annotations

import json
import random
from pathlib import Path

TROOPS_SENTENCE = "وقال مسؤول في وزارة الدفاع إن نحو 2500 جندي أميركي ما زالوا منتشرين في العراق ضمن مهمة التحالف الدولي."
ATTACK_SENTENCE = "واستهدفت طائرة مسيرة قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق دون وقوع إصابات."
STRIKE_SENTENCE = "ونفذت القوات الأميركية غارات على مواقع لكتائب حزب الله قرب مدينة القائم على الحدود مع سوريا."
INDIC_SENTENCE = "وأكد البنتاغون أن عدد القوات الأميركية في العراق يبلغ نحو ٢٥٠٠ جندي، إضافة إلى ٩٠٠ في سوريا."
BIG_FILE_BYTES = 20 * 2**20


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _html_page() -> str:
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>هجوم بطائرة مسيرة على قاعدة عين الأسد</title>
<meta property="og:site_name" content="أخبار المثال">
<meta property="article:published_time" content="2024-01-28T14:30:00+03:00">
<link rel="canonical" href="https://example.com/news/ain-al-asad">
<style>body {{ color: red }} .nav {{ display: none }}</style>
<script>alert(1)</script>
</head><body>
<header><nav class="nav"><a href="/">الصفحة الرئيسية</a> | <a href="/world">أخبار العالم</a></nav></header>
<div class="layout">
<aside><h3>الأكثر قراءة</h3><p>مقال جانبي عن الطقس</p></aside>
<article>
<h1>هجوم بطائرة مسيرة على قاعدة عين الأسد</h1>
<p>{ATTACK_SENTENCE}</p>
<p>{TROOPS_SENTENCE} &amp; أضاف أن &quot;الوضع تحت السيطرة&quot;.</p>
<script>alert(1)</script><!-- تعليق مخفي -->
<form><input name="q"><button>ابحث في الموقع</button></form>
</article>
</div>
<footer>جميع الحقوق محفوظة لموقع المثال</footer>
<script>document.write("alert(2)")</script>
</body></html>
"""


def make_awkward_corpus(directory: Path) -> dict:
    """Write the corpus into `directory`; return {"read": {id: checks}, "rejected": {file: (stage, words)}}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(4)

    _write(directory / "empty.txt", b"")
    _write(directory / "blank.txt", b"  \n\t\r\n  ")
    _write(directory / "binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\0\0\0")
    _write(directory / "english.txt", b"US troops remain in Iraq. About 2,500 soldiers are deployed at several bases.\n" * 20)
    _write(directory / "cp1256.txt", f"{TROOPS_SENTENCE}\n{STRIKE_SENTENCE}\n".encode("cp1256"))
    _write(directory / "utf16.txt", f"{ATTACK_SENTENCE}\n{TROOPS_SENTENCE}\n".encode("utf-16"))
    _write(directory / "bom.txt", ("\ufeff" + STRIKE_SENTENCE + "\n").encode("utf-8"))
    _write(directory / "indic_crlf.txt", f"{INDIC_SENTENCE}\r\n{ATTACK_SENTENCE}\r\n".encode("utf-8"))
    _write(directory / "latin1.txt", ("Les forces américaines sont arrivées à la base aérienne près de la frontière. " * 5).encode("latin-1"))
    _write(directory / "page.html", _html_page().encode("utf-8"))
    _write(directory / "dup_a.txt", f"{ATTACK_SENTENCE}\n{STRIKE_SENTENCE}\n".encode("utf-8"))
    _write(directory / "dup_b.txt", f"{ATTACK_SENTENCE}\n{STRIKE_SENTENCE}\n".encode("utf-8"))
    _write(directory / "notes.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    _write(directory / "README.md", b"# not an article\n")
    _write(directory / ".DS_Store", b"\0\0\0\1Bud1")

    feed_lines = [
        json.dumps({"id": "feed-ok", "text": TROOPS_SENTENCE, "title": "عنوان من الملف", "source": "وكالة المثال",
                    "url": "https://example.org/a", "published": "2023-08-25"}, ensure_ascii=False),
        json.dumps({"text": ATTACK_SENTENCE + "\r\n" + STRIKE_SENTENCE}, ensure_ascii=False),
        '{"id": "broken", "text": "نص مقطوع',
        json.dumps({"id": "no-text", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": "english-record", "text": "Only English words in this record, nothing else at all."}),
    ]
    _write(directory / "feed.jsonl", ("\n".join(feed_lines) + "\n").encode("utf-8"))

    sentences = [TROOPS_SENTENCE, ATTACK_SENTENCE, STRIKE_SENTENCE]
    line = (" ".join(sentences) + "\n").encode("utf-8")
    _write(directory / "big.txt", line * (BIG_FILE_BYTES // len(line) + 1))

    _write(directory / "metadata.csv", "\n".join([
        "article_id,title,source,url,published",
        "cp1256,عنوان من البيانات الوصفية,الجزيرة,https://example.net/cp1256,2020-11-06",
        "utf16,,,,yesterday",
        "ghost,مقال غير موجود,,,2024-01-01",
        "cp1256,عنوان مكرر,,,",
        "indic_crlf,,,,28/01/2024",
        "bom,,,javascript:alert(1),2024-02",
        "",
    ]).encode("utf-8-sig"))

    return {
        "read": {
            "cp1256": {"encoding": "cp1256", "contains": ["جندي", "2500"], "title": "عنوان من البيانات الوصفية",
                       "source": "الجزيرة", "url": "https://example.net/cp1256", "published": "2020-11-06"},
            "utf16": {"encoding": "utf-16", "contains": ["عين الأسد"], "published": ""},
            "bom": {"encoding": "utf-8-sig", "contains": ["كتائب حزب الله"], "published": "2024-02", "url": ""},
            "indic_crlf": {"encoding": "utf-8", "contains": ["٢٥٠٠", "٩٠٠"], "published": "2024-01-28"},
            "page": {"encoding": "html", "contains": ["عين الأسد", "2500", "&", '"الوضع تحت السيطرة"'],
                     "absent": ["alert(", "الصفحة الرئيسية", "أخبار العالم", "جميع الحقوق", "الأكثر قراءة",
                                "تعليق مخفي", "ابحث", "color"],
                     "title": "هجوم بطائرة مسيرة على قاعدة عين الأسد", "source": "أخبار المثال",
                     "url": "https://example.com/news/ain-al-asad", "published": "2024-01-28"},
            "feed-ok": {"encoding": "utf-8", "contains": ["2500"], "title": "عنوان من الملف", "source": "وكالة المثال",
                        "url": "https://example.org/a", "published": "2023-08-25"},
            "feed-2": {"encoding": "utf-8", "contains": ["عين الأسد", "القائم"]},
            "dup_a": {"encoding": "utf-8", "contains": ["القائم"]},
            "dup_b": {"encoding": "utf-8", "contains": ["القائم"]},
            "big": {"encoding": "utf-8", "contains": ["2500"]},
        },
        "rejected": {
            "empty.txt": ("read", ["empty"]),
            "blank.txt": ("read", ["empty", "whitespace"]),
            "binary.txt": ("decode", ["binary", "NUL"]),
            "english.txt": ("language", ["not Arabic", "0 Arabic letters"]),
            "latin1.txt": ("decode", ["undecodable", "Windows-1256"]),
            "notes.pdf": ("read", ["unsupported file type .pdf"]),
            "feed.jsonl:3": ("read", ["invalid JSON"]),
            "feed.jsonl:4": ("read", ["no text"]),
            "feed.jsonl:5": ("language", ["not Arabic"]),
            "metadata.csv:3": ("metadata", ["'yesterday'", "not a date", "row 3"]),
            "metadata.csv:4": ("metadata", ["no article file", "'ghost'", "row 4"]),
            "metadata.csv:5": ("metadata", ["duplicate article_id", "'cp1256'", "row 2 is used"]),
            "metadata.csv:7": ("metadata", ["not an http(s) address", "row 7"]),
        },
    }
