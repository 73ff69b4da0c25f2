"""Claims: sentences from different articles of a story that say the same thing.

Sentences are compared by the cosine of their TF-IDF vectors over content words (document
frequencies counted over the story's sentences). A pair of sentences from two different
articles is the same claim when the cosine reaches `SIMILARITY`, or `SIMILARITY_DISJOINT`
when both sentences name entities and share none (same words about different people is
usually a different claim). Pairs are joined strongest first, and a claim never takes two
sentences of one article. Every sentence ends up in exactly one claim; a claim carried by
one outlet only is what that outlet alone reports (`only_reported_by`).

Each claim lists the statements it rests on: those whose content overlaps one of its
sentences, with speaker, kind and the speaker of the statement it came `via`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from storytrace.model import Annotations, Article, Claim, Span, Statement
from storytrace.stories.items import outlet_name
from storytrace.stories.terms import content_terms

SIMILARITY = 0.45
"""Checked by reading on the example corpus (no claim-level truth exists): 18 of the 20
pairs at 0.52 or above say the same thing, 8 of the 13 pairs that 0.45 adds, 7 of the 13
that 0.38 would add; 0.45 keeps most of the right pairs at about 80% precision."""
SIMILARITY_DISJOINT = 0.65
"""Set by judgement: anywhere from 0.55 to 0.75 it changes no claim of the examples."""
MIN_TERMS = 3
"""Sentences with fewer content words ("Advertisement:") are kept but never matched."""
COMMON_SHARE = 0.5
"""Terms in more than this share of the story's sentences are not used to find pairs."""

StoryArticle = tuple[int, Article, Annotations]

_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


@dataclass(slots=True)
class _Sentence:
    article: int
    outlet: str
    order: tuple[int, float, int]
    span: Span
    text: str
    terms: Counter[str]
    entities: frozenset[str]
    vector: dict[str, float] = field(default_factory=dict)


def sentence_spans(body: str, annotations: Annotations) -> list[Span]:
    """The annotated sentence spans, or a simple split of the body when there are none."""
    spans = [(a, b) for a, b in annotations.sentences if 0 <= a < b <= len(body)]
    if spans:
        return sorted(spans)
    out, start = [], 0
    for m in _SPLIT.finditer(body):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(body)))
    return [(a, b) for a, b in out if body[a:b].strip()]


def article_order(article_id: int, article: Article) -> tuple[int, float, int]:
    """Sort key: dated articles by publication time, then undated ones, ties by id."""
    published: datetime | None = article.published
    if published is None:
        return (1, 0.0, article_id)
    try:
        return (0, published.timestamp(), article_id)
    except (OverflowError, ValueError, OSError):
        return (1, 0.0, article_id)


def _sentences(articles: Iterable[StoryArticle]) -> list[_Sentence]:
    out = []
    for article_id, article, notes in articles:
        body = article.body
        outlet = outlet_name(article)
        order = article_order(article_id, article)
        for a, b in sentence_spans(body, notes):
            text = body[a:b].strip()
            if not text:
                continue
            ents = frozenset(
                (m.entity or m.text).lower()
                for m in notes.mentions
                if a <= m.span[0] < b and (m.entity or m.text)
            )
            terms = Counter(content_terms(text))
            # canonical names, so "Zelensky" in one outlet meets "Zelenskyy" in another
            terms.update("\x1f" + e for e in ents)
            out.append(_Sentence(article_id, outlet, order, (a, b), text, terms, ents))
    return out


def _vectorize(sentences: list[_Sentence]) -> Counter[str]:
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(s.terms.keys())
    n = len(sentences)
    for s in sentences:
        vec = {
            t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, c in s.terms.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        s.vector = {t: v / norm for t, v in vec.items()}
    return df


def _pairs(sentences: list[_Sentence], df: Counter[str]) -> list[tuple[float, int, int]]:
    """Pairs of sentences of different articles at or above the claim threshold."""
    limit = max(2, int(COMMON_SHARE * len(sentences)))
    postings: dict[str, list[int]] = {}
    pairs = []
    for i, s in enumerate(sentences):
        if sum(s.terms.values()) < MIN_TERMS:
            continue
        dots: dict[int, float] = {}
        for t, w in s.vector.items():
            if df[t] > limit:
                continue
            for j in postings.get(t, ()):
                dots[j] = dots.get(j, 0.0) + w * sentences[j].vector[t]
            postings.setdefault(t, []).append(i)
        for j, dot in dots.items():
            other = sentences[j]
            if other.article == s.article:
                continue
            disjoint = s.entities and other.entities and not (s.entities & other.entities)
            if dot >= (SIMILARITY_DISJOINT if disjoint else SIMILARITY):
                pairs.append((dot, j, i))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def group_claims(articles: Iterable[StoryArticle]) -> list[Claim]:
    """All claims of a story's articles (give originals only: copies would echo them).

    Claims carried by most outlets come first, then in order of their first sentence.
    """
    articles = list(articles)
    sentences = _sentences(articles)
    if not sentences:
        return []
    df = _vectorize(sentences)
    parent = list(range(len(sentences)))
    members: dict[int, set[int]] = {i: {s.article} for i, s in enumerate(sentences)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in _pairs(sentences, df):
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue  # one sentence per article in a claim
        root, child = min(ri, rj), max(ri, rj)
        parent[child] = root
        members[root] |= members.pop(child)

    groups: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        groups.setdefault(find(i), []).append(i)
    statements = {aid: ann.statements for aid, _, ann in articles}
    ranked = []
    for idx in groups.values():
        idx.sort(key=lambda i: (sentences[i].order, sentences[i].span))
        first = (sentences[idx[0]].order, sentences[idx[0]].span)
        ranked.append((first, _claim([sentences[i] for i in idx], statements)))
    ranked.sort(key=lambda fc: (-len(fc[1].outlets), fc[0]))
    return [claim for _, claim in ranked]


def _claim(group: list[_Sentence], statements: dict[int, list[Statement]]) -> Claim:
    outlets: list[str] = []
    rows = []
    speakers = []
    for s in group:
        if s.outlet not in outlets:
            outlets.append(s.outlet)
        rows.append(
            {"article": s.article, "outlet": s.outlet, "text": s.text, "span": list(s.span)}
        )
        speakers.extend(resting_statements(s.article, s.outlet, s.span, statements[s.article]))
    return Claim(text=group[0].text, sentences=rows, outlets=outlets, speakers=speakers)


def resting_statements(
    article: int, outlet: str, span: Span, statements: list[Statement]
) -> list[dict]:
    """The statements whose content overlaps the sentence span, as claim speaker rows."""
    out = []
    for index, st in enumerate(statements):
        a, b = st.content_span
        if a < span[1] and span[0] < b:
            via = None
            if st.via is not None and 0 <= st.via < len(statements) and st.via != index:
                via = statements[st.via].speaker_entity or statements[st.via].speaker
            out.append(
                {
                    "article": article,
                    "outlet": outlet,
                    "statement": index,
                    "speaker": st.speaker_entity or st.speaker,
                    "kind": str(st.speaker_kind),
                    "via": via,
                    "cue": st.cue,
                }
            )
    return out


def only_reported_by(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """Outlet -> the claims no other outlet of the story carries."""
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        if len(claim.outlets) == 1:
            out.setdefault(claim.outlets[0], []).append(claim)
    return out
