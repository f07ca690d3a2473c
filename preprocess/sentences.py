"""Sentence spans of an article: split on line breaks and sentence-final punctuation, offsets kept."""
from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ (possibly doubled or followed by a closing quote) before a space or line end,
# or at a line break. A dot between digits (2.5) or inside an abbreviation run (أ.ف.ب) does not end one.
_BOUNDARY_RE = re.compile(r"(?<!\d)(?<![\u0621-\u064a]\.[\u0621-\u064a])[.!?\u061f]+[\"'\u201d\u00bb)]*(?=\s|$)|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of non-empty sentences, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        end = match.end() if match.group(0)[0] != "\n" else match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
