"""Date expressions in an article body, resolved against its publication time.

"on Friday" in an article published Tuesday 24 September 2024 is 2024-09-20 (a past
sentence points back to the last Friday), "on Sept. 26" is 2024-09-26 (the year nearest
to publication), "in November" is the month range of November 2024, "next week" the
following Monday to Sunday. Lengths of time ("2.5 years", "for as long as it takes") are
not dates. Candidates come from our own patterns (`resolve_dates`) and, in the annotate
component, also from spaCy's DATE entities; every one is resolved by the code below, with
dateparser only as a last resort for an entity our patterns cannot read.

Words (month and weekday names, tense cues, duration words) live in
`storytrace/data/dates_en.toml`.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from storytrace.annotate import components
from storytrace.annotate.datelines import dateline_pattern
from storytrace.model import Annotations, Article, DatedEvent, Options, Span
from storytrace.resources import toml

PAST, FUTURE = "past", "future"
_DIRECTION_PENALTY_DAYS = 400
"""A year that puts a date in the direction opposite to the sentence's tense counts this many
days further away, so the tense decides ("was there on Jan. 5" in September is last January)
and the nearest year only breaks ties when no tense cue is found."""
_SCAN_AFTER = 60
"""Characters after an expression searched for a tense cue when none precedes it."""


@dataclass(frozen=True, slots=True)
class _Resolved:
    start: date
    end: date
    granularity: str


# --------------------------------------------------------------------------- language data


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    parts: dict[str, tuple[int, int]]
    patterns: dict[str, re.Pattern[str]]
    future: re.Pattern[str]
    past: re.Pattern[str]
    not_past: frozenset[str]
    duration: re.Pattern[str]
    not_before_weekday: frozenset[str]
    trigger: re.Pattern[str]
    """Something a date expression needs (a name, a digit, a time word): sentences
    without one are not scanned."""
    date_like: re.Pattern[str]
    """What an entity must hold to be worth dateparser's time (a name or a year)."""
    abbreviations: frozenset[str]


def _alt(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


_SEASON_YEARS = re.compile(r"\b[12]\d{3}\s*[-–/]\s*\d{2}\b(?!\s*[-–/]\s*\d)")


@cache
def _lexicon() -> _Lexicon:
    raw = toml("dates_en.toml")
    months = {k.lower(): v for k, v in raw["months"].items()}
    weekdays = {k.lower(): v for k, v in raw["weekdays"].items()}
    numbers = dict(raw["numbers"])
    words = raw["words"]
    # names as written in running text and in all-caps datelines ("MAY 3, 2013")
    month_names = [*raw["months"], *(k.upper() for k in raw["months"])]
    weekday_names = [*raw["weekdays"], *(k.upper() for k in raw["weekdays"])]
    month_full = _alt(k for k in month_names if len(k) > 3 and k.lower() != "sept")
    month_any = rf"(?:{_alt(month_names)})\b\.?"
    weekday_full = _alt(k for k in weekday_names if k.lower().endswith("day"))
    weekday_any = rf"(?:{_alt(weekday_names)})\b\.?"
    num = rf"(?:\d{{1,3}}|{_alt(numbers)})"
    preps = _alt(words["prepositions"])
    not_after = _alt(words["not_after_weekday"])
    ordinal = r"(?:st|nd|rd|th)?"
    year = r"(?:1[0-9]{3}|2[0-9]{3})"
    lead = rf"(?:(?i:{preps})\s+)?"
    # Patterns by name; case-sensitive for names, (?i:...) for the ordinary words around them.
    patterns = {
        "iso": rf"{lead}\b(?P<y>{year})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b",
        "month_day": (
            rf"{lead}(?:(?P<wd>{weekday_any}),?\s+)?(?P<mon>{month_any})\s+"
            rf"(?P<d>[0-3]?\d){ordinal}\b(?:,?\s+(?P<y>{year})\b)?"
        ),
        "day_month": (
            rf"{lead}(?:(?P<wd>{weekday_any}),?\s+)?(?:(?i:the)\s+)?(?<![\d.,])(?P<d>[0-3]?\d){ordinal}"
            rf"\s+(?:(?i:of)\s+)?(?P<mon>{month_any})(?:,?\s+(?P<y>{year})\b)?"
        ),
        "month_year": (
            rf"{lead}(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<mon>{month_any}),?\s+(?P<y>{year})\b"
        ),
        "month": (
            rf"(?:(?P<mod>(?i:last|next|this|{preps}))\s+|(?P<part>(?i:early|mid|late))[\s-]+)"
            rf"(?:(?P<part2>(?i:early|mid|late))[\s-]+)?(?P<mon>{month_full})\b(?!\s+\d)"
        ),
        "year": rf"(?P<mod>(?i:{preps}|early|mid|late|the end of))\s+(?P<y>{year})\b(?![-/]\d)",
        "weekday": (
            rf"(?:(?P<mod>(?i:last|next|this|coming|past|{preps}))\s+)?"
            rf"(?P<wd>{weekday_full})(?:\s+(?P<tod>(?i:morning|afternoon|evening|night)))?\b"
            rf"(?!\s+(?:{not_after}))"
        ),
        "relday": (
            r"(?i:\b(?P<rel>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
            r"yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b)"
        ),
        "relunit": (
            r"(?i:\b(?:(?P<edge>earlier|later|early|late)\s+)?"
            r"(?P<mod>last|this|next|past|coming|previous|the\s+past|the\s+previous|the\s+coming|"
            r"over\s+the|the)\s+(?P<unit>week|weekend|month|year)\b)"
        ),
        "ago": rf"(?i:\b(?P<n>{num})\s+(?P<unit>day|week|month|year)s?\s+ago\b)",
        "ahead": rf"(?i:\bin\s+(?P<n>{num})\s+(?P<unit>day|week|month|year)s?\b(?!\s+(?:of|ago)))",
        "season": (
            r"(?i:\b(?P<mod>last|this|next)\s+"
            r"(?P<season>spring|summer|autumn|fall|winter)\b)"
        ),
        "decade": (
            r"\b(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
            r"(?P<y>1[0-9]{2}0|2[0-9]{2}0)['’]?s\b"
        ),
    }
    dur = raw["durations"]
    duration = re.compile(
        rf"(?i)^\s*(?:(?:{_alt(dur['lead'])})\s+)*"
        rf"(?:(?:\d+(?:[.,]\d+)?|{_alt(numbers)}|half|several|many|few)[\s-]+)?"
        rf"(?:and\s+a\s+half\s+)?(?:{_alt(dur['units'])})s?(?:\s+and\s+a\s+half)?"
        rf"(?:\s+(?:long|old|later|earlier|running|straight|in\s+a\s+row))?\s*$"
        rf"|^\s*(?:{_alt(dur['phrases'])})\s*$"
    )
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        seasons={k: tuple(v) for k, v in raw["seasons"].items()},
        parts={k: tuple(v) for k, v in raw["parts"].items()},
        patterns={k: re.compile(v) for k, v in patterns.items()},
        future=re.compile(rf"(?i)(?<![\w'’])(?:{_alt(raw['tense']['future'])})\b"),
        past=re.compile(rf"(?i)\b(?:(?:{_alt(raw['tense']['past'])})\b|[a-z]{{3,}}ed\b)"),
        not_past=frozenset(raw["tense"]["not_past"]),
        duration=duration,
        not_before_weekday=frozenset(words["not_before_weekday"]),
        trigger=re.compile(
            rf"\d|(?i:\b(?:{_alt(months)}|{_alt(weekdays)}|{_alt(words['time_words'])}))"
        ),
        date_like=re.compile(
            rf"(?i:\b(?:{_alt(months)}|{_alt(weekdays)})\b)|\b(?:1[0-9]{{3}}|2[0-9]{{3}})\b"
        ),
        abbreviations=frozenset(
            [*(k.lower() for k in raw["months"]), *(w.lower() for w in words["abbreviations"])]
        ),
    )


# --------------------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _weekday_before(ref: date, weekday: int, *, inclusive: bool) -> date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return ref - timedelta(days=back)


def _weekday_after(ref: date, weekday: int, *, inclusive: bool) -> date:
    ahead = (weekday - ref.weekday()) % 7
    if ahead == 0 and not inclusive:
        ahead = 7
    return ref + timedelta(days=ahead)


def _nearest_year(ref: date, pick: Any, tense: str | None) -> tuple[date, date]:
    """The (start, end) built by `pick(year)` for the year nearest to `ref`, tense-weighted."""
    best: tuple[float, tuple[date, date]] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            start, end = pick(year)
        except ValueError:  # 29 February in a common year
            continue
        if start <= ref <= end:
            return start, end
        distance = (start - ref).days if start > ref else (ref - end).days
        if (tense == PAST and start > ref) or (tense == FUTURE and end < ref):
            distance += _DIRECTION_PENALTY_DAYS
        if best is None or distance < best[0]:
            best = (distance, (start, end))
    if best is None:
        raise ValueError("no year fits")
    return best[1]


# --------------------------------------------------------------------------- tense


_PREPOSITION_CUES = frozenset({"by", "until"})


_DIRECTIVE = re.compile(
    r"\b(?:asked|urged|told|called on|ordered|invited|encouraged|pressed|forced)"
    r"\s+(?:\w+\s+){0,4}?to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)",
    re.IGNORECASE,
)
_CLOSED_QUOTE = re.compile(r'"[^"]*"|“[^“”]*”')


def _tense(text: str, sentence: Span, span: Span) -> str | None:
    """`past`, `future` or None from the nearest tense cue around the expression."""
    lex = _lexicon()
    # A quote closed before the date is someone's words with their own tense: in "would
    # examine "who decided what" during hearings in May", "decided" is no cue for May.
    before = _CLOSED_QUOTE.sub(" ", text[sentence[0] : span[0]])
    cue = _last_cue(before, lex)
    if cue is None:
        after = text[span[1] : min(sentence[1], span[1] + _SCAN_AFTER)]
        after = re.split(r"[,;:]", after, maxsplit=1)[0]
        cue = _first_cue(after, lex)
    return cue


def _cues(segment: str, lex: _Lexicon) -> list[tuple[int, str]]:
    found = [
        (m.end(), FUTURE)
        for m in lex.future.finditer(segment)
        # "by" and "until" point ahead only right before the date ("until Friday"):
        # "first reported by the Ledger on Monday" is past.
        if m.group(0).lower() not in _PREPOSITION_CUES or not segment[m.end() :].strip()
    ]
    # "asked the public to wait ... on March 18": what someone was asked, urged or told to
    # do lies ahead of the asking.
    found += [(m.end(), FUTURE) for m in _DIRECTIVE.finditer(segment)]
    for m in lex.past.finditer(segment):
        if m.group(0).lower() in lex.not_past:
            continue
        if _word_before(segment, m.start()).lower() in ("be", "being"):
            continue  # "will be held": the auxiliary before it tells the tense
        found.append((m.end(), PAST))
    return found


def _last_cue(segment: str, lex: _Lexicon) -> str | None:
    found = _cues(segment, lex)
    # at one end position a future phrase ("expected to") beats the -ed word inside it
    return max(found, key=lambda c: (c[0], c[1] == FUTURE))[1] if found else None


def _first_cue(segment: str, lex: _Lexicon) -> str | None:
    found = _cues(segment, lex)
    return min(found, key=lambda c: (c[0], c[1] != FUTURE))[1] if found else None


# --------------------------------------------------------------------------- resolution


def _int(token: str | None, lex: _Lexicon) -> int | None:
    if token is None:
        return None
    token = token.lower()
    return int(token) if token.isdigit() else lex.numbers.get(token)


def _month_range(year: int, month: int, part: str | None, lex: _Lexicon) -> _Resolved:
    if part:
        first, last = lex.parts[part.lower()]
        end = min(last, calendar.monthrange(year, month)[1])
        return _Resolved(date(year, month, first), date(year, month, end), "range")
    return _Resolved(date(year, month, 1), _month_end(year, month), "month")


def _resolve(kind: str, m: re.Match[str], ref: date, tense: str | None) -> _Resolved | None:
    lex = _lexicon()
    g = m.groupdict()
    if kind == "iso":
        day = date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _Resolved(day, day, "day")
    if kind in ("month_day", "day_month"):
        month, day_n = lex.months[g["mon"].rstrip(".").lower()], int(g["d"])
        if g.get("y"):
            day = date(int(g["y"]), month, day_n)
        else:
            weekday = lex.weekdays.get((g.get("wd") or "").rstrip(".").lower())
            day = _year_for_day(ref, month, day_n, weekday, tense)
        return _Resolved(day, day, "day")
    if kind == "month_year":
        return _month_range(int(g["y"]), lex.months[g["mon"].rstrip(".").lower()], g["part"], lex)
    if kind == "month":
        return _resolve_month(g, ref, tense, lex)
    if kind == "year":
        year = int(g["y"])
        mod = g["mod"].lower()
        if mod in ("early", "mid", "late", "the end of"):
            span = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (10, 12)}[mod]
            return _Resolved(date(year, span[0], 1), _month_end(year, span[1]), "range")
        return _Resolved(date(year, 1, 1), date(year, 12, 31), "year")
    if kind == "weekday":
        return _resolve_weekday(g, ref, tense, lex)
    if kind == "relday":
        return _resolve_relday(g["rel"], ref)
    if kind == "relunit":
        return _resolve_relunit(g, ref, tense)
    if kind in ("ago", "ahead"):
        n = _int(g["n"], lex)
        if n is None:
            return None
        return _offset(ref, -n if kind == "ago" else n, g["unit"].lower())
    if kind == "season":
        return _resolve_season(g, ref, lex)
    if kind == "decade":
        first = int(g["y"])
        span = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get((g["part"] or "").lower())
        lo, hi = span or (0, 9)
        return _Resolved(date(first + lo, 1, 1), date(first + hi, 12, 31), "range")
    return None


def _year_for_day(ref: date, month: int, day: int, weekday: int | None, tense: str | None) -> date:
    if weekday is not None:  # "Tuesday, Sept. 24": the year in which that day is a Tuesday
        for year in (ref.year, ref.year - 1, ref.year + 1):
            try:
                if date(year, month, day).weekday() == weekday:
                    return date(year, month, day)
            except ValueError:
                continue
    start, _ = _nearest_year(ref, lambda y: (date(y, month, day),) * 2, tense)
    return start


def _resolve_month(g: dict[str, Any], ref: date, tense: str | None, lex: _Lexicon) -> _Resolved:
    month = lex.months[g["mon"].lower()]
    part = g.get("part") or g.get("part2")
    mod = (g.get("mod") or "").lower()
    if mod == "this" or (month == ref.month and mod not in ("last", "next")):
        year = ref.year
    elif mod == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif mod == "next":
        year = ref.year if month > ref.month else ref.year + 1
    else:
        if mod == "since":
            tense = PAST
        year = _nearest_year(ref, lambda y: (date(y, month, 1), _month_end(y, month)), tense)[
            0
        ].year
    return _month_range(year, month, part, lex)


def _resolve_weekday(g: dict[str, Any], ref: date, tense: str | None, lex: _Lexicon) -> _Resolved:
    weekday = lex.weekdays[g["wd"].lower()]
    mod = (g.get("mod") or "").lower()
    if mod in ("last", "past"):
        day = _weekday_before(ref, weekday, inclusive=False)
    elif mod in ("next", "coming"):
        day = _weekday_after(ref, weekday, inclusive=False)
    elif mod == "this" and tense is None:
        day = _week(ref)[0] + timedelta(days=weekday)
    elif mod == "since":
        day = _weekday_before(ref, weekday, inclusive=True)
    elif tense == FUTURE or mod in ("until", "till", "by"):
        day = _weekday_after(ref, weekday, inclusive=True)
    else:  # news default: "said on Friday" is the Friday just gone (today counts)
        day = _weekday_before(ref, weekday, inclusive=True)
    return _Resolved(day, day, "day")


def _resolve_relday(rel: str, ref: date) -> _Resolved:
    rel = " ".join(rel.lower().split())
    shift = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }.get(rel, 0)
    day = ref + timedelta(days=shift)
    return _Resolved(day, day, "day")


def _resolve_relunit(g: dict[str, Any], ref: date, tense: str | None) -> _Resolved | None:
    mod = " ".join((g.get("mod") or "").lower().split())
    unit = g["unit"].lower()
    edge = (g.get("edge") or "").lower()
    if mod in ("the past", "past") and unit != "weekend":
        back = {"week": 7, "month": 30, "year": 365}[unit]
        return _Resolved(ref - timedelta(days=back), ref, "range")
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1, "the coming": 1}
    in_weekend = ref.weekday() >= 5
    if mod in ("the", "over the"):
        if unit != "weekend":
            return None  # "the week", "the year" alone say nothing about which one
        # past: the weekend just gone (or this one, if we are in it); future: the coming one
        n = int(in_weekend) if tense == FUTURE else int(in_weekend) - 1
    else:
        n = step.get(mod, 0)
    if unit == "weekend":
        if n > 0 and not in_weekend:
            n = 0  # on a weekday "next weekend" is the coming one
        saturday = _week(ref)[0] + timedelta(days=5 + 7 * n)
        return _Resolved(saturday, saturday + timedelta(days=1), "range")
    if unit == "week":
        start, end = _week(ref + timedelta(days=7 * n))
        gran = "week"
    elif unit == "month":
        y, mth = _add_months(ref.year, ref.month, n)
        start, end, gran = date(y, mth, 1), _month_end(y, mth), "month"
    else:
        start, end, gran = date(ref.year + n, 1, 1), date(ref.year + n, 12, 31), "year"
    if n == 0 and edge in ("earlier", "early"):
        return _Resolved(start, max(start, ref), "range")
    if n == 0 and edge in ("later", "late"):
        return _Resolved(min(ref, end), end, "range")
    return _Resolved(start, end, gran)


def _offset(ref: date, n: int, unit: str) -> _Resolved:
    if unit == "day":
        day = ref + timedelta(days=n)
        return _Resolved(day, day, "day")
    if unit == "week":
        start, end = _week(ref + timedelta(days=7 * n))
        return _Resolved(start, end, "week")
    if unit == "month":
        y, mth = _add_months(ref.year, ref.month, n)
        return _Resolved(date(y, mth, 1), _month_end(y, mth), "month")
    return _Resolved(date(ref.year + n, 1, 1), date(ref.year + n, 12, 31), "year")


def _resolve_season(g: dict[str, Any], ref: date, lex: _Lexicon) -> _Resolved:
    first, last = lex.seasons[g["season"].lower()]
    mod = g["mod"].lower()
    # the season's year is the year it starts in; this season = the one containing or next
    year = ref.year if first <= last or ref.month >= first else ref.year - 1
    start = date(year, first, 1)
    if mod == "last":
        start = start.replace(year=start.year - 1) if start <= ref else start.replace(year=year - 1)
    elif mod == "next" and start <= ref:
        start = start.replace(year=start.year + 1)
    end_year = start.year + (1 if last < first else 0)
    return _Resolved(start, _month_end(end_year, last), "range")


# --------------------------------------------------------------------------- candidates


_PATTERN_ORDER = (
    "iso",
    "month_day",
    "day_month",
    "month_year",
    "month",
    "year",
    "weekday",
    "relday",
    "relunit",
    "ago",
    "ahead",
    "season",
    "decade",
)


_WINDOW_MARGIN = 24
"""Characters scanned either side of a sentence, in case a split cut an expression."""


def _windows(text: str, sentences: list[Span]) -> list[Span]:
    """The stretches worth scanning: sentences holding a trigger, with a margin, merged."""
    trigger = _lexicon().trigger
    out: list[list[int]] = []
    for a, b in sentences:
        if not trigger.search(text, a, b):
            continue
        lo, hi = max(0, a - _WINDOW_MARGIN), min(len(text), b + _WINDOW_MARGIN)
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _scan(text: str, windows: list[Span]) -> list[tuple[Span, str, re.Match[str]]]:
    """Our patterns over the given stretches of the text, offsets into the whole text."""
    found = []
    for lo, hi in windows:
        found.extend(_pattern_matches(text, pos=lo, endpos=hi))
    return found


def _pattern_matches(
    text: str, offset: int = 0, *, pos: int = 0, endpos: int | None = None
) -> list[tuple[Span, str, re.Match[str]]]:
    lex = _lexicon()
    end = len(text) if endpos is None else endpos
    found = []
    for kind in _PATTERN_ORDER:
        for m in lex.patterns[kind].finditer(text, pos, end):
            if (
                kind == "weekday"
                and not m.group("mod")
                and _word_before(text, m.start()) in (lex.not_before_weekday)
            ):
                continue  # "Good Friday", "Black Friday"
            found.append(((m.start() + offset, m.end() + offset), kind, m))
    return found


def _word_before(text: str, index: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, index - 30) : index])
    return m.group(1) if m else ""


def _entity_matches(text: str, span: Span) -> list[tuple[Span, str, re.Match[str]]]:
    """Our patterns on one entity's text, plus bare month and year that need no context there."""
    entity = text[span[0] : span[1]]
    found = _pattern_matches(entity, span[0])
    lex = _lexicon()
    bare = re.fullmatch(
        rf"\s*(?:(?i:the)\s+)?(?P<mon>{_alt(k.capitalize() for k in lex.months if len(k) > 3)})"
        r"(?:'s)?\s*",
        entity,
    )
    if bare:
        found.append((span, "month", bare))
    bare_year = re.fullmatch(r"\s*(?:(?i:the\s+year)\s+)?(?P<mod>)(?P<y>1\d{3}|2\d{3})\s*", entity)
    if bare_year:
        found.append((span, "year", bare_year))
    return found


def _is_duration(expression: str) -> bool:
    return bool(_lexicon().duration.match(expression))


def _worth_dateparser(expression: str) -> bool:
    """Whether an entity our patterns could not read may still be a date worth parsing."""
    if not _lexicon().date_like.search(expression):
        return False  # a bare number ("33", an age) is not a date
    # "2007-08" is a sports season, which dateparser reads as August 2007
    return not _SEASON_YEARS.search(expression)


def _dateparser_resolve(expression: str, ref: date, tense: str | None) -> _Resolved | None:
    """Last resort for a date entity our patterns cannot read (slow: called rarely)."""
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day, 12),
        "PREFER_DATES_FROM": tense or PAST,
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(expression)
    except Exception:  # dateparser raises many kinds on odd text; it is a last resort
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        return _Resolved(day.replace(day=1), _month_end(day.year, day.month), "month")
    if period == "year":
        return _Resolved(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    if period == "week":
        return _Resolved(*_week(day), "week")
    return _Resolved(day, day, "day")


# --------------------------------------------------------------------------- sentences


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


def _fallback_sentences(text: str) -> list[Span]:
    abbreviations = _lexicon().abbreviations
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start() - 1 : m.start()] == "." and (
            _word_before(text, m.start()).lower() in abbreviations
            or len(_word_before(text, m.start())) == 1
        ):
            continue  # "Sept. 26", "Mr. Smith", "J. Doe" are not sentence ends
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _clean_sentences(text: str, sentences: list[Span]) -> list[Span]:
    """Valid, sorted, non-empty spans; a simple splitter when none are given."""
    good = []
    for s in sentences or ():
        try:
            a, b = int(s[0]), int(s[1])
        except (TypeError, ValueError, IndexError):
            continue
        a, b = max(0, a), min(len(text), b)
        if b > a:
            good.append((a, b))
    return sorted(set(good)) if good else _fallback_sentences(text)


def _sentence_for(span: Span, sentences: list[Span], starts: list[int], text: str) -> Span:
    i = bisect.bisect_right(starts, span[0]) - 1
    if i >= 0 and sentences[i][0] <= span[0] < sentences[i][1]:
        return sentences[i][0], max(sentences[i][1], min(span[1], len(text)))
    return span


# --------------------------------------------------------------------------- public


def resolve_dates(
    text: str,
    sentences: list[Span],
    published: datetime | None,
    fallback: datetime,
    *,
    candidates: Iterable[Span] = (),
) -> list[DatedEvent]:
    """Every date expression of `text`, resolved against `published` (or `fallback`).

    `sentences` are the body's sentence spans (a simple splitter is used when empty);
    `candidates` are extra spans believed to be dates (spaCy's DATE entities), read with
    looser patterns and, failing those, dateparser. Durations are skipped. When
    `published` is None, `fallback` (ingest time) anchors relative expressions and every
    event is marked `anchored=False`. Odd text never raises: an unreadable expression is
    left out.
    """
    if not isinstance(text, str) or not text:
        return []
    anchor = published or fallback
    ref = anchor.date() if isinstance(anchor, datetime) else anchor
    sents = _clean_sentences(text, sentences)
    starts = [s[0] for s in sents]

    found = _scan(text, _windows(text, sents))
    extra: list[Span] = []
    for span in candidates or ():
        try:
            a, b = max(0, int(span[0])), min(len(text), int(span[1]))
        except (TypeError, ValueError, IndexError):
            continue
        if b > a:
            extra.append((a, b))
    for span in extra:
        found.extend(_entity_matches(text, span))

    events: list[DatedEvent] = []
    # A wire dateline's date ("CALDMOUTH, March 4 (CPA) -") is when the report was filed,
    # not an event of the story; its sentence's own "on Tuesday" is.
    taken: list[Span] = [m.span() for m in dateline_pattern().finditer(text)]
    # longest first, then leftmost: "Tuesday, Sept. 24" beats "Tuesday" and "Sept. 24"
    for span, kind, m in sorted(found, key=lambda f: (f[0][0] - f[0][1], f[0][0])):
        if any(span[0] < t[1] and t[0] < span[1] for t in taken):
            continue
        event = _event(text, span, kind, m, ref, sents, starts, anchored=published is not None)
        if event is not None:
            events.append(event)
            taken.append(span)
    for span in extra:
        if any(span[0] < t[1] and t[0] < span[1] for t in taken):
            continue
        expression = text[span[0] : span[1]].strip()
        if not expression or _is_duration(expression) or not _worth_dateparser(expression):
            continue
        sentence = _sentence_for(span, sents, starts, text)
        try:
            resolved = _dateparser_resolve(expression, ref, _tense(text, sentence, span))
        except (ValueError, OverflowError):
            resolved = None
        if resolved is not None:
            events.append(_make(text, span, resolved, sentence, published is not None))
            taken.append(span)
    events.sort(key=lambda e: e.span)
    return events


def _event(
    text: str,
    span: Span,
    kind: str,
    m: re.Match[str],
    ref: date,
    sents: list[Span],
    starts: list[int],
    *,
    anchored: bool,
) -> DatedEvent | None:
    sentence = _sentence_for(span, sents, starts, text)
    try:
        resolved = _resolve(kind, m, ref, _tense(text, sentence, span))
    except (ValueError, OverflowError, KeyError):  # 31 February, year 10000, odd names
        return None
    if resolved is None:
        return None
    if (m.groupdict().get("mod") or "").lower() == "since" and resolved.start <= ref:
        # "since 2018", "since March": a span from then up to the article's day.
        resolved = _Resolved(resolved.start, max(ref, resolved.end), "range")
    return _make(text, span, resolved, sentence, anchored)


def _make(text: str, span: Span, r: _Resolved, sentence: Span, anchored: bool) -> DatedEvent:
    return DatedEvent(
        text=text[span[0] : span[1]],
        span=span,
        start=r.start,
        end=r.end,
        granularity=r.granularity,
        sentence=text[sentence[0] : sentence[1]].strip(),
        sentence_span=sentence,
        anchored=anchored,
    )


def fallback_time(article: Article, options: Options) -> datetime:
    """What anchors an undated article: its ingest time if known, else the options' clock."""
    fetched = article.meta.get("fetched_at") if isinstance(article.meta, dict) else None
    if isinstance(fetched, str):
        try:
            fetched = datetime.fromisoformat(fetched)
        except ValueError:
            fetched = None
    if isinstance(fetched, datetime):
        return fetched
    return options.fetched_at or datetime.now(UTC)


@components.register("dates")
def annotate_dates(doc: Any, article: Article, annotations: Annotations, options: Options) -> None:
    """Annotate component: fill `annotations.dates` from the body and spaCy's DATE entities."""
    candidates = [
        (ent.start_char, ent.end_char)
        for ent in getattr(doc, "ents", ())
        if getattr(ent, "label_", "") == "DATE"
    ]
    sentences = annotations.sentences
    if not sentences:
        try:
            sentences = [(s.start_char, s.end_char) for s in doc.sents]
        except (AttributeError, ValueError):  # a Doc without sentence boundaries
            sentences = []
    annotations.dates = resolve_dates(
        article.body,
        sentences,
        article.published,
        fallback_time(article, options),
        candidates=candidates,
    )
