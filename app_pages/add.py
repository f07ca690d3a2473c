"""Add articles: upload files or a zip, remove your own uploads, see each file's status; the tables rebuild after either."""
import pandas as pd
import streamlit as st

from components import loaders, safe, view as ui
from components.state import View, view
from preprocess.build import BuildError
from preprocess.uploads import (MAX_SESSION_BYTES, article_ids, check_uploads, list_uploads, refuse_what_the_build_skips,
                                remove_uploads)

SESSION_BYTES = "upload_bytes_this_session"


def size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MB" if n_bytes >= 2**20 else f"{-(-n_bytes // 1024)} KB"


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
    st.caption(v.t("session_allowance", used=size(used), limit=size(MAX_SESSION_BYTES)))
    uploaded = st.file_uploader(v.t("upload"), type=["txt", "html", "htm", "jsonl", "zip"], accept_multiple_files=True, key="uploads")
    if not st.button(v.t("add_button"), disabled=not uploaded, type="primary", key="add_go"):
        return
    accepted, refused = check_uploads([(f.name, f.getvalue()) for f in uploaded], session_bytes_used=used,
                                      max_session_bytes=MAX_SESSION_BYTES)
    accepted, skipped = refuse_what_the_build_skips(accepted, *taken_ids())
    notes = loaders.save_uploads(accepted)
    st.session_state[SESSION_BYTES] = used + sum(len(a.data) for a in accepted)
    st.session_state["upload_status"] = pd.DataFrame(
        [{"file": a.name, "status": v.t("accepted"), "reason": note} for a, note in zip(accepted, notes)]
        + [{"file": r.name, "status": v.t("refused"), "reason": r.reason} for r in refused + skipped])
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
        [{"file": name, "status": v.t("removed"), "reason": ""} for name in removed]
        + [{"file": r.name, "status": v.t("refused"), "reason": r.reason} for r in refused])
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
        ui.show_table(v, st.session_state["upload_status"], ["file", "status", "reason"], key="upload_status_table")
    removal_form(v)

st.subheader(v.t("rejects"))
rejects = v.tables["rejects"]
if rejects.empty:
    st.caption(v.t("no_rejects"))
else:
    ui.show_table(v, rejects, ["file", "reason", "stage"], key="rejects_table")
    ui.csv_download(v, rejects, "rejects", key="csv_rejects")
