"""The view lives in the URL: filters, month range, page controls and the reader's article <-> query params; the page context.

URL keys: lang; militia, year, event_type, weapon, country, place (repeatable); rejected=1 and reviewed=1 (the review
switches: show rejected rows, reviewed rows only); from, to (months, YYYY-MM); the controls of
the page shown (CONTROLS: freq and stack on /incidents, colour on /troops and /bases, actor on /actors); article and at (the
reader's article and a character offset in its sentence). The older ?hl=<start>-<end> still opens its sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components.i18n import DEFAULT_LANG, LANGS, Names, t
from components.period import MonthRange, month_span, narrow, parse_month
from components.query import FILTER_NAMES, FilterOptions, Filters, TableIndex
from components.reader import parse_highlight, parse_offset

READER_PAGE = "app_pages/articles.py"
READER_PATH = "articles"
READER_PARAMS = ("article", "at")
RANGE_PARAMS = ("from", "to")
# the review switches of Filters and their URL keys (?rejected=1&reviewed=1)
REVIEW_PARAMS = {"show_rejected": "rejected", "reviewed_only": "reviewed"}
SHARED_PARAMS = ("lang", *FILTER_NAMES, *REVIEW_PARAMS.values(), *RANGE_PARAMS)  # what a link to the reader carries from the page it is on
WIDGET_PREFIX = "flt_"
RANGE_KEY = "flt_months"


@dataclass(frozen=True)
class Control:
    """A page's control that changes what is shown: its URL key, the widget key the page gives it, its choices (None: the
    page's own, such as the actors on offer; a selectbox shows its first for one it does not offer), its default and the page
    (url_path) it lives on. Its value outlives page switches here (Streamlit forgets a widget it did not draw)."""

    param: str
    widget: str
    choices: tuple[str, ...] | None
    default: str
    page: str

    def allows(self, value) -> bool:
        return isinstance(value, str) and (value in self.choices if self.choices is not None else bool(value))


CONTROLS = (
    Control("freq", "inc_freq", ("month", "year"), "month", "incidents"),
    Control("stack", "inc_stack", ("factions", "weapon"), "factions", "incidents"),
    Control("colour", "troops_colour", ("location", "force", "kind"), "location", "troops"),
    Control("colour", "map_colour", ("country", "event_type"), "country", "bases"),
    Control("actor", "actor_pick", None, "", "actors"),
)


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def _kept_key(control: Control) -> str:
    return "_control_" + control.widget


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _last(params: Mapping[str, object], name: str) -> str:
    values = _as_list(params.get(name))
    return values[-1] if values else ""


def _year(raw: str) -> int | None:
    """'2024' -> 2024; '²', 'abc', '' or a number too long to read -> None (str.isdigit accepts '²', int() does not)."""
    try:
        return int(raw.strip())
    except ValueError:
        return None


def filters_from_params(params: Mapping[str, object], options: FilterOptions) -> tuple[Filters, list[tuple[str, str]]]:
    """Filters from query params; values the tables do not know are dropped and returned so the page can say so."""
    chosen, dropped = {}, []
    for name in FILTER_NAMES:
        allowed = getattr(options, name)
        kept = []
        for raw in _as_list(params.get(name)):
            value = _year(raw) if name == "year" else raw
            if value in allowed and value not in kept:
                kept.append(value)
            else:
                dropped.append((name, raw))
        chosen[name] = tuple(kept)
    for name, param in REVIEW_PARAMS.items():
        raw = _last(params, param)
        chosen[name] = raw == "1"
        if raw not in ("", "0", "1"):
            dropped.append((param, raw))
    return Filters(**chosen), dropped


def lang_from_params(params: Mapping[str, object]) -> str:
    values = _as_list(params.get("lang"))
    return values[-1] if values and values[-1] in LANGS else DEFAULT_LANG


def months_from_params(params: Mapping[str, object]) -> tuple[MonthRange, list[tuple[str, str]]]:
    """?from=2023-10&to=2024-02 -> the range (backwards is the same range); a value that is not a month is dropped."""
    bounds, dropped = {}, []
    for name in RANGE_PARAMS:
        raw = _last(params, name)
        bounds[name] = parse_month(raw) or ""
        if raw and not bounds[name]:
            dropped.append((name, raw))
    return MonthRange(bounds["from"], bounds["to"]).ordered(), dropped


def controls_from_params(params: Mapping[str, object]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Every control from the URL (widget key -> value; its default when absent or not one of its choices: ?colour=force is
    /troops' colour, not /bases'); a value no control with that key offers is dropped."""
    values, dropped = {}, []
    for control in CONTROLS:
        raw = _last(params, control.param)
        values[control.widget] = raw if control.allows(raw) else control.default
    for param in dict.fromkeys(c.param for c in CONTROLS):
        raw = _last(params, param)
        if raw and not any(c.allows(raw) for c in CONTROLS if c.param == param):
            dropped.append((param, raw))
    return values, dropped


def reader_from_params(params: Mapping[str, object]) -> tuple[str, int | None]:
    """The reader's article and offset: ?article=...&at=<offset>, or the older ?hl=<start>-<end>."""
    at = parse_offset(_last(params, "at"))
    if at is None:
        highlight = parse_highlight(_last(params, "hl"))
        at = highlight[0] if highlight else None
    return _last(params, "article"), at


def unreadable_params(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Values of lang, at and hl that cannot be read (?lang=xx, ?at=abc, ?hl=abc): ignored, and listed so the page can say so."""
    dropped = [("lang", raw) for raw in _as_list(params.get("lang"))[-1:] if raw not in LANGS]
    dropped += [("at", raw) for raw in _as_list(params.get("at"))[-1:] if raw and parse_offset(raw) is None]
    dropped += [("hl", raw) for raw in _as_list(params.get("hl"))[-1:] if raw and parse_highlight(raw) is None]
    return dropped


def params_from_view(filters: Filters, lang: str, extra: Mapping[str, object] | None = None,
                     months: MonthRange = MonthRange()) -> dict[str, list[str]]:
    """Query params for a view: lang, repeatable filter values, the month range, then page-specific ones (controls, the
    reader's article and offset); empty values are left out."""
    params: dict[str, list[str]] = {"lang": [lang]}
    for name, values in filters.items():
        params[name] = [str(v) for v in values]
    for name, param in REVIEW_PARAMS.items():
        if getattr(filters, name):
            params[param] = ["1"]
    for name, value in (("from", months.start), ("to", months.end), *(extra or {}).items()):
        if value is not None and value != "":
            params[name] = [str(value)]
    return params


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def month_choices(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Months the sidebar's range offers: the tables', widened to a month a link asked for; computed once per table set."""
    extra = tuple(st.session_state.get("_range_extra", ()))
    cached = st.session_state.get("_range_span")
    if not cached or not _same_tables(cached[0][0], tables) or cached[0][1] != extra:
        own = month_span(tables)
        cached = ((_table_key(tables), extra), month_span(tables, extra), (own[0], own[-1]) if own else ("", ""))
        st.session_state["_range_span"] = cached
    return cached[1]


def narrowed(tables: dict[str, pd.DataFrame], months: MonthRange) -> dict[str, pd.DataFrame]:
    """The tables inside the month range (period.narrow), kept while neither the range nor the table set changes: reruns
    for other widgets do not narrow 50,000 incidents again."""
    if months.is_open():
        return tables
    cached = st.session_state.get("_narrowed")
    if not cached or not _same_tables(cached[0], tables) or cached[1] != months:
        # the incidents in range as their ids only (pages count and show incidents through the TableIndex, which needs the
        # rows kept, not a copy of every column of them for each session)
        found = narrow({**tables, "incidents": tables["incidents"][["incident_id", "date", "date_end"]]}, months)
        found["incidents"] = found["incidents"][["incident_id"]]
        cached = (_table_key(tables), months, found)
        st.session_state["_narrowed"] = cached
    return cached[2]


def _table_key(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
    # the cached table set's own frames, held so that a build replacing them is seen (an id alone could be reused)
    return tables["incidents"], tables["troops"], tables["attack_counts"]


def _same_tables(key: tuple[pd.DataFrame, ...], tables: dict[str, pd.DataFrame]) -> bool:
    return all(a is b for a, b in zip(key, _table_key(tables)))


def _set_range_widget(months: MonthRange, span: list[str]) -> None:
    if span:
        st.session_state[RANGE_KEY] = (months.start or span[0], months.end or span[-1])


def _apply_url(params: Mapping[str, object], options: FilterOptions, tables: dict[str, pd.DataFrame]) -> None:
    """The URL sets the view: filters, language, month range, the pages' controls and the reader's article."""
    filters, dropped = filters_from_params(params, options)
    for name in FILTER_NAMES:
        st.session_state[widget_key(name)] = list(getattr(filters, name))
    for name in REVIEW_PARAMS:
        st.session_state[widget_key(name)] = getattr(filters, name)
    st.session_state["lang"] = lang_from_params(params)
    months, bad_months = months_from_params(params)
    st.session_state["_range_extra"] = tuple(m for m in (months.start, months.end) if m)
    _set_range_widget(months, month_choices(tables))
    controls, bad_controls = controls_from_params(params)
    for control in CONTROLS:
        st.session_state[_kept_key(control)] = controls[control.widget]
        st.session_state.pop(control.widget, None)  # its widget shows the URL's value, not the last run's
    st.session_state["url_article"], st.session_state["url_at"] = reader_from_params(params)
    st.session_state["dropped_params"] = dropped + bad_months + bad_controls + unreadable_params(params)


def load_url(options: FilterOptions, tables: dict[str, pd.DataFrame]) -> None:
    """On a session's first run the URL sets the view; afterwards the widgets are the truth and the URL follows them, except
    when the URL changed under the app (a link to the reader, the browser's back button): then it sets the view again."""
    params = _current_params()
    first = not st.session_state.get("_url_loaded")
    moved = not first and params and params != st.session_state.get("_url_written")
    if first or moved:
        _apply_url(params, options, tables)
        st.session_state["_url_loaded"] = True


def restore_controls(page: str) -> None:
    """The shown page's controls keep their value across page switches: the widget shows the kept value, and a choice made
    on it is kept. Call after st.navigation, before the page runs."""
    for control in CONTROLS:
        if control.page != page:
            continue
        kept = st.session_state.get(_kept_key(control), control.default)
        if control.widget in st.session_state:  # drawn on the last run: the analyst's choice ('None' = unselected)
            chosen = st.session_state[control.widget]
            st.session_state[_kept_key(control)] = chosen if control.allows(chosen) else control.default
        elif kept != control.default:  # the page gives the default itself; setting it too would only log a warning
            st.session_state[control.widget] = kept


def control_value(widget: str) -> str:
    """A control's current value (its default until chosen), for code that needs it without drawing the widget."""
    control = next(c for c in CONTROLS if c.widget == widget)
    value = st.session_state.get(control.widget, st.session_state.get(_kept_key(control), control.default))
    return value if control.allows(value) else control.default


def current_lang() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def current_filters(options: FilterOptions) -> Filters:
    """Filters from the widgets, limited to values the current tables still offer."""
    chosen = {}
    for name in FILTER_NAMES:
        allowed = set(getattr(options, name))
        chosen[name] = tuple(v for v in st.session_state.get(widget_key(name), []) if v in allowed)
    for name in REVIEW_PARAMS:
        chosen[name] = bool(st.session_state.get(widget_key(name), False))
    return Filters(**chosen)


def prepare_range_widget(span: list[str]) -> None:
    """Before the range slider is drawn: a value the months on offer do not hold (the tables were rebuilt) becomes 'all'."""
    value = st.session_state.get(RANGE_KEY)
    if span and not (isinstance(value, (tuple, list)) and len(value) == 2 and all(v in span for v in value)):
        st.session_state[RANGE_KEY] = (span[0], span[-1])


def current_months(span: list[str]) -> MonthRange:
    """The range from the slider; an end at the tables' first or last month is open (new articles extend it), a month a
    link gave beyond them is kept as the link said."""
    value = st.session_state.get(RANGE_KEY)
    if not span or not isinstance(value, (tuple, list)) or len(value) != 2:
        return MonthRange()
    first, last = st.session_state.get("_range_span", (None, None, (span[0], span[-1])))[2]
    start, end = sorted(value)
    return MonthRange("" if start == first else start, "" if end == last else end)


def clear_filters() -> None:
    """Button callback: every filter back to 'all', the month range too."""
    for name in FILTER_NAMES:
        st.session_state[widget_key(name)] = []
    for name in REVIEW_PARAMS:
        st.session_state[widget_key(name)] = False
    cached = st.session_state.get("_range_span")
    if cached and all(cached[2]):
        st.session_state["_range_extra"] = ()
        st.session_state[RANGE_KEY] = cached[2]


def _page_params(page: str) -> dict[str, object]:
    """The shown page's own keys: its controls away from their defaults, and on the reader its article and offset."""
    extra: dict[str, object] = {}
    for control in CONTROLS:
        if control.page == page:
            value = control_value(control.widget)
            if value != control.default:
                extra[control.param] = value
    if page == READER_PATH:
        extra["article"] = st.session_state.get("url_article", "")
        extra["at"] = st.session_state.get("url_at")
    return extra


def write_url(filters: Filters, lang: str, page: str, months: MonthRange = MonthRange()) -> None:
    """Rewrites the query params on every run (a page switch carries the last page's keys), and remembers what it wrote so
    the next run can tell a link or the back button from its own writing."""
    wanted = params_from_view(filters, lang, _page_params(page), months)
    if wanted != _current_params():
        st.query_params.from_dict(wanted)
    st.session_state["_url_written"] = wanted


@dataclass
class View:
    """What a page needs: language, filters, the tables (reviews applied, narrowed to the month range: the incidents in range
    as their ids only, the index counts and shows them) and the options they offer, display names; the month range itself
    and the tables before it narrowed them. The tables keep the rows rejected
    by review, flagged: pages count incidents through incident_mask() (TableIndex.mask applies the review switches) and
    troops and tallies through query.filter_troops / filter_attack_counts, which apply them too."""

    lang: str
    filters: Filters
    tables: dict[str, pd.DataFrame]
    options: FilterOptions
    names: Names
    months: MonthRange = field(default_factory=MonthRange)
    all_tables: dict[str, pd.DataFrame] | None = None
    # the TableIndex of the reviewed tables (load_reviewed_tables().index): what pages filter and count with
    index: TableIndex | None = None
    # analyst review: the tables as built (what a review action is checked against) and with every review applied,
    # rejected rows included (what the review panel looks rows up in)
    built_tables: dict[str, pd.DataFrame] | None = None
    reviewed_tables: dict[str, pd.DataFrame] | None = None

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def incident_mask(self):
        """The incidents this view keeps, as a mask over the table set's incidents (query.TableIndex.mask: the filters, the
        month range, the review switches: rows rejected by review left out unless shown, reviewed rows only when asked);
        worked out once per rerun."""
        if getattr(self, "_mask", None) is None:
            self._mask = self.index.mask(self.filters, within=self.tables["incidents"])
        return self._mask


def set_view(view: View) -> None:
    st.session_state["_view"] = view


def view() -> View:
    return st.session_state["_view"]


# ---------------------------------------------------------------- links to the reader


def reader_params(article_id: str, at=None, current: View | None = None) -> dict[str, list[str]]:
    """Query params of the reader on `article_id` at offset `at` (the start of a row's sentence), keeping the shown view's
    (or `current`'s) language, filters and month range."""
    current = current or view()
    offset = None if at is None or pd.isna(at) else int(at)
    return params_from_view(current.filters, current.lang, {"article": article_id, "at": offset}, current.months)


def reader_href(article_id: str, at=None, current: View | None = None) -> str:
    """A link to the reader for a table row (st.column_config.LinkColumn): 'articles?lang=..&militia=..&article=..&at=..'.
    Relative, so it works under any base path; app.py makes such links open in the same tab."""
    return READER_PATH + "?" + urlencode(reader_params(article_id, at, current), doseq=True)


def row_offset(row: Mapping[str, object]):
    """Where a row's sentence starts: sentence_start for troop figures and tallies (their start is the number), else start."""
    for column in ("sentence_start", "start"):
        value = row.get(column)
        if value is not None and not pd.isna(value):
            return int(value)
    return None


def reader_links(frame: pd.DataFrame) -> list[str]:
    """reader_href for every row of a frame that has article_id (and start or sentence_start)."""
    needed = frame[[c for c in ("article_id", "sentence_start", "start") if c in frame.columns]]  # not the long text columns
    current = view()
    return [reader_href(row["article_id"], row_offset(row), current) for row in needed.to_dict("records")]


def open_reader(article_id: str, at=None) -> None:
    """Opens the reader in this tab on the article and sentence, the view kept (for a button or a selected table row)."""
    st.switch_page(READER_PAGE, query_params=reader_params(article_id, at))
