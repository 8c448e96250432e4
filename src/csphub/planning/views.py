"""Priority setting pages: frameworks, scoring sessions, comparing assessors, the board's adoption."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from csphub.analytics import morile
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.planning import forms, selectors, services
from csphub.planning.models import PriorityAdoption, ScoringSession, Theme

MAX_FRAMEWORK_BYTES = 256 * 1024


def _viewer(request: SignedInRequest) -> None:
    if not selectors.may_view(request.actor):
        raise PermissionDenied


def _scorer(request: SignedInRequest) -> None:
    if not selectors.may_score(request.actor):
        raise PermissionDenied


@login_required
def index(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    return render(
        request,
        "planning/index.html",
        {
            "sessions": selectors.sessions_visible_to(request.actor),
            "frameworks": selectors.frameworks_visible_to(request.actor),
            "adoption": selectors.latest_adoption(request.actor),
            "may_score": selectors.may_score(request.actor),
        },
    )


@login_required
def framework_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.actor, pk)
    rules = framework.framework
    return render(
        request,
        "planning/framework_detail.html",
        {
            "framework": framework,
            "rules": rules,
            "sections": morile.SECTIONS,
            "unfilled": [morile.CELL_LABELS[k] for k in rules.unfilled()],
        },
    )


@login_required
def framework_export(request: SignedInRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(request.actor, pk)
    response = HttpResponse(framework.framework.to_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scoring-framework-{framework.pk}.json"'
    return response


@login_required
def framework_import(request: SignedInRequest) -> HttpResponse:
    _scorer(request)
    form = forms.FrameworkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FRAMEWORK_BYTES:
            form.add_error("file", "The framework file must be smaller than 256 KB")
        else:
            try:
                framework = services.framework_import(actor=request.actor, text=upload.read())
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, f"{framework} added")
                return redirect("planning:framework_detail", framework.pk)
    return render(request, "planning/framework_import.html", {"form": form})


@login_required
def session_new(request: SignedInRequest) -> HttpResponse:
    _scorer(request)
    form = forms.SessionForm(flows.posted(request))

    def done(session: ScoringSession) -> HttpResponse:
        messages.success(request, f"{session.title} opened")
        return redirect("planning:session_detail", session.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.session_open(actor=request.actor, **data),
        done=done,
        question=flows.Page(
            "planning/session_form.html",
            {
                "heading": "Open a scoring session",
                "intro": "Each theme is shown with its evidence from the latest Strategic Assessment. "
                "Assessors then score every theme independently.",
            },
        ),
        check=flows.Page(
            "planning/check_answers.html",
            {"heading": "Check the session before you open it", "confirm_label": "Open the session"},
        ),
    )


@login_required
def session_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.actor, pk)
    other = None
    version_pk = request.GET.get("framework")
    if version_pk:
        if not version_pk.isdigit():
            raise Http404("No such framework.")
        other = selectors.framework_get(request.actor, int(version_pk))
        if not other.framework.ready:
            messages.error(request, f"{other} cannot be used to score yet: its scales are not filled in.")
            other = None
    summary = selectors.session_summary(session, other)
    mine = {
        theme
        for theme, by in selectors.current_sheets(session).items()
        if selectors.assessor_name(request.actor) in by
    }
    themes = [
        {
            "key": theme.value,
            "label": theme.label,
            "evidence": session.evidence.get(theme.value),
            "scored_by_me": theme.value in mine,
        }
        for theme in Theme
    ]
    return render(
        request,
        "planning/session_detail.html",
        {
            "session": session,
            "summary": summary,
            "themes": themes,
            "labels": dict(Theme.choices),
            "cell_labels": morile.CELL_LABELS,
            "other": other,
            "frameworks": [f for f in selectors.frameworks_visible_to(request.actor) if f.framework.ready],
            "adoptions": session.adoptions.select_related("adopted_by"),
            "may_score": selectors.may_score(request.actor),
            "may_adopt": selectors.may_adopt(request.actor) and bool(summary.top),
        },
    )


@login_required
def sheet_new(request: SignedInRequest, pk: int, theme: str) -> HttpResponse:
    session = selectors.session_get(request.actor, pk)
    _scorer(request)
    if theme not in Theme.values:
        raise Http404("No such theme.")
    form = forms.SheetForm(request.POST or None, framework=session.framework.framework)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_submit(actor=request.actor, session=session, theme=theme, cells=form.cells())
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Your scores for {Theme(theme).label.lower()} are saved")
            return redirect("planning:session_detail", session.pk)
    return render(
        request,
        "planning/sheet_form.html",
        {
            "session": session,
            "theme": Theme(theme),
            "evidence": session.evidence.get(theme),
            "form": form,
            "heading": f"Score {Theme(theme).label.lower()}",
        },
    )


@login_required
def adopt(request: SignedInRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(request.actor, pk)
    if not selectors.may_adopt(request.actor):
        raise PermissionDenied
    summary = selectors.session_summary(session)
    labels = dict(Theme.choices)
    ranked = [
        (r.theme, f"{labels[r.theme]} (score {r.score.adjusted_risk:g}, {r.score.band or 'no band'})")
        for r in summary.ranked
        if r.score.complete
    ]
    # Carries the session's version: adopting from a ranking that new scores (or another adoption)
    # have since changed is refused, and the page is shown again with the ranking as it is now.
    form = versioned(forms.AdoptForm)(
        flows.posted(request),
        ranked=ranked,
        initial={"themes": list(summary.top)},
        record=session,
        versioned_fields=("scores_submitted", "adoptions_recorded"),
    )

    def done(adoption: PriorityAdoption) -> HttpResponse:
        messages.success(request, "The partnership's priorities are recorded as adopted")
        return redirect("planning:session_detail", session.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.priorities_adopt(actor=request.actor, session=session, **data),
        done=done,
        question=flows.Page(
            "planning/adopt_form.html",
            {
                "session": session,
                "summary": summary,
                "heading": "Record the priorities the board adopted",
                "caption": session.title,
            },
        ),
        check=flows.Page(
            "planning/adopt_check.html",
            {
                "session": session,
                "heading": "Check the board's decision before you record it",
                "caption": session.title,
                "confirm_label": "Record the adopted priorities",
                "warning": "The decision is recorded in the audit trail and cannot be changed.",
            },
        ),
    )
