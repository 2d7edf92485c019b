"""Signing in (with a one-time code where needed), invitations, an organisation's members, sessions, and the
user's own account page (password, authenticator app, data download, deleting the account)."""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from typing import Any
from urllib.parse import urlencode

import qrcode  # type: ignore[import-untyped]
import qrcode.image.svg  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login  # type: ignore[import-untyped]
from django_otp import user_has_device
from django_otp.oath import TOTP  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]

from krokarm.accounts import actions, personal_data
from krokarm.accounts.forms import (
    ChangePasswordForm,
    ConfirmPasswordForm,
    InviteForm,
    NewPasswordForm,
    OneTimeCodeForm,
    RegisterForm,
    ResetForm,
    RoleForm,
    SignInForm,
)
from krokarm.accounts.models import Affiliation, Invitation
from krokarm.accounts.permissions import (
    LINK_OPENED_SESSION_KEY,
    can_connect_two_factor_app,
    can_manage_members,
    can_reset_two_factor,
    is_coordinator,
    needs_two_factor,
    prime_roles,
)
from krokarm.accounts.tasks import request_password_reset
from krokarm.actors.models import Actor

SETUP_KEY = "two_factor_setup_key"
# The secret that ties the e-mailed link after a reset to the sign-in it was sent for.
LINK_BINDING_KEY = "two_factor_link_binding"


def _next(request: HttpRequest, default: str = "home:start") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


class SignInView(auth_views.LoginView):
    """Django's sign-in; then the one-time code for those with an app, or setting one up for those who must."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["provider"] = settings.OIDC_PROVIDER_NAME if settings.OIDC_ENABLED else None
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        login(self.request, user)
        target = self.get_success_url()
        if user_has_device(user):
            return HttpResponseRedirect(_with_next("accounts:two-factor-verify", target))
        if settings.REQUIRE_TWO_FACTOR and needs_two_factor(user):
            if not can_connect_two_factor_app(user, self.request.session):
                _send_two_factor_link(self.request)
                return HttpResponseRedirect(_with_next("accounts:two-factor-confirm", target))
            return HttpResponseRedirect(_with_next("accounts:two-factor-setup", target))
        return HttpResponseRedirect(target)


class ChangePasswordView(auth_views.PasswordChangeView):
    """Django's password change (signed in, with the current password); it keeps the session signed in."""

    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password-change-done")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["request"] = self.request  # the current password is checked through the sign-in throttle
        return kwargs


class ResetView(auth_views.PasswordResetView):
    """The same answer, after the same work, whether or not the address has an account, so neither the page nor
    its timing reveals anybody's address: the page only enqueues a task; the worker looks the address up."""

    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        request_password_reset(form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Connect an authenticator app: scan the code (or type the key), then prove it with a first code."""
    if user_has_device(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_with_next("accounts:two-factor-verify", _next(request)))
    if not can_connect_two_factor_app(request.user, request.session):
        return redirect(_with_next("accounts:two-factor-confirm", _next(request)))
    key = request.session.get(SETUP_KEY) or random_hex(20)
    request.session[SETUP_KEY] = key
    form = OneTimeCodeForm(request.POST or None)
    if form.is_valid():
        totp = TOTP(unhexlify(key))
        totp.time = time.time()
        if totp.verify(int(form.cleaned_data["code"]), tolerance=1):
            device = actions.enable_two_factor(request.user, key, last_t=totp.t())  # type: ignore[arg-type]
            del request.session[SETUP_KEY]
            request.session.pop(LINK_OPENED_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(
                request, _("Tvåstegsverifiering är påslagen. Nästa gång du loggar in frågar vi efter en kod.")
            )
            return redirect(_next(request))
        form.add_error("code", _("Koden stämmer inte. Skriv koden som appen visar just nu."))
    device = TOTPDevice(user=request.user, key=key)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    context = {
        "form": form,
        "qr_svg": image.to_string(encoding="unicode"),
        "secret": " ".join(_chunks(b32encode(unhexlify(key)).decode(), 4)),
        "has_device": user_has_device(request.user),
        "required": needs_two_factor(request.user),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


def _send_two_factor_link(request: HttpRequest) -> None:
    binding = actions.send_two_factor_link(request.user)  # type: ignore[arg-type]
    if binding is not None:
        request.session[LINK_BINDING_KEY] = binding


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_confirm(request: HttpRequest) -> HttpResponse:
    """After someone else reset the user's app: we have e-mailed a link, which opens the set-up in this browser.
    A POST sends a new link."""
    if can_connect_two_factor_app(request.user, request.session):
        return redirect(_with_next("accounts:two-factor-setup", _next(request)))
    if request.method == "POST":
        _send_two_factor_link(request)
        messages.success(request, _("Vi har skickat en ny länk."))
        return redirect(_with_next("accounts:two-factor-confirm", _next(request)))
    context = {
        "sent": LINK_BINDING_KEY in request.session,
        "email": request.user.email,  # type: ignore[union-attr]
        "minutes": actions.TWO_FACTOR_LINK_MINUTES,
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_confirm.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_link(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link after a reset. A GET only shows a button (mail scanners open links); the POST uses the
    link, in the browser that signed in, and goes on to connecting a new app."""
    if request.method == "GET":
        return render(request, "accounts/two_factor_link.html", {"token": token})
    binding = request.session.get(LINK_BINDING_KEY)
    if not actions.open_two_factor_link(token, request.user, binding):
        return render(request, "accounts/two_factor_link_invalid.html", status=410)
    del request.session[LINK_BINDING_KEY]
    request.session[LINK_OPENED_SESSION_KEY] = request.user.pk
    return redirect("accounts:two-factor-setup")


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code the user's app shows now."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(_with_next("accounts:two-factor-setup", _next(request)))
    form = OneTimeCodeForm(request.POST or None)
    if form.is_valid():
        # django-otp doubles the wait after each wrong code (1, 2, 4… seconds), against guessing.
        allowed, _why = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("För många fel koder i rad. Vänta några sekunder och försök igen."))
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next(request))
        else:
            form.add_error("code", _("Koden stämmer inte. Skriv koden som appen visar just nu."))
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=400 if form.errors else 200)


@require_POST
def extend_session(request: HttpRequest) -> HttpResponse:
    """Keep a signed-in user's session going (the page's warning before idle sign-out calls it)."""
    if not request.user.is_authenticated:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"signed_in": False}, status=401)
        return redirect(settings.LOGIN_URL)
    request.session.modified = True  # saved with a new expiry (SESSION_SAVE_EVERY_REQUEST does so too)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"signed_in": True, "seconds_left": settings.SESSION_COOKIE_AGE})
    return redirect(_next(request))


def _managed_actor(user: Any, slug: str) -> Actor:
    actor = get_object_or_404(Actor, slug=slug)
    if not can_manage_members(user, actor):
        raise PermissionDenied
    return actor


def _members_page(
    request: HttpRequest, actor: Actor, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    has_app = TOTPDevice.objects.filter(user=OuterRef("user_id"), confirmed=True)
    members = list(
        actor.affiliations.select_related("user")
        .annotate(has_two_factor=Exists(has_app))
        .order_by("user__first_name", "user__email")
    )
    prime_roles([member.user for member in members])
    context = {
        "actor": actor,
        "members": members,
        "resettable": {m.pk for m in members if can_reset_two_factor(request.user, m.user, actor)},
        "invitations": actor.invitations.filter(accepted_at__isnull=True).select_related("invited_by"),
        "invite_form": invite_form or InviteForm(actor=actor),
        "roles": Affiliation.Role.choices,
        "days": settings.INVITATION_DAYS,
    }
    return render(request, "accounts/members.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    return _members_page(request, actor)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    form = InviteForm(request.POST, actor=actor)
    if not form.is_valid():
        return _members_page(request, actor, form, status=400)
    invitation = actions.invite(actor, form.cleaned_data["email"], form.cleaned_data["role"], by=request.user)
    messages.success(request, _("En inbjudan har skickats till %(email)s.") % {"email": invitation.email})
    return redirect("accounts:members", slug=actor.slug)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    affiliation = get_object_or_404(Affiliation.objects.select_related("user"), pk=pk, actor=actor)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(request, actor, status=400)
    try:
        actions.change_role(affiliation, form.cleaned_data["role"], by=request.user)
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Rollen för %(name)s är ändrad.") % {"name": _name(affiliation.user)})
    return redirect("accounts:members", slug=actor.slug)


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    affiliation = get_object_or_404(Affiliation.objects.select_related("user"), pk=pk, actor=actor)
    try:
        actions.remove_member(affiliation, by=request.user)
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s är inte längre medlem.") % {"name": _name(affiliation.user)})
    return redirect("accounts:members", slug=actor.slug)


@login_required
@require_POST
def reset_two_factor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member lost their phone: their organisation's admin (or a coordinator) disconnects their app, if they
    rank above them (permissions.can_reset_two_factor); anyone else gets 404, like another organisation's page."""
    actor = get_object_or_404(Actor, slug=slug)
    affiliation = get_object_or_404(Affiliation.objects.select_related("user"), pk=pk, actor=actor)
    prime_roles([request.user, affiliation.user])
    if not can_reset_two_factor(request.user, affiliation.user, actor):
        raise Http404
    try:
        actions.reset_two_factor(affiliation.user, by=request.user, organisation=actor)
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Tvåstegsverifieringen för %(name)s är återställd. Hen får veta det med e-post och får en länk "
                "för att koppla en ny app nästa gång hen loggar in."
            )
            % {"name": _name(affiliation.user)},
        )
    if not can_manage_members(request.user, actor):  # a coordinator has no members page to go back to
        return redirect("accounts:account")
    return redirect("accounts:members", slug=actor.slug)


@login_required
@require_POST
def resend_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, actor=actor, accepted_at__isnull=True)
    actions.resend_invitation(invitation, by=request.user)
    messages.success(request, _("Inbjudan har skickats igen till %(email)s.") % {"email": invitation.email})
    return redirect("accounts:members", slug=actor.slug)


@login_required
@require_POST
def withdraw_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = _managed_actor(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, actor=actor, accepted_at__isnull=True)
    actions.withdraw_invitation(invitation, by=request.user)
    messages.success(request, _("Inbjudan till %(email)s är återkallad.") % {"email": invitation.email})
    return redirect("accounts:members", slug=actor.slug)


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.email or user.username)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page: set a name and password, or (signed in with the invited address) just accept."""
    found = Invitation.objects.select_related("actor").filter(token_hash=actions.hash_token(token)).first()
    if found is None or not found.is_pending:
        return render(request, "accounts/invitation_invalid.html", status=404 if found is None else 410)
    user: Any = request.user
    signed_in_as_invitee = user.is_authenticated and user.email.casefold() == found.email.casefold()
    has_account = not user.is_authenticated and actions.email_in_use(found.email)
    form = RegisterForm(request.POST or None, email=found.email)
    context = {
        "invitation": found,
        "form": form,
        "signed_in_as_invitee": signed_in_as_invitee,
        "has_account": has_account,
    }
    if request.method == "GET" or (user.is_authenticated and not signed_in_as_invitee) or has_account:
        return render(request, "accounts/invitation.html", context)
    if signed_in_as_invitee:
        actions.accept_invitation(found, user)
    elif form.is_valid():
        data = form.cleaned_data
        new_user, _affiliation = actions.register_from_invitation(
            found, first_name=data["first_name"], last_name=data["last_name"], password=data["password1"]
        )
        login(request, new_user, backend="krokarm.accounts.backends.EmailOrUsernameBackend")
    else:
        return render(request, "accounts/invitation.html", context, status=400)
    messages.success(request, _("Välkommen! Du arbetar nu för %(actor)s i krokarm.") % {"actor": found.actor.name})
    return redirect("home:start")


def _account_page(request: HttpRequest, remove_form: ConfirmPasswordForm | None = None, status: int = 200) -> Any:
    user: Any = request.user
    context = {
        "affiliations": user.affiliations.select_related("actor").order_by("actor__name"),
        "devices": TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at"),
        "two_factor_required": needs_two_factor(user),
        "is_coordinator": is_coordinator(user),
        "remove_form": remove_form or ConfirmPasswordForm(user=user, request=request, auto_id="ta-bort-app-%s"),
    }
    return render(request, "accounts/account.html", context, status=status)


@never_cache
@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own page: who they are, where they work, and what they can do about their data."""
    return _account_page(request)


@never_cache
@login_required
@require_POST
def remove_two_factor(request: HttpRequest) -> HttpResponse:
    """Disconnect one's own authenticator app, after confirming the password (or a fresh single sign-on)."""
    form = ConfirmPasswordForm(request.POST, user=request.user, request=request, auto_id="ta-bort-app-%s")
    if not form.is_valid():
        return _account_page(request, remove_form=form, status=400)
    try:
        actions.remove_two_factor(request.user, by=request.user)  # type: ignore[arg-type]
    except actions.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Appen för engångskoder är bortkopplad."))
    return redirect("accounts:account")


@never_cache
@login_required
@require_GET
def download_personal_data(request: HttpRequest) -> HttpResponse:
    """Everything krokarm holds about the user, as a JSON file (GDPR art. 15 and 20)."""
    response = JsonResponse(personal_data.export(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    filename = f"krokarm-mina-uppgifter-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """What deleting the account means, and the password (or a fresh single sign-on) to confirm it (GDPR art. 17)."""
    user: Any = request.user
    form = ConfirmPasswordForm(request.POST if request.method == "POST" else None, user=user, request=request)
    context = {"form": form, "sole_admin_of": actions.sole_admin_of(user)}
    if request.method == "GET" or not form.is_valid():
        return render(request, "accounts/delete_account.html", context, status=400 if form.errors else 200)
    try:
        actions.delete_account(user)
    except actions.AccountError as error:
        form.add_error(None, str(error))
        return render(request, "accounts/delete_account.html", context, status=409)
    logout(request)
    messages.success(request, _("Ditt konto och dina personuppgifter är raderade."))
    return redirect("home:start")
