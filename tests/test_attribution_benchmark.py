"""The attribution benchmark's scoring: "content given a right cue" counts the statements
whose cue overlaps a gold cue and, of those, the ones whose content matches that gold
content, so the content boundaries can be measured apart from cue detection."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO))

from benchmarks.attribution import Pred, Scores, score_article
from benchmarks.datasets.polnear import GoldArticle, GoldAttribution

TEXT = "Officials said the plan was ready. The mayor warned that taxes would rise next year."


def _span(part: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(part)
    return ((start, start + len(part)),)


GOLD = GoldArticle(
    name="x_1",
    text=TEXT,
    annotator="a",
    attributions=[
        GoldAttribution(_span("said"), _span("Officials"), _span("the plan was ready")),
        GoldAttribution(
            _span("warned"), _span("The mayor"), _span("that taxes would rise next year")
        ),
    ],
)


def test_right_cue_counts_cue_overlaps_and_content_matches_among_them() -> None:
    preds = [
        # right cue, right content
        Pred(_span("the plan was ready"), _span("Officials"), _span("said")),
        # right cue, content too short to match (one token of six: F1 0.29)
        Pred(_span("taxes"), _span("The mayor"), _span("warned")),
        # a cue no gold attribution has: not counted
        Pred(_span("next year"), (), _span("rise")),
    ]
    scores = Scores()
    score_article(GOLD, preds, scores)
    assert scores.boundaries() == {"right_cue": 2, "content_matches": 1}


def test_content_is_scored_without_the_statements_own_speaker_and_cue() -> None:
    # A split-quote style span around the cue: the cue and speaker tokens are taken out.
    whole = _span("Officials said the plan was ready")
    scores = Scores()
    score_article(GOLD, [Pred(whole, _span("Officials"), _span("said"))], scores)
    assert scores.boundaries() == {"right_cue": 1, "content_matches": 1}
    exact = scores.table()["content_exact"]
    assert (exact["precision"], exact["recall"]) == (1.0, 0.5)  # one of two gold contents
