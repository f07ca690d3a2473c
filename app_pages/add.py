"""Add articles: upload files or a zip, see each file's status, save to the user corpus and rebuild the tables."""
import pandas as pd
import streamlit as st

from components import loaders, view as ui
from components.state import view
from preprocess.build import BuildError
from preprocess.uploads import check_uploads

v = view()
st.title(v.t("page_add"))
st.write(v.t("add_intro"))
st.caption(v.t("corpus", n=len(v.tables["articles"]), dir=str(loaders.data_dir())))
uploaded = st.file_uploader(v.t("upload"), type=["txt", "html", "htm", "jsonl", "zip"], accept_multiple_files=True, key="uploads")

if st.button(v.t("add_button"), disabled=not uploaded, type="primary", key="add_go"):
    accepted, refused = check_uploads([(f.name, f.getvalue()) for f in uploaded])
    notes = loaders.save_uploads(accepted)
    status = pd.DataFrame(
        [{"file": a.name, "status": v.t("accepted"), "reason": note} for a, note in zip(accepted, notes)]
        + [{"file": r.name, "status": v.t("refused"), "reason": r.reason} for r in refused])
    st.session_state["upload_status"] = status
    if accepted:
        with st.status(v.t("building"), expanded=True) as progress_box:
            bar = st.progress(0.0)
            try:
                report = loaders.build_tables(lambda done, total, name: bar.progress(min(done / max(total, 1), 1.0), text=name))
            except BuildError as error:  # the previous tables stay readable; say why this build failed
                progress_box.update(label=v.t("build_failed", error=error), state="error")
                st.stop()
            progress_box.update(label=v.t("built", n=report.n_articles), state="complete", expanded=False)
        st.session_state.pop("_view", None)
        st.rerun()

if "upload_status" in st.session_state:
    ui.show_table(v, st.session_state["upload_status"], ["file", "status", "reason"], key="upload_status_table")

st.subheader(v.t("rejects"))
rejects = v.tables["rejects"]
if rejects.empty:
    st.caption(v.t("no_rejects"))
else:
    ui.show_table(v, rejects, ["file", "reason", "stage"], key="rejects_table")
    ui.csv_download(v, rejects, "rejects", key="csv_rejects")
