"""Exposure: untrusted text (articles, file names, metadata, the URL) shown as itself, and the read-only switch; no Streamlit."""
from __future__ import annotations

import os
import re

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the directional marks (U+200E, U+200F) and the
# Arabic letter mark (U+061C): one of them in an id or a file name shows it reversed or reordered.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_TABLE = str.maketrans(dict.fromkeys(BIDI_CONTROLS))
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_BACKTICK_RUN_RE = re.compile(r"`+")
_LINE_BREAK_RE = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
MAX_SHOWN_CHARS = 200
READONLY_VARIABLE = "RASID_READONLY"
_OFF = frozenset({"", "0", "false", "no", "off"})


def strip_bidi(text) -> str:
    """The text without bidirectional controls, for display only: stored data and CSV cells keep them."""
    return str(text if text is not None else "").translate(_BIDI_TABLE)


def has_bidi(text: str) -> bool:
    return _BIDI_RE.search(text) is not None


def shown(text, limit: int = MAX_SHOWN_CHARS) -> str:
    """An untrusted value for a plain-text place (option labels, HTML after escaping): bidi controls out, one line, capped."""
    one_line = _LINE_BREAK_RE.sub(" ", strip_bidi(text)).strip()
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "\u2026"


def literal(text, limit: int = MAX_SHOWN_CHARS) -> str:
    """An untrusted value inside a Streamlit markdown string (st.warning, captions, help, labels), shown as itself.

    A code span, not backslash escapes: Streamlit turns bare addresses (http://..., www..., name@host) into links after
    parsing, escaped or not, and draws :material/x: as an icon; inside a code span nothing becomes a link, an image, a
    colour or an icon (measured in Chromium with Streamlit 1.67; it still shows :material/x: as :material_x:).
    """
    value = shown(text, limit)
    if not value:
        return "` `"
    fence = "`" * (max((len(run) for run in _BACKTICK_RUN_RE.findall(value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def read_only() -> bool:
    """RASID_READONLY=1 (or true, yes, on; anything but 0/false/no/off): no uploads, removals or rebuilds from the browser."""
    return os.environ.get(READONLY_VARIABLE, "").strip().lower() not in _OFF
