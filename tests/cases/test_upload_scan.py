"""An evidence upload the antivirus hook flags is refused, and nothing of it is kept (finding 22)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from csphub.cases import services
from csphub.cases.models import Document
from csphub.core.errors import ApplicationError
from tests.core.test_filescan import EICAR, FakeClamd, clamd  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_upload_of_a_detected_file_is_refused_and_nothing_is_kept(
    clamd: FakeClamd,  # noqa: F811
    make_case: Any,
    persona: Any,
    settings: Any,
) -> None:
    case = make_case()
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    before = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    upload = SimpleUploadedFile("note.txt", b"Evidence text\n" + EICAR)
    with pytest.raises(ApplicationError, match="virus"):
        services.document_upload(
            actor=persona("avbc_caseworker"), case=case, title="t", file=upload, filename="note.txt",
            size_bytes=upload.size, visibility="agency",
        )  # fmt: skip
    assert not Document.objects.exists()
    after = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    assert after == before
    clean = SimpleUploadedFile("note.txt", b"Evidence text\n")
    services.document_upload(
        actor=persona("avbc_caseworker"), case=case, title="t", file=clean, filename="note.txt",
        size_bytes=clean.size, visibility="agency",
    )  # fmt: skip
    assert Document.objects.count() == 1 and len(clamd.scanned) == 2
