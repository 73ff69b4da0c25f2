"""Provenance: from each outlet, through the outlets it cites, to the primary sources.

Every statement of an article is a chain: the statement itself, the statement it came
`via`, that one's `via`, and so on ("Bloomberg reported, citing two sources": two
anonymous sources via Bloomberg). Read from the outside in, the chain is a path in the
story's tree: outlet -> Bloomberg (upstream) -> "two sources" (anonymous). Paths of all
statements of all (original) articles are merged into one tree per outlet.

Independent primary sources
---------------------------
`independent_sources` counts source groups, each statement giving at most one group key:

1. Syndicated copies are not read at all (the caller passes originals only).
2. The primary of a statement is the innermost speaker of its chain.
3. A named primary (person, organisation, document) is one group per canonical entity
   (`speaker_entity`, else the speaker text; case and a leading "the" ignored), however
   many outlets quote it and through whom.
4. An anonymous primary belongs to the nearest media outlet in its chain: all anonymous
   sources reached through one upstream outlet are one group, that outlet's report, in
   every article that cites it ("Bloomberg's sources" in two outlets are one group, not
   two). With no upstream outlet, the anonymous sources of one reporting outlet are that
   outlet's report (we cannot tell its unnamed people apart, so we do not count them as
   several, and other outlets citing the report add no group).
5. A media primary (an outlet's report with no source given beneath it) is the group of
   that outlet's report: the same group as rule 4's, so Bloomberg counts once whether or
   not its sources are mentioned.
6. Unknown speakers (an unresolved "he") are shown in the tree but not counted.
7. A statement others came `via` (a relay) gives no group of its own: its words are the
   ones it relays, and its source is counted through them (a media relay's group is the
   same report anyway).
8. A spokesperson speaks for whom they are named for: "a Ministry of Finance
   spokesperson", "a spokesperson for the ministry of finance" and "a finance ministry
   spokesperson" are the Ministry of Finance's group, and "a spokesperson for Prime
   Minister Sofia Rendell" is Sofia Rendell's when she is a group of her own (a title
   before the name is left out).

The count is the number of distinct group keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storytrace.model import Annotations, Article, ProvenanceNode, SpeakerKind, Statement
from storytrace.stories.items import outlet_name

StoryArticle = tuple[int, Article, Annotations]
UPSTREAM = "upstream"
OUTLET = "outlet"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def canonical(name: str) -> str:
    """The form names are compared in: lower case, spaces collapsed, no leading 'the'."""
    return _LEADING_THE.sub("", " ".join(name.split())).lower()


def chain(statements: list[Statement], index: int) -> list[int]:
    """The statement and those it was passed on through, innermost first (cycles cut)."""
    out = [index]
    seen = {index}
    current = statements[index].via
    while current is not None and 0 <= current < len(statements) and current not in seen:
        out.append(current)
        seen.add(current)
        current = statements[current].via
    return out


def _name(st: Statement) -> str:
    return (st.speaker_entity or st.speaker or "").strip() or "unnamed"


def _node_kind(st: Statement) -> str:
    return UPSTREAM if st.speaker_kind == SpeakerKind.MEDIA else str(st.speaker_kind)


_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:person|man|woman)|press (?:officer|secretary))\b", re.IGNORECASE
)
_PRINCIPAL_AFTER = re.compile(r"^\s+(?:for|of|at)\s+(.+)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_BODY_FIRST = re.compile(r"^(\w+) (ministry|department|office)$")
""""finance ministry": the word order of "ministry of finance" turned round."""


def _principal(speaker: str) -> str | None:
    """Whom a spokesperson speaks for ("a Ministry of Finance spokesperson", "a spokesman
    for the ministry"), in `canonical` form; None for any other speaker."""
    m = _SPOKESPERSON.search(speaker)
    if m is None:
        return None
    after = _PRINCIPAL_AFTER.match(re.split(r",|\s(?:who|which)\s", speaker[m.end() :])[0])
    name = after.group(1) if after else _ARTICLE.sub("", speaker[: m.start()].strip())
    name = canonical(re.sub(r"(?:'s|’s)$", "", name.strip()))
    return _BODY_FIRST.sub(r"\2 of \1", name) or None


def source_key(statements: list[Statement], index: int, outlet: str) -> tuple[str, str] | None:
    """The independent-source group of one statement (see the module docstring)."""
    links = chain(statements, index)
    primary = statements[links[0]]
    kind = primary.speaker_kind
    if kind == SpeakerKind.PERSON and not primary.speaker_entity:
        principal = _principal(primary.speaker or "")
        if principal:
            return ("spokesperson", principal)
    if kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.DOCUMENT):
        return ("named", canonical(_name(primary)))
    if kind == SpeakerKind.MEDIA:
        return ("report", canonical(_name(primary)))
    if kind == SpeakerKind.ANONYMOUS:
        for link in links[1:]:
            if statements[link].speaker_kind == SpeakerKind.MEDIA:
                return ("report", canonical(_name(statements[link])))
        return ("report", canonical(outlet))
    return None


def _child(parent: ProvenanceNode, name: str, kind: str) -> ProvenanceNode:
    for node in parent.children:
        if node.kind == kind and canonical(node.name) == canonical(name):
            return node
    node = ProvenanceNode(name=name, kind=kind, count=0)
    parent.children.append(node)
    return node


def provenance(articles: Iterable[StoryArticle]) -> tuple[list[ProvenanceNode], int]:
    """The provenance trees (one per outlet) and the count of independent source groups."""
    roots: dict[str, ProvenanceNode] = {}
    keys: set[tuple[str, str]] = set()
    seen_refs: dict[int, set[tuple[int, int]]] = {}

    def mark(node: ProvenanceNode, article: int, statement: int) -> None:
        node.count = (node.count or 0) + 1
        refs = seen_refs.setdefault(id(node), set())
        if (article, statement) not in refs:
            refs.add((article, statement))
            node.refs.append({"article": article, "statement": statement})

    for article_id, article, notes in articles:
        outlet = outlet_name(article)
        root = roots.setdefault(outlet, ProvenanceNode(name=outlet, kind=OUTLET, count=0))
        statements = notes.statements
        relayed = {s.via for s in statements if s.via is not None}
        for index in range(len(statements)):
            if index in relayed:
                continue  # walked as part of the chain of the statement it relays
            links = chain(statements, index)
            node = root
            mark(node, article_id, index)
            for link in reversed(links):
                st = statements[link]
                kind = _node_kind(st)
                if kind == UPSTREAM and canonical(_name(st)) == canonical(outlet):
                    continue  # "told CPA" in CPA's own article: the root is that outlet
                node = _child(node, _name(st), kind)
                mark(node, article_id, link)
            key = source_key(statements, index, outlet)
            if key is not None:
                keys.add(key)
    for root in roots.values():
        _sort(root)
    return list(roots.values()), len(_merge_spokespeople(keys))


def _merge_spokespeople(keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Each spokesperson's group joins the named group of whom they speak for (that name,
    or its end after a title: "prime minister sofia rendell" -> "sofia rendell")."""
    named = {name for kind, name in keys if kind == "named"}
    out = {key for key in keys if key[0] != "spokesperson"}
    for _, principal in keys - out:
        words = principal.split()
        ends = {" ".join(words[i:]) for i in range(len(words))}
        match = max(ends & named, key=len, default=None)
        out.add(("named", match or principal))
    return out


def _sort(node: ProvenanceNode) -> None:
    node.children.sort(key=lambda n: (-(n.count or 0), n.kind, canonical(n.name)))
    for child in node.children:
        _sort(child)


def upstream_outlets(trees: Iterable[ProvenanceNode]) -> list[str]:
    """Every upstream outlet named anywhere in the trees, most cited first."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}

    def walk(node: ProvenanceNode) -> None:
        for child in node.children:
            if child.kind == UPSTREAM:
                key = canonical(child.name)
                names.setdefault(key, child.name)
                counts[key] = counts.get(key, 0) + (child.count or 0)
            walk(child)

    for tree in trees:
        walk(tree)
    return [names[k] for k in sorted(counts, key=lambda k: (-counts[k], k))]
