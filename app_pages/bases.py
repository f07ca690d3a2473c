"""Bases: an offline map of the places incidents happened at (sized by events) and of the bases, and the places table."""
import streamlit as st

from components import maps, query, view as ui
from components.i18n import column_label
from components.state import view

v = view()
tb = v.tables
mask = v.incident_mask()  # a chosen place matched through incident_places, worked out once per table set
places = tb["places"]
if v.filters.country:
    places = places[places["country"].isin(v.filters.country)]
if v.filters.place:
    places = places[places["name_en"].isin(v.filters.place)]
counted = v.index.place_counts(mask, places)
st.title(v.t("page_bases"))
if counted.empty:
    ui.empty_note(v, key="clear_bases")
    st.stop()

colour_by = st.segmented_control(v.t("colour_by"), ["country", "event_type"], key="map_colour", default="country",
                                 format_func=lambda c: v.t("by_" + c)) or "country"
fig = maps.incident_map(counted, v.lang, v.t("map_title"), colour_by, v.names.label, lambda c: column_label(c, v.lang),
                        v.t("bases_legend"))
ui.show_chart(fig, key="bases_map")
if not mask.any():
    ui.empty_note(v, key="clear_bases_incidents")

st.subheader(v.t("places_table"))
names = ["name_ar", "name_en"] if v.lang == "ar" else ["name_en", "name_ar"]
ui.show_table(v, counted, names + ["place_type", "country", "events", "attacks", "strikes", "n_event_articles"], key="places_table")
ui.csv_download(v, counted, "places", key="csv_places")
