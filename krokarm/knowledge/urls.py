from django.urls import path

from krokarm.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("kunskap/", views.item_list, name="list"),
    path("kunskap/ny/", views.create, name="create"),
    path("kunskap/export.csv", views.export_csv, name="export-csv"),
    path("kunskap/export.json", views.export_json, name="export-json"),
    path("kunskap/forfragningar/", views.inbox, name="inbox"),
    path("kunskap/forfragningar/<int:pk>/svara/", views.answer_request, name="answer"),
    path("kunskap/<int:pk>/", views.item_detail, name="detail"),
    path("kunskap/<int:pk>/andra/", views.edit, name="edit"),
    path("kunskap/<int:pk>/ta-bort/", views.delete, name="delete"),
    path("kunskap/<int:pk>/fil/", views.download, name="download"),
    path("kunskap/<int:pk>/fraga/", views.request_access, name="request"),
    path("kunskap/<int:pk>/aterbruk/", views.reuse, name="reuse"),
]
