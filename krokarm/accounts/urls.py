from django.contrib.auth import views as auth_views
from django.urls import path

from krokarm.accounts import oidc, views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("logga-in/e-legitimation/", oidc.start, name="oidc-start"),
    path("logga-in/e-legitimation/svar/", oidc.callback, name="oidc-callback"),
    path("konto/tvastegsverifiering/", views.two_factor_setup, name="two-factor-setup"),
    path("konto/tvastegsverifiering/kod/", views.two_factor_verify, name="two-factor-verify"),
    path("konto/tvastegsverifiering/bekrafta/", views.two_factor_confirm, name="two-factor-confirm"),
    path("konto/tvastegsverifiering/bekrafta/<str:token>/", views.two_factor_link, name="two-factor-link"),
    path("konto/forlang/", views.extend_session, name="extend-session"),
    path("konto/losenord/", views.ResetView.as_view(), name="password-reset"),
    path(
        "konto/losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path("konto/losenord/nytt/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("konto/inbjudan/<str:token>/", views.invitation, name="invitation"),
    # The user's own account. Not under konto/tvastegsverifiering/, which stays open before the one-time code.
    path("konto/", views.account, name="account"),
    path("konto/losenord/byt/", views.ChangePasswordView.as_view(), name="password-change"),
    path(
        "konto/losenord/bytt/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password-change-done",
    ),
    path("konto/app/koppla-bort/", views.remove_two_factor, name="remove-two-factor"),
    path("konto/mina-uppgifter/", views.download_personal_data, name="personal-data"),
    path("konto/radera/", views.delete_account, name="delete-account"),
    path("organisation/<slug:slug>/medlemmar/", views.members, name="members"),
    path("organisation/<slug:slug>/medlemmar/bjud-in/", views.invite, name="invite"),
    path("organisation/<slug:slug>/medlemmar/<int:pk>/roll/", views.change_role, name="change-role"),
    path("organisation/<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.remove_member, name="remove-member"),
    path(
        "organisation/<slug:slug>/medlemmar/<int:pk>/tvastegsverifiering/",
        views.reset_two_factor,
        name="reset-two-factor",
    ),
    path("organisation/<slug:slug>/inbjudningar/<int:pk>/skicka-igen/", views.resend_invitation, name="resend"),
    path("organisation/<slug:slug>/inbjudningar/<int:pk>/aterkalla/", views.withdraw_invitation, name="withdraw"),
]
