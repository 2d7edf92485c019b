from django.urls import path

from krokarm.confirmations import views

app_name = "confirmations"

urlpatterns = [
    path("konto/bekrafta/", views.overview, name="overview"),
    path("konto/bekrafta/<slug:slug>/", views.organisation, name="organisation"),
    path("konto/bekrafta/<slug:slug>/<slug:kind>/<int:pk>/", views.confirm, name="confirm"),
]
