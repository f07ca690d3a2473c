"""Rasid: the router and frame of the dashboard (page config, right to left, shared filters, navigation)."""
import json

import streamlit as st

from components import briefing_ui, errors, loaders, mapped, review_ui, safe, state
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
         ("app_pages/add.py", "add", "page_add", ":material/upload_file:"),
         ("app_pages/method.py", "method", "page_method", ":material/menu_book:")]

# A table's link to the reader (st.column_config.LinkColumn) always opens a new tab (window.open(url, "_blank")), which
# loses the session. In-app links to /articles open in this tab instead, through the browser history as the back button
# does (Streamlit follows it without reloading), and keep the view's keys the link does not set itself. Our own constant
# code: no value from the data or the URL is written into it.
READER_LINKS_SCRIPT = """<script>
(() => {
  if (window.__rasidReaderLinks) return;
  window.__rasidReaderLinks = true;
  const shared = %s;
  const nativeOpen = window.open.bind(window);
  window.open = function (url, target, features) {
    try {
      const link = new URL(String(url), window.location.href);
      if (link.origin === window.location.origin && /\\/articles$/.test(link.pathname)) {
        const here = new URLSearchParams(window.location.search);
        for (const key of shared) {
          if (!link.searchParams.has(key)) here.getAll(key).forEach((value) => link.searchParams.append(key, value));
        }
        window.history.pushState(null, "", link.pathname + link.search);
        window.dispatchEvent(new PopStateEvent("popstate"));
        return null;
      }
    } catch (error) {
      console.warn("rasid: reader link opened the default way", error);
    }
    return nativeOpen(url, target, features);
  };
})();
</script>""" % json.dumps(list(state.SHARED_PARAMS))


def page_css(lang: str) -> str:
    """Streamlit has no RTL switch: direction on the app and the sidebar mirrors it (sliders stay LTR)."""
    direction = "rtl" if lang == "ar" else "ltr"
    return (f"<style>.stApp, section[data-testid='stSidebar'] {{direction: {direction};}}"
            f".stApp {{font-family: {FONT_STACK};}}"
            ".stSlider {direction: ltr;}"
            f".stSlider [data-testid='stWidgetLabel'] {{direction: {direction};}}"  # the track stays left to right, not its label
            # a value quoted in a notice (components.safe.literal) reads in its own direction, not the sentence's
            ":not(pre) > code {unicode-bidi: plaintext;}"
            # captions and table cells follow the page's direction (Streamlit aligns them left, table cells inline)
            "[data-testid='stCaptionContainer'], [data-testid='stMarkdown'], [data-testid='stMarkdownContainer'],"
            " [data-testid='stMarkdownContainer'] :is(p, ul, ol, li) {text-align: start;}"
            "[data-testid='stTable'] td, [data-testid='stTable'] th {text-align: start !important;}"
            "table.upload-status {width: 100%; border-collapse: collapse; font-size: 0.9rem;}"
            "table.upload-status th, table.upload-status td {text-align: start; padding: 0.35rem 0.6rem;"
            " border-bottom: 1px solid rgba(49, 51, 63, 0.15); vertical-align: top;}"
            "table.upload-status th {font-weight: 600; color: rgba(49, 51, 63, 0.7);}"
            # a file name (the uploader shortens it in the middle) reads in its own direction: a Latin one left to right
            "[data-testid='stFileChipName'] {unicode-bidi: plaintext;}"
            "mark.x {padding: 0; color: inherit;}"
            "mark.x-incident {background: #f9d6d5;} mark.x-troops {background: #fde9a9; font-weight: 600;}"
            "mark.x-attack_count {background: #fbd3a5; font-weight: 600;}"
            "mark.x-actor {background: transparent; border-bottom: 2px solid #1f77b4;}"
            "mark.x-place {background: transparent; border-bottom: 2px solid #2ca02c;}"
            "mark.x-source {background: #fdeceb;}"
            "mark.x-actor_event {background: transparent; border-bottom: 3px solid #1f77b4; font-weight: 600;}"
            "mark.x-place_event {background: #d9f2d9; border-bottom: 3px solid #2ca02c; font-weight: 600;}"
            "mark.x-place_dateline {background: transparent; border-bottom: 2px dashed #7f7f7f;}"
            "mark.x-place {border-bottom-style: dotted;} mark.x-actor {border-bottom-style: dotted;}"
            ".reader .x-focus {outline: 2px solid #c0392b; outline-offset: 1px; border-radius: 2px; scroll-margin: 30vh;}"
            "sup.slot-tag {display: inline-block; font-size: 0.68rem; line-height: 1.4; color: #4a4a4a; background: #eeeeee;"
            " border-radius: 4px; padding: 0 0.3em; margin-inline-start: 0.25em; user-select: none;}"
            ".reader-legend {display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; font-size: 0.9rem;}"
            ".reader-legend mark {padding: 0 0.25em;}"
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


def sidebar_filters(lang: str, options, names: Names, months: list[str]) -> None:
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
        if len(months) > 1:
            state.prepare_range_widget(months)
            # a (first, last) value makes it a range slider; the URL's months are in its session state
            st.select_slider(t("f_months", lang), months, value=(months[0], months[-1]), key=state.RANGE_KEY)
        st.toggle(t("reviewed_only", lang), key=state.widget_key("reviewed_only"))
        st.toggle(t("show_rejected", lang), key=state.widget_key("show_rejected"), help=t("show_rejected_help", lang))
        st.button(t("clear_filters", lang), on_click=state.clear_filters, key="clear_sidebar", width="stretch")
        dropped = st.session_state.get("dropped_params")
        if dropped:
            st.warning(t("dropped_values", lang) + " " + ", ".join(safe.literal(f"{k}={v}", limit=80) for k, v in dropped),
                       icon=":material/link_off:")
        st.subheader(t("review", lang))
        review_ui.sidebar(lang)
        st.html(READER_LINKS_SCRIPT, unsafe_allow_javascript=True)


url_lang = state.lang_from_params({"lang": st.query_params.get_all("lang")})
st.html(page_css(url_lang))  # first, so the page reads in its direction while the tables load
build_if_needed(url_lang)
reviewed = loaders.load_reviewed_tables()  # the tables with the analysts' reviews applied, rejected rows flagged
tables, options = reviewed.reviewed, reviewed.options
state.load_url(options, tables)
lang = state.current_lang()
if lang != url_lang:  # (the language switched in this session, not in the URL)
    st.html(page_css(lang))
names = Names(tables["actors"], tables["places"], lang)
pages = [st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=(url == "")) for path, url, title, icon in PAGES]
page = st.navigation(pages, position="sidebar")
state.restore_controls(page.url_path)
span = state.month_choices(tables)
sidebar_filters(lang, options, names, span)
filters = state.current_filters(options)
months = state.current_months(span)
state.write_url(filters, lang, page.url_path, months)
# the reviewed tables keep their rejected rows, flagged: the TableIndex of the reviewed set leaves them out of every count
# (a mask) unless the view shows them, and keeps reviewed rows only when asked
view = state.View(lang=lang, filters=filters, tables=state.narrowed(tables, months), options=options, names=names,
                  months=months, all_tables=tables, index=reviewed.index, built_tables=reviewed.built, reviewed_tables=tables)
state.set_view(view)
with st.sidebar:  # the current view as a one-page PDF, made only when clicked
    briefing_ui.briefing_button(view)
try:
    errors.run_page(page, lang)
finally:  # pages read a few rows of the mapped tables, a first visit to a page may read them whole (its part of the index)
    mapped.release()
