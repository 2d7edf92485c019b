"""Forms for signing in, invitations, members and two-factor authentication: they validate, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from krokarm.accounts import actions
from krokarm.accounts.models import Affiliation, Invitation, User
from krokarm.accounts.oidc import signed_in_recently
from krokarm.accounts.throttling import check_password
from krokarm.actors.forms import as_choice
from krokarm.actors.models import Actor
from krokarm.outbox.actions import queue_mail


class ActingForMixin:
    """A form the signed-in user sends *for* one of their organisations ("for which of your organisations").

    The form declares the choice field itself (label, widget, Swedish error messages; "actor" unless told)
    and, after `super().__init__()`, calls `self.offer_actors(actors, field=...)`. That makes the actors the
    field's choices (slug, name), keeps them in `self.actors` (slug → Actor) and sets `self.single_actor`: the
    one actor when there is exactly one (the field then becomes a hidden input preset to its slug, so the user
    is not asked), else None. A slug outside the list fails with the field's own "invalid_choice" message;
    `clean_acting_for()` turns the valid slug into its Actor. `clean_actor` does that for a field named
    "actor"; a form with another field name calls `clean_acting_for()` from its own `clean_<field>`.
    """

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    actors: dict[str, Actor]
    single_actor: Actor | None
    acting_field: str = "actor"

    def offer_actors(self, actors: Sequence[Actor], field: str = "actor") -> None:
        self.acting_field = field
        self.actors = {actor.slug: actor for actor in actors}
        choice = as_choice(self.fields[field])
        choice.choices = [(actor.slug, actor.name) for actor in actors]
        self.single_actor = actors[0] if len(actors) == 1 else None
        if self.single_actor is not None:
            choice.initial = self.single_actor.slug
            choice.widget = forms.HiddenInput()

    def clean_acting_for(self) -> Actor:
        return self.actors[self.cleaned_data[self.acting_field]]

    def clean_actor(self) -> Actor:
        return self.clean_acting_for()


class SignInForm(AuthenticationForm):
    """Django's sign-in form; the first field takes an e-mail address or a username."""

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-postadress eller användarnamn")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "maxlength": 254})
        self.fields["password"].label = _("Lösenord")


class ResetForm(PasswordResetForm):
    """Asking for a password-reset link. The page only checks the address's form and enqueues
    tasks.send_password_reset; the worker looks the address up and queues the link (`queue_links`), so the page
    does the same work, in the same time, whether or not the address has an account."""

    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Skriv din e-postadress."), "invalid": _("Skriv en hel e-postadress.")},
    )
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"

    def queue_links(self) -> None:
        """Queue a reset link in the outbox for each active account with this address (none if there is none).
        The link uses the configured SITE_URL, never a request's Host header."""
        with transaction.atomic():
            self.save(
                domain_override=urlsplit(settings.SITE_URL).netloc or "krokarm",
                subject_template_name=self.subject_template_name,
                email_template_name=self.email_template_name,
                use_https=settings.SITE_URL.startswith("https:"),
                extra_email_context={"site": settings.SITE_URL},
            )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Django's form sends at once; ours queues in the outbox (called by `save` inside `queue_links`)."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_mail(to=[to_email], subject=subject, body=body, purpose="account.password_reset", language=get_language())


class NewPasswordForm(SetPasswordForm):
    """Choosing a new password after a reset; saving goes through actions.set_password (audited)."""

    def save(self, commit: bool = True) -> Any:
        return actions.set_password(self.user, self.cleaned_data["new_password1"], source="password-reset")


class ChangePasswordForm(PasswordChangeForm):
    """Changing one's password on the account page; saving goes through actions.set_password (audited)."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Lösenordet stämmer inte. Skriv det lösenord du loggar in med nu."),
        "password_mismatch": _("Lösenorden är inte likadana."),
    }

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["old_password"].label = _("Nuvarande lösenord")
        self.fields["new_password1"].label = _("Nytt lösenord")
        self.fields["new_password1"].help_text = _(
            "Minst 12 tecken. Undvik vanliga ord och lösenord du använder på andra ställen."
        )
        self.fields["new_password2"].label = _("Nytt lösenord igen")

    def clean_old_password(self) -> str:
        """As Django's, but through the sign-in throttle (accounts/throttling.py)."""
        old_password: str = self.cleaned_data["old_password"]
        if not check_password(self.request, self.user, old_password):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password

    def save(self, commit: bool = True) -> Any:
        return actions.set_password(self.user, self.cleaned_data["new_password1"], source="web")


class ConfirmPasswordForm(forms.Form):
    """That the person at the keyboard is the account holder, before a change that cannot be undone.

    With a password: the password, checked through the sign-in throttle. Without one (an account that only signs
    in through single sign-on): a sign-in through the provider within settings.SSO_CONFIRM_MINUTES, never
    anything typed. `by_provider` and `provider_recent` tell the template which of these to show.
    """

    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Skriv ditt lösenord.")},
    )

    def __init__(self, *args: Any, user: Any, request: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.by_provider = not user.has_usable_password()
        self.provider = settings.OIDC_PROVIDER_NAME if settings.OIDC_ENABLED else None
        self.provider_recent = self.by_provider and signed_in_recently(request)
        self.minutes = settings.SSO_CONFIRM_MINUTES
        if self.by_provider:
            del self.fields["password"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not check_password(self.request, self.user, password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."), code="password_incorrect")
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.by_provider and not self.provider_recent:
            raise forms.ValidationError(
                _("Logga in med %(provider)s igen för att bekräfta att det är du."),
                code="sign_in_again",
                params={"provider": self.provider or settings.OIDC_PROVIDER_NAME},
            )
        return data


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Engångskod"),
        help_text=_("Sex siffror från appen, till exempel 123456."),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Skriv koden från appen.")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Koden består av sex siffror."), code="format")
        return code


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=150,
        error_messages={"required": _("Skriv e-postadressen."), "invalid": _("Skriv en hel e-postadress.")},
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Affiliation.Role.choices, initial=Affiliation.Role.MEMBER)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"].strip())
        if Affiliation.objects.filter(actor=self.actor, user__email__iexact=email).exists():
            raise forms.ValidationError(_("Personen är redan medlem."), code="member")
        pending = Invitation.objects.filter(actor=self.actor, email__iexact=email, accepted_at__isnull=True)
        if pending.exists():
            raise forms.ValidationError(
                _("Det finns redan en inbjudan till den adressen. Skicka den igen från listan nedan."), code="invited"
            )
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Affiliation.Role.choices)


class RegisterForm(forms.Form):
    """The invitee's name and password, when they have no account yet."""

    first_name = forms.CharField(
        label=_("Förnamn"), max_length=150, error_messages={"required": _("Skriv ditt förnamn.")}
    )
    last_name = forms.CharField(
        label=_("Efternamn"), max_length=150, error_messages={"required": _("Skriv ditt efternamn.")}
    )
    password1 = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minst 12 tecken. Undvik vanliga ord och lösenord du använder på andra ställen."),
        error_messages={"required": _("Välj ett lösenord.")},
    )
    password2 = forms.CharField(
        label=_("Lösenordet igen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Skriv lösenordet en gång till.")},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", forms.ValidationError(_("Lösenorden är inte likadana."), code="mismatch"))
        elif password1:
            probe = User(
                username=self.email,
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
