"""Development e-mail never prints a letter (security review finding 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMessage, get_connection


def test_the_development_settings_do_not_use_the_console_backend() -> None:
    from csphub.config.settings import base

    assert base.EMAIL_BACKEND == "csphub.core.mail.OutboxEmailBackend"


def test_letters_go_to_an_owner_only_file_and_the_console_shows_no_content(
    settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    connection = get_connection("csphub.core.mail.OutboxEmailBackend")
    letter = EmailMessage(
        subject="Your ASB Case Review application",
        body="Dear Jane Smith, 12 Example Road, DE5 3AB: the threshold is met.",
        to=["jane.smith@example.org"],
        connection=connection,
    )
    assert letter.send() == 1
    files = list((tmp_path / "outbox").iterdir())
    assert len(files) == 1
    assert (files[0].stat().st_mode & 0o777) == 0o600
    assert ((tmp_path / "outbox").stat().st_mode & 0o777) == 0o700
    assert "Jane Smith" in files[0].read_text()
    printed = capsys.readouterr()
    everything = printed.out + printed.err
    assert "1 e-mail(s) written" in everything
    for secret in ("Jane", "Example Road", "DE5", "jane.smith", "Case Review application"):
        assert secret not in everything


def test_sending_nothing_writes_nothing(settings: Any, tmp_path: Path) -> None:
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    assert get_connection("csphub.core.mail.OutboxEmailBackend").send_messages([]) == 0
    assert not (tmp_path / "outbox").exists()
