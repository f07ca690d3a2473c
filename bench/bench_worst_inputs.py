"""Prints seconds and peak memory of each former worst-case input at three sizes (x1, x2, x4), with the growth ratio, so linear growth is visible."""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.awkward_corpus import ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE  # noqa: E402

SENTENCES = [TROOPS_SENTENCE, ATTACK_SENTENCE, STRIKE_SENTENCE]
STORY = (ROOT / "data" / "raw" / "000_37e1980561b20c4b.txt").read_text(encoding="utf-8")  # a bundled seed article
DATE_LINE_UNIT = "الخميس 15 فبراير/شباط 2024، "


# ---------------------------------------------------------------- inputs, written by the parent process


def write_unclosed_html(directory: Path, n: int) -> str:
    """A page: a 20-paragraph story, then n start tags never closed by '>' (html.parser rescanned the rest for each)."""
    story = "".join(f"<p>{SENTENCES[i % 3]}</p>" for i in range(20))
    page = f"<html><head><title>عنوان</title></head><body><article>{story}</article>" + '<span class="x" ' * n
    (directory / "page.html").write_text(page, encoding="utf-8")
    return f"{n:,} unclosed tags, {len(page.encode()) / 1024:,.0f} KB"


def _word(n: int) -> str:
    """A made-up word of its own for every number (shingles are made of letters only, digits split words)."""
    return "".join("ابتثجحخدذر"[int(digit)] for digit in str(n))


def write_similar_articles(directory: Path, n: int) -> str:
    """n copies of one story, each with its own closing words: every pair is a near duplicate."""
    for i in range(n):
        (directory / f"a{i:06d}.txt").write_text(f"{STORY}\nرقم المقال {_word(i)}.", encoding="utf-8")
    return f"{n:,} similar articles"


def write_templated_articles(directory: Path, n: int) -> str:
    """n articles sharing 180 words (a template) and each with 60 of its own: similar (they share LSH buckets), not duplicates."""
    template = " ".join(STORY.split()[:180])
    lines = []
    for i in range(n):
        own = " ".join(_word(i * 1000 + j) for j in range(60))
        lines.append(json.dumps({"id": f"t{i:06d}", "text": f"{template}\n{own}"}, ensure_ascii=False))
    (directory / "templated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{n:,} templated articles"


def write_date_line(directory: Path, n: int) -> str:
    """An article that is one line of n dates."""
    text = "قال مسؤول إن " + DATE_LINE_UNIT * n
    (directory / "line.txt").write_text(text, encoding="utf-8")
    return f"{n:,} dates on one line, {len(text.encode()) / 1024:,.0f} KB"


def write_metadata(directory: Path, n: int) -> str:
    """One article and a metadata.csv of n rows."""
    return _write_metadata(directory, n, lambda i: f"article_{i:07d},عنوان المقال رقم {i},وكالة المثال,https://example.com/{i},2024-01-28")


def write_short_metadata(directory: Path, n: int) -> str:
    """One article and a metadata.csv of n short rows: far under the size limit, over the row limit."""
    return _write_metadata(directory, n, lambda i: f"a{i},t,,,")


def _write_metadata(directory: Path, n: int, row: Callable[[int], str]) -> str:
    (directory / "a.txt").write_text(ATTACK_SENTENCE, encoding="utf-8")
    with (directory / "metadata.csv").open("w", encoding="utf-8") as handle:
        handle.write("article_id,title,source,url,published\n")
        for i in range(n):
            handle.write(row(i) + "\n")
    size = (directory / "metadata.csv").stat().st_size
    return f"{n:,} rows, {size / 2**20:,.1f} MB"


# ---------------------------------------------------------------- measurements, each in a fresh process


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # peak resident size := current one (Linux)
    except OSError:
        pass


def _run_read(directory: Path):
    from preprocess.ingest import read_corpus

    return lambda: read_corpus([directory])


def _run_dedup(directory: Path):
    from preprocess.dedup import find_duplicates, signature
    from preprocess.ingest import read_corpus

    articles, rejects = read_corpus([directory])
    if not articles:
        raise SystemExit(f"no article read: {rejects[:1]}")
    rows = [(a.article_id, str(hash(a.text)), signature(a.text)) for a in articles]
    return lambda: find_duplicates(rows)


def _run_dates(directory: Path):
    from preprocess.dates import find_dates, publication_date_from_dateline
    from preprocess.numbers import find_numbers

    text = (directory / "line.txt").read_text(encoding="utf-8")
    return lambda: (find_dates(text, "2024-03-01"), publication_date_from_dateline(text), find_numbers(text))


def _run_extract(directory: Path):
    from preprocess.build import GAZETTEER_DIR, RESOURCES_DIR
    from preprocess.cues import load_cues
    from preprocess.extract import extract_article
    from preprocess.gazetteer import load_gazetteer

    gazetteer, cues = load_gazetteer(GAZETTEER_DIR), load_cues(RESOURCES_DIR)
    text = (directory / "line.txt").read_text(encoding="utf-8")
    return lambda: extract_article("line", text, "2024-03-01", gazetteer, cues, titles=("", ""))


CASES = {
    # name: (what is timed, input writer, runner, size at x1)
    "html": ("read_corpus on an HTML page with unclosed tags", write_unclosed_html, _run_read, 16_000),
    "dedup": ("find_duplicates on similar articles", write_similar_articles, _run_dedup, 2_000),
    "dedup-template": ("find_duplicates on articles sharing a template", write_templated_articles, _run_dedup, 2_000),
    "dates": ("find_dates + dateline + find_numbers on one long line", write_date_line, _run_dates, 2_000),
    "extract": ("extract_article on the same line (whole extraction, for reference)", write_date_line, _run_extract, 2_000),
    "metadata": ("read_corpus with a large metadata.csv", write_metadata, _run_read, 40_000),
}


def measure(case: str, directory: Path) -> None:
    run = CASES[case][2](directory)
    _reset_peak()
    before = _rss_mb("VmRSS")
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    peak = max(0.0, _rss_mb("VmHWM") - before)
    for _ in range(2 if seconds < 1 else 0):  # short runs: the best of three, so another process's load does not show as growth
        started = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - started)
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", nargs="*", metavar="case", help=f"cases to run (default all): {', '.join(CASES)}")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every x1 size by this")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one measurement is given up")
    parser.add_argument("--measure", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]))
        return 0
    unknown = [case for case in args.cases if case not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; known: {', '.join(CASES)}")
    with tempfile.TemporaryDirectory() as temporary:
        for case in args.cases or CASES:
            what, write, _, base = CASES[case]
            print(f"{case}: {what}")
            previous = None
            sizes = [(f"x{factor}", max(1, round(base * args.scale * factor))) for factor in (1, 2, 4)]
            writers = {label: write for label, _ in sizes}
            if case == "metadata":
                sizes.append(("1M rows", 1_000_000))
                writers["1M rows"] = write_short_metadata
            for label, n in sizes:
                directory = Path(temporary) / f"{case}-{label.replace(' ', '')}"
                directory.mkdir()
                described = writers[label](directory, n)
                try:
                    done = subprocess.run([sys.executable, __file__, "--measure", case, str(directory)], capture_output=True,
                                          text=True, timeout=args.timeout, check=True)
                except subprocess.TimeoutExpired:
                    print(f"  {label:>7}  {described:<40} over {args.timeout:.0f} s (given up)")
                    previous = None
                    continue
                except subprocess.CalledProcessError as error:
                    print(f"  {label:>7}  {described:<40} failed: {error.stderr.strip().splitlines()[-1:]}")
                    previous = None
                    continue
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                ratio = f"  time x{figures['seconds'] / previous:.1f} for size x2" if previous and label != "1M rows" else ""
                print(f"  {label:>7}  {described:<40} {figures['seconds']:8.3f} s  peak +{figures['peak_mb']:6.1f} MB{ratio}")
                previous = figures["seconds"] if figures["seconds"] > 0 else None
                shutil.rmtree(directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
