"""Pure filtering and summaries of the Rasid tables (no Streamlit): what every page shows is computed here."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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

    def switches(self) -> Filters:
        """Only the review switches: what counts a row whatever else is chosen (e.g. the incidents a tally is set against)."""
        return Filters(show_rejected=self.show_rejected, reviewed_only=self.reviewed_only)


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


REVIEWED_TABLES = ("incidents", "troops", "attack_counts")  # the tables analysts review (they carry review_state)


def review_mask(rejected: np.ndarray, unreviewed: np.ndarray, show_rejected: bool = False,
                reviewed_only: bool = False) -> np.ndarray:
    """The one rule of the review switches, as a new boolean mask over a table's rows: rejected rows (merged ones included)
    only when asked for, and with `reviewed_only` only rows an analyst has reviewed."""
    keep = np.ones(len(rejected), dtype=bool) if show_rejected else ~rejected
    if reviewed_only:
        keep &= ~unreviewed
    return keep


def review_flags(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(rejected, unreviewed) per row of a reviewed table; a frame without review_state has neither (nothing is dropped)."""
    if "review_state" not in frame.columns:
        none = np.zeros(len(frame), dtype=bool)
        return none, none
    state = frame["review_state"].astype(str)
    return state.eq("rejected").to_numpy(dtype=bool), state.eq("unreviewed").to_numpy(dtype=bool)


def review_keep(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    """review_mask for the rows of `frame` under the switches of `filters`."""
    return review_mask(*review_flags(frame), filters.show_rejected, filters.reviewed_only)


def apply_review_filters(frame: pd.DataFrame, show_rejected: bool = False, reviewed_only: bool = False) -> pd.DataFrame:
    """Rows of a reviewed table (review_state) the view keeps (review_mask). A frame without review_state is returned as
    it is. The filter functions below apply the same mask with their others; TableIndex.mask does it over positions."""
    if "review_state" not in frame.columns or (show_rejected and not reviewed_only):
        return frame
    keep = review_mask(*review_flags(frame), show_rejected, reviewed_only)
    return frame if keep.all() else frame[keep]  # nothing dropped: the frame itself, not a copy of every column


def isin(values: pd.Series, wanted) -> pd.Series:
    """values.isin(wanted), for many wanted strings: pandas' isin on an Arrow string column makes a Python scalar of each
    wanted value (25,000 article ids: ~150 ms); Arrow's is_in over the same set is one hash lookup per row. Same answer."""
    storage = getattr(values.array, "_pa_array", None)
    if values.dtype != "str" or not isinstance(storage, pa.ChunkedArray):
        return values.isin(wanted)
    wanted = [w for w in dict.fromkeys(wanted) if isinstance(w, str)]
    if not wanted:
        return pd.Series(False, index=values.index)
    hit = pc.is_in(storage, value_set=pa.array(wanted, type=storage.type)).fill_null(False)
    return pd.Series(hit.to_numpy(zero_copy_only=False).astype(bool, copy=False), index=values.index)


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
    # distinct cells first: a million rows hold a few hundred different name lists
    militias = set(actors.loc[is_faction(actors), "name_en"]) | set(_names(incidents["factions"].drop_duplicates()))
    militias -= set(actors.loc[actors["actor_type"] == "state", "name_en"]) | {""}
    published_years = pd.to_numeric(tables["articles"]["published"].str[:4].drop_duplicates(), errors="coerce")
    years = _years(incidents["year"].drop_duplicates()) | _years(troops["year"]) | _years(published_years)
    countries = (set(places["country"]) | set(_names(incidents["country"].drop_duplicates()))) - {""}
    # places where something shown happened: incidents (their own place and the event places named with them), troop
    # figures and tallies; a place the corpus only names in passing would be a choice that shows nothing
    not_country = places["place_type"] != "country"
    event_places = set(places.loc[is_event_place(places) & not_country, "name_en"])
    # a troop figure or a tally names a country or a base: only the bases (and other places) are place choices
    located = (set(troops["location"]) | set(tables["attack_counts"]["location"])) & set(places.loc[not_country, "name_en"])
    used_places = set(incidents["place"].unique()) | event_places | located
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
    finds the attack on the base beside it; without it, against the incident's own place only. Rows rejected by review
    are left out unless the filters show them (review_keep), as TableIndex.mask does."""
    mask = pd.Series(review_keep(incidents, filters), index=incidents.index)
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
    """Troop figures by year and by where they apply (a base counts for its country); militia and weapon do not apply.
    The review switches do (review_keep)."""
    mask = pd.Series(review_keep(troops, filters), index=troops.index)
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
    """Reported tallies whose period touches a selected year and whose country is selected, under the review switches."""
    mask = pd.Series(review_keep(counts, filters), index=counts.index)
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
            mask &= isin(articles["article_id"], set(hits))
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
    return parse_dates(troops["date"].where(troops["date"] != ""))


def parse_dates(text: pd.Series) -> pd.Series:
    """pd.to_datetime(text, format='mixed', errors='coerce') with each distinct value parsed once: a 'mixed' format
    parses every value on its own, and 25,000 troop figures (or a chart's bars) hold a few hundred dates."""
    codes, distinct = pd.factorize(text)
    parsed = pd.to_datetime(pd.Series(distinct, dtype=text.dtype), format="mixed", errors="coerce")
    return pd.Series(parsed.array.take(codes, allow_fill=True), index=text.index, name=text.name)


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


def article_column(ids: pd.Series, articles: pd.DataFrame, column: str) -> pd.Series:
    """articles[column] of each id's article, '' for an id the table lacks (as ids.map(dict(zip(article_id, column)))
    .fillna(''): the last row of an id given twice), one hash lookup per id in Arrow instead of a dict of Python strings."""
    keys = articles["article_id"]
    storage = getattr(keys.array, "_pa_array", None)
    values = getattr(articles[column].array, "_pa_array", None)
    wanted = getattr(ids.array, "_pa_array", None)
    if not all(isinstance(a, pa.ChunkedArray) for a in (storage, values, wanted)) or ids.dtype != "str":
        return ids.map(dict(zip(keys, articles[column]))).fillna("")
    n = len(keys)
    last_first = pc.take(storage, pa.array(np.arange(n - 1, -1, -1)))  # index_in finds an id's first row: read backwards
    found = pc.index_in(wanted, value_set=last_first.combine_chunks() if isinstance(last_first, pa.ChunkedArray) else last_first)
    rows = pc.subtract(pa.scalar(n - 1, pa.int64()), found.cast(pa.int64()))
    picked = pc.fill_null(pc.take(values, rows), "")
    return pd.Series(pd.array(picked, dtype=ids.dtype), index=ids.index, name=ids.name)


def troop_series(troops: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Troop figures with a plottable date and their source, old to new."""
    out = troops.assign(when=troop_dates(troops), source=article_column(troops["article_id"], articles, "source"))
    return out.dropna(subset=["when", "value"]).sort_values(["when", "troop_id"]).reset_index(drop=True)


def undated_last(troops: pd.DataFrame) -> np.ndarray:
    """Positions of the troop figures in the troop table's order: dated ones first, by date, then troop_id (as
    sort_values(['undated', 'date', 'troop_id'])), so a page takes its first rows without sorting every column."""
    date = troops["date"]
    return np.lexsort((_codes(troops["troop_id"])[0], _codes(date)[0], (date == "").to_numpy(dtype=bool)))


TROOP_POINTS = 1000  # troop figures a chart plots one by one; more are grouped (troop_points)
TROOP_GROUP = ["force", "location", "kind", "qualifier"]


def troop_points(series: pd.DataFrame, limit: int = TROOP_POINTS) -> pd.DataFrame:
    """The troop figures a chart plots (from troop_series, old to new), with `n_figures`, how many each point stands for.
    Up to `limit` figures: each one. More: one point per month x force x location x kind x qualifier, the latest figure
    of the group (its value, date, quote and source), so a level line still runs through the latest level each month
    and a bound stays a bound; a chart never receives tens of thousands of points."""
    if len(series) <= limit:
        return series.assign(n_figures=1)
    keyed = series.assign(_month=series["when"].dt.to_period("M"))
    keys = ["_month", *TROOP_GROUP]
    n_figures = keyed.groupby(keys, sort=False, dropna=False)["troop_id"].transform("size")
    latest = ~keyed.duplicated(keys, keep="last")
    return keyed.assign(n_figures=n_figures)[latest].drop(columns="_month").reset_index(drop=True)


def place_counts(incidents: pd.DataFrame, places: pd.DataFrame, where: pd.DataFrame | None = None) -> pd.DataFrame:
    """Places where the incidents happened, with their events, attacks and strikes, and every base (a base with no event
    keeps zero). An event counts once at each of its places: from `where` (incident_places) when given, else its own place."""
    where = incidents.loc[incidents["place"] != "", ["incident_id", "place"]] if where is None else where
    keyed = incidents.assign(_key=event_keys(incidents))[["incident_id", "_key", "event_type"]]
    at = keyed.merge(where, on="incident_id").drop_duplicates(["_key", "place"])
    by_type = pd.crosstab(at["place"], at["event_type"]) if len(at) else pd.DataFrame()
    return place_table(places, by_type)


def place_table(places: pd.DataFrame, by_type: pd.DataFrame) -> pd.DataFrame:
    """The places table of place_counts from events per place x event type (a crosstab): every place but countries with
    its events, attacks and strikes, kept when it has an event or is a base, most events first."""
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
    return int((~isin(chosen["article_id"], dated)).sum())


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
    return tables["articles"][isin(tables["articles"]["article_id"], ids)]


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
    if len(frame) < len(articles):  # the articles of these rows only: a page's 1,000 rows join a few, not every article
        articles = articles.loc[isin(articles["article_id"], frame["article_id"].unique()), ["article_id", *added]]
    else:
        articles = articles[["article_id", *added]]  # never the article texts
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


# ---------------------------------------------------------------- the same answers at a desk's scale
# A million incidents: every rerun above would explode name lists, sort and copy whole frames. TableIndex is worked out
# once per table set (components.loaders caches it with the tables): integer codes, a long table incident x name for each
# name list, the orders events() and the incident table need. A filter is then a boolean mask over incident positions and
# every summary reads only the rows it keeps; the functions below give exactly what the functions above give (tests
# compare them on small frames).

TABLE_ROWS = 1000  # rows a table shows at most (the first ones in its order); its CSV has them all
EVENT_MEMO = 3  # masks whose events TableIndex keeps


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, sorted distinct values): values[i] == uniques[codes[i]]."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), sort=True)
    return codes.astype(np.int32), np.asarray(uniques, dtype=object)


def _long_names(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The `; `-separated cells as a long table: (row positions, name codes, names); empty names left out."""
    exploded = _names(column.reset_index(drop=True))
    exploded = exploded[exploded != ""]
    codes, names = _codes(exploded)
    return exploded.index.to_numpy(dtype=np.int64), codes, names


def _text(values: pd.Series) -> pa.ChunkedArray:
    """A text column's Arrow array (large_string), without a copy when pandas holds it in Arrow."""
    storage = getattr(values.array, "_pa_array", None)
    if not isinstance(storage, pa.ChunkedArray):
        storage = pa.chunked_array([pa.array(values.to_numpy(dtype=object), type=pa.large_string())])
    return storage.cast(pa.large_string())


def _index_in(values, distinct, last: bool = False) -> np.ndarray:
    """The position of each value in `distinct` (a hash lookup in Arrow; its first row, its last with `last`), -1 for
    one it does not hold."""
    distinct = distinct.combine_chunks() if isinstance(distinct, pa.ChunkedArray) else distinct
    if last:
        backwards = pc.take(distinct, pa.array(np.arange(len(distinct) - 1, -1, -1)))
        found = pc.fill_null(pc.index_in(values, value_set=backwards), -1).to_numpy(zero_copy_only=False).astype(np.int64)
        return np.where(found >= 0, len(distinct) - 1 - found, -1)
    found = pc.index_in(values, value_set=distinct)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _offsets(values: pd.Series) -> np.ndarray:
    """Offsets as integers shifted by one, a missing one 0 (a missing offset meets a missing one, as in a pandas merge)."""
    return pd.to_numeric(values, errors="coerce").fillna(-1).to_numpy(dtype=np.int64) + 1


def _distinct(values: np.ndarray, counts: bool = False):
    """np.unique of integers by a sort (numpy's hashing unique took 0.8 s on 2 million keys); with `counts`, how many
    times each was given too."""
    ordered = np.sort(values)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else np.zeros(0, dtype=np.int64)
    if not counts:
        return ordered[starts]
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def _join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with left[i] == right[j] (an inner join of integer keys), by a search in the sorted right keys."""
    order = np.argsort(right, kind="stable")
    ordered = right[order]
    low, high = np.searchsorted(ordered, left, "left"), np.searchsorted(ordered, left, "right")
    count = high - low
    i = np.repeat(np.arange(len(left)), count)
    within = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return i, order[np.repeat(low, count) + within]


def positions_mask(n: int, positions) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[np.asarray(positions, dtype=np.int64)] = True
    return mask


class TableIndex:
    """What every rerun needs from one table set, worked out once (about a second per million incidents)."""

    def __init__(self, tables: dict[str, pd.DataFrame], after_pass=None) -> None:
        """`after_pass`: called after each pass over whole tables worked out later, on first need (incident places, actor
        mentions, articles per entity, rows per article): components.loaders gives the mapped tables' release, so one
        rerun that works out several of them does not hold every page it read."""
        self.tables = tables
        self._after_pass = after_pass or (lambda: None)
        inc = tables["incidents"]
        self.n = len(inc)
        self.incident_id = inc["incident_id"]
        self.year = pd.to_numeric(inc["year"], errors="coerce").fillna(-1).to_numpy(dtype=np.int64)
        self.event_type, self.event_types = _codes(inc["event_type"])
        self.weapon, self.weapons = _codes(inc["weapon"])
        self.place, self.places = _codes(inc["place"])
        self.factions = _long_names(inc["factions"])
        self.countries = _long_names(inc["country"])
        self.perpetrators = _long_names(inc["perpetrator"])
        self.claimants = _long_names(inc["claimed_by"])
        # analyst review (the index is built from the reviewed tables, once per build and review log version): a rejected
        # row is left out by every summary unless the view shows it, and `reviewed_only` keeps reviewed rows; both are
        # masks (review_mask), no copy of the frame
        self.rejected, self.unreviewed = review_flags(inc)
        self.kept = ~self.rejected
        # events(): rows grouped by key, the most precise report first (rank, then incident_id)
        key = event_keys(inc)
        self.key, _ = _codes(key)
        rank = inc["date_precision"].map({"day": 0, "range": 0, "month": 1, "year": 2}).fillna(3).to_numpy(dtype=np.int64)
        id_rank = _codes(self.incident_id)[0]
        self.event_order = np.lexsort((id_rank, rank, self.key))
        # the incident table's order: newest first (date, then incident_id, both descending)
        date_rank = _codes(inc["date"])[0]
        self.newest_first = np.lexsort((id_rank, date_rank))[::-1]
        self.killed = pd.to_numeric(inc["killed"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        self.wounded = pd.to_numeric(inc["wounded"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        self.intercepted = inc["outcome"].eq("intercepted").to_numpy(dtype=bool)
        dated = inc["date_precision"].isin(["day", "range", "month"]).to_numpy(dtype=bool)
        self.month, self.months = _codes(inc["date"].str[:7].where(dated, ""))
        self.first_faction, self.first_factions = _codes(inc["factions"].str.split(";").str[0].str.strip())
        self.date_bytes = inc["date"].to_numpy(dtype=object).astype("S10")
        self._lazy: dict = {}

    # ------------------------------------------------------------ filtering

    def review_keep(self, filters: Filters) -> np.ndarray:
        """The review switches of `filters` as a mask over incident positions (review_mask): rejected rows out unless
        shown, only reviewed rows when asked."""
        return review_mask(self.rejected, self.unreviewed, filters.show_rejected, filters.reviewed_only)

    def mask(self, filters: Filters, within: pd.DataFrame | None = None, keep: np.ndarray | None = None) -> np.ndarray:
        """filter_incidents as a mask over incident positions (a place through incident_places, as incidents_for), inside
        `within` (the month range's incidents, when narrowed), the review switches applied (rows rejected by review left
        out unless shown, reviewed rows only when asked), and `keep` (another boolean mask) applied too."""
        mask = self.review_keep(filters)
        if within is not None and len(within) != self.n:
            mask &= positions_mask(self.n, within.index.to_numpy())
        if keep is not None:
            mask &= keep
        if filters.militia:
            mask &= self._any_name(self.factions, filters.militia)
        if filters.year:
            mask &= np.isin(self.year, [int(y) for y in filters.year])
        for column in ("event_type", "weapon"):
            wanted = getattr(filters, column)
            if wanted:
                codes, values = getattr(self, column), getattr(self, column + "s")
                mask &= np.isin(codes, np.flatnonzero(np.isin(values, list(wanted))))
        if filters.place:
            at_place = np.isin(self.place, np.flatnonzero(np.isin(self.places, list(filters.place))))
            pairs = self.incident_places()
            at_place[pairs[0][np.isin(pairs[1], np.flatnonzero(np.isin(pairs[2], list(filters.place))))]] = True
            mask &= at_place
        if filters.country:
            mask &= self._any_name(self.countries, filters.country)
        return mask

    def _any_name(self, long: tuple[np.ndarray, np.ndarray, np.ndarray], wanted) -> np.ndarray:
        rows, codes, names = long
        hit = np.isin(codes, np.flatnonzero(np.isin(names, list(wanted))))
        return positions_mask(self.n, rows[hit])

    def coverage(self, mask: np.ndarray) -> dict:
        """preprocess.review.coverage of the kept rows, from the mask: rows, reviewed, share and a count per review_state."""
        from preprocess.review import STATES

        if "review_state" in self.tables["incidents"]:
            if "review_codes" not in self._lazy:
                self._lazy["review_codes"] = _codes(self.tables["incidents"]["review_state"].astype(str))
                self._after_pass()
            codes, states = self._lazy["review_codes"]
            per_code = np.bincount(codes[mask], minlength=len(states))
            found = {str(state): int(n) for state, n in zip(states, per_code)}
        else:
            found = {"unreviewed": int(mask.sum())}
        counts = {state: found.get(state, 0) for state in STATES}
        rows = int(mask.sum())
        reviewed = rows - counts["unreviewed"]
        return {"rows": rows, "reviewed": reviewed, "share": round(reviewed / rows, 4) if rows else 0.0, **counts}

    def hidden_rejected(self, filters: Filters, within: pd.DataFrame | None = None) -> int:
        """How many rejected rows the filters would keep if rejected rows were shown (0 when they are)."""
        if filters.show_rejected or not self.rejected.any():
            return 0
        return int((self.mask(replace(filters, show_rejected=True), within=within) & self.rejected).sum())

    def rows(self, mask: np.ndarray) -> pd.DataFrame:
        """The incidents the mask keeps (the whole frame, uncopied, when it keeps them all)."""
        incidents = self.tables["incidents"]
        return incidents if mask.all() else incidents.iloc[np.flatnonzero(mask)]

    def newest(self, mask: np.ndarray, n: int = TABLE_ROWS) -> pd.DataFrame:
        """The first `n` kept incidents, newest first (as sort_values(['date', 'incident_id'], ascending=False))."""
        order = self.newest_first[mask[self.newest_first]][:n]
        return self.tables["incidents"].iloc[order]

    # ------------------------------------------------------------ events

    def events(self, mask: np.ndarray) -> dict[str, np.ndarray]:
        """events() as arrays: the row each event shows (`first`), its highest killed and wounded, whether a report says
        it was intercepted."""
        memo = self._lazy.setdefault("events_of", [])
        for i, (seen, found) in enumerate(memo):
            if seen.shape == mask.shape and np.array_equal(seen, mask):
                memo.insert(0, memo.pop(i))
                return found  # a rerun asks for the events of one mask several times (headline, chart, notes, latest)
        found = self._events(mask)
        # a few masks: the view's and the review switches' alone (the tallies count every incident), kept across reruns
        memo[:] = [(mask.copy(), found)] + memo[:EVENT_MEMO - 1]
        return found

    def _events(self, mask: np.ndarray) -> dict[str, np.ndarray]:
        rows = self.event_order[mask[self.event_order]]
        if not len(rows):
            empty = np.zeros(0, dtype=np.int64)
            return {"first": empty, "killed": empty.astype(float), "wounded": empty.astype(float),
                    "intercepted": empty.astype(bool)}
        keys = self.key[rows]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        return {"first": rows[starts], "killed": np.fmax.reduceat(self.killed[rows], starts),
                "wounded": np.fmax.reduceat(self.wounded[rows], starts),
                "intercepted": np.logical_or.reduceat(self.intercepted[rows], starts)}

    def headline(self, mask: np.ndarray, troops: pd.DataFrame) -> dict:
        """headline(rows, troops) for the kept rows."""
        ev = self.events(mask)
        types = self.event_types[self.event_type[ev["first"]]]
        return {"incidents": len(ev["first"]), "attacks": int((types == "attack").sum()),
                "strikes": int((types == "strike").sum()), "killed": int(np.nansum(ev["killed"])),
                "wounded": int(np.nansum(ev["wounded"])), "latest_troops": latest_troop_level(troops)}

    def _periods(self, first: np.ndarray, freq: str) -> np.ndarray:
        if freq == "year":
            years = self.year[first]
            return np.where(years >= 0, years.astype(str), "").astype(object)
        return self.months[self.month[first]]

    def event_counts(self, mask: np.ndarray, freq: str, stack: str) -> pd.DataFrame:
        """event_counts(rows, freq, stack) for the kept rows."""
        ev = self.events(mask)
        first = ev["first"]
        if stack == "factions":
            codes, values = self.first_faction, self.first_factions
        else:
            codes, values = {"weapon": (self.weapon, self.weapons), "event_type": (self.event_type, self.event_types)}[stack]
        # counted over integer codes (period x type x group), then named: the frame grouped below has one row per bar
        if freq == "year":
            period, labels = self.year[first], None
            dated = period >= 0
            period = period - (period[dated].min() if dated.any() else 0)
        else:
            period, labels = self.month[first].astype(np.int64), self.months
            dated = labels[period] != ""
        n_types, n_groups = len(self.event_types), len(values)
        combined = (period[dated] * n_types + self.event_type[first][dated]) * n_groups + codes[first][dated]
        keys, inverse = np.unique(combined, return_inverse=True)
        events = np.bincount(inverse, minlength=len(keys))
        intercepted = np.bincount(inverse, weights=ev["intercepted"][dated], minlength=len(keys))
        group_code, rest = keys % n_groups, keys // n_groups
        type_code, period_code = rest % n_types, rest // n_types
        if labels is None:
            offset = self.year[first][dated].min() if dated.any() else 0
            period_label = (period_code + offset).astype(str).astype(object)
        else:
            period_label = labels[period_code]
        groups = values[group_code]
        frame = pd.DataFrame({"period": period_label, "event_type": self.event_types[type_code],
                              "group": np.where(groups == "", "unknown", groups).astype(object),
                              "events": events, "intercepted": intercepted.astype(np.int64)})
        counts = (frame.groupby(["period", "event_type", "group"]).agg(events=("events", "sum"),
                                                                       intercepted=("intercepted", "sum"))
                  .reset_index().astype({"period": "string" if freq == "year" else "str", "event_type": "str", "group": "str", "events": int, "intercepted": int}))
        return counts.sort_values(["period", "event_type", "group"]).reset_index(drop=True)

    def off_chart(self, mask: np.ndarray, freq: str) -> dict[str, int]:
        """off_chart(rows, freq) for the kept rows."""
        first = self.events(mask)["first"]
        missing = self._periods(first, freq) == ""
        undated = missing & (self.year[first] < 0)
        return {"undated": int(undated.sum()), "coarser": int((missing & ~undated).sum())}

    def latest(self, mask: np.ndarray, n: int = 10) -> pd.DataFrame:
        """latest_incidents(rows, n) for the kept rows: events() is run on the reports of the n newest events only."""
        first = self.events(mask)["first"]
        dated = first[self.date_bytes[first] != b""]
        if "newest_rank" not in self._lazy:
            rank = np.empty(self.n, dtype=np.int64)
            rank[self.newest_first] = np.arange(self.n)
            self._lazy["newest_rank"] = rank
        ranks = self._lazy["newest_rank"][dated]
        if len(ranks) > n:  # the n newest of the events (ranks are distinct): a partition, then a sort of n
            near = np.argpartition(ranks, n)[:n]
            newest = near[np.argsort(ranks[near])]
        else:
            newest = np.argsort(ranks)
        chosen_keys = np.unique(self.key[dated[newest]])
        # every report of the chosen events, from the rows grouped by key (event_order), as np.isin(key, chosen) & mask
        keys_in_order = self._keys_in_order()
        lo, hi = np.searchsorted(keys_in_order, chosen_keys, "left"), np.searchsorted(keys_in_order, chosen_keys, "right")
        rows = np.sort(np.concatenate([self.event_order[a:b] for a, b in zip(lo, hi)] or [np.zeros(0, dtype=np.int64)]))
        return latest_incidents(self.tables["incidents"].iloc[rows[mask[rows]]], n)

    def _keys_in_order(self) -> np.ndarray:
        if "keys_in_order" not in self._lazy:
            self._lazy["keys_in_order"] = self.key[self.event_order]
        return self._lazy["keys_in_order"]

    # ------------------------------------------------------------ places and actors

    def incident_places(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """incident_places() of the whole set as (incident positions, place codes, place names), once per table set."""
        if "places" not in self._lazy:
            if self.tables["places"]["place_id"].duplicated().any():  # ids the join below cannot tell apart: the frames'
                pairs = incident_places(self.tables)
                positions = pd.Index(self.incident_id).get_indexer(pairs["incident_id"])
                codes, names = _codes(pairs["place"])
                order = np.argsort(positions, kind="stable")
                self._lazy["places"] = (positions[order].astype(np.int64), codes[order], names)
            else:
                self._lazy["places"] = self._incident_places()
            self._after_pass()
        return self._lazy["places"]

    def _incident_places(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """incident_places() over integer codes, the joins as sorted searches: the same (incident, place) pairs, sorted by
        incident position then place, without merging millions of string keys (3 s and +470 MB at 1M incidents)."""
        tables = self.tables
        incidents, places, mentions, sources = (tables[n] for n in ("incidents", "places", "mentions", "incident_sources"))
        own = np.flatnonzero(self.places[self.place] != "")
        # names as codes: the incidents' own places (codes into self.places) and event places (rows of the places table)
        place_names = places["name_en"].to_numpy(dtype=object)
        positions, found = [own], [self.place[own].astype(np.int64)]
        named = np.flatnonzero(((mentions["entity_kind"] == "place") & (mentions["role"] == "event")).to_numpy(dtype=bool))
        if len(named) and len(sources):
            articles = pc.unique(pa.chunked_array(_text(sources["article_id"]).chunks + _text(mentions["article_id"]).chunks,
                                                  type=pa.large_string()))
            article_s = _index_in(_text(sources["article_id"]), articles).astype(np.int32)
            article_n = _index_in(pc.take(_text(mentions["article_id"]), pa.array(named)), articles).astype(np.int32)
            place_n = _index_in(pc.take(_text(mentions["entity_id"]), pa.array(named)), _text(places["place_id"])).astype(np.int32)
            del articles
            start_s = _offsets(sources["start"])
            start_n, sentence_n = _offsets(mentions["start"])[named], _offsets(mentions["sentence_start"])[named]
            width = int(max(start_s.max(initial=0), start_n.max(initial=0), sentence_n.max(initial=0))) + 2
            slots = {name: np.flatnonzero(pc.equal(_text(sources["slot"]), name).fill_null(False).to_numpy(zero_copy_only=False))
                     for name in ("mention", "place")}
            self._after_pass()  # what the joins need is in integer arrays now: the mapped pages read go back
            rows, place = [], []
            # a sentence that reports the incident naming an event place; a place slot that is an event place mention
            for name, named_start in (("mention", sentence_n), ("place", start_n)):
                in_slot = slots[name]
                left, right = _join(article_s[in_slot].astype(np.int64) * width + start_s[in_slot],
                                    article_n.astype(np.int64) * width + named_start)
                rows.append(in_slot[left])
                place.append(place_n[right])
            del article_s, article_n, start_s, start_n, sentence_n, slots
            rows, place = np.concatenate(rows), np.concatenate(place).astype(np.int64)
            # the incident of each matched source row only (a lookup among a million incident ids)
            incident = _index_in(pc.take(_text(sources["incident_id"]), pa.array(rows, type=pa.int64())), _text(self.incident_id))
            known = (incident >= 0) & (place >= 0)
            pair = _distinct(incident[known] * len(places) + place[known])
            incident, place = pair // len(places), pair % len(places)
            there = places["country"].to_numpy(dtype=object)[place]
            stated = incidents["country"].take(incident).to_numpy(dtype=object)
            keep = (there == "") | (stated == "") | (there == stated)
            for i in np.flatnonzero(~keep):
                if NAME_SEPARATOR in stated[i]:  # 'Iraq; Syria': rare, checked one by one
                    keep[i] = there[i] in stated[i].split(NAME_SEPARATOR)
            positions.append(incident[keep])
            found.append(place[keep] + len(self.places))  # after the own codes
        every = np.concatenate([self.places, place_names]).astype(object)
        rows, codes = np.concatenate(positions).astype(np.int64), np.concatenate(found)
        used = _distinct(codes)
        used = used[every[used] != ""]
        names = np.array(sorted(set(every[used])), dtype=object)
        recode = np.full(len(every), -1, dtype=np.int64)
        recode[used] = np.searchsorted(names, every[used]) if len(names) else 0
        rows, codes = rows[recode[codes] >= 0], recode[codes][recode[codes] >= 0]
        pair = _distinct(rows * max(len(names), 1) + codes)
        return pair // max(len(names), 1), (pair % max(len(names), 1)).astype(np.int32), names

    def place_counts(self, mask: np.ndarray, places: pd.DataFrame) -> pd.DataFrame:
        """place_counts(rows, places, incident_places) for the kept rows."""
        positions, codes, names = self.incident_places()
        kept = mask[positions]
        positions, codes = positions[kept], codes[kept]
        # an event counts once at a place, with the type of its first report there (as drop_duplicates after the merge)
        pair = self.key[positions].astype(np.int64) * (len(names) + 1) + codes
        _, first = np.unique(pair, return_index=True)
        by_type = pd.crosstab(names[codes[first]], self.event_types[self.event_type[positions[first]]]) if len(first) else pd.DataFrame()
        return place_table(places, by_type)

    def actor_summary(self, mask: np.ndarray) -> pd.DataFrame:
        """actor_summary(tables, rows) for the kept rows."""
        is_first = positions_mask(self.n, self.events(mask)["first"])
        names, rows, codes, repeat_rows, repeat_codes = self._attributed_names()
        # an event counts once for an actor that carried it out and claimed it (distinct row x name): every attribution of
        # the kept rows, less the repeats (worked out once per table set), counted over integer codes
        hit, again = is_first[rows], is_first[repeat_rows]
        per_name = (np.bincount(codes[hit], minlength=len(names)) - np.bincount(repeat_codes[again], minlength=len(names)))
        counts = pd.Series(per_name, index=names)
        actors = self.tables["actors"].copy()
        actors["incidents"] = actors["name_en"].map(counts).fillna(0).astype(int)
        return actors.sort_values(["incidents", "n_mentions", "name_en"], ascending=[False, False, True]).reset_index(drop=True)

    def _attributed_names(self) -> tuple:
        """Perpetrators and claimants as one long table: (names, sorted; rows; codes into the names), and the repeats:
        each (row, name) pair given more than once (carried out and claimed, or a name twice in a cell), once for each
        time after the first."""
        if "attributed" not in self._lazy:
            names = np.union1d(self.perpetrators[2], self.claimants[2]).astype(object)
            rows = np.concatenate([long[0] for long in (self.perpetrators, self.claimants)]).astype(np.int64)
            codes = np.concatenate([np.searchsorted(names, long[2]).astype(np.int64)[long[1]]
                                    for long in (self.perpetrators, self.claimants)]) if len(names) else rows * 0
            pairs, seen = np.unique(rows * max(len(names), 1) + codes, return_counts=True)
            repeats = np.repeat(pairs[seen > 1], seen[seen > 1] - 1)
            self._lazy["attributed"] = (names, rows, codes, repeats // max(len(names), 1), repeats % max(len(names), 1))
        return self._lazy["attributed"]

    def faction_summary(self, mask: np.ndarray, militia: tuple[str, ...] = ()) -> pd.DataFrame:
        """faction_summary(tables, rows, militia) for the kept rows."""
        actors = self.actor_summary(mask)
        actors = actors[is_faction(actors)]
        if militia:
            actors = actors[actors["name_en"].isin(militia) | actors["parent"].isin(militia)]
        return actors.reset_index(drop=True)

    def _actor_mentions(self) -> tuple[pd.DataFrame, pd.Series]:
        """mentions_per_year of every actor and each actor's mentions in undated articles, over integer codes (the frame
        functions copy a million mention rows and map them through a dict of Python strings)."""
        if "actor_mentions" not in self._lazy:
            articles, mentions = self.tables["articles"], self.tables["mentions"]
            is_actor = (mentions["entity_kind"] == "actor").to_numpy(dtype=bool)
            every = pa.array(list(self.tables["actors"]["actor_id"]), type=pa.large_string())
            entity, article = _text(mentions["entity_id"]), _text(mentions["article_id"])
            chosen = np.flatnonzero(is_actor & pc.is_in(entity, value_set=every).fill_null(False).to_numpy(zero_copy_only=False))
            # the article's year as its first four characters ('' for an article the table lacks, then left out)
            year_of = articles["published"].str[:4].to_numpy(dtype=object)
            row = _index_in(pc.take(article, pa.array(chosen)), _text(articles["article_id"]), last=True)
            year_codes, years = pd.factorize(np.where(row >= 0, year_of[np.maximum(row, 0)], "").astype(object), sort=True)
            entity_codes, entities = pd.factorize(pc.take(entity, pa.array(chosen)).to_numpy(zero_copy_only=False), sort=True)
            dated = year_codes >= 0
            dated[dated] = years[year_codes[dated]] != ""
            pair, counts = _distinct(entity_codes[dated].astype(np.int64) * max(len(years), 1) + year_codes[dated],
                                     counts=True)
            per_year = pd.DataFrame({"entity_id": pd.array(entities[pair // max(len(years), 1)], dtype=mentions["entity_id"].dtype),
                                     "year": pd.array(years[pair % max(len(years), 1)], dtype=articles["published"].dtype),
                                     "mentions": counts.astype(np.int64)})
            # mentions of each actor (every one, as listed in mentions) in articles without a four-digit year
            actor_rows = np.flatnonzero(is_actor)
            four_digits = articles["published"].str[:4].str.fullmatch("[0-9]{4}").to_numpy(dtype=bool)
            dated_ids = pc.take(_text(articles["article_id"]), pa.array(np.flatnonzero(four_digits)))
            in_dated = pc.is_in(pc.take(article, pa.array(actor_rows)), value_set=dated_ids.combine_chunks()).fill_null(False)
            codes, names = pd.factorize(pc.take(entity, pa.array(actor_rows)).to_numpy(zero_copy_only=False), sort=True)
            undated = np.bincount(codes, weights=~in_dated.to_numpy(zero_copy_only=False), minlength=len(names))
            undated = pd.Series(undated.astype(np.int64), index=pd.Index(names, dtype=mentions["entity_id"].dtype, name="entity_id"))
            self._lazy["actor_mentions"] = (per_year, undated)
            self._after_pass()
        return self._lazy["actor_mentions"]

    def mentions_per_year(self, actor_ids: list[str]) -> pd.DataFrame:
        """mentions_per_year(tables, actor_ids), from one count of every actor's mentions per table set."""
        per_year = self._actor_mentions()[0]
        return per_year[per_year["entity_id"].isin(actor_ids)].reset_index(drop=True)

    def undated_mentions(self, actor_ids: list[str]) -> int:
        """undated_mentions(tables, actor_ids), likewise."""
        undated = self._actor_mentions()[1]
        return int(undated.reindex(list(dict.fromkeys(actor_ids)), fill_value=0).sum())

    # ------------------------------------------------------------ articles

    def _article_ids(self) -> tuple[pd.Index, np.ndarray]:
        """The distinct article ids (an index to look them up) and the position of each one's first row."""
        if "article_ids" not in self._lazy:
            ids = self.tables["articles"]["article_id"].to_numpy(dtype=object)
            codes, distinct = pd.factorize(ids)
            first = np.full(len(distinct), -1, dtype=np.int64)
            first[codes[::-1]] = np.arange(len(ids))[::-1]
            self._lazy["article_ids"] = (pd.Index(distinct, dtype=object), first)
        return self._lazy["article_ids"]

    def article_positions(self, article_ids) -> np.ndarray:
        """The position in the articles table of each id (its first row), -1 for an id the table does not hold."""
        index, first = self._article_ids()
        found = index.get_indexer(pd.Index(list(article_ids), dtype=object))
        return np.where(found >= 0, first[np.maximum(found, 0)], -1) if len(first) else np.full(len(found), -1)

    def article_rows(self, table: str, article_id: str) -> np.ndarray:
        """Positions of the rows of `table` read from one article, in table order (as table[table.article_id == id]),
        from rows grouped by article once per table set: the reader does not compare millions of ids per rerun."""
        frame = self.tables[table]
        index, _ = self._article_ids()
        code = index.get_indexer(pd.Index([article_id], dtype=object))[0] if len(index) else -1
        if code < 0:  # not an article of the set: the few rows naming it, if any, the slow way
            return np.flatnonzero((frame["article_id"] == article_id).to_numpy(dtype=bool))
        key = "rows_by_article_" + table
        if key not in self._lazy:
            codes = index.get_indexer(pd.Index(frame["article_id"].to_numpy(dtype=object), dtype=object))
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(index) + 1))
            self._lazy[key] = (order.astype(np.int32 if len(frame) < 2**31 else np.int64), bounds)
            self._after_pass()
        order, bounds = self._lazy[key]
        return order[bounds[code]:bounds[code + 1]].astype(np.int64)

    def _article_index(self):
        if "articles" not in self._lazy:
            articles, mentions = self.tables["articles"], self.tables["mentions"]
            # (kind, entity) -> the sorted positions of the articles that mention it, over integer codes
            positions = _index_in(_text(mentions["article_id"]), _text(articles["article_id"]))
            kind, entity = _text(mentions["entity_kind"]), _text(mentions["entity_id"])
            kinds, entities = pc.unique(kind), pc.unique(entity)
            key = _index_in(kind, kinds) * len(entities) + _index_in(entity, entities)
            known = positions >= 0
            triple = _distinct(key[known] * max(len(articles), 1) + positions[known])
            key, article = triple // max(len(articles), 1), triple % max(len(articles), 1)
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
            kinds, entities = kinds.to_pylist(), entities.to_pylist()
            by_entity = {(kinds[k // len(entities)], entities[k % len(entities)]): rows
                         for k, rows in zip(key[starts].tolist(), np.split(article, starts[1:]))}
            years = pd.to_numeric(articles["published"].str[:4], errors="coerce").fillna(-1).to_numpy(dtype=np.int64)
            self._lazy["articles"] = (by_entity, years)
            self._after_pass()
        return self._lazy["articles"]

    def article_mask(self, filters: Filters, entity_ids: list[str] | None = None) -> np.ndarray:
        """filter_articles(tables, filters) as a mask over article positions; with `entity_ids`, only articles mentioning
        one of them (articles_mentioning)."""
        by_entity, years = self._article_index()
        n = len(years)
        mask = np.ones(n, dtype=bool)
        if filters.year:
            mask &= np.isin(years, [int(y) for y in filters.year])
        for wanted, table, id_column, kind in ((filters.militia, "actors", "actor_id", "actor"),
                                               (filters.place, "places", "place_id", "place")):
            if wanted:
                entities = self.tables[table]
                ids = entities.loc[entities["name_en"].isin(wanted), id_column]
                mask &= self._mentioning(by_entity, n, [(kind, i) for i in ids])
        if entity_ids is not None:
            mask &= self._mentioning(by_entity, n, [key for key in by_entity if key[1] in set(entity_ids)])
        return mask

    @staticmethod
    def _mentioning(by_entity: dict, n: int, keys) -> np.ndarray:
        found = [by_entity[key] for key in keys if key in by_entity]
        return positions_mask(n, np.concatenate(found)) if found else np.zeros(n, dtype=bool)

    # ------------------------------------------------------------ tallies

    def reported_vs_counted(self, counts: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
        """reported_vs_counted(counts, rows) for the kept rows (the tally's own country and period, not the filters)."""
        # the counts of a mask are kept: the tallies are counted against the review switches alone, the same every rerun
        memo = self._lazy.setdefault("counted", [])
        counted = next((found for seen, found in memo if seen.shape == mask.shape and np.array_equal(seen, mask)), None)
        if counted is None:
            counted = {}
            memo[:] = [(mask.copy(), counted)] + memo[:1]
        wanted = set(zip(counts["period_start"], counts["period_end"], counts["country"])) - set(counted)
        if wanted:
            first = self.events(mask)["first"]
            attacks = first[(self.event_types[self.event_type[first]] == "attack") & (self.date_bytes[first] != b"")]
            dates = self.date_bytes[attacks]
        for key in wanted:
            start, end, country = key[0] or "0000", key[1] or "9999", key[2]
            inside = ((dates.astype(f"S{len(start)}") >= start.encode()) & (dates.astype(f"S{len(end)}") <= end.encode()))
            if country:
                inside &= self._any_name(self.countries, [country])[attacks]
            counted[key] = int(inside.sum())
        ours = [counted[key] for key in zip(counts["period_start"], counts["period_end"], counts["country"])]
        return counts.assign(counted=pd.Series(ours, index=counts.index, dtype="Int64"))
