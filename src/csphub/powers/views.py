"""Tools and powers pages. Forms validate, services decide; a check-answers page comes before
every notice is issued (issuing cannot be undone, only withdrawn)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action, can, role_allows
from csphub.audit.services import audit_listed, audit_viewed
from csphub.cases.models import PartyRole
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address
from csphub.powers import forms, rules, selectors, services
from csphub.powers.forms import CONDITION_CHOICES as CONDITION_LABELS
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status


def _recipients(case: Any) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for party in case.parties.select_related("person").order_by("role", "person_id"):
        label = f"{party.person.display_name} ({party.get_role_display().lower()})"
        if party.role == PartyRole.ALLEGED_PERPETRATOR or party.person_id not in seen:
            seen[party.person_id] = label
    return list(seen.items())


def _premises(case: Any) -> list[tuple[int, str]]:
    ids = {i.address_id for i in case.incidents.all() if i.address_id}
    ids |= set(
        Address.objects.filter(person_links__person__case_parties__case=case).values_list("pk", flat=True)
    )
    return [(a.pk, str(a)) for a in Address.objects.filter(pk__in=ids)]


def _party_person(case: Any, person_pk: int) -> Any:
    party = case.parties.select_related("person").filter(person_id=person_pk).first()
    if party is None:
        raise ApplicationError("Choose who the notice is for", field="recipient")
    return party.person


def _answer(field: Any, value: Any) -> str:
    """One answer as the check-answers page shows it (labels, not codes; dates in words)."""
    if value in (None, "", []):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return "\n".join(_answer(field, v) for v in value)
    if hasattr(field, "choices"):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%-d %B %Y at %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _summary(form: Any) -> list[tuple[str, str]]:
    return [
        (str(field.label), _answer(field, form.cleaned_data.get(name))) for name, field in form.fields.items()
    ]


def _posted(request: HttpRequest) -> Any:
    """POST data to bind a form to (an empty POST still binds, so it shows its errors)."""
    return request.POST if request.method == "POST" else None


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _check_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    case: Any,
    action_label: str,
    parent: PowerUse | None = None,
) -> HttpResponse:
    # The answers travel back as they were posted (multi-valued fields included).
    hidden = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm", "change")
        for value in values
    ]
    # The answers name the recipient (and the parent power's summary its subject).
    audit_viewed(actor=request.user, target=parent or case, justification="power check answers")
    return render(
        request,
        "powers/check_answers.html",
        {
            "form": form,
            "rows": _summary(form),
            "hidden": hidden,
            "title": title,
            "case": case,
            "action_label": action_label,
            "parent": parent,
        },
    )


def _add_errors(form: Any, error: ApplicationError) -> None:
    """A service refusal, one error per reason, on its field when it names one."""
    field = error.field if error.field in form.fields else None
    for reason in error.message.split("; "):
        form.add_error(field, reason)


def _status_blockers(use: PowerUse, to: Status, *, doing: str) -> list[str]:
    """ "You cannot <doing>: the <power> is <status>" when the state machine forbids the step."""
    if rules.can_transition(Power(use.power), Status(use.status), to):
        return []
    return [f"You cannot {doing}: {use.label.lower()} {use.reference} is {use.get_status_display().lower()}"]


def _case_blockers(case: Any) -> list[str]:
    return [] if case.is_open else ["The case is closed: reopen it before using a power"]


def _step(
    request: HttpRequest,
    *,
    form: Any,
    case: Any,
    title: str,
    section: str,
    check_title: str,
    action_label: str,
    perform: Callable[[dict[str, Any]], PowerUse],
    success: Callable[[PowerUse], str],
    blocked_title: str,
    standing: list[str] | None = None,
    parent: PowerUse | None = None,
    notes: list[str] | None = None,
) -> HttpResponse:
    """One question page → check answers → the service, for every power and every step.

    ``standing`` are the reasons the step cannot be taken at all today (shown instead of the
    form); the service is rehearsed before the check-answers page so that a refusal is shown on
    the question page, and it decides again, for real, when the user confirms.
    """
    standing = standing or []
    if request.method == "POST" and not standing and form.is_valid() and "change" not in request.POST:
        if not _confirmed(request):
            refusal = services.rehearse(lambda: perform(form.cleaned_data))
            if refusal is None:
                return _check_page(
                    request, form, title=check_title, case=case, action_label=action_label, parent=parent
                )
            _add_errors(form, refusal)
        else:
            try:
                use = perform(form.cleaned_data)
            except ApplicationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, success(use))
                return redirect("powers:detail", use.pk)
    # The question page lists the case's parties by name (and summarises the parent power).
    audit_viewed(actor=request.user, target=parent or case, justification="power step form")
    return render(
        request,
        "powers/step_form.html",
        {
            "form": form,
            "case": case,
            "title": title,
            "section": section,
            "standing": standing,
            "blocked_title": blocked_title,
            "parent": parent,
            "notes": notes or [],
        },
    )


def _power_of(request: HttpRequest, pk: int, *powers: Power) -> PowerUse:
    use = selectors.power_get(request.user, pk, action=Action.CHANGE)
    if use.power not in powers:
        raise Http404("This step does not apply to that power.")
    return use


@login_required
def power_list(request: HttpRequest) -> HttpResponse:
    """Every power the user may see, soonest statutory date first (the "what is due" view)."""
    if not role_allows(request.user, Action.VIEW):
        raise PermissionDenied
    powers = list(selectors.powers_with_dates(request.user)[:200])
    audit_listed(actor=request.user, targets=powers)
    return render(request, "powers/power_list.html", {"powers": powers})


@login_required
def case_powers(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk)
    powers = list(selectors.powers_for_case(request.user, case))
    audit_viewed(actor=request.user, target=case, justification="tools and powers")
    return render(
        request,
        "powers/case_powers.html",
        {"case": case, "powers": powers, "can_change": can(request.user, Action.CHANGE, case)},
    )


@login_required
def cpw_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.CpwForm(_posted(request), recipients=_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.cpw_issue(
            actor=request.user, case=case, **{**data, "recipient": _party_person(case, data["recipient"])}
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Issue a community protection warning",
        section="s.43(5)",
        check_title="Check the warning before you issue it",
        action_label="Issue warning",
        perform=perform,
        success=lambda cpw: f"Community protection warning {cpw.reference} issued",
        blocked_title="You cannot issue a warning on this case",
        standing=_case_blockers(case),
    )


@login_required
def cpn_new(request: HttpRequest, pk: int) -> HttpResponse:
    cpw = selectors.power_get(request.user, pk, action=Action.CHANGE)
    if cpw.power != Power.CPW:
        raise Http404("A notice follows a warning.")
    if request.method != "POST":  # the form names the warning's recipient
        audit_viewed(actor=request.user, target=cpw.case, justification="tools and powers")
    # What stands in the way today, before anything is typed (the form may add its own reasons).
    standing = list(
        services.cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=rules.IssuerCapacity.CONSTABLE,
            conduct_persists=True,
            informed_parties="x",
        )
    )
    form = forms.CpnForm(_posted(request), initial={"requirements": cpw.requirements})
    if request.method == "POST" and not standing and form.is_valid():
        data = form.cleaned_data
        blockers = services.cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=data["issuer_capacity"],
            conduct_persists=data["conduct_persists"],
            informed_parties=data["informed_parties"],
        )
        if blockers:
            for reason in blockers:
                form.add_error(None, reason)
        elif not _confirmed(request):
            return _check_page(
                request,
                form,
                title="Check the notice before you issue it",
                case=cpw.case,
                action_label="Issue notice",
            )
        else:
            try:
                cpn = services.cpn_issue(
                    actor=request.user,
                    cpw=cpw,
                    issuer_capacity=data["issuer_capacity"],
                    requirements=data["requirements"],
                    conduct_persists=data["conduct_persists"],
                    informed_parties=data["informed_parties"],
                )
            except (ApplicationError, PermissionDeniedError) as error:
                form.add_application_error(error)
            else:
                messages.success(
                    request,
                    f"Community protection notice {cpn.reference} issued. Appeal deadline "
                    f"{cpn.appeal_deadline:%-d %B %Y}",
                )
                return redirect("powers:detail", cpn.pk)
    return render(
        request,
        "powers/cpn_form.html",
        {
            "form": form,
            "cpw": cpw,
            "case": cpw.case,
            "standing": standing,
            "title": "Issue a community protection notice",
        },
    )


@login_required
def closure_notice_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    premises = _premises(case)
    form = forms.ClosureNoticeForm(_posted(request), premises=premises)

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.closure_notice_issue(
            actor=request.user, case=case, **{**data, "premises": Address.objects.get(pk=data["premises"])}
        )

    standing = _case_blockers(case)
    if not premises:
        standing.append(
            "No premises are linked to this case: add an address to an incident on the case first"
        )
    return _step(
        request,
        form=form,
        case=case,
        title="Issue a closure notice",
        section="s.76",
        check_title="Check the closure notice before you issue it",
        action_label="Issue closure notice",
        perform=perform,
        success=lambda n: f"Closure notice {n.reference} issued; hearing task created",
        blocked_title="You cannot issue a closure notice on this case",
        standing=standing,
    )


# --- CPN appeal ---------------------------------------------------------------------------------


@login_required
def cpn_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.CpnAppealForm(_posted(request), requirements=services.requirement_lines(cpn))
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Record an appeal against {cpn.reference}",
        section="s.46",
        check_title="Check the appeal before you record it",
        action_label="Record appeal",
        perform=lambda data: services.cpn_appeal_lodge(actor=request.user, cpn=cpn, **data),
        success=lambda u: (
            f"Appeal recorded: requirements other than 'stop doing' ones are suspended on {u.reference}"
        ),
        blocked_title="You cannot record an appeal",
        standing=_status_blockers(cpn, Status.APPEALED, doing="record an appeal"),
        notes=[f"The appeal period ends on {cpn.appeal_deadline:%-d %B %Y}."] if cpn.appeal_deadline else [],
    )


@login_required
def cpn_appeal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.CpnAppealDecisionForm(_posted(request))
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Record the court's decision on the appeal against {cpn.reference}",
        section="s.46(4)",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        perform=lambda data: services.cpn_appeal_decide(actor=request.user, cpn=cpn, **data),
        success=lambda u: f"Court decision recorded: {u.reference} is {u.get_status_display().lower()}",
        blocked_title="You cannot record a decision",
        standing=(
            []
            if cpn.status == Status.APPEALED
            else [f"You cannot record a decision: no appeal is pending against {cpn.reference}"]
        ),
    )


# --- Fixed penalty ------------------------------------------------------------------------------


@login_required
def fpn_new(request: HttpRequest, pk: int) -> HttpResponse:
    cpn = _power_of(request, pk, Power.CPN)
    form = forms.FpnForm(_posted(request))
    ruleset = rules.rules_in_force(services.today())
    standing = (
        []
        if services.cpn_in_force(cpn)
        else [f"You cannot issue a fixed penalty: {cpn.reference} is {cpn.get_status_display().lower()}"]
    )
    return _step(
        request,
        form=form,
        case=cpn.case,
        parent=cpn,
        title=f"Issue a fixed penalty notice for breach of {cpn.reference}",
        section="s.52",
        check_title="Check the fixed penalty before you issue it",
        action_label="Issue fixed penalty",
        perform=lambda data: services.fpn_issue(actor=request.user, cpn=cpn, **data),
        success=lambda f: (
            f"Fixed penalty {f.reference} issued: no proceedings before "
            f"{dt.date.fromisoformat(f.details['prosecution_earliest']):%-d %B %Y}"
        ),
        blocked_title="You cannot issue a fixed penalty",
        standing=standing,
        notes=[
            f"The most a fixed penalty can be is £{ruleset.fpn_max_gbp}. The recipient has "
            f"{ruleset.fpn_no_prosecution_days} days to pay; no proceedings may start before then."
        ],
    )


@login_required
def fpn_payment(request: HttpRequest, pk: int) -> HttpResponse:
    fpn = _power_of(request, pk, Power.FPN)
    form = forms.FpnPaymentForm(_posted(request))
    return _step(
        request,
        form=form,
        case=fpn.case,
        parent=fpn,
        title=f"Record payment of {fpn.reference}",
        section="s.52",
        check_title="Check the payment before you record it",
        action_label="Record payment",
        perform=lambda data: services.fpn_record_payment(actor=request.user, fpn=fpn, **data),
        success=lambda f: f"Payment of {f.reference} recorded",
        blocked_title="You cannot record a payment",
        standing=_status_blockers(fpn, Status.PAID, doing="record a payment"),
    )


@login_required
def fpn_prosecute(request: HttpRequest, pk: int) -> HttpResponse:
    fpn = _power_of(request, pk, Power.FPN)
    form = forms.ConfirmForm(_posted(request))
    standing = _status_blockers(fpn, Status.PROSECUTED, doing="start proceedings") or [
        f"You cannot start proceedings yet: {reason[0].lower()}{reason[1:]}"
        for reason in services.fpn_prosecution_blockers_for(fpn)
    ]
    return _step(
        request,
        form=form,
        case=fpn.case,
        parent=fpn,
        title=f"Record that proceedings have started for {fpn.reference}",
        section="s.48, s.52(5)",
        check_title="Check before you record the prosecution",
        action_label="Record prosecution",
        perform=lambda data: services.fpn_prosecute(actor=request.user, fpn=fpn),
        success=lambda f: f"Proceedings recorded for {f.reference}",
        blocked_title="You cannot start proceedings yet",
        standing=standing,
    )


# --- Closure order ------------------------------------------------------------------------------


@login_required
def closure_order_new(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _power_of(request, pk, Power.CLOSURE_NOTICE)
    form = forms.ClosureOrderForm(_posted(request))
    return _step(
        request,
        form=form,
        case=notice.case,
        parent=notice,
        title=f"Record the closure order made after {notice.reference}",
        section="s.80",
        check_title="Check the closure order before you record it",
        action_label="Record closure order",
        perform=lambda data: services.closure_order_grant(actor=request.user, notice=notice, **data),
        success=lambda o: f"Closure order {o.reference} recorded; a task reminds you before it ends",
        blocked_title="You cannot record a closure order",
        standing=_status_blockers(notice, Status.ESCALATED, doing="record a closure order"),
    )


@login_required
def closure_order_extend(request: HttpRequest, pk: int) -> HttpResponse:
    order = _power_of(request, pk, Power.CLOSURE_ORDER)
    form = forms.ClosureOrderExtendForm(_posted(request))
    notes = []
    if "first_made_on" in order.details:
        first = dt.date.fromisoformat(order.details["first_made_on"])
        latest = rules.closure_order_latest_end(first, rules=rules.rule_set(order.rule_version))
        notes.append(
            f"The order was first made on {first:%-d %B %Y} and currently ends on "
            f"{dt.date.fromisoformat(order.details['ends_on']):%-d %B %Y}. With extensions it can "
            f"never end later than {latest:%-d %B %Y} (6 months in total)."
        )
    return _step(
        request,
        form=form,
        case=order.case,
        parent=order,
        title=f"Extend closure order {order.reference}",
        section="s.82",
        check_title="Check the extension before you record it",
        action_label="Record extension",
        perform=lambda data: services.closure_order_extend(actor=request.user, order=order, **data),
        success=lambda o: f"Closure order {o.reference} extended to {o.details['ends_on']}",
        blocked_title="You cannot extend this order",
        standing=_status_blockers(order, Status.EXTENDED, doing="extend the order"),
        notes=notes,
    )


# --- Civil injunction and CBO -----------------------------------------------------------------


@login_required
def injunction_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.InjunctionForm(_posted(request), recipients=_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.injunction_apply(
            actor=request.user, case=case, **{**data, "recipient": _party_person(case, data["recipient"])}
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Apply for a civil injunction",
        section="s.1",
        check_title="Check the injunction application before you record it",
        action_label="Record application",
        perform=perform,
        success=lambda u: f"Injunction application {u.reference} recorded",
        blocked_title="You cannot apply for an injunction on this case",
        standing=_case_blockers(case),
        notes=[
            "If the respondent is under 18: apply to the youth court, for at most 12 months, and "
            "consult the youth offending team first (s.1(6), (8), s.14)."
        ],
    )


@login_required
def cbo_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.CboForm(_posted(request), recipients=_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.cbo_grant(
            actor=request.user, case=case, **{**data, "recipient": _party_person(case, data["recipient"])}
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Record a criminal behaviour order",
        section="s.22 / Sentencing Act 2020 s.330",
        check_title="Check the criminal behaviour order before you record it",
        action_label="Record order",
        perform=perform,
        success=lambda u: f"Criminal behaviour order {u.reference} recorded",
        blocked_title="You cannot record a criminal behaviour order on this case",
        standing=_case_blockers(case),
        notes=[
            "An order is made only on conviction, on the prosecution's application. For an offender "
            "under 18 the youth offending team's views come first, and the order is reviewed every "
            "year while they are under 18: the review tasks are created for you."
        ],
    )


# --- Dispersal ----------------------------------------------------------------------------------


@login_required
def dispersal_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.DispersalAuthorisationForm(_posted(request))
    return _step(
        request,
        form=form,
        case=case,
        title="Authorise the use of dispersal powers",
        section="s.34",
        check_title="Check the authorisation before you record it",
        action_label="Record authorisation",
        perform=lambda data: services.dispersal_authorise(actor=request.user, case=case, **data),
        success=lambda u: f"Dispersal authorisation {u.reference} recorded",
        blocked_title="You cannot authorise dispersal on this case",
        standing=_case_blockers(case),
        notes=["Only an inspector or above may authorise, in writing and signed, for at most 48 hours."],
    )


@login_required
def dispersal_direction_new(request: HttpRequest, pk: int) -> HttpResponse:
    authorisation = _power_of(request, pk, Power.DISPERSAL_AUTHORISATION)
    case = authorisation.case
    form = forms.DispersalDirectionForm(_posted(request), recipients=_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.dispersal_direction_give(
            actor=request.user,
            authorisation=authorisation,
            **{**data, "recipient": _party_person(case, data["recipient"])},
        )

    standing = (
        []
        if authorisation.status == Status.AUTHORISED
        else [
            f"You cannot give a direction under {authorisation.reference}: it is "
            f"{authorisation.get_status_display().lower()}"
        ]
    )
    return _step(
        request,
        form=form,
        case=case,
        parent=authorisation,
        title=f"Record a dispersal direction under {authorisation.reference}",
        section="s.35",
        check_title="Check the direction before you record it",
        action_label="Record direction",
        perform=perform,
        success=lambda u: f"Dispersal direction {u.reference} recorded",
        blocked_title="You cannot give a direction",
        standing=standing,
        notes=["The person must be 10 or over; the exclusion lasts at most 48 hours."],
    )


# --- PSPO and absolute ground -------------------------------------------------------------------


@login_required
def pspo_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.PspoForm(_posted(request))
    return _step(
        request,
        form=form,
        case=case,
        title="Make a public spaces protection order",
        section="s.59",
        check_title="Check the order before you make it",
        action_label="Make order",
        perform=lambda data: services.pspo_make(actor=request.user, case=case, **data),
        success=lambda u: (
            f"PSPO {u.reference} made: High Court challenges until {u.appeal_deadline:%-d %B %Y}; "
            "a review task is set before it expires"
        ),
        blocked_title="You cannot make an order on this case",
        standing=_case_blockers(case),
        notes=["At most 3 years. Consult and publicise first (s.72)."],
    )


@login_required
def absolute_ground_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.AbsoluteGroundForm(_posted(request), recipients=_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.absolute_ground_notice_serve(
            actor=request.user, case=case, **{**data, "recipient": _party_person(case, data["recipient"])}
        )

    return _step(
        request,
        form=form,
        case=case,
        title="Serve notice of possession on the absolute ground",
        section="s.84A Housing Act 1985",
        check_title="Check the notice before you record it",
        action_label="Record notice",
        perform=perform,
        success=lambda u: (
            f"Notice {u.reference} recorded: review requests accepted until {u.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot serve notice on this case",
        standing=_case_blockers(case),
        notes=["The tenant may ask for a review within 7 days of service; that period cannot be extended."],
    )


@login_required
def absolute_ground_review(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _power_of(request, pk, Power.ABSOLUTE_GROUND)
    form = forms.AbsoluteGroundReviewForm(_posted(request))
    return _step(
        request,
        form=form,
        case=notice.case,
        parent=notice,
        title=f"Record the tenant's review request on {notice.reference}",
        section="s.85ZA Housing Act 1985",
        check_title="Check the review request before you record it",
        action_label="Record review request",
        perform=lambda data: services.absolute_ground_review_request(
            actor=request.user, notice=notice, **data
        ),
        success=lambda u: f"Review request on {u.reference} recorded",
        blocked_title="You cannot record a review request",
        standing=_status_blockers(notice, Status.REVIEW_REQUESTED, doing="record a review request"),
        notes=(
            [f"Requests are accepted until {notice.appeal_deadline:%-d %B %Y}; there is no power to extend."]
            if notice.appeal_deadline
            else []
        ),
    )


# --- Later lifecycle steps ----------------------------------------------------------------------


def _any_status_blockers(use: PowerUse, tos: tuple[Status, ...], *, doing: str) -> list[str]:
    """Like ``_status_blockers`` for a step that may end in any of several statuses."""
    if any(rules.can_transition(Power(use.power), Status(use.status), to) for to in tos):
        return []
    return [f"You cannot {doing}: {use.label.lower()} {use.reference} is {use.get_status_display().lower()}"]


@login_required
def injunction_decision(request: HttpRequest, pk: int) -> HttpResponse:
    injunction = _power_of(request, pk, Power.INJUNCTION)
    form = forms.InjunctionDecisionForm(_posted(request), initial={"requirements": injunction.requirements})
    return _step(
        request,
        form=form,
        case=injunction.case,
        parent=injunction,
        title=f"Record the court's decision on {injunction.reference}",
        section="s.1",
        check_title="Check the court's decision before you record it",
        action_label="Record decision",
        perform=lambda data: services.injunction_decide(actor=request.user, injunction=injunction, **data),
        success=lambda u: f"Injunction {u.reference} {u.get_status_display().lower()}",
        blocked_title="You cannot record a decision",
        standing=_any_status_blockers(
            injunction, services.INJUNCTION_OUTCOMES, doing="record the court's decision"
        ),
        notes=[
            "If the respondent is under 18 on the day it is granted, the injunction must have an end "
            "date at most 12 months away (s.1(6))."
        ],
    )


def _order_change(request: HttpRequest, use: PowerUse, *, section: str) -> HttpResponse:
    form = forms.OrderChangeForm(_posted(request), initial={"requirements": use.requirements})
    noun = "injunction" if use.power == Power.INJUNCTION else "order"

    def perform(data: dict[str, Any]) -> PowerUse:
        if use.power == Power.INJUNCTION:
            return services.injunction_change(actor=request.user, injunction=use, **data)
        return services.cbo_change(actor=request.user, cbo=use, **data)

    notes = (
        [
            "An injunction granted to someone under 18 cannot be varied to run beyond 12 months "
            "from when it was granted."
        ]
        if use.power == Power.INJUNCTION
        else [
            "A varied order still lasts 1 to 3 years for someone under 18 (the annual review tasks "
            "are adjusted for you), or at least 2 years or indefinitely for an adult."
        ]
    )
    return _step(
        request,
        form=form,
        case=use.case,
        parent=use,
        title=f"Record a variation or discharge of {use.reference}",
        section=section,
        check_title=f"Check the court's decision on the {noun} before you record it",
        action_label="Record decision",
        perform=perform,
        success=lambda u: f"{u.label} {u.reference} {u.get_status_display().lower()}",
        blocked_title=f"You cannot record a variation or discharge of this {noun}",
        standing=_any_status_blockers(use, services.ORDER_CHANGES, doing=f"vary or discharge the {noun}"),
        notes=notes,
    )


@login_required
def injunction_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_change(request, _power_of(request, pk, Power.INJUNCTION), section="s.8")


@login_required
def cbo_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _order_change(request, _power_of(request, pk, Power.CBO), section="Sentencing Act 2020 s.340")


@login_required
def dispersal_direction_vary(request: HttpRequest, pk: int) -> HttpResponse:
    direction = _power_of(request, pk, Power.DISPERSAL_DIRECTION)
    form = forms.DispersalVariationForm(_posted(request))
    notes = []
    if direction.issued_at is not None:
        latest = direction.issued_at + dt.timedelta(
            hours=rules.rule_set(direction.rule_version).dispersal_max_hours
        )
        notes.append(
            f"The direction was given {timezone.localtime(direction.issued_at):%-d %B %Y at %H:%M}: "
            f"a variation can never extend the exclusion beyond {timezone.localtime(latest):%-d %B %Y at %H:%M}."
        )
    return _step(
        request,
        form=form,
        case=direction.case,
        parent=direction,
        title=f"Vary dispersal direction {direction.reference}",
        section="s.35(8)",
        check_title="Check the variation before you record it",
        action_label="Record variation",
        perform=lambda data: services.dispersal_direction_vary(
            actor=request.user, direction=direction, **data
        ),
        success=lambda u: f"Dispersal direction {u.reference} varied",
        blocked_title="You cannot vary this direction",
        standing=_status_blockers(direction, Status.VARIED, doing="vary the direction"),
        notes=notes,
    )


@login_required
def pspo_extend(request: HttpRequest, pk: int) -> HttpResponse:
    pspo = _power_of(request, pk, Power.PSPO)
    form = forms.PspoExtendForm(_posted(request))
    expires = pspo.details.get("expires_on")
    return _step(
        request,
        form=form,
        case=pspo.case,
        parent=pspo,
        title=f"Extend PSPO {pspo.reference}",
        section="s.60",
        check_title="Check the extension before you record it",
        action_label="Extend order",
        perform=lambda data: services.pspo_extend(actor=request.user, pspo=pspo, **data),
        success=lambda u: (
            f"PSPO {u.reference} extended: High Court challenges until {u.appeal_deadline:%-d %B %Y}; "
            "a review task is set before the new expiry"
        ),
        blocked_title="You cannot extend this order",
        standing=_status_blockers(pspo, Status.EXTENDED, doing="extend the order"),
        notes=[
            (f"The order expires on {dt.date.fromisoformat(expires):%-d %B %Y}. " if expires else "")
            + "Extend it before then, for at most 3 years, after consulting and publicising (s.60, s.72)."
        ],
    )


@login_required
def pspo_vary(request: HttpRequest, pk: int) -> HttpResponse:
    pspo = _power_of(request, pk, Power.PSPO)
    form = forms.PspoVaryForm(
        _posted(request), initial={"locality": pspo.locality, "requirements": pspo.requirements}
    )
    return _step(
        request,
        form=form,
        case=pspo.case,
        parent=pspo,
        title=f"Vary PSPO {pspo.reference}",
        section="s.61",
        check_title="Check the variation before you record it",
        action_label="Vary order",
        perform=lambda data: services.pspo_vary(actor=request.user, pspo=pspo, **data),
        success=lambda u: (
            f"PSPO {u.reference} varied: High Court challenges until {u.appeal_deadline:%-d %B %Y}"
        ),
        blocked_title="You cannot vary this order",
        standing=_status_blockers(pspo, Status.VARIED, doing="vary the order"),
        notes=[
            "Consult and publicise first (s.72). A new six-week challenge window runs from the variation."
        ],
    )


@login_required
def closure_order_discharge(request: HttpRequest, pk: int) -> HttpResponse:
    order = _power_of(request, pk, Power.CLOSURE_ORDER)
    form = forms.ClosureOrderDischargeForm(_posted(request))
    return _step(
        request,
        form=form,
        case=order.case,
        parent=order,
        title=f"Record the discharge of closure order {order.reference}",
        section="s.83",
        check_title="Check the discharge before you record it",
        action_label="Record discharge",
        perform=lambda data: services.closure_order_discharge(actor=request.user, order=order, **data),
        success=lambda u: f"Closure order {u.reference} discharged",
        blocked_title="You cannot record a discharge",
        standing=_status_blockers(order, Status.DISCHARGED, doing="record a discharge"),
    )


@login_required
def compliance(request: HttpRequest, pk: int) -> HttpResponse:
    use = _power_of(request, pk, Power.CPW, Power.CPN)
    outcomes = rules.COMPLIANCE_OUTCOMES[Power(use.power)]
    form = forms.ComplianceForm(_posted(request), outcomes=outcomes)
    notes = (
        [
            "A warning that is not complied with leads to a community protection notice: issue one from the warning."
        ]
        if use.power == Power.CPW
        else [
            "Recording a breach lets you issue a fixed penalty (s.52) and, if it is not paid, start proceedings."
        ]
    )
    return _step(
        request,
        form=form,
        case=use.case,
        parent=use,
        title=f"Record compliance, breach or expiry of {use.reference}",
        section=rules.POWER_SECTIONS[Power(use.power)].split(" ")[0],
        check_title="Check before you record it",
        action_label="Record",
        perform=lambda data: services.power_compliance_record(actor=request.user, power=use, **data),
        success=lambda u: f"{u.label} {u.reference} recorded as {u.get_status_display().lower()}",
        blocked_title="You cannot record this",
        standing=_any_status_blockers(use, outcomes, doing="record compliance, breach or expiry"),
        notes=notes,
    )


# What can follow each power, offered on its page when the state machine allows the step.
NEXT_STEPS: dict[Power, list[tuple[Status, str, str, str]]] = {
    Power.CPW: [
        (Status.COMPLIED, "Record compliance or expiry", "powers:compliance", "record-compliance"),
    ],
    Power.CPN: [
        (Status.COMPLIED, "Record compliance, breach or expiry", "powers:compliance", "record-compliance"),
        (Status.APPEALED, "Record an appeal", "powers:cpn_appeal", "record-appeal"),
        (Status.UPHELD, "Record the court's decision", "powers:cpn_appeal_decision", "record-decision"),
        (Status.BREACHED, "Issue a fixed penalty", "powers:fpn_new", "issue-fpn"),
    ],
    Power.FPN: [
        (Status.PAID, "Record payment", "powers:fpn_payment", "record-payment"),
        (Status.PROSECUTED, "Record proceedings", "powers:fpn_prosecute", "record-prosecution"),
    ],
    Power.CLOSURE_NOTICE: [
        (Status.ESCALATED, "Record the closure order", "powers:closure_order_new", "record-closure-order")
    ],
    Power.CLOSURE_ORDER: [
        (Status.EXTENDED, "Extend the order", "powers:closure_order_extend", "extend-order"),
        (Status.DISCHARGED, "Record a discharge", "powers:closure_order_discharge", "record-discharge"),
    ],
    Power.DISPERSAL_AUTHORISATION: [
        (Status.WITHDRAWN, "Record a direction", "powers:dispersal_direction_new", "record-direction")
    ],
    Power.DISPERSAL_DIRECTION: [
        (Status.VARIED, "Vary the direction", "powers:dispersal_direction_vary", "vary-direction")
    ],
    Power.INJUNCTION: [
        (Status.GRANTED, "Record the court's decision", "powers:injunction_decision", "record-decision"),
        (Status.VARIED, "Record a variation or discharge", "powers:injunction_change", "record-change"),
    ],
    Power.CBO: [
        (Status.VARIED, "Record a variation or discharge", "powers:cbo_change", "record-change"),
    ],
    Power.PSPO: [
        (Status.EXTENDED, "Extend the order", "powers:pspo_extend", "extend-order"),
        (Status.VARIED, "Vary the order", "powers:pspo_vary", "vary-order"),
    ],
    Power.ABSOLUTE_GROUND: [
        (Status.REVIEW_REQUESTED, "Record a review request", "powers:absolute_ground_review", "record-review")
    ],
}


def _next_steps(use: PowerUse) -> list[tuple[str, str, str]]:
    power, status = Power(use.power), Status(use.status)
    steps = []
    for to, label, url_name, testid in NEXT_STEPS.get(power, []):
        allowed = rules.can_transition(power, status, to)
        if url_name == "powers:fpn_new":
            allowed = services.cpn_in_force(use)
        elif url_name == "powers:dispersal_direction_new":
            allowed = status == Status.AUTHORISED
        elif url_name in ("powers:injunction_change", "powers:cbo_change"):
            allowed = any(rules.can_transition(power, status, t) for t in services.ORDER_CHANGES)
        elif url_name == "powers:compliance":
            allowed = any(rules.can_transition(power, status, t) for t in rules.COMPLIANCE_OUTCOMES[power])
        if allowed:
            steps.append((label, reverse(url_name, args=[use.pk]), testid))
    return steps


@login_required
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk)
    audit_viewed(actor=request.user, target=use)
    can_change = can(request.user, Action.CHANGE, use.case)
    return render(
        request,
        "powers/power_detail.html",
        {
            "use": use,
            "case": use.case,
            "events": list(use.events.all()),
            "children": list(use.children.all()),
            "can_change": can_change,
            "can_escalate": can_change and use.power == Power.CPW and use.status == Status.ISSUED,
            "can_withdraw": can_change
            and rules.can_transition(Power(use.power), Status(use.status), Status.WITHDRAWN),
            "section": rules.POWER_SECTIONS[Power(use.power)],
            "capacity": rules.ISSUER_LABELS[rules.IssuerCapacity(use.issuer_capacity)],
            "next_steps": _next_steps(use) if can_change and use.case.is_open else [],
            "requirements_in_effect": (
                services.cpn_requirements_in_effect(use) if use.power == Power.CPN else []
            ),
            "appeal_pending": use.status == Status.APPEALED,
            "court": COURT_NAMES.get(use.court, ""),
        },
    )


@login_required
def power_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk, action=Action.CHANGE)
    form = forms.WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.power_withdraw(actor=request.user, power=use, reason=form.cleaned_data["reason"])
        except (ApplicationError, PermissionDeniedError) as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{use.label} {use.reference} withdrawn")
            return redirect("powers:detail", use.pk)
    return render(
        request,
        "powers/power_form.html",
        {
            "form": form,
            "case": use.case,
            "title": f"Withdraw {use.label.lower()} {use.reference}",
            "section": "",
        },
    )


COURT_NAMES = {
    rules.Court.YOUTH.value: "youth court",
    rules.Court.COUNTY.value: "county court",
    rules.Court.HIGH.value: "High Court",
    rules.Court.MAGISTRATES.value: "magistrates' court",
    rules.Court.CROWN.value: "Crown Court",
}


def _detail_date(use: PowerUse, key: str) -> dt.date | None:
    value = use.details.get(key)
    return dt.date.fromisoformat(value) if value else None


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
    }


def _letter_html(use: PowerUse, *, for_pdf: bool) -> str:
    """The power's own letter or notice (``powers/letters/<power>.html``), for screen or PDF."""
    labels = dict(CONDITION_LABELS)
    return render_to_string(
        f"powers/letters/{use.power}.html",
        {
            "use": use,
            "requirement_lines": services.requirement_lines(use),
            "requirements_in_effect": services.cpn_requirements_in_effect(use)
            if use.power == Power.CPN
            else [],
            "condition": labels.get(use.details.get("condition", ""), ""),
            "disposal": dict(forms.DISPOSAL_CHOICES).get(use.details.get("disposal", ""), ""),
            "court": COURT_NAMES.get(use.court, use.court.replace("_", " ")),
            "consultation": [
                rules.PSPO_CONSULTEE_LABELS.get(k, k) for k in use.details.get("consultation_done", [])
            ],
            "exclusions": rules.S36_EXCLUSIONS,
            "dates": {
                key: _detail_date(use, key)
                for key in (
                    "pay_by",
                    "prosecution_earliest",
                    "paid_on",
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
            "section": rules.POWER_SECTIONS[Power(use.power)],
            "capacity": rules.ISSUER_LABELS[rules.IssuerCapacity(use.issuer_capacity)],
            "ruleset": rules.rule_set(use.rule_version),
            "for_pdf": for_pdf,
            "today": services.today(),
        },
    )


@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk)
    services.power_letter_issued(actor=request.user, power=use, fmt="html")
    return HttpResponse(_letter_html(use, for_pdf=False))


@login_required
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import CSS, HTML

    use = selectors.power_get(request.user, pk)
    css_path = finders.find("powers/letter.css")
    stylesheets = [CSS(filename=str(css_path))] if css_path else []
    pdf = HTML(string=_letter_html(use, for_pdf=True)).write_pdf(stylesheets=stylesheets)
    services.power_letter_issued(actor=request.user, power=use, fmt="pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{use.reference}.pdf"'
    return response
