"""Overview: headline figures for the current filters, incidents over time beside the troop level, latest incidents."""
import streamlit as st

from components import charts, query, review_ui, safe, view as ui
from components.state import view

v = view()
tb = v.tables
mask = v.incident_mask()  # the incidents kept, over the cached TableIndex: no frame is copied or regrouped per rerun
# troop figures depend on year, place and the review switches only (view.remembered: a faction change reuses them)
applies = (v.filters.year, v.filters.country, v.filters.place, v.filters.show_rejected, v.filters.reviewed_only)
troops = ui.remembered("troops", tb["troops"], applies, lambda: query.filter_troops(tb["troops"], v.filters, tb["places"]))
figures = v.index.headline(mask, troops)

st.title(v.t("app_title"))
st.caption(v.t("app_subtitle"))
cols = st.columns(6)
for col, key in zip(cols, ["incidents", "attacks", "strikes", "killed", "wounded"]):
    col.metric(v.t("m_" + key), f"{figures[key]:,}")
latest = figures["latest_troops"]
if latest:
    cols[5].metric(v.t("m_troops"), f"{int(latest['value']):,}",
                   help=" · ".join([v.names.label("qualifier", latest["qualifier"]), safe.literal(v.names(latest["location"])),
                                    safe.literal(latest["date"])]),
                   delta=v.names.label("qualifier", latest["qualifier"]), delta_color="off", delta_arrow="off")
else:
    cols[5].metric(v.t("m_troops"), v.t("m_troops_none"))

# how much of this view is reviewed, from the mask; the rejected rows the filters would otherwise show, counted apart
review_ui.coverage_line(v, v.index.coverage(mask), hidden_rejected=v.index.hidden_rejected(v.filters, within=tb["incidents"]))

if not mask.any() and troops.empty:
    ui.empty_note(v, key="clear_overview")
    st.stop()

monthly = v.index.event_counts(mask, "month", "event_type")


def levels():
    series = query.troop_series(troops[troops["kind"] == "level"], tb["articles"])  # the timeline draws standing levels
    return series, query.troop_points(series)  # at most query.TROOP_POINTS figures one by one; more grouped by month


series, points = ui.remembered("troop_levels", tb["troops"], applies, levels)
fig = charts.timeline_chart(monthly, points, v.lang, v.t("timeline"), v.names.label,
                            (v.t("events_axis"), v.t("troops_axis")))
ui.show_chart(fig, key="timeline", notes=ui.off_chart_notes(v, mask, "month")
              + [v.t("grouped_troops_note", n=f"{len(series):,}", points=f"{len(points):,}") if len(points) < len(series) else "",
                 ui.count_note(v, "undated_troops_note", query.undated_troops(troops[troops["kind"] == "level"])),
                 ui.count_note(v, "history_troops_note", (fig.layout.meta or {}).get("history", 0))])
ui.csv_download(v, lambda: query.with_sources(v.index.rows(mask), tb["articles"]), "incidents", key="csv_overview_incidents",
                rows=int(mask.sum()))

st.subheader(v.t("latest_incidents"))
latest_rows = ui.with_reader_links(query.with_sources(v.index.latest(mask), tb["articles"]))
ui.show_table(v, latest_rows, ["date", "event_type", "factions", "place", "killed", "wounded", "outcome", "review_state",
                               "source", "link", "quote"], key="latest_table")
