"""The learned step of the statement finder: cues from the cue model, spans from the units.

For every candidate token the cue model (data/models/statement_cues.json.gz) gives the
probability that it heads an attribution cue; above the model's tuned threshold, the
unit model (statement_units.json.gz) labels each unit around it content, source, cue or
none. The content is the run from the first to the last content unit, the source the
source units on the side of the best one, the cue the cue token with its cue units.
Both models were trained on PolNeAR train by benchmarks/train_statements.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from storytrace.annotate import statement_features as sf
from storytrace.annotate.statement_model import LinearModel, load_model
from storytrace.model import Span

CUE_MODEL = "statement_cues.json.gz"
UNIT_MODEL = "statement_units.json.gz"
_CONTENT, _SOURCE, _CUE = 1, 2, 3
NESTED_KEEP = 0.7
"""Cue probability at which a cue inside another statement's content is kept (_outermost)."""


@dataclass(slots=True)
class Found:
    """One cue the models found, with the spans its units give (token ranges [start, end))."""

    cue: Token
    score: float
    cue_range: tuple[int, int]
    content: tuple[int, int] | None
    source: tuple[int, int] | None
    source_head: Token | None
    content_units: list[str]
    under: bool = False
    """Scored under the cue threshold, admitted by `slack` for the statement filter."""
    nested: bool = False
    """Inside the content of a more certain cue: `_outermost` drops it unless marking."""


def models() -> tuple[LinearModel, LinearModel]:
    """The cue and unit models: the packaged ones, loaded once per process."""
    if _override is not None:
        return _override
    return load_model(CUE_MODEL), load_model(UNIT_MODEL)


_override: tuple[LinearModel, LinearModel] | None = None


@contextmanager
def using(cue_model: LinearModel, unit_model: LinearModel) -> Iterator[None]:
    """Use these models instead of the packaged ones (for training and tuning)."""
    global _override
    before, _override = _override, (cue_model, unit_model)
    try:
        yield
    finally:
        _override = before


def thresholds(cue_model: LinearModel) -> tuple[float, float]:
    """Cue probability above which a token is a cue: (any token, a reporting verb of the
    lexicon); both tuned on held-out train."""
    general = float(cue_model.meta.get("threshold", 0.5))
    return general, float(cue_model.meta.get("threshold_lexicon", general))


def cue_lemmas(cue_model: LinearModel) -> frozenset[str]:
    """The lemmas seen heading a cue in training: no other token is asked (empty: all are)."""
    return _lemma_set(cue_model)


@lru_cache(maxsize=4)
def _lemma_set(cue_model: LinearModel) -> frozenset[str]:
    return frozenset(cue_model.meta.get("cue_lemmas", ()))


def char_span(doc: Doc, rng: tuple[int, int]) -> Span:
    """Character offsets of the token range [start, end)."""
    last = doc[rng[1] - 1]
    return doc[rng[0]].idx, last.idx + len(last)


def _label_tokens(units: list[sf.Unit], labels: list[int]) -> dict[int, int]:
    """Token index -> role: tree units first, then quotes and sentences labelled content."""
    roles: dict[int, int] = {}
    for unit, lab in zip(units, labels, strict=True):
        if unit.path.startswith(("q:", "next", "prev")):
            continue
        for i in range(unit.start, unit.end):
            roles[i] = lab
    for unit, lab in zip(units, labels, strict=True):
        if lab == _CONTENT and unit.path.startswith(("q:", "next", "prev")):
            for i in range(unit.start, unit.end):
                if roles.get(i, 0) in (0, _CONTENT, _SOURCE):
                    roles[i] = _CONTENT
    return roles


_CONJ_REACH = 8
"""Tokens after a coordinating conjunction within which its conjunct must start."""


def _joins_conjunct(doc: Doc, i: int, verb_class: dict[str, str]) -> bool:
    """Whether the conjunction `doc[i]` ("and", "or") coordinates what comes after it with
    what comes before: a conjunct follows within `_CONJ_REACH` tokens, and it is no verb of
    speech or report, which starts a statement of its own ("said X and swears Y")."""
    if doc[i].pos_ != "CCONJ":
        return False
    conj = next((t for t in doc[i + 1 : i + 1 + _CONJ_REACH] if t.dep_ == "conj"), None)
    return conj is not None and verb_class.get(sf.lemma(conj)) not in ("speech", "report")


def _run(
    doc: Doc,
    roles: dict[int, int],
    seed: int,
    role: int,
    bridge: frozenset[int],
    verb_class: dict[str, str] | None = None,
):
    """The run of `role` tokens around `seed`, across punctuation and `bridge` roles; with
    `verb_class`, across a coordinating conjunction the units left unlabelled too, so
    "promising to meet and in some years exceed the targets" keeps both conjuncts when the
    units call both content (PolNeAR dev: 3 contents fixed, none broken; held-out fifth of
    train: 3 / 0)."""

    def passable(i: int) -> bool:
        r = roles.get(i)
        if not r and verb_class is not None and _joins_conjunct(doc, i, verb_class):
            return True
        return r == role or r in bridge or doc[i].is_punct or doc[i].is_space

    start = last = seed
    i = seed - 1
    while i >= 0 and passable(i):
        if roles.get(i) == role:
            start = i
        i -= 1
    i = seed + 1
    while i < len(doc) and passable(i):
        if roles.get(i) == role:
            last = i
        i += 1
    return start, last + 1


def _bare_prepositions(units: list[sf.Unit], labels: list[int]) -> None:
    """A preposition is part of the cue only with its object ("called for a ban", not
    "reported on Tuesday"): one whose object is nothing is nothing too."""
    for k, unit in enumerate(units):
        if labels[k] != _CUE or not unit.path.endswith(("prep", "agent")):
            continue
        objects = [labels[j] for j, u in enumerate(units) if u.path.startswith(unit.path + ">")]
        if objects and all(lab == 0 for lab in objects):
            labels[k] = 0


def find(
    info: sf.DocInfo,
    cue_model: LinearModel,
    unit_model: LinearModel,
    slack: float = 0.0,
    mark_nested: bool = False,
) -> list[Found]:
    """Every cue the models find in `info.doc`, in text order. With `slack`, cues scoring
    up to that much under the threshold come too (`under`), and with `mark_nested` the
    nested cues `_outermost` would drop are kept and marked: the statement filter
    (statement_filter.py) judges them."""
    doc = info.doc
    cut, cut_lexicon = thresholds(cue_model)
    lemmas = cue_lemmas(cue_model)
    verb_class = info.lex.verb_class
    out = []
    for tok in sf.cue_candidates(doc):
        if not sf.asked(tok, lemmas, info.lex):
            continue
        lem = sf.lemma(tok)
        score = cue_model.proba(sf.cue_features(tok, info), info.vector(tok.i))[0]
        lexical = tok.pos_ == "VERB" and verb_class.get(lem) in ("speech", "report")
        threshold = cut_lexicon if lexical else cut
        if score < threshold - slack:
            continue
        units = sf.units_for(tok, info)
        summary = sf.cue_summary(tok, info)
        probs = [unit_model.proba(sf.unit_features(tok, u, summary, info)) for u in units]
        labels = [max(range(len(p)), key=p.__getitem__) for p in probs]
        _bare_prepositions(units, labels)
        roles = _label_tokens(units, labels)
        roles[tok.i] = _CUE
        content = source = source_head = None
        picked = [k for k, lab in enumerate(labels) if lab == _CONTENT]
        if picked:
            best = max(picked, key=lambda k: probs[k][_CONTENT])
            seed = next(
                (i for i in range(units[best].start, units[best].end) if roles.get(i) == _CONTENT),
                None,
            )
            if seed is not None:
                bridge = frozenset({_CUE, _SOURCE})
                content = _run(doc, roles, seed, _CONTENT, bridge, verb_class)
        picked = [k for k, lab in enumerate(labels) if lab == _SOURCE]
        if picked:
            best = max(picked, key=lambda k: probs[k][_SOURCE])
            head = units[best].head
            seed = head.i if roles.get(head.i) == _SOURCE else None
            if seed is None:
                seed = next(
                    (
                        i
                        for i in range(units[best].start, units[best].end)
                        if roles.get(i) == _SOURCE
                    ),
                    None,
                )
            if seed is not None:
                source, source_head = _run(doc, roles, seed, _SOURCE, frozenset()), head
        cue_range = _run(doc, roles, tok.i, _CUE, frozenset())
        out.append(
            Found(
                cue=tok,
                score=score,
                cue_range=cue_range,
                content=content,
                source=source,
                source_head=source_head,
                content_units=[units[k].path for k, lab in enumerate(labels) if lab == _CONTENT],
                under=score < threshold,
            )
        )
    return _outermost(out, mark_nested)


def _outermost(found: list[Found], mark: bool = False) -> list[Found]:
    """Drop a cue inside the content of a more certain one: "Flynn said Trump was right
    when he said ..." is Flynn's statement, and what Trump said is part of its content
    (PolNeAR attributes each stretch of text once, to the outermost speaker; dev: content
    precision +0.04, recall -0.02). A cue the model is sure of stays all the same
    (`NESTED_KEEP`): "Rendell recalled, suggesting ...", "said ... and called it ...".
    On PolNeAR train half of the cues this drops are gold cues, and those scoring 0.7 or
    more mostly are (dev tune half content F1 0.768 -> 0.772, check half 0.773 -> 0.777;
    0.6 to 0.8 score alike). With `mark`, such cues stay, marked `nested` (only cues
    over the threshold count as more certain ones then, as without marking)."""
    for f in found:
        f.nested = f.score < NESTED_KEEP and any(
            o is not f
            and not o.under
            and o.content is not None
            and o.content[0] <= f.cue.i < o.content[1]
            and o.score > f.score
            for o in found
        )
    return [f for f in found if mark or not f.nested]
