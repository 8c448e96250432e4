"""The development e-mail backend: letters go to a private outbox folder, not the console.

Security review finding 15: with Django's console backend, a Case Review applicant's letter (name,
address, what happened to them) was printed in full to the terminal and any log that captured it.
Here each message is written as one ``.eml`` file, readable by the owner only, under
``<CSPHUB_DATA_DIR>/outbox/``, and the console says only how many were written and where, never a
recipient, a subject or a body. Production sends by SMTP (``CSPHUB_EMAIL_BACKEND``).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


def outbox_dir() -> Path:
    return Path(getattr(settings, "EMAIL_FILE_PATH", None) or Path(settings.DATA_DIR) / "outbox")


class OutboxEmailBackend(BaseEmailBackend):
    """Writes each message to its own owner-only file; prints a count, never the content."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.folder = outbox_dir()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        sent = 0
        for message in email_messages:
            path = self.folder / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(message.message().as_bytes())
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        if sent:
            print(f"CSP Hub: {sent} e-mail(s) written to the outbox folder {self.folder}", file=sys.stderr)
        return sent
