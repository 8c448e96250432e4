"""Status check: the applicant's reference plus a short-lived code sent to them."""

from __future__ import annotations

import datetime as dt
import functools
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from csphub.audit.services import audit_record
from csphub.casereviews.models import Application, Letter
from csphub.casereviews.services.letters import letter_pdf

STATUS_CODE_MINUTES = 30


STATUS_CODE_MAX_ATTEMPTS = 5


@functools.cache
def _dummy_hash() -> str:
    """Hashing a dummy value when the reference is unknown keeps both paths equally slow. Made on
    first use, not on import: an argon2 hash takes about 0.1 s, which every process paid at start-up
    (the URLconf imports this module)."""
    return make_password("not-a-real-code")


def status_code_request(*, reference: str, email: str) -> None:
    """Send a one-time code if ``reference`` and ``email`` match; otherwise do the same work silently.

    Callers always show the same message, so an unknown reference or e-mail tells nothing.
    """
    code = f"{secrets.randbelow(1_000_000):06d}"
    code_hash = make_password(code)  # always hash: both paths take the same time
    application = (
        Application.objects.filter(reference__iexact=reference.strip())
        .exclude(applicant_email="")
        .select_related("area")
        .first()
    )
    if application is None or application.applicant_email.strip().lower() != email.strip().lower():
        return
    with transaction.atomic():
        application.status_code_hash = code_hash
        application.status_code_expires_at = timezone.now() + dt.timedelta(minutes=STATUS_CODE_MINUTES)
        application.status_code_attempts = 0
        application.save(update_fields=["status_code_hash", "status_code_expires_at", "status_code_attempts"])
        audit_record(
            actor=None,
            verb="casereviewapplication.status_code_sent",
            target=application,
            acting_agency=application.area.managing_agency,
        )
        recipient = application.applicant_email
        with translation.override(application.language):
            subject = gettext("Your code to check ASB Case Review %(reference)s") % {
                "reference": application.reference
            }
            message = (
                gettext("Your code is %(code)s. It works for %(minutes)s minutes.")
                % {"code": code, "minutes": STATUS_CODE_MINUTES}
                + "\n\n"
                + gettext("If you did not ask for this code, you can ignore this e-mail.")
            )
        transaction.on_commit(
            lambda: send_mail(
                subject=subject,
                message=message,
                from_email=None,
                recipient_list=[recipient],
            )
        )


def status_code_check(*, reference: str, code: str) -> Application | None:
    """The application when the code is right and in time; None otherwise (same work either way)."""
    dummy = _dummy_hash()  # before either path, so that the first check in a process is no slower one way
    application = Application.objects.filter(reference__iexact=reference.strip()).first()
    if application is None or not application.status_code_hash:
        check_password(code, dummy)
        return None
    ok = check_password(code.strip(), application.status_code_hash)
    expired = (
        application.status_code_expires_at is None or application.status_code_expires_at < timezone.now()
    )
    with transaction.atomic():
        if not ok or expired or application.status_code_attempts >= STATUS_CODE_MAX_ATTEMPTS:
            application.status_code_attempts += 1
            if application.status_code_attempts >= STATUS_CODE_MAX_ATTEMPTS:
                application.status_code_hash = ""  # too many tries: ask for a new code
            application.save(update_fields=["status_code_attempts", "status_code_hash"])
            return None
        application.status_code_hash = ""  # one use
        application.save(update_fields=["status_code_hash"])
        audit_record(
            actor=None,
            verb="casereviewapplication.status_checked",
            target=application,
            acting_agency=application.area.managing_agency,
        )
    return application


def status_letter_viewed(*, letter: Letter) -> None:
    """The applicant, signed in by their reference and code, read one of their letters."""
    application = letter.application
    audit_record(
        actor=None,
        verb="casereviewapplication.status_letter_viewed",
        target=application,
        acting_agency=application.area.managing_agency,
        justification=f"letter {letter.pk}",
    )


def status_letter_downloaded(*, letter: Letter) -> bytes:
    """The applicant, signed in by their reference and code, downloads one of their letters: the PDF,
    made from the HTML that was sent, and an audit event naming the letter."""
    application = letter.application
    audit_record(
        actor=None,
        verb="casereviewapplication.status_letter_downloaded",
        target=application,
        acting_agency=application.area.managing_agency,
        justification=f"letter {letter.pk}",
    )
    return letter_pdf(letter)


def status_page_viewed(*, application: Application) -> None:
    """The applicant, signed in by their reference and code, looked at their status page."""
    audit_record(
        actor=None,
        verb="casereviewapplication.status_viewed",
        target=application,
        acting_agency=application.area.managing_agency,
    )
