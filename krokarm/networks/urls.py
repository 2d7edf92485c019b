from django.urls import path

from krokarm.networks import views

app_name = "networks"

urlpatterns = [
    path("natverk/", views.network_list, name="list"),
    path("natverk/samverkan/<slug:slug>/", views.link_detail, name="link"),
    path("natverk/samverkan/<slug:slug>/kalender.ics", views.link_calendar, name="link-calendar"),
    path("natverk/samverkan/<slug:slug>/inlagg/", views.link_post_create, name="link-post"),
    path("natverk/samverkan/<slug:slug>/hantera/", views.link_manage, name="link-manage"),
    path(
        "natverk/samverkan/<slug:slug>/hantera/<slug:network_slug>/ta-bort/",
        views.link_network_remove,
        name="link-network-remove",
    ),
    path("natverk/<slug:slug>/", views.network_detail, name="detail"),
    path("natverk/<slug:slug>/kalender.ics", views.network_calendar, name="calendar"),
    path("natverk/<slug:slug>/inlagg/", views.post_create, name="post"),
    path("natverk/<slug:slug>/moten/nytt/", views.meeting_create, name="meeting-create"),
    path("natverk/<slug:slug>/moten/<int:pk>/andra/", views.meeting_edit, name="meeting-edit"),
    path("natverk/<slug:slug>/moten/<int:pk>/ta-bort/", views.meeting_delete, name="meeting-delete"),
    path("natverk/<slug:slug>/medlemmar/", views.members, name="members"),
    path("natverk/<slug:slug>/medlemmar/<slug:member_slug>/ta-bort/", views.member_remove, name="member-remove"),
]
