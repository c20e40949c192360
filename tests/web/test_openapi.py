"""The OpenAPI schema holds: a property-based run with schemathesis over every documented operation.

Schemathesis reads /api/v1/openapi.json from the app, generates requests from it (valid ones, and invalid ones
that must be refused with 4xx) and checks each answer: no server error, a documented status code and content
type, a body that matches the documented schema.
"""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


@pytest.fixture(scope="module")
def api_schema(read_only_app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", read_only_app)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SETTINGS = hypothesis.settings(
    max_examples=10,
    deadline=None,
    derandomize=True,  # the same examples on every run
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


def _operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_api_matches_its_schema(api_schema, mode):
    # schemathesis' own pytest plugin does not run under this pytest, so each operation's strategy is driven
    # with hypothesis directly: the same generation and the same checks.
    operations = _operations(api_schema)
    assert len(operations) == 6
    calls = []
    for operation in operations:

        @SETTINGS
        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call_and_validate(checks=CHECKS)
            calls.append((operation.label, response.status_code))

        run()
    statuses = {code for _, code in calls}
    assert statuses <= {200, 400, 403, 404, 413, 422}
    if mode is schemathesis.GenerationMode.POSITIVE:
        assert 200 in statuses and 403 in statuses  # lists answer; ingest is refused without a token


def test_schema_documents_every_endpoint(read_only_app):
    paths = read_only_app.openapi()["paths"]
    assert set(paths) == {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/quotes",
        "/api/v1/entities/{key}",
        "/api/v1/search",
    }
    assert set(paths["/api/v1/articles"]) == {"get", "post"}
    post = paths["/api/v1/articles"]["post"]
    assert post["security"] == [{"bearer": []}]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/IngestIn"}
    sizes = [p for op in paths.values() for m in op.values() for p in m.get("parameters", []) if p["name"] == "size"]
    assert sizes and all(p["schema"]["maximum"] == 100 for p in sizes)
