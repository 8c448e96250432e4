"""Letters to the applicant: rendered from templates, sent by e-mail, kept as a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import AppealOutcome, Application, Letter, LetterKind, LetterLanguage
from csphub.casereviews.services import explanation_cy
from csphub.casereviews.services._common import _require_manager, _transition
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError
from csphub.frontend.documents import render_pdf

LETTER_TEMPLATES = {
    LetterKind.ACKNOWLEDGEMENT: "casereviews/letters/acknowledgement.html",
    LetterKind.THRESHOLD_DECISION: "casereviews/letters/threshold_decision.html",
    LetterKind.OUTCOME: "casereviews/letters/outcome.html",
    LetterKind.APPEAL_OUTCOME: "casereviews/letters/appeal_outcome.html",
}


def applicant_explanation(record: Any, *, language: str = LetterLanguage.ENGLISH) -> list[str]:
    """The threshold decision in the applicant's letter: the stored engine result retold without
    rule versions or internal references, after the partnership's reason when it used discretion.
    In Welsh for an applicant who chose Welsh (the stored decision stays English)."""
    if record is None:
        return []
    decision = rules.ThresholdDecision.from_dict(record.result)
    welsh = language == LetterLanguage.WELSH
    if welsh:
        paragraphs = explanation_cy.explanation_paragraphs_cy(decision)
    else:
        paragraphs = rules.explanation_paragraphs(decision, for_applicant=True)
    if record.discretionary:
        # The engine's opening says the rules alone do not meet it; the decision is the partnership's.
        if welsh:
            paragraphs[0] = explanation_cy.discretion_opening_cy(record.discretion_reason)
        else:
            paragraphs[0] = (
                "The partnership decided that the threshold is met, using its discretion: "
                f"{record.discretion_reason}"
            )
    return paragraphs


# The appeal outcome as the applicant reads it (the staff pages show AppealOutcome's labels).
APPEAL_OUTCOME_TEXT = {
    AppealOutcome.UPHELD: gettext_lazy("Upheld — the partnership must look again"),
    AppealOutcome.PARTLY_UPHELD: gettext_lazy("Partly upheld"),
    AppealOutcome.NOT_UPHELD: gettext_lazy("Not upheld"),
}
# The subject of the e-mail that carries a letter.
LETTER_SUBJECTS = {
    LetterKind.ACKNOWLEDGEMENT: gettext_lazy("ASB Case Review %(reference)s: Acknowledgement"),
    LetterKind.THRESHOLD_DECISION: gettext_lazy("ASB Case Review %(reference)s: Threshold decision"),
    LetterKind.OUTCOME: gettext_lazy("ASB Case Review %(reference)s: Review outcome"),
    LetterKind.APPEAL_OUTCOME: gettext_lazy("ASB Case Review %(reference)s: Appeal outcome"),
}


def letter_context(application: Application, *, kind: str, dated: dt.date) -> dict[str, Any]:
    review = getattr(application, "review", None)
    decision = getattr(application, "threshold_decision", None)
    appeal = getattr(application, "appeal", None)
    return {
        "application": application,
        "area": application.area,
        "kind": kind,
        "dated": dated,
        "decision": decision,
        "explanation": applicant_explanation(decision, language=application.language),
        "review": review,
        "recommendations": list(review.recommendations.select_related("owner_agency")) if review else [],
        "appeal": appeal,
        "appeal_outcome": str(APPEAL_OUTCOME_TEXT.get(appeal.outcome, "")) if appeal else "",
        "appeal_closes_on": application.appeal_window_closes_on(),
    }


def letter_render(application: Application, *, kind: str, dated: dt.date) -> str:
    if kind not in LETTER_TEMPLATES:
        raise ApplicationError("Select a letter", field="kind")
    # In the applicant's language: the dates, the fixed text and the decision's explanation. What
    # staff typed (findings, recommendations, reasons) is printed as they wrote it.
    with translation.override(application.language):
        return render_to_string(
            LETTER_TEMPLATES[LetterKind(kind)], letter_context(application, kind=kind, dated=dated)
        )


def _letter_allowed(application: Application, kind: str) -> str | None:
    """Why this letter cannot be sent now, or None."""
    if kind == LetterKind.THRESHOLD_DECISION and application.threshold_decided_on is None:
        return "Decide the threshold before sending the decision letter."
    if kind == LetterKind.OUTCOME and application.review_held_on is None:
        return "Record the review before sending the outcome letter."
    if kind == LetterKind.OUTCOME and application.outcome_sent_on is not None:
        return "The outcome letter has already been sent."
    if kind == LetterKind.APPEAL_OUTCOME:
        appeal = getattr(application, "appeal", None)
        if appeal is None or appeal.decided_on is None:
            return "Record the appeal decision before sending the appeal outcome letter."
    return None


def letter_send(
    *, actor: ActorOrUser, application: Application, kind: str, sent_on: dt.date | None = None
) -> Letter:
    """Send a letter: keep the exact HTML, e-mail it if the applicant chose e-mail, move the status on."""
    _require_manager(actor, application)
    sent_on = sent_on or timezone.localdate()
    problem = _letter_allowed(application, kind)
    if problem:
        raise ApplicationError(problem)
    if kind == LetterKind.OUTCOME:
        # The appeal window starts from this letter, so the letter must show its own date.
        application.outcome_sent_on = sent_on
    html = letter_render(application, kind=kind, dated=sent_on)
    with transaction.atomic():
        letter = Letter.objects.create(
            application=application,
            kind=kind,
            sent_on=sent_on,
            html=html,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        if kind == LetterKind.OUTCOME:
            _transition(application, rules.Status.OUTCOME_SENT)
            application.modified_by = acting_user(actor)
            application.save(update_fields=["status", "outcome_sent_on", "modified_by", "modified_at"])
        if kind == LetterKind.ACKNOWLEDGEMENT and application.acknowledged_on is None:
            # Sending the acknowledgement is what acknowledges the application (its service level).
            application.acknowledged_on = sent_on
            fields = ["acknowledged_on", "modified_at"]
            if rules.can_transition(application.status_enum, to=rules.Status.ACKNOWLEDGED):
                application.status = rules.Status.ACKNOWLEDGED
                fields.append("status")
            application.save(update_fields=fields)
        audit_record(actor=actor, verb=f"casereviewletter.{kind}_sent", target=letter)
        if application.applicant_email and application.contact_preference == "email":
            transaction.on_commit(lambda: _email_letter(letter.pk))
    return letter


def _email_letter(letter_pk: int) -> None:
    from django.core.mail import EmailMultiAlternatives
    from django.utils.html import strip_tags

    letter = Letter.objects.select_related("application").get(pk=letter_pk)
    with translation.override(letter.application.language):
        subject = str(LETTER_SUBJECTS[LetterKind(letter.kind)]) % {"reference": letter.application.reference}
    message = EmailMultiAlternatives(
        subject=subject,
        body=strip_tags(letter.html),
        to=[letter.application.applicant_email],
    )
    message.attach_alternative(letter.html, "text/html")
    message.send()


def letter_pdf(letter: Letter) -> bytes:
    """The letter as PDF, from the HTML that was sent."""
    return render_pdf("casereviews/letters/pdf.html", {"letter": letter})
