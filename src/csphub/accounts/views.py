"""Sign in with a password and a TOTP code; sign out; choose the agency to act for."""

from __future__ import annotations

import base64
import math
import time
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import PasswordChangeView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from csphub.accounts import services
from csphub.accounts.forms import (
    AccountStatusForm,
    CodeForm,
    NewPasswordChangeForm,
    PartnershipForm,
    SignInForm,
    StaffMemberForm,
    SwitchForm,
)
from csphub.accounts.middleware import SIGNED_IN_AT_KEY
from csphub.agencies.middleware import PARTNERSHIP_SESSION_KEY
from csphub.agencies.middleware import SESSION_KEY as ACTING_SESSION_KEY
from csphub.agencies.policies import acting_membership
from csphub.agencies.selectors import memberships_of, partnership_session, partnerships_of
from csphub.agencies.services import membership_switch, partnership_choose
from csphub.core.actor import SignedInRequest, as_actor, user_of

PENDING_USER_KEY = "csphub_pending_user_id"
PENDING_BACKEND_KEY = "csphub_pending_backend"
PENDING_AT_KEY = "csphub_pending_at"
# A password that passed is good for this long to enter the security code; then sign in again.
PENDING_MAX_SECONDS = 5 * 60

LOCKED_OUT_MESSAGE = (
    "You have entered incorrect sign-in details too many times. Your account is locked for 15 minutes. "
    "If you need access sooner, contact your CSP Hub administrator."
)


def _locked_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/locked_out.html", {"message": LOCKED_OUT_MESSAGE}, status=429)


@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request)
        if user is None:
            services.record_login_failed(username=username, stage="password")
            form.add_error(None, "Enter a correct username and password")
        else:
            request.session.cycle_key()
            request.session[PENDING_USER_KEY] = user.pk
            request.session[PENDING_BACKEND_KEY] = user.backend
            request.session[PENDING_AT_KEY] = time.time()
            step = "accounts:setup_code" if services.totp_device_for(user) is None else "accounts:code"
            return redirect(reverse(step) + _next_query(request))
    return render(request, "accounts/sign_in.html", {"form": form})


def _next_query(request: HttpRequest) -> str:
    """Carry a safe ``?next=`` on to the code step, so that signing in lands where the user was going."""
    return f"?{urlencode({'next': request.GET['next']})}" if _safe_next(request) else ""


def _pending_user(request: HttpRequest) -> Any:
    """The user who passed the password in this session, if that was less than 5 minutes ago."""
    user_id = request.session.get(PENDING_USER_KEY)
    if user_id is None:
        return None
    started = request.session.get(PENDING_AT_KEY)
    if started is None or time.time() - float(started) > PENDING_MAX_SECONDS:
        _forget_pending(request)
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _forget_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_BACKEND_KEY, PENDING_AT_KEY):
        request.session.pop(key, None)


def _is_locked(request: HttpRequest, user: Any) -> bool:
    """Is the account locked out now? Asked at every step, not only when a step fails: a session
    that passed the password before the lock must not finish signing in after it."""
    from axes.handlers.proxy import AxesProxyHandler

    return bool(AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()}))


def _remember_partnership(request: HttpRequest, agency: Any, chosen_id: int | None = None) -> None:
    value = partnership_session(agency, chosen_id)
    if value is None:
        request.session.pop(PARTNERSHIP_SESSION_KEY, None)
    else:
        request.session[PARTNERSHIP_SESSION_KEY] = value


def _complete_sign_in(request: HttpRequest, user: Any, device: TOTPDevice) -> HttpResponse:
    backend = request.session.get(PENDING_BACKEND_KEY, "django.contrib.auth.backends.ModelBackend")
    login(request, user, backend=backend)
    otp_login(request, device)
    _forget_pending(request)
    request.session[SIGNED_IN_AT_KEY] = time.time()
    membership = acting_membership(user)
    _remember_partnership(request, membership.agency if membership is not None else None)
    services.record_login(user=user)
    target = request.GET.get("next")
    return redirect(target if target and _safe_next(request) else settings.LOGIN_REDIRECT_URL)


def _safe_next(request: HttpRequest) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


def _code_failed(request: HttpRequest, user: Any, form: CodeForm) -> HttpResponse | None:
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    services.record_login_failed(username=user.get_username(), stage="security code")
    if getattr(request, "axes_locked_out", False):
        _forget_pending(request)
        return _locked_out(request)
    form.add_error(
        "otp_token", "The security code is not correct. Check your authenticator app and try again"
    )
    return None


def _wait_seconds(device: TOTPDevice) -> int:
    """Seconds until the authenticator may be tried again after a wrong code (django-otp waits
    1, 2, 4 ... seconds after successive failures), or 0 when it may be tried now."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or data.get("locked_until") is None:
        return 0
    return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))


def _too_soon(form: CodeForm, seconds: int) -> None:
    """A code sent inside the wait after a wrong one is not checked, so it is neither right nor
    wrong: say so, and do not count it towards the lock-out."""
    form.add_error(
        "otp_token",
        f"You entered a wrong code a moment ago, so this code was not checked. Wait {seconds} "
        f"second{'s' if seconds != 1 else ''}, then enter the code your authenticator app shows",
    )


def _check_code(request: HttpRequest, user: Any, device: TOTPDevice, form: CodeForm) -> str | HttpResponse:
    """ "ok" when the code is right; "" when the form now carries the error; a response when the
    wrong code locked the account."""
    seconds = _wait_seconds(device)
    if seconds:
        _too_soon(form, seconds)
        return ""
    if device.verify_token(form.cleaned_data["otp_token"].strip()):
        return "ok"
    return _code_failed(request, user, form) or ""


@never_cache
def code(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if _is_locked(request, user):
        _forget_pending(request)
        return _locked_out(request)
    device = services.totp_device_for(user)
    if device is None:
        return redirect(reverse("accounts:setup_code") + _next_query(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _check_code(request, user, device, form)
        if result == "ok":
            return _complete_sign_in(request, user, device)
        if isinstance(result, HttpResponse):
            return result
    return render(request, "accounts/code.html", {"form": form})


@never_cache
def setup_code(request: HttpRequest) -> HttpResponse:
    """First sign-in: add CSP Hub to an authenticator app, then prove it with a code."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    if _is_locked(request, user):
        _forget_pending(request)
        return _locked_out(request)
    if services.totp_device_for(user) is not None:
        return redirect(reverse("accounts:code") + _next_query(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or services.totp_device_start(
        user=user
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _check_code(request, user, device, form)
        if result == "ok":
            services.totp_device_confirm(user=user, device=device)
            return _complete_sign_in(request, user, device)
        if isinstance(result, HttpResponse):
            return result
    secret = base64.b32encode(device.bin_key).decode()
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    return render(request, "accounts/setup_code.html", {"form": form, "secret": secret, "qr_svg": qr_svg})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(user=request.user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


@login_required
def switch(request: SignedInRequest) -> HttpResponse:
    memberships = list(memberships_of(request.actor))
    form = SwitchForm(request.POST or None)
    choices = [(m.pk, f"{m.get_role_display()}, {m.agency.name}") for m in memberships]
    form.fields["membership"].choices = choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        chosen = next(m for m in memberships if m.pk == form.cleaned_data["membership"])
        membership_switch(actor=request.actor, membership=chosen)
        request.session[ACTING_SESSION_KEY] = chosen.pk
        _remember_partnership(request, chosen.agency)
        messages.success(
            request, f"You are now working as {chosen.get_role_display()} for {chosen.agency.name}."
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/switch.html", {"form": form})


def _locked_usernames(usernames: list[str]) -> set[str]:
    """Which of ``usernames`` django-axes has locked out now (so "Unlock" is offered only to them)."""
    import datetime as dt

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    since = timezone.now() - dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames,
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )


@login_required
def users(request: SignedInRequest) -> HttpResponse:
    """An administrator's view of their agency's staff: add, remove a role, reset an authenticator, unlock
    a locked-out account; each person's row links to deactivating (or reactivating) their account."""
    from django.core.exceptions import PermissionDenied

    from csphub.agencies.models import Membership
    from csphub.agencies.policies import Capability
    from csphub.core.errors import ApplicationError

    policy = request.actor.policy
    if not policy.has_capability(Capability.MANAGE_USERS) or policy.membership is None:
        raise PermissionDenied
    agency = policy.membership.agency
    form = StaffMemberForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add" and form.is_valid():
            try:
                services.staff_member_add(actor=request.actor, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(
                    request,
                    f"Role requested for {form.cleaned_data['username']}. It takes effect when another "
                    "administrator or the partnership coordinator approves it.",
                )
                return redirect("accounts:users")
        elif action in ("deactivate", "reset_2fa", "unlock"):
            raw_id = request.POST.get("membership", "")
            membership = (
                Membership.objects.filter(pk=int(raw_id), agency=agency).first() if raw_id.isdigit() else None
            )
            if membership is None:
                raise Http404("No such member of staff.")
            try:
                {
                    "deactivate": services.membership_deactivate,
                    "reset_2fa": services.two_factor_reset,
                    "unlock": services.lockout_clear,
                }[action](actor=request.actor, membership=membership)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Done.")
            return redirect("accounts:users")
    members = list(
        Membership.objects.filter(agency=agency, is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "role")
    )
    locked = _locked_usernames([m.user.get_username() for m in members])
    seen: set[int] = set()
    for m in members:
        m.is_locked_out = m.user.get_username() in locked  # type: ignore[attr-defined]
        # The account actions (deactivate, reactivate) act on the person, not one of their roles:
        # they appear once, on the person's first row.
        m.is_first_row = m.user_id not in seen  # type: ignore[attr-defined]
        seen.add(m.user_id)
    actions = [("reset_2fa", "Reset authenticator"), ("deactivate", "Remove role")]
    return render(
        request,
        "accounts/users.html",
        {
            "form": form,
            "members": members,
            "agency": agency,
            "actions": actions,
            "pending": list(services.pending_role_grants(actor=request.actor)),
        },
    )


def _account_page(request: SignedInRequest, pk: int, *, activate: bool) -> HttpResponse:
    """Confirm, then deactivate or reactivate a member of staff's whole account (audited by the
    service). Only an administrator of an agency the person works for reaches the page."""
    from django.core.exceptions import PermissionDenied

    from csphub.agencies.policies import Capability
    from csphub.core.errors import ApplicationError

    policy = request.actor.policy
    if not policy.has_capability(Capability.MANAGE_USERS) or policy.membership is None:
        raise PermissionDenied
    agency = policy.membership.agency
    user = get_user_model().objects.filter(pk=pk, memberships__agency=agency).distinct().first()
    if user is None:
        raise Http404("No such member of staff.")
    if user.is_active == activate:
        # Already as asked (another administrator got there first, or a stale link).
        messages.info(
            request,
            f"{user.get_username()}'s account is already {'active' if activate else 'deactivated'}.",
        )
        return redirect("accounts:users")
    form = AccountStatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        service = services.user_reactivate if activate else services.user_deactivate
        try:
            service(actor=request.actor, user=user)
        except ApplicationError as error:
            form.is_valid()
            form.add_application_error(error)
        else:
            name = user.get_full_name() or user.get_username()
            messages.success(
                request,
                f"{name}'s account is active again: they can sign in with their roles as before."
                if activate
                else f"{name}'s account is deactivated: they can no longer sign in.",
            )
            return redirect("accounts:users")
    return render(
        request,
        "accounts/account_status.html",
        {"form": form, "member": user, "activate": activate, "agency": agency},
    )


@login_required
def account_deactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    return _account_page(request, pk, activate=False)


@login_required
def account_reactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    return _account_page(request, pk, activate=True)


@login_required
def role_grants(request: SignedInRequest) -> HttpResponse:
    """Role requests waiting for a second person: another administrator or the partnership
    coordinator of the agency approves or refuses them (the person who asked cannot)."""
    from django.core.exceptions import PermissionDenied

    from csphub.accounts.models import RoleGrantRequest
    from csphub.core.errors import ApplicationError, PermissionDeniedError

    try:
        pending = services.pending_role_grants(actor=request.actor)
    except PermissionDeniedError as exc:
        raise PermissionDenied from exc
    if request.method == "POST":
        raw_id = request.POST.get("grant", "")
        grant = pending.filter(pk=int(raw_id)).first() if raw_id.isdigit() and len(raw_id) < 12 else None
        decision = request.POST.get("decision")
        if grant is None or decision not in ("approve", "refuse"):
            raise Http404("No such request.")
        try:
            services.role_grant_decide(actor=request.actor, grant=grant, approve=decision == "approve")
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Role approved." if decision == "approve" else "Request refused.")
        return redirect("accounts:role_grants")
    rows = [(g, g.created_by_id != request.user.pk and g.user_id != request.user.pk) for g in pending]
    return render(request, "accounts/role_grants.html", {"rows": rows, "model": RoleGrantRequest})


class PasswordChange(PasswordChangeView):
    """Change your own password (NCSC rules apply); audited."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("frontend:home")
    form_class = NewPasswordChangeForm

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "govuk-input"
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_changed(user=self.request.user)
        messages.success(self.request, "Your password has been changed.")
        return response


@login_required
def notifications(request: SignedInRequest) -> HttpResponse:
    """The signed-in user's notifications, newest first; opening the page marks them read."""
    from csphub.agencies.selectors import notifications_for
    from csphub.agencies.services import notifications_mark_read

    items = notifications_for(request.user)
    unread = {n.pk for n in items if n.read_at is None}
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(request, "Notifications marked as read")
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"items": items, "unread": unread})


def notifications_home_context(user: Any) -> dict[str, Any] | None:
    """The home page panel: how many notifications are unread (for staff who receive them)."""
    from csphub.agencies.selectors import unread_notification_count

    signed_in = user_of(as_actor(user))  # the request's Actor (or, outside a request, a user)
    if signed_in is None:
        return None
    return {"unread": unread_notification_count(signed_in)}


@login_required
def partnership_switch(request: SignedInRequest) -> HttpResponse:
    """Choose the partnership to work in, among those the acting agency sits in."""
    options = partnerships_of(request.actor.agency)
    if not options:
        raise Http404("Your agency is not in any partnership.")
    form = PartnershipForm(request.POST or None)
    form.fields["partnership"].choices = [  # type: ignore[attr-defined]
        (p.pk, f"{p.name} ({p.get_kind_display()})") for p in options
    ]
    current = request.actor.partnership
    if current is not None and not form.is_bound:
        form.initial["partnership"] = current.pk
    if request.method == "POST" and form.is_valid():
        chosen = next(p for p in options if p.pk == form.cleaned_data["partnership"])
        partnership_choose(actor=request.actor, partnership=chosen)
        _remember_partnership(request, request.actor.agency, chosen.pk)
        messages.success(request, f"You are now working in {chosen.name}.")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/partnership.html", {"form": form, "current": current})


@login_required
def audit_search(request: SignedInRequest) -> HttpResponse:
    """An administrator searches their agency's audit trail: by member of staff ("what has this
    person viewed?"), by dates and by record. The search itself is recorded."""
    from django.core.exceptions import PermissionDenied
    from django.core.paginator import Paginator

    from csphub.accounts.forms import AuditSearchForm
    from csphub.agencies.policies import Capability
    from csphub.audit.models import AccessVerb
    from csphub.audit.selectors import audit_search as search_events
    from csphub.audit.selectors import describe_targets
    from csphub.audit.services import audit_record

    policy = request.actor.policy
    if not policy.has_capability(Capability.VIEW_AUDIT_LOG) or policy.membership is None:
        raise PermissionDenied
    agency = policy.membership.agency
    staff = (
        get_user_model()
        .objects.filter(memberships__agency=agency)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    form = AuditSearchForm(request.GET or None, staff=staff)
    page = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        record = data.get("record")
        events = search_events(
            actor_id=data["staff"].pk if data.get("staff") else None,
            agency_id=agency.pk,  # what was done acting for this agency: its administrators' remit
            records=[(record[0], [record[1]])] if record else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        page = Paginator(events, 100).get_page(request.GET.get("page"))
        describe_targets(list(page.object_list))
        searched = [
            name
            for name, value in (
                ("member of staff", data.get("staff")),
                ("from", data.get("date_from")),
                ("to", data.get("date_to")),
                ("record", record),
            )
            if value
        ]
        audit_record(
            actor=request.actor,
            verb=AccessVerb.USER_AUDIT_SEARCHED,
            target=data.get("staff"),
            justification="Searched by " + (", ".join(searched) or "agency only"),
        )
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return render(
        request,
        "accounts/audit_search.html",
        {"form": form, "page": page, "agency": agency, "query": f"{encoded}&" if encoded else ""},
    )
