"""Add articles: upload files or a zip, remove your own uploads, see each file's status; the tables rebuild after either."""
import html

import pandas as pd
import streamlit as st

from components import loaders, safe, view as ui
from components.i18n import code_label, column_label
from components.reasons import as_path, reason_text, size_text
from components.state import View, view
from preprocess.build import BuildError
from preprocess.uploads import (ARTICLE_SUFFIXES, MAX_SESSION_BYTES, ZIP_SUFFIX, article_ids, check_uploads, list_uploads,
                                refuse_what_the_build_skips, remove_uploads)

SESSION_BYTES = "upload_bytes_this_session"
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in (*ARTICLE_SUFFIXES, ZIP_SUFFIX)]


def in_words(v: View, frame: pd.DataFrame) -> pd.DataFrame:
    """Statuses, skip reasons and stages in the page's language (the CSV keeps the build's own words); in Arabic, file names
    and paths sit in left-to-right isolates so their slashes stay where they are."""
    shown = frame.copy()
    if "file" in shown:
        shown["file"] = shown["file"].map(as_path if v.lang == "ar" else safe.shown)
    if "reason" in shown:
        stages = shown["stage"] if "stage" in shown else pd.Series("", index=shown.index)
        shown["reason"] = [reason_text(r, s, v.lang) for r, s in zip(shown["reason"], stages)]
    if "status" in shown:  # kept as a code, so a later language switch translates it too
        shown["status"] = shown["status"].map(lambda code: v.t(code) if code in ("accepted", "refused", "removed") else code)
    if "stage" in shown:
        shown["stage"] = shown["stage"].map(lambda stage: code_label("stage", stage, v.lang))
    return shown


def upload_status(v: View, frame: pd.DataFrame) -> None:
    """What happened to each file just uploaded or removed: a short list whose long reasons wrap. Escaped HTML: st.table
    would read file names as Markdown, view.show_table strips bidi controls (the isolates here are ours), and a grid cuts
    long reasons short."""
    shown = in_words(v, frame)
    head = "".join(f"<th>{html.escape(column_label(c, v.lang))}</th>" for c in shown.columns)
    rows = "".join("<tr>" + "".join(f'<td dir="auto">{html.escape(str(cell))}</td>' for cell in row) + "</tr>"
                   for row in shown.itertuples(index=False))
    st.html(f'<table class="upload-status"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


def rejects_table(v: View, frame: pd.DataFrame) -> None:
    """Every file the build skipped (there may be thousands): a scrolling grid with the reason given the room."""
    align = "right" if v.lang == "ar" else "left"
    widths = {"file": "medium", "stage": "small", "reason": "large"}
    config = {c: st.column_config.TextColumn(column_label(c, v.lang), alignment=align, width=widths.get(c, "medium"))
              for c in frame.columns}
    st.dataframe(in_words(v, frame), column_config=config, hide_index=True, key="rejects_table", width="stretch")


def rebuild(v: View) -> None:
    """The one rebuild after an upload or a removal: visible progress, then a fresh run on the new tables."""
    with st.status(v.t("building"), expanded=True) as progress_box:
        bar = st.progress(0.0)
        try:
            report = loaders.build_tables(lambda done, total, name: bar.progress(min(done / max(total, 1), 1.0),
                                                                                 text=safe.literal(name)))
        except BuildError as error:  # the previous tables stay readable; say why this build failed
            progress_box.update(label=v.t("build_failed", error=safe.literal(error, limit=120)), state="error")
            st.text(str(error))
            st.stop()
        progress_box.update(label=v.t("built", n=report.n_articles), state="complete", expanded=False)
    st.session_state.pop("_view", None)
    st.rerun()


def taken_ids() -> tuple[dict[str, str], dict[str, str]]:
    """Article ids of the bundled articles (every input folder but the user's) and of the analyst's own uploads."""
    user = loaders.user_dir()
    seeds: dict[str, str] = {}
    for folder in loaders.inputs():
        if folder != user:
            for article_id, name in article_ids(folder).items():
                seeds.setdefault(article_id, f"{folder.name}/{name}")
    return seeds, article_ids(user)


def upload_form(v: View) -> None:
    st.write(v.t("add_intro"))
    used = st.session_state.get(SESSION_BYTES, 0)
    st.caption(v.t("session_allowance", used=size_text(used, v.lang), limit=size_text(MAX_SESSION_BYTES, v.lang)))
    help_text = v.t("upload_help", types=" ".join(f".{t}" for t in UPLOAD_TYPES), limit=size_text(st.get_option("server.maxUploadSize") * 2**20, v.lang),
                    total=size_text(MAX_SESSION_BYTES, v.lang))
    uploaded = st.file_uploader(v.t("upload"), type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads", help=help_text)
    if not st.button(v.t("add_button"), disabled=not uploaded, type="primary", key="add_go"):
        return
    accepted, refused = check_uploads([(f.name, f.getvalue()) for f in uploaded], session_bytes_used=used,
                                      max_session_bytes=MAX_SESSION_BYTES)
    accepted, skipped = refuse_what_the_build_skips(accepted, *taken_ids())
    notes = loaders.save_uploads(accepted)
    st.session_state[SESSION_BYTES] = used + sum(len(a.data) for a in accepted)
    st.session_state["upload_status"] = pd.DataFrame(
        [{"file": a.name, "status": "accepted", "reason": note} for a, note in zip(accepted, notes)]
        + [{"file": r.name, "status": "refused", "reason": r.reason} for r in refused + skipped])
    if accepted:
        rebuild(v)


def removal_form(v: View) -> None:
    st.subheader(v.t("remove_title"))
    files = list_uploads(loaders.user_dir())
    if not files:
        st.caption(v.t("no_uploads"))
        return
    if st.session_state.pop("_reset_removal", False):
        st.session_state["remove_confirm"] = False
    # a file removed meanwhile is no longer an option; a multiselect refuses unknown values
    st.session_state["remove_pick"] = [n for n in st.session_state.get("remove_pick", []) if n in files]
    picked = st.multiselect(v.t("remove_pick"), files, key="remove_pick", format_func=safe.shown,
                            placeholder=v.t("choose_files"))
    confirmed = st.checkbox(v.t("remove_confirm"), key="remove_confirm", disabled=not picked)
    if not st.button(v.t("remove_button"), disabled=not (picked and confirmed), key="remove_go", icon=":material/delete:"):
        return
    removed, refused = remove_uploads(picked, loaders.user_dir())
    st.session_state["upload_status"] = pd.DataFrame(
        [{"file": name, "status": "removed", "reason": ""} for name in removed]
        + [{"file": r.name, "status": "refused", "reason": r.reason} for r in refused])
    st.session_state["_reset_removal"] = True
    if removed:
        rebuild(v)
    st.rerun()


v = view()
st.title(v.t("page_add"))
# a read-only dashboard on a network does not show where its files are on the server
folder = loaders.data_dir().name if safe.read_only() else str(loaders.data_dir())
st.caption(v.t("corpus", n=len(v.tables["articles"]), dir=safe.literal(folder)))
if safe.read_only():
    st.info(v.t("read_only"), icon=":material/lock:")
elif not loaders.uploads_allowed():
    st.info(v.t("uploads_off"), icon=":material/block:")
else:
    upload_form(v)
    if "upload_status" in st.session_state:
        upload_status(v, st.session_state["upload_status"][["file", "status", "reason"]])
    removal_form(v)

st.subheader(v.t("rejects"))
rejects = v.tables["rejects"]
if rejects.empty:
    st.caption(v.t("no_rejects"))
else:
    rejects_table(v, rejects[["file", "reason", "stage"]])
    ui.csv_download(v, rejects, "rejects", key="csv_rejects")
