"""ASB Case Review pages.

Public (no sign-in): the application journey, the status check and the statutory publication.
Staff (signed in, Case Review role): dashboard, intake, threshold, review, letters, appeal, prompts.
Views read like a receipt: the form validates, the service decides.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.models import Agency
from csphub.agencies.policies import Action, Capability, can, has_capability
from csphub.audit.services import audit_listed, audit_viewed
from csphub.casereviews import forms, rules, selectors, services
from csphub.casereviews.models import Application, ApplicationChannel, LetterKind
from csphub.core.errors import ApplicationError

SESSION_KEY = "casereviews_apply"
RETRY_MESSAGE = "We could not send your application. Check your answers and press 'Send application' again."
DONE_KEY = "casereviews_done"


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded header is trivially forged unless a trusted proxy sets it.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


# ---------------------------------------------------------------------------------------------------
# Public: start page and application journey
# ---------------------------------------------------------------------------------------------------


def _journey(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION_KEY, {}))


def _save_journey(request: HttpRequest, data: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = data


def _serialisable(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in cleaned.items()}


def _area_for_journey(data: dict[str, Any]) -> Any:
    areas = list(selectors.area_list_public())
    if not areas:
        return None
    if len(areas) == 1:
        return areas[0]
    return next((a for a in areas if a.slug == data.get("area")), None)


def start(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_public())
    return render(request, "casereviews/public/start.html", {"areas": areas})


@require_http_methods(["GET", "POST"])
def apply_who(request: HttpRequest) -> HttpResponse:
    data = _journey(request)
    areas = list(selectors.area_list_public())
    if not areas:
        return render(request, "casereviews/public/no_areas.html", status=503)
    form = forms.WhoForm(request.POST or None, initial={"who": data.get("who")})
    area_choices = [(a.slug, a.name) for a in areas]
    if request.method == "POST" and form.is_valid():
        area_slug = request.POST.get("area") if len(areas) > 1 else areas[0].slug
        if area_slug not in {slug for slug, _ in area_choices}:
            form.add_error(None, "Select the area where the behaviour happens")
        else:
            data.update(who=form.cleaned_data["who"], area=area_slug)
            _save_journey(request, data)
            if data["who"] == "anonymous":
                return redirect("casereviews:apply_anonymous")
            if data["who"] == "behalf":
                return redirect("casereviews:apply_victim")
            for key in (
                "victim_name",
                "relationship_to_victim",
                "victim_consent_given",
                "victim_consent_how",
            ):
                data.pop(key, None)
            _save_journey(request, data)
            return redirect("casereviews:apply_about_you")
    return render(
        request,
        "casereviews/public/question.html",
        {
            "form": form,
            "heading": "Apply for an ASB Case Review",
            "area_choices": area_choices if len(areas) > 1 else [],
            "selected_area": data.get("area"),
            "back": reverse("casereviews:start"),
        },
    )


def apply_anonymous(request: HttpRequest) -> HttpResponse:
    return render(request, "casereviews/public/anonymous.html", {"areas": list(selectors.area_list_public())})


@require_http_methods(["GET", "POST"])
def apply_victim(request: HttpRequest) -> HttpResponse:
    data = _journey(request)
    if data.get("who") != "behalf":
        return redirect("casereviews:apply_who")
    form = forms.VictimForm(request.POST or None, initial=data)
    if request.method == "POST" and form.is_valid():
        data.update(_serialisable(form.cleaned_data))
        _save_journey(request, data)
        return redirect("casereviews:apply_about_you")
    return render(
        request,
        "casereviews/public/question.html",
        {
            "form": form,
            "heading": "The person you are applying for",
            "back": reverse("casereviews:apply_who"),
        },
    )


@require_http_methods(["GET", "POST"])
def apply_about_you(request: HttpRequest) -> HttpResponse:
    data = _journey(request)
    if data.get("who") not in ("self", "behalf"):
        return redirect("casereviews:apply_who")
    form = forms.AboutYouForm(request.POST or None, initial=data)
    if request.method == "POST" and form.is_valid():
        data.update(_serialisable(form.cleaned_data))
        _save_journey(request, data)
        return redirect("casereviews:apply_behaviour")
    back = reverse("casereviews:apply_victim" if data.get("who") == "behalf" else "casereviews:apply_who")
    return render(
        request, "casereviews/public/question.html", {"form": form, "heading": "About you", "back": back}
    )


@require_http_methods(["GET", "POST"])
def apply_behaviour(request: HttpRequest) -> HttpResponse:
    data = _journey(request)
    if not data.get("applicant_name"):
        return redirect("casereviews:apply_about_you")
    form = forms.BehaviourForm(request.POST or None, initial=data)
    if request.method == "POST" and form.is_valid():
        data.update(_serialisable(form.cleaned_data))
        _save_journey(request, data)
        return redirect("casereviews:apply_check")
    return render(
        request,
        "casereviews/public/question.html",
        {
            "form": form,
            "heading": "The anti-social behaviour",
            "back": reverse("casereviews:apply_about_you"),
        },
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@require_http_methods(["GET", "POST"])
def apply_check(request: HttpRequest) -> HttpResponse:
    data = _journey(request)
    if not data.get("behaviour_description"):
        return redirect("casereviews:apply_behaviour")
    area = _area_for_journey(data)
    if area is None:
        return redirect("casereviews:apply_who")
    form = forms.SubmitForm(request.POST or None, initial={"form_token": services.form_token_issue()})
    status = 200
    if request.method == "POST" and form.is_valid():
        problem = services.form_token_problem(
            form.cleaned_data["form_token"], honeypot=form.cleaned_data["website"]
        )
        if problem is not None:
            form = _fresh_submit_form(RETRY_MESSAGE)
        elif not services.submission_allowed(_client_ip(request)):
            return render(request, "casereviews/public/too_many.html", {"area": area}, status=429)
        else:
            try:
                application = services.application_submit(
                    actor=None,
                    area=area,
                    channel=ApplicationChannel.ONLINE,
                    received_on=timezone.localdate(),
                    applicant_name=data.get("applicant_name", ""),
                    contact_preference=data.get("contact_preference", ""),
                    applicant_email=data.get("applicant_email", ""),
                    applicant_phone=data.get("applicant_phone", ""),
                    applicant_address=data.get("applicant_address", ""),
                    support_needs=data.get("support_needs", ""),
                    is_third_party=data.get("who") == "behalf",
                    victim_name=data.get("victim_name", ""),
                    relationship_to_victim=data.get("relationship_to_victim", ""),
                    victim_consent_given=bool(data.get("victim_consent_given")),
                    victim_consent_how=data.get("victim_consent_how", ""),
                    behaviour_description=data.get("behaviour_description", ""),
                    behaviour_location=data.get("behaviour_location", ""),
                    behaviour_first_on=_date(data.get("behaviour_first_on")),
                    behaviour_last_on=_date(data.get("behaviour_last_on")),
                    reports_described=data.get("reports_described", ""),
                )
            except ApplicationError as error:
                form = _fresh_submit_form(error.message)
                status = 400
            else:
                request.session.pop(SESSION_KEY, None)
                request.session[DONE_KEY] = application.reference
                return redirect("casereviews:apply_done")
    elif request.method == "POST":
        form = _fresh_submit_form(RETRY_MESSAGE)
    rows = _answer_rows(data, area)
    return render(
        request, "casereviews/public/check.html", {"form": form, "rows": rows, "area": area}, status=status
    )


def _fresh_submit_form(message: str) -> forms.SubmitForm:
    """A new token, carrying ``message`` as a form error (the page title then starts "Error: ")."""
    form = forms.SubmitForm(data={"form_token": services.form_token_issue(), "website": ""})
    form.is_valid()
    form.add_error(None, message)
    return form


def _answer_rows(data: dict[str, Any], area: Any) -> list[tuple[str, str, str]]:
    def fmt_date(value: Any) -> str:
        day = _date(value)
        return f"{day.day} {day:%B %Y}" if day else ""

    who = dict(forms.WhoForm.base_fields["who"].choices).get(data.get("who", ""), "")  # type: ignore[attr-defined]
    rows = [
        ("Area", area.name, "casereviews:apply_who"),
        ("Who is applying", str(who), "casereviews:apply_who"),
    ]
    if data.get("who") == "behalf":
        rows += [
            ("Person affected", data.get("victim_name", ""), "casereviews:apply_victim"),
            ("Your relationship to them", data.get("relationship_to_victim", ""), "casereviews:apply_victim"),
            (
                "Their consent",
                "They have agreed"
                + (f" ({data['victim_consent_how']})" if data.get("victim_consent_how") else ""),
                "casereviews:apply_victim",
            ),
        ]
    rows += [
        ("Your name", data.get("applicant_name", ""), "casereviews:apply_about_you"),
        (
            "Contact by",
            dict(forms.ContactPreference.choices).get(data.get("contact_preference", ""), ""),
            "casereviews:apply_about_you",
        ),
        ("E-mail", data.get("applicant_email", ""), "casereviews:apply_about_you"),
        ("Phone", data.get("applicant_phone", ""), "casereviews:apply_about_you"),
        ("Address", data.get("applicant_address", ""), "casereviews:apply_about_you"),
        ("Help or adjustments", data.get("support_needs", ""), "casereviews:apply_about_you"),
        ("What is happening", data.get("behaviour_description", ""), "casereviews:apply_behaviour"),
        ("Where", data.get("behaviour_location", ""), "casereviews:apply_behaviour"),
        ("Started", fmt_date(data.get("behaviour_first_on")), "casereviews:apply_behaviour"),
        ("Last happened", fmt_date(data.get("behaviour_last_on")), "casereviews:apply_behaviour"),
        ("Reported to", data.get("reports_described", ""), "casereviews:apply_behaviour"),
    ]
    return rows


def apply_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_KEY)
    if not reference:
        return redirect("casereviews:start")
    application = Application.objects.select_related("area", "spoc").filter(reference=reference).first()
    if application is None:
        return redirect("casereviews:start")
    return render(request, "casereviews/public/done.html", {"application": application})


# ---------------------------------------------------------------------------------------------------
# Public: status check
# ---------------------------------------------------------------------------------------------------

CODE_SENT_MESSAGE = (
    "If the reference and e-mail address match an application, we have sent a 6-digit code to that "
    "e-mail address. It works for 30 minutes."
)


@require_http_methods(["GET", "POST"])
def status_request(request: HttpRequest) -> HttpResponse:
    form = forms.StatusRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not services.status_check_allowed(_client_ip(request)):
            return render(request, "casereviews/public/too_many.html", {}, status=429)
        services.status_code_request(
            reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
        )
        # The same answer whether or not the reference exists.
        request.session["casereviews_status_ref"] = form.cleaned_data["reference"].strip().upper()
        messages.info(request, CODE_SENT_MESSAGE)
        return redirect("casereviews:status_code")
    return render(request, "casereviews/public/status_request.html", {"form": form})


@require_http_methods(["GET", "POST"])
def status_code(request: HttpRequest) -> HttpResponse:
    form = forms.StatusCodeForm(
        request.POST or None, initial={"reference": request.session.get("casereviews_status_ref", "")}
    )
    if request.method == "POST" and form.is_valid():
        if not services.status_check_allowed(_client_ip(request)):
            return render(request, "casereviews/public/too_many.html", {}, status=429)
        application = services.status_code_check(
            reference=form.cleaned_data["reference"], code=form.cleaned_data["code"]
        )
        if application is not None:
            return render(request, "casereviews/public/status.html", {"application": application})
        form.add_error(
            "code", "The reference or code is not right, or the code has expired. Ask for a new code."
        )
    return render(request, "casereviews/public/status_code.html", {"form": form})


# ---------------------------------------------------------------------------------------------------
# Public: statutory publication
# ---------------------------------------------------------------------------------------------------


def publication_index(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_public())
    if request.GET.get("area") and request.GET.get("year"):
        return redirect("casereviews:publication", area=request.GET["area"], year=request.GET["year"])
    listing = [(area, selectors.publication_years(area)) for area in areas]
    return render(request, "casereviews/public/publication_index.html", {"listing": listing})


def _publication(area_slug: str, year_slug: str) -> selectors.Publication:
    area = selectors.area_get_public(area_slug)
    if area is None:
        raise Http404("No such area.")
    try:
        year = rules.ReportingYear.parse(year_slug)
    except ValueError as exc:
        raise Http404("No such year.") from exc
    return selectors.publication_for(area, year=year)


def publication(request: HttpRequest, area: str, year: str) -> HttpResponse:
    pub = _publication(area, year)
    return render(request, "casereviews/public/publication.html", {"pub": pub})


def publication_csv(request: HttpRequest, area: str, year: str) -> HttpResponse:
    pub = _publication(area, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"asb-case-reviews-{pub.area.slug}-{pub.figures.year.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["area", "reporting_year", "measure", "count"])
    for label, value in pub.figures.as_rows():
        writer.writerow([pub.area.name, pub.figures.year.label, label, value])
    writer.writerow([])
    writer.writerow(
        [
            "month",
            "applications",
            "threshold_met",
            "threshold_not_met",
            "awaiting_decision",
            "reviews_carried_out",
            "reviews_with_recommendations",
        ]
    )
    for row in pub.months:
        writer.writerow(
            [
                row.month.strftime("%Y-%m"),
                row.applications,
                row.threshold_met,
                row.threshold_not_met,
                row.awaiting_decision,
                row.reviews_carried_out,
                row.reviews_with_recommendations,
            ]
        )
    return response


# ---------------------------------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------------------------------


def _require_staff(request: HttpRequest) -> None:
    if not has_capability(request.user, Capability.MANAGE_CASE_REVIEWS):
        raise PermissionDenied


def _get_for_change(request: HttpRequest, reference: str) -> Application:
    _require_staff(request)
    return selectors.application_get_visible(request.user, reference, action=Action.CHANGE)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    today = timezone.localdate()
    rows = selectors.dashboard(request.user, today=today)
    audit_listed(actor=request.user, targets=[row.application for row in rows])
    return render(
        request,
        "casereviews/staff/dashboard.html",
        {
            "rows": rows,
            "today": today,
            "overdue_count": sum(1 for r in rows if r.overdue),
            "recommendations_overdue": selectors.recommendations_overdue(request.user, today=today),
            "prompt_count": selectors.prompts_open_for(request.user).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    areas = list(selectors.area_list_public())
    form = forms.StaffIntakeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        area = next(
            (a for a in areas if a.slug == request.POST.get("area")), areas[0] if len(areas) == 1 else None
        )
        if area is None:
            form.add_error(None, "Select the area")
        else:
            try:
                application = services.application_submit(actor=request.user, area=area, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, f"Application {application.reference} recorded.")
                return redirect("casereviews:detail", application.reference)
    return render(request, "casereviews/staff/intake.html", {"form": form, "areas": areas})


@login_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.user, reference)
    audit_viewed(actor=request.user, target=application)
    today = timezone.localdate()
    decision = getattr(application, "threshold_decision", None)
    review = getattr(application, "review", None)
    links, links_not_shared = selectors.incident_links_visible_to(request.user, application)
    return render(
        request,
        "casereviews/staff/detail.html",
        {
            "application": application,
            "today": today,
            "clocks": application.clocks(),
            "overdue": {c.stage for c in application.overdue_clocks(today=today)},
            "links": links,
            "links_not_shared": links_not_shared,
            "history": selectors.case_history_for_review(request.user, application),
            "decision": decision,
            "preview": services.threshold_preview(application) if decision is None else None,
            "review": review,
            "recommendations": list(review.recommendations.select_related("owner_agency")) if review else [],
            "letters": list(application.letters.all()),
            "appeal": getattr(application, "appeal", None),
            "appeal_closes_on": application.appeal_window_closes_on(),
            "can_change": can(request.user, Action.CHANGE, application),
            "status": rules.Status,
        },
    )


def _form_page(
    request: HttpRequest, application: Application, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "casereviews/staff/form.html",
        {"form": form, "heading": heading, "application": application, **extra},
    )


@login_required
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = forms.AcknowledgeForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.application_acknowledge(
                actor=request.user, application=application, on=form.cleaned_data["on"]
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Acknowledgement recorded.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Record the acknowledgement")


@login_required
@require_http_methods(["GET", "POST"])
def link_incidents(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    search = request.GET.get("q", "")
    candidates = selectors.candidate_incidents(request.user, application, search=search)
    form = forms.LinkIncidentsForm(request.POST or None, incidents=candidates)
    if request.method == "POST" and form.is_valid():
        by_pk = {str(i.pk): i for i in candidates}
        try:
            for pk in form.cleaned_data["incidents"]:
                incident = by_pk[pk]
                services.application_link_incident(
                    actor=request.user,
                    application=application,
                    incident=incident,
                    complainant=services.incident_complainant(incident),
                    same_incident_key=form.cleaned_data["same_incident_key"],
                    named_by_applicant=form.cleaned_data["named_by_applicant"],
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Incidents linked.")
            return redirect("casereviews:detail", reference)
    return render(
        request,
        "casereviews/staff/link_incidents.html",
        {"form": form, "application": application, "candidates": candidates, "q": search},
    )


@login_required
@require_http_methods(["GET", "POST"])
def threshold(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    preview = services.threshold_preview(application)
    form = forms.ThresholdDecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_decide(actor=request.user, application=application, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Threshold decision recorded.")
            return redirect("casereviews:detail", reference)
    return render(
        request,
        "casereviews/staff/threshold.html",
        {"form": form, "application": application, "preview": preview},
    )


def _review_bodies(application: Application) -> Any:
    bodies = application.area.relevant_bodies.all()
    return bodies if bodies.exists() else Agency.objects.all()


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = forms.ReviewForm(request.POST or None, bodies=_review_bodies(application))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(actor=request.user, application=application, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Review recorded. Add its recommendations.")
            return redirect("casereviews:detail", reference)
    return _form_page(
        request,
        application,
        form,
        "Record the review meeting",
        history=selectors.case_history_for_review(request.user, application),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    review_meeting = getattr(application, "review", None)
    if review_meeting is None:
        messages.info(request, "Record the review meeting first.")
        return redirect("casereviews:detail", reference)
    form = forms.RecommendationForm(request.POST or None, agencies=_review_bodies(application))
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_add(actor=request.user, review=review_meeting, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Recommendation added.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Add a recommendation")


@login_required
@require_http_methods(["GET", "POST"])
def letter_send(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    if kind not in LetterKind.values:
        raise Http404("No such letter.")
    form = forms.LetterSendForm(request.POST or None, initial={"kind": kind, "sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_send(
                actor=request.user, application=application, kind=kind, sent_on=form.cleaned_data["sent_on"]
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{letter.get_kind_display()} letter sent.")
            return redirect("casereviews:letter", reference, letter.pk)
    html = services.letter_render(application, kind=kind, dated=timezone.localdate())
    return render(
        request,
        "casereviews/staff/letter_send.html",
        {"form": form, "application": application, "html": html, "kind_label": LetterKind(kind).label},
    )


@login_required
def letter(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.user, reference)
    sent = selectors.letter_get_visible(request.user, application, pk)
    audit_viewed(actor=request.user, target=sent)
    return render(request, "casereviews/staff/letter.html", {"application": application, "letter": sent})


@login_required
def letter_pdf(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _require_staff(request)
    application = selectors.application_get_visible(request.user, reference)
    sent = selectors.letter_get_visible(request.user, application, pk)
    audit_viewed(actor=request.user, target=sent)
    response = HttpResponse(services.letter_pdf(sent), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}-{sent.kind}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def appeal_lodge(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    form = forms.AppealLodgeForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_lodge(actor=request.user, application=application, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Appeal recorded and passed to {application.area.appeal_body_name}.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Record an appeal to {application.area.appeal_body_name}")


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    appeal = getattr(application, "appeal", None)
    if appeal is None:
        raise Http404("No appeal.")
    form = forms.AppealDecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(actor=request.user, appeal=appeal, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Appeal outcome recorded.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Record the decision of {appeal.appeal_body_name}")


@login_required
def prompts(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    open_prompts = list(selectors.prompts_open_for(request.user))
    # The page names victims: each prompt and each victim shown is recorded.
    audit_listed(actor=request.user, targets=[*open_prompts, *{p.victim for p in open_prompts}])
    return render(request, "casereviews/staff/prompts.html", {"prompts": open_prompts})


@login_required
@require_http_methods(["GET", "POST"])
def prompt_explained(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    prompt = selectors.prompt_get_visible(request.user, pk)
    if request.method != "POST":  # the page names the victim
        audit_viewed(actor=request.user, target=prompt.victim, justification="Case Review prompt")
    form = forms.PromptExplainedForm(request.POST or None, initial={"explained_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.prompt_record_explained(actor=request.user, prompt=prompt, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Recorded that the ASB Case Review was explained.")
            return redirect("casereviews:prompts")
    return render(request, "casereviews/staff/prompt_explained.html", {"form": form, "prompt": prompt})


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, reference: str) -> HttpResponse:
    """Close (after the outcome or a "not met" decision, once no appeal is coming) or withdraw."""
    application = _get_for_change(request, reference)
    form = forms.CloseForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        service = (
            services.application_withdraw
            if form.cleaned_data["how"] == "withdrawn"
            else services.application_close
        )
        try:
            service(actor=request.user, application=application, on=form.cleaned_data["on"])
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Application closed.")
            return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, "Close the application")


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    application = _get_for_change(request, reference)
    review_meeting = getattr(application, "review", None)
    recommendation = review_meeting.recommendations.filter(pk=pk).first() if review_meeting else None
    if recommendation is None:
        raise Http404("No such recommendation.")
    form = forms.AcknowledgeForm(request.POST or None, initial={"on": timezone.localdate()})
    form.fields["on"].label = "Date completed"
    if request.method == "POST" and form.is_valid():
        services.recommendation_complete(
            actor=request.user, recommendation=recommendation, on=form.cleaned_data["on"]
        )
        messages.success(request, "Recommendation marked as done.")
        return redirect("casereviews:detail", reference)
    return _form_page(request, application, form, f"Mark as done: {recommendation.text}")


# ---------------------------------------------------------------------------------------------------
# Configuration (coordinators and team managers of the managing agency) and case changes.
#
# Each is a question page that, once valid, shows a check-answers page carrying the answers as hidden
# fields; only "Confirm" calls the service. "Change" goes back to the question page with the answers.
# ---------------------------------------------------------------------------------------------------

CONFIRM = "confirm"
CHANGE = "change"


def _display(value: Any) -> str:
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if hasattr(value, "get_full_name"):
        return str(value.get_full_name() or value.username)
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(str(item) for item in value) or "None"
    return str(value)


def _answer_rows_for(form: Any) -> list[tuple[str, str]]:
    rows = []
    for field in form:
        value = _display(form.cleaned_data.get(field.name))
        # Service levels are counts of working days (the field names carry the unit: ``_wd``).
        rows.append((str(field.label), f"{value} working days" if field.name.endswith("_wd") else value))
    return rows


def _question_or_check(
    request: HttpRequest,
    form: Any,
    *,
    commit: Any,
    question: dict[str, Any],
    check: dict[str, Any],
) -> HttpResponse | None:
    """Run the question → check answers → confirm steps; return None when ``commit`` succeeded."""
    step = request.POST.get("step", "")
    if request.method == "POST" and form.is_valid() and step != CHANGE:
        if step == CONFIRM:
            try:
                commit()
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                return None
        else:
            return render(
                request,
                "casereviews/staff/check_change.html",
                {"form": form, "rows": _answer_rows_for(form), **check},
            )
    return render(request, "casereviews/staff/question.html", {"form": form, **question})


def _configurable_area(request: HttpRequest, slug: str) -> Any:
    """The area, or 403: its procedure is public, only who may change it is restricted."""
    _require_staff(request)
    area = selectors.area_get_public(slug)
    if area is None:
        raise Http404("No such area.")
    if not services.area_can_configure(request.user, area):
        raise PermissionDenied
    return area


@login_required
def areas(request: HttpRequest) -> HttpResponse:
    """The procedures and threshold rule versions the user may change (none for most staff)."""
    _require_staff(request)
    mine = [a for a in selectors.area_list_public() if services.area_can_configure(request.user, a)]
    return render(
        request,
        "casereviews/staff/areas.html",
        {
            "areas": [
                (
                    area,
                    list(area.relevant_bodies.all()),
                    list(area.rule_sets.order_by("-effective_from", "-id")),
                )
                for area in mine
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_change(request: HttpRequest, area: str) -> HttpResponse:
    the_area = _configurable_area(request, area)
    data = request.POST or None
    managing_pk = request.POST.get("managing_agency") if request.method == "POST" else None
    managing = Agency.objects.filter(pk=managing_pk).first() if managing_pk else None
    form = forms.AreaConfigureForm(
        data,
        spoc_queryset=services.spoc_candidates(managing or the_area.managing_agency),
        initial={
            "managing_agency": the_area.managing_agency,
            "relevant_bodies": list(the_area.relevant_bodies.all()),
            "contact_team": the_area.contact_team,
            "contact_email": the_area.contact_email,
            "contact_phone": the_area.contact_phone,
            "default_spoc": the_area.default_spoc,
            "appeal_body_name": the_area.appeal_body_name,
            "appeal_body_contact": the_area.appeal_body_contact,
            **{name: getattr(the_area, name) for name in forms.AreaConfigureForm.LEVEL_FIELDS},
        },
    )

    def commit() -> None:
        services.area_configure(
            actor=request.user,
            name=the_area.name,
            slug=the_area.slug,
            sharing_agreement=the_area.sharing_agreement,
            **form.service_kwargs(),
        )

    warning = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["managing_agency"] != the_area.managing_agency:
        warning = (
            f"{form.cleaned_data['managing_agency']} will run the procedure and own new applications. "
            "You will no longer be able to change this area's procedure unless you work there."
        )
    response = _question_or_check(
        request,
        form,
        commit=commit,
        question={"heading": f"Change {the_area.name}'s Case Review procedure", "caption": the_area.name},
        check={
            "heading": f"Check the changes to {the_area.name}'s procedure",
            "caption": the_area.name,
            "warning": warning,
            "explain": "The new service levels apply to every open application's clocks from now on.",
            "confirm_label": "Save the procedure",
        },
    )
    if response is not None:
        return response
    messages.success(request, f"{the_area.name}'s Case Review procedure saved.")
    return redirect("casereviews:areas")


@login_required
@require_http_methods(["GET", "POST"])
def rule_set_new(request: HttpRequest, area: str) -> HttpResponse:
    the_area = _configurable_area(request, area)
    current = services.policy_for(the_area, on=timezone.localdate())
    form = forms.RuleSetForm(
        request.POST or None,
        initial={
            "effective_from": timezone.localdate(),
            "qualifying_complaints_required": current.qualifying_complaints_required,
            "count_same_incident_once": current.count_same_incident_once,
            "distinct_complainants_required": current.distinct_complainants_required,
            "hate_incident_meets_threshold": current.hate_incident_meets_threshold,
        },
    )

    def commit() -> None:
        services.rule_set_add(actor=request.user, area=the_area, policy=form.policy())

    statutory = (
        "Whatever these rules say, three or more qualifying complaints always meet the threshold "
        "(s.104(4)). Local rules can only add ways to meet it: a lower number, different people "
        "complaining, or a hate incident. They can never narrow the statutory test."
    )
    response = _question_or_check(
        request,
        form,
        commit=commit,
        question={
            "heading": f"Add a version of {the_area.name}'s threshold rules",
            "caption": the_area.name,
            "intro": statutory,
            "current": current,
        },
        check={
            "heading": "Check the new threshold rules",
            "caption": the_area.name,
            "explain": statutory,
            "warning": (
                "A version cannot be changed or removed once added. Threshold decisions made from its "
                "date use it and record its label; earlier decisions keep the version they were made under."
            ),
            "confirm_label": "Add this version",
        },
    )
    if response is not None:
        return response
    messages.success(request, f"Threshold rules version '{form.cleaned_data['version']}' added.")
    return redirect("casereviews:areas")


@login_required
@require_http_methods(["GET", "POST"])
def spoc_change(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_for_change(request, reference)
    candidates = services.spoc_candidates(application.owning_agency).exclude(pk=application.spoc_id or 0)
    form = forms.SpocForm(request.POST or None, candidates=candidates)

    def commit() -> None:
        services.application_assign_spoc(
            actor=request.user, application=application, spoc=form.cleaned_data["spoc"]
        )

    current = application.spoc.get_full_name() or application.spoc.username if application.spoc else "nobody"
    response = _question_or_check(
        request,
        form,
        commit=commit,
        question={
            "heading": "Change the single point of contact",
            "caption": application.reference,
            "application": application,
            "intro": f"The single point of contact is {current} now.",
        },
        check={
            "heading": "Check the new single point of contact",
            "caption": application.reference,
            "application": application,
            "explain": (
                f"{application.applicant_name} will be told by e-mail at {application.applicant_email}."
                if application.applicant_email
                else f"{application.applicant_name} has no e-mail address: tell them by "
                f"{application.get_contact_preference_display().lower()}."
            ),
            "confirm_label": "Change the contact",
        },
    )
    if response is not None:
        return response
    messages.success(request, "Single point of contact changed.")
    return redirect("casereviews:detail", reference)


@login_required
@require_http_methods(["GET", "POST"])
def unlink_incident(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    application = _get_for_change(request, reference)
    link = application.incident_links.select_related("incident").filter(pk=pk).first()
    if link is None:
        raise Http404("No such linked incident.")
    form = forms.UnlinkIncidentForm(request.POST or None)

    def commit() -> None:
        services.application_unlink_incident(
            actor=request.user, link=link, reason=form.cleaned_data["reason"]
        )

    response = _question_or_check(
        request,
        form,
        commit=commit,
        question={
            "heading": f"Unlink {link.incident.reference}",
            "caption": application.reference,
            "application": application,
            "intro": "It will no longer count towards the threshold. You can link it again before the "
            "threshold is decided.",
        },
        check={
            "heading": f"Check before unlinking {link.incident.reference}",
            "caption": application.reference,
            "application": application,
            "explain": "The incident itself is not changed. The reason is kept in the audit log.",
            "confirm_label": "Unlink the incident",
        },
    )
    if response is not None:
        return response
    messages.success(request, f"{link.incident.reference} unlinked.")
    return redirect("casereviews:detail", reference)
