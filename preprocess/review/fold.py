"""The current review of each row, folded from the log: one last-writer-wins register per field and per decision."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from preprocess.review.actions import FIELDS, Action


@dataclass(frozen=True)
class Register:
    """A value and the action that set it; the later action (time, then action id) wins."""
    value: object
    action: Action


def _later(a: Register | None, b: Register | None) -> Register | None:
    if a is None or b is None:
        return a or b
    return b if b.action.order > a.action.order else a


@dataclass
class RowReview:
    """Everything the log says about one row key.
    verdict: 'accept' (confirm, correct, add) or 'reject'; merged: the key it is merged into ('' after a split);
    added: the values of the first add; fields: the asserted value of each field."""
    table: str
    fields: dict[str, Register] = field(default_factory=dict)
    verdict: Register | None = None
    merged: Register | None = None
    added: Register | None = None
    actions: list[Action] = field(default_factory=list)

    def contributing(self) -> list[Action]:
        """The actions behind the current state, oldest first (a split undoes its merge, so neither shows)."""
        regs = [self.verdict, self.added, *self.fields.values()]
        if self.merged is not None and self.merged.value:
            regs.append(self.merged)
        found = {r.action.action_id: r.action for r in regs if r is not None}
        return sorted(found.values(), key=lambda a: a.order)


def ordered(actions: Iterable[Action]) -> list[Action]:
    """The log in its total order (time, then action id), each action once."""
    unique = {a.action_id: a for a in actions}
    return sorted(unique.values(), key=lambda a: a.order)


def _fold_one(review: RowReview, action: Action) -> None:
    fields = FIELDS[action.table]
    if action.kind in ("confirm", "correct", "add"):
        review.verdict = Register("accept", action)
        # a confirmation asserts the values the analyst saw; a correction or an addition the values she gave
        values = action.before if action.kind == "confirm" else action.after
        for name, value in values.items():
            if name in fields:
                review.fields[name] = Register(value, action)
        if action.kind == "add" and review.added is None:
            review.added = Register(dict(action.after), action)
    elif action.kind == "reject":
        review.verdict = Register("reject", action)
    elif action.kind == "merge":
        review.merged = Register(action.other_key, action)
    elif action.kind == "split":
        review.merged = Register("", action)


def fold(actions: Iterable[Action]) -> dict[str, RowReview]:
    """Row key -> its review. Actions are folded in the log's total order, so any order of arrival gives the
    same state; edits of different fields never touch each other."""
    reviews: dict[str, RowReview] = {}
    for action in ordered(actions):
        review = reviews.setdefault(action.row_key, RowReview(action.table))
        review.actions.append(action)
        _fold_one(review, action)
    return reviews


def combine(reviews: list[RowReview]) -> RowReview:
    """One review from the reviews of several keys that now name one row (a new extractor merged them)."""
    if len(reviews) == 1:
        return reviews[0]
    out = RowReview(reviews[0].table)
    for review in reviews:
        for name, reg in review.fields.items():
            out.fields[name] = _later(out.fields.get(name), reg)
        out.verdict = _later(out.verdict, review.verdict)
        out.merged = _later(out.merged, review.merged)
        if review.added is not None and (out.added is None or review.added.action.order < out.added.action.order):
            out.added = review.added
        out.actions += review.actions
    out.actions.sort(key=lambda a: a.order)
    return out
