"""Streamlit rendering shared by the pages: tables in reading order, CSV downloads, charts, the empty-result note."""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import export, safe
from components.i18n import column_label
from components.maps import PLOTLY_CONFIG
from components.state import View, clear_filters

# the article's own sentence is shown as written; ids, titles, names and file names lose bidi controls for display
PLAIN_AS_WRITTEN = ("quote", "link")
NUMBER_COLUMNS = ("killed", "wounded", "value", "count", "counted", "events", "attacks", "strikes", "incidents",
                  "n_mentions", "n_articles", "n_reports", "mentions")


def reader_link(article_id: str, start=None, end=None, lang: str = "ar") -> str:
    """Relative link to the reader with the sentence highlighted: /articles?article=<id>&hl=<start>-<end>."""
    params = {"article": article_id, "lang": lang}
    if start is not None and end is not None and not pd.isna(start) and not pd.isna(end):
        params["hl"] = f"{int(start)}-{int(end)}"
    return "/articles?" + urlencode(params)


def with_reader_links(frame: pd.DataFrame, lang: str, start: str = "start", end: str = "end") -> pd.DataFrame:
    starts = frame[start] if start in frame else [None] * len(frame)
    ends = frame[end] if end in frame else [None] * len(frame)
    links = [reader_link(a, s, e, lang) for a, s, e in zip(frame["article_id"], starts, ends)]
    return frame.assign(link=links)


def show_table(v: View, frame: pd.DataFrame, shown_columns: list[str], key: str, height: int | None = None) -> None:
    """A table in the reader's language: names translated, columns mirrored in Arabic, links to the reader."""
    shown = v.names.frame(frame[[c for c in shown_columns if c in frame]])
    for column in shown.columns:
        # one search over the column's distinct values (~1 ms on 50,000 rows), cleaning only a column that needs it
        if column not in PLAIN_AS_WRITTEN and safe.has_bidi("".join(x for x in shown[column].unique() if isinstance(x, str))):
            shown[column] = shown[column].map(lambda x: safe.strip_bidi(x) if isinstance(x, str) else x)
    if v.lang == "ar":
        shown = shown[shown.columns[::-1]]
    align = "right" if v.lang == "ar" else "left"
    config = {}
    for column in shown.columns:
        label = column_label(column, v.lang)
        if column == "link":
            config[column] = st.column_config.LinkColumn(label, display_text=v.t("read"), alignment=align)
        elif column in NUMBER_COLUMNS:
            config[column] = st.column_config.NumberColumn(label, format="%d", alignment=align)
        elif column == "quote":
            config[column] = st.column_config.TextColumn(label, width="large", alignment=align)
        else:
            config[column] = st.column_config.TextColumn(label, alignment=align)
    st.dataframe(shown, column_config=config, hide_index=True, key=key, height=height or "auto", width="stretch")


def csv_download(v: View, frame: pd.DataFrame, table: str, key: str) -> None:
    """Offers exactly `frame` as CSV, with the filters in the file name and in words beside the button."""
    words = export.filters_in_words(v.filters, lambda name: v.t("f_" + name),
                                    lambda name, value: safe.literal(v.names.label(name, str(value)), limit=80)) or v.t("no_filter")
    st.download_button(
        v.t("download_csv"), data=export.csv_bytes(frame), file_name=export.csv_filename(table, v.filters),
        mime="text/csv", key=key, help=v.t("download_help", n=len(frame), filters=words), on_click="ignore",
        icon=":material/download:",
    )


def show_chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")


def empty_note(v: View, key: str) -> None:
    """An empty result is not an error: say so and offer to clear the filters."""
    st.info(v.t("empty"), icon=":material/filter_alt_off:")
    if not v.filters.is_empty():
        st.button(v.t("clear_filters"), on_click=clear_filters, key=key)
