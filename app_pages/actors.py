"""Actors: the factions (IRGC and Quds Force included) in both languages, incidents attributed, mentions per year,
articles, new groups flagged."""
import numpy as np
import streamlit as st

from components import charts, query, safe, view as ui
from components.state import view

v = view()
tb = v.tables
# factions only (people, states and armies have their place in the reader, not here); a chosen one brings its member groups
actors = v.index.faction_summary(v.incident_mask(), v.filters.militia)
st.title(v.t("page_actors"))
if actors.empty:
    ui.empty_note(v, key="clear_actors")
    st.stop()

# NA means the gazetteer status is unknown, which is not "new"
is_new = actors["in_gazetteer"].eq(False).fillna(False).astype(bool)
if is_new.any():
    st.warning(f"{v.t('new_groups')}: {int(is_new.sum())}", icon=":material/fiber_new:")
shown = actors.assign(new=is_new.map({True: v.t("new_flag"), False: ""}))
st.subheader(v.t("actors_table"))
names = ["name_ar", "name_en"] if v.lang == "ar" else ["name_en", "name_ar"]
ui.show_table(v, shown, names + ["actor_type", "parent", "incidents", "n_mentions", "n_articles", "new"], key="actors_table")
ui.csv_download(v, actors, "actors", key="csv_actors")

# a readable chart: the ten most-mentioned factions (the table above lists them all)
most_mentioned = list(actors.sort_values("n_mentions", ascending=False).head(10)["actor_id"])
per_year = v.index.mentions_per_year(most_mentioned)
if len(per_year):
    ui.show_chart(charts.mentions_chart(per_year, v.lang, v.t("mentions_per_year"), v.names.label, v.t("mentions_axis")),
                  key="mentions_chart", notes=[ui.count_note(v, "undated_mentions_note", v.index.undated_mentions(most_mentioned))])
    ui.csv_download(v, per_year, "actor_mentions_per_year", key="csv_mentions")

st.subheader(v.t("articles_mentioning"))
actor_id = st.selectbox(v.t("choose_actor"), list(actors["actor_id"]), key="actor_pick",
                        format_func=lambda a: safe.shown(v.names.label("actor_id", a)))
# positions, not a copy of every matching article (their texts): the table takes its first rows, the CSV all, on click
mentioning = np.flatnonzero(v.index.article_mask(query.Filters(year=v.filters.year), entity_ids=[actor_id]))
ui.show_table(v, ui.with_reader_links(tb["articles"].iloc[mentioning[:query.TABLE_ROWS]]), ["published", "title", "source", "link"],
              key="actor_articles", total=len(mentioning))
ui.csv_download(v, lambda: tb["articles"].iloc[mentioning], "articles", key="csv_actor_articles", rows=len(mentioning))
