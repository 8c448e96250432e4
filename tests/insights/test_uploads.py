"""Loading police.uk data in the app (national-geography issue, item 5): an analyst uploads the zip
as downloaded, or its CSVs; a background job on the task queue loads them with progress; the result
page says what was stored, set aside (file, line, reason) and replaced. Re-uploading changes nothing;
bad files change nothing and say what is wrong and where."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from csphub.analytics import pipeline
from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights.models import DataUpload, UploadStatus
from csphub.insights.uploads import data_upload_start

# Transactional: the real worker (db_worker) runs the jobs, and it closes its database connection
# after each one, which on PostgreSQL would end a test wrapped in one transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "police_uk"
MONTHS = ("2024-01", "2024-02", "2024-03")


def _csv(month: str) -> bytes:
    return gzip.decompress((SAMPLE / month / f"{month}-derbyshire-street.csv.gz").read_bytes())


def _zip(months: tuple[str, ...] = MONTHS, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in months:
            zf.writestr(f"{m}/{m}-derbyshire-street.csv", _csv(m))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def data_dir(tmp_path: Path, settings: Any) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def _work() -> None:
    """What `csphub worker` does: run the jobs waiting on the queue."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _post(client: Any, *files: tuple[str, bytes]) -> Any:
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post("/insights/data/", {"data_files": uploads})


def test_an_analyst_uploads_the_zip_and_the_job_loads_it(data_dir: Path, client_as: Any) -> None:
    client = client_as("avbc_analyst")
    response = _post(client, ("derbyshire-2024.zip", _zip()))
    upload = DataUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/insights/data/{upload.pk}/"
    assert upload.status == UploadStatus.QUEUED
    page = client.get(f"/insights/data/{upload.pk}/").content.decode()
    assert "Loading the data" in page and str(data_dir) not in page
    _work()
    upload.refresh_from_db()
    assert upload.status == UploadStatus.DONE, upload.problems
    store = pipeline.store_for(data_dir)
    assert store.months() == list(MONTHS)
    expected_rows = sum(len(_csv(m).splitlines()) - 1 for m in MONTHS)
    assert upload.rows_done == expected_rows and upload.files_done == upload.files_total == 3
    assert upload.rows_stored + upload.rows_quarantined == expected_rows
    assert upload.months_loaded == [f"Derbyshire {m} (crimes and ASB)" for m in MONTHS]
    assert not (data_dir / "uploads" / upload.folder).exists()  # the uploaded copy is removed
    page = client.get(f"/insights/data/{upload.pk}/").content.decode()
    assert "Data loaded" in page and f"{upload.rows_stored} rows stored" in page
    assert str(data_dir) not in page
    progress = client.get(f"/insights/data/{upload.pk}/progress.json").json()
    assert progress["finished"] and progress["files_done"] == 3
    assert AuditEvent.objects.filter(verb="data_upload.started").count() == 1
    assert AuditEvent.objects.filter(verb="data_upload.loaded").count() == 1


def test_uploading_the_same_files_again_changes_nothing(data_dir: Path, client_as: Any) -> None:
    client = client_as("avbc_analyst")
    _post(client, ("derbyshire-2024.zip", _zip()))
    _work()
    manifest = (data_dir / "analytics" / "manifest.json").read_text()
    _post(client, *((f"{m}-derbyshire-street.csv", _csv(m)) for m in MONTHS))  # the CSVs this time
    _work()
    again = DataUpload.objects.order_by("-pk").first()
    assert again is not None and again.status == UploadStatus.DONE
    assert again.files_unchanged == 3 and again.rows_stored == 0 and again.months_loaded == []
    assert (data_dir / "analytics" / "manifest.json").read_text() == manifest


def test_a_newer_download_of_a_month_replaces_it(data_dir: Path, client_as: Any) -> None:
    client = client_as("avbc_analyst")
    _post(client, ("a.zip", _zip(("2024-01",))))
    _work()
    lines = _csv("2024-01").splitlines(keepends=True)
    reissued = b"".join(lines[:-5])  # police.uk re-issues months with corrections
    _post(client, ("2024-01-derbyshire-street.csv", reissued))
    _work()
    upload = DataUpload.objects.order_by("-pk").first()
    assert upload is not None and upload.months_replaced == ["Derbyshire 2024-01 (crimes and ASB)"]
    assert upload.rows_done == len(lines) - 6


def test_rows_set_aside_name_file_line_and_reason_and_download(data_dir: Path, client_as: Any) -> None:
    lines = _csv("2024-02").splitlines(keepends=True)
    header = lines[0].decode().rstrip("\r\n").split(",")
    bad = lines[1].decode().rstrip("\r\n").split(",")
    bad[header.index("Month")] = "2024-13"
    planted = b"".join([lines[0], lines[1], (",".join(bad) + "\n").encode(), *lines[2:]])
    client = client_as("avbc_analyst")
    _post(client, ("2024-02-derbyshire-street.csv", planted))
    _work()
    upload = DataUpload.objects.get()
    assert upload.status == UploadStatus.DONE and upload.rows_quarantined == 1
    (row,) = upload.quarantined
    assert row["file"] == "2024-02-derbyshire-street.csv" and row["line"] == 3, row
    csv_text = client.get(f"/insights/data/{upload.pk}/set-aside.csv").content.decode()
    assert csv_text.splitlines()[0] == "file,line,reason"
    assert "2024-02-derbyshire-street.csv,3," in csv_text and str(data_dir) not in csv_text


def test_a_file_that_is_not_a_zip_is_refused_at_once_and_nothing_is_kept(
    data_dir: Path, client_as: Any
) -> None:
    response = _post(client_as("avbc_analyst"), ("download.zip", b"<html>not a zip</html>"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not a zip file, or it is damaged" in page and "govuk-error-summary" in page
    assert not DataUpload.objects.exists()
    assert not any((data_dir / "uploads").glob("*/*")) if (data_dir / "uploads").exists() else True


def test_a_csv_not_named_as_police_uk_names_them_is_refused(data_dir: Path, persona: Any) -> None:
    with pytest.raises(ApplicationError, match=r"not named like a data\.police\.uk file"):
        data_upload_start(
            actor=persona("avbc_analyst"), files=[SimpleUploadedFile("crimes.csv", _csv("2024-01"))]
        )
    with pytest.raises(ApplicationError, match="chosen twice"):
        data_upload_start(
            actor=persona("avbc_analyst"),
            files=[SimpleUploadedFile("a.zip", _zip()), SimpleUploadedFile("A.zip", _zip())],
        )


def test_a_zip_holding_another_file_fails_with_its_name_and_changes_nothing(
    data_dir: Path, client_as: Any
) -> None:
    client = client_as("avbc_analyst")
    _post(client, ("first.zip", _zip(("2024-01",))))
    _work()
    manifest = (data_dir / "analytics" / "manifest.json").read_text()
    _post(client, ("second.zip", _zip(("2024-02",), extra={"notes/readme.docx": b"PK\x03\x04 word"})))
    _work()
    upload = DataUpload.objects.order_by("-pk").first()
    assert upload is not None and upload.status == UploadStatus.FAILED
    assert any("readme.docx" in p for p in upload.problems), upload.problems
    assert all(str(data_dir) not in p for p in upload.problems)
    assert (data_dir / "analytics" / "manifest.json").read_text() == manifest
    page = client.get(f"/insights/data/{upload.pk}/").content.decode()
    assert "The data was not loaded" in page and "Nothing was changed" in page
    assert AuditEvent.objects.filter(verb="data_upload.failed").count() == 1


def test_a_truncated_csv_loads_nothing_it_cannot_read_whole(data_dir: Path, client_as: Any) -> None:
    data = _csv("2024-03")
    truncated = data[: len(data) // 2]  # cut mid-row, as an interrupted download is
    client = client_as("avbc_analyst")
    _post(client, ("2024-03-derbyshire-street.csv", truncated))
    _work()
    upload = DataUpload.objects.get()
    # Either the half row is set aside with its line, or the file is refused: never a half-read row.
    if upload.status == UploadStatus.DONE:
        assert upload.rows_quarantined >= 1
        assert upload.rows_stored + upload.rows_quarantined == upload.rows_done
    else:
        assert upload.problems and "2024-03-derbyshire-street.csv" in upload.problems[0]


@pytest.mark.parametrize("username", ["avbc_caseworker", "avbc_board_member", "avbc_partnership_coordinator"])
def test_only_analysts_and_administrators_may_load_data(
    username: str, data_dir: Path, persona: Any, client_as: Any
) -> None:
    with pytest.raises(PermissionDeniedError):
        data_upload_start(actor=persona(username), files=[SimpleUploadedFile("a.zip", _zip())])
    assert client_as(username).get("/insights/data/").status_code == 403
    assert client_as("avbc_administrator").get("/insights/data/").status_code == 200


def test_police_downloads_have_their_own_upload_limit_before_the_body_is_read(settings: Any) -> None:
    """A force's year is ~40 MB zipped: the data page takes it, while case documents keep the 20 MB
    limit; both are refused from the declared length, before the body is read (finding 22)."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from csphub.core.uploads import UploadLimitMiddleware

    middleware = UploadLimitMiddleware(lambda request: HttpResponse("read"))

    def post(path: str, size: int) -> int:
        request = RequestFactory().post(path)
        request.META.update(CONTENT_TYPE="multipart/form-data; boundary=x", CONTENT_LENGTH=str(size))
        return middleware(request).status_code

    forty_mb = 40 * 1024 * 1024
    assert post("/insights/data/", forty_mb) == 200
    assert post("/cases/1/documents/new/", forty_mb) == 413
    assert post("/insights/data/", settings.CSPHUB_DATA_UPLOAD_MAX_BYTES + 1024 * 1024) == 413
