"""The statement filter: judge each finished statement of the learned finder as a whole.

The cue model scores a token and the unit model the pieces around it; nothing else asks
whether the statement they build, with its source, content and cue together, is an
attribution at all ("it was unclear whether ...", "the plan calls for ...", a
question). The filter is a binary linear model (data/models/statement_filter.json.gz,
trained on PolNeAR train by benchmarks/train_filter.py on statements the finder found
with cue and unit models that had not seen those articles) over features of the finished
statement: the cue's score, word and class, its tense, mood, negation and sentence; the
source's presence and kind; the content's size, side, shape and quotes. It also judges
cues the rules would have dropped: those scoring up to `slack` under the cue threshold
and those nested in a more certain statement's content.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Token

from storytrace.annotate import statement_features as sf
from storytrace.annotate.statement_learned import Found
from storytrace.annotate.statement_model import LinearModel, load_model
from storytrace.model import Span

MODEL = "statement_filter.json.gz"
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})
_SCORE_STEPS = tuple(round(0.05 * k, 2) for k in range(2, 20))


@dataclass(frozen=True, slots=True)
class Settings:
    """How the finder runs for the filter: cues this far under the threshold come too,
    nested cues are kept marked (when `nested`), and statements scoring under `threshold`
    are dropped."""

    slack: float
    threshold: float
    nested: bool = True


_override: tuple[LinearModel | None] | None = None
_recorder: list | None = None
_record_settings: Settings | None = None


def model() -> LinearModel | None:
    """The packaged filter (None when the package has none, or while recording)."""
    if _override is not None:
        return _override[0]
    if _recorder is not None:
        return None
    try:
        return load_model(MODEL)
    except FileNotFoundError:
        return None


def settings(filter_model: LinearModel | None) -> Settings | None:
    """The finder's settings for this filter, or None to run without one."""
    if _recorder is not None:
        return _record_settings
    if filter_model is None:
        return None
    meta = filter_model.meta
    return Settings(
        float(meta.get("slack", 0.0)),
        float(meta.get("threshold", 0.5)),
        bool(meta.get("nested", True)),
    )


@contextmanager
def using(filter_model: LinearModel | None) -> Iterator[None]:
    """Use this filter (None: none) instead of the packaged one (for training)."""
    global _override
    before, _override = _override, (filter_model,)
    try:
        yield
    finally:
        _override = before


@contextmanager
def recording(slack: float) -> Iterator[list]:
    """Run the finder with `slack` and keep every statement, recording each one's features
    (None for a statement the filter does not judge) and spans: for training."""
    global _recorder, _record_settings
    before = _recorder, _record_settings
    _recorder, _record_settings = [], Settings(slack, 0.0)
    try:
        yield _recorder
    finally:
        _recorder, _record_settings = before


def recorder() -> list | None:
    """The list statements are recorded into, or None outside `recording()`."""
    return _recorder


def _bin(n: int, cuts: tuple[int, ...]) -> str:
    for cut in cuts:
        if n <= cut:
            return str(cut)
    return "big"


def features(
    found: Found,
    info: sf.DocInfo,
    content: Span,
    speaker: Span | None,
    speaker_head: Token | None,
    kind: str,
    direct: bool,
) -> list[str]:
    """The features of one finished statement of the learned finder."""
    doc, lex = info.doc, info.lex
    cue = found.cue
    lem = sf.lemma(cue)
    vclass = lex.verb_class.get(lem, "-")
    wclass = sf.word_class(cue, lex) or "-"
    score = found.score
    feats = ["b", f"l={lem}", f"p={cue.pos_}", f"t={cue.tag_}", f"d={cue.dep_}"]
    feats += [f"vc={vclass}", f"wc={wclass}", f"lp={lem}|{cue.pos_}"]
    feats += [f"s>={c}" for c in _SCORE_STEPS if score >= c]
    if found.under:
        feats += ["under", f"under|vc={vclass}"]
    if found.nested:
        feats += ["nested", f"nested|vc={vclass}", f"nested|p={cue.pos_}"]
    if not found.under and not found.nested:
        feats.append("rules")
    # The cue's own clause: negation, modality, a question.
    kids = list(cue.children)
    if any(c.dep_ == "neg" for c in kids):
        feats.append("neg")
    modal = next((c.lower_ for c in kids if c.dep_ == "aux" and c.lower_ in _MODALS), None)
    if modal:
        feats.append(f"modal={modal}")
    if any(c.dep_ == "auxpass" for c in kids):
        feats.append("passive")
    s_start, s_end = info.sent(cue.i)
    sent_text = doc[s_start:s_end].text.rstrip()
    if sent_text.endswith("?") or sent_text.endswith("?\"") or sent_text.endswith("?”"):
        feats.append("question")
    position = (cue.i - s_start) / max(s_end - s_start, 1)
    feats.append(f"pos={int(position * 3)}")
    feats.append(f"sentlen={_bin(s_end - s_start, (6, 12, 25, 50))}")
    if info.sent_of[cue.i] == 0:
        feats.append("first_sentence")
    if info.quote_of[cue.i] >= 0:
        feats.append("cue_in_quote")
    # The source.
    if speaker is None:
        feats += ["nosrc", f"nosrc|vc={vclass}", f"nosrc|p={cue.pos_}", f"nosrc|l={lem}"]
    else:
        feats += [f"k={kind}", f"k={kind}|vc={vclass}", f"src|l={lem}"]
        if speaker_head is not None:
            feats.append(f"sh={speaker_head.pos_}")
            if speaker_head.pos_ == "PRON":
                feats.append(f"pron={speaker_head.lower_}")
        feats.append("src_after" if speaker[0] > cue.idx else "src_before")
    # The content.
    span = doc.char_span(content[0], content[1], alignment_mode="contract")
    toks = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    n = len(toks)
    feats.append(f"n={_bin(n, (2, 4, 8, 16, 32, 64))}")
    feats.append(f"n={_bin(n, (2, 4, 8, 16, 32, 64))}|vc={vclass}")
    side = "L" if content[1] <= cue.idx else ("R" if content[0] >= cue.idx else "O")
    feats += [f"side={side}", f"side={side}|vc={vclass}", f"side={side}|p={cue.pos_}"]
    feats.append(f"l={lem}|side={side}")
    if direct:
        feats += ["direct", f"direct|vc={vclass}"]
    if toks:
        first = toks[0]
        feats.append(f"c0={first.lower_ if first.pos_ in sf.CLOSED_POS else first.pos_}")
        if not any(t.pos_ in ("VERB", "AUX") for t in toks):
            feats += ["noverb", f"noverb|vc={vclass}"]
        sents = {info.sent_of[t.i] for t in toks}
        feats.append(f"csents={_bin(len(sents), (1, 2, 4))}")
    for path in found.content_units[:3]:
        feats.append(f"u={path.split('>')[0]}")
    if not found.content_units:
        feats.append("nounits")
    return feats


def score(filter_model: LinearModel, feats: list[str]) -> float:
    """The probability that a statement with these features is an attribution."""
    return filter_model.proba(feats)[0]
