"""``csphub reminders send``: e-mail task reminders; idempotent, for cron.

Registered by :mod:`csphub.cli_platform` (``from csphub.cases.commands import reminders``).
"""

from __future__ import annotations

import datetime as dt

import click


def _setup_django() -> None:
    import os

    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csphub.config.settings.local")
        django.setup()


@click.group()
def reminders() -> None:
    """Task reminders by e-mail."""


@reminders.command("send")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if today were this date (default: today).",
)
@click.option("--dry-run", is_flag=True, help="Count what would be sent; send and record nothing.")
def send(on: dt.datetime | None, dry_run: bool) -> None:
    """E-mail each officer one digest of tasks due soon or overdue. Safe to run repeatedly."""
    _setup_django()
    from csphub.cases.services import reminders_send

    counts = reminders_send(today=on.date() if on else None, dry_run=dry_run)
    verb = "Would send" if dry_run else "Sent"
    click.echo(
        f"{verb} reminders to {counts['owners']} officer(s) covering {counts['tasks']} task(s); "
        f"{counts['skipped']} already reminded today."
    )
