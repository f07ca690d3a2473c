"""An article's text as HTML with every extraction highlighted; every piece of text is escaped (no Streamlit)."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict

import pandas as pd

OFFSET_PATTERN = "[0-9]{1,12}"  # ASCII digits only ('²' is a digit to str.isdigit, not to int), never a huge number


def parse_highlight(value: str) -> tuple[int, int] | None:
    """'120-245' -> (120, 245); anything else ('abc', '²-³', '9-1') -> None."""
    start, sep, end = str(value or "").partition("-")
    if not sep or not re.fullmatch(OFFSET_PATTERN, start) or not re.fullmatch(OFFSET_PATTERN, end) or int(end) <= int(start):
        return None
    return int(start), int(end)


def highlighted_html(text: str, spans: pd.DataFrame, focus: tuple[int, int] | None, kind_label) -> str:
    """Cuts the text at every span boundary; each piece is escaped and marked with the kinds of the spans covering it."""
    length = len(text)
    cuts = {0, length}
    for start, end in zip(spans["start"], spans["end"]):
        cuts.update((min(max(int(start), 0), length), min(max(int(end), 0), length)))
    if focus:
        cuts.update((min(focus[0], length), min(focus[1], length)))
    bounds = sorted(cuts)
    # a sweep over the boundaries keeps the spans covering each piece: linear, even for a 2-million-character text
    opening, closing = defaultdict(list), defaultdict(list)
    for start, end, kind in zip(spans["start"].tolist(), spans["end"].tolist(), spans["kind"].tolist()):
        if int(end) > int(start):
            opening[min(max(int(start), 0), length)].append(kind)
            closing[min(max(int(end), 0), length)].append(kind)
    active: Counter = Counter()
    pieces = []
    for left, right in zip(bounds, bounds[1:]):
        active.subtract(closing.get(left, []))
        active.update(opening.get(left, []))
        piece = html.escape(text[left:right])
        covering = sorted(k for k, n in active.items() if n > 0)
        focused = focus is not None and focus[0] <= left and right <= focus[1]
        if not covering and not focused:
            pieces.append(piece)
            continue
        classes = " ".join(["x"] + [f"x-{k}" for k in covering] + (["x-focus"] if focused else []))
        title = html.escape(" · ".join(kind_label(k) for k in covering), quote=True)
        pieces.append(f'<mark class="{classes}" title="{title}">{piece}</mark>')
    return '<div class="reader" dir="auto">' + "".join(pieces) + "</div>"


def extraction_row(tables: dict[str, pd.DataFrame], kind: str, row_id: str) -> pd.Series | None:
    """The full table row behind one highlighted extraction."""
    table, id_column = {"incident": ("incidents", "incident_id"), "troops": ("troops", "troop_id"),
                        "attack_count": ("attack_counts", "count_id"), "actor": ("mentions", "mention_id"),
                        "place": ("mentions", "mention_id")}[kind]
    rows = tables[table][tables[table][id_column] == row_id]
    return None if rows.empty else rows.iloc[0]
