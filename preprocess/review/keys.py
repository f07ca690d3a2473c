"""Stable row keys: a review names the text it reviewed (the article's content hash and spans), never a row number.

    troops|<content_hash>|<start>-<end>                 the number phrase
    attack_counts|<content_hash>|<start>-<end>          the number phrase
    incidents|<content_hash>|<start>-<end>|m=<a>-<b>,...
        the incident's own sentence and the spans of its `incident_sources` rows with slot 'mention'
    incidents|<content_hash>|<start>-<end>|m=<a>-<b>,...|v=<event_type>;<date>;<place>
        the same for an incident that shares its sentence with another of the article (one incident per
        base, per day or per country: 16 of the 223 incidents of the development sets), told apart by the
        values that make them two
    incidents|<content_hash>|<start>-<end>|add=<action id>  an incident an analyst added

A key repeated within one article (identical rows) ends with `|#2`, `|#3` in table order.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote, unquote

import numpy as np
import pandas as pd

SEP = "|"


@dataclass(frozen=True)
class RowKey:
    """A parsed key. `mentions` only for extracted incidents, `values` (event_type, date, place) only for
    incidents that share their sentence."""
    table: str
    content_hash: str
    start: int
    end: int
    mentions: tuple[tuple[int, int], ...] = ()
    values: tuple[str, str, str] | None = None
    added: str = ""
    ordinal: int = 1


def _spans(spans: Iterable[tuple[int, int]]) -> str:
    return ",".join([f"{a}-{b}" for a, b in sorted(set(spans))]) if spans else ""


def _ordinal(key: str, ordinal: int) -> str:
    return key if ordinal <= 1 else f"{key}{SEP}#{ordinal}"


def figure_key(table: str, content_hash: str, start: int, end: int, ordinal: int = 1) -> str:
    return _ordinal(SEP.join((table, content_hash, f"{int(start)}-{int(end)}")), ordinal)


def incident_key(content_hash: str, start: int, end: int, mentions: Iterable[tuple[int, int]],
                 values: tuple[str, str, str] | None = None, ordinal: int = 1) -> str:
    """`values` (event_type, date, place) only when another incident of the article has the same sentence."""
    parts = ["incidents", content_hash, f"{int(start)}-{int(end)}", f"m={_spans(mentions)}"]
    if values is not None:
        parts.append("v=" + ";".join(quote(str(v or ""), safe=" -'.,()") for v in values))
    return _ordinal(SEP.join(parts), ordinal)


def added_incident_key(content_hash: str, start: int, end: int, action_id: str) -> str:
    return SEP.join(("incidents", content_hash, f"{int(start)}-{int(end)}", f"add={action_id}"))


def _span(text: str) -> tuple[int, int]:
    a, b = text.split("-")
    return int(a), int(b)


def parse_key(key: str) -> RowKey | None:
    """The parts of a key, or None when it is not one."""
    parts = key.split(SEP) if isinstance(key, str) else []
    if len(parts) < 3:
        return None
    try:
        start, end = _span(parts[2])
        ordinal, mentions, values, added = 1, (), None, ""
        for part in parts[3:]:
            if part.startswith("#"):
                ordinal = int(part[1:])
            elif part.startswith("m="):
                mentions = tuple(_span(s) for s in part[2:].split(",") if s)
            elif part.startswith("v="):
                got = [unquote(v) for v in part[2:].split(";")]
                values = tuple((got + ["", "", ""])[:3])
            elif part.startswith("add="):
                added = part[4:]
            else:
                return None
    except ValueError:
        return None
    return RowKey(parts[0], parts[1], start, end, mentions, values, added, ordinal)


@dataclass(frozen=True)
class CurrentRow:
    """A row of a current table, with what its key is made of."""
    pos: int
    article_id: str
    key: str
    start: int
    end: int
    spans: frozenset = frozenset()
    values: tuple[str, str, str] = ("", "", "")


def hashes_by_article(articles: pd.DataFrame) -> dict[str, str]:
    return dict(zip(articles["article_id"].astype(str), articles["content_hash"].astype(str)))


def _mention_spans(sources: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    mentions = sources[sources["slot"].astype(str) == "mention"]
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for incident_id, a, b in zip(mentions["incident_id"].astype(str).tolist(), _ints(mentions["start"]), _ints(mentions["end"])):
        if a >= 0 and b >= 0:
            out[incident_id].append((a, b))
    return out


def _ints(column: pd.Series) -> list[int]:
    return pd.to_numeric(column, errors="coerce").fillna(-1).astype("int64").tolist()


def current_rows(tables: dict[str, pd.DataFrame], table: str, only_articles: set[str] | None = None) -> list[CurrentRow]:
    """Every row of `table` with its key, in frame order (position = row number of the frame); with `only_articles`,
    the rows of those articles alone (their keys are the same: ordinals count within an article)."""
    frame = tables[table]
    positions = None
    if only_articles is not None:
        positions = np.flatnonzero(frame["article_id"].astype(str).isin(list(only_articles)).to_numpy())
        frame = frame.iloc[positions]
    hashes = hashes_by_article(tables["articles"])
    articles = frame["article_id"].astype(str).tolist()
    starts, ends = _ints(frame["start"]), _ints(frame["end"])
    at = positions.tolist() if positions is not None else range(len(frame))
    rows, seen = [], defaultdict(int)
    if table == "incidents":
        ids = frame["incident_id"].astype(str).tolist()
        sources = tables["incident_sources"]
        if only_articles is not None:
            sources = sources[sources["incident_id"].astype(str).isin(ids)]
        spans = _mention_spans(sources)
        # (a row with no place names its country instead: a wave of strikes told in one sentence is one row per
        # country, "في العراق وسوريا", and the two rows differ only there)
        places = [p if p and p != "nan" else (c if c != "nan" else "")
                  for p, c in zip(frame["place"].astype(str).tolist(), frame["country"].astype(str).tolist())]
        cols = [frame["event_type"].astype(str).tolist(), frame["date"].astype(str).tolist(), places]
        sentences = defaultdict(int)
        for article, a, b in zip(articles, starts, ends):
            sentences[(article, a, b)] += 1
        for i, (article, iid, a, b) in enumerate(zip(articles, ids, starts, ends)):
            pos = at[i]
            values = (cols[0][i], cols[1][i], cols[2][i])
            mentions = spans.get(iid, [])
            shared = sentences[(article, a, b)] > 1
            base = incident_key(hashes.get(article, ""), a, b, mentions, values if shared else None)
            seen[(article, base)] += 1
            rows.append(CurrentRow(pos, article, _ordinal(base, seen[(article, base)]), a, b,
                                   frozenset(mentions) | {(a, b)}, values))
    else:
        for i, (article, a, b) in enumerate(zip(articles, starts, ends)):
            pos = at[i]
            base = figure_key(table, hashes.get(article, ""), a, b)
            seen[(article, base)] += 1
            rows.append(CurrentRow(pos, article, _ordinal(base, seen[(article, base)]), a, b))
    return rows


def key_of(tables: dict[str, pd.DataFrame], table: str, id_column: str, row_id: str, article_id: str) -> str:
    """The key of one extracted row, worked out over its article alone ('' when the row is not there)."""
    frame = tables[table]
    ids = frame[id_column].astype(str)
    for row in current_rows(tables, table, {str(article_id)}):
        if ids.iloc[row.pos] == str(row_id):
            return row.key
    return ""


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _dates_agree(a: str, b: str) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _score(key: RowKey, row: CurrentRow) -> tuple | None:
    """How well a current row fits a key that no longer matches exactly; None when it cannot be that row."""
    anchor = (key.start, key.end)
    if key.table != "incidents":
        if not (row.start < key.end and key.start < row.end):
            return None
        return (-(abs(row.start - key.start) + abs(row.end - key.end)),)
    if not any(_contains(span, anchor) for span in row.spans):
        return None
    own = (row.start, row.end) == anchor
    if key.values is not None:
        kind, date, place = key.values
        if own and ((place and row.values[2] and place != row.values[2]) or not _dates_agree(date, row.values[1])):
            return None  # another base or day told in the same sentence: a sibling row, not this one
        agree = (kind == row.values[0]) + (date == row.values[1]) + (place == row.values[2])
    else:
        agree = 0
    overlap = len(set(key.mentions) & row.spans)
    return (agree, own, overlap, -len(set(key.mentions) ^ row.spans))


def _claim(key: RowKey, pos: int) -> tuple:
    # A figure row takes one review key. An incident row takes one key per reviewed sentence: keys from two
    # sentences meet on one row when a new extractor merges their incidents; two keys from one sentence were
    # two rows (two bases, two days) and must not both land on one.
    return (pos,) if key.table != "incidents" else (pos, key.start, key.end)


def resolve(wanted: Iterable[str], rows: list[CurrentRow], exact_only: frozenset | set = frozenset()) -> dict[str, list[int]]:
    """Review key -> positions of the current rows it attaches to (several when duplicate articles share the
    text). Exact keys first; then, best fit first, the rows of the same text that hold the reviewed span.
    Keys in `exact_only` (figures an analyst added from a span) attach only exactly. Unresolved keys are absent."""
    by_key: dict[str, list[int]] = defaultdict(list)
    by_hash: dict[str, list[CurrentRow]] = defaultdict(list)
    for row in rows:
        by_key[row.key].append(row.pos)
        by_hash[row.key.split(SEP, 2)[1]].append(row)
    found: dict[str, list[int]] = {}
    claimed: set[tuple] = set()
    pending: list[tuple[str, RowKey]] = []
    for key in sorted(set(wanted)):
        parsed = parse_key(key)
        if parsed is None:
            continue
        if key in by_key:
            found[key] = list(by_key[key])
            claimed.update(_claim(parsed, pos) for pos in by_key[key])
        elif key not in exact_only and not parsed.added:
            pending.append((key, parsed))
    pairs = []
    for key, parsed in pending:
        for row in by_hash.get(parsed.content_hash, []):
            score = _score(parsed, row)
            if score is not None:
                pairs.append((tuple(-s for s in score), key, row.pos, row.article_id, parsed))
    pairs.sort(key=lambda p: p[:3])
    done: set[tuple[str, str]] = set()
    for _score_, key, pos, article, parsed in pairs:
        if (key, article) in done or _claim(parsed, pos) in claimed:
            continue
        done.add((key, article))
        claimed.add(_claim(parsed, pos))
        found.setdefault(key, []).append(pos)
    return found
