"""Reviews applied to the tables (pure: frames and actions in, frames out), orphaned reviews, and coverage."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd

from preprocess import schemas
from preprocess.dates import iso_precision
from preprocess.review.actions import ID_COLUMN, ID_TAG, TABLES, Action
from preprocess.review.fold import RowReview, combine, fold, ordered
from preprocess.review.keys import CurrentRow, current_rows, hashes_by_article, parse_key, resolve
from preprocess.review.validate import LIMITS, is_missing, split_list

REVIEW_COLUMNS = ["review_key", "review_state", "review_reason", "reviewed_by", "reviewed_at", "review_note"]
MERGED_COLUMN = "merged_into"  # incidents only: incident_id of the row a merged incident now counts under
ORPHAN_COLUMNS = ["problem", "action_id", "at", "reviewer", "kind", "table", "row_id", "article_id", "row_key",
                  "before", "after", "reason", "note", "other_key"]
INT_COLUMNS = {"killed", "wounded", "value", "count", "year"}
NUMBER_TYPES = (int, float, np.integer, np.floating)
SENTENCE_KEYS = ("sentence_start", "sentence_end")  # an added figure's sentence, kept in the add's `after`


ALL_KEYS_UP_TO = 200_000  # rows of a reviewed table whose keys are all worked out when a log is applied


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in schemas.columns(table)})


def _table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    frame = tables.get(name)
    return frame if frame is not None else _empty(name)


@dataclass
class _Context:
    """Lookups over the current tables that applying a review needs."""
    texts: dict[str, str]
    published: dict[str, str]
    articles_by_hash: dict[str, list[str]]
    place_coords: dict[str, tuple]
    factions: frozenset

    @classmethod
    def of(cls, tables: dict[str, pd.DataFrame]) -> "_Context":
        articles, places, actors = tables["articles"], _table(tables, "places"), _table(tables, "actors")
        by_hash: dict[str, list[str]] = defaultdict(list)
        for article_id, h in sorted(hashes_by_article(articles).items()):
            by_hash[h].append(article_id)
        coords = {str(n): (lat, lon, str(c)) for n, lat, lon, c in
                  zip(places["name_en"], places["lat"], places["lon"], places["country"])}
        factions = frozenset()
        if len(actors):
            factions = frozenset(actors.loc[actors["is_faction"].fillna(False).astype(bool), "name_en"].astype(str))
        return cls(_ByArticle(articles, "text"), _ByArticle(articles, "published"), dict(by_hash), coords, factions)


class _ByArticle:
    """One article column looked up by article id when asked (a million-row table set's texts are never all read)."""

    def __init__(self, articles: pd.DataFrame, column: str):
        self._column = articles[column]
        self._positions: dict[str, int] | None = None
        self._ids = articles["article_id"]

    def get(self, article_id: str, default: str = "") -> str:
        if self._positions is None:
            self._positions = {a: i for i, a in enumerate(self._ids.astype(str).tolist())}
        pos = self._positions.get(str(article_id))
        if pos is None:
            return default
        value = self._column.iloc[pos]
        return default if value is None or (isinstance(value, float) and value != value) else str(value)


@dataclass
class _Resolved:
    """One reviewed table: its rows (extracted, then added), which keys name which rows, and their reviews."""
    table: str
    frame: pd.DataFrame
    rows: list[CurrentRow]
    reviews: dict[str, RowReview]
    found: dict[str, list[int]]
    added: list[dict] = field(default_factory=list)
    by_pos: dict[int, RowReview] = field(default_factory=dict)
    keys_at: dict[int, str] = field(default_factory=dict)
    merged_into: dict[int, int] = field(default_factory=dict)
    unresolved_merges: list[Action] = field(default_factory=list)


def _to_int(value):
    if is_missing(value) or value == "":
        return pd.NA
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return pd.NA


def _same(a, b) -> bool:
    a = None if is_missing(a) or a == "" else a
    b = None if is_missing(b) or b == "" else b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, NUMBER_TYPES) or isinstance(b, NUMBER_TYPES):
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return False
    return str(a) == str(b)


def _set_values(table: str, row: dict, fields: dict, ctx: _Context) -> dict:
    """`row` with the reviewed `fields` written in and the columns derived from them recomputed."""
    row = dict(row)
    for name, value in fields.items():
        if name == "date_precision":
            continue  # follows the date's form
        if name in LIMITS:
            row[name] = _to_int(value)
            continue
        text = "" if is_missing(value) else str(value)
        old = row.get(name, "")
        row[name] = text
        if name == "date":
            row["date_precision"] = iso_precision(text)
            row["year"] = int(text[:4]) if text[:4].isdigit() else pd.NA
            if table == "incidents":
                row["date_basis"] = "" if not text else (row.get("date_basis") or "text")
        elif name == "place":
            lat, lon, country = ctx.place_coords.get(text, (float("nan"), float("nan"), ""))
            row["lat"], row["lon"] = (lat, lon) if text else (float("nan"), float("nan"))
            if text and country and "country" not in fields:
                row["country"] = country
        elif name in ("perpetrator", "claimed_by") and "factions" not in fields:
            groups = [g for g in split_list(row.get("factions", "")) if g != old or g in (row.get("perpetrator"), row.get("claimed_by"))]
            if text in ctx.factions and text not in groups:
                groups.append(text)
            row["factions"] = "; ".join(groups)
    return row


def _added_rows(table: str, key: str, review: RowReview, ctx: _Context) -> list[dict]:
    """The rows an added key stands for: one per article holding the text (duplicates share the addition)."""
    parsed, action = parse_key(key), review.added.action
    if parsed is None:
        return []
    out = []
    for article_id in ctx.articles_by_hash.get(parsed.content_hash, []):
        text = ctx.texts.get(article_id, "")
        if not 0 <= parsed.start < parsed.end <= len(text):
            continue
        row = {c: "" for c in schemas.columns(table)}
        row.update({ID_COLUMN[table]: f"{article_id}-{ID_TAG[table]}-add-{action.action_id[:8]}", "article_id": article_id,
                    "start": parsed.start, "end": parsed.end})
        if table == "incidents":
            row.update(event_key=f"added|{action.action_id}", quote=text[parsed.start:parsed.end], weapon="unknown",
                       lat=float("nan"), lon=float("nan"), killed=pd.NA, wounded=pd.NA, year=pd.NA, date_precision="unknown")
        else:
            s0 = review.added.value.get("sentence_start", parsed.start)
            s1 = review.added.value.get("sentence_end", parsed.end)
            inside = isinstance(s0, int) and isinstance(s1, int) and 0 <= s0 <= parsed.start < parsed.end <= s1 <= len(text)
            s0, s1 = (s0, s1) if inside else (parsed.start, parsed.end)
            row.update(quote=text[s0:s1], sentence_start=s0, sentence_end=s1, qualifier="exact")
            if table == "troops":
                published = ctx.published.get(article_id, "")
                row.update(force="unknown", kind="level", date=published, date_precision=iso_precision(published),
                           year=int(published[:4]) if published else pd.NA)
        out.append(row)
    return out


def _resolve_table(tables: dict[str, pd.DataFrame], table: str, reviews: dict[str, RowReview], ctx: _Context) -> _Resolved:
    frame = _table(tables, table).reset_index(drop=True)
    wanted = set(reviews)
    if table == "incidents":
        wanted |= {a.other_key for r in reviews.values() for a in r.actions if a.kind == "merge"}
    # only the articles a review names can hold its rows: past ALL_KEYS_UP_TO rows, keys are worked out for those
    # alone (a million rows' keys took 50 s and 3 GB) and every other row's review_key stays empty, as with an empty
    # log (the desk works a row's key out over its article when an analyst reviews it)
    only = None
    if len(frame) > ALL_KEYS_UP_TO:
        hashes = {key.split("|")[1] for key in wanted if key.count("|") >= 2}
        only = {a for a, h in hashes_by_article(_table(tables, "articles")).items() if h in hashes}
    rows = current_rows({**tables, table: frame, "incident_sources": _table(tables, "incident_sources")}, table, only)
    exact_only = {k for k, r in reviews.items() if r.added is not None}
    found = resolve(wanted, rows, exact_only)
    res = _Resolved(table, frame, rows, reviews, found)
    for key in sorted(exact_only):  # additions the extractor has not (yet) found at that very span
        if key not in found:
            new = _added_rows(table, key, reviews[key], ctx)
            found_pos = list(range(len(frame) + len(res.added), len(frame) + len(res.added) + len(new)))
            if new:
                res.added += new
                found[key] = found_pos
    keys_at: dict[int, list[str]] = defaultdict(list)
    for key, positions in found.items():
        if key in reviews:
            for pos in positions:
                keys_at[pos].append(key)
    res.by_pos = {pos: combine([reviews[k] for k in sorted(keys)]) for pos, keys in keys_at.items()}
    for row in rows:
        res.keys_at[row.pos] = row.key
    for key, positions in found.items():
        for pos in positions:
            res.keys_at.setdefault(pos, key)
    if table == "incidents":
        _resolve_merges(res)
    return res


def _resolve_merges(res: _Resolved) -> None:
    """merged_into: position -> the position it now counts under (after following chains and breaking loops)."""
    articles = res.frame["article_id"].astype(str).tolist() + [r["article_id"] for r in res.added]
    edges: dict[int, tuple[int, tuple]] = {}
    for pos, review in res.by_pos.items():
        if review.merged is None or not review.merged.value:
            continue
        targets = [t for t in res.found.get(review.merged.value, []) if t != pos]
        if not targets:
            if pos not in res.found.get(review.merged.value, []):
                res.unresolved_merges.append(review.merged.action)
            continue  # an extractor that merged the two itself leaves nothing to do
        same_article = [t for t in targets if articles[t] == articles[pos]]
        edges[pos] = ((same_article or targets)[0], review.merged.action.order)
    while True:  # two analysts merging A into B and B into A: the later merge of a loop gives way
        loop = _find_loop(edges)
        if not loop:
            break
        del edges[max(loop, key=lambda p: edges[p][1])]
    for pos in edges:
        end, seen = pos, set()
        while end in edges and end not in seen:
            seen.add(end)
            end = edges[end][0]
        res.merged_into[pos] = end


def _find_loop(edges: dict[int, tuple[int, tuple]]) -> list[int]:
    for start in sorted(edges):
        path, pos = [], start
        while pos in edges and pos not in path:
            path.append(pos)
            pos = edges[pos][0]
        if pos in path:
            return path[path.index(pos):]
    return []


def _resolve_all(tables: dict[str, pd.DataFrame], actions: Iterable[Action]) -> tuple[dict[str, _Resolved], _Context]:
    ctx = _Context.of(tables)
    reviews = fold(actions)
    return {table: _resolve_table(tables, table, {k: r for k, r in reviews.items() if r.table == table}, ctx)
            for table in TABLES}, ctx


def _state(review: RowReview, base: dict, values: dict, is_added: bool, merged: bool) -> tuple[str, str]:
    """(review_state, review_reason) of one row."""
    if merged:
        later_reject = review.verdict is not None and review.verdict.value == "reject" \
            and review.verdict.action.order > review.merged.action.order
        return "rejected", review.verdict.action.reason if later_reject else "duplicate"
    if review.verdict is not None and review.verdict.value == "reject":
        return "rejected", review.verdict.action.reason
    if is_added:
        return "added", ""
    if any(not _same(values.get(name), base.get(name)) for name in review.fields if name != "date_precision"):
        return "corrected", ""
    if review.verdict is not None or review.fields:
        return "confirmed", ""
    return "unreviewed", ""


def _cast_like(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    extra = pd.DataFrame(rows, columns=list(frame.columns))
    for column in frame.columns:
        dtype = frame[column].dtype
        if str(dtype) in ("Int64",) or column in INT_COLUMNS and str(dtype) != "object":
            extra[column] = pd.array([_to_int(v) for v in extra[column]], dtype=dtype)
        else:
            try:
                extra[column] = extra[column].astype(dtype)
            except (TypeError, ValueError):
                pass
    return extra


def _applied_frame(res: _Resolved, ctx: _Context) -> tuple[pd.DataFrame, dict[int, str]]:
    frame, table = res.frame, res.table
    n_extracted = len(frame)
    added_frame = _cast_like(frame, res.added) if res.added else None
    # (copy-on-write: the few edited columns are copied when written, the rest shared with the table read)
    out = pd.concat([frame, added_frame], ignore_index=True) if added_frame is not None else frame.copy(deep=False)
    n = len(out)
    text_dtype = frame["article_id"].dtype
    cols = {c: np.full(n, "", dtype=object) for c in REVIEW_COLUMNS}
    cols["review_state"] = np.full(n, "unreviewed", dtype=object)
    for pos, key in res.keys_at.items():
        if pos < n:
            cols["review_key"][pos] = key
    merged_ids = np.full(n, "", dtype=object)
    id_column = out[ID_COLUMN[table]]
    ids = _LazyIds(id_column)
    edits: dict[int, dict] = {}
    for pos, review in sorted(res.by_pos.items()):
        base = out.iloc[pos].to_dict()
        values = _set_values(table, base, {k: r.value for k, r in review.fields.items()}, ctx)
        merged = pos in res.merged_into
        state, reason = _state(review, base, values, pos >= n_extracted, merged)
        contributing = review.contributing()
        last = contributing[-1] if contributing else None
        if state != "unreviewed" and last is not None:
            cols["reviewed_by"][pos], cols["reviewed_at"][pos] = last.reviewer, last.at
            notes = [a.note for a in contributing if a.note]
            cols["review_note"][pos] = notes[-1] if notes else ""
        cols["review_state"][pos], cols["review_reason"][pos] = state, reason
        if merged:
            merged_ids[pos] = ids[res.merged_into[pos]]
        changed = {c: v for c, v in values.items() if not _same(v, base.get(c))}
        if changed:
            edits[pos] = changed
    for pos, changed in edits.items():
        for column, value in changed.items():
            out.at[pos, column] = value
    if table == "incidents":
        keys = out["event_key"].tolist()
        for pos, target in res.merged_into.items():
            out.at[pos, "event_key"] = keys[target]
    for column in REVIEW_COLUMNS:
        out[column] = pd.Series(cols[column], index=out.index, dtype=text_dtype)
    if table == "incidents":
        out[MERGED_COLUMN] = pd.Series(merged_ids, index=out.index, dtype=text_dtype)
    return out, ids


class _LazyIds:
    """Row position -> id string, read from the id column only for the positions asked."""

    def __init__(self, column: pd.Series):
        self._column = column

    def __getitem__(self, pos: int) -> str:
        return str(self._column.iloc[pos])


def _applied_sources(tables: dict[str, pd.DataFrame], res: _Resolved, ids: dict[int, str]) -> pd.DataFrame:
    """incident_sources with a 'mention' row for each added incident, and the sources of each merged incident
    repeated under the incident it now counts under (the event keeps both rows' sentences)."""
    sources = _table(tables, "incident_sources")
    extra = []
    n_extracted = len(res.frame)
    for i, row in enumerate(res.added):
        extra.append({"incident_id": row["incident_id"], "article_id": row["article_id"], "slot": "mention",
                      "start": row["start"], "end": row["end"], "quote": row["quote"]})
    if res.merged_into:
        by_incident = {iid: group for iid, group in sources.groupby(sources["incident_id"].astype(str), sort=False)}
        for pos, target in sorted(res.merged_into.items()):
            own = by_incident.get(ids[pos])
            rows = own.to_dict("records") if own is not None else []
            if pos >= n_extracted:
                rows = [r for r in extra if r["incident_id"] == ids[pos]]
            extra += [dict(r, incident_id=ids[target]) for r in rows]
    if not extra:
        return sources
    return pd.concat([sources, _cast_like(sources, extra)], ignore_index=True)


def apply_reviews(tables: dict[str, pd.DataFrame], actions: Iterable[Action]) -> dict[str, pd.DataFrame]:
    """The tables with the review log applied: incidents, troops and attack_counts carry review_key,
    review_state (unreviewed | confirmed | corrected | rejected | added), review_reason, reviewed_by,
    reviewed_at and review_note (incidents also merged_into); rejected and merged rows stay, flagged;
    added rows are appended with every column; incident_sources gains the sentences of added and merged
    incidents. The other tables are returned as they are. Pure: nothing is read or written."""
    resolved, ctx = _resolve_all(tables, list(actions))
    out = dict(tables)
    for table, res in resolved.items():
        frame, ids = _applied_frame(res, ctx)
        out[table] = frame
        if table == "incidents":
            out["incident_sources"] = _applied_sources(tables, res, ids)
    return out


def unreviewed(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """What apply_reviews gives for an empty log, without a review key per row (keys cost memory in proportion to
    the rows; nothing needs them before a review exists): the review columns as constants, every other column shared."""
    out = dict(tables)
    for table in TABLES:
        frame = tables[table]
        text_dtype = frame["article_id"].dtype
        extra = {column: pd.Series("", index=frame.index, dtype=text_dtype) for column in REVIEW_COLUMNS}
        extra["review_state"] = pd.Series("unreviewed", index=frame.index, dtype=text_dtype)
        if table == "incidents":
            extra[MERGED_COLUMN] = pd.Series("", index=frame.index, dtype=text_dtype)
        out[table] = frame.assign(**extra)
    return out


def _orphan_row(problem: str, action: Action) -> dict:
    row = {c: getattr(action, c) for c in ORPHAN_COLUMNS if c != "problem"}
    row.update(problem=problem, before=json.dumps(action.before, ensure_ascii=False, sort_keys=True),
               after=json.dumps(action.after, ensure_ascii=False, sort_keys=True))
    return row


def orphans(tables: dict[str, pd.DataFrame], actions: Iterable[Action]) -> pd.DataFrame:
    """Every action whose row is no longer in the tables, with what it said and why (problem: a message key,
    orphan_article_changed | orphan_row_gone | orphan_merge_target_gone). Nothing in the log is ever dropped."""
    resolved, _ctx = _resolve_all(tables, list(actions))
    hashes = set(hashes_by_article(tables["articles"]).values())
    rows = []
    for table, res in resolved.items():
        for key, review in sorted(res.reviews.items()):
            if key in res.found:
                continue
            parsed = parse_key(key)
            problem = "orphan_article_changed" if parsed is None or parsed.content_hash not in hashes else "orphan_row_gone"
            rows += [_orphan_row(problem, a) for a in review.actions]
        rows += [_orphan_row("orphan_merge_target_gone", a) for a in res.unresolved_merges]
    frame = pd.DataFrame(rows, columns=ORPHAN_COLUMNS)
    return frame.sort_values(["at", "action_id"], kind="stable").reset_index(drop=True) if len(frame) else frame


def coverage(tables_or_frame) -> dict:
    """How much is reviewed. A frame (with review_state, e.g. the filtered view) -> {rows, reviewed, share,
    and one count per state}; a dict of tables -> that for each reviewed table. Rows without review_state
    count as unreviewed."""
    if isinstance(tables_or_frame, dict):
        return {t: coverage(tables_or_frame[t]) for t in TABLES if t in tables_or_frame}
    frame = tables_or_frame
    states = frame["review_state"].astype(str) if "review_state" in frame else pd.Series(["unreviewed"] * len(frame))
    counts = {state: int((states == state).sum()) for state in ("unreviewed", "confirmed", "corrected", "rejected", "added")}
    rows = len(frame)
    reviewed = rows - counts["unreviewed"]
    return {"rows": rows, "reviewed": reviewed, "share": round(reviewed / rows, 4) if rows else 0.0, **counts}


def accuracy(tables: dict[str, pd.DataFrame], actions: Iterable[Action]) -> dict:
    """The extractor scored against the analyst, per reviewed table: per field, on confirmed and corrected
    rows, how often the extracted value is the reviewed one (only fields a review asserted: a confirmation
    asserts every field it saw, a correction the fields it gives); rejected rows by reason; added rows."""
    actions = ordered(actions)
    resolved, ctx = _resolve_all(tables, actions)
    out = {}
    for table, res in resolved.items():
        applied, _ids = _applied_frame(res, ctx)
        states = applied["review_state"].astype(str).tolist()
        reasons = applied["review_reason"].astype(str).tolist()
        fields: dict[str, dict] = {}
        for pos, review in sorted(res.by_pos.items()):
            if pos >= len(res.frame) or states[pos] not in ("confirmed", "corrected"):
                continue
            base = res.frame.iloc[pos].to_dict()
            for name, reg in sorted(review.fields.items()):
                if name == "date_precision":
                    continue
                score = fields.setdefault(name, {"checked": 0, "right": 0})
                score["checked"] += 1
                score["right"] += int(_same(_set_values(table, base, {name: reg.value}, ctx).get(name), base.get(name)))
        for score in fields.values():
            score["share"] = round(score["right"] / score["checked"], 4)
        rejected: dict[str, int] = defaultdict(int)
        for state, reason in zip(states, reasons):
            if state == "rejected":
                rejected[reason or "unspecified"] += 1
        out[table] = {**coverage(applied), "rejected_by_reason": dict(sorted(rejected.items())),
                      "fields": dict(sorted(fields.items()))}
    out["actions"] = len(actions)
    out["reviewers"] = len({a.reviewer for a in actions})
    out["orphaned_actions"] = len(orphans(tables, actions))
    return out
