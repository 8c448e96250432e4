"""Pages to issue and revoke your own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from csphub.api.forms import TokenForm
from csphub.api.selectors import token_of, tokens_of
from csphub.api.services import api_token_issue, api_token_revoke
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError


@never_cache
@login_required
def token_list(request: SignedInRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = api_token_issue(actor=request.actor, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            form = TokenForm()
    tokens = tokens_of(request.actor)
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "secret": secret})


@require_POST
@login_required
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = token_of(request.actor, pk)
    if token is None:
        raise Http404("No such token.")
    api_token_revoke(actor=request.actor, token=token)
    messages.success(request, f"Token {token.name} revoked.")
    return redirect("api:tokens")
