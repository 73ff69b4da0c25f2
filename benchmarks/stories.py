"""Story clustering benchmark: quality on ECB+, then a streaming scale run.

    python benchmarks/stories.py [--limit-topics N] [--scale N] [--orders K]
        [--entities spacy|annotated|none] [--skip-ecb] [--json PATH] [--cache PATH]
        [--floors] [--update-floors [--allow-lower]]

Quality. ECB+ (../shared/data/stories/ecbplus): gold story = (topic, ecb|ecbplus), so
the two events of one kind in a topic must be told apart. ECB+ has no dates: every
article gets the same publication time (2024-01-01 12:00 UTC), so time never helps
and never hurts. Entities come from spaCy NER (`storytrace.annotate.nlp.load()`, only
its tok2vec and ner pipes) on the re-joined text, with a surname mapped to the full name
it shortens in the same document, standing in for the corpus entity resolver
(`--entities annotated` uses the corpus's own participant/location mentions instead).
Our streaming clusterer sees the articles in K seeded random orders (default 8: it is
order dependent; the mean, the spread and the range over the orders are reported);
`recluster()` runs once in file order. The baseline in the same run: TF-IDF
(scikit-learn, English stop words, sublinear tf) with agglomerative clustering
(cosine), linkage and distance threshold picked on the odd
topics. Our thresholds were tuned on the odd topics too; even topics are held out.
Scores: pairwise and B-cubed precision, recall, F1. A diagnostic line gives each gold
story a random day (so it uses the gold labels) to show what publication time adds.

Dates. The same NER pass gives spaCy's DATE entities; `resolve_dates` is run on every
document with and without them as candidates, and scored for detection against the
corpus's TIME_DATE annotation in the sentences it vouches for (ECB+ has no publication
times, so resolution itself is pinned by tests/test_dates.py), with its speed and the
number and cost of dateparser calls.

Scale. `--scale N` synthetic articles (default 100,000) from stories made of sentences
written here, perturbed per article (words dropped and swapped, sentences reordered and
sampled, filler added), published over a year in time order, entities given directly
(no spaCy: this run measures the clusterer). Reports the time per 10,000 articles at
10k, 50k and 100k (wall clock and CPU time: on a shared machine the CPU figure is the
steadier one), peak RSS at those points, and the index's size.
"""

from __future__ import annotations

import argparse
import gc
import heapq
import json
import random
import resource
import sys
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import fmean, pstdev
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks import floors  # noqa: E402
from benchmarks.datasets.ecbplus import EcbDoc, read_corpus  # noqa: E402
from benchmarks.floors import FLOORS  # noqa: E402
from storytrace.model import Span, StoryItem  # noqa: E402
from storytrace.stories.cluster import DEFAULT, StoryIndex, recluster  # noqa: E402

FLOOR_SECTION = "stories"
SAME_TIME = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
NER_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "organization",
}
ANNOTATED_KINDS = {
    "HUMAN_PART_PER": "person",
    "HUMAN_PART_ORG": "organization",
    "LOC_GEO": "place",
    "LOC_FAC": "place",
}
THRESHOLDS = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]

# --------------------------------------------------------------------------- scoring


def pairwise(pred: dict[int, Any], gold: dict[int, Any]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over all pairs of items."""
    joint = Counter((pred[i], gold[i]) for i in gold)
    p_sizes = Counter(pred[i] for i in gold)
    g_sizes = Counter(gold.values())

    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    tp, pp, gp = pairs(joint), pairs(p_sizes), pairs(g_sizes)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def bcubed(pred: dict[int, Any], gold: dict[int, Any]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (per-item averages)."""
    joint = Counter((pred[i], gold[i]) for i in gold)
    p_sizes = Counter(pred[i] for i in gold)
    g_sizes = Counter(gold.values())
    p = fmean(joint[(pred[i], gold[i])] / p_sizes[pred[i]] for i in gold)
    r = fmean(joint[(pred[i], gold[i])] / g_sizes[gold[i]] for i in gold)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def scores(pred: dict[int, Any], gold: dict[int, Any]) -> dict[str, Any]:
    return {
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
        "clusters": len(set(pred[i] for i in gold)),
        "gold_clusters": len(set(gold.values())),
    }


# --------------------------------------------------------------------------- ECB+ items


def spacy_ner(docs: list[EcbDoc]) -> tuple[list[list[tuple[str, str]]], list[list[Span]]]:
    """spaCy NER on each document's text: entities (surnames mapped to the full name they
    shorten in the document) and the spans of DATE entities."""
    from storytrace.annotate.nlp import load

    nlp = load()
    keep = [p for p in ("tok2vec", "ner") if p in nlp.pipe_names]
    ents, dates = [], []
    with nlp.select_pipes(enable=keep):
        for doc in nlp.pipe((d.text for d in docs), batch_size=16):
            found = [(e.text, NER_KINDS[e.label_]) for e in doc.ents if e.label_ in NER_KINDS]
            ents.append(_canonical(found))
            dates.append([(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"])
    return ents, dates


def _cached_ner(
    docs: list[EcbDoc], cache: Path | None
) -> tuple[list[list[tuple[str, str]]], list[list[Span]]]:
    """`spacy_ner`, read from `cache` when it holds this very list of documents."""
    names = [d.name for d in docs]
    if cache is not None and cache.exists():
        saved = json.loads(cache.read_text(encoding="utf-8"))
        if saved.get("names") == names:
            ents = [[(t, k) for t, k in found] for found in saved["entities"]]
            dates = [[(a, b) for a, b in spans] for spans in saved["dates"]]
            return ents, dates
    ents, dates = spacy_ner(docs)
    if cache is not None:
        cache.write_text(json.dumps({"names": names, "entities": ents, "dates": dates}), "utf-8")
    return ents, dates


def annotated_entities(docs: list[EcbDoc]) -> list[list[tuple[str, str]]]:
    """The corpus's own participant and location mentions that are names (capitalised)."""
    out = []
    for d in docs:
        found = [
            (text, ANNOTATED_KINDS[tag])
            for text, tag in d.mentions
            if tag in ANNOTATED_KINDS and text[:1].isupper()
        ]
        out.append(_canonical(found))
    return out


def _canonical(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    fulls = [t for t, k in found if k == "person" and len(t.split()) > 1]
    out = []
    for text, kind in found:
        text = text.removeprefix("the ").removeprefix("The ").removesuffix("'s").strip()
        if kind == "person" and len(text.split()) == 1:
            longer = [f for f in fulls if f.split()[-1] == text]
            if longer:
                text = max(longer, key=len)
        if text:
            out.append((text, kind))
    return out


def ecb_items(docs: list[EcbDoc], ents: list[list[tuple[str, str]]]) -> list[StoryItem]:
    return [
        StoryItem(article=i, headline=None, body=d.text, published=SAME_TIME, entities=e)
        for i, (d, e) in enumerate(zip(docs, ents, strict=True))
    ]


# --------------------------------------------------------------------------- systems


def stream(items: list[StoryItem], order: list[int]) -> dict[int, int]:
    """Our streaming clusterer over the items in the given order, merges applied."""
    index = StoryIndex(DEFAULT)
    story_of: dict[int, int] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for i in order:
        placed = index.add(items[i])
        story_of[i] = placed.story
        members[placed.story].append(i)
        for gone in placed.merged:
            for j in members.pop(gone, []):
                story_of[j] = placed.story
                members[placed.story].append(j)
        for j, into in placed.moved:
            members[story_of[j]].remove(j)
            story_of[j] = into
            members[into].append(j)
    return story_of


def baseline_labels(docs: list[EcbDoc], linkage: str, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(d.text for d in docs)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage=linkage, distance_threshold=threshold
    )
    return list(model.fit_predict(x.toarray()))


def run_ecb(args: argparse.Namespace) -> dict[str, Any]:
    docs = list(read_corpus(topics=args.limit_topics))
    t0 = time.perf_counter()
    ents, date_spans = _cached_ner(docs, args.cache)
    prep = time.perf_counter() - t0
    if args.entities == "annotated":
        ents = annotated_entities(docs)
    elif args.entities == "none":
        ents = [[] for _ in docs]
    items = ecb_items(docs, ents)
    gold = {i: d.gold for i, d in enumerate(docs)}
    splits = {
        "tuning (odd topics)": [i for i, d in enumerate(docs) if d.topic % 2 == 1],
        "held out (even topics)": [i for i, d in enumerate(docs) if d.topic % 2 == 0],
        "all": list(range(len(docs))),
    }
    results: dict[str, Any] = {
        "docs": len(docs),
        "entities": args.entities,
        "entity_seconds": round(prep, 1),
        "splits": {},
    }
    for name, ids in splits.items():
        if not ids:
            continue
        sub_gold = {i: gold[i] for i in ids}
        runs = []
        t0 = time.perf_counter()
        for seed in range(args.orders):
            order = list(ids)
            random.Random(seed).shuffle(order)
            runs.append(scores(stream(items, order), sub_gold))
        per_article_ms = (time.perf_counter() - t0) / (len(ids) * args.orders) * 1000
        batch = recluster([items[i] for i in ids])
        results["splits"][name] = {
            "docs": len(ids),
            "streaming": _summary(runs),
            "streaming_ms_per_article": round(per_article_ms, 2),
            "recluster": scores(batch, sub_gold),
        }
    _baseline(docs, gold, splits, results)
    _oracle_time(items, gold, args, results)
    results["dates"] = run_dates(docs, date_spans)
    return results


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for metric in ("pairwise", "bcubed"):
        out[metric] = {k: fmean(r[metric][k] for r in runs) for k in ("p", "r", "f1")}
        f1s = [r[metric]["f1"] for r in runs]
        out[metric]["f1_worst"] = min(f1s)
        out[metric]["f1_best"] = max(f1s)
        out[metric]["f1_sd"] = pstdev(f1s)
    out["clusters"] = fmean(r["clusters"] for r in runs)
    out["gold_clusters"] = runs[0]["gold_clusters"]
    out["orders"] = len(runs)
    return out


def _baseline(docs, gold, splits, results) -> None:  # type: ignore[no-untyped-def]
    try:
        import sklearn  # noqa: F401
    except ImportError:
        results["baseline"] = "unavailable: pip install scikit-learn (the bench extra)"
        return
    tune = splits["tuning (odd topics)"]
    if not tune:
        return
    tune_docs = [docs[i] for i in tune]
    tune_gold = {k: gold[i] for k, i in enumerate(tune)}
    best = None
    for linkage in ("average", "complete"):
        for th in THRESHOLDS:
            labels = baseline_labels(tune_docs, linkage, th)
            f1 = pairwise(dict(enumerate(labels)), tune_gold)["f1"]
            if best is None or f1 > best[0]:
                best = (f1, linkage, th)
    assert best is not None
    _, linkage, th = best
    results["baseline"] = {"system": f"TF-IDF + agglomerative ({linkage}, {th})"}
    for name, ids in splits.items():
        if not ids:
            continue
        labels = baseline_labels([docs[i] for i in ids], linkage, th)
        pred = {i: labels[k] for k, i in enumerate(ids)}
        results["splits"][name]["baseline"] = scores(pred, {i: gold[i] for i in ids})


def _oracle_time(items, gold, args, results) -> None:  # type: ignore[no-untyped-def]
    """Diagnostic: each gold story gets a random day, its articles within three days."""
    runs = []
    for seed in range(args.orders):
        rnd = random.Random(seed)
        day = {g: rnd.randrange(3650) for g in sorted(set(gold.values()))}
        dated = [
            replace(it, published=SAME_TIME + timedelta(days=day[gold[i]], hours=rnd.randrange(72)))
            for i, it in enumerate(items)
        ]
        order = list(range(len(items)))
        rnd.shuffle(order)
        runs.append(scores(stream(dated, order), gold))
    results["diagnostic_gold_dated"] = _summary(runs)


# --------------------------------------------------------------------------- dates


def run_dates(docs: list[EcbDoc], date_spans: list[list[Span]]) -> dict[str, Any]:
    """Date detection against ECB+'s time annotation, in the sentences it vouches for.

    ECB+ has no publication times, so only finding the expressions is scored here (the
    resolution is pinned by tests/test_dates.py). Recall: annotated TIME_DATE mentions
    overlapped by one of our events. Agreement: our events that overlap a TIME_DATE or
    TIME_OF_THE_DAY mention (a lower bound of precision: ECB+ annotates the times of its
    seminal events, not every date). Durations: our events that overlap only a
    TIME_DURATION mention (a length of time read as a date).
    """
    from storytrace.annotate import dates as dates_mod

    calls = {"n": 0, "seconds": 0.0}
    real = dates_mod._dateparser_resolve

    def counted(*a: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real(*a)
        finally:
            calls["n"] += 1
            calls["seconds"] += time.perf_counter() - t0

    out: dict[str, Any] = {}
    dates_mod._dateparser_resolve = counted  # count calls of the slow last resort
    try:
        for name, use_candidates in (("patterns", False), ("patterns + spaCy DATE", True)):
            calls.update(n=0, seconds=0.0)
            tally: Counter[str] = Counter()
            t0 = time.perf_counter()
            found = [
                dates_mod.resolve_dates(
                    d.text, [], None, SAME_TIME, candidates=spans if use_candidates else ()
                )
                for d, spans in zip(docs, date_spans, strict=True)
            ]
            elapsed = time.perf_counter() - t0
            for d, events in zip(docs, found, strict=True):
                _tally_dates(d, events, tally)
            out[name] = {
                "recall": tally["gold_hit"] / max(1, tally["gold"]),
                "agreement": tally["ours_hit"] / max(1, tally["ours"]),
                "durations_as_dates": tally["ours_duration"],
                "gold_time_date": tally["gold"],
                "ours": tally["ours"],
                "ms_per_doc": elapsed / max(1, len(docs)) * 1000,
                "dateparser_calls": calls["n"],
                "dateparser_ms_per_call": calls["seconds"] / max(1, calls["n"]) * 1000,
            }
    finally:
        dates_mod._dateparser_resolve = real
    return out


def _tally_dates(doc: EcbDoc, events: list[Any], tally: Counter[str]) -> None:
    def inside(span: Span) -> bool:
        return any(a <= span[0] < b for a, b in doc.vouched)

    def overlaps(x: Span, y: Span) -> bool:
        return x[0] < y[1] and y[0] < x[1]

    spans = [e.span for e in events if inside(e.span)]
    gold_dates = [(a, b) for a, b, tag in doc.times if tag == "TIME_DATE" and inside((a, b))]
    dated = [(a, b) for a, b, tag in doc.times if tag in ("TIME_DATE", "TIME_OF_THE_DAY")]
    durations = [(a, b) for a, b, tag in doc.times if tag == "TIME_DURATION"]
    tally["gold"] += len(gold_dates)
    tally["gold_hit"] += sum(any(overlaps(g, s) for s in spans) for g in gold_dates)
    tally["ours"] += len(spans)
    for s in spans:
        if any(overlaps(s, g) for g in dated):
            tally["ours_hit"] += 1
        elif any(overlaps(s, g) for g in durations):
            tally["ours_duration"] += 1


# --------------------------------------------------------------------------- synthetic


SENTENCES = [
    "{p1} said on {wd} that the {t1} {n1} in {pl} would {v1} the {n2} by the end of the month.",
    "Officials in {pl} confirmed that {org} had opened an inquiry into the {t1} {n1}.",
    "{p2}, who leads {org}, told reporters the {n2} was {adj} and that more {n3} were expected.",
    "The {t1} {n1} began after {num} {n3} were found near the {t2} {n4} outside {pl}.",
    "According to two people familiar with the matter, {org} plans to {v2} the {t2} {n4}.",
    "{p1} called the decision {adj} and urged {org} to {v1} the {n2} without delay.",
    "Residents of {pl} gathered outside the {n4} on {wd} to demand answers about the {t1} {n1}.",
    "A spokesperson for {org} declined to comment on the {num} {n3} or the {t2} {n4}.",
    "{p2} said the {t2} {n4} had cost {num} million and would {v2} within weeks.",
    "Critics of {p1} argue the {t1} {n1} shows how {adj} the {n2} in {pl} has become.",
    "The {org} statement said the {n3} would be reviewed by an independent {t2} panel.",
    "Local media in {pl} reported that {p2} met {p1} late on {wd} to discuss the {n2}.",
]
FILLER = [
    "The weather across the region stayed mild for most of the week.",
    "Markets were little changed in early trading on the day.",
    "Subscribe to our newsletter for more stories like this one.",
    "This article has been updated with additional details.",
    "Traffic on the main roads was slower than usual in the morning.",
    "Analysts said it was too early to draw firm conclusions.",
]
COMMON = [
    "report",
    "city",
    "plan",
    "group",
    "week",
    "public",
    "people",
    "local",
    "state",
    "officials",
    "new",
    "year",
    "team",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ADJ = ["unprecedented", "troubling", "overdue", "reckless", "encouraging", "costly", "fragile"]


def _word(rnd: random.Random, syllables: int) -> str:
    cons, vows = "bcdfghklmnprstvz", "aeiou"
    return "".join(rnd.choice(cons) + rnd.choice(vows) for _ in range(syllables))


class _Pools:
    """Word pools shared by all synthetic stories, so stories of one kind share words."""

    def __init__(self, rnd: random.Random) -> None:
        def pool(n: int, syllables: int, suffix: str = "") -> list[str]:
            return [_word(rnd, syllables) + suffix for _ in range(n)]

        self.topic = pool(400, 3)
        self.topic2 = pool(400, 2)
        self.nouns = [pool(300, 2, s) for s in ("ing", "ment", "ers", "ary")]
        self.verbs = [pool(200, 2, s) for s in ("ate", "ise")]
        self.places = [w.capitalize() for w in pool(600, 3)]
        self.given = [w.capitalize() for w in pool(800, 2)]
        self.family = [w.capitalize() for w in pool(5000, 3)]
        self.orgs = [w.capitalize() for w in pool(1500, 2)]


def _story(rnd: random.Random, pools: _Pools) -> dict[str, Any]:
    def name() -> str:
        return f"{rnd.choice(pools.given)} {rnd.choice(pools.family)}"

    slots = {
        "p1": name(),
        "p2": name(),
        "pl": rnd.choice(pools.places),
        "org": f"the {rnd.choice(pools.orgs)} {rnd.choice(['Agency', 'Council', 'Group'])}",
        "t1": rnd.choice(pools.topic),
        "t2": rnd.choice(pools.topic2),
        "n1": rnd.choice(pools.nouns[0]),
        "n2": rnd.choice(pools.nouns[1]),
        "n3": rnd.choice(pools.nouns[2]),
        "n4": rnd.choice(pools.nouns[3]),
        "v1": rnd.choice(pools.verbs[0]),
        "v2": rnd.choice(pools.verbs[1]),
        "adj": rnd.choice(ADJ),
        "num": str(rnd.randrange(3, 900)),
        "wd": rnd.choice(WEEKDAYS),
    }
    return {
        "sentences": [s.format(**slots) for s in SENTENCES],
        "entities": [
            (slots["p1"], "person"),
            (slots["p2"], "person"),
            (slots["pl"], "place"),
            (slots["org"].removeprefix("the "), "organization"),
        ],
    }


def _perturb(rnd: random.Random, story: dict[str, Any]) -> tuple[str, str, list]:
    chosen = rnd.sample(story["sentences"], rnd.randrange(4, 9))
    out = []
    for sentence in chosen:
        words = sentence.split()
        words = [w for w in words if rnd.random() > 0.08]  # words dropped
        words = [rnd.choice(COMMON) if rnd.random() < 0.05 else w for w in words]  # swapped
        out.append(" ".join(words))
    out += rnd.sample(FILLER, rnd.randrange(0, 3))
    headline = " ".join(chosen[0].split()[:9])
    ents = [e for e in story["entities"] if rnd.random() > 0.2]
    return headline, "\n\n".join(out), ents


def synthetic(n: int, seed: int = 7) -> Iterator[tuple[StoryItem, int]]:
    """n articles in publication order with their true story: ~20 per story over ~3 days."""
    rnd = random.Random(seed)
    pools = _Pools(rnd)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    stories_per_day = max(1, round(n / 20 / 365))
    queue: list[tuple[float, int, int]] = []
    made: dict[int, dict[str, Any]] = {}
    emitted, story_id, day, serial = 0, 0, 0, 0
    while emitted < n:
        for _ in range(stories_per_day):
            story_id += 1
            made[story_id] = _story(rnd, pools)
            size = min(60, 1 + int(rnd.expovariate(1 / 19)))
            for _ in range(size):
                serial += 1
                heapq.heappush(queue, (day * 24 + rnd.uniform(0, 72), serial, story_id))
        while queue and queue[0][0] < (day + 1) * 24 and emitted < n:
            hours, _, sid = heapq.heappop(queue)
            headline, body, ents = _perturb(rnd, made[sid])
            emitted += 1
            item = StoryItem(
                article=emitted,
                headline=headline,
                body=body,
                published=start + timedelta(hours=hours),
                entities=ents,
            )
            yield item, sid
        # drop stories that can have no articles left, so the generator's memory is flat
        if day % 10 == 0:
            alive = {sid for _, _, sid in queue}
            made = {k: v for k, v in made.items() if k in alive or k > story_id - stories_per_day}
        day += 1


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    """Resident memory now (Linux /proc), else the peak."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return _rss_mb()


def run_scale(n: int) -> dict[str, Any]:
    gc.collect()
    index = StoryIndex(DEFAULT)
    checkpoints = sorted({c for c in (10_000, 50_000, 100_000, n) if c <= n})
    timed = cpu = 0.0
    window_start = cpu_start = 0.0
    # compact arrays (article n at index n) so the benchmark's own records weigh little
    story_of = array("i", [0]) * (n + 1)
    truth = array("i", [0]) * (n + 1)
    out: dict[str, Any] = {"articles": n, "rss_start_mb": round(_rss_now_mb(), 1), "points": []}
    for count, (item, true_story) in enumerate(synthetic(n), start=1):
        t0, c0 = time.perf_counter(), time.process_time()
        placed = index.add(item)
        timed += time.perf_counter() - t0
        cpu += time.process_time() - c0
        story_of[item.article] = placed.story
        truth[item.article] = true_story
        for gone in placed.merged:  # rare; a linear pass keeps the benchmark simple
            for a in range(1, count):
                if story_of[a] == gone:
                    story_of[a] = placed.story
        for a, into in placed.moved:
            story_of[a] = into
        if count % 10_000 == 0:
            window, cpu_window = timed - window_start, cpu - cpu_start
            window_start, cpu_start = timed, cpu
            if count in checkpoints:
                rss, rss_now = _rss_mb(), _rss_now_mb()  # before the state is serialised
                t1 = time.perf_counter()
                state_bytes = len(json.dumps(index.to_state()))
                out["points"].append(
                    {
                        "articles": count,
                        "seconds_per_10k": round(window, 2),
                        "cpu_seconds_per_10k": round(cpu_window, 2),
                        "rss_peak_mb": round(rss, 1),
                        "rss_now_mb": round(rss_now, 1),
                        "active_stories": len(index.stories),
                        "index_keys": len(index.postings),
                        "state_mb": round(state_bytes / 1e6, 1),
                        "state_seconds": round(time.perf_counter() - t1, 2),
                    }
                )
    out["total_seconds"] = round(timed, 1)
    labels = {a: story_of[a] for a in range(1, n + 1)}
    out["quality"] = scores(labels, {a: truth[a] for a in range(1, n + 1)})
    pts = out["points"]
    if len(pts) >= 2:
        out["cost_ratio_last_vs_first"] = round(
            pts[-1]["seconds_per_10k"] / pts[0]["seconds_per_10k"], 2
        )
        # CPU time is what a loaded machine (other processes on the cores) distorts least
        out["cpu_cost_ratio_last_vs_first"] = round(
            pts[-1]["cpu_seconds_per_10k"] / max(1e-9, pts[0]["cpu_seconds_per_10k"]), 2
        )
    return out


# --------------------------------------------------------------------------- floors


def measured_floors(results: dict[str, Any]) -> dict[str, float]:
    out = {}
    for split, r in results.get("ecb", {}).get("splits", {}).items():
        key = split.split(" ")[0]
        out[f"ecbplus/{key}/pairwise_f1"] = r["streaming"]["pairwise"]["f1"]
        out[f"ecbplus/{key}/bcubed_f1"] = r["streaming"]["bcubed"]["f1"]
    return out


def update_floors(results: dict[str, Any], allow_lower: bool, path: Path = FLOORS) -> list[str]:
    """Pin our section's floors at this run's figures (see `floors.pin`)."""
    return floors.pin(FLOOR_SECTION, measured_floors(results), allow_lower, path)


def check_floors(results: dict[str, Any], path: Path = FLOORS) -> list[str]:
    measured = measured_floors(results)
    failures = []
    for key, floor in sorted(floors.load(path).get(FLOOR_SECTION, {}).items()):
        if key in measured and measured[key] < floor:
            failures.append(f"{key}: {measured[key]:.3f} < floor {floor}")
    return failures


# --------------------------------------------------------------------------- report


def _fmt(s: dict[str, float]) -> str:
    return f"P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}"


def report(results: dict[str, Any]) -> None:
    ecb = results.get("ecb")
    if ecb:
        print(f"ECB+: {ecb['docs']} documents, entities: {ecb['entities']}, same date for all")
        base = ecb.get("baseline")
        base_name = base["system"] if isinstance(base, dict) else base
        for split, r in ecb["splits"].items():
            s = r["streaming"]
            print(f"\n  {split}: {r['docs']} docs, {s['gold_clusters']} gold stories")
            print(
                f"    streaming (mean of {s['orders']} orders)  pairwise {_fmt(s['pairwise'])}"
                f" (F1 sd {s['pairwise']['f1_sd']:.3f}, range {s['pairwise']['f1_worst']:.3f}"
                f"-{s['pairwise']['f1_best']:.3f})"
            )
            print(f"    {'':32} B-cubed  {_fmt(s['bcubed'])}   clusters {s['clusters']:.1f}")
            rc = r["recluster"]
            print(f"    recluster (file order)       pairwise {_fmt(rc['pairwise'])}")
            print(f"    {'':32} B-cubed  {_fmt(rc['bcubed'])}   clusters {rc['clusters']}")
            if "baseline" in r:
                b = r["baseline"]
                print(f"    baseline {base_name}")
                print(f"    {'':32} pairwise {_fmt(b['pairwise'])}")
                print(f"    {'':32} B-cubed  {_fmt(b['bcubed'])}   clusters {b['clusters']}")
            print(f"    streaming cost: {r['streaming_ms_per_article']} ms per article")
        d = ecb["diagnostic_gold_dated"]
        print(
            "\n  diagnostic (uses gold: each story given a random day): streaming pairwise"
            f" {_fmt(d['pairwise'])}"
        )
        print("\nDates on ECB+ (vouched sentences; detection only, ECB+ has no dates):")
        for name, r in ecb["dates"].items():
            print(
                f"  {name:22} recall of TIME_DATE {r['recall']:.3f} ({r['gold_time_date']}),"
                f" agreement {r['agreement']:.3f} of {r['ours']}, durations read as dates"
                f" {r['durations_as_dates']}; {r['ms_per_doc']:.2f} ms/doc, dateparser"
                f" {r['dateparser_calls']} calls x {r['dateparser_ms_per_call']:.1f} ms"
            )
    scale = results.get("scale")
    if scale:
        print(f"\nScale: {scale['articles']} synthetic articles, clusterer only")
        for p in scale["points"]:
            print(
                f"  at {p['articles']:>7,}: {p['seconds_per_10k']:6.2f} s per 10k articles"
                f" ({p['cpu_seconds_per_10k']:.2f} s CPU),"
                f" RSS {p['rss_now_mb']:6.1f} MB (peak {p['rss_peak_mb']:6.1f}),"
                f" active stories {p['active_stories']},"
                f" index keys {p['index_keys']}, state {p['state_mb']} MB JSON"
                f" ({p['state_seconds']} s to make)"
            )
        if "cost_ratio_last_vs_first" in scale:
            print(
                f"  time per 10k, last vs first: x{scale['cost_ratio_last_vs_first']}"
                f" (CPU time: x{scale['cpu_cost_ratio_last_vs_first']})"
            )
        q = scale["quality"]
        print(f"  synthetic quality: pairwise {_fmt(q['pairwise'])}, B-cubed {_fmt(q['bcubed'])}")
        print(
            f"  total clustering time {scale['total_seconds']} s"
            f" (RSS at start {scale['rss_start_mb']} MB)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit-topics", type=int, default=None, help="first N ECB+ topics")
    ap.add_argument("--scale", type=int, default=100_000, help="synthetic articles (0: skip)")
    ap.add_argument("--orders", type=int, default=8, help="random stream orders on ECB+")
    ap.add_argument("--entities", choices=["spacy", "annotated", "none"], default="spacy")
    ap.add_argument("--skip-ecb", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write all figures here")
    ap.add_argument("--cache", type=Path, default=None, help="keep the NER pass here")
    ap.add_argument("--floors", action="store_true", help="fail if a figure is below its floor")
    ap.add_argument("--update-floors", action="store_true")
    ap.add_argument("--allow-lower", action="store_true")
    args = ap.parse_args(argv)

    results: dict[str, Any] = {}
    if not args.skip_ecb:
        results["ecb"] = run_ecb(args)
    if args.scale:
        results["scale"] = run_scale(args.scale)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    full = args.limit_topics is None
    return floors.finish(
        (lambda: update_floors(results, args.allow_lower)) if args.update_floors and full else None,
        (lambda: check_floors(results)) if args.floors else None,
    )

if __name__ == "__main__":
    sys.exit(main())
