"""How the EU programmes 2021–2027 are found by site search."""

from __future__ import annotations

from krokarm.actors.models import Theme
from krokarm.funding.models import Programme, Reach
from krokarm.regions.models import County
from krokarm.search.registry import Document, register, register_part, theme_slugs


def programme_document(programme: Programme) -> Document:
    actor = programme.managing_authority
    authority = actor.name if actor is not None else programme.managing_authority_text
    reach = [
        f"{r.get_target_display()} {r.get_how_display()} {r.note}" for r in Reach.objects.filter(programme=programme)
    ]
    parts = [
        programme.get_fund_display(),
        authority,
        programme.summary,
        programme.who_may_apply,
        programme.budget,
        *reach,
    ]
    return Document(
        title=programme.name,
        text=" ".join(p for p in parts if p),
        url=programme.get_absolute_url(),
        region=" ".join(sorted(County.objects.filter(programmes=programme).values_list("code", flat=True))),
        themes=theme_slugs(Theme.objects.filter(programmes=programme).select_related("parent")),
    )


def register_all() -> None:
    register(
        Programme,
        kind="program",
        document=programme_document,
        queryset=lambda: Programme.objects.select_related("managing_authority"),
        m2m=("themes", "counties"),
    )
    register_part(Reach, of=lambda reach: Programme.objects.filter(pk=reach.programme_id).first())
