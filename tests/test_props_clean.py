"""Hostile pages never break the cleaner, and cleaning a cleaned body changes nothing.

Text pages are built line by line from what pages hold (prose, menus, bylines,
datelines, captions, headings, bullets, feed times, page-long lines) and from
arbitrary text (control characters, other scripts, lone surrogates' neighbours);
HTML pages from arbitrarily nested tags. Properties:

- the cleaner returns an Article or raises NoArticle / InputError, nothing else;
- the Article holds together: non-empty one-line paragraphs, `body` their join,
  every removed line a line of the page, with its number;
- cleaning is idempotent: the cleaned body, cleaned again as a text page, keeps
  exactly the same paragraphs.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from storytrace.clean import clean
from storytrace.model import Article, InputError, NoArticle, Options, Page

OPTIONS = Options()
SUBJECTS = ["The council", "Mayor Jonah Whitcombe", "The union", "A spokesperson", "Officials"]
VERBS = ["said on Monday that", "told reporters that", "announced that", "warned that"]
CLAUSES = [
    "the bridge would stay closed until the inspection report was published",
    "repairs to the harbour wall would cost far more than planned last year",
    "talks with the terminal operator had broken down again overnight",
    "about 1,900 workers would return to work on Thursday morning",
]
CHROME = [
    "Subscribe to our newsletter",
    "Advertisement",
    "Share",
    "Menu",
    "Sign in",
    "Read more",
    "© 2025 The Harbor Ledger. All rights reserved.",
    "Accept cookies",
    "Skip to content",
    "Related articles",
    "Most read",
    "10:32",
    "Listen to this article, 3 minutes",
]
META = [
    "Council approves bridge repairs",
    "By Anna Varga",
    "By Anna Varga and Jonas Pereira, The Harbor Ledger",
    "March 4, 2025",
    "Updated 4 March 2025 10:32 GMT",
    "A ship waits off the port on Tuesday (Photo: Reuters)",
    "Image caption, Ships at anchor",
    "# Port strike: what we know",
    "**Bold subheading here**",
    "- a bullet point about the strike",
    "• another bullet",
    "Teaser headline about something else...",
]

sentences = st.builds(
    lambda s, v, c: f"{s} {v} {c}.",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(CLAUSES),
)
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
odd_text = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"), max_size=80
)
lines = st.one_of(
    paragraphs,
    paragraphs,
    st.sampled_from(CHROME),
    st.sampled_from(META),
    odd_text,
    st.just(""),
    st.just("   \t "),
    paragraphs.map(lambda p: p * 40),  # a page run into one line
    st.builds(lambda p, c: f"{p}{c}", paragraphs, st.sampled_from(["\x0b", "\x0c", "\u2028"])),
)
text_pages = st.lists(lines, max_size=40).map("\n".join)

TAGS = ["div", "p", "span", "article", "section", "li", "ul", "b", "a", "h1", "table", "td", "x"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["", "<!doctype html>", "<html><body>", "<title>t"]))]
    depth: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            tag = draw(st.sampled_from(TAGS))
            depth.append(tag)
            parts.append(f"<{tag} class='{draw(st.sampled_from(['nav', 'body', 'ad', '']))}'>")
        elif choice == 1 and depth:
            parts.append(f"</{depth.pop()}>")
        elif choice == 2:
            parts.append(draw(paragraphs))
        elif choice == 3:
            parts.append(draw(st.sampled_from(CHROME + META)))
        else:
            parts.append(draw(odd_text).replace("<", "&lt;"))
    if draw(st.booleans()):
        parts.extend(f"</{tag}>" for tag in reversed(depth))
    return "".join(parts)


def text_page(text: str, source: str = "page.txt") -> Page:
    return Page.from_bytes(source, text.encode("utf-8", "surrogatepass"), "text/plain", text=text)


def clean_or_refuse(page: Page) -> Article | None:
    """The article, or None when the cleaner refused the page as it should: never a crash."""
    try:
        return clean(page, OPTIONS)
    except (NoArticle, InputError) as exc:
        assert page.source in str(exc), f"the error does not name the input: {exc}"
        return None


def as_read(line: str) -> str:
    """A Markdown line as the cleaner reads it, near enough to compare: backslash escapes
    of ASCII punctuation undone (only those: "\\0" stays), emphasis marks dropped."""
    line = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line)
    return " ".join(line.replace("*", "").replace("_", "").split())


def check_article(article: Article, page: Page) -> None:
    assert article.paragraphs, "an article without paragraphs"
    for paragraph in article.paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph
    assert article.body == "\n\n".join(article.paragraphs)
    assert len(article.body.split("\n\n")) == len(article.paragraphs)
    page_lines = page.text.splitlines()
    for removed in article.removed:
        assert removed.text.strip(), "a blank line listed as removed"
        if removed.line is not None:
            assert 1 <= removed.line <= len(page_lines)
            # A Markdown page's lines are read first, so "Sign up\!" is removed as "Sign up!".
            line = page_lines[removed.line - 1]
            said = " ".join(removed.text.split())
            assert said in " ".join(line.split()) or as_read(said) in as_read(line)


SHORT_LINE_OVER_THE_LEDE = "\n".join(
    [
        "# Port strike: what we know",
        "By Anna Varga",
        "The council said on Monday that the bridge would stay closed until the inspection "
        "report was published.",
        "Advertisement",
        "Council approves bridge repairs",
        " ".join(["The council said on Monday that the bridge would stay closed until the "
                  "inspection report was published."] * 3),
    ]
)
"""The h1 wins; the body keeps a short line right over its lede under one sentence, and
cleaning that body again must not take the line for a headline over the lede (it did, with
the sentence for a caption)."""
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=text_pages)
@example(text="\x00" * 100)
@example(text="\n" * 10_000)
@example(text="Menu\n" * 500)
@example(  # a Markdown page's escaped chrome, removed as it reads (found by this test)
    text="Sign up\\!\n"
    "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published, and that repairs would cost far more than planned by the "
    "**city**.\nThe union said on Tuesday that about 1,900 workers would return to work on "
    "Thursday morning, and that talks with the operator would resume next week.\n"
    "Share on Twitter\\.\n"
)
@example(  # a backslash before a digit is no escape; emphasis marks go (found by this test)
    text="The council said on Monday that the bridge would stay closed until the inspection "
    "report was published. The council said on Monday that the bridge would stay closed "
    "until the inspection report was published.\n\\0\\.\n_0_ is all"
)
def test_text_pages_give_an_article_or_a_clear_refusal(text: str) -> None:
    page = text_page(text)
    article = clean_or_refuse(page)
    if article is not None:
        check_article(article, page)


# Converters' Markdown: list markers and emphasis stacked at a line's start ("* *Click",
# "**READ MORE:**", "* * *", "### ## Heading") lost one marker per cleaning (regression:
# 15.8% of converted real pages changed when cleaned again, nearly all html2text's).
STACKED = (
    "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published, and that repairs would cost far more than planned.\n"
    "* *Click to auto scroll by section\n"
    "**RELATED READING:**Answering the questions readers ask most\n"
    "* * *\n"
    "### ## IRWIN long nose pliers\n"
    "- - a bullet inside a bullet\n"
    "The union said on Tuesday that about 1,900 workers would return to work on Thursday "
    "morning, and that talks with the terminal operator would resume next week."
)


# The body's first line taken for a headline on the second cleaning (regressions found by
# this test): a teaser that trails off, and a title over a body too short to lose it.
SHORT_BODY = (
    "Council approves bridge repairs\n"
    "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published."
)
TEASER_FIRST = (
    "Council approves bridge repairs\nTeaser headline about something else...\n"
    + "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published. " * 2
).strip()

# A line that wrapped from a byline was counted by another tokenizer once the byline was
# removed ("a:A" two words under the byline, one on its own): kept, then dropped.
WRAPPED_UNDER_BYLINE = (
    "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published.\nBy Anna Varga and Jonas Pereira, The Harbor Ledger\na:A\n"
    + "The council said on Monday that the bridge would stay closed until the inspection "
    "report was published. " * 2
).strip()

# A run at the minimum word count only by its byline's words (found by this test): the
# cleaned body fell under it and was no article on the second cleaning.
AT_MINIMUM_BY_ITS_BYLINE = "Teaser headline about something else...\nBy Anna Varga\n" + (
    SHORT_BODY.split("\n")[1]
)

# A heading under the headline and byline the body's first lines gave (what stood above
# the headline went): left in the body, it was the headline of the body cleaned again.
HEADING_UNDER_A_BODY_HEADLINE = "\n".join(
    [
        "The council said on Monday that the bridge would stay closed until the inspection "
        "report was published.",
        "Council approves bridge repairs",
        "By Anna Varga",
        "# Port strike: what we know",
        "Mayor Jonah Whitcombe told reporters that repairs to the harbour wall would cost far "
        "more than planned last year. The council said on Monday that the bridge would stay "
        "closed until the inspection report was published.",
    ]
)


# A short line between the header taken from the body's first lines and the prose: left in
# the body, cleaning the body again dropped it (a list item) or found no article (a row of
# figures over a one-sentence body).
LIST_ITEM_UNDER_THE_BYLINE = "\n".join(
    [
        "The council said on Monday that the bridge would stay closed until the inspection "
        "report was published.",
        "Council approves bridge repairs",
        "By Anna Varga",
        "- a bullet point about the strike",
        " ".join(["The council said on Monday that the bridge would stay closed until the "
                  "inspection report was published."] * 2),
    ]
)  # fmt: skip
FIGURES_UNDER_THE_BYLINE = "\n".join(
    [
        " ".join(["The council said on Monday that the bridge would stay closed until the "
                  "inspection report was published."] * 2),
        "Council approves bridge repairs",
        "By Anna Varga",
        "0 0 0 0 0 0 0 0",
        "The council said on Monday that the bridge would stay closed until the inspection "
        "report was published.",
    ]
)  # fmt: skip


@SETTINGS
@given(text=text_pages)
@example(text=LIST_ITEM_UNDER_THE_BYLINE)
@example(text=FIGURES_UNDER_THE_BYLINE)
@example(text=STACKED)
@example(text="Teaser headline about something else...\n" + SHORT_BODY)
@example(text=TEASER_FIRST)
@example(text=WRAPPED_UNDER_BYLINE)
@example(text=AT_MINIMUM_BY_ITS_BYLINE)
@example(text=SHORT_LINE_OVER_THE_LEDE)
@example(text=HEADING_UNDER_A_BODY_HEADLINE)
def test_cleaning_the_cleaned_body_again_keeps_the_same_paragraphs(text: str) -> None:
    article = clean_or_refuse(text_page(text))
    assume(article is not None)
    again = clean_or_refuse(text_page(article.body, "again.txt"))
    assert again is not None, "the cleaned body is no longer an article"
    assert again.paragraphs == article.paragraphs


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=html_pages())
@example(html="<div>" * 5000)
@example(html="<html><body>" + "<li>" * 3000 + "text")
# regression: the page's one line was its headline, so the Article had no paragraphs
@example(
    html="<div class='nav'><h1 class='nav'>"
    + "Subscribe to our newsletter" * 4
    + "The council said on Monday that the bridge would stay closed until the inspection"
    " report was published."
)
def test_html_pages_give_an_article_or_a_clear_refusal(html: str) -> None:
    page = Page.from_bytes("page.html", html.encode(), "text/html", text=html)
    article = clean_or_refuse(page)
    if article is not None:
        assert article.paragraphs and article.body == "\n\n".join(article.paragraphs)
        assert all(p.strip() for p in article.paragraphs)
