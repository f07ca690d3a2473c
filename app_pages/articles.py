"""Article reader: the text with every extraction and every sentence behind an incident highlighted, the linked sentence
outlined and scrolled into view; choosing an extraction shows its row in words."""
import html

import numpy as np
import pandas as pd
import streamlit as st

from components import query, reader, review_ui, safe, state, view as ui
from components.i18n import code_label, column_label
from components.state import view
from preprocess.sentences import split_sentences

# The fields of a row an analyst reads, in order; ids and offsets stay in the CSV. Code columns read as words.
ROW_FIELDS = {
    "incident": ["date", "date_end", "date_precision", "date_basis", "event_type", "weapon", "perpetrator", "claimed_by",
                 "target", "factions", "place", "country", "killed", "wounded", "outcome", "quote"],
    "troops": ["value", "qualifier", "force", "location", "kind", "date", "date_precision", "quote"],
    "attack_count": ["count", "qualifier", "period_start", "period_end", "country", "location", "quote"],
    "mention": ["surface", "entity", "entity_kind", "role"],
}
CODE_GROUPS = {"date_precision": "date_precision", "date_basis": "date_basis", "outcome": "outcome", "role": "role",
               "entity_kind": "entity_kind", "event_type": "event_type", "weapon": "weapon", "qualifier": "qualifier",
               "kind": "kind", "force": "force"}
NOT_STATED = ("killed", "wounded")
LEAD_CHARS = 90  # an untitled article is named by this much of its opening
# Scrolls the outlined sentence into view once the reader is drawn; only an integer offset is written into it.
SCROLL_SCRIPT = """<script>
(() => {
  let tries = 0, checks = 0;
  const inView = (box) => box.top >= 0 && box.bottom <= window.innerHeight;
  const scroll = () => {
    const mark = document.querySelector('.reader[data-focus="__AT__"] .x-focus');
    if (!mark) { if (++tries < 100) setTimeout(scroll, 100); return; }
    if (!inView(mark.getBoundingClientRect())) mark.scrollIntoView({block: "center"});
    if (++checks < 6) setTimeout(scroll, 300);  // what is drawn above it may still be growing for a moment
  };
  scroll();
})();
</script>"""

v = view()
tb = v.all_tables or v.tables  # the reader shows everything read from the article, whatever the month range
articles = tb["articles"]
wanted = st.session_state.get("url_article", "")
st.title(v.t("page_articles"))
if wanted and v.index.article_positions([wanted])[0] < 0:
    st.warning(v.t("no_article", id=safe.literal(wanted)), icon=":material/search_off:")
    wanted = ""
matching = np.flatnonzero(v.index.article_mask(v.filters))  # positions of the matching articles
# the picker offers the first TABLE_ROWS matching articles (a list of 100,000 names costs seconds per rerun)
choices = list(articles["article_id"].iloc[matching[:query.TABLE_ROWS]])
if wanted and wanted not in choices:
    choices.insert(0, wanted)
if not choices:
    ui.empty_note(v, key="clear_articles")
    st.stop()
if st.session_state.get("reader_article") not in choices or (wanted and st.session_state.get("reader_article") != wanted):
    st.session_state["reader_article"] = wanted or choices[0]


def forget_sentence() -> None:
    """Another article: the offset of the last one means nothing in it."""
    st.session_state["url_article"] = st.session_state["reader_article"]
    st.session_state["url_at"] = None


# the articles offered, looked up by position (the TableIndex's ids), not through a new index of every article per rerun
offered_at = v.index.article_positions(choices)
offered = articles.iloc[offered_at[offered_at >= 0]]
offered_rows = dict(zip(offered["article_id"], offered[["title", "text", "source", "published"]].to_dict("records")))


def article_label(article_id: str) -> str:
    """Title · source · date: the picker names articles as analysts know them; an untitled one by its opening words (a
    file id first would also scramble the line in right-to-left order)."""
    if article_id not in offered_rows:
        return safe.shown(article_id)
    row = offered_rows[article_id]
    name = safe.shown(row["title"], limit=160) or safe.shown(row["text"], limit=LEAD_CHARS) or safe.shown(article_id)
    return " · ".join(p for p in (name, safe.shown(row["source"]), safe.shown(row["published"])) if p)


article_id = st.selectbox(v.t("choose_article"), choices, key="reader_article", on_change=forget_sentence,
                          format_func=article_label)
if len(matching) > len(choices):
    st.caption(v.t("first_rows_note", n=f"{len(choices):,}", total=f"{len(matching):,}"))
at = st.session_state.get("url_at") if article_id == wanted else None
st.session_state["url_article"], st.session_state["url_at"] = article_id, at
state.write_url(v.filters, v.lang, state.READER_PATH, v.months)
article = articles.iloc[v.index.article_positions([article_id])[0]]
meta_line = " · ".join(x for x in (article["source"], article["published"], article_id) if x)
st.html(f'<h3 dir="auto">{html.escape(safe.strip_bidi(article["title"]) or v.t("untitled"))}</h3>'
        f'<p dir="{"rtl" if v.lang == "ar" else "ltr"}">{html.escape(safe.strip_bidi(meta_line))}</p>')

text = article["text"]
focus = reader.sentence_at(text, at) if at is not None else None
if at is not None and focus is None:
    st.warning(v.t("no_sentence_at", at=at), icon=":material/location_off:")
# the article's reviewed rows as the view counts them (query.review_keep: rejected ones out unless shown, reviewed ones
# only when asked), and the sentences behind the incidents kept
# (the large tables' rows of the article through the TableIndex, grouped by article once per table set)
of_article = {name: v.index.article_rows(name, article_id) for name in ("incidents", "incident_sources", "mentions")}
own = {name: tb[name].iloc[of_article[name]] if name in of_article else tb[name][tb[name]["article_id"] == article_id]
       for name in query.REVIEWED_TABLES}
kept = {name: frame[query.review_keep(frame, v.filters)] for name, frame in own.items()}
dropped = set(own["incidents"]["incident_id"]) - set(kept["incidents"]["incident_id"])
all_sources = tb["incident_sources"]  # an incident's sentences are looked up in all of them (a merge brings another article's)
sources = all_sources.iloc[of_article["incident_sources"]]
tb = {**tb, **kept, "incident_sources": sources[~sources["incident_id"].isin(dropped)] if dropped else sources,
      "mentions": tb["mentions"].iloc[of_article["mentions"]]}
spans = reader.article_spans(tb, article_id)
numbers = reader.incident_numbers(spans)
kind_label = lambda k: code_label("entity", k, v.lang)  # noqa: E731
comma = "، " if v.lang == "ar" else ", "
tags = reader.source_tags(spans, numbers, lambda n: v.t("incident_n", n=n), lambda s: code_label("slot", s, v.lang), comma)
st.html(reader.legend_html(kind_label))
st.caption(v.t("reader_tags_note"))
st.html(reader.highlighted_html(text, spans, focus, kind_label, tags))
if focus:
    st.html(SCROLL_SCRIPT.replace("__AT__", str(int(focus[0]))), unsafe_allow_javascript=True)

with st.expander(v.t("add_title"), expanded=True):
    review_ui.add_panel(v, article_id, text, split_sentences(text), focus)

st.subheader(v.t("extractions"))
picks = spans[spans["kind"].isin(reader.PICKABLE)].reset_index(drop=True)
if picks.empty:
    st.caption(v.t("no_extractions"))
    st.stop()
# the linked sentence's own extraction first: its incident, else its figure, else what it names
inside = picks.index[(picks["start"] >= focus[0]) & (picks["end"] <= focus[1])] if focus else []
first = min(inside, key=lambda i: (reader.PICKABLE.index(picks.at[i, "kind"]), picks.at[i, "start"])) if len(inside) else 0


def pick_label(i: int) -> str:
    kind = picks.at[i, "kind"]
    name = v.t("incident_n", n=numbers[picks.at[i, "row_id"]]) if kind == "incident" else code_label("entity", kind, v.lang)
    return f"{name} · {safe.shown(text[picks.at[i, 'start']:picks.at[i, 'end']], limit=80)}"


pick = st.selectbox(v.t("choose_extraction"), list(picks.index), index=int(first), key=f"reader_pick_{article_id}_{at}",
                    format_func=pick_label)
kind = picks.at[pick, "kind"]
row = reader.extraction_row(tb, kind, picks.at[pick, "row_id"])


def field_value(column: str, value) -> str:
    if column in NOT_STATED and (value is None or pd.isna(value)):
        return v.t("not_stated_short")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column in CODE_GROUPS and isinstance(value, str):
        return code_label(CODE_GROUPS[column], value, v.lang)
    return v.names.label(column, value) if isinstance(value, str) else str(value)


if row is not None:
    fields = ROW_FIELDS.get(kind, ROW_FIELDS["mention"])
    if kind not in ROW_FIELDS:  # a mention: the entity by its name in this language
        entity = v.names.label("actor_id", row["entity_id"]) if row["entity_kind"] == "actor" else v.names(
            dict(zip(tb["places"]["place_id"], tb["places"]["name_en"])).get(row["entity_id"], row["entity_id"]))
        row = row.copy()
        row["entity"] = entity
    shown = pd.DataFrame({"field": [column_label(c, v.lang) for c in fields],
                          "field_value": [field_value(c, row.get(c)) for c in fields]})
    shown = shown[shown["field_value"] != ""]
    ui.show_table(v, shown, ["field", "field_value"], key="extraction_row")
if kind == "incident":
    st.subheader(v.t("incident_sources"))
    sources = all_sources[all_sources["incident_id"] == picks.at[pick, "row_id"]]
    sources = sources[~sources["incident_id"].isin(dropped)].sort_values(["start", "slot"])
    gave = sources.groupby(["start", "end"], sort=True)["slot"].agg(
        lambda slots: comma.join(code_label("slot", s, v.lang) for s in sorted(set(slots), key=reader.slot_rank)))
    behind = pd.DataFrame({"slot": list(gave), "quote": [text[s:e] for s, e in gave.index]})
    ui.show_table(v, behind, ["slot", "quote"], key="incident_sources_table")
ui.csv_download(v, spans, f"extractions_{article_id}", key="csv_extractions")
