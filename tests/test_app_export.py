"""CSV exports: exactly the rows given, a BOM for Excel, formula cells neutralised, a file name that says what."""
import datetime as dt
import io

import pandas as pd
import pytest

from components import export
from components.query import Filters


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("كتائب حزب الله", "كتائب حزب الله"), ("", ""), ("a=b", "a=b"),
])
def test_formula_cells_are_neutralised(cell, expected):
    assert export.neutralise_cell(cell) == expected


def test_csv_has_bom_every_row_and_safe_cells_but_numbers_stay_numbers():
    frame = pd.DataFrame({"title": ["=cmd|' /C calc'!A0", "هجوم على البرج 22"], "killed": pd.array([-1, 3], dtype="Int64")})
    data = export.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == 2
    assert back["title"].tolist() == ["'=cmd|' /C calc'!A0", "هجوم على البرج 22"]
    assert back["killed"].tolist() == [-1, 3]


def test_file_name_says_what_was_filtered_and_when_in_ascii():
    filters = Filters(militia=("Kataib Hezbollah",), year=(2024,))
    name = export.csv_filename("incidents", filters, today=dt.date(2026, 11, 21))
    assert name == "rasid_incidents_militia-Kataib-Hezbollah_year-2024_2026-11-21.csv"
    assert export.csv_filename("troops", Filters(), today=dt.date(2026, 1, 2)) == "rasid_troops_2026-01-02.csv"
    arabic_only = export.csv_filename("incidents", Filters(place=("البرج",)), today=dt.date(2026, 1, 2))
    assert arabic_only.isascii() and arabic_only == "rasid_incidents_2026-01-02.csv"


def test_filters_in_words():
    words = export.filters_in_words(Filters(militia=("A", "B"), year=(2024,)), str.upper, lambda name, v: f"<{v}>")
    assert words == "MILITIA: <A>, <B>; YEAR: <2024>"
