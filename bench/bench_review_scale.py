"""Prints how long applying a review log takes on synthetic table sets (bench/synth_tables.py) of N incidents, and the
process's peak memory: the log confirms or corrects a few incidents of a few articles, as a desk's first reviews do.

    python bench/bench_review_scale.py [--sizes 100000,1000000] [--actions 1,10]
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synth_tables import make_scale_tables, write_tables  # noqa: E402
from preprocess.review import apply_reviews, make_action  # noqa: E402
from preprocess.review.cli import read_tables  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--actions", default="1,10")
    args = ap.parse_args()
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "tables"
            write_tables(out, make_scale_tables(size))
            tables = read_tables(out)
            incidents = tables["incidents"]
            for n in [int(a) for a in args.actions.split(",")]:
                log: list = []
                started = time.perf_counter()
                for i in range(n):
                    row = incidents.iloc[(i * 7919) % len(incidents)]
                    log.append(make_action(tables, log, kind="correct", table="incidents", row_id=row["incident_id"],
                                           reviewer="bench", after={"killed": 1}, now=f"2025-01-01T10:{i % 60:02d}:00Z"))
                made = time.perf_counter() - started
                started = time.perf_counter()
                applied = apply_reviews(tables, log)
                seconds = time.perf_counter() - started
                states = applied["incidents"]["review_state"].value_counts().to_dict()
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{size:>9,} incidents, {n:>2} actions: make {made / n:.2f} s each, apply {seconds:.2f} s, "
                      f"peak {peak:,.0f} MB, states {states}")


if __name__ == "__main__":
    main()
