"""The large tables mapped from disk (components.mapped): the frames the app reads are the frames it read into memory
before, a row's sentence is the right one, a rebuild gets a fresh copy, and released pages read the same again."""
from __future__ import annotations

import os
import time

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from bench.synth_tables import make_tables, write_tables
from components import loaders, mapped, query
from preprocess.schemas import TABLE_NAMES


def _in_memory(directory) -> dict[str, pd.DataFrame]:
    """The tables as the app read them before the mapping: every Parquet file read whole, then conformed."""
    tables = {}
    for name in TABLE_NAMES:
        frame = pq.read_table(directory / f"{name}.parquet").to_pandas()
        tables[name] = loaders.conform(name, frame)
        if "review_state" in frame:
            tables[name]["review_state"] = frame["review_state"].astype("category").to_numpy()
    return tables


@pytest.fixture
def table_set(tmp_path):
    return write_tables(tmp_path / "processed", make_tables(40, seed=5, hostile=True))


def test_mapped_tables_equal_the_tables_read_into_memory(table_set):
    read = loaders.read_tables(table_set)
    expected = _in_memory(table_set)
    assert list(read) == list(expected)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(read[name], expected[name], check_exact=True, obj=name)
    folder = mapped._folder(table_set)
    assert {p.name.split(".")[0] for p in folder.glob("*.text")} == set(mapped.MAPPED_TABLES)
    assert {p.name.split(".")[1] for p in folder.glob("incidents.*.text")} >= {"quote", "incident_id", "factions"}
    for name in mapped.MAPPED_TABLES:  # one chunk over the mapped file: a take reads the rows taken, not the column
        for column in read[name].columns:
            if read[name][column].dtype == "str":
                assert read[name][column].array._pa_array.num_chunks == 1, (name, column)


def test_a_rows_sentence_is_read_from_the_mapped_text(table_set):
    tables = loaders.read_tables(table_set)
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    incidents = tables["incidents"]
    rows = incidents.iloc[[len(incidents) - 1, 0, len(incidents) // 2]]  # rows taken out of order, as a table shows them
    for _, row in rows.iterrows():
        assert row["quote"] == texts[row["article_id"]][row["start"]:row["end"]]
        assert row["quote"]
    sources = tables["incident_sources"].iloc[::7]
    for article_id, start, end, quote in zip(sources["article_id"], sources["start"], sources["end"], sources["quote"]):
        assert quote == texts[article_id][start:end]
    mentions = tables["mentions"].iloc[::5]
    for article_id, start, end, surface in zip(mentions["article_id"], mentions["start"], mentions["end"], mentions["surface"]):
        assert surface == texts[article_id][start:end]


def test_released_pages_read_the_same(table_set):
    tables = loaders.read_tables(table_set)
    before = tables["incidents"]["quote"].tolist(), tables["articles"]["text"].tolist()
    mapped.release()
    assert (tables["incidents"]["quote"].tolist(), tables["articles"]["text"].tolist()) == before


def test_a_rebuild_gets_a_fresh_copy_and_the_old_one_goes(table_set):
    first = loaders.read_tables(table_set)
    folder = mapped._folder(table_set)
    old = {p.name for p in folder.glob("incidents.quote.*.text")}
    time.sleep(0.01)
    changed = make_tables(40, seed=6)
    write_tables(table_set, changed)
    second = loaders.read_tables(table_set)
    new = {p.name for p in folder.glob("incidents.quote.*.text")}
    assert len(new) == 1 and not (new & old)
    pd.testing.assert_frame_equal(second["incidents"], _in_memory(table_set)["incidents"], check_exact=True)
    assert first["incidents"]["quote"].tolist()  # the first set's frames still read (their file is unlinked, still mapped)


def test_a_missing_cache_folder_is_made(table_set, tmp_path, monkeypatch):
    monkeypatch.setenv("RASID_TABLE_CACHE", str(tmp_path / "not" / "yet"))
    tables = loaders.read_tables(table_set)
    assert len(tables["incidents"]) and any((tmp_path / "not" / "yet").rglob("*.text"))


@pytest.mark.parametrize("wanted", [{"a"}, ["b", "c"], np.array(["a", "x"], dtype=object), set(), [""], ("c", "c")])
def test_isin_is_pandas_isin(wanted):
    values = pd.Series(["a", "b", "", "c", "a"], index=[5, 6, 7, 8, 9], dtype="str")
    pd.testing.assert_series_equal(query.isin(values, wanted), values.isin(wanted))
    assert os.environ.get("RASID_TABLE_CACHE")  # the tests' copies go to their own folder (tests/conftest.py)


def test_missing_text_reads_as_empty_like_conform(table_set):
    """A text cell the file leaves null reads '' (as conform made of it when the tables were read into memory)."""
    path = table_set / "incidents.parquet"
    frame = pq.read_table(path).to_pandas()
    frame["quote"] = frame["quote"].astype(object).where(frame.index % 3 != 0, None)
    frame["place"] = None
    frame.to_parquet(path, index=False)
    read = loaders.read_tables(table_set)["incidents"]
    pd.testing.assert_frame_equal(read, _in_memory(table_set)["incidents"], check_exact=True)
    assert (read["quote"].iloc[::3] == "").all() and (read["place"] == "").all()


def test_a_cache_folder_that_cannot_be_written_reads_the_tables_into_memory(table_set, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("RASID_TABLE_CACHE", str(blocked / "cache"))
    read = loaders.read_tables(table_set)
    expected = _in_memory(table_set)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(read[name], expected[name], check_exact=True, obj=name)
