"""Method: what each table and column means, how extraction works and where it fails, and the accuracy last measured
(data/eval/latest.json, written by bench/eval_devset.py --all): every figure on this page is read from that file."""
import datetime as dt
import re

import pandas as pd
import streamlit as st

from components import glossary, loaders, review_ui, safe
from components.state import view
from preprocess import schemas

EVAL_COMMAND = ".venv/bin/python bench/eval_devset.py --all"
MAIN_CATEGORIES = ("troops", "incidents", "militias", "places", "event_places", "tallies", "published")

v = view()
st.title(v.t("page_method"))
st.caption(v.t("method_intro"))


def percent(value) -> str:
    return f"{float(value) * 100:.1f}%" if isinstance(value, (int, float)) else ""


def known(label: str, key) -> str:
    """A label this page has words for; a key it does not know is shown as literal text (st.table reads Markdown)."""
    return safe.literal(key) if label == key else label


def count(value) -> str:
    return str(value) if isinstance(value, int) else ""


def measured_on(stamp, lang: str) -> str:
    """'2026-11-27T13:15:31+00:00' -> '2026-11-27 13:15 UTC'; anything else as literal text."""
    try:
        when = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return safe.literal(stamp)
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc)
    zone = {"ar": " بتوقيت غرينتش", "en": " UTC"}[lang] if when.tzinfo is not None else ""
    return when.strftime("%Y-%m-%d %H:%M") + zone


def commit_text(commit) -> str:
    """A commit id as a code span (a short hexadecimal id as it is, anything else as literal text)."""
    text = str(commit or "?")
    return f"`{text}`" if re.fullmatch(r"[0-9a-f]{4,40}", text) else safe.literal(text)


def category_table(categories: dict) -> pd.DataFrame:
    rows = [{v.t("col_category"): known(glossary.category_label(name, v.lang), name), v.t("col_f1"): percent(c.get("f1")),
             v.t("col_precision"): percent(c.get("precision")), v.t("col_recall"): percent(c.get("recall")),
             v.t("col_right"): count(c.get("tp")), v.t("col_wrong"): count(c.get("fp")), v.t("col_missed"): count(c.get("fn"))}
            for name, c in categories.items() if isinstance(c, dict)]
    return pd.DataFrame(rows)


def agreement_table(agreement: dict) -> pd.DataFrame:
    rows = [{v.t("col_field"): known(glossary.agreement_label(key, v.lang), key), v.t("col_agreement"): percent(a.get("rate")),
             v.t("col_agree"): f"{count(a.get('agree'))} / {count(a.get('total'))}"}
            for key, a in agreement.items() if isinstance(a, dict) and a.get("total")]
    return pd.DataFrame(rows)


def weakest(categories: dict) -> tuple[str, float] | None:
    scored = [(name, c["f1"]) for name, c in categories.items()
              if name in MAIN_CATEGORIES and isinstance(c, dict) and isinstance(c.get("f1"), (int, float))]
    return min(scored, key=lambda pair: pair[1]) if scored else None


st.header(v.t("method_accuracy"))
figures, problem = loaders.load_evaluation()
if problem:
    st.info(v.t("eval_missing" if problem == "missing" else "eval_unreadable", path=safe.literal(loaders.evaluation_path()),
                command=safe.literal(EVAL_COMMAND)), icon=":material/query_stats:")
else:
    mode = v.t("eval_mode_lenient") if figures.get("mode") == "lenient" else v.t("eval_mode_strict")
    st.write(v.t("eval_measured", date=measured_on(figures.get("measured_at", ""), v.lang),
                 commit=commit_text(figures.get("commit")), mode=mode))
    if figures.get("dirty"):
        st.caption(v.t("eval_dirty"))
    st.caption(v.t("eval_how_read"))
    runs = loaders.load_blind_runs()
    if runs:
        st.subheader(v.t("eval_blind_title"))
        f1s = [r["incidents"] for r in runs if isinstance(r.get("incidents"), (int, float))]
        right = sum(r.get("casualties_right") or 0 for r in runs)
        matched = sum(r.get("casualties_matched") or 0 for r in runs)
        st.caption(v.t("eval_blind_caption", mean=percent(sum(f1s) / len(f1s)) if f1s else "",
                       cas=percent(right / matched) if matched else ""))
        st.table(pd.DataFrame([{
            v.t("col_set"): safe.literal(f"{r.get('set', '')} {r.get('part', '')}".strip()),
            v.t("col_articles"): count(r.get("articles")),
            glossary.category_label("incidents", v.lang): percent(r.get("incidents")),
            v.t("col_precision"): percent(r.get("incidents_precision")), v.t("col_recall"): percent(r.get("incidents_recall")),
            v.t("col_casualties"): f"{count(r.get('casualties_right'))} / {count(r.get('casualties_matched'))}",
            glossary.category_label("troops", v.lang): percent(r.get("troops")),
            glossary.category_label("militias", v.lang): percent(r.get("militias")),
            glossary.category_label("tallies", v.lang): percent(r.get("tallies")),
            v.t("col_commit"): safe.literal(r.get("commit", "")),
        } for r in runs]), hide_index=True)
        st.caption(v.t("eval_tuned_caption"))
    for name, scored in figures["sets"].items():
        if not isinstance(scored, dict):
            continue
        title = glossary.SET_NAME[name][v.lang] if name in glossary.SET_NAME else safe.literal(name)
        st.subheader(v.t("eval_set", name=title, n=count(scored.get("n_articles")) or "?"))
        if name in glossary.SET_MEANING:
            st.caption(glossary.SET_MEANING[name][v.lang])
        categories = scored.get("categories") or {}
        st.table(category_table(categories), hide_index=True)
        low = weakest(categories)
        if low:
            st.caption(v.t("eval_weakest", field=glossary.category_label(low[0], v.lang), f1=percent(low[1])))
        agreement = agreement_table(scored.get("agreement") or {})
        if len(agreement):
            with st.expander(v.t("eval_fields_title")):
                st.table(agreement, hide_index=True)

st.header(v.t("method_review"))
review_ui.accuracy_panel(v)
st.subheader(v.t("review_log_title"))
review_ui.log_panel(v)

st.header(v.t("method_how"))
st.markdown("\n".join(f"- {line}" for line in glossary.METHOD_TEXT["how"][v.lang]))
st.header(v.t("method_fails"))
st.markdown("\n".join(f"- {line}" for line in glossary.METHOD_TEXT["fails"][v.lang]))

st.header(v.t("method_tables"))
for table in schemas.TABLE_NAMES:
    with st.expander(f"{table} · {glossary.TABLE_MEANING[table][v.lang]}"):
        st.table(pd.DataFrame({v.t("col_column"): schemas.columns(table),
                               v.t("col_type"): [glossary.dtype_label(d, v.lang) for d in schemas.dtypes(table).values()],
                               v.t("col_meaning"): [glossary.column_meaning(table, c, v.lang) for c in schemas.columns(table)]}),
                 hide_index=True)
