"""The Plan document's statutory responsibilities (issue 13 item 5): each duty's summary, and the
ASB Case Review sentences with their figures counted from the records (s.104(10) of the 2014 Act),
in the structure of the Amber Valley plan; a published version keeps the figures it was published with."""

from __future__ import annotations

import re
from typing import Any

import pytest

from csphub.casereviews.rules import ReportingYear
from csphub.planning.models import CspPlan
from csphub.planning.plan import services

pytestmark = pytest.mark.django_db

WORDS = {0: "No", 1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six", 7: "Seven", 8: "Eight",
         9: "Nine", 10: "Ten", 11: "Eleven", 12: "Twelve"}  # fmt: skip


@pytest.fixture
def plan(world: Any) -> CspPlan:
    from csphub.casereviews.demo import load_demo as load_case_reviews
    from csphub.planning.demo import load_demo

    load_demo()
    load_case_reviews(rng_seed=2026)
    return CspPlan.objects.get(level="district")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_document_states_each_duty_and_the_case_review_figures_from_the_records(
    plan: CspPlan, persona: Any
) -> None:
    from django.utils import timezone

    from csphub.casereviews.models import Application, ReviewMeeting

    today = timezone.localdate()  # the Case Review demo records last year's and this year's applications
    html = services.plan_document_html(plan, today=today)
    assert 'href="#statutory"' in html and 'id="statutory"' in html
    statutory = _text(html.split('id="statutory"', 1)[1].split('id="everyday"', 1)[0])
    for act in (
        "Crime and Disorder Act 1998",
        "Anti-social Behaviour, Crime and Policing Act 2014",
        "Counter-Terrorism and Security Act 2015",
        "Domestic Violence, Crime and Victims Act 2004",
        "Modern Slavery Act 2015",
    ):
        assert act in statutory, act
    # The figures are for the latest reporting year ended by the document's date: counted here
    # straight from the applications and review meetings of the plan's partnership.
    year = ReportingYear(ReportingYear.containing(today).start_year - 1)
    ours = Application.objects.filter(area__partnership=plan.partnership)
    received = ours.filter(received_on__gte=year.start, received_on__lte=year.end).count()
    held = sum(
        1
        for meeting in ReviewMeeting.objects.filter(application__in=ours)
        for day in (meeting.held_on.isoformat(), *(e["held_on"] for e in meeting.earlier_reviews))
        if year.start.isoformat() <= day <= year.end.isoformat()
    )
    assert received > 0, "the Case Review demo records applications last year"
    applications = "application was" if received == 1 else "applications were"
    assert (
        f"{WORDS[received]} ASB Case Review {applications} received in Amber Valley during {year.label}"
        in (statutory)
    )
    reviews = "Review was" if held == 1 else "Reviews were"
    assert f"{WORDS[held]} ASB Case {reviews} conducted in {year.label}" in statutory
    assert "provisional" in statutory  # not yet published by the partnership: said so

    # A published version keeps the figures it was published with.
    publication = services.plan_publish(actor=persona("avbc_partnership_coordinator"), plan=plan, today=today)
    assert f"received in Amber Valley during {year.label}" in publication.html
    assert publication.html.count('id="statutory"') == 1


def test_the_document_lists_the_partners_and_the_narratives_history(plan: CspPlan, persona: Any) -> None:
    from django.utils import timezone

    coordinator = persona("avbc_partnership_coordinator")
    agencies = list(plan.partnership.agencies.all())
    assert len(agencies) >= 3
    before = plan.narrative_version
    html = services.plan_document_html(plan)
    assert 'href="#history"' in html and "It has not been changed since the plan was set up" in html
    partners = _text(html.split('data-testid="plan-partners"', 1)[1].split("</ul>", 1)[0])
    for agency in agencies:
        label = f"{agency.name} (responsible authority)" if agency.is_responsible_authority else agency.name
        assert label in partners, label
    responsible = [a.name for a in agencies if a.is_responsible_authority]
    assert responsible and partners.index(responsible[-1]) < min(
        (partners.index(a.name) for a in agencies if not a.is_responsible_authority), default=len(partners)
    )  # the responsible authorities first

    services.narrative_update(actor=coordinator, plan=plan, foreword="A new introduction.")
    services.narrative_update(
        actor=coordinator, plan=plan, governance="The board meets quarterly.", contacts="x"
    )
    services.narrative_update(
        actor=coordinator, plan=plan, governance="The board meets quarterly."
    )  # no change
    plan.refresh_from_db()
    assert plan.narrative_version == before + 2
    html = services.plan_document_html(plan)
    history = _text(html.split('data-testid="plan-history"', 1)[1].split("</table>", 1)[0])
    today = timezone.localdate()
    who = coordinator.get_full_name()
    agency = coordinator.memberships.get(is_active=True).agency.name
    assert who
    day = f"{today.day} {today:%B %Y}"
    assert f"{before + 1} {day} {who}, {agency} Introduction" in history
    assert f"{before + 2} {day} {who}, {agency} Contacts; Governance" in history
    assert f"This is version {before + 2} of the plan" in _text(html)
    assert "avbc_" not in history  # a user name is never shown
