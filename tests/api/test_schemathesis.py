"""Schemathesis over the OpenAPI schema, bounded, as a normal test (security review finding 11).

Every operation is called with generated inputs (valid and invalid: huge integers, odd Unicode,
NUL bytes, negative offsets) by a signed-in API client, through the WSGI application: no server
error, and every response matches the schema (status code, content type, body).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25  # per operation: bounded, so `make test` stays quick


@pytest.fixture
def api_token(persona: Any) -> str:
    from csphub.api.services import api_token_issue

    _, secret = api_token_issue(actor=persona("avbc_caseworker"), name="schemathesis")
    return str(secret)


@pytest.fixture
def api_schema(api_token: str) -> Iterator[Any]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from csphub.config.wsgi import application

    # As Django's test client does: the test's transaction must survive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", application, headers={"Authorization": f"Bearer {api_token}"}
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_api_has_no_server_errors_and_keeps_to_its_schema(api_schema: Any, api_token: str) -> None:
    headers = {"Authorization": f"Bearer {api_token}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(headers=headers)

        call()
