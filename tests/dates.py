"""Fill the GOV.UK date-and-time input (day, month, year and time fields) in a browser test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


def fill_date_time(page: Any, name: str, moment: dt.datetime) -> None:
    """Type ``moment`` (an aware datetime in local time, or a naive one as the wall clock shows it)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    page.fill(f"#id_{name}_day", str(local.day))
    page.fill(f"#id_{name}_month", str(local.month))
    page.fill(f"#id_{name}_year", str(local.year))
    page.fill(f"#id_{name}_time", f"{local:%H:%M}")
