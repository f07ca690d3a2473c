"""Prints the app's speed and memory at a desk's scale: on synthetic table sets of 10k, 100k and 1M incidents, each page's
server-side rerun after a militia, year or language change (median of 5, AppTest), the RSS of a real `streamlit run`
server after headless Chromium opened every page (read once the server has stopped working on it), the first page's
time in Chromium on a warm server, and a 100,000-row CSV; then how each figure grows from one size to the next.

    python bench/bench_app.py [--sizes 10000,100000,1000000] [--repeat 5] [--no-browser] [--data DIR]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.app_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402
from bench.synth_tables import make_scale_tables, write_tables  # noqa: E402

PAGES = ("overview", "incidents", "troops", "bases", "actors", "articles")
PATHS = {"overview": "", "incidents": "incidents", "troops": "troops", "bases": "bases", "actors": "actors",
         "articles": "articles"}
CHANGES = ("militia", "year", "lang")


def table_set(base: Path, size: int) -> Path:
    """The synthetic set of `size` incidents, written once and reused by later runs."""
    out = base / f"incidents_{size}"
    if not (out / "manifest.json").is_file():
        started = time.perf_counter()
        write_tables(out, make_scale_tables(size, seed=1))
        print(f"  wrote {out} in {time.perf_counter() - started:.1f} s", flush=True)
    return out


def app_env(directory: Path) -> dict[str, str]:
    # a review log of the set's own (empty): the pages read the reviewed tables and their TableIndex, never the desk's log
    return {"RASID_DATA": str(directory), "RASID_RAW": str(directory / "no-raw"), "RASID_USER": str(directory / "no-user"),
            "RASID_READONLY": "1", "RASID_REVIEW_DB": str(directory / "review.sqlite")}


def rerun_ms(directory: Path, repeat: int) -> dict[tuple[str, str], float]:
    """Median ms of a whole page rerun (query, charts, tables, as AppTest runs the script) after each kind of change: a
    militia chosen then cleared, a year chosen then cleared, the language switched; tables already loaded. Also, under
    ('cpu:' + page, change), the median CPU time the process spent on it (all its threads): on a machine other work shares,
    the wall time grows with the load and the CPU time much less."""
    from streamlit.testing.v1 import AppTest

    from components import loaders
    from components.state import widget_key

    os.environ.update(app_env(directory))
    tables, options = loaders.load_tables()
    militia = options.militia[0]
    year = 2024 if 2024 in options.year else options.year[-1]
    values = {"militia": ([militia], []), "year": ([year], []), "lang": ("en", "ar")}
    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        for change in CHANGES:
            runs, cpu = [], []
            for i in range(repeat):
                value = values[change][i % 2]
                widget = at.radio(key="lang") if change == "lang" else at.multiselect(key=widget_key(change))
                started, started_cpu = time.perf_counter(), time.process_time()
                widget.set_value(value).run()
                runs.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                assert not at.exception, [e.value for e in at.exception]
            results[(page, change)] = statistics.median(runs)
            results[("cpu:" + page, change)] = statistics.median(cpu)
            if change == "lang":
                at.radio(key="lang").set_value("ar").run()
    return results


def csv_ms(directory: Path, repeat: int) -> tuple[float, int]:
    """A 100,000-row slice of the incidents (with their sources), as the download button makes it."""
    from components import export, loaders, query

    os.environ.update(app_env(directory))
    tables, _ = loaders.load_tables()
    frame = query.with_sources(tables["incidents"].iloc[:100_000], tables["articles"])
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        data = export.csv_bytes(frame)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), len(data)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, quiet: float = 1.0, timeout: float = 120) -> None:
    """The server has stopped working (no CPU time for `quiet` seconds): a page drawn in the browser may still be running
    (a first visit works out its part of the index after the title is shown), and its memory is read after."""
    deadline, last, since = time.time() + timeout, cpu_seconds(pid), time.time()
    while time.time() < deadline:
        time.sleep(0.2)
        now = cpu_seconds(pid)
        if now - last > 0.02:
            last, since = now, time.time()
        elif time.time() - since >= quiet:
            return


def wait_drawn(page, timeout_ms: int = 600_000) -> None:
    """The page has its title and Streamlit has stopped running the script (its status widget is gone)."""
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const busy = document.querySelector("[data-testid='stStatusWidget']");
            if (busy) { window.__rasidIdle = 0; return false; }
            window.__rasidIdle = (window.__rasidIdle || 0) + 1;
            return window.__rasidIdle >= 3;
        }""", polling=100, timeout=timeout_ms)


def browser_figures(directory: Path) -> dict[str, float]:
    """`streamlit run` on the set; Chromium opens the first page (cold: the server loads the tables), then opens it again
    in a fresh tab (warm), then every other page; RSS after each, and the peak."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    with streamlit_server({**os.environ, **app_env(directory)}, directory.parent, start_timeout=120,
                          stop_timeout=20) as (base, server):
        figures["rss_idle"] = rss_mb(server.pid)[0]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            for label in ("first_cold", "first_warm"):
                page = context.new_page()
                started = time.perf_counter()
                page.goto(base + "/")
                wait_drawn(page)
                figures[label] = time.perf_counter() - started
                page.close()
            wait_idle(server.pid)
            figures["rss_overview"] = rss_mb(server.pid)[0]
            for name in PAGES[1:]:
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{base}/{PATHS[name]}")
                wait_drawn(page)
                figures[f"open_{name}"] = time.perf_counter() - started
                wait_idle(server.pid)
                figures[f"rss_{name}"] = rss_mb(server.pid)[0]
                page.close()
            figures["rss_peak"] = rss_mb(server.pid)[1]
            browser.close()
    return figures


def measure(directory: Path, repeat: int, browser: bool) -> dict:
    """Each measurement in its own process, so one's caches and memory do not flatter the next."""
    code = ("import json,sys;sys.path.insert(0,%r);from bench import bench_app as b;from pathlib import Path;"
            "d=Path(%r);r={'rerun':{'|'.join(k):v for k,v in b.rerun_ms(d,%d).items()}};"
            "r['csv']=b.csv_ms(d,%d);print('RESULT'+json.dumps(r))") % (str(ROOT), str(directory), repeat, repeat)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    import json

    result = json.loads(next(line[6:] for line in out.stdout.splitlines() if line.startswith("RESULT")))
    result["rerun"] = {tuple(k.split("|")): v for k, v in result["rerun"].items()}
    result["browser"] = browser_figures(directory) if browser else {}
    return result


def growth(values: list[float]) -> str:
    return " -> ".join(f"x{b / a:.1f}" if a else "-" for a, b in zip(values, values[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="incident counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="changes per page and kind (the median is printed)")
    parser.add_argument("--no-browser", action="store_true", help="skip the streamlit server and Chromium figures")
    parser.add_argument("--data", type=Path, default=Path("/tmp/rasid-bench"), help="where the synthetic sets are kept")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {}
    for size in sizes:
        print(f"\n== {size:,} incidents", flush=True)
        directory = table_set(args.data, size)
        started = time.perf_counter()
        results[size] = measure(directory, args.repeat, not args.no_browser)
        r = results[size]
        print(f"  server-side rerun, ms (median of {args.repeat}); change of:  " + "  ".join(f"{c:>8s}" for c in CHANGES))
        for page in PAGES:
            print(f"    {page:10s}" + " " * 34 + "  ".join(f"{r['rerun'][(page, c)]:8.0f}" for c in CHANGES)
                  + "   (CPU " + " / ".join(f"{r['rerun'][('cpu:' + page, c)]:.0f}" for c in CHANGES) + ")")
        worst = max(v for (page, _), v in r["rerun"].items() if not page.startswith("cpu:"))
        print(f"    slowest rerun {worst:.0f} ms (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        print(f"  CSV of 100,000 rows: {r['csv'][0]:.0f} ms ({r['csv'][1] / 2**20:.1f} MB)")
        b = r["browser"]
        if b:
            print(f"  Chromium: first page {b['first_cold']:.1f} s cold (server loads the tables), {b['first_warm']:.1f} s warm; "
                  + ", ".join(f"{p} {b['open_' + p]:.1f} s" for p in PAGES[1:]))
            print(f"  server RSS: idle {b['rss_idle']:.0f} MB, after overview {b['rss_overview']:.0f} MB, "
                  + ", ".join(f"{p} {b['rss_' + p]:.0f}" for p in PAGES[1:]) + f"; peak {b['rss_peak']:.0f} MB")
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)
    if len(sizes) > 1:
        print(f"\n== growth from {' -> '.join(f'{s:,}' for s in sizes)} incidents (rows grow x{sizes[1] / sizes[0]:.0f} a step)")
        for page in PAGES:
            print(f"  {page:10s} " + "; ".join(f"{c} {growth([results[s]['rerun'][(page, c)] for s in sizes])}" for c in CHANGES))
        print(f"  CSV 100k   {growth([results[s]['csv'][0] for s in sizes])}")
        if all(results[s]["browser"] for s in sizes):
            print(f"  first page {growth([results[s]['browser']['first_warm'] for s in sizes])}")
            print(f"  RSS peak   {growth([results[s]['browser']['rss_peak'] for s in sizes])}")


if __name__ == "__main__":
    main()
