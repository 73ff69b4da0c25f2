"""The HTML cleaner on small invented pages, and the extraction benchmark's own metrics."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import storytrace.clean.html  # noqa: F401  (registers the text/html cleaner)
from storytrace.clean import clean, cleaners
from storytrace.model import Article, NoArticle, Options, Page

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.datasets.extraction import GoldPage  # noqa: E402
from benchmarks.extraction import (  # noqa: E402
    FETCHED,
    PageScore,
    Prediction,
    author_match,
    body_prf,
    check_floors,
    date_match,
    gold_page,
    headline_match,
    score_page,
    summarise,
    update_floors,
)

ARTICLE = """<!doctype html>
<html lang="en-GB">
<head>
<title>Harbour bridge reopens after repairs | The Coastal Gazette</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="The Coastal Gazette">
<link rel="canonical" href="https://www.coastalgazette.example/news/bridge-reopens">
<meta name="author" content="Mara Lindqvist">
<meta property="article:published_time" content="2024-03-05T14:30:00+01:00">
<script>var tracking = "SCRIPTHEADMARKER";</script>
<style>.x { color: red }</style>
</head>
<body>
<header class="site-header"><a href="/">The Coastal Gazette</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecasts</a></li></ul></nav></header>
<main>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Mara Lindqvist</p>
<time datetime="2024-03-05T14:30:00+01:00">5 March 2024</time>
<figure><img src="bridge.jpg" alt="">
<figcaption>Cyclists cross the repaired span on Tuesday morning.</figcaption></figure>
<p>The harbour bridge reopened to traffic on Tuesday after eight months of repairs that
cost the city far more than planned, officials said at a short ceremony.</p>
<p>Engineers replaced the corroded cables and resurfaced the deck, work that had been
delayed twice by winter storms and by a shortage of steel across the region.</p>
<p>"We are relieved to have the crossing back," said the harbour master, who added that
ferry services would return to their normal timetable next week.</p>
<script>document.write("SCRIPTBODYMARKER");</script>
<p>Local shops near the eastern ramp reported that trade had fallen by a third while
the bridge was closed, and several owners asked the council for rate relief.</p>
</article>
<aside class="related-articles"><h2>Related stories</h2><ul>
<li><a href="/a">Council approves new ferry terminal budget for the coming year</a></li>
<li><a href="/b">Storm damage closes coastal road near the lighthouse again</a></li></ul>
</aside>
<form class="newsletter-signup"><p>Get the morning briefing in your inbox every day
before breakfast, free of charge.</p><input type="email"><button>Subscribe</button></form>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Finally! It took them long enough to fix this bridge, what a
waste of public money honestly, and the council should answer for it.</p></div></section>
</main>
<footer class="site-footer"><p>© 2024 The Coastal Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

ARTICLE_PHRASES = ["eight months of repairs", "corroded cables", "harbour master", "eastern ramp"]
CHROME_PHRASES = [
    "Weather forecasts",
    "ferry terminal budget",
    "lighthouse",
    "morning briefing",
    "long enough to fix",
    "All rights reserved",
    "Privacy policy",
    "SCRIPTHEADMARKER",
    "SCRIPTBODYMARKER",
    "color: red",
]


def html_page(text: str, source: str = "page.html", **meta: str) -> Page:
    return Page.from_bytes(source, text.encode(), "text/html", text=text, meta=dict(meta))


@pytest.fixture(scope="module")
def article() -> Article:
    return clean(html_page(ARTICLE), Options())


def test_html_cleaner_is_registered() -> None:
    assert "text/html" in cleaners


def test_body_has_the_article_paragraphs(article: Article) -> None:
    for phrase in ARTICLE_PHRASES:
        assert phrase in article.body
    assert len(article.paragraphs) == 4
    assert article.body == "\n\n".join(article.paragraphs)


@pytest.mark.parametrize("phrase", CHROME_PHRASES)
def test_body_has_none_of_the_chrome(article: Article, phrase: str) -> None:
    assert phrase not in article.body


def test_metadata(article: Article) -> None:
    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.authors == ["Mara Lindqvist"]
    assert article.published == datetime.fromisoformat("2024-03-05T14:30:00+01:00")
    assert article.published.utcoffset() == timedelta(hours=1)
    assert article.published_precision == "minute"
    assert article.outlet == "The Coastal Gazette"
    assert article.domain == "coastalgazette.example"
    assert article.url == "https://www.coastalgazette.example/news/bridge-reopens"
    assert article.language == "en"


def test_caption_is_a_caption_not_body(article: Article) -> None:
    assert any("Cyclists cross the repaired span" in c for c in article.captions)
    assert "Cyclists cross" not in article.body


def test_removed_blocks_carry_reasons(article: Article) -> None:
    reasons = {r.reason for r in article.removed}
    by_text = {r.text: r.reason for r in article.removed}

    def reason_of(phrase: str) -> str:
        return next(reason for text, reason in by_text.items() if phrase in text)

    assert reason_of("ferry terminal budget") == "related links"
    assert reason_of("long enough to fix") == "comments"
    assert reason_of("morning briefing") == "newsletter"
    assert reason_of("Weather forecasts") == "navigation"
    assert reason_of("All rights reserved") == "footer"
    assert "" not in reasons
    for removed in article.removed:
        assert removed.text not in article.paragraphs
        assert "SCRIPT" not in removed.text


def test_byline_in_the_text_when_the_markup_has_no_author() -> None:
    page = ARTICLE.replace('<meta name="author" content="Mara Lindqvist">', "")
    art = clean(html_page(page), Options())
    assert art.authors == ["Mara Lindqvist"]
    assert "By Mara" not in art.body
    assert any("By Mara Lindqvist" in r.text for r in art.removed)


def test_a_bare_name_over_the_date_is_the_author_when_nothing_else_names_one() -> None:
    # No author in the markup, no "By": the text cleaner's reading of the visible text, a
    # name over its date (the markup's menus, forms and footers left out of that text).
    page = ARTICLE.replace('<meta name="author" content="Mara Lindqvist">', "")
    page = page.replace('<p class="byline">By Mara Lindqvist</p>', "<p>Mara Lindqvist</p>")
    assert clean(html_page(page), Options()).authors == ["Mara Lindqvist"]
    unsigned = page.replace("<p>Mara Lindqvist</p>", "")
    assert clean(html_page(unsigned), Options()).authors == []


@pytest.mark.parametrize("author", ["Gazette Staff", "Harbour Desk Team"])
def test_a_byline_that_names_only_a_desk_or_team_is_its_author(author: str) -> None:
    # In the markup or, without it, in the text: nobody named, the body that signed.
    meta = ARTICLE.replace('content="Mara Lindqvist"', f'content="{author}"')
    assert clean(html_page(meta), Options()).authors == [author]
    text = ARTICLE.replace('<meta name="author" content="Mara Lindqvist">', "")
    text = text.replace("By Mara Lindqvist", f"By {author}")
    assert clean(html_page(text), Options()).authors == [author]


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        ("Mara Lindqvist; MS; RD", ["Mara Lindqvist, MS, RD"]),  # post-nominals split off
        ("Name; Mara Lindqvist", ["Mara Lindqvist"]),  # a template's placeholder
        ("Undefined", ["Mara Lindqvist"]),  # ... and the page's own byline instead
        ("Written By", ["Mara Lindqvist"]),  # a cue without its names
        ("Mara Lindqvist; September", ["Mara Lindqvist"]),  # a date's month
    ],
)
def test_a_markup_author_field_names_only_somebody(meta: str, authors: list[str]) -> None:
    page = ARTICLE.replace('content="Mara Lindqvist"', f'content="{meta}"')
    assert clean(html_page(page), Options()).authors == authors


def test_a_signature_naming_a_job_or_an_outlet_alone_is_no_author() -> None:
    from storytrace.clean.metadata import credited

    assert credited([], ["Podium Staff", "News Desk"]) == ["Podium Staff", "News Desk"]
    assert credited([], ["Senior Editor", "The Independent"]) == []
    assert credited(["Ann Lee"], ["The X news desk"]) == ["Ann Lee"]


def test_a_brand_or_a_user_name_names_somebody_a_placeholder_nobody() -> None:
    from storytrace.clean.metadata import names_nobody

    assert not any(map(names_nobody, ["Swoogo", "aawoods", "August", "Theresa May"]))
    assert all(map(names_nobody, ["©", "Undefined", "n/a", "October", "Written by:"]))


def test_the_byline_and_date_over_the_story_are_metadata_not_boilerplate() -> None:
    """Regression: with the author and time in the markup, the visible "By ..." line and
    the date line over the story were removed as "boilerplate"; a date in a list of other
    stories below it stays chrome."""
    paras = "".join(
        f"<p>The harbour council met on Tuesday to discuss item {n} of the sea wall plan, "
        "which engineers say must be finished before the autumn storms arrive.</p>"
        for n in range(1, 6)
    )
    body = (
        "<article><h1>Council backs sea wall plan</h1><div class='byline'>By Mara Lindqvist"
        "</div><time datetime='2025-03-07T09:10:00+01:00'>March 7, 2025 9:10 AM</time>"
        f"<div class='story-body'>{paras}</div></article>"
        "<div class='more'><p>Ferry timetable changes for spring</p><p>March 3, 2025</p></div>"
    )
    head = '<meta name="author" content="Mara Lindqvist"><title>Council backs sea wall</title>'
    art = clean(_page(head, body), Options())
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons.get("By Mara Lindqvist") == "byline", reasons
    assert reasons.get("March 7, 2025 9:10 AM") == "dateline", reasons
    assert reasons.get("March 3, 2025") not in ("dateline", None), reasons


def test_page_meta_url_wins_for_the_domain() -> None:
    art = clean(html_page(ARTICLE, url="https://mirror.example.org/x"), Options())
    assert art.domain == "mirror.example.org"


def test_date_only_in_text_gets_the_default_timezone() -> None:
    page = ARTICLE.replace('<meta property="article:published_time"', '<meta name="x"')
    page = page.replace('<time datetime="2024-03-05T14:30:00+01:00">5 March 2024</time>', "")
    page = page.replace('<p class="byline">', '<p class="date">March 5, 2024</p><p class="byline">')
    art = clean(html_page(page), Options(default_timezone="America/New_York"))
    assert art.published is not None
    assert art.published.date() == date(2024, 3, 5)
    assert art.published.tzinfo is not None
    assert art.published.utcoffset() == timedelta(hours=-5)


def test_truncated_html_keeps_what_arrived() -> None:
    cut = ARTICLE.index("Local shops") + 20  # mid-paragraph, no closing tags at all
    art = clean(html_page(ARTICLE[:cut]), Options())
    assert "corroded cables" in art.body
    assert "SCRIPTBODYMARKER" not in art.body


@pytest.mark.parametrize(
    "text",
    [
        "<html></html>",
        "",
        "   \n",
        "<html><body></body></html>",
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li>"
        "<li><a href='/s'>Sport</a></li></ul></nav><footer>Contact us</footer></body></html>",
        "<html><body><script>var a = 'only a script here, nothing to read';</script></body></html>",
    ],
)
def test_no_article_names_the_source(text: str) -> None:
    with pytest.raises(NoArticle, match="empty-page"):
        clean(html_page(text, source="empty-page.html"), Options())


def test_deeply_nested_divs_do_not_crash() -> None:
    depth = 100_000
    words = "The nested paragraph still holds the whole story of the flooded valley road."
    text = "<html><body>" + "<div>" * depth + f"<p>{words} {words} {words}</p>"
    text += "</div>" * depth + "</body></html>"
    art = clean(html_page(text, source="deep.html"), Options())
    assert "flooded valley road" in art.body


def test_script_content_never_in_body() -> None:
    text = (
        "<html><body><article><h1>Ferry timetable changes announced</h1>"
        + "".join(
            f"<p>Paragraph {i} tells readers how the new ferry timetable affects the morning "
            f"commute across the bay.<script>var leak{i} = 'SCRIPTLEAK';</script> It ends here.</p>"
            for i in range(5)
        )
        + "<noscript>NOSCRIPTLEAK</noscript></article></body></html>"
    )
    art = clean(html_page(text), Options())
    assert "ferry timetable" in art.body
    assert "SCRIPTLEAK" not in art.body
    assert "NOSCRIPTLEAK" not in art.body


# ----------------------------------------------------------------- benchmark metrics


def test_body_prf_counts_tokens() -> None:
    p, r, f1 = body_prf("the cat sat on the mat today", "The cat sat on the mat")
    assert p == pytest.approx(6 / 7)
    assert r == pytest.approx(1.0)
    assert f1 == pytest.approx(2 * (6 / 7) / (6 / 7 + 1))
    assert body_prf("", "some gold text") == (0.0, 0.0, 0.0)
    assert body_prf("nothing shared", "some gold text") == (0.0, 0.0, 0.0)


def test_body_prf_latin1_view_matches_the_l3s_gold() -> None:
    # The L3S tool wrote every character above U+00FF as '?': both sides are mapped.
    assert body_prf("Łódź council", "?ód? council", latin1_only=True)[2] == 1.0
    assert body_prf("Łódź council", "?ód? council")[2] == pytest.approx(0.5)


def test_headline_match_normalises_case_space_and_quotes() -> None:
    assert headline_match("  Bridge  ‘reopens’ today ", "bridge 'reopens' today")
    assert not headline_match("Bridge reopens today - Gazette", "Bridge reopens today")
    assert not headline_match(None, "Bridge reopens today")


def test_author_and_date_match() -> None:
    assert author_match(["Mara Lindqvist"], "By Mara Lindqvist")
    assert author_match(["Mara Lindqvist", "Jon Ek"], "Jon Ek and Mara Lindqvist")
    assert not author_match(["Mara Lindqvist"], "Jon Ek and Mara Lindqvist")
    assert not author_match([], "Mara Lindqvist")
    # A gold author of role words alone is matched by those words, not by anybody.
    assert author_match(["Staff"], "Staff")
    assert not author_match(["Mara Lindqvist"], "Staff")
    assert not author_match([], "Staff")
    assert date_match(datetime.fromisoformat("2024-03-05T23:30:00-05:00"), date(2024, 3, 5))
    assert not date_match(datetime.fromisoformat("2024-03-06T00:10:00"), date(2024, 3, 5))
    assert not date_match(None, date(2024, 3, 5))


def test_authors_named_where_the_gold_names_none_are_counted() -> None:
    # `author` scores only pages with a gold author; a byline made up on a page without one
    # ("Select Page") shows in `author_false`, and a data set marking no author has none.
    def scored(gold_author: str | None, authors: list[str]) -> PageScore:
        gold = GoldPage("wcxb", "1", None, "", "", author=gold_author)
        return score_page(gold, Prediction(authors=authors))

    signed = scored("Mara Lindqvist", ["Mara Lindqvist"])
    run = summarise([signed, scored(None, ["Select Page"]), scored("", [])])
    assert (run["author"], run["author_false"], run["author_false_n"]) == (1.0, 0.5, 2)
    assert "author_false" not in summarise([scored(None, ["Mara Lindqvist"])])


def test_fetched_after_gives_a_dated_gold_page_a_fetch_time(monkeypatch) -> None:
    # --fetched-after: relative dates ("Published 6 hours ago") count, against a fetch time
    # that many hours after the gold's publication day began; an undated page gets none.
    text = "Harbour bridge reopens\n\nPublished 6 hours ago\n\n" + "The bridge reopened. " * 20
    dated = GoldPage("wcxb", "1", None, "", "", published=date(2025, 12, 20))
    undated = GoldPage("wcxb", "2", None, "", "")
    assert gold_page(dated, text, "text/plain").fetched_at is None
    monkeypatch.setitem(FETCHED, "after", 30)
    page = gold_page(dated, text, "text/plain")
    assert page.fetched_at == datetime.fromisoformat("2025-12-21T06:00:00+00:00")
    assert gold_page(undated, text, "text/plain").fetched_at is None
    assert clean(page, Options()).published.date() == date(2025, 12, 21)


def test_floors_raise_only_and_name_the_worst_page(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text('{"other": {"keep": 1}}')
    per_page = [
        {"id": "good", "f1": 0.9, "headline": True},
        {"id": "bad", "f1": 0.1, "headline": False, "title": "x", "gold_title": "y"},
    ]
    run = {"l3s-gn1": {"systems": {"storytrace-html": {"body_f1": 0.5, "per_page": per_page}}}}
    update_floors(run, allow_lower=False, path=floors)
    assert check_floors(run, path=floors) == []
    worse = {"l3s-gn1": {"systems": {"storytrace-html": {"body_f1": 0.3, "per_page": per_page}}}}
    update_floors(worse, allow_lower=False, path=floors)  # must not lower
    failures = check_floors(worse, path=floors)
    assert len(failures) == 1
    assert "l3s-gn1/storytrace-html/body_f1" in failures[0]
    assert "bad" in failures[0]
    assert '"keep": 1' in floors.read_text()
    update_floors(worse, allow_lower=True, path=floors)
    assert check_floors(worse, path=floors) == []


# --------------------------------------------------------------------------- headline and date


def _page(head: str, body: str) -> Page:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return Page.from_bytes("page.html", html.encode(), "text/html", text=html)


PROSE = (
    "<p>The harbour bridge reopened to traffic on Tuesday morning after eight months of "
    "repairs to its deck and cables, the city council said in a statement.</p>"
    "<p>Engineers found corrosion in three of the main cables last spring, and the council "
    "closed the bridge to all traffic while the cables were replaced one by one.</p>"
)


def test_a_headline_opening_with_its_date_is_read_without_it() -> None:
    page = _page(
        "<title>Harbour bridge reopens after repairs - News - Coastal Gazette</title>",
        f"<h1>Wednesday, 09 January 2008 Harbour bridge reopens after repairs</h1>{PROSE}",
    )
    assert clean(page, Options()).headline == "Harbour bridge reopens after repairs"


def test_a_title_that_only_names_the_site_gives_way_to_the_line_above_the_body() -> None:
    page = _page(
        "<title>Winnipeg Free Press</title>"
        '<link rel="canonical" href="https://www.winnipegfreepress.example/story">',
        "<div>Winnipeg Free Press Live</div><div>Send us your pet pix!</div>"
        f"<div>Council reopens the harbour bridge</div>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


@pytest.mark.parametrize(
    ("title", "address"),
    [
        ("The Harbour Courier", "https://www.harbourcourier.example/story"),
        ("The Harbour News Update Service", "https://www.harbour.example/story"),
    ],
)
def test_a_title_naming_the_site_after_the_gives_way_to_the_line_above_the_body(
    title: str, address: str
) -> None:
    page = _page(
        f'<title>{title}</title><link rel="canonical" href="{address}">',
        # The masthead shows the site's name as the page's title gives it.
        f"<div>{title}</div><div>Menu</div><div>Council reopens the harbour bridge</div>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


@pytest.mark.parametrize(
    "headline", ["'No exceptions' to the bridge closure", "11 cables replaced on harbour bridge"]
)
def test_a_headline_opening_on_a_quote_or_a_number_is_read_over_the_sites_name(
    headline: str,
) -> None:
    # trafilatura takes the site's name for the page's title: it is no headline either.
    page = _page(
        '<title>Harbour TV</title><link rel="canonical" href="https://harbourtv.example/s">',
        f"<div>Menu</div><div>{headline}</div>{PROSE}",
    )
    assert clean(page, Options()).headline == headline


def test_a_heading_printed_with_the_sites_name_after_it_is_the_headline_without_it() -> None:
    page = _page(
        "<title>Council reopens the harbour bridge — Harbour Courier</title>"
        '<link rel="canonical" href="https://www.harbourcourier.example/story">',
        f"<h1>Council reopens the harbour bridge — Harbour Courier</h1>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_a_heading_for_screen_readers_over_the_menu_is_no_headline() -> None:
    page = _page(
        "<title>harbour.example Navigation</title>",
        "<h2>harbour.example Navigation</h2><div>Home</div><div>News</div>"
        f"<div>Council reopens the harbour bridge</div><div>Video extract</div>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_a_relative_date_over_the_body_is_no_headline() -> None:
    page = _page("", f"<div>Menu</div><div>Bridge reopens</div><div>2 days ago</div>{PROSE}")
    assert clean(page, Options()).headline == "Bridge reopens"


def test_a_photo_credit_or_a_bylines_role_is_no_headline() -> None:
    page = _page(
        "",
        "<div>Council reopens the harbour bridge</div><div>Kenneth Perez © Reuters</div>"
        f"<div>MARK SMITH, Deputy Business Editor</div>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_the_header_dateline_beats_machine_dates_that_contradict_it() -> None:
    page = _page(
        '<meta property="article:published_time" content="2015-04-06T10:00:00Z">',
        f"<h1>Harbour bridge reopens after repairs</h1><p>Published August 13, 2025</p>{PROSE}",
    )
    assert clean(page, Options()).published.date() == date(2025, 8, 13)


def test_an_update_line_in_the_header_does_not_replace_the_publication_date() -> None:
    page = _page(
        '<meta property="article:published_time" content="2015-04-06T10:00:00Z">',
        f"<h1>Harbour bridge reopens after repairs</h1><p>Updated June 16, 2025</p>{PROSE}",
    )
    published = clean(page, Options()).published
    assert published == datetime.fromisoformat("2015-04-06T10:00:00+00:00")


_LD_UPDATED = (
    '<script type="application/ld+json">{"@type": "Article", '
    '"datePublished": "2023-07-22T03:47:21+00:00", "dateModified": "2024-09-05T10:00:09Z"}'
    "</script>"
)
_OG_PUBLISHED = '<meta property="article:published_time" content="2023-07-22T03:47:21Z">'


def test_a_page_showing_only_its_update_is_dated_by_it_unless_open_graph_declares_one() -> None:
    header = "<h1>Harbour bridge reopens after repairs</h1><p>Updated Sep 5, 2024</p>"
    shown = clean(_page(_LD_UPDATED, header + PROSE), Options()).published
    assert shown.date() == date(2024, 9, 5)
    declared = clean(_page(_LD_UPDATED + _OG_PUBLISHED, header + PROSE), Options()).published
    assert declared.date() == date(2023, 7, 22)


def test_an_unlabelled_header_date_that_is_the_markups_modification_counts_without_open_graph(
) -> None:
    header = "<h1>Harbour bridge reopens after repairs</h1><p>September 5, 2024</p>"
    shown = clean(_page(_LD_UPDATED, header + PROSE), Options()).published
    assert shown.date() == date(2024, 9, 5)
    declared = clean(_page(_LD_UPDATED + _OG_PUBLISHED, header + PROSE), Options()).published
    assert declared.date() == date(2023, 7, 22)


def test_without_open_graph_an_update_line_yields_to_the_headers_other_dateline() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    markup = _when(2025, 1, 20, 9, 0)
    header = ["January 20th, 2025 by Ann Lee", "Last updated: August 25, 2025"]
    chosen = choose_published(markup, markup, [], zone("UTC"), header=header, declared=False)
    assert chosen == markup
    update = choose_published(markup, markup, [], zone("UTC"), header=header[1:], declared=False)
    assert update is not None and update[0].date() == date(2025, 8, 25)


def test_declares_published_reads_the_open_graph_publication_time() -> None:
    import lxml.html

    from storytrace.clean.html_meta import declares_published

    def tree(head: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")

    assert declares_published(tree(_OG_PUBLISHED))
    assert not declares_published(tree(_LD_UPDATED))
    assert not declares_published(tree('<meta property="article:published_time" content=" ">'))


def test_when_machine_dates_disagree_the_one_written_on_the_page_wins() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    utc = zone("UTC")
    htmldate = (datetime(2024, 10, 12, tzinfo=utc), "day")
    markup = (datetime(2024, 9, 10, 8, 0, tzinfo=utc), "minute")
    texts = ["Harbour bridge reopens", "10 September 2024", "a long paragraph " * 20]
    assert choose_published(htmldate, markup, texts, utc) == markup
    assert choose_published(htmldate, markup, ["nothing dated"], utc) == htmldate
    same_day = (datetime(2024, 9, 10, tzinfo=utc), "day")
    assert choose_published(same_day, markup, [], utc) == markup  # the markup's time of day


def test_with_nothing_else_a_short_line_right_above_the_body_is_the_headline() -> None:
    page = _page("", f"<div>Menu</div><p>Mirror, Mirror</p>{PROSE}")
    assert clean(page, Options()).headline == "Mirror, Mirror"


def test_a_title_sharing_no_word_with_the_story_is_the_sites_and_not_the_headline() -> None:
    page = _page(
        "<title>Valley Gazette for Elmwood, Ashby and Corran County - Arts</title>",
        "<div>Valley Gazette for Elmwood, Ashby and Corran County</div><div>Menu</div>"
        f"<div>Council reopens the harbour bridge</div>{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_the_text_beside_a_picture_is_its_caption_and_not_the_headline() -> None:
    page = _page(
        "",
        "<div>Council reopens the harbour bridge</div>"
        '<table><tr><td><img src="bridge.jpg" alt="">'
        "<div>The mayor and engineers walk across the span</div></td></tr></table>"
        f"{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_a_repeat_of_a_pictures_alt_text_is_its_caption_and_not_the_headline() -> None:
    page = _page(
        "",
        "<div>Council reopens the harbour bridge</div>"
        '<div><img src="bridge.jpg" alt="The mayor and engineers walk across the span"></div>'
        "<div>The mayor and engineers walk across the span</div>"
        f"{PROSE}",
    )
    assert clean(page, Options()).headline == "Council reopens the harbour bridge"


def test_a_headline_inside_a_footer_class_wrapping_the_story_is_still_the_headline() -> None:
    page = _page(
        "<title>Harbour bridge reopens after repairs - The Coastal Gazette</title>",
        "<ul class='header'><li>Life and Style Travel News</li></ul>"
        f"<div class='footer'><h1>Harbour bridge reopens after repairs</h1>{PROSE}</div>",
    )
    assert clean(page, Options()).headline == "Harbour bridge reopens after repairs"


def test_a_title_holding_headline_and_standfirst_matches_the_headline_heading() -> None:
    page = _page(
        "<title>Harbour Bridge Reopens After Repairs , Council Says Cables Were Replaced "
        "One By One Over Eight Months Of Work</title>",
        "<h1>Harbour Bridge Reopens After Repairs</h1>"
        "<h2>Council Says Cables Were Replaced One By One Over Eight Months Of Work</h2>"
        f"{PROSE}",
    )
    assert clean(page, Options()).headline == "Harbour Bridge Reopens After Repairs"


def test_a_title_sharing_no_word_with_the_story_is_still_used_when_nothing_else_is_found() -> None:
    page = _page("<title>Lantern Festival Programme - Gazette</title>", PROSE)
    assert clean(page, Options()).headline == "Lantern Festival Programme"



def _when(*args: int) -> tuple[datetime, str]:
    from storytrace.clean.metadata import zone

    return datetime(*args, tzinfo=zone("UTC")), "day" if len(args) == 3 else "minute"


_FOOTER = "<footer><p>© 2025 Coastal Gazette Ltd. All rights reserved.</p></footer>"


def test_a_page_dated_only_by_its_copyright_year_has_no_publication_date() -> None:
    # htmldate reads the footer's year as 1 January 2025; a fact-checker would see the
    # page head its story's timeline as the first report of the year.
    page = _page(
        "<title>Harbour bridge reopens after repairs</title>",
        f"<article><h1>Harbour bridge reopens after repairs</h1>{PROSE}</article>{_FOOTER}",
    )
    art = clean(page, Options())
    assert art.published is None
    assert art.published_precision is None


def test_a_story_the_page_dates_1_january_keeps_its_date() -> None:
    page = _page(
        "<title>Harbour bridge reopens after repairs</title>",
        '<article><h1>Harbour bridge reopens after repairs</h1><p class="date">1 January 2025'
        f"</p>{PROSE}</article>{_FOOTER}",
    )
    assert clean(page, Options()).published == datetime(2025, 1, 1, tzinfo=UTC)


def test_htmldate_reading_the_markups_date_with_day_and_month_swapped_loses() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    markup = _when(2024, 9, 10, 8, 0)
    assert choose_published(_when(2024, 10, 9), markup, ["nothing dated"], zone("UTC")) == markup


def test_a_machine_date_that_is_one_reading_of_an_ambiguous_dateline_is_taken() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    markup = _when(2023, 10, 3, 9, 30)
    chosen = choose_published(None, markup, [], zone("UTC"), header=["03/10/2023"])
    assert chosen == markup


def test_a_header_date_that_the_markup_calls_the_last_modification_is_no_publication() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    markup = _when(2025, 11, 17, 12, 53)
    chosen = choose_published(
        markup, markup, [], zone("UTC"), header=["Nov 20, 2025"], modified={date(2025, 11, 20)}
    )
    assert chosen == markup
    # Without the markup's word on it, the date the reader sees wins.
    written = choose_published(markup, markup, [], zone("UTC"), header=["Nov 20, 2025"])
    assert written is not None and written[0].date() == date(2025, 11, 20)


def test_htmldate_taking_the_last_modification_loses_to_the_markups_publication() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    markup, htmldate = _when(2023, 5, 18, 4, 39), _when(2024, 2, 26)
    chosen = choose_published(htmldate, markup, [], zone("UTC"), modified={date(2024, 2, 26)})
    assert chosen == markup


def test_a_change_log_entry_at_the_top_of_the_body_is_no_dateline() -> None:
    page = _page(
        '<meta property="article:published_time" content="2021-01-18T19:55:00+01:00">',
        "<h1>Choosing tools for a small archive</h1>"
        "<p>The archive began as a folder of notes, and the tools that keep it have changed "
        "three times since then, each time for reasons worth writing down.</p>"
        "<ul><li>2021-08-09 Added a section on the tools we decided against</li></ul>"
        f"{PROSE}",
    )
    assert clean(page, Options()).published.date() == date(2021, 1, 18)


def test_the_markups_modified_days_are_read_from_meta_tags_and_json_ld() -> None:
    import lxml.html

    from storytrace.clean.html_meta import modified_days
    from storytrace.clean.metadata import zone

    tree = lxml.html.fromstring(
        '<html><head><meta property="article:modified_time" content="2025-11-20T08:00:00Z">'
        '<script type="application/ld+json">{"@graph": [{"dateModified": "2025-12-01"}]}'
        "</script></head><body><p>x</p></body></html>"
    )
    assert modified_days(tree, zone("UTC")) == {date(2025, 11, 20), date(2025, 12, 1)}


MORE_PROSE = (
    "<p>The repairs came in over budget, and the council is now asking the region to share "
    "the cost of the work with the city.</p>"
    "<p>Ferry services that carried commuters during the closure will return to their "
    "normal timetable next week, the operator said.</p>"
)
OLD_MARKUP = '<meta property="article:published_time" content="2015-04-06T10:00:00Z">'


def test_a_date_labelled_published_below_the_article_beats_the_markups() -> None:
    page = _page(
        OLD_MARKUP,
        f"<h1>Harbour bridge reopens after repairs</h1>{PROSE}{MORE_PROSE}"
        '<div class="meta">Published <time>August 13, 2025</time></div>',
    )
    assert clean(page, Options()).published.date() == date(2025, 8, 13)


def test_an_original_publication_date_beats_the_dateline_of_the_last_revision() -> None:
    page = _page(
        OLD_MARKUP,
        f"<h1>Harbour bridge reopens after repairs</h1><p>30 Sep 2022, 11:07am</p>{PROSE}"
        "<p>This guide was originally published on 26 Sep 2019 at 4:12pm and has been "
        "revised since.</p>",
    )
    assert clean(page, Options()).published.date() == date(2019, 9, 26)


def test_a_published_line_quoted_inside_the_story_is_not_the_pages_date() -> None:
    page = _page(
        '<meta property="article:published_time" content="2025-12-20T09:00:00Z">',
        f"<h1>Harbour bridge reopens after repairs</h1>{PROSE}"
        "<p>A report from the spring, when the work began, put the council's case:</p>"
        "<p>The council will close the bridge for repairs, its engineers told members.</p>"
        "<p>Published on May 02, 2024 07:44 PM</p>"
        "<p>The repairs came in over budget, and the council is now asking the region to share "
        "the cost of the work with the city.</p>",
    )
    assert clean(page, Options()).published.date() == date(2025, 12, 20)


def test_published_labels_naming_several_days_belong_to_other_stories() -> None:
    from storytrace.clean.metadata import labelled_published, zone

    utc = zone("UTC")
    one = [("Published March 3, 2024", None), ("Harbour bridge reopens", None)]
    assert labelled_published(one, utc)[0].date() == date(2024, 3, 3)
    listed = [*one, ("Published March 9, 2024", None)]
    assert labelled_published(listed, utc) is None
    assert labelled_published([("Published March 9, 2024", "related links")], utc) is None


def test_a_markup_time_stamp_past_midnight_utc_agrees_with_the_dateline_of_the_day_before() -> (
    None
):
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    utc = zone("UTC")
    markup = _when(2021, 12, 10, 2, 17)
    chosen = choose_published(_when(2021, 12, 10), markup, [], utc, header=["December 9, 2021"])
    assert chosen == markup
    # Two days apart is no time zone: the dateline wins.
    far = choose_published(_when(2021, 12, 11), _when(2021, 12, 11, 2, 17), [], utc,
                           header=["December 9, 2021"])
    assert far is not None and far[0].date() == date(2021, 12, 9)
    # A labelled day and a stamp of the evening before, in UTC, are one moment too.
    evening = _when(2025, 12, 2, 23, 0)
    labelled = (datetime(2025, 12, 3, tzinfo=utc), "day")
    assert choose_published(None, evening, [], utc, labelled=labelled) == evening


def test_datelines_of_several_days_above_the_story_yield_to_agreeing_machine_dates() -> None:
    from storytrace.clean.html_meta import choose_published
    from storytrace.clean.metadata import zone

    utc = zone("UTC")
    markup = _when(2025, 1, 16, 0, 0)
    header = ["Ann Lee | June 5, 2025", "Other story", "Bo Chan | June 2, 2025"]
    assert choose_published(_when(2025, 1, 16), markup, [], utc, header=header) == markup
    one = choose_published(_when(2025, 1, 16), markup, [], utc, header=header[:1])
    assert one is not None and one[0].date() == date(2025, 6, 5)


def test_a_dateline_four_lines_into_the_body_under_its_standfirst_is_found() -> None:
    page = _page(
        OLD_MARKUP,
        "<h1>Harbour bridge reopens after repairs</h1>"
        "<p>Here is what the eight months of work on the harbour bridge cost the city and "
        "what the council learned from it.</p>"
        "<div>Mara Lindqvist</div><div>7 min read</div><div>Dec 30, 2013</div>"
        f"{PROSE}",
    )
    assert clean(page, Options()).published.date() == date(2013, 12, 30)
