"""Demo data: Amber Valley's Case Review procedure and a realistic run of applications.

``load_demo(rng_seed=2026)`` is idempotent: it does nothing when the demo area already has
applications. Everything is made through the services, so every record is audited and the published
figures are computed from it like any real year.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement
from csphub.casereviews import rules, services
from csphub.casereviews.models import Application, CaseReviewArea, LetterKind

AREA_SLUG = "amber-valley"
_FIRST = ("Alex", "Bea", "Chris", "Dee", "Eli", "Fran", "Gus", "Hana", "Ira", "Jas", "Kit", "Lou")
_LAST = ("Holloway", "Crich", "Belper", "Heanor", "Ripley", "Alfreton", "Somercotes", "Ambergate")
_BEHAVIOUR = (
    ("Loud music and parties most nights from the flat below", "Derby Road, Heanor"),
    ("Young people gathering, shouting and throwing stones at windows", "Market Place, Ripley"),
    ("Neighbour's threats and verbal abuse when I leave the house", "Chapel Street, Belper"),
    ("Motorbikes ridden on the recreation ground and footpaths", "Somercotes recreation ground"),
    ("Drug dealing from a house on the street, with visitors at all hours", "King Street, Alfreton"),
    ("Racist abuse shouted at my family and graffiti on our fence", "Church Street, Ripley"),
)


def _staff() -> User:
    return User.objects.get(username="avbc_caseworker")


def _configure_area() -> CaseReviewArea:
    agencies = {a.slug: a for a in Agency.objects.all()}
    area = services.area_configure(
        actor=None,
        name="Amber Valley",
        slug=AREA_SLUG,
        managing_agency=agencies["avbc"],
        contact_team="Community Safety Team, Amber Valley Borough Council",
        contact_email="community.safety@ambervalley.example.gov.uk",
        contact_phone="01773 570222",
        appeal_body_name="the Derbyshire Police and Crime Commissioner",
        appeal_body_contact=(
            "Office of the Police and Crime Commissioner for Derbyshire, Butterley Hall, Ripley DE5 3RS"
        ),
        relevant_bodies=[agencies[s] for s in ("avbc", "police", "nhs", "housing") if s in agencies],
        sharing_agreement=InformationSharingAgreement.objects.filter(reference="AV-ISA-ASB-01").first(),
        default_spoc=_staff(),
    )
    services.rule_set_add(
        actor=None,
        area=area,
        policy=rules.ThresholdPolicy(
            version="derbyshire-2018",
            effective_from=dt.date(2018, 3, 1),
            qualifying_complaints_required=3,
            count_same_incident_once=True,
            description=(
                "Derbyshire practitioner guidance: three or more related incidents reported to the council, "
                "police or landlord in the last six months; one incident reported to several agencies counts "
                "once towards the local number (the statutory test still applies)."
            ),
        ),
    )
    return area


def _incident(*, occurred: dt.date, reported: dt.date, hate: bool) -> object:
    from csphub.cases.services import incident_record

    when = timezone.make_aware(dt.datetime.combine(occurred, dt.time(18, 0)))
    told = timezone.make_aware(dt.datetime.combine(reported, dt.time(20, 0)))
    return incident_record(
        actor=_staff(),
        occurred_at=when,
        reported_at=told,
        channel="phone",
        asb_type="personal",
        category="harassment" if hate else "noise",
        description="Demo report linked to an ASB Case Review application.",
        is_hate_motivated=hate,
        location_description="Amber Valley",
    )


def _one_application(area: CaseReviewArea, rng: random.Random, received: dt.date, index: int) -> None:
    staff = _staff()
    today = timezone.localdate()
    behaviour, place = rng.choice(_BEHAVIOUR)
    online = rng.random() < 0.6
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    third_party = rng.random() < 0.2
    application = services.application_submit(
        actor=None if online else staff,
        area=area,
        channel="online" if online else rng.choice(["phone", "paper", "in_person"]),
        received_on=received,
        applicant_name=name,
        contact_preference="email" if online else "phone",
        applicant_email=f"applicant{index}@example.org" if online else "",
        applicant_phone="" if online else "07700 900" + f"{index:03d}",
        is_third_party=third_party,
        victim_name="A. Relative" if third_party else "",
        relationship_to_victim="Daughter" if third_party else "",
        victim_consent_given=third_party,
        victim_consent_how="Signed consent form" if third_party else "",
        behaviour_description=behaviour,
        behaviour_location=place,
        behaviour_first_on=received - dt.timedelta(days=rng.randint(60, 170)),
        behaviour_last_on=received - dt.timedelta(days=rng.randint(1, 20)),
        reports_described="Reported to the council and the police several times.",
    )
    acknowledged = services_date(received, rng.randint(1, 6))
    if acknowledged > today:
        return
    services.application_acknowledge(actor=staff, application=application, on=acknowledged)
    # Complaints: most applications have three or more qualifying reports; some fewer or late.
    qualifying = rng.choice([1, 2, 3, 3, 4, 5])
    hate = "Racist" in behaviour
    for _ in range(qualifying):
        occurred = received - dt.timedelta(days=rng.randint(12, 170))
        incident = _incident(
            occurred=occurred, reported=occurred + dt.timedelta(days=rng.randint(0, 10)), hate=hate
        )
        services.application_link_incident(actor=staff, application=application, incident=incident)
    if rng.random() < 0.3:  # a late report the applicant named: it is listed, and does not count
        occurred = received - dt.timedelta(days=rng.randint(60, 120))
        incident = _incident(occurred=occurred, reported=occurred + dt.timedelta(days=45), hate=False)
        services.application_link_incident(
            actor=staff, application=application, incident=incident, named_by_applicant=True
        )
    decided = services_date(received, rng.randint(5, 18))
    if decided > today:
        return
    record = services.threshold_decide(actor=staff, application=application, decided_on=decided)
    services.letter_send(
        actor=staff, application=application, kind=LetterKind.THRESHOLD_DECISION, sent_on=decided
    )
    if not record.met:
        return
    held = services_date(decided, rng.randint(8, 22))
    if held > today:
        return
    review = services.review_record(
        actor=staff,
        application=application,
        held_on=held,
        chair=rng.choice(
            ["Head of Community Safety (independent of the agencies reviewed)", "Chief Inspector"]
        ),
        is_independent_chair=rng.random() < 0.5,
        findings=(
            "The agencies each acted on reports but did not share them; the victim was not kept updated."
        ),
        bodies_present=list(area.relevant_bodies.all()),
        applicant_involvement="Gave views by phone before the meeting",
    )
    if rng.random() < 0.75:
        agencies = list(area.relevant_bodies.all())
        for text in rng.sample(
            [
                "Open a joint ASB case with a named lead officer",
                "Housing provider to consider a tenancy warning",
                "Police to increase patrols at the location for eight weeks",
                "Victim to be offered support from Victim Support",
            ],
            k=rng.randint(1, 3),
        ):
            services.recommendation_add(
                actor=staff,
                review=review,
                text=text,
                owner_agency=rng.choice(agencies),
                owner_name="Named lead officer",
                due_on=held + dt.timedelta(days=rng.randint(14, 60)),
            )
    sent = services_date(held, rng.randint(2, 8))
    if sent <= today:
        services.letter_send(actor=staff, application=application, kind=LetterKind.OUTCOME, sent_on=sent)


def services_date(start: dt.date, working_days: int) -> dt.date:
    from csphub.core.calendar import add_working_days

    return add_working_days(start, working_days)


def load_demo(*, rng_seed: int = 2026) -> None:
    """Configure Amber Valley and record last year's and this year's applications (idempotent)."""
    if Application.objects.filter(area__slug=AREA_SLUG).exists():
        return
    rng = random.Random(rng_seed)
    today = timezone.localdate()
    current = rules.ReportingYear.containing(today)
    with transaction.atomic():
        area = _configure_area()
        index = 0
        for year in (rules.ReportingYear(current.start_year - 1), current):
            last_day = min(year.end, today - dt.timedelta(days=1))
            span = (last_day - year.start).days
            if span <= 0:
                continue
            count = rng.randint(5, 9) if year != current else max(1, span // 60)
            for received in sorted(
                year.start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count)
            ):
                index += 1
                _one_application(area, rng, received, index)
