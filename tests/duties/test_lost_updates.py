"""No lost updates on the duty registers' forms (security review finding 1).

The Prevent screening and the modern slavery notification are recorded on an existing record through
question → check answers → confirm. Two members of staff open the same form; the first confirms;
the second's confirmation, from the page read before, is refused with a GOV.UK error naming what
changed, and the first one's record stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Compartment
from csphub.audit.models import AuditEvent
from csphub.core.concurrency import VERSION_FIELD
from csphub.duties.models import NotificationStatus, PreventReferral, ReferralStatus
from csphub.duties.services import prevent, slavery
from tests.versions import form_version

pytestmark = pytest.mark.django_db


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _changed(response: Any) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="edit-conflict"' in body and "Your changes have not been saved" in body
    return body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]


def test_stale_prevent_screening_is_refused(actor: Any, make_member: Any, client_as: Any) -> None:
    make_member("police_caseworker", Compartment.PREVENT)
    make_member("police_team_manager", Compartment.PREVENT)
    today = timezone.localdate()
    referral = prevent.prevent_referral_make(
        actor=actor("avbc_caseworker"),
        referred_on=today,
        referrer_name="Sam Teacher",
        referrer_role="Safeguarding lead",
        referrer_contact="01773 000000",
        subject_name="Alex Lostupdate",
        concern_type="extreme_right_wing",
        concerns="Sharing extremist material",
    )
    url = reverse("duties:prevent_referral_screen", args=[referral.pk])
    a, b = client_as("police_caseworker"), client_as("police_team_manager")
    version_a, version_b = form_version(a, url), form_version(b, url)
    adopted = {"outcome": "adopted", **_date("screened_on", today), "notes": "Meets the threshold"}
    assert a.post(url, adopted | {VERSION_FIELD: version_a, "step": "confirm"}).status_code == 302
    closed = {"outcome": "closed", **_date("screened_on", today), "notes": "No concern"}
    assert "Status" in _changed(b.post(url, closed | {VERSION_FIELD: version_b, "step": "confirm"}))
    referral = PreventReferral.objects.get(pk=referral.pk)
    assert referral.status == ReferralStatus.ADOPTED and referral.screening_notes == "Meets the threshold"


def test_stale_slavery_notification_is_refused(actor: Any, client_as: Any) -> None:
    today = timezone.localdate()
    concern = slavery.slavery_concern_record(
        actor=actor("avbc_caseworker"),
        grounds_date=today,
        grounds="Dealer living at the flat",
        exploitation="criminal",
        age_basis="adult",
        consent="refused",
    )
    url = reverse("duties:slavery_notified", args=[concern.pk])
    # A concern without a case is seen by the officer who recorded it: two sessions (two tabs).
    a, b = client_as("avbc_caseworker"), client_as("avbc_caseworker")
    version_a, version_b = form_version(a, url), form_version(b, url)
    first = {**_date("notified_on", today), "home_office_reference": "DTN-1"}
    assert a.post(url, first | {VERSION_FIELD: version_a, "step": "confirm"}).status_code == 302
    second = {**_date("notified_on", today), "home_office_reference": "DTN-2"}
    changed = _changed(b.post(url, second | {VERSION_FIELD: version_b, "step": "confirm"}))
    assert "Home Office reference" in changed or "Home office reference" in changed
    concern.refresh_from_db()
    assert concern.status == NotificationStatus.NOTIFIED and concern.home_office_reference == "DTN-1"
    assert AuditEvent.objects.filter(target_id=str(concern.pk), verb__contains="notif").count() == 1


def test_stale_dhr_extension_is_refused(actor: Any, make_member: Any, client_as: Any) -> None:
    """Two review leads extend the same report's target from the same page: the second is refused."""
    from csphub.duties.models import DomesticHomicideReview
    from csphub.duties.services import dhr

    make_member("avbc_partnership_coordinator", Compartment.DOMESTIC_HOMICIDE_REVIEW)
    make_member("police_caseworker", Compartment.DOMESTIC_HOMICIDE_REVIEW)
    lead = actor("avbc_partnership_coordinator")
    today = timezone.localdate()
    review = dhr.dhr_notification_record(
        actor=lead,
        notified_on=today,
        notifying_force="Derbyshire Constabulary",
        deceased_name="Jo Lostupdate",
        relationship="partner",
        circumstances="x",
    )
    dhr.dhr_decision_record(actor=lead, review=review, decision="conduct", decided_on=today, reasons="x")
    assert review.report_due_on is not None
    url = reverse("duties:dhr_step", args=[review.pk, "extension"])
    a, b = client_as("avbc_partnership_coordinator"), client_as("police_caseworker")
    version_a, version_b = form_version(a, url), form_version(b, url)
    first_due = review.report_due_on + dt.timedelta(days=30)
    first = {**_date("agreed_on", today), **_date("new_due_on", first_due), "reason": "Inquest"}
    assert a.post(url, first | {VERSION_FIELD: version_a, "step": "confirm"}).status_code == 302
    second_due = review.report_due_on + dt.timedelta(days=90)
    second = {**_date("agreed_on", today), **_date("new_due_on", second_due), "reason": "Trial"}
    assert "Report due" in _changed(b.post(url, second | {VERSION_FIELD: version_b, "step": "confirm"}))
    review = DomesticHomicideReview.objects.get(pk=review.pk)
    assert review.report_due_on == first_due and review.extensions.count() == 1
