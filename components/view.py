"""Streamlit rendering shared by the pages: tables in reading order, CSV downloads, charts, the empty-result note."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import export, mapped, query, safe, state
from components.i18n import column_label
from components.maps import PLOTLY_CONFIG
from components.state import View, clear_filters

# the article's own sentence is shown as written; ids, titles, names and file names lose bidi controls for display
PLAIN_AS_WRITTEN = ("quote", "link")
# a CSV this small is made with the page (tens of ms); a larger one only when its button is clicked
EAGER_CSV_ROWS = 10_000
NUMBER_COLUMNS = ("killed", "wounded", "value", "count", "counted", "events", "attacks", "strikes", "incidents",
                  "n_mentions", "n_articles", "n_reports", "mentions", "n_event_mentions", "n_event_articles")
# numbers the text may not give: an empty cell (never "None") and a tooltip saying what empty means
STATED_NUMBERS = ("killed", "wounded", "value", "count")
# Widths in pixels so the columns read first (date, type, faction, place, number, qualifier, killed, wounded) fit in the
# ~940 px a table gets at 1400 px with the sidebar open; the long sentence goes last and is truncated.
COLUMN_WIDTHS = {
    "date": 96, "published": 96, "period_start": 80, "period_end": 80, "event_type": 104, "weapon": 118, "outcome": 100,
    "factions": 210, "perpetrator": 170, "claimed_by": 170, "place": 160, "location": 140, "country": 96, "force": 130,
    "qualifier": 164, "kind": 124, "killed": 78, "wounded": 78, "value": 74, "count": 110, "counted": 84, "source": 160,
    "link": 140, "title": 380, "quote": 640, "name_ar": 200, "name_en": 264, "place_type": 84, "actor_type": 110,
    "parent": 200, "events": 70, "attacks": 70, "strikes": 70, "incidents": 150, "n_mentions": 80, "n_articles": 80,
    "n_event_articles": 140, "new": 60, "review_state": 96, "reviewed_by": 110, "review_note": 180,
}
# the review columns every table of reviewed rows shows (issue 11), after the values and before the source and sentence
REVIEW_SHOWN = ["review_state", "reviewed_by", "review_note"]


def remembered(name: str, source, key: tuple, compute):
    """compute() again only when `source` (a table of the view, compared by identity: a rebuild or a review gives a new
    one) or `key` (what else the answer depends on) changed since this session's last rerun: a rerun for a control that
    does not change the answer (a faction on the troops page) reuses the last one. One answer kept per name."""
    slot = "_remembered_" + name
    kept = st.session_state.get(slot)
    if kept is not None and kept[0] is source and kept[1] == key:
        return kept[2]
    value = compute()
    st.session_state[slot] = (source, key, value)
    return value


def with_reader_links(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds `link`: the reader on each row's article at its sentence, the shown view (language, filters, months) kept
    (state.reader_links); app.py opens such links in the same tab."""
    return frame.assign(link=state.reader_links(frame) if len(frame) else pd.Series(dtype="str"))


def ordered_columns(frame: pd.DataFrame, wanted: list[str]) -> list[str]:
    """The columns a table shows, in the order asked, the sentence last; ids (incident_id, mention_id ...) stay in the CSV."""
    columns = [c for c in wanted if c in frame and not c.endswith("_id")]
    return [c for c in columns if c != "quote"] + [c for c in columns if c == "quote"]


def table_frame(v: View, frame: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    """What a table shows: its columns in reading order, codes and names as words in the page's language, bidi controls
    out of everything but the sentence. Never mirrored: the grid opens scrolled to its left edge in both languages, so
    reversed columns would put the first ones off screen (shared/RTL_RULES.md)."""
    shown = v.names.frame(frame[ordered_columns(frame, wanted)])
    for column in shown.columns:
        # one search over the column's distinct values (~1 ms on 50,000 rows), cleaning only a column that needs it
        if column not in PLAIN_AS_WRITTEN and safe.has_bidi("".join(x for x in shown[column].unique() if isinstance(x, str))):
            shown[column] = shown[column].map(lambda x: safe.strip_bidi(x) if isinstance(x, str) else x)
    return shown


# Mixed directions in st.dataframe, measured in Chromium with Streamlit 1.67 (tests/e2e/test_tables_charts_browser.py):
# the grid is a canvas (glide-data-grid) that the page's CSS direction never reaches; each cell, header included, takes its
# direction from its own first strong letter (Arabic: right to left; Latin or a digit first: left to right) and is drawn
# from the anchor its alignment sets. alignment="left" anchors a right-to-left cell at the left edge, so it runs out of the
# cell leftwards and only its first letter shows (the Arabic sentence in the English page); alignment="right" anchors a
# left-to-right cell at the right edge, so a long English name is cut at its start. With no alignment each cell starts at
# its own side: Arabic from the right, English from the left, both whole, and a long one cut at its end. Rule: never set
# `alignment` on a text or link column, in either language; numbers keep the grid's right alignment.
def first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a table shows (query.TABLE_ROWS at most, the first in the frame's order): link and name only these."""
    return frame.head(query.TABLE_ROWS)


def show_table(v: View, frame: pd.DataFrame, shown_columns: list[str], key: str, height: int | None = None,
               total: int | None = None, selectable: bool = False):
    """A table in the reader's language: the columns read first on screen, codes and names as words, empty for a number
    the text does not give, the sentence last (whole on double-click), links to the reader. At most query.TABLE_ROWS
    rows, with a note saying how many there are in all (`total`, when the frame given is already the first rows).
    `selectable`: one row can be selected (for the review panel; its position is in the rows shown); the selection is
    returned."""
    total = len(frame) if total is None else total
    frame = first_rows(frame)
    shown = table_frame(v, frame, shown_columns)
    config = {}
    for column in shown.columns:
        label = column_label(column, v.lang)
        width = COLUMN_WIDTHS.get(column)
        if column == "link":
            config[column] = st.column_config.LinkColumn(label, display_text=v.t("read"), width=width)
        elif column in NUMBER_COLUMNS:
            config[column] = st.column_config.NumberColumn(label, format="%d", width=width,
                                                           help=v.t("no_number_help") if column in STATED_NUMBERS else None)
        elif column == "quote":
            config[column] = st.column_config.TextColumn(label, width=width, help=v.t("quote_help"))
        else:
            config[column] = st.column_config.TextColumn(label, width=width)
    selecting = {"on_select": "rerun", "selection_mode": "single-row"} if selectable else {}
    selection = st.dataframe(shown, column_config=config, hide_index=True, key=key, height=height or "auto", width="stretch",
                             placeholder="", **selecting)
    selection = selection if selectable else None
    if total > len(frame):
        st.caption(v.t("first_rows_note", n=f"{len(frame):,}", total=f"{total:,}"))
    return selection


def csv_download(v: View, frame, table: str, key: str, rows: int | None = None, remember: tuple | None = None) -> None:
    """Offers exactly `frame` as CSV, with the filters in the file name and in words beside the button. `frame` may be a
    function that returns it (with its number of `rows`): the file is then made only when the button is clicked, not on
    every rerun. `remember` (source, key), for a file made with the page: its bytes are kept while they stay the same
    (view.remembered), such as the tallies' under a faction change."""
    n = rows if callable(frame) else len(frame)
    if remember is not None and not (callable(frame) and n > EAGER_CSV_ROWS):
        data = remembered("csv_" + key, remember[0], remember[1],
                          lambda: export.csv_bytes(frame() if callable(frame) else frame))
    elif callable(frame) and n > EAGER_CSV_ROWS:
        def data() -> bytes:
            try:
                return export.csv_bytes(frame())
            finally:  # every row of a mapped table may have been read: its pages go back to the page cache
                mapped.release()
    else:
        data = export.csv_bytes(frame() if callable(frame) else frame)
    words = export.filters_in_words(v.filters, lambda name: v.t("f_" + name),
                                    lambda name, value: safe.literal(v.names.label(name, str(value)), limit=80)) or v.t("no_filter")
    switches = {"reviewed_only": "reviewed-only", "show_rejected": "with-rejected"}
    switches = {name: tag for name, tag in switches.items() if getattr(v.filters, name, False)}
    words = "; ".join([words] + [v.t(name) for name in switches])
    st.download_button(
        v.t("download_csv"), data=data, file_name=export.csv_filename(table, v.filters, extra=tuple(switches.values())),
        mime="text/csv", key=key, help=v.t("download_help", n=n, filters=words), on_click="ignore",
        icon=":material/download:",
    )


def show_chart(fig: go.Figure, key: str, notes: list[str] | tuple[str, ...] = ()) -> None:
    """A chart and, right under it, what it leaves out (undated incidents ...)."""
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")
    for note in notes:
        if note:
            st.caption(note)


def count_note(v: View, key: str, n: int) -> str:
    """'3 incidents without a date are not on this chart.' ('' for none), singular for one."""
    if not n:
        return ""
    return v.t(key + "_one") if n == 1 else v.t(key, n=f"{n:,}")


def off_chart_notes(v: View, incidents, freq: str) -> list[str]:
    """What a chart of incidents per `freq` leaves out: undated incidents, and on a monthly chart those dated by year.
    `incidents`: a frame, or the view's mask over its TableIndex."""
    missing = v.index.off_chart(incidents, freq) if isinstance(incidents, np.ndarray) else query.off_chart(incidents, freq)
    return [count_note(v, "undated_note", missing["undated"]), count_note(v, "coarser_note", missing["coarser"])]


def empty_note(v: View, key: str) -> None:
    """An empty result is not an error: say so and offer to clear the filters."""
    st.info(v.t("empty"), icon=":material/filter_alt_off:")
    if not v.filters.is_empty():
        st.button(v.t("clear_filters"), on_click=clear_filters, key=key)
