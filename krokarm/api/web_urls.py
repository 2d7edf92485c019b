"""The account pages for API tokens (the API itself is in urls.py, under /api/v1/)."""

from django.urls import path

from krokarm.api import web_views

app_name = "apitokens"

urlpatterns = [
    path("konto/api-nycklar/", web_views.tokens, name="list"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", web_views.revoke, name="revoke"),
]
