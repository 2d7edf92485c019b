from django.urls import path

from krokarm.strategies import contribution_views, editing_views, feeds, views

app_name = "strategies"

urlpatterns = [
    path("strategier/", views.overview, name="overview"),
    path("strategier/kalender.ics", feeds.calendar, name="calendar"),
    path("strategier/nya-ingangar.atom", feeds.new_entry_points, name="new_entry_points"),
    path("strategier/<slug:slug>/kalender.ics", feeds.region_calendar, name="region_calendar"),
    path("strategier/ingang/<int:pk>/", views.entry_point_detail, name="entry_point"),
    path("strategier/ingang/<int:pk>/intresse/", contribution_views.register_interest, name="interest"),
    path("strategier/ingang/<int:pk>/bidra/", contribution_views.submit_contribution, name="contribute"),
    path("strategier/ingang/<int:pk>/bidrag/", contribution_views.contribution_list, name="contributions"),
    path(
        "strategier/ingang/<int:pk>/bidrag/<int:contribution_pk>/bekrafta/",
        contribution_views.acknowledge,
        name="acknowledge",
    ),
    path("strategier/bilaga/<int:pk>/", contribution_views.download_attachment, name="attachment"),
    path("strategier/<slug:slug>/redigera/", editing_views.manage, name="manage"),
    path("strategier/<slug:slug>/redigera/fas/<int:pk>/", editing_views.edit_phase, name="edit_phase"),
    path("strategier/<slug:slug>/redigera/process/<int:process_pk>/ny-fas/", editing_views.add_phase, name="add_phase"),
    path("strategier/<slug:slug>/redigera/ingang/ny/", editing_views.add_entry_point, name="add_entry_point"),
    path("strategier/<slug:slug>/redigera/ingang/<int:pk>/", editing_views.edit_entry_point, name="edit_entry_point"),
    path("strategier/<slug:slug>/", views.region_strategy, name="region"),
]
