"""A browser's copy of a page's text: what a user gets from select-all and copy.

Headless Chromium, driven by Selenium, opens the page from a file with scripts, images and
the network off (as a saved page opens), selects all and reads the selection's text: the
text copying it puts on the clipboard, laid out by the browser (block boxes on lines of
their own, a blank line after a paragraph but none around a heading, table cells parted by
tabs, hidden elements left out). `document.body.innerText` differs only in putting a blank
line before each paragraph too. It needs Debian's `chromium` and `chromium-driver`; the
extraction benchmark measures it only where they are installed.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "chromedriver"
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
)
"""Chromium without a screen, a sandbox or any call home (the web UI's browser tests use
them too)."""
FLAGS = (
    *HEADLESS,
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a saved page's remote parts fail at once
    "--blink-settings=imagesEnabled=false",
    "--window-size=1280,900",
)
LOAD_SECONDS = 30
"""A page that takes longer to load is read as far as it got."""
_BROWSER: dict[str, Any] = {}


def missing() -> str | None:
    """None when the browser can run here, else what is missing."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMEDRIVER) is None:
        return "chromium is not installed (Debian packages chromium, chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def _driver() -> Any:
    """One browser for the whole run (starting one costs a second), closed at exit."""
    if "driver" not in _BROWSER:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
        driver = webdriver.Chrome(service=Service(shutil.which(CHROMEDRIVER)), options=options)
        driver.set_page_load_timeout(LOAD_SECONDS)
        folder = Path(tempfile.mkdtemp(prefix="storytrace-copy-"))
        _BROWSER.update(driver=driver, page=folder / "page.html")
        atexit.register(_close)
    return _BROWSER["driver"]


def _close() -> None:
    driver = _BROWSER.pop("driver", None)
    if driver is not None:
        driver.quit()
        shutil.rmtree(_BROWSER["page"].parent, ignore_errors=True)


def copied_text(html: str) -> str:
    """The text of a page as a browser copies it after select-all."""
    from selenium.common.exceptions import TimeoutException

    driver = _driver()
    page: Path = _BROWSER["page"]
    # A byte-order mark: the page's own charset declaration (often Latin-1 on old pages)
    # must not re-decode the UTF-8 the benchmark writes.
    page.write_text("\ufeff" + html, encoding="utf-8")
    with contextlib.suppress(TimeoutException):  # read what loaded
        driver.get(page.as_uri())
    return driver.execute_script(_SELECT_ALL) or ""


_SELECT_ALL = """
if (!document.body) return "";
const selection = window.getSelection();
const range = document.createRange();
range.selectNodeContents(document.body);
selection.removeAllRanges();
selection.addRange(range);
const text = selection.toString();
selection.removeAllRanges();
return text;
"""
"""Select the whole body, as a user does with a click on the page and Ctrl+A (the editing
command "selectAll" selects inside a search box that took the focus, and copies nothing of
the page)."""
