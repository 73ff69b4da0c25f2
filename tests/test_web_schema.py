"""The JSON API against its own OpenAPI schema: generated requests never get a 5xx.

schemathesis calls the app in process (ASGI), with a modest number of examples per
operation, over the store built from the example corpus and the hostile pages.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
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
