"""Normalisation for matching (input -> normalised form, offsets back into the stored text) and sentence spans."""
from __future__ import annotations

import re

import pytest

from preprocess.normalize import clitic_pattern, normalize, normalize_char_string
from preprocess.sentences import split_sentences

FOLDS = [
    ("أمريكا", "امريكا"),  # alef with hamza above
    ("إيران", "ايران"),  # alef with hamza below
    ("آذار", "اذار"),  # alef with madda
    ("مصطفى", "مصطفي"),  # alef maqsura -> ya
    ("القوة", "القوه"),  # ta marbuta -> ha
    ("مؤتمر", "موتمر"),  # waw with hamza
    ("الأميركيّة", "الاميركيه"),  # shadda dropped
    ("مُسيَّرة", "مسيره"),  # damma and fatha dropped
    ("الأمـــريكية", "الامريكيه"),  # tatweel dropped
    ("٢٠٢٤", "2024"),  # Arabic-Indic digits
    ("۲۰۲۴", "2024"),  # Persian digits
    ("٢٬٥٠٠", "2,500"),  # Arabic thousands separator
    ("٢٫٥", "2.5"),  # Arabic decimal separator
    ("«كتائب»", '"كتايب"'),  # guillemets; ya with hamza -> ya
    ("“البرج 22”", '"البرج 22"'),  # curly quotes
    ("ک", "ك"),  # Persian keheh
    ("CRS", "crs"),  # Latin folded to lower case
    ("\u200fبغداد\u200e", "بغداد"),  # direction marks dropped
]


@pytest.mark.parametrize("text, expected", FOLDS)
def test_fold(text, expected):
    assert normalize(text).text == expected
    assert normalize_char_string(text) == expected  # aliases and resources fold exactly like article text


@pytest.mark.parametrize("text, word", [
    ("قتل جنديّان في هجوم", "هجوم"),
    ("وأصيب عسكريـــون أميركيون", "أميركيون"),
    ("استهدفت مُسيَّرة قاعدة عين الأسد", "عين الأسد"),
    ("\u200fبغداد\u200e: سقطت صواريخ", "صواريخ"),
])
def test_offsets_point_back_into_the_stored_text(text, word):
    norm = normalize(text)
    target = normalize_char_string(word)
    start = norm.text.index(target)
    s, e = norm.to_original(start, start + len(target))
    assert text[s:e] == word


@pytest.mark.parametrize("alias, text, matched", [
    ("الحشد الشعبي", "وللحشد الشعبي", True),  # و + ل + ال -> وللـ
    ("الحشد الشعبي", "بالحشد الشعبي", True),
    ("عين الأسد", "وبعين الأسد", True),
    ("كتائب حزب الله", "فكتائب حزب الله", True),
    ("الحشد الشعبي", "الحشدالشعبي", False),
])
def test_clitics_attach_to_names(alias, text, matched):
    pattern = re.compile(clitic_pattern(normalize_char_string(alias)).replace(r"\ ", r"\s+"))
    assert bool(pattern.fullmatch(normalize(text).text)) is matched


@pytest.mark.parametrize("text, sentences", [
    ("قتل ثلاثة. وأصيب آخرون.", ["قتل ثلاثة.", "وأصيب آخرون."]),
    ("العنوان\nالنص الأول؟ النص الثاني!", ["العنوان", "النص الأول؟", "النص الثاني!"]),
    ("بلغ العدد 2.5 ألف جندي.", ["بلغ العدد 2.5 ألف جندي."]),  # a decimal point ends nothing
    ("قال: \"انتهى.\" ثم غادر", ['قال: "انتهى."', "ثم غادر"]),
    ("\n\n  \n", []),
])
def test_sentence_spans(text, sentences):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == sentences


def test_long_texts_fold_as_translate_does():
    """normalize folds a long text by replacing each character present; it must equal translate with the table."""
    import random

    from preprocess.normalize import _LONG, _PAIRS, _TABLE, _fold

    sources = "".join(s for s, _t in _PAIRS)
    assert not set("".join(t for _s, t in _PAIRS)) & set(sources)  # no replacement is itself a source
    everything = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    assert _fold(everything) == everything.translate(_TABLE)
    rng = random.Random(7)
    alphabet = sources + "abc ابتثجحخدذرزسشصضطظعغفقكلمنهوي 0123456789\n"
    for n in (_LONG - 1, _LONG, _LONG + 1, 5000):
        text = "".join(rng.choice(alphabet) for _ in range(n))
        assert _fold(text) == text.translate(_TABLE)


def test_kept_before_is_bisect_of_the_offsets():
    """The indexed article's table of kept characters before each position (norm_slice and pos read it instead of
    bisecting the offsets) equals bisect_left over the offsets at every position, deleted runs first, last and
    back to back included."""
    import bisect
    import random

    from preprocess.extract.doc import _kept_before
    from preprocess.normalize import DELETED

    rng = random.Random(11)
    alphabet = "ab اب " + DELETED[:5]
    texts = ["", DELETED[0], DELETED[0] * 3 + "ا", "ا" + DELETED[0] * 2, "ا" + DELETED[0] + DELETED[1] + "ب"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(2000)]
    for text in texts:
        nt = normalize(text + " ")
        if nt._offsets is None:
            continue
        before = _kept_before(nt)
        assert before == [bisect.bisect_left(nt._offsets, p) for p in range(len(nt.original) + 1)], text


_WRAPPED_REPORT = (
    "أولاً. من كي-1 إلى القائم: جولة كانون الأول\n"
    "في مساء 27 كانون الأول 2019 سقطت أكثر من ثلاثين قذيفة صاروخية على\n"
    "قاعدة كي-1 العسكرية شمال غرب كركوك، وهي منشأة عراقية تستضيف عناصر\n"
    "من التحالف. وأسفر القصف عن مقتل متعاقد مدني أمريكي يعمل مترجماً،\n"
    "وإصابة أربعة عسكريين أمريكيين وعنصرين من قوات الأمن العراقية في ال\n"
    "قاعدة نفسها، ولم تتبن أي جهة الهجوم علناً في الساعات الأولى بعده.\n"
    "\n"
    "وبعد يومين، أي في 29 كانون الأول، نفذت مقاتلات أمريكية ضربات على خمسة\n"
    "مواقع قالت وزارة الدفاع إنها تعود للكتائب في القائم وفي البوكمال، وأعلنت\n"
    "هيئة الحشد الشعبي لاحقاً مقتل 25 من مقاتلي اللواءين 45 و46 وإصابة عدد\n"
    "كبير من المقاتلين الآخرين في المقرات التي استهدفتها الطائرات الأمريكية.\n"
)


def test_a_text_wrapped_at_a_fixed_width_keeps_its_sentences_whole_across_line_breaks():
    spans = [_WRAPPED_REPORT[a:b] for a, b in split_sentences(_WRAPPED_REPORT)]
    assert any(s.startswith("في مساء 27 كانون الأول") and s.endswith("من التحالف.") for s in spans)
    assert any(s.startswith("وبعد يومين") and "مقتل 25 من مقاتلي" in s for s in spans)


def test_a_feed_s_headline_over_its_excerpt_stays_two_sentences():
    feed = "".join(
        f"■ مصدر {i} (RSS) · Mar 24, 2023, 3:14 AM\nعنوان خبر طويل نسبياً عن هجوم على قاعدة قرب الحسكة رقم {i}\n"
        f"مقتطف من الخبر يتحدث عن طائرة مسيرة ضربت منشأة صيانة داخل قاعدة {i}…\n  ☆ Save   ↗ Share\n\n" for i in range(4))
    spans = [feed[a:b] for a, b in split_sentences(feed)]
    assert "عنوان خبر طويل نسبياً عن هجوم على قاعدة قرب الحسكة رقم 0" in spans
