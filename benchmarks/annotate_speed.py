"""Speed of the annotate stage: spaCy's `nlp.pipe` alone vs `Annotator.annotate` + resolving.

Usage: python benchmarks/annotate_speed.py [--articles 200] [--dir PATH]

Bodies are the PolNeAR dev texts from ../shared (cycled to reach --articles), or
the two seed pages repeated when the data set is absent. Prints the seconds of
each and the ratio; our components should cost little beside the model.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storytrace.annotate import Annotator
from storytrace.annotate.entities import EntityResolver
from storytrace.model import Article, Options

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def bodies(folder: Path, count: int) -> list[str]:
    files = sorted(folder.glob("*.txt")) or sorted((SHARED / "seeds").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    return [texts[i % len(texts)] for i in range(count)]


def articles(texts: list[str]) -> list[Article]:
    return [
        Article(
            source=f"bench:{i}",
            page_sha256=str(i),
            paragraphs=[p.strip() for p in text.split("\n\n") if p.strip()],
        )
        for i, text in enumerate(texts)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=SHARED / "data/attribution/polnear/dev/text")
    parser.add_argument("--model", default=Options().model)
    args = parser.parse_args()
    options = Options(model=args.model)
    annotator = Annotator(options)
    docs = articles(bodies(args.dir, args.articles))
    texts = [a.body for a in docs]
    chars = sum(map(len, texts))
    annotator.annotate(docs[:2])  # warm up: first-call costs (data tables, regexes)

    start = time.perf_counter()
    for _ in annotator.nlp.pipe(texts, batch_size=options.batch_size):
        pass
    pipe_s = time.perf_counter() - start

    start = time.perf_counter()
    found = annotator.annotate(docs)
    annotate_s = time.perf_counter() - start

    resolver = EntityResolver()
    start = time.perf_counter()
    for ann in found:
        resolver.resolve(ann)
    resolve_s = time.perf_counter() - start

    mentions = sum(len(a.mentions) for a in found)
    print(f"{len(docs)} articles, {chars} chars, {mentions} mentions, model {options.model}")
    print(f"nlp.pipe alone        {pipe_s:7.2f} s")
    names = ", ".join(annotator.pipeline_names)
    print(f"Annotator.annotate    {annotate_s:7.2f} s  (components: {names})")
    print(f"EntityResolver        {resolve_s:7.3f} s  ({len(resolver.entities)} entities)")
    print(f"ratio annotate/pipe   {annotate_s / pipe_s:7.3f}")
    print(f"ratio (annotate+resolve)/pipe {(annotate_s + resolve_s) / pipe_s:7.3f}")


if __name__ == "__main__":
    main()
