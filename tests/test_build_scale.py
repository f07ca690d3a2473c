"""The streamed build: bounded memory without changing a single row. Small row groups and chunks stand in for a big
corpus; the lean duplicate finder gives the answers of the dictionary one it replaced."""
from __future__ import annotations

import hashlib
import random
import shutil
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from preprocess import build as build_module
from preprocess import ingest, schemas
from preprocess.build import BuildError, build
from preprocess.dedup import BANDS, MAX_BUCKET_MEMBERS, N_HASHES, NEAR_DUPLICATE_JACCARD, ROWS, find_duplicates

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "raw"


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.parquet"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 articles: seeds with a line of their own, exact copies and near copies (duplicates across row groups)."""
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(50):
        (folder / f"a{i:03d}.txt").write_text(texts[i % len(texts)] + f"\nنسخة رقم {i}\n", encoding="utf-8")
    for i in range(5):
        shutil.copy(folder / f"a{i:03d}.txt", folder / f"z-exact{i:02d}.txt")
        (folder / f"m-near{i:02d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def whole(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole") / "tables"
    build([corpus], out)
    return out


def test_small_row_groups_hold_exactly_the_rows_of_one_group(corpus, whole, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "ROW_GROUP_ROWS", 97)
    monkeypatch.setattr(build_module, "CHUNK_ROWS", 13)
    monkeypatch.setattr(build_module, "ARTICLE_GROUP_ROWS", 7)
    monkeypatch.setattr(build_module, "ARTICLE_CHUNK_ROWS", 3)
    out = tmp_path / "tables"
    build([corpus], out)
    assert pq.ParquetFile(out / "articles.parquet").metadata.num_row_groups == -(-60 // 7)
    assert pq.ParquetFile(out / "mentions.parquet").metadata.num_row_groups > 1
    for table in schemas.TABLE_NAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{table}.parquet"), pd.read_parquet(whole / f"{table}.parquet"))
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    incidents = pd.read_parquet(out / "incidents.parquet")
    for i in range(5):  # exact copies sit in the last row groups, their originals in the first
        assert articles.loc[f"z-exact{i:02d}", "duplicate_of"] == f"a{i:03d}"
        copy, original = incidents[incidents.article_id == f"z-exact{i:02d}"], incidents[incidents.article_id == f"a{i:03d}"]
        assert sorted(copy.event_key) == sorted(original.event_key)
    assert incidents.article_id.str.startswith("z-exact").any()
    again = tmp_path / "again"
    build([corpus], again)
    assert digests(again) == digests(out)  # many row groups: still the same bytes for the same input


def test_a_long_text_closes_its_articles_row_group_early(corpus, whole, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "ARTICLE_GROUP_CHARS", 10_000)
    out = tmp_path / "tables"
    build([corpus], out)
    assert pq.ParquetFile(out / "articles.parquet").metadata.num_row_groups > 1
    pd.testing.assert_frame_equal(pd.read_parquet(out / "articles.parquet"), pd.read_parquet(whole / "articles.parquet"))


def test_the_build_holds_a_window_of_articles_never_the_corpus(corpus, tmp_path, monkeypatch):
    seen: list[weakref.ref] = []
    most = 0
    read = ingest.iter_corpus

    def watched(*args, **kwargs):
        nonlocal most
        for article in read(*args, **kwargs):
            seen.append(weakref.ref(article))
            most = max(most, sum(ref() is not None for ref in seen))
            yield article

    monkeypatch.setattr(build_module, "iter_corpus", watched)
    report = build([corpus], tmp_path / "tables", workers=1)
    assert report.n_articles == 60
    assert most <= 2 * build_module.BATCH


def test_a_cache_entry_removed_between_the_passes_fails_the_build_with_its_reason(corpus, tmp_path, monkeypatch):
    gather = build_module._gather

    def then_lose_one(*args, **kwargs):
        found, failed = gather(*args, **kwargs)
        (args[2] / f"{found.keys[0]}.json").unlink()
        return found, failed

    monkeypatch.setattr(build_module, "_gather", then_lose_one)
    with pytest.raises(BuildError, match="changed or vanished during the build"):
        build([corpus], tmp_path / "tables", workers=1)
    assert not (tmp_path / "tables").exists()


# ---------------------------------------------------------------- the duplicate finder

def _reference_find_duplicates(articles):
    """The dictionary-of-buckets finder the array one replaced: the answers to match."""
    duplicate_of, first_by_hash, buckets = {}, {}, {}
    ordered = sorted(articles)
    sigs = np.array([sig for _, _, sig in ordered], dtype=np.uint64).reshape(len(ordered), N_HASHES)
    for idx, (article_id, content_hash, _sig) in enumerate(ordered):
        if content_hash in first_by_hash:
            duplicate_of[article_id] = first_by_hash[content_hash]
            continue
        first_by_hash[content_hash] = article_id
        keys = [band.to_bytes(1, "big") + sigs[idx, band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]
        members = sorted({other for key in keys for other in buckets.get(key, ())})
        best = next((m for m in members if (sigs[m] == sigs[idx]).mean() >= NEAR_DUPLICATE_JACCARD), None)
        for key in keys:
            bucket = buckets.setdefault(key, [])
            if len(bucket) < MAX_BUCKET_MEMBERS:
                bucket.append(idx)
        if best is not None:
            original = ordered[best][0]
            duplicate_of[article_id] = duplicate_of.get(original, original)
    return duplicate_of


@pytest.mark.parametrize("seed", range(4))
def test_the_array_duplicate_finder_gives_the_dictionary_finders_answers(seed):
    """Families of signatures that share bands (some past a full bucket), near copies, exact copies, loners."""
    rng = np.random.default_rng(seed)
    rows = []
    for family in range(12):
        base = rng.integers(0, 2**64 - 1, N_HASHES, dtype=np.uint64)
        for member in range(int(rng.integers(1, 3 * MAX_BUCKET_MEMBERS))):
            sig = base.copy()
            changed = rng.choice(N_HASHES, size=int(rng.integers(0, 40)), replace=False)
            sig[changed] = rng.integers(0, 2**64 - 1, len(changed), dtype=np.uint64)
            content = f"{family}-{member}" if rng.random() > 0.15 else f"{family}-copy"
            rows.append((f"f{family:02d}-{rng.integers(10**6):06d}-{member}", content, sig.tolist()))
    rows += [(f"solo{i}", f"solo{i}", rng.integers(0, 2**64 - 1, N_HASHES, dtype=np.uint64).tolist()) for i in range(50)]
    random.Random(seed).shuffle(rows)
    expected = _reference_find_duplicates(rows)
    assert len(expected) > 20
    assert find_duplicates(rows) == expected


def test_no_article_no_duplicate():
    assert find_duplicates([]) == {}


# ---------------------------------------------------------------- event keys

def _reference_assign_event_keys(incidents, duplicate_of):
    """The linear scan over every earlier event that the indexed one replaced: the keys to match."""
    from preprocess.events import PRECISION_RANK, _key, same_event

    order = sorted(range(len(incidents)), key=lambda i: (PRECISION_RANK.get(incidents[i]["date_precision"], 3),
                                                         incidents[i]["article_id"], incidents[i]["start"]))
    by_quote, clusters = {}, []
    for i in order:
        inc = incidents[i]
        original = duplicate_of.get(inc["article_id"])
        key = by_quote.get((original, inc["quote"], inc["country"])) if original else None
        if key is None and inc["date"]:
            key = next((k for rep, k in clusters if same_event(rep, inc)), None)
        if key is None:
            key = _key(inc)
            clusters.append((inc, key))
        inc["event_key"] = key
        by_quote[(inc["article_id"], inc["quote"], inc["country"])] = key
    for i in order:
        inc = incidents[i]
        original = duplicate_of.get(inc["article_id"])
        if original and (original, inc["quote"], inc["country"]) in by_quote:
            inc["event_key"] = by_quote[(original, inc["quote"], inc["country"])]


@pytest.mark.parametrize("seed", range(4))
def test_indexed_event_keys_are_the_linear_scans_keys(seed):
    """Days, months, years and undated reports of a few types, places, weapons and tolls; copies of articles."""
    from preprocess.events import assign_event_keys

    rng = random.Random(seed)
    incidents = []
    for i in range(1500):
        precision = rng.choice(["day", "day", "day", "month", "year", "unknown"])
        day = f"2024-{rng.randint(1, 3):02d}-{rng.randint(1, 9):02d}"
        date = {"day": day, "month": day[:7], "year": day[:4], "unknown": ""}[precision]
        incidents.append({
            "article_id": f"a{rng.randint(0, 400):04d}", "start": rng.randint(0, 3000), "event_type": rng.choice(["attack", "strike"]),
            "date": date, "date_precision": precision, "place": rng.choice(["", "Ain al-Asad", "Erbil", "al-Tanf"]),
            "country": rng.choice(["Iraq", "Syria"]), "perpetrator": rng.choice(["", "Kataib Hezbollah", "United States"]),
            "weapon": rng.choice(["unknown", "drone", "rocket"]), "target": rng.choice(["", "US forces", "Ain al-Asad; US forces"]),
            "killed": rng.choice([None, 0, 1, 3]), "quote": f"q{rng.randint(0, 60)}", "event_key": "",
        })
    duplicate_of = {f"a{i:04d}": f"a{i - 1:04d}" for i in range(1, 400, 7)}
    expected = [dict(inc) for inc in incidents]
    _reference_assign_event_keys(expected, duplicate_of)
    assign_event_keys(incidents, duplicate_of)
    assert [inc["event_key"] for inc in incidents] == [inc["event_key"] for inc in expected]
    assert len({inc["event_key"] for inc in incidents}) < len(incidents) / 2
