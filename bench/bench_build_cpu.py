"""Prints the CPU time a whole CLI build spends per article (the build, its fork server and its worker processes,
sampled from /proc every 0.05 s), beside its wall time: on a shared machine the wall time moves with the other load,
the CPU per article much less. `2 / CPU per article` is what two idle cores could reach.

Usage:  .venv/bin/python bench/bench_build_cpu.py CORPUS_DIR [--runs N] [CHECKOUT_ROOT ...]

Each run builds CORPUS_DIR from scratch (fresh output and cache) with each checkout's code, alternating checkouts
(default: this one). Make a corpus of 2-8 KB articles with bench/bench_build_scale.py --keep DIR, or any folder.
Linux only (reads /proc).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) is not None:
            children.setdefault(int(st[1]), []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def measure(checkout: Path, corpus: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out)],
                                cwd=checkout, stdout=subprocess.PIPE, text=True)
        cpu: dict[int, float] = {}  # pid -> its latest user + system seconds
        while proc.poll() is None:
            for pid in _tree(proc.pid):
                if (st := _stat(pid)) is not None:
                    cpu[pid] = max(cpu.get(pid, 0.0), (int(st[11]) + int(st[12])) / TICKS)
            time.sleep(0.05)
        wall = time.perf_counter() - started
        summary = proc.stdout.read().splitlines()
        if proc.returncode or not summary:
            raise SystemExit(f"{checkout}: the build failed")
        n = int(summary[0].split()[1])
        total = sum(cpu.values())
        print(f"{checkout}: {n} articles, wall {wall:.1f} s ({n / wall:.0f}/s), CPU {total:.1f} s = {1000 * total / n:.2f} ms "
              f"an article (main process {cpu.get(proc.pid, 0):.1f} s) -> {2 * n / total:.0f} articles/s on two idle cores; "
              f"load average {os.getloadavg()[0]:.1f}")
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("checkouts", type=Path, nargs="*")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for _ in range(args.runs):
        for checkout in args.checkouts or [ROOT]:
            measure(checkout.resolve(), args.corpus.resolve())


if __name__ == "__main__":
    main()
