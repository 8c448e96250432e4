"""Strategic Assessment runs and the uploads that feed them belong to a partnership (issue 12 item 4,
issue 13 item 1). A partnership adopts only an assessment of its own area; a run is seen by its
partnership (and the county board above it); the report lists the partnership's own sources; the
lists of police.uk uploads and of partners' files show only the partnership's own (a county board:
its districts', and it loads nothing itself)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from csphub.agencies.models import Agency, Membership, Partnership, PartnershipKind
from csphub.agencies.policies import actor_for
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.insights import selectors
from csphub.insights.models import AssessmentAdoption
from csphub.insights.services import assessment_adopt, assessment_run
from csphub.planning.board.selectors import partner_uploads_visible_to
from csphub.planning.board.services import partner_counts_load

pytestmark = pytest.mark.django_db

AMBER_VALLEY, BOLSOVER = "E22000037", "E22000038"
AV_LSOA = "E01019432"  # an Amber Valley LSOA (2021)
COUNTS = b"month,area_code,measure,value\n2024-03,E01019432,housing_asb_reports,3\n"


def _acting(user: Any, code: str | None) -> Any:
    """``user`` acting in the partnership with CSP code ``code`` (None: the county board)."""
    membership = Membership.objects.select_related("agency").get(user=user, is_active=True)
    board = code is None
    partnership = Partnership.objects.get(**({"kind": PartnershipKind.BOARD} if board else {"code": code}))
    return actor_for(user, membership, partnership_id=partnership.pk)


def test_a_run_of_another_partnerships_area_is_not_adopted_and_one_of_its_own_area_is(
    amber_valley_run: Any, persona: Any
) -> None:
    bolsover_board = _acting(persona("dcc_board_member"), BOLSOVER)
    with pytest.raises(ApplicationError, match="is of Amber Valley, not of Bolsover") as refused:
        assessment_adopt(actor=bolsover_board, run=amber_valley_run)
    assert "can adopt only an assessment of its own area" in refused.value.message
    # The county board may not take a district's run as its own either (its area is the county).
    with pytest.raises(ApplicationError, match="not of Derbyshire"):
        assessment_adopt(actor=_acting(persona("dcc_board_member"), None), run=amber_valley_run)
    # Bolsover's own run of Amber Valley's area is still Amber Valley's area, not Bolsover's.
    bolsover_run = assessment_run(
        actor=_acting(persona("dcc_analyst"), BOLSOVER),
        area="Amber Valley",
        date_from="2024-01",
        date_to="2024-12",
    )
    assert bolsover_run.partnership.code == BOLSOVER and bolsover_run.pk != amber_valley_run.pk
    with pytest.raises(ApplicationError, match="not of Bolsover"):
        assessment_adopt(actor=bolsover_board, run=bolsover_run)
    assert not AssessmentAdoption.objects.exists()
    # Amber Valley adopts a run of its area: its own, and (its area) the one Bolsover made.
    own = assessment_adopt(actor=persona("avbc_board_member"), run=amber_valley_run)
    assert own.partnership.code == AMBER_VALLEY
    other = assessment_adopt(actor=_acting(persona("dcc_board_member"), AMBER_VALLEY), run=bolsover_run)
    assert other.partnership.code == AMBER_VALLEY and AssessmentAdoption.objects.count() == 2


def test_adopting_another_areas_run_on_the_page_says_why(amber_valley_run: Any, client_as: Any) -> None:
    board = client_as("dcc_board_member")
    board.post(
        "/accounts/partnership/", {"partnership": Partnership.objects.get(kind=PartnershipKind.BOARD).pk}
    )
    # the board sees its district's run and why it cannot adopt it, with no form to adopt it
    page = board.get(f"/insights/{amber_valley_run.pk}/").content.decode()
    assert "can adopt only an assessment of its own area" in page and "Adopt this assessment" not in page
    # a post all the same is refused, saying why
    page = board.post(f"/insights/{amber_valley_run.pk}/adopt/", follow=True).content.decode()
    assert "can adopt only an assessment of its own area" in page
    assert "Traceback" not in page and "/tmp" not in page
    assert not AssessmentAdoption.objects.exists()


def test_a_run_is_seen_by_its_partnership_and_its_board_only(amber_valley_run: Any, persona: Any) -> None:
    assert amber_valley_run.partnership.code == AMBER_VALLEY
    assert list(selectors.assessment_runs_visible_to(persona("avbc_analyst"))) == [amber_valley_run]
    assert not selectors.assessment_runs_visible_to(_acting(persona("dcc_analyst"), BOLSOVER)).exists()
    assert list(selectors.assessment_runs_visible_to(_acting(persona("dcc_analyst"), None))) == [
        amber_valley_run
    ]


def test_another_partnerships_run_is_not_found_on_the_page(amber_valley_run: Any, client_as: Any) -> None:
    dcc = client_as("dcc_analyst")
    assert dcc.get(f"/insights/{amber_valley_run.pk}/").status_code == 200  # acting in Amber Valley
    dcc.post("/accounts/partnership/", {"partnership": Partnership.objects.get(code=BOLSOVER).pk})
    assert dcc.get(f"/insights/{amber_valley_run.pk}/").status_code == 404
    assert dcc.get(f"/insights/{amber_valley_run.pk}/report/").status_code == 404
    assert (
        "Amber Valley" not in dcc.get("/insights/").content.decode().split("<main", 1)[1].split("<form", 1)[0]
    )


def test_the_report_lists_the_partnerships_own_sources(data_dir: Any, persona: Any) -> None:
    agency = Agency.objects.get(slug="housing")
    partner_counts_load(actor=persona("avbc_analyst"), agency=agency, file_name="asb.csv", data=COUNTS)
    run = assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
    )
    html = (selectors.run_dir(run) / "report.html").read_text(encoding="utf-8")
    part = html.split('id="sources"', 1)[1].split('id="methods"', 1)[0]
    assert "made for Amber Valley Community Safety Partnership" in part
    assert "police.uk" in part and agency.name in part and "March 2024" in part
    assert str(data_dir) not in html
    # The same area run in Bolsover: Bolsover's own sources, which hold nothing of Amber Valley's.
    bolsover = assessment_run(
        actor=_acting(persona("dcc_analyst"), BOLSOVER),
        area="Amber Valley",
        date_from="2024-01",
        date_to="2024-12",
    )
    other = (selectors.run_dir(bolsover) / "report.html").read_text(encoding="utf-8")
    part = other.split('id="sources"', 1)[1].split('id="methods"', 1)[0]
    assert "made for Bolsover Community Safety Partnership" in part and agency.name not in part
    assert "held no records in CSP Hub and no partners' counts for these months" in part
    assert selectors.run_dir(bolsover) != selectors.run_dir(run)  # each partnership's files its own


def test_the_pdf_report_lists_the_partnerships_own_sources(data_dir: Any, persona: Any) -> None:
    import pypdf

    from csphub.insights.services import assessment_pdf

    agency = Agency.objects.get(slug="housing")
    partner_counts_load(actor=persona("avbc_analyst"), agency=agency, file_name="asb.csv", data=COUNTS)
    run = assessment_run(
        actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
    )
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(assessment_pdf(run=run)).pages
    )
    assert "Where the figures come from" in text and agency.name in text


def test_partner_upload_lists_show_only_the_partnerships_own(persona: Any, client_as: Any) -> None:
    housing, fire = Agency.objects.get(slug="housing"), Agency.objects.get(slug="fire")
    av = partner_counts_load(actor=persona("avbc_analyst"), agency=housing, file_name="av.csv", data=COUNTS)
    bolsover_analyst = _acting(persona("dcc_analyst"), BOLSOVER)
    bol = partner_counts_load(actor=bolsover_analyst, agency=fire, file_name="bolsover.csv", data=COUNTS)
    assert (av.partnership.code, bol.partnership.code) == (AMBER_VALLEY, BOLSOVER)
    assert list(partner_uploads_visible_to(persona("avbc_analyst"))) == [av]
    assert list(partner_uploads_visible_to(bolsover_analyst)) == [bol]
    board = _acting(persona("dcc_analyst"), None)
    assert set(partner_uploads_visible_to(board)) == {av, bol}  # the board: its districts' files
    with pytest.raises(PermissionDeniedError, match="county board"):
        partner_counts_load(actor=board, agency=fire, file_name="county.csv", data=COUNTS)
    page = client_as("avbc_analyst").get("/priorities/partner-data/").content.decode()
    assert "av.csv" in page and "bolsover.csv" not in page
    assert client_as("avbc_analyst").get(f"/priorities/partner-data/uploads/{bol.pk}/").status_code == 404


def test_police_uk_upload_lists_show_only_the_partnerships_own(
    persona: Any, client_as: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.insights.test_uploads import _zip

    from csphub.insights.uploads import data_upload_start

    settings.DATA_DIR = tmp_path
    data = _zip(("2024-01",))

    def start(actor: Any, name: str) -> Any:
        return data_upload_start(actor=actor, files=[SimpleUploadedFile(name, data)])

    av = start(persona("avbc_analyst"), "amber-valley.zip")
    bolsover_analyst = _acting(persona("dcc_analyst"), BOLSOVER)
    bol = start(bolsover_analyst, "bolsover.zip")
    assert (av.partnership.code, bol.partnership.code) == (AMBER_VALLEY, BOLSOVER)
    assert list(selectors.data_uploads_visible_to(persona("avbc_analyst"))) == [av]
    assert list(selectors.data_uploads_visible_to(bolsover_analyst)) == [bol]
    board = _acting(persona("dcc_analyst"), None)
    assert set(selectors.data_uploads_visible_to(board)) == {av, bol}  # the board: its districts'
    with pytest.raises(PermissionDeniedError, match="county board"):
        start(board, "county.zip")
    client = client_as("avbc_analyst")
    page = client.get("/insights/data/").content.decode()
    assert f"/insights/data/{av.pk}/" in page and f"/insights/data/{bol.pk}/" not in page
    assert "Recent uploads in Amber Valley Community Safety Partnership" in page
    for url in (f"/insights/data/{bol.pk}/", f"/insights/data/{bol.pk}/progress.json"):
        assert client.get(url).status_code == 404


def test_a_run_made_before_partnership_folders_is_replaced_by_a_rerun_not_duplicated(
    amber_valley_run: Any, persona: Any, data_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """A migrated run keeps its old folder (no partnership in its path); running the same area and
    period again in its partnership moves that row to the partnership's folder and deletes the old
    folder, which nothing uses any more (no stale copy of the report is left on disk)."""
    from csphub.insights.models import AssessmentRun
    from csphub.insights.services import assessments_root

    root = assessments_root(data_dir)
    old = root / "amber-valley" / "2024-01_2024-12"
    shutil.copytree(root / amber_valley_run.output_dir, old)
    AssessmentRun.objects.filter(pk=amber_valley_run.pk).update(output_dir="amber-valley/2024-01_2024-12")
    with django_capture_on_commit_callbacks(execute=True):
        again = assessment_run(
            actor=persona("avbc_analyst"), area="Amber Valley", date_from="2024-01", date_to="2024-12"
        )
    assert again.pk == amber_valley_run.pk and AssessmentRun.objects.count() == 1
    assert again.output_dir.startswith(f"p{again.partnership_id}/")
    assert (root / again.output_dir / "report.html").is_file()
    assert not old.exists() and not old.parent.exists()


def test_a_superseded_folder_another_run_still_uses_is_kept(tmp_path: Path, amber_valley_run: Any) -> None:
    """The clean-up never deletes a folder a run still points to, nor anything outside the root."""
    from csphub.insights.models import AssessmentRun
    from csphub.insights.services import _remove_superseded

    root = tmp_path / "assessments"
    (root / "shared" / "2024").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    AssessmentRun.objects.filter(pk=amber_valley_run.pk).update(output_dir="shared/2024")
    _remove_superseded(root, "shared/2024")
    _remove_superseded(root, "../outside")
    assert (root / "shared" / "2024").is_dir() and (tmp_path / "outside").is_dir()
    AssessmentRun.objects.filter(pk=amber_valley_run.pk).update(output_dir="p1/elsewhere")
    _remove_superseded(root, "shared/2024")
    assert not (root / "shared").exists() and root.is_dir()
