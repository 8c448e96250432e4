"""The Strategic Assessment reads no app model: it is computed from the police.uk store alone, so
disposing of case records past their retention date (UK GDPR Art 5(1)(e)) leaves it exactly as it
was. Proved both ways: the assessment of the demo area makes no database query at all, and its
outputs (the assessment, the CSVs and the report) are the same before and after a real disposal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csphub.analytics import pipeline
from csphub.cases.models import Case, Incident
from csphub.governance import services
from csphub.governance.models import RecordType, Tombstone
from csphub.reports import assess_and_render

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample-data")
    pipeline.ingest_sample(data_dir)
    return data_dir


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _incident(persona: Any, occurred: dt.date) -> Incident:
    from csphub.cases.services import incident_record

    return incident_record(
        actor=persona("avbc_caseworker"),
        occurred_at=_aware(occurred),
        reported_at=_aware(occurred),
        channel="phone",
        asb_type="personal",
        category="noise",
        description="Loud music late at night",
        location_description="Market Place, Ripley",
    )


def _closed_case(persona: Any, occurred: dt.date, closed_on: dt.date) -> Case:
    from csphub.cases.services import case_change_status, case_open

    actor = persona("avbc_caseworker")
    case = case_open(actor=actor, incidents=[_incident(persona, occurred)], summary="Noise from a flat")
    case = case_change_status(
        actor=actor, case=case, to_status="closed", reason="Behaviour stopped", outcome="resolved"
    )
    Case.objects.filter(pk=case.pk).update(closed_at=_aware(closed_on))
    return case


def _assess(sample_store: Path, out_dir: Path) -> tuple[dict[str, Any], dict[str, str], int]:
    """The demo area's assessment rendered into ``out_dir``: its JSON form, every other file written,
    and the number of database queries it made. What differs from one run to the next whatever the
    data (the time it was made, how long each step took) is left out."""
    with CaptureQueriesContext(connection) as queries:
        done = assess_and_render(
            pipeline.SAMPLE_AREA,
            date_from="2024-01",
            date_to="2024-12",
            out_dir=out_dir,
            data_dir=sample_store,
        )
    made = done.assessment.generated_at
    assessment = {k: v for k, v in done.assessment.to_dict().items() if k != "generated_at"}
    assessment["data"] = {k: v for k, v in assessment["data"].items() if k != "timings_s"}
    files = {
        path.name: path.read_text(encoding="utf-8").replace(made, "")
        for path in sorted(out_dir.iterdir())
        if path.is_file() and path.name != "assessment.json"  # compared as ``assessment``
    }
    return assessment, files, len(queries.captured_queries)


def test_the_strategic_assessment_is_unchanged_by_disposal(
    sample_store: Path, persona: Any, tmp_path: Path
) -> None:
    # Case records closed long enough ago to be due (6 years after closure ended on 25 November
    # 2026), one closed the day after (kept), and an incident on no case from 2019 (due: 6 years
    # after it happened).
    due = _closed_case(persona, dt.date(2024, 3, 1), dt.date(2020, 11, 25))
    kept = _closed_case(persona, dt.date(2024, 3, 2), dt.date(2020, 11, 26))
    old_incident = _incident(persona, dt.date(2019, 6, 1))

    assessment_before, files_before, queries_before = _assess(sample_store, tmp_path / "before")
    disposed = [
        item.reference
        for record_type in RecordType.values
        for item in services.retention_purge(
            actor=None, today=TODAY, dry_run=False, record_type=record_type
        ).disposed
    ]
    assessment_after, files_after, queries_after = _assess(sample_store, tmp_path / "after")

    # Every record type's disposal ran, and it disposed (not a vacuous comparison): the due case and
    # the old incident are gone, their tombstones kept; the case closed a day later stays.
    assert sorted(disposed) == sorted([due.reference, old_incident.reference])
    assert not Case.objects.filter(pk=due.pk).exists()
    assert not Incident.objects.filter(pk=old_incident.pk).exists()
    assert Case.objects.filter(pk=kept.pk).exists()
    assert Tombstone.objects.filter(reference__in=[due.reference, old_incident.reference]).count() == 2
    # The assessment is about something (the sample's crime for the demo area) ...
    assert assessment_before["headline"][0]["count"] > 0
    assert "report.html" in files_before and any(name.endswith(".csv") for name in files_before)
    # ... reads no app model (not one query) ...
    assert queries_before == queries_after == 0
    # ... and is exactly the same after the disposal, file for file.
    assert assessment_after == assessment_before
    assert files_after == files_before


def test_the_assessment_code_imports_no_app_and_no_django() -> None:
    """The other half of the proof: the assessment's work runs partly on worker threads, whose
    queries the count above would not see; but neither the analytics nor the report renderer
    imports Django or any app (only each other), so no thread of theirs can read an app model."""
    import ast

    import csphub.analytics
    import csphub.reports

    imported: set[str] = set()
    files = [
        path
        for package in (csphub.analytics, csphub.reports)
        for path in Path(next(iter(package.__path__))).rglob("*.py")
    ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
    assert len(files) > 20 and "csphub.analytics" in imported  # the renderer uses the analytics
    ours = {name for name in imported if name.split(".")[0] in {"csphub", "django"}}
    assert {name for name in ours if not name.startswith(("csphub.analytics", "csphub.reports"))} == set()
