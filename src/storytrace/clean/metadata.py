"""Article metadata written in a page's own lines: publication times, bylines, outlets.

Shared by the text and HTML cleaners. Dates are read by our own regular
expressions first (month names from `data/months.tsv`, zone abbreviations from
`data/timezones.tsv`): they cover the forms news pages use and cost microseconds,
where `dateparser` costs about a millisecond a call; `dateparser` is the fallback
for short date-like lines in other languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from operator import attrgetter
from typing import Any, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storytrace.clean.lines import HAN, HAN_HANGUL, trie_pattern
from storytrace.resources import outlets, rows, words

# ---------------------------------------------------------------------------
# Dates


class DateMatch(NamedTuple):
    """A publication time found in a line of text."""

    value: datetime
    """Timezone-aware."""
    precision: str
    """`day`, `minute` or `second`."""
    start: int
    end: int
    """Character span of the date (and its time, when one follows) in the text."""
    updated: bool = False
    """The text calls it an update time ("Updated ...", "Aktualisiert ...")."""
    relative: bool = False
    """Read from a relative expression ("3 hours ago") against a reference time."""
    labelled: bool = False
    """The text calls it the publication time ("Published ...", "Originally published on
    ...", "Veröffentlicht ..."), and not an update."""
    either_way: bool = False
    """Written in figures that read as a date either way round ("02/12/2025"): which is the
    month is a guess (dotted dates are read day first, as the countries writing them do)."""


# A label may be glued to the date before it ("December 22, 2022Updated: January 2, 2026"):
# text joined from separate elements.
_UPDATED = re.compile(
    r"(?:\b|(?<=\d))(?:updated?|last\s+modified|last\s+published|modified|edited|"
    r"aktualisiert|mis\s+à\s+jour|actualizado|actualización|aggiornato|atualizado|bijgewerkt)\b",
    re.IGNORECASE,
)
PUBLISHED_LABEL = re.compile(
    r"(?:\b|(?<=\d))"
    r"(?:published|publi[ée]e?|ver[öo]ffentlicht|publicado|pubblicato|gepubliceerd)\b",
    re.IGNORECASE,
)
_LABEL_HINTS = re.compile("ubli|UBLI|bbli|BBLI|ffentlicht|FFENTLICHT")
"""What every PUBLISHED_LABEL match holds in its usual cases: a case-sensitive search with
no look-behind costs far less than the pattern's own, run on every line of a page."""
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DIGIT = re.compile(r"\d")
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
"""Every date pattern holds a year: a line without one is skipped in one search."""
_GLUED = r"(?-i:(?<=[a-z\d])(?=[A-Z]))"
"""A capital letter right after a lower-case letter or a digit: two elements' texts joined."""


@cache
def month_names() -> dict[str, int]:
    """Month name or abbreviation (lower case, any listed language) -> month number."""
    table = rows("months.tsv")
    return {name: int(month) for _lang, month, names in table for name in names.split()}


@cache
def _zones() -> dict[str, tzinfo]:
    zones: dict[str, tzinfo] = {}
    for abbr, value in rows("timezones.tsv"):
        if value[0] in "+-":
            zones[abbr] = _offset(value)
        else:
            try:
                zones[abbr] = ZoneInfo(value)
            except ZoneInfoNotFoundError:  # a system without the tz database
                continue
    return zones


def _offset(text: str) -> timezone:
    """A fixed zone from `+03:00`, `+0300`, `+3` or `Z`."""
    text = text.strip()
    if text.upper() == "Z":
        return UTC
    m = re.fullmatch(r"([+-])\s*(\d{1,2}):?(\d{2})?", text)
    if not m:
        raise ValueError(f"not a UTC offset: {text!r}")
    delta = timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
    return timezone(-delta if m[1] == "-" else delta)


def zone(name: str | tzinfo | None) -> tzinfo:
    """A tzinfo from an IANA name, an abbreviation in our table, an offset, or UTC for None."""
    if isinstance(name, tzinfo):
        return name
    if not name:
        return UTC
    if name in _zones():
        return _zones()[name]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        try:
            return _offset(name)
        except ValueError:
            return UTC


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    # The 212 month names factored by their common prefixes: `re` tries a flat
    # alternation's names one by one at every word start (a case-blind literal opens no
    # branch's quick test), the factored one a letter's few branches; the longest name
    # still comes first, as no two branches open on letters that match alike
    # (test_month_trie_matches_the_longest_first_alternation).
    mon = r"(?P<mon>" + trie_pattern(list(month_names())) + r")\.?"
    flags = re.IGNORECASE
    return (
        # 2024-09-21, 2024-09-21T17:59:00+03:00
        re.compile(
            rf"(?<!\d){_YEAR}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
            r"(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
            r"\s*(?P<z>Z|[+-][01]\d:?[0-5]\d)?)?(?![\d])",
            flags,
        ),
        # September 21, 2024 / Sept. 21st 2024
        # (also glued to the word before it, "ByJane DoeMar 5, 2025": elements joined)
        re.compile(
            rf"(?:(?<!\w)|{_GLUED}){mon}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b,?\s*{_YEAR}(?!\d)",
            flags,
        ),
        # 24 September 2024 / 21. September 2024 / 21 de septiembre de 2024 / 1er janvier 2024
        re.compile(
            rf"(?<![\d.])(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?[\s/-]*(?:de\s+)?{mon}"
            rf"(?!\w)[,\s/-]*(?:de\s+)?{_YEAR}(?!\d)",
            flags,
        ),
        # 2024/09/21, 2024.09.21
        re.compile(rf"(?<![\d.]){_YEAR}[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?![\d])"),
        # 2024年9月21日 (Chinese, Japanese), 2024년 9월 21일 (Korean)
        re.compile(
            rf"(?<!\d){_YEAR}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"
        ),
        # 21.09.2024, 09/21/2024, 21-09-2024
        re.compile(rf"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep){_YEAR}(?!\d)"),
    )


@cache
def _zone_pattern() -> re.Pattern[str]:
    # Case-sensitive on purpose: "ET" is a zone, "et" is French for "and".
    abbrs = sorted(_zones(), key=len, reverse=True)
    return re.compile(
        r"\s*\(?(?P<tz>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-][01]\d:?[0-5]\d|"
        + "|".join(re.escape(a) for a in abbrs)
        + r")\b\)?"
    )


_TIME = re.compile(
    r"(?<![\d:.,/])(?P<H>[0-2]?\d)(?:[:h](?P<M>[0-5]\d)|\.(?P<M2>[0-5]\d)(?![\d.,%]))"
    r"(?::(?P<S>[0-5]\d))?(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?(?:\s*uhr\b)?(?![\d:/])"
    r"|(?<![\d:.,/])(?P<H2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap])\.?\s?m\b\.?",
    re.IGNORECASE,
)


def _time_near(text: str, start: int, end: int) -> re.Match[str] | None:
    """The time of day written just after (or else just before) a date span."""
    after = None
    for m in _TIME.finditer(text):
        if m.start() >= end and m.start() - end <= 25:
            after = m
            break
    if after:
        return after
    before = None
    for m in _TIME.finditer(text, 0, start):
        if start - m.end() <= 25:
            before = m
    return before


def _clock(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """Hour, minute and second of a time match, or None when it is not a clock time."""
    hour = int(m["H"] or m["H2"])
    minute = int(m["M"] or m["M2"] or 0)
    second = int(m["S"]) if m["S"] else None
    ampm = (m["ampm"] or m["ampm2"] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23:
        return None
    return hour, minute, second


def _zone_after(text: str, pos: int) -> tuple[tzinfo, int] | None:
    m = _zone_pattern().match(text, pos)
    if not m:
        return None
    tz = m["tz"]
    off = re.fullmatch(r"(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", tz)
    if off:
        return _offset(f"{off[1]}{int(off[2]):02d}:{off[3] or '00'}"), m.end()
    if tz[0] in "+-":
        return _offset(tz), m.end()
    return _zones()[tz], m.end()


def _ymd(m: re.Match[str], day_first: bool) -> tuple[int, int, int]:
    groups = m.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = month_names()[groups["mon"].lower().rstrip(".")]
        return year, month, int(groups["d"])
    if groups.get("m"):
        return year, int(groups["m"]), int(groups["d"])
    a, b = int(groups["a"]), int(groups["b"])
    if a > 12 or groups["sep"] == "." or (day_first and b <= 12):
        return year, b, a
    return year, a, b


def _either_way(groups: dict[str, str | None]) -> bool:
    """Whether a date's two numbers before its year could each be the month (`_ymd`)."""
    a, b = groups.get("a"), groups.get("b")
    if a is None or b is None or groups["sep"] == ".":
        return False
    return a != b and int(a) <= 12 and int(b) <= 12


def find_dates(
    text: str,
    *,
    tz: str | tzinfo | None = None,
    now: datetime | None = None,
    day_first: bool = False,
) -> list[DateMatch]:
    """Every date (with its time of day, when one is written beside it) in a line of text.

    `tz` is the zone for times written without one; `now` anchors relative
    expressions ("3 hours ago", "yesterday"); `day_first` reads 03/04/2024 as
    3 April (dotted dates are always day first).
    """
    has_year = _YEAR_HINT.search(text) is not None
    if now is None and not has_year:
        return []
    default = zone(tz)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _date_patterns() if has_year else ():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                year, month, day = _ymd(m, day_first)
                value = datetime(year, month, day)
            except (ValueError, KeyError):
                continue
            start, end, precision, zone_ = m.start(), m.end(), "day", None
            groups = m.groupdict()
            if groups.get("H"):
                value = value.replace(hour=int(groups["H"]), minute=int(groups["M"]))
                precision = "minute"
                if groups.get("S"):
                    value, precision = value.replace(second=int(groups["S"])), "second"
                if groups.get("z"):
                    zone_ = _offset(groups["z"])
            else:
                t = _time_near(text, start, end)
                clock = _clock(t) if t else None
                if t and clock:
                    hour, minute, second = clock
                    value = value.replace(hour=hour, minute=minute, second=second or 0)
                    precision = "minute" if second is None else "second"
                    start, end = min(start, t.start()), max(end, t.end())
                    z = _zone_after(text, t.end())
                    if z:
                        zone_ = z[0]
                        if t.start() >= m.end():
                            end = max(end, z[1])
            if zone_ is None and precision != "day":
                z = _zone_after(text, end)
                if z:
                    zone_, end = z
            value = value.replace(tzinfo=zone_ or default)
            updated = bool(_UPDATED.search(text, max(0, start - 30), start))
            labelled = _nearest_label_is_published(text, start)
            found.append(
                DateMatch(
                    value,
                    precision,
                    start,
                    end,
                    updated,
                    labelled=labelled,
                    either_way=_either_way(groups),
                )
            )
            taken.append((start, end))
    if now is not None:
        # Beside a written date, "today" is a name ("... 1:24 PM EST / Source: TODAY").
        relative = _relative_dates(text, now, default, days=not taken)
        found.extend(m for m in relative if not _overlaps(m, taken))
    return sorted(found, key=lambda d: d.start)


def _nearest_label_is_published(text: str, start: int) -> bool:
    """Whether the label closest before a date (within 30 characters) says "published":
    in "Published May 2 | Updated May 5" only the first date is the publication."""
    window = max(0, start - 30)
    published = [m.end() for m in PUBLISHED_LABEL.finditer(text, window, start)]
    if not published:
        return False
    updated = [m.end() for m in _UPDATED.finditer(text, window, start)]
    return max(published) > max(updated, default=-1)


def _overlaps(m: DateMatch, spans: list[tuple[int, int]]) -> bool:
    return any(m.start < e and s < m.end for s, e in spans)


@cache
def _relative_table() -> dict[str, str]:
    return {kind: value for kind, value in rows("relative_dates.tsv")}


@cache
def _relative_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    table = _relative_table()
    unit_of = {w: kind for kind in ("minute", "hour", "day", "week") for w in table[kind].split()}
    units = "|".join(sorted((re.escape(w) for w in unit_of), key=len, reverse=True))
    num = r"(?P<n>\d{1,3}|" + "|".join(re.escape(w) for w in table["one"].split()) + ")"
    ago = "|".join(re.escape(w) for w in table["ago"].split())
    before = table["before"].replace(" ", r"\s+")
    amount = re.compile(
        rf"(?<!\w)(?:(?:{before})\s+{num}\s*(?P<u>{units})(?!\w)|{num.replace('n>', 'n2>')}\s*"
        rf"(?P<u2>{units})\s+(?:{ago})(?!\w))",
        re.IGNORECASE,
    )
    day_words = {w: k for k in ("today", "yesterday") for w in table[k].split()}
    days = re.compile(
        r"(?<!\w)(?P<w>" + "|".join(re.escape(w) for w in day_words) + r")(?!\w)", re.IGNORECASE
    )
    return amount, days, day_words


def _relative_dates(
    text: str, now: datetime, default: tzinfo, days: bool = True
) -> list[DateMatch]:
    """Relative times in a text against `now`: amounts ("3 hours ago", "vor 2 Tagen") and,
    with `days`, day words ("Updated today at 3:15 pm", "Posted: yesterday")."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=default)
    amount, day_pattern, day_words = _relative_patterns()
    out: list[DateMatch] = []
    for m in amount.finditer(text):
        n_text = (m["n"] or m["n2"]).lower()
        n = int(n_text) if n_text.isdigit() else 1
        unit = _unit_of((m["u"] or m["u2"]).lower())
        delta = {"minute": timedelta(minutes=n), "hour": timedelta(hours=n)}.get(
            unit, timedelta(days=n * (7 if unit == "week" else 1))
        )
        precision = "minute" if unit in ("minute", "hour") else "day"
        start = m.start()
        if unit == "minute" and (h := _hours_before(text, start)) is not None:
            # "1 hour, 24 minutes ago": the hours count too.
            delta += timedelta(hours=h[0])
            start = h[1]
        value = now - delta
        if precision == "day":
            value = value.replace(hour=0, minute=0, second=0, microsecond=0)
        out.append(DateMatch(value, precision, start, m.end(), relative=True))
    for m in day_pattern.finditer(text) if days else ():
        t = _time_near(text, m.start(), m.end())
        clock = _clock(t) if t else None
        if not (t and clock) and not _labelled_day(text, m.start(), m.end()):
            # A call to action, a menu or a sentence ("Join Today", "Today's events",
            # "Modi to meet Amma over lunch today", "USA TODAY"): no publication time.
            continue
        base = now - timedelta(days=1 if day_words[m["w"].lower()] == "yesterday" else 0)
        value = base.replace(hour=0, minute=0, second=0, microsecond=0)
        precision, end = "day", m.end()
        if t and clock:
            value = value.replace(hour=clock[0], minute=clock[1])
            precision, end = "minute", max(end, t.end())
        out.append(DateMatch(value, precision, m.start(), end, relative=True))
    return out


@cache
def _hours_pattern() -> re.Pattern[str]:
    hours = "|".join(re.escape(w) for w in _relative_table()["hour"].split())
    return re.compile(rf"(?<!\w)(?P<n>\d{{1,2}})\s*(?:{hours})\s*(?:,|and|et|und|y|e)?\s*$")


def _hours_before(text: str, end: int) -> tuple[int, int] | None:
    """The hours written right before a number of minutes ("1 hour, 24 minutes ago"): how
    many, and where they start; None when there are none."""
    m = _hours_pattern().search(text, 0, end)
    return (int(m["n"]), m.start()) if m else None


_POSTED = re.compile(r"\b(?:posted|dated?|publ|upd|on|am|le|el|il|em)\b", re.IGNORECASE)
"""Label words that may stand beside a relative day besides PUBLISHED_LABEL's and
_UPDATED's ("Posted: today", "Published on: yesterday", "Aktualisiert am: gestern")."""


def _labelled_day(text: str, start: int, end: int) -> bool:
    """Whether a day word (text[start:end], "today", "hier") is a line's date: labelled as a
    publication or an update time with nothing else beside it ("Updated today", "Posted:
    yesterday")."""
    rest = f"{text[:start]} {text[end:]}"
    labels = 0
    for pattern in (PUBLISHED_LABEL, _UPDATED, _POSTED):
        rest, n = pattern.subn(" ", rest)
        labels += n
    return labels > 0 and not any(ch.isalnum() for ch in rest)


def _unit_of(word: str) -> str:
    table = _relative_table()
    return next(k for k in ("minute", "hour", "day", "week") if word in table[k].split())


def parse_date(
    text: str,
    *,
    tz: str | tzinfo | None = None,
    now: datetime | None = None,
    day_first: bool = False,
    fallback: bool = True,
    languages: list[str] | None = None,
) -> DateMatch | None:
    """The publication time a line states (`publication` of its dates).

    Falls back to `dateparser` when none of our patterns matches, only for short
    lines with a year and a day number in them: it costs about 5 ms a call with
    its `languages` given (default: FALLBACK_LANGUAGES), and seconds without.
    """
    found = find_dates(text, tz=tz, now=now, day_first=day_first)
    if found:
        return publication(found)
    if fallback and len(text) <= 80 and _YEAR_AND_DAY.search(text):
        return _dateparser(text, zone(tz), languages or FALLBACK_LANGUAGES)
    return None


_VALUE_OF = attrgetter("value")


def publication(found: list[DateMatch]) -> DateMatch:
    """Of the dates one line states (`find_dates`, at least one), its publication time:
    the date it labels as such, else its earliest date that is not an update time, else
    its first date.

    The earliest, not the first: a line with two dates and no label is a post's
    publication and modification times side by side, in either order ("May 21,
    2025April 24, 2025 by ...", "2024-04-18T13:00:39+00:00 March 22nd, 2024"), and a
    post is modified after it is published.
    """
    current = [d for d in found if not d.updated]
    if len(current) <= 1:
        return current[0] if current else found[0]
    return next((d for d in current if d.labelled), None) or min(current, key=_VALUE_OF)


FALLBACK_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "uk", "ru", "pl"]
"""Languages `dateparser` tries when the caller names none."""
_YEAR_AND_DAY = re.compile(
    r"(?=.*(?<!\d)(?:19|20)\d\d(?!\d))(?=.*(?<![\d.,:])(?:[0-2]?\d|3[01])(?![\d:]))"
)


def _dateparser(text: str, default: tzinfo, languages: list[str]) -> DateMatch | None:
    import dateparser  # imported late: it takes about a second to load

    cleaned = re.sub(r"^\W+|\W+$", "", text)
    try:
        value = dateparser.parse(
            cleaned,
            languages=languages,
            settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"},
        )
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if value is None or not 1990 <= value.year <= 2100:
        return None
    precision = "day" if (value.hour, value.minute, value.second) == (0, 0, 0) else "minute"
    if value.tzinfo is None:
        value = value.replace(tzinfo=default)
    return DateMatch(value, precision, 0, len(text))


def parse_published(value: Any, *, tz: str | tzinfo | None = None) -> tuple[datetime, str] | None:
    """A JSONL record's `published` value (ISO 8601, a common written form, or a Unix time)."""
    default = zone(tz)
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=default)
        return dt, "second"
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC), "second"
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        dt = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        found = parse_date(text, tz=default)
        return (found.value, found.precision) if found else None
    if len(text) <= 10:
        precision = "day"
    elif dt.second or dt.microsecond:
        precision = "second"
    else:
        precision = "minute"
    return (dt if dt.tzinfo else dt.replace(tzinfo=default)), precision


_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?P<sep>[/-])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?=[/_.-]|$)"
)


_URL_NAMED_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<mon>[A-Za-z]{3,9})/(?P<d>[0-3]?\d)(?=[/_.-]|$)"
)


def date_from_url(url: str | None, *, tz: str | tzinfo | None = None) -> datetime | None:
    """The publication day written in an article's address ("/2021/01/18/tool-choices",
    "/news/2024-03-05-bridge", "/news/2008/jan/19/bridge"): sites file stories under the
    day they first ran."""
    if not url or not isinstance(url, str):
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed address ("http://[::1/2024/...") names no day
        return None
    m = _URL_DATE.search(path)
    month = int(m["m"]) if m else None
    if not m:  # "/news/2008/jan/19/...": the month by name
        m = _URL_NAMED_DATE.search(path)
        month = month_names().get(m["mon"].lower()) if m else None
    if not m or not month:
        return None
    try:
        return datetime(int(m["y"]), month, int(m["d"]), tzinfo=zone(tz))
    except ValueError:
        return None


MAX_DATELINE_WORDS = 16
"""A line with more words is prose that mentions a date, not a dateline."""
MAX_DATELINE_REST = 8
"""Words a dateline may hold besides its date ("By Korin Miller Published:", "6 comments")."""
MAX_BYLINE_WORDS = 30
"""A longer line opening with "By" is prose, whatever names it holds."""
_NOT_DATELINE_REASONS = ("caption", "feed", "teaser", "related", "comment")


def dateline_from_removed(
    removed: list[Any], *, tz: str | tzinfo | None = None, now: datetime | None = None
) -> DateMatch | None:
    """The publication date of the first dateline among a cleaner's removed lines.

    A fallback for a page whose cleaner found no date in its header: a short line,
    mostly a date, not from a caption, a feed or comments (whose dates belong to other
    items), or a byline above the article with its date ("By Ann Lee ⋅ Senior Editor ⋅
    Updated May 6, 2025": the story's own, however many words come with it, even an
    update); above the article before below it, and a publication time before an update.
    """
    update = below = None
    for item in removed:
        text = item.text
        if not _DIGIT.search(text):  # first: most removed lines have no digit
            continue
        reason = (item.reason or "").lower()
        if any(r in reason for r in _NOT_DATELINE_REASONS):
            continue
        after = reason == "after article end"
        words = len(text.split())
        if not after and words <= MAX_BYLINE_WORDS and _names_authors(text):
            dated = [d for d in find_dates(text, tz=tz, now=now) if not d.relative]
            if dated:
                return publication(dated)
        if words > MAX_DATELINE_WORDS:
            continue
        fit = [
            found
            for found in find_dates(text, tz=tz, now=now)
            if not found.relative
            and len((text[: found.start] + " " + text[found.end :]).split()) <= MAX_DATELINE_REST
        ]
        if not fit:
            continue
        if after:
            below = below or publication(fit)
        elif not all(found.updated for found in fit):
            return publication(fit)
        else:
            update = update or fit[0]
    # Only an update time: pages that show one date often show their last edit; failing
    # that, a dateline below the article (some pages sign off with it).
    return update or below


def _names_authors(text: str) -> bool:
    """Whether a line is a byline naming people ("By Ann Lee | Updated ..."), not prose
    opening with "By"."""
    return byline_text(text) is not None and bool(parse_byline(text).authors)


MAX_LABELLED_CHARS = 200
"""Longer lines are prose; a "published" in them is not the page's label."""
_NOT_OWN = ("related", "comment", "sidebar", "navigation", "feed", "teaser")
"""Block or line reasons whose dates belong to other items (teasers, comments, archive lists)."""


def labelled_published(
    blocks: Iterable[tuple[str, str | None]], tz: tzinfo
) -> tuple[datetime, str] | None:
    """The date that the page's short visible lines call its publication ("Published
    August 13, 2025", "This article was originally published on 26 Sep 2019"), when all
    such labels name one day; None when there are none or they disagree (a list of other
    stories, each "Published ..."). `blocks` are (text, chrome reason) pairs: an HTML
    page's blocks or a text page's lines."""
    found: list[tuple[datetime, str]] = []
    for text, reason in blocks:
        # Cheap tests first: nearly all lines hold no label.
        if len(text) > MAX_LABELLED_CHARS or not _LABEL_HINTS.search(text):
            continue
        if reason and any(r in reason for r in _NOT_OWN):
            continue
        found.extend((d.value, d.precision) for d in find_dates(text, tz=tz) if d.labelled)
    if not found or len({value.date() for value, _ in found}) > 1:
        return None
    return found[0]


# ---------------------------------------------------------------------------
# Bylines


class Byline(NamedTuple):
    """What a byline line says: the people, and the organisations that signed with them."""

    authors: list[str]
    signatures: list[str]
    """Parts that name a desk, an agency or an outlet ("The Kyiv Independent news desk")."""


CJK_CUES = "记者|記者|作者|撰文|编辑|編輯"
"""Byline cues of scripts written without spaces: reporter, author, writer, editor."""
_CUE = (
    r"^\s*(?:(?:(?:article\s+)?(?:written|posted|authored)|reported|reporting|words|story|text|"
    r"photos?)\s+by|by|von|par|por|di|door|autor(?:in|a)?|authors?|auteur|texte?|reporter|"
    + CJK_CUES
    + ")"
)
# A colon may be full-width ("作者：王伟"), and a cue of those scripts may run straight
# into the name ("记者王伟"): every such cue ends in one of 者, 文, 辑 or 輯.
# A browser's copy may run "By" into the name its markup set apart ("ByNina Pineda"): a
# capital after "by" that opens a word in lower case.
_BYLINE_START = re.compile(
    _CUE + r"(?:\s*[:：]\s*|\s+|(?<=[者文辑輯])|(?<=by)(?-i:(?=[A-Z][a-z])))(?=\S)",
    re.IGNORECASE,
)
_CUE_ALONE = re.compile(_CUE + r"\s*[:：]?\s*$", re.IGNORECASE)
NAME_JOINTS = ("and", "&", "und", "et", "y", "e", "en", "og", "och", "i")
"""The words that join names in a byline ("Ann Lee and Bo Chen"), in several languages."""
_SPLIT = re.compile(
    r"\s*(?:[,;，、]|\s(?:" + "|".join(map(re.escape, NAME_JOINTS)) + r")\s|\s[|/·•⋅∙–—-]\s|\|)\s*"
    # Chinese, written without spaces, parts its names by one ("记者 王伟 李娜"); Korean
    # spaces its words, so a space there parts nothing.
    rf"|(?<=[{HAN}])\s+(?=[{HAN}])",
    re.IGNORECASE,
)
_PARTICLES = frozenset(words("name_particles.txt"))


@cache
def byline_roles() -> frozenset[str]:
    """Words that make a byline's part a role or an organisation, not a person's name."""
    return words("byline_roles.txt") | words("byline_jobs.txt")


_NOT_AUTHOR_CREDIT = re.compile(
    r"[;,.|]?\s*\b(?:"
    + "|".join(re.escape(w) for w in sorted(words("credit_not_authors.txt")))
    + r")\s+by\b",
    re.IGNORECASE,
)
_DOTTED_LETTERS = re.compile(r"(?:[A-Z][a-z]?\.){2,3}")


def is_credential(text: str) -> bool:
    """Whether a byline part is post-nominal letters: "MD", "Ph.D.", "M.D. FACLM", "CPA"."""
    tokens = text.split()
    return bool(tokens) and all(
        _DOTTED_LETTERS.fullmatch(t) or t.replace(".", "").lower() in words("name_credentials.txt")
        for t in tokens
        if not t.isdigit()
    )


def _name_and_job(part: str) -> tuple[str, str] | None:
    """A name and the job written after it in one part ("Nicoletta Richardson Trending
    Editor", "Liz Kenny Former McKinsey Consultant"): the shortest name before a few words
    that end in a job. None when the part is no such pair."""
    tokens = part.split()
    if len(tokens) < 3 or tokens[-1].lower().strip(".,") not in words("byline_jobs.txt"):
        return None
    for cut in range(2, len(tokens)):
        name, job = tokens[:cut], tokens[cut:]
        if len(job) > JOB_WORDS or _INITIAL.fullmatch(name[-1]):
            continue
        if is_person_name(" ".join(name)):
            return " ".join(name), " ".join(job)
    return None


JOB_WORDS = 4
"""A job written after a name has at most this many words ("Executive Digital Editor")."""
_INITIAL = re.compile(r"[A-Z]\.?")


_CUE_INSIDE = re.compile(r"\b(?:written|posted|authored)\s+by\s*:?\s+(?=[A-Z])", re.IGNORECASE)
_NAMES_END = re.compile(
    r"\s(?:\d+(?:\s*[–-]\s*\d+)?\s*min(?:ute)?s?|\d+\s+(?:comments?|responses?|replies)"
    r"|(?:last\s+)?updated|published|posted|on\s+\w+day)\b"
    r"|(?<=[a-z])(?-i:Last Updated|Updated|Published|Posted)\b"
    r"|(?<=[A-Z])(?-i:LAST UPDATED|UPDATED|PUBLISHED|POSTED)\b",
    re.IGNORECASE,
)
"""Reading time ("5 min read", "2–3 minutes"), a count of comments, "Updated" and the like
end the names, also run into the last name with no space ("By Ann LeePublished: Jan 29,
2025", where a label stood on a line of its own), in capitals too where a style set the
line in them ("BY ANN LEEPUBLISHED: JAN 29, 2025")."""
_BEFORE_DATE = re.compile(r"\s+(?:on|at|le|el|il|am|em|op)\s*$")
"""The word that leads from the names to their date ("by Matt Miller on Dec 16, 2025")."""
_NOT_NAME_MONTHS = frozenset({"april", "may", "june", "august"})
"""Month names that are people's names too ("Theresa May")."""


def _without_month(part: str) -> str:
    """A name without the month that a page's byline ran into it ("Luke Kim December")."""
    head, _, last = part.rpartition(" ")
    month = last.lower().rstrip(".")
    if head and month in _english_months():
        return head
    return part


@cache
def _english_months() -> frozenset[str]:
    """English month names and abbreviations, without those that are people's names too."""
    names = {n for lang, _m, row in rows("months.tsv") if lang == "en" for n in row.split()}
    return frozenset(n for n in names if len(n) > 3 and n not in _NOT_NAME_MONTHS)


def _without_initials(part: str) -> str:
    """A name without the avatar's initials before it ("CM Craig McCarthy")."""
    first, _, rest = part.partition(" ")
    if 2 <= len(first) <= 3 and first.isupper() and first == "".join(w[0] for w in rest.split()):
        return rest
    return part


_NAME_TOKEN = re.compile(r"(?:(?:al|el|d|o)[-'’])?([^\W\d_])[\w'’.-]*")
"""A word of a name: a capital letter of any script first ("Çelik", "O'Neil", "A."), after
an Arabic, Italian or Irish particle glued to it ("al-Hassan", "d'Amato")."""


def _name_token(token: str) -> bool:
    m = _NAME_TOKEN.fullmatch(token)
    return m is not None and m[1].isupper()


def byline_text(line: str) -> str | None:
    """The part of a line after a byline cue ("By", "Von", "Par", "Author:"), or None."""
    m = _BYLINE_START.match(line)
    return line[m.end() :] if m else None


def is_byline_cue(line: str) -> bool:
    """Whether a line is a byline's cue alone ("By", "Written by:"), its names below it."""
    return _CUE_ALONE.match(line) is not None


_CJK_NAME = re.compile(rf"[{HAN_HANGUL}]{{2,5}}")


def is_person_name(text: str) -> bool:
    """Whether a short string reads as a person's name: 2-5 capitalised words, no digits,
    or two to five characters of a script written without spaces ("王伟", after "记者")."""
    if _CJK_NAME.fullmatch(text):
        return True
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or _DIGIT.search(text):
        return False
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES or tokens[0] == "The":
        return False
    if text.isupper():
        tokens = [t.capitalize() for t in tokens]
    if not all(t.lower() in _PARTICLES or _name_token(t) for t in tokens):
        return False
    lowered = {t.lower().strip(".,") for t in tokens}
    # "Senior Editor", "MECLABS Institute", "Released Wednesday"
    return not (
        byline_roles() & lowered or words("entity_org_words.txt") & lowered or WEEKDAYS & lowered
    )


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
"""English day names: a date's words ("Released Wednesday, May 7"), never a name's."""


def parse_byline(text: str) -> Byline:
    """Authors and organisation signatures of a byline ("by A and The X news desk May 2, 2024").

    The text may still carry its "By" cue, a date and reading-time noise after
    the names; those are cut off first.
    """
    if is_byline_cue(text):
        return Byline([], [])  # "Written By" with its names elsewhere
    rest = byline_text(text)
    if rest is None and (cue := _CUE_INSIDE.search(text)):
        rest = text[cue.end() :]  # "This post was written by Ann Lee"
    text = rest if rest is not None else text
    dates = find_dates(text)
    if dates:
        # "by Matt Miller on Dec 16, 2025": the word that led to the date goes with it.
        text = _BEFORE_DATE.sub("", text[: dates[0].start])
    # Reading time, "Updated" and the like end the names.
    text = _NAMES_END.split(text, maxsplit=1)[0]
    text = re.sub(r"\([^)]*\)", " ", text)
    # "Reporting by A; Editing by B": the editors named after the reporters are no authors.
    text = _NOT_AUTHOR_CREDIT.split(text)[0]
    authors: list[str] = []
    signatures: list[str] = []
    for part in _SPLIT.split(text):
        part = " ".join(part.strip(" \t:,;-–—|·•⋅∙").split())
        part = part if is_credential(part) else part.rstrip(".")
        if not part:
            continue
        if authors and not signatures and is_credential(part):
            # Post-nominals sign with the name before them ("Jane Doe, MS, RD", "Ph.D.").
            authors[-1] += ", " + part
            continue
        split = None if authors else _name_and_job(part)
        if split:  # "Catherine Boeckmann Executive Digital Editor": the name, then the job
            part = split[0]
            signatures.append(split[1])
        part = _undoubled(_without_initials(_without_month(part)))
        if is_person_name(part):
            name = " ".join(t.capitalize() for t in part.split()) if part.isupper() else part
            if name not in authors:
                authors.append(name)
        elif any(c.isupper() for c in part) and (
            byline_roles() & {t.lower() for t in part.split()} or outlet_named(part)
        ):
            signatures.append(part)
        elif not authors and not signatures:
            # A byline names its people first: "By signing up, I agree to the Terms and
            # Privacy Policy" is a sentence, whatever capitalised words come later.
            return Byline([], [])
    return Byline(authors, signatures)


_PLACEHOLDERS = frozenset({"name", "undefined", "null", "none", "unknown", "author", "n/a"})
"""What a site's template writes in its author field when it has no name to put there."""


def names_nobody(part: str) -> bool:
    """Whether a part of a markup author field that reads as no person's name names nobody
    at all: no letter ("©"), a month ("September", a date's), a template's placeholder
    ("Undefined", "Name") or a byline's cue alone ("Written By"). A brand or a user name
    ("Swoogo", "aawoods") is somebody."""
    word = part.strip().lower().rstrip(".")
    return (
        not any(c.isalpha() for c in word)
        or word in _english_months()
        or word in _PLACEHOLDERS
        or is_byline_cue(part)
    )


def _undoubled(part: str) -> str:
    """A name written two or three times over, run together or spaced ("Colin GrayColin
    Gray"): a converter joined an author box's link, its text and its image's alt text;
    once otherwise."""
    for times in (2, 3):
        for gap in ("", " "):
            size = (len(part) - gap.count(" ") * (times - 1)) // times
            once = part[:size]
            if size and gap.join([once] * times) == part:
                return once
    return part


def credited(authors: list[str], signatures: list[str]) -> list[str]:
    """A byline's authors: its people, or where it names nobody, the bodies of people that
    signed it ("By Podium Staff", `data/byline_bodies.txt`); a job or an outlet alone is
    no author, and beside a person a desk only signs."""
    if authors:
        return authors
    bodies = words("byline_bodies.txt")
    return [
        s for s in signatures if not bodies.isdisjoint(t.lower().strip(".,") for t in s.split())
    ]


# ---------------------------------------------------------------------------
# Outlets


def domain_of(url: str | None) -> str | None:
    """The host of a URL without `www.`, `m.` or `amp.`; None when there is none."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())


@cache
def _outlets() -> dict[str, str]:
    return {domain: outlet.name for outlet in outlets() for domain in outlet.domains}


def outlet_for_domain(domain: str | None) -> str | None:
    """The outlet name our table gives a domain or one of its parent domains."""
    if not domain:
        return None
    parts = domain.lower().split(".")
    for i in range(len(parts) - 1):
        name = _outlets().get(".".join(parts[i:]))
        if name:
            return name
    return None


@cache
def _outlet_name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canon: dict[str, str] = {}
    for name in set(_outlets().values()):
        canon[name.lower()] = name
        bare = re.sub(r"^the\s+", "", name, flags=re.I)
        if bare != name:
            canon[bare.lower()] = name
    # Factored by common prefixes: a flat alternation of every name is tried name by name
    # at each character (3.5x slower); the factored one still prefers the longest name.
    # Not a word of a compound ("Real-Time", "Time-Off"): a hyphen joins it.
    pattern = re.compile(
        r"(?<![\w-])(?:the\s+)?(" + trie_pattern(list(canon)) + r")(?![\w-])", re.IGNORECASE
    )
    return pattern, canon


def outlet_named(text: str) -> str | None:
    """The canonical name of a known outlet named in a text ("Millions read the Kyiv ...")."""
    pattern, canon = _outlet_name_pattern()
    for m in pattern.finditer(text):
        found = m[1]
        # Proper nouns: a lower-case "time" or "vox" in prose is not the outlet.
        if not found[0].isupper():
            continue
        if " " not in found and (m.start() > 0 and _AFTER_CAPITAL.search(text, 0, m.start())):
            continue  # one word of a longer name: "by Nicole Forbes", "Independent Thinking"
        if " " not in found and m[0] == found and canon[found.lower()].startswith("The "):
            continue  # "The Independent" without its "the": an adjective in a title's case
        return canon[found.lower()]
    return None


_AFTER_CAPITAL = re.compile(r"(?<=\w\s)[A-Z][\w'’.-]*\s+$")
"""A capitalised word right before a match (searched up to its start), inside a sentence:
a sentence's first word is capitalised whatever it is ("Follow Vox on ...")."""


_ROLE_TAIL = re.compile(r"(?:\s+[a-z][\w'’-]*)+\s*$")
_COPYRIGHT = re.compile(
    r"(?P<cue>(?:©|\((?i:c)\)|(?i:copyright))(?:\s*(?:©|(?i:copyright)))*)\s*"
    r"(?P<year>(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?[,\-–]?\s*(?:by\s+)?"
    r"(?P<name>(?!(?i:copyright)\b)(?:[A-Z]|[a-z]+[A-Z])[\w&'’.-]*"
    r"(?:\s+(?:(?!(?i:copyright)\b)[A-Z][\w&'’.-]*|&|of|the|and|for|de|la|du))*)"
)
"""A copyright notice's holder: after the sign or the word (repeated: "© Copyright 2015 -
2025 moveBuddha LLC."), its years and a comma or a dash; capitalised words and the joints
of a name ("Johnson & Wales University"), a first word in lower case with a capital
inside ("moveBuddha"), up to the next notice ("... Society Copyright © 2015 ...")."""
_NOTICE_WORDS = frozenset(
    {"all", "notice", "guidelines", "policy", "information", "info", "statement", "terms"}
)
"""A notice's own words where its holder would stand: "© 2025 All rights reserved", a link
to the site's "Copyright Notice" or "Copyright Guidelines"."""


def outlet_from_signature(text: str) -> str | None:
    """An outlet named by a signature line: a byline desk, a copyright notice, a known name."""
    known = outlet_named(text)
    if known:
        return known
    m = _COPYRIGHT.search(text)
    if m and (m["year"] or "©" in m["cue"] or "(" in m["cue"]):
        # The word alone, with no sign or year, is a link's ("Copyright Notice").
        name = re.sub(
            r"\s+(?:all|inc|ltd|limited|llc|plc|gmbh|s\.a\.)\b.*$", "", m["name"], flags=re.I
        )
        # A full stop after a word ends the name: "EBC News. The EBC is not responsible ..."
        name = re.split(r"(?<=[a-z]{2})\.\s", name)[0]
        name = name.strip(" .,&")
        if name and not name.isdigit() and name.split()[0].lower() not in _NOTICE_WORDS:
            return name
    if words("byline_roles.txt") & {t.lower() for t in text.split()}:
        # "The Kyiv Independent news desk" -> "The Kyiv Independent"
        name = _ROLE_TAIL.sub("", text).strip(" .,")
        if name and name != text and name[0].isupper():
            return name
    return None
