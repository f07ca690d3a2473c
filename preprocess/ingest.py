"""Reading corpus folders (txt, html, jsonl and metadata.csv) into raw articles, with a one-line reason for every file skipped."""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, TypeVar

from lxml import etree

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
METADATA_NAME = "metadata.csv"
METADATA_FIELDS = ("title", "source", "url", "published")
IGNORED_NAMES = frozenset({"readme.md", ".gitkeep"})

CHUNK_BYTES = 1 << 20
MIN_ARABIC_LETTERS = 20
MIN_ARABIC_SHARE = 0.3
MIN_CP1256_ARABIC_SHARE = 0.5  # a Windows-1256 reading must be mostly Arabic letters, else it is the wrong codec
MAX_CONTROL_SHARE = 0.01
MAX_JSONL_LINE_REJECTS = 50  # a feed that is wrong throughout gets a summary, not thousands of rows
MAX_METADATA_REJECTS = 50  # likewise for a metadata.csv of thousands of bad rows
# metadata.csv is read whole; above either limit it is ignored with a reject saying so (a million rows took 883 MB).
MAX_METADATA_BYTES = 20 * 2**20
MAX_METADATA_ROWS = 200_000
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_TITLE_CHARS = 500

UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
REPLACEMENT = "\ufffd"

_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
_NOT_ARABIC_RE = re.compile("[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Code points no UTF-8 text can hold: JSON's "\ud800" and undecodable bytes of a file name come back as these, and one of
# them stops the build where the text is encoded (cache key, Parquet).
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_WHITESPACE_RE = re.compile(r"\s+")
_SENTENCE_END_RE = re.compile("[.!?\u061f\u06d4\u2026](?=\\s)")
_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                        "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9", "0123456789" * 2)
T = TypeVar("T")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class RawArticle:
    article_id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    published_source: str = ""
    origin: str = ""
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Reject:
    file: str
    reason: str
    stage: str


class _Skip(Exception):
    """A file (or JSON Lines record) that cannot be used, with the stage and the reason to report."""

    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


# ---------------------------------------------------------------- small values


_YEAR_RE = re.compile(r"(\d{4})")
_YEAR_MONTH_RE = re.compile(r"(\d{4})[-/](\d{1,2})")
_YEAR_FIRST_DATE_RE = re.compile(r"""
    (\d{4})([-/.])(\d{1,2})\2(\d{1,2})                                  # 2024-01-28, 2024/01/28
    (?:[T\ ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?  # time of an ISO datetime, dropped
    """, re.VERBOSE | re.IGNORECASE)
_DAY_FIRST_DATE_RE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")  # 28/01/2024


def normalise_published(value: str) -> str | None:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from a metadata date; "" for an empty value, None when it is not a date."""
    text = _WHITESPACE_RE.sub(" ", value.translate(_DIGITS)).strip()
    if not text:
        return ""
    if m := _YEAR_RE.fullmatch(text):
        return _iso(int(m[1]))
    if m := _YEAR_MONTH_RE.fullmatch(text):
        return _iso(int(m[1]), int(m[2]))
    if m := _YEAR_FIRST_DATE_RE.fullmatch(text):
        return _iso(int(m[1]), int(m[3]), int(m[4]))
    if m := _DAY_FIRST_DATE_RE.fullmatch(text):
        return _iso(int(m[4]), int(m[3]), int(m[1]))
    if re.search(r"[A-Za-z]{3}", text) and re.search(r"\d{4}", text):
        try:
            parsed = parsedate_to_datetime(text)  # RFC 2822, as some sites put in their meta tags
        except (TypeError, ValueError, IndexError):
            return None
        return _iso(parsed.year, parsed.month, parsed.day)
    return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    if day is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def safe_url(value: str) -> str | None:
    """The address when it is http(s), "" when empty, None otherwise (a javascript: link must never reach the app)."""
    url = value.strip()
    if not url:
        return ""
    if re.match(r"https?://[^\s/]", url, re.IGNORECASE) and not _CONTROL_RE.search(url):
        return url
    return None


def one_line(value: str) -> str:
    return _WHITESPACE_RE.sub(" ", value).strip()


def _quoted(value: str, limit: int = 60) -> str:
    value = one_line(value)
    return "'" + (value if len(value) <= limit else value[: limit - 1] + "\u2026") + "'"


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MB"


def _limit_megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:g} MB"


def normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- text checks


@dataclass
class _LetterCounts:
    arabic: int
    letters: int

    @property
    def arabic_share(self) -> float:
        return self.arabic / self.letters if self.letters else 0.0


def _slices(text: str, size: int = 1 << 16) -> Iterator[str]:
    # Regex substitution on a 2-million-character text builds hundreds of thousands of pieces at once; slices keep that small.
    return (text[start:start + size] for start in range(0, len(text), size))


_BMP_KINDS: "np.ndarray | None" = None  # per code point below 0x10000: 1 a letter, 3 an Arabic letter, 0 neither


def _bmp_kinds() -> "np.ndarray":
    """What the two patterns below say of each character of the Basic Multilingual Plane, asked once per process."""
    global _BMP_KINDS
    if _BMP_KINDS is None:
        import numpy as np

        # the patterns one character at a time (no "+"): each character that is not a letter becomes a NUL
        not_letter = re.compile(_NOT_LETTER_RE.pattern.removesuffix("+"), _NOT_LETTER_RE.flags)
        not_arabic = re.compile(_NOT_ARABIC_RE.pattern.removesuffix("+"), _NOT_ARABIC_RE.flags)
        letters = not_letter.sub("\0", "".join(map(chr, range(0x10000))))
        kinds = np.frombuffer(letters.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0
        arabic = np.frombuffer(not_arabic.sub("\0", letters).encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0
        _BMP_KINDS = kinds.astype(np.uint8) | (arabic.astype(np.uint8) << 1)
    return _BMP_KINDS


def _letter_counts(text: str) -> _LetterCounts:
    """Letters (neither \\W, a digit nor _) and Arabic letters among them: each character looked up in a table made from
    the same two patterns (characters past U+FFFF, rare, by the patterns themselves)."""
    import numpy as np

    kinds = _bmp_kinds()
    arabic = letters = 0
    for part in _slices(text):
        codes = np.frombuffer(part.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        astral = codes > 0xFFFF
        if astral.any():
            rest = "".join(chr(c) for c in codes[astral].tolist())
            rest_letters = _NOT_LETTER_RE.sub("", rest)
            letters += len(rest_letters)
            arabic += len(_NOT_ARABIC_RE.sub("", rest_letters))
            codes = codes[~astral]
        found = np.bincount(kinds[codes], minlength=4)
        letters += int(found[1] + found[3])
        arabic += int(found[3])
    return _LetterCounts(arabic=arabic, letters=letters)


def _control_share(text: str) -> float:
    if not text or not _CONTROL_RE.search(text):
        return 0.0
    return sum(len(_CONTROL_RE.findall(part)) for part in _slices(text)) / len(text)


def _check_usable_text(text: str) -> None:
    """Raise _Skip when decoded text is blank, binary-looking or not Arabic."""
    if not text.strip():
        raise _Skip("read", "empty file: only whitespace")
    share = _control_share(text)
    if share > MAX_CONTROL_SHARE:
        raise _Skip("decode", f"binary file: {share:.0%} control characters")
    counts = _letter_counts(text)
    if counts.arabic < MIN_ARABIC_LETTERS or counts.arabic_share < MIN_ARABIC_SHARE:
        raise _Skip("language", f"not Arabic: {counts.arabic:,} Arabic letters of {counts.letters:,}")


def _replacement_tolerance(n_chars: int) -> int:
    # Up to 1 character in 20 broken is damaged UTF-8 (a file cut mid-character); Windows-1256 Arabic breaks on nearly every letter,
    # and reading damaged UTF-8 as Windows-1256 gives Arabic-looking nonsense that the Arabic-share test alone would accept.
    return max(1, n_chars // 20)


def cut_text(text: str, max_chars: int, total_chars: int | None = None) -> tuple[str, str | None]:
    """Text cut at the last line or sentence end before max_chars, with the warning that says so (None if not cut)."""
    total = len(text) if total_chars is None else total_chars
    if total <= max_chars:
        return text, None
    line_end = text.rfind("\n", 0, max_chars)
    sentence_end = -1
    for m in _SENTENCE_END_RE.finditer(text, max(0, line_end), max_chars):
        sentence_end = m.end()
    cut = max(line_end, sentence_end)
    if cut <= 0:
        cut = max_chars
    return text[:cut], f"cut at {cut:,} of {total:,} characters (longer than the {max_chars:,}-character limit)"


# ---------------------------------------------------------------- opening files


class _CappedFile(io.RawIOBase):
    """A file descriptor read up to a byte limit."""

    def __init__(self, fd: int, limit: int) -> None:
        super().__init__()
        self._fd, self._left = fd, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        data = os.read(self._fd, min(len(buffer), self._left))
        buffer[:len(data)] = data
        self._left -= len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def _open_input(path: Path) -> io.BufferedReader:
    """A regular file opened for reading, and read no further than the size it had when opened.

    O_NONBLOCK: opening a FIFO does not wait for a writer; the check after opening catches a name swapped for a FIFO or a
    device since it was listed; the byte cap stops a file that grows while it is read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(os.path.realpath(path), flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Skip("read", "not a regular file")
        return io.BufferedReader(_CappedFile(fd, info.st_size), CHUNK_BYTES)
    except BaseException:
        os.close(fd)
        raise


def _input_stat(path: Path, real_root: str) -> os.stat_result:
    """What `path` names, without opening it; a symbolic link is followed only to a file inside the input folder."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if os.path.commonpath([real_root, target]) != real_root:
                raise _Skip("read", "a symbolic link to a file outside the input folder")
            info = os.stat(target)
    except OSError as error:
        raise _Skip("read", f"cannot be opened: {error.strerror or error}") from None
    return info


def input_files(directory: Path) -> list[Path]:
    """The regular files of an input folder that reading may open, by name (hidden ones left out): no FIFO, device, socket,
    sub-folder or symbolic link leaving the folder. What a fingerprint of the inputs should hash: it never blocks or reads
    /dev/zero."""
    real_root = os.path.realpath(directory)
    files = []
    for name in sorted(os.listdir(directory)):
        if name.startswith("."):
            continue
        try:
            if stat.S_ISREG(_input_stat(Path(directory) / name, real_root).st_mode):
                files.append(Path(directory) / name)
        except _Skip:
            continue
    return files


def _without_surrogates(value: str) -> tuple[str, int]:
    """The text with every lone surrogate replaced by U+FFFD, and how many there were."""
    if not _SURROGATE_RE.search(value):
        return value, 0
    return _SURROGATE_RE.subn(REPLACEMENT, value)


# ---------------------------------------------------------------- decoding


@dataclass
class _DecodeStats:
    nul_bytes: int = 0
    replaced: int = 0
    chars: int = 0


def _decoded_chunks(path: Path, codec: str, skip_bytes: int, stats: _DecodeStats) -> Iterator[str]:
    """Decode a file piece by piece with line ends normalised, counting NUL bytes, replaced sequences and characters."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    try:
        literal = REPLACEMENT.encode(codec)  # a U+FFFD already in the file is not decoding damage
    except UnicodeEncodeError:
        literal = b""
    overlap = max(len(literal) - 1, 0)
    tail = b""
    already_replaced = 0
    pending_cr = False
    with _open_input(path) as handle:
        handle.read(skip_bytes)
        while True:
            chunk = handle.read(CHUNK_BYTES)
            final = not chunk
            if chunk:
                stats.nul_bytes += chunk.count(b"\0")
                if literal:
                    window = tail + chunk
                    already_replaced += window.count(literal)
                    tail = window[-overlap:] if overlap else b""
            text = decoder.decode(chunk, final=final)
            if pending_cr:
                text = "\r" + text
            pending_cr = text.endswith("\r") and not final  # a CRLF split across two chunks
            if pending_cr:
                text = text[:-1]
            text = normalise_line_ends(text)
            stats.replaced += text.count(REPLACEMENT)
            stats.chars += len(text)
            if text:
                yield text
            if final:
                break
    stats.replaced = max(0, stats.replaced - already_replaced)


def _decode_kept(path: Path, codec: str, skip_bytes: int, max_chars: int) -> tuple[str, _DecodeStats]:
    """Decode the whole file but keep only its first max_chars + 1 characters (enough to know whether it must be cut)."""
    stats = _DecodeStats()
    kept: list[str] = []
    n_kept = 0
    for piece in _decoded_chunks(path, codec, skip_bytes, stats):
        if n_kept <= max_chars:
            piece = piece[: max_chars + 1 - n_kept]
            kept.append(piece)
            n_kept += len(piece)
    return "".join(kept), stats


def _byte_order_mark(head: bytes) -> tuple[str, int, str] | None:
    """(codec, BOM length, encoding label) for a UTF-8 or UTF-16 byte-order mark."""
    if head.startswith(UTF8_BOM):
        return "utf-8", len(UTF8_BOM), "utf-8-sig"
    for bom, codec in UTF16_BOMS:
        if head.startswith(bom):
            return codec, len(bom), "utf-16"
    return None


def _read_head(path: Path, n_bytes: int) -> bytes:
    with _open_input(path) as handle:
        return handle.read(n_bytes)


def _replacement_warnings(n_replaced: int, label: str) -> list[str]:
    if not n_replaced:
        return []
    return [f"{n_replaced:,} invalid {label} sequence{'s' if n_replaced != 1 else ''} shown as \ufffd"]


def _decode_file(path: Path, read: Callable[[str, int], tuple[T, _DecodeStats, str]],
                 fallbacks: tuple[str, ...] = ()) -> tuple[T, _DecodeStats, str, list[str]]:
    """Read a file with its byte-order mark's codec, else UTF-8, else the first fallback (then Windows-1256) that reads as Arabic.

    `read(codec, bytes to skip)` returns (result, stats, the text to judge); this returns (result, stats, encoding label, warnings).
    """
    bom = _byte_order_mark(_read_head(path, 4))
    if bom:
        codec, skip, label = bom
        result, stats, _ = read(codec, skip)
        if stats.replaced > _replacement_tolerance(stats.chars):
            raise _Skip("decode", f"undecodable: starts with a {label.upper()} byte-order mark "
                                  f"but has {stats.replaced:,} invalid sequences")
        return result, stats, label, _replacement_warnings(stats.replaced, label.upper())
    result, stats, _ = read("utf-8", 0)
    if stats.nul_bytes:
        raise _Skip("decode", f"binary file: {stats.nul_bytes:,} NUL bytes and no UTF-16 byte-order mark")
    if stats.replaced <= _replacement_tolerance(stats.chars):
        return result, stats, "utf-8", _replacement_warnings(stats.replaced, "UTF-8")
    utf8_errors = stats.replaced
    share = 0.0
    for codec in dict.fromkeys(c for c in (*fallbacks, "cp1256") if c != "utf-8"):
        result, stats, text = read(codec, 0)
        control = _control_share(text)
        if control > MAX_CONTROL_SHARE:
            raise _Skip("decode", f"binary file: {control:.0%} control characters")
        share = _letter_counts(text).arabic_share
        if share >= MIN_CP1256_ARABIC_SHARE:
            return result, stats, codec, []
    raise _Skip("decode", f"undecodable: not UTF-8, UTF-16 or Windows-1256 Arabic ({utf8_errors:,} invalid UTF-8 sequences; "
                          f"read as Windows-1256 only {share:.0%} of its letters are Arabic)")


# ---------------------------------------------------------------- HTML

_BREAK = None  # marks a block boundary among the page's text pieces
_DROPPED_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
                           "svg", "math", "iframe", "object", "canvas", "button", "select", "dialog"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                        "param", "source", "track", "wbr"})
_BLOCK_TAGS = frozenset({"address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
                         "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "li",
                         "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
                         "thead", "tr", "ul"})
# a table row is one line, its cells apart ("18 أكتوبر 2023 | طائرات مسيرة | لا يوجد"): a cell per line split
# the date, the weapon and the toll of one event into four sentences
_CELL_TAGS = frozenset({"td", "th"})
_CELL = " | "
IMAGE_TEXT_MIN_CHARS = 80  # an image's alt text this long is read as a paragraph of the page
_PUBLISHED_KEYS = ("article:published_time", "og:published_time", "json-ld:datepublished", "datepublished",
                   "pubdate", "publishdate", "date", "dc.date.issued", "dcterms.created")
_LD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,64})"')
_MARKUP_RE = re.compile(r"<[A-Za-z/!]")


MIN_STORY_CARDS = 3  # blocks of paragraphs that make a page of stories (see _PageCollector._river_of)


@dataclass
class _Element:
    tag: str
    start: int
    dropped: bool
    article_body: bool = False
    end: int = -1
    p_score: float = 0.0
    p_total: int = 0  # characters of all the paragraphs inside it, at any depth
    p_blocks: int = 0  # children that hold paragraphs


@dataclass
class _Page:
    text: str
    title: str
    source: str
    url: str
    published_candidates: list[str]


class _PageCollector:
    """lxml parser target: collects a page's visible text as flat pieces, plus the elements that may hold the article and its meta tags.

    libxml2 tokenizes and closes implied elements in linear time (Python's html.parser rescanned the rest of the page for
    every unclosed tag); this class only keeps what the article choice needs.
    """

    def __init__(self) -> None:
        self.pieces: list[str | None] = []
        self.offsets: list[int] = [0]  # offsets[i]: characters of text in pieces[:i], so any element's length is one subtraction
        self.stack: list[_Element] = []
        self.open_counts: dict[str, int] = {}
        self.candidates: list[_Element] = []
        self.dropped_depth = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.title_done = False
        self.ld_json: list[str] | None = None
        self.closing = False  # set just before the parser's close(): end events after it are elements left open
        self.rest_after_open_title: str | None = None

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        values = {name.lower(): (value or "") for name, value in attrib.items()}
        if tag == "meta":
            self._remember_meta(values)
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.meta.setdefault("canonical", values.get("href", "").strip())
            return
        if values.get("itemprop", "").lower() == "datepublished":
            self.meta.setdefault("datepublished", (values.get("datetime") or values.get("content") or "").strip())
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.dropped_depth:
                self._push(_BREAK)
            elif tag == "img" and not self.dropped_depth:
                # a chart's or a photo's description ("رسم بياني: العدد التراكمي للهجمات ... 55 هجوما"): a data story
                # may carry its figures only there; a short alt is a logo or a name
                alt = " ".join(values.get("alt", "").split())
                if len(alt) >= IMAGE_TEXT_MIN_CHARS:
                    self._push(_BREAK)
                    self._push(alt)
                    self._push(_BREAK)
            return
        dropped = tag in _DROPPED_TAGS
        if tag == "form" and (not self.stack or self.stack[-1].tag in ("body", "html")):
            # an ASP.NET page wraps all of its body in one <form> (KUNA, many state agencies): the page, not a
            # search box or a newsletter sign-up
            dropped = False
        element = _Element(tag, len(self.pieces), dropped=dropped,
                           article_body=values.get("itemprop", "").lower() == "articlebody")
        if tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.ld_json = []
        self.dropped_depth += element.dropped
        self.stack.append(element)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        if tag in _BLOCK_TAGS:
            self._push(_BREAK)
        elif tag in _CELL_TAGS and not self.dropped_depth:
            self._push(_CELL)
        if tag == "title":
            self.in_title = True

    def end(self, tag: str) -> None:
        if tag in _VOID_TAGS or not self.open_counts.get(tag):
            return
        while self.stack:
            if self._close_top().tag == tag:
                break

    def data(self, data: str) -> None:
        if self.ld_json is not None:
            self.ld_json.append(data)
        elif self.in_title:
            if not self.title_done:  # the page's own <title>; a later one (an SVG's) is neither title nor text
                self.title_parts.append(data)
        elif not self.dropped_depth:
            self._push(data)

    def comment(self, text: str) -> None:
        """Comments are not text."""

    def close(self) -> None:
        while self.stack:
            self._close_top()

    def _push(self, piece: str | None) -> None:
        self.pieces.append(piece)
        self.offsets.append(self.offsets[-1] + (len(piece) if piece else 0))

    def _remember_meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").strip().lower()
        if key and "content" in values:
            self.meta.setdefault(key, values["content"].strip())

    def _end_title(self) -> None:
        self.in_title = False
        if self.title_done:
            return
        self.title_done = True
        if not self.closing:
            return
        # A <title> never closed holds the rest of the page as its text (HTML's rule); a reader expects a title and the
        # story, so the title stops at the first tag and the rest is parsed again as the page.
        raw = "".join(self.title_parts)
        if m := _MARKUP_RE.search(raw):
            self.title_parts = [raw[:m.start()]]
            self.rest_after_open_title = raw[m.start():]

    def _close_top(self) -> _Element:
        element = self.stack.pop()
        self.open_counts[element.tag] -= 1
        element.end = len(self.pieces)
        self.dropped_depth -= element.dropped
        if element.tag == "title" and self.in_title:
            self._end_title()
        if element.tag == "script" and self.ld_json is not None:
            if m := _LD_DATE_RE.search("".join(self.ld_json)):
                self.meta.setdefault("json-ld:datepublished", m[1].strip())
            self.ld_json = None
        if element.tag in _BLOCK_TAGS:
            self._push(_BREAK)
        if element.tag == "p" and not self.dropped_depth and self.stack:
            # Readability's idea: the container whose children are long paragraphs is the article.
            length = self._text_length(element)
            self.stack[-1].p_score += length
            if len(self.stack) > 1:
                self.stack[-2].p_score += length / 2
            element.p_total = length
        if element.p_total and self.stack and not self.dropped_depth:
            self.stack[-1].p_total += element.p_total
            self.stack[-1].p_blocks += 1
        if element.tag in ("article", "body", "main") or element.article_body or element.p_score > 0 \
                or element.p_blocks >= MIN_STORY_CARDS:
            self.candidates.append(element)
        return element

    def _text_length(self, element: _Element) -> int:
        return self.offsets[element.end] - self.offsets[element.start]

    def page(self) -> _Page:
        main = self._main_element()
        start, end = (main.start, main.end) if main else (0, len(self.pieces))
        title = one_line("".join(self.title_parts))[:MAX_TITLE_CHARS] or one_line(self.meta.get("og:title", ""))[:MAX_TITLE_CHARS]
        return _Page(
            text=_join_blocks(self.pieces[start:end]),
            title=title,
            source=one_line(self.meta.get("og:site_name", "")),
            url=self.meta.get("canonical") or self.meta.get("og:url", ""),
            published_candidates=[self.meta[key] for key in _PUBLISHED_KEYS if self.meta.get(key)],
        )

    def _main_element(self) -> _Element | None:
        def longest(elements: list[_Element]) -> _Element | None:
            return max(elements, key=lambda e: (self._text_length(e), -e.start), default=None)

        marked = longest([e for e in self.candidates if e.article_body])
        if marked and self._text_length(marked):
            return marked
        articles = [e for e in self.candidates if e.tag == "article"]
        article = longest(articles)
        main = longest([e for e in self.candidates if e.tag == "main"])
        if main and len(articles) >= 3 and self._text_length(article) * 2 < self._text_length(main):
            # a page of cards (a news aggregator's coverage, a live page of short items): no card is the story,
            # the <main> that holds them all is
            return main
        by_paragraphs = max((e for e in self.candidates if e.p_score > 0), key=lambda e: (e.p_score, -e.start), default=None)
        paragraph_length = self._text_length(by_paragraphs) if by_paragraphs else 0
        # An <article> much shorter than the paragraph block is a teaser card, not the story.
        if article and self._text_length(article) and self._text_length(article) * 2 >= paragraph_length:
            return article
        if by_paragraphs:
            return self._river_of(by_paragraphs)
        return next((e for e in self.candidates if e.tag == "body"), None)

    def _river_of(self, best: _Element) -> _Element:
        """A page of stories one after another (a news reader's river, a feed, a digest), each its own block of
        paragraphs: the best block holds a minority of the page's paragraph text, and the smallest element that holds
        MIN_STORY_CARDS blocks of paragraphs or more and most of that text is the page's story."""
        total = max((e.p_total for e in self.candidates), default=0)
        if not total or best.p_total * 2 >= total:
            return best
        rivers = [e for e in self.candidates if e.p_blocks >= MIN_STORY_CARDS and e.p_total * 5 >= total * 4
                  and e.start <= best.start and best.end <= e.end]
        return min(rivers, key=lambda e: (self._text_length(e), -e.start), default=best)


def _join_blocks(pieces: Iterable[str | None]) -> str:
    lines: list[str] = []
    parts: list[str] = []
    for piece in [*pieces, _BREAK]:
        if piece is _BREAK:
            line = one_line("".join(parts)).strip(" |")
            if line:
                lines.append(line)
            parts.clear()
        else:
            parts.append(piece)
    return "\n".join(lines)


def _html_parser(collector: _PageCollector) -> etree.HTMLParser:
    # huge_tree: without it libxml2 turns a comment or attribute over 10 MB into page text; no_network: never fetch a DTD.
    return etree.HTMLParser(target=collector, huge_tree=True, no_network=True)


def _feed_all(collector: _PageCollector, pieces: Iterable[str]) -> None:
    parser = _html_parser(collector)
    for piece in pieces:
        parser.feed(piece)
    collector.closing = True
    try:
        parser.close()
    except etree.LxmlError:
        pass  # libxml2 recovers from every markup error; close() raises only when nothing was fed (a lone byte-order mark)
    collector.closing = False


def _parse_page(path: Path, codec: str, skip_bytes: int) -> tuple[_Page, _DecodeStats, str]:
    stats = _DecodeStats()
    collector = _PageCollector()
    _feed_all(collector, _decoded_chunks(path, codec, skip_bytes, stats))
    if collector.rest_after_open_title is not None:
        rest, collector.rest_after_open_title = collector.rest_after_open_title, None
        _feed_all(collector, [rest])  # once only: a second unclosed <title> inside it stays a title
    page = collector.page()
    return page, stats, page.text


def _declared_charset(path: Path) -> str:
    m = _CHARSET_RE.search(_read_head(path, 4096))
    try:
        return codecs.lookup(m[1].decode("ascii")).name if m else ""
    except (LookupError, UnicodeDecodeError):
        return ""


# ---------------------------------------------------------------- one file -> articles


@dataclass
class _FileResult:
    articles: list[RawArticle] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every id the file stands for, read or not, so metadata rows for them are not "missing"
    date_problems: dict[int, Reject] = field(default_factory=dict)  # index into articles -> reject, reported only if metadata gives no date


def _first_valid_date(candidates: list[str], where: str, what: str) -> tuple[str, Reject | None]:
    for value in candidates:
        published = normalise_published(value)
        if published:
            return published, None
    if candidates:
        return "", Reject(where, f"published {_quoted(candidates[0])} {what}is not a date", "metadata")
    return "", None


def _read_text_article(path: Path, rel: str, max_chars: int) -> _FileResult:
    def read(codec: str, skip: int) -> tuple[str, _DecodeStats, str]:
        text, stats = _decode_kept(path, codec, skip, max_chars)
        return text, stats, text

    text, stats, encoding, warnings = _decode_file(path, read)
    _check_usable_text(text)
    text, cut_warning = cut_text(text, max_chars, stats.chars)
    if cut_warning:
        warnings.append(cut_warning)
    return _FileResult([RawArticle(path.stem, text, origin=rel, encoding=encoding, warnings=warnings)], ids=[path.stem])


def _read_html_article(path: Path, rel: str, max_chars: int) -> _FileResult:
    page, _, _, warnings = _decode_file(path, lambda codec, skip: _parse_page(path, codec, skip), (_declared_charset(path),))
    if not page.text.strip():
        raise _Skip("read", "empty file: no article text found in the page")
    _check_usable_text(page.text)
    text, cut_warning = cut_text(page.text, max_chars)
    if cut_warning:
        warnings.append(cut_warning)
    url = safe_url(page.url)
    if url is None:
        warnings.append(f"page address {_quoted(page.url)} ignored: not an http(s) address")
    published, problem = _first_valid_date(page.published_candidates, rel, "in the page's meta tags ")
    article = RawArticle(path.stem, text, title=page.title, source=page.source, url=url or "", published=published,
                         published_source="metadata" if published else "", origin=rel, encoding="html", warnings=warnings)
    result = _FileResult([article], ids=[path.stem])
    if problem:
        result.date_problems[0] = problem
    return result


def _json_scalar(value: object) -> str:
    return one_line(str(value)) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


_JSONL_STRING_FIELDS = ("id", "text", "title", "source", "url", "published")


def _jsonl_record(raw: bytes) -> tuple[dict, int]:
    """The JSON object on one line, with lone surrogates in the fields read replaced (and how many); _Skip if unusable."""
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _Skip("decode", f"line is not valid UTF-8 (byte {error.start + 1:,})") from None
    except (json.JSONDecodeError, RecursionError) as error:
        detail = f"{error.msg} (column {error.colno:,})" if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        raise _Skip("read", f"invalid JSON: {detail}") from None
    if not isinstance(record, dict):
        raise _Skip("read", f"not a JSON object but a {type(record).__name__}")
    replaced = 0
    for key in _JSONL_STRING_FIELDS:
        if isinstance(record.get(key), str):
            record[key], n = _without_surrogates(record[key])
            replaced += n
    return record, replaced


def _read_jsonl_articles(path: Path, rel: str, max_chars: int) -> _FileResult:
    result = _FileResult()
    if b"\0" in _read_head(path, CHUNK_BYTES):
        raise _Skip("decode", "binary file: NUL bytes in a JSON Lines file")
    flagged = 0

    def flag(where: str, reason: str, stage: str) -> None:
        nonlocal flagged
        flagged += 1
        if flagged <= MAX_JSONL_LINE_REJECTS:
            result.rejects.append(Reject(where, reason, stage))

    with _open_input(path) as handle:
        for line_no, raw in enumerate(handle, 1):
            if line_no == 1 and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM):]
            if not raw.strip():
                continue
            where = f"{rel}:{line_no}"
            try:
                _read_jsonl_line(raw, where, f"{path.stem}-{line_no}", max_chars, result, flag)
            except _Skip as skip:
                flag(where, skip.reason, skip.stage)
            except Exception as error:  # one bad record never stops the others (an integer of 5,000 digits, ...)
                flag(where, one_line(f"could not be read: {type(error).__name__}: {error}"), "read")
    if flagged > MAX_JSONL_LINE_REJECTS:
        result.rejects.append(Reject(rel, f"{flagged - MAX_JSONL_LINE_REJECTS:,} more bad or flagged lines not listed", "read"))
    return result


def _read_jsonl_line(raw: bytes, where: str, default_id: str, max_chars: int, result: _FileResult,
                     flag: Callable[[str, str, str], None]) -> None:
    """Add the article on one JSON Lines line to `result`; _Skip when it has none."""
    record, replaced = _jsonl_record(raw)
    record_id = _json_scalar(record.get("id"))
    warnings: list[str] = []
    if len(record_id) > 200:
        warnings.append(f"id {_quoted(record_id)} too long; named {default_id}")
        record_id = ""
    article_id = record_id or default_id
    result.ids.append(article_id)
    text = record.get("text")
    if not isinstance(text, str):
        raise _Skip("read", "no text field" if text is None else f"text is a {type(text).__name__}, not a string")
    text = normalise_line_ends(text.removeprefix("\ufeff"))
    try:
        _check_usable_text(text)
    except _Skip as skip:
        raise _Skip(skip.stage, skip.reason.replace("empty file", "empty text")) from None
    if replaced:
        warning = _surrogate_warning(replaced)
        warnings.append(warning)
        flag(where, f"{warning}; the record is kept", "decode")
    text, cut_warning = cut_text(text, max_chars)
    if cut_warning:
        warnings.append(cut_warning)
    url_value = _json_scalar(record.get("url"))
    url = safe_url(url_value)
    if url is None:
        warnings.append(f"url {_quoted(url_value)} ignored: not an http(s) address")
    published_value = _json_scalar(record.get("published"))
    published, problem = _first_valid_date([published_value] if published_value else [], where, "")
    if problem:
        result.date_problems[len(result.articles)] = problem
    result.articles.append(RawArticle(
        article_id, text, title=_json_scalar(record.get("title")), source=_json_scalar(record.get("source")),
        url=url or "", published=published, published_source="metadata" if published else "", origin=where,
        encoding="utf-8", warnings=warnings))


def _surrogate_warning(n_replaced: int) -> str:
    return (f"{n_replaced:,} lone surrogate code point{'s' if n_replaced != 1 else ''} (not valid Unicode text) "
            f"replaced by \ufffd")


def _read_file(path: Path, rel: str, real_root: str, max_file_bytes: int, max_chars: int) -> _FileResult:
    """Every article in one file, or a _Skip saying why there is none."""
    info = _input_stat(path, real_root)
    if stat.S_ISDIR(info.st_mode):
        raise _Skip("read", "a folder: sub-folders are not read")
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise _Skip("read", f"unsupported file type {suffix or '(no extension)'}")
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("read", "not a regular file")
    if info.st_size > max_file_bytes:
        raise _Skip("size", f"too large: {_megabytes(info.st_size)} > {_limit_megabytes(max_file_bytes)}")
    if info.st_size == 0:
        raise _Skip("read", "empty file")
    if suffix == ".jsonl":
        return _read_jsonl_articles(path, rel, max_chars)
    if suffix in HTML_SUFFIXES:
        return _read_html_article(path, rel, max_chars)
    return _read_text_article(path, rel, max_chars)


# ---------------------------------------------------------------- metadata.csv


@dataclass
class _MetadataRow:
    row: int
    values: dict[str, str]


def _decode_metadata(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    replaced = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    if replaced > _replacement_tolerance(len(text)):
        text = data.decode("cp1256", errors="replace")
    return normalise_line_ends(text)


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their line ends, one at a time (io.StringIO would copy the whole text at 4 bytes a character)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _read_metadata(path: Path, name: str, real_root: str, known_ids: set[str], max_bytes: int,
                   max_rows: int) -> tuple[dict[str, _MetadataRow], list[Reject]]:
    """metadata.csv rows by the article they name (first row wins), and a reject for every problem, each naming its row
    (the first MAX_METADATA_REJECTS, then a count). Only rows for known articles are kept: a long file of rows for
    missing articles costs a row number each."""
    info = _input_stat(path, real_root)
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("read", "not a regular file")
    too_large = [Reject(name, f"metadata.csv too large: {_megabytes(info.st_size)} > {_limit_megabytes(max_bytes)}; ignored", "metadata")]
    if info.st_size > max_bytes:
        return {}, too_large
    with _open_input(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return {}, too_large
    reader = csv.reader(_lines(_decode_metadata(data)))
    del data
    rejects: list[Reject] = []
    n_problems = 0

    def problem(where: str, reason: str) -> None:
        nonlocal n_problems
        n_problems += 1
        if n_problems <= MAX_METADATA_REJECTS:
            rejects.append(Reject(where, reason, "metadata"))

    try:
        header = next(reader, None)
    except csv.Error as error:
        return {}, [Reject(name, f"metadata.csv header cannot be read ({error}); ignored", "metadata")]
    columns = [cell.strip().strip('"').lower() for cell in header or []]
    if "article_id" not in columns:
        first = _quoted(",".join(header)) if header else "nothing"
        return {}, [Reject(name, f"metadata.csv has no article_id column (first row: {first}); ignored", "metadata")]
    unknown = [c for c in columns if c and c != "article_id" and c not in METADATA_FIELDS]
    if unknown:
        problem(f"{name}:1", f"unknown columns ignored: {', '.join(unknown)} (known: article_id, {', '.join(METADATA_FIELDS)})")
    first_row: dict[str, int] = {}
    by_article: dict[str, _MetadataRow] = {}
    row_no = 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            problem(f"{name}:{row_no + 1}", f"unreadable from row {row_no + 1} on ({error}); earlier rows are used")
            break
        if cells is None:
            break
        row_no += 1
        if row_no - 1 > max_rows:
            return {}, [Reject(name, f"metadata.csv too long: more than {max_rows:,} rows; ignored", "metadata")]
        where = f"{name}:{row_no}"
        if not any(cell.strip() for cell in cells):
            continue
        record = {column: one_line(cell) for column, cell in zip(columns, cells) if column}
        article_id = record.get("article_id", "")
        if not article_id:
            problem(where, f"row has no article_id (row {row_no})")
            continue
        if article_id in first_row:
            problem(where, f"duplicate article_id {_quoted(article_id)} (row {row_no}); row {first_row[article_id]} is used")
            continue
        first_row[article_id] = row_no
        values: dict[str, str] = {}
        for column in ("title", "source"):
            if record.get(column):
                values[column] = record[column]
        url = safe_url(record.get("url", ""))
        if url is None:
            problem(where, f"url {_quoted(record['url'])} is not an http(s) address (row {row_no})")
        elif url:
            values["url"] = url
        published = normalise_published(record.get("published", ""))
        if published is None:
            problem(where, f"published {_quoted(record['published'])} is not a date (row {row_no})")
        elif published:
            values["published"] = published
        target = _metadata_id(article_id, known_ids)
        if target not in known_ids:
            problem(where, f"no article file for article_id {_quoted(article_id)} (row {row_no})")
        else:
            by_article.setdefault(target, _MetadataRow(row_no, values))
    if n_problems > MAX_METADATA_REJECTS:
        rejects.append(Reject(name, f"{n_problems - MAX_METADATA_REJECTS:,} more metadata.csv problems not listed", "metadata"))
    return by_article, rejects


def _metadata_id(article_id: str, known: set[str]) -> str:
    """The article a row names; a row written with the file name (x.txt) still finds article x."""
    if article_id not in known:
        stem, dot, suffix = article_id.rpartition(".")
        if dot and f".{suffix.lower()}" in ARTICLE_SUFFIXES and stem in known:
            return stem
    return article_id


def _apply_metadata(articles: list[RawArticle], by_article: dict[str, _MetadataRow]) -> None:
    for article in articles:
        row = by_article.get(article.article_id)
        if not row:
            continue
        for column, value in row.values.items():
            setattr(article, column, value)
        if "published" in row.values:
            article.published_source = "metadata"


def _load_metadata(path: Path, real_root: str, known_ids: set[str], max_bytes: int,
                   max_rows: int) -> tuple[dict[str, _MetadataRow], list[Reject]]:
    """metadata.csv's rows by article, and what could not be used, by row; a broken file loses its rows, not the articles."""
    name = _without_surrogates(path.name)[0]
    try:
        return _read_metadata(path, name, real_root, known_ids, max_bytes, max_rows)
    except _Skip as skip:
        return {}, [Reject(name, f"{skip.reason}; ignored", skip.stage)]
    except Exception as error:
        return {}, [Reject(name, one_line(f"could not be read: {type(error).__name__}: {error}; ignored"), "metadata")]


# ---------------------------------------------------------------- corpus


def _scrub_article(article: RawArticle) -> None:
    """Lone surrogates left in any field, whatever their way in, become U+FFFD with a warning: the build must be able to encode it."""
    replaced = 0
    for column in ("article_id", "text", "title", "source", "url", "published", "origin"):
        value, n = _without_surrogates(getattr(article, column))
        if n:
            setattr(article, column, value)
            replaced += n
    scrubbed = [_without_surrogates(warning) for warning in article.warnings]
    article.warnings = [warning for warning, _ in scrubbed]
    replaced += sum(n for _, n in scrubbed)
    if replaced:
        article.warnings.append(_surrogate_warning(replaced))


def _scrub_reject(reject: Reject) -> Reject:
    return Reject(_without_surrogates(reject.file)[0], _without_surrogates(reject.reason)[0], reject.stage)


def _read_one(path: Path, shown: str, real_root: str, max_file_bytes: int, max_chars: int) -> _FileResult:
    """One file's articles and rejects; a file that cannot be used becomes a reject, never an exception."""
    try:
        result = _read_file(path, shown, real_root, max_file_bytes, max_chars)
    except _Skip as skip:
        return _FileResult(rejects=[Reject(shown, skip.reason, skip.stage)])
    except Exception as error:  # one bad file must never stop the build
        return _FileResult(rejects=[Reject(shown, one_line(f"could not be read: {type(error).__name__}: {error}"), "read")])
    if shown != path.name:  # bytes of the file name that are not UTF-8 arrive as lone surrogates
        warning = "file name is not valid UTF-8: its undecodable bytes are shown as \ufffd"
        result.rejects.insert(0, Reject(shown, f"{warning}; read as {_quoted(_without_surrogates(path.stem)[0])}", "decode"))
        for article in result.articles:
            article.article_id = _without_surrogates(article.article_id)[0]
            article.warnings.append(warning)
        result.ids = [_without_surrogates(i)[0] for i in result.ids]
    return result


def _iter_dir(input_dir: Path, max_file_bytes: int, max_chars: int, max_metadata_bytes: int, max_metadata_rows: int,
              rejects: list[Reject]) -> Iterator[RawArticle]:
    """The folder's articles one file at a time, metadata.csv applied; its rejects (files, then metadata rows, then
    unusable dates) go to `rejects` once the folder is read. Only one file's articles are held at a time."""
    real_root = os.path.realpath(input_dir)
    names: list[str] = []
    metadata_path: Path | None = None
    for name in sorted(os.listdir(input_dir)):
        if name.startswith(".") or name.lower() in IGNORED_NAMES:
            continue
        if name.lower() == METADATA_NAME:
            metadata_path = input_dir / name
        else:
            names.append(name)
    by_article: dict[str, _MetadataRow] = {}
    metadata_rejects: list[Reject] = []
    if metadata_path is not None:
        # A row is "missing its article" unless some file stands for its id: file stems, and the ids inside JSON Lines
        # files, which are read once here for their ids only.
        known_ids = {_without_surrogates(Path(name).stem)[0] for name in names
                     if Path(name).suffix.lower() in ARTICLE_SUFFIXES}
        for name in names:
            if Path(name).suffix.lower() == ".jsonl":
                known_ids.update(_read_one(input_dir / name, _without_surrogates(name)[0], real_root, max_file_bytes,
                                           max_chars).ids)
        by_article, metadata_rejects = _load_metadata(metadata_path, real_root, known_ids, max_metadata_bytes,
                                                      max_metadata_rows)
    file_rejects: list[Reject] = []
    date_rejects: list[Reject] = []
    for name in names:
        result = _read_one(input_dir / name, _without_surrogates(name)[0], real_root, max_file_bytes, max_chars)
        file_rejects.extend(result.rejects)
        _apply_metadata(result.articles, by_article)
        date_rejects.extend(problem for index, problem in sorted(result.date_problems.items())
                            if not result.articles[index].published)
        for article in result.articles:
            _scrub_article(article)
            yield article
    rejects.extend(_scrub_reject(reject) for reject in file_rejects + metadata_rejects + date_rejects)


def iter_corpus(input_dirs: list[Path], rejects: list[Reject], *, max_file_bytes: int = 50 * 2**20,
                max_text_chars: int = 2_000_000, max_metadata_bytes: int = MAX_METADATA_BYTES,
                max_metadata_rows: int = MAX_METADATA_ROWS) -> Iterator[RawArticle]:
    """Articles from every input folder in order (missing folders are skipped), one file's worth in memory at a time;
    a reject for everything not used is added to `rejects`, complete once the iterator is exhausted."""
    first_read: dict[str, tuple[int, str]] = {}
    for dir_index, input_dir in enumerate(map(Path, input_dirs)):
        if not input_dir.is_dir():
            continue
        duplicates: list[Reject] = []
        for article in _iter_dir(input_dir, max_file_bytes, max_text_chars, max_metadata_bytes, max_metadata_rows, rejects):
            if article.article_id in first_read:
                earlier_dir, earlier = first_read[article.article_id]
                where = earlier if earlier_dir == dir_index else f"{Path(input_dirs[earlier_dir]).name}/{earlier}"
                duplicates.append(_scrub_reject(Reject(article.origin, f"duplicate article_id {_quoted(article.article_id)}: already read from {where}; this one is skipped", "duplicate_id")))
                continue
            first_read[article.article_id] = (dir_index, article.origin)
            yield article
        rejects.extend(duplicates)


def read_corpus(input_dirs: list[Path], *, max_file_bytes: int = 50 * 2**20, max_text_chars: int = 2_000_000,
                max_metadata_bytes: int = MAX_METADATA_BYTES,
                max_metadata_rows: int = MAX_METADATA_ROWS) -> tuple[list[RawArticle], list[Reject]]:
    """Articles from every input folder in order (missing folders are skipped), and a reject for everything not used."""
    rejects: list[Reject] = []
    articles = list(iter_corpus(input_dirs, rejects, max_file_bytes=max_file_bytes, max_text_chars=max_text_chars,
                                max_metadata_bytes=max_metadata_bytes, max_metadata_rows=max_metadata_rows))
    return articles, rejects
