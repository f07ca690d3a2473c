"""Prints time, MB/s and peak memory of read_corpus on the awkward corpus and on a synthetic corpus of a few thousand articles."""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preprocess.ingest import read_corpus  # noqa: E402
from tests.awkward_corpus import ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE, make_awkward_corpus  # noqa: E402


def make_plain_corpus(directory: Path, n_articles: int) -> None:
    """n_articles UTF-8 articles of about 4 KB each, every one slightly different."""
    directory.mkdir(parents=True, exist_ok=True)
    body = "\n".join([TROOPS_SENTENCE, ATTACK_SENTENCE, STRIKE_SENTENCE] * 8)
    for i in range(n_articles):
        (directory / f"article_{i:05d}.txt").write_text(f"{body}\nرقم المقال {i}.\n", encoding="utf-8")


def corpus_bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.iterdir() if path.is_file())


def measure(directory: Path) -> None:
    """Run in a fresh process so the peak resident size is the reading's own."""
    started = time.perf_counter()
    articles, rejects = read_corpus([directory])
    seconds = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    read_corpus([directory])
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    size = corpus_bytes(directory) / 2**20
    print(f"{directory.name}: {len(articles):,} articles, {len(rejects):,} rejects, {size:.1f} MB in {seconds:.2f} s "
          f"({size / seconds:.0f} MB/s, {len(articles) / seconds:,.0f} articles/s); "
          f"peak RSS {peak_rss:.0f} MB, peak Python allocations {traced_peak:.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000, help="size of the synthetic corpus")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        make_awkward_corpus(root / "awkward")
        make_plain_corpus(root / "plain", args.articles)
        for name in ("awkward", "plain"):
            subprocess.run([sys.executable, __file__, "--measure", str(root / name)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
