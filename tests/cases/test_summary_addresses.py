"""Case summaries are read by panel partners and the agreement keeps addresses with the owner
(issue 11 item 6): a summary can be changed, with the address warning, and summaries written before
the warning existed are found and listed for the owning agency to correct."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.cases.models import Case
from csphub.core.concurrency import VERSION_FIELD

pytestmark = pytest.mark.django_db


def _version(client: Any, url: str) -> str:
    """The version the edit form was read at (its hidden field)."""
    match = re.search(rf'name="{VERSION_FIELD}"[^>]*value="([^"]*)"', client.get(url).content.decode())
    assert match is not None
    return match.group(1)


def test_old_summaries_with_an_address_are_listed_for_the_owning_agency(
    make_case: Any, client_as: Any
) -> None:
    with_postcode = make_case(summary="Noise from DE5 3ZZ")
    with_flat = make_case(summary="Shouting at Flat 4")
    clean = make_case(summary="Noise after midnight, 2 nights a week")
    police_case = make_case("police_caseworker", summary="Threats at 12 Example Row")
    page = client_as("avbc_caseworker").get(reverse("cases:summaries_to_check")).content.decode()
    listed = page[page.index('data-testid="summaries-to-check"') :]
    assert with_postcode.reference in listed and "DE5 3ZZ" in listed
    assert with_flat.reference in listed and "Flat 4" in listed
    assert clean.reference not in listed
    assert police_case.reference not in listed  # another agency's case: not theirs to see or change


def test_the_page_is_for_roles_that_change_cases(client_as: Any) -> None:
    assert client_as("avbc_analyst").get(reverse("cases:summaries_to_check")).status_code == 403
    assert client_as("avbc_caseworker").get(reverse("cases:summaries_to_check")).status_code == 200


def test_changing_a_summary_warns_once_about_an_address_then_saves(make_case: Any, client_as: Any) -> None:
    case = make_case(summary="Noise from DE5 3ZZ")
    client = client_as("avbc_caseworker")
    url = reverse("cases:case_summary_change", args=[case.pk])
    data = {"summary": "Noise from a neighbour at 12 Example Row", VERSION_FIELD: _version(client, url)}
    warned = client.post(url, data).content.decode()
    assert 'data-testid="address-warning"' in warned
    assert Case.objects.get(pk=case.pk).summary == "Noise from DE5 3ZZ"
    assert client.post(url, {**data, "summary": "Noise from a neighbour"}).status_code == 302
    assert Case.objects.get(pk=case.pk).summary == "Noise from a neighbour"
    event = AuditEvent.objects.get(verb="case.summary_changed")
    assert "summary" in str(event.changed_fields) and "neighbour" not in str(event.changed_fields)


def test_a_stale_summary_form_does_not_overwrite_a_newer_summary(make_case: Any, client_as: Any) -> None:
    case = make_case(summary="Noise")
    client = client_as("avbc_caseworker")
    url = reverse("cases:case_summary_change", args=[case.pk])
    version = _version(client, url)
    assert client.post(url, {"summary": "Noise at night", VERSION_FIELD: version}).status_code == 302
    stale = client.post(url, {"summary": "Music", VERSION_FIELD: version})
    assert stale.status_code == 200
    assert Case.objects.get(pk=case.pk).summary == "Noise at night"


def test_another_agency_cannot_change_the_summary(make_case: Any, client_as: Any) -> None:
    case = make_case("police_caseworker", summary="Threats")
    assert (
        client_as("avbc_caseworker").get(reverse("cases:case_summary_change", args=[case.pk])).status_code
        == 404
    )


def _warning(page: str) -> str:
    """The text of the existing-summary warning on a page ('' when there is none)."""
    marker = 'data-testid="summary-address-warning"'
    if marker not in page:
        return ""
    start = page.index(marker)
    return page[start : page.index("</div>", start)]


def test_an_old_summary_with_an_address_is_flagged_where_caseworkers_work(
    make_case: Any, client_as: Any
) -> None:
    """A summary written before the warning existed is flagged when its owner opens the case, its
    Sharing page or the page to share it: not only when a summary is written."""
    old = make_case(summary="Noise from DE5 3ZZ")
    clean = make_case(summary="Noise after midnight")
    client = client_as("avbc_caseworker")
    change = reverse("cases:case_summary_change", args=[old.pk])
    for name in ("cases:case_detail", "cases:case_sharing", "cases:case_share_new"):
        warned = _warning(client.get(reverse(name, args=[old.pk])).content.decode())
        assert "DE5 3ZZ" in warned and f'href="{change}"' in warned, name
        assert _warning(client.get(reverse(name, args=[clean.pk])).content.decode()) == "", name


def test_the_sharing_pages_also_look_for_the_cases_own_addresses(
    client_as: Any, persona: Any, make_incident: Any
) -> None:
    """A house name recorded for the case is no pattern: the Sharing pages (read once, no budget)
    compare with the case's addresses too; the case page (a fixed query budget) the patterns only."""
    from csphub.cases import services
    from csphub.people.services import address_create

    actor = persona("avbc_caseworker")
    home = address_create(actor=actor, line_1="Rose Cottage", town="Ripley", postcode="DE5 3ZZ")
    case = services.case_open(
        actor=actor, incidents=[make_incident(address=home)], summary="Shouting outside Rose Cottage"
    )
    client = client_as("avbc_caseworker")
    for name in ("cases:case_sharing", "cases:case_share_new"):
        assert "Rose Cottage" in _warning(client.get(reverse(name, args=[case.pk])).content.decode()), name
    assert _warning(client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()) == ""


def test_a_partner_who_cannot_change_the_summary_is_not_asked_to(
    make_case: Any, client_as: Any, persona: Any, world: Any
) -> None:
    from csphub.cases import services

    case = make_case(summary="Noise from DE5 3ZZ")
    services.case_share(
        actor=persona("avbc_caseworker"), case=case, agency=world.agencies["police"],
        agreement=world.asb_isa, reason="Joint working", scope="summary",
    )  # fmt: skip
    page = client_as("police_caseworker").get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200 and _warning(page.content.decode()) == ""
