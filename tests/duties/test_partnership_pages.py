"""The partnership registers' pages through the Django client: the s.17 journey (question, check,
confirm), the scrutiny response and the committee's pack as a PDF from the one HTML to PDF renderer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.duties.models import S17Assessment, ScrutinyRecommendation
from csphub.duties.rules import s17 as rules

pytestmark = pytest.mark.django_db


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_s17_assessment_question_check_confirm(client_as: Any) -> None:
    client = client_as("avbc_team_manager")
    today = timezone.localdate()
    answers = {
        "title": "Town centre CCTV replacement",
        "decision_by": "Cabinet",
        **_date("decision_on", today),
        **_date("assessed_on", today),
        **{code: f"Considered {label}" for code, label in rules.THEMES},
    }
    missing = client.post("/duties/section-17/new/", {**answers, "reoffending": ""})
    assert "Say how the decision may affect re-offending" in missing.content.decode()
    check = client.post("/duties/section-17/new/", answers)
    assert "Check the assessment before you record it" in check.content.decode()
    assert not S17Assessment.objects.exists()
    done = client.post("/duties/section-17/new/", {**answers, "step": "confirm"})
    assert done.status_code == 302
    made = S17Assessment.objects.get()
    assert made.agency.slug == "avbc" and made.reoffending == "Considered Re-offending"
    listed = client.get("/duties/section-17/").content.decode()
    assert "Town centre CCTV replacement" in listed and "Amber Valley Borough Council: 1" in listed


def test_scrutiny_response_and_pack_pdf(client_as: Any, persona: Any) -> None:
    from csphub.agencies.models import Membership

    client = client_as("avbc_partnership_coordinator")
    today = timezone.localdate()
    owner = Membership.objects.get(user=persona("avbc_partnership_coordinator"), is_active=True)
    answers = {
        "committee": "Crime and Disorder Committee",
        **_date("meeting_on", today - dt.timedelta(days=2)),
        **_date("received_on", today - dt.timedelta(days=1)),
        "recommendation": "Publish the s.17 register each year.",
        "owner_membership": str(owner.pk),
    }
    assert client.post("/duties/scrutiny/new/", {**answers, "step": "confirm"}).status_code == 302
    rec = ScrutinyRecommendation.objects.get()
    assert rec.due_on == today - dt.timedelta(days=1) + dt.timedelta(days=27)
    response = {
        "accepted": "yes",
        "response": "Agreed: it will be published in April.",
        **_date("responded_on", today),
    }
    assert (
        client.post(f"/duties/scrutiny/{rec.pk}/respond/", {**response, "step": "confirm"}).status_code == 302
    )
    rec.refresh_from_db()
    assert rec.accepted is True and rec.responded_on == today
    detail = client.get(f"/duties/scrutiny/{rec.pk}/").content.decode()
    assert "Agreed: it will be published in April." in detail and "After the 28 days" not in detail

    html = client.get("/duties/scrutiny/pack/")
    assert html.status_code == 200 and "Publish the s.17 register each year." in html.content.decode()
    pdf = client.get("/duties/scrutiny/pack/?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/duties/scrutiny/pack/?format=docx").status_code == 404


def test_deadlines_page_shows_no_internal_code(client_as: Any) -> None:
    page = client_as("fire_team_manager").get("/duties/deadlines/").content.decode()
    assert "Information sharing returns" in page and "Crime and Disorder Act 1998, section 17A" in page
    for internal in ("s17a_returns", "csphub reminders", "duties:", "rule_version"):
        assert internal not in page
