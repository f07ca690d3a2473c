"""Troops: US and coalition troop figures over time, marker shape by qualifier, hover with the sentence and source."""
import streamlit as st

from components import charts, query, view as ui
from components.state import view

v = view()
tb = v.tables
troops = query.filter_troops(tb["troops"], v.filters, tb["places"])
st.title(v.t("page_troops"))
if troops.empty:
    ui.empty_note(v, key="clear_troops")
    st.stop()

colour_by = st.segmented_control(v.t("colour_by"), ["location", "force", "kind"], key="troops_colour", default="location",
                                 format_func=lambda c: v.t("by_" + c)) or "location"
series = query.troop_series(troops, tb["articles"])
fig = charts.troops_chart(series, v.lang, v.t("troops_title"), colour_by, v.names.label, v.t("troops_axis"))
ui.show_chart(fig, key="troops_chart")
st.caption(v.t("open_marker_note"))
ui.csv_download(v, query.with_sources(troops, tb["articles"]), "troops", key="csv_troops_chart")

st.subheader(v.t("troop_table"))
rows = ui.with_reader_links(query.with_sources(troops.sort_values(["date", "troop_id"]), tb["articles"]), v.lang)
ui.show_table(v, rows, ["date", "value", "qualifier", "kind", "force", "location", "quote", "source", "link"], key="troop_table")
