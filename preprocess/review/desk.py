"""Making a review action from what the analyst did on a page: checked against the current tables, or refused."""
from __future__ import annotations

import hmac
import os
from typing import Iterable

import numpy as np
import pandas as pd

from preprocess.numbers import find_numbers
from preprocess.review.actions import (FIELDS, ID_COLUMN, KINDS, REASONS, TABLES, Action, new_action_id,
                                       parse_time, utc_now)
from preprocess.review.apply import SENTENCE_KEYS, apply_reviews
from preprocess.review.keys import key_of, added_incident_key, figure_key
from preprocess.review.messages import Problem, ReviewError
from preprocess.review.validate import Vocabulary, check_text, check_values, is_missing

REQUIRED_TO_ADD = {"incidents": "event_type", "troops": "value", "attack_counts": "count"}
NUMBER_FIELD = {"troops": "value", "attack_counts": "count"}


def review_allowed(token_given: str | None) -> bool:
    """True when review actions are open: RASID_REVIEW_TOKEN unset or empty, or `token_given` is that token
    (compared in constant time). Reading never needs it."""
    expected = os.environ.get("RASID_REVIEW_TOKEN", "")
    if not expected:
        return True
    if not isinstance(token_given, str):
        return False
    return hmac.compare_digest(token_given.encode("utf-8"), expected.encode("utf-8"))


def _json_value(value):
    if is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def _snapshot(table: str, row: pd.Series) -> dict:
    """The reviewable fields of a row as shown (reviews applied), as JSON values."""
    return {name: _json_value(row[name]) for name in FIELDS[table] if name in row.index}


def locate_figure(text: str, start: int, end: int, value: int | None) -> tuple[int, int]:
    """The number phrase in text[start:end] that says `value` (the span the extractor would key the figure by),
    else (start, end) itself."""
    if value is None:
        return start, end
    for number in find_numbers(text[start:end]):
        if number.value == value:
            return start + number.start, start + number.end
    return start, end


def _find_row(frame: pd.DataFrame, table: str, row_id: str) -> pd.Series | None:
    hits = frame[frame[ID_COLUMN[table]].astype(str) == str(row_id)]
    return None if hits.empty else hits.iloc[0]


def make_action(tables: dict[str, pd.DataFrame], actions: Iterable[Action], *, kind: str, table: str, row_id: str,
                reviewer: str, after: dict | None = None, reason: str = "", note: str = "", into: str = "",
                span: tuple[int, int] | None = None, now: str | None = None) -> Action:
    """One checked action, or ReviewError listing every problem (nothing is written either way).

    kind: confirm | correct | reject | merge | split | add; table: incidents | troops | attack_counts.
    row_id: the row's id (incident_id, troop_id, count_id, an added row's id too); for `add`, the article_id.
    after: for `correct`, {field: new value}; for `add`, the new row's values (event_type for an incident,
    value or count for a figure are required). reason: for `reject`, not_an_event | out_of_scope | duplicate.
    into: for `merge`, the incident_id the row joins (it leaves the counts; that incident keeps its sentences).
    span: for `add`, (start, end) in articles.text: the sentence of an incident; for a figure the sentence or
    the number phrase (the phrase saying the value is found in it and keys the row).
    `tables` are the current build tables (not reviewed); `actions` the log so far; `now` (an ISO time with a
    zone) pins the action's time, for tests and imports."""
    problems = check_text(reviewer, note)
    if kind not in KINDS:
        problems.append(Problem("kind_unknown", {"value": kind}))
    if table not in TABLES:
        problems.append(Problem("table_unknown", {"value": table}))
    if problems:
        raise ReviewError(problems)
    actions = list(actions)
    applied = apply_reviews(tables, actions)
    frame = applied[table]
    vocabulary = Vocabulary.from_tables(tables)
    action_id, after = new_action_id(), dict(after or {})
    fields = dict(reviewer=reviewer.strip(), note=note or "", action_id=action_id, at=parse_time(now) if now else utc_now(),
                  kind=kind, table=table)
    if kind == "add":
        return _make_add(tables, applied, vocabulary, fields, row_id, after, span)
    row = _find_row(frame, table, row_id)
    if row is None:
        raise ReviewError([Problem("row_gone", {"row": row_id})])
    before = _snapshot(table, row)
    fields.update(row_key=_key(tables, table, row), row_id=str(row_id), article_id=str(row["article_id"]), before=before)
    if kind == "correct":
        if not after:
            problems.append(Problem("nothing_to_correct"))
        after, found = check_values(table, after, vocabulary, current=before)
        problems += found
        fields["after"] = after
    elif kind == "reject":
        if reason not in REASONS:
            problems.append(Problem("reason_invalid", {"value": reason}))
        fields["reason"] = reason
    elif kind in ("merge", "split"):
        if table != "incidents":
            raise ReviewError([Problem("merge_table")])
        if kind == "merge":
            problems += _merge_problems(frame, row, into)
            target = _find_row(frame, table, into)
            if target is not None:
                fields["other_key"] = _key(tables, table, target)
        elif not str(row["merged_into"]):
            problems.append(Problem("not_merged", {"row": row_id}))
    if problems:
        raise ReviewError(problems)
    return Action(**fields)


def _key(tables: dict[str, pd.DataFrame], table: str, row: pd.Series) -> str:
    """A row's review key: as the applied table gives it, else worked out over its article alone (keys are only
    worked out for the articles the log names)."""
    key = str(row["review_key"])
    if key:
        return key
    return key_of({**tables, "incident_sources": tables.get("incident_sources", pd.DataFrame(
        columns=["incident_id", "slot", "start", "end"]))}, table, ID_COLUMN[table], str(row[ID_COLUMN[table]]), str(row["article_id"]))


def _merge_problems(frame: pd.DataFrame, row: pd.Series, into: str) -> list[Problem]:
    row_id = str(row["incident_id"])
    if not into or str(into) == row_id:
        return [Problem("merge_self")]
    target = _find_row(frame, "incidents", into)
    if target is None:
        return [Problem("row_gone", {"row": into})]
    if str(target["incident_id"]) == row_id:
        return [Problem("merge_self")]
    if str(target["merged_into"]) == row_id:
        return [Problem("merge_cycle", {"row": row_id, "other": into})]
    return []


def _make_add(tables: dict[str, pd.DataFrame], applied: dict[str, pd.DataFrame], vocabulary: Vocabulary, fields: dict,
              article_id: str, after: dict, span: tuple[int, int] | None) -> Action:
    table = fields["table"]
    articles = tables["articles"]
    hits = articles[articles["article_id"].astype(str) == str(article_id)]
    if hits.empty:
        raise ReviewError([Problem("article_gone", {"article": article_id})])
    article = hits.iloc[0]
    text, content_hash = str(article["text"]), str(article["content_hash"])
    problems = []
    start, end = (span if span is not None and len(span) == 2 else (-1, -1))
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        start, end = -1, -1
    if not 0 <= start < end <= len(text):
        problems.append(Problem("span_invalid", {"start": start, "end": end, "article": article_id, "length": len(text)}))
    required = REQUIRED_TO_ADD[table]
    if is_missing(after.get(required)) or after.get(required) == "":
        problems.append(Problem("value_required", {"field": required, "table": table}))
    values, found = check_values(table, after, vocabulary)
    problems += found
    if problems:
        raise ReviewError(problems)
    if table == "incidents":
        key = added_incident_key(content_hash, start, end, fields["action_id"])
    else:
        n0, n1 = locate_figure(text, start, end, values.get(NUMBER_FIELD[table]))
        key = figure_key(table, content_hash, n0, n1)
        same_text = set(articles.loc[articles["content_hash"].astype(str) == content_hash, "article_id"].astype(str))
        frame = applied[table]
        rows = frame[frame["article_id"].astype(str).isin(same_text)]
        if (n0, n1) != (start, end):  # the number phrase was found: any figure on it is this one
            clash = rows[(rows["start"].fillna(-1) < n1) & (rows["end"].fillna(-1) > n0)]
        else:  # the same number phrase (what the key names), whether or not the row's key was worked out
            clash = rows[(rows["start"].fillna(-1) == n0) & (rows["end"].fillna(-1) == n1)]
        if len(clash):
            raise ReviewError([Problem("already_present", {"row": str(clash.iloc[0][ID_COLUMN[table]])})])
        values.update(dict(zip(SENTENCE_KEYS, (start, end))))
    return Action(**fields, row_key=key, row_id="", article_id=str(article_id), before={}, after=values)


def act(store, tables: dict[str, pd.DataFrame], *, token: str | None = None, **action) -> Action:
    """Check the token, make the action from the current log (make_action's arguments) and append it to
    `store`. Returns the action written; raises ReviewError (nothing written) when refused."""
    if not review_allowed(token):
        raise ReviewError([Problem("token_required")])
    made = make_action(tables, store.actions(), **action)
    store.append(made)
    return made
