"""One statutory deadline, as every register reports it to the deadlines dashboard and reminders.

Each register exposes ``upcoming_deadlines(actor, today)`` returning a list of these; the dashboard
merges and sorts them. ``title`` carries no personal data (a reference and what is due), ``url`` is
the page where the step is taken, ``section`` the provision it comes from, in words a user can read
("DVCVA 2004 s.9"), and ``kind`` names the register (``dhr``, ``svd``, ...), for grouping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    title: str
    due: date
    url: str
    section: str
    kind: str

    def overdue(self, today: date) -> bool:
        return today > self.due
