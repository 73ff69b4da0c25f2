"""Evidence for the text cleaner's headline choice that the line's own shape does not give.

A text page's header holds many short capitalised lines: the headline, but also the
byline and its agency ("Press Trust of India", "Staff and agencies"), a photo caption,
and menus run together ("Home | News | Sport"). What tells the headline apart is what it
shares with the rest of the page: its words come back in the story's first paragraphs,
and pages that start with their `<title>` (a browser's copy, some converters) repeat it
there. A line that names people or an outlet and nothing else is the byline's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storytrace.clean.metadata import is_person_name, outlet_named
from storytrace.clean.resources import content_words
from storytrace.resources import words

LEDE_WORDS = 120
"""How many words at the top of the body a headline's words are looked for in."""
LEDE_WEIGHT = 7.0
"""Score for a line whose every word comes back in the lede."""
TOP_LINES = 3
"""How many lines at the top of the page may be its <title>."""
_MENU = re.compile(r"\s[|»›>]\s|\s[|»›>]$|^[|»›>]\s")


@dataclass(slots=True)
class HeadlineContext:
    """What the page says besides its header lines: the lede's words and its title's."""

    lede: set[str]
    title: set[str]


def headline_context(top_lines: list[str], paragraphs: list[str]) -> HeadlineContext:
    """The words of the body's first paragraphs and of the page's first lines."""
    lede = " ".join(" ".join(paragraphs).split()[:LEDE_WORDS])
    return HeadlineContext(
        lede=content_words(lede), title=content_words(" ".join(top_lines[:TOP_LINES]))
    )


def is_credit(text: str) -> bool:
    """A line that only names the story's people or outlet: a byline without its "By"
    ("Erin Hitchcock, Burnaby Now"), an agency ("Press Trust of India"), a desk."""
    parts = [p.strip() for p in re.split(r"[,;/|]| and ", text) if p.strip()]
    if not parts:
        return False
    roles = words("byline_roles.txt")
    for part in parts:
        tokens = {t.lower().strip(".:") for t in part.split()}
        if not (is_person_name(part) or outlet_named(part) or tokens & roles):
            return False
    return True


def headline_evidence(text: str, context: HeadlineContext) -> float:
    """How much a header line's relation to the rest of the page says it is the headline
    (positive) or the byline's, a caption's or a menu's (negative)."""
    score = 0.0
    own = content_words(text)
    if len(own) >= 2:
        # A headline names what the lede tells; a menu or a byline shares nothing with it.
        score += LEDE_WEIGHT * len(own & context.lede) / len(own)
        if not own >= context.title:  # the title line itself gets no credit from itself
            score += 1.5 * len(own & context.title) / len(own)
    if is_credit(text):
        score -= 4
    if _MENU.search(text):
        score -= 3
    return score
