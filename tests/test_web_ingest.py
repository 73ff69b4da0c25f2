"""Adding pages through the web form: background ingest, a status page, then the articles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings
from storytrace.web.jobs import safe_suffix
from storytrace.web.pages import display_name

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import NEWSROOM
except ModuleNotFoundError:
    from tests.test_web_support import NEWSROOM

PAGE = """Ferry crews return after two-day stoppage

By Lena Ostrova
March 5, 2025 9:30 AM

Ferry crews on the Velmora crossing returned to work on Wednesday after a two-day \
stoppage over rosters, the operator said.

"We have a roster we can live with," union delegate Piet Hals told reporters at the terminal.

The operator said in a statement that the first sailing left on time.
"""


def wait_for(client: TestClient, url: str, bound: float = 300) -> str:
    """The job page once the job has finished (the loop is bounded, not a timing check)."""
    deadline = time.monotonic() + bound
    while True:
        html = client.get(url).text
        if 'data-status="done"' in html or 'data-status="failed"' in html:
            return html
        assert 'http-equiv="refresh"' in html, "a running job's page refreshes itself"
        assert time.monotonic() < deadline, "the ingest job did not finish"
        time.sleep(0.2)


@pytest.fixture
def client(tmp_path: Path):
    settings = WebSettings(db=tmp_path / "new.db", allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as c:
        yield c


def test_upload_and_paste_are_ingested_in_the_background(client, tmp_path):
    html_page = next(NEWSROOM.glob("*.html"))
    response = client.post(
        "/ingest",
        files=[
            ("files", ("../../etc/ferry.txt", PAGE.encode(), "text/plain")),
            ("files", (html_page.name, html_page.read_bytes(), "text/html")),
            ("files", ("empty.txt", b"", "text/plain")),
        ],
        data={"text": PAGE.replace("Ferry crews", "Tram drivers")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    job_url = response.headers["location"]
    html = wait_for(client, job_url)
    assert 'data-status="done"' in html
    # The name the browser sent is cut to its last part, a label: never used as a path.
    assert "ferry.txt" in html and "../../etc" not in html and "pasted text" in html
    assert "empty.txt" in html and "empty input" in html  # recorded, not silently dropped
    assert not (tmp_path.parent.parent / "etc" / "ferry.txt").exists()
    with Store(tmp_path / "new.db") as store:
        assert store.counts()["articles"] == 3
        ids = store.article_ids()
        sources = {row["source"] for row in store.inputs()}
    assert "upload:ferry.txt" in sources and f"upload:{html_page.name}" in sources
    for article_id in ids:
        assert f'href="/articles/{article_id}"' in html
    article = client.get(f"/articles/{ids[0]}").text
    assert "Ferry crews" in article and 'class="statement"' in article
    assert job_url.rsplit("/", 1)[1] in client.get("/ingest").text


def test_a_job_id_is_only_looked_up_never_used_as_a_path(client):
    for job in ["0" * 32, "..%2F..%2Fetc%2Fpasswd", "x" * 64]:
        assert client.get(f"/ingest/{job}").status_code == 404
    assert client.get("/ingest/" + "y" * 65).status_code == 422


def test_an_empty_form_is_a_400_with_the_form_again(client):
    response = client.post("/ingest", data={"text": ""})
    assert response.status_code == 400
    assert "choose at least one file" in response.text and "<form" in response.text


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("page.html", ".html"),
        ("page.HTML.gz", ".html.gz"),
        ("feed.jsonl", ".jsonl"),
        ("../../x.txt", ".txt"),
        ("evil.sh", ""),
        ("noext", ""),
        ("a.txt/..", ""),
    ],
)
def test_uploads_keep_only_a_known_suffix(name, suffix):
    assert safe_suffix(name) == suffix


def test_uploads_are_recorded_under_their_own_name_never_as_a_path():
    from storytrace.web.jobs import upload_label

    assert upload_label("first.txt", 1) == "upload:first.txt"
    assert upload_label("../../etc/passwd", 2) == "upload:passwd"
    assert upload_label("C:\\docs\\page.html", 3) == "upload:page.html"
    assert upload_label("\x00\x01", 4) == "upload:004"
    assert display_name("upload:feed.jsonl:3") == "feed.jsonl:3"
