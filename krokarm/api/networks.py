"""API v1, read and public: the networks, their member organisations, coming meetings and joint spaces. The same
queries and access helpers as the network pages (networks/queries.py, networks/permissions.py); registered on
the one NinjaAPI router by importing this module (views.py, last lines). Posts are for members only and people
are never named, so neither is here."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Path as P
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from krokarm.actors.models import Actor, Membership
from krokarm.api import network_schemas as out
from krokarm.api.schemas import SLUG
from krokarm.api.views import ERRORS, Pagination, api
from krokarm.audit.cache import cache_public_page
from krokarm.networks import permissions, queries

TAGS = ["nätverk"]


@api.get("/networks", response={200: list[out.NetworkSummary], **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
@paginate(Pagination)
def list_networks(request: HttpRequest) -> list[Actor]:
    """Nätverken i regional utveckling och kompetensförsörjning, med antal medlemmar och gemensamma ytor."""
    return queries.networks()


@api.get("/networks/{slug}", response={200: out.NetworkDetail, **ERRORS}, tags=TAGS)
@decorate_view(cache_public_page)
def get_network(request: HttpRequest, slug: Annotated[str, P(pattern=SLUG, max_length=80)]) -> dict[str, Any]:
    """Ett nätverk: vad det gör, vilka organisationer som samordnar det och är medlemmar, kommande möten och
    gemensamma ytor. Inläggen är bara för medlemmarna och finns inte i API:t."""
    network = permissions.get_network(slug)
    memberships = queries.memberships([network])
    meetings = queries.meetings([network]).filter(ends_at__gte=timezone.now())
    return {
        "slug": network.slug,
        "name": network.name,
        "short_name": network.short_name,
        "website": network.website,
        "about": network.mandate,
        "member_note": network.member_note,
        "coordinating": [m.member for m in memberships if m.role == Membership.Role.COORDINATOR],
        "members": [{"organisation": m.member, "role": m.role} for m in memberships],
        "meetings": list(meetings),
        "links": queries.links_of(network),
        "page": reverse("networks:detail", args=[network.slug]),
    }
