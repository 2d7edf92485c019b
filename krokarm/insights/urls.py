from django.urls import path

from krokarm.insights import views

app_name = "insights"

urlpatterns = [
    path("fraga/aterkoppling/", views.feedback, name="feedback"),
    path("fraga/aterkoppling/tack/", views.feedback_thanks, name="feedback-thanks"),
    path("fraga/insikter/", views.dashboard, name="dashboard"),
    path("fraga/insikter.csv", views.dashboard_csv, name="dashboard-csv"),
    path("samordning/fragor/", views.review, name="review"),
    path("samordning/utan-mottagare/", views.unreachable, name="unreachable"),
]
