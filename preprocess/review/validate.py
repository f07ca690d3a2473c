"""Checks of reviewed values (dates, tolls, choices, names from the gazetteer), all problems at once."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from preprocess.dates import iso_precision
from preprocess.review.actions import FIELDS
from preprocess.review.messages import Problem

CHOICES: dict[str, tuple[str, ...]] = {
    "event_type": ("attack", "strike", "other"),
    "weapon": ("rocket", "drone", "ballistic_missile", "ied", "airstrike", "unknown"),
    "outcome": ("", "intercepted"),
    "qualifier": ("exact", "approx", "less_than", "more_than", "at_least"),
    "kind": ("level", "withdrawal", "deployment", "planned"),
    "date_precision": ("day", "month", "year", "unknown"),
}
# A figure above its limit is a typing slip far more often than a fact (the deadliest attack in scope killed dozens).
LIMITS = {"killed": 10_000, "wounded": 10_000, "value": 1_000_000, "count": 100_000}
REQUIRED_NUMBERS = ("value", "count")  # a troop figure or a tally without its number is no row
DATE_FIELDS = ("date", "period_start", "period_end")
PLACE_FIELDS = ("place", "location")
ACTOR_FIELDS = ("perpetrator", "claimed_by")
TEXT_LIMIT = 300
NOTE_LIMIT = 4000
REVIEWER_LIMIT = 80
ISO_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
LIST_SEP = "; "


@dataclass(frozen=True)
class Vocabulary:
    """The names a reviewed value may take: the gazetteer's places and countries and the actors table."""
    places: frozenset
    countries: frozenset
    actors: frozenset
    factions: frozenset

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> "Vocabulary":
        places, actors = tables["places"], tables["actors"]
        countries = set(places["country"].astype(str)) | set(
            places.loc[places["place_type"].astype(str) == "country", "name_en"].astype(str))
        for table in ("incidents", "attack_counts"):  # countries the build wrote are countries too (e.g. Gaza)
            for value in tables[table]["country"].astype(str):
                countries.update(split_list(value))
        is_faction = actors["is_faction"].fillna(False).astype(bool)
        return cls(frozenset(places["name_en"].astype(str)) - {""}, frozenset(countries) - {""},
                   frozenset(actors["name_en"].astype(str)) - {""},
                   frozenset(actors.loc[is_faction, "name_en"].astype(str)) - {""})


def split_list(value: str) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def valid_iso_date(text: str) -> bool:
    """'' or an ISO date of day, month or year precision that exists on the calendar."""
    if text == "":
        return True
    m = ISO_DATE_RE.fullmatch(text)
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _number(name: str, value, problems: list[Problem]):
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        if name in REQUIRED_NUMBERS:
            problems.append(Problem("number_invalid", {"field": name, "value": ""}))
        return None
    if isinstance(value, bool):
        problems.append(Problem("number_invalid", {"field": name, "value": value}))
        return None
    try:
        number = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        problems.append(Problem("number_invalid", {"field": name, "value": value}))
        return None
    if not math.isfinite(number) or number != int(number):
        problems.append(Problem("number_invalid", {"field": name, "value": value}))
        return None
    number = int(number)
    if number < 0:
        problems.append(Problem("number_negative", {"field": name, "value": number}))
    elif number > LIMITS[name]:
        problems.append(Problem("number_absurd", {"field": name, "value": number, "limit": f"{LIMITS[name]:,}"}))
    return number


def check_values(table: str, values: dict, vocabulary: Vocabulary | None = None,
                 current: dict | None = None) -> tuple[dict, list[Problem]]:
    """Reviewed values -> (normalised values, problems). Names are checked only with a vocabulary; `current`
    (the row as shown) gives the date a precision is checked against when the date itself is not changed."""
    problems: list[Problem] = []
    out: dict = {}
    for name, value in values.items():
        if name not in FIELDS[table]:
            problems.append(Problem("field_unknown", {"field": name, "table": table}))
            continue
        if name in LIMITS:
            out[name] = _number(name, value, problems)
            continue
        text = "" if is_missing(value) else str(value).strip()
        out[name] = text
        if name in DATE_FIELDS:
            if not valid_iso_date(text):
                problems.append(Problem("date_invalid", {"field": name, "value": text}))
        elif name in CHOICES:
            if text not in CHOICES[name]:
                problems.append(Problem("choice_invalid", {"field": name, "value": text,
                                                           "choices": ", ".join(c or "''" for c in CHOICES[name])}))
        elif len(text) > TEXT_LIMIT:
            problems.append(Problem("text_too_long", {"field": name, "limit": TEXT_LIMIT}))
        elif vocabulary is not None and text:
            if name in PLACE_FIELDS and text not in vocabulary.places:
                problems.append(Problem("place_unknown", {"field": name, "value": text}))
            elif name == "country":
                problems += [Problem("country_unknown", {"field": name, "value": part})
                             for part in split_list(text) if part not in vocabulary.countries]
            elif name in ACTOR_FIELDS and text not in vocabulary.actors:
                problems.append(Problem("actor_unknown", {"field": name, "value": text}))
            elif name == "factions":
                problems += [Problem("actor_unknown", {"field": name, "value": part})
                             for part in split_list(text) if part not in vocabulary.actors]
    if "date_precision" in out and out["date_precision"] in CHOICES["date_precision"]:
        the_date = out.get("date", (current or {}).get("date", ""))
        if isinstance(the_date, str) and valid_iso_date(the_date) and iso_precision(the_date) != out["date_precision"]:
            problems.append(Problem("precision_mismatch", {"field": "date_precision", "value": out["date_precision"],
                                                           "date": the_date, "expected": iso_precision(the_date)}))
    return out, problems


def check_text(reviewer: str, note: str) -> list[Problem]:
    problems = []
    if not isinstance(reviewer, str) or not reviewer.strip():
        problems.append(Problem("reviewer_missing"))
    elif len(reviewer.strip()) > REVIEWER_LIMIT:
        problems.append(Problem("reviewer_too_long", {"limit": REVIEWER_LIMIT}))
    if isinstance(note, str) and len(note) > NOTE_LIMIT:
        problems.append(Problem("note_too_long", {"limit": NOTE_LIMIT}))
    return problems
