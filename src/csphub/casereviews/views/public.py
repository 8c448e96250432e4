"""Public Case Review pages (no sign-in): the application journey and the applicant's status check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from csphub.casereviews import forms, rules, selectors, services
from csphub.casereviews.models import Application, ApplicationChannel, LetterLanguage
from csphub.core.clientip import client_ip
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.frontend.answers import answer
from csphub.frontend.documents import pdf_response
from csphub.frontend.language import PUBLIC_AREA_KEY, bilingual

SESSION_KEY = "casereviews_apply"


RETRY_MESSAGE = gettext_lazy(
    "We could not send your application. Check your answers and press 'Send application' again."
)


# The anti-bot minimum time (CASEREVIEWS_MIN_FORM_SECONDS) tripped by a person who pressed quickly,
# for example returning to answers they had already checked.
TOO_FAST_MESSAGE = gettext_lazy(
    "Your application has not been sent yet. Wait a moment, then press 'Send application' again."
)


DONE_KEY = "casereviews_done"


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR, or the address a trusted proxy forwarded (CSPHUB_TRUSTED_PROXIES).
    return client_ip(request)


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


@bilingual
def start(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.area_list_public())
    return render(request, "casereviews/public/start.html", {"areas": areas})


@bilingual
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
            form.add_error(None, _("Select the area where the behaviour happens"))
        else:
            data.update(who=form.cleaned_data["who"], area=area_slug)
            _save_journey(request, data)
            # The area decides whose public pages (privacy notice, Welsh offer) the visitor sees.
            request.session[PUBLIC_AREA_KEY] = area_slug
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
            "heading": _("Apply for an ASB Case Review"),
            "first_question": True,
            "area_choices": area_choices if len(areas) > 1 else [],
            "selected_area": data.get("area"),
            "back": reverse("casereviews:start"),
        },
    )


@bilingual
def apply_anonymous(request: HttpRequest) -> HttpResponse:
    return render(request, "casereviews/public/anonymous.html", {"areas": list(selectors.area_list_public())})


@bilingual
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
            "heading": _("The person you are applying for"),
            "back": reverse("casereviews:apply_who"),
        },
    )


@bilingual
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
        request, "casereviews/public/question.html", {"form": form, "heading": _("About you"), "back": back}
    )


@bilingual
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
            "heading": _("The anti-social behaviour"),
            "back": reverse("casereviews:apply_about_you"),
        },
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@bilingual
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
            form = _fresh_submit_form(TOO_FAST_MESSAGE if problem == "too_fast" else RETRY_MESSAGE)
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
                    # Letters and e-mails follow the language the applicant used to apply.
                    language=LetterLanguage.WELSH
                    if translation.get_language() == LetterLanguage.WELSH
                    else LetterLanguage.ENGLISH,
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
        request,
        "casereviews/public/check.html",
        {"form": form, "rows": rows, "area": area, "out_of_time_before": _out_of_time_before(data)},
        status=status,
    )


def _out_of_time_before(data: dict[str, Any]) -> dt.date | None:
    """B.3: when the most recent incident is too old to give qualifying complaints, the date it
    would have had to be on or after, shown as advice only: the application is still received,
    decided (with a letter and an appeal route) and counted, and the partnership may still review."""
    applied_on = timezone.localdate()
    last = _date(data.get("behaviour_last_on"))
    if not rules.application_advice(applied_on=applied_on, behaviour_last_on=last):
        return None
    return rules.latest_behaviour_allowed_before(applied_on)


def _fresh_submit_form(message: Any) -> forms.SubmitForm:
    """A new token, carrying ``message`` as a form error (the page title then starts "Error: ")."""
    form = forms.SubmitForm(data={"form_token": services.form_token_issue(), "website": ""})
    form.is_valid()
    form.add_error(None, message)
    return form


def _answer_rows(data: dict[str, Any], area: Any) -> list[flows.Row]:
    """The journey's answers, each with a Change link to the question page that asked it."""
    who_field = forms.WhoForm.base_fields["who"]
    rows: list[tuple[str, Any, str]] = [
        (_("Area"), area.name, "casereviews:apply_who"),
        (_("Who is applying"), answer(data.get("who"), who_field), "casereviews:apply_who"),
    ]
    if data.get("who") == "behalf":
        rows += [
            (_("Person affected"), data.get("victim_name"), "casereviews:apply_victim"),
            (_("Your relationship to them"), data.get("relationship_to_victim"), "casereviews:apply_victim"),
            (
                _("Their consent"),
                _("They have agreed")
                + (f" ({data['victim_consent_how']})" if data.get("victim_consent_how") else ""),
                "casereviews:apply_victim",
            ),
        ]
    rows += [
        (_("Your name"), data.get("applicant_name"), "casereviews:apply_about_you"),
        (
            _("Contact by"),
            answer(data.get("contact_preference"), forms.AboutYouForm.base_fields["contact_preference"]),
            "casereviews:apply_about_you",
        ),
        (_("E-mail"), data.get("applicant_email"), "casereviews:apply_about_you"),
        (_("Phone"), data.get("applicant_phone"), "casereviews:apply_about_you"),
        (_("Address"), data.get("applicant_address"), "casereviews:apply_about_you"),
        (_("Help or adjustments"), data.get("support_needs"), "casereviews:apply_about_you"),
        (_("What is happening"), data.get("behaviour_description"), "casereviews:apply_behaviour"),
        (_("Where"), data.get("behaviour_location"), "casereviews:apply_behaviour"),
        (_("Started"), _date(data.get("behaviour_first_on")), "casereviews:apply_behaviour"),
        (_("Last happened"), _date(data.get("behaviour_last_on")), "casereviews:apply_behaviour"),
        (_("Reported to"), data.get("reports_described"), "casereviews:apply_behaviour"),
    ]
    return [flows.Row(label, answer(value), change_url=reverse(url_name)) for label, value, url_name in rows]


@bilingual
def apply_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_KEY)
    if not reference:
        return redirect("casereviews:start")
    application = Application.objects.select_related("area", "spoc").filter(reference=reference).first()
    if application is None:
        return redirect("casereviews:start")
    return render(request, "casereviews/public/done.html", {"application": application})


CODE_SENT_MESSAGE = gettext_lazy(
    "If the reference and e-mail address match an application, we have sent a 6-digit code to that "
    "e-mail address. It works for 30 minutes."
)


@bilingual
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


@bilingual
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
            # The answer is a page of its own (GET), so a refresh never re-sends the code
            # (new-user review item 35); the session holds which application, for a short time.
            request.session.cycle_key()
            request.session[STATUS_KEY] = {
                "pk": application.pk,
                "until": (timezone.now() + STATUS_VIEW_TIME).isoformat(),
            }
            return redirect("casereviews:status_view")
        form.add_error(
            "code", _("The reference or code is not right, or the code has expired. Ask for a new code.")
        )
    return render(request, "casereviews/public/status_code.html", {"form": form})


STATUS_KEY = "casereviews_status_view"
# How long the status page stays open after the code was accepted; then a new code is needed.
STATUS_VIEW_TIME = dt.timedelta(minutes=30)

# What happens next, said to the applicant, for each open clock (casereviews.rules.Stage).
NEXT_STEP = {
    rules.Stage.ACKNOWLEDGE: gettext_lazy("We will acknowledge your application by %(date)s."),
    rules.Stage.THRESHOLD_DECISION: gettext_lazy(
        "We will tell you whether the threshold for a review is met by %(date)s."
    ),
    rules.Stage.REVIEW_MEETING: gettext_lazy("The partners will meet to review your case by %(date)s."),
    rules.Stage.OUTCOME_LETTER: gettext_lazy(
        "We will write to you with the outcome of the review by %(date)s."
    ),
    rules.Stage.APPEAL_DECISION: gettext_lazy("We will tell you the decision on your appeal by %(date)s."),
}


# Letter names said to the applicant (models.LetterKind's labels are the staff's words).
LETTER_TITLE = {
    "acknowledgement": gettext_lazy("Acknowledgement of your application"),
    "threshold_decision": gettext_lazy("Whether the threshold for a review is met"),
    "outcome": gettext_lazy("The outcome of the review"),
    "appeal_outcome": gettext_lazy("The decision on your appeal"),
}


def _status_application(request: HttpRequest) -> Application | None:
    """The application whose code this session entered, while the status page is still open."""
    held = request.session.get(STATUS_KEY) or {}
    try:
        until = dt.datetime.fromisoformat(str(held.get("until")))
    except ValueError:
        return None
    if until < timezone.now():
        request.session.pop(STATUS_KEY, None)
        return None
    return selectors.application_for_status(held.get("pk"))


def _next_steps(application: Application) -> list[str]:
    from django.utils.formats import date_format

    if application.status in (rules.Status.CLOSED, rules.Status.WITHDRAWN):
        return []
    steps = [
        str(NEXT_STEP[clock.stage] % {"date": date_format(clock.due_on, "j F Y")})
        for clock in application.clocks()
        if clock.done_on is None and clock.stage in NEXT_STEP
    ]
    closes = application.appeal_window_closes_on()
    appealed = getattr(application, "appeal", None) is not None
    if closes is not None and not appealed and closes >= timezone.localdate():
        steps.append(
            _(
                "If you are unhappy with how your application was handled, you can ask %(body)s to look at it until %(date)s."
            )
            % {"body": application.area.appeal_body_name, "date": date_format(closes, "j F Y")}
        )
    return steps


@bilingual
@require_http_methods(["GET"])
def status_view(request: HttpRequest) -> HttpResponse:
    application = _status_application(request)
    if application is None:
        messages.info(request, _("To see your application again, ask for a new code."))
        return redirect("casereviews:status_request")
    services.status_page_viewed(application=application)
    request.session[PUBLIC_AREA_KEY] = application.area.slug  # whose privacy notice they see next
    response = render(
        request,
        "casereviews/public/status.html",
        {
            "application": application,
            "next_steps": _next_steps(application),
            "letters": [
                (letter, LETTER_TITLE.get(letter.kind, letter.kind)) for letter in application.letters.all()
            ],
        },
    )
    return response


@bilingual
@require_http_methods(["GET"])
def status_letter(request: HttpRequest, letter_id: int) -> HttpResponse:
    """A letter as it was sent, to the applicant who entered the code (audited like the page)."""
    application = _status_application(request)
    letter = None if application is None else application.letters.filter(pk=letter_id).first()
    if letter is None:
        messages.info(request, _("To see your letters again, ask for a new code."))
        return redirect("casereviews:status_request")
    services.status_letter_viewed(letter=letter)
    return render(
        request,
        "casereviews/public/status_letter.html",
        {"application": application, "letter": letter, "title": LETTER_TITLE.get(letter.kind, letter.kind)},
    )


@bilingual
@require_http_methods(["GET"])
def status_letter_pdf(request: HttpRequest, letter_id: int) -> HttpResponse:
    """A letter as it was sent, as a PDF the applicant can keep; only for the session that entered the
    code (the same check as the letter page), audited, and never kept by a browser or proxy."""
    application = _status_application(request)
    letter = None if application is None else application.letters.filter(pk=letter_id).first()
    if application is None or letter is None:
        messages.info(request, _("To see your letters again, ask for a new code."))
        return redirect("casereviews:status_request")
    pdf = services.status_letter_downloaded(letter=letter)
    return pdf_response(pdf, filename=f"{application.reference}-letter-{letter.sent_on:%Y-%m-%d}.pdf")
