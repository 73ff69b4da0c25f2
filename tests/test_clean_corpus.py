"""Corpus-level evidence: lines recurring on an outlet's pages are chrome, article lines stay.

A synthetic corpus of our own: one outlet's stories share a promo line and a support
pitch; one story is re-fetched and updated; one is syndicated to a second outlet; a
background sentence recurs on a few stories of one running event.
"""

from __future__ import annotations

import json

import pytest

from storytrace.clean import corpus as corpus_module
from storytrace.clean.corpus import CorpusMemory
from storytrace.model import Article, NoArticle
from storytrace.pipeline import clean_inputs

PROMO = "Listen to the Harbor Ledger morning podcast"
PITCH = (
    "The Harbor Ledger is funded by its readers, and every contribution, however big or "
    "small, keeps our reporters on the waterfront and our journalism free for everyone."
)
BACKGROUND = (
    "The strike began in early March when talks between the union and the terminal "
    "operator broke down over night-shift pay and staffing."
)


PLACES = [
    "Alder",
    "Birch",
    "Cedar",
    "Dune",
    "Elm",
    "Fjord",
    "Gull",
    "Heron",
    "Inlet",
    "Juniper",
    "Kelp",
    "Larch",
    "Marsh",
]
THINGS = [
    "ferry",
    "bridge",
    "school",
    "library",
    "market",
    "pier",
    "clinic",
    "depot",
    "tunnel",
    "park",
    "lighthouse",
]
NAMES = [
    "Varga",
    "Pereira",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Novak",
    "Haddad",
    "Quinn",
    "Rossi",
    "Silva",
]


def story(n: int) -> list[str]:
    """Three paragraphs of a story that no other story shares (line keys ignore digits)."""
    place, thing, name = PLACES[n % 13], THINGS[n % 11], NAMES[(n * 7) % 11]
    return [
        f"The {place} council voted on the {thing} plan before it passed late in the "
        f"evening, after councillor {name} asked for one more hearing, officials said.",
        f"Residents of {place} told the meeting that the {thing} works had kept them awake "
        f"for weeks, and {name} promised a noise limit at night.",
        f"The mayor said the {thing} budget for {place} would be published next month.",
    ]


def article(paragraphs: list[str], domain: str = "harborledger.example", n: int = 0) -> Article:
    return Article(
        source=f"https://{domain}/story-{n}",
        page_sha256=f"{domain}-{n}",
        outlet="The Harbor Ledger" if domain == "harborledger.example" else "Coast Daily",
        domain=domain,
        paragraphs=list(paragraphs),
    )


def dropped(art: Article) -> list[str]:
    return [r.text for r in art.removed if r.reason.startswith("recurs on")]


def test_a_line_recurring_on_min_pages_stories_is_dropped_with_its_reason() -> None:
    memory = CorpusMemory(min_pages=3)
    results = [memory.apply(article([*story(n), PROMO], n=n)) for n in range(5)]
    # Judged with the pages before it and itself: the third story is the first to drop it.
    assert [PROMO in a.paragraphs for a in results] == [True, True, False, False, False]
    reasons = [r.reason for a in results[2:] for r in a.removed]
    assert reasons == [
        "recurs on 3 pages of The Harbor Ledger",
        "recurs on 4 pages of The Harbor Ledger",
        "recurs on 5 pages of The Harbor Ledger",
    ]
    for n, a in enumerate(results):
        assert a.paragraphs[:3] == story(n), "article paragraphs were dropped"


def test_versions_of_one_story_do_not_make_its_lines_recur() -> None:
    memory = CorpusMemory(min_pages=3)
    body = story(7)
    versions = [
        body,
        body,  # fetched again
        [*body[:2], body[2] + " An update: it was published early."],
        [*body, "Updated with the mayor's comments after the vote."],
        body,
    ]
    for n, paragraphs in enumerate(versions):
        result = memory.apply(article(paragraphs, n=n))
        assert dropped(result) == [] and result.paragraphs == paragraphs


def test_a_syndicated_story_keeps_its_body_on_both_outlets() -> None:
    memory = CorpusMemory(min_pages=2)
    wire = story(42)
    for n in range(3):  # each outlet's own stories first
        memory.apply(article(story(n), n=n))
        memory.apply(article(story(100 + n), domain="coastdaily.example", n=n))
    first = memory.apply(article(wire, n=10))
    second = memory.apply(article(wire, domain="coastdaily.example", n=10))
    assert first.paragraphs == wire and second.paragraphs == wire


def test_a_background_sentence_of_a_running_story_is_kept_but_a_pitch_on_every_page_is_not() -> (
    None
):
    memory = CorpusMemory(min_pages=3)
    results = []
    for n in range(12):
        paragraphs = [*story(n), PITCH]
        if n in (3, 5, 8):  # the strike stories
            paragraphs.insert(1, BACKGROUND)
        results.append(memory.apply(article(paragraphs, n=n)))
    assert all(BACKGROUND in results[n].paragraphs for n in (3, 5, 8))
    # A long sentence needs twice the stories and half the outlet's pages.
    assert [PITCH in a.paragraphs for a in results] == [True] * 5 + [False] * 7
    assert all(a.paragraphs[0] == story(n)[0] for n, a in enumerate(results))


def test_a_page_of_recurring_lines_only_is_no_article() -> None:
    memory = CorpusMemory(min_pages=2)
    chrome = ["Most read this week on the waterfront", "Sign up for the evening briefing"]
    memory.apply(article([*story(1), *chrome], n=1))
    memory.apply(article([*story(2), *chrome], n=2))
    with pytest.raises(NoArticle, match="recurs on other pages of The Harbor Ledger"):
        memory.apply(article(chrome, n=3))


def test_pages_without_outlet_are_left_alone() -> None:
    memory = CorpusMemory(min_pages=2)
    for n in range(4):
        art = Article(source=f"page{n}.txt", page_sha256=str(n), paragraphs=[*story(n), PROMO])
        assert memory.apply(art).paragraphs == [*story(n), PROMO]


def test_memory_stays_bounded_per_outlet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "MAX_LINES", 50)
    monkeypatch.setattr(corpus_module, "MAX_STORIES", 5)
    memory = CorpusMemory(min_pages=3)
    for n in range(40):
        memory.apply(article(story(n), n=n))
    outlet = memory._outlets["harborledger.example"]
    assert len(outlet.lines) <= 50 and len(outlet.sketches) <= 5


def test_the_number_of_outlets_remembered_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_module, "MAX_OUTLETS", 3)
    memory = CorpusMemory(min_pages=2)
    for n in range(10):
        memory.apply(article(story(n), domain=f"outlet{n}.example", n=n))
    assert list(memory._outlets) == [f"outlet{n}.example" for n in (7, 8, 9)]


def test_min_pages_below_two_is_refused() -> None:
    with pytest.raises(ValueError):
        CorpusMemory(min_pages=1)


def test_the_clean_command_drops_an_outlets_recurring_lines(tmp_path) -> None:
    records = [
        {
            "url": f"https://harborledger.example/news/{n}",
            # Inside the article, where the page cleaner has no reason to drop it.
            "text": "\n\n".join([story(n)[0], PROMO, *story(n)[1:]]),
        }
        for n in range(4)
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = list(clean_inputs([str(path)]))
    assert [r["status"] for r in out] == ["ok"] * 4
    assert [PROMO in r["body"] for r in out] == [True, True, False, False]
    assert all(story(n)[0] in r["body"] for n, r in enumerate(out))


def test_a_store_remembers_an_outlets_chrome_from_earlier_runs(tmp_path) -> None:
    from storytrace.api import Storytrace

    def pages(numbers: range) -> list[tuple[str, bytes]]:
        records = [
            {
                "url": f"https://harborledger.example/news/{n}",
                "text": "\n\n".join([story(n)[0], PROMO, *story(n)[1:]]),
            }
            for n in numbers
        ]
        return [("pages.jsonl", "\n".join(json.dumps(r) for r in records).encode())]

    db = tmp_path / "news.db"
    with Storytrace(db) as corpus:  # Monday: two stories, too few to call the line chrome
        corpus.ingest_bytes(pages(range(2)))
        assert [PROMO in a["body"] for a in corpus.articles()] == [True, True]
    with Storytrace(db) as corpus:  # Tuesday, a new run: the store still counts Monday's
        corpus.ingest_bytes(pages(range(2, 4)))
        views = [corpus.article(a["id"]) for a in corpus.articles()]
    assert len(views) == 4
    tuesday = views[2:]
    assert [PROMO in view.article.body for view in tuesday] == [False, False]
    reasons = [r.reason for r in tuesday[0].article.removed if r.text == PROMO]
    assert reasons == ["recurs on 3 pages of harborledger.example"]
    for n, view in zip(range(2, 4), tuesday, strict=True):
        assert story(n)[0] in view.article.body


def test_a_run_without_a_store_starts_with_no_evidence(tmp_path) -> None:
    # The same two Tuesday pages alone: two stories are not enough, the line stays.
    records = [
        {
            "url": f"https://harborledger.example/news/{n}",
            "text": "\n\n".join([story(n)[0], PROMO, *story(n)[1:]]),
        }
        for n in range(2, 4)
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert [PROMO in r["body"] for r in clean_inputs([str(path)])] == [True, True]
