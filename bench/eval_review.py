"""Score the extractor against the analysts' reviews of their own corpus.

Usage:  .venv/bin/python bench/eval_review.py [--json FILE]

Reads the table set at $RASID_DATA (else data/processed) and the review log at $RASID_REVIEW_DB (else
data/review.sqlite), applies the log (preprocess.review.accuracy) and prints, per reviewed table: how many
rows are reviewed; per field, on confirmed and corrected rows, how often the extracted value is the one the
analyst confirmed or gave (a confirmation asserts every field she saw, a correction the fields it names);
how many rows were rejected, by reason (a merged incident counts as a duplicate); how many were added.
`--json FILE` writes the same figures with the time, the table set and the log they were measured on.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preprocess.review import ReviewStore, accuracy  # noqa: E402
from preprocess.review.cli import data_dir, read_tables  # noqa: E402


def report_lines(figures: dict) -> list[str]:
    lines = [f"{figures['actions']} review actions by {figures['reviewers']} reviewers; "
             f"{figures['orphaned_actions']} orphaned (their row or article is gone)"]
    for table in ("incidents", "troops", "attack_counts"):
        f = figures[table]
        lines.append(f"\n{table}: {f['reviewed']} of {f['rows']} rows reviewed ({f['share']:.0%}): "
                     f"{f['confirmed']} confirmed, {f['corrected']} corrected, {f['rejected']} rejected, {f['added']} added")
        if f["rejected_by_reason"]:
            lines.append("  rejected: " + ", ".join(f"{reason} {n}" for reason, n in f["rejected_by_reason"].items()))
        if f["fields"]:
            lines.append(f"  {'field':<14} {'right':>6} {'checked':>8} {'share':>7}")
            lines += [f"  {name:<14} {s['right']:>6} {s['checked']:>8} {s['share']:>7.1%}" for name, s in f["fields"].items()]
        else:
            lines.append("  no confirmed or corrected rows yet")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    directory = data_dir()
    tables = read_tables(directory)
    if tables is None:
        print(f"no table set at {directory}: build it first (python -m preprocess build)", file=sys.stderr)
        return 2
    store = ReviewStore()
    figures = accuracy(tables, store.actions())
    print("\n".join(report_lines(figures)))
    if args.json:
        payload = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   "tables": str(directory), "review_db": str(store.path), **figures}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
