"""``csphub reminders send`` for the deadlines registry: one e-mail per user of their deadlines that
are due soon or overdue; idempotent per day (a :class:`DeadlineReminder` row per user, deadline and day).

Case tasks have their own reminder (``cases.services.reminders_send``); their provider is registered
with ``remind=False`` so nobody is e-mailed twice about the same task.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership
from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor
from csphub.duties import deadlines
from csphub.duties.models import DeadlineReminder

logger = logging.getLogger(__name__)


def deadline_key(item: deadlines.Deadline) -> str:
    """A stable key for one deadline (its kind, title, due date and page), for the once-a-day check."""
    raw = "\x1f".join((item.kind, item.title, item.due.isoformat(), item.url))
    return hashlib.sha256(raw.encode()).hexdigest()


def _actors() -> list[list[Actor]]:
    """For each active user with an e-mail address, in their acting (first active) membership: one
    actor per partnership their agency sits in (a county-wide agency sits in every district CSP of
    its county and the county board), or one with no partnership when it sits in none."""
    memberships = (
        Membership.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "agency")
        .order_by("user_id", "pk")
    )
    partnerships: dict[int, list[int]] = defaultdict(list)
    for agency_id, partnership_id in Partnership.agencies.through.objects.order_by(
        "partnership_id"
    ).values_list("agency_id", "partnership_id"):
        partnerships[agency_id].append(partnership_id)
    seen: set[int] = set()
    out: list[list[Actor]] = []
    for membership in memberships:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        ids: list[int | None] = list(partnerships.get(membership.agency_id, [])) or [None]
        out.append([Actor(user=membership.user, membership=membership, partnership_id=p) for p in ids])
    return out


def _due_everywhere(actors: list[Actor], today: dt.date) -> list[deadlines.Deadline]:
    """A user's deadlines due soon or overdue in every partnership they work in. Every provider reads
    through the partnership acted in (ADR 0008), so when the user works in more than one, each
    deadline's title says whose it is ("... (Bolsover Community Safety Partnership)"), which also
    keeps the once-a-day key of the same return to two partnerships apart."""
    out: dict[str, deadlines.Deadline] = {}
    for actor in actors:
        summary = deadlines.summarise(deadlines.deadlines_for(actor, today, for_reminders=True), today)
        for item in summary.overdue + summary.upcoming:
            if len(actors) > 1 and actor.partnership is not None:
                item = dataclasses.replace(item, title=f"{item.title} ({actor.partnership.name})")
            out.setdefault(deadline_key(item), item)
    return list(out.values())


def _absolute(url: str) -> str:
    base = getattr(settings, "CSPHUB_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if base else url


def deadline_reminders_send(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """E-mail each user one digest of their deadlines due within ``UPCOMING_DAYS`` or overdue.

    Returns counts: ``owners`` e-mailed, ``items`` included, ``skipped`` already reminded today.
    """
    today = today or timezone.localdate()
    counts = {"owners": 0, "items": 0, "skipped": 0}
    for actors in _actors():
        actor = actors[0]
        due = _due_everywhere(actors, today)
        if not due:
            continue
        keys = {deadline_key(d): d for d in due}
        already = set(
            DeadlineReminder.objects.filter(user=actor.user, sent_on=today, key__in=keys).values_list(
                "key", flat=True
            )
        )
        fresh = {k: d for k, d in keys.items() if k not in already}
        counts["skipped"] += len(already)
        if not fresh:
            continue
        if dry_run:
            counts["owners"] += 1
            counts["items"] += len(fresh)
            continue
        if _send(actor.user, fresh, today):
            counts["owners"] += 1
            counts["items"] += len(fresh)
        else:
            counts["skipped"] += len(fresh)
    logger.info("deadline reminders: %s", counts)
    return counts


def _send(user: User, items: dict[str, deadlines.Deadline], today: dt.date) -> bool:
    lines = []
    for item in sorted(items.values(), key=lambda d: (d.due, d.title)):
        when = (
            f"OVERDUE since {item.due:%-d %B %Y}" if item.is_overdue(today) else f"Due {item.due:%-d %B %Y}"
        )
        lines.append(f"- {when}: {item.title}\n  {item.section}\n  {_absolute(item.url)}")
    body = "Your statutory deadlines in CSP Hub that are due soon or overdue:\n\n" + "\n".join(lines)
    n = len(items)
    subject = f"CSP Hub: {n} deadline{'s' if n != 1 else ''} need attention"
    try:
        with transaction.atomic():
            DeadlineReminder.objects.bulk_create(
                [DeadlineReminder(user=user, key=key, sent_on=today) for key in items]
            )
            transaction.on_commit(functools.partial(send_mail, subject, body, None, [user.email]))
            audit_record(
                actor=None,
                verb=DutyVerb.DEADLINES_REMINDER_SENT,
                target=user,
                justification=f"{n} deadlines on {today.isoformat()}",
            )
    except IntegrityError:  # another run sent these a moment ago
        return False
    return True
