"""Pure filtering and summaries of the Rasid tables (no Streamlit): what every page shows is computed here."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

EVENT_TYPES = ["attack", "strike", "other"]
WEAPONS = ["rocket", "drone", "ballistic_missile", "ied", "airstrike", "unknown"]
QUALIFIERS = ["exact", "approx", "less_than", "more_than", "at_least"]
TROOP_KINDS = ["level", "withdrawal", "deployment", "planned"]
NAME_SEPARATOR = "; "


@dataclass(frozen=True)
class Filters:
    """The shared sidebar filters; an empty tuple means 'all'."""

    militia: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    event_type: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    # analyst review (issue 11): switches, not lists of values; see apply_review_filters
    show_rejected: bool = False
    reviewed_only: bool = False

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in FILTER_NAMES) and not self.reviewed_only

    def items(self) -> list[tuple[str, tuple]]:
        return [(name, getattr(self, name)) for name in FILTER_NAMES if getattr(self, name)]


REVIEW_SWITCHES = ("show_rejected", "reviewed_only")
FILTER_NAMES = [f.name for f in fields(Filters) if f.name not in REVIEW_SWITCHES]


@dataclass
class FilterOptions:
    """The values each filter may take, from the tables."""

    militia: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    event_type: list[str] = field(default_factory=lambda: list(EVENT_TYPES))
    weapon: list[str] = field(default_factory=lambda: list(WEAPONS))
    country: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)


def apply_review_filters(frame: pd.DataFrame, show_rejected: bool = False, reviewed_only: bool = False) -> pd.DataFrame:
    """Rows of a reviewed table (review_state) the view keeps: rejected ones (merged included) only when asked for, and
    with `reviewed_only` only rows an analyst has reviewed. A frame without review_state is returned as it is."""
    if "review_state" not in frame.columns or (show_rejected and not reviewed_only):
        return frame
    state = frame["review_state"].astype(str)
    keep = pd.Series(True, index=frame.index) if show_rejected else state.ne("rejected")
    if reviewed_only:
        keep &= state.ne("unreviewed")
    return frame[keep]


def _names(series: pd.Series) -> pd.Series:
    """Explodes `; `-separated name cells into one name per row, keeping the row index."""
    return series.fillna("").astype(str).str.split(NAME_SEPARATOR).explode().str.strip()


def _years(series: pd.Series) -> set[int]:
    return {int(y) for y in series.dropna().unique()}


def is_faction(actors: pd.DataFrame) -> pd.Series:
    """The armed groups analysts filter and count as factions (actors.is_faction: every militia, Lebanese Hezbollah, the
    IRGC and the Quds Force); a table set built before that column counts its militias."""
    flag = actors["is_faction"].astype("boolean")
    return flag.fillna(actors["actor_type"] == "militia").astype(bool)


def is_event_place(places: pd.DataFrame) -> pd.Series:
    """Places where the corpus reports an incident (mentions.role = event), not every place it names."""
    return pd.to_numeric(places["n_event_mentions"], errors="coerce").fillna(0).gt(0)


def filter_options(tables: dict[str, pd.DataFrame]) -> FilterOptions:
    actors, incidents, troops, places = tables["actors"], tables["incidents"], tables["troops"], tables["places"]
    militias = set(actors.loc[is_faction(actors), "name_en"]) | set(_names(incidents["factions"]))
    militias -= set(actors.loc[actors["actor_type"] == "state", "name_en"]) | {""}
    published_years = pd.to_numeric(tables["articles"]["published"].str[:4], errors="coerce")
    years = _years(incidents["year"]) | _years(troops["year"]) | _years(published_years)
    countries = (set(places["country"]) | set(_names(incidents["country"]))) - {""}
    # places where something shown happened: incidents (their own place and the event places named with them), troop
    # figures and tallies; a place the corpus only names in passing would be a choice that shows nothing
    not_country = places["place_type"] != "country"
    event_places = set(places.loc[is_event_place(places) & not_country, "name_en"])
    # a troop figure or a tally names a country or a base: only the bases (and other places) are place choices
    located = (set(troops["location"]) | set(tables["attack_counts"]["location"])) & set(places.loc[not_country, "name_en"])
    used_places = set(incidents["place"]) | event_places | located
    used_places -= countries | set(places.loc[~not_country, "name_en"])
    return FilterOptions(
        militia=sorted(militias), year=sorted(years), country=sorted(countries), place=sorted(used_places - {""}),
    )


def any_name_in(column: pd.Series, wanted) -> pd.Series:
    """True where one of the `; `-separated names in the cell is wanted."""
    hits = _names(column).isin(set(wanted))
    return hits.groupby(level=0).any().reindex(column.index, fill_value=False).astype(bool)


def incident_places(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every place each incident happened at (incident_id, place name_en): its own `place`, and the places named as event
    places (mentions.role = event) in a sentence that reports it (incident_sources, slot mention) or as its place (slot
    place), such as the town or province a report names with a base; a place in another country than the incident's
    belongs to another event of the same sentence. Equality joins only: linear in the tables."""
    incidents, places = tables["incidents"], tables["places"]
    own = incidents.loc[incidents["place"] != "", ["incident_id", "place"]]
    mentions = tables["mentions"]
    named = mentions.loc[(mentions["entity_kind"] == "place") & (mentions["role"] == "event"),
                         ["article_id", "entity_id", "start", "sentence_start"]]
    sources = tables["incident_sources"]
    if named.empty or sources.empty:
        return own.drop_duplicates().reset_index(drop=True)
    in_sentence = sources.loc[sources["slot"] == "mention", ["incident_id", "article_id", "start"]].merge(
        named, left_on=["article_id", "start"], right_on=["article_id", "sentence_start"], suffixes=("", "_mention"))
    as_place = sources.loc[sources["slot"] == "place", ["incident_id", "article_id", "start"]].merge(
        named, on=["article_id", "start"])
    pairs = pd.concat([in_sentence[["incident_id", "entity_id"]], as_place[["incident_id", "entity_id"]]], ignore_index=True)
    pairs = (pairs.drop_duplicates().merge(places[["place_id", "name_en", "country"]], left_on="entity_id", right_on="place_id")
             .merge(incidents[["incident_id", "country"]], on="incident_id", suffixes=("", "_incident")))
    there, stated = pairs["country"], pairs["country_incident"]
    keep = ((there == "") | (stated == "") | (there == stated)).to_numpy(dtype=bool, copy=True)
    for i in np.flatnonzero(stated.str.contains(NAME_SEPARATOR, regex=False).to_numpy(dtype=bool) & ~keep):
        keep[i] = there.iat[i] in stated.iat[i].split(NAME_SEPARATOR)  # 'Iraq; Syria': rare, checked one by one
    both = pd.concat([own, pairs.loc[keep, ["incident_id", "name_en"]].rename(columns={"name_en": "place"})], ignore_index=True)
    return both[both["place"] != ""].drop_duplicates().reset_index(drop=True)


def filter_incidents(incidents: pd.DataFrame, filters: Filters, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Incidents the filters keep. A place is matched against `places` (incident_places) when given, so choosing a town
    finds the attack on the base beside it; without it, against the incident's own place only."""
    mask = pd.Series(True, index=incidents.index)
    if filters.militia:
        # `factions` lists every militia involved: perpetrator, claimant, or the faction a US strike hit
        mask &= any_name_in(incidents["factions"], filters.militia)
    if filters.year:
        mask &= incidents["year"].isin(filters.year).fillna(False).astype(bool)
    for column in ("event_type", "weapon"):
        if getattr(filters, column):
            mask &= incidents[column].isin(getattr(filters, column))
    if filters.place:
        at_place = incidents["place"].isin(filters.place)
        if places is not None:
            at_place |= incidents["incident_id"].isin(set(places.loc[places["place"].isin(filters.place), "incident_id"]))
        mask &= at_place
    if filters.country:
        mask &= any_name_in(incidents["country"], filters.country)
    return incidents[mask]


def incidents_for(tables: dict[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """The incidents a page shows: filter_incidents, a chosen place matched through incident_places (worked out only when
    a place is chosen: it joins mentions and sources)."""
    return filter_incidents(tables["incidents"], filters, incident_places(tables) if filters.place else None)


def filter_troops(troops: pd.DataFrame, filters: Filters, places: pd.DataFrame) -> pd.DataFrame:
    """Troop figures by year and by where they apply (a base counts for its country); militia and weapon do not apply."""
    mask = pd.Series(True, index=troops.index)
    if filters.year:
        mask &= troops["year"].isin(filters.year).fillna(False).astype(bool)
    if filters.country or filters.place:
        country_of = dict(zip(places["name_en"], places["country"]))
        location_country = troops["location"].map(lambda loc: country_of.get(loc, loc))
        if filters.country:
            mask &= location_country.isin(filters.country) | troops["location"].isin(filters.country)
        if filters.place:
            mask &= troops["location"].isin(filters.place)
    return troops[mask]


def _period_years(start: pd.Series, end: pd.Series) -> pd.DataFrame:
    first = pd.to_numeric(start.str[:4], errors="coerce")
    last = pd.to_numeric(end.str[:4], errors="coerce")
    return pd.DataFrame({"first": first.fillna(last), "last": last.fillna(first)})


def filter_attack_counts(counts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Reported tallies whose period touches a selected year and whose country is selected."""
    mask = pd.Series(True, index=counts.index)
    if filters.year:
        span = _period_years(counts["period_start"], counts["period_end"])
        touches = pd.Series(False, index=counts.index)
        for year in filters.year:
            touches |= (span["first"] <= year) & (span["last"] >= year)
        mask &= touches
    if filters.country:
        mask &= counts["country"].isin(filters.country)
    if filters.place:
        mask &= counts["location"].isin(filters.place)
    return counts[mask]


def filter_articles(tables: dict[str, pd.DataFrame], filters: Filters) -> pd.DataFrame:
    """Articles published in a selected year that mention a selected militia or place."""
    articles, mentions = tables["articles"], tables["mentions"]
    mask = pd.Series(True, index=articles.index)
    if filters.year:
        years = pd.to_numeric(articles["published"].str[:4], errors="coerce")
        mask &= years.isin(filters.year)
    for wanted, entities, kind in ((filters.militia, tables["actors"], "actor"), (filters.place, tables["places"], "place")):
        if wanted:
            ids = set(entities.loc[entities["name_en"].isin(wanted), entities.columns[0]])
            hits = mentions.loc[(mentions["entity_kind"] == kind) & mentions["entity_id"].isin(ids), "article_id"]
            mask &= articles["article_id"].isin(set(hits))
    return articles[mask]


def events(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per real-world event (event_key): the most precise report, casualties as the highest stated."""
    if incidents.empty:
        return incidents.assign(n_reports=pd.Series(dtype="Int64"))
    key = event_keys(incidents)
    rank = incidents["date_precision"].map({"day": 0, "range": 0, "month": 1, "year": 2}).fillna(3)
    ordered = incidents.assign(_key=key, _rank=rank).sort_values(["_key", "_rank", "incident_id"])
    first = ordered.drop_duplicates("_key").set_index("_key")
    grouped = ordered.groupby("_key")
    first["killed"] = grouped["killed"].max()
    first["wounded"] = grouped["wounded"].max()
    # one report saying the drone was shot down is enough: the others did not say it hit
    intercepted = ordered["outcome"].eq("intercepted").groupby(ordered["_key"]).any()
    first["outcome"] = first["outcome"].mask(intercepted.reindex(first.index, fill_value=False), "intercepted")
    first["n_reports"] = grouped["article_id"].nunique().astype("Int64")
    return first.drop(columns="_rank").reset_index(drop=True)


def event_keys(incidents: pd.DataFrame) -> pd.Series:
    """The key events() counts by: event_key, else the incident's own id."""
    return incidents["event_key"].where(incidents["event_key"] != "", incidents["incident_id"])


def event_period(events_frame: pd.DataFrame, freq: str) -> pd.Series:
    """Month ('2024-01') or year ('2024') of each event; events dated less precisely than asked get no period."""
    if freq == "year":
        return events_frame["year"].astype("string").fillna("")
    dated = events_frame["date_precision"].isin(["day", "range", "month"])  # a range of days is dated by its first day
    return events_frame["date"].str[:7].where(dated, "")


def event_counts(incidents: pd.DataFrame, freq: str, stack: str) -> pd.DataFrame:
    """Events (not reports) per period and event type, stacked by `stack`: weapon, or factions, where an event
    counts once, under its first faction (the perpetrator or claimant, else the first group it involved);
    `intercepted` says how many of them were shot down or intercepted."""
    ev = events(incidents)
    groups = ev[stack].str.split(";").str[0].str.strip() if stack == "factions" and len(ev) else ev[stack]
    ev = ev.assign(period=event_period(ev, freq), group=groups.replace("", "unknown") if len(ev) else groups,
                   intercepted=ev["outcome"].eq("intercepted").astype(int))
    ev = ev[ev["period"] != ""]
    counts = (ev.groupby(["period", "event_type", "group"]).agg(events=("intercepted", "size"), intercepted=("intercepted", "sum"))
              .reset_index().astype({"events": int, "intercepted": int}))
    return counts.sort_values(["period", "event_type", "group"]).reset_index(drop=True)


def off_chart(incidents: pd.DataFrame, freq: str) -> dict[str, int]:
    """Events a chart per `freq` cannot place: `undated` (no date at all, such as a news report whose article date was
    only guessed) and `coarser` (dated only to the year, on a monthly chart)."""
    ev = events(incidents)
    missing = event_period(ev, freq).eq("")
    undated = missing & ev["year"].isna()
    return {"undated": int(undated.sum()), "coarser": int((missing & ~undated).sum())}


def headline(incidents: pd.DataFrame, troops: pd.DataFrame) -> dict:
    """Headline figures: events by type, casualties over events, and the latest US troop level."""
    ev = events(incidents)
    return {
        "incidents": len(ev),
        "attacks": int((ev["event_type"] == "attack").sum()),
        "strikes": int((ev["event_type"] == "strike").sum()),
        "killed": int(ev["killed"].sum()) if len(ev) else 0,
        "wounded": int(ev["wounded"].sum()) if len(ev) else 0,
        "latest_troops": latest_troop_level(troops),
    }


def troop_dates(troops: pd.DataFrame) -> pd.Series:
    """Date of each figure as a timestamp at the start of its period; NaT when unknown."""
    return pd.to_datetime(troops["date"].where(troops["date"] != ""), format="mixed", errors="coerce")


def latest_troop_level(troops: pd.DataFrame) -> dict | None:
    """The most recent US (or coalition) 'level' figure, preferring whole-country figures over bases."""
    levels = troops[(troops["kind"] == "level") & troops["force"].isin(["US", "coalition"])]
    levels = levels.assign(_when=troop_dates(levels)).dropna(subset=["_when", "value"])
    if levels.empty:
        return None
    row = levels.sort_values(["_when", "troop_id"]).iloc[-1]
    return {c: row[c] for c in ("value", "qualifier", "location", "date", "article_id", "quote", "force")}


def undated_troops(troops: pd.DataFrame) -> int:
    """Troop figures a time chart cannot place (no date)."""
    return int((troop_dates(troops).isna() | troops["value"].isna()).sum())


def troop_series(troops: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Troop figures with a plottable date and their source, old to new."""
    source = dict(zip(articles["article_id"], articles["source"]))
    out = troops.assign(when=troop_dates(troops), source=troops["article_id"].map(source).fillna(""))
    return out.dropna(subset=["when", "value"]).sort_values(["when", "troop_id"]).reset_index(drop=True)


def place_counts(incidents: pd.DataFrame, places: pd.DataFrame, where: pd.DataFrame | None = None) -> pd.DataFrame:
    """Places where the incidents happened, with their events, attacks and strikes, and every base (a base with no event
    keeps zero). An event counts once at each of its places: from `where` (incident_places) when given, else its own place."""
    where = incidents.loc[incidents["place"] != "", ["incident_id", "place"]] if where is None else where
    keyed = incidents.assign(_key=event_keys(incidents))[["incident_id", "_key", "event_type"]]
    at = keyed.merge(where, on="incident_id").drop_duplicates(["_key", "place"])
    by_type = pd.crosstab(at["place"], at["event_type"]) if len(at) else pd.DataFrame()
    table = places[places["place_type"] != "country"].copy()
    for kind in EVENT_TYPES:
        column = by_type[kind] if kind in by_type else pd.Series(dtype="int64")
        table[kind + "s"] = table["name_en"].map(column).fillna(0).astype(int)
    table["events"] = table[[k + "s" for k in EVENT_TYPES]].sum(axis=1)
    table = table[(table["events"] > 0) | (table["place_type"] == "base")]
    return table.sort_values(["events", "name_en"], ascending=[False, True]).reset_index(drop=True)


def actor_summary(tables: dict[str, pd.DataFrame], incidents: pd.DataFrame) -> pd.DataFrame:
    """Actors with events attributed (carried out or claimed) among the given incidents."""
    ev = events(incidents)
    attributed = pd.concat([_names(ev["perpetrator"]).rename("name"), _names(ev["claimed_by"]).rename("name")])
    per_event = attributed.reset_index().drop_duplicates()
    counts = per_event["name"].value_counts()
    actors = tables["actors"].copy()
    actors["incidents"] = actors["name_en"].map(counts).fillna(0).astype(int)
    return actors.sort_values(["incidents", "n_mentions", "name_en"], ascending=[False, False, True]).reset_index(drop=True)


def faction_summary(tables: dict[str, pd.DataFrame], incidents: pd.DataFrame, militia: tuple[str, ...] = ()) -> pd.DataFrame:
    """Factions (actors.is_faction) with the events attributed to them; a chosen faction brings the groups under it."""
    actors = actor_summary(tables, incidents)
    actors = actors[is_faction(actors)]
    if militia:
        actors = actors[actors["name_en"].isin(militia) | actors["parent"].isin(militia)]
    return actors.reset_index(drop=True)


def undated_mentions(tables: dict[str, pd.DataFrame], actor_ids: list[str]) -> int:
    """Mentions of the given actors in articles without a publication year (not on a per-year chart)."""
    mentions = tables["mentions"]
    chosen = mentions[(mentions["entity_kind"] == "actor") & mentions["entity_id"].isin(actor_ids)]
    dated = set(tables["articles"].loc[tables["articles"]["published"].str[:4].str.fullmatch("[0-9]{4}"), "article_id"])
    return int((~chosen["article_id"].isin(dated)).sum())


def mentions_per_year(tables: dict[str, pd.DataFrame], actor_ids: list[str]) -> pd.DataFrame:
    """Mentions of the given actors per publication year of the mentioning article."""
    mentions = tables["mentions"]
    chosen = mentions[(mentions["entity_kind"] == "actor") & mentions["entity_id"].isin(actor_ids)]
    year = dict(zip(tables["articles"]["article_id"], tables["articles"]["published"].str[:4]))
    chosen = chosen.assign(year=chosen["article_id"].map(year).fillna(""))
    chosen = chosen[chosen["year"] != ""]
    return chosen.groupby(["entity_id", "year"]).size().rename("mentions").reset_index()


def articles_mentioning(tables: dict[str, pd.DataFrame], entity_ids: list[str]) -> pd.DataFrame:
    mentions = tables["mentions"]
    ids = set(mentions.loc[mentions["entity_id"].isin(entity_ids), "article_id"])
    return tables["articles"][tables["articles"]["article_id"].isin(ids)]


def reported_vs_counted(counts: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Each reported tally beside the attacks we counted as events over the same period and country."""
    ev = events(incidents)
    attacks = ev[(ev["event_type"] == "attack") & (ev["date"] != "")]
    counted: dict[tuple[str, str, str], int] = {}
    for key in set(zip(counts["period_start"], counts["period_end"], counts["country"])):
        start, end, country = key[0] or "0000", key[1] or "9999", key[2]
        # compare at the precision of the period bounds: an event in 2024-02 falls inside a period ending 2024-02
        inside = (attacks["date"].str[: len(start)] >= start) & (attacks["date"].str[: len(end)] <= end)
        if country:
            inside &= any_name_in(attacks["country"], [country])
        counted[key] = int(inside.sum())
    ours = [counted[key] for key in zip(counts["period_start"], counts["period_end"], counts["country"])]
    return counts.assign(counted=pd.Series(ours, index=counts.index, dtype="Int64"))


def with_sources(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Adds the article's source, title and publication date to rows that carry an article_id (columns it lacks)."""
    added = [c for c in ("source", "title", "published") if c not in frame.columns]
    meta = articles.drop_duplicates("article_id").set_index("article_id")[added]
    joined = frame.join(meta, on="article_id")
    for column in added:
        joined[column] = joined[column].fillna("")
    return joined


def latest_incidents(incidents: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    ev = events(incidents)
    return ev[ev["date"] != ""].sort_values(["date", "incident_id"], ascending=False).head(n)


def extractions(tables: dict[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    """Every extraction in one article as a span: kind, start, end, row id, and the label to show."""
    parts = []
    specs = [
        ("incident", "incidents", "incident_id", "start", "end", "event_type"),
        ("troops", "troops", "troop_id", "start", "end", "value"),
        ("attack_count", "attack_counts", "count_id", "start", "end", "count"),
        ("mention", "mentions", "mention_id", "start", "end", "surface"),
    ]
    for kind, table, id_column, start, end, label in specs:
        rows = tables[table][tables[table]["article_id"] == article_id]
        if rows.empty:
            continue
        part = pd.DataFrame({
            "kind": kind if kind != "mention" else rows["entity_kind"],
            "row_id": rows[id_column], "start": rows[start], "end": rows[end], "label": rows[label].astype(str),
        })
        parts.append(part.dropna(subset=["start", "end"]))
    if not parts:
        return pd.DataFrame(columns=["kind", "row_id", "start", "end", "label"])
    spans = pd.concat(parts, ignore_index=True).astype({"start": int, "end": int})
    return spans[spans["end"] > spans["start"]].sort_values(["start", "end", "kind"]).reset_index(drop=True)
