"""Reader for ECB+ in ../shared/data/stories/ecbplus (never copied here).

Each document becomes an `EcbDoc`: its text re-joined from the tokens (sentence 0, the
page URL in `ecbplus` files, dropped), its gold story cluster `(topic, "ecb"|"ecbplus")`
as the README defines it, and its annotated participant and location mentions (not used
as entities by default: the benchmark runs spaCy NER instead, as the pipeline would).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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

    @property
    def gold(self) -> str:
        return f"{self.topic}{self.half}"


def detokenize(tokens: list[str]) -> str:
    """Penn-Treebank tokens back to readable text (quotes as straight double quotes)."""
    out: list[str] = []
    glue = True
    for tok in tokens:
        word = '"' if tok in ("``", "''") else tok
        if out and not glue and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(word)
        glue = tok in _NO_SPACE_AFTER
    return "".join(out)


def read_doc(path: Path) -> EcbDoc:
    """One document file."""
    m = _NAME.match(path.name)
    if m is None:
        raise ValueError(f"{path}: not an ECB+ document name")
    root = etree.parse(str(path)).getroot()
    by_sentence: dict[int, list[str]] = {}
    token_text: dict[str, str] = {}
    for tok in root.iter("token"):
        by_sentence.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        token_text[tok.get("t_id")] = tok.text or ""
    if m["half"] == "ecbplus":
        by_sentence.pop(0, None)  # the page URL (see the data set README)
    sentences = [detokenize(by_sentence[k]) for k in sorted(by_sentence)]
    mentions = []
    markables = root.find("Markables")
    for el in markables if markables is not None else ():
        if not isinstance(el.tag, str) or not el.tag.startswith(_ENTITY_TAGS):
            continue
        ids = [a.get("t_id") for a in el.findall("token_anchor")]
        if ids:
            mentions.append((detokenize([token_text.get(i, "") for i in ids]), el.tag))
    return EcbDoc(
        name=path.stem,
        topic=int(m["topic"]),
        half=m["half"],
        text=" ".join(sentences),
        sentences=sentences,
        mentions=mentions,
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
