from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from krokarm.accounts.permissions import is_coordinator
from krokarm.actors.models import Actor, Theme
from krokarm.audit.cache import cache_public_page
from krokarm.home.health import check_database
from krokarm.home.patterns import PATTERNS
from krokarm.lib.database import already_logged


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


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


def duration(seconds: int) -> str:
    """A cookie's age in words: minutes, hours, days, weeks or years, whichever says it exactly enough."""
    minutes, hours, days = round(seconds / 60), round(seconds / 3600), round(seconds / 86400)
    if seconds < 3600:
        return ngettext("%(count)d minut", "%(count)d minuter", minutes) % {"count": minutes}
    if seconds < 86400:
        return ngettext("%(count)d timme", "%(count)d timmar", hours) % {"count": hours}
    if days >= 360:
        years = round(days / 365)
        return ngettext("%(count)d år", "%(count)d år", years) % {"count": years}
    if days % 7 == 0:
        return ngettext("%(count)d vecka", "%(count)d veckor", days // 7) % {"count": days // 7}
    return ngettext("%(count)d dag", "%(count)d dagar", days) % {"count": days}


def cookies() -> list[Cookie]:
    """Every cookie the site can set, for the personal-data page. How long each lasts comes from the settings."""
    if settings.SESSION_SAVE_EVERY_REQUEST:
        session = _("Tills du loggar ut, eller när du inte har använt sidorna på %(duration)s.")
    else:
        session = _("Tills du loggar ut, som längst %(duration)s.")
    if settings.LANGUAGE_COOKIE_AGE is None:
        language = _("Tills du stänger webbläsaren.")
    else:
        language = _("%(duration)s, eller tills du byter språk igen.") % {
            "duration": duration(settings.LANGUAGE_COOKIE_AGE)
        }
    return [
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _(
                "Skyddar formulären mot att en annan webbplats skickar in dem i ditt namn. Sparas när en sida "
                "har ett formulär som skickar uppgifter, till exempel när du skickar en fråga, svarar på om "
                "svaret hjälpte dig eller loggar in."
            ),
            f"{duration(settings.CSRF_COOKIE_AGE)}.",
        ),
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Håller dig inloggad. Sparas bara när du loggar in och tas bort när du loggar ut."),
            session % {"duration": duration(settings.SESSION_COOKIE_AGE)},
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Kommer ihåg vilket språk du har valt. Sparas bara när du byter språk."),
            language,
        ),
        Cookie(
            "messages",
            _("Visar ett kort besked på nästa sida du kommer till, till exempel att något har sparats."),
            _("Tas bort när beskedet har visats."),
        ),
    ]


@require_GET
@cache_public_page
def personal_data(request: HttpRequest) -> HttpResponse:
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "cookies": cookies(),
        "account_retention_days": settings.ACCOUNT_RETENTION_DAYS,
        "mail_retention_days": settings.EMAIL_RETENTION_DAYS,
        "question_retention_days": settings.INSIGHTS_TEXT_RETENTION_DAYS,
        "case_retention_days": settings.CASE_RETENTION_DAYS,
        "case_unanswered_retention_days": settings.CASE_UNANSWERED_RETENTION_DAYS,
    }
    return render(request, "home/personal_data.html", context)


@require_GET
@cache_public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.html", {"contact_email": settings.CONTACT_EMAIL})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when a request could read and write the database now; 503 naming what failed (home/health.py)."""
    health = check_database()
    if health.ok:
        return JsonResponse({"status": "ok", "database": "ok"})
    body = {"status": "unavailable", "database": health.database}
    if health.table:
        body["table"] = health.table
    return already_logged(JsonResponse(body, status=503))  # check_database() logged it, at WARNING


@require_GET
def patterns(request: HttpRequest) -> HttpResponse:
    """Every control, live and with its markup: for the people who build pages (coordinators, or anyone with DEBUG)."""
    if not (settings.DEBUG or is_coordinator(request.user)):
        raise Http404
    return render(request, "home/patterns.html", {"patterns": PATTERNS})
