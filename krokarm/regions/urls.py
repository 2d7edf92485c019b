from django.urls import path

from krokarm.regions import views

app_name = "regions"

urlpatterns = [
    path("regioner/", views.region_list, name="list"),
    path("regioner/<slug:slug>/", views.region_detail, name="detail"),
]
