"""The web UI in a real browser: headless Chromium driven by Selenium over uvicorn on loopback.

Needs Debian's `chromium` and `chromium-driver` (see README); without them these tests
fail with a message saying so. Selenium is given the driver's path, so Selenium Manager
never downloads anything. Screenshots at 375 and 1280 px go to a temporary folder, and
also to $STORYTRACE_SCREENS when that is set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from benchmarks.browser_copy import HEADLESS
from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import HandStories, corpus_db, hand_story, hostile_article_id
except ModuleNotFoundError:
    from tests.test_web_support import HandStories, corpus_db, hand_story, hostile_article_id

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTHS = {"mobile": (375, 812), "desktop": (1280, 900)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(store_class: type[Store]) -> Iterator[str]:
    """uvicorn over the example corpus's store in a thread; yields its base URL."""
    db = corpus_db()
    port = free_port()
    settings = WebSettings(db=db, allowed_hosts=("127.0.0.1",))
    app = create_app(settings, store_factory=lambda: store_class(db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The store with the hand-made story whose every name is hostile markup."""
    with serving(HandStories) as url:
        yield url


@pytest.fixture(scope="module")
def plain_url() -> Iterator[str]:
    """The store as ingested, only the stories it built itself."""
    with serving(Store) as url:
        yield url


@pytest.fixture(scope="module")
def driver(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(
            f"the browser tests need {', '.join(missing)}: install Debian's packages with "
            "`apt-get install -y chromium chromium-driver` (see README)"
        )
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in HEADLESS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens")


@pytest.fixture(scope="module")
def store():
    with Store(corpus_db()) as s:
        yield s


def busiest_entity(store: Store) -> int:
    """The entity in the most articles (an entity page with every section filled)."""
    row = store.conn.execute(
        "SELECT e.id FROM entities e JOIN mentions m ON m.entity = e.name"
        " GROUP BY e.id ORDER BY COUNT(DISTINCT m.article_id) DESC, e.id LIMIT 1"
    ).fetchone()
    assert row is not None, "the example corpus has entities"
    return row[0]


def top_speaker(store: Store) -> int:
    """The entity with the most statements (an entity page with statements to show)."""
    row = store.conn.execute(
        "SELECT e.id FROM entities e JOIN statements s ON s.speaker_entity = e.name"
        " GROUP BY e.id ORDER BY COUNT(*) DESC, e.id LIMIT 1"
    ).fetchone()
    assert row is not None, "the example corpus has statements by named entities"
    return row[0]


def size(driver: webdriver.Chrome, name: str) -> None:
    width, height = WIDTHS[name]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": name == "mobile"},
    )


def screenshot(driver: webdriver.Chrome, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    extra = os.environ.get("STORYTRACE_SCREENS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / path.name)
    return path


def assert_not_pwned(driver: webdriver.Chrome) -> None:
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.title != "pwned"  # what the hostile script would set it to


def assert_fits(driver: webdriver.Chrome) -> None:
    """No horizontal scrolling: the page is no wider than the viewport."""
    scroll, inner = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll <= inner, f"{driver.current_url} is {scroll}px wide in a {inner}px window"


def csp_violations(driver: webdriver.Chrome) -> list[str]:
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]


def test_every_page_fits_a_phone_and_a_desktop(driver, base_url, store, shots):
    story = hand_story(store)
    biggest = max(Store.story_rows(store), key=lambda r: len(r["articles"]))["story"]
    pages = {
        "stories": "/",
        "story": f"/stories/{story.id}",
        "built-story": f"/stories/{biggest}",
        "article": f"/articles/{story.articles[0]}",
        "hostile-article": f"/articles/{hostile_article_id(store)}",
        "search": "/search?q=strike",
        "entities": "/entities",
        "entity": f"/entities/{busiest_entity(store)}",
        "ingest": "/ingest",
    }
    for width in WIDTHS:
        size(driver, width)
        for name, path in pages.items():
            driver.get(base_url + path)
            assert driver.find_element(By.TAG_NAME, "h1").text
            assert_fits(driver)
            assert_not_pwned(driver)
            screenshot(driver, shots, f"{name}-{width}")
    assert len(list(shots.glob("*.png"))) == 2 * len(pages)
    assert csp_violations(driver) == []


def test_search_then_open_a_result(driver, base_url, shots):
    size(driver, "desktop")
    driver.get(base_url + "/search")
    box = driver.find_element(By.ID, "q")
    box.send_keys("quay")
    box.send_keys(Keys.ENTER)
    marks = driver.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert marks and all(m.text.lower().startswith("quay") for m in marks)
    screenshot(driver, shots, "search-results-desktop")
    first = driver.find_element(By.CSS_SELECTOR, ".results h2 a")
    headline = first.text
    first.click()
    assert "/articles/" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text == headline
    assert_not_pwned(driver)


def test_follow_a_story_to_an_article(driver, base_url, store):
    size(driver, "mobile")
    driver.get(base_url + "/")
    driver.find_element(By.CSS_SELECTOR, ".card h2 a").click()
    assert "/stories/" in driver.current_url
    svg = driver.find_element(By.CSS_SELECTOR, ".provenance svg")
    assert svg.size["width"] <= 375
    assert len(driver.find_elements(By.CSS_SELECTOR, ".provenance g.box")) == 5
    link = driver.find_element(By.CSS_SELECTOR, ".column .list a")
    headline = link.text
    link.click()
    assert "/articles/" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text == headline
    assert driver.find_elements(By.CSS_SELECTOR, ".body p")
    assert_not_pwned(driver)


def test_hostile_page_shows_its_markup_as_text_and_runs_nothing(driver, base_url, store, shots):
    size(driver, "desktop")
    driver.get(base_url + f"/articles/{hostile_article_id(store)}")
    assert_not_pwned(driver)
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("<script>window.__pwned=1")
    body = driver.find_element(By.CSS_SELECTOR, ".body").text
    assert '<img src=x onerror="window.__pwned=4">' in body.replace('\\"', '"')
    assert driver.find_elements(By.CSS_SELECTOR, ".body img, .body script, .body svg") == []
    # The javascript: URL is text, not a link; clicking every link in the body runs nothing.
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    removed = driver.find_element(By.CSS_SELECTOR, "details summary")
    removed.click()
    screenshot(driver, shots, "hostile-article-open-desktop")
    assert_not_pwned(driver)
    driver.get(base_url + f"/stories/{hand_story(store).id}")
    assert_not_pwned(driver)
    labels = driver.execute_script(
        "return [...document.querySelectorAll('.provenance text')].map(t => t.textContent)"
    )
    assert any(label.startswith("<script>window.__pwned=1") for label in labels)
    assert any(label.startswith('"><svg onload=') for label in labels)


def test_keyboard_skip_link_and_visible_focus(driver, base_url, store):
    size(driver, "desktop")
    story = hand_story(store)
    for path in [
        "/",
        f"/stories/{story.id}",
        f"/articles/{story.articles[0]}",
        f"/entities/{busiest_entity(store)}",
        "/search?q=strike",
        "/ingest",
    ]:
        driver.get(base_url + path)
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        assert active.get_attribute("class") == "skip" and active.text == "Skip to content"
        assert active.location["x"] >= 0  # shown on focus, not left off screen
        outline = driver.execute_script(
            "return getComputedStyle(document.activeElement).outlineStyle"
        )
        assert outline != "none", path
        active.send_keys(Keys.ENTER)
        assert driver.switch_to.active_element.get_attribute("id") == "main", path
        # The next Tab goes on into the page, to a control with a visible outline.
        driver.switch_to.active_element.send_keys(Keys.TAB)
        inside = driver.execute_script(
            "const e = document.activeElement; return [e.closest('main') !== null,"
            " getComputedStyle(e).outlineStyle]"
        )
        assert inside == [True, "solid"], (path, inside)
        unlabeled = driver.execute_script(
            "return [...document.querySelectorAll('input, select, textarea')]"
            ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)).length"
        )
        assert unlabeled == 0, path


def test_screenshots_for_the_docs(driver, plain_url, store, shots):
    """The five main pages at both widths, as docs/web.md shows them (to refresh those, run
    with STORYTRACE_SCREENS set and copy its doc-*.png to docs/screenshots/, less `doc-`)."""
    story = max(Store.story_rows(store), key=lambda r: len(r["articles"]))["story"]
    first = store.story(story).articles[0]
    pages = {
        "stories": "/",
        "story": f"/stories/{story}",
        "article": f"/articles/{first}",
        "entity": f"/entities/{top_speaker(store)}",
        "search": "/search?q=strike",
    }
    for width in WIDTHS:
        size(driver, width)
        for name, path in pages.items():
            driver.get(plain_url + path)
            assert_fits(driver)
            assert_not_pwned(driver)
            path = screenshot(driver, shots, f"doc-{name}-{width}")
            assert path.stat().st_size > 5_000, "a blank page makes a tiny PNG"
