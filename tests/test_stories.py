"""Stories from hand-built articles: copies, claims, provenance and its count, timeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storytrace.annotate.dates import resolve_dates
from storytrace.model import (
    Annotations,
    Article,
    EntityKind,
    Mention,
    SpeakerKind,
    Statement,
    to_dict,
)
from storytrace.stories.build import build_story
from storytrace.stories.claims import group_claims, only_reported_by
from storytrace.stories.items import UNKNOWN_OUTLET, story_item
from storytrace.stories.near_duplicates import find_syndicated
from storytrace.stories.provenance import chain, provenance, upstream_outlets
from storytrace.stories.timeline import timeline

T0 = datetime(2024, 9, 21, 17, 59, tzinfo=UTC)
INGEST = datetime(2025, 1, 15, tzinfo=UTC)

REPORT = (
    "The harbour authority of Velmora approved a plan on Friday to dredge the northern "
    "channel, a project that fishermen have opposed for years because of the damage to "
    "oyster beds. The vote passed by seven to two after a long night of debate. Engineers "
    "expect the first barges to arrive in November, and the cost is put at forty million."
)
MORE = (
    "\n\nOpponents said they would appeal to the regional court before the first barges "
    "sail, arguing that the authority never published the survey of the seabed it relied "
    "on. The authority's chair answered that the survey was shared with every member of "
    "the board in March and that the appeal would not delay the work. Dredging is set to "
    "last two winters, with a pause each summer while the oyster larvae settle."
)
OTHER = (
    "A violinist from Ostrava won the international Paganini competition in Genoa, the "
    "jury announced, praising a performance of the second concerto that left the hall in "
    "silence. She is the first Czech winner in three decades."
)


def art(body: str, outlet: str | None = "Harbour Post", published=T0, headline=None) -> Article:
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return Article(
        source=f"{outlet}-{published}",
        page_sha256="0" * 64,
        headline=headline,
        published=published,
        outlet=outlet,
        paragraphs=paragraphs,
    )


def sentences_of(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(body):
        if ch == "." and (i + 1 == len(body) or body[i + 1] == " "):
            spans.append((start, i + 1))
            start = i + 2
    return spans


def notes(body: str, published=T0, **kw) -> Annotations:
    sents = sentences_of(body)
    return Annotations(sentences=sents, dates=resolve_dates(body, sents, published, INGEST), **kw)


def statement(body, speaker, kind, content, via=None, entity=None) -> Statement:
    a = body.index(content)
    return Statement(
        speaker=speaker,
        speaker_kind=kind,
        cue="said",
        content=content,
        direct=False,
        content_span=(a, a + len(content)),
        speaker_entity=entity,
        via=via,
    )


# --------------------------------------------------------------------------- copies


def test_identical_copies_link_to_the_earliest_original():
    items = [(i, REPORT, T0 + timedelta(hours=i)) for i in range(5, 0, -1)]
    assert find_syndicated(items) == {2: 1, 3: 1, 4: 1, 5: 1}


def test_edited_and_cut_copies_are_copies_a_different_story_is_not():
    long = REPORT + MORE
    edited = long.replace("seven to two", "7-2").replace("long night", "late night")
    cut = long[: int(len(long) * 0.6)]
    items = [
        (1, long, T0),
        (2, edited, T0 + timedelta(hours=1)),
        (3, cut, T0 + timedelta(hours=2)),
        (4, OTHER, T0 - timedelta(hours=5)),
    ]
    assert find_syndicated(items) == {2: 1, 3: 1}


def test_a_dated_original_beats_an_undated_copy_and_ties_go_to_the_lower_id():
    assert find_syndicated([(1, REPORT, None), (2, REPORT, T0)]) == {1: 2}
    assert find_syndicated([(8, REPORT, T0), (3, REPORT, T0)]) == {8: 3}


def test_empty_bodies_are_nobodys_copies():
    assert find_syndicated([(1, "", T0), (2, "", T0), (3, "  ", None)]) == {}


# --------------------------------------------------------------------------- claims


def test_same_sentence_in_two_outlets_is_one_claim_and_the_rest_is_exclusive():
    shared = "The harbour authority of Velmora approved a plan to dredge the northern channel."
    body_a = shared + " Fishermen fear for the oyster beds near the old lighthouse."
    body_b = (
        "On Friday the Velmora harbour authority approved a plan to dredge the northern "
        "channel. The mayor promised compensation to the families of divers."
    )
    a, b = art(body_a, "Harbour Post"), art(body_b, "Coast Daily", T0 + timedelta(hours=3))
    claims = group_claims([(1, a, notes(body_a)), (2, b, notes(body_b))])
    assert claims[0].outlets == ["Harbour Post", "Coast Daily"]
    assert [s["article"] for s in claims[0].sentences] == [1, 2]
    assert claims[0].text == shared
    exclusive = only_reported_by(claims)
    assert [c.text for c in exclusive["Harbour Post"]] == [body_a[len(shared) + 1 :]]
    assert "compensation" in exclusive["Coast Daily"][0].text


def test_a_claim_never_takes_two_sentences_of_one_article():
    body_a = "The channel will be dredged in spring. The channel will be dredged in spring too."
    body_b = "The channel will be dredged in spring, officials confirmed."
    claims = group_claims([(1, art(body_a), notes(body_a)), (2, art(body_b, "B"), notes(body_b))])
    for claim in claims:
        articles = [s["article"] for s in claim.sentences]
        assert len(articles) == len(set(articles))
    assert sum(len(c.sentences) for c in claims) == 3


def test_claim_lists_the_statements_it_rests_on_with_via():
    body = "Bloomberg reported that the plan includes a pathway to membership, citing two sources."
    content = "the plan includes a pathway to membership"
    sts = [
        statement(body, "Bloomberg", SpeakerKind.MEDIA, content),
        statement(body, "two sources", SpeakerKind.ANONYMOUS, content, via=0),
    ]
    [claim] = group_claims([(1, art(body), notes(body, statements=sts))])
    assert [(s["speaker"], s["kind"], s["via"]) for s in claim.speakers] == [
        ("Bloomberg", "media", None),
        ("two sources", "anonymous", "Bloomberg"),
    ]


def test_different_people_saying_similar_words_need_a_closer_match():
    body_a = "Smith said the bridge over the river will reopen to traffic next month."
    body_b = "Jones said the bridge over the river must close to traffic next month."
    a_notes = notes(body_a, mentions=[Mention("Smith", (0, 5), EntityKind.PERSON, "Ann Smith")])
    b_notes = notes(body_b, mentions=[Mention("Jones", (0, 5), EntityKind.PERSON, "Bo Jones")])
    claims = group_claims([(1, art(body_a), a_notes), (2, art(body_b, "B"), b_notes)])
    assert len(claims) == 2


# --------------------------------------------------------------------------- provenance


KI_BODY = (
    "The plan includes an invitation to join the alliance, Bloomberg reported, citing "
    "anonymous sources. Zelensky said the plan has five points. Officials said more was needed."
)
UP_BODY = (
    "As reported by Bloomberg, one person familiar with the talks said the plan held no "
    "surprises. Zelenskyy told reporters the plan would strengthen Ukraine. Yermak said "
    "the plan aims at an invitation."
)


def seed_like() -> list[tuple[int, Article, Annotations]]:
    ki_st = [
        statement(KI_BODY, "Bloomberg", SpeakerKind.MEDIA, "The plan includes an invitation"),
        statement(KI_BODY, "anonymous sources", SpeakerKind.ANONYMOUS, "The plan includes", via=0),
        statement(
            KI_BODY, "Zelensky", SpeakerKind.PERSON, "the plan has five points", entity="V. Z"
        ),
        statement(KI_BODY, "Officials", SpeakerKind.ANONYMOUS, "more was needed"),
    ]
    up_st = [
        statement(UP_BODY, "Bloomberg", SpeakerKind.MEDIA, "the plan held no surprises"),
        statement(
            UP_BODY,
            "one person familiar with the talks",
            SpeakerKind.ANONYMOUS,
            "the plan held no surprises",
            via=0,
        ),
        statement(
            UP_BODY, "Zelenskyy", SpeakerKind.PERSON, "the plan would strengthen", entity="V. Z"
        ),
        statement(UP_BODY, "Yermak", SpeakerKind.PERSON, "the plan aims at an invitation"),
    ]
    return [
        (1, art(KI_BODY, "Kyiv Desk"), notes(KI_BODY, statements=ki_st)),
        (2, art(UP_BODY, None, T0 + timedelta(days=3)), notes(UP_BODY, statements=up_st)),
    ]


def test_provenance_tree_outlet_upstream_primary():
    trees, count = provenance(seed_like())
    assert [t.name for t in trees] == ["Kyiv Desk", UNKNOWN_OUTLET]
    for tree in trees:
        [bloomberg] = [n for n in tree.children if n.kind == "upstream"]
        assert bloomberg.name == "Bloomberg"
        assert [c.kind for c in bloomberg.children] == ["anonymous"]
        assert bloomberg.refs  # links back to the statements
    assert upstream_outlets(trees) == ["Bloomberg"]
    # V. Z (both spellings, one entity) + Yermak + Bloomberg's report + Kyiv Desk's officials
    assert count == 4


def test_same_upstream_report_counts_once_and_named_speakers_once_per_entity():
    triples = seed_like()
    _, base = provenance(triples)
    _, twice = provenance([*triples, (3, triples[0][1], triples[0][2])])
    assert twice == base  # a second article from the same outlet adds no new group


def test_anonymous_sources_without_an_upstream_are_one_group_per_outlet():
    body = "One official said it failed. Another source called it a wish list."
    sts = [
        statement(body, "One official", SpeakerKind.ANONYMOUS, "it failed"),
        statement(body, "Another source", SpeakerKind.ANONYMOUS, "a wish list"),
    ]
    body2 = "A diplomat said talks stalled."
    sts2 = [statement(body2, "A diplomat", SpeakerKind.ANONYMOUS, "talks stalled")]
    one = (1, art(body, "A"), notes(body, statements=sts))
    assert provenance([one])[1] == 1
    assert provenance([one, (2, art(body2, "B"), notes(body2, statements=sts2))])[1] == 2


def test_an_outlets_own_sources_and_its_report_cited_elsewhere_are_one_group():
    """Regression (example corpus): CPA's unnamed sources in CPA's own article and "as
    first reported by CPA" in another outlet's counted as two independent sources."""
    body = "Three sources said the cuts were settled."
    sts = [statement(body, "Three sources", SpeakerKind.ANONYMOUS, "the cuts were settled")]
    body2 = "The cuts were settled, as first reported by CPA."
    sts2 = [statement(body2, "CPA", SpeakerKind.MEDIA, "The cuts were settled")]
    triples = [
        (1, art(body, "CPA"), notes(body, statements=sts)),
        (2, art(body2, "Harbour Post"), notes(body2, statements=sts2)),
    ]
    assert provenance(triples)[1] == 1


def test_an_outlet_passing_on_what_it_was_told_is_its_own_root():
    """Regression (example corpus): "A port official told CPA ..." in CPA's own article
    drew CPA under CPA, as if it cited itself."""
    body = "A senior port official told CPA the talks had stalled."
    sts = [
        statement(body, "CPA", SpeakerKind.MEDIA, "the talks had stalled"),
        statement(body, "A senior port official", SpeakerKind.ANONYMOUS, "the talks", via=0),
    ]
    [tree], count = provenance([(1, art(body, "The CPA"), notes(body, statements=sts))])
    assert [(c.name, c.kind) for c in tree.children] == [("A senior port official", "anonymous")]
    assert count == 1


def test_a_spokesperson_counts_with_whom_they_speak_for():
    """Regression: "a Ministry of Finance spokesperson", "A finance ministry spokesperson"
    and the Ministry of Finance itself counted as three independent sources."""
    body = "The ministry said it would not comment. A spokesperson said the same."
    sts = [
        statement(body, "Ministry of Finance", SpeakerKind.ORGANIZATION, "it would not"),
        statement(body, "a Ministry of Finance spokesperson", SpeakerKind.PERSON, "the same"),
    ]
    body2 = "A spokesperson said the timetable was unchanged. Rendell said so too."
    sts2 = [
        statement(body2, "A finance ministry spokesperson", SpeakerKind.PERSON, "the timetable"),
        statement(
            body2, "A spokesperson for Prime Minister Sofia Rendell", SpeakerKind.PERSON, "so"
        ),
        statement(body2, "Rendell", SpeakerKind.PERSON, "so too", entity="Sofia Rendell"),
        statement(body2, "a spokesman for the Harbour Board", SpeakerKind.PERSON, "unchanged"),
    ]
    triples = [
        (1, art(body, "A"), notes(body, statements=sts)),
        (2, art(body2, "B"), notes(body2, statements=sts2)),
    ]
    # the Ministry of Finance, Sofia Rendell, the Harbour Board
    assert provenance(triples)[1] == 3


def test_unknown_speakers_are_shown_not_counted_and_via_cycles_end():
    body = "He said it works. She said it fails."
    sts = [
        statement(body, "He", SpeakerKind.UNKNOWN, "it works"),
        statement(body, "She", SpeakerKind.PERSON, "it fails", via=1),  # points at itself
    ]
    sts[0].via = 1
    sts[1].via = 0  # a cycle: 0 -> 1 -> 0
    assert chain(sts, 0) == [0, 1]
    trees, count = provenance([(1, art(body), notes(body, statements=sts))])
    assert count == 0  # both are relays of each other; nothing is a primary
    assert trees[0].name == "Harbour Post"


# --------------------------------------------------------------------------- timeline


def test_timeline_orders_events_and_marks_undated_articles():
    body_a = "The council voted on Friday. Barges arrive in November."
    body_b = "The mayor spoke yesterday about the vote."
    a = art(body_a, "A", T0)  # Saturday 21 September 2024
    b = art(body_b, "B", None)  # no publication time: placed by ingest time
    entries = timeline([(1, a, notes(body_a, T0)), (2, b, notes(body_b, None))])
    got = [(e.event.start.isoformat(), e.article, e.event.anchored) for e in entries]
    assert got == [("2024-09-20", 1, True), ("2024-11-01", 1, True), ("2025-01-14", 2, False)]
    assert entries[0].event.sentence == "The council voted on Friday."
    assert entries[0].outlet == "A"


# --------------------------------------------------------------------------- build


def test_build_story_of_one_article():
    a = art(REPORT, "Harbour Post", headline="Velmora to dredge")
    story = build_story(7, [(3, a, notes(REPORT))])
    assert (story.id, story.headline, story.articles, story.outlets) == (
        7,
        "Velmora to dredge",
        [3],
        ["Harbour Post"],
    )
    assert story.first_published == story.last_published == T0
    assert story.syndicated == {}
    assert all(len(c.outlets) == 1 for c in story.claims)
    assert [e.event.start.isoformat() for e in story.timeline] == ["2024-09-20", "2024-11-01"]
    to_dict(story)  # JSON-ready


def test_headline_is_the_earliest_original_with_one_else_a_first_sentence():
    late = art(OTHER, "Late", T0 + timedelta(days=1), headline="A later headline")
    early = art(REPORT, "Early", T0, headline=None)
    story = build_story(1, [(2, late, notes(OTHER)), (1, early, notes(REPORT))])
    assert story.headline == "A later headline"
    assert story.articles == [1, 2]
    late.headline = None
    story = build_story(1, [(2, late, notes(OTHER)), (1, early, notes(REPORT))])
    assert story.headline.startswith("The harbour authority of Velmora")
    assert story.headline.endswith("oyster beds.")


def test_a_thousand_copies_make_one_original_and_999_syndicated():
    original = art(REPORT, "Wire", T0)
    found = notes(REPORT)  # the same words, so the same annotations
    triples = [(1, original, found)]
    for i in range(2, 1001):
        copy = art(REPORT, f"Outlet {i % 7}", T0 + timedelta(minutes=i))
        triples.append((i, copy, found))
    story = build_story(1, list(reversed(triples)))
    assert len(story.syndicated) == 999
    assert set(story.syndicated.values()) == {1}
    assert story.articles[0] == 1 and len(story.articles) == 1000
    assert all(len(c.sentences) == 1 for c in story.claims)  # copies echo nothing
    assert len(story.timeline) == 2
    assert len(story.outlets) == 8


def test_build_story_refuses_no_articles_with_a_clear_message():
    with pytest.raises(ValueError, match="story 5 has no articles"):
        build_story(5, [])


def test_story_item_keeps_canonical_entities_and_leaves_outlets_out():
    body = "Zelensky met Biden. Bloomberg reported it."
    found = Annotations(
        mentions=[
            Mention("Zelensky", (0, 8), EntityKind.PERSON, "Volodymyr Zelenskyy"),
            Mention("Biden", (13, 18), EntityKind.PERSON, None),
            Mention("Bloomberg", (20, 29), EntityKind.OUTLET, "Bloomberg"),
        ]
    )
    item = story_item(4, art(body, None), found)
    assert item.entities == [("Volodymyr Zelenskyy", "person"), ("Biden", "person")]
    assert (item.article, item.outlet, item.body) == (4, UNKNOWN_OUTLET, body)


def test_a_claim_names_each_speaker_it_rests_on_once_and_an_unnamed_one_as_such() -> None:
    """Regression: `storytrace story` listed "Oskar Lindqvist (person)" once per article
    that quoted him, and a statement with no source as " (unknown)"."""
    from storytrace.model import Claim

    claim = Claim(
        text="The report is due in October.",
        sentences=[],
        outlets=["A", "B"],
        speakers=[
            {"speaker": "Oskar Lindqvist", "kind": "person", "article": 1, "statement": 4},
            {"speaker": "", "kind": "unknown", "article": 1, "statement": 5},
            {"speaker": "Oskar Lindqvist", "kind": "person", "article": 2, "statement": 0},
        ],
    )
    got = [(name, kind, sp["article"]) for name, kind, sp in claim.distinct_speakers()]
    assert got == [("Oskar Lindqvist", "person", 1), ("unnamed", "unknown", 1)]
