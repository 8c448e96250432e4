"""ASB Case Review services after the November 2026 legal review, on a real database: an upheld
appeal leads to a (further) review that is counted (B.2, Sch 4 para 3, s.104(10)(c)); "not met"
counted by decision date (B.5, s.104(10)(b)); the duty to pass applications on never fails silently
(B.4, s.104(3))."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from csphub.audit.models import AuditEvent
from csphub.casereviews import rules, selectors, services
from csphub.casereviews.models import LetterKind
from csphub.cases.models import Task

pytestmark = pytest.mark.django_db


def _not_met(area: Any, application_data: Any, staff: Any, today: dt.date) -> Any:
    application = services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=today - dt.timedelta(days=10), behaviour_last_on=today - dt.timedelta(days=12)
        ),
    )
    services.threshold_decide(actor=staff, application=application, decided_on=today - dt.timedelta(days=8))
    application.refresh_from_db()
    assert application.status == rules.Status.THRESHOLD_NOT_MET
    return application


def test_sch4_para3_upheld_appeal_against_not_met_leads_to_a_counted_review(
    area: Any, application_data: Any, persona: Any, world: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()
    application = _not_met(area, application_data, staff, today)
    appeal = services.appeal_lodge(
        actor=staff,
        application=application,
        received_on=today - dt.timedelta(days=6),
        grounds="Not considered",
    )
    services.appeal_decide(
        actor=staff,
        appeal=appeal,
        decided_on=today - dt.timedelta(days=5),
        outcome="upheld",
        outcome_reasons="Look again",
    )
    application.refresh_from_db()
    assert application.status == rules.Status.THRESHOLD_MET
    assert application.closed_on is None
    services.review_record(
        actor=staff,
        application=application,
        held_on=today - dt.timedelta(days=1),
        chair="Chair",
        findings="Agencies did not share reports.",
        bodies_present=[world.agencies["avbc"], world.agencies["police"]],
    )
    application.refresh_from_db()
    assert application.status == rules.Status.REVIEW_HELD
    year = rules.ReportingYear.containing(today - dt.timedelta(days=1))
    figures = selectors.publication_for(area, year=year).figures
    assert figures.reviews_carried_out == 1
    # The original "not met" decision is still counted in (b), in the year it was decided.
    decided_year = rules.ReportingYear.containing(today - dt.timedelta(days=8))
    assert selectors.publication_for(area, year=decided_year).figures.threshold_not_met == 1


def test_sch4_para3_not_upheld_appeal_closes_the_application(
    area: Any, application_data: Any, persona: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()
    application = _not_met(area, application_data, staff, today)
    appeal = services.appeal_lodge(actor=staff, application=application, received_on=today, grounds="x")
    services.appeal_decide(
        actor=staff, appeal=appeal, decided_on=today, outcome="not_upheld", outcome_reasons="Fair"
    )
    application.refresh_from_db()
    assert (application.status, application.closed_on) == (rules.Status.CLOSED, today)


def test_s104_10_c_further_review_after_an_upheld_appeal_counts_both_reviews(
    area: Any, application_data: Any, persona: Any, world: Any
) -> None:
    staff = persona("avbc_caseworker")
    today = timezone.localdate()
    application = services.application_submit(
        actor=None,
        area=area,
        **application_data(
            received_on=today - dt.timedelta(days=20), behaviour_last_on=today - dt.timedelta(days=22)
        ),
    )
    services.threshold_decide(
        actor=staff,
        application=application,
        decided_on=today - dt.timedelta(days=18),
        discretionary_met=True,
        discretion_reason="Persistent and harmful",
    )
    bodies = [world.agencies["avbc"], world.agencies["police"]]
    review = services.review_record(
        actor=staff,
        application=application,
        held_on=today - dt.timedelta(days=15),
        chair="Chair",
        findings="First look",
        bodies_present=bodies,
    )
    services.recommendation_add(
        actor=staff,
        review=review,
        text="Police to visit",
        owner_agency=world.agencies["police"],
        owner_name="Sgt",
        due_on=today,
    )
    services.letter_send(
        actor=staff, application=application, kind=LetterKind.OUTCOME, sent_on=today - dt.timedelta(days=14)
    )
    appeal = services.appeal_lodge(
        actor=staff,
        application=application,
        received_on=today - dt.timedelta(days=10),
        grounds="Plan not delivered",
    )
    services.appeal_decide(
        actor=staff,
        appeal=appeal,
        decided_on=today - dt.timedelta(days=9),
        outcome="partly_upheld",
        outcome_reasons="Review again",
    )
    with pytest.raises(Exception, match="before the earlier review"):
        services.review_record(
            actor=staff,
            application=application,
            held_on=today - dt.timedelta(days=16),
            chair="Chair",
            findings="Second look",
            bodies_present=bodies,
        )
    second = services.review_record(
        actor=staff,
        application=application,
        held_on=today - dt.timedelta(days=2),
        chair="Chair",
        findings="Second look",
        bodies_present=bodies,
    )
    assert second.earlier_reviews == [
        {"held_on": (today - dt.timedelta(days=15)).isoformat(), "recommendation_count": 1}
    ]
    facts = [
        f
        for f in selectors.application_facts(area, year=rules.ReportingYear.containing(today))
        if f.reference == application.reference
    ]
    assert [(r.held_on, r.recommendation_count) for r in facts[0].all_reviews()] == [
        (today - dt.timedelta(days=15), 1),
        (today - dt.timedelta(days=2), 0),
    ]


def test_s104_3_lapsed_sharing_agreement_makes_a_task_and_an_audit_entry(
    area: Any, application_data: Any, world: Any
) -> None:
    area.sharing_agreement = None
    area.save()
    application = services.application_submit(actor=None, area=area, **application_data())
    task = Task.objects.get(source="casereviews.pass_on")
    assert application.reference in task.title and "not in force" in task.details
    assert AuditEvent.objects.filter(
        verb="casereviewapplication.pass_on_blocked", target_id=str(application.pk)
    ).exists()


def test_s104_3_task_only_for_relevant_bodies_outside_the_agreement(
    area: Any, application_data: Any, world: Any
) -> None:
    services.application_submit(actor=None, area=area, **application_data())
    parties = set(world.asb_isa.parties.values_list("pk", flat=True))
    missing = sorted(
        a.name for a in area.relevant_bodies.all() if a.pk != area.managing_agency_id and a.pk not in parties
    )
    tasks = list(Task.objects.filter(source="casereviews.pass_on"))
    assert len(tasks) == (1 if missing else 0)
    if missing:
        assert tasks[0].details == (
            "These relevant bodies are not party to the information sharing agreement: " + ", ".join(missing)
        )


def test_s105_person_configuring_must_include_council_police_and_health(
    area: Any, persona: Any, world: Any
) -> None:
    from csphub.core.errors import ApplicationError

    agencies = world.agencies
    kwargs: dict[str, Any] = {
        "actor": persona("avbc_partnership_coordinator"),
        "name": "Amber Valley",
        "slug": "amber-valley",
        "managing_agency": agencies["avbc"],
        "contact_team": "Community Safety Team",
        "contact_email": "community.safety@example.gov.uk",
        "contact_phone": "01773 000000",
        "appeal_body_name": "the Derbyshire Police and Crime Commissioner",
        "appeal_body_contact": "Office of the PCC, Butterley Hall, Ripley",
        "sharing_agreement": world.asb_isa,
        "default_spoc": persona("avbc_caseworker"),
    }
    with pytest.raises(ApplicationError, match=r"integrated care board \(health\) \(s.105\)") as caught:
        services.area_configure(
            **kwargs, relevant_bodies=[agencies["avbc"], agencies["police"], agencies["housing"]]
        )
    assert caught.value.field == "relevant_bodies"
    services.area_configure(
        **kwargs, relevant_bodies=[agencies[s] for s in ("avbc", "police", "nhs", "housing")]
    )
