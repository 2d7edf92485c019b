from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("krokarm – administration")
admin.site.site_title = _("krokarm")

urlpatterns = [
    path("", include("krokarm.home.urls")),
    path("", include("krokarm.actors.urls")),
    path("", include("krokarm.regions.urls")),
    path("", include("krokarm.strategies.urls")),
    path("", include("krokarm.wayin.urls")),
    path("", include("krokarm.cases.urls")),
    path("", include("krokarm.accounts.urls")),
    path("", include("krokarm.insights.urls")),
    path("", include("krokarm.audit.urls")),
    path("", include("krokarm.comments.urls")),
    path("", include("krokarm.needs.urls")),
    path("", include("krokarm.networks.urls")),
    path("", include("krokarm.notifications.urls")),
    path("", include("krokarm.knowledge.urls")),
    path("", include("krokarm.search.urls")),
    path("", include("krokarm.funding.urls")),
    path("", include("krokarm.confirmations.urls")),
    path("", include("krokarm.challenges.urls")),
    path("", include("krokarm.dialogues.urls")),
    path("", include("krokarm.api.web_urls")),
    path("", include("krokarm.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "krokarm.home.errors.bad_request"
handler404 = "krokarm.home.errors.page_not_found"
handler500 = "krokarm.home.errors.server_error"
handler403 = "krokarm.home.errors.permission_denied"
