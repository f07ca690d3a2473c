"""Analyst review: an append-only log of actions on extracted rows, keyed by text, folded and applied to the tables.

The app's API (everything else is internal):

    ReviewStore(path=None)                  the log (SQLite at $RASID_REVIEW_DB, else data/review.sqlite)
        .actions() -> list[Action]          the whole log, in order; [] before the first write
        .version() -> int                   grows with every write (key a cache of reviewed tables by it)
        .append(action) -> bool             False when that very action is already there
    review_allowed(token) -> bool           may this session write? ($RASID_REVIEW_TOKEN; reading is open)
    act(store, tables, token=, kind=, table=, row_id=, reviewer=, after=, reason=, note=, into=, span=) -> Action
                                            check, then write one action; ReviewError(problems) changes nothing
    make_action(tables, actions, ...)       the same without writing (pure)
    apply_reviews(tables, actions) -> dict[str, DataFrame]
                                            the tables with the reviews applied (review_* columns, merged_into)
    unreviewed(tables) -> dict[str, DataFrame]
                                            the same for an empty log, without a review key per row
    orphans(tables, actions) -> DataFrame   reviews whose row or article is gone, with what they said
    coverage(frame | tables) -> dict        rows, reviewed, share and a count per review_state
    accuracy(tables, actions) -> dict       the extractor scored against the reviews (bench/eval_review.py)
    Problem, ReviewError, MESSAGES, message(key, lang)
                                            refusals as message keys with English and Arabic text
"""
from preprocess.review.actions import FIELDS, KINDS, REASONS, STATES, TABLES, Action, action_from_dict
from preprocess.review.apply import MERGED_COLUMN, REVIEW_COLUMNS, accuracy, apply_reviews, coverage, orphans, unreviewed
from preprocess.review.desk import act, locate_figure, make_action, review_allowed
from preprocess.review.keys import parse_key
from preprocess.review.messages import MESSAGES, Problem, ReviewError, message
from preprocess.review.store import ConflictError, ReviewStore, StoreError, review_db_path

__all__ = [
    "FIELDS", "KINDS", "REASONS", "STATES", "TABLES", "Action", "action_from_dict",
    "MERGED_COLUMN", "REVIEW_COLUMNS", "accuracy", "apply_reviews", "coverage", "orphans", "unreviewed",
    "act", "locate_figure", "make_action", "review_allowed", "parse_key",
    "MESSAGES", "Problem", "ReviewError", "message",
    "ConflictError", "ReviewStore", "StoreError", "review_db_path",
]
