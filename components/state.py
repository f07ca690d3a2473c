"""The view lives in the URL: filters <-> query params, session state for the widgets, and the page context."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pandas as pd
import streamlit as st

from components.i18n import DEFAULT_LANG, LANGS, Names, t
from components.query import FILTER_NAMES, FilterOptions, Filters
from components.reader import parse_highlight

READER_PARAMS = ("article", "hl")
WIDGET_PREFIX = "flt_"


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


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
    return Filters(**chosen), dropped


def lang_from_params(params: Mapping[str, object]) -> str:
    values = _as_list(params.get("lang"))
    return values[-1] if values and values[-1] in LANGS else DEFAULT_LANG


def unreadable_params(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """Values of lang and hl that cannot be read (?lang=xx, ?hl=abc): ignored, and listed so the page can say so."""
    dropped = [("lang", raw) for raw in _as_list(params.get("lang"))[-1:] if raw not in LANGS]
    dropped += [("hl", raw) for raw in _as_list(params.get("hl"))[-1:] if raw and parse_highlight(raw) is None]
    return dropped


def params_from_view(filters: Filters, lang: str, extra: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Query params for a view: repeatable filter values, lang, then page-specific ones (the reader's article)."""
    params: dict[str, list[str]] = {"lang": [lang]}
    for name, values in filters.items():
        params[name] = [str(v) for v in values]
    for name, value in (extra or {}).items():
        if value:
            params[name] = [str(value)]
    return params


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def load_url_once(options: FilterOptions) -> None:
    """On a session's first run the URL sets the widgets; afterwards the widgets are the truth and the URL follows."""
    if st.session_state.get("_url_loaded"):
        return
    params = _current_params()
    filters, dropped = filters_from_params(params, options)
    for name in FILTER_NAMES:
        st.session_state[widget_key(name)] = list(getattr(filters, name))
    st.session_state["lang"] = lang_from_params(params)
    for name in READER_PARAMS:
        values = _as_list(params.get(name))
        st.session_state["url_" + name] = values[-1] if values else ""
    unreadable = unreadable_params(params)
    if ("hl", st.session_state["url_hl"]) in unreadable:
        st.session_state["url_hl"] = ""
    st.session_state["dropped_params"] = dropped + unreadable
    st.session_state["_url_loaded"] = True


def current_lang() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def current_filters(options: FilterOptions) -> Filters:
    """Filters from the widgets, limited to values the current tables still offer."""
    chosen = {}
    for name in FILTER_NAMES:
        allowed = set(getattr(options, name))
        chosen[name] = tuple(v for v in st.session_state.get(widget_key(name), []) if v in allowed)
    return Filters(**chosen)


def clear_filters() -> None:
    """Button callback: every filter back to 'all'."""
    for name in FILTER_NAMES:
        st.session_state[widget_key(name)] = []


def write_url(filters: Filters, lang: str, on_reader: bool) -> None:
    """Rewrites the query params on every run, so a page switch (which drops them) keeps the view in the URL."""
    extra = {name: st.session_state.get("url_" + name, "") for name in READER_PARAMS} if on_reader else {}
    wanted = params_from_view(filters, lang, extra)
    if wanted != _current_params():
        st.query_params.from_dict(wanted)


@dataclass
class View:
    """What a page needs: language, filters, the tables and the options they offer, display names."""

    lang: str
    filters: Filters
    tables: dict[str, pd.DataFrame]
    options: FilterOptions
    names: Names

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


def set_view(view: View) -> None:
    st.session_state["_view"] = view


def view() -> View:
    return st.session_state["_view"]
