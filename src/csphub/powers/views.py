"""Tools and powers pages. Forms validate, services decide; a check-answers page comes before
every notice is issued (issuing cannot be undone, only withdrawn)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from csphub.agencies.policies import Action, can
from csphub.audit.services import audit_viewed
from csphub.cases.models import PartyRole
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address
from csphub.powers import forms, rules, selectors, services
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


def _summary(form: Any) -> list[tuple[str, str]]:
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if hasattr(field, "choices") and value not in (None, ""):
            value = {str(k): v for k, v in field.choices}.get(str(value), value)
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        rows.append((str(field.label), "" if value is None else str(value)))
    return rows


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _check_page(request: HttpRequest, form: Any, *, title: str, case: Any, action_label: str) -> HttpResponse:
    return render(
        request,
        "powers/check_answers.html",
        {"form": form, "rows": _summary(form), "title": title, "case": case, "action_label": action_label},
    )


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
    form = forms.CpwForm(request.POST or None, recipients=_recipients(case))
    if request.method == "POST" and form.is_valid():
        if not _confirmed(request):
            return _check_page(
                request,
                form,
                title="Check the warning before you issue it",
                case=case,
                action_label="Issue warning",
            )
        data = form.cleaned_data
        try:
            cpw = services.cpw_issue(
                actor=request.user,
                case=case,
                recipient=_party_person(case, data["recipient"]),
                issuer_capacity=data["issuer_capacity"],
                conduct=data["conduct"],
                requirements=data["requirements"],
                comply_by=data["comply_by"],
                informed_parties=data["informed_parties"],
            )
        except (ApplicationError, PermissionDeniedError) as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Community protection warning {cpw.reference} issued")
            return redirect("powers:detail", cpw.pk)
    return render(
        request,
        "powers/power_form.html",
        {"form": form, "case": case, "title": "Issue a community protection warning", "section": "s.43(5)"},
    )


@login_required
def cpn_new(request: HttpRequest, pk: int) -> HttpResponse:
    cpw = selectors.power_get(request.user, pk, action=Action.CHANGE)
    if cpw.power != Power.CPW:
        raise Http404("A notice follows a warning.")
    # What stands in the way today, before anything is typed (the form may add its own reasons).
    standing = list(
        services.cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=rules.IssuerCapacity.CONSTABLE,
            conduct_persists=True,
            informed_parties="x",
        )
    )
    form = forms.CpnForm(request.POST or None, initial={"requirements": cpw.requirements})
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
    form = forms.ClosureNoticeForm(request.POST or None, premises=premises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _confirmed(request):
            return _check_page(
                request,
                form,
                title="Check the closure notice before you issue it",
                case=case,
                action_label="Issue closure notice",
            )
        try:
            notice = services.closure_notice_issue(
                actor=request.user,
                case=case,
                premises=Address.objects.get(pk=data["premises"]),
                issuer_capacity=data["issuer_capacity"],
                duration_hours=data["duration_hours"],
                senior_signoff=data["senior_signoff"],
                conduct=data["conduct"],
                served_at=data["served_at"],
                residents_informed=data["residents_informed"],
                excludes_residents_or_owner=data["excludes_residents_or_owner"],
                hearing_details=data["hearing_details"],
                informed_parties=data["informed_parties"],
            )
        except (ApplicationError, PermissionDeniedError) as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Closure notice {notice.reference} issued; hearing task created")
            return redirect("powers:detail", notice.pk)
    return render(
        request,
        "powers/power_form.html",
        {
            "form": form,
            "case": case,
            "title": "Issue a closure notice",
            "section": "s.76",
            "no_premises": not premises,
        },
    )


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
        },
    )


@login_required
def power_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    use = selectors.power_get(request.user, pk, action=Action.CHANGE)
    form = forms.WithdrawForm(request.POST or None)
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


def _letter_html(use: PowerUse, *, for_pdf: bool) -> str:
    return render_to_string(
        "powers/letters/letter.html",
        {
            "use": use,
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
