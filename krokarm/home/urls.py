from django.urls import path

from krokarm.home import views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
    path("om-krokarm/", views.about, name="about"),
    path("sprak/<str:language>/", views.switch_language, name="language"),
    path("personuppgifter/", views.personal_data, name="personal-data"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("monster/", views.patterns, name="patterns"),
    path("healthz", views.healthz, name="healthz"),
]
