"""Actors: factions and umbrellas in both languages, incidents attributed, mentions per year, articles, new groups flagged."""
import streamlit as st

from components import charts, query, safe, view as ui
from components.state import view

v = view()
tb = v.tables
incidents = query.filter_incidents(tb["incidents"], v.filters)
actors = query.actor_summary(tb, incidents)
# factions and their umbrellas (people, states and armies have their place in the reader, not here)
umbrellas = set(actors.loc[actors["actor_type"] == "militia", "parent"])
actors = actors[(actors["actor_type"] == "militia") | actors["name_en"].isin(umbrellas)]
if v.filters.militia:
    chosen = set(v.filters.militia)
    actors = actors[actors["name_en"].isin(chosen) | actors["parent"].isin(chosen)]
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
ui.show_table(v, shown, ["name_ar", "name_en", "actor_type", "parent", "incidents", "n_mentions", "n_articles", "new"],
              key="actors_table")
ui.csv_download(v, actors, "actors", key="csv_actors")

# a readable chart: the ten most-mentioned factions (the table above lists them all)
most_mentioned = actors.sort_values("n_mentions", ascending=False).head(10)
per_year = query.mentions_per_year(tb, list(most_mentioned["actor_id"]))
if len(per_year):
    ui.show_chart(charts.mentions_chart(per_year, v.lang, v.t("mentions_per_year"), v.names.label, v.t("mentions_axis")),
                  key="mentions_chart")
    ui.csv_download(v, per_year, "actor_mentions_per_year", key="csv_mentions")

st.subheader(v.t("articles_mentioning"))
actor_id = st.selectbox(v.t("choose_actor"), list(actors["actor_id"]), key="actor_pick",
                        format_func=lambda a: safe.shown(v.names.label("actor_id", a)))
mentioning = query.articles_mentioning(tb, [actor_id])
mentioning = query.filter_articles({**tb, "articles": mentioning}, query.Filters(year=v.filters.year))
ui.show_table(v, ui.with_reader_links(mentioning, v.lang), ["published", "title", "source", "link"], key="actor_articles")
ui.csv_download(v, mentioning, "articles", key="csv_actor_articles")
