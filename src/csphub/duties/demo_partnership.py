"""Demo data for the partnership registers: a Community Remedy document, s.17 assessments, one
authority's s.17A return (the others still due) and a committee recommendation awaiting its response.
Idempotent: each part is made once (looked up by its "[demo]" text)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.core.actor import as_actor
from csphub.duties.models import CommunityRemedyAction, S17AReturn, S17Assessment, ScrutinyRecommendation
from csphub.duties.rules import s17 as rules
from csphub.duties.services import partnership as services

TAG = "[demo]"

REMEDY = (
    ("Repair or clean the damage", "Clean graffiti, repair or pay for the damage caused.", "repair"),
    ("A written or face-to-face apology", "Apologise to the victim, if the victim wants this.", "repair"),
    (
        "Attend a course",
        "Attend a course on alcohol, drugs or behaviour, such as a victim awareness course.",
        "rehabilitate",
    ),
    (
        "Unpaid work in the community",
        "Carry out unpaid work for the community, for up to 10 hours.",
        "punish",
    ),
    ("Acceptable behaviour contract", "Agree in writing not to repeat the behaviour.", "rehabilitate"),
)


def load_partnership_demo() -> None:
    users = get_user_model().objects
    today = timezone.localdate()
    coordinator = as_actor(users.filter(username="avbc_partnership_coordinator").first())
    if coordinator is None or coordinator.membership is None:
        return
    if not CommunityRemedyAction.objects.exists():
        for title, description, purpose in REMEDY:
            services.remedy_action_add(
                actor=coordinator,
                title=title,
                description=description,
                purpose=purpose,
                published_on=today - dt.timedelta(days=400),
            )
    if not S17Assessment.objects.filter(title__startswith=TAG).exists():
        themes = {
            "crime_disorder": "Better lighting is likely to reduce theft from vehicles after dark.",
            "asb_environment": "Fewer dark corners for groups to gather; litter bins added.",
            "substance_misuse": "No likely effect.",
            "reoffending": "No likely effect.",
            "serious_violence": "No likely effect; the night-time economy plan covers violence.",
        }
        services.s17_assessment_record(
            actor=coordinator,
            title=f"{TAG} Ripley town centre car park refurbishment",
            decision_by="Cabinet",
            decision_on=today - dt.timedelta(days=20),
            assessed_on=today - dt.timedelta(days=27),
            considerations=themes,
            mitigation="Police designing-out-crime officer consulted on the layout.",
        )
    police = as_actor(users.filter(username="police_team_manager").first())
    quarter = rules.quarter_of(today).previous()
    if police is not None and police.agency is not None and not S17AReturn.objects.exists():
        day = (quarter.start + dt.timedelta(days=10)).isoformat()
        text = "category,subcategory,occurred_on,time_band,outward_postcode,count\n" + "".join(
            f"{category},,{day},{band},{postcode},{n}\n"
            for category, band, postcode, n in (
                ("asb", "18:00-23:59", "DE5", 14),
                ("burglary", "00:00-05:59", "DE56", 3),
                ("criminal_damage", "18:00-23:59", "DE55", 6),
                ("violence", "18:00-23:59", "DE5", 5),
            )
        )
        services.s17a_return_submit(actor=police, quarter_start=quarter.start, text=text)
    if not ScrutinyRecommendation.objects.filter(recommendation__startswith=TAG).exists():
        owner = Membership.objects.filter(user=coordinator.user, is_active=True).first()
        if owner is not None:
            services.scrutiny_recommendation_record(
                actor=coordinator,
                committee="Crime and Disorder Committee",
                meeting_on=today - dt.timedelta(days=21),
                received_on=today - dt.timedelta(days=20),
                recommendation=f"{TAG} Report the ASB Case Review figures to the committee every quarter.",
                owner_membership=owner.pk,
            )
