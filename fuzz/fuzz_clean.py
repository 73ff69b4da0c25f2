"""Fuzz the cleaners: any text, as a text page or an HTML page, gives an Article or a
NoArticle / InputError naming the page, and an Article that holds together.

    python fuzz/fuzz_clean.py [libFuzzer options] [corpus folder]
    python fuzz/fuzz_clean.py -max_total_time=60 fuzz/corpus

Needs atheris (`pip install atheris`); `tests/test_reliability_fuzz.py` runs it briefly in CI.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["storytrace"]):
    from storytrace.clean import clean
    from storytrace.model import InputError, NoArticle, Options, Page

OPTIONS = Options(time_limit=None)
MEDIA_TYPES = ("text/plain", "text/html")


def check(page: Page) -> None:
    """The cleaner's contract for one page; an AssertionError is a finding."""
    try:
        article = clean(page, OPTIONS)
    except (NoArticle, InputError) as exc:
        assert page.source in str(exc), f"error does not name the input: {exc}"
        return
    assert article.paragraphs, "an article without paragraphs"
    assert all(p and p == p.strip() and "\n" not in p for p in article.paragraphs)
    assert article.body == "\n\n".join(article.paragraphs)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    media_type = MEDIA_TYPES[provider.ConsumeIntInRange(0, 1)]
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    check(Page.from_bytes("fuzz-page", text.encode(), media_type, text=text))


def main(argv: list[str]) -> None:
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
