"""Sentence spans of an article: split on line breaks and sentence-final punctuation, offsets kept."""
from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ (possibly doubled or followed by a closing quote) before a space or line end,
# or at a line break. A dot between digits (2.5) or inside an abbreviation run (أ.ف.ب) does not end one.
_BOUNDARY_RE = re.compile(r"(?<![\u0621-\u064a]\.[\u0621-\u064a])[.!?\u061f]+[\"'\u201d\u00bb)]*(?=\s|$)|\n+")
# After a number a dot ends a sentence ("... مساء الأحد 5 آذار 2023. وفي 7 تموز ...") unless it numbers a list item
# ("1. عين الأسد" at a line's start) or parts a date written with spaces ("9. 8. 2022")
_LIST_NUMBER_RE = re.compile(r"(?:^|\n)[ \t]*[0-9\u0660-\u0669]{1,3}$")
_DIGIT_AFTER_RE = re.compile(r"\s*[0-9\u0660-\u0669]")


# Every boundary starts with one of these characters. The boundary pattern opens with look-behinds, which keep the
# regex engine from skipping ahead to such a character: it is tried at every position of the text. Finding the
# characters first and trying the pattern only there gives the same matches (a look-behind still sees the text
# before the position it is tried at) in about a quarter of the time.
_BOUNDARY_START_RE = re.compile(r"[.!?\u061f\n]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of non-empty sentences, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = pos = 0
    find, boundary_at = _BOUNDARY_START_RE.search, _BOUNDARY_RE.match
    while (candidate := find(text, pos)) is not None:
        at = candidate.start()
        match = boundary_at(text, at)
        if match is None:
            pos = at + 1
            continue
        if at and text[at - 1].isdigit() and match.group(0)[0] == "." and (
                _LIST_NUMBER_RE.search(text, max(0, at - 8), at) or _DIGIT_AFTER_RE.match(text, match.end())):
            pos = at + 1
            continue
        end = match.end() if match.group(0)[0] != "\n" else match.start()
        _append_trimmed(text, start, end, spans)
        start = pos = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
