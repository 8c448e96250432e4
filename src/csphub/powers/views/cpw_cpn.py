"""Community protection warning and notice steps: issue, appeal, court decision, compliance."""

from __future__ import annotations

from typing import Any

from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import (
    Offer,
    PowerStep,
    can_become,
    case_open,
    may_become_any,
    notes,
    status_blockers,
)


def _cpn_standing(cpw: PowerUse) -> list[str]:
    """What stands in the way today, before anything is typed (the service adds its own reasons)."""
    return selectors.cpn_blockers_for(
        cpw=cpw,
        issuer_capacity=rules.IssuerCapacity.CONSTABLE,
        conduct_persists=True,
        informed_parties="x",
    )


def _compliance_notes(use: PowerUse) -> list[str]:
    if use.power == Power.CPW:
        return [
            "A warning that is not complied with leads to a community protection notice: issue one from the warning."
        ]
    return [
        "Recording a breach lets you issue a fixed penalty (s.52) and, if it is not paid, start proceedings."
    ]


def _compliance_label(use: PowerUse) -> str:
    if use.power == Power.CPW:
        return "Record compliance or expiry"
    return "Record compliance, breach or expiry"


def _compliance_possible(use: PowerUse) -> bool:
    return can_become(*rules.COMPLIANCE_OUTCOMES[Power(use.power)])(use)


def _compliance_standing(use: PowerUse) -> list[str]:
    outcomes = rules.COMPLIANCE_OUTCOMES[Power(use.power)]
    return may_become_any(outcomes, "record compliance, breach or expiry")(use)


def _early_interventions(actor: Any, case: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """Proportionality (ASB statutory guidance): the early interventions already recorded on the
    case with the chosen recipient, shown before the warning is issued. None recorded is said,
    not blocked: the Act does not require one."""
    person = selectors.case_party_person(case, answers["recipient"])
    return {
        "proportionality": {
            "person": person,
            "interventions": selectors.early_interventions_with(actor, case, person),
        }
    }


STEPS = [
    PowerStep(
        name="cpw_new",
        route="case/<int:case_pk>/cpw/new/",
        form=forms.CpwForm,
        form_kwargs=lambda case: {"recipients": selectors.case_recipients(case)},
        service=services.cpw_issue,
        subject="case",
        title="Issue a community protection warning",
        section="s.43(5)",
        check_title="Check the warning before you issue it",
        action_label="Issue warning",
        success="Community protection warning {use.reference} issued",
        blocked_title="You cannot issue a warning on this case",
        standing=case_open,
        notes=notes(
            "Before you issue a warning, check what early intervention has been tried with the person. "
            "You will see the early interventions recorded on this case with them on the next page."
        ),
        check_context=_early_interventions,
    ),
    PowerStep(
        name="cpn_new",
        route="<int:pk>/cpn/new/",
        on=(Power.CPW,),
        form=forms.CpnForm,
        form_kwargs=lambda cpw: {"initial": {"requirements": cpw.requirements}},
        service=services.cpn_issue,
        subject="cpw",
        title="Issue a community protection notice",
        section="s.43",
        check_title="Check the notice before you issue it",
        action_label="Issue notice",
        success=(
            "Community protection notice {use.reference} issued. Appeal deadline "
            "{use.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot issue a notice yet",
        standing=_cpn_standing,
        parent_details=True,
    ),
    PowerStep(
        name="compliance",
        route="<int:pk>/compliance/",
        on=(Power.CPW, Power.CPN),
        form=forms.ComplianceForm,
        form_kwargs=lambda use: {"outcomes": rules.COMPLIANCE_OUTCOMES[Power(use.power)]},
        service=services.power_compliance_record,
        subject="power",
        title="Record compliance, breach or expiry of {use.reference}",
        section=lambda use: rules.POWER_SECTIONS[Power(use.power)].split(" ")[0],
        check_title="Check before you record it",
        action_label="Record",
        success="{use.label} {use.reference} recorded as {status}",
        blocked_title="You cannot record this",
        standing=_compliance_standing,
        notes=_compliance_notes,
        offer=Offer(_compliance_label, "record-compliance", _compliance_possible),
    ),
    PowerStep(
        name="cpn_appeal",
        route="<int:pk>/appeal/",
        on=(Power.CPN,),
        form=forms.CpnAppealForm,
        form_kwargs=lambda cpn: {"requirements": selectors.requirement_lines(cpn)},
        service=services.cpn_appeal_lodge,
        subject="cpn",
        title="Record an appeal against {use.reference}",
        section="s.46",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        success="Appeal recorded: requirements other than 'stop doing' ones are suspended on {use.reference}",
        blocked_title="You cannot record an appeal",
        standing=lambda cpn: status_blockers(cpn, Status.APPEALED, doing="record an appeal"),
        notes=lambda cpn: (
            [f"The appeal period ends on {cpn.appeal_deadline:%-d %B %Y}."] if cpn.appeal_deadline else []
        ),
        offer=Offer("Record an appeal", "record-appeal", can_become(Status.APPEALED)),
    ),
    PowerStep(
        name="cpn_appeal_decision",
        route="<int:pk>/appeal/decision/",
        on=(Power.CPN,),
        form=forms.CpnAppealDecisionForm,
        service=services.cpn_appeal_decide,
        subject="cpn",
        title="Record the court's decision on the appeal against {use.reference}",
        section="s.46(4)",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        success="Court decision recorded: {use.reference} is {status}",
        blocked_title="You cannot record a decision",
        standing=lambda cpn: (
            []
            if cpn.status == Status.APPEALED
            else [f"You cannot record a decision: no appeal is pending against {cpn.reference}"]
        ),
        offer=Offer("Record the court's decision", "record-decision", can_become(Status.UPHELD)),
    ),
]
