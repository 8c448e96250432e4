"""Each power's letter or notice: HTML for the screen and a PDF (``powers/letters/<power>.html``,
extending ``letters/base.html``; the PDF through :func:`csphub.frontend.documents.render_pdf` with
``static/powers/letter.css``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string

from csphub.frontend.documents import render_pdf
from csphub.powers import rules, selectors
from csphub.powers.facts import detail_date
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power
from csphub.powers.tables import CONDITION_CHOICES, COURT_NAMES, DISPOSAL_CHOICES


def _parsed(entry: dict[str, Any]) -> dict[str, Any]:
    """A stored variation or extension with its ISO dates and times as date/datetime objects."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if isinstance(value, str) and key.endswith(("_at", "_until")):
            out[key] = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and key.endswith(("_on", "_expiry")):
            out[key] = dt.date.fromisoformat(value)
        else:
            out[key] = value
    return out


def _changes(use: PowerUse) -> dict[str, Any]:
    """Variations and extensions recorded on a direction or PSPO, for its letter."""
    variations = [_parsed(v) for v in use.details.get("variations", [])]
    extensions = [_parsed(e) for e in use.details.get("extensions", [])]
    pspo_variations = variations if use.power == Power.PSPO else []
    changed_on = [e["extended_on"] for e in extensions] + [v["varied_on"] for v in pspo_variations]
    return {
        "variations": variations if use.power == Power.DISPERSAL_DIRECTION else [],
        "extensions": extensions,
        "pspo_variations": pspo_variations,
        "last_change": max(changed_on) if changed_on else None,
        # s.59(7)(b): an order restricting alcohol explains s.63.
        "alcohol": use.power == Power.PSPO and rules.pspo_prohibits_alcohol(use.requirements),
    }


STYLESHEETS = ("powers/letter.css",)


def letter_template(use: PowerUse) -> str:
    return f"powers/letters/{use.power}.html"


def letter_context(use: PowerUse, *, for_pdf: bool) -> dict[str, Any]:
    """What the power's letter template shows: labels for codes, dates, the law in force."""
    labels = dict(CONDITION_CHOICES)
    return {
        "use": use,
        "requirement_lines": selectors.requirement_lines(use),
        "requirements_in_effect": selectors.cpn_requirements_in_effect(use) if use.power == Power.CPN else [],
        "condition": labels.get(use.details.get("condition", ""), ""),
        "disposal": dict(DISPOSAL_CHOICES).get(use.details.get("disposal", ""), ""),
        "court": COURT_NAMES.get(use.court, use.court.replace("_", " ")),
        "consultation": [
            rules.PSPO_CONSULTEE_LABELS.get(k, k) for k in use.details.get("consultation_done", [])
        ],
        "exclusions": rules.S36_EXCLUSIONS,
        "dates": {
            key: detail_date(use, key)
            for key in (
                "pay_by",
                "prosecution_earliest",
                "paid_on",
                "breach_on",
                "first_made_on",
                "ends_on",
                "expires_on",
                "convicted_on",
                "yot_consulted_on",
                "yot_views_on",
                "appeal_lodged_on",
                "review_requested_on",
                "decided_on",
                "granted_on",
                "varied_on",
                "discharged_on",
            )
        },
        **_changes(use),
        "latest_end": (
            rules.closure_order_latest_end(
                dt.date.fromisoformat(use.details["first_made_on"]),
                rules=rules.rule_set(use.rule_version),
            )
            if use.details.get("first_made_on")
            else None
        ),
        "hearing_at": (
            dt.datetime.fromisoformat(use.details["hearing_at"]).astimezone(rules.UK_TZ)
            if use.details.get("hearing_at")
            else None
        ),
        "section": rules.POWER_SECTIONS[Power(use.power)],
        "capacity": rules.ISSUER_LABELS[rules.IssuerCapacity(use.issuer_capacity)],
        "ruleset": rules.rule_set(use.rule_version),
        "for_pdf": for_pdf,
        "today": selectors.today(),
    }


def letter_html(use: PowerUse) -> str:
    """The power's own letter or notice, as a page."""
    return render_to_string(letter_template(use), letter_context(use, for_pdf=False))


def letter_pdf(use: PowerUse) -> bytes:
    """The letter as a PDF."""
    return render_pdf(letter_template(use), letter_context(use, for_pdf=True), stylesheets=STYLESHEETS)
