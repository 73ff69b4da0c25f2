"""The Annotator: one parse per body, components in order, spans into `article.body`."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.annotate import (
    ORDER,
    Annotator,
    chunking,
    component_order,
    components,
    load_components,
)
from storytrace.model import Annotations, Article, EntityKind, InputError, Options


def article(source: str, *paragraphs: str) -> Article:
    return Article(source=source, page_sha256=source, paragraphs=list(paragraphs))


INVENTED = [
    article(
        "lviv",
        "Mayor Andriy Sadovyi told reporters in Lviv on Monday that the bridge would reopen.",
        "Sadovyi said the repairs cost more than planned. Reuters reported the figure first.",
    ),
    article(
        "nato",
        "NATO Secretary General Mark Rutte met Prime Minister Denys Shmyhal in Brussels.",
        "Rutte said the alliance would keep its promises, according to the Associated Press.",
    ),
]


@pytest.fixture(scope="module")
def annotator(nlp) -> Annotator:
    return Annotator(Options())


def assert_spans_index_the_body(art: Article, annotations: Annotations) -> None:
    body = art.body
    for m in annotations.mentions:
        assert body[m.span[0] : m.span[1]] == m.text
    for start, end in annotations.sentences:
        assert 0 <= start < end <= len(body)
        assert body[start:end] == body[start:end].strip()
        assert "\n\n" not in body[start:end]
    assert annotations.sentences == sorted(annotations.sentences)


# -- order and registry (no model) ----------------------------------------------------------


def test_components_run_in_the_declared_order_then_the_rest_by_name(monkeypatch) -> None:
    load_components()
    monkeypatch.setitem(components._items, "zz_extra", lambda *a: None)
    monkeypatch.setitem(components._items, "aa_extra", lambda *a: None)
    order = component_order()
    declared = [name for name in order if name in ORDER]
    assert declared == [name for name in ORDER if name in components]
    assert order[: len(declared)] == declared
    assert order[len(declared) :] == ["aa_extra", "zz_extra"]
    assert order[:2] == ["sentences", "entities"]


@pytest.mark.parametrize("limit", [10, 57, 1000])
def test_split_text_pieces_join_back_and_respect_the_limit(limit: int) -> None:
    text = "\n\n".join(f"Paragraph {i} has a few words. And a second sentence." for i in range(40))
    text += "\n\n" + "x" * 2500  # one unbroken run longer than any limit
    pieces = chunking.split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)


def test_split_text_cuts_at_paragraph_breaks_first() -> None:
    text = "\n\n".join("word " * 30 for _ in range(10))
    pieces = chunking.split_text(text, 400)
    assert len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])


# -- with the model -------------------------------------------------------------------------


@pytest.mark.slow
def test_invented_articles(annotator: Annotator) -> None:
    found = annotator.annotate(INVENTED)
    assert len(found) == len(INVENTED)
    for art, ann in zip(INVENTED, found, strict=True):
        assert_spans_index_the_body(art, ann)
    assert [len(a.sentences) for a in found] == [3, 2]
    kinds = {(m.text, m.kind) for a in found for m in a.mentions}
    assert ("Andriy Sadovyi", EntityKind.PERSON) in kinds
    assert ("Sadovyi", EntityKind.PERSON) in kinds
    assert ("Reuters", EntityKind.OUTLET) in kinds
    assert ("Associated Press", EntityKind.OUTLET) in kinds
    assert ("Mark Rutte", EntityKind.PERSON) in kinds
    assert ("Denys Shmyhal", EntityKind.PERSON) in kinds
    assert not any(m.text.startswith(("Mayor", "Prime")) for a in found for m in a.mentions)


@pytest.mark.slow
def test_annotate_one_matches_the_batch(annotator: Annotator) -> None:
    one = annotator.annotate_one(INVENTED[0])
    batch = annotator.annotate(INVENTED)[0]
    assert one.mentions == batch.mentions
    assert one.sentences == batch.sentences


@pytest.mark.slow
def test_empty_body_gives_empty_annotations(annotator: Annotator) -> None:
    found = annotator.annotate([article("empty"), INVENTED[0]])
    assert found[0].mentions == [] and found[0].sentences == []
    assert found[1].mentions


@pytest.mark.slow
def test_a_failing_component_names_the_article_and_the_batch_goes_on(
    annotator: Annotator, monkeypatch
) -> None:
    def explode(doc, art, annotations, options):
        if art.source == "nato":
            raise ValueError("odd text")

    monkeypatch.setattr(annotator, "pipeline", [*annotator.pipeline, ("explode", explode)])
    results = list(annotator.annotate_iter(INVENTED))
    assert isinstance(results[0], Annotations)
    assert isinstance(results[1], InputError)
    assert "nato" in str(results[1]) and "explode" in str(results[1])
    with pytest.raises(InputError, match="nato"):
        annotator.annotate(INVENTED)


@pytest.mark.slow
def test_pieces_of_a_long_body_keep_offsets(annotator: Annotator, monkeypatch) -> None:
    parsed: list[str] = []
    pipe = annotator.nlp.pipe

    def counting_pipe(texts, **kw):
        texts = list(texts)
        parsed.extend(texts)
        return pipe(texts, **kw)

    monkeypatch.setattr(annotator, "chunk_chars", 150)
    monkeypatch.setattr(annotator.nlp, "pipe", counting_pipe)
    art = article("pieces", *(p for a in INVENTED for p in a.paragraphs))
    annotations = annotator.annotate_one(art)
    assert len(parsed) > 2 and "".join(parsed) == art.body
    assert_spans_index_the_body(art, annotations)
    assert ("Associated Press", EntityKind.OUTLET) in {
        (m.text, m.kind) for m in annotations.mentions
    }


@pytest.mark.slow
def test_a_5000_sentence_article(annotator: Annotator, monkeypatch) -> None:
    names = ["Olena Kovalenko", "Taras Melnyk", "Iryna Bondar", "Petro Shevchuk"]
    sentences = [f"{names[i % 4]} left Lviv." for i in range(5000)]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, 5000, 10)]
    paragraphs.append("Finally, Reuters reported that Kovalenko left.")
    art = article("long", *paragraphs)
    # Pieces far smaller than the body, so the offsets of several joined pieces are tested.
    monkeypatch.setattr(annotator, "chunk_chars", len(art.body) // 4)
    (annotations,) = annotator.annotate([art])
    assert_spans_index_the_body(art, annotations)
    assert len(annotations.sentences) >= 5000
    tail = [m for m in annotations.mentions if m.span[0] > len(art.body) - 60]
    assert {(m.text, m.kind) for m in tail} >= {
        ("Reuters", EntityKind.OUTLET),
        ("Kovalenko", EntityKind.PERSON),
    }


_PIECES = [*"abcXYZ .,;:'\"’“”-–—+&()\n\t", "\u200b", "\xa0", "é", "Ж", "😀", "\r", "Mr.", "The "]
_ODD = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=st.lists(_ODD, max_size=4))
def test_odd_text_never_breaks_the_batch(annotator: Annotator, paragraphs: list[str]) -> None:
    art = article("odd", *paragraphs)
    (found,) = list(annotator.annotate_iter([art]))
    assert isinstance(found, Annotations), found
    assert_spans_index_the_body(art, found)


def test_an_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="no_such_spacy_model"):
        Annotator(Options(model="no_such_spacy_model"))


@pytest.mark.slow
def test_the_resolver_given_to_the_annotator_reaches_the_components(
    annotator: Annotator, monkeypatch
) -> None:
    from storytrace.annotate import RESOLVER_KEY
    from storytrace.annotate.entities import EntityResolver

    seen = []
    resolver = EntityResolver()
    monkeypatch.setattr(annotator, "resolver", resolver)
    monkeypatch.setattr(
        annotator,
        "pipeline",
        [
            *annotator.pipeline,
            ("spy", lambda doc, *_: seen.append(doc.user_data.get(RESOLVER_KEY))),
        ],
    )
    annotator.annotate(INVENTED)
    assert seen == [resolver, resolver]


def test_an_article_in_another_language_gets_sentences_but_no_entities_statements_or_dates(
    annotator,
) -> None:
    german = article(
        "hafen",
        "Die Hafenarbeiter in Velmora haben am Montag die Arbeit niedergelegt. Der "
        "Frachtverkehr kam zum Erliegen, sagte Gewerkschaftssprecherin Ilse Varga.",
    )
    german.language = "de"
    english = dataclasses.replace(INVENTED[0], language="en")
    foreign, native = annotator.annotate([german, english])
    assert len(foreign.sentences) == 2
    assert (foreign.mentions, foreign.statements, foreign.dates) == ([], [], [])
    assert native.mentions and native.statements and native.sentences


def test_the_sentences_of_one_quotation_are_one_sentence(annotator) -> None:
    """Regression (example corpus): '"The ministry does not comment on drafts. The budget
    comes on March 18," a spokesperson said.' was two sentences, so a story's claims and
    timeline showed one opening a quote and the other closing it. A quote left open at the
    paragraph's end joins nothing."""
    art = article(
        "quotes",
        '"The ministry does not comment on draft documents. The budget will be presented on '
        'March 18, and not before," a ministry spokesperson said. The minister left early.',
        '"We start on Monday. Nobody knows when we finish. The minister said nothing.',
    )
    (found,) = annotator.annotate([art])
    first = art.paragraphs[0]
    got = [art.body[a:b] for a, b in found.sentences]
    assert got[0] == first[: first.index(" The minister left")]
    assert got[1] == "The minister left early."
    assert got[2] == '"We start on Monday.'  # never closed: the model's cut stays


def test_a_closing_quote_before_a_paragraph_break_ends_its_sentence(annotator) -> None:
    """Regression: the parser gave the '"' after 'parties.' to the next paragraph's
    sentence, and the claims of a story showed it as a sentence of its own."""
    art = article(
        "quote",
        'The ministry said a state mediator was "available to both parties."',
        "The shipping agents warned that the stoppage could ripple through supply chains.",
    )
    (found,) = annotator.annotate([art])
    assert [art.body[a:b] for a, b in found.sentences] == art.paragraphs
