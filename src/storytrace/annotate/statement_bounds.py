"""Content boundaries of a found statement: candidate spans around its cue, ranked by a model.

The unit model labels the pieces of the parse around a cue one by one and the rule passes
widen what it gives; the content that comes out can run on into a trailing clause, stop
short, leave out a split quote's second half, lie on the wrong side of the cue or take in
the source. For each cue, `candidates` lists the spans the parse offers besides the
current one: its sentence before and after the cue clause, the complement's subtree, the
clauses cut at commas, the quotes near it, the sentences that follow in the paragraph.
A binary model (data/models/statement_bounds.json.gz, trained on PolNeAR train by
benchmarks/train_bounds.py) scores each span for "matches the gold content" (token F1 >=
0.5); the best replaces the current one when it scores `margin` above it.

The score is linear and split three ways so a cue costs little: features of a start,
features of an end, and features of the pair (its side of the cue, size, sentences,
paragraphs). Starts and ends are scored once each, pairs only with the few pair features.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Token

from storytrace.annotate import statement_features as sf
from storytrace.annotate.statement_model import LinearModel, load_model

MODEL = "statement_bounds.json.gz"
_CUT = frozenset({",", ";", "—", "–", "--", ":", "-"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "pcomp", "oprd", "advcl"})
_MAX_TOKENS = 300
_MAX_CUTS = 4


@dataclass(slots=True)
class Candidate:
    """One content span: token range [start, end), its features and its model margin."""

    start: int
    end: int
    features: list[str]
    margin: float = 0.0


def model() -> LinearModel | None:
    """The packaged boundary model (None when the package has none)."""
    try:
        return load_model(MODEL)
    except FileNotFoundError:
        return None


def margin_needed(bounds: LinearModel) -> float:
    """How much more than the current span a candidate must score to replace it."""
    return float(bounds.meta.get("margin", 0.0))


_recorder: list | None = None


@contextmanager
def recording() -> Iterator[list]:
    """Collect every cue's candidates (for training): yields the list they are added to."""
    global _recorder
    before, _recorder = _recorder, []
    try:
        yield _recorder
    finally:
        _recorder = before


def recorder() -> list | None:
    """The list candidates are recorded into, or None outside `recording()`."""
    return _recorder


def _size(n: int) -> str:
    for cut in (1, 2, 4, 8, 16, 32, 64):
        if n <= cut:
            return str(cut)
    return "big"


def _edges(
    info: sf.DocInfo,
    cue: Token,
    cue_rng: tuple[int, int],
    speaker: tuple[int, int] | None,
    current: tuple[int, int],
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Candidate starts and ends (token index -> why it is one)."""
    doc = info.doc
    n_tok = len(doc)
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}

    def start(i: int, why: str) -> None:
        if 0 <= i < n_tok:
            starts.setdefault(i, []).append(why)

    def end(i: int, why: str) -> None:
        if 0 < i <= n_tok:
            ends.setdefault(i, []).append(why)

    a, b = current
    start(a, "cur")
    end(b, "cur")
    n = info.sent_of[cue.i]
    s0, s1 = info.sents[n]
    start(s0, "sent")
    end(s1, "sent")
    # The cue clause: the cue with its speaker, when the speaker is beside it.
    lo, hi = cue_rng
    if speaker is not None and (speaker[1] <= lo + 2 and speaker[1] >= lo - 3):
        lo = min(lo, speaker[0])
    if speaker is not None and (speaker[0] >= hi - 2 and speaker[0] <= hi + 3):
        hi = max(hi, speaker[1])
    if lo > s0 and doc[lo - 1].dep_ == "mark" and doc[lo - 1].head.i == cue.i:
        lo -= 1  # "..., as police said": the clause's "as" is no end of the content
    if lo > s0:
        end(lo, "clause")
    if hi < s1:
        start(hi, "clause")
    for ch in cue.children:
        if ch.dep_ in _COMPLEMENTS:
            start(ch.left_edge.i, "comp:" + ch.dep_)
            end(ch.right_edge.i + 1, "comp:" + ch.dep_)
    if doc[a].lower_ == "that" and a + 1 < b:
        start(a + 1, "that")
    # Clause cuts inside the current span: the last few commas (ends), the first (starts).
    cuts = [i for i in range(a + 1, b - 1) if doc[i].text in _CUT]
    for i in cuts[-_MAX_CUTS:]:
        end(i, "cut")
    for i in cuts[:2]:
        start(i + 1, "cut")
    # Quotes in the cue's sentence and the next one.
    hi_sent = info.sents[n + 1][1] if n + 1 < len(info.sents) else s1
    lo_sent = info.sents[n - 1][0] if n > 0 else s0
    seen = set()
    for i in range(lo_sent, hi_sent):
        k = info.quote_of[i]
        if k < 0 or k in seen:
            continue
        seen.add(k)
        j = i
        while j < n_tok and info.quote_of[j] == k:
            j += 1
        start(i, "qs")
        end(j, "qe")
    # Sentences around: the one before, the ones after in the paragraph.
    if n > 0:
        start(info.sents[n - 1][0], "prev")
    para = info.paragraph(doc[cue.i].idx)
    last = s1
    for k in range(1, 4):
        if n + k >= len(info.sents):
            break
        a2, b2 = info.sents[n + k]
        if info.paragraph(doc[a2].idx) != para:
            break
        if k == 1:
            start(a2, "next")
        end(b2, f"next{k}")
        last = b2
    if last != s1:
        end(last, "para")
    return starts, ends


def _start_features(info: sf.DocInfo, i: int, why: list[str]) -> list[str]:
    doc = info.doc
    tok = doc[i]
    prev = info.word(i - 1)
    feats = [f"s:{w}" for w in why]
    feats += [
        f"s:pw={prev}",
        f"s:pp={info.tag(i - 1)}",
        f"s:w={tok.lower_}" if tok.pos_ in sf.CLOSED_POS else f"s:p={tok.pos_}",
        f"s:d={tok.dep_}",
        f"s:q={info.quote_of[i] >= 0}",
    ]
    j = i - 1
    while j >= max(0, i - 3) and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j >= 0 and j != i - 1:
        # What stands before the punctuation the span starts after.
        before = doc[j]
        word = before.lower_ if before.pos_ in sf.CLOSED_POS else before.pos_
        feats += [f"s:px={word}", f"s:pxd={before.dep_}|{doc[i - 1].text}"]
        feats += [f"s:{w}|px={word}" for w in why]
    if info.sents[info.sent_of[i]][0] == i:
        feats.append("s:sentstart")
    if tok.text[:1] in sf.OPEN_QUOTES:
        feats.append("s:openq")
    return feats


def _end_features(info: sf.DocInfo, i: int, why: list[str]) -> list[str]:
    doc = info.doc
    last = doc[i - 1]
    feats = [f"e:{w}" for w in why]
    feats += [
        f"e:nw={info.word(i)}",
        f"e:np={info.tag(i)}",
        f"e:w={last.lower_}" if last.pos_ in sf.CLOSED_POS else f"e:p={last.pos_}",
        f"e:d={last.dep_}",
        f"e:q={info.quote_of[i - 1] >= 0}",
    ]
    j = i
    while j < min(len(doc), i + 3) and (doc[j].is_punct or doc[j].is_space):
        j += 1
    if j < len(doc) and j != i:
        # What a cut at punctuation leaves out: ", which ...", ", adding ...", ", a flaw".
        after = doc[j]
        word = after.lower_ if after.pos_ in sf.CLOSED_POS else after.pos_
        feats += [
            f"e:nx={word}",
            f"e:nxd={after.dep_}|{doc[i].text}",
            f"e:nxt={after.tag_}",
            f"e:nxh={after.dep_}|{'in' if after.head.i < i else 'out'}",
        ]
        feats += [f"e:{w}|nx={word}" for w in why]
    if info.sents[info.sent_of[i - 1]][1] == i:
        feats.append("e:sentend")
    return feats


def candidates(
    info: sf.DocInfo,
    cue: Token,
    cue_rng: tuple[int, int],
    speaker: tuple[int, int] | None,
    current: tuple[int, int],
    summary: list[str],
    bounds: LinearModel | None = None,
) -> list[Candidate]:
    """The candidate content spans of one cue, the current one first.

    With `bounds`, each candidate gets its margin and no feature list: the features of a
    start, of an end and of a side are scored once and summed (the hot path); without
    it, each gets its full feature list (for training)."""
    starts, ends = _edges(info, cue, cue_rng, speaker, current)
    sfeats = {i: _start_features(info, i, w) for i, w in starts.items()}
    efeats = {i: _end_features(info, i, w) for i, w in ends.items()}
    get = bounds.flat.get if bounds is not None else None
    memo: dict[tuple, float] = {}

    def part(key: tuple, feats: list[str]) -> float:
        m = memo.get(key)
        if m is None:
            m = memo[key] = sum(get(f, 0.0) for f in feats)  # type: ignore[misc]
        return m

    out = []
    lo, hi = cue_rng
    n_cue = info.sent_of[cue.i]
    para = info.paragraph(cue.idx)
    doc = info.doc
    for s, sw in starts.items():
        s_para = info.paragraph(doc[s].idx) != para
        for e, ew in ends.items():
            if (s, e) != current and (
                e - s < 2 or e - s > _MAX_TOKENS or (s < lo < e and not hi < e)
            ):
                continue  # too short, too long, or cut inside the cue
            side = "L" if e <= lo else ("R" if s >= hi else "O")
            gap = lo - e if side == "L" else (s - hi if side == "R" else 0)
            n_sent = info.sent_of[e - 1] - info.sent_of[s] + 1
            d_sent = info.sent_of[s] - n_cue
            pair = [
                f"side={side}",
                f"len={_size(e - s)}|{side}",
                f"gap={_size(gap)}|{side}",
                f"ns={min(n_sent, 4)}|{side}",
                f"ds={max(-2, min(d_sent, 2))}|{side}",
                f"se={sw[0]}|{ew[0]}",
                f"se={sw[0]}|{ew[0]}|{side}",
            ]
            if (s, e) == current:
                pair.append("current")
            else:
                a, b = current
                rel = (
                    "sub"
                    if a <= s and e <= b
                    else "super"
                    if s <= a and b <= e
                    else "apart"
                    if e <= a or b <= s
                    else "shift"
                )
                pair += [
                    f"rel={rel}|{side}",
                    f"rel={rel}|ds={_size(abs(s - a))}|de={_size(abs(e - b))}",
                    f"rel={rel}|{sw[0]}|{ew[0]}",
                ]
            if s_para or info.paragraph(doc[e - 1].idx) != para:
                pair.append(f"otherpara|{side}")
            if speaker is not None and s < speaker[1] and speaker[0] < e:
                pair.append(f"hasspeaker|{side}")
            if info.speech_verb_in(s, e, cue.i):
                pair.append(f"sv|{side}")
            q0, q1 = info.quote_of[s], info.quote_of[e - 1]
            if q0 >= 0 and q0 == q1:
                pair.append(f"onequote|{side}")
            elif q0 >= 0 or q1 >= 0:
                pair.append(f"quoteedge|{side}|{q0 >= 0}|{q1 >= 0}")
            if bounds is None:
                sided = [f"{side}|{w}" for w in (*sw, *ew, *summary)]
                out.append(Candidate(s, e, sfeats[s] + efeats[e] + sided + pair))
                continue
            margin = (
                part(("s", s), sfeats[s])
                + part(("e", e), efeats[e])
                + part(("ss", s, side), [f"{side}|{w}" for w in sw])
                + part(("es", e, side), [f"{side}|{w}" for w in ew])
                + part(("sum", side), [f"{side}|{x}" for x in summary])
                + sum(get(f, 0.0) for f in pair)  # type: ignore[misc]
            )
            out.append(Candidate(s, e, [], bounds.bias[0] + margin))
    out.sort(key=lambda c: (c.start, c.end) != current)
    return out


def score(bounds: LinearModel, cands: list[Candidate]) -> None:
    """Set the margin of candidates built with their feature lists (for training)."""
    get = bounds.flat.get
    bias = bounds.bias[0]
    for c in cands:
        c.margin = bias + sum(get(f, 0.0) for f in c.features)
