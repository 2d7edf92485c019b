from django.urls import path

from krokarm.challenges import views

app_name = "challenges"

urlpatterns = [
    path("utmaningar/", views.challenge_list, name="list"),
    path("utmaningar/ny/", views.create, name="create"),
    path("utmaningar/export.csv", views.export_csv, name="export_csv"),
    path("utmaningar/export.json", views.export_json, name="export_json"),
    path("utmaningar/<slug:slug>/", views.challenge_detail, name="detail"),
    path("utmaningar/<slug:slug>/andra/", views.edit, name="edit"),
    path("utmaningar/<slug:slug>/status/", views.change_status, name="status"),
    path("utmaningar/<slug:slug>/deltagare/", views.participants, name="participants"),
    path("utmaningar/<slug:slug>/deltagare/<int:pk>/ta-bort/", views.remove_participant, name="remove_participant"),
    path("utmaningar/<slug:slug>/delta/", views.join, name="join"),
    path("utmaningar/<slug:slug>/jamfor/", views.compare, name="compare"),
    path("utmaningar/<slug:slug>/arbetssatt/<slug:region_slug>/", views.approach, name="approach"),
]
