"""Incidents: attacks and strikes counted as events per month or year, reported tallies beside them, the incident table."""
import streamlit as st

from components import charts, query, review_ui, safe, view as ui
from components.state import view

v = view()
tb = v.tables
mask = v.incident_mask()  # the incidents kept, over the cached TableIndex
st.title(v.t("page_incidents"))
if not mask.any():
    ui.empty_note(v, key="clear_incidents")
    st.stop()

left, right = st.columns(2)
freq = left.segmented_control(v.t("per_month") + " / " + v.t("per_year"), ["month", "year"], key="inc_freq", default="month",
                              format_func=lambda f: v.t("per_" + f)) or "month"
stack = right.segmented_control(v.t("stack_by"), ["factions", "weapon"], key="inc_stack", default="factions",
                                format_func=lambda s: v.t("stack_" + s)) or "factions"
counts = v.index.event_counts(mask, freq, stack)
fig = charts.counts_chart(counts, freq, stack, v.lang, v.t("counts_title", freq=v.t("per_" + freq)), v.names.label,
                          v.t("events_axis"))
intercepted = int(counts["intercepted"].sum())
ui.show_chart(fig, key="counts_chart", notes=ui.off_chart_notes(v, mask, freq)
              + [v.t("intercepted_note", n=f"{intercepted:,}") if intercepted else ""])
ui.csv_download(v, counts, f"incident_counts_{freq}_{stack}", key="csv_counts")

st.subheader(v.t("reported_tallies"))
# a tally names no faction, weapon or type: what it depends on (view.remembered keeps it while that stays)
applies = (v.filters.year, v.filters.country, v.filters.place, v.filters.show_rejected, v.filters.reviewed_only)
tallies = ui.remembered("tallies", tb["attack_counts"], applies, lambda: query.filter_attack_counts(tb["attack_counts"], v.filters))
if tallies.empty:
    st.caption(v.t("empty"))
else:
    if v.filters.militia:  # a tally names no faction: under a faction filter it still counts every faction's attacks
        st.info(v.t("tallies_all_factions", militia=", ".join(safe.literal(v.names(m), limit=80) for m in v.filters.militia)),
                icon=":material/groups:")
    # counted over every incident in the month range (a tally names no faction), under the review switches only (rows
    # rejected by review left out unless shown)
    counted = v.index.reported_vs_counted(ui.first_rows(tallies), v.index.mask(v.filters.switches(), within=tb["incidents"]))
    compared = ui.with_reader_links(query.with_sources(counted, tb["articles"]))
    picked_tally = ui.show_table(v, compared, ["period_start", "period_end", "country", "count", "qualifier", "counted",
                                               *ui.REVIEW_SHOWN, "source", "link", "quote"], key="tallies_table",
                                 total=len(tallies), selectable=True)
    ui.csv_download(v, lambda: query.with_sources(tallies, tb["articles"]), "attack_counts", key="csv_tallies",
                    rows=len(tallies), remember=(tb["attack_counts"], applies))
    with st.expander(v.t("review_tallies_panel")):
        review_ui.review_panel(v, "attack_counts", compared, picked_tally, title_key="review_tallies_panel")

st.subheader(v.t("incident_table"))
rows = ui.with_reader_links(query.with_sources(v.index.newest(mask), tb["articles"]))  # the first TABLE_ROWS, newest first
picked = ui.show_table(v, rows, ["date", "event_type", "factions", "place", "weapon", "killed", "wounded", "outcome",
                                  *ui.REVIEW_SHOWN, "perpetrator", "claimed_by", "source", "link", "quote"],
                       key="incident_table", total=int(mask.sum()), selectable=True)
ui.csv_download(v, lambda: query.with_sources(v.index.rows(mask), tb["articles"]), "incidents", key="csv_incident_table",
                rows=int(mask.sum()))
review_ui.review_panel(v, "incidents", rows, picked)
