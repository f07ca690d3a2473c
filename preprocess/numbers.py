"""Number mentions in Arabic news text (digits and number words) with their qualifiers (نحو، أكثر من ...)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from preprocess.frozen import quick_init
from preprocess.normalize import ARABIC_DECIMAL_SEP, NormalizedText, normalize
from preprocess.resources import alternation, load_numbers, load_qualifiers, phrase_key

_N = load_numbers()
_Q = load_qualifiers()


@quick_init
@dataclass(frozen=True)
class NumberMention:
    """A number and its qualifier. Years and the parts of dates are returned like any number: callers
    drop those inside a `find_dates` span."""

    start: int  # whole phrase incl. qualifier, original text
    end: int
    value: int | float
    qualifier: str  # exact | approx | less_than | more_than | at_least
    num_start: int  # the number itself (digits or words)
    num_end: int
    text: str


@quick_init
@dataclass(frozen=True)
class _Token:
    kind: str  # a kind from numbers.yaml, or "digits"
    value: float
    start: int  # the number word or digits, without conjunction or clitic
    end: int
    match_start: int  # including a leading conjunction
    conj: bool  # joined to the previous token by و
    clitic: bool  # a preposition is attached (ب، ل ...): it opens a new phrase


@dataclass
class _Phrase:
    start: int
    end: int
    total: float = 0  # completed scale groups (ثلاثة آلاف ...)
    current: float = 0  # the count still open (... وخمسمئة)
    place: float = 0  # magnitude of the last term, for و-joins
    last: _Token | None = None
    few: bool = False

    @property
    def value(self) -> float:
        return self.total + self.current


_B = r"(?<!\w)"
_E = r"(?!\w)"
_CONJ = re.escape(_N.conjunction)
_CLITIC = "[" + "".join(_N.clitics) + "]"
_CLITIC_WORDS = alternation(w for w in _N.words if w not in _N.no_clitic_forms)
_BARE_WORDS = alternation(_N.no_clitic_forms)
# Thousands separators only where the groups are exactly three digits long ("5.000", "2,500"); any
# other dot is a decimal point ("2.5 ألف"). The pattern opens with a digit so the regex engine can skip
# to digits; the lookbehinds after it reject identifiers (K1, F-16), clock times and decimal tails.
_DIGITS = re.compile(
    r"\d(?<![A-Za-z0-9_:]\d)(?<![A-Za-z]-\d)(?<!\d[.,]\d)"
    r"(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d{0,2}(?:\.\d{3})+(?![.,]?\d)|\d*(?:\.\d+)?)"
    r"(?!\d|[.,]\d|:\d|[A-Za-z])"
)
_DIGIT_PREFIX = re.compile(f"{_B}(?P<conj>{_CONJ}\\s*)?(?P<cl>{_CLITIC}\\s*)?$")
_WORD = re.compile(
    f"{_B}(?P<conj>{_CONJ}\\s*)?(?:(?P<cl>{_CLITIC})?(?P<word>{_CLITIC_WORDS})|(?P<bare>{_BARE_WORDS})){_E}"
)
_QUALIFIER_BEFORE = re.compile(f"{_B}(?:{_CLITIC}|{_CONJ}){{0,2}}(?P<q>{alternation(_Q.before)})\\s*$")
_QUALIFIER_AFTER = re.compile(f"\\s+(?:[^\\W\\d]+\\s+)?(?P<q>{alternation(_Q.after)}){_E}")
_ORDINAL_BEFORE = re.compile(f"{_B}{alternation(_N.ordinal_units)}\\s+$")
_COUNTS = ("unit", "teen", "ten", "hundred", "digits")


def _parse_digits(text: str, original: str) -> float:
    if ARABIC_DECIMAL_SEP in original:
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text.replace(",", ""))


def _place(value: float) -> float:
    """Magnitude of a term: 1, 10, 100, 1000 ..."""
    place = 1.0
    while place * 10 <= value:
        place *= 10
    return place


def _tokens(nt: NormalizedText) -> list[_Token]:
    t = nt.text
    tokens = []
    for m in _DIGITS.finditer(t):
        s, e = m.span()
        o_s, o_e = nt.to_original(s, e)
        prefix = _DIGIT_PREFIX.search(t, max(0, s - 4), s)
        tokens.append(_Token("digits", _parse_digits(m.group(), nt.original[o_s:o_e]), s, e,
                             prefix.start() if prefix else s,
                             bool(prefix and prefix.group("conj")), bool(prefix and prefix.group("cl"))))
    for m in _WORD.finditer(t):
        group = "word" if m.group("word") else "bare"
        kind, value = _N.words[phrase_key(m.group(group))]
        s, e = m.span(group)
        tokens.append(_Token(kind, value, s, e, m.start(), bool(m.group("conj")), bool(m.group("cl"))))
    return sorted(tokens, key=lambda tok: tok.start)


_ALFA = "الفا"
_NOUN_AFTER = re.compile(r"\s+[^\W\d]{2,}")


def _start(tok: _Token) -> _Phrase | None:
    """Open a phrase with its first token; vague words (آلاف alone, عشرات) open none."""
    p = _Phrase(tok.start, tok.end, last=tok)
    if tok.kind in _COUNTS:
        p.current, p.place = tok.value, _place(tok.value)
    elif tok.kind == "scale":
        p.total, p.place = tok.value, tok.value
    elif tok.kind == "scale_dual":
        p.total, p.place = 2 * tok.value, tok.value
    elif tok.kind == "few":
        p.current, p.few = _N.few_value, True
    else:
        return None
    return p


def _extend(p: _Phrase, tok: _Token) -> bool:
    """Add tok to the phrase if Arabic number grammar allows it; False means tok starts a new phrase."""
    last = p.last
    if tok.clitic or (p.few and tok.kind != "scale_plural"):
        return False
    if tok.conj:
        # و adds a smaller term (ألف وخمسمئة), or a ten after a unit (خمسة وعشرون); digits only follow
        # a scale word (ألف و500), since "2500 و900" is a list of two numbers.
        if tok.kind not in _COUNTS or last.kind == "digits":
            return False
        units_before_tens = last.kind == "unit" and last.value < 10 and tok.kind == "ten" and p.place == 1
        if tok.kind == "digits" and p.place < 100:
            return False
        if not units_before_tens and _place(tok.value) >= p.place:
            return False
        p.current += tok.value
        p.place = 10 if units_before_tens else _place(tok.value)
    elif (tok.kind == "hundred" and tok.value == 100 and last.kind == "unit" and 3 <= last.value <= 9
          and p.current == last.value):
        p.current, p.place = last.value * 100, 100
    elif tok.kind == "scale" and 0 < p.current < tok.value:
        p.total, p.current, p.place = p.total + p.current * tok.value, 0, tok.value
    elif tok.kind == "scale_plural" and p.current and (last.kind in ("few", "digits")
                                                       or 3 <= p.current <= 10):
        p.total, p.current, p.place = p.total + p.current * tok.value, 0, tok.value
    else:
        return False
    p.end, p.last = tok.end, tok
    return True


def _phrases(nt: NormalizedText) -> list[_Phrase]:
    """Group adjacent tokens into number phrases (ثلاثة آلاف وخمسمئة, 2.5 ألف, بضعة آلاف)."""
    t = nt.text
    found: list[_Phrase] = []
    current: _Phrase | None = None

    def close() -> None:
        if current is None or current.last.kind == "few":
            return
        first_is_ten = current.last.kind == "unit" and current.last.value == 10 and current.value == 10
        if first_is_ten and _ORDINAL_BEFORE.search(t, max(0, current.start - 12), current.start):
            return
        found.append(current)

    for tok in _tokens(nt):
        if tok.kind == "scale" and t[tok.start:tok.end] == _ALFA and _NOUN_AFTER.match(t, tok.end) and (
                current is None or t[current.end:tok.match_start].strip()):
            # "ألفا جندي": opening a phrase before a noun, ألفا is the dual construct (2000), not accusative ألفًا
            tok = replace(tok, kind="scale_dual")
        adjacent = current is not None and not t[current.end:tok.match_start].strip()
        if adjacent and _extend(current, tok):
            continue
        close()
        current = _start(tok)
    close()
    return found


def _value(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def find_numbers(text: str, normalized: NormalizedText | None = None) -> list[NumberMention]:
    """Every number in `text`, in order, with the qualifier written before or after it."""
    nt = normalized if normalized is not None else normalize(text)
    t = nt.text
    mentions = []
    for p in _phrases(nt):
        start, end = p.start, p.end
        qualifier = _N.few_qualifier if p.few else _Q.default
        before = _QUALIFIER_BEFORE.search(t, max(0, start - 40), start)
        after = _QUALIFIER_AFTER.match(t, end)
        if before:
            qualifier, start = _Q.before[phrase_key(before.group("q"))], before.start("q")
        elif after:
            qualifier, end = _Q.after[phrase_key(after.group("q"))], after.end("q")
        o_start, o_end = nt.to_original(start, end)
        n_start, n_end = nt.to_original(p.start, p.end)
        mentions.append(NumberMention(o_start, o_end, _value(p.value), qualifier, n_start, n_end,
                                      nt.original[o_start:o_end]))
    return mentions
