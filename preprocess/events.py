"""Event keys: incidents that report the same real-world event share one key, across and within articles."""
from __future__ import annotations

import hashlib

PRECISION_RANK = {"day": 0, "range": 0, "month": 1, "year": 2, "unknown": 3}


def _names(value: str) -> set[str]:
    return {v.strip() for v in (value or "").split(";") if v.strip()}


def _dates_compatible(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def same_event(a: dict, b: dict) -> bool:
    """Same type, dates that agree at the coarser precision, and no conflicting place, actor or target."""
    if a["event_type"] != b["event_type"] or not _dates_compatible(a["date"], b["date"]):
        return False
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    # (a wave of strikes is one row per country struck: the Iraq row and the Syria row are two events)
    ca, cb = _names(a["country"]), _names(b["country"])
    if ca and cb and not ca & cb:
        return False
    if a["perpetrator"] and b["perpetrator"] and a["perpetrator"] != b["perpetrator"]:
        return False
    if a["weapon"] != "unknown" and b["weapon"] != "unknown" and a["weapon"] != b["weapon"]:
        return False
    ta, tb = _names(a["target"]), _names(b["target"])
    if ta and tb and not ta & tb:
        return False
    if a["date"] == b["date"] and a["date_precision"] == "day":
        return True
    # A coarse date alone is weak evidence: ask for one more shared detail.
    shared = (a["place"] and a["place"] == b["place"]) or (ta & tb) or (
        a["perpetrator"] and a["perpetrator"] == b["perpetrator"]
    ) or (a["killed"] is not None and a["killed"] == b["killed"])
    return bool(shared)


def assign_event_keys(incidents: list[dict], duplicate_of: dict[str, str]) -> None:
    """Set `event_key` on every incident in place. Deterministic: depends only on the rows' content."""
    order = sorted(
        range(len(incidents)),
        key=lambda i: (PRECISION_RANK.get(incidents[i]["date_precision"], 3), incidents[i]["article_id"], incidents[i]["start"]),
    )
    by_quote: dict[tuple[str, str, str], str] = {}
    clusters = _Clusters()
    for i in order:
        inc = incidents[i]
        original = duplicate_of.get(inc["article_id"])
        # (a wave told in one sentence is one row per country: the quote alone does not tell its rows apart)
        key = by_quote.get((original, inc["quote"], inc["country"])) if original else None
        if key is None and inc["date"]:
            key = clusters.first_same_event(inc)
        if key is None:
            key = _key(inc)
            clusters.add(inc, key)
        inc["event_key"] = key
        by_quote[(inc["article_id"], inc["quote"], inc["country"])] = key
    for i in order:
        inc = incidents[i]
        original = duplicate_of.get(inc["article_id"])
        if original and (original, inc["quote"], inc["country"]) in by_quote:
            inc["event_key"] = by_quote[(original, inc["quote"], inc["country"])]


class _Clusters:
    """Each event's first incident, in the order they were met. The first one same_event accepts is looked for only
    among those whose type is the same and whose date can agree (equal, or one a prefix of the other): scanning them
    all made a corpus of many distinct events quadratic (8,000 took 30 s)."""

    def __init__(self) -> None:
        self.reps: list[tuple[dict, str]] = []
        self.by_date: dict[tuple[str, str], list[int]] = {}  # (type, date) -> clusters with exactly that date
        self.by_prefix: dict[tuple[str, str], list[int]] = {}  # (type, prefix) -> clusters whose date starts with it

    def add(self, rep: dict, key: str) -> None:
        index, date = len(self.reps), rep["date"] or ""
        self.reps.append((rep, key))
        if date:
            self.by_date.setdefault((rep["event_type"], date), []).append(index)
            for end in range(1, len(date) + 1):
                self.by_prefix.setdefault((rep["event_type"], date[:end]), []).append(index)

    def first_same_event(self, inc: dict) -> str | None:
        kind, date = inc["event_type"], inc["date"]
        found = set(self.by_prefix.get((kind, date), ()))
        for end in range(1, len(date)):
            found.update(self.by_date.get((kind, date[:end]), ()))
        for index in sorted(found):
            rep, key = self.reps[index]
            if same_event(rep, inc):
                return key
        return None


def _key(inc: dict) -> str:
    where = inc["place"] or inc["country"] or "?"
    digest = hashlib.sha1(f"{inc['article_id']}|{inc['start']}".encode()).hexdigest()[:6]
    return f"{inc['event_type']}|{inc['date'] or 'undated'}|{where}|{digest}"
