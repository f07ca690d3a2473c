"""Prints time and peak memory of a full build on the awkward corpus (20 MB file, bad encodings, duplicates)."""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.awkward_corpus import make_awkward_corpus  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "awkward", Path(tmp) / "out"
        corpus.mkdir()
        make_awkward_corpus(corpus)
        size_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 2**20
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"awkward corpus: {len(list(corpus.iterdir()))} files, {size_mb:.1f} MB; build exit {result.returncode} "
              f"in {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
        print(result.stdout.strip())
        if result.returncode:
            print(result.stderr.strip())


if __name__ == "__main__":
    main()
