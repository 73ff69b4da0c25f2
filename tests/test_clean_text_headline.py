"""The text cleaner's headline: what a header line shares with the rest of the page."""

from __future__ import annotations

import textwrap

import pytest

from storytrace.clean import clean
from storytrace.clean.text_headline import (
    address_words,
    bold_lead,
    gap_cells,
    glued_texts,
    headline_context,
    headline_evidence,
    headline_features,
    headline_texts,
    host_key,
    is_credit,
    is_plain_credit,
    site_cuts,
    tools_cut,
)
from storytrace.model import Options, Page

LEDE = (
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs "
    "to its deck and cables, the city council said in a statement on Monday evening.\n\n"
    "Engineers found corrosion in three of the main cables last spring, and the council "
    "closed the bridge to all traffic while the cables were replaced one by one.\n\n"
    "Ferry services that carried commuters across the harbour during the closure will return "
    "to their winter timetable next week, the council said.\n"
)


def _clean(text: str):
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    return clean(page, Options())


def _headline(text: str) -> str | None:
    return _clean(text).headline


def test_an_agency_credit_right_above_the_body_is_not_the_headline() -> None:
    text = f"Home\nLocal\nSport\n\nA crossing open once more\nPress Trust of India\n\n{LEDE}"
    assert _headline(text) == "A crossing open once more"


def test_the_line_whose_words_the_lede_tells_beats_a_nearer_promo_line() -> None:
    text = (
        "Harbour bridge reopens after eight months of repairs\n"
        f"Weekend walks along the coast\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after eight months of repairs"


def test_a_menu_run_together_with_separators_is_not_the_headline() -> None:
    text = (
        "Harbour bridge reopens after eight months of repairs\n"
        "Harbour | Bridge | Council | Ferry\n\n"
        f"{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after eight months of repairs"


def test_a_line_repeating_the_pages_title_beats_a_nearer_line() -> None:
    context = headline_context(["Bridge reopens to traffic - Coastal Gazette"], [LEDE])
    titled = headline_evidence("Harbour bridge reopens to traffic", context)
    other = headline_evidence("Harbour ferry returns to winter timetable", context)
    assert titled > other
    # The title line itself gets no credit for repeating itself.
    own = headline_evidence("Bridge reopens to traffic - Coastal Gazette", context, at_top=True)
    assert own == headline_evidence(
        "Bridge reopens to traffic - Coastal Gazette", headline_context([], [LEDE]), at_top=True
    )


def test_credits_name_only_people_outlets_or_desks() -> None:
    assert is_credit("Erin Hitchcock, Burnaby Now")
    assert is_credit("Staff and agencies")
    assert is_credit("Press Trust of India")
    assert not is_credit("Harbour bridge reopens after repairs")


def _headline_at(text: str, url: str) -> str | None:
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text, meta={"url": url})
    return clean(page, Options()).headline


def test_a_headline_the_page_repeats_from_its_title_is_still_the_headline() -> None:
    # A converter that writes the <title> first repeats the h1: the line is a repeated
    # line, chrome anywhere else, and was never a candidate.
    title = "Harbour bridge reopens after eight months of repairs"
    text = f"{title}\n\nHome\nLocal\nSport\n\n{title}\nWeekend walks along the coast\n\n{LEDE}"
    assert _headline(text) == title


def test_a_heading_printed_with_the_sites_name_after_it_is_the_headline_without_it() -> None:
    text = f"Home\nLocal\nSport\n\nHarbour bridge reopens after repairs – Coastal Gazette\n\n{LEDE}"
    url = "https://coastalgazette.example/news/bridge"
    assert _headline_at(text, url) == "Harbour bridge reopens after repairs"
    # Without the address nothing says the last part is the site's name.
    assert _headline(text) == "Harbour bridge reopens after repairs – Coastal Gazette"


def test_the_headline_cell_of_a_layout_tables_row_is_read_without_its_tools() -> None:
    text = (
        "Home\nLocal\n\n"
        "| | Harbour bridge reopens after eight months of repairs | Save Email Print\n"
        f"\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after eight months of repairs"


def test_a_tool_bar_right_above_the_body_is_not_the_headline() -> None:
    text = f"A crossing open once more\n\nPrint article: Print\nEmail article: Email\n\n{LEDE}"
    assert _headline(text) == "A crossing open once more"


def test_the_line_the_address_names_beats_a_nearer_section_label() -> None:
    text = f"Islanders cheer night boats\nCouncil notices and decisions\n\n{LEDE}"
    url = "https://example.org/2024/03/02/islanders-cheer-night-boats.html"
    assert _headline_at(text, url) == "Islanders cheer night boats"
    assert address_words(url) == {"islanders", "cheer", "night", "boats"}


def test_a_long_headline_read_as_the_bodys_first_line_is_the_headline_not_body() -> None:
    title = "Harbour bridge reopens to traffic after eight months of repairs to its deck and cables"
    text = f"Home\nLocal\n\n{title}\n{LEDE}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.headline == title
    assert title not in article.body


def test_a_title_case_headline_beside_the_dateline_is_no_bare_name_byline() -> None:
    # "Bay Area DUI Arrests Down" reads as 5 capitalised words; its function word says
    # it is a headline, not a name beside the dateline.
    text = f"Home\nLocal\n\nHarbour Bridge Reopens To Traffic\nMarch 2, 2024\n\n{LEDE}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.authors == []
    assert article.headline == "Harbour Bridge Reopens To Traffic"


def test_a_bare_name_beside_the_dateline_is_still_the_author() -> None:
    text = f"A crossing open once more\nAndrew King\nMarch 2, 2024\n\n{LEDE}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    assert clean(page, Options()).authors == ["Andrew King"]


def test_a_breadcrumb_ending_in_the_headline_gives_the_headline_alone() -> None:
    assert "Harbour bridge reopens after repairs" in headline_texts(
        "Home » Local » Harbour bridge reopens after repairs"
    )
    assert "Harbour bridge reopens after repairs" in headline_texts(
        "Harbour bridge reopens after repairs | Coastal Gazette"
    )
    # A headline with a dash in it stays whole; so does a menu.
    assert headline_texts("NFL Preview - Seattle At Green Bay") == [
        "NFL Preview - Seattle At Green Bay"
    ]
    assert headline_texts("Home | News | Sport") == ["Home | News | Sport"]


def test_a_headline_opening_on_a_figure_or_a_camel_case_brand_is_still_a_headline() -> None:
    # "26 killed in ...", "2008 will get off ...", "iTunes does ...": the line was never a
    # candidate because it did not open on a capital letter (L3S-GN1, WCXB list articles).
    for title in ("8 cables replaced as harbour bridge reopens", "eHarbour bridge reopens"):
        text = f"Home\nLocal\nSport\n\n{title}\n\n{LEDE}"
        assert _headline(text) == title
    # A list item's number or a time stamp still opens no headline.
    text = f"Harbour bridge reopens after repairs\n\n20240302 15:24\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"
    text = f"Harbour bridge reopens after repairs\n\n3. Bridge reopens after repairs\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_headline_glued_to_its_date_tools_or_byline_is_read_without_them() -> None:
    # Converters run the headline into what stood beside it: html2text's emphasis, a
    # tool bar, the date or byline with no space between (L3S-GN1: "...comes into
    # forcePublished: Wednesday, 2 January, 2008").
    assert glued_texts("Harbour bridge reopens after repairs**") == [
        "Harbour bridge reopens after repairs"
    ]
    assert glued_texts("Print Email Harbour bridge reopens Save Email Print")[-1] == (
        "Harbour bridge reopens"
    )
    assert glued_texts("Harbour bridge reopens to trafficPublished: March 2, 2024")[-1] == (
        "Harbour bridge reopens to traffic"
    )
    assert glued_texts("Harbour bridge reopens 17:20, Mar 2 2024")[-1] == "Harbour bridge reopens"
    assert glued_texts("Saturday, 02 March 2024 Harbour bridge reopens")[-1] == (
        "Harbour bridge reopens"
    )
    assert glued_texts("Harbour bridge reopens By Erin Hitchcock | Monday")[-1] == (
        "Harbour bridge reopens"
    )
    assert glued_texts("Harbour bridge reopens Sydney (AAP) - The harbour bridge")[-1] == (
        "Harbour bridge reopens"
    )
    # The byline glued to the headline's last word, a name's or a figure's.
    assert glued_texts("Council backs BennettBy Erin Hitchcock, Staff Writer")[-1] == (
        "Council backs Bennett"
    )
    assert glued_texts("Harbour wins 3-1By Erin Hitchcock")[-1] == "Harbour wins 3-1"
    # Nothing is cut from a headline that only looks glued: a brand in camel case, a
    # single tool-like word of its own, a name after "By" that is no person's.
    assert glued_texts("Council backs iPhone and MacBook repairs") == []
    assert glued_texts("Ferry returns, says report") == []
    assert glued_texts("Stand By Me remake opens in cinemas") == []


def test_a_headline_run_into_its_dateline_is_the_headline_without_it() -> None:
    # Long enough to read as the body's first line, as inscriptis wrote it on L3S-GN1.
    title = "Harbour bridge reopens to traffic after eight months of repairs to its cables"
    text = f"Home\nLocal\n\n{title}Published: Tuesday, 2 April 2024, 02:42 AM Sydney Time\n{LEDE}"
    assert _headline(text) == title


@pytest.mark.parametrize("dateline", ["March 2, 2024", "1 day ago"])
def test_a_headline_under_a_caption_the_body_took_in_is_the_headline_and_ends_it(
    dateline: str,
) -> None:
    # "caption, headline, dateline, lede" (Google News' agency pages on L3S-GN1): the run
    # of prose opened on the caption, so the headline sat inside the body.
    caption = "Workers lift a new cable onto the deck of the harbour bridge in the early morning"
    title = "Harbour bridge reopens after repairs"
    text = f"Home\nLocal\n\n{caption}\n{title}\n{dateline}\n\n{LEDE}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.headline == title
    assert caption not in article.body and title not in article.body
    assert article.body.startswith("The harbour bridge reopened")


@pytest.mark.parametrize(
    "line",
    [
        "**Harbour bridge reopens to traffic**|  16:10, Mar 2 2024",
        "Harbour bridge reopens to traffic 17:20, Mar 2 2024",
        "# Saturday, 02 March 2024 Harbour bridge reopens to traffic",
    ],
)
def test_a_headline_glued_to_the_line_read_as_its_dateline_is_the_headline(line: str) -> None:
    # html2text's old layout tables put the headline and its time on one row; the row
    # was read as the dateline, so the headline in it was never weighed (L3S-GN1).
    text = f"Home\n\nWeather\n\nTV and radio\n\nDating\n\n{line}\n\n---\n\n{LEDE}"
    article = _clean(text)
    assert article.headline == "Harbour bridge reopens to traffic"
    assert article.published is not None and article.published.day == 2


def test_a_section_name_over_its_date_is_no_headline_glued_to_the_dateline() -> None:
    # "Premier League Friday, Jan 11, 2008": the weekday goes with the date, and a section
    # name of two words is no headline.
    assert glued_texts("Harbour News Friday, Mar 1, 2024") == []
    assert glued_texts("Harbour bridge reopens Sat. Mar 2, 2024")[-1] == "Harbour bridge reopens"
    dateline = "Harbour News Friday, Mar 1, 2024"
    text = f"Home\n\nBridge reopens after eight months\n\n{dateline}\n\n{LEDE}"
    assert _headline(text) == "Bridge reopens after eight months"


def test_an_h1_over_a_long_table_of_contents_is_still_the_headline() -> None:
    # A guide's h1, then more than HEADLINE_WINDOW lines of contents and links before the
    # prose: the headline sat above the lines searched, and a contents entry won (WCXB).
    contents = "\n\n".join(f"* [Step {n}: check the cables](#step-{n})" for n in range(1, 30))
    text = f"Home\n\n# How the harbour bridge was repaired\n\n{contents}\n\nCables\n\n{LEDE}"
    assert _headline(text) == "How the harbour bridge was repaired"


def test_a_converters_title_line_at_the_top_is_weighed_however_far_the_body_is() -> None:
    # html-text writes the page's <title> first; a long menu then pushes the body down.
    menu = "\n".join(f"Section {n}" for n in range(1, 40))
    text = f"Harbour bridge reopens after repairs | City Post\n\n{menu}\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_deck_under_its_headline_is_not_the_headline() -> None:
    # A standfirst right under the headline says more of the story, so it shares more with
    # the lede and won on that (L3S-GN1: a news site's deck under a short headline).
    deck = "Engineers replaced three corroded cables during an eight month closure"
    text = f"Home\nLocal\n\nBridge reopens to traffic\n{deck}\n\n{LEDE}"
    assert _headline(text) == "Bridge reopens to traffic"


def test_a_deck_with_only_the_lede_for_it_loses_to_the_headline_over_it() -> None:
    # Headline, deck, byline and date, each a paragraph of its own: the deck shares more
    # with the lede and stands nearer the body, but only the lede vouches for it, and it
    # tells the headline's story (a word of its own in both): `plain_deck`.
    deck = "Engineers replaced the corroded bridge cables one by one"
    text = (
        f"Home\nLocal\n\nHarbour bridge reopens after repairs\n\n{deck}\n\n"
        f"By Jane Doe\nMarch 4, 2025\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_kicker_that_shares_no_word_with_the_headline_under_it_leaves_it_be() -> None:
    # A section's kicker over the headline is no headline over its deck: they share no
    # word, so the headline under it keeps its weight ("FOOTBALL NEWS" over the headline).
    headline = "Council reopens the bridge to traffic after repairs"
    text = (
        f"Home\nLocal\n\nHarbour ferry services\n\n{headline}\n\n"
        f"By Jane Doe\nMarch 4, 2025\n\n{LEDE}"
    )
    assert _headline(text) == headline


def test_gap_cells_are_the_texts_between_a_layout_rows_wide_gaps() -> None:
    raw = "   Harbour bridge reopens after repairs          Coastal Gazette   "
    text = "Harbour bridge reopens after repairs Coastal Gazette"
    assert gap_cells(raw, text) == ["Harbour bridge reopens after repairs", "Coastal Gazette"]
    # One space or two between words is a sentence's, not a gap between cells.
    assert gap_cells("Harbour bridge reopens  after repairs", "x") == []
    # A cell that is a date and its label is no headline's cell.
    raw = "Harbour bridge reopens after repairs        Print Date : Monday, March 3, 2025"
    text = " ".join(raw.split())
    assert gap_cells(raw, text) == ["Harbour bridge reopens after repairs"]


def test_a_headline_beside_the_outlets_name_in_a_layout_row_is_read_from_its_cell() -> None:
    # A converter that lays a page out as a browser does puts the outlet's column beside
    # the headline on one line: the headline is the cell, not the line.
    pad = " " * 60
    text = (
        f"\nHarbour bridge reopens after repairs{pad}Coastal Gazette\n"
        f"{pad}          A publication of the Coast Group.\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_headline_ending_on_an_abbreviation_is_a_headline() -> None:
    for title in ("Harbour bridge reopens at 9 A.m.", "Harbour bridges reopen across the U.S."):
        text = f"Home\nLocal\n\n{title}\nBy Jane Doe\n\n{LEDE}"
        assert _headline(text) == title
    # A sentence's full stop still keeps a line out.
    text = f"Home\nLocal\n\nThe bridge reopened on Tuesday.\nBy Jane Doe\n\n{LEDE}"
    assert _headline(text) != "The bridge reopened on Tuesday."


def test_a_plain_credit_names_people_or_an_outlet_and_nothing_else() -> None:
    credits = ("Staff and agencies", "Harbour Gazette news desk", "Jane Doe, Press Trust of India")
    for credit in credits:
        assert is_credit(credit) and is_plain_credit(credit)
    # A headline holding a byline's role word ("with", "group", "department") or written
    # in title case reads as a credit too, but not as a plain one.
    for title in (
        "Coast states urge calm with neighbours",
        "Harbour Group offices searched",
        "Dolphins Could Help Rivals",
    ):
        assert is_credit(title) and not is_plain_credit(title)


def test_a_title_case_headline_with_a_role_word_and_many_other_words_is_no_credit() -> None:
    # "Digital" and "News" are a credit's role words ("Digital desk", "Harbour News staff"),
    # but a credit names a few people or an outlet besides them, not five things more.
    for title in (
        "Digital Harbour Tours Bring Summer Visitors Back To The Old Port",
        "Harbour News Guide: Best Ferry Routes, Cafes And Walks For Families",
    ):
        assert not is_plain_credit(title)
        features = headline_features(title, headline_context([], [LEDE]))
        assert "credit" not in features and "credit_loose" not in features
    # A few words besides the role word stay a credit; a menu in capitals too.
    assert is_plain_credit("Harbour Gazette Digital Desk")
    assert is_plain_credit("HOME NEWS SPORT BUSINESS ARTS WEATHER TRAVEL")


def test_site_cuts_take_the_sites_name_named_by_the_host_off_a_title() -> None:
    host = host_key("https://www.harbourgazette.com/news/bridge")
    assert host == "harbourgazette"
    assert site_cuts("Bridge reopens - Harbour Gazette", host) == ["Bridge reopens"]
    assert site_cuts("The Harbour Gazette: Bridge reopens", host) == ["Bridge reopens"]
    assert site_cuts("HarbourGazette.com | Bridge reopens", host) == ["Bridge reopens"]
    # Short sections between the headline and the name go with the name; a colon parts
    # the headline's own words.
    assert site_cuts("Bridge reopens - Local - Harbour Gazette", host)[-1] == "Bridge reopens"
    cuts = site_cuts("HarbourGazette.com > News > Local -- Bridge reopens", host)
    assert cuts[-1] == "Bridge reopens"
    cuts = site_cuts("Harbour Gazette - Roads - Mayor: Bridge reopens soon", host)
    assert cuts[-1] == "Mayor: Bridge reopens soon"
    # A part that only starts with the host's name is the headline's own.
    assert site_cuts("NFL Preview - Seattle at Green Bay", host_key("https://nfl.com/a")) == []
    assert site_cuts("Bridge reopens - Coastal Times", host) == []
    assert host_key(None) == "" and site_cuts("Bridge reopens - Harbour Gazette", "") == []


def test_a_pages_title_that_won_loses_the_sites_name() -> None:
    # A converter that writes the <title> first, on a page whose h1 it lost.
    text = f"Harbour bridge reopens after eight months of repairs - Harbour Gazette\n\n{LEDE}"
    page = Page.from_bytes(
        "https://www.harbourgazette.com/2025/bridge",
        text.encode(),
        "text/plain",
        text=text,
        meta={"url": "https://www.harbourgazette.com/2025/bridge"},
    )
    assert clean(page, Options()).headline == "Harbour bridge reopens after eight months of repairs"


def test_bold_lead_is_the_bold_text_a_markdown_line_opens_with() -> None:
    raw = "**Harbour bridge reopens** Press Association"
    assert bold_lead(raw, "Harbour bridge reopens Press Association") == "Harbour bridge reopens"
    raw = "|  **Harbour bridge reopens** By Jane Doe"
    assert bold_lead(raw, "Harbour bridge reopens By Jane Doe") == "Harbour bridge reopens"
    # A line that is bold throughout, or has no bold text, has no lead.
    assert bold_lead("**Harbour bridge reopens**", "Harbour bridge reopens") is None
    assert bold_lead("Harbour bridge reopens", "Harbour bridge reopens") is None


def test_a_bold_headline_run_into_the_first_paragraph_leaves_the_paragraph_in_the_body() -> None:
    # html2text writes a bold headline and the paragraph after it on one line.
    first, rest = LEDE.split("\n\n", 1)
    text = f"Home | Local | Sport\n\n**Harbour bridge reopens after repairs** {first}\n\n{rest}"
    article = clean(Page.from_bytes("page.md", text.encode(), "text/plain", text=text), Options())
    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.paragraphs[0] == first


def test_a_breadcrumb_parted_by_dashes_gives_its_end_as_the_headline() -> None:
    line = "Home - Local - Harbour - Harbour bridge reopens after repairs"
    assert "Harbour bridge reopens after repairs" in glued_texts(line)
    # Two parts, or crumbs longer than two words, are a headline's own dashes.
    assert glued_texts("Harbour Preview - Bridge Reopens At Dawn Today") == []
    assert glued_texts("Sea - Harbour Gazette Weekly - Bridge reopens after repairs") == []
    text = f"Weather\n\n{line}\n\nBy Jane Doe\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_short_title_case_headline_read_as_a_bare_name_is_still_a_candidate() -> None:
    # Three capitalised words over a date read as a byline's bare name; the lede tells
    # their words, so they are the headline; a name the lede does not tell stays a name.
    text = f"Home\n\nMarlow Harbour Tides\nMarch 3, 2025\n\n{LEDE}"
    assert _headline(text) == "Marlow Harbour Tides"
    text = f"Home\n\nDorian Vale\nMarch 3, 2025\n\n{LEDE}"
    assert _headline(text) is None


def test_a_date_alone_is_never_the_headline() -> None:
    from storytrace.clean.text_headline_choice import _date_only

    assert _date_only("Saturday, March 1, 2025")
    assert _date_only("Published: Mar 1, 2025")
    assert not _date_only("26 killed as storm hits coast on March 1")
    assert not _date_only("Harbour bridge reopens")
    text = f"Saturday, March 1, 2025\n\n{LEDE}"
    assert _headline(text) is None


def test_an_h1_the_page_repeats_often_is_still_a_candidate() -> None:
    # Markdown's h1, which the page's footer repeats four times: chrome elsewhere.
    title = "Harbour Bridge Reopens Today"
    footer = [title] * 4
    text = "\n\n".join(["Home", "Menu", f"# {title}", "By Jane Doe\nMarch 3, 2025", LEDE, *footer])
    page = Page.from_bytes("page.md", text.encode(), "text/plain", text=text)
    assert clean(page, Options()).headline == title


def test_emphasis_marks_a_converter_left_unpaired_are_not_the_headlines() -> None:
    # html2text closes a heading's bold after the heading's own line ("### Headline**").
    text = f"Home\n\n### Harbour bridge reopens after repairs**\n\nBy Jane Doe\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_breadcrumb_by_arrows_or_slashes_that_opens_the_body_gives_its_end() -> None:
    from storytrace.clean.text_headline import crumbed

    end = "Harbour bridge reopens after repairs"
    trails = ("Home » Coastal Towns » ", "Home ▸ News Release ▸ ", "Home / ", "Blog / Towns / ")
    for trail in trails:
        assert crumbed(trail + end) == end
        # Where the run of prose opens on the breadcrumb, its end is the headline.
        assert _headline(f"{trail}{end}\n\n{LEDE}") == end
    # A slash between two words is a headline's own; a trail ending in a menu is no headline.
    assert crumbed("Fire / Rescue crews battle the harbour blaze") is None
    assert crumbed("Sports » NBA - Baseball - Golf - NFL - NHL") is None


def test_a_title_whose_site_name_is_not_the_host_gives_the_part_the_page_shows() -> None:
    from storytrace.clean.text_headline import shown_part

    head = "Harbour bridge reopens after eight months of repairs"
    shown = ["Home", head, "By Jane Doe"]
    for title in (f"{head} - Coastal Views", f"{head}|Channel 7 News", f"Tides Blog: {head}"):
        assert shown_part(title, shown) == head
    # The shorter side is the site's name, even when the page shows it; a title the page
    # shows whole is the headline whole.
    assert shown_part(f"Harbour News: {head}", ["Harbour News", "x"]) is None
    assert shown_part(f"Harbour Gazette - {head}", [f"Harbour Gazette - {head}", head]) is None
    text = f"{head} - Coastal Views\n\nHome\n\n{head}\nBy Jane Doe\n\n{LEDE}"
    article = _clean(text)
    assert article.headline == head


def test_a_headline_under_a_caption_right_over_the_lede_is_the_headline() -> None:
    # "caption, headline, lede" with no dateline between: the run of prose opened on the
    # caption, and the headline stands right over the lede.
    caption = "Workers lift a new cable onto the deck of the harbour bridge in the early morning"
    title = "Harbour bridge reopens after repairs"
    text = f"Home\nLocal\n\n{caption}\n{title}\n\n{LEDE}"
    article = _clean(text)
    assert article.headline == title
    assert caption not in article.body and title not in article.body
    # A pull quote there is no headline.
    line = "“We will not close the bridge again”"
    text = f"Home\nLocal\n\n{caption}\n{line}\n\n{LEDE}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    assert clean(page, Options()).headline != line


def test_a_headline_under_a_related_articles_heading_is_another_storys() -> None:
    # The first related story sits between the headline and the lede, and shares as much
    # with the lede as the headline does.
    title = "Harbour bridge reopens after repairs"
    text = (
        f"Home | Local | Sport\n\n{title}\n\nMarch 3, 2025\n\nRelated Articles\n\n"
        f"Ferry services return to their winter timetable\n\n{LEDE}"
    )
    assert _headline(text) == title


PROMO = (
    "Readers who subscribe before the end of the month get the first three months of the "
    "digital edition at half the usual price, and every weekend paper delivered free"
)


def _boxed(top: str, title: str) -> str:
    """A page whose prose run opens on a promo over a box of other stories, under `top`
    (the title line, a menu); under the box, the headline, its byline and the lede."""
    return (
        f"{top}\nFerry services return to their winter timetable\n{PROMO}\n"
        "School choir wins regional prize\nCouncil approves new park\n"
        f"{title}\nBy Jane Doe, Staff Writer\n{LEDE}"
    )


def test_a_headline_repeating_the_title_inside_the_body_takes_the_box_above_out() -> None:
    # The run of prose opened on a promo over a box of other stories; under them stands
    # the headline the page's <title> repeats, then the byline and the lede.
    title = "Harbour bridge reopens after repairs"
    article = _clean(_boxed(f"{title} | The Harbour Herald\nHome\nLocal", title))
    assert article.headline == title
    assert article.paragraphs[0].startswith("The harbour bridge reopened")
    assert "subscribe" not in article.body and "choir" not in article.body


def _report(n: int) -> str:
    """A paragraph of a long report, different for every n."""
    return (
        f"Inspection {n} of the harbour bridge looked at section {n * 7} of the deck, where "
        f"crews counted {n + 3} worn bolts and {n * 2} cracked plates, and the engineers wrote "
        f"that repairs to section {n * 7} would take about {n + 1} weeks in good weather."
    )


def test_a_title_repeated_deep_in_the_body_leaves_the_article_above_it() -> None:
    title = "Harbour bridge inspections find worn bolts"
    above = [_report(n) for n in range(1, 7)]
    below = [_report(n) for n in range(7, 15)]
    text = f"{title} | The Harbour Herald\n\n" + "\n\n".join([*above, title, *below]) + "\n"
    article = _clean(text)
    assert article.headline == title
    assert article.paragraphs == [*above, *below]


def test_the_sites_name_from_the_title_at_the_bodys_end_is_no_headline() -> None:
    # The footer the run took in repeats the site's name from the <title>.
    site = "The Harbour Herald Community Newsroom"
    about = (
        "The newsroom is run by volunteers from the harbour towns, who report on the council, "
        "the schools and the ferries every week of the year."
    )
    head = "Harbour bridge reopens after repairs"
    text = f"{head} | {site}\n\nHome\nLocal\n\n{LEDE}\n{site}\n\n{about}\n"
    assert _headline(text) != site


def test_a_headline_over_its_byline_far_above_the_body_is_the_headline() -> None:
    # The converter wrote the page's columns one after the other: the article's header,
    # then a long sidebar of other sections, then the article's text.
    title = "Harbour bridge reopens after repairs"
    sidebar = "\n".join(
        f"{place} {topic}"
        for place in ("Northport", "Southport", "Eastbay", "Westbay", "Midtown", "Uptown")
        for topic in ("schools", "weather", "sport", "events", "traffic")
    )
    header = f"{title}\nBy Jane Doe\nMarch 3, 2025"
    text = f"Home\nLocal\nSport\nWeather\n\n{header}\n\n{sidebar}\n\n{LEDE}"
    assert _headline(text) == title
    # A list's item over its date, sharing nothing with the story, is not taken for it.
    listing = "Choir concert in the town hall\nMarch 9, 2025\n"
    text = f"Home\nLocal\nSport\nWeather\n\n{listing}\n{sidebar}\n\n{title}\n\n{LEDE}"
    assert _headline(text) == title


def test_a_title_whose_site_name_follows_a_dash_glued_to_the_headline_is_echoed() -> None:
    # "Headline - its second part- Site": the headline holds a spaced dash of its own, and
    # the site's name follows a dash right after its last word.
    title = "Harbour bridge reopens - eight months of repairs are over"
    menu = "\n".join(f"Section {n}" for n in range(1, 31))
    article = _clean(_boxed(f"{title}- The Harbour Herald\n{menu}", title))
    assert article.headline == title
    assert "subscribe" not in article.body


NOTICE = (
    "We noticed that you are using an old browser that is no longer supported by this "
    "site. Please consider upgrading to a newer browser for the best experience of our "
    "pages and tools."
)


def test_a_headline_naming_the_addresss_slug_under_a_notice_the_run_took_in() -> None:
    # The run of prose opens on a browser notice above the headline: the line that names
    # the address's slug inside the run is the headline, and the notice leaves with it.
    title = "Harbour bridge reopens after repairs"
    text = f"Home\nGuides\n\n{NOTICE}\nDismiss notification\nShare this page\n{title}\n{LEDE}"
    url = "https://example.org/guides/harbour-bridge-reopens-after-repairs/"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text, meta={"url": url})
    art = clean(page, Options())
    assert art.headline == title
    assert "browser" not in art.body


def test_a_subheading_naming_the_slug_yields_to_a_headline_that_names_it_above() -> None:
    # A guide's subheading names the slug's words more closely than its headline does, but
    # the headline above the run names most of them: the subheading is the article's own.
    text = (
        "Home\nGuides\n\nHarbour bridge repairs: eight months of work explained\n\n"
        f"{LEDE}\nWhat are harbour bridge repairs?\n\n{LEDE}"
    )
    url = "https://example.org/guides/harbour-bridge-repairs/"
    assert _headline_at(text, url) == "Harbour bridge repairs: eight months of work explained"


def test_a_layout_rows_one_cell_is_the_whole_line_not_a_part_of_it() -> None:
    # html2text writes an old page's layout table as rows of bars: a row whose one cell is
    # the headline is the headline's line, not a part cut from a longer line.
    text = (
        "Home\nNews\n\n| Comment | Print | Email\n---|---|---\n\n"
        "| | | Harbour bridge reopens after repairs\n---\n\n"
        "Action-packed week on the waterfront\n"
        "Staff Reporter / Harbour City January 9, 2024\n\n"
        f"{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_bold_lead_in_a_layout_rows_cell_is_read_without_the_credit_after_it() -> None:
    # html2text's row: a bar, then the bold headline run into its agency's credit.
    raw = "|  **Harbour bridge reopens after repairs** Press Association"
    lead = bold_lead(raw, "| Harbour bridge reopens after repairs Press Association")
    assert lead == "Harbour bridge reopens after repairs"
    text = f"Home\nNews\n\nLast updated: 4:28 AM\nSearch all jobs\n{raw}\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


def test_a_headline_naming_the_slug_far_above_the_run_is_a_candidate() -> None:
    # A guide's table of contents puts its headline more than the header's window above
    # the run of prose: the line that names the address's slug is still weighed.
    title = "Harbour bridge repairs explained"
    contents = "\n".join(f"Part {n}: notes on the works" for n in range(1, 31))
    text = f"Home\nGuides\nShop\n{title}\n\n{contents}\n\n{LEDE}"
    url = "https://example.org/guides/harbour-bridge-repairs-explained/"
    assert _headline_at(text, url) == title


def test_a_title_that_won_loses_the_sites_name_the_line_right_under_it_leaves_out() -> None:
    # html-text writes the <title> and then the page's h1 as its second line: the h1 shows
    # the title's headline part, so the part after the separator is the site's name.
    title = "Harbour bridge reopens after repairs"
    text = f"{title} : Coastal Sports\n{title}\n\nHome\nLocal\n\n{LEDE}"
    assert _headline(text) == title


def test_a_search_box_repeated_from_the_second_line_is_no_title_the_story_tells() -> None:
    # A page without its <title> opens on a menu and a search box that comes back above
    # the headline: repeating the page's second line, which the story does not tell, is
    # no evidence of a title.
    text = (
        "Home News Weather Sports Traffic Contact\n"
        "Keyword Search Site Web\n"
        "--- advertisement ---\n"
        "Keyword Search Site Web\n"
        "Bridge Reopens Early\n"
        "Thursday, Dec 27, 2024 - 09:43 PM\n"
        "Email a Friend Printer Friendly\n\n"
        f"{LEDE}"
    )
    assert _headline(text) == "Bridge Reopens Early"


def test_a_markdown_h1_that_ends_on_a_full_stop_is_still_a_headline() -> None:
    # Regression (html2text): "# Harbour bridge reopens, doubles its lanes." failed the
    # title shape for its full stop, and a category line under it won.
    headline = "Harbour bridge reopens, doubles its lanes."
    text = (
        f"* Ferry timetable\n* Tide tables\n\n# {headline}\n\n"
        f"  * 9th January 2025\n  * Jane Doe\n  * Transport, Local\n\n{LEDE}"
    )
    assert _headline(text) == headline


def test_a_headline_opening_on_a_backtick_quote_is_a_headline() -> None:
    # Regression: old wire copy opens a quote with a backtick ("`Atonement' Up for ..."),
    # which failed the title shape, so a tool bar's "Save/Share +" won.
    headline = "`Harbour Lights' Up for Three Regional Film Awards"
    text = f"Home\nArts\n\n{headline}\n\nSave/Share +\n\n{LEDE}"
    assert _headline(text) == headline


def test_a_markdown_heading_under_a_long_caption_the_run_opened_on_is_the_headline() -> None:
    # html2text writes the page's h3 under a dated photo caption that the run of prose took
    # in: too long for a caption over the lede, but the page's first heading.
    caption = (
        "Tue. Mar. 3 2026 5:10 PM Workers lift a new cable onto the deck of the harbour "
        "bridge in the early morning light on Monday as the repairs went into their last week."
    )
    title = "Harbour bridge reopens after repairs"
    site = "city.example"
    text = f"Home | News\n\n## Harbour Daily\n\n{caption}\n\n### {title}\n\n{site}\n\n{LEDE}"
    assert _headline(text) == title
    # Under a longer heading over the run, a heading there is a guide's subheading.
    guide = "## Bridges of the harbour: a walker's guide"
    sub = "### Why did the bridge close?"
    text = f"Home | News | Sport\n\n{guide}\n\n{caption}\n\n{sub}\n\n{site}\n\n{LEDE}"
    assert _headline(text) != "Why did the bridge close?"


def test_promos_opening_the_run_under_a_headline_above_it_leave_the_body() -> None:
    # The run of prose opens on the site's calls to action under the headline.
    promos = [
        "Click here for our special ferry timetable!",
        "Click here for more harbour news!",
    ]
    title = "Harbour bridge reopens after repairs"
    text = f"Home\nLocal\n\n{title}\n\n" + "\n".join(promos) + f"\n\n{LEDE}"
    article = _clean(text)
    assert article.headline == title
    assert all(p not in article.body for p in promos)
    assert article.body.startswith("The harbour bridge reopened")


def test_a_headline_run_into_the_tool_bar_after_it_is_cut_out_of_the_chrome_line() -> None:
    # The line reads as a call to action ("Subscribe to"), but the headline stands before
    # its tools.
    title = "Harbour bridge reopens after repairs"
    tools = "E-mail Article  Print-Friendly Subscribe to RSS Feed"
    text = f"Home\nLocal\n\nWorkers on the bridge.\n{title} {tools}\nShare on Facebook\n\n{LEDE}"
    assert _headline(text) == title
    assert tools_cut(f"{title} {tools}") == title
    assert tools_cut("Ferry returns to the harbour") is None  # a joint alone is not cut


def test_a_headline_in_a_table_rows_first_cell_run_into_the_lede_is_cut_from_it() -> None:
    # html2text writes the row "Headline | Posted on: date in Section" and the lede after
    # it on one line; the lede stays in the body.
    title = "Harbour Bridge Reopens To Traffic"
    menu = "Home | World | Local | Sport | Weather | Business | Science | Travel"
    first, rest = LEDE.split("\n\n", 1)
    text = f"{menu}\n\n{title} |  Posted on: 03-03-2026 in Local {first}\n\n{rest}"
    article = _clean(text)
    assert article.headline == title
    assert article.body.startswith("Posted on: 03-03-2026 in Local The harbour bridge reopened")


def test_the_first_of_a_run_of_same_level_headings_is_a_subheading() -> None:
    # A guide's steps, each an h2 over its paragraph, under an intro the run opened on:
    # the first step is no headline, and the intro stays in the body.
    intro = (
        "Crossing the harbour by ferry is cheaper than driving around it, and with a little "
        "planning the trip takes less than half an hour from the city centre to the beach."
    )
    steps = [
        ("Choose the right ferry pass", LEDE.split("\n\n")[0]),
        ("Plan the crossing ahead", LEDE.split("\n\n")[1]),
        ("Check the winter timetable", LEDE.split("\n\n")[2].strip()),
    ]
    body = "\n\n".join(f"## {head}\n\n{text}" for head, text in steps)
    article = _clean(f"Home | Guides\n\n{intro}\n\n{body}\n")
    assert article.headline != "Choose the right ferry pass"
    assert article.body.startswith("Crossing the harbour by ferry")


@pytest.mark.parametrize(
    "caption",
    [
        # Sharing the lede's words: under the headline's meta, no headline (`under_meta`).
        "Cable repairs on the harbour bridge",
        # Saying more of the lede than the headline does: under the meta, the blank line
        # over the caption counts for nothing either.
        "Harbour bridge reopened to traffic on Tuesday",
    ],
)
def test_a_caption_under_the_headlines_byline_and_date_is_no_headline(caption: str) -> None:
    # A browser's select-all copy: menu, headline, byline and date on consecutive lines
    # with no blank line, then a photo's caption after a blank line.
    title = "Harbour bridge reopens after months of repairs"
    paragraphs = [p + "\n" for p in LEDE.strip().split("\n\n")]
    meta = ["By Ana Ruiz", "April 21, 2025", ""]
    text = "\n".join(["Home", "News", "Local", title, *meta, caption, *paragraphs])
    assert _headline(text) == title


def test_a_site_name_over_the_pages_date_does_not_end_the_headers_block() -> None:
    # Too short to end it: the headline under it is still the headline.
    title = "Harbour bridge reopens after months of repairs"
    paragraphs = [p + "\n" for p in LEDE.strip().split("\n\n")]
    text = "\n".join(["Home", "Harbour Daily", "April 21, 2025", "", title, *paragraphs])
    assert _headline(text) == title


def test_an_item_of_a_table_of_contents_is_no_headline() -> None:
    # A browser's copy of a guide: the headline after the menu, then the table of contents
    # with the article's subheadings, each on a line of its own with no blank line between;
    # an item sharing the lede's words ("Corrosion in the cables") outscored the headline.
    title = "Harbour bridge reopens after months of repairs"
    contents = ["Table of Contents", "When the harbour bridge reopens", "Corrosion in the cables"]
    paragraphs = [p + "\n" for p in LEDE.strip().split("\n\n")]
    text = "\n".join(["Home", "News", title, *contents, "Ferry services", *paragraphs])
    assert _headline(text) == title


@pytest.mark.parametrize("crumb", ["Home · Harbour Traffic · ", "Home Gear Reviews "])
def test_a_breadcrumb_ending_on_the_headline_under_it_is_no_headline(crumb: str) -> None:
    # A browser's copy: the page's trail ends on the headline, its separators lost or not
    # read as a trail's, right over the headline's own line; longer, it outscored it.
    title = "Harbour bridge reopens after months of repairs"
    paragraphs = [p + "\n" for p in LEDE.strip().split("\n\n")]
    text = "\n".join(["Sign in", "", crumb + title, title, "April 21, 2025", *paragraphs])
    assert _headline(text) == title


@pytest.mark.parametrize(
    "meta",
    ["Last Update: 1/14 10:15 am", "Published on Monday, January 14, 2008 Email Print"],
)
def test_a_headline_over_its_date_under_promos_the_run_opened_on(meta: str) -> None:
    # The run opens on three promo lines; the headline is the body's fourth line, over a
    # date line with no year or with a tool bar after it.
    text = (
        "Home\nLocal\nSport\nWeather\nTraffic\n\n"
        "Send us your photos of the winter storm and your pets and we will share the best.\n\n"
        "Join the carol concert with choirs from six of the city's primary schools tonight.\n\n"
        "Vote for the best bakery in town before the end of the month and win a prize.\n\n"
        f"Harbour bridge open again\n{meta}\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge open again"


def test_a_headline_over_its_intro_above_a_long_table_of_contents() -> None:
    # The guide's headline and intro stand over a table of contents longer than the
    # header's window; the lede tells the headline's words.
    items = [f"{n}. Step {n} of the walk along the harbour wall" for n in range(1, 31)]
    body = (
        "The harbour wall walk starts at the old lighthouse and follows the sea wall for three "
        "kilometres to the ferry pier, passing the fish market and the lifeboat station.\n\n"
        "Walkers should check the tide tables before they set out, because the lower path "
        "floods at high tide in winter and the council closes it when the sea is rough.\n\n"
        "Dogs are welcome on the wall all year, but must be kept on a lead near the fish "
        "market and the ferry pier, where the crowds are thickest in summer.\n"
    )
    intro = (
        "Everything you need to know before you set out on the harbour wall walk, from the "
        "tide tables to the best cafes on the way and where to park your car."
    )
    head = ["Home", "Guides", "Walks", "Contact", "Harbour wall walk: a complete guide", intro]
    text = "\n".join([*head, "", "Table of Contents", *items, "", body])
    assert _headline(text) == "Harbour wall walk: a complete guide"


def test_a_guides_subheading_naming_its_headlines_topic_is_no_headline() -> None:
    # "What are harbour wall walks?" heads the lede, which tells its words better than the
    # headline's; its words are a part of the headline's above it.
    text = (
        "Home\nGuides\nWalks\n\n"
        "Harbour Wall Walks: Routes, Tides and Tips\n"
        "Sponsored: walking boots for every season\n\n"
        "What are harbour wall walks?\n\n"
        "Harbour wall walks follow the sea wall around the old port, past the fish market and "
        "the lifeboat station, and most of them take an hour or two at an easy pace.\n\n"
        "The walks are free, open all year and suitable for families, though the lower path "
        "floods at high tide in winter and the council closes it when the sea is rough.\n\n"
        "Dogs are welcome on the wall but must be kept on a lead near the fish market and the "
        "ferry pier, where the crowds are thickest in summer.\n"
    )
    assert _headline(text) == "Harbour Wall Walks: Routes, Tides and Tips"


def test_a_deck_written_as_a_sentence_under_a_clipped_headline_is_no_headline() -> None:
    # The deck says more of the lede's words, but reads as a sentence ("The council says
    # ... were finished"); the headline above it leaves the article and the verb out.
    text = (
        "Home\nLocal\nSport\n\n"
        "Harbour link back in use\n"
        "The council says the repairs to the deck and cables were finished on time\n"
        f"By Jane Doe\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour link back in use"


# A lede's first line that a narrow column cut from its paragraph, standing over the run
# (few stop words, so not read as the paragraph's line): it shares words with the lede and
# stands nearest the body, but its sentence breaks off.
_CUT_LEDE_BODY = (
    "harbour bridge will reopen to traffic next Tuesday after eight months of repairs to its "
    "deck and cables, the city council said in a statement.\n\n"
    "Engineers found corrosion in three of the main cables last spring, and the council closed "
    "the bridge to all traffic while the cables were replaced one by one over the summer.\n\n"
    "Ferry services that carried commuters across the harbour during the closure will return "
    "to their winter timetable next week, the council said.\n"
)
_CUT_LEDE_HEAD = (
    "Home | Local | Sport | Weather\n\nCrossing back in use a week early\n\nStaff Reporter\n\n"
)


def test_a_ledes_line_whose_sentence_goes_on_in_lower_case_is_no_headline() -> None:
    text = (
        f"{_CUT_LEDE_HEAD}Harbourtown: Bridge engineer Ann Lee, Mayor Tom Price confirmed\n"
        f"that the {_CUT_LEDE_BODY}"
    )
    assert _headline(text) == "Crossing back in use a week early"


def test_a_ledes_line_ending_on_a_word_that_leaves_its_sentence_open_is_no_headline() -> None:
    text = (
        f"{_CUT_LEDE_HEAD}Harbourtown: Bridge engineer Ann Lee, Mayor Tom Price, Councillor "
        f"Joe Bloggs and\nHarbour Board chair Sam Brown say the {_CUT_LEDE_BODY}"
    )
    assert _headline(text) == "Crossing back in use a week early"


@pytest.mark.parametrize("tag", ["advice for students", "text size"])
def test_a_short_lower_case_tag_line_under_a_headline_does_not_cut_it(tag: str) -> None:
    # A promo nearer the body shares a word with the lede: the headline's tag line is no
    # sentence it goes on in.
    head = "Harbour bridge reopens after eight months of repairs"
    text = f"Home\nLocal\nSport\n\n{head}\n{tag}\n\nCoastal ferry timetable\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after eight months of repairs"


@pytest.mark.parametrize(
    ("row", "below", "headline"),
    [
        # w3m sets a layout table's columns side by side and wraps each cell in its column:
        # the headline's last word stands in the next line, in the same column, as it would
        # not have fitted before the sidebar's cell.
        (
            "Bridge Reopens To Traffic After Eight Months Of",
            "Repairs",
            "Bridge Reopens To Traffic After Eight Months Of Repairs",
        ),
        # Its date in the same column is no tail of it.
        (
            "Harbour bridge reopens to traffic after repairs",
            "Jan 8, 2008",
            "Harbour bridge reopens to traffic after repairs",
        ),
    ],
)
def test_a_headline_a_text_browser_wrapped_inside_its_tables_column_is_read_whole(
    row: str, below: str, headline: str
) -> None:
    rows = [
        f"Home          {row:<52}Newsletter",
        f"Local         {below:<51}Weather",
        "Sport",
    ]
    text = "\n".join(rows) + f"\n\n{LEDE}"
    assert _headline(text) == headline


def test_a_headline_the_lede_tells_far_above_a_sidebar_read_before_the_run() -> None:
    # A text browser's column reading sets the sidebar's cells between the headline (over
    # its tool bar, no paragraph under it) and the article: the lede tells its words.
    side = [
        f"Weekend walk number {k} along the coast" if k % 3 == 0 else f"Local club results {k}"
        for k in range(30)
    ]
    text = (
        "Home\nNews\nSport\n\nHarbour bridge cables replaced at last\nPrint this article\n"
        "E-mail\n\n" + "\n".join(side) + f"\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge cables replaced at last"


def test_a_far_line_the_lede_tells_only_in_part_is_no_headline() -> None:
    side = [f"Local club results {k}" for k in range(30)]
    text = (
        "Home\nNews\nSport\n\nHarbour festival fireworks cancelled tonight\nPrint this article\n"
        "E-mail\n\n" + "\n".join(side) + f"\n\n{LEDE}"
    )
    assert _headline(text) != "Harbour festival fireworks cancelled tonight"


@pytest.mark.parametrize(
    "glue",
    ["HARBOURTOWN, Maine, Jan 15 (Reuters) - ", "Posted: January 15, 2008, 4:30 PM by Jane Doe "],
)
def test_a_headline_run_into_the_first_paragraph_before_its_dateline_is_cut_from_it(
    glue: str,
) -> None:
    # html2text runs a layout row's headline into the lede with the dateline or the date
    # between them: the headline is the text before it, and the rest stays the body's.
    text = (
        "Main | About | Contact | Subscribe RSS | |\n\n"
        f"| Harbour bridge reopens after eight months of repairs {glue}{LEDE}"
    )
    article = _clean(text)
    assert article.headline == "Harbour bridge reopens after eight months of repairs"
    assert article.body.startswith(glue.split()[0])


def test_a_photo_caption_ending_on_its_agencys_credit_is_no_headline() -> None:
    # The caption right over the body names more of the lede's words than the headline.
    text = (
        "Home\nLocal\nSport\n\nHarbour crossing open once more after repairs\n\n"
        f"Harbour bridge engineers (AAP)\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour crossing open once more after repairs"


def test_a_headline_cut_short_under_the_whole_headline_is_no_headline() -> None:
    # A teaser's or an image's text repeats the headline's start right over the body.
    text = (
        "Home\nLocal\nSport\n\nHarbour bridge reopened after repairs as mayor hails crews\n"
        f"Print\nE-mail\n\nHarbour bridge reopened after repairs\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge reopened after repairs as mayor hails crews"


def test_a_headline_under_a_hard_wrapped_caption_counts_the_captions_words_once() -> None:
    # A text browser wraps the photo's caption over four lines, each carrying the
    # paragraph's word count: the headline over its byline is the body's second paragraph,
    # not its fifth line, under fewer than DEEP_ABOVE_WORDS words.
    caption = (
        "Engineers from the city council walk along the deck of the harbour bridge on "
        "Monday evening, a day before it reopened to traffic, as the last of the new "
        "cables is fitted and the crews take down the scaffolding that stood on both "
        "sides of the deck since the spring."
    )
    paragraphs = [caption, *(p.replace("\n", " ") for p in LEDE.split("\n\n"))]
    wrapped = ["\n".join(textwrap.wrap(p, 78)) for p in paragraphs]
    text = (
        f"Local News\nGo to Local News\n\n{wrapped[0]}\n\n"
        "Bridge Back In Use After Cable Repairs\n\nBy JANE DOE – 3 days ago\n\n"
        + "\n\n".join(wrapped[1:])
        + "\n"
    )
    assert _headline(text) == "Bridge Back In Use After Cable Repairs"


def test_a_hard_wrapped_caption_over_a_headline_deep_in_the_run_leaves_the_body() -> None:
    # The caption's 70 words, counted once and not once for each of its wrapped lines, are
    # no article part above the headline: the article starts under its headline.
    caption = (
        "Engineers from the city council walk along the deck of the harbour bridge on "
        "Monday evening, a day before it reopened to traffic, as the last of the new "
        "cables is fitted and the crews take down the scaffolding that stood on both "
        "sides of the deck since the spring, watched by a crowd of residents who had "
        "come down to the quay to see the work finished at last."
    )
    paragraphs = [caption, *(p.replace("\n", " ") for p in LEDE.split("\n\n"))]
    wrapped = ["\n".join(textwrap.wrap(p, 78)) for p in paragraphs]
    text = (
        f"Local News\nGo to Local News\n\n{wrapped[0]}\n\n"
        "Bridge Back In Use After Cable Repairs\n\nBy JANE DOE – 3 days ago\n\n"
        + "\n\n".join(wrapped[1:])
        + "\n"
    )
    article = _clean(text)
    assert article.headline == "Bridge Back In Use After Cable Repairs"
    assert article.body.startswith("The harbour bridge reopened")


def test_a_photo_credit_opening_a_line_is_no_headline() -> None:
    text = (
        "Home\nLocal\nSport\n\nHarbour crossing open once more after repairs\n\n"
        f"Courtesy: Harbour Bridge Engineers\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour crossing open once more after repairs"


def test_a_headline_the_lede_tells_far_above_in_one_cell_of_a_row() -> None:
    # The row holds the sidebar's link beside the headline: the lede tells the cell's words.
    side = [f"Local club results {k}" for k in range(30)]
    text = (
        "Home\nNews\nSport\n\n"
        "      Harbour bridge cables replaced at last              Visit our garden shop\n"
        "Print this article\nE-mail\n\n" + "\n".join(side) + f"\n\n{LEDE}"
    )
    assert _headline(text) == "Harbour bridge cables replaced at last"


def _w3m_page(header: str) -> str:
    """A text browser's dump: the header's lines, then the lede wrapped to 80 columns."""
    paragraphs = [p.replace("\n", " ") for p in LEDE.split("\n\n")]
    more = (
        "The council said the bridge will be inspected again in the autumn, and that the "
        "toll for lorries will stay at its old level until the end of the year at least."
    )
    body = "\n\n".join("\n".join(textwrap.wrap(p, 80)) for p in [*paragraphs, more])
    return f"{header}\n\n{body}\n"


def test_a_headline_a_text_browser_wrapped_over_the_body_is_read_whole() -> None:
    # The run opens on the headline, which the text browser wrapped at 80 columns onto a
    # short second line in title case: the two are one headline, and neither stays in the
    # body.
    text = _w3m_page(
        "Menu\nHome\nNews\n\n"
        "Harbour Bridge Reopens to Traffic: What the New Cables Mean for Commuters (and\n"
        "How Long They Last)"
    )
    article = _clean(text)
    assert article.headline == (
        "Harbour Bridge Reopens to Traffic: What the New Cables Mean for Commuters (and "
        "How Long They Last)"
    )
    assert article.body.startswith("The harbour bridge reopened")


def test_a_breadcrumb_a_text_browser_wrapped_over_the_body_is_no_headline() -> None:
    # A trail ending on the headline, wrapped like one: read whole, its crumbs would be
    # taken into the headline.
    text = _w3m_page(
        "Menu\nHome\nNews\n\n"
        "Harbour Times | News | Local | Bridge Reopens to Traffic After Eight Months of\n"
        "Cable Repairs\n\nBridge Reopens to Traffic After Eight Months of Cable Repairs"
    )
    assert "Harbour Times" not in (_clean(text).headline or "")


def test_a_headline_a_text_browser_wrapped_onto_a_long_second_line_is_read_whole() -> None:
    # Over its byline, the headline's second line, wrapped at 80 columns, is longer than a
    # few words: it goes on with the line above as one paragraph (`_join_wrapped`).
    headline = (
        "Fix It Friday: Struggling With How To Cross the Harbour? We Help Four Readers "
        "Find Their Way (Including One Ferry Trick)"
    )
    wrapped = "\n".join(textwrap.wrap(headline, 80))
    text = _w3m_page(f"Menu\nHome\nNews\n\n{wrapped}\n\nBy Jane Doe\nJanuary 8, 2026")
    assert _clean(text).headline == headline


def test_a_headline_a_text_browser_wrapped_onto_a_word_of_chrome_is_read_whole() -> None:
    # The one word wrapped onto the second line reads as chrome on its own ("Membership"),
    # but the line above is filled: the word would not have fitted on it.
    headline = "I Tried the New Harbour Ferry for a Month, and It May Replace My Bridge Season"
    assert len(headline) <= 80 < len(headline) + len(" Membership")
    text = _w3m_page(f"Menu\nHome\nNews\n\n{headline}\nMembership\n\nBy Jane Doe\nJanuary 8, 2026")
    assert _clean(text).headline == f"{headline} Membership"


def test_a_headline_cut_from_a_dateline_holds_no_date() -> None:
    # html2text runs the tool bar, the headline, the byline and the date into one line,
    # read as the dateline: the headline is the text cut from it that no longer holds
    # the date, not the longer tool bar's cut that still does.
    text = (
        "Home\nNews\nSport\n\n"
        "Print   Email   Mayor hails tireless crewsBy Jane Doe, Staff Writer "
        "Article Launched: 01/09/2026 09:37:25 PM PST\n"
        f"{LEDE}"
    )
    assert _headline(text) == "Mayor hails tireless crews"


def test_the_wrapped_lines_of_a_paragraph_in_the_header_are_no_headlines_of_their_own() -> None:
    # A text browser wraps the breadcrumb and the headline at 80 columns: each second line
    # goes on with the paragraph above it and carries its word count, so alone it would
    # read as a long line ("With New Cables and Deck").
    text = _w3m_page(
        "Menu\nHome\nNews\n\n"
        "Home » Feature » Local » Eight months on, the city council reopens all of the\n"
        "Harbour Bridge to Traffic With New Cables and Deck\n\n"
        "Eight months on, the city council reopens all of the Harbour Bridge to Traffic\n"
        "With New Cables and Deck\n\n"
        "By Jane Doe | January 8, 2026\n\nShare\nTweet\nEmail\nPrint\n\n"
        "HIGHLIGHTS\n\nNew cables on the bridge\n\nFerries to winter timetable"
    )
    assert _clean(text).headline == (
        "Eight months on, the city council reopens all of the Harbour Bridge to Traffic "
        "With New Cables and Deck"
    )


def test_a_headline_beside_a_text_browsers_image_stars_is_cut_from_them() -> None:
    # w3m writes an inline image as its alt text or name and a star: the headline is the
    # longest text the stars part, when the others are a word or two each.
    assert glued_texts("Spacer * Harbour bridge reopens after repairs") == [
        "Harbour bridge reopens after repairs"
    ]
    assert glued_texts("[logo] * Harbour bridge reopens after repairs * * * advert") == [
        "Harbour bridge reopens after repairs"
    ]
    assert glued_texts("Home * Local News * Sport * Weather") == []  # a menu
    text = f"Home\nNews\n\nSpacer * Harbour bridge reopens after repairs\n\nBy Jane Doe\n\n{LEDE}"
    assert _headline(text) == "Harbour bridge reopens after repairs"


_ROOMS = (
    "Figuring out where the sofa goes is a funny thing: when you see a room with a good "
    "layout it looks easy, but getting there in your own home takes many tries.\n\n"
    "Today I am helping four readers who wrote in about their living rooms, each with a "
    "fireplace, a window and a television that all want the same wall.\n\n"
    "The first reader has a long narrow room with the door in the middle of one side, so "
    "every path through the room crosses the space in front of the sofa.\n"
)


def test_a_fraction_in_a_headline_s_parentheses_is_no_photo_credit() -> None:
    # A slash between names closes a caption's credit ("(Reuters/John Smith)"); between
    # figures it is a fraction or a date.
    headline = "Four Readers Rearrange Their Living Rooms (One Trick Works 9/10 Times)"
    text = f"Home\nBlog\nContact\n\n{headline}\n\nBy Ann Lee\n\n{_ROOMS}"
    article = clean(Page.from_bytes("p.txt", text.encode(), "text/plain", text=text), Options())
    assert article.headline == headline


def test_a_headline_taken_from_the_title_line_does_not_open_the_body_again() -> None:
    # A converter's first line is the page's <title> ("Headline - Site"); when it wins, the
    # h1 under the menu, the same words, is the headline's echo, not the body's first line.
    headline = (
        "Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers "
        "Find Solutions (Including One Universal Trick That Always Works)"
    )
    menu = "\n".join(["Home", "Blog", "Design", "Shop", "Contact", "Design 101"])
    text = f"{headline} - Ann Lee Home\n\n{menu}\n\n{headline}\nBy Ann Lee\nNov 1\n\n{_ROOMS}"
    article = clean(Page.from_bytes("p.txt", text.encode(), "text/plain", text=text), Options())
    assert article.headline == headline
    assert article.body.startswith("Figuring out")
