"""Hot-spot problem solving, partners' counts and board packs: the services and their figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from csphub.agencies.models import Agency
from csphub.audit.models import AuditEvent
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights.services import assessment_adopt
from csphub.planning.board import selectors, services
from csphub.planning.models import PartnerCount, PartnerUploadStatus

pytestmark = pytest.mark.django_db

FIRE = (
    b"month,area_code,measure,value\n"
    b"2024-01,E01019432,deliberate_secondary_fires,4\n"
    b"2024-02,E01019432,deliberate_secondary_fires,6\n"
)


@pytest.fixture
def adopted(amber_valley_run: Any, persona: Any) -> Any:
    assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    return amber_valley_run


def _independent_count(
    data_dir: Path, grid: dict[str, Any], cells: list[list[int]], months: list[str], types: list[str]
) -> int:
    """Crimes in the cells' squares, read straight from the Parquet files (not through the store's SQL)."""
    files = str(data_dir / "analytics" / "street" / "force=*" / "month=*" / "data.parquet")
    size = grid["cell_size_m"]
    boxes = " OR ".join(
        f"(x_m >= {grid['x_min_m'] + c * size} AND x_m < {grid['x_min_m'] + (c + 1) * size} AND "
        f"y_m >= {grid['y_min_m'] + r * size} AND y_m < {grid['y_min_m'] + (r + 1) * size})"
        for c, r in cells
    )
    month_list = ", ".join(f"'{m}'" for m in months)
    type_list = ", ".join("'" + t.replace("'", "''") + "'" for t in types)
    query = (
        f"SELECT count(*) FROM read_parquet('{files}', union_by_name=true) "
        f"WHERE month IN ({month_list}) AND crime_type IN ({type_list}) AND ({boxes})"
    )
    return int(duckdb.sql(query).fetchall()[0][0])


def test_a_plan_opened_from_a_hot_spot_is_assessed_by_difference_in_differences(
    adopted: Any, persona: Any, data_dir: Path
) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    run, places = selectors.hot_spots_to_open(coordinator)  # type: ignore[misc]
    assert run == adopted and places, "the sample assessment has hot spots"
    top = places[0]
    plan = services.problem_plan_open(actor=coordinator, place_key=top.key, title="")
    assert plan.title == top.label and plan.cell_list() == list(top.cells)
    with pytest.raises(ApplicationError, match="Record the month the response began"):
        services.problem_plan_assess(actor=coordinator, plan=plan)
    services.problem_plan_update(
        actor=coordinator,
        plan=plan,
        scanning="Shop theft in the precinct",
        analysis="Late opening",
        response_started="2024-07",
    )
    fire = Agency.objects.exclude(slug="").first()
    assert fire is not None
    services.problem_response_add(
        actor=coordinator, plan=plan, agency=fire, action="Patrols", due_on=dt.date(2024, 8, 1)
    )
    plan = services.problem_plan_assess(actor=coordinator, plan=plan)
    a = plan.assessment
    assert a["months_before"] == [f"2024-0{m}" for m in range(1, 7)]
    assert a["months_after"] == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]
    r = a["result"]
    types = plan.crime_types
    assert r["treated_before"] == _independent_count(
        data_dir, plan.grid, a["treated_cells"], a["months_before"], types
    )
    assert r["treated_after"] == _independent_count(
        data_dir, plan.grid, a["treated_cells"], a["months_after"], types
    )
    assert r["comparison_before"] == _independent_count(
        data_dir, plan.grid, a["comparison_cells"], a["months_before"], types
    )
    assert r["comparison_after"] == _independent_count(
        data_dir, plan.grid, a["comparison_cells"], a["months_after"], types
    )
    assert sum(a["treated_monthly"]) == r["treated_before"] + r["treated_after"]
    # comparison cells: never a treated cell nor one of its neighbours
    treated = {tuple(c) for c in a["treated_cells"]}
    for c in a["comparison_cells"]:
        assert all(max(abs(c[0] - t[0]), abs(c[1] - t[1])) > 1 for t in treated)
    assert len(a["comparison_cells"]) == 5 * len(treated)
    assert r["caveats"] and "parallel trends" in " ".join(r["caveats"])
    verbs = set(AuditEvent.objects.filter(target_id=str(plan.pk)).values_list("verb", flat=True))
    assert {
        "problem_plan.opened",
        "problem_plan.updated",
        "problem_response.added",
        "problem_plan.assessed",
    } <= verbs


def test_the_response_month_boundary_against_the_store(adopted: Any, persona: Any) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    _, places = selectors.hot_spots_to_open(coordinator)  # type: ignore[misc]
    plan = services.problem_plan_open(actor=coordinator, place_key=places[0].key, title="Precinct")
    # the store's last month is 2024-12: a response beginning then has one month after it
    services.problem_plan_update(
        actor=coordinator, plan=plan, scanning="s", analysis="a", response_started="2024-12"
    )
    plan = services.problem_plan_assess(actor=coordinator, plan=plan)
    assert plan.assessment["months_after"] == ["2024-12"] and plan.assessment["months_before"] == ["2024-11"]
    # one month later there is nothing after it to count
    services.problem_plan_update(
        actor=coordinator, plan=plan, scanning="s", analysis="a", response_started="2025-01"
    )
    with pytest.raises(ApplicationError, match="ends before the response began"):
        services.problem_plan_assess(actor=coordinator, plan=plan)


def test_only_coordinators_and_analysts_change_plans(adopted: Any, persona: Any) -> None:
    _, places = selectors.hot_spots_to_open(persona("avbc_board_member"))  # type: ignore[misc]
    with pytest.raises(PermissionDeniedError):
        services.problem_plan_open(actor=persona("avbc_board_member"), place_key=places[0].key, title="x")
    with pytest.raises(ApplicationError, match="Choose one of the hot spots"):
        services.problem_plan_open(actor=persona("avbc_analyst"), place_key="999-999", title="x")


def test_partner_counts_load_all_or_nothing_and_idempotently(
    world: Any, persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator = persona("avbc_partnership_coordinator")
    fire = Agency.objects.first()
    assert fire is not None
    first = services.partner_counts_load(actor=coordinator, agency=fire, file_name="fire.csv", data=FIRE)
    assert first.status == PartnerUploadStatus.DONE and first.counts_added == 2
    again = services.partner_counts_load(actor=coordinator, agency=fire, file_name="fire.csv", data=FIRE)
    assert again.status == PartnerUploadStatus.UNCHANGED and PartnerCount.objects.count() == 2
    corrected = FIRE.replace(b",6\n", b",7\n") + b"2024-03,E01019432,deliberate_secondary_fires,1\n"
    third = services.partner_counts_load(
        actor=coordinator, agency=fire, file_name="fire-v2.csv", data=corrected
    )
    assert (third.counts_added, third.counts_replaced, third.counts_unchanged) == (1, 1, 1)
    assert sorted(PartnerCount.objects.values_list("month", "value")) == [
        ("2024-01", 4),
        ("2024-02", 7),
        ("2024-03", 1),
    ]
    # one bad line: nothing of the file is loaded, and the problem names file, line and field
    bad = (
        corrected.replace(
            b"2024-03,E01019432,deliberate_secondary_fires,1",
            b"2024-03,E01019432,deliberate_secondary_fires,many",
        )
        + b"2024-04,E01019432,deliberate_secondary_fires,9\n"
    )
    failed = services.partner_counts_load(actor=coordinator, agency=fire, file_name="fire-v3.csv", data=bad)
    assert failed.status == PartnerUploadStatus.FAILED
    assert failed.problems == ["fire-v3.csv, line 4, value: “many” is not a whole number of 0 or more"]
    assert PartnerCount.objects.count() == 3 and not PartnerCount.objects.filter(month="2024-04").exists()
    assert AuditEvent.objects.filter(verb="partner_data.failed").count() == 1
    with pytest.raises(ApplicationError, match="not a CSV file"):
        services.partner_counts_load(actor=coordinator, agency=fire, file_name="fire.xlsx", data=FIRE)
    with pytest.raises(PermissionDeniedError):
        services.partner_counts_load(
            actor=persona("avbc_board_member"), agency=fire, file_name="f.csv", data=FIRE
        )
    months = ["2024-01", "2024-02", "2024-03"]
    rows = selectors.partner_measure_rows(months, selectors.counted_partnerships(coordinator))
    loaded = first.created_at.strftime("%-d %B %Y")
    assert rows == [
        {
            "measure": "Deliberate secondary fires",
            "agency": fire.name,
            # the counts of February and March came from the corrected file, January's from the first
            "source": f"Partner upload: {fire.name} (fire.csv, {loaded}; fire-v2.csv, {loaded})",
            "values": [4, 7, 1],
            "total": 12,
        }
    ]
    # Months no partner supplied counts for: no rows, and the national reference is not even loaded
    # to find the partnership's area codes (a second of a fresh board pack process).
    from csphub.planning.board.selectors import partner_counts

    def not_needed(_ids: list[int]) -> frozenset[str]:
        raise AssertionError("the area codes were looked up for no counts")

    monkeypatch.setattr(partner_counts, "partnership_area_codes", not_needed)
    assert (
        selectors.partner_measure_rows(["2019-01", "2019-02"], selectors.counted_partnerships(coordinator))
        == []
    )
    with pytest.raises(AssertionError, match="for no counts"):
        selectors.partner_measure_rows(months, selectors.counted_partnerships(coordinator))


def test_partner_counts_are_counted_only_in_the_partnership_whose_area_they_are_in(
    world: Any, persona: Any
) -> None:
    """Issue 12: a county-wide partner uploads one file for the county; Amber Valley's figures count
    Amber Valley's LSOAs and district only, Bolsover's its own, the county board both."""
    from csphub.agencies.models import Partnership

    coordinator = persona("avbc_partnership_coordinator")
    fire = Agency.objects.first()
    assert fire is not None
    county = (
        b"month,area_code,measure,value\n"
        b"2024-01,E01019432,deliberate_secondary_fires,4\n"  # an Amber Valley LSOA
        b"2024-01,E07000032,deliberate_secondary_fires,10\n"  # the Amber Valley district
        b"2024-01,E01019478,deliberate_secondary_fires,5\n"  # a Bolsover LSOA
        b"2024-01,E10000007,deliberate_secondary_fires,99\n"  # Derbyshire county: no district's
    )
    services.partner_counts_load(actor=coordinator, agency=fire, file_name="county.csv", data=county)

    def total(partnership: Partnership) -> int:
        rows = selectors.partner_measure_rows(["2024-01"], [partnership.pk])
        return sum(r["total"] for r in rows)

    amber = Partnership.objects.get(name__icontains="Amber Valley", kind="csp")
    bolsover = Partnership.objects.get(name__icontains="Bolsover", kind="csp")
    assert (total(amber), total(bolsover)) == (14, 5)
    assert selectors.counted_partnerships(coordinator)[0] == amber.pk
    board = amber.parent
    assert board is not None
    members = [board.pk, *board.members.values_list("pk", flat=True)]
    assert sum(r["total"] for r in selectors.partner_measure_rows(["2024-01"], members)) == 19


def test_quarters() -> None:
    assert selectors.quarter_bounds("2024-Q1") == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert selectors.quarter_bounds("2024-Q4") == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert selectors.ended_quarters(dt.date(2025, 1, 1), n=2) == ["2024-Q4", "2024-Q3"]
    assert selectors.ended_quarters(dt.date(2024, 12, 31), n=1) == ["2024-Q3"]
    with pytest.raises(ValueError):
        selectors.quarter_bounds("2024-Q5")


def test_board_pack_figures_equal_independent_counts(adopted: Any, persona: Any) -> None:
    from csphub.cases.models import Case, Incident

    coordinator = persona("avbc_partnership_coordinator")
    with pytest.raises(ApplicationError, match="quarter that has ended"):
        services.board_pack_generate(actor=coordinator, quarter="2024-Q4", today=dt.date(2024, 12, 31))
    pack = services.board_pack_generate(actor=coordinator, quarter="2024-Q4", today=dt.date(2025, 1, 1))
    f = pack.figures
    start, end = dt.date(2024, 10, 1), dt.date(2024, 12, 31)
    incidents = [i for i in Incident.objects.all() if start <= i.occurred_at.date() <= end]
    assert f["casework"]["incidents_total"] == len(incidents)
    assert f["casework"]["cases_opened"] == sum(
        1 for c in Case.objects.all() if start <= c.opened_at.date() <= end
    )
    assert f["assessment"]["label"] == str(adopted)
    assert f["hot_spots"]["rows"] and f["hot_spots"]["months_missing"] == ""
    assert selectors.latest_pack(persona("avbc_board_member")) == pack
    assert AuditEvent.objects.filter(verb="boardpack.generated").count() == 1
    with pytest.raises(PermissionDeniedError):
        services.board_pack_generate(actor=persona("avbc_board_member"), quarter="2024-Q4")
