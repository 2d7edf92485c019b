from django.urls import path

from krokarm.funding import views

app_name = "funding"

urlpatterns = [
    path("finansiering/", views.programme_list, name="list"),
    path("finansiering/matris/", views.matrix, name="matrix"),
    path("finansiering/export.csv", views.export_csv, name="export-csv"),
    path("finansiering/export.json", views.export_json, name="export-json"),
    path("finansiering/<slug:slug>/", views.programme_detail, name="detail"),
]
