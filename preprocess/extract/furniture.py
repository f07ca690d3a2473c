"""Page furniture that reports no event of its own: boxes of related headlines ("اقرأ أيضاً", "الأكثر قراءة",
"مواضيع قد تهمك") and inline "اقرأ أيضاً: <headline>" lines. Their headlines name other events, bases and groups;
read as body text they become incidents and mentions of the article. The rules read the article with these
lines blanked (same length, so every offset still points into the original text)."""
from __future__ import annotations

import re

from preprocess.normalize import _TABLE, normalize_char_string

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
        # The characters a line's key can start a header with: the headers' first characters, those that fold to one,
        # and those that fold to nothing or to a space (the key then starts further on). A line whose first character
        # is none of these has a key that starts no header: neither test below needs the key.
        firsts = {h[0] for h in self.headers}
        self._may_open = frozenset(firsts) | {chr(c) for c, v in _TABLE.items()
                                              if v is None or chr(v) in firsts or chr(v).isspace()}
        # The characters whose key holds one of the marks that end an inline header (_inline_re's last class): the
        # marks and those that fold to one. A line with none of them is no inline header: its key is not worked out.
        marks = ":：|-–»"
        self._may_mark = tuple(set(marks) | {chr(c) for c, v in _TABLE.items() if v is not None and chr(v) in marks})

    def header(self, line: str) -> str | None:
        """'alone' for a header on its own line, 'inline' for 'اقرأ أيضاً: <headline>', else None."""
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            return None
        if len(stripped) <= 60 and self._may_start(stripped.strip(_HEADER_TAIL)) \
                and _key(stripped.strip(_HEADER_TAIL)) in self._header_set:
            return "alone"
        return "inline" if self._inline(stripped[:60]) else None

    def _may_start(self, text: str) -> bool:
        """False when the key of `text` cannot start with a header (its first character, not a space, folds to none of
        the headers' first characters)."""
        return not text or text[0] in self._may_open or text[0].isspace()

    def _inline(self, line: str) -> bool:
        text = line.strip().lstrip(_HEADER_TAIL)
        return self._inline_re is not None and self._may_start(text) and any(c in text for c in self._may_mark) \
            and self._inline_re.match(_key(text)) is not None

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
