"""The review desk in the app: who reviews and whether they may, the panel that confirms, corrects, rejects, merges and
splits a selected row, adding a row from a sentence of the reader, coverage, and the log's import and export."""
from __future__ import annotations

import os
import sqlite3

import pandas as pd
import streamlit as st

from components import loaders, safe
from components.i18n import code_label, column_label, t
from components.state import View
from preprocess.review import REASONS, ConflictError, Problem, ReviewError, StoreError, act, review_allowed
from preprocess.review.validate import CHOICES

REVIEWER_KEY = "review_reviewer"
TOKEN_KEY = "review_token"
FLASH_KEY = "_review_flash"
ID_COLUMN = {"incidents": "incident_id", "troops": "troop_id", "attack_counts": "count_id"}
# What the panel lets an analyst correct, per table, in the form's order.
CORRECTABLE = {
    "incidents": ("date", "date_precision", "event_type", "weapon", "perpetrator", "claimed_by", "target", "place", "killed",
                  "wounded"),
    "troops": ("value", "qualifier", "kind", "force", "location", "date"),
    "attack_counts": ("count", "qualifier", "period_start", "period_end", "country", "location"),
}
# What an analyst gives when adding a row from a sentence; the first field is required.
ADDABLE = {
    "incidents": ("event_type", "date", "weapon", "perpetrator", "claimed_by", "place", "killed", "wounded"),
    "troops": ("value", "qualifier", "kind", "force", "location"),
    "attack_counts": ("count", "qualifier", "period_start", "period_end", "country"),
}
NUMBERS = ("killed", "wounded", "value", "count")
DATES = ("date", "period_start", "period_end")
ACTORS = ("perpetrator", "claimed_by")
PLACES = ("place", "location")
TABLE_ENTITY = {"incidents": "incident", "troops": "troops", "attack_counts": "attack_count"}


# ---------------------------------------------------------------- who may write


def sidebar(lang: str) -> None:
    """The reviewer's name (once per session: the sidebar keeps it across pages) and, when the dashboard has one, the token."""
    st.text_input(t("reviewer_name", lang), key=REVIEWER_KEY, max_chars=80, help=t("reviewer_help", lang))
    if os.environ.get("RASID_REVIEW_TOKEN"):
        st.text_input(t("review_token", lang), key=TOKEN_KEY, type="password", help=t("review_token_help", lang))


def _token() -> str | None:
    return st.session_state.get(TOKEN_KEY) or None


def write_block(lang: str) -> str:
    """Why this session may not write reviews ('' when it may): a read-only dashboard, or a token it lacks."""
    if safe.read_only():
        return t("review_read_only", lang)
    if not review_allowed(_token()):
        return t("review_token_needed", lang)
    return ""


def problem_text(problem: Problem, lang: str) -> str:
    """A refusal in the page's language, every value it quotes shown as literal text (it may be what the analyst typed)."""
    params = {}
    for name, value in problem.params.items():
        if name == "field" and isinstance(value, str) and column_label(value, lang) != value:
            params[name] = column_label(value, lang)
        elif isinstance(value, str):
            params[name] = safe.literal(value, limit=120)
        else:
            params[name] = value
    return Problem(problem.key, params).message(lang)


def show_problems(problems: list[Problem], lang: str) -> None:
    st.error("\n".join([t("review_refused", lang)] + [f"- {problem_text(p, lang)}" for p in problems]),
             icon=":material/block:")


def perform(v: View, **action) -> None:
    """Write one review action; refusals are shown in the page's language and change nothing; after a write the page runs
    again on the reviewed tables (the cache is keyed by the log's version) and says what was saved."""
    block = write_block(v.lang)
    if block:
        st.warning(block, icon=":material/lock:")
        return
    try:
        made = act(loaders.review_store(), v.built_tables, token=_token(),
                   reviewer=st.session_state.get(REVIEWER_KEY, "") or "", **action)
    except ReviewError as error:
        show_problems(error.problems, v.lang)
        return
    except (StoreError, ConflictError, OSError, sqlite3.Error) as error:
        st.error(t("review_store_failed", v.lang, error=safe.literal(error, limit=300)), icon=":material/error:")
        return
    what = code_label("review_kind", made.kind, v.lang)
    where = "add" if made.kind == "add" else made.table  # said by the panel that wrote it, not by another on the page
    st.session_state[FLASH_KEY] = (where, t("review_saved", v.lang, what=what, row=safe.literal(made.row_id or made.article_id)))
    st.rerun()


def flash(where: str) -> None:
    """The confirmation of the last write, once, in the panel that made it ('add', or the table reviewed)."""
    saved = st.session_state.get(FLASH_KEY)
    if saved and saved[0] == where:
        del st.session_state[FLASH_KEY]
        st.success(saved[1], icon=":material/task_alt:")


# ---------------------------------------------------------------- the panel on a selected row


def _text(value) -> str:
    """A cell as the form shows it: '' for missing, a whole number without '.0'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def row_label(v: View, table: str, row: pd.Series) -> str:
    """How the picker names a row: its date, what it is, where, and the start of its sentence (plain text)."""
    if table == "incidents":
        parts = [row["date"], code_label("event_type", row["event_type"], v.lang), v.names(row["place"])]
    elif table == "troops":
        parts = [_text(row["value"]), v.names(row["location"]), row["date"]]
    else:
        parts = [_text(row["count"]), row["period_start"], row["period_end"], v.names(row["country"])]
    parts.append(safe.shown(row["quote"], limit=70))
    return " · ".join(safe.shown(p, limit=90) for p in parts if p)


def _choices(v: View, field: str, current: str) -> list[str]:
    if field in CHOICES:
        options = [c for c in CHOICES[field] if c]
    elif field in ACTORS:
        options = [""] + sorted(set(v.built_tables["actors"]["name_en"]) - {""})
    else:
        places = v.built_tables["places"]
        options = [""] + sorted(set(places.loc[places["place_type"] != "country", "name_en"]) - {""})
    return options if current in options else [current] + options


def _label(v: View, field: str, value: str) -> str:
    if field in CHOICES:
        group = {"date_precision": "date_precision", "event_type": "event_type", "weapon": "weapon",
                 "qualifier": "qualifier", "kind": "kind"}[field]
        return code_label(group, value, v.lang)
    return safe.shown(v.names(value)) if value else "—"


def value_input(v: View, table: str, field: str, current: str, key: str) -> str:
    """One field of a correction or an addition: a choice for codes, actors and places (only names the tables know), text
    for the rest (numbers and dates as typed, so a wrong one gets its own message)."""
    label = column_label(field, v.lang)
    if field in CHOICES or field in ACTORS or (field in PLACES and table == "incidents"):
        options = _choices(v, field, current)
        return st.selectbox(label, options, index=options.index(current), key=key,
                            format_func=lambda x, f=field: _label(v, f, x))
    hint = t("number_hint", v.lang) if field in NUMBERS else t("date_hint", v.lang) if field in DATES else None
    return st.text_input(label, value=current, key=key, help=hint, max_chars=300)


def _status(v: View, row: pd.Series) -> None:
    state = str(row.get("review_state", "unreviewed") or "unreviewed")
    line = t("review_state_line", v.lang, state=code_label("review_state", state, v.lang))
    if row.get("reviewed_by"):
        line += " · " + t("review_by_line", v.lang, who=safe.literal(row["reviewed_by"], limit=80),
                          when=safe.literal(str(row["reviewed_at"])[:16].replace("T", " ")))
    st.caption(line)
    if state == "rejected" and row.get("review_reason"):
        st.caption(t("review_reason_line", v.lang, reason=code_label("review_reason", row["review_reason"], v.lang)))
    if str(row.get("merged_into", "") or ""):
        st.caption(t("review_merged_line", v.lang, row=safe.literal(row["merged_into"])))
    if row.get("review_note"):
        st.caption(t("review_note_line", v.lang, note=safe.literal(row["review_note"], limit=400)))


PICK_ROWS = 200  # rows the review picker lists (the table above shows up to query.TABLE_ROWS, each selectable)


def _pick(v: View, table: str, rows: pd.DataFrame, selection) -> pd.Series | None:
    """The row to review: the one selected in the table (it moves the picker), else the picker's."""
    id_column = ID_COLUMN[table]
    ids = rows[id_column].astype(str).tolist()
    key, seen_key = f"review_pick_{table}", f"_review_seen_{table}"
    chosen = list(getattr(getattr(selection, "selection", None), "rows", []) or [])
    if chosen and chosen[0] < len(ids) and st.session_state.get(seen_key) != ids[chosen[0]]:
        st.session_state[key] = ids[chosen[0]]
        st.session_state[seen_key] = ids[chosen[0]]
    if st.session_state.get(key) not in ids:
        st.session_state[key] = None
    # the picker lists the first PICK_ROWS rows of the table (and the one picked, wherever it is), labelled from plain
    # records: a table of 1,000 rows is selected in the table itself, not scrolled through here
    position = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1)))  # an id's first row
    listed = list(dict.fromkeys(ids[:PICK_ROWS] + ([st.session_state[key]] if st.session_state.get(key) else [])))
    records = rows.iloc[[position[i] for i in listed]].to_dict("records")
    labels = {i: row_label(v, table, record) for i, record in zip(listed, records)}
    picked = st.selectbox(t("review_pick", v.lang), listed, key=key, index=None, placeholder=t("review_pick_none", v.lang),
                          format_func=labels.__getitem__)
    return None if picked is None else rows.iloc[position[picked]]


def review_panel(v: View, table: str, rows: pd.DataFrame, selection=None, title_key: str = "review_panel") -> None:
    """Confirm, correct, reject (and for incidents merge and split) the row selected in the table above."""
    st.subheader(t(title_key, v.lang))
    flash(table)
    block = write_block(v.lang)
    if block:
        st.info(block, icon=":material/lock:")
    if rows.empty:
        st.caption(t("review_no_rows", v.lang))
        return
    row = _pick(v, table, rows, selection)
    if row is None:
        return
    row_id = str(row[ID_COLUMN[table]])
    _status(v, row)
    disabled = bool(block)
    names = ["tab_confirm", "tab_correct", "tab_reject"] + (["tab_merge"] if table == "incidents" else [])
    tabs = st.tabs([t(n, v.lang) for n in names])
    with tabs[0], st.form(f"review_confirm_{table}", border=False):
        note = st.text_input(t("note", v.lang), key=f"rv_confirm_note_{table}_{row_id}", max_chars=4000)
        if st.form_submit_button(t("confirm_button", v.lang), disabled=disabled, icon=":material/check:"):
            perform(v, kind="confirm", table=table, row_id=row_id, note=note)
    with tabs[1], st.form(f"review_correct_{table}", border=False):
        st.caption(t("correct_intro", v.lang))
        given, columns = {}, st.columns(2)
        for i, field in enumerate(CORRECTABLE[table]):
            current = _text(row.get(field))
            with columns[i % 2]:
                given[field] = (current, value_input(v, table, field, current, f"rv_{table}_{field}_{row_id}"))
        note = st.text_area(t("note", v.lang), key=f"rv_correct_note_{table}_{row_id}", max_chars=4000, height=68)
        if st.form_submit_button(t("correct_button", v.lang), disabled=disabled, icon=":material/edit:"):
            after = {field: new.strip() for field, (old, new) in given.items() if (new or "").strip() != old}
            perform(v, kind="correct", table=table, row_id=row_id, after=after, note=note)
    with tabs[2], st.form(f"review_reject_{table}", border=False):
        reason = st.radio(t("reject_reason", v.lang), REASONS, key=f"rv_reason_{table}_{row_id}", horizontal=True,
                          format_func=lambda r: code_label("review_reason", r, v.lang))
        note = st.text_input(t("note", v.lang), key=f"rv_reject_note_{table}_{row_id}", max_chars=4000)
        if st.form_submit_button(t("reject_button", v.lang), disabled=disabled, icon=":material/block:"):
            perform(v, kind="reject", table=table, row_id=row_id, reason=reason, note=note)
    if table == "incidents":
        with tabs[3]:
            _merge_tab(v, row, row_id, disabled)


def _merge_tab(v: View, row: pd.Series, row_id: str, disabled: bool) -> None:
    everything = v.reviewed_tables["incidents"]
    others = everything[(everything["incident_id"] != row_id) & (everything["review_state"] != "rejected")]
    by_id = others.set_index("incident_id")
    with st.form("review_merge", border=False):
        into = st.selectbox(t("merge_into", v.lang), list(by_id.index), index=None, key=f"rv_into_{row_id}",
                            placeholder=t("review_pick_none", v.lang),
                            format_func=lambda i: row_label(v, "incidents", by_id.loc[i]))
        note = st.text_input(t("note", v.lang), key=f"rv_merge_note_{row_id}", max_chars=4000)
        if st.form_submit_button(t("merge_button", v.lang), disabled=disabled, icon=":material/merge:"):
            perform(v, kind="merge", table="incidents", row_id=row_id, into=into or "", note=note)
    merged = [row_id] if str(row.get("merged_into", "") or "") else []
    merged += everything.loc[everything["merged_into"] == row_id, "incident_id"].astype(str).tolist()
    if merged:
        st.caption(t("merged_here", v.lang) if merged[0] != row_id or len(merged) > 1 else "")
    for other in merged:
        if st.button(t("split_button", v.lang, row=safe.literal(other)), key=f"rv_split_{other}", disabled=disabled,
                     icon=":material/call_split:"):
            perform(v, kind="split", table="incidents", row_id=other)


# ---------------------------------------------------------------- adding from the reader


def add_panel(v: View, article_id: str, text: str, sentences: list[tuple[int, int]], focus: tuple[int, int] | None) -> None:
    """Add an incident, a troop figure or a tally the extractor missed, from one sentence of the article."""
    flash("add")
    block = write_block(v.lang)
    if block:
        st.info(block, icon=":material/lock:")
    if not sentences:
        return
    default = sentences.index(focus) if focus in sentences else 0
    span = st.selectbox(t("add_sentence", v.lang), sentences, index=default, key=f"add_sentence_{article_id}",
                        format_func=lambda s: safe.shown(text[s[0]:s[1]], limit=160))
    table = st.radio(t("add_what", v.lang), list(ADDABLE), horizontal=True, key="add_table",
                     format_func=lambda name: code_label("entity", TABLE_ENTITY[name], v.lang))
    with st.form(f"add_form_{table}", border=False):
        given, columns = {}, st.columns(2)
        for i, field in enumerate(ADDABLE[table]):
            current = {"event_type": "attack", "qualifier": "exact", "kind": "level", "weapon": "unknown"}.get(field, "")
            with columns[i % 2]:
                given[field] = value_input(v, table, field, current, f"add_{table}_{field}")
        note = st.text_area(t("note", v.lang), key=f"add_note_{table}", max_chars=4000, height=68)
        if st.form_submit_button(t("add_button_row", v.lang), disabled=bool(block), icon=":material/add:"):
            required = ADDABLE[table][0]
            after = {f: x.strip() for f, x in given.items() if (x or "").strip() or f == required}
            if table == "incidents" and after.get("weapon") == "unknown":
                after.pop("weapon")
            perform(v, kind="add", table=table, row_id=article_id, span=span, after=after, note=note)


# ---------------------------------------------------------------- how much is reviewed


def coverage_line(v: View, incidents: pd.DataFrame | dict, hidden_rejected: int = 0) -> None:
    """'3 of 7 incidents in this view are reviewed (43%): 1 confirmed · 1 corrected · 1 added.' `incidents`: the rows of
    the view, or their figures already counted (preprocess.review.coverage, or TableIndex.coverage of the view's mask)."""
    from preprocess.review import coverage

    figures = incidents if isinstance(incidents, dict) else coverage(incidents)
    if not figures["rows"]:
        st.caption(t("coverage_none", v.lang))
    else:
        states = " · ".join(f"{code_label('review_state', s, v.lang)} {figures[s]:,}"
                            for s in ("confirmed", "corrected", "rejected", "added", "unreviewed") if figures[s])
        st.caption(t("coverage_line", v.lang, reviewed=f"{figures['reviewed']:,}", rows=f"{figures['rows']:,}",
                     share=f"{figures['share'] * 100:.0f}%", states=states))
        st.progress(min(max(figures["share"], 0.0), 1.0))
    if hidden_rejected:
        st.caption(t("coverage_rejected_hidden", v.lang, n=f"{hidden_rejected:,}"))


# ---------------------------------------------------------------- /method: your accuracy, orphans, the log in and out


def accuracy_panel(v: View) -> None:
    """The extractor scored against this desk's reviews, and the reviews whose row is gone, with what they said."""
    from preprocess.review import accuracy, message, orphans

    actions = loaders.review_store().actions()
    if not actions:
        st.caption(t("method_review_none", v.lang))
        return
    figures = accuracy(v.built_tables, actions)
    st.caption(t("method_review_intro", v.lang))
    st.write(t("method_review_totals", v.lang, actions=figures["actions"], reviewers=figures["reviewers"],
               orphans=figures["orphaned_actions"]))
    for table in ID_COLUMN:
        f = figures[table]
        st.markdown(t("method_review_summary", v.lang, table=code_label("review_table", table, v.lang),
                      **{k: f"{f[k]:,}" for k in ("reviewed", "rows", "confirmed", "corrected", "rejected", "added")}))
        if f["rejected_by_reason"]:
            st.caption(t("method_rejected_by", v.lang, reasons=" · ".join(
                f"{code_label('review_reason', r, v.lang)} {n}" for r, n in f["rejected_by_reason"].items())))
        if f["fields"]:
            st.dataframe(pd.DataFrame({column_label("field", v.lang): [column_label(n, v.lang) for n in f["fields"]],
                                       column_label("checked", v.lang): [s["checked"] for s in f["fields"].values()],
                                       column_label("right", v.lang): [s["right"] for s in f["fields"].values()],
                                       column_label("share", v.lang): [f"{s['share'] * 100:.0f}%" for s in f["fields"].values()]}),
                         hide_index=True, key=f"review_accuracy_{table}")
    st.subheader(t("orphans_title", v.lang))
    lost = orphans(v.built_tables, actions)
    if lost.empty:
        st.caption(t("orphans_none", v.lang))
        return
    shown = pd.DataFrame({
        "problem": [message(p, v.lang) for p in lost["problem"]], "at": lost["at"].str[:16].str.replace("T", " "),
        "reviewer": lost["reviewer"].map(safe.shown), "action": [code_label("review_kind", k, v.lang) for k in lost["kind"]],
        "row_id": [safe.shown(r or k, limit=120) for r, k in zip(lost["row_id"], lost["row_key"])],
        "before": lost["before"].map(safe.shown), "after": lost["after"].map(safe.shown),
        "review_reason": [code_label("review_reason", r, v.lang) for r in lost["reason"]],
        "note": lost["note"].map(safe.shown)})
    st.dataframe(shown.rename(columns=lambda c: column_label(c, v.lang)), hide_index=True, key="review_orphans")


def log_panel(v: View) -> None:
    """The review log out (JSON Lines, always: reading is open) and in (idempotent; refused on a read-only dashboard or
    without the token): what was added, what was there already, every conflict or problem, and nothing half-done."""
    from preprocess.review.cli import parse_lines

    store = loaders.review_store()
    actions = store.actions()
    st.caption(t("review_log_path", v.lang, path=safe.literal(store.path, limit=300), n=f"{len(actions):,}"))
    st.download_button(t("export_log", v.lang), data="".join(a.to_json() + "\n" for a in actions).encode("utf-8"),
                       file_name="rasid_review_log.jsonl", mime="application/jsonl", key="review_export", on_click="ignore",
                       icon=":material/download:")
    block = write_block(v.lang)
    if block:
        st.info(block, icon=":material/lock:")
        return
    upload = st.file_uploader(t("import_log", v.lang), type=["jsonl", "json", "txt"], key="review_import_file")
    if upload is None or not st.button(t("import_button", v.lang), key="review_import", icon=":material/upload:"):
        return
    try:
        lines = upload.getvalue().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        st.error(t("import_unreadable", v.lang))
        return
    parsed, problems = parse_lines(lines)
    if problems:
        st.error("\n".join([t("import_problems", v.lang, n=len(problems))]
                           + [f"- {problem_text(p, v.lang)}" for p in problems[:20]]))
        return
    try:
        result = store.import_actions(a for _n, a in parsed)
    except (StoreError, OSError, sqlite3.Error) as error:
        st.error(t("review_store_failed", v.lang, error=safe.literal(error, limit=300)))
        return
    if result.conflicts:
        st.error("\n".join([t("import_conflicts", v.lang, n=len(result.conflicts))]
                           + [f"- {safe.literal(new.action_id)}" for new, _old in result.conflicts[:20]]))
        return
    st.success(t("import_done", v.lang, added=len(result.added), unchanged=len(result.unchanged)))
