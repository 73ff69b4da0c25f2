"""Speed of the annotate stage: spaCy's `nlp.pipe` alone vs each component and resolving.

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
from storytrace.model import Annotations, Article, Options

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
    parser.add_argument("--full", action="store_true", help="also time Annotator.annotate whole")
    args = parser.parse_args()
    options = Options(model=args.model)
    annotator = Annotator(options)
    docs = articles(bodies(args.dir, args.articles))
    texts = [a.body for a in docs]
    annotator.annotate(docs[:2])  # warm up: first-call costs (data tables, regexes)

    start = time.perf_counter()
    parsed = list(annotator.nlp.pipe(texts, batch_size=options.batch_size))
    pipe_s = time.perf_counter() - start

    # Each component over the same parsed docs, so the model is not timed twice.
    found = [Annotations() for _ in docs]
    component_s = {}
    for name, component in annotator.pipeline:
        start = time.perf_counter()
        for doc, art, ann in zip(parsed, docs, found, strict=True):
            component(doc, art, ann, options)
        component_s[name] = time.perf_counter() - start

    resolver = EntityResolver()
    start = time.perf_counter()
    for ann in found:
        resolver.resolve(ann)
    resolve_s = time.perf_counter() - start

    mentions = sum(len(a.mentions) for a in found)
    print(f"{len(docs)} articles, {sum(map(len, texts))} chars, {mentions} mentions")
    print(f"model {options.model}")
    print(f"nlp.pipe alone          {pipe_s:8.2f} s")
    for name, seconds in component_s.items():
        print(f"  component {name:12} {seconds:8.2f} s  ({seconds / pipe_s:6.1%} of pipe)")
    print(f"EntityResolver.resolve  {resolve_s:8.2f} s  ({resolve_s / pipe_s:6.1%} of pipe)")
    total = pipe_s + sum(component_s.values())
    print(f"annotate / pipe         {total / pipe_s:8.3f}")
    print(f"(annotate + resolve) / pipe {(total + resolve_s) / pipe_s:8.3f}")
    if args.full:
        start = time.perf_counter()
        annotator.annotate(docs)
        print(f"Annotator.annotate whole {time.perf_counter() - start:8.2f} s")


if __name__ == "__main__":
    main()
