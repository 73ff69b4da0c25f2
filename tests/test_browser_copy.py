"""The extraction benchmark's browser copy: what select-all and copy gives in Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import browser_copy
from benchmarks.extraction import converter_available

PAGE = """<!doctype html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Ferry fares frozen | The Harbour Post</title>
<style>.gone { display: none }</style>
<script>document.write("SCRIPTMARKER")</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Ferry fares frozen for a year</h1>
<p class="gone">HIDDENMARKER</p>
<table><tr><td>Fares</td><td>Routes</td></tr></table>
<p>The council’s transport chief said fares would stay at €4.</p>
</body></html>"""


@pytest.fixture(scope="module")
def copied() -> str:
    why_not = browser_copy.missing()
    if why_not:
        pytest.fail(f"{why_not}: the benchmark's browser copy is tested where CI installs it")
    return browser_copy.copied_text(PAGE)


def test_the_copy_is_the_visible_body_text(copied: str) -> None:
    lines = copied.splitlines()
    assert "Ferry fares frozen for a year" in lines
    assert "Ferry fares frozen | The Harbour Post" not in copied  # the tab's title is no text
    assert "HIDDENMARKER" not in copied
    assert "SCRIPTMARKER" not in copied  # scripts are off, as in a saved page
    assert "Fares\tRoutes" in lines  # a table's cells parted by a tab
    # The selection's text, as copied: no blank line before a paragraph (innerText has one).
    assert "Fares\tRoutes\nThe council’s" in copied


def test_a_pages_own_latin1_declaration_does_not_garble_the_utf8_it_is_given(
    copied: str,
) -> None:
    assert "The council’s transport chief said fares would stay at €4." in copied.splitlines()


def test_the_browser_is_an_optional_converter() -> None:
    assert converter_available("chromium") == browser_copy.missing()
    assert converter_available("inscriptis") is None
