"""Article reader: the text right to left with every extraction highlighted; choosing one shows its table row."""
import html

import pandas as pd
import streamlit as st

from components import query, reader, safe, view as ui
from components.i18n import code_label, column_label
from components.state import view

v = view()
tb = v.tables
articles = query.filter_articles(tb, v.filters)
wanted = st.session_state.get("url_article", "")
known = set(tb["articles"]["article_id"])
st.title(v.t("page_articles"))
if wanted and wanted not in known:
    st.warning(v.t("no_article", id=safe.literal(wanted)), icon=":material/search_off:")
    wanted = ""
choices = list(articles["article_id"])
if wanted and wanted not in choices:
    choices.insert(0, wanted)
if not choices:
    ui.empty_note(v, key="clear_articles")
    st.stop()
if st.session_state.get("reader_article") not in choices:
    st.session_state["reader_article"] = wanted or choices[0]


def remember_article() -> None:
    st.session_state["url_article"] = st.session_state["reader_article"]
    st.session_state["url_hl"] = ""


titles = dict(zip(tb["articles"]["article_id"], tb["articles"]["title"]))
article_id = st.selectbox(v.t("choose_article"), choices, key="reader_article", on_change=remember_article,
                          format_func=lambda a: safe.shown(f"{titles.get(a) or a} · {a}", limit=300))
st.session_state["url_article"] = article_id
st.query_params["article"] = article_id
article = tb["articles"][tb["articles"]["article_id"] == article_id].iloc[0]
meta_line = " · ".join(x for x in (article["source"], article["published"], article_id) if x)
st.html(f'<h3 dir="auto">{html.escape(safe.strip_bidi(article["title"] or article_id))}</h3>'
        f'<p dir="auto">{html.escape(safe.strip_bidi(meta_line))}</p>')

spans = query.extractions(tb, article_id)
focus = reader.parse_highlight(st.session_state.get("url_hl", ""))
st.caption(v.t("legend_reader"))
st.html(reader.highlighted_html(article["text"], spans, focus, lambda k: code_label("entity", k, v.lang)))

st.subheader(v.t("extractions"))
if spans.empty:
    st.caption(v.t("empty"))
    st.stop()
focused = spans.index[(spans["start"] == (focus or (-1, -1))[0]) & (spans["end"] == (focus or (-1, -1))[1])]
pick = st.selectbox(v.t("choose_extraction"), list(spans.index), index=int(focused[0]) if len(focused) else 0, key="reader_pick",
                    format_func=lambda i: f"{code_label('entity', spans.at[i, 'kind'], v.lang)} · "
                                          f"{safe.shown(article['text'][spans.at[i, 'start']:spans.at[i, 'end']], limit=80)}")
row = reader.extraction_row(tb, spans.at[pick, "kind"], spans.at[pick, "row_id"])
if row is not None:
    fields = pd.DataFrame({"field": [column_label(c, v.lang) for c in row.index], "field_value": [str(x) for x in row.to_numpy()]})
    ui.show_table(v, fields, ["field", "field_value"], key="extraction_row")
ui.csv_download(v, spans, f"extractions_{article_id}", key="csv_extractions")
