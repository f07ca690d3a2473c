"""Uploads (no Streamlit): safety checks for files and zips, refusing what the build would skip, saving without overwriting, removing."""
from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from preprocess.ingest import read_corpus

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
ZIP_SUFFIX = ".zip"
MAX_SESSION_BYTES = 200 * 2**20  # summed over one browser session: a visitor cannot fill the disk one upload at a time
MAX_STEM_CHARS = 100
MAX_SHOWN_NAME_CHARS = 120
ZIP_READ_BYTES = 1 << 16
CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 1024  # generous per entry; a bigger directory is a zip of far too many files
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))})

_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_ZIP64_EOCD_SIGNATURE = b"PK\x06\x06"
_UNSAFE_SHOWN_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class AcceptedFile:
    name: str
    data: bytes
    shown: str = field(default="", compare=False)  # as the analyst named it (zip/entry), for a later refusal


@dataclass
class Refusal:
    name: str
    reason: str


def safe_name(name: str) -> str:
    """A plain basename (letters of any script, digits, - _ .), lower-case extension; "" when nothing usable is left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1]
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in base)
    cleaned = re.sub(r"\.{2,}", ".", re.sub(r"_{2,}", "_", cleaned)).strip("._")  # no hidden files, no trailing dots
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    stem = stem.strip("._")[:MAX_STEM_CHARS].rstrip("._")
    if not stem:
        return ""
    if stem.upper() in WINDOWS_RESERVED:
        stem = "_" + stem
    return f"{stem}.{suffix.lower()}" if suffix else stem


def shown_name(name: str) -> str:
    """The name as given, made safe to print on one line (no control or bidi-override characters)."""
    shown = _UNSAFE_SHOWN_RE.sub("?", name)
    return shown if len(shown) <= MAX_SHOWN_NAME_CHARS else shown[: MAX_SHOWN_NAME_CHARS - 1] + "\u2026"


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MB"


def _limit_megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:g} MB"


def _suffix(name: str) -> str:
    _, dot, suffix = name.rpartition(".")
    return f".{suffix.lower()}" if dot else ""


def _unsupported(suffix: str) -> str:
    accepted = " ".join((*ARTICLE_SUFFIXES, ZIP_SUFFIX))
    return f"unsupported file type {suffix or '(no extension)'} (accepted: {accepted})"


class _Budget:
    """Files and bytes accepted so far in one upload, against its limits and what is left of the session's allowance."""

    def __init__(self, max_files: int, max_total_bytes: int, session_bytes_used: int = 0, max_session_bytes: int = MAX_SESSION_BYTES):
        self.max_files = max_files
        self.max_total_bytes = max_total_bytes
        self.session_bytes_used = session_bytes_used
        self.max_session_bytes = max_session_bytes
        self.files = 0
        self.total_bytes = 0

    def refusal(self, n_bytes: int) -> str | None:
        if self.files >= self.max_files:
            return f"too many files: the limit is {self.max_files:,} per upload"
        if self.total_bytes + n_bytes > self.max_total_bytes:
            return f"upload too large in total: over {_limit_megabytes(self.max_total_bytes)}"
        if self.session_bytes_used + self.total_bytes + n_bytes > self.max_session_bytes:
            return (f"over this session's upload allowance of {_limit_megabytes(self.max_session_bytes)} "
                    f"({_megabytes(self.session_bytes_used + self.total_bytes)} already added)")
        return None

    def bytes_left(self) -> int:
        return max(0, min(self.max_total_bytes - self.total_bytes,
                          self.max_session_bytes - self.session_bytes_used - self.total_bytes))

    def take(self, n_bytes: int) -> None:
        self.files += 1
        self.total_bytes += n_bytes


@dataclass
class _Limits:
    max_file_bytes: int
    max_files: int
    max_zip_ratio: float


def check_uploads(files: list[tuple[str, bytes]], *, max_file_bytes: int = 20 * 2**20, max_files: int = 500,
                  max_total_bytes: int = 200 * 2**20, max_zip_ratio: float = 100, session_bytes_used: int = 0,
                  max_session_bytes: int = MAX_SESSION_BYTES) -> tuple[list[AcceptedFile], list[Refusal]]:
    """Uploaded files (zips expanded) that are safe to save, and a one-line refusal for each one that is not.
    `session_bytes_used`: bytes this browser session has already added; the session may add `max_session_bytes` in all."""
    accepted: list[AcceptedFile] = []
    refusals: list[Refusal] = []
    budget = _Budget(max_files, max_total_bytes, session_bytes_used, max_session_bytes)
    limits = _Limits(max_file_bytes, max_files, max_zip_ratio)
    for name, data in files:
        shown = shown_name(name)
        clean = safe_name(name)
        if not clean:
            refusals.append(Refusal(shown, "name is empty once unsafe characters are removed"))
            continue
        suffix = _suffix(clean)
        if suffix == ZIP_SUFFIX:
            if len(data) > max_total_bytes:
                refusals.append(Refusal(shown, f"too large: {_megabytes(len(data))} > {_limit_megabytes(max_total_bytes)}"))
                continue
            _expand_zip(shown, data, limits, budget, accepted, refusals)
            continue
        if suffix not in ARTICLE_SUFFIXES:
            refusals.append(Refusal(shown, _unsupported(suffix)))
        elif len(data) > max_file_bytes:
            refusals.append(Refusal(shown, f"too large: {_megabytes(len(data))} > {_limit_megabytes(max_file_bytes)}"))
        elif reason := budget.refusal(len(data)):
            refusals.append(Refusal(shown, reason))
        else:
            budget.take(len(data))
            accepted.append(AcceptedFile(clean, data, shown))
    return accepted, refusals


def _zip_directory_size(data: bytes) -> tuple[int, int] | None:
    """(entries, central directory bytes) from the zip's end record, read before zipfile parses every entry."""
    position = data.rfind(_EOCD_SIGNATURE, max(0, len(data) - 22 - 0xFFFF))
    if position < 0 or position + 22 > len(data):
        return None
    entries = int.from_bytes(data[position + 10:position + 12], "little")
    directory_bytes = int.from_bytes(data[position + 12:position + 16], "little")
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        locator = position - 20
        if locator < 0 or data[locator:locator + 4] != _ZIP64_LOCATOR_SIGNATURE:
            return None
        record = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[record:record + 4] != _ZIP64_EOCD_SIGNATURE:
            return None
        entries = int.from_bytes(data[record + 32:record + 40], "little")
        directory_bytes = int.from_bytes(data[record + 40:record + 48], "little")
    return entries, directory_bytes


def _entry_problem(info: zipfile.ZipInfo, limits: _Limits) -> str | None:
    """Why a zip entry must not be unpacked, judged from its header alone."""
    raw = info.filename
    parts = re.split(r"[\\/]+", raw)
    if raw.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", raw):
        return "absolute path in zip entry"
    if ".." in parts:
        return "path with '..' in zip entry"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in zip"
    if info.flag_bits & 0x1:
        return "encrypted zip entry"
    if info.file_size > limits.max_file_bytes:
        return f"too large when unpacked: {_megabytes(info.file_size)} > {_limit_megabytes(limits.max_file_bytes)}"
    if info.file_size and (not info.compress_size or info.file_size / info.compress_size > limits.max_zip_ratio):
        ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
        return f"compression ratio {ratio:,.0f}:1 is over the {limits.max_zip_ratio:g}:1 limit (possible zip bomb)"
    return None


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: _Limits, byte_limit: int) -> bytes | str:
    """The entry's bytes, counted while unpacking (headers can lie), or the reason it was stopped."""
    cap = min(limits.max_file_bytes, byte_limit)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(ZIP_READ_BYTES):
                total += len(chunk)
                if total > cap:
                    return f"unpacks to more than {_limit_megabytes(cap)}; stopped"
                if info.compress_size and total / info.compress_size > limits.max_zip_ratio:
                    return f"compression ratio over the {limits.max_zip_ratio:g}:1 limit while unpacking (possible zip bomb); stopped"
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as error:
        return f"damaged zip entry: {' '.join(str(error).split()) or type(error).__name__}"
    return b"".join(chunks)


def _expand_zip(zip_name: str, data: bytes, limits: _Limits, budget: _Budget,
                accepted: list[AcceptedFile], refusals: list[Refusal]) -> None:
    directory = _zip_directory_size(data)
    if directory is None:
        refusals.append(Refusal(zip_name, "not a valid zip file"))
        return
    entries, directory_bytes = directory
    if entries > limits.max_files or directory_bytes > limits.max_files * CENTRAL_DIRECTORY_BYTES_PER_ENTRY:
        refusals.append(Refusal(zip_name, f"zip holds {entries:,} entries; the limit is {limits.max_files:,} files per upload"))
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        refusals.append(Refusal(zip_name, f"not a valid zip file ({' '.join(str(error).split())})"))
        return
    with archive:
        for info in infos:
            shown = f"{zip_name}/{shown_name(info.filename)}"
            parts = [part for part in re.split(r"[\\/]+", info.filename) if part]
            if info.is_dir() or not parts:
                continue
            if parts[0] == "__MACOSX" or parts[-1].startswith("."):
                continue  # Finder and editor leftovers, not articles
            if problem := _entry_problem(info, limits):
                refusals.append(Refusal(shown, problem))
                continue
            clean = safe_name(parts[-1])
            suffix = _suffix(clean)
            if not clean:
                refusals.append(Refusal(shown, "name is empty once unsafe characters are removed"))
            elif suffix == ZIP_SUFFIX:
                refusals.append(Refusal(shown, "nested zip files are not expanded"))
            elif suffix not in ARTICLE_SUFFIXES:
                refusals.append(Refusal(shown, _unsupported(suffix)))
            elif reason := budget.refusal(info.file_size):
                refusals.append(Refusal(shown, reason))
            else:
                content = _unpack(archive, info, limits, budget.bytes_left())
                if isinstance(content, str):
                    refusals.append(Refusal(shown, content))
                else:
                    budget.take(len(content))
                    accepted.append(AcceptedFile(clean, content, shown))


def _candidate_names(name: str):
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    yield name
    number = 2
    while True:
        yield f"{stem}-{number}.{suffix}" if suffix else f"{stem}-{number}"
        number += 1


def _same_content(path: Path, digest: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def save_accepted(accepted: list[AcceptedFile], user_dir: Path, notes: list[str] | None = None) -> list[Path]:
    """Write each file into user_dir atomically; the same content already there is skipped, a different file is never overwritten
    (the new one becomes name-2.txt). paths[i] is where accepted[i] now lives; `notes` gets one line per file saying what happened."""
    user_dir = Path(user_dir)
    user_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for item in accepted:
        name = safe_name(item.name)
        if not name:
            raise ValueError(f"unsafe file name {shown_name(item.name)!r}")
        digest = hashlib.sha256(item.data).hexdigest()
        for candidate in _candidate_names(name):
            target = user_dir / candidate
            if target.exists() or target.is_symlink():
                if target.is_file() and not target.is_symlink() and _same_content(target, digest):
                    paths.append(target)
                    _note(notes, f"{name}: already there with the same content; not saved again" + (f" (as {candidate})" if candidate != name else ""))
                    break
                continue
            if _write_new(target, item.data):
                paths.append(target)
                _note(notes, f"{name}: saved" if candidate == name else f"{name}: a different file has that name; saved as {candidate}")
                break
    return paths


def _note(notes: list[str] | None, line: str) -> None:
    if notes is not None:
        notes.append(line)


def _write_new(target: Path, data: bytes) -> bool:
    """Write data to target atomically unless target appeared meanwhile (then False): a reader never sees half a file."""
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".upload-", suffix=".part", delete=False)
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, target)  # unlike rename, a hard link fails if the name was taken in the meantime
        except FileExistsError:
            return False
        except OSError:
            if target.exists():
                return False
            os.replace(temporary, target)  # file systems without hard links
        return True
    finally:
        temporary.unlink(missing_ok=True)


# ---------------------------------------------------------------- what the build would skip, and removing uploads


def article_ids(folder: Path) -> dict[str, str]:
    """article_id -> file name for the .txt/.html files directly in `folder` (their id is the file stem); {} if it is missing.
    JSON Lines records carry their own ids, read only by the build: a clash with one of those is reported by the build."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return {}
    ids: dict[str, str] = {}
    for name in names:
        stem, suffix = name.rpartition(".")[0], _suffix(name)
        if stem and not name.startswith(".") and suffix in ARTICLE_SUFFIXES and suffix != ".jsonl":
            ids.setdefault(stem, name)
    return ids


def _first_reason(rejects) -> str:
    if not rejects:
        return "no article in it"
    more = f" (and {len(rejects) - 1:,} more)" if len(rejects) > 1 else ""
    return f"{rejects[0].reason}{more}"


def refuse_what_the_build_skips(accepted: list[AcceptedFile], seed_ids: Mapping[str, str],
                                upload_ids: Mapping[str, str]) -> tuple[list[AcceptedFile], list[Refusal]]:
    """The files of `accepted` the build would read, and a refusal for each one it would skip, with the build's reason: no
    usable article (not Arabic, empty, undecodable: judged by the build's own reader, preprocess.ingest.read_corpus), or an
    article_id already taken, by a bundled article (`seed_ids`: read first, so the upload would be the one skipped) or by
    another file in the user folder (`upload_ids`) or in this upload. A file of the same name is not a clash: saving keeps
    both (name-2.txt) or skips the same content."""
    kept: list[AcceptedFile] = []
    refusals: list[Refusal] = []
    owners = dict(upload_ids)
    with tempfile.TemporaryDirectory(prefix="rasid-upload-check-") as scratch:
        for item in accepted:
            shown = item.shown or shown_name(item.name)
            path = Path(scratch) / item.name
            path.write_bytes(item.data)
            try:
                articles, rejects = read_corpus([Path(scratch)])
            except Exception as error:  # the build skips a file its reader fails on; so does the upload
                articles, rejects = [], [Refusal(shown, f"could not be read: {type(error).__name__}")]
            finally:
                path.unlink()
            if not articles:
                refusals.append(Refusal(shown, f"the build would skip it: {_first_reason(rejects)}"))
                continue
            ids = [article.article_id for article in articles]
            seeds = [i for i in ids if i in seed_ids]
            clashes = [i for i in ids if i in owners and owners[i] != item.name]
            if len(seeds) == len(ids):
                refusals.append(Refusal(shown, f"article id {seeds[0]!r} is a bundled article's ({shown_name(seed_ids[seeds[0]])}); "
                                               f"the build would skip this file: rename it"))
            elif len(clashes) == len(ids):
                refusals.append(Refusal(shown, f"article id {clashes[0]!r} is taken by {shown_name(owners[clashes[0]])}; "
                                               f"the build would skip one of them: rename it"))
            else:
                kept.append(item)
                for article_id in ids:
                    owners.setdefault(article_id, item.name)
    return kept, refusals


def list_uploads(user_dir: Path) -> list[str]:
    """Names of the article files the analyst uploaded (regular files directly in the user folder)."""
    try:
        entries = sorted(os.scandir(user_dir), key=lambda entry: entry.name)
    except OSError:
        return []
    return [entry.name for entry in entries
            if not entry.name.startswith(".") and _suffix(entry.name) in ARTICLE_SUFFIXES and entry.is_file(follow_symlinks=False)]


def remove_uploads(names: list[str], user_dir: Path) -> tuple[list[str], list[Refusal]]:
    """Deletes the named files from the user folder, and nothing else: a name must be a plain article file name
    (no folder, no '..', no link) of a regular file directly in `user_dir`; anything else is refused with the reason."""
    folder = Path(user_dir).resolve()
    removed: list[str] = []
    refusals: list[Refusal] = []
    for name in names:
        shown = shown_name(str(name))
        if not isinstance(name, str) or name in ("", ".", "..") or any(ch in name for ch in "/\\\0"):
            refusals.append(Refusal(shown, "not a plain file name in the user folder; nothing removed"))
            continue
        if _suffix(name) not in ARTICLE_SUFFIXES:
            refusals.append(Refusal(shown, "not an article file; nothing removed"))
            continue
        path = folder / name
        try:
            info = path.lstat()
        except OSError:
            refusals.append(Refusal(shown, "not in the user folder; nothing removed"))
            continue
        if path.parent.resolve() != folder or not stat.S_ISREG(info.st_mode):
            refusals.append(Refusal(shown, "not a regular file in the user folder; nothing removed"))
            continue
        try:
            path.unlink()
        except OSError as error:
            refusals.append(Refusal(shown, f"could not be removed: {error.strerror or type(error).__name__}"))
            continue
        removed.append(name)
    return removed, refusals
