from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "krokarm.accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        from axes.signals import user_locked_out  # type: ignore[import-untyped]
        from django.contrib.auth.signals import user_login_failed

        from krokarm.accounts import checks, personal_data, throttling  # noqa: F401 (checks registers itself)

        user_login_failed.connect(throttling.log_failure, dispatch_uid="krokarm.accounts.log_failure")
        user_locked_out.connect(throttling.log_lockout, dispatch_uid="krokarm.accounts.log_lockout")

        register = personal_data.register_export
        register(
            "konto", personal_data.account, covers=["accounts.User", "otp_totp.TOTPDevice", "accounts.TwoFactorReset"]
        )
        register("organisationer", personal_data.organisations, covers=["accounts.Affiliation"])
        register("inbjudningar", personal_data.invitations, covers=["accounts.Invitation"])
        register("inloggningar", personal_data.sign_ins)
