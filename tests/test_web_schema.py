"""The JSON API against its own OpenAPI schema: generated requests never get a 5xx.

schemathesis calls the app in process (ASGI), with a modest number of examples per
operation, over the store built from the example corpus and the hostile pages.
"""

from __future__ import annotations

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from storytrace.web.app import create_app
from storytrace.web.context import WebSettings

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import HandStories, corpus_db
except ModuleNotFoundError:
    from tests.test_web_support import HandStories, corpus_db

DB = corpus_db()
APP = create_app(
    WebSettings(db=DB, allowed_hosts=("testserver", "localhost", "127.0.0.1")),
    store_factory=lambda: HandStories(DB),
)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        assert response.json()["detail"], "every error says what was wrong"


PAGES = ["/", "/search", "/articles", "/entities", "/entities/1", "/stories/1", "/articles/1"]
PARAMS = ["q", "offset", "said", "sort", "outlet", "entity", "since", "until", "kind"]
AWKWARD = ['"', "*", "NEAR(", "a OR", "^x", "x:y", "\x00", "-1", "body:said", "NOT said"]
PAGE_CLIENT = TestClient(APP, raise_server_exceptions=False)
"""The HTML pages, which the OpenAPI schema above does not cover."""


@given(
    st.sampled_from(PAGES),
    st.dictionaries(
        st.sampled_from(PARAMS),
        st.one_of(
            st.text(max_size=30),
            st.integers(-(10**20), 10**20).map(str),
            st.sampled_from(AWKWARD),
        ),
    ),
)
@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_no_page_request_gets_a_server_error(path, params):
    response = PAGE_CLIENT.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])
    if response.status_code >= 400:
        assert 'class="error"' in response.text, "every error page says what was wrong"
