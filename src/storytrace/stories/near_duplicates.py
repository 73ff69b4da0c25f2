"""Near-duplicate bodies: syndicated and republished copies, linked to their earliest original.

MinHash signatures over 5-word shingles of the body, candidates from LSH (datasketch),
each candidate pair checked on the estimated Jaccard similarity and containment (a copy
cut short still contains most of the original's shingles). Copies form groups (pairs
joined transitively); the group's original is its earliest article by publication time
(undated last), then by id. A copy never counts as an independent source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from datasketch import MinHash, MinHashLSH

from storytrace.stories.terms import words

SHINGLE = 5
NUM_PERM = 128
JACCARD = 0.5
"""Two bodies whose shingle sets overlap this much (Jaccard) are copies of one another."""
CONTAINMENT = 0.8
"""...or when this share of the smaller body's shingles is in the larger one (a cut copy)."""
MIN_SHINGLES_FOR_CONTAINMENT = 40
"""Below this many shingles, containment is coincidence-prone: only near-equality counts."""
SHORT_JACCARD = 0.9
LSH_THRESHOLD = 0.3
"""Low enough to retrieve a copy of half the original's length for the containment check."""

Item = tuple[int, str, datetime | None]
"""(article id, body, publication time) of one article."""


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """The set of k-word shingles of the text, lower-cased (the whole text if shorter)."""
    toks = words(text)
    if len(toks) <= k:
        return {" ".join(toks).encode()} if toks else set()
    return {" ".join(toks[i : i + k]).encode() for i in range(len(toks) - k + 1)}


def signature(shingle_set: set[bytes], num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash of a shingle set (seeded, so signatures compare across runs)."""
    m = MinHash(num_perm=num_perm, seed=1)
    if shingle_set:
        m.update_batch(list(shingle_set))
    return m


def is_copy(jaccard: float, size_a: int, size_b: int) -> bool:
    """Whether two bodies with this shingle Jaccard and these set sizes are copies."""
    small = min(size_a, size_b)
    if small == 0:
        return False
    if small < MIN_SHINGLES_FOR_CONTAINMENT:
        return jaccard >= SHORT_JACCARD
    if jaccard >= JACCARD:
        return True
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return shared / small >= CONTAINMENT


def _order_key(published: datetime | None, article: int) -> tuple[int, float, int]:
    if published is None:  # undated articles come after dated ones
        return (1, 0.0, article)
    return (0, published.timestamp(), article)


def find_syndicated(items: Iterable[Item]) -> dict[int, int]:
    """Copy id -> the earliest original it copies, over the given articles.

    Identical bodies (same words, any case and spacing) are grouped first without
    hashing, so a thousand copies of one article cost one signature.
    """
    by_text: dict[bytes, list[tuple[int, datetime | None, str]]] = {}
    for article, body, published in items:
        body = body or ""
        normal = " ".join(words(body))
        # an empty body is nobody's copy: give it a key of its own
        key = hashlib.blake2b(normal.encode() if normal else b"\0empty %d" % article).digest()
        by_text.setdefault(key, []).append((article, published, body))
    groups = list(by_text.values())
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sigs: list[MinHash] = []
    sizes: list[int] = []
    for i, group in enumerate(groups):
        sh = shingles(group[0][2])
        sigs.append(signature(sh))
        sizes.append(len(sh))
        if not sh or len(groups) == 1:
            continue
        for j in lsh.query(sigs[i]):
            if is_copy(sigs[i].jaccard(sigs[j]), sizes[i], sizes[j]):
                ri, rj = find(i), find(j)
                parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, sigs[i])

    members: dict[int, list[tuple[int, datetime | None, str]]] = {}
    for i, group in enumerate(groups):
        members.setdefault(find(i), []).extend(group)
    out: dict[int, int] = {}
    for group in members.values():
        ordered = sorted(group, key=lambda g: _order_key(g[1], g[0]))
        for article, _, _ in ordered[1:]:
            out[article] = ordered[0][0]
    return out
