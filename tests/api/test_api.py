"""The JSON API obeys the policy, audits what it shows, and accepts only verified sessions or tokens."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from csphub.agencies.services import share_record
from csphub.api.services import api_token_issue, api_token_revoke
from csphub.audit.models import AuditEvent
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_token_sees_own_agency_not_others_and_is_audited(persona: Any) -> None:
    own = person_create(actor=persona("avbc_caseworker"), given_name="Own", family_name="Agency")
    other = person_create(actor=persona("police_caseworker"), given_name="Other", family_name="Agency")
    _, secret = api_token_issue(actor=persona("avbc_caseworker"), name="Housing CRM")
    client = Client()
    listing = client.get("/api/v1/people", **_bearer(secret)).json()
    ids = [p["id"] for p in listing["results"]]
    assert own.pk in ids and other.pk not in ids
    assert AuditEvent.objects.filter(verb="person.listed", target_id=str(own.pk)).count() == 1
    assert client.get(f"/api/v1/people/{other.pk}", **_bearer(secret)).status_code == 404
    assert client.get(f"/api/v1/people/{own.pk}", **_bearer(secret)).status_code == 200
    assert AuditEvent.objects.filter(verb="person.viewed", target_id=str(own.pk)).count() == 1


def test_shared_record_visible_through_api(persona: Any, world: Any) -> None:
    other = person_create(actor=persona("police_caseworker"), given_name="Shared", family_name="Person")
    share_record(
        actor=persona("police_caseworker"),
        obj=other,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="joint case",
    )
    _, secret = api_token_issue(actor=persona("avbc_caseworker"), name="x")
    assert Client().get(f"/api/v1/people/{other.pk}", **_bearer(secret)).status_code == 200


def test_revoked_or_wrong_token_is_refused(persona: Any) -> None:
    token, secret = api_token_issue(actor=persona("avbc_caseworker"), name="x")
    assert Client().get("/api/v1/people", **_bearer(secret + "x")).status_code == 401
    api_token_revoke(actor=persona("avbc_caseworker"), token=token)
    assert Client().get("/api/v1/people", **_bearer(secret)).status_code == 401


def test_unverified_session_is_refused(persona: Any) -> None:
    client = Client()
    client.force_login(persona("avbc_caseworker"), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/api/v1/people").status_code in (302, 401)


def test_token_is_stored_hashed_and_shown_once(client_as: Any) -> None:
    client = client_as("avbc_caseworker")
    response = client.post("/api/tokens/", {"name": "Housing CRM", "days": "90"})
    body = response.content.decode()
    secret = body.split('data-testid="token-secret">')[1].split("<")[0]
    from csphub.api.models import ApiToken

    token = ApiToken.objects.get()
    assert secret not in token.key_hash and token.prefix == secret[:12]
    assert secret not in client.get("/api/tokens/").content.decode()


def test_openapi_schema_is_served_offline_to_signed_in_clients_only(client_as: Any) -> None:
    # Security review, note in 25: the schema maps what the API can reveal.
    anonymous = Client().get("/api/v1/openapi.json")
    assert anonymous.status_code == 401 and "paths" not in anonymous.json()
    schema = client_as("avbc_caseworker").get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "CSP Hub API"
    assert "/api/v1/people" in schema["paths"]
