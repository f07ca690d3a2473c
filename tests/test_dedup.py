"""Exact and near duplicates: which article is marked, which one is the original, and the same answer every time."""
from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np

from preprocess import dedup
from preprocess.dedup import MAX_BUCKET_MEMBERS, find_duplicates, shingles, signature

SEEDS = Path(__file__).resolve().parent.parent / "data" / "raw"
STORY = (SEEDS / "000_37e1980561b20c4b.txt").read_text(encoding="utf-8")
OTHER_STORY = (SEEDS / "001_462258a12eb261c0.txt").read_text(encoding="utf-8")


def _row(article_id: str, text: str) -> tuple[str, str, list[int]]:
    return article_id, hashlib.sha256(text.encode("utf-8")).hexdigest(), signature(text)


def _word(n: int) -> str:
    """A made-up word of its own for every number (shingles are made of letters only)."""
    return "".join("ابتثجحخدذر"[int(digit)] for digit in str(n))


def _edited(text: str, seed: int, n_words: int) -> str:
    """The text with n_words words replaced: a syndicated copy with a changed phrase or two."""
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(n_words):
        words[rng.randrange(len(words))] = rng.choice(["وقال", "مسؤول", "الجمعة", "أمس"])
    return " ".join(words)


def test_exact_copy_points_at_the_earliest_id():
    rows = [_row("b", STORY), _row("a", STORY), _row("c", OTHER_STORY)]
    assert find_duplicates(rows) == {"b": "a"}


def test_near_copy_is_a_duplicate_of_the_earliest_id_and_a_different_story_is_not():
    rows = [_row("z-copy", _edited(STORY, 1, 3)), _row("m-original", STORY), _row("x-other", OTHER_STORY)]
    assert find_duplicates(rows) == {"z-copy": "m-original"}


def test_a_near_copy_of_a_copy_points_at_the_first_original_and_an_exact_copy_at_its_twin():
    updated = STORY + "\nتحديث"
    rows = [_row("a", STORY), _row("b", updated), _row("c", updated), _row("d", _edited(updated, 2, 2))]
    assert find_duplicates(rows) == {"b": "a", "c": "b", "d": "a"}


def test_hundreds_of_copies_all_point_at_the_first_even_past_full_buckets():
    n = 8 * MAX_BUCKET_MEMBERS
    rows = [_row(f"copy{i:04d}", _edited(STORY, i, 2)) for i in range(n)]
    duplicate_of = find_duplicates(rows)
    assert duplicate_of == {f"copy{i:04d}": "copy0000" for i in range(1, n)}


def test_a_near_copy_arriving_after_full_buckets_still_finds_its_original():
    # Articles sharing a template fill the buckets of the template's bands; a near copy of a late one still meets it.
    template = " ".join(STORY.split()[:180])

    def templated(i: int) -> str:
        return template + " " + " ".join(_word(i * 1000 + j) for j in range(60))

    n = 3 * MAX_BUCKET_MEMBERS
    rows = [_row(f"t{i:04d}", templated(i)) for i in range(n)]
    rows.append(_row("u-copy", templated(n - 1) + " انتهى"))
    assert find_duplicates(rows) == {"u-copy": f"t{n - 1:04d}"}


def test_same_answer_whatever_the_input_order():
    rows = [_row(f"s{i:03d}", _edited(STORY, i, 1 + i % 4)) for i in range(40)] + [_row("o", OTHER_STORY)]
    expected = find_duplicates(rows)
    for seed in range(3):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert find_duplicates(shuffled) == expected


def test_signature_of_a_long_text_is_hashed_in_pieces_with_the_same_result():
    long_text = " ".join(f"كلمة{i}" for i in range(20_000))
    all_at_once = ((np.outer(shingles(long_text), dedup._A) + dedup._B) & np.uint64(dedup._PRIME)).min(axis=0).tolist()
    assert signature(long_text) == all_at_once
