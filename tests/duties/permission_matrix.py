"""Permission-matrix rows for the duty registers.

The record is Derbyshire Constabulary's (recorded by ``police_caseworker``). The modern slavery
compartment is per agency, so even an Amber Valley member of that compartment (made one here) gets
404: the concern is not theirs to see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_matrix import CREATE_FORM, OTHER_AGENCY_RECORD, PERSONAL_LIST, STAFF_PAGE, Entry


def police_slavery_concern(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Compartment
    from csphub.core.actor import as_actor
    from csphub.duties.models import SlaveryConcern
    from csphub.duties.services.compartments import compartment_member_add
    from csphub.duties.services.slavery import slavery_concern_record
    from csphub.people.services import person_create

    users = get_user_model().objects
    owner = users.get(username="police_caseworker")
    existing = SlaveryConcern.objects.filter(created_by=owner).first()
    if existing is None:
        actor = as_actor(owner)
        assert actor is not None
        person = person_create(actor=owner, given_name="Robin", family_name="Example-Matrix")
        existing = slavery_concern_record(
            actor=actor,
            person=person,
            grounds_date=timezone.localdate() - dt.timedelta(days=1),
            grounds="Example-Matrix grounds",
            exploitation="labour",
            age_basis="adult",
            consent="refused",
        )
        lead = users.get(username="avbc_team_manager")
        compartment_member_add(
            actor=None,
            compartment=Compartment.MODERN_SLAVERY,
            user=lead,
            agency=Membership.objects.get(user=lead, is_active=True).agency,
        )
    return {"pk": existing.pk}


MATRIX: dict[str, Entry] = {
    "duties:slavery_list": Entry(
        expect=PERSONAL_LIST, why="each sees only the concerns the policy lets them"
    ),
    "duties:slavery_new": Entry(expect=CREATE_FORM),
    "duties:slavery_detail": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
    "duties:slavery_notified": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
    "duties:slavery_export": Entry(make=police_slavery_concern, expect=OTHER_AGENCY_RECORD),
}


# --- Prevent and Channel: a compartment across agencies --------------------------------------
# avbc_team_manager is made a Channel panel member; every other persona, administrators included,
# must get 404 on every record page. (police_caseworker, the Prevent lead, and dcc_team_manager,
# the chair, are not among the personas checked.)
PREVENT_RECORD: dict[str, int] = {"anonymous": 302, "*": 404, "avbc_team_manager": 200}
# The panel member sees the referral but only the police screen it or refer it to Channel.
POLICE_ONLY: dict[str, int] = {"anonymous": 302, "*": 404, "avbc_team_manager": 403}


def prevent_records(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Compartment
    from csphub.core.actor import as_actor
    from csphub.duties.models import ChannelCase, ChannelReview
    from csphub.duties.services import prevent
    from csphub.duties.services.compartments import compartment_member_add

    users = get_user_model().objects
    existing = ChannelReview.objects.first()
    if existing is None:
        for username in ("police_caseworker", "dcc_team_manager", "avbc_team_manager"):
            user = users.get(username=username)
            compartment_member_add(
                actor=None,
                compartment=Compartment.PREVENT,
                user=user,
                agency=Membership.objects.get(user=user, is_active=True).agency,
            )
        police = as_actor(users.get(username="police_caseworker"))
        chair = as_actor(users.get(username="dcc_team_manager"))
        assert police is not None and chair is not None
        day = timezone.localdate()
        cases = []
        for name in ("Robin Example-Matrix", "Sam Example-Matrix"):
            referral = prevent.prevent_referral_make(
                actor=police,
                referred_on=day,
                referrer_name="PC Example-Matrix",
                referrer_role="Officer",
                referrer_contact="101",
                subject_name=name,
                concern_type="other",
                concerns="Example-Matrix",
            )
            prevent.prevent_referral_screen(
                actor=police, referral=referral, outcome="adopted", screened_on=day, notes="x"
            )
            cases.append(
                prevent.channel_case_open(
                    actor=police, referral=referral, chair=chair.user, first_panel_on=day
                )
            )
        exited = cases[1]
        prevent.channel_consent_record(
            actor=chair, case=exited, consent_given=True, consent_on=day, given_by="person"
        )
        prevent.channel_support_plan_record(
            actor=chair, case=exited, support_plan="Mentoring", support_provider="", support_starts_on=day
        )
        prevent.channel_exit_record(actor=chair, case=exited, exited_on=day, exit_reason="Done")
        existing = ChannelReview.objects.first()
        assert existing is not None
    waiting = ChannelCase.objects.get(status="awaiting_consent")
    return {"referral": waiting.referral_id, "case": waiting.pk, "review": existing.pk}


def _referral(world: Any) -> dict[str, Any]:
    return {"pk": prevent_records(world)["referral"]}


def _case(world: Any) -> dict[str, Any]:
    return {"pk": prevent_records(world)["case"]}


def _step(world: Any) -> dict[str, Any]:
    return {"pk": prevent_records(world)["case"], "step": "consent"}


def _review(world: Any) -> dict[str, Any]:
    return {"pk": prevent_records(world)["review"]}


MATRIX.update(
    {
        "duties:prevent_list": Entry(expect=PERSONAL_LIST, why="records listed only for compartment members"),
        "duties:prevent_referral_new": Entry(expect=CREATE_FORM, why="any partner may refer"),
        "duties:prevent_referral": Entry(make=_referral, expect=PREVENT_RECORD),
        "duties:prevent_referral_screen": Entry(make=_referral, expect=POLICE_ONLY),
        "duties:prevent_channel_open": Entry(make=_referral, expect=POLICE_ONLY),
        "duties:channel_case": Entry(make=_case, expect=PREVENT_RECORD),
        "duties:channel_step": Entry(make=_step, expect=PREVENT_RECORD),
        "duties:channel_review": Entry(make=_review, expect=PREVENT_RECORD),
    }
)


# --- Domestic Homicide Reviews: a compartment across agencies ---------------------------------
# The review is Derbyshire Constabulary's (police_caseworker, a lead, recorded it).
# avbc_partnership_coordinator is a lead and avbc_team_manager a panel member; every other persona,
# administrators included, gets 404 on a review's pages and 403 on the register.
DHR_MEMBERS = ("avbc_partnership_coordinator", "avbc_team_manager")
DHR_REGISTER: dict[str, int] = {"anonymous": 302, "*": 403, **dict.fromkeys(DHR_MEMBERS, 200)}
DHR_LEAD_FORM: dict[str, int] = {"anonymous": 302, "*": 403, "avbc_partnership_coordinator": 200}
DHR_RECORD: dict[str, int] = {"anonymous": 302, "*": 404, **dict.fromkeys(DHR_MEMBERS, 200)}
# Panel members see the review but only leads take its steps.
DHR_LEAD_STEP: dict[str, int] = {
    "anonymous": 302,
    "*": 404,
    "avbc_partnership_coordinator": 200,
    "avbc_team_manager": 403,
}


def dhr_records(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Compartment
    from csphub.core.actor import as_actor
    from csphub.duties.models import DhrAction
    from csphub.duties.services import dhr
    from csphub.duties.services.compartments import compartment_member_add

    users = get_user_model().objects
    existing = DhrAction.objects.select_related("recommendation").first()
    if existing is None:
        for username, role in (
            ("police_caseworker", "lead"),
            ("avbc_partnership_coordinator", "lead"),
            ("avbc_team_manager", "panel_member"),
        ):
            user = users.get(username=username)
            compartment_member_add(
                actor=None,
                compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW,
                user=user,
                agency=Membership.objects.get(user=user, is_active=True).agency,
                role=role,
            )
        police = as_actor(users.get(username="police_caseworker"))
        assert police is not None
        day = timezone.localdate()
        review = dhr.dhr_notification_record(
            actor=police,
            notified_on=day,
            notifying_force="Derbyshire Constabulary",
            deceased_name="Robin Example-Matrix",
            relationship="partner",
            circumstances="Example-Matrix",
        )
        dhr.dhr_decision_record(actor=police, review=review, decision="conduct", decided_on=day, reasons="x")
        recommendation = dhr.dhr_recommendation_add(
            actor=police, review=review, text="Example-Matrix", agency_name="Police"
        )
        existing = dhr.dhr_action_add(
            actor=police,
            review=review,
            recommendation=recommendation.pk,
            description="Example-Matrix",
            owner="Example-Matrix",
            due_on=day,
        )
    return {"review": existing.recommendation.review_id, "action": existing.pk}


def _dhr_list(world: Any) -> dict[str, Any]:
    dhr_records(world)
    return {}


def _dhr(world: Any) -> dict[str, Any]:
    return {"pk": dhr_records(world)["review"]}


def _dhr_step(world: Any) -> dict[str, Any]:
    return {"pk": dhr_records(world)["review"], "step": "chair"}


def _dhr_action(world: Any) -> dict[str, Any]:
    return {"pk": dhr_records(world)["action"]}


# --- Serious Violence Duty: the partnership's strategic documents, no personal data ---------------
SVD_MANAGERS = ("avbc_partnership_coordinator", "avbc_board_member")
SVD_FORM: dict[str, int] = {"anonymous": 302, "*": 403, **dict.fromkeys(SVD_MANAGERS, 200)}


def svd_document(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.core.actor import as_actor
    from csphub.duties.models import SvdDocument
    from csphub.duties.services.svd import svd_document_record

    existing = SvdDocument.objects.first()
    if existing is None:
        coordinator = as_actor(get_user_model().objects.get(username="avbc_partnership_coordinator"))
        assert coordinator is not None
        existing = svd_document_record(
            actor=coordinator,
            kind="strategy",
            title="Serious violence strategy",
            summary="Early intervention",
            agreed_on=timezone.localdate(),
        )
    return {"pk": existing.pk}


# --- Restricted registers: administrators give and end access in their own agency ----------------
ADMIN_ONLY: dict[str, int] = {"anonymous": 302, "*": 403, "avbc_administrator": 200}


def compartment_member(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Compartment
    from csphub.duties.services.compartments import compartment_member_add

    user = get_user_model().objects.get(username="avbc_caseworker")
    member = compartment_member_add(
        actor=None,
        compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW,
        user=user,
        agency=Membership.objects.get(user=user, is_active=True).agency,
    )
    return {"pk": member.pk}


MATRIX.update(
    {
        "duties:dhr_list": Entry(make=_dhr_list, expect=DHR_REGISTER, why="compartment members only"),
        "duties:dhr_new": Entry(make=_dhr_list, expect=DHR_LEAD_FORM, why="the review lead records it"),
        "duties:dhr_detail": Entry(make=_dhr, expect=DHR_RECORD),
        "duties:dhr_step": Entry(make=_dhr_step, expect=DHR_LEAD_STEP),
        "duties:dhr_publication": Entry(
            make=_dhr, expect=DHR_LEAD_STEP, why="the lead prepares the anonymised report for the chair"
        ),
        "duties:dhr_action": Entry(make=_dhr_action, expect=DHR_RECORD, why="panel members report progress"),
        "duties:svd_overview": Entry(expect=STAFF_PAGE, why="strategic documents, no personal data"),
        "duties:svd_document": Entry(make=svd_document, expect=STAFF_PAGE),
        "duties:svd_document_new": Entry(expect=SVD_FORM),
        "duties:svd_document_publish": Entry(make=svd_document, expect=SVD_FORM),
        "duties:svd_authority_new": Entry(expect=SVD_FORM),
        "duties:compartment_list": Entry(expect=ADMIN_ONLY),
        "duties:compartment_member_add": Entry(expect=ADMIN_ONLY),
        "duties:compartment_member_end": Entry(make=compartment_member, expect=ADMIN_ONLY),
    }
)

# --- The partnership registers (s.17, s.17A, scrutiny, Community Remedy) and deadlines -------
# s.17 assessments, s.17A returns and scrutiny recommendations hold no personal data: every role that
# reads the partnership's work (board members and analysts too) sees them; administrators, who manage
# accounts, do not. Each authority writes its own; only coordinators keep scrutiny and the remedy list.
PARTNERSHIP_READ: dict[str, int] = {"anonymous": 302, "*": 200, "avbc_administrator": 403}
S17_WRITE: dict[str, int] = {
    "anonymous": 302,
    "*": 403,
    "avbc_caseworker": 200,
    "avbc_team_manager": 200,
    "avbc_partnership_coordinator": 200,
}
RETURN_WRITE: dict[str, int] = {
    "anonymous": 302,
    "*": 403,
    "avbc_team_manager": 200,
    "avbc_partnership_coordinator": 200,
}
COORDINATOR_ONLY: dict[str, int] = {"anonymous": 302, "*": 403, "avbc_partnership_coordinator": 200}


def police_s17a_return(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.core.actor import as_actor
    from csphub.duties.models import S17AReturn
    from csphub.duties.rules import s17 as rules
    from csphub.duties.services.partnership import s17a_return_submit

    existing = S17AReturn.objects.first()
    if existing is None:
        manager = as_actor(get_user_model().objects.get(username="police_team_manager"))
        assert manager is not None
        quarter = rules.quarter_of(timezone.localdate()).previous()
        text = "category,subcategory,occurred_on,time_band,outward_postcode,count\n"
        text += f"burglary,Dwelling,{quarter.start.isoformat()},00:00-05:59,DE5,2\n"
        existing = s17a_return_submit(actor=manager, quarter_start=quarter.start, text=text)
    return {"pk": existing.pk}


def scrutiny_recommendation(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.agencies.models import Membership
    from csphub.core.actor import as_actor
    from csphub.duties.models import ScrutinyRecommendation
    from csphub.duties.services.partnership import scrutiny_recommendation_record

    existing = ScrutinyRecommendation.objects.first()
    if existing is None:
        user = get_user_model().objects.get(username="dcc_partnership_coordinator")
        coordinator = as_actor(user)
        assert coordinator is not None
        today = timezone.localdate()
        existing = scrutiny_recommendation_record(
            actor=coordinator,
            committee="Crime and Disorder Committee",
            meeting_on=today,
            received_on=today,
            recommendation="Example-Matrix recommendation",
            owner_membership=Membership.objects.get(user=user, is_active=True).pk,
        )
    return {"pk": existing.pk}


def police_case(world: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from csphub.cases import services as cases

    owner = get_user_model().objects.get(username="police_caseworker")
    now = timezone.now()
    incident = cases.incident_record(
        actor=owner,
        occurred_at=now - dt.timedelta(days=2),
        reported_at=now - dt.timedelta(days=1),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Example-Matrix",
    )
    case = cases.case_open(actor=owner, incidents=[incident], summary="Example-Matrix")
    return {"pk": case.pk}


MATRIX.update(
    {
        "duties:deadlines": Entry(expect={"anonymous": 302, "*": 200}, why="each sees their own deadlines"),
        "duties:s17_list": Entry(expect=PARTNERSHIP_READ, why="no personal data"),
        "duties:s17_new": Entry(expect=S17_WRITE, why="casework roles of a responsible authority"),
        "duties:s17a_list": Entry(expect=PARTNERSHIP_READ, why="no personal data"),
        "duties:s17a_new": Entry(expect=RETURN_WRITE, why="managers of a returning authority"),
        "duties:s17a_detail": Entry(make=police_s17a_return, expect=PARTNERSHIP_READ),
        "duties:s17a_export": Entry(make=police_s17a_return, expect=PARTNERSHIP_READ),
        "duties:scrutiny_list": Entry(expect=PARTNERSHIP_READ),
        "duties:scrutiny_new": Entry(expect=COORDINATOR_ONLY),
        "duties:scrutiny_pack": Entry(expect=PARTNERSHIP_READ),
        "duties:scrutiny_detail": Entry(make=scrutiny_recommendation, expect=PARTNERSHIP_READ),
        "duties:scrutiny_respond": Entry(make=scrutiny_recommendation, expect=COORDINATOR_ONLY),
        "duties:remedy_list": Entry(expect=PARTNERSHIP_READ),
        "duties:remedy_new": Entry(expect=COORDINATOR_ONLY),
        "duties:resolution_new": Entry(make=police_case, expect=OTHER_AGENCY_RECORD),
    }
)
