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


# Text laid out in lines of a fixed width (a PDF's text, a print edition, an e-mail wrapped at 72 characters) breaks
# its sentences at the end of every line: in such a text a line break after a full line that ends with no
# punctuation goes on with the same sentence. A text is wrapped when most of its lines are about one length.
_WRAP_MIN_LINES = 8
_WRAP_SHARE = 0.6  # of the lines of 30 characters or more, those within a fifth of the median length
_FULL_LINE = 0.8  # a line this share of the median length or longer is full, not a paragraph's last
_SENTENCE_END_RE = re.compile("[.!?\u061f:\u061b\"'\u201d\u00bb)\\]]\\s*$")


def _wrapped_breaks(text: str) -> set[int]:
    """Positions of the line breaks that only wrap a sentence, in a text laid out in fixed-width lines; else none."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    lengths = sorted(len(line.strip()) for _p, line in lines if len(line.strip()) >= 30)
    if len(lengths) < _WRAP_MIN_LINES:
        return set()
    median = lengths[len(lengths) // 2]
    if sum(1 for n in lengths if abs(n - median) <= median / 5) < _WRAP_SHARE * len(lengths):
        return set()
    # (within a paragraph of three full lines or more that ends a sentence: a feed's source line, headline, one-line
    # excerpt and buttons are no wrapped paragraph)
    out: set[int] = set()
    run: list[tuple[int, str]] = []
    for p, line in [*lines, (pos, "")]:
        if line.strip():
            run.append((p, line))
            continue
        full = [len(body.strip()) >= _FULL_LINE * median for _p, body in run]
        if sum(full) >= 3 and _SENTENCE_END_RE.search(run[-1][1].strip()):  # (a paragraph closes with its sentence)
            for (q, body), is_full in zip(run[:-1], full):
                if is_full and not _SENTENCE_END_RE.search(body.strip()):
                    out.add(q + len(body))
        run = []
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of non-empty sentences, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = pos = 0
    find, boundary_at = _BOUNDARY_START_RE.search, _BOUNDARY_RE.match
    wrapped = _wrapped_breaks(text) if text.count("\n") >= _WRAP_MIN_LINES else set()
    while (candidate := find(text, pos)) is not None:
        at = candidate.start()
        if at in wrapped:
            pos = at + 1
            continue
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
