"""Demo data for Domestic Homicide Reviews and the Serious Violence Duty (idempotent; fictional).

- Amber Valley's partnership coordinator leads the Domestic Homicide Review register; the police
  team manager sits on review panels.
- One fictional review, decided and in progress, with its chair, a panel agency, a recommendation
  and an action.
- The Serious Violence Duty: the local definition and the strategy, published; the specified
  authorities, one of them not yet recorded as taking part.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.agencies.policies import Compartment
from csphub.core.actor import as_actor
from csphub.duties.models import CompartmentRole, DomesticHomicideReview, SvdAuthority, SvdDocument
from csphub.duties.selectors.svd import may_manage
from csphub.duties.services import dhr, svd
from csphub.duties.services.compartments import compartment_member_add

TAG = "[demo]"

MEMBERS = (
    ("avbc_partnership_coordinator", CompartmentRole.LEAD),
    ("police_team_manager", CompartmentRole.PANEL_MEMBER),
)

AUTHORITIES = (
    ("police", "Derbyshire Constabulary", True, "Analysts and violence data"),
    ("fire_and_rescue", "Derbyshire Fire and Rescue Service", True, "Home safety visits"),
    ("health", "Derby and Derbyshire Integrated Care Board", True, "Emergency department data"),
    ("local_authority", "Amber Valley Borough Council", True, "Convenes the partnership"),
    ("youth_offending", "Derbyshire Youth Offending Service", True, "Early intervention"),
    ("education", "Derbyshire schools (consulted)", True, "Consulted on the strategy"),
)


def load_demo() -> None:
    users = get_user_model().objects
    for username, role in MEMBERS:
        user = users.filter(username=username).first()
        membership = Membership.objects.filter(user=user, is_active=True).first() if user else None
        if user is not None and membership is not None:
            compartment_member_add(
                actor=None,
                compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW,
                user=user,
                agency=membership.agency,
                role=role,
            )
    lead = as_actor(users.filter(username="avbc_partnership_coordinator").first())
    if lead is None:
        return
    today = timezone.localdate()
    if not DomesticHomicideReview.objects.filter(circumstances__startswith=TAG).exists():
        notified = today - dt.timedelta(days=75)
        review = dhr.dhr_notification_record(
            actor=lead,
            notified_on=notified,
            notifying_force="Derbyshire Constabulary",
            deceased_name="Demo Person (fictional)",
            deceased_age=38,
            relationship="partner",
            circumstances=f"{TAG} Fictional example: death at home; a former partner is charged.",
        )
        decided = notified + dt.timedelta(days=21)
        dhr.dhr_decision_record(
            actor=lead,
            review=review,
            decision="conduct",
            decided_on=decided,
            reasons="Section 9 criteria met",
        )
        dhr.dhr_home_office_told(actor=lead, review=review, told_on=decided + dt.timedelta(days=2))
        dhr.dhr_chair_appoint(
            actor=lead,
            review=review,
            chair_name="Demo Chair (fictional)",
            appointed_on=decided + dt.timedelta(days=7),
            independence="Independent consultant with no role in any agency under review",
        )
        dhr.dhr_panel_member_add(
            actor=lead,
            review=review,
            agency_name="Derbyshire Constabulary",
            representative="Demo Officer (fictional)",
            joined_on=decided + dt.timedelta(days=7),
        )
        recommendation = dhr.dhr_recommendation_add(
            actor=lead,
            review=review,
            text="Call handlers are trained to recognise coercive control",
            agency_name="Derbyshire Constabulary",
        )
        dhr.dhr_action_add(
            actor=lead,
            review=review,
            recommendation=recommendation.pk,
            description="Deliver coercive control training to every call handler",
            owner="Demo Inspector (fictional), Derbyshire Constabulary",
            due_on=today + dt.timedelta(days=21),
        )

    if not SvdDocument.objects.filter(summary__startswith=TAG).exists() and may_manage(lead):
        for kind, title, summary in (
            (
                "definition",
                "Serious violence in Amber Valley",
                "public-place violence with a weapon, "
                "homicide, domestic abuse and sexual violence, and violence linked to exploitation.",
            ),
            (
                "strategy",
                "Serious violence strategy",
                "early intervention with young people, safer "
                "night-time economy, and support for victims of domestic abuse.",
            ),
        ):
            document = svd.svd_document_record(
                actor=lead,
                kind=kind,
                title=title,
                summary=f"{TAG} {summary}",
                agreed_on=today - dt.timedelta(days=300),
            )
            svd.svd_document_publish(
                actor=lead, document=document, published_on=today - dt.timedelta(days=290), publication_url=""
            )
    if not SvdAuthority.objects.exists() and may_manage(lead):
        for authority_type, name, taking_part, contribution in AUTHORITIES:
            svd.svd_authority_record(
                actor=lead,
                authority_type=authority_type,
                name=name,
                taking_part=taking_part,
                contribution=contribution,
            )
