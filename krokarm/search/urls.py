from django.urls import path

from krokarm.search import views

app_name = "search"

urlpatterns = [
    path("sok/", views.search, name="search"),
]
