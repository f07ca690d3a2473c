"""Prints articles per CPU-second of extraction alone (extract_article, one process, best of 3) on the development
sets' .txt articles, for this checkout or another one: compare two versions on the same machine, alternating runs.

Usage:  .venv/bin/python bench/bench_extract_cpu.py [CHECKOUT_ROOT ...]
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(root: Path) -> None:
    sys.path.insert(0, str(root))
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer

    gazetteer, cues = load_gazetteer(root / "data" / "gazetteer"), load_cues(root / "data" / "resources")
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/devset*/*.txt"))]
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for i, text in enumerate(texts):
            extract_article(f"a{i}", text, "2024-01-15", gazetteer, cues)
        best = min(best, time.process_time() - start)
    print(f"{root}: {len(texts)} articles, {len(texts) / best:.1f} articles per CPU-second (best of 3)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        measure(Path(sys.argv[2]).resolve())
    else:
        for root in sys.argv[1:] or [str(ROOT)]:  # each checkout in its own process (its own modules)
            subprocess.run([sys.executable, __file__, "--one", root], check=False)
