"""A page's unexpected error: the traceback goes to the server log under a short id, the visitor sees only the id."""
from __future__ import annotations

import secrets

import streamlit as st
from streamlit.logger import get_logger

from components.i18n import t

LOG = get_logger("rasid")


def run_page(page, lang: str) -> None:
    """Runs the page; st.stop and st.rerun pass through (they are BaseExceptions, not Exceptions)."""
    try:
        page.run()
    except Exception:
        error_id = secrets.token_hex(4)
        LOG.exception("unexpected error %s on page /%s", error_id, page.url_path)
        st.error(t("unexpected_error", lang, id=error_id), icon=":material/error:")
