"""Prints how the build scales: articles/s and peak memory of a full build at growing corpus sizes (2-8 KB articles).

Usage: .venv/bin/python bench/bench_build_scale.py [--sizes 2000,10000,30000] [--engine local|dask] [--keep DIR]

Each size is a fresh corpus and a fresh output folder (no cache), built by the CLI in a child process. Memory is
given twice: the build process itself (its exact peak, ru_maxrss) and the whole process tree (the build, its
forkserver and worker processes, or its Dask cluster), sampled every 0.2 s. Wall-clock rates on a shared machine
move with the load: the load average during each build is printed beside it.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_build import SOURCES  # noqa: E402

MIN_BYTES, MAX_BYTES = 2 * 1024, 8 * 1024
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
TICKS = os.sysconf("SC_CLK_TCK")


def make_sized_corpus(directory: Path, n: int, seed: int) -> float:
    """n distinct articles of 2-8 KB (UTF-8), paragraphs of the seeds and test articles drawn at random; returns MB."""
    rng = random.Random(seed)
    paragraphs = [p for src in SOURCES for p in src.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    sizes = [len(p.encode("utf-8")) + 1 for p in paragraphs]
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        target = rng.randint(MIN_BYTES, MAX_BYTES)
        body, size = [], 0
        while size < target:
            k = rng.randrange(len(paragraphs))
            if size + sizes[k] > MAX_BYTES and size >= MIN_BYTES:
                break
            body.append(paragraphs[k])
            size += sizes[k]
        data = ("\n".join(body) + f"\nرقم {i}\n").encode("utf-8")
        (directory / f"scale_{seed}_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total / 2**20


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _sample(pid: int) -> tuple[float, dict[int, float]]:
    """RSS (MB) of pid and all its descendants, and each one's CPU seconds so far."""
    tree, todo, rss, cpu = _children(), [pid], 0.0, {}
    while todo:
        p = todo.pop()
        todo += tree.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss += int(fh.read().split()[1]) * PAGE_MB
            with open(f"/proc/{p}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            cpu[p] = (int(fields[11]) + int(fields[12])) / TICKS
        except (OSError, IndexError, ValueError):
            continue
    return rss, cpu


def timed_build(corpus: Path, out: Path, engine: str) -> dict:
    """Run the CLI in a child process; its time, its own peak RSS and the tree's sampled peak RSS and CPU."""
    args = [sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out), "--engine", engine]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree, cpu, loads = 0.0, {}, []
    done = threading.Event()
    output: list[str] = []
    reader = threading.Thread(target=lambda: (output.extend(proc.communicate()), done.set()))
    reader.start()
    while not done.wait(0.2):
        rss, seen = _sample(proc.pid)
        peak_tree = max(peak_tree, rss)
        cpu.update(seen)
        loads.append(os.getloadavg()[0])
    reader.join()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"build failed ({proc.returncode}):\n{output[1]}")
    peak_own = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return {"seconds": seconds, "peak_own": peak_own, "peak_tree": max(peak_tree, peak_own), "cpu": sum(cpu.values()),
            "load": sum(loads) / max(len(loads), 1), "line": output[0].splitlines()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,10000,30000", help="comma-separated article counts")
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--keep", type=Path, help="build here and keep the corpora and tables (default: a temp folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="rasid-scale-"))
    rows = []
    try:
        for n in sizes:
            corpus, out = base / f"corpus_{n}", base / f"out_{n}"
            made = time.perf_counter()
            size_mb = make_sized_corpus(corpus, n, seed=n)
            made = time.perf_counter() - made
            m = timed_build(corpus, out, args.engine)
            rows.append((n, m))
            print(f"{n:>7,} articles ({size_mb:,.0f} MB, {size_mb * 1024 / n:.1f} KB each, made in {made:.0f} s): "
                  f"{m['seconds']:.1f} s = {n / m['seconds']:,.0f} articles/s wall ({n / max(m['cpu'], 1e-9):,.0f} per "
                  f"CPU-second, load {m['load']:.1f}); peak RSS {m['peak_own']:,.0f} MB build process, "
                  f"{m['peak_tree']:,.0f} MB with its workers", flush=True)
            print(f"         {m['line']}", flush=True)
            if not args.keep:
                shutil.rmtree(corpus)
                shutil.rmtree(out)
                shutil.rmtree(base / f".out_{n}.cache", ignore_errors=True)
        print("memory growth (build process):")
        for (n0, m0), (n1, m1) in zip(rows, rows[1:]):
            per_k = (m1["peak_own"] - m0["peak_own"]) / ((n1 - n0) / 1000)
            print(f"  {n0:,} -> {n1:,} articles: {m0['peak_own']:,.0f} -> {m1['peak_own']:,.0f} MB "
                  f"({per_k:+.1f} MB per 1,000 articles; with workers {m0['peak_tree']:,.0f} -> {m1['peak_tree']:,.0f} MB)")
        if len(rows) >= 2:
            (n0, m0), (n1, m1) = rows[0], rows[-1]
            slope = (m1["peak_own"] - m0["peak_own"]) / (n1 - n0)
            print(f"  straight line through the ends: {m1['peak_own'] + slope * (100_000 - n1):,.0f} MB at 100,000 articles")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
