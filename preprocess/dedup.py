"""Exact and near-duplicate articles (same story under two names or syndicated by two outlets)."""
from __future__ import annotations

import re
import zlib

import numpy as np

from preprocess.normalize import normalize

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
_PRIME_U64 = np.uint64(_PRIME)
_WORD_RE = re.compile(r"[^\W\d_]+")


def shingles(text: str) -> np.ndarray:
    # normalize(text).text == normalize_char_string(text), and the build has just normalised this article (kept)
    words = _WORD_RE.findall(normalize(text).text)
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    grams = set(map(" ".join, zip(*(words[k:] for k in range(SHINGLE_WORDS)))))  # every run of SHINGLE_WORDS words
    return np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.uint64, count=len(grams))


def _shingle_hashes(text: str) -> np.ndarray:
    """shingles(text) with a run of words that comes back hashed again each time: a minimum is the same over the
    repeats, and leaving out the set of the runs costs less than the hashes of the few repeats."""
    words = _WORD_RE.findall(normalize(text).text)
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    runs = map(" ".join, zip(*(words[k:] for k in range(SHINGLE_WORDS))))
    return np.fromiter(map(zlib.crc32, map(str.encode, runs)), dtype=np.uint64, count=len(words) - SHINGLE_WORDS + 1)


def signature(text: str) -> list[int]:
    """MinHash signature of the article's word 4-grams (stored in the build cache)."""
    hashes = _shingle_hashes(text)
    lowest = np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _SHINGLE_CHUNK):
        # uint64 arithmetic wraps; that is fine for hashing, and deterministic. (outer(h, A) + B) & PRIME, worked
        # in place in one array: the same values without two temporary arrays of the chunk's size.
        values = np.multiply.outer(hashes[start:start + _SHINGLE_CHUNK], _A)
        values += _B
        values &= _PRIME_U64
        np.minimum(lowest, values.min(axis=0), out=lowest)
    return lowest.tolist()


def find_duplicates(articles: list[tuple[str, str, list[int]]]) -> dict[str, str]:
    """Map article_id -> id of the earliest article (by id) it duplicates. Input: (id, content_hash, signature).

    Candidates come only from shared LSH buckets (BANDS bands of ROWS hashes each); the earliest candidate whose
    estimated Jaccard similarity reaches NEAR_DUPLICATE_JACCARD is the original (or that article's own original).
    A bucket keeps the first MAX_BUCKET_MEMBERS articles put in it (an exact copy is put in none). Buckets are
    arrays (a bucket number per article and band, the members of buckets shared by two or more), not a dict of
    16 entries per article: 100,000 articles need about 30 MB instead of 400.
    """
    duplicate_of: dict[str, str] = {}
    ordered = sorted(articles)
    if not ordered:
        return duplicate_of
    sigs = np.array([sig for _, _, sig in ordered], dtype=np.uint64).reshape(len(ordered), N_HASHES)
    exact: dict[int, str] = {}
    first_by_hash: dict[str, str] = {}
    for idx, (article_id, content_hash, _sig) in enumerate(ordered):
        if content_hash in first_by_hash:
            exact[idx] = first_by_hash[content_hash]
        else:
            first_by_hash[content_hash] = article_id
    del first_by_hash
    in_buckets = np.ones(len(ordered), dtype=bool)
    in_buckets[list(exact)] = False
    bands = [_band_buckets(sigs[:, band * ROWS:(band + 1) * ROWS], in_buckets) for band in range(BANDS)]
    searching = np.zeros(len(ordered), dtype=bool)  # in a bucket someone else is in too
    for bucket_of, starts, _members in bands:
        searching |= (starts[bucket_of + 1] - starts[bucket_of]) > 0
    for idx, (article_id, _hash, _sig) in enumerate(ordered):
        if idx in exact:
            duplicate_of[article_id] = exact[idx]
            continue
        if not searching[idx]:
            continue
        found = [members[starts[b]:starts[b + 1]] for bucket_of, starts, members in bands for b in (bucket_of[idx],)]
        candidates = np.concatenate(found)
        best = _earliest_similar(sigs, idx, np.unique(candidates[candidates < idx]))
        if best is not None:
            original = ordered[best][0]
            duplicate_of[article_id] = duplicate_of.get(original, original)
    return duplicate_of


def _band_buckets(band: np.ndarray, in_buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One band's buckets: (bucket number of each article, offsets, members) where members[offsets[b]:offsets[b + 1]]
    are the first MAX_BUCKET_MEMBERS articles put in bucket b, in order, and empty when it holds fewer than two."""
    keys = np.ascontiguousarray(band).view(np.dtype((np.void, band.shape[1] * band.itemsize))).ravel()
    _keys, bucket_of = np.unique(keys, return_inverse=True)
    bucket_of = bucket_of.ravel()
    n_buckets = len(_keys)
    put = np.flatnonzero(in_buckets)
    by_bucket = put[np.argsort(bucket_of[put], kind="stable")]  # stable: each bucket's members stay in order
    buckets = bucket_of[by_bucket]
    first = np.searchsorted(buckets, np.arange(n_buckets))
    rank = np.arange(len(by_bucket)) - first[buckets]
    size = np.bincount(buckets, minlength=n_buckets)
    kept = (rank < MAX_BUCKET_MEMBERS) & (size[buckets] >= 2)
    members = by_bucket[kept]
    starts = np.zeros(n_buckets + 1, dtype=np.int64)
    np.cumsum(np.bincount(buckets[kept], minlength=n_buckets), out=starts[1:])
    return bucket_of, starts, members


def _earliest_similar(sigs: np.ndarray, idx: int, candidates: np.ndarray) -> int | None:
    """The smallest candidate index (candidates sorted ascending) whose signature agrees with idx's often enough."""
    for start in range(0, len(candidates), _COMPARE_CHUNK):
        chunk = candidates[start:start + _COMPARE_CHUNK]
        similar = chunk[(sigs[chunk] == sigs[idx]).mean(axis=1) >= NEAR_DUPLICATE_JACCARD]
        if len(similar):
            return int(similar[0])
    return None
