"""Operations commands: ``csphub audit verify``, ``csphub db roles``, ``csphub migrate``,
``csphub backup`` and ``csphub restore``."""

from __future__ import annotations

from pathlib import Path

import click

from csphub.cli_platform import _django


@click.group()
def audit() -> None:
    """The audit trail."""


@audit.command("verify")
def audit_verify() -> None:
    """Check the audit trail's hash chain; report the first broken link (exit status 1)."""
    _django()
    from csphub.audit.chain import verify_chain

    report = verify_chain()
    if report.ok:
        click.echo(f"Audit trail intact: {report.checked} events, chain head {report.head}")
        click.echo(
            "Keep the head somewhere else: a later check that does not reach it means events were removed."
        )
        return
    click.echo(
        f"Audit trail broken at event {report.broken_at}: {report.problem}. "
        f"{report.checked} events before it are intact (last good hash {report.head})."
    )
    raise SystemExit(1)


@click.group()
def db() -> None:
    """Database set-up."""


@db.command("roles")
@click.option(
    "--owner", default="csphub_owner", show_default=True, help="Role that owns the tables (migrations)."
)
@click.option(
    "--app", "app_role", default="csphub_app", show_default=True, help="Role the web app connects as."
)
@click.option(
    "--take-ownership/--keep-ownership",
    default=True,
    show_default=True,
    help="Give existing tables and sequences to the owner role.",
)
def db_roles(owner: str, app_role: str, take_ownership: bool) -> None:
    """Create the owner and app roles on PostgreSQL (idempotent); run as a superuser.

    Passwords are taken from CSPHUB_DB_OWNER_PASSWORD and CSPHUB_DB_APP_PASSWORD when set.
    """
    _django()
    from csphub.core.dbroles import ensure_roles

    for line in ensure_roles(owner=owner, app=app_role, take_ownership=take_ownership):
        click.echo(line)


@click.command()
def migrate() -> None:
    """Apply migrations as the owner role (CSPHUB_MIGRATION_DATABASE_URL, else DATABASE_URL)."""
    import os

    url = os.environ.get("CSPHUB_MIGRATION_DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


@click.command()
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
def backup(destination: Path) -> None:
    """Back up the database, the uploaded documents and the analytics store into DESTINATION."""
    _django()
    from csphub.ops.backup import make_backup

    manifest = make_backup(destination, progress=click.echo)
    click.echo(
        f"Backup written to {destination}: {sum(manifest['tables'].values()):,} records in "
        f"{len(manifest['tables'])} tables, {len(manifest['files'])} files."
    )


@click.command()
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Restore even if the target database already has data.")
def restore(source: Path, force: bool) -> None:
    """Restore a backup into the configured (empty) database and data folder, then verify it."""
    _django()
    from csphub.ops.backup import BackupError, restore_backup

    try:
        problems = restore_backup(source, force=force, progress=click.echo)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    if problems:
        for problem in problems:
            click.echo(f"MISMATCH: {problem}")
        raise SystemExit(1)
    click.echo("Restored and verified: record counts, file hashes and the audit chain match the backup.")
