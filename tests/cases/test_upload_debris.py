"""A killed upload leaves nothing behind for long (security review finding 22).

Evidence is written into an ``.incoming`` folder and moved into place only once it passed every
check; Django spools a large upload into the private upload folder, not the shared /tmp; the server's
start-up sweep removes partial files older than an hour and leaves younger ones (an upload that may
still be arriving).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from csphub.cases import config, services
from csphub.cases.models import Document
from csphub.core.uploads import INCOMING, PrivateTemporaryFileUploadHandler, sweep_upload_debris

pytestmark = pytest.mark.django_db


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_stored_evidence_is_moved_out_of_the_incoming_folder(make_case: Any, persona: Any) -> None:
    case = make_case()
    upload = SimpleUploadedFile("note.txt", b"Evidence text\n")
    document = services.document_upload(
        actor=persona("avbc_caseworker"), case=case, title="t", file=upload, filename="note.txt",
        size_bytes=upload.size, visibility="agency",
    )  # fmt: skip
    root = config.private_media_root()
    assert (root / document.stored_name).read_bytes() == b"Evidence text\n"
    assert _files(root / INCOMING) == set()


def test_a_refused_upload_leaves_nothing_in_the_incoming_folder(make_case: Any, persona: Any) -> None:
    case = make_case()
    before = _files(config.private_media_root())
    upload = SimpleUploadedFile("note.txt", b"text\n" + b"\x00\x01\x02" * 400)  # binary after the head
    with pytest.raises(Exception):  # noqa: B017 - the rules' own message is tested elsewhere
        services.document_upload(
            actor=persona("avbc_caseworker"), case=case, title="t", file=upload, filename="note.txt",
            size_bytes=upload.size, visibility="agency",
        )  # fmt: skip
    assert not Document.objects.exists()
    assert _files(config.private_media_root()) == before


def test_the_sweep_removes_old_partial_files_and_keeps_young_ones(tmp_path: Path) -> None:
    incoming = tmp_path / "cases" / INCOMING
    spool = tmp_path / "upload-tmp"
    incoming.mkdir(parents=True)
    spool.mkdir()
    old_partial, young_partial = incoming / "a", incoming / "b"
    old_spool = spool / "c.upload"
    for path in (old_partial, young_partial, old_spool):
        path.write_bytes(b"partial")
    now = time.time()
    an_hour_and_a_second_ago = now - 3601
    os.utime(old_partial, (an_hour_and_a_second_ago, an_hour_and_a_second_ago))
    os.utime(old_spool, (an_hour_and_a_second_ago, an_hour_and_a_second_ago))
    # 59 minutes old: may still be arriving
    os.utime(young_partial, (now - 3540, now - 3540))
    removed = sweep_upload_debris([spool, incoming], now=now)
    assert set(removed) == {old_partial, old_spool}
    assert young_partial.exists() and not old_partial.exists() and not old_spool.exists()


def test_the_default_sweep_looks_in_every_incoming_folder(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    partial = tmp_path / "media" / "cases" / INCOMING / "x"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"p")
    os.utime(partial, (0, 0))
    assert sweep_upload_debris() == [partial]


def test_large_uploads_are_spooled_in_the_private_folder(settings: Any, tmp_path: Path) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "not-yet-made")
    assert "csphub.core.uploads.PrivateTemporaryFileUploadHandler" in django_settings.FILE_UPLOAD_HANDLERS
    handler = PrivateTemporaryFileUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", 10 * 1024 * 1024)
    handler.receive_data_chunk(b"%PDF-1.7", 0)
    spooled = Path(handler.file.temporary_file_path())
    assert spooled.parent == tmp_path / "not-yet-made"
    assert (spooled.parent.stat().st_mode & 0o777) == 0o700
    handler.file.close()


def test_the_spool_folder_is_made_at_start_up_so_the_system_check_passes(
    settings: Any, tmp_path: Path
) -> None:
    from django.core.management import call_command

    from csphub.core.apps import _make_upload_temp_dir

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "fresh" / "upload-tmp")
    _make_upload_temp_dir()
    assert (tmp_path / "fresh" / "upload-tmp").is_dir()
    call_command("check", "--tag", "files")
