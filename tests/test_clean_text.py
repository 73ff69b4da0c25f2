"""The text-page cleaner and the clean stage's dispatcher, on small invented pages."""
# ruff: noqa: E501  (the invented pages keep their paragraphs on one line, as pages do)

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from storytrace.clean import clean, cleaners
from storytrace.clean.language import detect_language
from storytrace.clean.metadata import (
    domain_of,
    find_dates,
    outlet_for_domain,
    outlet_from_signature,
    parse_byline,
    parse_date,
    parse_published,
)
from storytrace.model import InputError, NoArticle, Options, Page

HARBOUR = """\
Skip to main content
Menu
World
Politics
Business
Climate
Subscribe for $1 a week
Sign in

Harbour town votes to rebuild its flooded sea wall before winter

By Marta Lindqvist and Tomas Berg
Updated March 3, 2024 10:15 AM
Published March 2, 2024 4:30 PM CET
4 min read
Share
Share on Facebook
Copy link

Volunteers stack sandbags along the old harbour wall in Northport on Friday. (Erik Sand/Coastal Press via Getty Images)

The council of Northport voted on Saturday to rebuild the town's sea wall, which collapsed during the January storms, before the first autumn gales arrive.

The vote passed by nine votes to four after a three-hour debate in which residents of the lower town described flooded kitchens and ruined boats.

Advertisement

"We cannot ask people to spend another winter watching the tide come up the street," said the council's leader, Ingrid Holm, after the vote.

Engineers estimate that the work will cost about 14 million euros, most of it covered by a regional flood fund that was set up after the storms of 2019.

Opponents argued that the town should move the harbour instead of rebuilding it, saying that the sea level will keep rising for decades.

Work is expected to start in May.

Read more: Storm season leaves coastal towns counting the cost

Sign up for our morning newsletter
Enter your email address
Subscribe

Related articles
Ferry service to the islands resumes after three weeks
The ferry between Northport and the outer islands sailed again on Monday after repairs to the damaged pier were finished ahead of …
Fishermen count the losses of a stormy winter
Local boat owners say the season has been the worst in living memory, with catches down by almost half compared with …

Latest news
10:42 AM
Regional train line reopens after landslide
The line between Northport and the capital reopened on Sunday morning after engineers cleared the track and checked the bridges.
9:15 AM
Museum of the sea extends its opening hours for the summer
We use cookies to improve your experience. By continuing, you accept our cookie policy.
Accept all
© 2024 The Coastal Herald. All rights reserved.
"""

HARBOUR_BODY_STARTS = [
    "The council of Northport voted",
    "The vote passed by nine votes",
    '"We cannot ask people',
    "Engineers estimate that",
    "Opponents argued that",
    "Work is expected to start",
]

MEMBERSHIP_PAGE = """\
Independent journalism needs you — become a member today.
Become a member
Gift membership

Mountain rescue teams ask hikers to carry a second light on winter routes

by Leo Marsh and The Valley Post news desk January 14, 2025 8:05 AM 3 min read

Rescue teams in the northern valleys have asked hikers to carry a spare head torch after a series of night-time call-outs this winter, most of them for walkers whose only light had failed.

"Most of the people we bring down are experienced walkers who simply ran out of light," said the head of the valley rescue service, Jonas Pell.

The service recorded forty call-outs in December, twice as many as in the same month last year, and says most of them happened after dark.

Our readers keep us going. Thanks to our members we can keep our reporting free for everyone, and we need another 500 members to help fund our mission this year.
Become a member
"""

GERMAN = """\
Startseite
Politik
Wirtschaft
Newsletter abonnieren

Stadtrat beschließt neuen Radweg entlang des Flusses

Von Anna Müller und Peter Schmidt
21. September 2024, 17:59 Uhr

Der Stadtrat hat am Donnerstag beschlossen, einen neuen Radweg entlang des Flusses zu bauen, der die Altstadt mit den östlichen Stadtteilen verbinden soll.

Die Arbeiten sollen im kommenden Frühjahr beginnen und etwa zwei Jahre dauern, wie die Stadtverwaltung am Abend mitteilte.

Anzeige

Kritiker bemängeln, dass für den Bau mehrere alte Bäume gefällt werden müssen, und fordern eine andere Streckenführung durch das Industriegebiet.

Lesen Sie auch: Wie die Stadt ihre Brücken sanieren will
"""

ALL_CHROME = """\
Skip to content
Home
News
Sport
Weather
Sign in
Subscribe

Sign up for our newsletter
Enter your email address
Submit
* indicates required
Privacy policy
Terms of use
© 2024 Example Media Group. All rights reserved.
"""


def _page(text: str, source: str = "page.txt", **kw) -> Page:
    data = text.encode("utf-8")
    return Page.from_bytes(source, data, "text/plain", text=text, **kw)


def _clean(text: str, options: Options | None = None, **kw):
    return clean(_page(text, **kw), options or Options())


# ---------------------------------------------------------------------------
# A whole page


@pytest.fixture(scope="module")
def harbour():
    return _clean(HARBOUR)


def test_headline(harbour):
    assert harbour.headline == "Harbour town votes to rebuild its flooded sea wall before winter"


def test_byline(harbour):
    assert harbour.authors == ["Marta Lindqvist", "Tomas Berg"]


def test_published_is_not_the_update_time(harbour):
    assert harbour.published == datetime(2024, 3, 2, 16, 30, tzinfo=timezone(timedelta(hours=1)))
    assert harbour.published_precision == "minute"


def _far_headline_page(dateline: str, deck: bool = False, boxes: int = 1) -> str:
    """A headline and its dateline over `boxes` boxes of other stories, each with its date,
    more than a header's window above the article they head."""
    box = [
        f"{story}\nDec {day}, 2025"
        for story, day in [
            ("Ferry timetable changes for the winter", 9),
            ("Fishing quotas cut again", 8),
            ("Museum of the sea reopens its north wing", 5),
            ("Lighthouse keeper retires after forty years", 4),
            ("Regional train line reopens after landslide", 2),
            ("New harbour master named", 1),
            ("Storm damage estimate rises", 1),
        ]
    ]
    lede = "Northport will spend 14 million euros on a new sea wall, the council decided."
    head = ["Harbour town votes to rebuild its sea wall", *([lede] if deck else []), dateline]
    return "\n\n".join([*head, *(["More news", *box] * boxes), *_harbour_body()])


@pytest.mark.parametrize("deck", [False, True])
def test_the_dateline_under_a_far_headline_dates_the_article(deck):
    # Not a date of the box of other stories between the headline and the article; under
    # the headline's deck too.
    article = _clean(_far_headline_page("Dec 17, 2025", deck))
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.published.date() == date(2025, 12, 17)


def test_the_byline_under_a_far_headline_names_the_author():
    # Two boxes of other stories: further above the article than the byline's window too.
    article = _clean(_far_headline_page("By Mara Lindqvist | Harbour reporter", boxes=2))
    assert article.authors == ["Mara Lindqvist"]
    assert "Mara" not in article.body


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        ("Mara Lindqvist\n\nLast Updated: Dec 17, 2025 • 5 min read", ["Mara Lindqvist"]),
        # Without the headline's date beside it, a bare name is not taken there ...
        ("Mara Lindqvist", []),
        # ... nor a line of title-case words the article writes in lower case.
        ("Harbour Council\n\nDec 17, 2025", []),
    ],
)
def test_a_bare_name_under_a_far_headline_names_the_author_beside_its_date(meta, authors):
    article = _clean(_far_headline_page(meta, boxes=2))
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.authors == authors


def test_a_date_right_over_a_far_headline_dates_the_article_when_none_is_under_it():
    # A blog's layout: the date (and the category) over the title, none under it.
    article = _clean("Dec 17, 2025\n\n" + _far_headline_page("Staff reporter"))
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.published.date() == date(2025, 12, 17)


def test_a_byline_that_names_only_the_newsroom_is_its_author():
    # "By Northport Courier Staff": nobody named, the body that signed is the author; with
    # a person named, the desk only signs (the seeds' "by Dinara Khalilova and The Kyiv
    # Independent news desk").
    page = "\n\n".join(
        [
            "Harbour town votes to rebuild its sea wall",
            "By Northport Courier Staff",
            *_harbour_body(),
        ]
    )
    assert _clean(page).authors == ["Northport Courier Staff"]
    both = page.replace("By Northport Courier Staff", "By Mara Lindqvist and the news desk")
    assert _clean(both).authors == ["Mara Lindqvist"]


def test_a_dateline_in_figures_that_reads_either_way_leaves_the_date_to_the_header():
    # "02-12-2025" is 12 February or 2 December: the dates above the article decide.
    far = _clean(_far_headline_page("02-12-2025"))
    assert far.published.date() not in (date(2025, 2, 12), date(2025, 12, 2))


@pytest.mark.parametrize(
    "byline",
    ["By Mara Lindqvist Mar 5, 2025 | 6 comments", "By Mara LindqvistPublished: Mar 5, 2025"],
)
def test_a_byline_with_its_date_under_the_standfirst_names_the_author(byline):
    # The line under the standfirst opens the article's run, where the body leaves it out
    # as a date line; a "Published:" label may run into the last name (a converter that
    # joined the label's line to the name's).
    standfirst = (
        "Northport will spend 14 million euros on a new sea wall after the January storms "
        "flooded the lower town, the council decided on Saturday."
    )
    page = "\n\n".join(
        ["Harbour town votes to rebuild its sea wall", standfirst, byline, *_harbour_body()]
    )
    article = _clean(page)
    assert article.authors == ["Mara Lindqvist"]
    assert article.published.date() == date(2025, 3, 5)
    assert byline not in article.body


def test_body_paragraphs_in_order(harbour):
    assert len(harbour.paragraphs) == len(HARBOUR_BODY_STARTS)
    for paragraph, start in zip(harbour.paragraphs, HARBOUR_BODY_STARTS, strict=True):
        assert paragraph.startswith(start)


def test_caption_is_kept_apart(harbour):
    assert harbour.captions == [
        "Volunteers stack sandbags along the old harbour wall in Northport on Friday. "
        "(Erik Sand/Coastal Press via Getty Images)"
    ]
    assert "sandbags" not in harbour.body


@pytest.mark.parametrize(
    "phrase",
    [
        "Advertisement",
        "Subscribe",
        "newsletter",
        "Related articles",
        "Ferry service",
        "Fishermen count",
        "Latest news",
        "Regional train line",
        "10:42",
        "cookies",
        "Coastal Herald",
        "Share on Facebook",
        "min read",
        "Read more",
    ],
)
def test_chrome_is_not_in_body(harbour, phrase):
    assert phrase.lower() not in harbour.body.lower()


def test_removed_lines_carry_reasons(harbour):
    reason_of = {r.text: r.reason for r in harbour.removed}
    assert reason_of["Advertisement"] == "advertisement"
    assert reason_of["Enter your email address"] == "newsletter form"
    assert reason_of["Related articles"] == "related-article teaser"
    assert reason_of["10:42 AM"] == "news feed"
    assert reason_of["Latest news"] == "news feed"
    assert reason_of["Skip to main content"] == "navigation"
    assert reason_of["Share on Facebook"] == "share buttons"
    assert reason_of["Accept all"] == "cookie notice"
    assert reason_of["By Marta Lindqvist and Tomas Berg"] == "byline"
    assert reason_of["Published March 2, 2024 4:30 PM CET"] == "dateline"
    assert reason_of["Read more: Storm season leaves coastal towns counting the cost"] == (
        "related-article teaser"
    )
    teasers = [r.text for r in harbour.removed if r.reason == "related-article teaser"]
    assert any(t.endswith("…") for t in teasers)
    assert all(r.line and r.line > 0 for r in harbour.removed)


def test_outlet_from_copyright_line(harbour):
    assert harbour.outlet == "The Coastal Herald"


def test_an_outlet_the_headline_names_is_not_the_pages_outlet():
    # The page is about Time, not by it: a headline names what the story is about.
    body = HARBOUR.split("Copy link\n", 1)[1].split("Read more:")[0]
    article = _clean("Time names the harbour keeper its person of the year\n\n" + body)
    assert article.headline == "Time names the harbour keeper its person of the year"
    assert article.outlet is None


def test_membership_pitch_and_desk_signature():
    article = _clean(MEMBERSHIP_PAGE)
    assert article.authors == ["Leo Marsh"]
    assert article.outlet == "The Valley Post"
    assert article.published == datetime(2025, 1, 14, 8, 5, tzinfo=UTC)
    assert len(article.paragraphs) == 3
    assert "members" not in article.body
    assert article.body.endswith("happened after dark.")


def test_page_run_into_one_line_is_read_sentence_by_sentence():
    """A converter that lost the layout: menu, article and footer on one long line."""
    menu = " | ".join(["Home", "World", "Politics", "Business", "Sport", "Weather"] * 15)
    article = " ".join(p for p in HARBOUR.split("\n\n") if p.startswith(tuple(HARBOUR_BODY_STARTS)))
    footer = (
        "Copyright © 2024 The Coastal Herald. All rights reserved. Privacy policy | Terms of use"
    )
    line = f"{menu} {article} {footer}"
    assert len(line) > 1500
    cleaned = _clean(f"Harbour town votes to rebuild its sea wall\n\n{line}\n")
    # The last menu item runs into the first sentence; nothing can tell them apart.
    assert len(cleaned.paragraphs) == 1
    assert cleaned.body.endswith(article) and len(cleaned.body) < len(article) + 10
    assert "Politics" not in cleaned.body and "Copyright" not in cleaned.body


def test_markdown_page():
    text = "\n\n".join(
        ["* [Home](/)", "# Harbour town votes to rebuild its sea wall", "**By Marta Lindqvist**"]
        + [p for p in HARBOUR.split("\n\n") if p.startswith(("The council", "The vote"))]
    )
    cleaned = _clean(text)
    assert cleaned.headline == "Harbour town votes to rebuild its sea wall"
    assert cleaned.authors == ["Marta Lindqvist"]
    assert len(cleaned.paragraphs) == 2


def test_idempotent(harbour):
    again = _clean(harbour.body)
    assert again.paragraphs == harbour.paragraphs
    assert again.headline is None


def test_non_english_page():
    article = _clean(GERMAN)
    assert article.language == "de"
    assert article.headline == "Stadtrat beschließt neuen Radweg entlang des Flusses"
    assert article.authors == ["Anna Müller", "Peter Schmidt"]
    assert article.published == datetime(2024, 9, 21, 17, 59, tzinfo=UTC)
    assert len(article.paragraphs) == 3
    assert "Anzeige" not in article.body
    assert "Lesen Sie auch" not in article.body
    assert "Newsletter" not in article.body


def test_page_in_a_language_without_stop_words_is_reported():
    text = "\n\n".join(
        [
            "Kichwa cha habari kuhusu mkutano wa baraza la mji",
            "Baraza la mji limeamua kujenga ukuta mpya wa bahari kabla ya msimu wa mvua "
            "kuanza, baada ya mjadala mrefu uliodumu saa tatu katika ukumbi wa mji.",
            "Wakazi wa sehemu ya chini ya mji walieleza jinsi maji yalivyoingia majumbani "
            "mwao na kuharibu mali zao wakati wa dhoruba za mwezi Januari mwaka huu.",
        ]
    )
    article = _clean(text)
    assert len(article.paragraphs) == 2
    assert article.language not in (None, "en")
    assert "cleaning_note" in article.meta


# ---------------------------------------------------------------------------
# Pages that are not articles, or not pages


def test_all_chrome_page_has_no_article():
    with pytest.raises(NoArticle, match=r"no article found in menu\.txt"):
        _clean(ALL_CHROME, source="menu.txt")


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty_page_has_no_article(text):
    with pytest.raises(NoArticle, match="empty"):
        _clean(text)


@pytest.mark.parametrize(
    "text",
    ["\x00\x01\x02\x03binary\x00\x00" * 50, "0101 1100 4433 2211 9988\n" * 100],
)
def test_text_that_is_not_a_page(text):
    with pytest.raises(InputError, match="not a text page"):
        _clean(text, source="blob.bin")


def test_page_with_read_error_is_refused():
    page = Page.from_bytes("gone.txt", b"", "text/plain", error="gone.txt: permission denied")
    with pytest.raises(InputError, match="permission denied"):
        clean(page, Options())


def test_unknown_media_type_is_refused():
    page = Page.from_bytes("x.pdf", b"%PDF", "application/pdf", text="%PDF")
    with pytest.raises(InputError, match="no cleaner for media type"):
        clean(page, Options())


def test_registry_has_both_cleaners():
    assert {"text/plain", "text/html"} <= set(cleaners.names())


# ---------------------------------------------------------------------------
# Metadata that came with the input wins


def test_jsonl_metadata_wins(harbour):
    meta = {
        "title": "  The title the record gives ",
        "url": "https://www.kyivindependent.com/some-story/",
        "published": "2024-09-21T17:59:00+03:00",
        "id": 42,
    }
    article = _clean(HARBOUR, meta=meta)
    assert article.headline == "The title the record gives"
    assert article.url == meta["url"]
    assert article.domain == "kyivindependent.com"
    assert article.outlet == "The Kyiv Independent"
    assert article.published == datetime(2024, 9, 21, 14, 59, tzinfo=UTC)
    assert article.published_precision == "minute"
    assert article.input_id == "42"
    assert article.paragraphs == harbour.paragraphs


def test_jsonl_outlet_wins_over_domain():
    article = _clean(HARBOUR, meta={"url": "https://www.bbc.co.uk/news/1", "outlet": "Mine"})
    assert article.outlet == "Mine"
    assert article.domain == "bbc.co.uk"


def test_jsonl_published_day_only_uses_default_zone():
    options = Options(default_timezone="Europe/Paris")
    article = _clean(HARBOUR, options, meta={"published": "2024-05-01"})
    assert article.published == datetime(2024, 5, 1, tzinfo=ZoneInfo("Europe/Paris"))
    assert article.published_precision == "day"


# ---------------------------------------------------------------------------
# Date lines

NOW = datetime(2024, 9, 22, 12, 0, tzinfo=UTC)
KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize(
    ("line", "expected", "precision"),
    [
        ("September 21, 2024 5:59 PM", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("Tuesday, 24 September 2024 —", datetime(2024, 9, 24, tzinfo=UTC), "day"),
        ("21.09.2024 17:59", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("2024-09-21", datetime(2024, 9, 21, tzinfo=UTC), "day"),
        (
            "2024-09-21T17:59:30+03:00",
            datetime(2024, 9, 21, 14, 59, 30, tzinfo=UTC),
            "second",
        ),
        (
            "Updated 5:59 PM EDT, Sat September 21, 2024",
            datetime(2024, 9, 21, 21, 59, tzinfo=UTC),
            "minute",
        ),
        (
            "Published: Sept. 21, 2024 at 5:59 p.m. ET",
            datetime(2024, 9, 21, 21, 59, tzinfo=UTC),
            "minute",
        ),
        ("Sat 21 Sep 2024 17.59 BST", datetime(2024, 9, 21, 16, 59, tzinfo=UTC), "minute"),
        ("Sep 21st, 2024", datetime(2024, 9, 21, tzinfo=UTC), "day"),
        ("09/21/2024", datetime(2024, 9, 21, tzinfo=UTC), "day"),
        ("21/09/2024 - 17:59", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("2024/09/21", datetime(2024, 9, 21, tzinfo=UTC), "day"),
        ("21 septembre 2024 à 17h59", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("1er octobre 2024", datetime(2024, 10, 1, tzinfo=UTC), "day"),
        ("21. September 2024, 17:59 Uhr", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("3. März 2024", datetime(2024, 3, 3, tzinfo=UTC), "day"),
        ("21 de septiembre de 2024", datetime(2024, 9, 21, tzinfo=UTC), "day"),
        ("Sep 21 2024 17:59 UTC+3", datetime(2024, 9, 21, 14, 59, tzinfo=UTC), "minute"),
        ("3 hours ago", NOW - timedelta(hours=3), "minute"),
        ("an hour ago", NOW - timedelta(hours=1), "minute"),
        ("2 days ago", datetime(2024, 9, 20, tzinfo=UTC), "day"),
        ("vor 3 Stunden", NOW - timedelta(hours=3), "minute"),
        ("il y a 2 jours", datetime(2024, 9, 20, tzinfo=UTC), "day"),
        ("hace 2 horas", NOW - timedelta(hours=2), "minute"),
        ("Yesterday 5:59 PM", datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute"),
        ("21 вересня 2024", datetime(2024, 9, 21, tzinfo=UTC), "day"),
    ],
)
def test_date_lines(line, expected, precision):
    found = parse_date(line, tz="UTC", now=NOW)
    assert found is not None
    assert found.value == expected
    assert found.value.tzinfo is not None
    assert found.precision == precision


@pytest.mark.parametrize("line", ["2 min read", "3:44 PM", "Chapter 12", "", "Call 555-1234"])
def test_lines_without_a_date(line):
    assert parse_date(line, now=NOW) is None


def test_date_takes_the_default_zone():
    found = parse_date("September 21, 2024 5:59 PM", tz="Europe/Kyiv")
    assert found.value == datetime(2024, 9, 21, 17, 59, tzinfo=KYIV)


def test_published_rather_than_updated_in_one_line():
    found = parse_date("Published 21 Sep 2024, updated 22 Sep 2024")
    assert found.value.day == 21 and not found.updated


def test_relative_dates_need_a_reference_time():
    assert parse_date("3 hours ago") is None


def test_today_dates_a_line_only_with_a_time_or_a_label():
    """Regression (browser copies cleaned with a fetch time): "today" in a menu, a call to
    action, a sentence or a name ("USA TODAY Acoustic", "Join Today", "Today's events") was
    read as a relative date, and the page was published on the day it was read."""
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    for line in (
        "USA TODAY Acoustic",
        "BRIAN TRUITT   USA TODAY",
        "Stock Trading Contest. Join Today.",
        "Today's events",
        "Modi to meet Amma over lunch today",
        "Today | 7 Days",
    ):
        assert find_dates(line, now=now) == [], line
    assert [d.value.day for d in find_dates("Updated today at 3:15 pm", now=now)] == [7]
    assert [d.value.day for d in find_dates("Posted: yesterday", now=now)] == [6]
    assert [d.value.day for d in find_dates("Published today", now=now)] == [7]
    assert [d.value.day for d in find_dates("By Ana Ruiz – 3 days ago", now=now)] == [4]
    written = find_dates("Updated Dec. 23, 2024, 1:24 PM EST / Source: TODAY", now=now)
    assert [(d.value.day, d.relative) for d in written] == [(23, False)]
    page = "\n".join(["USA TODAY Acoustic", "Join Today", "", "\n\n".join(_harbour_body())])
    assert _clean(page, Options(fetched_at=now)).published is None


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("By Ana Ruiz, Associated Press Writer 1 hour, 24 minutes ago", "08:36"),
        ("1 hour and 7 minutes ago", "08:53"),
        ("24 minutes ago", "09:36"),
    ],
)
def test_hours_and_minutes_ago_count_both(line, when):
    """Regression: "1 hour, 24 minutes ago" was read as 24 minutes ago."""
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert [d.value.strftime("%H:%M") for d in find_dates(line, now=now)] == [when]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-21T17:59:00Z", (datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "minute")),
        ("2024-09-21", (datetime(2024, 9, 21, tzinfo=UTC), "day")),
        ("September 21, 2024", (datetime(2024, 9, 21, tzinfo=UTC), "day")),
        (1726941540, (datetime(2024, 9, 21, 17, 59, tzinfo=UTC), "second")),
        ("not a date", None),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value, tz="UTC") == expected


# ---------------------------------------------------------------------------
# Bylines, outlets, language


@pytest.mark.parametrize(
    ("line", "authors", "signatures"),
    [
        (
            "by Leo Marsh and The Valley Post news desk January 14, 2025 8:05 AM 3 min read",
            ["Leo Marsh"],
            ["The Valley Post news desk"],
        ),
        ("By JOHN SMITH and Jane Doe, Reuters", ["John Smith", "Jane Doe"], ["Reuters"]),
        ("By Jane Doe, Senior Correspondent", ["Jane Doe"], ["Senior Correspondent"]),
        ("Von Anna Müller und Peter Schmidt", ["Anna Müller", "Peter Schmidt"], []),
        ("Par Jean-Pierre Dupont", ["Jean-Pierre Dupont"], []),
        ("By Ursula von der Leyen", ["Ursula von der Leyen"], []),
        ("Written by Mary O'Neill & Sam Lee", ["Mary O'Neill", "Sam Lee"], []),
        ("By the time the plan was ready", [], []),
        (
            "By Ann Lee ⋅ Senior Review Analyst ⋅ Updated May 6, 2025",
            ["Ann Lee"],
            ["Senior Review Analyst"],
        ),
    ],
)
def test_bylines(line, authors, signatures):
    byline = parse_byline(line)
    assert byline.authors == authors
    assert byline.signatures == signatures


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The Valley Post news desk", "The Valley Post"),
        ("Millions read the Kyiv Independent, but few pay for it.", "The Kyiv Independent"),
        ("© 2024 Acme News Corp. All rights reserved.", "Acme News Corp"),
        ("Copyright 2019-2024 The Daily Lantern", "The Daily Lantern"),
        ("It is time to act on the budget", None),
        # The notice's own words, cues run together, joints of a name, a dash after the years.
        ("© 2010-2025 All rights reserved.", None),
        ("+ Copyright Notice", None),
        ("© Copyright 2015 - 2025 moveBuddha LLC.", "moveBuddha"),
        ("© 2025 Johnson & Wales University", "Johnson & Wales University"),
        ("© 2025 by ProductionFor LLC", "ProductionFor"),
        ("Copyright 2010-2025 - CNX Software Limited", "CNX Software"),
        (
            "Copyright © 1996-2015 Harbour Society Copyright © 2015-2026 Harbour Partners, LLC.",
            "Harbour Society",
        ),
        # A known outlet's name inside a compound, a person's name or a title is none.
        ("Paid Time-Off Policies: Best Practices", None),
        ("by Nicole Forbes, Garden Editor", None),
        ("Sign up for the weekly Independent Thinking Newsletter", None),
    ],
)
def test_outlet_signatures(text, outlet):
    assert outlet_from_signature(text) == outlet


def test_domains():
    assert domain_of("https://www.kyivindependent.com/x?y=1") == "kyivindependent.com"
    assert domain_of("not a url") is None
    assert outlet_for_domain("news.bbc.co.uk") == "BBC"
    assert outlet_for_domain("example.org") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The council voted on Saturday to rebuild the sea wall before the winter storms.", "en"),
        ("Le conseil municipal a voté samedi la reconstruction de la digue avant l'hiver.", "fr"),
        (
            "Der Stadtrat hat am Samstag beschlossen, die Ufermauer vor dem Winter neu zu bauen.",
            "de",
        ),
        ("El ayuntamiento votó el sábado reconstruir el muro del puerto antes del invierno.", "es"),
        ("too short", None),
    ],
)
def test_language(text, lang):
    assert detect_language(text) == lang


def test_a_lede_full_of_names_is_read_on_until_its_language_is_sure():
    """Regression: the first 250 characters of this English article read as Nigerian
    Pidgin (p 0.61), and an article in another language is not annotated."""
    text = (
        "Marek, Varga to campaign for Lindqvist in September.\n\nMayor Ilse Marek and Deputy "
        "Mayor Jonas Varga will campaign for Lena Lindqvist and Tomas Berg in September at "
        "separate events in Velmora and Caldmouth, the Harbour Party nominee's campaign "
        "announced. The party said the events would be open to the public and that tickets "
        "would go on sale next week, with the first rally planned for the harbour district."
    )
    assert detect_language(text) == "en"


# ---------------------------------------------------------------------------
# Block-level rules (regressions found on the extraction development data)


def _harbour_body() -> list[str]:
    return [p for p in HARBOUR.split("\n\n") if p.startswith(tuple(HARBOUR_BODY_STARTS))]


def test_a_photo_credit_in_a_text_browser_s_brackets_is_a_caption_not_the_article_s_end():
    # w3m writes an image's alt text in brackets: "[Photo ... © Agency 2025]" is a credit
    # under a picture, not a copyright notice ending the article.
    body = _harbour_body()
    credit = "[Photo Lena Berg on the harbour wall © Northport Courier 2025]"
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", *body[:3], credit, *body[3:]])
    article = _clean(page)
    assert article.paragraphs == body
    assert article.captions == ["Photo Lena Berg on the harbour wall © Northport Courier 2025"]


def test_the_wrapped_end_of_a_photo_s_bracketed_credit_is_no_copyright_notice():
    """Regression (w3m dumps): a photo's alt text in brackets, wrapped so that its credit
    stands on a line of its own ("/-/logo © 2025 Northport Courier]"). Read as a copyright
    notice, that line ended the article in its middle; closing a bracket it never opened,
    it is the end of a caption."""
    import textwrap

    body = _harbour_body()
    photo = (
        "[Photo https://media.northport-courier.example/d/x7Kq2/harbour-wall-at-dawn\n"
        "/-/logo © 2025 Northport Courier]"
    )
    wrapped = [textwrap.fill(p, 74) for p in body]
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", *wrapped[:3], photo])
    article = _clean(page + "\n\n" + "\n\n".join(wrapped[3:]) + "\n")
    assert all(p in article.paragraphs for p in body)
    assert article.captions == ["/-/logo © 2025 Northport Courier"]


def test_an_end_of_article_line_ends_the_article():
    """Regression (WCXB 0119): a news site writes "End of Article" under the story, then its
    teasers, each a sentence long: the teasers were read as the article's last paragraphs."""
    teasers = [
        "Ferry fares to rise in spring as fuel costs climb, the operator says in a letter to"
        " its regular passengers.",
        "Lighthouse keepers' cottages to open as a museum next summer after a long restoration"
        " by volunteers from the town.",
    ]
    page = "\n\n".join(
        ["Harbour town votes to rebuild its sea wall", *_harbour_body(), "End of Article", *teasers]
    )
    article = _clean(page + "\n")
    assert article.paragraphs == _harbour_body()
    assert "related-article teaser" in {r.reason for r in article.removed}


def test_a_sentence_about_baked_cookies_is_no_cookie_notice():
    """Regression (WCXB 0035, 4252): "cookies" is a cookie notice's strong phrase, which
    drops even a long line of prose; a sentence about the baked kind was cut from the
    article. The consent banner under it, which says what the site does with them, goes."""
    body = _harbour_body()
    bakery = (
        "The bakery on the quay, which sells bread, cookies, pies and doughnuts to the ferry"
        " crews, lost its whole stock when the water came in and has not reopened since January."
    )
    banner = "We use cookies to improve your experience on this site. Accept all cookies"
    page = "\n\n".join(
        ["Harbour town votes to rebuild its sea wall", *body[:2], bakery, *body[2:], banner]
    )
    article = _clean(page + "\n")
    assert article.paragraphs == [*body[:2], bakery, *body[2:]]
    assert [r.text for r in article.removed if r.reason == "cookie notice"] == [banner]


def test_article_above_a_comments_heading_beats_a_longer_thread():
    comment = (
        "I have lived in the lower town for thirty years and I think the council is wrong "
        "about this, because the money would be better spent on moving the harbour."
    )
    thread = "\n\n".join(f"{n}. {comment} Posted by: reader{n}" for n in range(1, 15))
    page = "\n\n".join(
        ["Harbour town votes to rebuild its sea wall", *_harbour_body(), "Comments (14)", thread]
    )
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert "Posted by" not in article.body
    assert any(r.reason == "comments" for r in article.removed)


def test_thread_alone_is_still_read_when_nothing_stands_above_its_heading():
    """A comments heading at the top of the page (a menu link) does not hide what follows."""
    page = "\n\n".join(["Comments", *_harbour_body()])
    assert _clean(page).paragraphs == _harbour_body()


def test_hard_wrapped_paragraphs_are_read_and_joined():
    """A text browser's dump or a press release: paragraphs wrapped at 70 columns."""
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in _harbour_body())
    article = _clean(f"Harbour town votes to rebuild its sea wall\n\n{wrapped}\n\nShare\nPrint\n")
    assert article.paragraphs == _harbour_body()


def _dump(*blocks: str) -> str:
    """A text browser's dump: `blocks` as they are, then the harbour story wrapped at 74
    columns, blank lines between paragraphs (w3m's way)."""
    import textwrap

    return "\n\n".join([*blocks, *(textwrap.fill(p, 74) for p in _harbour_body())]) + "\n"


def test_a_line_wrapped_before_a_capital_is_joined_by_the_page_s_width():
    """Regression (w3m dumps): a line filled to the page's wrap width goes on in the next
    line even when that starts with a name, as no stop word or comma ends it; read apart,
    the lede's first line was taken for the headline."""
    lede = (
        "The council of the lower town voted on Monday to rebuild the old sea wall\n"
        "Harbour Street has leaned on since 1890, after two winters of storms broke\n"
        "through it and flooded the shops along the quay, the mayor told reporters."
    )
    article = _clean(_dump("Harbour town votes to rebuild its sea wall", lede))
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.paragraphs[0] == " ".join(lede.split("\n"))


def test_a_headline_a_text_browser_wrapped_onto_two_lines_is_read_whole():
    """Regression (w3m dumps): a headline longer than the dump's width goes on in a short
    line under it; read line by line, the headline lost its last words."""
    head = "Harbour Town Council Votes to Rebuild Its Storm-Broken Sea Wall Along the Old\nQuay"
    article = _clean(_dump("Harbour News | Weather | Sport", head))
    assert article.headline == " ".join(head.split("\n"))
    assert article.paragraphs == _harbour_body()


def test_a_filled_line_going_on_in_lower_case_is_joined_without_stop_words():
    """Regression (w3m dumps): a lede's first line with no stop word ("... Police officers
    seized 103 unlicensed fishing boats" / "between ...") was read as a line of names
    apart from its paragraph: the body lost it and the headline was taken from it."""
    lede = (
        "Northport Harbour Police officers seized 103 unlicensed fishing boats\n"
        "between Friday evening and Sunday morning, the harbour master told reporters."
    )
    article = _clean(_dump("Harbour News | Weather | Sport", "Police seize fishing boats", lede))
    assert article.headline == "Police seize fishing boats"
    assert article.paragraphs[0] == " ".join(lede.split("\n"))


def test_a_lower_case_byline_right_under_a_headline_is_not_its_wrapped_end():
    """Regression (a browser's select-all copy): headline and byline stand on consecutive
    lines with no blank between ("by whova | Apr 21, 2025"); read as a sentence wrapped
    onto the byline, the headline was lost into it."""
    head = "Harbour town votes to rebuild its sea wall after two winters of storms"
    for byline in ("by harbourdesk | Apr 21, 2025", "by Ana Ruiz | April 21, 2025"):
        page = "\n".join(["Home", "News", "Sport", head, byline, "", "\n\n".join(_harbour_body())])
        article = _clean(page)
        assert article.headline == head, byline
        assert article.paragraphs == _harbour_body()


def test_a_headline_ending_on_a_stop_word_is_not_joined_to_the_deck_under_it():
    """Regression (a browser's select-all copy): headline, deck and byline on consecutive
    lines; the headline's last word ("now", "more") is a stop word, and it was read as a
    sentence wrapped onto the deck, which left the page with no headline candidate."""
    head = "Ten harbour towns rebuilding their sea walls now"
    deck = "Need a new wall? These ten towns found the money, the stone and the workers."
    byline = "by Ana Ruiz, Coastal Affairs Editor | Dec 30, 2025 | Harbours and Coasts"
    body = _harbour_body()
    body = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    assert sum(len(p) > 160 for p in body) >= 3  # paragraphs on lines of their own
    page = "\n".join(["Home", "Coasts", head, deck, byline, "", "\n\n".join(body)])
    article = _clean(page)
    assert article.headline == head
    assert article.authors == ["Ana Ruiz"]


def test_a_sentence_wrapped_onto_a_line_opening_on_by_still_joins():
    lede = (
        "The sea wall that Harbour Street has leaned on since 1890 will be rebuilt\n"
        "by the council of the lower town, the mayor told reporters on Monday."
    )
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", lede, *_harbour_body()])
    article = _clean(page)
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.paragraphs[0] == " ".join(lede.split("\n"))


def test_a_caption_s_first_wrapped_line_is_no_headline():
    """Regression (w3m dumps): a photo caption over the article is wrapped like any
    paragraph; its first line, filled to the page's width with its text going on below,
    shares the lede's words and was taken for the headline."""
    caption = (
        "Northport council workers inspect broken sea wall, January storms hit\n"
        "Collapsed it, before autumn gales arrive (Photo: Ana Ruiz)"
    )
    page = _dump(
        "Harbour News | Weather | Sport",
        "Storm town says yes",
        "POSTED: 2:35 pm December 30, 2007",
        caption,
    )
    article = _clean(page)
    assert article.headline == "Storm town says yes"


def test_a_wrapped_sentence_s_last_word_is_no_comments_heading():
    """Regression (w3m dumps): a sentence wrapped so that its last word stands alone on a
    line ("... tell us in the" / "comments.") read as the comments' heading and ended the
    article there."""
    import textwrap

    body = _harbour_body()
    ask = "If the storms flooded your house or your boat this winter, tell us in the\ncomments."
    page = "\n\n".join(
        [
            "Harbour town votes to rebuild its sea wall",
            *(textwrap.fill(p, 78) for p in body[:2]),
            ask,
            *(textwrap.fill(p, 78) for p in body[2:]),
        ]
    )
    article = _clean(page)
    assert article.paragraphs[-1] == body[-1]


def test_a_wrapped_paragraph_trailing_off_under_the_article_s_prose_stays_the_article_s():
    """Regression (w3m dumps): a paragraph that trails off in an ellipsis, wrapped over
    lines, carries the ellipsis on each of them; its later lines were read as a teaser
    under a headline-shaped first line, and the article ended there."""
    import textwrap

    body = _harbour_body()
    aside = (
        "So what should a town do when the sea keeps coming back every winter, and the "
        "money for a new wall runs out before the work is done? Well..."
    )
    paragraphs = [*body[:3], aside, *body[3:]]
    page = "\n\n".join(
        ["Harbour town votes to rebuild its sea wall", *(textwrap.fill(p, 78) for p in paragraphs)]
    )
    assert _clean(page).paragraphs == paragraphs


def test_a_figure_with_a_unit_is_no_time_of_day():
    """Regression (w3m dumps): a product's spec wrapped so that "8.75 tons" stands alone
    read as a news feed's time stamp (a time with a zone), which split the article there;
    a time's minutes run to 59."""
    body = _harbour_body()
    head = "Harbour town votes to rebuild its sea wall"
    page = "\n\n".join([head, *body[:3], "Crane lifting limit\n8.75 tons", *body[3:]])
    paragraphs = _clean(page).paragraphs
    assert [p for p in paragraphs if p in body] == body


def test_a_paragraph_trailing_off_under_a_wrapped_list_stays_the_article_s():
    """Regression (w3m dumps): a bulleted list whose last item is wrapped onto a line
    without its bullet, then a paragraph that trails off; the list's wrapped end read as
    a teaser's headline, the paragraph as its blurb, and the article ended there."""
    import textwrap

    body = _harbour_body()
    items = [
        "• Raise the wall by half a metre along the quay",
        "• Widen the harbour mouth, rebuild the lifeboat's slipway and strengthen the "
        "outer breakwaters",
    ]
    trailing = (
        "The council can also set rules for when the work stops, for instance in the "
        "weeks when the fishing fleet is at sea and the crews need the quay…"
    )
    blocks = [
        "Harbour town votes to rebuild its sea wall",
        *(textwrap.fill(p, 78) for p in body[:3]),
        "\n".join(textwrap.fill(item, 78, subsequent_indent="  ") for item in items),
        textwrap.fill(trailing, 78),
        *(textwrap.fill(p, 78) for p in body[3:]),
    ]
    paragraphs = _clean("\n\n".join(blocks)).paragraphs
    assert paragraphs[-4:] == [trailing, *body[3:]]


WORKS = [
    "Old quay: replacement granite steps, galvanised railings, cast-iron bollards, storm drains",
    "Fish market: resurfaced loading bays, covered stalls, refrigerated storage, wider gangways",
    "Ferry pier: reinforced concrete piles, timber decking, passenger shelter, ticket kiosks",
    "Lifeboat station: extended slipway, winch house, crew lockers, emergency generator, radio mast",
    "Harbour office: flood-proof basement, raised electrics, archive shelving, visitor counter",
    "Boatyard: concrete hardstanding, travel hoist, paint shed extraction, security fencing",
    "Sailing club: pontoon moorings, dinghy park, changing rooms, accessible ramp, clubhouse roof",
    "Town square: permeable paving, planted rain gardens, benches, bicycle stands, market power",
    "Coastguard hut: lookout glazing, insulated walls, solar panels, weather station, signage",
    "North breakwater: armour stone, walkway lighting, safety ladders, navigation beacon, gates",
]


def test_a_wrapped_paragraph_s_tail_that_recurs_is_no_repeated_line():
    """Regression (w3m dumps): two listings' paragraphs wrapped so that each ends on the same
    short line ("assembly and disassembly."). The tail recurs in the page but neither
    paragraph does: read as a repeated line, the second tail was cut as chrome. A paragraph
    that recurs whole still goes (`test_a_paragraph_the_page_holds_twice_is_kept_once`)."""
    tail = "assembly and disassembly."
    listings = [
        "Northport Movers has moved families along the coast for thirty years and\n"
        "offers full-service moves, packing and unpacking, and the careful moving\n"
        "of pianos and antiques, with crating for fragile goods and the furniture\n" + tail,
        "Quayside Van Lines runs long-distance moves to every state from its depot\n"
        "by the harbour, with storage for a month, insurance for each crate and the\n"
        "packing of glass and china, and on request, for a fee, wardrobe furniture\n" + tail,
    ]
    article = _clean(_dump("Harbour town votes to rebuild its sea wall", *listings))
    assert article.paragraphs[:2] == [" ".join(p.split("\n")) for p in listings]
    assert [r.reason for r in article.removed] == ["headline"]


def test_a_wrapped_sentence_that_recurs_under_each_notice_is_read_with_its_notice():
    """A text browser's dump of a shop's notices, one a country: each opens on its own price
    and goes on in the same wrapped sentence. Each notice's wrapped lines are read as one
    line (`_merge_wrapped`), as a browser's layout gives it: no notice loses the half of its
    sentence that recurs (it went as a repeated line), and the page reads as its unwrapped
    copy does."""
    import textwrap

    notices = [
        f"Free standard shipping on orders of {price} or more. For more information on"
        " shipping rates and timelines, please visit our international page."
        for price in ("$60 CAD", "65 EUR", "480 SEK")
    ]
    headline = "Harbour town votes to rebuild its sea wall"
    article = _clean(_dump(headline, *(textwrap.fill(n, 74) for n in notices)))
    assert not [r for r in article.removed if r.reason == "repeated line"]
    unwrapped = "\n\n".join([headline, *notices, *_harbour_body()])
    assert article.paragraphs == _clean(unwrapped).paragraphs


def test_a_chrome_phrase_the_wrapping_broke_is_found_in_its_paragraph():
    """Regression (w3m dumps): a newsletter's promo between two paragraphs, wrapped between
    "our" and "newsletter". Read line by line, neither line held the phrase and the promo
    stayed in the body; read as the paragraph it is, it goes, each page line with the
    reason, numbered as the page has it."""
    import textwrap

    body = _harbour_body()
    promo = [
        "Stories like these reach your inbox before the ferry when you join our",
        "newsletter, sent at dawn with the tide tables and the ferry times.",
    ]
    blocks = [
        "Harbour town votes to rebuild its sea wall",
        *(textwrap.fill(p, 74) for p in body[:2]),
        "\n".join(promo),
        *(textwrap.fill(p, 74) for p in body[2:]),
    ]
    page = "\n\n".join(blocks)
    article = _clean(page)
    assert article.paragraphs == body
    rows = page.split("\n")
    gone = [(r.line, r.text) for r in article.removed if r.reason == "newsletter form"]
    assert gone == [(rows.index(line) + 1, line) for line in promo]


def test_each_page_line_of_a_removed_wrapped_paragraph_is_listed():
    """A hard-wrapped paragraph read as one line (`Line.wrapped`) and removed lists each of
    its page lines, with its number and text, in the page's order."""
    import textwrap

    teaser = textwrap.fill(
        "Sailing club opens its new pontoon moorings to visiting yachts for the whole of"
        " the summer season, with showers, a dinghy park and fuel on the quay…",
        74,
    )
    page = (
        _dump("Harbour town votes to rebuild its sea wall") + "\nMore from the coast\n\n" + teaser
    )
    article = _clean(page)
    rows = page.split("\n")
    listed = {(r.line, r.text) for r in article.removed}
    for line in teaser.split("\n"):
        assert (rows.index(line) + 1, line) in listed
    numbers = [r.line for r in article.removed]
    assert numbers == sorted(numbers)


def test_a_photo_s_description_a_text_browser_writes_is_no_body_paragraph():
    """Regression (w3m dumps): w3m writes each image's alt text where the image stands, a
    paragraph of its own in lower case with no sentence mark; a site that describes every
    photo put each description in the body. On a hard-wrapped page such a paragraph goes
    as an image's name (`_alt_text`); a lower-case byline does not."""
    import textwrap

    body = _harbour_body()
    photos = [
        "a fisherman mends his nets on the harbour wall at dawn",
        "two children watch the waves break over the old sea wall in winter",
        "the mayor points at the cracked stones of the quay with an engineer",
    ]
    blocks = ["Harbour town votes to rebuild its sea wall", "by: harbour desk, March 3, 2025"]
    for k, paragraph in enumerate(body):
        blocks.append(textwrap.fill(paragraph, 74))
        if k < len(photos):
            blocks.append(photos[k])
    article = _clean("\n\n".join(blocks) + "\n")
    assert article.paragraphs == body
    gone = {r.text: r.reason for r in article.removed}
    assert all(gone.get(photo) == "image name" for photo in photos)
    assert gone.get("by: harbour desk, March 3, 2025") != "image name"


def test_an_icon_s_name_a_text_browser_writes_is_no_line_of_chrome_in_the_run():
    """Regression (w3m dumps): a ranking's rows each show their figures' labels with an
    icon, which a text browser writes as its name ("information-circle"). Read as repeated
    lines, the icons' names cost as much as the labels and cut the ranking after its first
    row; an image's name weighs nothing, goes as "image name", and is no caption."""
    schools = [
        "Northport College offers twelve online certificates in nursing, welding and"
        " accounting, each taught by the same staff as its campus courses and open to students"
        " across the state. Most students finish within a year, and the college counts each"
        " certificate towards its associate degrees in the same field.",
        "Harbour Institute runs nine online certificates in marine engineering and logistics,"
        " with evening classes for working students and credits that transfer to its two-year"
        " degrees. Its graduates find work in the port and on the ferries, and the institute"
        " helps them with their first applications.",
        "Quayside University has twenty online certificates in education and law, and its"
        " advisers help each student plan a path from a certificate to a full degree. Classes"
        " are recorded, so students who work shifts can follow them at any hour of the day or"
        " night.",
    ]
    labels = ["Online Enrollment", "Retention", "Acceptance Rate", "Type", "Students Enrolled"]
    row = "\n".join(x for label in labels for x in (label, "information-circle"))
    intro = (
        "Online certificates can help you stand out in a competitive job market. We ranked the"
        " colleges that offer them by cost, quality and support for students who work while"
        " they study."
    )
    method = (
        "We use data from the national education statistics office to compare colleges on"
        " cost, retention and the share of students who finish their certificates within a year."
    )
    blocks = ["Best online certificate programs of 2025", intro]
    names = ["Northport College", "Harbour Institute", "Quayside University"]
    for name, school in zip(names, schools, strict=True):
        blocks += [name, school, row]
    article = _clean("\n\n".join([*blocks, "How we rank colleges", method]) + "\n")
    assert article.paragraphs[-1] == method
    assert all(school in article.paragraphs for school in schools)
    assert "image name" in {r.reason for r in article.removed}
    assert not article.captions


def test_a_wrapped_comment_above_the_comments_tab_is_no_article_over_its_thread():
    """Regression (w3m dumps): a page that sets its comment thread above the article, then
    a "2 Comments" tab over the article. The article above a comments heading wins only
    when it is article-sized (`COMMENTS_MIN_WORDS`); a comment wrapped onto three lines
    was counted three times over (each line carries its paragraph's words) and won."""
    import textwrap

    comment = textwrap.fill(
        "Thanks, this is a useful summary of the vote. I would be interested to know"
        " whether the council looked at moving the market away from the quay instead.",
        74,
    )
    thread = ["2 comments, sorted by", "top scoring", comment, "Reply", "2 Comments"]
    article = _clean(_dump("Harbour town votes to rebuild its sea wall", *thread))
    assert article.paragraphs == _harbour_body()


def test_a_paragraph_the_page_holds_twice_is_kept_once():
    """A text browser's dump of a page that holds a paragraph twice (a carousel's cloned
    slide): each of its wrapped lines recurs, and the second copy goes as repeated lines."""
    import textwrap

    promo = textwrap.fill(
        "Northport Harbour Tours runs boat trips around the bay every afternoon from April"
        " to October, with a guide who tells the story of the old sea wall and its storms.",
        74,
    )
    article = _clean(_dump("Harbour town votes to rebuild its sea wall", promo, promo))
    assert article.paragraphs == _harbour_body()
    copy = [r.text for r in article.removed if r.reason == "repeated line"]
    assert copy == promo.split("\n")


def test_a_list_a_text_browser_wrapped_costs_what_its_items_cost_unwrapped():
    """Regression (w3m dumps): each list item wrapped onto a second line paid a line's least
    cost twice, so a guide's list of works weighed more than the paragraphs over it and
    split the article there; read on one line each (inscriptis), it did not."""
    import textwrap

    body = _harbour_body()
    works = "\n".join(textwrap.fill("• " + w, 78, subsequent_indent="  ") for w in WORKS)
    blocks = [
        "Harbour town votes to rebuild its sea wall",
        *(textwrap.fill(p, 78) for p in body[:2]),
        works,
        *(textwrap.fill(p, 78) for p in body[2:]),
    ]
    paragraphs = _clean("\n\n".join(blocks)).paragraphs
    assert paragraphs[:2] == body[:2]
    assert paragraphs[-4:] == body[2:]


@pytest.mark.parametrize(
    "widget",
    [
        "Thank you! Your submission has been received!\nOops! Something went wrong while "
        "submitting the form.",
        "Was this page helpful? Tell us below, so that we can keep improving the guides we "
        "write for our readers.",
        "Was this article helpful?\n84% of people found this article helpful.",
    ],
)
def test_a_form_s_messages_and_a_feedback_widget_under_the_article_are_chrome(widget):
    """Regression (WCXB marketing sites): a site builder's form writes its success and
    failure messages into the page, and a help centre asks for a verdict; both stood as
    the article's last paragraphs."""
    body = _harbour_body()
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", *body, widget])
    assert _clean(page).paragraphs == body


BIO = (
    "Marta Lindqvist is a freelance writer based in Northport who covers coastal towns, "
    "fishing and the weather for several regional papers."
)


@pytest.mark.parametrize(
    "name", ["Marta Lindqvist", "Marta Lindqvist Senior Coastal Affairs Reporter"]
)
def test_an_author_s_bio_under_the_article_is_not_its_body(name):
    """Regression (WCXB blogs): a post closes with its author's name (and job) and a bio
    in the third person, with no heading over them; read as the article's last paragraphs."""
    body = _harbour_body()
    head = "Harbour town votes to rebuild its sea wall"
    page = "\n\n".join([head, *body, name, BIO])
    article = _clean(page)
    assert article.paragraphs == body
    assert [r.reason for r in article.removed if r.text in (name, BIO)] == [
        "author bio",
        "author bio",
    ]


def test_a_last_paragraph_on_someone_the_article_names_is_no_bio():
    """Only someone the article does not name: its own last paragraph may say who one of
    its people is ("Holm is the town's first mayor ...")."""
    body = _harbour_body()
    last = "Holm is the director of the regional flood fund as well as the council's leader."
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", *body, last])
    assert _clean(page).paragraphs == [*body, last]


def test_a_text_browser_s_bordered_table_is_read_by_its_columns():
    """Regression (w3m dumps): a layout table with borders is drawn in box-drawing
    characters ("│Sections │Top Stories │"); read with them, the menu's cells and the
    article's lines ran together row by row."""
    import textwrap

    menu = ["Sections", "Top Stories", "National", "World", "Business", "Sport", "Weather"]
    menu += ["Markets", "Science", "Health", "Travel", "Opinion", "Letters"]
    rows = ["Harbour town votes to rebuild its sea wall", ""]
    for p in _harbour_body():
        rows += [*textwrap.wrap(p, 60), ""]
    cells = [(menu[k] if k < len(menu) else "", row) for k, row in enumerate(rows)]
    page = "\n".join(
        [
            "┌" + "─" * 22 + "┬" + "─" * 62 + "┐",
            *(f"│{left:<22}│{right:<62}│" for left, right in cells),
            "└" + "─" * 22 + "┴" + "─" * 62 + "┘",
        ]
    )
    article = _clean(page)
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.paragraphs[:2] == _harbour_body()[:2]
    assert not set(menu) & set(" ".join(article.paragraphs).split())


def test_an_image_s_file_name_inside_a_line_is_no_text():
    """Regression (w3m dumps): an image without alt text is written as its file's name in
    brackets wherever it stands; inside a headline's or a paragraph's line it is none of
    their words ("... Test Day 2 [mcusa_prin]")."""
    body = _harbour_body()
    page = "\n\n".join(
        [
            "Harbour town votes to rebuild its sea wall [icon_print]",
            f"{body[0]} [tab_bottom]",
            *body[1:],
        ]
    )
    article = _clean(page)
    assert article.headline == "Harbour town votes to rebuild its sea wall"
    assert article.paragraphs == body


@pytest.mark.parametrize(
    ("ends", "width"),
    [
        ([70, 72, 68, 74, 73, 71, 66, 74, 40, 72], 74),  # a text browser's 80 columns
        ([70, 72, 68, 74, 73, 71, 66, 74, 40, 72] * 2 + [110], 74),  # and one wide table row
        ([300, 120, 560, 90, 410, 75, 230], None),  # a paragraph per line
        ([44, 48, 50, 46, 49, 47, 45, 50], None),  # a menu's similar short lines
        ([70, 72, 68, 74, 73, 71, 66, 74, 72, 150, 220, 180], None),  # prose past the width
        ([32, 47, 57, 77, 142, 158, 163, 167], None),  # paragraphs of about one length
    ],
)
def test_a_page_s_wrap_width_is_read_from_where_its_lines_end(ends, width):
    from storytrace.clean.lines import wrap_width

    assert wrap_width(ends) == width


def test_a_page_padded_to_a_layout_s_width_cleans_as_its_words_do():
    """inscriptis pads every line to the page's widest table: the padding is no text."""
    page = "\n\n".join(["Harbour town votes to rebuild its sea wall", *_harbour_body()])
    padded = "\n".join(line + " " * 3000 for line in page.split("\n"))
    plain, wide = _clean(page), _clean(padded)
    assert (wide.headline, wide.paragraphs) == (plain.headline, plain.paragraphs)
    assert [r.line for r in wide.removed] == [r.line for r in plain.removed]


def test_wrapped_menu_is_not_joined_into_prose():
    menu = "Home News Sport Weather Business Politics World Video Audio\nhome delivery\n"
    article = _clean(f"{menu}\n" + "\n\n".join(_harbour_body()))
    assert "home delivery" not in article.body
    assert "Weather" not in article.body


def test_section_heading_known_by_its_start():
    teasers = "\n".join(
        f"Lighthouse keeper number {n} retires after forty years on the island." for n in range(8)
    )
    page = "\n\n".join([*_harbour_body(), "More articles in Coastal News", teasers])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert "Lighthouse" not in article.body


def test_markup_a_converter_leaked_is_chrome():
    leaked = (
        '<a href="http://ads.example.com/jump/news/;sz=120x60">'
        '<img src="http://ads.example.com/b.gif" width="120"></a>'
    )
    body = _harbour_body()
    page = "\n\n".join([*body[:3], leaked, *body[3:]])
    article = _clean(page)
    assert "href" not in article.body
    assert article.paragraphs == body


def test_prose_quoting_a_tag_is_kept():
    # An article about a hijacked site quotes the markup; one tag in a sentence is no leak.
    quoted = (
        "The hijacked page carried a line that read <script>steal()</script>, investigators"
        " said on Tuesday, adding that no reader's password had been taken."
    )
    body = _harbour_body()
    article = _clean("\n\n".join([*body[:3], quoted, *body[3:]]))
    assert article.paragraphs == [*body[:3], quoted, *body[3:]]


def test_copyright_sign_run_into_the_year():
    page = "\n\n".join([*_harbour_body(), "©2024 Coastal Press Ltd · Terms · Privacy"])
    article = _clean(page)
    assert "©" not in article.body
    assert any(r.reason == "copyright" for r in article.removed)


def test_page_long_ticker_line_does_not_join_the_article():
    ticker = " ".join(f"Stock{n} {n}.{n % 10}" for n in range(600))
    body = _harbour_body()
    page = "\n\n".join([body[0], ticker, *body[1:]])
    article = _clean(page)
    assert "Stock17" not in article.body
    assert article.paragraphs[-1] == body[-1]


def _side_by_side(left: list[str], right: list[str]) -> str:
    """Two columns laid out as a browser-like converter does: padded to a fixed edge."""
    at = max(map(len, left)) + 8
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return "\n".join(f"  {a.ljust(at - 2)}{b}".rstrip() for a, b in zip(left, right, strict=True))


SIDEBAR = [
    "Most read",
    "Ferry service to the islands resumes",
    "Fishermen count the losses of a stormy winter",
    "Regional train line reopens after landslide",
    "Museum of the sea extends its opening hours",
    "Lighthouse keeper retires after forty years",
]


def test_page_laid_out_in_columns_is_read_column_by_column():
    # Every line of the article column carries a sidebar link beside it.
    body = _harbour_body()
    left = [line for p in body for line in (p, "")]
    page = "Harbour town votes to rebuild its sea wall\n\n" + _side_by_side(left, SIDEBAR * 2)
    article = _clean(page)
    assert article.paragraphs == body
    assert "Lighthouse" not in article.body


def test_a_text_browser_s_columns_wrapped_to_their_width_are_read_column_by_column():
    """Regression (w3m dumps): a text browser wraps the article's cell to its column, so
    no line of it is a paragraph long; its cells end at one right edge, and that is the
    layout's evidence. Read by rows, the menu beside it ran into every line."""
    import textwrap

    body = _harbour_body()
    left = [line for p in body for line in (*textwrap.wrap(p, 56), "")]
    menu = [f"□ {word}" for word in ("News", "Sport", "Business", "Weather", "Travel")] * 20
    page = "Harbour town votes to rebuild its sea wall\n\n" + _side_by_side(menu, left)
    article = _clean(page)
    assert article.paragraphs == body
    assert "Weather" not in article.body


BROWSER_MENU = ["Ports and shipping", "News", "Tides and forecast", "Sport", "Ferries and trains"]


def _browser_page(
    gap: str = "   ",
    top: list[str] | None = None,
    rule: bool = False,
    menu: list[str] = BROWSER_MENU,
    sidebar: list[str] = SIDEBAR,
) -> str:
    """A text browser's dump of a table layout: a menu, the article wrapped to its column
    one space right of the menu, and a sidebar `gap` right of the article's widest line;
    `top`: rows over the columns; `rule`: one crosses them after the first paragraph."""
    import textwrap

    paragraphs = [textwrap.wrap(p, 56) for p in _harbour_body()]
    article = [line for lines in paragraphs for line in (*lines, "")]
    width = max(map(len, article))
    rows = list(top or [])
    for k, line in enumerate(article):
        side = sidebar[k % len(sidebar)] if k % 2 else ""
        rows.append(f"{menu[k % len(menu)]:<18} {line:<{width}}{gap}{side}".rstrip())
        if rule and k == len(paragraphs[0]):
            rows.append("━" * 120)
    return "Harbour town votes to rebuild its sea wall\n\n" + "\n".join(rows)


def _assert_read_by_columns(page: str) -> None:
    cleaned = _clean(page)
    assert cleaned.paragraphs == _harbour_body()
    assert not {"Tides", "Ferries", "Lighthouse"} & set(cleaned.body.split())


def test_a_text_browser_s_columns_one_space_apart_are_read_column_by_column():
    """Regression (w3m dumps of table layouts): a text browser sets each column at a fixed
    character, a single space after the column before it at the least, so a menu item as
    wide as its column runs into the article's line as one cell; and the cells of a tool bar
    between the article and the sidebar ("Print", a date) chained their edges into one.
    Neither column's text may run into the article's."""
    tools = "Print".rjust(44) + "E-mail".rjust(12) + "Tuesday, 14 May".rjust(20)
    page = _browser_page(top=[tools])
    assert page.splitlines()[3][17:20] == "g T"  # a menu item, one space, the article
    _assert_read_by_columns(page)


def test_a_banner_and_a_rule_across_a_text_browser_s_columns_leave_its_gutters():
    # A line over the columns runs across their gutters, and so does a rule a text browser
    # draws with box-drawing characters: neither is the layout's text beside the article.
    banner = "Northport Courier, the paper of the harbour towns since 1887: news, tides, ferries"
    _assert_read_by_columns(_browser_page(top=["Print".rjust(60), banner], rule=True))


def test_a_sidebar_one_space_after_the_article_s_widest_lines_leaves_its_column():
    # The sidebar starts one space after the article's widest line, so those lines and the
    # sidebar's link are one cell: the article's right edge is where most of its lines end,
    # not where that cell does.
    sidebar = ["Most read", "Ferries resume", "Lighthouse keeper retires", "Tides", "Museum"]
    page = _browser_page(gap=" ", menu=["News", "Sport"], sidebar=sidebar)
    assert "wall, which collapsed during the January  Ferries resume" in page
    _assert_read_by_columns(page)


def test_column_lines_keep_their_page_line_numbers():
    from storytrace.clean.columns import column_lines

    left = [p for p in _harbour_body()[:4]]
    rows = column_lines(_side_by_side(left, SIDEBAR[:4]))
    assert [n for n, _ in rows] == [1, 2, 3, 4, 1, 2, 3, 4]
    assert [t.strip() for _, t in rows[:4]] == left
    assert [t for _, t in rows[4:]] == SIDEBAR[:4]


def test_a_menu_item_two_spaces_from_the_next_column_is_cut_at_that_columns_edge():
    # A browser-like layout: the article column starts at one edge, and on one line the
    # menu item beside it ends two spaces before that edge (one cell by its gaps alone).
    from storytrace.clean.columns import column_lines

    left = [p for p in _harbour_body()[:4]]
    menu = ["* Home", "* Weather and tides", "* Local", "* Sport"]
    at = max(map(len, menu)) + 2
    page = "\n".join(f"{m.ljust(at)}{p}" for m, p in zip(menu, left, strict=True))
    assert page.splitlines()[1][at - 3 : at] == "s  "  # two spaces before the edge
    texts = [t for _, t in column_lines(page)]
    assert texts[:4] == menu
    assert texts[4:] == left


def test_data_table_is_read_row_by_row():
    from storytrace.clean.columns import column_lines

    table = "\n".join(
        f"{town:<16}{height:>8}   {cost:>12}"
        for town, height, cost in [
            ("Town", "Wall (m)", "Cost (EUR)"),
            ("Northport", "4.5", "14,000,000"),
            ("Southbay", "3.0", "6,500,000"),
            ("Westmere", "5.2", "19,250,000"),
        ]
    )
    assert [t for _, t in column_lines(table)] == table.splitlines()


def test_comments_link_in_a_share_bar_is_not_the_comments_heading():
    # A sidebar blurb above the share bar must not win over the article below it.
    blurb = (
        "Our weekend guide to the coast picks the best walks, harbour cafés and ferry trips, "
        "with tide tables for every beach from Northport to Southbay, and a map of the "
        "lighthouses you can still climb, updated every Friday by our travel desk, free for "
        "every reader who signs in. Last week's guide took readers along the cliffs above "
        "Westmere, where the old coastguard path has reopened after two years of repairs."
    )
    page = "\n\n".join([blurb, "* Share\n* Print\n* Comments (0)", *_harbour_body()])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()


@pytest.mark.parametrize("heading", ["About the Author", "More articles by Marta Lindqvist"])
def test_author_bio_after_the_article_is_not_body(heading):
    bio = (
        "Marta Lindqvist has covered the coast for the Herald since 2009, and before that she "
        "reported on fisheries and shipping for a trade weekly in the capital for ten years."
    )
    page = "\n\n".join([*_harbour_body(), heading, bio])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert any(r.reason == "author bio" for r in article.removed)


def test_language_is_told_by_the_article_not_by_a_long_menu_above_it():
    # A bilingual site's menu: many long lines whose words are French stop words, more of
    # them than the first 2,000 characters of the page hold.
    menu = "\n".join(f"À la une | Le direct {n} | La météo | Les jeux | Du jour" for n in range(45))
    more = [
        "The harbour master said that the old wall had been patched so many times since the "
        "war that nobody could say any longer which of its stones were original.",
        "Fishing crews, who moor their boats in the inner basin, asked the council to keep "
        "the basin open while the work goes on, and the council agreed to try.",
        "A second vote, on whether to raise the height of the new wall by half a metre, was "
        "put off until the engineers have finished their survey of the sea bed.",
        "The council will hold a public meeting in the town hall next month, where residents "
        "can see the plans and put their questions to the engineers in person.",
    ]
    body = [*_harbour_body(), *more]
    article = _clean(menu + "\n\n" + "\n\n".join(body))
    assert article.paragraphs == body
    assert article.language == "en"


def test_paragraph_trailing_off_in_an_ellipsis_inside_the_article_is_kept():
    trailing = (
        "Some residents were not convinced by the engineers' figures, and one of them "
        "asked what would happen if the next storm came before the wall was finished..."
    )
    body = _harbour_body()
    page = "\n\n".join([*body[:2], trailing, *body[2:]])
    assert _clean(page).paragraphs == [*body[:2], trailing, *body[2:]]


def test_teaser_under_a_headline_is_still_a_teaser():
    teaser = (
        "The ferry between Northport and the outer islands sailed again on Monday after "
        "repairs to the damaged pier were finished ahead of …"
    )
    page = "\n\n".join([*_harbour_body(), "Ferry service to the islands resumes\n" + teaser])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()


FIGURES_INTRO = "Home prices in the river towns rose again last year, and the county's housing office has now published the monthly change for every month since the spring of 2013, which the table below lists in full."
FIGURES_AFTER = [
    "The steepest rise came in the spring of 2021, when buyers from the city moved out during the pandemic and bid for the few houses on the market.",
    "Prices fell for five months in 2023 as mortgage rates climbed, the only months in a decade in which the county's homes lost value.",
    "The housing office expects prices to rise more slowly this year, as more new homes are finished along the river and fewer buyers arrive from the city.",
]


def _figures_page(rows: int) -> str:
    table = [
        f"{m}/1/{2013 + k // 12} +{(k * 7) % 23}.{k % 10}%"
        for k, m in enumerate([*range(1, 13)] * (rows // 12 + 1))
    ][:rows]
    return "\n".join(
        ["Sign in", "Menu", "", FIGURES_INTRO, "", "Month Change", *table, "", *FIGURES_AFTER]
    )


def test_table_of_figures_inside_the_article_does_not_split_it():
    # Regression: every row keyed "/ / +.%" once digits were dropped, so the rows were one
    # repeated line, chrome, and the table cut the article's first paragraph off.
    article = _clean(_figures_page(40))
    assert article.body.startswith(FIGURES_INTRO)
    assert "5/1/2013" in article.body and article.body.endswith(FIGURES_AFTER[-1])


def test_rows_of_figures_at_the_article_edge_stay_out():
    page = (
        _figures_page(0) + "\n\nMarkets\n" + "\n".join(f"{i}.{i}% {i * 3}.0" for i in range(1, 9))
    )
    article = _clean(page)
    assert article.body.endswith(FIGURES_AFTER[-1])
    assert "1.1%" not in article.body


def test_word_wrapped_from_a_removed_byline_is_no_body_paragraph():
    # Regression (test_props_clean): a lone "a" under a byline was read as the byline's
    # wrapped end and kept as a paragraph; cleaning the body again then dropped it.
    para = "The council said on Monday that the bridge would stay closed until the inspection report was published."
    page = "\n".join([para * 40, "By Anna Varga and Jonas Pereira, The Harbor Ledger", "a", para])
    article = _clean(page)
    assert "a" not in article.paragraphs
    assert _clean(article.body).paragraphs == article.paragraphs


GUIDE_PARTS = {
    "Choosing the site": "The first thing to settle is where the garden goes, since vegetables need at least six hours of sun and a spot that does not flood after heavy rain.",
    "Preparing the soil": "Dig the bed over in autumn and spread a thick layer of compost on top, so that the worms have worked it into the soil by the time you plant in spring.",
    "Planting out": "Wait until the last frost has passed before you plant out tomatoes and beans, and water them well for the first two weeks while their roots settle in.",
}


def test_subheadings_repeated_by_the_table_of_contents_stay_in_the_article():
    # Regression: each subheading occurs twice (in the contents list and over its part), so
    # every copy was a repeated line, chrome: the headings left the body and a long
    # contents list weighed against the article.
    intro = "Growing your own vegetables takes less room and less time than most people think, and this guide walks through the whole first season step by step."
    toc = ["Contents", *(f"* {h}" for h in GUIDE_PARTS)]
    parts = [line for h, para in GUIDE_PARTS.items() for line in ("", h, para)]
    article = _clean("\n".join(["Home", "Garden", "", intro, "", *toc, *parts]))
    assert article.paragraphs[-6:] == [p for pair in GUIDE_PARTS.items() for p in pair]
    assert sum(p == "Choosing the site" for p in article.paragraphs) == 1


def test_names_over_a_carousels_cloned_reviews_stay_chrome():
    reviews = [
        (
            "Anna K.",
            "The staff were friendly and patient with our two boys, and the doctor took the time to explain every step of the treatment to us.",
        ),
        (
            "Ben T.",
            "We have been coming here for six years and have never waited more than ten minutes for an appointment, which is rare in this town.",
        ),
    ]
    intro = list(GUIDE_PARTS.values())
    slides = [line for name, text in reviews for line in (name, text)]
    article = _clean("\n".join([*intro, "", "What parents say", *slides, *slides]))
    assert "Anna K." not in article.paragraphs


ARTICLE_HALVES = (
    [
        "The city council agreed on Tuesday to turn the old tram depot into a covered market, ending a dispute that has kept the building empty for more than eleven years and cost the city a small fortune in repairs.",
        "Traders who sell at the open-air market on the square have asked for a roof over their stalls since the floods of 2014, when a week of rain left the square under water and most of them lost a month of trade.",
    ],
    [
        "The conversion will cost about nine million euros, of which the regional government pays two thirds, and the first stalls should open in the spring of 2027 if the builders keep to the schedule the council approved.",
        "Residents of the streets around the depot welcomed the plan but asked the council to limit deliveries to the morning, since the lorries that serve the open-air market already block the narrow lanes twice a week.",
    ],
)


def test_article_runs_on_past_a_related_articles_box_set_inside_it():
    # Regression: the box's heading ended the run, and the article lost its second half.
    box = [
        "You May Also Like",
        "Harbour town votes to rebuild its sea wall",
        "Five markets worth the trip this summer",
    ]
    first, second = ARTICLE_HALVES
    article = _clean(
        "\n".join(
            ["Home", "News", "", *first, "", *box, "", *second, "", "Related Topics", "* Markets"]
        )
    )
    assert article.paragraphs == [*first, *second]
    assert any(r.text == "Five markets worth the trip this summer" for r in article.removed)


def test_comments_under_a_related_articles_box_stay_out():
    # A comment's time stamp under the box: what follows is the readers', not the article.
    first, second = ARTICLE_HALVES
    replies = [
        "I have sold vegetables on that square for twenty years and I still remember the floods, so a roof is the best news we have had from the council in a very long time.",
        "Nine million euros seems a lot for a market hall when the schools in the east of the city still wait for new windows, but I suppose the traders deserve it after so long.",
    ]
    box = [
        "Related articles",
        "* Harbour town votes to rebuild its sea wall",
        "1. Anna says:",
        "December 19, 2025 at 13:01",
    ]
    article = _clean("\n".join([*first, *second, "", *box, *replies]))
    assert article.paragraphs == [*first, *second]


def test_a_dateline_the_article_run_took_in_beats_other_stories_dates_below_it():
    """The run of prose began at the standfirst, above the dateline; the dateline removed
    from the body's first lines is the story's, not the one under the article."""
    text = (
        "Menu\nSearch\n\n"
        "# Harbour bridge reopens after eight months of repairs\n\n"
        "The harbour bridge reopened to traffic on Tuesday after repairs to its deck and "
        "cables, and the council says the work came in under budget this time.\n\n"
        "Updated Dec. 23, 2024, 1:24 PM EST / Source: Gazette\n\n"
        "The harbour bridge reopened to traffic on Tuesday morning after eight months of "
        "repairs to its deck and cables, the city council said in a statement.\n\n"
        "Engineers found corrosion in three of the main cables last spring, and the council "
        "closed the bridge to all traffic while the cables were replaced one by one.\n\n"
        "The mayor said the bridge would be inspected every year from now on, and that the "
        "council had set aside money for the next round of repairs.\n\n"
        "Ferry services that ran during the closure will stop at the end of the month, "
        "the operator said, after carrying more than a million passengers.\n\n"
        "/ Updated Dec. 19, 2025\n\n"
        "Ferry fares to rise in the new year\n"
    )
    article = _clean(text)
    assert article.published is not None
    assert article.published.date() == datetime(2024, 12, 23).date()


def test_a_footer_blurb_past_a_long_menu_is_no_article():
    # Regression: the footer's blurb weighed more than the menu above it, so the run took
    # the menu and the blurb in; a light end past ten menu lines is cut off.
    paras = [
        f"Stall number {n} on the square sold its last crates of apples on Saturday, and its owner said that the new covered market would be the best thing to happen to the trade in {n + 10} years."
        for n in range(1, 11)
    ]
    menu = [
        "Our Services",
        "Case Studies",
        "Pricing",
        "Careers",
        "Partners",
        "Press Room",
        "Contact Sales",
        "Help Centre",
        "Site Map",
        "Investors",
    ]
    blurb = "We are a family business that has served the traders of the old square for many years, and we would be glad to hear from you."
    article = _clean("\n".join([*paras, "", *menu, "", blurb]))
    assert article.paragraphs == paras


def test_an_intro_above_a_long_table_of_contents_stays_with_headline():
    # Regression: the footer trim also cut a light *head* off the run, so a guide's intro
    # and its headline went with the table of contents under them and a subheading became
    # the headline (WCXB text headlines -0.012). Only the end of a run is trimmed.
    intro = "Choosing a hammock for a first trip takes more thought than most campers expect, and the weight, the straps and the rain cover all matter on the trail."
    toc = [
        "Why hammocks",
        "Weight",
        "Straps",
        "Rain covers",
        "Bug nets",
        "Insulation",
        "Setup",
        "Care",
        "Prices",
        "Our picks",
    ]
    parts = [
        f"Part {n} of this guide looks at one more thing a camper should check before buying, and it explains in plain words why it matters on a wet night in the woods number {n}."
        for n in range(1, 13)
    ]
    text = "\n".join(["Best Camping Hammocks for Beginners", "", intro, "", *toc, "", *parts])
    article = _clean(text)
    assert article.headline == "Best Camping Hammocks for Beginners"
    assert article.paragraphs[0] == intro


def test_copyright_as_a_subheading_does_not_end_the_article():
    # Regression: the bare word "copyright" made a topic heading a copyright notice, a
    # boundary, and the article stopped at "Copyright Law in a Changing World" (WCXB).
    body = _harbour_body()
    heading = "Copyright Law in a Changing World"
    page = "\n\n".join(
        [*body[:2], heading, *body[2:], "Copyright 2025 Harbour Post. All rights reserved."]
    )
    article = _clean(page)
    assert article.paragraphs == [*body[:2], heading, *body[2:]]
    assert any(r.reason == "copyright" for r in article.removed)


def test_photo_credit_with_a_copyright_sign_is_a_caption_not_the_article_end():
    # Regression: "Photo ... ©Agency 2025" read as the page's copyright notice, a boundary,
    # so the article stopped at its first photo.
    body = _harbour_body()
    credit = "Photo https://example.org/photos ©Harbour Post 2025"
    article = _clean("\n\n".join([*body[:2], credit, *body[2:]]))
    assert article.paragraphs == body
    assert credit in article.captions


def test_paragraph_trailing_off_after_a_short_aside_is_kept():
    # Regression: a paragraph ending in "…" was a related-article teaser, a boundary, unless
    # prose stood right above it; a one-word aside ("Why?") between cut the article.
    trailing = (
        "Because if the wall is patched again the same way, year after year, the sea will "
        "find the weak stones first and the whole town will pay for it again…"
    )
    body = _harbour_body()
    page = "\n\n".join([*body[:2], "Why?", trailing, *body[2:]])
    assert trailing in _clean(page).paragraphs


@pytest.mark.parametrize(
    "heading",
    [
        "Discussion about this post",
        "12 thoughts on “Harbour wall”",
        "Comments are now closed for this story",
        "Add Comment",
        "add new comment",
        "One Response to “Harbour wall”",
    ],
)
def test_comment_thread_headings_end_the_article(heading):
    comment = "I have lived in the lower town for thirty years and I think the council is wrong about this, because the money would be better spent on moving the harbour."
    thread = "\n\n".join(f"{comment} Number {n}." for n in range(1, 15))
    page = "\n\n".join([*_harbour_body(), heading, thread])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert any(r.reason == "comments" for r in article.removed)


@pytest.mark.parametrize(
    "stamp",
    ["Posted by: Ana Ruiz, Portside on 8:21pm Tue 1 Jan 08", "{n}. Ana Ruiz Says:"],
)
def test_comment_stamps_without_a_heading_end_the_article(stamp):
    # Regression: a thread with no "Comments" heading, only a stamp over each reader's
    # comment, read as more of the article's prose and the run took it in.
    comment = "I have lived in the lower town for thirty years and I think the council is wrong about this, because the money would be better spent on moving the harbour."
    thread = "\n\n".join(f"{stamp.format(n=n)}\n\n{comment} Number {n}." for n in range(1, 5))
    page = "\n\n".join([*_harbour_body(), thread])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert any(r.reason == "comments" for r in article.removed)


def test_a_quoted_report_that_says_is_no_comment_stamp():
    # "The report says:" over a quoted passage, twice in one article, is the article's.
    quote = "The harbour wall will need a full rebuild within five years, and the cost will rise every winter that the council waits to start the work on it."
    body = _harbour_body()
    page = "\n\n".join(
        [
            *body[:2],
            "The engineers' report says:",
            quote,
            *body[2:4],
            "The second report says:",
            quote + " Again.",
            *body[4:],
        ]
    )
    article = _clean(page)
    assert article.paragraphs[-1] == body[-1]
    assert not any(r.reason == "comments" for r in article.removed)


def test_a_posts_own_posted_by_line_over_its_text_is_no_comment_stamp():
    # The comment-stamp rule counts a stamp only under the article's prose: a blog post's
    # own "Posted by ... on <date>" above its text stays its byline, the article stays whole.
    own = "Posted by: Marta Lindqvist on 4:30pm Sat 2 Mar 24"
    comment = "I have lived in the lower town for thirty years and I think the council is wrong about this, because the money would be better spent on moving the harbour."
    thread = "\n\n".join(
        f"Posted by: Ana Ruiz on 8:2{n}pm Sun 3 Mar 24\n\n{comment}" for n in range(1, 4)
    )
    page = "\n\n".join([own, *_harbour_body(), thread])
    article = _clean(page)
    assert article.paragraphs == _harbour_body()
    assert not any(r.reason == "comments" and r.text == own for r in article.removed)


def test_photo_caption_naming_where_a_person_stands_is_a_caption():
    # Regression: a caption without a credit, "Name (R) verbs ...", between two paragraphs
    # read as one more paragraph of the article.
    caption = "Harbour master Ana Ruiz (L) walks along the damaged sea wall with engineer Tomas Berg during an inspection in March."
    body = _harbour_body()
    article = _clean("\n\n".join([*body[:2], caption, *body[2:]]))
    assert article.paragraphs == body
    assert caption in article.captions


def test_interview_answer_over_a_question_that_trails_off_is_no_teaser():
    # Regression: a line that reads as a headline over a paragraph cut off with an ellipsis
    # is a related story's teaser, a boundary; an interview's two-sentence answer over a
    # question that trails off is no headline, and the article was cut there.
    answer = (
        "Mayor: Thank you so much. It took the whole council and the fishing crews to get here!"
    )
    question = "Reporter: How did the town pay for it when everyone said it could never be done…"
    body = _harbour_body()
    article = _clean("\n\n".join([*body[:2], answer, question, *body[2:]]))
    assert answer in article.paragraphs
    assert question in article.paragraphs
    assert article.paragraphs[-1] == body[-1]


def test_paragraph_trailing_off_under_a_bulleted_list_is_kept():
    # Regression: the list's last item read as a teaser's headline over the paragraph that
    # trails off under the list, and the pair, a boundary, cut the article there.
    body = _harbour_body()
    items = [
        "* Raise the wall by half a metre",
        "* Widen the harbour mouth",
        "* Rebuild the old slipway for the lifeboat crew",
    ]
    trailing = "The council will also look at other ways to protect the lower town, which the engineers listed for the next meeting…"
    page = "\n\n".join([*body[:2], "\n".join(items), trailing, *body[2:]])
    assert trailing in _clean(page).paragraphs


def test_article_above_a_related_box_joins_the_run_under_it_even_with_a_short_paragraph():
    # Regression: the article went on past a "Related Content:" box only when the paragraph
    # right under the box had 30 words; that is a check for a teaser's blurb, but the run
    # under the box is the page's heaviest, no blurb, so its first paragraph may be short.
    body = _harbour_body()
    more = [
        f"Engineers said that section {n} of the new wall would be built from concrete blocks cast in the old shipyard, and that each block would weigh about twelve tonnes when finished."
        for n in range(1, 6)
    ]
    short = "The fishing crews asked the council to keep the inner basin open while the engineers work on the outer wall."
    box = [
        "Related Content:",
        "Ten things to do on the harbour this summer before the...",
        "Best boat trips of the year",
    ]
    page = "\n\n".join([*body, *box, "5. The new wall", short, *more])
    article = _clean(page)
    assert article.paragraphs[: len(body)] == body
    assert short in article.paragraphs and article.paragraphs[-1] == more[-1]
    assert "Best boat trips of the year" not in article.body


def test_read_more_link_with_its_own_headline_does_not_cut_the_article():
    # Regression: a line over "Read more: <a story's headline>" was taken for that story's
    # headline, and the pair, a related-article teaser, was a boundary inside the article.
    body = _harbour_body()
    links = [
        "Useful links:",
        "Tide tables for the week",
        "Ferry timetable",
        "Harbour office opening hours",
        "Read more: Ten boat trips to take along the coast this summer",
    ]
    page = "\n\n".join([*body[:2], "\n".join(links), *body[2:]])
    article = _clean(page)
    assert article.paragraphs[0] == body[0] and article.paragraphs[-1] == body[-1]
    assert "Ten boat trips" not in article.body


def test_a_chinese_text_page_gets_its_headline_byline_and_date():
    """Regression: a page in a script without case had no headline (no capital to open
    on), and its byline cue "记者" (reporter) was unknown, so the byline was taken for it.
    Then the byline left the body but its name was no author: the byline pass only reads
    lines holding a Latin cue's hint, and "记者" was not among them."""
    text = (
        "港口罢工进入第二天\n\n记者 王伟\n\n2025年3月4日\n\n"
        "卡尔德茅斯港的码头工人周二继续罢工，三十多艘货船在港外等候。劳工部长表示，调解员将于周二晚些"
        "时候分别会见工会和码头运营商。工会要求加薪百分之九，公司只提出百分之四。\n\n"
        "首页 | 新闻 | 体育 | 联系我们\n"
    )
    page = Page.from_bytes("zh.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.headline == "港口罢工进入第二天"
    assert article.published is not None and article.published.date().isoformat() == "2025-03-04"
    assert article.body.startswith("卡尔德茅斯港的码头工人")
    assert "记者" not in article.body
    assert article.authors == ["王伟"]


def test_article_between_two_top_stories_links_is_no_feed_item():
    """Regression: a site's menu names "Top Stories" over and under its article; the
    heading is a news-feed boundary, and the article between two of them was dropped as one
    item of a feed, leaving no article."""
    menu = "\n".join(["Sections", "Top Stories", "National", "Business", "Sport"])
    page = "\n\n".join(
        [
            menu,
            "Harbour town votes to rebuild its sea wall",
            *_harbour_body(),
            "Top Stories\nWeather\nCities",
        ]
    )
    assert _clean(page).paragraphs == _harbour_body()


def test_run_between_two_feed_time_stamps_is_a_feed_item():
    """A news feed's item between two time stamps still goes; the article under it stays."""
    item = (
        "The line between Northport and the capital reopened on Sunday morning after "
        "engineers cleared the track, checked the bridges and ran two empty trains over them. "
    ) * 4
    item = item.strip()
    feed = "\n".join(["10:42 AM", "Regional train line reopens after landslide", item, "9:15 AM"])
    page = "\n\n".join(
        [
            feed,
            "Harbour town votes to rebuild its sea wall",
            "Related articles",
            *_harbour_body()[:2],
        ]
    )
    article = _clean(page)
    assert item not in article.body
    assert article.paragraphs == _harbour_body()[:2]


def test_a_copyright_notice_written_as_a_sentence_ends_the_article():
    """Regression: a wire story's notice under it ("Copyright 2008 Courtesy of ...", a full
    sentence) was read as the article's line, and the run went on into the promos under it."""
    body = _harbour_body()
    topic = "Since 2019 the harbour's photographs have been free of copyright, which the council said it will keep."
    promos = [
        "Sponsored Links",
        "How To Plan A Weekend On The Coast",
        "Do you ever feel like your weekends go by too fast? Find out how to plan the perfect trip to the coast this year. More",
        "Get A Free Copy Of Your Travel Guide",
        "It is essential for you to plan each trip as the weather on the coast can change quickly. Get a free copy of our guide now. More",
    ]
    page = "\n\n".join(
        [*body[:3], topic, *body[3:], "Copyright 2024 Courtesy of The Coastal Wire.", *promos]
    )
    article = _clean(page)
    assert article.paragraphs == [*body[:3], topic, *body[3:]]
    assert any(r.reason == "copyright" for r in article.removed)


def test_a_wire_notice_of_several_sentences_ends_the_article_but_a_paragraph_on_copyright_stays():
    """Regression: the agency's notice under a wire story, long enough to read as prose
    ("(C) 2024 Coastal Wire. All rights reserved. This material may not be ..."), was
    chrome only, and the run went on across it into the promos under it. A paragraph that
    opens on the word without a notice's sign or year is the article's."""
    body = _harbour_body()
    own = "(Copyright: parts of this report are reproduced from the council's own minutes, whose rights the town's archive holds since 1998.)"
    notice = "(C) 2024 The Coastal Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."
    promo = "Links We Like includes a selection of information, tools and resources from our partners and sponsors, picked for readers on the coast."
    page = "\n\n".join([*body[:3], own, *body[3:], notice, "Sponsored Links", promo])
    article = _clean(page)
    assert article.paragraphs == [*body[:3], own, *body[3:]]


@pytest.mark.parametrize(
    "heading",
    [
        "Also in Europe",
        "Other Recent Articles...",
        "More Sports",
        "Latest Sport News",
        "Sponsored Links",
        "Links We Like",
        "Reader views (5)",
    ],
)
def test_headings_of_other_stories_end_the_article(heading):
    """Regression: "Also in <section>", "Other Recent Articles", "More Sports", "Latest
    Sport News", "Sponsored Links" and "Links We Like" head lists of the site's other
    stories or its sponsors', "Reader views" its readers' comments; a long promo under the
    list paid for the list, and the run took both in."""
    body = _harbour_body()
    others = [
        "Ferry Service To The Islands Resumes After Three Weeks",
        "Fishermen Count The Losses Of A Stormy Winter",
        "Museum Of The Sea Extends Its Opening Hours",
    ]
    promo = "Pit your best team against your mates and the rest of the country in our summer sailing league, and you could win a week on the islands for the whole family."
    page = "\n\n".join([*body, heading, "\n".join(others), promo])
    article = _clean(page)
    assert article.paragraphs == body


def test_the_site_s_headlines_under_a_related_box_are_not_the_article_s_second_half():
    """Regression: under the article, a "Related" box and then the site's list of its
    stories ("Coast Headlines", each title run into its blurb), heavier than the article;
    the run across the box took the list for the article's second half and joined them."""
    body = _harbour_body()
    box = ["Related", "Internal Links", "Sea wall vote: how each councillor voted"]
    teasers = [
        f"Ferry number {n} returns to the island route after repairs The ferry that serves the "
        f"outer islands sailed again on Monday after engineers finished repairs to its engine "
        f"and the pier, the operator said in a statement on its website this morning."
        for n in range(1, 9)
    ]
    page = "\n".join([*body, *box, "Coast Headlines", *teasers])
    article = _clean(page)
    assert article.paragraphs == body


def test_a_long_paragraph_cut_at_the_page_s_fold_is_the_article_s():
    """Regression: a blog shows its post's first paragraph cut off with an ellipsis where
    the page folds it, and the rest of the post under it; under the headline, the cut
    paragraph was read as a teaser's blurb and the headline as that teaser's, so the
    article lost its first paragraph and its headline."""
    headline = "Harbour town votes to rebuild its sea wall before winter"
    cut = (
        "The council of Northport voted on Saturday to rebuild the town's sea wall, which "
        "collapsed during the January storms, before the first autumn gales arrive, and the "
        "vote passed by nine votes to four after a three-hour debate in which residents of "
        "the lower town described flooded kitchens and ruined boats, and the council's "
        "leader said that the work would start..."
    )
    rest = _harbour_body()[2:]
    article = _clean("\n\n".join(["Home", "News", headline, cut, *rest]))
    assert article.paragraphs == [cut, *rest]
    assert article.headline == headline


def test_a_tag_list_over_the_article_is_no_headline():
    """Regression: a post's tag list ("Tags: council, harbour, wall") names the words of
    the lede, and under the headline it outscored the headline."""
    headline = "Do harbour towns still want sea walls?"
    tags = "Tags: council, harbour, wall"
    page = "\n\n".join(
        ["Home", "News", headline, "Good news for builders?", tags, *_harbour_body()]
    )
    article = _clean(page)
    assert article.headline == headline
    assert any(r.text.startswith("Tags:") and r.reason == "navigation" for r in article.removed)


def _guide_paragraphs() -> list[str]:
    return [
        "The harbour office counts the ferry's passengers by hand every morning, and the "
        "clerk who keeps the tally asked whether a short script could read the gate's log "
        "instead, so we wrote one over a weekend and share it here for other small ports.",
        "The gate writes one line per passenger to a text file, with the time and the ticket "
        "number, and the script below opens that file, reads it line by line and stops with "
        "a clear message when the file is missing or the disk cannot be read.",
        "The same check follows every step that can fail, which is why the listing repeats "
        "itself; the second listing adds up the tickets per hour and writes the totals to "
        "the office's spreadsheet, where the clerk looks at them before the evening sailing.",
        "Since the harbour started using the script in March, the morning count has taken "
        "two minutes instead of forty, and the figures have matched the ticket office's own "
        "books on every day but one, when the gate's clock had stopped during a power cut.",
    ]


def _listing(name: str) -> list[str]:
    return [
        f"func {name}(path string) (int, error) {{",
        "    file, err := os.Open(path)",
        "    if err != nil {",
        "        return 0, err",
        "    }",
        "    defer file.Close()",
        "    count := 0",
        "    scanner := bufio.NewScanner(file)",
        "    for scanner.Scan() {",
        "        count++",
        "    }",
        "    if err != nil {",
        "        return 0, err",
        "    }",
        "    return count, nil",
        "}",
    ]


def test_a_program_s_listings_in_a_guide_stay_in_the_article():
    """Regression (a text browser's dump, a browser's copy): a program's listing keeps its
    lines apart, short lines that cost like a menu and ended the article at its first
    listing, and lines recurring between listings ("if err != nil {") went as repeated
    lines."""
    prose = _guide_paragraphs()
    page = "\n\n".join(
        [
            "Counting ferry passengers with a small script",
            *prose[:2],
            "\n".join(_listing("countPassengers")),
            prose[2],
            "\n".join(_listing("countTickets")),
            prose[3],
        ]
    )
    article = _clean(page)
    body = article.body
    assert all(p in article.paragraphs for p in prose)
    assert body.count("if err != nil {") == 4
    assert "func countTickets(path string) (int, error) {" in body


def test_a_menu_of_template_placeholders_is_no_program():
    """A page whose template was not filled in shows "{{ item.title }}" lines: a menu, not a
    program's listing, so it does not carry the article's run on to a sidebar's blurb."""
    prose = _guide_paragraphs()
    menu = "\n".join(["{{ navItem.title }}", "{{ navItem.url }}", "{{ quickLink.title }}"] * 4)
    blurb = (
        "The small ports association brings together the harbour masters of forty towns "
        "along the coast, who meet twice a year to compare their quays, ferries and budgets."
    )
    page = "\n\n".join(["Counting ferry passengers with a small script", *prose, menu, blurb])
    article = _clean(page)
    assert article.paragraphs == prose
