from django.urls import path

from krokarm.actors import views

app_name = "actors"

urlpatterns = [
    path("aktorer/", views.actor_list, name="list"),
    path("aktorer/<slug:slug>/", views.actor_detail, name="detail"),
    path("aktorer/<slug:slug>/redigera/", views.edit_actor, name="edit"),
    path("aktorer/<slug:slug>/redigera/ansvar/nytt/", views.edit_responsibility, name="add-responsibility"),
    path("aktorer/<slug:slug>/redigera/ansvar/<int:pk>/", views.edit_responsibility, name="edit-responsibility"),
    path(
        "aktorer/<slug:slug>/redigera/ansvar/<int:pk>/ta-bort/",
        views.delete_responsibility,
        name="delete-responsibility",
    ),
    path("aktorer/<slug:slug>/redigera/tjanster/ny/", views.edit_service, name="add-service"),
    path("aktorer/<slug:slug>/redigera/tjanster/<int:pk>/", views.edit_service, name="edit-service"),
    path("aktorer/<slug:slug>/redigera/tjanster/<int:pk>/ta-bort/", views.delete_service, name="delete-service"),
    path("vem-ansvarar-for-vad/", views.responsibility_matrix, name="matrix"),
    path("vem-ansvarar-for-vad/samverkan/", views.collaboration, name="collaboration"),
    path("data/", views.data_page, name="data"),
    path("data/aktorer.csv", views.download_actors_csv, name="download-actors-csv"),
    path("data/ansvar.csv", views.download_responsibilities_csv, name="download-responsibilities-csv"),
    path("data/katalog.json", views.download_json, name="download-json"),
]
