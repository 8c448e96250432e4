"""The report: CLI end to end, the CSV/JSON contract, self-contained HTML, PDF."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from csphub.analytics import pipeline
from csphub.analytics.assessment import Assessment
from csphub.reports import render_report

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from csphub.cli_analytics import ingest

    data = tmp_path_factory.mktemp("cli-data")
    res = CliRunner().invoke(ingest, ["sample", "--data-dir", str(data)])
    assert res.exit_code == 0, res.output
    assert "23,157 stored" in res.output
    return data


@pytest.fixture(scope="module")
def cli_out(cli_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from csphub.cli_analytics import assess

    data = cli_data
    out = tmp_path_factory.mktemp("cli-out") / "report"
    runner = CliRunner()
    res = runner.invoke(
        assess,
        [
            "--area",
            "Amber Valley",
            "--from",
            "2024-01",
            "--to",
            "2024-12",
            "--data-dir",
            str(data),
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    return out


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def test_cli_writes_the_contract_files(cli_out: Path) -> None:
    for name in ("assessment.json", "report.html", "counts.csv", "hotspots_gistar.csv", "hotspots_kde.csv"):
        assert (cli_out / name).exists(), name
    assert _header(cli_out / "counts.csv") == ["month", "crime_type", "lsoa_code", "count"]
    assert _header(cli_out / "hotspots_gistar.csv")[:8] == [
        "cell_x_m",
        "cell_y_m",
        "count",
        "z",
        "p",
        "p_adj",
        "is_hot",
        "is_cold",
    ]
    assert _header(cli_out / "hotspots_kde.csv") == ["cell_x_m", "cell_y_m", "density"]
    for p in cli_out.glob("*.csv"):
        assert all(re.fullmatch(r"[a-z0-9_]+", h) for h in _header(p)), p
    data = json.loads((cli_out / "assessment.json").read_text(encoding="utf-8"))
    a = Assessment.from_dict(data)
    assert a.parameters.date_from == "2024-01" and a.area.name == "Amber Valley"
    with (cli_out / "counts.csv").open(encoding="utf-8") as fh:
        total = sum(int(r["count"]) for r in csv.DictReader(fh) if r["month"].startswith("2024"))
    assert total == a.headline[2].count


def test_cli_rejects_bad_month_and_unknown_area(tmp_path: Path) -> None:
    from csphub.cli_analytics import assess

    runner = CliRunner()
    res = runner.invoke(
        assess,
        ["--area", "Amber Valley", "--from", "2024-13", "--to", "2024-12", "--data-dir", str(tmp_path)],
    )
    assert res.exit_code != 0 and "YYYY-MM" in res.output
    res = runner.invoke(
        assess, ["--area", "Atlantis", "--from", "2024-01", "--to", "2024-12", "--data-dir", str(tmp_path)]
    )
    assert res.exit_code != 0 and "Atlantis" in res.output


def test_cli_ingest_reports_bad_file_by_name_and_line(tmp_path: Path) -> None:
    from csphub.cli_analytics import ingest

    bad = tmp_path / "2024-01-derbyshire-street.csv"
    bad.write_text("Crime ID,Month\n,2024-01\n", encoding="utf-8")
    res = CliRunner().invoke(ingest, ["police-uk", str(bad), "--data-dir", str(tmp_path / "d")])
    assert res.exit_code != 0
    assert str(bad) in res.output and "line 1" in res.output


def test_html_is_self_contained_and_board_first(cli_out: Path) -> None:
    html = (cli_out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html), "no external URLs of any kind"
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", html), "only data: URIs and anchors"
    order = [
        html.index(f'id="{s}"') for s in ("headlines", "types", "hotspots", "repeats", "changes", "methods")
    ]
    assert order == sorted(order)
    assert "p = " in html or "p &lt; 0.001" in html


def test_pdf_renders(tmp_path: Path, cli_out: Path) -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # pango missing
        pytest.skip(f"WeasyPrint unavailable: {exc}")
    a = Assessment.from_dict(json.loads((cli_out / "assessment.json").read_text(encoding="utf-8")))
    files = render_report(a, tmp_path, pdf=True)
    assert files.pdf is not None and files.pdf.read_bytes()[:5] == b"%PDF-"


def test_render_report_api(tmp_path: Path, cli_out: Path) -> None:
    a = Assessment.from_dict(json.loads((cli_out / "assessment.json").read_text(encoding="utf-8")))
    files = render_report(a, tmp_path / "x")
    assert files.html.exists() and set(files.csvs) >= {"counts", "hotspots_gistar", "hotspots_kde"}
    assert pipeline.sample_dir() == REPO_ROOT / "data" / "sample"


def test_assess_and_render_is_the_one_orchestration(tmp_path: Path, cli_data: Path) -> None:
    """The web app's re-run replaces its folder whole (staged, then swapped in); a bad period is
    refused before anything is computed or written."""
    from csphub.analytics.pipeline import PeriodError
    from csphub.reports import assess_and_render

    data = cli_data
    target = tmp_path / "runs" / "amber-valley"
    target.mkdir(parents=True)
    (target / "stale.csv").write_text("old", encoding="utf-8")
    done = assess_and_render(
        "Amber Valley", date_from="2024-01", date_to="2024-03", out_dir=target, replace=True, data_dir=data
    )
    assert done.files.out_dir == target and done.files.json.exists() and done.files.html.exists()
    assert not (target / "stale.csv").exists() and not target.with_name("amber-valley.tmp").exists()
    assert set(done.files.csvs.values()) == set(target.glob("*.csv"))
    assert done.assessment.period.months == ("2024-01", "2024-02", "2024-03")
    with pytest.raises(PeriodError):
        assess_and_render("Amber Valley", date_from="2024-04", date_to="2024-03", out_dir=tmp_path / "no")
    assert not (tmp_path / "no").exists()
