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
# An LSH bucket keeps its first members only: 2,000 copies of one template all share every bucket, and comparing
# each with all earlier ones was quadratic. A real near duplicate shares about 6 of the 16 bands with its original,
# so it still meets it in a bucket that is not full.
MAX_BUCKET_MEMBERS = 32
_COMPARE_CHUNK = 64  # candidates compared at once, earliest first; the first chunk holding a match ends the search
_SHINGLE_CHUNK = 4096  # shingles hashed at once: a 2-million-character text would need 200 MB in one go
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
    lowest = np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _SHINGLE_CHUNK):
        # uint64 arithmetic wraps; that is fine for hashing, and deterministic.
        values = (np.outer(hashes[start:start + _SHINGLE_CHUNK], _A) + _B) & np.uint64(_PRIME)
        np.minimum(lowest, values.min(axis=0), out=lowest)
    return lowest.tolist()


def find_duplicates(articles: list[tuple[str, str, list[int]]]) -> dict[str, str]:
    """Map article_id -> id of the earliest article (by id) it duplicates. Input: (id, content_hash, signature).

    Candidates come only from shared LSH buckets (BANDS bands of ROWS hashes each); the earliest candidate whose
    estimated Jaccard similarity reaches NEAR_DUPLICATE_JACCARD is the original (or that article's own original).
    """
    duplicate_of: dict[str, str] = {}
    first_by_hash: dict[str, str] = {}
    buckets: dict[bytes, list[int]] = {}
    ordered = sorted(articles)
    sigs = np.array([sig for _, _, sig in ordered], dtype=np.uint64).reshape(len(ordered), N_HASHES)
    for idx, (article_id, content_hash, _sig) in enumerate(ordered):
        if content_hash in first_by_hash:
            duplicate_of[article_id] = first_by_hash[content_hash]
            continue
        first_by_hash[content_hash] = article_id
        keys = [band.to_bytes(1, "big") + sigs[idx, band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]
        members = [other for key in keys for other in buckets.get(key, ())]
        best = _earliest_similar(sigs, idx, np.unique(np.array(members, dtype=np.int64)))
        for key in keys:
            bucket = buckets.setdefault(key, [])
            if len(bucket) < MAX_BUCKET_MEMBERS:
                bucket.append(idx)
        if best is not None:
            original = ordered[best][0]
            duplicate_of[article_id] = duplicate_of.get(original, original)
    return duplicate_of


def _earliest_similar(sigs: np.ndarray, idx: int, candidates: np.ndarray) -> int | None:
    """The smallest candidate index (candidates sorted ascending) whose signature agrees with idx's often enough."""
    for start in range(0, len(candidates), _COMPARE_CHUNK):
        chunk = candidates[start:start + _COMPARE_CHUNK]
        similar = chunk[(sigs[chunk] == sigs[idx]).mean(axis=1) >= NEAR_DUPLICATE_JACCARD]
        if len(similar):
            return int(similar[0])
    return None
