"""Review actions: what one analyst did to one row, as an immutable record, and its JSON Lines form."""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

KINDS = ("confirm", "correct", "reject", "merge", "split", "add")
TABLES = ("incidents", "troops", "attack_counts")
REASONS = ("not_an_event", "out_of_scope", "duplicate")
STATES = ("unreviewed", "confirmed", "corrected", "rejected", "added")

# Fields an analyst may confirm or correct, per table; the rest of a row is derived from them or is provenance.
FIELDS: dict[str, tuple[str, ...]] = {
    "incidents": ("date", "date_precision", "event_type", "weapon", "perpetrator", "claimed_by", "target",
                  "factions", "place", "country", "killed", "wounded", "outcome"),
    "troops": ("value", "qualifier", "force", "location", "kind", "date", "date_precision"),
    "attack_counts": ("count", "qualifier", "period_start", "period_end", "country", "location"),
}
# The id column of each reviewed table and the short tag of its ids.
ID_COLUMN = {"incidents": "incident_id", "troops": "troop_id", "attack_counts": "count_id"}
ID_TAG = {"incidents": "inc", "troops": "trp", "attack_counts": "cnt"}

JSON_FIELDS = ("action_id", "at", "reviewer", "kind", "table", "row_key", "row_id", "article_id",
               "before", "after", "reason", "note", "other_key")


def utc_now() -> str:
    return canonical_time(datetime.now(timezone.utc))


def canonical_time(moment: datetime) -> str:
    """One spelling per instant (UTC, microseconds, Z) so that times sort as strings."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> str:
    """An ISO time with a zone -> its canonical spelling; ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text!r}")
    return canonical_time(moment)


@dataclass(frozen=True)
class Action:
    """One review action. `row_key` names the row (preprocess.review.keys); `other_key` is the incident a
    merge joins `row_key` into; `before`/`after` map field names to values (JSON types)."""
    action_id: str
    at: str
    reviewer: str
    kind: str
    table: str
    row_key: str
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    reason: str = ""
    note: str = ""
    other_key: str = ""
    row_id: str = ""       # the row's id when it was reviewed (context for orphans; keys do the attaching)
    article_id: str = ""

    @property
    def order(self) -> tuple[str, str]:
        """The log's total order: time, then action id for ties."""
        return (self.at, self.action_id)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def same_content(self, other: "Action") -> bool:
        return self.to_json() == other.to_json()


def new_action_id() -> str:
    return str(uuid.uuid4())


def action_from_dict(data: object) -> tuple[Action | None, list[str]]:
    """A dict (one JSON line, one database row) -> (Action, []) or (None, [what is wrong, ...])."""
    if not isinstance(data, dict):
        return None, ["not a JSON object"]
    problems = []
    unknown = sorted(set(data) - set(JSON_FIELDS))
    if unknown:
        problems.append(f"unknown fields: {', '.join(unknown)}")
    values = {}
    for name in ("action_id", "at", "reviewer", "kind", "table", "row_key"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{name} missing")
        values[name] = value if isinstance(value, str) else ""
    for name in ("reason", "note", "other_key", "row_id", "article_id"):
        value = data.get(name, "")
        if not isinstance(value, str):
            problems.append(f"{name} is not text")
            value = ""
        values[name] = value
    for name in ("before", "after"):
        value = data.get(name, {})
        if not isinstance(value, dict):
            problems.append(f"{name} is not an object")
            value = {}
        values[name] = value
    if values["action_id"]:
        try:
            values["action_id"] = str(uuid.UUID(values["action_id"]))
        except ValueError:
            problems.append(f"action_id {values['action_id']!r} is not a UUID")
    if values["at"]:
        try:
            values["at"] = parse_time(values["at"])
        except ValueError:
            problems.append(f"at {values['at']!r} is not an ISO time with a zone")
    if values["kind"] and values["kind"] not in KINDS:
        problems.append(f"kind {values['kind']!r} is not one of {', '.join(KINDS)}")
    if values["table"] and values["table"] not in TABLES:
        problems.append(f"table {values['table']!r} is not one of {', '.join(TABLES)}")
    if values["table"] and values["row_key"] and not values["row_key"].startswith(values["table"] + "|"):
        problems.append(f"row_key {values['row_key']!r} is not a key of {values['table']}")
    if values["kind"] == "reject" and values["reason"] not in REASONS:
        problems.append(f"reason {values['reason']!r} is not one of {', '.join(REASONS)}")
    if values["kind"] == "merge" and not values["other_key"]:
        problems.append("a merge needs other_key")
    if values["kind"] in ("merge", "split") and values["table"] and values["table"] != "incidents":
        problems.append("only incidents are merged or split")
    if values["kind"] == "merge" and values["other_key"] == values["row_key"]:
        problems.append("a row cannot be merged with itself")
    if problems:
        return None, problems
    return Action(**values), []
