from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from krokarm.actors.models import Actor, Theme
from krokarm.audit.cache import cache_public_page


@require_GET
@cache_public_page
def start(request: HttpRequest) -> HttpResponse:
    counts = dict(Actor.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    areas = Theme.objects.filter(parent=None).order_by("order")
    return render(
        request,
        "home/start.html",
        {"counts": counts, "areas": areas},
    )


@require_GET
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """Remember the visitor's language in a cookie and go back to the page they were on.

    A plain link rather than a form: a language preference is not a change worth
    protecting with a CSRF token, and pages without tokens can be cached for everyone.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404(_("Det språket finns inte."))
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.HTTPS,
        httponly=True,
    )
    return response


@require_GET
@cache_public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "home/about.html")


@require_GET
@cache_public_page
def personal_data(request: HttpRequest) -> HttpResponse:
    return render(request, "home/personal_data.html", {"contact_email": settings.CONTACT_EMAIL})


@require_GET
@cache_public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.html", {"contact_email": settings.CONTACT_EMAIL})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
