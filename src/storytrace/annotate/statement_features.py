"""Features of the learned statement finder: which tokens are cues, which units around a cue
are its source, its content or part of the cue itself.

The same functions serve training (benchmarks/train_statements.py) and extraction, so a
model always sees the features it was trained on. A feature is a short string; a model
is a weight per string (statement_model.py).

A *unit* is a piece of the parse around a cue token: the subtree of one of its children
("d:nsubj", "d:ccomp"), a preposition and its object apart ("d:prep" and "d:prep>pobj"),
the head the cue hangs from and the head's other children ("u1:parataxis/H",
"u1:parataxis/s:nsubj"), one level further up ("u2:..."), and the sentences just before
and after ("prev1", "next1"). Spans are built from the units a model labels.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from storytrace.annotate.cues import Lexicon
from storytrace.annotate.statement_quotes import Quote

CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ", "PROPN", "PUNCT", "SCONJ"})
"""Parts of speech a cue's head can have (PolNeAR train: 99.7% of cue heads)."""
_CUE_PUNCT = frozenset({":", "—", "―", "–", "-", "--"})
_SPLIT = ("prep", "agent")
CLOSED_POS = frozenset({"PRON", "DET", "ADP", "SCONJ", "PART", "AUX", "CCONJ", "PUNCT", "ADV"})
"""Closed-class parts of speech: features name such a word itself, other words by POS."""
_PARAGRAPH = re.compile(r"\n\s*\n")
OPEN_QUOTES = frozenset("“\"'‘«„`")
"""Characters a quoted passage can open with."""


def lemma(tok: Token) -> str:
    """Lower-cased lemma, or the lower-cased text when the pipeline has no lemmatizer."""
    return (tok.lemma_ or tok.text).lower()


_PART = {"VERB": "verb", "AUX": "verb", "ADJ": "adj", "NOUN": "noun", "PROPN": "noun"}


def word_class(tok: Token, lex: Lexicon) -> str | None:
    """The meaning class of `tok` as a word of attribution (data/attribution_words.tsv),
    or None: a past participle may be listed as an adjective ("convinced", "worried")."""
    part = _PART.get(tok.pos_)
    if part is None:
        return None
    low = tok.lower_
    cls = lex.class_of(part, lemma(tok), low)
    if cls is None and tok.tag_ == "VBN":
        cls = lex.class_of("adj", low, low)
    return cls


def noun_class(tok: Token, lex: Lexicon) -> str:
    """What kind of speaker a noun's lemma suggests, from the lexicon ("-" for none)."""
    low = lemma(tok)
    if low in lex.anonymous:
        return "anon"
    if low in lex.media_nouns:
        return "media"
    if low in lex.documents:
        return "doc"
    if low in lex.organizations:
        return "org"
    if low in lex.titles:
        return "title"
    return "-"


@dataclass(slots=True)
class DocInfo:
    """What the features need of one Doc besides its tokens, computed once."""

    doc: Doc
    text: str
    lex: Lexicon
    quotes: list[Quote]
    quote_of: list[int]
    """Token index -> index of the quote the token lies in, or -1."""
    para_starts: list[int]
    sents: list[tuple[int, int]]
    """Token range [start, end) of each sentence."""
    sent_of: list[int]
    """Token index -> index of its sentence in `sents`."""
    speech_verbs: list[int] = field(default_factory=list)
    """Token indices of the lexicon's speech and report verbs that have a subject: where
    another statement may start."""
    lower: list[str] = field(default_factory=list)
    """Token index -> lower-cased text (read for the neighbours of every candidate)."""
    pos: list[str] = field(default_factory=list)
    """Token index -> part of speech."""

    @classmethod
    def build(cls, doc: Doc, text: str, lex: Lexicon, quotes: list[Quote]) -> DocInfo:
        quote_of = [-1] * len(doc)
        lower, pos = [], []
        k = 0
        for tok in doc:
            lower.append(tok.lower_)
            pos.append(tok.pos_)
            while k < len(quotes) and quotes[k].span[1] <= tok.idx:
                k += 1
            if k < len(quotes) and quotes[k].span[0] <= tok.idx < quotes[k].span[1]:
                quote_of[tok.i] = k
        starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        sents = [(s.start, s.end) for s in doc.sents] if len(doc) else []
        sent_of = [0] * len(doc)
        for n, (a, b) in enumerate(sents):
            for i in range(a, b):
                sent_of[i] = n
        speech = [
            t.i
            for t in doc
            if t.pos_ == "VERB"
            and lex.verb_class.get(lemma(t)) in ("speech", "report")
            and any(c.dep_ == "nsubj" for c in t.children)
        ]
        return cls(doc, text, lex, quotes, quote_of, starts, sents, sent_of, speech, lower, pos)

    def word(self, i: int) -> str:
        """The lower-cased text of token `i`, or a boundary mark outside the doc."""
        if i < 0:
            return "<s>"
        return self.lower[i] if i < len(self.lower) else "</s>"

    def tag(self, i: int) -> str:
        """The part of speech of token `i`, or a boundary mark outside the doc."""
        if i < 0:
            return "<s>"
        return self.pos[i] if i < len(self.pos) else "</s>"

    def speech_verb_in(self, start: int, end: int, skip: int) -> bool:
        """Whether tokens [start, end) hold a speech verb with a subject other than `skip`."""
        k = bisect.bisect_left(self.speech_verbs, start)
        while k < len(self.speech_verbs) and self.speech_verbs[k] < end:
            if self.speech_verbs[k] != skip:
                return True
            k += 1
        return False

    def vector(self, i: int):
        """The parser's contextual vector of token `i` (doc.tensor), or None without one."""
        tensor = self.doc.tensor
        if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(self.doc):
            return None
        return tensor[i]

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def sent(self, i: int) -> tuple[int, int]:
        """Token range of the sentence of token `i`."""
        return self.sents[self.sent_of[i]]


# --------------------------------------------------------------------------- cues


def is_candidate(tok: Token) -> bool:
    """Whether `tok` may head a cue at all (cheap filter before the model)."""
    if tok.pos_ == "PUNCT" or not any(c.isalnum() for c in tok.text):
        return tok.text in _CUE_PUNCT
    return tok.pos_ in CANDIDATE_POS


def _subject_kind(subj: Token, lex: Lexicon) -> str:
    if subj.ent_type_:
        return subj.ent_type_
    if subj.pos_ == "PRON":
        return "PRON:" + subj.lower_
    if subj.pos_ == "PROPN":
        return "PROPN"
    return noun_class(subj, lex)


def cue_features(tok: Token, info: DocInfo) -> list[str]:
    """The features of a candidate cue token."""
    lex = info.lex
    lem, pos, dep, tag = lemma(tok), tok.pos_, tok.dep_, tok.tag_
    head = tok.head
    feats = [
        "b",
        f"l={lem}",
        f"w={tok.lower_}",
        f"p={pos}",
        f"t={tag}",
        f"d={dep}",
        f"lp={lem}|{pos}",
        f"ld={lem}|{dep}",
        f"pd={pos}|{dep}",
        f"lt={lem}|{tag}",
        f"hp={head.pos_}|{dep}",
        f"hl={lemma(head)}|{dep}",
        f"gd={dep}|{head.dep_}",
    ]
    cls = lex.verb_class.get(lem)
    if cls is not None:
        feats += [f"vc={cls}", f"vc={cls}|{dep}", f"vc={cls}|{tag}"]
    if pos in ("NOUN", "PROPN"):
        feats.append(f"nc={noun_class(tok, lex)}")
    deps = set()
    for ch in tok.children:
        cd = ch.dep_
        deps.add(cd)
        if cd in ("prep", "agent", "prt", "mark", "advmod", "aux", "auxpass", "neg"):
            feats += [f"cw={cd}:{ch.lower_}", f"lcw={lem}|{cd}:{ch.lower_}"]
        if cd in ("nsubj", "nsubjpass", "poss", "dobj", "dative"):
            kind = _subject_kind(ch, lex)
            feats += [f"s={cd}:{kind}", f"ls={lem}|{cd}:{kind}", f"sl={cd}:{lemma(ch)}"]
        if cd in ("ccomp", "xcomp", "dobj", "pcomp", "acl", "advcl"):
            feats += [f"cp={cd}:{ch.pos_}", f"lcp={lem}|{cd}:{ch.pos_}"]
    for cd in deps:
        feats += [f"c={cd}", f"lc={lem}|{cd}", f"pc={pos}|{cd}"]
    if not deps:
        feats.append("leaf")
    prev, nxt = info.word(tok.i - 1), info.word(tok.i + 1)
    feats += [f"pw={prev}", f"nw={nxt}", f"lnw={lem}|{nxt}", f"lpw={lem}|{prev}"]
    q = info.quote_of[tok.i]
    s_start, s_end = info.sent(tok.i)
    if q >= 0:
        feats.append("inq")
    elif info.quote_of[s_start] >= 0 or info.quote_of[s_end - 1] >= 0:
        feats += ["sentq", f"sentq|{pos}"]
    if tok.i == s_start:
        feats.append("first")
    if s_start == 0:
        feats.append("headline")
    if info.text[tok.idx + len(tok) : tok.idx + len(tok) + 2].strip()[:1] == ":":
        feats.append("colon_after")
    feats += _context_features(tok, lem, info, s_start, s_end)
    feats += _conjunction_features(tok, lem, info, s_start, s_end)
    return feats


_ROLE_DEPS = frozenset({"acomp", "attr", "oprd", "pobj", "xcomp", "ccomp", "dobj", "npadvmod"})


def _conjunction_features(
    tok: Token, lem: str, info: DocInfo, s_start: int, s_end: int
) -> list[str]:
    """The lemma joined with its surroundings, for the long tail of belief and stance cues
    whose cue-ness depends on a complement ("is sure", "was willing", "a supporter of",
    "in a poll"): the head's lemma, the neighbours' parts of speech, the complement's
    lemma and mark, and a reporting verb elsewhere in the sentence (PolNeAR dev tune
    half, cue average precision at C 0.2: 0.902 without them, 0.905 with)."""
    head = tok.head
    pp, npos = info.tag(tok.i - 1), info.tag(tok.i + 1)
    p2, n2 = info.word(tok.i - 2), info.word(tok.i + 2)
    feats = [
        f"lhl={lem}|{lemma(head)}",
        f"lhd={lem}|{tok.dep_}|{head.pos_}",
        f"pp={pp}",
        f"npos={npos}",
        f"lpp={lem}|{pp}",
        f"lnp={lem}|{npos}",
        f"p2w={p2}",
        f"n2w={n2}",
        f"ppn={pp}|{npos}",
        f"dd={tok.dep_}|{head.dep_}|{head.head.dep_}",
    ]
    for ch in tok.children:
        if ch.dep_ in _ROLE_DEPS:
            cl = lemma(ch)
            feats += [f"rc={ch.dep_}:{cl}", f"lrc={lem}|{ch.dep_}:{cl}"]
            if ch.dep_ == "ccomp":
                mark = next((g.lower_ for g in ch.children if g.dep_ == "mark"), "-")
                feats.append(f"lccm={lem}|{mark}")
    if info.speech_verb_in(s_start, s_end, tok.i):
        feats += ["sentsv", f"lsentsv={lem}", f"psentsv={tok.pos_}"]
    return feats


_NESTING_DEPS = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "acl", "relcl", "conj", "dobj"})


def _context_features(tok: Token, lem: str, info: DocInfo, s_start: int, s_end: int) -> list[str]:
    """The cue's wider context: a quote beside it, the reporting verb it is nested under,
    what its complement is, whose clause it belongs to, what kind of noun it is."""
    lex, feats = info.lex, []
    here = info.quote_of[tok.i]
    # '"...," he said' / 'said: "..."': a quote within three tokens, outside the token's own.
    for side, near in (
        ("L", range(tok.i - 1, max(s_start, tok.i - 4) - 1, -1)),
        ("R", range(tok.i + 1, min(s_end, tok.i + 4))),
    ):
        if any(info.quote_of[j] >= 0 and info.quote_of[j] != here for j in near):
            feats += [f"qadj={side}", f"lqadj={lem}|{side}"]
    # PolNeAR annotates no attribution inside another's content: a cue under a reporting
    # verb ("Flynn said Trump was right when he said ...") is rarely one.
    node, hops = tok, 0
    while node.dep_ != "ROOT" and node.head.i != node.i and hops < 4:
        parent, hops = node.head, hops + 1
        cls = lex.verb_class.get(lemma(parent))
        if cls is not None and parent.pos_ == "VERB" and node.dep_ in _NESTING_DEPS:
            feats += [f"anc={cls}", f"anc={cls}|{node.dep_}", f"anc|h={hops}"]
            break
        node = parent
    for ch in tok.children:
        if ch.dep_ == "ccomp":
            mark = next((g.lower_ for g in ch.children if g.dep_ == "mark"), "-")
            subj = next((g for g in ch.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            kind = _subject_kind(subj, lex) if subj is not None else "none"
            feats += [f"ccm={mark}", f"ccs={kind}"]
        elif ch.dep_ == "xcomp":
            feats.append(f"xl={lemma(ch)}")
        elif ch.dep_ == "prep" and tok.pos_ in ("NOUN", "PROPN"):
            pobj = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                feats.append(f"np={ch.lower_}:{_subject_kind(pobj, lex)}")
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "pcomp", "relcl"):
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            feats.append(f"hs={_subject_kind(subj, lex)}")
    if tok.pos_ in ("NOUN", "PROPN"):
        cls = lex.cue_nouns.get(lem)
        if cls is not None:
            feats += [f"cn={cls}", f"cn={cls}|{tok.dep_}"]
    feats += _class_features(tok, lem, lex)
    return feats



def _class_features(tok: Token, lem: str, lex: Lexicon) -> list[str]:
    """The meaning classes (data/attribution_words.tsv) of the candidate and of its
    complements, so that a word rare in training scores like its class: "are convinced"
    and "is likely to" are cues as "is sure" is (PolNeAR dev content F1 tune 0.778 ->
    0.781, check 0.776 -> 0.777; also asking the listed words lost on check)."""
    feats = []
    cls = word_class(tok, lex)
    if cls is not None:
        part = _PART[tok.pos_]
        feats += [f"wx={part}:{cls}", f"wx={part}:{cls}|{tok.dep_}"]
    if tok.tag_ == "VBN" and tok.pos_ != "ADJ":
        # "are convinced", "was determined": the participle is a verb to the parser but
        # reads as the listed adjective (content F1 tune 0.780 -> 0.782, check +0.0005).
        adj = lex.class_of("adj", tok.lower_, tok.lower_)
        if adj is not None:
            feats += [f"wx=adj:{adj}", f"wx=adj:{adj}|{tok.dep_}"]
    for ch in tok.children:
        if ch.dep_ in _ROLE_DEPS:
            cls = word_class(ch, lex)
            if cls is not None:
                part = _PART[ch.pos_]
                feats += [
                    f"rx={ch.dep_}:{part}:{cls}",
                    f"lrx={lem}|{ch.dep_}:{part}:{cls}",
                    f"prx={tok.pos_}|{ch.dep_}:{part}:{cls}",
                ]
    # Two complements of one class give one feature: the model counts a feature once.
    return list(dict.fromkeys(feats))


def asked(tok: Token, lemmas: frozenset[str], lex: Lexicon) -> bool:
    """Whether the cue model is asked about candidate `tok`: its lemma headed a cue in
    training, or the lexicon knows it as a reporting verb or a cue noun (by lemma or, for
    a lemmatizer slip like "rated" -> "rat", by its inflected form)."""
    if not lemmas:
        return True
    lem = lemma(tok)
    if lem in lemmas or lem in lex.verb_class or lem in lex.cue_nouns:
        return True
    form = lex.verb_forms.get(tok.lower_)
    return form is not None and (form in lemmas or form in lex.verb_class)


def cue_candidates(doc: Doc) -> Iterator[Token]:
    """The tokens worth asking the cue model about, in order."""
    for tok in doc:
        if is_candidate(tok):
            yield tok


# --------------------------------------------------------------------------- units


@dataclass(slots=True)
class Unit:
    """A piece of the parse around a cue: its tokens (doc indices, sorted) and its path."""

    start: int
    end: int
    """Token range [start, end) in the doc: a subtree is contiguous in a projective parse."""
    path: str
    head: Token


def _range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _child_units(node: Token, prefix: str, skip: Token | None) -> list[Unit]:
    out = []
    for ch in node.children:
        if skip is not None and ch.i == skip.i:
            continue
        if ch.dep_ in _SPLIT and any(g.dep_ in ("pobj", "pcomp") for g in ch.children):
            out.append(Unit(ch.i, ch.i + 1, f"{prefix}{ch.dep_}", ch))
            for g in ch.children:
                out.append(Unit(*_range(g), f"{prefix}{ch.dep_}>{g.dep_}", g))
        else:
            out.append(Unit(*_range(ch), f"{prefix}{ch.dep_}", ch))
    return out


def units_for(cue: Token, info: DocInfo, levels: int = 2) -> list[Unit]:
    """The units around `cue`: its children, its heads' other children, the quotes and
    sentences beside it."""
    out = _child_units(cue, "d:", None)
    node, level = cue, 0
    while node.dep_ != "ROOT" and node.head.i != node.i and level < levels:
        parent = node.head
        level += 1
        prefix = f"u{level}:{node.dep_}/"
        out.append(Unit(parent.i, parent.i + 1, prefix + "H", parent))
        out.extend(_child_units(parent, prefix + "s:", node))
        node = parent
    doc = cue.doc
    out.extend(_quote_units(cue, info))
    n = info.sent_of[cue.i]
    if n + 1 < len(info.sents):
        a, b = info.sents[n + 1]
        out.append(Unit(a, b, "next1", doc[a:b].root))
    if n > 0:
        a, b = info.sents[n - 1]
        out.append(Unit(a, b, "prev1", doc[a:b].root))
    return out


def _quote_units(cue: Token, info: DocInfo) -> list[Unit]:
    """The quotes near the cue, outside it: in its sentence or the sentences beside."""
    doc = cue.doc
    n = info.sent_of[cue.i]
    lo = info.sents[max(0, n - 1)][0]
    hi = info.sents[min(len(info.sents) - 1, n + 1)][1]
    seen, out = set(), []
    for i in range(lo, hi):
        k = info.quote_of[i]
        if k < 0 or k in seen:
            continue
        seen.add(k)
        if k == info.quote_of[cue.i]:
            continue
        start = i
        end = i
        while end < len(doc) and info.quote_of[end] == k:
            end += 1
        side = "L" if end <= cue.i else "R"
        out.append(Unit(start, end, f"q:{side}", doc[start]))
    return out


def _size(n: int) -> str:
    if n <= 1:
        return "1"
    if n <= 3:
        return "3"
    if n <= 8:
        return "8"
    if n <= 20:
        return "20"
    return "big"


def cue_summary(cue: Token, info: DocInfo) -> list[str]:
    """Features of the cue shared by all its units (computed once per cue)."""
    lem = lemma(cue)
    deps = {c.dep_ for c in cue.children}
    cls = info.lex.verb_class.get(lem, "-")
    start, end = info.sent(cue.i)
    while end - 1 > start and cue.doc[end - 1].is_space:
        end -= 1
    end_char = cue.doc[end - 1].text[-1:]
    return [
        f"cl={lem}",
        f"cp={cue.pos_}",
        f"cd={cue.dep_}",
        f"vc={cls}",
        "ccomp" if "ccomp" in deps else "noccomp",
        "pass" if "auxpass" in deps else "act",
        "colon" if end_char == ":" or cue.text == ":" else "nocolon",
    ]


def unit_features(cue: Token, unit: Unit, summary: list[str], info: DocInfo) -> list[str]:
    """The features of one unit of one cue."""
    doc = info.doc
    path = unit.path
    head = unit.head
    side = "L" if unit.end <= cue.i else ("R" if unit.start > cue.i else "O")
    n = unit.end - unit.start
    feats = ["b", f"p={path}", f"p={path}|{side}", f"p={path}|n={_size(n)}"]
    feats += [f"p={path}|{s}" for s in summary]
    feats += [f"{s}|{side}" for s in summary[:2]]
    hp = head.pos_
    feats += [f"p={path}|h={hp}", f"p={path}|ht={head.tag_}", f"h={hp}|{side}"]
    if head.ent_type_:
        feats += [f"p={path}|e={head.ent_type_}", f"e={head.ent_type_}"]
    if hp in CLOSED_POS:
        feats.append(f"p={path}|w={head.lower_}")
    if hp in ("NOUN", "PROPN"):
        feats.append(f"p={path}|nc={noun_class(head, info.lex)}")
    if path.endswith("/H") or path.startswith("d:prep") or path.startswith("d:agent"):
        feats.append(f"p={path}|hl={lemma(head)}")
    first, last = doc[unit.start], doc[unit.end - 1]
    q0, q1 = info.quote_of[unit.start], info.quote_of[unit.end - 1]
    if q0 >= 0 or q1 >= 0:
        whole = q0 >= 0 and q0 == q1
        feats += [f"p={path}|q={'whole' if whole else 'part'}"]
    if first.text[:1] in OPEN_QUOTES:
        feats.append(f"p={path}|qstart")
    if info.quote_of[cue.i] >= 0:
        feats.append(f"p={path}|cueinq")
    if path.startswith("q:"):
        feats += _gap_features(cue, unit, info)
    if path in ("next1", "prev1"):
        same = info.paragraph(first.idx) == info.paragraph(cue.idx)
        feats += [f"{path}|para={same}", f"{path}|last={last.text[-1:]}"]
    if info.speech_verb_in(unit.start, unit.end, cue.i):
        # Another "X said" inside the unit: it is likely that statement's, not this one's.
        feats += [f"p={path}|sv", f"sv|{side}"]
    return feats


def _gap_features(cue: Token, unit: Unit, info: DocInfo) -> list[str]:
    """What lies between a quote and its cue: nothing, the cue's subject, another verb."""
    doc, path = info.doc, unit.path
    gap = range(unit.end, cue.i) if unit.end <= cue.i else range(cue.i + 1, unit.start)
    words = [doc[i] for i in gap if not (doc[i].is_punct or doc[i].is_space)]
    feats = [f"{path}|gap={_size(len(words))}"]
    s_start, s_end = info.sent(cue.i)
    if unit.start < s_start or unit.end > s_end:
        feats.append(f"{path}|othersent")
    if info.sent_of[unit.start] != info.sent_of[unit.end - 1]:
        feats.append(f"{path}|multisent")
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    if verbs:
        feats.append(f"{path}|gapverb")
    subtree = all(t.head.i == cue.i or cue.is_ancestor(t) for t in words)
    feats.append(f"{path}|gapsub={subtree}")
    if any(info.quote_of[t.i] >= 0 for t in words):
        feats.append(f"{path}|gapquote")
    return feats
