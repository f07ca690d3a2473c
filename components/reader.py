"""An article's text as HTML with every extraction highlighted; every piece of text is escaped (no Streamlit)."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from typing import Callable

import pandas as pd

from preprocess.sentences import split_sentences

OFFSET_PATTERN = "[0-9]{1,12}"  # ASCII digits only ('²' is a digit to str.isdigit, not to int), never a huge number
SPAN_COLUMNS = ["kind", "row_id", "start", "end", "label"]
# Kinds of highlight, in the legend's order. A mention's kind says its role: 'place_event' is where an incident happened.
KINDS = ("incident", "source", "troops", "attack_count", "actor_event", "actor", "place_event", "place_dateline", "place")
PICKABLE = ("incident", "troops", "attack_count", "actor_event", "actor", "place_event", "place_dateline", "place")
SLOTS = ("mention", "date", "event_type", "place", "weapon", "perpetrator", "claimed_by", "target", "killed", "wounded",
         "outcome")
ROW_TABLES = {"incident": ("incidents", "incident_id"), "source": ("incidents", "incident_id"), "troops": ("troops", "troop_id"),
              "attack_count": ("attack_counts", "count_id")}


def parse_offset(value) -> int | None:
    """'120' -> 120; anything else ('abc', '²', '-3', '') -> None."""
    text = str(value or "").strip()
    return int(text) if re.fullmatch(OFFSET_PATTERN, text) else None


def parse_highlight(value: str) -> tuple[int, int] | None:
    """'120-245' -> (120, 245); anything else ('abc', '²-³', '9-1') -> None. The reader's older link form (?hl=)."""
    start, sep, end = str(value or "").partition("-")
    if not sep or not re.fullmatch(OFFSET_PATTERN, start) or not re.fullmatch(OFFSET_PATTERN, end) or int(end) <= int(start):
        return None
    return int(start), int(end)


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence holding `offset` (the next one when it falls between two), as the build splits them; None past the end."""
    for start, end in split_sentences(text):
        if offset < end:
            return start, end
    return None


def _mention_kind(entity_kind: str, role: str) -> str:
    if entity_kind == "place":
        return {"event": "place_event", "dateline": "place_dateline"}.get(role, "place")
    return "actor_event" if role == "event" else "actor"


def article_spans(tables: dict[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    """Every highlight of one article: incidents (their sentence), the sentences behind each incident (kind 'source', label
    = the slot it gave), troop figures, tallies, and mentions by role; columns kind, row_id, start, end, label."""
    parts = []

    def add(rows: pd.DataFrame, kind, id_column: str, start: str, end: str, label) -> None:
        if not rows.empty:
            parts.append(pd.DataFrame({"kind": kind, "row_id": rows[id_column], "start": rows[start], "end": rows[end],
                                       "label": label if isinstance(label, str) else label.astype(str)}))

    def of_article(name: str) -> pd.DataFrame:
        table = tables.get(name)
        return table[table["article_id"] == article_id] if table is not None and len(table) else pd.DataFrame()

    incidents = of_article("incidents")
    add(incidents, "incident", "incident_id", "start", "end", incidents.get("event_type", ""))
    sources = of_article("incident_sources")
    add(sources, "source", "incident_id", "start", "end", sources.get("slot", ""))
    troops = of_article("troops")
    add(troops, "troops", "troop_id", "start", "end", troops.get("value", ""))
    counts = of_article("attack_counts")
    add(counts, "attack_count", "count_id", "start", "end", counts.get("count", ""))
    mentions = of_article("mentions")
    if not mentions.empty:
        roles = mentions["role"] if "role" in mentions else pd.Series("", index=mentions.index)
        kinds = [_mention_kind(k, r) for k, r in zip(mentions["entity_kind"], roles)]
        add(mentions, kinds, "mention_id", "start", "end", mentions["surface"])
    if not parts:
        return pd.DataFrame(columns=SPAN_COLUMNS)
    spans = pd.concat(parts, ignore_index=True).dropna(subset=["start", "end"]).astype({"start": int, "end": int})
    order = {kind: n for n, kind in enumerate(KINDS)}
    spans = spans[spans["end"] > spans["start"]].assign(_order=spans["kind"].map(order))
    return spans.sort_values(["start", "end", "_order"]).drop(columns="_order").reset_index(drop=True)


def slot_rank(slot: str) -> tuple[int, str]:
    """Slots in a fixed reading order (the mention first, then the date ...); an unknown one last."""
    return (SLOTS.index(slot) if slot in SLOTS else len(SLOTS), slot)


def incident_numbers(spans: pd.DataFrame) -> dict[str, int]:
    """Incidents of the article numbered 1, 2 ... in text order, so a tag and the picker can name them."""
    incidents = spans[spans["kind"] == "incident"].sort_values(["start", "row_id"])
    return {row_id: n for n, row_id in enumerate(dict.fromkeys(incidents["row_id"]), start=1)}


def source_tags(spans: pd.DataFrame, numbers: dict[str, int], incident_label: Callable[[int], str],
                slot_label: Callable[[str], str], comma: str = ", ") -> dict[int, str]:
    """End offset of each sentence behind an incident -> what it gave: 'incident 1: mention, date · incident 2: place'."""
    sources = spans[spans["kind"] == "source"]
    gave: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for incident, end, slot in zip(sources["row_id"], sources["end"], sources["label"]):
        if slot not in gave[int(end)][incident]:
            gave[int(end)][incident].append(slot)
    tags = {}
    for end, by_incident in gave.items():
        parts = []
        for incident in sorted(by_incident, key=lambda i: (numbers.get(i, 10**9), i)):
            slots = comma.join(slot_label(s) for s in sorted(by_incident[incident], key=slot_rank))
            parts.append(f"{incident_label(numbers[incident])}: {slots}" if incident in numbers else slots)
        tags[end] = " · ".join(parts)
    return tags


def highlighted_html(text: str, spans: pd.DataFrame, focus: tuple[int, int] | None, kind_label,
                     tags: dict[int, str] | None = None) -> str:
    """Cuts the text at every span boundary; each piece is escaped and marked with the kinds of the spans covering it; a
    tag (what a sentence gave its incidents) follows the sentence; the focused sentence is outlined and named in data-focus."""
    length = len(text)
    cuts = {0, length}
    for start, end in zip(spans["start"], spans["end"]):
        cuts.update((min(max(int(start), 0), length), min(max(int(end), 0), length)))
    if focus:
        cuts.update((min(focus[0], length), min(focus[1], length)))
    tags = {min(max(int(end), 0), length): tag for end, tag in (tags or {}).items() if tag}
    cuts.update(tags)
    bounds = sorted(cuts)
    # a sweep over the boundaries keeps the spans covering each piece: linear, even for a 2-million-character text
    opening, closing = defaultdict(list), defaultdict(list)
    for start, end, kind in zip(spans["start"].tolist(), spans["end"].tolist(), spans["kind"].tolist()):
        if int(end) > int(start):
            opening[min(max(int(start), 0), length)].append(kind)
            closing[min(max(int(end), 0), length)].append(kind)
    active: Counter = Counter()
    pieces = []
    in_focus = False
    for left, right in zip(bounds, bounds[1:]):
        active.subtract(closing.get(left, []))
        active.update(opening.get(left, []))
        piece = html.escape(text[left:right])
        covering = sorted(k for k, n in active.items() if n > 0)
        focused = focus is not None and focus[0] <= left and right <= focus[1]
        if focused != in_focus:  # the focused sentence is one element around its pieces, outlined as a whole
            pieces.append('<span class="x-focus">' if focused else "</span>")
            in_focus = focused
        if not covering:
            pieces.append(piece)
        else:
            classes = " ".join(["x"] + [f"x-{k}" for k in covering])
            title = html.escape(" · ".join(kind_label(k) for k in covering), quote=True)
            pieces.append(f'<mark class="{classes}" title="{title}">{piece}</mark>')
        if right in tags:
            pieces.append(f'<sup class="slot-tag" dir="auto">{html.escape(tags[right])}</sup>')
    if in_focus:
        pieces.append("</span>")
    focus_attr = f' data-focus="{focus[0]}"' if focus else ""
    return f'<div class="reader" dir="auto"{focus_attr}>' + "".join(pieces) + "</div>"


def legend_html(kind_label: Callable[[str], str], kinds=KINDS) -> str:
    """One sample of each highlight, drawn with the reader's own marks."""
    samples = "".join(f'<mark class="x x-{k}">{html.escape(kind_label(k))}</mark>' for k in kinds)
    return f'<div class="reader-legend" dir="auto">{samples}</div>'


def extraction_row(tables: dict[str, pd.DataFrame], kind: str, row_id: str) -> pd.Series | None:
    """The full table row behind one highlighted extraction."""
    table, id_column = ROW_TABLES.get(kind, ("mentions", "mention_id"))
    rows = tables[table][tables[table][id_column] == row_id]
    return None if rows.empty else rows.iloc[0]
