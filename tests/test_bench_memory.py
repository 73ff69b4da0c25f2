"""The memory benchmark reads what a long run keeps: a run that holds on to every page
grows, one that lets each page go stays flat."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from benchmarks.memory import checkpoints, measure


def test_checkpoints_are_an_eighth_a_quarter_a_half_and_all_of_the_run() -> None:
    assert checkpoints(1200) == [150, 300, 600, 1200]
    assert checkpoints(3) == [1, 3]


def test_a_run_that_keeps_every_page_grows_and_one_that_does_not_stays_flat() -> None:
    kept: list[bytes] = []

    def leaky(i: int) -> None:
        kept.append(bytes(10_000))

    def tidy(i: int) -> None:
        bytes(10_000)

    grown, _ = measure(leaky, 400)
    flat, _ = measure(tidy, 400)
    assert [n for n, _ in grown] == [50, 100, 200, 400]
    # 200 more pages of 10 kB each: about 2 MB more in the second half.
    assert 1.8 < grown[-1][1] - grown[-2][1] < 2.5
    assert abs(flat[-1][1] - flat[-2][1]) < 0.2


def test_a_failing_page_is_still_a_page_of_the_run() -> None:
    def failing(i: int) -> None:
        raise ValueError("no article")

    readings, _ = measure(failing, 8)
    assert [n for n, _ in readings] == [1, 2, 4, 8]
