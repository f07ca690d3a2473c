"""The one place Arabic is shaped by hand: only for renderers that cannot shape it (the PDF briefing, its chart, terminals)."""
from __future__ import annotations

import re
import unicodedata

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display  # not bidi.get_display: python-bidi 0.6's top-level one does not mirror brackets

from components.safe import strip_bidi

# Optional ligatures off: with them الله becomes U+FDF2, a glyph many fonts lack. Lam-alef stays on: it is not optional
# in Arabic script (a joined lam and alef reads as a misspelling), and every Arabic font, DejaVu included, has its
# presentation forms (U+FEF5-U+FEFC).
_RESHAPER = ArabicReshaper({"support_ligatures": True, "ARABIC LIGATURE ALLAH": False})
RLM = "\u200f"
# Digits joined by a hyphen or plus (2024-01-28, 2023-2024): after an Arabic letter the bidi algorithm makes them Arabic
# numbers, which a hyphen does not hold together, so the date comes out reversed (28-01-2024). A right-to-left mark
# before them keeps them European numbers, one left-to-right run, without splitting brackets as a left-to-right mark would.
_HYPHENATED_NUMBER = re.compile(r"[0-9]+(?:[-+\u2212][0-9]+)+")


def direction_of(text: str) -> str:
    """'R' or 'L' from the first strong character (the Unicode paragraph rule); 'L' when there is none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"


def _last_strong(text: str) -> str:
    for ch in reversed(text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL", "L"):
            return kind
    return ""


def _numbers_left_to_right(text: str) -> str:
    parts, last = [], 0
    for match in _HYPHENATED_NUMBER.finditer(text):
        if _last_strong(text[:match.start()]) == "AL":
            parts += [text[last:match.start()], RLM]
            last = match.start()
    return "".join(parts) + text[last:]


def shape_for_dumb_renderer(text: str, base_dir: str = "R") -> str:
    """Presentation forms in visual order: letters joined, digits and Latin runs left to right, brackets facing the
    right way. base_dir 'R' for a right-to-left line (the Arabic briefing, an article's sentence), 'L' for an English
    line. Bidi controls in the text are dropped (they have no glyph). Never use on text that a browser or Plotly draws:
    it breaks there (shared/RTL_RULES.md)."""
    logical = _numbers_left_to_right(strip_bidi(text))
    return strip_bidi(get_display(_RESHAPER.reshape(logical), base_dir=base_dir))
