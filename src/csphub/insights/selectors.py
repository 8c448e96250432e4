"""Reading assessment runs: for users whose role may see aggregate analytics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from csphub.agencies.models import Partnership, PartnershipKind
from csphub.agencies.policies import Capability, has_capability
from csphub.analytics import pipeline
from csphub.analytics.assessment import Assessment
from csphub.core.actor import as_actor
from csphub.insights.models import AssessmentAdoption, AssessmentRun, DataUpload

# What each file of a run holds, in words (the columns are in docs/assessment-format.md). The
# page lists every file the run wrote with its description; a file not described here is not served.
FILE_DESCRIPTIONS = {
    "assessment.json": "Every result of the assessment in one file, for other software to read",
    "by_crime_type.csv": "Each crime type in this period and the one before: the change, its interval "
    "and whether it is likely to be chance",
    "counts.csv": "Crimes counted by month, crime type and neighbourhood (2021 LSOA)",
    "harm.csv": "Each crime type's share of harm (weighted by the Cambridge Crime Harm Index) and of the count",
    "hotspots_gistar.csv": "Hot and cold spots: each map grid cell's count and whether it is a significant "
    "cluster (Gi*), with grid positions in British National Grid metres",
    "hotspots_kde.csv": "Crime density in crimes per square kilometre for each map grid cell, with grid "
    "positions in British National Grid metres",
    "monthly.csv": "Crimes each month by crime type, for the whole area",
    "rolling_12m.csv": "All crime and anti-social behaviour each month, with 12-month rolling totals",
    "top_lsoas.csv": "The neighbourhoods (LSOAs) with the most crime, by count and by rate per 1,000 residents, "
    "with their wards",
}

# Files a run may serve, by the name used in URLs.
DOWNLOADS = {
    "report.pdf": "application/pdf",
    **{name: "application/json" if name.endswith(".json") else "text/csv" for name in FILE_DESCRIPTIONS},
}


def _counted(user: Any) -> list[int]:
    """The partnership ``user`` acts in and, for a county board, its district partnerships."""
    partnership = acting_partnership(user)
    if partnership is None:
        return []
    return [partnership.pk, *partnership.members.values_list("pk", flat=True)]


def assessment_runs_visible_to(user: Any) -> QuerySet[AssessmentRun]:
    """The runs of the partnership ``user`` acts in (a county board: its districts' too, aggregate
    figures as its overview shows them), and any run that partnership adopted."""
    if not has_capability(user, Capability.VIEW_ASSESSMENT):
        return AssessmentRun.objects.none()
    counted = _counted(user)
    if not counted:
        return AssessmentRun.objects.none()
    adopted = AssessmentAdoption.objects.filter(partnership_id=counted[0]).values("run_id")
    return AssessmentRun.objects.filter(Q(partnership_id__in=counted) | Q(pk__in=adopted))


def partnership_of_area(area: str) -> Partnership | None:
    """The district partnership whose area, CSP code or name is ``area`` (any case or punctuation)."""
    from csphub.analytics.areas import name_key

    key = name_key(area)
    for p in Partnership.objects.filter(kind=PartnershipKind.CSP).order_by("pk"):
        if key in {name_key(t) for t in (p.area, p.code, p.name) if t}:
            return p
    return None


def _area_lsoas(partnership: Partnership) -> frozenset[str] | None:
    """The 2021 LSOAs of the partnership's area in the national reference; None when it has no area
    the reference knows."""
    from csphub.analytics.geography import AreaNotFound, resolve_area
    from csphub.analytics.sources.reference import load_reference

    name = partnership.area or partnership.code
    if not name:
        return None
    try:
        return frozenset(resolve_area(load_reference(boundaries=False), name).lsoa_codes)
    except (AreaNotFound, ValueError, LookupError, OSError):
        return None


def why_not_adoptable(user: Any, run: AssessmentRun) -> str:
    """Why the partnership ``user`` acts in may not adopt ``run`` ("" when it may, or when the
    run's results cannot be read: adopting then says so)."""
    partnership = acting_partnership(user)
    assessment = read_assessment(run)
    if partnership is None or assessment is None:
        return ""
    return adoption_refusal(partnership, run, assessment)


def adoption_refusal(partnership: Partnership, run: AssessmentRun, assessment: Assessment) -> str:
    """Why ``partnership`` may not adopt ``run`` ("" when it may). A partnership adopts an assessment
    of its own area: a run of exactly its area (whoever ran it), or its own run of part of its area
    (a ward list, say). Never a run of another partnership's area, nor of an area reaching beyond
    its own (a county board's run of the county is not a district's)."""
    own = _area_lsoas(partnership)
    mine = run.partnership_id == partnership.pk
    covered = frozenset(assessment.area.lsoa_codes)
    if own is None:
        if mine:
            return ""
    elif covered == own or (mine and covered and covered <= own):
        return ""
    where = partnership.area or partnership.name
    return (
        f"This assessment is of {assessment.area.name or run.area_name}, not of {where}: "
        f"{partnership.name} can adopt only an assessment of its own area. Run the assessment for "
        f"{where}, then adopt that one."
    )


def assessment_run_get(user: Any, pk: int) -> AssessmentRun:
    try:
        return assessment_runs_visible_to(user).get(pk=pk)
    except AssessmentRun.DoesNotExist as exc:
        raise Http404("No such assessment.") from exc


def run_dir(run: AssessmentRun) -> Path:
    root = (Path(settings.DATA_DIR) / "assessments").resolve()
    path = (root / run.output_dir).resolve()
    if root not in path.parents:
        raise Http404("No such assessment.")
    return path


def run_files(run: AssessmentRun) -> list[tuple[str, str]]:
    """The run's files that may be downloaded, each with what it holds in words."""
    folder = run_dir(run)
    names = sorted(p.name for p in folder.glob("*.csv")) if folder.exists() else []
    return [
        (name, FILE_DESCRIPTIONS[name]) for name in ["assessment.json", *names] if name in FILE_DESCRIPTIONS
    ]


def home_context(user: Any) -> dict[str, Any] | None:
    if not has_capability(user, Capability.VIEW_ASSESSMENT):
        return None
    adoption = current_adoption(user)
    return {
        "adoption": adoption,
        "latest": assessment_runs_visible_to(user).first(),
        "can_adopt": has_capability(user, Capability.ADOPT_ASSESSMENT),
    }


def default_area(user: Any) -> str:
    """What the assessment form offers first: the partnership's area."""
    actor = as_actor(user)
    partnership = actor.partnership if actor is not None else None
    return (partnership.area or partnership.code) if partnership is not None else "Amber Valley"


def acting_partnership(user: Any) -> Partnership | None:
    """The partnership ``user`` acts in (None when none is set up)."""
    actor = as_actor(user)
    return actor.partnership if actor is not None else None


def current_adoption(user: Any) -> AssessmentAdoption | None:
    """The partnership's official assessment (its latest adoption), for users who may see assessments."""
    if not has_capability(user, Capability.VIEW_ASSESSMENT):
        return None
    partnership = acting_partnership(user)
    if partnership is None:
        return None
    return (
        AssessmentAdoption.objects.filter(partnership=partnership).select_related("run", "created_by").first()
    )


def adoption_history(run: AssessmentRun) -> QuerySet[AssessmentAdoption]:
    return run.adoptions.select_related("created_by").order_by("-created_at", "-pk")


def read_assessment(run: AssessmentRun) -> Assessment | None:
    """The run's results as a typed Assessment; None when its file cannot be read."""
    try:
        return Assessment.from_json((run_dir(run) / "assessment.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, Http404):
        return None


def adopted_assessment(user: Any) -> tuple[AssessmentRun, Assessment] | None:
    """The partnership's official (adopted) assessment, read back as a typed Assessment.

    None when the user may not see assessments, none has been adopted, or its file cannot be read.
    The Plan and the home pages read this, never merely the most recent run.
    """
    adoption = current_adoption(user)
    if adoption is None:
        return None
    assessment = read_assessment(adoption.run)
    return (adoption.run, assessment) if assessment is not None else None


def latest_assessment(user: Any) -> tuple[AssessmentRun, Assessment] | None:
    """The most recent run ``user`` may see, read back as a typed Assessment.

    None when the user may not see assessments, there is no run, or its file cannot be read.
    """
    for run in assessment_runs_visible_to(user)[:5]:
        path = run_dir(run) / "assessment.json"
        try:
            return run, Assessment.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def data_uploads_visible_to(user: Any) -> QuerySet[DataUpload]:
    """Those who may load data see the uploads of the partnership they act in (a county board: its
    district partnerships', since a board loads nothing itself). The police.uk store they fill is
    shared by the installation; the list of who loaded what is the partnership's."""
    if not has_capability(user, Capability.LOAD_DATA):
        return DataUpload.objects.none()
    return DataUpload.objects.filter(partnership_id__in=_counted(user)).select_related(
        "created_by", "partnership"
    )


def data_upload_get(user: Any, pk: int) -> DataUpload:
    try:
        return data_uploads_visible_to(user).get(pk=pk)
    except DataUpload.DoesNotExist as exc:
        raise Http404("No such upload.") from exc


def store_months(data_dir: Path | None = None) -> list[str]:
    """The months the analytics store holds, oldest first."""
    return sorted(pipeline.store_for(data_dir or settings.DATA_DIR).months())


def board_members_adoptions(user: Any) -> list[tuple[Any, AssessmentAdoption | None, Any]] | None:
    """For a user acting in a county board: each member CSP with its adopted assessment and its
    casework figures (counts only, small numbers suppressed: never a district's records). None when
    the user may not see assessments or does not act in a board."""
    if not has_capability(user, Capability.VIEW_ASSESSMENT):
        return None
    actor = as_actor(user)
    board = actor.partnership if actor is not None else None
    if board is None or board.kind != PartnershipKind.BOARD:
        return None
    members = list(board.members.order_by("name"))
    latest: dict[int, AssessmentAdoption] = {}
    for adoption in AssessmentAdoption.objects.filter(partnership__in=members).select_related("run"):
        latest.setdefault(adoption.partnership_id, adoption)  # ordered newest first
    from csphub.cases.selectors import district_figures

    figures = district_figures(m.pk for m in members)
    return [(m, latest.get(m.pk), figures[m.pk]) for m in members]
