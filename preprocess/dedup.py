"""Exact and near-duplicate articles (same story under two names or syndicated by two outlets)."""
from __future__ import annotations

import re
import zlib

import numpy as np

from preprocess.normalize import normalize_char_string

N_HASHES = 64
BANDS = 16
ROWS = N_HASHES // BANDS
SHINGLE_WORDS = 4
NEAR_DUPLICATE_JACCARD = 0.8
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240128)  # fixed seed: signatures must be identical from run to run
_A = _rng.integers(1, _PRIME, N_HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, N_HASHES, dtype=np.uint64)
_WORD_RE = re.compile(r"[^\W\d_]+")


def shingles(text: str) -> np.ndarray:
    words = _WORD_RE.findall(normalize_char_string(text))
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    grams = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> list[int]:
    """MinHash signature of the article's word 4-grams (stored in the build cache)."""
    hashes = shingles(text)
    # uint64 arithmetic wraps; that is fine for hashing, and deterministic.
    values = (np.outer(hashes, _A) + _B) & np.uint64(_PRIME)
    return values.min(axis=0).tolist()


def find_duplicates(articles: list[tuple[str, str, list[int]]]) -> dict[str, str]:
    """Map article_id -> id of the earliest article (by id) it duplicates. Input: (id, content_hash, signature)."""
    duplicate_of: dict[str, str] = {}
    first_by_hash: dict[str, str] = {}
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    ordered = sorted(articles)
    sigs = [np.array(sig, dtype=np.uint64) for _, _, sig in ordered]
    for idx, (article_id, content_hash, _sig) in enumerate(ordered):
        if content_hash in first_by_hash:
            duplicate_of[article_id] = first_by_hash[content_hash]
            continue
        first_by_hash[content_hash] = article_id
        best = None
        for band in range(BANDS):
            key = (band, tuple(sigs[idx][band * ROWS:(band + 1) * ROWS].tolist()))
            for other in buckets.get(key, []):
                similarity = float(np.mean(sigs[idx] == sigs[other]))
                if similarity >= NEAR_DUPLICATE_JACCARD and (best is None or other < best):
                    best = other
            buckets.setdefault(key, []).append(idx)
        if best is not None:
            original = ordered[best][0]
            duplicate_of[article_id] = duplicate_of.get(original, original)
    return duplicate_of
