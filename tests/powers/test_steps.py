"""The step table (``powers.views.steps``): every row is consistent with its service, and the
community protection notice (s.43), once a page of its own, goes through the table like every
other step: standing blockers instead of the form, the rules' reasons on the question page, then
check answers → the service."""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pytest
from django.urls import reverse

from csphub.audit.models import AuditEvent
from csphub.powers import services, views
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from tests.powers.test_pages import make_setup, now, submit, words


def test_every_step_row_matches_its_service() -> None:
    """Form field names are the service's keyword arguments, and so is the row's subject."""
    for step in views.STEPS:
        parameters = inspect.signature(step.service).parameters
        assert "actor" in parameters, step.name
        assert step.subject in parameters, step.name
        for field in step.form.base_fields:  # type: ignore[attr-defined]
            assert field in parameters, f"{step.name}: {field} is not a keyword of {step.service.__name__}"


def test_every_step_is_routed_under_its_own_name() -> None:
    for step in views.STEPS:
        kwargs = {"pk": 1} if step.on else {"case_pk": 1}
        assert reverse(f"powers:{step.name}", kwargs=kwargs).startswith("/powers/")
    assert (
        len(views.STEP_BY_NAME) == len(views.STEPS) == 42
    )  # 25 lifecycle steps, the breach finding (s.9, Sch 2), PSPO discharge (s.61) and FPN (s.68),
    # closure extension notice (s.77(4)), cancellation/variation (s.78), continuation (s.81), appeal (s.84),
    # refusal (ss.80, 81(2)), the applicant's appeal against it and its decision (s.84(2)-(6)),
    # surrender of items and their return (s.37), PSPO publication (the 2014 publication regulations)


def test_every_step_names_the_section_of_the_act() -> None:
    for step in views.STEPS:
        assert step.section, step.name


def _warning(s: Any, *, comply_by: dt.datetime) -> PowerUse:
    return services.cpw_issue(
        actor=s.officer,
        case=s.case,
        recipient=s.adult,
        issuer_capacity="local_authority",
        conduct="Playing loud music after 11pm",
        requirements="Stop playing amplified music after 11pm",
        comply_by=comply_by,
        now=now() - dt.timedelta(days=20),
    )


@pytest.mark.django_db
def test_cpn_page_before_the_time_to_comply_shows_why_and_no_form(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    cpw = _warning(s, comply_by=now() + dt.timedelta(days=1))
    body = s.client.get(reverse("powers:cpn_new", args=[cpw.pk])).content.decode()
    assert 'data-testid="step-blocked"' in body
    assert "You cannot issue a notice yet" in body
    assert "The time to comply with the warning has not passed" in body
    assert "<form" not in body.split('data-testid="step-blocked"')[1]
    # Nothing was submitted, so nothing is "wrong": the reasons are not an error summary and the
    # title has no "Error: " (new-user review item 33).
    assert "govuk-error-summary" not in body and "<title>Error: " not in body
    # The warning's conduct and time to comply are shown above the reasons.
    assert "Playing loud music after 11pm" in body and "Time to comply ended" in body
    # Just after the time to comply: the form is offered.
    cpw.comply_by = now() - dt.timedelta(minutes=1)
    cpw.save()
    body = s.client.get(reverse("powers:cpn_new", args=[cpw.pk])).content.decode()
    assert 'data-testid="step-blocked"' not in body and 'name="conduct_persists"' in body


@pytest.mark.django_db
def test_cpn_page_shows_the_rules_reasons_and_saves_nothing(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    cpw = _warning(s, comply_by=now() - dt.timedelta(days=1))
    url = reverse("powers:cpn_new", args=[cpw.pk])
    data = {"issuer_capacity": "local_authority", "requirements": "Stop", "informed_parties": ""}
    body = s.client.post(url, data).content.decode()
    assert "Confirm that the conduct has continued despite the warning" in body
    assert "Record who you informed before issuing the notice (s.43(6))" in body
    assert not PowerUse.objects.filter(power=Power.CPN).exists()
    cpw.refresh_from_db()
    assert cpw.status == Status.ISSUED


@pytest.mark.django_db
def test_cpn_page_issues_the_notice_through_check_answers(persona: Any, client_as: Any) -> None:
    s = make_setup(persona, client_as)
    cpw = _warning(s, comply_by=now() - dt.timedelta(days=1))
    url = reverse("powers:cpn_new", args=[cpw.pk])
    data = {
        "issuer_capacity": "local_authority",
        "requirements": "Stop playing amplified music after 11pm",
        "conduct_persists": "on",
        "informed_parties": "Victim\nAmber Valley Housing",
    }
    response = submit(s.client, url, data)
    cpn = PowerUse.objects.get(power=Power.CPN, parent=cpw)
    assert response.status_code == 302 and response.url == reverse("powers:detail", args=[cpn.pk])
    assert cpn.appeal_deadline is not None
    page = s.client.get(response.url).content.decode()
    assert (
        f"Community protection notice {cpn.reference} issued. Appeal deadline {words(cpn.appeal_deadline)}"
        in page
    )
    cpw.refresh_from_db()
    assert cpw.status == Status.ESCALATED
    assert AuditEvent.objects.filter(verb="cpn.issued", target_id=str(cpn.pk)).count() == 1


@pytest.mark.django_db
def test_the_warning_page_offers_the_notice_only_once_the_time_to_comply_has_passed(
    persona: Any, client_as: Any
) -> None:
    """New-user review item 33 (s.43(5)): before the time to comply has passed the warning's page says
    why a notice cannot follow yet, instead of a button that leads to a refusal."""
    s = make_setup(persona, client_as)
    cpw = _warning(s, comply_by=now() + dt.timedelta(minutes=1))
    body = s.client.get(reverse("powers:detail", args=[cpw.pk])).content.decode()
    assert 'data-testid="issue-cpn"' not in body
    assert (
        'data-testid="cpn-waiting"' in body and "The time to comply with the warning has not passed" in body
    )
    cpw.comply_by = now() - dt.timedelta(minutes=1)
    cpw.save()
    body = s.client.get(reverse("powers:detail", args=[cpw.pk])).content.decode()
    assert 'data-testid="issue-cpn"' in body and 'data-testid="cpn-waiting"' not in body
