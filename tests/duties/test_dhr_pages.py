"""The DHR, Serious Violence Duty and restricted-register pages as a user sees them: every view of a
review is audited, the home page lists the review deadlines to its members only, and no page shows an
internal code."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

INTERNAL_CODES = (
    "awaiting_decision",
    "in_progress",
    "not_conduct",
    "dvcva2004",
    "pcsca2022",
    "panel_member",
    "fire_and_rescue",
    "local_authority",
    "needs_assessment",
    "/work/",
)


def _assert_no_codes(body: str) -> None:
    for code in INTERNAL_CODES:
        assert code not in body, code


def test_review_pages_are_audited_and_show_no_codes(world: Any, client_as: Any) -> None:
    from csphub.audit.models import AuditEvent
    from csphub.duties.demo_dhr import load_demo

    load_demo()
    from csphub.duties.models import DomesticHomicideReview

    review = DomesticHomicideReview.objects.get()
    lead = client_as("avbc_partnership_coordinator")
    for url in (
        "/duties/domestic-homicide-reviews/",
        f"/duties/domestic-homicide-reviews/{review.pk}/",
        f"/duties/domestic-homicide-reviews/{review.pk}/extension/",
        "/duties/serious-violence/",
    ):
        response = lead.get(url)
        assert response.status_code == 200, url
        _assert_no_codes(response.content.decode())
    assert (
        AuditEvent.objects.filter(
            verb="domestichomicidereview.viewed",
            target_id=str(review.pk),
            actor__username="avbc_partnership_coordinator",
        ).count()
        == 2
    )  # the review page and the step's question page
    assert AuditEvent.objects.filter(verb="domestichomicidereview.listed", target_id=str(review.pk)).exists()
    body = lead.get(f"/duties/domestic-homicide-reviews/{review.pk}/").content.decode()
    assert "Report due" in body and "Review in progress" in body

    home = lead.get("/home/").content.decode()
    assert "Open the Serious Violence Duty register" in home  # coordinators hold the duty
    assert (
        "Open the Serious Violence Duty register"
        not in client_as("avbc_caseworker").get("/home/").content.decode()
    )
    assert "Open the Domestic Homicide Review register" in home
    assert f"{review.reference}: action" in home  # the demo action is due in three weeks
    assert review.reference not in client_as("avbc_caseworker").get("/home/").content.decode()
    admin_home = client_as("avbc_administrator").get("/home/").content.decode()
    assert (
        review.reference not in admin_home and "Open the Domestic Homicide Review register" not in admin_home
    )


def test_restricted_registers_page_lists_own_agency_members_with_labels(world: Any, client_as: Any) -> None:
    from csphub.audit.models import AuditEvent
    from csphub.duties.demo import load_demo

    load_demo()
    body = client_as("avbc_administrator").get("/duties/restricted-registers/").content.decode()
    _assert_no_codes(body)
    assert "Domestic Homicide Reviews" in body and "Prevent and Channel" in body
    assert "Lead (single point of contact)" in body
    assert AuditEvent.objects.filter(verb="compartmentmember.listed").exists()


def test_anonymised_report_page_pseudonym_step_and_documents(world: Any, client_as: Any) -> None:
    from csphub.audit.models import AuditEvent
    from csphub.duties.demo_dhr import load_demo
    from csphub.duties.models import DomesticHomicideReview

    load_demo()
    review = DomesticHomicideReview.objects.get()
    lead = client_as("avbc_partnership_coordinator")
    url = f"/duties/domestic-homicide-reviews/{review.pk}/anonymised-report/"
    assert url in lead.get(f"/duties/domestic-homicide-reviews/{review.pk}/").content.decode()
    page = lead.get(url).content.decode()
    assert "Agree a pseudonym for the person who died" in page and "?format=pdf" not in page
    _assert_no_codes(page)
    # Producing it before the pseudonyms are agreed goes back to the page and says why.
    refused = lead.get(url + "?format=pdf", follow=True)
    assert "Agree a pseudonym for the person who died" in refused.content.decode()

    answers = {"role": "victim", "real_name": review.deceased_name, "pseudonym": "Adult K"}
    step = f"/duties/domestic-homicide-reviews/{review.pk}/pseudonym/"
    assert "Check your answers" in lead.post(step, answers).content.decode()
    done = lead.post(step, {**answers, "step": "confirm"})
    assert done.status_code == 302 and done["Location"] == url
    page = lead.get(url).content.decode()
    assert "Adult K" in page and "?format=pdf" in page
    html = lead.get(url + "?format=html").content.decode()
    assert "into the death of Adult K" in html
    assert review.deceased_name not in html and "Person" not in html  # (the demo chair is "Demo Chair")
    pdf = lead.get(url + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert lead.get(url + "?format=docx").status_code == 404
    assert (
        AuditEvent.objects.filter(
            verb="domestichomicidereview.publication_produced", target_id=str(review.pk)
        ).count()
        == 2
    )
