from django.urls import path

from krokarm.audit import views

app_name = "audit"

urlpatterns = [
    path("samordning/logg/", views.log, name="log"),
    path("samordning/logg/logg.csv", views.log_csv, name="log-csv"),
]
