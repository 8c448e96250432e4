"""The multi-agency assessment's figures from the partnership's own records (issue 13 item 1): ASB
incidents and cases by month, category and LSOA, Case Review, risk and MARAC, tools and powers and
the duty registers, each equal to a count written here independently (plain ORM filters on local
day and time ranges, not the selectors' month truncation), of one partnership only, on both sides
of each month's edges; and the page that shows them, with its sources and its download."""

from __future__ import annotations

import copy
import datetime as dt
import zoneinfo
from typing import Any

import pytest

from csphub.agencies.models import Partnership
from csphub.planning.board import selectors

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONTHS = ["2025-03", "2025-04"]
# The local time on each side of each edge of the two months. 1 May 00:30 BST is 30 April 23:30
# UTC: counted by the UTC day it would fall in April.
TIMES = [
    dt.datetime(2025, 2, 28, 23, 59, tzinfo=LONDON),
    dt.datetime(2025, 3, 1, 0, 0, tzinfo=LONDON),
    dt.datetime(2025, 3, 31, 23, 59, tzinfo=LONDON),
    dt.datetime(2025, 4, 1, 0, 0, tzinfo=LONDON),
    dt.datetime(2025, 4, 30, 23, 59, tzinfo=LONDON),
    dt.datetime(2025, 5, 1, 0, 30, tzinfo=LONDON),
]
DAYS = [t.date() for t in TIMES]
AMBER_LSOA, BOLSOVER_LSOA = "E01019432", "E01019478"


def _month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    y, m = (int(x) for x in month.split("-"))
    start = dt.datetime(y, m, 1, tzinfo=LONDON)
    end = dt.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=LONDON)
    return start, end


def _clone(obj: Any, **changes: Any) -> Any:
    new = copy.copy(obj)
    new.pk = None
    new.id = None
    new._state = copy.copy(obj._state)
    new._state.adding = True
    for k, v in changes.items():
        setattr(new, k, v)
    new.save()
    return new


@pytest.fixture
def seeded(world: Any) -> dict[str, int]:
    """The demo's records, and copies of one of each kind dated on each side of each edge, in Amber
    Valley and (the same again) in Bolsover, whose records Amber Valley must not count."""
    from csphub.casereviews import demo as cr_demo
    from csphub.casereviews.models import Application
    from csphub.cases import demo as cases_demo
    from csphub.cases.models import Case, CaseIncident, CaseStatus, Incident
    from csphub.duties import demo as duties_demo
    from csphub.duties import demo_dhr
    from csphub.duties.models import ChannelCase, DomesticHomicideReview, PreventReferral, SlaveryConcern
    from csphub.powers import demo as powers_demo
    from csphub.powers.models import PowerUse
    from csphub.risk import demo as risk_demo
    from csphub.risk.models import Assessment, MaracReferral

    cases_demo.load_demo()
    risk_demo.load_demo()
    powers_demo.load_demo()
    cr_demo.load_demo()
    duties_demo.load_demo()
    demo_dhr.load_demo()
    amber = Partnership.objects.get(code="E22000037").pk
    bolsover = Partnership.objects.get(code="E22000038").pk
    incident = Incident.objects.filter(partnership_id=amber).first()
    case = Case.objects.filter(partnership_id=amber).first()
    application = Application.objects.first()
    assessment = Assessment.objects.first()
    marac = MaracReferral.objects.first()
    if marac is None and assessment is not None:  # the risk demo refers no one to MARAC
        marac = MaracReferral.objects.create(
            partnership_id=assessment.partnership_id, case=assessment.case, subject=assessment.subject,
            assessment=assessment, referring_agency=assessment.assessing_agency,
            referred_on=DAYS[0], rules_version="test", created_by=assessment.assessor,
            modified_by=assessment.assessor,
        )  # fmt: skip
    power = PowerUse.objects.filter(issued_at__isnull=False).first()
    concern = SlaveryConcern.objects.first()
    referral = PreventReferral.objects.first()
    channel = ChannelCase.objects.first()
    dhr = DomesticHomicideReview.objects.first()
    templates = [incident, case, application, assessment, marac, power, concern, referral, channel, dhr]
    missing = [i for i, t in enumerate(templates) if t is None]
    assert not missing, f"the demo has no record of kinds {missing}"
    n = 0
    for partnership, lsoa in ((amber, AMBER_LSOA), (bolsover, BOLSOVER_LSOA)):
        for when, day in zip(TIMES, DAYS, strict=True):
            n += 1
            inc = _clone(
                incident, partnership_id=partnership, occurred_at=when,
                reported_at=when + dt.timedelta(hours=1), lsoa_code=lsoa, category="noise",
            )  # fmt: skip
            c = _clone(
                case, partnership_id=partnership, opened_at=when, closed_at=None,
                status=CaseStatus.OPEN, outcome="", asb_type="personal",
            )  # fmt: skip
            CaseIncident.objects.create(case=c, incident=inc)
            _clone(
                application, partnership_id=partnership, reference=f"T-{n}", received_on=day,
                threshold_met=True, threshold_decided_on=day, review_held_on=day,
            )  # fmt: skip
            _clone(assessment, partnership_id=partnership, assessed_at=when)
            _clone(marac, partnership_id=partnership, referred_on=day)
            _clone(power, partnership_id=partnership, issued_at=when)
            _clone(concern, partnership_id=partnership, notified_on=day)
            r = _clone(referral, partnership_id=partnership, referred_on=day)
            _clone(channel, partnership_id=partnership, referral=r, first_panel_on=day)
            _clone(dhr, partnership_id=partnership, notified_on=day)
    return {"amber": amber, "bolsover": bolsover}


def _independent(partnership: int) -> dict[str, list[int]]:
    """Each figure counted here, month by month, by plain filters on local-time ranges."""
    from csphub.casereviews.models import Application
    from csphub.cases.models import Case, Incident
    from csphub.duties.models import ChannelCase, DomesticHomicideReview, PreventReferral, SlaveryConcern
    from csphub.powers.models import PowerUse
    from csphub.risk.models import Assessment, MaracReferral

    out: dict[str, list[int]] = {}

    def per_month(key: str, qs: Any, field: str, *, is_datetime: bool) -> None:
        counts = []
        for month in MONTHS:
            start, end = _month_bounds(month)
            lo, hi = (start, end) if is_datetime else (start.date(), end.date())
            counts.append(qs.filter(**{f"{field}__gte": lo, f"{field}__lt": hi}).count())
        out[key] = counts

    mine = {"partnership_id": partnership}
    per_month("noise", Incident.objects.filter(category="noise", **mine), "occurred_at", is_datetime=True)
    per_month(
        "cases_personal", Case.objects.filter(asb_type="personal", **mine), "opened_at", is_datetime=True
    )
    apps = Application.objects.filter(**mine)
    per_month("cr_received", apps, "received_on", is_datetime=False)
    per_month("cr_met", apps.filter(threshold_met=True), "threshold_decided_on", is_datetime=False)
    per_month("cr_held", apps, "review_held_on", is_datetime=False)
    per_month("risk", Assessment.objects.filter(**mine), "assessed_at", is_datetime=True)
    per_month("marac", MaracReferral.objects.filter(**mine), "referred_on", is_datetime=False)
    per_month("powers", PowerUse.objects.filter(**mine), "issued_at", is_datetime=True)
    per_month("slavery", SlaveryConcern.objects.filter(**mine), "notified_on", is_datetime=False)
    per_month("prevent", PreventReferral.objects.filter(**mine), "referred_on", is_datetime=False)
    per_month("channel", ChannelCase.objects.filter(**mine), "first_panel_on", is_datetime=False)
    per_month("deaths", DomesticHomicideReview.objects.filter(**mine), "notified_on", is_datetime=False)
    return out


def _figures(rows: list[dict[str, Any]]) -> dict[str, list[int]]:
    def summed(pred: Any) -> list[int]:
        hits = [r for r in rows if pred(r)]
        return [sum(r["values"][i] for r in hits) for i in range(len(MONTHS))]

    return {
        "noise": summed(lambda r: r["measure"] == "ASB incidents: Noise"),
        "cases_personal": summed(lambda r: r["measure"] == "ASB cases opened: Personal"),
        "cr_received": summed(lambda r: r["measure"] == "Case Review applications received"),
        "cr_met": summed(lambda r: r["measure"] == "Case Review threshold met"),
        "cr_held": summed(lambda r: r["measure"] == "Case Reviews held"),
        "risk": summed(lambda r: r["measure"] == "Risk assessments completed"),
        "marac": summed(lambda r: r["measure"] == "MARAC referrals"),
        "powers": summed(lambda r: r["source"] == "Recorded in CSP Hub: tools and powers"),
        "slavery": summed(lambda r: r["measure"] == "Modern slavery: Home Office notifications made"),
        "prevent": summed(lambda r: r["measure"] == "Prevent referrals received"),
        "channel": summed(lambda r: r["measure"] == "Channel cases: first panel"),
        "deaths": summed(lambda r: r["measure"].startswith("Deaths notified for a ")),
    }


def test_own_record_figures_equal_independent_counts_of_one_partnership(seeded: dict[str, int]) -> None:
    amber, bolsover = seeded["amber"], seeded["bolsover"]
    rows = selectors.app_record_rows(MONTHS, [amber])
    figures, expected = _figures(rows), _independent(amber)
    assert figures == expected
    # The seeded copies alone give two a month (1 and 31 March; 1 and 30 April, 1 May 00:30 BST
    # being May's): each figure holds at least them, and Bolsover's copies are not among them.
    assert all(v >= 2 for counts in figures.values() for v in counts)
    assert figures != _figures(selectors.app_record_rows(MONTHS, [amber, bolsover]))
    assert _figures(selectors.app_record_rows(MONTHS, [bolsover])) == _independent(bolsover)
    for r in rows:
        assert r["total"] == sum(r["values"]) and r["source"].startswith("Recorded in CSP Hub: ")


def test_lsoa_table_and_download_cube(seeded: dict[str, int]) -> None:
    from csphub.cases.models import Case, Incident

    amber = seeded["amber"]
    start, end = _month_bounds(MONTHS[0])[0], _month_bounds(MONTHS[-1])[1]
    table = {r["code"]: r for r in selectors.lsoa_rows(MONTHS, [amber])}
    assert BOLSOVER_LSOA not in table
    ours = Incident.objects.filter(partnership_id=amber, occurred_at__gte=start, occurred_at__lt=end)
    for code, row in table.items():
        assert row["incidents_total"] == ours.filter(lsoa_code=code).count()
    assert table[AMBER_LSOA]["name"].startswith("Amber Valley")
    assert sum(r["incidents_total"] for r in table.values()) == ours.count()
    # a case counts once, in the LSOA of its first incident
    cases = Case.objects.filter(partnership_id=amber, opened_at__gte=start, opened_at__lt=end)
    assert sum(r["cases"] for r in table.values()) == cases.count()
    cube = selectors.cube_rows(MONTHS, [amber])
    for month in MONTHS:
        lo, hi = _month_bounds(month)
        got = sum(
            n for m, code, measure, cat, n in cube
            if (m, code, measure, cat) == (month, AMBER_LSOA, "ASB incidents", "Noise")
        )  # fmt: skip
        assert (
            got
            == ours.filter(
                lsoa_code=AMBER_LSOA, category="noise", occurred_at__gte=lo, occurred_at__lt=hi
            ).count()
        )
        assert got >= 2


def test_page_shows_sources_and_board_reads_small_counts_suppressed(
    seeded: dict[str, int], persona: Any, client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csphub.agencies.models import Agency
    from csphub.planning.board import services

    monkeypatch.setattr(selectors, "assessment_months", lambda: MONTHS)
    coordinator = persona("avbc_partnership_coordinator")
    fire = Agency.objects.first()
    assert fire is not None
    services.partner_counts_load(
        actor=coordinator, agency=fire, file_name="fire-2025.csv",
        data=b"month,area_code,measure,value\n2025-03,E01019432,deliberate_secondary_fires,3\n",
    )  # fmt: skip
    client = client_as("avbc_partnership_coordinator")
    page = client.get("/priorities/partner-data/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Recorded in CSP Hub: ASB incidents",
        "Recorded in CSP Hub: ASB Case Review applications",
        "Recorded in CSP Hub: MARAC referrals",
        "Recorded in CSP Hub: modern slavery register",
        f"Partner upload: {fire.name} (fire-2025.csv, ",
        "Where the figures come from",
        "ASB by LSOA",
        "March 2025 to April 2025",
    ):
        assert text in html, text
    assert "fewer than 5" not in html, "a district reads its own counts exactly"
    download = client.get("/priorities/partner-data/counts.csv")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    body = download.content.decode()
    assert "Recorded in CSP Hub: ASB incidents" in body and "Partner upload: " in body
    assert f"2025-03,{AMBER_LSOA}," in body
    # A county board counts its districts' records and reads 1 to 4 as "fewer than 5".
    from tests.planning.test_partnership_scope import _board

    board_actor = _board(persona("police_partnership_coordinator"))
    rows = selectors.suppress_rows(
        selectors.app_record_rows(MONTHS, selectors.counted_partnerships(board_actor))
    )
    assert selectors.is_board(board_actor) and not selectors.is_board(coordinator)
    assert all(not (isinstance(v, int)) for r in rows for v in r["values"])
    assert all(
        v == "fewer than 5" or v == "0" or int(v.replace(",", "")) >= 5 for r in rows for v in r["values"]
    )
