"""``csphub ingest police-uk|sample`` and ``csphub assess``: thin wrappers over analytics.pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import click


def _data_dir(value: str | None) -> Path:
    return Path(value or os.environ.get("CSPHUB_DATA_DIR") or "var")


def _month(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    from csphub.analytics.pipeline import PeriodError, check_month

    try:
        return check_month(value)
    except PeriodError as exc:
        raise click.BadParameter(f"{value!r}: {exc}") from exc


def _print_summary(summary: object) -> None:
    from rich.console import Console

    from csphub.analytics.store import IngestSummary

    assert isinstance(summary, IngestSummary)
    c = Console()
    c.print(
        f"Files: {len(summary.files)} seen, {summary.count('ingested')} new, {summary.count('replaced')} "
        f"replaced (re-issued), {summary.count('unchanged')} unchanged, {summary.count('duplicate')} "
        "duplicate"
    )
    c.print(
        f"Rows: {summary.rows_input:,} read, {summary.rows_stored:,} stored, "
        f"{summary.rows_quarantined:,} quarantined (invalid)"
    )
    shown = 0
    for f in summary.files:
        for q in f.first_quarantined:
            if shown < 10:
                c.print(f"  quarantined: {q}")
                shown += 1
    if summary.rows_quarantined:
        c.print(f"Quarantine files: {Path(summary.store_dir) / 'quarantine'}")
    c.print(f"Store: {summary.store_dir}")


def _run_ingest(paths: list[Path] | None, data_dir: Path, strict: bool, sample: bool) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from csphub.analytics import pipeline
    from csphub.analytics.store import IngestError, discover

    try:
        n_files = len(discover([pipeline.sample_dir() / "police_uk"] if sample else paths or []))
    except IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=n_files < 4,
    ) as bar:
        task = bar.add_task("Reading police.uk files", total=n_files)
        try:
            if sample:
                summary = pipeline.ingest_sample(data_dir, progress=lambda _r: bar.advance(task))
            else:
                summary = pipeline.ingest_paths(
                    paths or [], data_dir=data_dir, strict=strict, progress=lambda _r: bar.advance(task)
                )
        except IngestError as exc:
            raise click.ClickException(str(exc)) from exc
    _print_summary(summary)


@click.group()
def ingest() -> None:
    """Load data into the analytics store ($CSPHUB_DATA_DIR/analytics)."""


@ingest.command("police-uk")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory (default $CSPHUB_DATA_DIR or ./var).",
)
@click.option("--strict", is_flag=True, help="Refuse the whole run if any row is invalid.")
def ingest_police_uk(paths: tuple[Path, ...], data_dir: str | None, strict: bool) -> None:
    """Ingest data.police.uk CSVs: the zip as downloaded, folders (archive layout YYYY-MM/…-street.csv),
    single CSVs or .csv.gz."""
    _run_ingest(list(paths), _data_dir(data_dir), strict, sample=False)


@ingest.command("sample")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory (default $CSPHUB_DATA_DIR or ./var).",
)
def ingest_sample(data_dir: str | None) -> None:
    """Ingest the shipped sample (Amber Valley, 2023–2024, real police.uk rows)."""
    _run_ingest(None, _data_dir(data_dir), False, sample=True)


@click.command()
@click.option(
    "--area",
    required=True,
    help="Any area of England and Wales by name or code: a Community Safety Partnership, a district "
    '(current or 2022), a police force area, a ward ("Abbey, Derby"), or LSOA codes (2011 or 2021) '
    "separated by commas; @FILE reads LSOA codes from a file. Case and punctuation do not matter.",
)
@click.option("--from", "date_from", required=True, callback=_month, help="First month, YYYY-MM.")
@click.option("--to", "date_to", required=True, callback=_month, help="Last month, YYYY-MM.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default ./assessment-<area>-<from>-<to>).",
)
@click.option("--pdf", is_flag=True, help="Also write report.pdf (WeasyPrint).")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory (default $CSPHUB_DATA_DIR or ./var).",
)
@click.option(
    "--reference-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with reference files of the shipped layout (default: the national reference in the "
    "package).",
)
@click.option(
    "--weights",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Harm weight table CSV (crime_type,weight); default Cambridge Crime Harm Index.",
)
@click.option("--cell-size", "cell_size_m", type=float, default=None, help="Hot-spot grid cell, metres.")
@click.option("--bandwidth", "bandwidth_m", type=float, default=None, help="KDE bandwidth, metres.")
def assess(
    area: str,
    date_from: str,
    date_to: str,
    out_dir: Path | None,
    pdf: bool,
    data_dir: str | None,
    reference_dir: Path | None,
    weights: Path | None,
    cell_size_m: float | None,
    bandwidth_m: float | None,
) -> None:
    """Produce the Strategic Assessment: assessment.json, report.html and CSV tables."""
    from rich.console import Console

    from csphub.analytics.geography import AreaNotFound
    from csphub.analytics.locking import store_lock
    from csphub.analytics.pipeline import NoDataError, PeriodError, store_for
    from csphub.reports import assess_and_render

    area_arg: str | list[str] = area
    if area.startswith("@"):
        area_arg = Path(area[1:]).read_text(encoding="utf-8").split()
    try:
        with store_lock(store_for(_data_dir(data_dir)).root):  # not while an ingest commits
            done = assess_and_render(
                area_arg,
                date_from=date_from,
                date_to=date_to,
                out_dir=out_dir,
                pdf=pdf,
                data_dir=_data_dir(data_dir),
                reference_dir=reference_dir,
                weights_path=weights,
                cell_size_m=cell_size_m,
                bandwidth_m=bandwidth_m,
            )
    except PeriodError as exc:
        raise click.BadParameter(
            str(exc), param_hint="--from" if exc.field == "date_from" else "--to"
        ) from exc
    except NoDataError as exc:
        raise click.ClickException(
            f"{exc} Load data with `csphub ingest police-uk PATH` (or `csphub ingest sample`)."
        ) from exc
    except (AreaNotFound, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    files = done.files
    c = Console()
    for h in done.assessment.headline:
        c.print(f"{h.measure}: {h.count:,} — {h.wording}")
    c.print(
        f"Wrote {files.json}, {files.html}"
        + (f", {files.pdf}" if files.pdf else "")
        + f" and {len(files.csvs)} CSV files in {files.out_dir}"
    )


@click.group()
def geography() -> None:
    """Boundaries used by the assessment's maps (the package ships every LSOA 2021, generalised)."""


@geography.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Data directory (default $CSPHUB_DATA_DIR or ./var).",
)
def geography_import(file: Path, data_dir: str | None) -> None:
    """Use finer LSOA 2021 boundaries for your area: an ONS download (BFC, BFE, BGC or BSC; GeoJSON or
    GeoPackage). A file that cannot be used is refused and nothing changes."""
    from csphub.analytics.sources.boundaries import BoundaryFileError, import_boundaries
    from csphub.analytics.sources.reference import load_reference

    try:
        res = import_boundaries(
            file, data_dir=_data_dir(data_dir), geography=load_reference(boundaries=False)
        )
    except BoundaryFileError as exc:
        raise click.ClickException(f"{exc} (nothing was changed)") from exc
    shown = ", ".join(res.districts[:6]) + (
        f" and {len(res.districts) - 6} more" if len(res.districts) > 6 else ""
    )
    click.echo(
        f"Imported {res.lsoas:,} LSOA boundaries ({res.vertices:,} points, {res.crs}) covering {shown}; "
        f"maps now use them ({res.total_imported:,} LSOAs with imported boundaries in all)."
    )
