"""Page furniture that reports no event of its own: boxes of related headlines ("اقرأ أيضاً", "الأكثر قراءة",
"مواضيع قد تهمك") and inline "اقرأ أيضاً: <headline>" lines. Their headlines name other events, bases and groups;
read as body text they become incidents and mentions of the article. The rules read the article with these
lines blanked (same length, so every offset still points into the original text)."""
from __future__ import annotations

import re

from preprocess.normalize import normalize_char_string

# a line that opens a list ("•", "●", "»", "-", "*", "▪", "◄", "■", "►", "–") or an excerpt that was cut ("…", "..")
_BULLET_RE = re.compile(r"^\s*[•●»\-*▪◄■►–◆○·]\s*")
_CUT_RE = re.compile(r"(?:…|\.\.\.?)\s*$")
# a numbered headline list ("1. ...", "2- ...") inside a box
_NUMBERED_RE = re.compile(r"^\s*[0-9٠-٩]{1,2}\s*[.)\-–]\s+")
_LINE_RE = re.compile(r"[^\n]*\n?")
_HEADER_TAIL = " \t:：-–—|»«\"'()[]"
MAX_HEADLINE = 110  # a headline in a box is one short line; a body paragraph is longer or ends with a full stop


def _key(text: str) -> str:
    return " ".join(normalize_char_string(text).split())


class Furniture:
    def __init__(self, headers: list[str]):
        self.headers = sorted({_key(h) for h in headers if _key(h)}, key=len, reverse=True)
        self._header_set = frozenset(self.headers)
        # _inline's test in one match: a header the line starts with, then (past spaces) one of the marks that end
        # it (\s* backtracks over the headers as the loop over them did; \s and str.lstrip() strip the same spaces)
        self._inline_re = re.compile("(?:" + "|".join(map(re.escape, self.headers)) + r")\s*[:：|\-–»]") \
            if self.headers else None

    def header(self, line: str) -> str | None:
        """'alone' for a header on its own line, 'inline' for 'اقرأ أيضاً: <headline>', else None."""
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            return None
        if len(stripped) <= 60 and _key(stripped.strip(_HEADER_TAIL)) in self._header_set:
            return "alone"
        return "inline" if self._inline(stripped[:60]) else None

    def _inline(self, line: str) -> bool:
        return self._inline_re is not None and self._inline_re.match(_key(line.strip().lstrip(_HEADER_TAIL))) is not None

    @staticmethod
    def _headline_like(line: str) -> bool:
        stripped = line.strip()
        if _BULLET_RE.match(line) or _NUMBERED_RE.match(line) or _CUT_RE.search(stripped):
            return True
        return len(stripped) <= MAX_HEADLINE and not stripped.endswith((".", "。", "؟", "!"))

    def ranges(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of every furniture line, in text order."""
        out: list[tuple[int, int]] = []
        in_box = False
        pos = 0
        for m in _LINE_RE.finditer(text):
            line = m.group(0)
            if not line:
                break
            start, end = pos, pos + len(line.rstrip("\n"))
            pos += len(line)
            if not line.strip():
                continue
            kind = self.header(line)
            if kind is not None:
                out.append((start, end))
                in_box = kind == "alone"
                continue
            if in_box and self._headline_like(line):
                out.append((start, end))
                continue
            in_box = False
        return out


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with every range replaced by spaces (line ends kept): same length, same offsets."""
    if not ranges:
        return text
    parts = []
    last = 0
    for start, end in ranges:
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
