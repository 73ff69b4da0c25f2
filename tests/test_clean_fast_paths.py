"""The cleaner's fast paths give what their plain definitions give.

Speed work rewrote a few per-page searches (substring counts instead of a pattern at
every character, factored alternations, a pre-test before the date patterns); each is
checked here against the straightforward form it replaced, on generated text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.clean import columns, language, lines, markdown, metadata
from storytrace.clean import text as clean_text
from storytrace.clean import text_headline_choice as headline_choice
from storytrace.clean.lines import trie_pattern
from storytrace.resources import rows

SETTINGS = settings(max_examples=200, deadline=None)


def _text(pieces: list[str], max_size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


@SETTINGS
@given(_text([*'.!?…"”’)', "ab", " ", "  ", "x.", "Yes!"]))
def test_sentence_ends_counts_what_the_pattern_finds(raw: str) -> None:
    text = " ".join(raw.split())  # Line texts are whitespace-normalised
    assert lines.sentence_ends(text) == len(lines._SENTENCE_END.findall(text))


@SETTINGS
@given(st.lists(_text([*'.!?…"”’)', "ab", " ", "  ", "x.", "Yes!"]).filter(str.strip), max_size=6))
def test_a_paragraphs_sentence_ends_are_its_lines_summed(raws: list[str]) -> None:
    group = [_Line(" ".join(raw.split())) for raw in raws]
    assert lines.group_sentence_ends(group) == sum(lines.sentence_ends(ln.text) for ln in group)  # type: ignore[arg-type]


@SETTINGS
@given(
    st.lists(
        _text(["a", "B", " ", "Σ", "σ", "ΣΑ", "İ", "ß", "’", "é", "1", ".", "ǅ"]),
        min_size=1,
        max_size=6,
    )
)
def test_lines_lower_alone(texts: list[str]) -> None:
    # page_lines lower-cases each line on its own: the same as the joined page's lines.
    assert [t.lower() for t in texts] == "\n".join(texts).lower().split("\n")


@SETTINGS
@given(_text(["│", "─", "┼", "\u2500", "\u257f", "\u2580", "\u24ff", "a", " ", "\n", "é"]))
def test_box_drawing_reads_as_blanks(text: str) -> None:
    table = dict.fromkeys(columns.BOX_DRAWING, " ")
    assert clean_text._box_blanks(text) == text.translate(table)


def test_ascii_facts_the_line_fast_paths_rely_on() -> None:
    # page_lines: an ASCII page line's only blanks besides the space are the tab and the
    # unit separator (every other one parts lines), and its only digits are 0-9.
    for c in map(chr, range(128)):
        if c.isspace() and c not in " \t\x1f":
            assert len(f"a{c}b".splitlines()) == 2
        if re.match(r"\d", c):
            assert c in "0123456789"


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["Home", "home", "News 24", "12", "--", "A line of prose here."]),
        max_size=12,
    )
)
def test_line_repeats_count_the_lines_with_the_same_key(texts: list[str]) -> None:
    found = lines.page_lines("\n".join(texts), frozenset({"of"}))
    counts = Counter(ln.key for ln in found)
    for ln in found:
        assert ln.repeats == (counts[ln.key] if ln.key else 1)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["By Ann Lee", "May 5, 2025", "A headline of some words", "x", "Menu"]),
        max_size=10,
    )
)
def test_headlines_over_bylines_read_each_line_under_once(texts: list[str]) -> None:
    found = lines.page_lines("\n".join(texts), frozenset({"of"}))

    def over(i: int) -> bool:  # a line at a time, as before
        if not headline_choice.ECHO_MIN_WORDS <= found[i].words <= headline_choice.FIRST_LINE_WORDS:
            return False
        return any(headline_choice._byline_or_date(ln) for ln in found[i + 1 : i + 3])

    span = range(len(found))
    assert headline_choice._over_bylines(found, span) == {i for i in span if over(i)}


@SETTINGS
@given(_text(["a", " ", "\n", "\r\n", "\x85", "\u2028", "é", "漢", "한", "か", "’"], 20))
def test_script_check_reads_the_lines_beyond_ascii(text: str) -> None:
    page = text.splitlines()
    found = lines.page_lines(text, frozenset(), page)
    again = lines.page_lines(text, frozenset())  # the whole text searched
    assert [(ln.words, ln.text) for ln in found] == [(ln.words, ln.text) for ln in again]
    beyond = "\n".join(line for line in page if not line.isascii())
    assert lines.has_cjk(beyond) == lines.has_cjk(text)


_PHRASES = sorted({text.lower() for _, text in rows("chrome_phrases.txt")})


@SETTINGS
@given(
    _text(
        _PHRASES
        + [p[:3] for p in _PHRASES]
        + [" ", "\n", "(", "x", "©", "2007", "é", "_", "-", "’", "\xa0", "ß"]
    )
)
def test_chrome_phrases_match_the_look_behind_search(text: str) -> None:
    reason_of = {t.lower(): r for r, t in rows("chrome_phrases.txt")}
    plain = re.compile(r"(?<!\w)(?=(" + trie_pattern(list(reason_of)) + r")(?!(?<=\w)\w))")
    expected = [reason_of[p] for p in sorted({m[1] for m in plain.finditer(text.lower())})]
    assert lines.chrome_phrases(text) == expected


_OUTLETS = sorted(metadata._outlet_name_pattern()[1])


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(_OUTLETS), st.sampled_from([str.lower, str.title, str.upper])),
        max_size=4,
    ),
    st.lists(st.sampled_from(["the ", "The ", " ", ", ", "x", "s", "'", "-"]), max_size=4),
)
def test_outlet_named_matches_the_flat_alternation(
    names: list[tuple[str, object]], glue: list[str]
) -> None:
    parts = [case(name) for name, case in names]  # type: ignore[operator]
    text = "".join(p + (glue[i] if i < len(glue) else " ") for i, p in enumerate(parts))
    pattern, canon = metadata._outlet_name_pattern()
    flat = re.compile(
        r"(?<![\w-])(?:the\s+)?("
        + "|".join(re.escape(a) for a in sorted(canon, key=len, reverse=True))
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    spans = [(m.start(), m.end(), m[1]) for m in pattern.finditer(text)]
    assert spans == [(m.start(), m.end(), m[1]) for m in flat.finditer(text)]


@SETTINGS
@given(_text([" ", "  ", "   ", "\t", "\xa0", "\u3000", "a", "bc", "x y"]))
def test_column_gaps_match_their_plain_patterns(line: str) -> None:
    assert bool(columns._WIDE_GAP.search(line)) == bool(re.search(r"\S {3,}\S", line))
    assert bool(columns._TWO_CELLS.search(line)) == (len(columns._cells(line)) > 1)


@SETTINGS
@given(_text(["May", " ", "5", "12", "1999", "2024", "19", "20", "-", "/", ".", ":", "at"]))
def test_find_dates_pre_test_skips_only_lines_without_a_date(text: str) -> None:
    if not re.search(r"(?:19|20)\d\d", text):
        assert metadata.find_dates(text) == []
        assert not any(p.search(text) for p in metadata._date_patterns())


@SETTINGS
@given(_text(['"', ".", ",", "(", "…", "’", "«", " ", "the", "und", "le", "News", "é"], 40))
def test_stopword_language_reads_punctuation_as_spaces(text: str) -> None:
    table = str.maketrans(dict.fromkeys(language._PUNCTUATION, " "))
    counts = Counter(text[:2000].lower().translate(table).split())
    total = sum(counts.values())
    hits: Counter[str] = Counter()
    for word, n in counts.items():
        for lang in language._stopword_index().get(word, ()):
            hits[lang] += n
    best = min(hits, key=lambda lang: (-hits[lang], lang)) if hits and total >= 5 else None
    expected = best if best and hits[best] / total >= language.MIN_STOP_SHARE else None
    share = hits[best] / total if best else 0.0
    assert language.stopword_guess(text) == (expected, share)


def test_month_trie_branches_never_match_one_character_alike() -> None:
    # The factored month names try the longest name first, as the flat alternation sorted
    # by length did, only if at each branching no two next letters match one character
    # case-blind (then the names matching at a place are prefixes of one another).
    trie: dict[str, dict] = {}
    for name in metadata.month_names():
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
    chars = [chr(c) for c in range(0x3000)]  # Latin, Greek, Cyrillic, and their odd cases
    alike: dict[str, set[str]] = {}
    nodes = [trie]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.values())
        for a in node:
            if a not in alike:
                match = re.compile(re.escape(a), re.IGNORECASE).fullmatch
                alike[a] = {x for x in chars if match(x)}
        for a in node:
            for b in node:
                assert a == b or not alike[a] & alike[b], (a, b)


_MONTH_PIECES = sorted(metadata.month_names())


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_MONTH_PIECES + [m[:-1] for m in _MONTH_PIECES]),
            st.sampled_from([str.lower, str.title, str.upper]),
        ),
        max_size=3,
    ),
    st.lists(
        st.sampled_from([" ", ". ", "5", " 21, ", "2024", "x", "a", "D", "-", "/"]), max_size=6
    ),
)
def test_date_patterns_find_what_the_flat_month_alternation_finds(
    names: list[tuple[str, object]], glue: list[str]
) -> None:
    parts = [case(name) for name, case in names]  # type: ignore[operator]
    text = "".join(p + (glue[i] if i < len(glue) else " 3 2024 ") for i, p in enumerate(parts))
    names = metadata.month_names()
    factored = "(?P<mon>" + trie_pattern(list(names)) + ")"
    flat = "(?P<mon>" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    for pattern in metadata._date_patterns():
        old = re.compile(pattern.pattern.replace(factored, flat), pattern.flags)
        assert ("(?P<mon>" in old.pattern) == (flat in old.pattern)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in old.finditer(text)]
        assert [m.groupdict() for m in pattern.finditer(text)] == [
            m.groupdict() for m in old.finditer(text)
        ]


@SETTINGS
@given(_text([" ", "  ", "\t", "»", "›", ">", "▸", "→", "/", "-", " - ", "Home", "News", "a b c"]))
def test_crumb_patterns_match_only_where_their_signs_stand(text: str) -> None:
    # `crumbed` searches a pattern only in a line that holds one of its signs.
    from storytrace.clean import text_headline

    if text_headline._ARROWS.search(text):
        assert any(sign in text for sign in "»›>▸→")
    if text_headline._SLASHES.search(text):
        assert "/" in text


_OLD_CUE_HINTS = re.compile(
    r"\b[Bb][Yy](?:\b|(?=[A-Z][a-z]))|^[^\w\n]*(?i:von|par|por|di|door|aut|text|reporter)",
    re.M,
)


class _Line:
    def __init__(self, text: str) -> None:
        self.text = text


@SETTINGS
@given(
    st.lists(
        _text(["by", "By", "BY", "x", "é", "1", "_", " ", "-", "— ", "von ", "Reporter", "stand"]),
        max_size=6,
    )
)
def test_byline_hints_match_the_pattern_with_a_leading_boundary(texts: list[str]) -> None:
    from bisect import bisect_right
    from itertools import accumulate

    from storytrace.clean.text_byline import _has_cue_hint, _hinted

    joined = "\n".join(texts)
    ends = list(accumulate(len(t) + 1 for t in texts))
    plain = {bisect_right(ends, m.start()) for m in _OLD_CUE_HINTS.finditer(joined)}
    assert _hinted([_Line(t) for t in texts], range(len(texts))) == plain
    assert [_has_cue_hint(t) for t in texts] == [i in plain for i in range(len(texts))]


_GAPS = [" ", "  ", "   ", "    ", "\t", "\x1f", "\xa0", "\u3000", "a", "bc", "x y", "|", ".", "é"]


@SETTINGS
@given(_text(_GAPS))
def test_two_cells_and_cells_match_their_patterns(line: str) -> None:
    assert columns._two_cells(line) == bool(columns._TWO_CELLS.search(line))
    plain = re.compile(r"\S+(?: {1,2}\S+)*")
    assert columns._cells(line) == [(m.start(), m.group()) for m in plain.finditer(line)]


_OLD_SENTENCE_SPLIT = re.compile(
    r"(?<=[.!?…])\s+(?=[\"“‘(]?[A-Z0-9À-Þ])|(?<=[.!?…][\"”’)])\s+|\s+[|·•]\s+"
)


@SETTINGS
@given(_text([".", "!", "…", '"', "”", ")", "“", "(", " ", "  ", "\t", "|", "·", "A", "é", "7"]))
def test_sentence_split_matches_the_look_behind_pattern(text: str) -> None:
    expected = [part for part in _OLD_SENTENCE_SPLIT.split(text) if part]
    assert lines.split_sentences(text) == expected


@SETTINGS
@given(_text(["a", "B", " ", "漢字", "かな", "한", "é", "1"]))
def test_word_counts_skip_the_script_search_only_for_ascii(text: str) -> None:
    cjk = len(lines._CJK.findall(text))
    words = len(lines._WORD.findall(text))
    assert lines.count_words(text) == (max(words, cjk // 2) if cjk else words)
    spaced = len(text.split())
    assert lines.spaced_words(text) == (max(spaced, cjk // 2) if cjk else spaced)


@SETTINGS
@given(_text([" ", "   ", "    ", "\t", "\n", "\r\n", "\xa0", "a", "bc", "\x1c"], 20))
def test_wide_gap_is_found_line_by_line(text: str) -> None:
    assert columns._has_wide_gap(text.splitlines()) == bool(columns._WIDE_GAP.search(text))


class _Caption:
    def __init__(self, text: str) -> None:
        self.text, self.words = text, len(text.split())


@SETTINGS
@given(
    _text(
        ["Photo", "photo credit", ": ", "/ ", "| ", "Getty Images", "AFP", ". ", "!", "?", " x"],
        10,
    )
)
def test_caption_tail_is_searched_after_the_last_sentence_end(text: str) -> None:
    from storytrace.clean import text_labels

    ln = _Caption(text)
    old = bool(
        text_labels._CAPTION_START.match(text)
        or (ln.words <= 60 and text_labels._CAPTION_TAIL.search(text))
    )
    credited = text.endswith(")") and text_labels._CAPTION_CREDIT.search(text)
    marked = ":" in text or "|" in text or "/" in text
    if ln.words >= 3 and marked and not credited:  # where the tail is looked for
        assert text_labels.is_caption(ln) == old  # type: ignore[arg-type]
    if text_labels._CAPTION_TAIL.search(text):  # only a tail with one of these is searched
        assert ":" in text or "|" in text or "/" in text


@SETTINGS
@given(_text(["a", "é", "1", "½", "²", ".", " ", "\n", "\x01", "\x1f", "\ufffd", "x y"], 60))
def test_page_text_counts_letters_and_controls_as_before(text: str) -> None:
    from storytrace.clean import text as cleaner
    from storytrace.model import Options, Page

    def refused(check: Callable[[], object]) -> str | None:
        try:
            check()
        except Exception as exc:  # the refusal and its reason
            return str(exc)
        return None

    def old() -> None:
        page_text = text
        if "  \n" in page_text:  # a converter's padding goes first (unit separators with it)
            page_text = "\n".join(map(str.rstrip, page_text.split("\n")))
        sample = page_text[:4000]
        if not page_text.strip():
            raise ValueError("empty")
        controls = len(cleaner._CONTROL.findall(sample)) + sample.count("\ufffd")
        if controls > 0.01 * len(sample):
            raise ValueError("binary")
        if sum(map(str.isalpha, sample)) < 0.4 * len("".join(sample.split())):
            raise ValueError("letters")

    page = Page.from_bytes("t", text.encode("utf-8", "surrogatepass"), "text/plain", text=text)
    new = refused(lambda: cleaner._page_text(page, Options()))
    expected = refused(old)
    assert (new is None) == (expected is None)
    if expected is not None:
        assert new is not None and expected in new


_OLD_STRONG = re.compile(r"(\*\*|__)(?<![\w*]\*\*)(?<![\w*]__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
"""Bold as one alternation of both marks: what `strong_read` replaced."""


@SETTINGS
@given(_text(["**", "__", "*", "_", "a", "b c", " ", "\n", "x**", "**y"], max_size=16))
def test_strong_read_reads_what_the_alternation_reads(text: str) -> None:
    assert markdown.strong_read(text) == _OLD_STRONG.sub(r"\2", text)


def _prose_sample_splitting_every_line(text: str) -> str:
    candidates = [words for line in text.splitlines() if len(words := line.split()) >= 8]
    parts: list[str] = []
    size = 0
    for words in sorted(candidates, key=len, reverse=True):
        part = " ".join(words)[: clean_text.SAMPLE_LINE_CHARS]
        parts.append(part)
        size += len(part)
        if size >= 2000:
            break
    return "\n".join(parts) or " ".join(text[:4000].split())


# Lines of 30 and 31 words, long (split first) and short (59 characters: split only when
# they could enter the sample), that fill the sample in a few lines (300 characters each).
_SAMPLE_LINES = [
    " ".join(["longerword"] * 30),
    " ".join(["longerword"] * 31),
    " ".join(["a"] * 30),
    " ".join(["word"] * 8),
    "a  b c",
    "x" * 70,
]


@SETTINGS
@given(st.lists(st.sampled_from(_SAMPLE_LINES), max_size=40).map("\n".join))
def test_prose_sample_splits_short_lines_only_when_they_could_enter(text: str) -> None:
    assert clean_text._prose_sample(text) == _prose_sample_splitting_every_line(text)


@SETTINGS
@given(_text(["a", " ", "é", "’", "—", "漢字", "かな", "한", "\u3000", "\ud800", "\U0001f600"]))
def test_script_check_finds_what_the_pattern_finds(text: str) -> None:
    assert lines.has_cjk(text) == (lines._CJK.search(text) is not None)


@SETTINGS
@given(
    st.lists(
        _text(["a", "bc", "é", " ", "  ", "\t", "\xa0", "\u2003", "\x1c", "\x0b", "\x85"], 10),
        max_size=12,
    ).map("\n".join)
)
def test_lines_collapse_blanks_as_splitting_them_does(text: str) -> None:
    expected = [" ".join(row.split()) for row in text.splitlines()]
    raws = [ln.raw for ln in lines.page_lines(text, frozenset({"a"}))]
    assert raws == [row for row in expected if row]


@SETTINGS
@given(_text(["a", "bc", " ", "   ", "\n", "x y z " * 30], 20))
def test_page_lines_from_the_callers_split_are_the_lines_of_the_text(text: str) -> None:
    stop = frozenset({"a"})
    assert lines.page_lines(text, stop, text.splitlines()) == lines.page_lines(text, stop)


@SETTINGS
@given(_text(["a", "bc", " ", "  ", "\n", "\n\n", "# ", "* ", "x y z " * 30, "**b**"], 30))
def test_empty_lines_read_as_blank_lines(text: str) -> None:
    stop = frozenset({"a", "the"})
    spaced = "\n".join(line or " " for line in text.split("\n"))
    assert lines.page_lines(text, stop) == lines.page_lines(spaced, stop)


@SETTINGS
@given(_text(["]", "(", "](", "*", "**", "_", "__", "a", " ", "\n", "\\", "é"], 20))
def test_markdown_signs_found_as_by_the_two_character_searches(text: str) -> None:
    signs = "](" in text or "**" in text or "__" in text
    assert markdown.is_markdown(text) == (
        signs
        or ("_" in text and markdown._ITALIC.search(text) is not None)
        or ("\\" in text and markdown._ESCAPE.search(text) is not None)
    )
