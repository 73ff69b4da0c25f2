"""Reader for PolNeAR (attributions in US political news), as laid out in ../shared.

One `.ann` file per article is used. Annotator rule: where an article has several
(the agreement subset), the file whose annotator id sorts first is taken, so every
run scores the same gold. Attributions are built from the brat `E` records; a span in
pieces keeps its pieces.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "attribution" / "polnear"
_RECORD = re.compile(r"^([TE#]\d+)\t", re.M)

Pieces = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    """One attribution: its source, cue and content spans (each possibly in pieces)."""

    cue: Pieces = ()
    source: Pieces = ()
    content: Pieces = ()


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _pieces(offsets: str) -> Pieces:
    return tuple(
        (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";") if piece)
    )


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat .ann text (records may span lines: split on ids)."""
    spans: dict[str, tuple[str, Pieces]] = {}
    events: list[dict[str, str]] = []
    starts = [m.start() for m in _RECORD.finditer(ann)] + [len(ann)]
    for a, b in itertools.pairwise(starts):
        record = ann[a:b].rstrip("\n")
        rid, _, rest = record.partition("\t")
        if rid.startswith("T"):
            head = rest.split("\t", 1)[0]
            kind, _, offsets = head.partition(" ")
            spans[rid] = (kind, _pieces(offsets))
        elif rid.startswith("E"):
            args = {}
            for arg in rest.split("\t", 1)[0].split():
                role, _, ref = arg.partition(":")
                args[role] = ref
            events.append(args)
    out = []
    for args in events:
        att = GoldAttribution()
        for role, ref in args.items():
            if ref not in spans:
                continue
            pieces = spans[ref][1]
            if role == "Cue":
                att.cue = pieces
            elif role == "Source":
                att.source = pieces
            elif role == "Content" or role == "Content2":
                att.content = att.content + pieces
        if att.cue or att.content:
            out.append(att)
    return out


def read_split(
    split: str = "dev", root: Path = ROOT, limit: int | None = None
) -> Iterator[GoldArticle]:
    """The articles of `split` (train or dev) in name order, with their gold attributions."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"PolNeAR split {split!r} not found at {text_dir}")
    anns: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        article, _, _ = path.stem.rpartition("_")
        anns.setdefault(article, []).append(path)
    for n, txt in enumerate(sorted(text_dir.glob("*.txt"))):
        if limit is not None and n >= limit:
            return
        files = anns.get(txt.stem)
        if not files:
            continue
        chosen = min(files, key=lambda p: p.stem.rpartition("_")[2])
        yield GoldArticle(
            name=txt.stem,
            text=txt.read_text(encoding="utf-8"),
            annotator=chosen.stem.rpartition("_")[2],
            attributions=parse_ann(chosen.read_text(encoding="utf-8")),
        )


def parsed(
    split: str,
    model: str,
    cache: Path | None = None,
    limit: int | None = None,
    with_tensors: bool = False,
):
    """(articles, docs) of a split parsed by spaCy `model`; kept as a DocBin in `cache`
    (which keeps no tensors: `with_tensors` recomputes them for docs read from it)."""
    import spacy
    from spacy.tokens import DocBin

    from storytrace.annotate.nlp import load

    articles = list(read_split(split, limit=limit))
    nlp = load(model)
    path = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / f"polnear-{split}-{model}-{spacy.__version__}-{limit or 'all'}.spacy"
        if path.exists():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if [d.text for d in docs] == [a.text for a in articles]:
                if with_tensors and "tok2vec" in nlp.pipe_names:
                    docs = list(nlp.get_pipe("tok2vec").pipe(docs, batch_size=32))
                return articles, docs
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    print(
        f"parsed {split}: {len(docs)} articles in {time.perf_counter() - t0:.0f}s", file=sys.stderr
    )
    if path is not None:
        db = DocBin(store_user_data=False)
        for doc in docs:
            db.add(doc)
        db.to_disk(path)
    return articles, docs
