"""The headline weight search: hits count the pages whose best candidate is the gold, and
the ascent only takes steps that add hits."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from benchmarks.tune_text_headline import ascend, hits

# Two pages: on each the gold headline sits right above the body with no h1, and a
# section label marked up as h1 sits further up.
ROWS = [
    {"cands": [({"h1": 1.0, "rank": 3.0}, False), ({"h1": 0.0, "rank": 0.0, "lede": 0.6}, True)]},
    {"cands": [({"h1": 1.0, "rank": 2.0}, False), ({"h1": 0.0, "rank": 0.0, "lede": 0.4}, True)]},
    {"cands": []},  # a page whose converter lost the article counts as a miss
]


def test_hits_counts_pages_whose_best_candidate_is_the_gold() -> None:
    assert hits({"h1": 6.0, "rank": -0.3, "lede": 1.0}, ROWS) == 0
    assert hits({"h1": 0.5, "rank": -0.3, "lede": 7.0}, ROWS) == 2


def test_ascent_moves_weights_only_where_hits_grow() -> None:
    start = {"h1": 2.0, "rank": -0.3, "lede": 1.0}
    assert hits(start, ROWS) == 0
    fitted = ascend(start, ROWS, rounds=4)
    assert hits(fitted, ROWS) == 2
    assert -1.0 <= fitted["rank"] <= -0.1  # the distance to the body never turns into a bonus
    already = {"h1": 0.5, "rank": -0.3, "lede": 7.0}
    assert ascend(already, ROWS, rounds=4) == already
