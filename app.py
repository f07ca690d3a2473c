"""Rasid: the router and frame of the dashboard (page config, right to left, shared filters, navigation)."""
import streamlit as st

from components import errors, loaders, safe, state
from components.i18n import LANGS, Names, code_label, t
from components.query import FILTER_NAMES
from preprocess.build import BuildError

st.set_page_config(page_title="راصد · Rasid", page_icon="📡", layout="wide", initial_sidebar_state="expanded")

FONT_STACK = '"Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
PAGES = [("app_pages/overview.py", "", "page_overview", ":material/dashboard:"),
         ("app_pages/incidents.py", "incidents", "page_incidents", ":material/bar_chart:"),
         ("app_pages/troops.py", "troops", "page_troops", ":material/military_tech:"),
         ("app_pages/bases.py", "bases", "page_bases", ":material/map:"),
         ("app_pages/actors.py", "actors", "page_actors", ":material/groups:"),
         ("app_pages/articles.py", "articles", "page_articles", ":material/article:"),
         ("app_pages/add.py", "add", "page_add", ":material/upload_file:")]


def page_css(lang: str) -> str:
    """Streamlit has no RTL switch: direction on the app and the sidebar mirrors it (sliders stay LTR)."""
    direction = "rtl" if lang == "ar" else "ltr"
    return (f"<style>.stApp, section[data-testid='stSidebar'] {{direction: {direction};}}"
            f".stApp {{font-family: {FONT_STACK};}}"
            ".stSlider {direction: ltr;}"
            # a value quoted in a notice (components.safe.literal) reads in its own direction, not the sentence's
            ":not(pre) > code {unicode-bidi: plaintext;}"
            "mark.x {padding: 0; color: inherit;}"
            "mark.x-incident {background: #f9d6d5;} mark.x-troops {background: #fde9a9; font-weight: 600;}"
            "mark.x-attack_count {background: #fbd3a5; font-weight: 600;}"
            "mark.x-actor {background: transparent; border-bottom: 2px solid #1f77b4;}"
            "mark.x-place {background: transparent; border-bottom: 2px solid #2ca02c;}"
            "mark.x-focus {outline: 2px solid #c0392b;}"
            ".reader {line-height: 2.1; font-size: 1.08rem; white-space: pre-wrap;}</style>")


def build_if_needed(lang: str) -> None:
    """Once per session: build the tables when they are missing or older than the articles, with visible progress.
    Never on a read-only dashboard (RASID_READONLY), never into a folder that is not a table set."""
    if st.session_state.get("_build_checked"):
        return
    st.session_state["_build_checked"] = True
    plan = loaders.build_plan()
    if plan.problem:  # the paths come from the environment and the manifest: shown as literal text
        detail = {key: safe.literal(value, limit=400) for key, value in plan.detail.items()}
        st.warning(t(plan.problem, lang, **detail), icon=":material/folder_off:")
    if safe.read_only() or not loaders.needs_build():
        return
    with st.status(t("building", lang), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=safe.literal(name))

        try:
            report = loaders.build_tables(progress)
        except BuildError as error:  # a failed build still leaves the previous tables readable
            status.update(label=t("build_failed", lang, error=safe.literal(error, limit=400)), state="error")
            return
        status.update(label=t("built", lang, n=report.n_articles), state="complete", expanded=False)


def sidebar_filters(lang: str, options, names: Names) -> None:
    with st.sidebar:
        st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                 format_func=lambda code: {"ar": "العربية", "en": "English"}[code])
        st.subheader(t("filters", lang))
        labels = {"militia": names, "place": names, "country": names,
                  "event_type": lambda c: code_label("event_type", c, lang), "weapon": lambda c: code_label("weapon", c, lang),
                  "year": str}
        for name in FILTER_NAMES:
            key = state.widget_key(name)
            allowed = getattr(options, name)
            # values from an earlier table set may have gone; a multiselect refuses unknown values
            st.session_state[key] = [v for v in st.session_state.get(key, []) if v in allowed]
            st.multiselect(t("f_" + name, lang), allowed, key=key, placeholder=t("all", lang),
                           format_func=lambda value, label=labels[name]: safe.shown(label(value)))
        st.button(t("clear_filters", lang), on_click=state.clear_filters, key="clear_sidebar", width="stretch")
        dropped = st.session_state.get("dropped_params")
        if dropped:
            st.warning(t("dropped_values", lang) + " " + ", ".join(safe.literal(f"{k}={v}", limit=80) for k, v in dropped),
                       icon=":material/link_off:")


build_if_needed(state.lang_from_params({"lang": st.query_params.get_all("lang")}))
tables, options = loaders.load_tables()
state.load_url_once(options)
lang = state.current_lang()
st.html(page_css(lang))
names = Names(tables["actors"], tables["places"], lang)
pages = [st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=(url == "")) for path, url, title, icon in PAGES]
page = st.navigation(pages, position="sidebar")
sidebar_filters(lang, options, names)
filters = state.current_filters(options)
state.write_url(filters, lang, on_reader=page.url_path == "articles")
state.set_view(state.View(lang=lang, filters=filters, tables=tables, options=options, names=names))
errors.run_page(page, lang)
