"""Cue-word lists from data/resources/extraction.yaml compiled into matchers over normalised text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from preprocess.normalize import NormalizedText, clitic_pattern, normalize_char_string

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "resources"
_WORD_CHAR = r"\w"


class CueError(Exception):
    """A cue resource file is broken; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _entry_pattern(entry: str) -> str:
    prefix = entry.endswith("*")
    words = normalize_char_string(entry.rstrip("*")).split()
    head = clitic_pattern(words[0])
    rest = r"\s+" + r"\s+".join(re.escape(w) for w in words[1:]) if len(words) > 1 else ""
    tail = _WORD_CHAR + "*" if prefix else ""
    return f"(?<!{_WORD_CHAR}){head}{rest}{tail}(?!{_WORD_CHAR})"


def compile_words(entries: list[str]) -> re.Pattern:
    """One regex matching any entry (longest first), with clitics allowed in front."""
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return re.compile("|".join(_entry_pattern(e) for e in ordered))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = ""


def find_spans(pattern: re.Pattern, normalized: NormalizedText, label: str = "") -> list[Span]:
    """All matches of a cue pattern, as spans of the ORIGINAL text."""
    out = []
    for m in pattern.finditer(normalized.text):
        start, end = normalized.to_original(m.start(), m.end())
        out.append(Span(start, end, label))
    return out


@dataclass(frozen=True)
class AnchorEvent:
    event_id: str
    date: date
    note: str
    patterns: tuple[re.Pattern, ...]


@dataclass
class Cues:
    """Compiled cue lists; attribute names follow the keys of extraction.yaml."""

    words: dict[str, re.Pattern] = field(default_factory=dict)
    labelled: dict[str, dict[str, re.Pattern]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    person_singular: frozenset[str] = frozenset()
    dual_suffixes: tuple[str, ...] = ()
    person_plural: frozenset[str] = frozenset()
    outlets: dict[str, list[str]] = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    anchors: tuple[AnchorEvent, ...] = ()

    def __getattr__(self, name: str) -> re.Pattern:
        words = self.__dict__.get("words", {})
        if name in words:
            return words[name]
        raise AttributeError(name)


_LABELLED = ("weapons", "kind_cues", "foreign_forces")
_RAW_LISTS = ("group_name_stopwords", "generic_group_words", "unquoted_group_heads", "group_heads", "level_before")


def load_cues(resources_dir: Path | str = RESOURCES_DIR) -> Cues:
    """Load extraction.yaml and anchor_events.yaml; raise CueError listing every problem."""
    resources_dir = Path(resources_dir)
    problems: list[str] = []
    path = resources_dir / "extraction.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CueError([f"{path.name}: cannot read: {exc}"]) from exc
    cues = Cues()
    for key, value in raw.items():
        if key == "person_nouns":
            cues.person_singular = frozenset(normalize_char_string(w) for w in value.get("singular", []))
            cues.dual_suffixes = tuple(value.get("dual_suffixes", []))
            cues.person_plural = frozenset(normalize_char_string(w) for w in value.get("plural", []))
        elif key == "actor_roles":
            cues.roles = dict(value)
        elif key == "outlets":
            cues.outlets = {name: list(aliases) for name, aliases in value.items()}
        elif key in _LABELLED:
            if not isinstance(value, dict):
                problems.append(f"{path.name}: {key}: expected a mapping of label -> words")
                continue
            cues.labelled[key] = {label: compile_words(words) for label, words in value.items()}
        elif isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value):
            cues.words[key] = compile_words(value)
            if key in _RAW_LISTS:
                cues.lists[key] = [normalize_char_string(w) for w in value]
        else:
            problems.append(f"{path.name}: {key}: expected a list of non-empty words")
    cues.anchors = tuple(_load_anchors(resources_dir / "anchor_events.yaml", problems))
    if problems:
        raise CueError(problems)
    return cues


def _load_anchors(path: Path, problems: list[str]) -> list[AnchorEvent]:
    try:
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path.name}: cannot read: {exc}")
        return []
    anchors = []
    for rec in records:
        rid = rec.get("id", "?")
        try:
            when = rec["date"] if isinstance(rec["date"], date) else date.fromisoformat(str(rec["date"]))
            pats = tuple(re.compile(p) for p in rec["patterns"])
        except (KeyError, ValueError, re.error) as exc:
            problems.append(f"{path.name}: {rid}: {exc}")
            continue
        anchors.append(AnchorEvent(rid, when, rec.get("note", ""), pats))
    return anchors
