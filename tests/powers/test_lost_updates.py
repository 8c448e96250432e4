"""No lost updates on the steps that change an existing power (security review finding 1).

Every step on a power goes question page → check answers → confirm. Two officers open the same
step; the first confirms; the second's confirmation, from the page read before, is refused with a
GOV.UK error naming what changed, and the power keeps the first officer's step.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.core.concurrency import VERSION_FIELD
from csphub.powers.models import PowerUse
from csphub.powers.rules import PSPO_CONSULTEES, Status
from tests.powers.test_pages import cpn_for, iso, make_setup, submit, today
from tests.powers.test_pages_lifecycle import pspo_expiring_soon
from tests.versions import form_version

pytestmark = pytest.mark.django_db


def _conflict_box(body: str) -> str:
    assert 'data-testid="edit-conflict"' in body and "Your changes have not been saved" in body
    return body.split('data-testid="edit-conflict"', 1)[1].split("</ul>", 1)[0]


def _variation(**changes: Any) -> dict[str, Any]:
    return {
        "issuer_capacity": "local_authority",
        "varied_on": iso(today()),
        "locality": "Heanor town centre",
        "requirements": "No consumption of alcohol when asked to stop",
        "consultation_done": list(PSPO_CONSULTEES),
        "publicised": "on",
        "expression_assembly_regard": "Protest and street preaching remain lawful in the area",
        "two_tier": "on",
        "parished": "on",
    } | changes


def test_a_step_confirmed_on_a_stale_page_is_refused(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    pspo = pspo_expiring_soon(s)
    url = reverse("powers:pspo_vary", args=[pspo.pk])
    other = client_as("avbc_team_manager")
    stale = _variation(requirements="No alcohol and no amplified music") | {
        VERSION_FIELD: form_version(other, url)
    }
    # The first officer varies the restricted area (question page, check answers, confirm).
    assert (
        submit(s.client, url, _variation(locality="Heanor town centre and Market Street")).status_code == 302
    )
    # The second confirms a variation of the requirements from the page read before.
    response = other.post(url, stale | {"step": "confirm"})
    assert response.status_code == 200
    changed = _conflict_box(response.content.decode())
    assert "Status" in changed and "Restricted area" in changed
    pspo.refresh_from_db()
    assert pspo.locality == "Heanor town centre and Market Street"
    assert pspo.requirements == "No consumption of alcohol when asked to stop"
    assert len(pspo.details["variations"]) == 1
    assert AuditEvent.objects.filter(verb="pspo.varied", target_id=str(pspo.pk)).count() == 1


def test_the_check_answers_step_also_refuses_a_stale_page(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    pspo = pspo_expiring_soon(s)
    url = reverse("powers:pspo_vary", args=[pspo.pk])
    other = client_as("avbc_team_manager")
    stale = _variation(requirements="No alcohol and no amplified music") | {
        VERSION_FIELD: form_version(other, url)
    }
    assert (
        submit(s.client, url, _variation(locality="Heanor town centre and Market Street")).status_code == 302
    )
    # Asking for the check-answers page (the rehearsal) is refused the same way: no check page.
    body = other.post(url, stale).content.decode()
    _conflict_box(body)
    assert 'name="step" value="confirm"' not in body
    # The page now carries the current version: checking the answers again goes ahead.
    assert (
        'name="step" value="confirm"'
        in other.post(url, stale | {VERSION_FIELD: form_version(other, url)}).content.decode()
    )
    pspo.refresh_from_db()
    assert pspo.requirements == "No consumption of alcohol when asked to stop"


def test_a_step_no_longer_possible_is_refused_with_the_reason(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    cpn = cpn_for(s)
    appeal = reverse("powers:cpn_appeal", args=[cpn.pk])
    other = client_as("avbc_team_manager")
    stale = {"lodged_on": iso(today()), VERSION_FIELD: form_version(other, appeal), "step": "confirm"}
    assert (
        s.client.post(reverse("powers:withdraw", args=[cpn.pk]), {"reason": "Wrong flat"}).status_code == 302
    )
    body = other.post(appeal, stale).content.decode()
    assert 'data-testid="step-blocked"' in body and "is withdrawn" in body
    cpn.refresh_from_db()
    assert cpn.status == Status.WITHDRAWN
    assert not AuditEvent.objects.filter(verb="cpn.appealed", target_id=str(cpn.pk)).exists()


def test_withdrawal_from_a_stale_page_is_refused(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    cpn = cpn_for(s)
    url = reverse("powers:withdraw", args=[cpn.pk])
    other = client_as("avbc_team_manager")
    stale = {"reason": "Changed our mind", VERSION_FIELD: form_version(other, url)}
    appeal = reverse("powers:cpn_appeal", args=[cpn.pk])
    answers = {"lodged_on": iso(today())}
    assert s.client.post(appeal, answers).status_code == 200  # check answers
    assert s.client.post(appeal, answers | {"step": "confirm"}).status_code == 302
    response = other.post(url, stale)
    assert response.status_code == 200
    assert "Status" in _conflict_box(response.content.decode())
    cpn = PowerUse.objects.get(pk=cpn.pk)
    assert cpn.status == Status.APPEALED
    assert not AuditEvent.objects.filter(verb="cpn.withdrawn", target_id=str(cpn.pk)).exists()
