"""Prints ms per filter change for each page's query work, on the seed tables and a large synthetic set, and app cold start."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synth_tables import make_tables, write_tables  # noqa: E402
from components import query  # noqa: E402
from components.loaders import read_tables  # noqa: E402
from components.query import Filters  # noqa: E402


def page_work(tables, filters: Filters) -> dict:
    """What each page computes from the tables on a rerun (charts and rendering excluded)."""
    inc = lambda: query.filter_incidents(tables["incidents"], filters)  # noqa: E731
    trp = lambda: query.filter_troops(tables["troops"], filters, tables["places"])  # noqa: E731
    return {
        "overview": lambda: (query.headline(inc(), trp()), query.event_counts(inc(), "month", "event_type"),
                             query.troop_series(trp(), tables["articles"]), query.latest_incidents(inc())),
        "incidents": lambda: (query.event_counts(inc(), "month", "factions"),
                              query.reported_vs_counted(query.filter_attack_counts(tables["attack_counts"], filters), tables["incidents"]),
                              query.with_sources(inc(), tables["articles"])),
        "troops": lambda: query.with_sources(query.troop_series(trp(), tables["articles"]), tables["articles"]),
        "bases": lambda: query.place_counts(inc(), tables["places"]),
        "actors": lambda: (query.actor_summary(tables, inc()), query.mentions_per_year(tables, list(tables["actors"]["actor_id"]))),
        "articles": lambda: (query.filter_articles(tables, filters), query.extractions(tables, tables["articles"]["article_id"].iloc[0])),
        "options": lambda: query.filter_options(tables),
    }


def time_ms(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def report(label: str, directory: Path) -> None:
    started = time.perf_counter()
    tables = read_tables(directory)
    load_ms = (time.perf_counter() - started) * 1000
    militia = query.filter_options(tables).militia[:1]
    filters = Filters(militia=tuple(militia), year=(2024,))
    print(f"\n{label}: {len(tables['articles'])} articles, {len(tables['incidents'])} incidents; "
          f"table load (uncached) {load_ms:.0f} ms; filter = {filters.items()}")
    for page, fn in page_work(tables, filters).items():
        print(f"  {page:10s} {time_ms(fn):8.1f} ms per filter change")


def cold_start(directory: Path) -> float:
    """First full run of the overview page in a fresh process (AppTest), including imports and the table load."""
    code = ("import time,os;t=time.perf_counter();from streamlit.testing.v1 import AppTest;"
            f"at=AppTest.from_file({str(ROOT / 'app.py')!r},default_timeout=120);at.run();"
            "assert not at.exception, at.exception;print((time.perf_counter()-t)*1000)")
    env = {"RASID_DATA": str(directory), "RASID_RAW": str(directory / "no-raw"), "RASID_USER": str(directory / "no-user"),
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def page_rerun_ms(directory: Path, militia: list[str], repeat: int = 3) -> dict[str, float]:
    """A whole page rerun after the militia filter changes in the sidebar (query, charts and rendering on the
    Python side, tables cached), through AppTest in this process."""
    import os

    from streamlit.testing.v1 import AppTest

    from components.state import widget_key

    os.environ.update({"RASID_DATA": str(directory), "RASID_RAW": str(directory / "no-raw"),
                       "RASID_USER": str(directory / "no-user")})
    results = {}
    for page in ("overview", "incidents", "troops", "bases", "actors", "articles"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py").run()
        runs = []
        for i in range(repeat):
            choice = [militia[i % len(militia)]] if i % 2 == 0 else []
            started = time.perf_counter()
            at.multiselect(key=widget_key("militia")).set_value(choice).run()
            runs.append((time.perf_counter() - started) * 1000)
            assert not at.exception, [e.value for e in at.exception]
        results[page] = statistics.median(runs)
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        from preprocess.build import build

        build([ROOT / "data" / "raw"], seed)
        large = write_tables(Path(tmp) / "large", make_tables(5000, seed=1, incidents_per_article=10))
        report("seed", seed)
        report("synthetic", large)
        print(f"\ncold start (fresh process, overview): seed {cold_start(seed):.0f} ms, synthetic {cold_start(large):.0f} ms")
        for label, directory in (("seed", seed), ("synthetic", large)):
            militia = query.filter_options(read_tables(directory)).militia[:2]
            timings = page_rerun_ms(directory, list(militia))
            print(f"\nwhole page rerun after a militia filter change ({label}, AppTest):")
            for page, ms in timings.items():
                print(f"  {page:10s} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
