"""The build's Arrow conversion without pandas gives exactly what pandas gave (values, types, schema metadata)."""
from __future__ import annotations

import math

import pyarrow as pa

from preprocess import schemas
from preprocess.build import to_arrow, to_frame


def _via_pandas(table: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pandas(to_frame(table, rows), preserve_index=False)


def _same(table: str, rows: list[dict]) -> None:
    fast, slow = to_arrow(table, rows), _via_pandas(table, rows)
    assert fast.schema.equals(slow.schema, check_metadata=True)
    assert fast.equals(slow)


def test_every_table_empty_and_with_plain_rows():
    for table, cols in schemas.TABLES.items():
        _same(table, [])
        row = {}
        for i, (name, dtype, _doc) in enumerate(cols):
            row[name] = {"string": f"قيمة {i}", "Int64": i, "float64": i + 0.5, "boolean": i % 2 == 0}[dtype]
        _same(table, [row, {}, {name: None for name, _, _ in cols}, row])


def test_values_pandas_converts_its_own_way_take_the_pandas_path():
    # ints and None in a string column (pandas makes them floats: "3.0"), bools in an Int64 column, NaN, huge ints
    odd = [{"place_id": 3, "lat": math.nan, "lon": 2**60, "n_mentions": None, "name_en": True},
           {"place_id": None, "lat": 1, "lon": None, "n_mentions": 7, "name_en": "x"}]
    _same("places", odd)
    _same("troops", [{"value": True}, {"value": None}])
    _same("troops", [{"value": 2**60}, {"value": None}])
