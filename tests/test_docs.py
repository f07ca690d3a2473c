"""Every output column is documented in the README, and the README's dictionary matches the code."""
from pathlib import Path

from preprocess import schemas

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(table: str) -> str:
    return README.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]


def test_every_column_of_every_table_is_documented_under_its_table():
    missing = [f"{t}.{c}" for t in schemas.TABLE_NAMES for c in schemas.columns(t) if f"| `{c}` |" not in section(t)]
    assert missing == []


def test_readme_dictionary_is_the_generated_one():
    assert schemas.data_dictionary_markdown().strip() in README


def test_readme_gives_the_two_commands_and_the_cli():
    assert "make run" in README and "make test" in README
    assert "python -m preprocess build" in README
