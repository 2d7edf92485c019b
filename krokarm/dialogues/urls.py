from django.urls import path

from krokarm.dialogues import export, feeds, report_views, views

app_name = "dialogues"

urlpatterns = [
    path("dialoger/", views.event_list, name="list"),
    path("dialoger/ny/", views.create, name="create"),
    path("dialoger/atgarder/", views.action_list, name="actions"),
    path("dialoger/atgarder/<int:pk>/", views.followup_detail, name="followup"),
    path("dialoger/atgarder/<int:pk>/lage/", views.update_followup, name="update_followup"),
    path("dialoger/atgarder/<int:pk>/ta-pa-oss/", views.take_on_followup, name="take_on_followup"),
    path("dialoger/forslag/<int:pk>/", views.proposal_detail, name="proposal"),
    path("dialoger/forslag/<int:pk>/stod/", views.support, name="support"),
    path("dialoger/forslag/<int:pk>/nasta-steg/", views.create_followup, name="create_followup"),
    path("dialoger/<slug:slug>/", views.event_detail, name="event"),
    path("dialoger/<slug:slug>/andra/", views.edit, name="edit"),
    path("dialoger/<slug:slug>/anmalan/", views.register, name="register"),
    path("dialoger/<slug:slug>/avanmal/", views.cancel, name="cancel"),
    path("dialoger/<slug:slug>/pass/ny/", views.add_session, name="add_session"),
    path("dialoger/<slug:slug>/pass/<int:pk>/", views.session_detail, name="session"),
    # The report, calendars and open data (engineer C: report_views.py, feeds.py, export.py).
    path("dialoger/kalender.ics", feeds.calendar, name="calendar"),
    path("dialoger/atgarder/export.csv", export.actions_csv, name="actions_csv"),
    path("dialoger/atgarder/export.json", export.actions_json, name="actions_json"),
    path("dialoger/<slug:slug>/rapport/", report_views.report_page, name="report"),
    path("dialoger/<slug:slug>/rapport.docx", report_views.report_docx, name="report_docx"),
    path("dialoger/<slug:slug>/kalender.ics", feeds.event_calendar, name="event_calendar"),
]
