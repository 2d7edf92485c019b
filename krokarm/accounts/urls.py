from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

# Django's own sign-in and sign-out views, in krokarm's layout. The accounts issue adds invitations,
# password reset, two-factor authentication and throttling.
urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
