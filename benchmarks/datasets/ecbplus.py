"""Reader for ECB+ in ../shared/data/stories/ecbplus (never copied here).

Each document becomes an `EcbDoc`: its text re-joined from the tokens (sentence 0, the
page URL in `ecbplus` files, dropped), its gold story cluster `(topic, "ecb"|"ecbplus")`
as the README defines it, and its annotated participant and location mentions (not used
as entities by default: the benchmark runs spaCy NER instead, as the pipeline would).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "stories" / "ecbplus"
CORPUS = DATA / "ECB+"
_NAME = re.compile(r"^(?P<topic>\d+)_(?P<n>\d+)(?P<half>ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ll"}
_NO_SPACE_BEFORE |= {"'ve", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_ENTITY_TAGS = ("HUMAN_PART_PER", "HUMAN_PART_ORG", "LOC_GEO", "LOC_FAC")


@dataclass(slots=True)
class EcbDoc:
    """One ECB+ document with its gold story cluster."""

    name: str
    topic: int
    half: str
    """`ecb` or `ecbplus`: with the topic, the gold story."""
    text: str
    sentences: list[str] = field(default_factory=list)
    mentions: list[tuple[str, str]] = field(default_factory=list)
    """(surface text, tag) of each annotated participant or location mention."""
    times: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, tag) in `text` of each annotated time mention (TIME_DATE, TIME_DURATION...)."""
    vouched: list[tuple[int, int]] = field(default_factory=list)
    """Spans in `text` of the sentences whose annotation the corpus authors vouch for."""

    @property
    def gold(self) -> str:
        return f"{self.topic}{self.half}"


def detokenize(tokens: list[str]) -> str:
    """Penn-Treebank tokens back to readable text (quotes as straight double quotes)."""
    return _detokenize(tokens)[0]


def _detokenize(tokens: list[str], offset: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """The text and each token's (start, end) in it, shifted by `offset`."""
    out: list[str] = []
    spans = []
    glue, length = True, 0
    for tok in tokens:
        word = '"' if tok in ("``", "''") else tok
        if out and not glue and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
            length += 1
        spans.append((offset + length, offset + length + len(word)))
        out.append(word)
        length += len(word)
        glue = tok in _NO_SPACE_AFTER
    return "".join(out), spans


@cache
def vouched_sentences(data: Path = DATA) -> dict[str, frozenset[int]]:
    """Document name -> numbers of its sentences in ECBplus_coreference_sentences.csv."""
    out: dict[str, set[int]] = {}
    with open(data / "ECBplus_coreference_sentences.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return {k: frozenset(v) for k, v in out.items()}


def read_doc(path: Path) -> EcbDoc:
    """One document file."""
    m = _NAME.match(path.name)
    if m is None:
        raise ValueError(f"{path}: not an ECB+ document name")
    root = etree.parse(str(path)).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    token_text: dict[str, str] = {}
    for tok in root.iter("token"):
        pair = (tok.get("t_id"), tok.text or "")
        by_sentence.setdefault(int(tok.get("sentence")), []).append(pair)
        token_text[pair[0]] = pair[1]
    if m["half"] == "ecbplus":
        by_sentence.pop(0, None)  # the page URL (see the data set README)
    sentences: list[str] = []
    token_span: dict[str, tuple[int, int]] = {}
    sentence_span: dict[int, tuple[int, int]] = {}
    offset = 0
    for number in sorted(by_sentence):
        ids = [t for t, _ in by_sentence[number]]
        text, spans = _detokenize([w for _, w in by_sentence[number]], offset)
        token_span.update(zip(ids, spans, strict=True))
        sentence_span[number] = (offset, offset + len(text))
        sentences.append(text)
        offset += len(text) + 1  # sentences are joined by one space
    mentions, times = [], []
    markables = root.find("Markables")
    for el in markables if markables is not None else ():
        if not isinstance(el.tag, str):
            continue
        ids = [a.get("t_id") for a in el.findall("token_anchor")]
        if not ids:
            continue
        if el.tag.startswith(_ENTITY_TAGS):
            mentions.append((detokenize([token_text.get(i, "") for i in ids]), el.tag))
        elif el.tag.startswith("TIME_"):
            spans = [token_span[i] for i in ids if i in token_span]
            if spans:
                times.append((min(a for a, _ in spans), max(b for _, b in spans), el.tag))
    vouched = vouched_sentences().get(path.stem, frozenset())
    return EcbDoc(
        name=path.stem,
        topic=int(m["topic"]),
        half=m["half"],
        text=" ".join(sentences),
        sentences=sentences,
        mentions=mentions,
        times=sorted(times),
        vouched=[sentence_span[n] for n in sorted(vouched) if n in sentence_span],
    )


def read_corpus(root: Path = CORPUS, topics: int | None = None) -> Iterator[EcbDoc]:
    """All documents in topic then file order; `topics` keeps only the first N topics."""
    if not root.is_dir():
        raise FileNotFoundError(f"ECB+ is expected at {root} (see its README)")
    dirs = sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()), key=_num)
    for topic_dir in dirs[:topics] if topics else dirs:
        for path in sorted(topic_dir.glob("*.xml"), key=lambda p: p.name):
            yield read_doc(path)


def _num(path: Path) -> int:
    return int(path.name)
