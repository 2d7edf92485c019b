from django.contrib.auth import views as auth_views
from django.urls import path

from krokarm.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/tvastegsverifiering/", views.two_factor_setup, name="two-factor-setup"),
    path("konto/tvastegsverifiering/kod/", views.two_factor_verify, name="two-factor-verify"),
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
    path("organisation/<slug:slug>/medlemmar/", views.members, name="members"),
    path("organisation/<slug:slug>/medlemmar/bjud-in/", views.invite, name="invite"),
    path("organisation/<slug:slug>/medlemmar/<int:pk>/roll/", views.change_role, name="change-role"),
    path("organisation/<slug:slug>/medlemmar/<int:pk>/ta-bort/", views.remove_member, name="remove-member"),
    path("organisation/<slug:slug>/inbjudningar/<int:pk>/skicka-igen/", views.resend_invitation, name="resend"),
    path("organisation/<slug:slug>/inbjudningar/<int:pk>/aterkalla/", views.withdraw_invitation, name="withdraw"),
]
