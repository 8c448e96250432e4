"""Pages to issue and revoke your own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from csphub.api.forms import TokenForm
from csphub.api.models import ApiToken
from csphub.api.services import api_token_issue, api_token_revoke
from csphub.core.errors import ApplicationError


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = api_token_issue(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).select_related("membership__agency")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "secret": secret})


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(user_id=request.user.pk or 0, pk=pk).first()
    if token is None:
        raise Http404("No such token.")
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token {token.name} revoked.")
    return redirect("api:tokens")
