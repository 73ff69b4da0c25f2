"""Extraction benchmark: our text and HTML cleaners against trafilatura, on the same pages.

    python benchmarks/extraction.py [--dataset l3s-gn1|wcxb|all] [--mode text|html|all]
        [--limit N] [--split tune|check] [--json PATH] [--text-cache DIR] [--corpus]
        [--fetched-after HOURS] [--floors] [--update-floors [--allow-lower]]

HTML mode gives each page's HTML to our HTML cleaner and to plain `trafilatura.extract`.
Text mode first turns each page into text with several HTML-to-text converters (real text
pages come from many tools), then gives that text to our text cleaner. Scores: body
bag-of-tokens precision / recall / F1 per page (averaged), headline exact match, author
match, publication day match, where the gold has them; speed in pages per second (only
the extraction call is timed, in CPU time of this process) and peak traced memory on a
sample of pages. CPU time still grows with the machine's load (shared cores and caches), so
a second speed pass ("x traf best", `--speed-pages`) runs each system alone over the same
pages several times, the systems alternating pass by pass, and keeps each system's fastest
pass; that ratio is the one to quote on a shared machine.

A converter sometimes loses the article itself (old, broken markup: html2text returns an
empty page for 38 of L3S-GN1's pages). Such a page holds no article for any text cleaner,
so text-mode rows also give F1 over the pages whose converted text still holds at least
90% of the gold body's tokens ("F1 conv-ok"), with trafilatura's F1 on the same pages.

`--split tune` / `--split check` runs one fixed half of each data set (by a hash of the
page id): rules are tuned on the tune half, and the check half tells whether they hold.

Floors: `benchmarks/floors.json` (section "extraction") pins minimum figures for our own
systems; `--floors` exits non-zero naming each figure below its floor and the worst pages.
Floors are pinned on full runs; `--update-floors` only raises them unless `--allow-lower`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import fmean
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks.datasets` importable
    sys.path.insert(0, str(REPO))

from benchmarks import browser_copy, floors  # noqa: E402
from benchmarks.datasets.extraction import READERS, GoldPage  # noqa: E402
from benchmarks.floors import FLOORS  # noqa: E402

FLOOR_SECTION = "extraction"
"""Floors are pinned this far below what is measured, so noise-free code changes pass."""
FLOOR_METRICS = ("body_f1", "body_f1_conv_ok", "headline", "author", "date")
CONVERTED_RECALL = 0.9
"""A converted page that keeps less of the gold body than this lost the article itself."""
BASELINE = "trafilatura"

# --------------------------------------------------------------------------- scoring

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")
_PUNCT_MAP = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_NAME_NOISE = {"by", "and", "von", "written", "posted", "author", "staff", "writer"}


def latin1_view(text: str) -> str:
    """Every character above U+00FF as '?', as the L3S-GN1 annotation tool wrote its gold."""
    return "".join(c if ord(c) <= 0xFF else "?" for c in text)


def tokens(text: str, latin1_only: bool = False) -> Counter[str]:
    """The bag of lower-cased word tokens of `text`."""
    if latin1_only:
        text = latin1_view(text)
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


def body_prf(predicted: str, gold: str, latin1_only: bool = False) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1 of a predicted body against the gold body.

    An empty prediction scores 0 on all three (a missed article is a miss, not a pass).
    """
    pred, ref = tokens(predicted, latin1_only), tokens(gold, latin1_only)
    if not pred or not ref:
        return (1.0, 1.0, 1.0) if not pred and not ref else (0.0, 0.0, 0.0)
    common = sum((pred & ref).values())
    if common == 0:
        return 0.0, 0.0, 0.0
    p, r = common / sum(pred.values()), common / sum(ref.values())
    return p, r, 2 * p * r / (p + r)


def norm_headline(text: str | None, latin1_only: bool = False) -> str:
    """A headline for exact comparison: case, whitespace, quote and dash styles ignored."""
    if not text:
        return ""
    if latin1_only:
        text = latin1_view(text)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    return _WS.sub(" ", text).strip().casefold()


def headline_match(predicted: str | None, gold: str, latin1_only: bool = False) -> bool:
    """Exact match after normalising case, whitespace, quotes and dashes."""
    return bool(predicted) and norm_headline(predicted, latin1_only) == norm_headline(
        gold, latin1_only
    )


def name_tokens(names: Iterable[str], noise: bool = False) -> set[str]:
    """The name words of a byline or author list, without 'by', 'and' and punctuation
    (and with them where `noise`)."""
    words = set()
    for name in names:
        for tok in _TOKEN.findall(unicodedata.normalize("NFKC", name).casefold()):
            if (noise or tok not in _NAME_NOISE) and not tok.isdigit():
                words.add(tok)
    return words


def author_match(predicted: Iterable[str], gold: str) -> bool:
    """True when the predicted authors name exactly the gold author's words (any order)."""
    want = name_tokens([gold])
    if not want:
        # A gold author of role words alone ("Staff") is matched by those words.
        want = name_tokens([gold], noise=True)
        return bool(want) and name_tokens(predicted, noise=True) == want
    return name_tokens(predicted) == want


def date_match(predicted: datetime | date | None, gold: date) -> bool:
    """Same calendar day, as the page states it (its own time zone)."""
    if predicted is None:
        return False
    day = predicted.date() if isinstance(predicted, datetime) else predicted
    return day == gold


def snippet_rates(body: str, with_: list[str], without: list[str]) -> tuple[float, float]:
    """WCXB's must-contain snippets found, and must-not-contain snippets leaked, as fractions."""
    hay = norm_headline(body)
    found = [norm_headline(s) in hay for s in with_ if s.strip()]
    leaked = [norm_headline(s) in hay for s in without if s.strip()]
    return (fmean(found) if found else math.nan, fmean(leaked) if leaked else math.nan)


# --------------------------------------------------------------------------- systems


@dataclass(slots=True)
class Prediction:
    """What one system made of one page."""

    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | date | None = None
    error: str | None = None
    seconds: float = 0.0
    source_recall: float | None = None
    """Text mode: the share of the gold body's tokens the converted text holds."""


CORPUS: dict[str, Any] = {"on": False, "memory": None}
"""--corpus: each of our systems cleans a data set's pages as one run with corpus evidence
(`storytrace.clean.corpus`: paragraphs recurring on 3+ stories of a site are dropped)."""
TEXT_CACHE: dict[str, Path | None] = {"dir": None}
"""--text-cache: converted texts are kept under this folder between runs (a converter's
output is the same from run to run, and converting takes longer than cleaning)."""
FETCHED: dict[str, float | None] = {"after": None}
"""--fetched-after: each page with a gold date is cleaned as if fetched this many hours
after its publication day began (UTC), so that relative dates ("3 hours ago",
"yesterday") count, as they do where the CLI passes a file's time. The gold has no fetch
time: the run shows which dates a fetch time moves, not how right relative dates are."""


def gold_page(gold: GoldPage, page_text: str, media_type: str):
    """The `Page` our cleaner gets for a gold page's HTML or its converted text."""
    from storytrace.model import Page

    fetched = None
    if FETCHED["after"] is not None and gold.published is not None:
        day = datetime.combine(gold.published, datetime.min.time(), tzinfo=UTC)
        fetched = day + timedelta(hours=FETCHED["after"])
    return Page.from_bytes(
        f"{gold.dataset}:{gold.id}",
        page_text.encode("utf-8", errors="replace"),
        media_type,
        text=page_text,
        meta={"url": gold.url} if gold.url else {},
        fetched_at=fetched,
    )


def _storytrace_clean(page_text: str, media_type: str, gold: GoldPage) -> Prediction:
    from storytrace.clean import clean
    from storytrace.model import NoArticle, Options

    page = gold_page(gold, page_text, media_type)
    start = time.process_time()
    try:
        art = clean(page, Options())
        if CORPUS["memory"] is not None:  # --corpus: the run's other pages of the outlet
            art = CORPUS["memory"].apply(art)
    except NoArticle as exc:
        return Prediction(error=f"NoArticle: {exc}", seconds=time.process_time() - start)
    seconds = time.process_time() - start
    return Prediction(
        body=art.body,
        title=art.headline,
        authors=list(art.authors),
        published=art.published,
        seconds=seconds,
    )


def storytrace_html(gold: GoldPage) -> Prediction:
    """Our HTML cleaner through the public `clean()`."""
    return _storytrace_clean(gold.html, "text/html", gold)


def trafilatura_plain(gold: GoldPage) -> Prediction:
    """Plain `trafilatura.extract` (timed); its metadata is read afterwards, untimed."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    start = time.process_time()
    text = trafilatura.extract(gold.html, url=gold.url)
    seconds = time.process_time() - start
    meta = extract_metadata(gold.html, default_url=gold.url)
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
    return Prediction(
        body=text or "",
        title=meta.title if meta else None,
        authors=authors,
        published=published,
        seconds=seconds,
    )


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def _html_text(html: str) -> str:
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def _html2text(html: str) -> str:
    import html2text

    conv = html2text.HTML2Text()
    conv.ignore_links = True
    conv.ignore_images = True
    conv.body_width = 0
    return conv.handle(html)


def _dumped(command: list[str], page: bytes | None = None) -> str:
    """What a text browser's `command` writes out, given the page on its input or not."""
    done = subprocess.run(command, input=page, capture_output=True, timeout=120, check=True)
    return done.stdout.decode("utf-8", "replace")


def _w3m(html: str) -> str:
    # As a user saves a page from a text browser: `w3m -dump page.html > page.txt`.
    command = ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"]
    return _dumped(command, html.encode("utf-8", "replace"))


_LYNX_UTF8 = ("-assume_charset=utf-8", "-display_charset=utf-8")


def _lynx(html: str) -> str:
    # `lynx -dump page.html > page.txt`: link numbers in the text, their list at the end.
    command = ["lynx", "-dump", "-stdin", "-force_html", *_LYNX_UTF8]
    return _dumped(command, html.encode("utf-8", "replace"))


def _links(html: str) -> str:
    # `links -dump page.html`: links reads a file, not its input.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html, encoding="utf-8", errors="replace")
        return _dumped(["links", "-dump", "-codepage", "utf-8", str(path)])


def _soup_text(html: str) -> str:
    # The commonest scraper's text: BeautifulSoup's get_text, a line per text node.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    return soup.get_text("\n")


def _binary_missing(name: str) -> Callable[[], str | None]:
    def missing() -> str | None:
        return None if shutil.which(name) else f"{name} is not installed (Debian package {name})"

    return missing


def _soup_missing() -> str | None:
    try:
        import bs4  # noqa: F401
    except ImportError:
        return "BeautifulSoup is not installed (pip install -e '.[bench]')"
    return None


CONVERTERS: dict[str, Callable[[str], str]] = {
    "inscriptis": _inscriptis,
    "html-text": _html_text,
    "html2text": _html2text,
    "w3m": _w3m,
    "chromium": browser_copy.copied_text,
    "lynx": _lynx,
    "links": _links,
    "bs4": _soup_text,
}
"""HTML-to-text converters: from PyPI a browser-like layout, a plain one and Markdown; a
text browser's dump (w3m) and a browser's select-all copy (Chromium's selection text,
`browser_copy`), both from Debian packages and run only where they are installed. The last
three were added to see how the cleaner does on converters it was not tuned on: two more
text browsers' dumps (lynx, links; Debian packages) and BeautifulSoup's `get_text("\\n")`."""
OPTIONAL_CONVERTERS: dict[str, Callable[[], str | None]] = {
    "w3m": _binary_missing("w3m"),
    "chromium": browser_copy.missing,
    "lynx": _binary_missing("lynx"),
    "links": _binary_missing("links"),
    "bs4": _soup_missing,
}
"""Converter -> what tells why it cannot run here (None when it can). Their rows are
measured where they can run and pinned to no floor, so `--floors` passes without them."""


def converted_text(name: str, gold: GoldPage) -> str:
    """The page's HTML as converter `name` turns it into text, read from the --text-cache
    folder when it was converted there before (a converter's failure raises)."""
    folder = TEXT_CACHE["dir"]
    path = None
    if folder is not None:
        safe = re.sub(r"[^\w.-]", "_", gold.id)
        path = folder / name / gold.dataset / f"{safe}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
    text = CONVERTERS[name](gold.html)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return text


def text_system(name: str) -> Callable[[GoldPage], Prediction]:
    """Our text cleaner on the page as converter `name` turns it into text (conversion
    untimed)."""

    converted: dict[tuple[str, str], str] = {}  # so the memory pass traces the cleaner only

    def run(gold: GoldPage) -> Prediction:
        key = (gold.dataset, gold.id)
        if key not in converted:
            try:
                converted[key] = converted_text(name, gold)
            except Exception as exc:  # a converter's failure is not the cleaner's
                return Prediction(error=f"converter: {type(exc).__name__}: {exc}", source_recall=0)
        pred = _storytrace_clean(converted[key], "text/plain", gold)
        pred.source_recall = body_prf(converted[key], gold.body, gold.latin1_only)[1]
        return pred

    return run


def converter_of(system: str) -> str:
    """The converter of a text-mode system ("storytrace-text[w3m]" -> "w3m"), else ""."""
    return system.removeprefix("storytrace-text[").removesuffix("]") if "[" in system else ""


def converter_available(name: str) -> str | None:
    """None when converter `name` can run here, else why not."""
    missing = OPTIONAL_CONVERTERS.get(name)
    return missing() if missing is not None else None


def runnable_converters() -> list[str]:
    """The converters that can run on this machine."""
    return [name for name in CONVERTERS if converter_available(name) is None]


def kinds_by_converter(
    pages: Iterable[GoldPage], kind_of: Callable[[str, GoldPage, str], str]
) -> dict[tuple[str, str], Counter[str]]:
    """What `kind_of(converter, page, text)` makes of each page as each converter that runs
    here turns it into text ("" where the converter fails), counted per converter over the
    whole set and over each half, in table order: by converter, the whole set first."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    converters = runnable_converters()
    for gold in pages:
        for name in converters:
            try:
                text = converted_text(name, gold)
            except Exception:  # a converter's failure leaves the page no text
                text = ""
            kind = kind_of(name, gold, text)
            for half in ("all", split_of(gold.id)):
                counts.setdefault((name, half), Counter())[kind] += 1
    return dict(sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] != "all")))


def text_cleaner_available() -> str | None:
    """None when our text cleaner can run, else why not."""
    try:
        from storytrace.clean import clean, cleaners  # noqa: F401
    except ImportError as exc:
        return f"storytrace.clean has no clean()/cleaners yet ({exc})"
    if "text/plain" not in cleaners:
        return "no cleaner registered for text/plain yet"
    return None


def html_cleaner_available() -> str | None:
    """None when our HTML cleaner can run, else why not."""
    try:
        from storytrace.clean import clean, cleaners  # noqa: F401
    except ImportError as exc:
        return f"storytrace.clean has no clean()/cleaners yet ({exc})"
    if "text/html" not in cleaners:
        return "no cleaner registered for text/html"
    return None


def systems_for(
    mode: str, only: set[str] | None = None
) -> dict[str, tuple[str, Callable[[GoldPage], Prediction]]]:
    """System name -> (mode, runner). Trafilatura always runs (it is the reference)
    unless `only` names the systems to run."""
    chosen: dict[str, tuple[str, Callable[[GoldPage], Prediction]]] = {
        BASELINE: ("html", trafilatura_plain)
    }
    if mode in ("html", "all"):
        chosen["storytrace-html"] = ("html", storytrace_html)
    if mode in ("text", "all"):
        for name in CONVERTERS:
            chosen[f"storytrace-text[{name}]"] = ("text", text_system(name))
    if only:
        chosen = {k: v for k, v in chosen.items() if k in only or k.split("[")[0] in only}
    return chosen


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class PageScore:
    """One system's scores on one page."""

    id: str
    p: float
    r: float
    f1: float
    headline: bool | None
    author: bool | None
    date: bool | None
    seconds: float
    error: str | None
    with_found: float = math.nan
    without_leaked: float = math.nan
    title: str | None = None
    gold_title: str | None = None
    source_recall: float | None = None
    published: str | None = None
    gold_published: str | None = None
    authors: list[str] | None = None
    gold_author: str | None = None


def score_page(gold: GoldPage, pred: Prediction) -> PageScore:
    """All metrics of one prediction against its gold page."""
    p, r, f1 = body_prf(pred.body, gold.body, gold.latin1_only)
    wf, wl = (math.nan, math.nan)
    if gold.extra.get("with") or gold.extra.get("without"):
        wf, wl = snippet_rates(pred.body, gold.extra.get("with", []), gold.extra.get("without", []))
    return PageScore(
        id=gold.id,
        p=p,
        r=r,
        f1=f1,
        headline=headline_match(pred.title, gold.title, gold.latin1_only) if gold.title else None,
        author=author_match(pred.authors, gold.author) if gold.author else None,
        date=date_match(pred.published, gold.published) if gold.published else None,
        seconds=pred.seconds,
        error=pred.error,
        with_found=wf,
        without_leaked=wl,
        title=pred.title,
        gold_title=gold.title,
        source_recall=pred.source_recall,
        published=pred.published.isoformat() if pred.published else None,
        gold_published=gold.published.isoformat() if gold.published else None,
        authors=list(pred.authors),
        gold_author=gold.author,
    )


def _mean(values: Iterable[float | bool | None]) -> float | None:
    vals = [float(v) for v in values if v is not None]
    vals = [v for v in vals if not math.isnan(v)]
    return fmean(vals) if vals else None


def _unsigned_named(scores: list[PageScore]) -> dict[str, Any]:
    """On a data set that marks authors, the share of pages whose gold names none where the
    system names one ("Select Page", a site's name): the precision `author` cannot see. A
    data set that marks no author at all (L3S-GN1) gives none."""
    if not any(s.gold_author for s in scores):
        return {}
    unsigned = [s for s in scores if not s.gold_author]
    return {
        "author_false": _mean(bool(s.authors) for s in unsigned),
        "author_false_n": len(unsigned),
    }


def summarise(scores: list[PageScore]) -> dict[str, Any]:
    """Per-system figures: means over pages, and pages per second over the timed calls."""
    timed = sum(s.seconds for s in scores)
    return {
        "pages": len(scores),
        "body_p": _mean(s.p for s in scores),
        "body_r": _mean(s.r for s in scores),
        "body_f1": _mean(s.f1 for s in scores),
        "headline": _mean(s.headline for s in scores),
        "headline_n": sum(s.headline is not None for s in scores),
        "author": _mean(s.author for s in scores),
        "author_n": sum(s.author is not None for s in scores),
        **_unsigned_named(scores),
        "date": _mean(s.date for s in scores),
        "date_n": sum(s.date is not None for s in scores),
        "with_found": _mean(s.with_found for s in scores),
        "without_leaked": _mean(s.without_leaked for s in scores),
        "errors": sum(s.error is not None for s in scores),
        "pages_per_s": len(scores) / timed if timed > 0 else None,
    }


def peak_memory_mb(runner: Callable[[GoldPage], Prediction], pages: list[GoldPage]) -> float:
    """Largest traced allocation peak over `pages`, in MB (a separate, untimed pass)."""
    peak = 0
    for gold in pages:
        tracemalloc.start()
        with contextlib.suppress(Exception):  # failures are counted in the timed pass
            runner(gold)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peak / 1e6


def split_of(page_id: str) -> str:
    """The fixed half a page belongs to: "tune" or "check" (md5 of its id, so stable)."""
    return "tune" if int(hashlib.md5(page_id.encode()).hexdigest(), 16) % 2 == 0 else "check"


def run_dataset(
    dataset: str,
    mode: str,
    limit: int | None,
    ids: set[str] | None,
    mem_pages: int,
    log: Callable[[str], None],
    only: set[str] | None = None,
    split: str | None = None,
    speed_pages: int = 0,
) -> dict[str, Any]:
    """Run every chosen system on one data set; return summaries and per-page scores."""
    pages = [
        g
        for g in READERS[dataset](limit=limit)
        if (ids is None or g.id in ids) and (split is None or split_of(g.id) == split)
    ]
    out: dict[str, Any] = {"pages": len(pages), "systems": {}}
    ran: dict[str, Callable[[GoldPage], Prediction]] = {}
    for name, (sys_mode, runner) in systems_for(mode, only).items():
        if CORPUS["on"]:
            from storytrace.clean.corpus import CorpusMemory

            CORPUS["memory"] = CorpusMemory() if name != BASELINE else None
        why_not = None
        if name.startswith("storytrace-text"):
            why_not = text_cleaner_available() or converter_available(converter_of(name))
        elif name == "storytrace-html":
            why_not = html_cleaner_available()
        if why_not:
            out["systems"][name] = {"mode": sys_mode, "unavailable": why_not}
            log(f"{dataset} {name}: not run: {why_not}")
            continue
        started = time.perf_counter()
        if pages:  # warm up: one-time loading (stop lists, models) is not per-page speed
            with contextlib.suppress(Exception):
                runner(pages[0])
        scores = []
        for gold in pages:
            try:
                pred = runner(gold)
            except Exception as exc:  # a crash is a finding, not the end of the run
                pred = Prediction(error=f"crash: {type(exc).__name__}: {exc}")
            scores.append(score_page(gold, pred))
        summary = summarise(scores)
        summary["peak_mb"] = peak_memory_mb(runner, pages[:mem_pages]) if mem_pages else None
        summary["mode"] = sys_mode
        summary["wall_s"] = time.perf_counter() - started
        out["systems"][name] = {**summary, "per_page": [_page_json(s) for s in scores]}
        ran[name] = runner
        log(f"{dataset} {name}: done in {summary['wall_s']:.1f}s")
    if speed_pages and not CORPUS["on"]:
        for name, seconds in best_pass_seconds(ran, pages[:speed_pages]).items():
            out["systems"][name]["best_pass_s"] = seconds
    return out


SPEED_PASSES = 4
"""Passes of the speed pass: each system's fastest of four is stable to a few percent
under the load of two other jobs on two cores."""


def best_pass_seconds(
    runners: dict[str, Callable[[GoldPage], Prediction]], pages: list[GoldPage]
) -> dict[str, float]:
    """Each system's fastest timed pass over `pages`, run alone, the systems alternating.

    A user runs one system over a batch, so each pass runs one system over every page. The
    fastest pass is the one least slowed by other jobs (timeit's rule), and alternating
    the systems pass by pass spreads a change of load over all of them. Taking turns page
    by page, as this benchmark did before, charged the system that ran first after
    trafilatura on every page with a cold processor cache and trafilatura's garbage: that
    row read about a tenth slower than the same cleaner on the other converters' texts.
    """
    best = dict.fromkeys(runners, math.inf)
    for _ in range(SPEED_PASSES):
        for name, runner in runners.items():
            seconds = 0.0
            for gold in pages:
                with contextlib.suppress(Exception):  # failures are counted in the timed pass
                    seconds += runner(gold).seconds
            best[name] = min(best[name], seconds)
    return best


def _page_json(s: PageScore) -> dict[str, Any]:
    row = {k: getattr(s, k) for k in PageScore.__slots__}
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}


# --------------------------------------------------------------------------- reporting

COLUMNS = [
    ("pages", "pages", "{:d}"),
    ("body_p", "P", "{:.3f}"),
    ("body_r", "R", "{:.3f}"),
    ("body_f1", "F1", "{:.3f}"),
    ("f1_ratio", "F1/traf", "{:.3f}"),
    ("conv_lost", "conv lost", "{:d}"),
    ("body_f1_conv_ok", "F1 conv-ok", "{:.3f}"),
    ("traf_f1_conv_ok", "traf same", "{:.3f}"),
    ("headline", "headline", "{:.3f}"),
    ("author", "author", "{:.3f}"),
    ("author_false", "author w/o gold", "{:.3f}"),
    ("date", "date", "{:.3f}"),
    ("with_found", "with", "{:.3f}"),
    ("without_leaked", "w/o leak", "{:.3f}"),
    ("pages_per_s", "pages/s", "{:.1f}"),
    ("speed_ratio", "x traf", "{:.2f}"),
    ("speed_ratio_best", "x traf best", "{:.2f}"),
    ("peak_mb", "peak MB", "{:.1f}"),
    ("errors", "errors", "{:d}"),
]


def add_ratios(result: dict[str, Any]) -> None:
    """F1 and speed of each system as a ratio to trafilatura's in the same run; for text
    systems also F1 on the pages their converter kept, and trafilatura's on those pages."""
    base = result["systems"].get(BASELINE, {})
    base_f1 = {p["id"]: p["f1"] for p in base.get("per_page", [])}
    for summary in result["systems"].values():
        if "unavailable" in summary:
            continue
        for key, src in (("f1_ratio", "body_f1"), ("speed_ratio", "pages_per_s")):
            a, b = summary.get(src), base.get(src)
            summary[key] = a / b if a is not None and b else None
        mine, theirs = summary.get("best_pass_s"), base.get("best_pass_s")
        summary["speed_ratio_best"] = theirs / mine if mine and theirs else None
        pages = summary.get("per_page", [])
        if not any(p.get("source_recall") is not None for p in pages):
            continue
        kept = [p for p in pages if (p.get("source_recall") or 0) >= CONVERTED_RECALL]
        summary["conv_lost"] = len(pages) - len(kept)
        summary["body_f1_conv_ok"] = _mean(p["f1"] for p in kept)
        summary["traf_f1_conv_ok"] = _mean(base_f1.get(p["id"]) for p in kept)


def table(dataset: str, result: dict[str, Any]) -> str:
    """A plain-text table of one data set's figures, one row per system."""
    head = ["system", *[c[1] for c in COLUMNS]]
    rows, notes = [], []
    for name, s in result["systems"].items():
        if "unavailable" in s:
            notes.append(f"{name}: not run: {s['unavailable']}")
            continue
        cells = [name]
        for key, _, fmt in COLUMNS:
            v = s.get(key)
            cells.append("-" if v is None else fmt.format(v))
        for key, column in (
            ("headline", "headline"),
            ("author", "author"),
            ("author_false", "author w/o gold"),
            ("date", "date"),
        ):
            n = s.get(f"{key}_n")
            cells[head.index(column)] += f" ({n})" if n else ""
        rows.append(cells)
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = [f"== {dataset}: {result['pages']} pages =="]
    for r in [head, *rows]:
        lines.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    return "\n".join(lines + notes)


# --------------------------------------------------------------------------- floors


def floor_key(dataset: str, system: str, metric: str) -> str:
    return f"{dataset}/{system}/{metric}"


def measured_floors(results: dict[str, Any]) -> dict[str, float]:
    """Every floor-able figure of our own systems in this run."""
    out = {}
    for dataset, result in results.items():
        for system, s in result["systems"].items():
            if system == BASELINE or "unavailable" in s or _optional(system):
                continue
            for metric in FLOOR_METRICS:
                if s.get(metric) is not None:
                    out[floor_key(dataset, system, metric)] = s[metric]
    return out


def _optional(system: str) -> bool:
    """Whether `system` runs a converter that is not part of the default install."""
    return converter_of(system) in OPTIONAL_CONVERTERS


def update_floors(results: dict[str, Any], allow_lower: bool, path: Path = FLOORS) -> list[str]:
    """Pin our section's floors at this run's figures (see `floors.pin`)."""
    return floors.pin(FLOOR_SECTION, measured_floors(results), allow_lower, path)


def _worst(per_page: list[dict[str, Any]], metric: str, k: int = 5) -> str:
    if metric.startswith("body_f1"):
        worst = sorted(per_page, key=lambda p: p["f1"])[:k]
        return ", ".join(f"{p['id']} ({p['f1']:.2f})" for p in worst)
    misses = [p for p in per_page if p.get(metric) is False][:k]
    if metric == "headline":
        return ", ".join(f"{p['id']} ({p['title']!r} vs {p['gold_title']!r})" for p in misses)
    return ", ".join(p["id"] for p in misses)


def check_floors(results: dict[str, Any], path: Path = FLOORS) -> list[str]:
    """One message per figure below its floor (or pinned but not measured in this run)."""
    failures = []
    for key, floor in sorted(floors.load(path).get(FLOOR_SECTION, {}).items()):
        dataset, system, metric = key.split("/")
        if dataset not in results or system not in systems_for("all"):
            continue
        if system not in results[dataset]["systems"]:
            continue  # the mode that runs it was not chosen
        s = results[dataset]["systems"][system]
        if "unavailable" in s:
            failures.append(f"{key}: floor {floor} but not measured ({s['unavailable']})")
            continue
        value = s.get(metric)
        if value is None:
            continue  # no page of this run has gold for it
        if value < floor:
            worst = _worst(s["per_page"], metric)
            failures.append(f"{key}: {value:.3f} < floor {floor}; worst pages: {worst}")
    return failures


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", choices=[*READERS, "all"], default="all")
    ap.add_argument("--mode", choices=["text", "html", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each data set")
    ap.add_argument("--split", choices=["tune", "check"], default=None, help="one half only")
    ap.add_argument("--ids", default=None, help="comma-separated page ids to run only")
    ap.add_argument(
        "--systems", default=None, help="comma-separated systems to run only (default: all)"
    )
    ap.add_argument("--mem-pages", type=int, default=20, help="pages in the memory pass")
    ap.add_argument(
        "--speed-pages",
        type=int,
        default=200,
        help="pages in the speed pass, where each system runs alone over them (0: none)",
    )
    ap.add_argument(
        "--corpus", action="store_true", help="clean each data set as one run (corpus evidence)"
    )
    ap.add_argument("--json", type=Path, default=None, help="write all results here")
    ap.add_argument(
        "--text-cache",
        type=Path,
        default=None,
        help="keep the converters' texts in this folder and read them from it on later runs",
    )
    ap.add_argument(
        "--fetched-after",
        type=float,
        default=None,
        metavar="HOURS",
        help="clean each page as if fetched HOURS after its gold publication day began",
    )
    ap.add_argument("--floors", action="store_true", help="fail when a figure is below floor")
    ap.add_argument("--update-floors", action="store_true", help="raise floors to this run")
    ap.add_argument("--allow-lower", action="store_true", help="let --update-floors lower")
    args = ap.parse_args(argv)
    if args.update_floors and (args.limit is not None or args.ids or args.systems or args.split):
        ap.error("--update-floors needs a full run (no --limit, --ids, --systems or --split)")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if (args.corpus or args.fetched_after is not None) and args.update_floors:
        ap.error("floors are pinned without --corpus and --fetched-after")
    CORPUS["on"] = args.corpus
    TEXT_CACHE["dir"] = args.text_cache
    FETCHED["after"] = args.fetched_after
    datasets = list(READERS) if args.dataset == "all" else [args.dataset]
    ids = set(args.ids.split(",")) if args.ids else None
    only = set(args.systems.split(",")) if args.systems else None
    results = {}
    for dataset in datasets:
        results[dataset] = run_dataset(
            dataset,
            args.mode,
            args.limit,
            ids,
            args.mem_pages,
            log,
            only,
            args.split,
            args.speed_pages,
        )
        add_ratios(results[dataset])
        print(table(dataset, results[dataset]))
        print()
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return floors.finish(
        (lambda: update_floors(results, args.allow_lower)) if args.update_floors else None,
        (lambda: check_floors(results)) if args.floors else None,
        partial=args.limit is not None or bool(ids) or bool(args.split),
    )

if __name__ == "__main__":
    sys.exit(main())
