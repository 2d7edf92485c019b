from django.urls import path

from krokarm.wayin import views

app_name = "wayin"

urlpatterns = [
    path("fraga/", views.ask, name="ask"),
]
