"""Wire datelines opening a paragraph: "VARENHOLM, March 6 (CPA) -", "KYIV, Ukraine (AP) —"."""

from __future__ import annotations

import re
from functools import lru_cache

from storytrace.annotate.cues import load_lexicon


@lru_cache(maxsize=1)
def dateline_pattern() -> re.Pattern[str]:
    """A dateline at a line's start, its place in group "place": capitals, then an agency
    or a date, then a dash ("NORTHFIELD, March 6 -"; "BREAKING (Video)" and "UPDATE,
    Monday:" have none). The match ends after the dash and the blanks after it."""
    times = "|".join(sorted(load_lexicon().time_words, key=len, reverse=True))
    return re.compile(
        r"^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})"
        r"(?:(?:, [^()\n]{1,30})? \([A-Z][^()\n]{0,30}\) ?[-–—]"
        rf"|, (?i:{times})\.? \d{{1,2}}(?:, \d{{4}})? ?[-–—])[^\S\n]*",
        re.MULTILINE,
    )
