"""Writes to the directory. Every change goes through here and leaves an audit row.

The seed command, the admin and (later) the API call these same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from krokarm.actors import reference_data as ref
from krokarm.actors.models import Actor, Membership, Responsibility, Service, TargetGroup, Theme
from krokarm.audit.actions import Changes, delete_tracked, diff, record, save_tracked
from krokarm.lib.text import fold
from krokarm.notifications.actions import notify_followers
from krokarm.regions.actions import save_county
from krokarm.regions.models import County

Progress = Callable[[str, int, int], None]


@dataclass
class SyncSummary:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def count(self, created: bool, changes: dict[str, Any]) -> None:
        if created:
            self.created += 1
        elif changes:
            self.updated += 1

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.deleted} deleted"


SEARCHED_FIELDS = ("name", "short_name", "code", "seat", "mandate")


def search_text_for(fields: dict[str, Any], kind: str, county: County | None) -> str:
    parts = [fields[f] for f in SEARCHED_FIELDS] + [str(Actor.Kind(kind).label), county.name if county else ""]
    return fold(" ".join(str(p) for p in parts if p))


def save_actor(actor: Actor, values: dict[str, Any], *, source: str, user: Any = None) -> dict[str, Any]:
    """Create or update `actor` with `values` (model field → value), keeping its search text current."""
    fields = {f: values.get(f, getattr(actor, f)) for f in SEARCHED_FIELDS}
    county = values.get("county", actor.county if actor.county_id else None)
    search_text = search_text_for(fields, values.get("kind", actor.kind), county)
    return save_tracked(actor, {**values, "search_text": search_text}, source=source, user=user)


def refresh_search_text(actor: Actor) -> None:
    """Recompute the search text of an actor whose fields the caller has already set (the admin's form).

    The caller saves the actor and writes the audit row; see audit.admin.AuditedModelAdmin.
    """
    actor.search_text = search_text_for(
        {f: getattr(actor, f) for f in SEARCHED_FIELDS}, actor.kind, actor.county if actor.county_id else None
    )


# What an actor's editors may change on its profile (the rest comes from the reference data).
PROFILE_FIELDS = ("short_name", "website", "seat", "mandate", "mandate_source_url", "member_note", "case_email")


def update_profile(actor: Actor, values: dict[str, Any], *, user: Any, source: str = "web") -> Changes:
    """Change the profile fields in `values` (keys from PROFILE_FIELDS) for one of the actor's editors.

    The caller must have checked that `user` may edit `actor` (permissions.can_edit_actor). The audit
    row names the user and the actor as the organisation; the search text follows the new values.
    """
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        changes = diff(actor, values)
        if changes:
            for field, value in values.items():
                setattr(actor, field, value)
            refresh_search_text(actor)
            actor.save()
            record("actor.updated", actor, changes=changes, source=source, user=user, organisation=actor)
            notify_followers(actor, _("%(label)s har uppdaterat sin profil."), exclude=user)
    return changes


def save_responsibility(
    responsibility: Responsibility,
    values: dict[str, Any],
    *,
    target_groups: set[str],
    user: Any,
    source: str = "web",
) -> Changes:
    """Create or change one of an actor's responsibilities (`responsibility.actor` must be set).

    `values` holds theme (a Theme), role, description, basis, source_url and questions (a list);
    `target_groups` the slugs it is for. The caller guarantees the actor has no other responsibility
    with the same theme and role (the form checks it).
    """
    m2m = {"target_groups": target_groups}
    with transaction.atomic():
        changes = save_tracked(
            responsibility, values, source=source, user=user, organisation=responsibility.actor, m2m=m2m
        )
        if changes:
            notify_followers(
                responsibility.actor,
                _("%(label)s har uppdaterat sitt ansvar för %(theme)s."),
                exclude=user,
                params={"theme": responsibility.theme.name},
            )
    return changes


def delete_responsibility(responsibility: Responsibility, *, user: Any, source: str = "web") -> None:
    """Remove one of an actor's responsibilities, leaving an audit row that says what it was."""
    with transaction.atomic():
        delete_tracked(responsibility, source=source, user=user, organisation=responsibility.actor)
        notify_followers(
            responsibility.actor,
            _("%(label)s har tagit bort sitt ansvar för %(theme)s."),
            exclude=user,
            params={"theme": responsibility.theme.name},
        )


def save_service(
    service: Service, values: dict[str, Any], *, target_groups: set[str], user: Any, source: str = "web"
) -> Changes:
    """Create or change one of an actor's services (`service.actor` must be set).

    `values` holds name, description, url and theme (a Theme or None). The caller guarantees the
    name is not used by another of the actor's services (the form checks it).
    """
    m2m = {"target_groups": target_groups}
    with transaction.atomic():
        changes = save_tracked(service, values, source=source, user=user, organisation=service.actor, m2m=m2m)
        if changes:
            notify_followers(
                service.actor,
                _("%(label)s har uppdaterat tjänsten %(service)s."),
                exclude=user,
                params={"service": service.name},
            )
    return changes


def delete_service(service: Service, *, user: Any, source: str = "web") -> None:
    """Remove one of an actor's services, leaving an audit row that says what it was."""
    with transaction.atomic():
        delete_tracked(service, source=source, user=user, organisation=service.actor)
        notify_followers(
            service.actor,
            _("%(label)s har tagit bort tjänsten %(service)s."),
            exclude=user,
            params={"service": service.name},
        )


def apply_reference_data(
    dataset: ref.Dataset, *, source: str = "seed", progress: Progress | None = None
) -> SyncSummary:
    """Make the database hold exactly the reference data in `dataset`.

    Rows are matched on their natural keys (county code, theme and actor slug,
    actor + theme + role, actor + service name, network + member). Responsibilities,
    services and memberships missing from the files are deleted; actors and themes
    never are, because other records will point at them.
    """
    summary = SyncSummary()
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        counties = {}
        for county_row in dataset.counties:
            existing = County.objects.filter(code=county_row.code).exists()
            county, changes = save_county(asdict(county_row), source=source)
            summary.count(not existing, changes)
            counties[county.code] = county
        report("counties", len(counties), len(dataset.counties))

        groups = {g.slug: g for g in TargetGroup.objects.all()}
        for group_row in dataset.target_groups:
            group = groups.get(group_row.slug) or TargetGroup()
            summary.count(group.pk is None, save_tracked(group, asdict(group_row), source=source))
        report("target groups", len(dataset.target_groups), len(dataset.target_groups))

        themes = {t.slug: t for t in Theme.objects.select_related("parent")}
        for theme_row in sorted(dataset.themes, key=lambda t: t.kind != "strategic_area"):
            theme = themes.get(theme_row.slug) or Theme()
            values = {**asdict(theme_row), "parent": themes.get(theme_row.parent)}
            summary.count(theme.pk is None, save_tracked(theme, values, source=source))
            themes[theme.slug] = theme
        report("themes", len(dataset.themes), len(dataset.themes))

        _apply_actors(dataset.actors, counties, themes, summary, source, report)
    return summary


def _apply_actors(
    rows: list[ref.ActorRow],
    counties: dict[str, County],
    themes: dict[str, Theme],
    summary: SyncSummary,
    source: str,
    report: Progress,
) -> None:
    actors = {a.slug: a for a in Actor.objects.select_related("county", "ministry")}
    # Ministries first, so agencies can point at them.
    ordered = sorted(rows, key=lambda r: r.kind != "ministry")
    for done, row in enumerate(ordered, start=1):
        actor = actors.get(row.slug) or Actor()
        values = {
            "kind": row.kind,
            "name": row.name,
            "short_name": row.short_name,
            "org_number": row.org_number,
            "code": row.code,
            "website": row.website,
            "seat": row.seat,
            "mandate": row.mandate,
            "mandate_source_url": row.mandate_source_url,
            "member_note": row.member_note,
            "county": counties.get(row.county) if row.county else None,
            "ministry": actors.get(row.ministry) if row.ministry else None,
        }
        if actor.pk is None:
            values["slug"] = row.slug
        summary.count(actor.pk is None, save_actor(actor, values, source=source))
        actors[row.slug] = actor
        if done % 50 == 0 or done == len(ordered):
            report("actors", done, len(ordered))

    for done, row in enumerate(ordered, start=1):
        actor = actors[row.slug]
        _sync_responsibilities(actor, row.responsibilities, themes, summary, source)
        _sync_services(actor, row.services, themes, summary, source)
        if row.kind == "network":
            _sync_memberships(actor, row, actors, summary, source)
        if done % 50 == 0 or done == len(ordered):
            report("responsibilities, services and members", done, len(ordered))


def _sync_responsibilities(
    actor: Actor, rows: list[ref.ResponsibilityRow], themes: dict[str, Theme], summary: SyncSummary, source: str
) -> None:
    existing = {
        (r.theme.slug, r.role): r
        for r in Responsibility.objects.filter(actor=actor).select_related("theme").prefetch_related("target_groups")
    }
    wanted = set()
    for row in rows:
        key = (row.topic, row.role)
        wanted.add(key)
        resp = existing.get(key) or Responsibility(actor=actor)
        values = {
            "theme": themes[row.topic],
            "role": row.role,
            "description": row.description,
            "basis": row.basis,
            "source_url": row.source_url,
            "questions": list(row.questions),
        }
        created = resp.pk is None
        changes = save_tracked(resp, values, source=source, m2m={"target_groups": set(row.target_groups)})
        summary.count(created, changes)
    for key, resp in existing.items():
        if key not in wanted:
            delete_tracked(resp, source=source)
            summary.deleted += 1


def _sync_services(
    actor: Actor, rows: list[ref.ServiceRow], themes: dict[str, Theme], summary: SyncSummary, source: str
) -> None:
    existing = {
        s.name: s for s in Service.objects.filter(actor=actor).select_related("theme").prefetch_related("target_groups")
    }
    for row in rows:
        service = existing.get(row.name) or Service(actor=actor)
        values = {
            "name": row.name,
            "description": row.description,
            "url": row.url,
            "theme": themes.get(row.topic) if row.topic else None,
        }
        created = service.pk is None
        changes = save_tracked(service, values, source=source, m2m={"target_groups": set(row.target_groups)})
        summary.count(created, changes)
    names = {row.name for row in rows}
    for name, service in existing.items():
        if name not in names:
            delete_tracked(service, source=source)
            summary.deleted += 1


def _sync_memberships(
    network: Actor, row: ref.ActorRow, actors: dict[str, Actor], summary: SyncSummary, source: str
) -> None:
    wanted = {m.actor: m.role for m in row.members}
    for actor in actors.values():
        if actor.kind in row.members_all_of_kind:
            wanted.setdefault(actor.slug, Membership.Role.MEMBER)
    existing = {
        m.member.slug: m for m in Membership.objects.filter(network=network).select_related("member", "network")
    }
    for slug, role in wanted.items():
        membership = existing.get(slug) or Membership(network=network, member=actors[slug])
        created = membership.pk is None
        values = {"role": role, "from_reference_data": True}  # listed in the file: the file decides from now on
        summary.count(created, save_tracked(membership, values, source=source))
    for slug, membership in existing.items():
        if slug not in wanted and membership.from_reference_data:  # members added on the site stay
            delete_tracked(membership, source=source)
            summary.deleted += 1
