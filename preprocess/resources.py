"""Load and validate the Arabic date, number and qualifier resources in data/resources/."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from preprocess.normalize import normalize_char_string

# libyaml's loader when PyYAML has it (about 8x faster; same values for these files), else the pure-Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream) -> Any:
    """yaml.safe_load through libyaml when available: every process loads the resources once, at start."""
    return yaml.load(stream, Loader=_YAML_LOADER)

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "data" / "resources"
MONTHS_FILE = "months.yaml"
NUMBERS_FILE = "numbers.yaml"
QUALIFIERS_FILE = "qualifiers.yaml"

PARTS = ("early", "mid", "late")
SUFFIX_DIRECTIONS = ("past", "next", "current")
PERIOD_UNITS = ("month", "year", "week")
NUMBER_KINDS = ("unit", "teen", "ten", "hundred", "scale", "scale_dual", "scale_plural", "few")
QUALIFIERS = ("exact", "approx", "less_than", "more_than", "at_least")


class ResourceError(ValueError):
    """A resource file is missing or malformed; the message lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid language resources:\n  " + "\n  ".join(problems))


def norm(word: str) -> str:
    """Normalise a resource word exactly like article text, with runs of spaces collapsed."""
    return " ".join(normalize_char_string(str(word)).split())


def _atoms(normalized: str) -> list[str]:
    """Regex atoms of a normalised phrase: any whitespace between words, و may stand apart
    (الحادي و العشرين)."""
    atoms: list[str] = []
    for i, word in enumerate(normalized.split()):
        if i:
            atoms.append("\\s+")
        if i and word.startswith("و") and len(word) > 3:
            atoms += ["و", "\\s*"]
            word = word[1:]
        atoms += [re.escape(ch) for ch in word]
    return atoms


def phrase_key(matched: str) -> str:
    """The resource key of text matched by an `alternation`: single spaces, a detached و joined again."""
    return re.sub(r"(?<!\S)و ", "و", " ".join(matched.split()))


def alternation(phrases) -> str:
    """Non-capturing alternation of normalised phrases, written as a trie so the regex engine tests each
    letter once; at every branch longer continuations are tried first, so the longest phrase wins."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return "(?:" + emit(trie) + ")"


class _Problems:
    """Collects problems as 'file: key: message' so one run reports them all."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, key: str, message: str) -> None:
        self.items.append(f"{file}: {key}: {message}")


def _read(directory: Path, file: str, problems: _Problems) -> dict[str, Any]:
    path = directory / file
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(file, "-", f"file not found in {directory}")
        return {}
    except yaml.YAMLError as exc:
        problems.add(file, "-", f"not valid YAML: {exc}")
        return {}
    if not isinstance(data, dict):
        problems.add(file, "-", "top level must be a mapping")
        return {}
    return data


def _words(value: Any, file: str, key: str, problems: _Problems) -> list[str]:
    """A non-empty list of non-empty strings, normalised."""
    if not isinstance(value, list) or not value:
        problems.add(file, key, "must be a non-empty list of words")
        return []
    out = []
    for item in value:
        if not isinstance(item, str) or not norm(item):
            problems.add(file, key, f"{item!r} is not a non-empty string")
        else:
            out.append(norm(item))
    return out


def _numbered(data: dict[str, Any], name: str, numbers: range, what: str, file: str, problems: _Problems) -> dict:
    """A mapping that must hold every number of a range (months 1-12, days 1-31); each gap is reported."""
    raw = data.get(name)
    if not isinstance(raw, dict):
        problems.add(file, name, f"must map {what}")
        return {}
    for number in numbers:
        if number not in raw:
            problems.add(file, f"{name}.{number}", "missing")
    return raw


def _records(data: dict[str, Any], name: str, fields: str, file: str, problems: _Problems):
    """(key, mapping) for each entry of a non-empty list of mappings; every malformed part is reported."""
    raw = data.get(name)
    if not isinstance(raw, list) or not raw:
        problems.add(file, name, f"must be a non-empty list of mappings with {fields}")
        return
    for i, entry in enumerate(raw):
        key = f"{name}[{i}]"
        if isinstance(entry, dict):
            yield key, entry
        else:
            problems.add(file, key, f"must be a mapping with {fields}")


def _int(value: Any, file: str, key: str, problems: _Problems, lo: int, hi: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        problems.add(file, key, f"{value!r} must be an integer from {lo} to {hi}")
        return None
    return value


def _assign(table: dict[str, Any], word: str, meaning: Any, file: str, key: str, problems: _Problems) -> None:
    """Map a word to one meaning; the same word with two meanings is an error."""
    if word in table and table[word] != meaning:
        problems.add(file, key, f"{word!r} means both {table[word]!r} and {meaning!r}")
    table[word] = meaning


@dataclass(frozen=True)
class MonthResources:
    """Date vocabulary, every word normalised."""

    month_names: dict[str, int]
    english_months: dict[str, int]  # lower-case English names and abbreviations (embedded posts: "Jan 28, 2024")
    month_calendars: dict[str, tuple[str, ...]]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    week_starts_on: int
    weekday_blockers: tuple[str, ...]
    ordinal_days: dict[str, int]
    day_month_link: tuple[str, ...]
    day_article: tuple[str, ...]
    day_word: tuple[str, ...]
    weekday_link: tuple[str, ...]
    month_word: tuple[str, ...]
    year_suffix: tuple[str, ...]
    clitics: tuple[str, ...]
    year_keywords: tuple[str, ...]
    year_prepositions: tuple[str, ...]
    year_range_links: tuple[str, ...]
    keyword_year_range: tuple[int, int]
    plausible_year_range: tuple[int, int]
    weekday_year_range: tuple[int, int]
    parts: dict[str, str]
    suffixes: dict[str, str]
    relative_days: dict[str, int]
    today_blockers: tuple[str, ...]
    relative_periods: dict[str, tuple[str, int]]
    part_only_periods: dict[str, str]
    dateline_labels: tuple[str, ...]
    time_suffixes: tuple[str, ...]
    dateline_max_lines: int


@dataclass(frozen=True)
class NumberResources:
    """Number words, every form normalised."""

    words: dict[str, tuple[str, int]]
    few_value: int
    few_qualifier: str
    no_clitic_forms: frozenset[str]
    clitics: tuple[str, ...]
    conjunction: str
    ordinal_units: tuple[str, ...]


@dataclass(frozen=True)
class QualifierResources:
    """Qualifier phrases, normalised, mapped to a qualifier label."""

    before: dict[str, str]
    after: dict[str, str]
    default: str


def _range(value: Any, file: str, key: str, problems: _Problems) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value) or value[0] > value[1]):
        problems.add(file, key, f"{value!r} must be [low, high] integers")
        return (0, 0)
    return (value[0], value[1])


def _parse_months(data: dict[str, Any], problems: _Problems) -> MonthResources:
    f = MONTHS_FILE
    calendars = data.get("calendars")
    if not isinstance(calendars, dict) or not calendars:
        problems.add(f, "calendars", "must map each calendar name to a description")
        calendars = {}

    month_names: dict[str, int] = {}
    month_calendars: dict[str, set[str]] = {}
    months = _numbered(data, "months", range(1, 13), "month numbers 1-12 to calendars", f, problems)
    for number, by_calendar in months.items():
        key = f"months.{number}"
        if _int(number, f, key, problems, 1, 12) is None:
            continue
        if not isinstance(by_calendar, dict) or not by_calendar:
            problems.add(f, key, "must map calendar names to lists of names")
            continue
        for calendar, names in by_calendar.items():
            if calendar not in calendars:
                problems.add(f, f"{key}.{calendar}", "calendar not declared under `calendars`")
            for name in _words(names, f, f"{key}.{calendar}", problems):
                _assign(month_names, name, number, f, f"{key}.{calendar}", problems)
                month_calendars.setdefault(name, set()).add(str(calendar))

    english_months: dict[str, int] = {}
    for number, names in _numbered(data, "english_months", range(1, 13), "month numbers 1-12 to English names",
                                   f, problems).items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n.isascii() and n.strip() for n in names):
            problems.add(f, f"english_months.{number}", "must be a list of English names")
            continue
        for name in names:
            english_months[name.strip().lower()] = int(number)

    ambiguous = _words(data.get("ambiguous_months"), f, "ambiguous_months", problems)
    for name in ambiguous:
        if name not in month_names:
            problems.add(f, "ambiguous_months", f"{name!r} is not a month name")

    weekdays: dict[str, int] = {}
    raw_weekdays = data.get("weekdays")
    if not isinstance(raw_weekdays, dict) or sorted(raw_weekdays) != list(range(7)):
        problems.add(f, "weekdays", "must map each weekday number 0 (Monday) to 6 to names")
        raw_weekdays = raw_weekdays if isinstance(raw_weekdays, dict) else {}
    for number, names in raw_weekdays.items():
        for name in _words(names, f, f"weekdays.{number}", problems):
            _assign(weekdays, name, number, f, f"weekdays.{number}", problems)
    week_starts_on = _int(data.get("week_starts_on"), f, "week_starts_on", problems, 0, 6) or 0

    ordinal_days: dict[str, int] = {}
    raw_ordinals = _numbered(data, "ordinal_days", range(1, 32), "day numbers 1-31 to ordinal words", f, problems)
    for day, names in raw_ordinals.items():
        if _int(day, f, f"ordinal_days.{day}", problems, 1, 31) is None:
            continue
        for name in _words(names, f, f"ordinal_days.{day}", problems):
            _assign(ordinal_days, name, day, f, f"ordinal_days.{day}", problems)

    syntax = data.get("syntax") if isinstance(data.get("syntax"), dict) else {}
    if not syntax:
        problems.add(f, "syntax", "missing")

    def syntax_words(key: str) -> tuple[str, ...]:
        return tuple(_words(syntax.get(key), f, f"syntax.{key}", problems))

    years = data.get("years") if isinstance(data.get("years"), dict) else {}
    if not years:
        problems.add(f, "years", "missing")

    parts: dict[str, str] = {}
    raw_parts = data.get("parts") if isinstance(data.get("parts"), dict) else {}
    for part in PARTS:
        for name in _words(raw_parts.get(part), f, f"parts.{part}", problems):
            _assign(parts, name, part, f, f"parts.{part}", problems)
    for part in raw_parts:
        if part not in PARTS:
            problems.add(f, f"parts.{part}", f"unknown part (expected one of {', '.join(PARTS)})")

    suffixes: dict[str, str] = {}
    raw_suffixes = data.get("relative_suffixes") if isinstance(data.get("relative_suffixes"), dict) else {}
    for direction in SUFFIX_DIRECTIONS:
        for name in _words(raw_suffixes.get(direction), f, f"relative_suffixes.{direction}", problems):
            _assign(suffixes, name, direction, f, f"relative_suffixes.{direction}", problems)

    relative_days: dict[str, int] = {}
    for key, entry in _records(data, "relative_days", "offset and names", f, problems):
        offset = _int(entry.get("offset"), f, f"{key}.offset", problems, -14, 14)
        for name in _words(entry.get("names"), f, f"{key}.names", problems):
            if offset is not None:
                _assign(relative_days, name, offset, f, key, problems)

    relative_periods: dict[str, tuple[str, int]] = {}
    for key, entry in _records(data, "relative_periods", "unit, offset and names", f, problems):
        unit = entry.get("unit")
        if unit not in PERIOD_UNITS:
            problems.add(f, f"{key}.unit", f"{unit!r} must be one of {', '.join(PERIOD_UNITS)}")
        offset = _int(entry.get("offset"), f, f"{key}.offset", problems, -12, 12)
        for name in _words(entry.get("names"), f, f"{key}.names", problems):
            if offset is not None and unit in PERIOD_UNITS:
                _assign(relative_periods, name, (unit, offset), f, key, problems)

    part_only: dict[str, str] = {}
    raw_part_only = data.get("part_only_periods") if isinstance(data.get("part_only_periods"), dict) else {}
    if not raw_part_only:
        problems.add(f, "part_only_periods", "missing")
    for unit, names in raw_part_only.items():
        if unit not in ("month", "year"):
            problems.add(f, f"part_only_periods.{unit}", "unit must be month or year")
        for name in _words(names, f, f"part_only_periods.{unit}", problems):
            _assign(part_only, name, unit, f, f"part_only_periods.{unit}", problems)

    dateline = data.get("dateline") if isinstance(data.get("dateline"), dict) else {}
    if not dateline:
        problems.add(f, "dateline", "missing")

    return MonthResources(
        month_names=month_names,
        english_months=english_months,
        month_calendars={k: tuple(sorted(v)) for k, v in month_calendars.items()},
        ambiguous_months=frozenset(ambiguous),
        weekdays=weekdays,
        week_starts_on=week_starts_on,
        weekday_blockers=tuple(_words(data.get("weekday_blockers"), f, "weekday_blockers", problems)),
        ordinal_days=ordinal_days,
        day_month_link=syntax_words("day_month_link"),
        day_article=syntax_words("day_article"),
        day_word=syntax_words("day_word"),
        weekday_link=syntax_words("weekday_link"),
        month_word=syntax_words("month_word"),
        year_suffix=syntax_words("year_suffix"),
        clitics=syntax_words("clitics"),
        year_keywords=tuple(_words(years.get("keywords"), f, "years.keywords", problems)),
        year_prepositions=tuple(_words(years.get("prepositions"), f, "years.prepositions", problems)),
        year_range_links=tuple(_words(years.get("range_links"), f, "years.range_links", problems)),
        keyword_year_range=_range(years.get("keyword_range"), f, "years.keyword_range", problems),
        plausible_year_range=_range(years.get("plausible_range"), f, "years.plausible_range", problems),
        weekday_year_range=_range(years.get("weekday_range"), f, "years.weekday_range", problems),
        parts=parts,
        suffixes=suffixes,
        relative_days=relative_days,
        today_blockers=tuple(_words(data.get("today_blockers"), f, "today_blockers", problems)),
        relative_periods=relative_periods,
        part_only_periods=part_only,
        dateline_labels=tuple(_words(dateline.get("labels"), f, "dateline.labels", problems)),
        time_suffixes=tuple(_words(dateline.get("time_suffixes"), f, "dateline.time_suffixes", problems)),
        dateline_max_lines=_int(dateline.get("max_lines"), f, "dateline.max_lines", problems, 1, 100) or 12,
    )


def _parse_numbers(data: dict[str, Any], problems: _Problems) -> NumberResources:
    f = NUMBERS_FILE
    words: dict[str, tuple[str, int]] = {}
    for key, entry in _records(data, "words", "value, kind and forms", f, problems):
        kind = entry.get("kind")
        if kind not in NUMBER_KINDS:
            problems.add(f, f"{key}.kind", f"{kind!r} must be one of {', '.join(NUMBER_KINDS)}")
        value = _int(entry.get("value"), f, f"{key}.value", problems, 1, 10**12)
        for form in _words(entry.get("forms"), f, f"{key}.forms", problems):
            if value is not None and kind in NUMBER_KINDS:
                _assign(words, form, (kind, value), f, key, problems)

    few = data.get("few") if isinstance(data.get("few"), dict) else {}
    few_value = _int(few.get("value"), f, "few.value", problems, 1, 9) or 3
    few_qualifier = few.get("qualifier")
    if few_qualifier not in QUALIFIERS:
        problems.add(f, "few.qualifier", f"{few_qualifier!r} must be one of {', '.join(QUALIFIERS)}")

    no_clitic = _words(data.get("no_clitic_forms"), f, "no_clitic_forms", problems)
    for form in no_clitic:
        if form not in words:
            problems.add(f, "no_clitic_forms", f"{form!r} is not a number word")
    conjunction = data.get("conjunction")
    if not isinstance(conjunction, str) or len(norm(conjunction)) != 1:
        problems.add(f, "conjunction", "must be a single letter")
        conjunction = "و"
    clitics = _words(data.get("clitics"), f, "clitics", problems)
    for clitic in clitics:
        if len(clitic) != 1:
            problems.add(f, "clitics", f"{clitic!r} must be a single letter")

    return NumberResources(
        words=words,
        few_value=few_value,
        few_qualifier=str(few_qualifier),
        no_clitic_forms=frozenset(no_clitic),
        clitics=tuple(clitics),
        conjunction=norm(conjunction),
        ordinal_units=tuple(_words(data.get("ordinal_units"), f, "ordinal_units", problems)),
    )


def _parse_qualifiers(data: dict[str, Any], problems: _Problems) -> QualifierResources:
    f = QUALIFIERS_FILE
    declared = data.get("qualifiers")
    if declared != list(QUALIFIERS):
        problems.add(f, "qualifiers", f"must be exactly {list(QUALIFIERS)}")
    default = data.get("default")
    if default not in QUALIFIERS:
        problems.add(f, "default", f"{default!r} must be one of {', '.join(QUALIFIERS)}")
    tables: dict[str, dict[str, str]] = {}
    for position in ("before", "after"):
        table: dict[str, str] = {}
        raw = data.get(position)
        if not isinstance(raw, dict) or not raw:
            problems.add(f, position, "must map qualifiers to phrase lists")
            raw = {}
        for qualifier, phrases in raw.items():
            key = f"{position}.{qualifier}"
            if qualifier not in QUALIFIERS or qualifier == "exact":
                problems.add(f, key, "unknown qualifier (exact needs no phrase)")
                continue
            for phrase in _words(phrases, f, key, problems):
                _assign(table, phrase, qualifier, f, key, problems)
        tables[position] = table
    return QualifierResources(before=tables["before"], after=tables["after"], default=str(default))


def load_all(
    directory: Path | str = RESOURCES_DIR,
) -> tuple[MonthResources, NumberResources, QualifierResources]:
    """Read and validate all three files; raise ResourceError listing every problem at once."""
    directory = Path(directory)
    problems = _Problems()
    months = _parse_months(_read(directory, MONTHS_FILE, problems), problems)
    numbers = _parse_numbers(_read(directory, NUMBERS_FILE, problems), problems)
    qualifiers = _parse_qualifiers(_read(directory, QUALIFIERS_FILE, problems), problems)
    if problems.items:
        raise ResourceError(problems.items)
    return months, numbers, qualifiers


@lru_cache(maxsize=None)
def _load_default() -> tuple[MonthResources, NumberResources, QualifierResources]:
    return load_all(RESOURCES_DIR)


def load_months() -> MonthResources:
    """The validated date vocabulary from data/resources (cached)."""
    return _load_default()[0]


def load_numbers() -> NumberResources:
    """The validated number words from data/resources (cached)."""
    return _load_default()[1]


def load_qualifiers() -> QualifierResources:
    """The validated qualifier phrases from data/resources (cached)."""
    return _load_default()[2]


class Guarded:
    """A compiled pattern behind a test of the literals every match of it holds (at least one of `needles`): a text
    holding none of them has no match, and a substring test costs far less than the pattern tried at every position,
    which is what a pattern opening with a look-behind costs. search, match and finditer give what the pattern's
    give (a needle missing from the whole text is missing from any part of it)."""

    __slots__ = ("pattern", "needles")

    def __init__(self, pattern: re.Pattern, needles: tuple[str, ...]):
        self.pattern, self.needles = pattern, needles

    def _may_match(self, text: str) -> bool:
        for needle in self.needles:
            if needle in text:
                return True
        return False

    def search(self, text: str, *pos):
        return self.pattern.search(text, *pos) if self._may_match(text) else None

    def match(self, text: str, *pos):
        return self.pattern.match(text, *pos) if self._may_match(text) else None

    def finditer(self, text: str, *pos):
        return self.pattern.finditer(text, *pos) if self._may_match(text) else iter(())


_NEAR_MEMO: dict[tuple, tuple[str, list]] = {}  # (pattern, anchor, margin) -> the last text searched and its matches


def finditer_near(pattern: re.Pattern, anchor: re.Pattern, text: str, margin: int = 100):
    """Matches of `pattern` searched only in windows of `margin` characters around hits of `anchor`.

    Every match of the pattern must contain an anchor hit and reach at most `margin` characters beyond it;
    a quick anchor scan (a trie of literals, or a pattern that starts with a digit) then spares the full
    pattern's per-character cost on the rest of the text.

    The matches of the last text searched are kept per (pattern, anchor, margin): an article's dates are looked
    for twice (publication date, then extraction) in the same normalised text. Match objects are immutable.
    """
    key = (pattern, anchor, margin)
    last = _NEAR_MEMO.get(key)
    if last is not None and (last[0] is text or (len(last[0]) == len(text) and last[0] == text)):
        return iter(last[1])
    matches = list(_finditer_near(pattern, anchor, text, margin))
    _NEAR_MEMO[key] = (text, matches)
    return iter(matches)


def _finditer_near(pattern: re.Pattern, anchor: re.Pattern, text: str, margin: int):
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        start, end = max(0, a.start() - margin), min(len(text), a.end() + margin)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        for m in pattern.finditer(text, start, end):
            # A window's end looks like the end of the text to lookaheads; a match touching it is cut short.
            if m.end() < end or end == len(text):
                yield m
