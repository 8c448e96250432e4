"""Civil injunction and criminal behaviour order steps: the application or order, the court's
decision, variation and discharge."""

from __future__ import annotations

from csphub.powers import forms, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Court, Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become_any, notes


def _appealable(use: PowerUse) -> list[str]:
    """Why a s.15 appeal cannot be recorded on this injunction today (empty when it can)."""
    if use.court != Court.YOUTH:
        return ["Only a youth court's decision is appealed to the Crown Court (s.15)"]
    if services.youth_court_decided_on(use) is None:
        return ["Record the youth court's decision first"]
    if services.youth_court_appeal_pending(use):
        return ["An appeal is already pending: record the Crown Court's decision on it first"]
    return []


def _appeal_pending(use: PowerUse) -> list[str]:
    return [] if services.youth_court_appeal_pending(use) else ["No appeal to the Crown Court is pending"]


STEPS = [
    PowerStep(
        name="injunction_new",
        route="case/<int:case_pk>/injunction/new/",
        form=forms.InjunctionForm,
        form_kwargs=lambda case: {"recipients": selectors.case_recipients(case)},
        service=services.injunction_apply,
        subject="case",
        title="Apply for a civil injunction",
        section="s.1",
        check_title="Check the injunction application before you record it",
        action_label="Record application",
        success="Injunction application {use.reference} recorded",
        blocked_title="You cannot apply for an injunction on this case",
        standing=case_open,
        notes=notes(
            "If the respondent is under 18: apply to the youth court, for at most 12 months, and "
            "consult the youth offending team first (s.1(6), (8), s.14)."
        ),
    ),
    PowerStep(
        name="cbo_new",
        route="case/<int:case_pk>/cbo/new/",
        form=forms.CboForm,
        form_kwargs=lambda case: {"recipients": selectors.case_recipients(case)},
        service=services.cbo_grant,
        subject="case",
        title="Record a criminal behaviour order",
        section="Sentencing Act 2020 ss.331 and 334",
        check_title="Check the criminal behaviour order before you record it",
        action_label="Record order",
        success="Criminal behaviour order {use.reference} recorded",
        blocked_title="You cannot record a criminal behaviour order on this case",
        standing=case_open,
        notes=notes(
            "An order is made only on conviction, on the prosecution's application. For an offender "
            "under 18 the youth offending team's views come first, and the order is reviewed every "
            "year while they are under 18: the review tasks are created for you."
        ),
    ),
    PowerStep(
        name="injunction_decision",
        route="<int:pk>/injunction-decision/",
        on=(Power.INJUNCTION,),
        form=forms.InjunctionDecisionForm,
        form_kwargs=lambda injunction: {"initial": {"requirements": injunction.requirements}},
        service=services.injunction_decide,
        subject="injunction",
        title="Record the court's decision on {use.reference}",
        section="s.1",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        success="Injunction {use.reference} {status}",
        blocked_title="You cannot record a decision",
        standing=may_become_any(services.INJUNCTION_OUTCOMES, "record the court's decision"),
        notes=notes(
            "If the respondent is under 18 on the day it is granted, the injunction must have an end "
            "date at most 12 months away (s.1(6))."
        ),
        offer=Offer("Record the court's decision", "record-decision", can_become(Status.GRANTED)),
    ),
    # s.6(2)(a)-(b), s.7: a hearing adjourned, with or without an interim injunction.
    PowerStep(
        name="injunction_adjourned",
        route="<int:pk>/injunction-adjourned/",
        on=(Power.INJUNCTION,),
        form=forms.InjunctionAdjournForm,
        service=services.injunction_adjourn,
        subject="injunction",
        title="Record an adjourned hearing of {use.reference}",
        section="ss.6 and 7",
        check_title="Check the adjourned hearing before you record it",
        action_label="Record adjourned hearing",
        success="Injunction {use.reference}: adjourned hearing recorded",
        blocked_title="You cannot record an adjourned hearing",
        standing=may_become_any((Status.ADJOURNED,), "record an adjourned hearing"),
        notes=notes(
            "At the hearing of a without-notice application the court adjourns it, granting an interim "
            "injunction or not, or dismisses it (record that as refused). An interim injunction lasts "
            "until the final hearing or further order, and one made without notice cannot exclude the "
            "respondent from their home."
        ),
        offer=Offer("Record an adjourned hearing", "record-adjourned", can_become(Status.ADJOURNED)),
    ),
    # s.15: an appeal to the Crown Court against a youth court's decision, and its outcome.
    PowerStep(
        name="injunction_appeal",
        route="<int:pk>/injunction-appeal/",
        on=(Power.INJUNCTION,),
        form=forms.InjunctionAppealForm,
        service=services.injunction_appeal_lodge,
        subject="injunction",
        title="Record an appeal to the Crown Court against the youth court's decision on {use.reference}",
        section="s.15",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        success="Injunction {use.reference}: appeal to the Crown Court recorded",
        blocked_title="You cannot record an appeal to the Crown Court",
        standing=_appealable,
        notes=notes(
            "The youth court's decision stands while the appeal is pending. When the Crown Court has "
            "decided, record its decision here."
        ),
        offer=Offer("Record an appeal to the Crown Court", "record-appeal", lambda use: not _appealable(use)),
    ),
    PowerStep(
        name="injunction_appeal_decision",
        route="<int:pk>/injunction-appeal-decision/",
        on=(Power.INJUNCTION,),
        form=forms.InjunctionAppealDecisionForm,
        service=services.injunction_appeal_decide,
        subject="injunction",
        title="Record the Crown Court's decision on the appeal about {use.reference}",
        section="s.15",
        check_title="Check the Crown Court's decision before you record it",
        action_label="Record decision",
        success="Injunction {use.reference}: the Crown Court's decision recorded",
        blocked_title="You cannot record a decision on an appeal",
        standing=_appeal_pending,
        notes=notes(
            "If the Crown Court allowed the appeal and changed the injunction or discharged it, record "
            "that next as a variation or discharge."
        ),
        offer=Offer(
            "Record the Crown Court's decision",
            "record-appeal-decision",
            lambda use: not _appeal_pending(use),
        ),
    ),
    PowerStep(
        name="injunction_change",
        route="<int:pk>/injunction-change/",
        on=(Power.INJUNCTION,),
        form=forms.InjunctionChangeForm,
        form_kwargs=lambda injunction: {"initial": {"requirements": injunction.requirements}},
        service=services.injunction_change,
        subject="injunction",
        title="Record a variation or discharge of {use.reference}",
        section="s.8",
        check_title="Check the court's decision on the injunction before you record it",
        action_label="Record decision",
        success="{use.label} {use.reference} {status}",
        blocked_title="You cannot record a variation or discharge of this injunction",
        standing=may_become_any(services.ORDER_CHANGES, "vary or discharge the injunction"),
        notes=notes(
            "An injunction granted to someone under 18 cannot be varied to run beyond 12 months "
            "from when it was granted."
        ),
        offer=Offer("Record a variation or discharge", "record-change", can_become(*services.ORDER_CHANGES)),
    ),
    PowerStep(
        name="cbo_change",
        route="<int:pk>/cbo-change/",
        on=(Power.CBO,),
        form=forms.OrderChangeForm,
        form_kwargs=lambda cbo: {"initial": {"requirements": cbo.requirements}},
        service=services.cbo_change,
        subject="cbo",
        title="Record a variation or discharge of {use.reference}",
        section="Sentencing Act 2020 s.336",
        check_title="Check the court's decision on the order before you record it",
        action_label="Record decision",
        success="{use.label} {use.reference} {status}",
        blocked_title="You cannot record a variation or discharge of this order",
        standing=may_become_any(services.ORDER_CHANGES, "vary or discharge the order"),
        notes=notes(
            "A varied order still lasts 1 to 3 years for someone under 18 (the annual review tasks "
            "are adjusted for you), or at least 2 years or indefinitely for an adult."
        ),
        offer=Offer("Record a variation or discharge", "record-change", can_become(*services.ORDER_CHANGES)),
    ),
    # D.3: a court's finding that an injunction (s.9) or a CBO (Sentencing Act 2020 s.339) was breached.
    PowerStep(
        name="order_breach",
        route="<int:pk>/order-breach/",
        on=(Power.INJUNCTION, Power.CBO),
        form=forms.OrderBreachForm,
        service=services.order_breach_record,
        subject="order",
        title="Record a breach of {use.reference}",
        section="s.9 / Sentencing Act 2020 s.339",
        check_title="Check the breach before you record it",
        action_label="Record breach",
        success="{use.label} {use.reference}: breach recorded",
        blocked_title="You cannot record a breach of this order",
        standing=may_become_any((Status.BREACHED,), "record a breach"),
        notes=notes("A breach finding can support possession on the absolute ground (conditions 2 and 3)."),
        offer=Offer("Record a breach", "record-breach", can_become(Status.BREACHED)),
    ),
]
