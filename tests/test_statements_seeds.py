"""The two seed pages: who says what about the Victory Plan, and through whom.

The pages are read from ../shared and cleaned with the project's cleaner; statements
are located by short key phrases only.
"""

from __future__ import annotations

import pytest
from conftest import SEED_KI, SEED_UP

from storytrace.annotate.statements import extract_statements
from storytrace.clean import clean
from storytrace.model import Options, Page, SpeakerKind


def _load(nlp, path):
    data = path.read_bytes()
    page = Page.from_bytes(str(path), data, "text/plain", text=data.decode("utf-8"))
    article = clean(page, Options())
    return article, extract_statements(nlp(article.body))


@pytest.fixture(scope="module")
def kyiv_independent(nlp):
    return _load(nlp, SEED_KI)


@pytest.fixture(scope="module")
def ukrainska(nlp):
    return _load(nlp, SEED_UP)


def _one(statements, where):
    found = [s for s in statements if where(s)]
    assert found, "no statement matches"
    return found[0]


def _via(statements, s):
    assert s.via is not None, f"{s.speaker!r} has no via"
    return statements[s.via]


@pytest.mark.parametrize("seed", ["kyiv_independent", "ukrainska"])
def test_spans_and_via_are_sound(seed, request):
    article, statements = request.getfixturevalue(seed)
    body = article.body
    assert statements
    for i, s in enumerate(statements):
        assert body[s.content_span[0] : s.content_span[1]] == s.content and s.content.strip()
        for span in (s.content_span, s.cue_span, s.speaker_span):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(body)
        assert s.via is None or (0 <= s.via < len(statements) and s.via != i)


def test_plan_contents_come_from_anonymous_sources_via_bloomberg(kyiv_independent):
    article, statements = kyiv_independent
    first = len(article.paragraphs[0])
    s = _one(
        statements,
        lambda s: s.content_span[0] < first and s.speaker_kind == SpeakerKind.ANONYMOUS,
    )
    up = _via(statements, s)
    assert up.speaker_kind == SpeakerKind.MEDIA
    assert up.speaker == "Bloomberg"


def test_bloomberg_sources_are_anonymous_via_bloomberg(kyiv_independent):
    _, statements = kyiv_independent
    s = _one(
        statements,
        lambda s: (
            "European Union membership" in s.content and s.speaker_kind == SpeakerKind.ANONYMOUS
        ),
    )
    assert _via(statements, s).speaker == "Bloomberg"
    assert _via(statements, s).speaker_kind == SpeakerKind.MEDIA


def test_five_points_according_to_zelensky(kyiv_independent):
    _, statements = kyiv_independent
    s = _one(statements, lambda s: "five points" in s.content)
    assert s.speaker_kind == SpeakerKind.PERSON
    assert s.speaker_entity == "Zelensky"
    assert s.cue.lower() == "according to"


def test_unnamed_officials_are_anonymous(kyiv_independent):
    _, statements = kyiv_independent
    s = _one(statements, lambda s: "acquainted" in s.content)
    assert s.speaker_kind == SpeakerKind.ANONYMOUS
    assert s.anonymous_count is None


def test_one_person_familiar_via_bloomberg(ukrainska):
    _, statements = ukrainska
    s = _one(statements, lambda s: "one person familiar" in s.speaker)
    assert s.speaker_kind == SpeakerKind.ANONYMOUS
    assert s.anonymous_count == 1
    assert _via(statements, s).speaker == "Bloomberg"


def test_wish_list_is_anonymous(ukrainska):
    _, statements = ukrainska
    s = _one(statements, lambda s: "wish list" in s.content)
    assert s.speaker_kind == SpeakerKind.ANONYMOUS
    assert s.anonymous_count == 1


def test_two_sources_count_two(ukrainska):
    _, statements = ukrainska
    s = _one(statements, lambda s: s.speaker == "two sources")
    assert s.speaker_kind == SpeakerKind.ANONYMOUS
    assert s.anonymous_count == 2


def test_yermak_on_record(ukrainska):
    _, statements = ukrainska
    s = _one(statements, lambda s: "invitation to join NATO" in s.content)
    assert s.speaker_kind == SpeakerKind.PERSON
    assert s.speaker_entity == "Andrii Yermak"
    assert s.via is None


def test_zelenskyy_told_reporters(ukrainska):
    _, statements = ukrainska
    s = _one(statements, lambda s: s.cue == "told")
    assert s.speaker_kind == SpeakerKind.PERSON
    assert s.speaker_entity == "Zelenskyy"


def test_the_arms_supplies_pledge_says_nothing(kyiv_independent):
    # Regression: the parser made "pledge" in "the arms supplies pledge, Bloomberg sources
    # said that ..." a verb under "said", and "the arms supplies" said what the sources said.
    _, statements = kyiv_independent
    assert not [s for s in statements if s.cue == "pledge"]


def test_russia_producing_weapons_is_no_statement(ukrainska):
    # Regression: "as Russia continues to produce weapons" read as an aside of speech.
    _, statements = ukrainska
    assert not [s for s in statements if s.speaker == "Russia"]
