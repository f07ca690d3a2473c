"""The 'download briefing' button: the current view (filters, language) as a one-page PDF from components.briefing."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from components import briefing, export, mapped, query, safe
from components.state import View

BUTTON_STRINGS: dict[str, dict[str, str]] = {
    "label": {"ar": "تنزيل موجز العرض (صفحة واحدة)", "en": "Download briefing (PDF)"},
    "help": {"ar": "صفحة واحدة للعرض الحالي: الأرقام والرسم وأحدث عشر حوادث بمصادرها. عوامل التصفية: {filters}",
             "en": "One page of the current view: key figures, the chart and the ten latest incidents with their sources. "
                   "Filters: {filters}"},
    "unavailable": {"ar": "الموجز غير متاح على هذا الخادم: {error}", "en": "The PDF briefing is unavailable on this server: {error}"},
    "months": {"ar": "الفترة", "en": "Months"},
}


def _words(v: View, value_text) -> str:
    """The filters in words as the CSV downloads say them, and the month range when the view has one."""
    words = export.filters_in_words(v.filters, lambda name: v.t("f_" + name),
                                    lambda name, value: value_text(v.names.label(name, str(value))))
    months = getattr(v, "months", None)
    if months is not None and not months.is_open():
        span = f"{value_text(months.start) if months.start else '…'} – {value_text(months.end) if months.end else '…'}"
        words = "; ".join(part for part in (words, f"{BUTTON_STRINGS['months'][v.lang]}: {span}") if part)
    return words


def briefing_file_name(v: View, today: dt.date | None = None) -> str:
    """The CSV naming (filters and date, ASCII) with a .pdf suffix: rasid_briefing_year-2024_2026-11-27.pdf."""
    return export.csv_filename("briefing", v.filters, today).removesuffix(".csv") + ".pdf"


def briefing_bytes(v: View, fonts: briefing.Fonts | None = None, today: dt.date | None = None) -> bytes:
    """The PDF of the view, filtered by the same query functions as the pages (the overview's frames)."""
    tables = v.tables
    # the same rows the pages show (a chosen place included, the review switches applied): the view's mask when it has
    # the TableIndex, else the frame functions (which give the same rows)
    incidents = v.index.rows(v.incident_mask()) if v.index is not None else query.incidents_for(tables, v.filters)
    troops = query.filter_troops(tables["troops"], v.filters, tables["places"])
    return briefing.briefing_pdf(incidents, troops, tables["articles"], _words(v, safe.shown), v.lang, v.names.label,
                                 made=today, fonts=fonts)


def _made_then_released(v: View, fonts: briefing.Fonts) -> bytes:
    try:
        return briefing_bytes(v, fonts)
    finally:  # the briefing reads every kept incident of the mapped tables: their pages go back to the page cache
        mapped.release()


def briefing_button(v: View) -> None:
    """A download button for the current view; the PDF is made only when it is clicked (about half a second)."""
    label = BUTTON_STRINGS["label"][v.lang]
    try:
        fonts = briefing.find_fonts()
    except briefing.FontsMissing as error:
        st.button(label, disabled=True, key="briefing_unavailable", icon=":material/picture_as_pdf:",
                  help=BUTTON_STRINGS["unavailable"][v.lang].format(error=safe.literal(error, limit=400)))
        return
    words = _words(v, lambda text: safe.literal(text, limit=80)) or v.t("no_filter")
    st.download_button(
        label, data=lambda: _made_then_released(v, fonts), file_name=briefing_file_name(v), mime="application/pdf",
        key="download_briefing", help=BUTTON_STRINGS["help"][v.lang].format(filters=words), on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
