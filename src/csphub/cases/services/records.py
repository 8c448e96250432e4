"""Case notes and documents (uploaded, scanned, downloaded)."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import IO

from django.db import transaction

from csphub.agencies.models import Agency
from csphub.agencies.policies import acting_membership, can_contribute
from csphub.audit.services import audit_record
from csphub.cases import config, rules
from csphub.cases.models import (
    Case,
    Document,
    Note,
    NoteVisibility,
)
from csphub.cases.services._common import _raise_first
from csphub.core import filescan, uploads
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError

# --------------------------------------------------------------------------------------------
# Notes and documents
# --------------------------------------------------------------------------------------------


def _writer_agency(actor: ActorOrUser, case: Case) -> Agency:
    """Owning agency writes; a partner with a FULL share may also add notes/documents."""
    membership = acting_membership(actor)
    if membership is None or not can_contribute(actor, case):
        raise PermissionDeniedError("You cannot add to this case.")
    return membership.agency


def note_add(*, actor: ActorOrUser, case: Case, text: str, visibility: str = NoteVisibility.AGENCY) -> Note:
    agency = _writer_agency(actor, case)
    if not text.strip():
        raise ApplicationError("Enter the note", field="text")
    if visibility not in NoteVisibility.values:
        raise ApplicationError("Select who can see the note", field="visibility")
    with transaction.atomic():
        note = Note.objects.create(
            case=case,
            author_agency=agency,
            text=text.strip(),
            visibility=visibility,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(
            actor=actor, verb="note.added", target=case, justification=f"note {note.pk} ({visibility})"
        )
    return note


def document_upload(
    *,
    actor: ActorOrUser,
    case: Case,
    file: IO[bytes],
    filename: str,
    size_bytes: int,
    title: str,
    visibility: str = NoteVisibility.AGENCY,
) -> Document:
    """Store evidence outside the web root under a random name, after the size and type checks."""
    agency = _writer_agency(actor, case)
    if not title.strip():
        raise ApplicationError("Enter a title for the document", field="title")
    if visibility not in NoteVisibility.values:
        raise ApplicationError("Select who can see the document", field="visibility")
    policy = config.upload_policy()
    head = file.read(policy.head_bytes)
    _raise_first(rules.upload_problems(filename=filename, size_bytes=size_bytes, head=head, policy=policy))
    file_type = rules.detect_file_type(filename, head, policy=policy)
    assert file_type is not None
    root = config.private_media_root()
    root.mkdir(parents=True, exist_ok=True)
    stored_name = uuid.uuid4().hex
    # Written into the incoming folder and moved into place only once every check passed: a killed
    # process leaves a partial file there, which the server's start-up sweep removes (finding 22).
    path = uploads.incoming_dir(root) / stored_name
    digest = hashlib.sha256()
    written = 0
    with path.open("xb") as out:
        chunk = head
        while chunk:
            written += len(chunk)
            if written > policy.max_bytes:
                out.close()
                path.unlink(missing_ok=True)
                _raise_first(
                    [rules.Problem("file", "The selected file must be smaller than the upload limit")]
                )
            digest.update(chunk)
            out.write(chunk)
            chunk = file.read(1024 * 1024)
    # The whole file: its type beyond the first bytes, and the antivirus hook when configured.
    extension = min(file_type.extensions)
    problem = filescan.content_problem(path, extension, file_type.label) or filescan.malware_problem(path)
    if problem:
        path.unlink(missing_ok=True)
        _raise_first([rules.Problem("file", problem)])
    os.replace(path, root / stored_name)
    path = root / stored_name
    try:
        with transaction.atomic():
            document = Document.objects.create(
                case=case,
                author_agency=agency,
                title=title.strip(),
                original_name=Path(filename.replace("\\", "/")).name[:255],
                stored_name=stored_name,
                content_type=file_type.content_type,
                size_bytes=written,
                sha256=digest.hexdigest(),
                visibility=visibility,
                created_by=acting_user(actor),
                modified_by=acting_user(actor),
            )
            audit_record(actor=actor, verb="document.uploaded", target=document)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return document


def document_open_for_download(*, actor: ActorOrUser, document: Document) -> IO[bytes]:
    """Open the stored file for a user the selectors already allowed; the download is audited."""
    with transaction.atomic():
        audit_record(actor=actor, verb="document.downloaded", target=document)
    return (config.private_media_root() / document.stored_name).open("rb")
