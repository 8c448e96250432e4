"""``csphub retention``: the retention schedule, legal holds and disposal runs (for the operator).

``csphub retention purge --dry-run`` lists what would be disposed of and why; without ``--dry-run``
it disposes of it, keeping a tombstone. Every run is recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click


def _setup_django() -> None:
    import os

    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csphub.config.settings.local")
        django.setup()


def _found(records: Any, what: str) -> Any:
    """The one record of ``records``, or a plain error naming what was asked for (no traceback)."""
    found = records.first()
    if found is None:
        raise click.ClickException(f"No {what}.")
    return found


@click.group()
def retention() -> None:
    """Retention schedule, legal holds and disposal of records past their date."""


_ACTIONS = {"dispose": "Would dispose of", "hold": "Kept (legal hold)", "blocked": "Kept"}


@retention.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be disposed of; delete nothing.")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if today were this date (default: today).",
)
@click.option(
    "--record-type",
    type=click.Choice(
        [
            "case",
            "incident",
            "person",
            "rights_request",
            "case_review",
            "slavery_concern",
            "prevent_referral",
            "dhr",
        ]
    ),
    default="case",
    show_default=True,
    help="Closed cases, incidents on no case, people on no case or incident, completed data "
    "subjects' requests, closed Case Review applications, notified modern slavery concerns, closed "
    "Prevent referrals (with their Channel cases) or Domestic Homicide Reviews published or not held.",
)
def purge(dry_run: bool, on: dt.datetime | None, record_type: str) -> None:
    """Dispose of records past their retention date and not on legal hold."""
    _setup_django()
    from csphub.governance.services import retention_purge

    result = retention_purge(
        actor=None, today=on.date() if on else None, dry_run=dry_run, record_type=record_type
    )
    for item in result.items:
        action = _ACTIONS[item.action]
        if item.action == "dispose" and not dry_run:
            action = "Disposed of"
        since = {
            "case": "closed",
            "incident": "happened",
            "person": "last changed",
            "rights_request": "completed",
            "case_review": "closed",
            "slavery_concern": "notified",
            "prevent_referral": "closed",
            "dhr": "published or decided",
        }[record_type]
        click.echo(
            f"{action} {item.reference} ({item.agency}, {since} {item.closed_on:%d %B %Y}): {item.why}"
        )
    run = result.run
    verb = "Would dispose of" if dry_run else "Disposed of"
    click.echo(
        f"{verb} {run.disposed} {record_type} record(s); {run.held} on legal hold; run {run.pk} recorded."
    )


@retention.command("rule")
@click.option("--record-type", default="case", show_default=True)
@click.option("--agency", "agency_slug", default=None, help="Agency slug (default: the partnership default).")
@click.option("--years", type=int, required=True)
@click.option("--reason", required=True)
@click.option("--policy", "policy_source", required=True, help="The policy the period comes from.")
def rule(record_type: str, agency_slug: str | None, years: int, reason: str, policy_source: str) -> None:
    """Set the retention period of a record type for an agency."""
    _setup_django()
    from csphub.agencies.models import Agency
    from csphub.core.errors import ApplicationError
    from csphub.governance.services import retention_rule_set

    agency = _found(Agency.objects.filter(slug=agency_slug), f"agency {agency_slug}") if agency_slug else None
    try:
        retention_rule_set(
            actor=None,
            record_type=record_type,
            agency=agency,
            years=years,
            reason=reason,
            policy_source=policy_source,
        )
    except ApplicationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{agency.name if agency else 'Partnership default'}: {record_type} kept {years} years.")


@retention.command("hold")
@click.option("--case", "case_ref", default=None, help="Case reference, e.g. ASB-000042.")
@click.option("--person", "person_id", type=int, default=None, help="Person number.")
@click.option("--incident", "incident_id", type=int, default=None, help="Incident number.")
@click.option(
    "--record",
    "record_ref",
    default=None,
    help="A Case Review application (CR-7KDM-Q4TA), modern slavery concern (MS-000012), Prevent "
    "referral (PR-000003) or Domestic Homicide Review (DHR-00002).",
)
@click.option("--reason", required=True)
@click.option("--reference", default="", help="The claim, inquiry or instruction (a court number).")
def hold(
    case_ref: str | None,
    person_id: int | None,
    incident_id: int | None,
    record_ref: str | None,
    reason: str,
    reference: str,
) -> None:
    """Place a legal hold on a case, a person, an incident, a Case Review application or a duty
    register's record."""
    _setup_django()
    from django.db.models import Model

    from csphub.cases.models import Case, Incident
    from csphub.core.errors import ApplicationError
    from csphub.governance.services import legal_hold_place
    from csphub.people.models import Person

    given = [x for x in (case_ref, person_id, incident_id, record_ref) if x is not None]
    if len(given) != 1:
        raise click.UsageError("Give exactly one of --case, --person, --incident or --record.")
    target: Model
    if record_ref is not None:
        target = _record(record_ref)
    elif case_ref is not None:
        number = case_ref.strip().upper().removeprefix("ASB-")
        cases = Case.objects.filter(pk=int(number)) if number.isdigit() else Case.objects.none()
        target = _found(cases, f"case {case_ref}")
    elif person_id is not None:
        target = _found(Person.objects.filter(pk=person_id), f"person {person_id}")
    else:
        target = _found(Incident.objects.filter(pk=incident_id or 0), f"incident {incident_id}")
    try:
        placed = legal_hold_place(actor=None, target=target, reason=reason, reference=reference)
    except ApplicationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Legal hold {placed.pk} placed.")


def _record(text: str) -> Any:
    """The Case Review application or duty register record with this reference."""
    from csphub.casereviews.models import Application
    from csphub.duties.models import DomesticHomicideReview, PreventReferral, SlaveryConcern

    ref = text.strip().upper()
    if ref.startswith("CR-"):
        return _found(Application.objects.filter(reference=ref), f"Case Review application {text}")
    prefix, _, number = ref.rpartition("-")
    models: dict[str, Any] = {"MS": SlaveryConcern, "PR": PreventReferral, "DHR": DomesticHomicideReview}
    if prefix not in models or not number.isdigit():
        raise click.ClickException(f"No record {text}: give a CR-, MS-, PR- or DHR- reference.")
    return _found(models[prefix].objects.filter(pk=int(number)), f"record {text}")


@retention.command("release")
@click.argument("hold_id", type=int)
@click.option("--reason", required=True, help="Why the hold ends (the claim settled, the inquiry closed).")
def release(hold_id: int, reason: str) -> None:
    """Release a legal hold."""
    _setup_django()
    from csphub.core.errors import ApplicationError
    from csphub.governance.models import LegalHold
    from csphub.governance.services import legal_hold_release

    try:
        hold = _found(LegalHold.objects.filter(pk=hold_id), f"legal hold {hold_id}")
        legal_hold_release(actor=None, hold=hold, reason=reason)
    except ApplicationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Legal hold {hold_id} released.")
