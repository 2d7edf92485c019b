from django.urls import path, re_path

from krokarm.api.errors import not_found
from krokarm.api.views import api

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", not_found),
]
