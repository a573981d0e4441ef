"""Property-based tests of the REST API from its own OpenAPI schema (schemathesis).

Requests are generated from ``/openapi.json`` and sent in-process to the app; every
answer must be a documented status with a body that matches its documented schema,
and none may be a server error. POST /api/urls is left out: it would resolve
generated host names over the network.

The schema is loaded when the module is imported (schemathesis's lazy fixture
loader does not work with this pytest), so the app is made then, over a store path
that ``_store`` fills with a copy of the test store before the first request.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsfuse.store import Store
from newsfuse.web.app import create_app
from newsfuse.web.config import WebConfig

# Examples per operation: enough to reach each parameter's edges, few enough that the
# whole file runs in well under a minute.
MAX_EXAMPLES = 25
# The first brief loads spaCy and composes: seconds alone, longer beside other test
# workers, so more than schemathesis's default of 10 s per request.
REQUEST_TIMEOUT_S = 120

_FOLDER = Path(tempfile.mkdtemp(prefix="newsfuse-api-schema-"))
app = create_app(WebConfig(db=_FOLDER / "news.db"), warm_briefs=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path="/api/urls")


@pytest.fixture(scope="module", autouse=True)
def _store(web_source_db: Path) -> Iterator[None]:
    """The app's store: a copy of the test store, removed with the app's worker after."""
    with Store.open(web_source_db) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(web_source_db, _FOLDER / "news.db")
    yield
    app.state.jobs.stop()
    shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case: schemathesis.Case[Any]) -> None:
    # Whether a schema-valid file or record holds an article (a PNG, a page of menus, a
    # one-word text) is ingest's reader's call, not the schema's: POST /api/articles may
    # answer such a request 422 (documented, with each item's reason).
    ingest = case.method.upper() == "POST" and case.path == "/api/articles"
    case.call_and_validate(
        timeout=REQUEST_TIMEOUT_S, excluded_checks=[positive_data_acceptance] if ingest else None
    )
