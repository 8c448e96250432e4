"""Demo data for the duty registers (idempotent: records are tagged "[demo]" and looked up first).

- Compartment members: Amber Valley's team manager and the police team manager lead modern slavery
  for their agencies; the police caseworker is the Prevent lead, Derbyshire County Council's team
  manager chairs the Channel panel, Amber Valley's team manager sits on it.
- One modern slavery concern (an adult who does not consent) on the first open demo case.
- One Prevent referral screened by the police and before the Channel panel, awaiting consent.
- Domestic Homicide Reviews and the Serious Violence Duty: see ``demo_dhr``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.agencies.policies import Action, Compartment
from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.core.actor import as_actor
from csphub.core.models import demo_only
from csphub.duties.models import CompartmentRole, PreventReferral, SlaveryConcern
from csphub.duties.services import prevent, slavery
from csphub.duties.services.compartments import compartment_member_add

TAG = "[demo]"

MEMBERS = (
    ("avbc_team_manager", Compartment.MODERN_SLAVERY, CompartmentRole.LEAD),
    ("police_team_manager", Compartment.MODERN_SLAVERY, CompartmentRole.LEAD),
    ("police_caseworker", Compartment.PREVENT, CompartmentRole.LEAD),
    ("dcc_team_manager", Compartment.PREVENT, CompartmentRole.PANEL_MEMBER),
    ("avbc_team_manager", Compartment.PREVENT, CompartmentRole.PANEL_MEMBER),
)


def load_demo(*, rng_seed: int = 2026) -> None:
    users = get_user_model().objects
    for username, compartment, role in MEMBERS:
        user = users.filter(username=username).first()
        membership = Membership.objects.filter(user=user, is_active=True).first() if user else None
        if user is not None and membership is not None:
            compartment_member_add(
                actor=None, compartment=compartment, user=user, agency=membership.agency, role=role
            )

    today = timezone.localdate()
    if not SlaveryConcern.objects.filter(grounds__startswith=TAG).exists():
        case = (
            demo_only(Case.objects.all())
            .filter(status=CaseStatus.OPEN, case_officer__isnull=False, owning_agency__slug="avbc")
            .order_by("pk")
            .first()
        )
        if case is not None and case.case_officer is not None:
            officer = as_actor(case.case_officer)
            victim = case.parties.filter(role=PartyRole.VICTIM).select_related("person").first()
            if officer is not None and officer.policy.role_allows(Action.CREATE):
                slavery.slavery_concern_record(
                    actor=officer,
                    case=case,
                    person=victim.person if victim else None,
                    grounds_date=today - dt.timedelta(days=1),
                    grounds=f"{TAG} Visitors at all hours; the tenant says he owes them money and cannot leave.",
                    exploitation="criminal",
                    exploitation_area="Ripley",
                    age_basis="adult",
                    consent="refused",
                )

    if not PreventReferral.objects.filter(concerns__startswith=TAG).exists():
        lead = as_actor(users.filter(username="police_caseworker").first())
        chair = users.filter(username="dcc_team_manager").first()
        if lead is not None and chair is not None:
            day = today - dt.timedelta(days=14)
            referral = prevent.prevent_referral_make(
                actor=lead,
                referred_on=day,
                referrer_name="Demo Referrer",
                referrer_role="Designated safeguarding lead (fictional school)",
                referrer_contact="01773 000000",
                subject_name="Demo Person (fictional)",
                concern_type="mixed_unclear",
                concerns=f"{TAG} Fictional example: repeated sharing of violent extremist videos.",
            )
            prevent.prevent_referral_screen(
                actor=lead, referral=referral, outcome="adopted", screened_on=day, notes="Fictional example"
            )
            prevent.channel_case_open(actor=lead, referral=referral, chair=chair, first_panel_on=today)

    # The partnership registers (s.17, s.17A, scrutiny, Community Remedy).
    from csphub.duties.demo_partnership import load_partnership_demo

    load_partnership_demo()
    from csphub.duties.demo_dhr import load_demo as load_dhr_and_svd_demo

    load_dhr_and_svd_demo()
