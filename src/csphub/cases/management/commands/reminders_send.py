"""``manage.py reminders_send [--date YYYY-MM-DD] [--dry-run]``: the same as ``csphub reminders send``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from csphub.cases.services import reminders_send


class Command(BaseCommand):
    help = "E-mail each officer one digest of tasks due soon or overdue (idempotent per day; for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reminders_send(today=options["date"], dry_run=options["dry_run"])
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} reminders to {counts['owners']} officer(s) covering {counts['tasks']} task(s); "
            f"{counts['skipped']} already reminded today."
        )
