"""Permission-matrix rows for the Strategic Assessment pages (aggregate data: no personal records)."""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import Entry

ASSESSMENT_VIEWERS = {
    "anonymous": 302,
    "*": 403,
    "avbc_team_manager": 200,
    "avbc_partnership_coordinator": 200,
    "avbc_analyst": 200,
    "avbc_board_member": 200,
}
ONE_RUN = {**ASSESSMENT_VIEWERS, "*": 404}


def _amber_valley() -> Any:
    """The partnership the avbc personas act in: the matrix's records are theirs."""
    from csphub.agencies.models import Partnership

    return Partnership.objects.get(code="E22000037")


def _run(world: Any) -> dict[str, Any]:
    from django.utils import timezone

    from csphub.insights.models import AssessmentRun

    run, _ = AssessmentRun.objects.get_or_create(
        partnership=_amber_valley(),
        area_query="matrix",
        date_from="2024-01",
        date_to="2024-12",
        defaults={"area_name": "Matrix", "output_dir": "matrix/none", "generated_at": timezone.now()},
    )
    return {"pk": run.pk}


def _run_file(world: Any) -> dict[str, Any]:
    return {**_run(world), "name": "assessment.json"}


MATRIX = {
    "insights:list": Entry(expect=ASSESSMENT_VIEWERS),
    "insights:detail": Entry(make=_run, expect=ONE_RUN),
    # The run has no files on disk: viewers get 404 for the file, others 404 as for any record.
    "insights:report": Entry(
        make=_run,
        expect={
            **ONE_RUN,
            "avbc_team_manager": 404,
            "avbc_partnership_coordinator": 404,
            "avbc_analyst": 404,
            "avbc_board_member": 404,
        },
    ),
    "insights:file": Entry(
        make=_run_file,
        expect={
            **ONE_RUN,
            "avbc_team_manager": 404,
            "avbc_partnership_coordinator": 404,
            "avbc_analyst": 404,
            "avbc_board_member": 404,
        },
    ),
}


# Loading police.uk data: analysts and administrators (aggregate, non-personal data).
DATA_LOADERS = {"anonymous": 302, "*": 403, "avbc_analyst": 200, "avbc_administrator": 200}


def _upload(world: Any) -> dict[str, Any]:
    from csphub.insights.models import DataUpload, UploadStatus

    upload, _ = DataUpload.objects.get_or_create(
        partnership=_amber_valley(),
        folder="matrix",
        defaults={"status": UploadStatus.DONE, "file_names": ["matrix.zip"]},
    )
    return {"pk": upload.pk}


MATRIX.update(
    {
        "insights:uploads": Entry(expect=DATA_LOADERS),
        "insights:upload": Entry(make=_upload, expect=DATA_LOADERS),
        "insights:upload_progress": Entry(make=_upload, expect=DATA_LOADERS),
        "insights:upload_quarantine": Entry(make=_upload, expect=DATA_LOADERS),
    }
)


# Adopting a run (POST): the board and the coordinator; other assessment readers are refused (403);
# those who may not read assessments do not learn the run exists (404). The matrix's run has no
# files, so an adopter's post is answered with the page and a message (302), adopting nothing.
MATRIX["insights:adopt"] = Entry(
    make=_run,
    method="POST",
    expect={
        **ONE_RUN,
        "avbc_team_manager": 403,
        "avbc_analyst": 403,
        "avbc_partnership_coordinator": 302,
        "avbc_board_member": 302,
    },
)

# The county board's overview: only for a user acting in a board (no persona here is), so viewers get 404.
MATRIX["insights:board"] = Entry(
    expect={
        **ASSESSMENT_VIEWERS,
        **dict.fromkeys(
            ("avbc_team_manager", "avbc_partnership_coordinator", "avbc_analyst", "avbc_board_member"), 404
        ),
    }
)
