"""Troops: US and coalition troop figures over time, standing levels apart from plans, bounds drawn as bounds, sources."""
import streamlit as st

from components import charts, query, review_ui, view as ui
from components.state import view

v = view()
tb = v.tables
# what the troop figures depend on: faction, weapon and event type do not apply to them, so a change of those reuses the
# figures, their chart and their table (view.remembered) instead of working them out again
applies = (v.filters.year, v.filters.country, v.filters.place, v.filters.show_rejected, v.filters.reviewed_only)
troops = ui.remembered("troops", tb["troops"], applies, lambda: query.filter_troops(tb["troops"], v.filters, tb["places"]))
st.title(v.t("page_troops"))
if troops.empty:
    ui.empty_note(v, key="clear_troops")
    st.stop()

colour_by = st.segmented_control(v.t("colour_by"), ["location", "force", "kind"], key="troops_colour", default="location",
                                 format_func=lambda c: v.t("by_" + c)) or "location"


def chart():
    series = query.troop_series(troops, tb["articles"])
    points = query.troop_points(series)  # at most query.TROOP_POINTS figures one by one; more grouped by month
    return series, points, charts.troops_chart(points, v.lang, v.t("troops_title"), colour_by, v.names.label,
                                               v.t("troops_axis"), (v.t("levels_panel"), v.t("changes_panel")))


series, points, fig = ui.remembered("troops_chart", tb["troops"], (applies, v.lang, colour_by), chart)
bounded = series["qualifier"].isin(list(charts.BOUND_DIRECTIONS)).any()
grouped = v.t("grouped_troops_note", n=f"{len(series):,}", points=f"{len(points):,}") if len(points) < len(series) else ""
ui.show_chart(fig, key="troops_chart", notes=[v.t("open_marker_note"), v.t("bounds_note") if bounded else "", grouped,
                                              ui.count_note(v, "undated_troops_note", query.undated_troops(troops)),
                                              ui.count_note(v, "history_troops_note", (fig.layout.meta or {}).get("history", 0))])
ui.csv_download(v, lambda: query.with_sources(troops, tb["articles"]), "troops", key="csv_troops_chart", rows=len(troops))

st.subheader(v.t("troop_table"))
# dated figures first, by date; the first TABLE_ROWS taken, not the whole table sorted
rows = ui.with_reader_links(ui.remembered(  # the links carry the whole view, faction included: made every rerun
    "troop_rows", tb["troops"], applies,
    lambda: query.with_sources(troops.iloc[query.undated_last(troops)[:query.TABLE_ROWS]], tb["articles"])))
picked = ui.show_table(v, rows, ["date", "value", "qualifier", "kind", "force", "location", *ui.REVIEW_SHOWN, "source", "link",
                                  "quote"], key="troop_table", total=len(troops), selectable=True)
review_ui.review_panel(v, "troops", rows, picked)
