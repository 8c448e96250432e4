"""One registry of statutory and local deadlines, for the deadlines page and the reminder e-mails.

Each register (and each other app with a clock: powers, Case Reviews) registers a *provider* when
Django starts (``register_provider`` in an ``AppConfig.ready``). A provider is called with the acting
:class:`~csphub.core.actor.Actor` and today's date and returns the :class:`Deadline` items **that actor
is responsible for** and may see: the deadlines page lists them, and ``csphub reminders send`` e-mails
each user the ones due soon or overdue. A provider must apply the actor's policy itself (it reads
through its own app's selectors), so nothing here widens what anyone may see.

This module imports nothing from the registers (only the dataclass and the registry live here), so
any layer may import it without a cycle.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csphub.core.actor import Actor

logger = logging.getLogger(__name__)

# How far ahead the page and the reminders look for "due soon" (calendar days, inclusive of today).
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class Deadline:
    """One thing due by a date.

    ``title`` is plain words for the person ("Quarter 2 2026 return from Derbyshire Fire and Rescue");
    ``url`` is the page where it is done; ``section`` is the law or guidance that sets the clock, in
    words ("Crime and Disorder Act 1998, section 17A"); ``kind`` groups items on the page (a register's
    name in words, "Information sharing (section 17A)"). None of them may carry an internal code.
    """

    title: str
    due: dt.date
    url: str
    section: str
    kind: str

    def is_overdue(self, today: dt.date) -> bool:
        """Overdue the day after ``due``: an item due today is still on time."""
        return self.due < today

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


Provider = Callable[["Actor", dt.date], Iterable[Deadline]]

_providers: dict[str, Provider] = {}
# Providers whose items already have their own reminder e-mail (the case tasks): the deadlines page
# lists them, ``csphub reminders send`` does not e-mail them a second time.
_not_reminded: set[str] = set()


def register_provider(name: str, provider: Provider, *, remind: bool = True) -> None:
    """Add (or replace, by name, so a reload does not double it) a source of deadlines."""
    _providers[name] = provider
    if remind:
        _not_reminded.discard(name)
    else:
        _not_reminded.add(name)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def deadlines_for(actor: Actor, today: dt.date, *, for_reminders: bool = False) -> list[Deadline]:
    """Every open deadline the actor is responsible for, soonest first.

    ``for_reminders`` leaves out the providers registered with ``remind=False``. A provider that
    fails is logged and skipped, so one broken register does not hide every other deadline.
    """
    items: list[Deadline] = []
    for name, provider in sorted(_providers.items()):
        if for_reminders and name in _not_reminded:
            continue
        try:
            items.extend(provider(actor, today))
        except Exception:  # one register's failure must not hide the others' deadlines
            logger.exception("Deadline provider %s failed", name)
    return sorted(items, key=lambda d: (d.due, d.kind, d.title))


@dataclass(frozen=True)
class DeadlineSummary:
    overdue: list[Deadline]
    upcoming: list[Deadline]
    later: list[Deadline]


def summarise(items: Iterable[Deadline], today: dt.date, *, days: int = UPCOMING_DAYS) -> DeadlineSummary:
    """Split deadlines into overdue (before today), upcoming (today to ``today + days``) and later."""
    horizon = today + dt.timedelta(days=days)
    overdue: list[Deadline] = []
    upcoming: list[Deadline] = []
    later: list[Deadline] = []
    for item in items:
        if item.due < today:
            overdue.append(item)
        elif item.due <= horizon:
            upcoming.append(item)
        else:
            later.append(item)
    return DeadlineSummary(overdue=overdue, upcoming=upcoming, later=later)
