"""Gazetteer of actors and places: loading, validation, and one compiled longest-match finder over Arabic text."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from preprocess.frozen import quick_init
from preprocess.normalize import (
    ARABIC_WORD_BOUNDARY_AFTER,
    ARABIC_WORD_BOUNDARY_BEFORE,
    ARTICLE,
    CLITIC_PREFIX_RE,
    NormalizedText,
    normalize,
    normalize_char_string,
)
from preprocess.resources import safe_load

ACTORS_FILE = "actors.yaml"
PLACES_FILE = "places.yaml"
ACTOR_KIND = "actor"
PLACE_KIND = "place"
ACTOR_TYPES = ("militia", "state", "armed_forces", "person", "organization")
PLACE_TYPES = ("base", "city", "province", "country", "facility", "region")
COUNTRY_TYPE = "country"
CITY_TYPE = "city"
REGION_TYPE = "region"
STATE_TYPE = "state"
COORD_PRECISIONS = ("exact", "approximate")
APPROXIMATE = "approximate"

ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
REQUIRED_FIELDS = ("id", "name_en", "name_ar", "type")
PLACE_REQUIRED_FIELDS = ("country", "lat", "lon", "coord_source")
LIST_FIELDS = ("aliases_ar", "aliases_en", "not_followed_by", "not_preceded_by")
STRING_FIELDS = ("name_en", "name_ar", "type", "note", "coord_source", "country", "parent", "state", "city",
                 "coord_precision")
COMMON_FIELDS = frozenset(REQUIRED_FIELDS + LIST_FIELDS + ("note", "match_names"))
ACTOR_FIELDS = COMMON_FIELDS | {"parent"}
PLACE_FIELDS = COMMON_FIELDS | set(PLACE_REQUIRED_FIELDS) | {"state", "city", "coord_precision", "within"}

LAM = "\u0644"
DOUBLE_QUOTE = '"'
APOSTROPHE = "'"
# The press writes quotes around part of a name (كتائب "حزب الله"); between two words of a name we accept
# spaces (never a line break), a quote, or both.
GAP_RE = rf"(?:[^\S\n]+[{DOUBLE_QUOTE}{APOSTROPHE}]?|[{DOUBLE_QUOTE}{APOSTROPHE}])[^\S\n]*"
GAP_CHARS = f" \t\u00a0{DOUBLE_QUOTE}{APOSTROPHE}"
_TOKEN_SPLIT_RE = re.compile(rf"[\s{DOUBLE_QUOTE}{APOSTROPHE}]+")
_GAP_UNIT = " "
_END = ""
# Receives (file, record id or #position, message) for one problem.
Problem = Callable[[str, str, str], None]
# How far back not_preceded_by looks: one or two words are enough.
PRECEDING_WINDOW = 40
# Matched names repeat across articles, so their lookups are memoised; the bound only guards odd spacing.
LOOKUP_CACHE_SIZE = 50_000


class GazetteerError(Exception):
    """A broken gazetteer; `problems` lists every problem found, each as 'file: id: message'."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} gazetteer problem(s):\n" + "\n".join(self.problems))


@quick_init
@dataclass(frozen=True)
class EntityMatch:
    entity_id: str
    entity_kind: str  # "actor" | "place"
    start: int  # offsets in the original text
    end: int
    surface: str  # original_text[start:end]


def alias_key(alias: str) -> str:
    """The form an alias is indexed and compared under: normalised, quotes dropped, one space between words."""
    return " ".join(token for token in _TOKEN_SPLIT_RE.split(normalize_char_string(alias)) if token)


def matchable_names(record: dict, kind: str) -> list[str]:
    """Every surface form that should find this record in text.

    `match_names: false` leaves name_ar and name_en to the other record of a pair that shares them (a state
    actor and its country place), so only this record's aliases find it.
    """
    names: list[Any] = []
    if record.get("match_names", True) is not False:
        names += [record.get("name_ar"), record.get("name_en")]
    for field_name in ("aliases_ar", "aliases_en"):
        if isinstance(record.get(field_name), list):
            names += record[field_name]
    return [name for name in names if isinstance(name, str)]


# ---------------------------------------------------------------- validation


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _record_label(record: Any, index: int) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"]:
        return record["id"]
    return f"#{index + 1}"


def _check_record_shape(record: dict, file: str, label: str, kind: str, problem: Problem) -> None:
    allowed = ACTOR_FIELDS if kind == ACTOR_KIND else PLACE_FIELDS
    for name in sorted(set(record) - allowed, key=str):
        problem(file, label, f"unknown field '{name}'")
    required = REQUIRED_FIELDS + (PLACE_REQUIRED_FIELDS if kind == PLACE_KIND else ())
    for name in required:
        if record.get(name) is None or record.get(name) == "":
            problem(file, label, f"missing required field '{name}'")
    if record.get("id") and (not isinstance(record["id"], str) or not ID_RE.match(record["id"])):
        problem(file, label, f"id {record['id']!r} is not snake_case")
    for name in STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            problem(file, label, f"field '{name}' must be a string")
    for name in LIST_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            problem(file, label, f"field '{name}' must be a list of non-empty strings")
    if "match_names" in record and not isinstance(record["match_names"], bool):
        problem(file, label, "field 'match_names' must be true or false")
    types = ACTOR_TYPES if kind == ACTOR_KIND else PLACE_TYPES
    if isinstance(record.get("type"), str) and record["type"] and record["type"] not in types:
        problem(file, label, f"type {record['type']!r} is not one of {', '.join(types)}")


def _check_coordinates(record: dict, label: str, problem: Problem) -> None:
    for name, limit in (("lat", 90), ("lon", 180)):
        value = record.get(name)
        if value is None:
            continue
        if not _is_number(value):
            problem(PLACES_FILE, label, f"{name} {value!r} is not a number")
        elif not -limit <= value <= limit:
            problem(PLACES_FILE, label, f"{name} {value} is outside [-{limit}, {limit}]")


def _check_coord_precision(record: dict, label: str, problem: Problem) -> None:
    precision = record.get("coord_precision")
    if precision is None:
        # a region's point only stands for an area
        if record.get("type") == REGION_TYPE:
            problem(PLACES_FILE, label, f"a region must set coord_precision: {APPROXIMATE}")
        return
    if isinstance(precision, str) and precision not in COORD_PRECISIONS:
        problem(PLACES_FILE, label, f"coord_precision {precision!r} is not one of {', '.join(COORD_PRECISIONS)}")
    elif record.get("type") == REGION_TYPE and precision != APPROXIMATE:
        problem(PLACES_FILE, label, f"a region's coord_precision must be {APPROXIMATE}, not {precision!r}")


def _check_parents(actors: dict[str, dict], problem: Problem) -> None:
    for actor_id, record in actors.items():
        parent = record.get("parent")
        if not isinstance(parent, str) or not parent:
            continue
        if parent not in actors:
            problem(ACTORS_FILE, actor_id, f"parent '{parent}' is not an actor id")
            continue
        seen = {actor_id}
        while parent in actors and parent not in seen:
            seen.add(parent)
            parent = actors[parent].get("parent")
        if parent in seen:
            problem(ACTORS_FILE, actor_id, "parent chain loops back on itself")


def _check_city(place_id: str, record: dict, places: dict[str, dict], problem: Problem) -> None:
    city = record.get("city")
    if not isinstance(city, str) or not city:
        return
    if city == place_id:
        problem(PLACES_FILE, place_id, "city names the record itself")
    elif city not in places:
        problem(PLACES_FILE, place_id, f"city '{city}' is not a place id")
    elif places[city].get("type") != CITY_TYPE:
        problem(PLACES_FILE, place_id, f"city '{city}' is not a place of type {CITY_TYPE}")
    elif places[city].get("country") != record.get("country"):
        city_country = places[city].get("country")
        problem(PLACES_FILE, place_id, f"city '{city}' lies in {city_country!r}, not in {record.get('country')!r}")


def _check_places(places: dict[str, dict], actors: dict[str, dict], problem: Problem) -> None:
    countries = {record.get("name_en") for record in places.values() if record.get("type") == COUNTRY_TYPE}
    for place_id, record in places.items():
        _check_city(place_id, record, places, problem)
        within = record.get("within")
        if within is not None and (within not in places or within == place_id or record.get("type") != "region"):
            problem(PLACES_FILE, place_id, f"within {within!r}: only a region names the place it lies in, by an existing id")
        country = record.get("country")
        if not isinstance(country, str):
            continue
        if record.get("type") == COUNTRY_TYPE and country and country != record.get("name_en"):
            problem(PLACES_FILE, place_id, f"a country's country must be its own name_en, not {country!r}")
        elif country and country not in countries:
            problem(PLACES_FILE, place_id, f"country {country!r} is not the name_en of any country place")
        state = record.get("state")
        if not isinstance(state, str) or not state:
            continue
        if record.get("type") != COUNTRY_TYPE:
            problem(PLACES_FILE, place_id, "only a country place may link to a state actor")
        if state not in actors:
            problem(PLACES_FILE, place_id, f"state '{state}' is not an actor id")
        elif actors[state].get("type") != STATE_TYPE:
            problem(PLACES_FILE, place_id, f"state '{state}' is not an actor of type state")


def _check_aliases(records: list[tuple[str, str, str, dict]], problem: Problem) -> None:
    owners: dict[str, tuple[str, str, str]] = {}
    for file, kind, record_id, record in records:
        for name in matchable_names(record, kind):
            key = alias_key(name)
            if not key:
                problem(file, record_id, f"alias {name!r} is empty once normalised")
                continue
            owner = owners.setdefault(key, (file, record_id, name))
            if owner[1] != record_id:
                problem(file, record_id, f"alias {name!r} is also an alias of '{owner[1]}' ({owner[0]}: {owner[2]!r})")


def validate(actors: Any, places: Any) -> list[str]:
    """Every problem in the two record lists, each as 'file: id: message' (an empty list means valid)."""
    problems: list[str] = []

    def problem(file: str, label: str, message: str) -> None:
        problems.append(f"{file}: {label}: {message}")

    by_kind: dict[str, dict[str, dict]] = {ACTOR_KIND: {}, PLACE_KIND: {}}
    first_file: dict[str, str] = {}
    records: list[tuple[str, str, str, dict]] = []
    for file, kind, raw in ((ACTORS_FILE, ACTOR_KIND, actors), (PLACES_FILE, PLACE_KIND, places)):
        if not isinstance(raw, list):
            problems.append(f"{file}: top level must be a list of records")
            continue
        for index, record in enumerate(raw):
            label = _record_label(record, index)
            if not isinstance(record, dict):
                problem(file, label, "record is not a mapping")
                continue
            _check_record_shape(record, file, label, kind, problem)
            if kind == PLACE_KIND:
                _check_coordinates(record, label, problem)
                _check_coord_precision(record, label, problem)
            record_id = record.get("id")
            if not isinstance(record_id, str) or not record_id:
                continue
            if record_id in first_file:
                problem(file, record_id, f"duplicate id (first defined in {first_file[record_id]})")
                continue
            first_file[record_id] = file
            by_kind[kind][record_id] = record
            records.append((file, kind, record_id, record))
    _check_parents(by_kind[ACTOR_KIND], problem)
    _check_places(by_kind[PLACE_KIND], by_kind[ACTOR_KIND], problem)
    _check_aliases(records, problem)
    return problems


# ---------------------------------------------------------------- matcher


def _trie_insert(trie: dict, units: list[str]) -> None:
    node = trie
    for unit in units:
        node = node.setdefault(unit, {})
    node[_END] = {}


def _trie_regex(node: dict) -> str:
    """A regex for every path below `node`; longer paths are tried first so the longest name wins."""
    branches = []
    for unit in sorted(key for key in node if key != _END):
        piece = GAP_RE if unit == _GAP_UNIT else re.escape(unit)
        branches.append(piece + _trie_regex(node[unit]))
    if not branches:
        return ""
    alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{alternation})?" if _END in node else alternation


def _compile_matcher(keys: list[str]) -> re.Pattern:
    # Names starting with the article also match after ل as لل (للحشد الشعبي); the alef is elided there,
    # so those names go in their own trie without the article.
    with_article: dict = {}
    without_article: dict = {}
    for key in keys:
        if key.startswith(ARTICLE) and len(key) > len(ARTICLE):
            _trie_insert(with_article, list(key[len(ARTICLE):]))
        else:
            _trie_insert(without_article, list(key))
    article_form = f"(?:{re.escape(ARTICLE)}|(?<={LAM}){LAM})"
    body = "|".join(
        part
        for part in (
            article_form + _trie_regex(with_article) if with_article else "",
            _trie_regex(without_article),
        )
        if part
    )
    # A lookahead yields the longest name starting at every word start, so overlaps are settled afterwards
    # by length (spaCy's filter_spans), not by whichever name happens to start first. The clitic prefix
    # sits outside the `body` group so reported spans cover the name only (clitic_pattern puts it inside).
    return re.compile(
        ARABIC_WORD_BOUNDARY_BEFORE
        + f"(?=(?P<clitic>{CLITIC_PREFIX_RE})(?P<body>{body}){ARABIC_WORD_BOUNDARY_AFTER})"
    )


def _phrase_pattern(phrases: list[str]) -> str:
    """Alternation of phrases, their words separated the way names are (spaces and quotes)."""
    keys = sorted({alias_key(phrase) for phrase in phrases}, key=len, reverse=True)
    return "|".join(GAP_RE.join(re.escape(word) for word in key.split(" ")) for key in keys)


@dataclass(frozen=True)
class _Context:
    """Words that, written right after or right before a name, mean the name is not this entity."""

    followed_by: re.Pattern | None
    preceded_by: re.Pattern | None

    @classmethod
    def of(cls, record: dict) -> _Context | None:
        after = record.get("not_followed_by") or []
        before = record.get("not_preceded_by") or []
        if not (after or before):
            return None
        gap = f"[{re.escape(GAP_CHARS)}]*"
        return cls(
            re.compile(f"{gap}(?:{_phrase_pattern(after)})") if after else None,
            # The preceding word may carry its own clitics (والوضع القائم).
            re.compile(
                f"{ARABIC_WORD_BOUNDARY_BEFORE}{CLITIC_PREFIX_RE}(?:{_phrase_pattern(before)}){gap}\\Z"
            )
            if before
            else None,
        )

    def rejects(self, text: str, start: int, end: int) -> bool:
        if self.followed_by is not None and self.followed_by.match(text, end):
            return True
        if self.preceded_by is not None:
            return self.preceded_by.search(text, max(0, start - PRECEDING_WINDOW), start) is not None
        return False


def _with_defaults(record: dict, kind: str) -> dict:
    filled = dict(record)
    for name in LIST_FIELDS:
        filled[name] = list(filled.get(name) or [])
    filled.setdefault("note", "")
    filled.setdefault("match_names", True)
    filled.setdefault("parent" if kind == ACTOR_KIND else "state", None)
    return filled


@dataclass
class Gazetteer:
    actors: dict[str, dict]
    places: dict[str, dict]
    _pattern: re.Pattern = field(init=False, repr=False)
    _index: dict[str, tuple[str, str]] = field(init=False, repr=False)
    _contexts: dict[str, _Context] = field(init=False, repr=False)
    _state_places: dict[str, str] = field(init=False, repr=False)
    _place_states: dict[str, str] = field(init=False, repr=False)
    _lookup_cache: dict[str, tuple[tuple[str, str] | None, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {}
        self._lookup_cache = {}
        self._contexts = {}
        self._state_places = {}
        self._place_states = {}
        for kind, records in ((ACTOR_KIND, self.actors), (PLACE_KIND, self.places)):
            for entity_id, record in records.items():
                for name in matchable_names(record, kind):
                    self._index.setdefault(alias_key(name), (entity_id, kind))
                context = _Context.of(record)
                if context is not None:
                    self._contexts[entity_id] = context
                if kind == PLACE_KIND and record.get("state"):
                    self._state_places[record["state"]] = entity_id
                    self._place_states[entity_id] = record["state"]
        self._pattern = _compile_matcher(sorted(self._index))

    def actor(self, actor_id: str) -> dict:
        return self.actors[actor_id]

    def place(self, place_id: str) -> dict:
        return self.places[place_id]

    def kind(self, entity_id: str) -> str:
        if entity_id in self.actors:
            return ACTOR_KIND
        if entity_id in self.places:
            return PLACE_KIND
        raise KeyError(entity_id)

    def record(self, entity_id: str) -> dict:
        return self.actors[entity_id] if entity_id in self.actors else self.places[entity_id]

    def country_place(self, state_actor_id: str) -> str | None:
        """The country place of a state actor: إيران in the text is the state; this gives where it is."""
        return self._state_places.get(state_actor_id)

    def state_of(self, country_place_id: str) -> str | None:
        """The state actor of a country place: العراق in the text is the place; this gives who acts for it."""
        return self._place_states.get(country_place_id)

    def _lookup(self, body: str) -> tuple[tuple[str, str] | None, int]:
        """The entity a matched name denotes, and how many characters before it belong to the span."""
        cached = self._lookup_cache.get(body)
        if cached is not None:
            return cached
        key = alias_key(body)
        found = self._index.get(key)
        result: tuple[tuple[str, str] | None, int] = (found, 0)
        if found is None and key.startswith(LAM):
            # لل + name: the span keeps the first lam, as "الحشد" is not written anywhere in "للحشد".
            result = (self._index.get(ARTICLE + key[1:]), 1)
        if len(self._lookup_cache) >= LOOKUP_CACHE_SIZE:
            self._lookup_cache.clear()
        self._lookup_cache[body] = result
        return result

    def find(self, text: str, normalized: NormalizedText | None = None) -> list[EntityMatch]:
        """Non-overlapping mentions of gazetteer entities in `text`, longest first, returned sorted by start."""
        norm = normalized if normalized is not None else normalize(text)
        folded = norm.text
        candidates: list[tuple[int, int, str, str]] = []
        for match in self._pattern.finditer(folded):
            body_start, body_end = match.span("body")
            found, extra = self._lookup(folded[body_start:body_end])
            if found is None:
                continue
            entity_id, kind = found
            context = self._contexts.get(entity_id)
            if context is not None and context.rejects(folded, match.start("clitic"), body_end):
                continue
            candidates.append((body_start - extra, body_end, entity_id, kind))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(folded))
        chosen = []
        for start, end, entity_id, kind in candidates:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, entity_id, kind))
        chosen.sort()
        matches = []
        for start, end, entity_id, kind in chosen:
            original_start, original_end = norm.to_original(start, end)
            matches.append(EntityMatch(entity_id, kind, original_start, original_end, text[original_start:original_end]))
        return matches


# ---------------------------------------------------------------- loading


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return safe_load(handle)
    except FileNotFoundError:
        problems.append(f"{path.name}: file not found in {path.parent}")
    except yaml.YAMLError as error:
        problems.append(f"{path.name}: not valid YAML: {error}")
    return None


def load_gazetteer(directory: Path | str = "data/gazetteer") -> Gazetteer:
    """Read and validate actors.yaml and places.yaml; raise GazetteerError listing every problem at once."""
    directory = Path(directory)
    problems: list[str] = []
    actors = _read_yaml(directory / ACTORS_FILE, problems)
    places = _read_yaml(directory / PLACES_FILE, problems)
    if not problems:
        problems = validate(actors, places)
    if problems:
        raise GazetteerError(problems)
    return Gazetteer(
        actors={record["id"]: _with_defaults(record, ACTOR_KIND) for record in actors},
        places={record["id"]: _with_defaults(record, PLACE_KIND) for record in places},
    )
