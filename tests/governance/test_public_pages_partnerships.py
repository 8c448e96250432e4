"""The public pages are configured per partnership (issue #15: the privacy notice is "configured per
partnership"; "the partnership chooses whether Welsh is offered"). An installation may host several
partnerships: a public page serves the partnership of the Case Review area the visitor chose (or
the only one), lists that partnership's agencies as controllers, shows its Data Protection Officer
(the deployment's settings where it set none) and offers Welsh only if it chose to. A partnership
coordinator or administrator sets them; no one else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.core.errors import PermissionDeniedError
from csphub.governance import services

pytestmark = pytest.mark.django_db


def _controllers(body: str) -> str:
    """The list of controllers on the privacy notice."""
    start = body.index('data-testid="controllers"')
    return body[start : body.index("</ul>", start)]


@pytest.fixture
def two(world: Any, settings: Any) -> Any:
    """Amber Valley and Erewash, each with a Case Review area; Erewash has a council of its own."""
    from csphub.agencies.models import Agency, Partnership
    from csphub.casereviews.models import CaseReviewArea

    settings.CSPHUB_OFFER_WELSH = False
    amber = Partnership.objects.get(code="E22000037")
    erewash = Partnership.objects.get(code="E22000042")
    erewash_council = Agency.objects.create(
        name="Erewash Borough Council", short_name="EBC", slug="ebc", agency_type="district_council"
    )
    erewash.agencies.add(erewash_council)
    for name, agency, partnership in (
        ("Amber Valley", world.agencies["avbc"], amber),
        ("Erewash", erewash_council, erewash),
    ):
        CaseReviewArea.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            managing_agency=agency,
            partnership=partnership,
            contact_team="Community Safety Team",
            contact_email="cs@example.org",
            contact_phone="01773 000000",
            appeal_body_name="the PCC",
        )
    amber.dpo_name = "Information Governance Lead, Amber Valley Borough Council"
    amber.dpo_email = "dpo@amber.example.org"
    amber.offer_welsh = True
    amber.save()

    class Two:
        pass

    Two.amber, Two.erewash, Two.erewash_council = amber, erewash, erewash_council
    return Two


def test_the_visitor_chooses_the_area_and_sees_its_partnerships_notice(client: Any, two: Any) -> None:
    url = reverse("governance:privacy")
    body = client.get(url).content.decode()
    assert 'data-testid="choose-area"' in body
    assert 'data-testid="controllers"' not in body  # no partnership's notice until one is chosen

    amber = client.get(url, {"area": "amber-valley"}).content.decode()
    assert "dpo@amber.example.org" in amber and "Information Governance Lead" in amber
    assert "Amber Valley Borough Council" in _controllers(amber)
    assert "Erewash Borough Council" not in amber  # not one of the partnership's agencies
    assert "Amber Valley Community Safety Partnership" in amber
    # The choice is remembered: the next visit shows the same partnership's notice.
    assert "dpo@amber.example.org" in client.get(url).content.decode()

    erewash = client.get(url, {"area": "erewash"}).content.decode()
    assert "Erewash Borough Council" in _controllers(erewash)
    assert "Amber Valley Borough Council" not in _controllers(erewash)
    # Erewash set nothing: the deployment's Data Protection Officer and retention stand.
    assert "dpo@ambervalley.example.org" in erewash and "dpo@amber.example.org" not in erewash
    assert "6 years after the case is closed" in erewash


def test_welsh_is_offered_where_the_partnership_chose_it(client: Any, two: Any) -> None:
    url = reverse("governance:privacy")
    amber = client.get(url, {"area": "amber-valley"}).content.decode()
    assert 'data-testid="language-switch"' in amber
    erewash = client.get(url, {"area": "erewash"}).content.decode()
    assert 'data-testid="language-switch"' not in erewash
    assert client.get(url, {"lang": "cy"}).headers.get("Content-Language") is None
    # The Case Review journey's area choice decides it too.
    other = type(client)()
    other.post(reverse("casereviews:apply_who"), {"who": "self", "area": "amber-valley"})
    assert 'data-testid="language-switch"' in other.get(reverse("casereviews:start")).content.decode()


def test_one_area_decides_without_asking(client: Any, two: Any) -> None:
    from csphub.casereviews.models import CaseReviewArea

    CaseReviewArea.objects.filter(slug="amber-valley").update(is_active=False)
    body = client.get(reverse("governance:privacy")).content.decode()
    assert 'data-testid="choose-area"' not in body
    assert "Erewash Borough Council" in _controllers(body)
    assert "Amber Valley Borough Council" not in _controllers(body)
    assert 'data-testid="language-switch"' not in body


def test_no_area_the_installations_partnership_and_the_deployments_welsh_setting(
    client: Any, world: Any, settings: Any
) -> None:
    from csphub.agencies.models import Partnership

    settings.CSPHUB_OFFER_WELSH = True
    body = client.get(reverse("governance:privacy")).content.decode()
    assert 'data-testid="language-switch"' in body  # the partnership has not chosen: the deployment's
    Partnership.objects.filter(code="E22000037").update(offer_welsh=False)
    body = client.get(reverse("governance:privacy")).content.decode()
    assert 'data-testid="language-switch"' not in body  # its own choice wins


def test_a_coordinator_sets_the_partnerships_public_pages(persona: Any, world: Any) -> None:
    from csphub.agencies.models import Partnership

    coordinator = persona("avbc_partnership_coordinator")
    services.public_pages_set(
        actor=coordinator,
        dpo_name="Data Protection Officer, AVBC",
        dpo_email="privacy@avbc.example.org",
        dpo_address="",
        privacy_retention="",
        offer_welsh=True,
    )
    amber = Partnership.objects.get(code="E22000037")
    assert amber.dpo_email == "privacy@avbc.example.org" and amber.offer_welsh is True
    assert amber.privacy_updated_on == timezone.localdate()
    event = AuditEvent.objects.get(verb="partnership.public_pages_set")
    assert event.target_id == str(amber.pk)
    from csphub.governance import selectors

    shown = selectors.privacy_settings(amber)
    assert shown["dpo_email"] == "privacy@avbc.example.org"
    assert shown["dpo_address"].startswith("Town Hall")  # left empty: the deployment's
    for who in ("avbc_caseworker", "avbc_team_manager", "police_caseworker"):
        with pytest.raises(PermissionDeniedError):
            services.public_pages_set(
                actor=persona(who),
                dpo_name="x",
                dpo_email="",
                dpo_address="",
                privacy_retention="",
                offer_welsh=False,
            )


def test_the_settings_page_question_check_and_save(client_as: Any, world: Any) -> None:
    from csphub.agencies.models import Partnership

    client = client_as("avbc_administrator")
    url = reverse("dataprotection:public_pages")
    page = client.get(url).content.decode()
    assert "Privacy notice and Welsh" in page and "Amber Valley Community Safety Partnership" in page
    answers = {
        "dpo_name": "DPO, Amber Valley",
        "dpo_email": "not an address",
        "dpo_address": "",
        "privacy_retention": "Six years after closure.",
        "offer_welsh": "yes",
    }
    assert "Enter an e-mail address in the correct format" in client.post(url, answers).content.decode()
    answers["dpo_email"] = "dpo@av.example.org"
    check = client.post(url, answers).content.decode()
    assert "Check the partnership" in check and "dpo@av.example.org" in check
    response = client.post(url, {**answers, "step": "confirm"})
    assert response.status_code == 302
    amber = Partnership.objects.get(code="E22000037")
    assert amber.dpo_email == "dpo@av.example.org" and amber.offer_welsh is True
    home = client.get(reverse("frontend:home")).content.decode()
    assert url in home
