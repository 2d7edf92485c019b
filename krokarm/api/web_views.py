"""The account page for API tokens: list one's own, create one (its key shown once), revoke one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from krokarm.api import actions, permissions
from krokarm.api.forms import TokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form for a new one. A new token's key is in this one answer and nowhere else."""
    form = TokenForm(request.POST or None)
    if form.is_valid():
        created = actions.create_token(request.user, form.cleaned_data["name"], days=form.cleaned_data["days"])
        return _page(request, TokenForm(), created=created)
    return _page(request, form, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = permissions.get_token_for_revoking(request.user, pk)
    actions.revoke_token(token, by=request.user)
    messages.success(request, _("Nyckeln %(name)s är återkallad och fungerar inte längre.") % {"name": token.name})
    return redirect("apitokens:list")


def _page(
    request: HttpRequest, form: TokenForm, *, created: actions.NewToken | None = None, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "tokens": permissions.tokens_of(request.user),
        "form": form,
        "created": created,
    }
    return render(request, "api/tokens.html", context, status=status)
