"""Applying: the public (or staff-keyed) application, passed to the relevant bodies, with a receipt."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from csphub.agencies.selectors import partnership_for_area
from csphub.agencies.services import notify_agency, share_record
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import Application, ApplicationChannel, CaseReviewArea, LetterLanguage
from csphub.casereviews.services._common import _raise_problems, _require_manager
from csphub.core.actor import ActorOrUser, user_of
from csphub.core.errors import ApplicationError, PermissionDeniedError

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z)


def new_reference() -> str:
    """An unguessable reference like ``CR-7KDM-Q4TA`` (the status check also needs a code)."""
    chars = [secrets.choice(REFERENCE_ALPHABET) for _ in range(8)]
    return f"CR-{''.join(chars[:4])}-{''.join(chars[4:])}"


def application_submit(
    *,
    actor: ActorOrUser | None,
    area: CaseReviewArea,
    channel: str,
    received_on: dt.date,
    applicant_name: str,
    contact_preference: str,
    applicant_email: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    support_needs: str = "",
    is_third_party: bool = False,
    victim_name: str = "",
    relationship_to_victim: str = "",
    victim_consent_given: bool = False,
    victim_consent_how: str = "",
    behaviour_description: str,
    behaviour_location: str,
    behaviour_first_on: dt.date | None,
    behaviour_last_on: dt.date | None,
    reports_described: str,
    spoc: Any = None,
    today: dt.date | None = None,
    language: str = LetterLanguage.ENGLISH,
) -> Application:
    """Record an application made online (``actor=None``) or taken by staff by phone, paper or in person.

    Refuses anonymous applications and third-party applications without the victim's consent; passes
    the application to every relevant body (s.104(3)) by sharing it under the area's agreement.
    """
    today = today or timezone.localdate()
    if language not in LetterLanguage.values:
        language = LetterLanguage.ENGLISH
    if channel not in ApplicationChannel.values:
        raise ApplicationError("Select how the application was made", field="channel")
    if actor is None and channel != ApplicationChannel.ONLINE:
        raise PermissionDeniedError(
            "Only staff can record applications made by phone, on paper or in person."
        )
    if actor is not None:
        _require_manager(actor)
    if received_on > today:
        raise ApplicationError("The date received must be today or in the past", field="received_on")
    if not area.is_active:
        raise ApplicationError("This area does not take applications here", field="area")
    _raise_problems(
        rules.application_problems(
            applied_on=received_on,
            applicant_name=applicant_name,
            contact_preference=contact_preference,
            applicant_email=applicant_email,
            applicant_phone=applicant_phone,
            applicant_address=applicant_address,
            is_third_party=is_third_party,
            victim_name=victim_name,
            victim_consent_given=victim_consent_given,
            behaviour_first_on=behaviour_first_on,
            behaviour_last_on=behaviour_last_on,
            behaviour_description=behaviour_description,
            behaviour_location=behaviour_location,
            reports_described=reports_described,
        )
    )
    assert behaviour_first_on is not None and behaviour_last_on is not None  # checked above
    # The application belongs to the area's partnership (a resident has none to give it).
    partnership = area.partnership or partnership_for_area(area.name)
    if partnership is None:
        raise ApplicationError("This area does not take applications here", field="area")
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        reference=new_reference(),
                        area=area,
                        partnership=partnership,
                        owning_agency=area.managing_agency,
                        channel=channel,
                        received_on=received_on,
                        applicant_name=applicant_name.strip(),
                        applicant_email=applicant_email.strip(),
                        applicant_phone=applicant_phone.strip(),
                        applicant_address=applicant_address.strip(),
                        contact_preference=contact_preference,
                        support_needs=support_needs.strip(),
                        language=language,
                        is_third_party=is_third_party,
                        victim_name=victim_name.strip() if is_third_party else "",
                        relationship_to_victim=relationship_to_victim.strip() if is_third_party else "",
                        victim_consent_given=victim_consent_given if is_third_party else False,
                        victim_consent_how=victim_consent_how.strip() if is_third_party else "",
                        behaviour_description=behaviour_description.strip(),
                        behaviour_location=behaviour_location.strip(),
                        behaviour_first_on=behaviour_first_on,
                        behaviour_last_on=behaviour_last_on,
                        reports_described=reports_described.strip(),
                        spoc=spoc or area.default_spoc,
                        created_by=user_of(actor),
                        modified_by=user_of(actor),
                    )
                break
            except IntegrityError:  # a reference collision: astronomically rare, but try again
                continue
        else:  # pragma: no cover
            raise ApplicationError("We could not save the application. Try again.")
        audit_record(
            actor=actor,
            verb="casereviewapplication.submitted",
            target=application,
            acting_agency=area.managing_agency if actor is None else None,
        )
        _pass_to_relevant_bodies(application)
        if application.applicant_email:
            transaction.on_commit(lambda: _send_receipt(application.pk))
    return application


def _pass_to_relevant_bodies(application: Application) -> None:
    """s.104(3): an application made to the point of contact is passed to all relevant bodies.

    B.4: the duty never silently fails. When the sharing agreement is missing or lapsed, or a
    relevant body is not party to it, the SPoC gets a task saying so and the gap is audited."""
    area = application.area
    agreement = area.sharing_agreement
    in_force = agreement is not None and agreement.is_in_force()
    parties = set(agreement.parties.values_list("pk", flat=True)) if agreement is not None else set()
    bodies = [a for a in area.relevant_bodies.all() if a.pk != application.owning_agency_id]
    not_party = [a for a in bodies if a.pk not in parties] if in_force else []
    problems = rules.pass_on_problems(
        agreement_in_force=in_force, bodies_not_party=[a.name for a in not_party]
    )
    if problems:
        _pass_on_blocked(application, problems)
    if not in_force:
        return
    assert agreement is not None
    for agency in bodies:
        if agency.pk not in parties:
            continue
        share_record(
            actor=None,
            obj=application,
            agency=agency,
            agreement=agreement,
            reason="ASB Case Review application passed to the relevant bodies (ASBCPA 2014 s.104(3))",
            check_permission=False,
        )
        # s.104(6): complaints made to any relevant body count, so each is asked for its incidents.
        notify_agency(
            agency=agency,
            subject=f"ASB Case Review {application.reference} needs your agency's incidents",
            body=(
                f"An application for an ASB Case Review in {area.name} ({application.reference}) was "
                f"passed to your agency as a relevant body. Link any incidents your agency recorded about "
                f"this behaviour before {area.managing_agency.name} decides the threshold."
            ),
            link=reverse("casereviews:detail", args=[application.reference]),
        )


def _pass_on_blocked(application: Application, problems: list[str]) -> None:
    from csphub.cases.services import task_create

    audit_record(
        actor=None,
        verb="casereviewapplication.pass_on_blocked",
        target=application,
        justification="; ".join(problems),
        acting_agency=application.area.managing_agency,
    )
    owner = application.spoc or application.area.default_spoc
    if owner is None or not owner.is_active:
        return
    task_create(
        actor=owner,
        title=f"Pass application {application.reference} to the relevant bodies (s.104(3))",
        owner=owner,
        due_on=timezone.localdate(),
        details="\n".join(problems),
        source="casereviews.pass_on",
        linked=application,
        check_permission=False,
    )


def _send_receipt(application_pk: int) -> None:
    application = Application.objects.select_related("area", "spoc").get(pk=application_pk)
    with translation.override(application.language):
        body = render_to_string("casereviews/email/receipt.txt", {"application": application})
        subject = gettext("Your ASB Case Review application %(reference)s") % {
            "reference": application.reference
        }
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[application.applicant_email],
    )
