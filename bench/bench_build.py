"""Prints build speed and memory: full build of a few thousand articles, then adding ten to it."""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted((ROOT / "tests" / "articles").glob("*.txt"))


def make_corpus(directory: Path, n: int, seed: int) -> None:
    """Distinct articles made by reordering and mixing the paragraphs of the seeds and test articles."""
    rng = random.Random(seed)
    paragraphs = [p for src in SOURCES for p in src.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14)))
        (directory / f"bench_{seed}_{i:05d}.txt").write_text("\n".join(body) + f"\nرقم {i}\n", encoding="utf-8")


def timed_build(inputs: list[Path], out: Path, engine: str = "local") -> tuple[float, float, str]:
    """Run the CLI in a child process; return (seconds, child's peak RSS in MB, its summary line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    args = [sys.executable, "-m", "preprocess", "build", "--out", str(out), "--engine", engine]
    for p in inputs:
        args += ["--input", str(p)]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, result.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, extra, out = Path(tmp) / "corpus", Path(tmp) / "extra", Path(tmp) / "out"
        make_corpus(corpus, args.articles, seed=1)
        size_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 2**20
        seconds, peak, line = timed_build([corpus], out, args.engine)
        print(f"full build: {args.articles} articles ({size_mb:.1f} MB) in {seconds:.1f} s = "
              f"{args.articles / seconds:.0f} articles/s, peak RSS {peak:.0f} MB")
        print(f"  {line}")
        seconds, peak, line = timed_build([corpus], out, args.engine)
        print(f"rebuild, nothing changed: {seconds:.1f} s")
        make_corpus(extra, 10, seed=2)
        for p in extra.iterdir():
            shutil.copy(p, corpus / p.name)
        seconds, peak, line = timed_build([corpus], out, args.engine)
        print(f"add 10 articles to {args.articles}: {seconds:.1f} s")
        print(f"  {line}")


if __name__ == "__main__":
    main()
