"""``csphub reminders send``: the task reminders (cases) and the statutory deadline reminders (the
deadlines registry: duty registers, Case Reviews, powers) in one run; idempotent per day, for cron.

Registered in :mod:`csphub.cli` in place of the cases-only group, which it calls.
"""

from __future__ import annotations

import datetime as dt

import click

from csphub.cases.commands import _setup_django


@click.group()
def reminders() -> None:
    """Task and statutory deadline reminders by e-mail."""


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
    """E-mail each person one digest of their tasks, and one of their statutory deadlines, due soon or
    overdue. Safe to run repeatedly: nothing is sent twice on the same day."""
    _setup_django()
    from csphub.cases.services import reminders_send
    from csphub.duties.services.reminders import deadline_reminders_send

    today = on.date() if on else None
    tasks = reminders_send(today=today, dry_run=dry_run)
    due = deadline_reminders_send(today=today, dry_run=dry_run)
    verb = "Would send" if dry_run else "Sent"
    click.echo(
        f"{verb} reminders to {tasks['owners']} officer(s) covering {tasks['tasks']} task(s); "
        f"{tasks['skipped']} already reminded today."
    )
    click.echo(
        f"{verb} deadline reminders to {due['owners']} person(s) covering {due['items']} deadline(s); "
        f"{due['skipped']} already reminded today."
    )
