"""Arabic normalisation for matching only: the stored text and its offsets are never altered."""
from __future__ import annotations

import re
from dataclasses import dataclass

ALEF = "\u0627"
ALEF_VARIANTS = "\u0623\u0625\u0622\u0671"  # أ إ آ ٱ
ALEF_MAQSURA = "\u0649"  # ى
YA = "\u064a"
FARSI_YA = "\u06cc"  # ی
TA_MARBUTA = "\u0629"  # ة
HA = "\u0647"
WAW_HAMZA = "\u0624"  # ؤ
YA_HAMZA = "\u0626"  # ئ
WAW = "\u0648"
KEHEH = "\u06a9"  # ک
KAF = "\u0643"
TATWEEL = "\u0640"
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670"  # tanwin..sukun, maddah, hamza marks, dagger alef
INVISIBLES = "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff"
ARABIC_INDIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
PERSIAN_DIGITS = "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
ARABIC_THOUSANDS_SEP = "\u066c"  # ٬
ARABIC_DECIMAL_SEP = "\u066b"  # ٫
ARABIC_COMMA = "\u060c"  # ،
QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036"  # “ ” „ ‟ « » ″ ‶
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"
DELETED = TATWEEL + DIACRITICS + INVISIBLES


def _table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}

    def fold(chars: str, target: str) -> None:
        for ch in chars:
            table[ord(ch)] = ord(target)

    fold(ALEF_VARIANTS, ALEF)
    fold(ALEF_MAQSURA + FARSI_YA + YA_HAMZA, YA)
    fold(TA_MARBUTA, HA)
    fold(WAW_HAMZA, WAW)
    fold(KEHEH, KAF)
    fold(QUOTES, '"')
    fold(SINGLE_QUOTES, "'")
    fold(ARABIC_THOUSANDS_SEP, ",")
    fold(ARABIC_DECIMAL_SEP, ".")
    for i, ch in enumerate(ARABIC_INDIC_DIGITS):
        table[ord(ch)] = ord(str(i))
    for i, ch in enumerate(PERSIAN_DIGITS):
        table[ord(ch)] = ord(str(i))
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(ch)] = ord(ch.lower())
    for ch in DELETED:
        table[ord(ch)] = None
    return table


_TABLE = _table()
# The same folding as (source, replacement) pairs: no replacement is itself a source, so replacing one after the other
# gives what translate gives. On an article, a replace per character present is about 5x faster than translate,
# which looks every character up in the table; on a short string translate is quicker.
_PAIRS = tuple((chr(k), "" if v is None else chr(v)) for k, v in _TABLE.items())
_LONG = 200


def _fold(text: str) -> str:
    if len(text) < _LONG:
        return text.translate(_TABLE)
    for source, target in _PAIRS:
        if source in text:
            text = text.replace(source, target)
    return text
_DELETED_RE = re.compile("[" + re.escape(DELETED) + "]")
_DELETED_RUN_RE = re.compile("[" + re.escape(DELETED) + "]+")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text with a map from each normalised index to the original index."""

    text: str
    original: str
    _offsets: tuple[int, ...] | None  # None when nothing was deleted: indices are identical

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text."""
        if self._offsets is None:
            return start, end
        if end <= start:
            pos = self._offsets[start] if start < len(self._offsets) else len(self.original)
            return pos, pos
        return self._offsets[start], self._offsets[end - 1] + 1


def normalize_char_string(text: str) -> str:
    """Normalise a short string (an alias, a month name) the same way as article text."""
    return _fold(text)


_LAST: list = [None, None]  # the last text normalised and its result: an article is normalised by several steps


def normalize(text: str) -> NormalizedText:
    """Fold letter variants, digits and quotes one-to-one; drop tatweel, diacritics and invisible marks."""
    last_text, last = _LAST
    if text is last_text or (last_text is not None and len(text) == len(last_text) and text == last_text):
        return last  # NormalizedText is immutable: the same article's result is shared
    folded = _fold(text)
    if not _DELETED_RE.search(text):
        result = NormalizedText(folded, text, None)
    else:
        offsets: list[int] = []  # the kept indices: the runs between deleted characters
        kept_from = 0
        for m in _DELETED_RUN_RE.finditer(text):
            offsets.extend(range(kept_from, m.start()))
            kept_from = m.end()
        offsets.extend(range(kept_from, len(text)))
        result = NormalizedText(folded, text, tuple(offsets))
    _LAST[:] = text, result
    return result


# Clitics that attach to the front of a word: conjunction, then preposition, then the article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
CLITIC_PREFIX_RE = "(?:[وف])?(?:[بلك])?"


def clitic_pattern(alias_normalized: str) -> str:
    """Regex for a normalised alias that also accepts attached clitics (و ف ب ل ك, and ل + ال -> لل)."""
    escaped = re.escape(alias_normalized)
    if alias_normalized.startswith(ARTICLE):
        rest = re.escape(alias_normalized[len(ARTICLE):])
        return f"(?:[وف]?(?:[بك]?{re.escape(ARTICLE)}|لل){rest})"
    return f"(?:{CLITIC_PREFIX_RE}{escaped})"


ARABIC_WORD_BOUNDARY_BEFORE = r"(?<![\w])"
ARABIC_WORD_BOUNDARY_AFTER = r"(?![\w])"
