"""Writes to the directory. Every change goes through here and leaves an audit row.

The seed command, the admin and (later) the API call these same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from krokarm.actors import reference_data as ref
from krokarm.actors.models import Actor, Membership, Responsibility, Service, TargetGroup, Theme
from krokarm.audit.actions import Changes, remove_tracked, save_tracked
from krokarm.audit.reference import Seeder, SyncSummary
from krokarm.lib.text import fold
from krokarm.notifications.actions import notify_followers
from krokarm.regions.models import County

Progress = Callable[[str, int, int], None]


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


def update_profile(
    actor: Actor, values: dict[str, Any], *, user: Any, source: str = "web", expected_version: int | None = None
) -> Changes:
    """Change the profile fields in `values` (keys from PROFILE_FIELDS) for one of the actor's editors.

    Only the fields in `values` are written, so two editors changing different fields at once both keep theirs.
    With `expected_version` (the version the editor's form or If-Match carried) an actor changed since raises
    audit.actions.Stale and nothing is written. The caller must have checked that `user` may edit `actor`
    (permissions.can_edit_actor). The audit row names the user and the actor as the organisation; the search
    text follows the stored values.
    """
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        changes = save_tracked(
            actor, values, source=source, user=user, organisation=actor, expected_version=expected_version
        )
        if changes:
            refresh_search_text(actor)
            Actor.all_objects.filter(pk=actor.pk).update(search_text=actor.search_text)
            notify_followers(actor, _("%(label)s har uppdaterat sin profil."), exclude=user)
    return changes


def save_responsibility(
    responsibility: Responsibility,
    values: dict[str, Any],
    *,
    target_groups: set[str],
    user: Any,
    source: str = "web",
    expected_version: int | None = None,
) -> Changes:
    """Create or change one of an actor's responsibilities (`responsibility.actor` must be set).

    `values` holds theme (a Theme), role, description, basis, source_url and questions (a list);
    `target_groups` the slugs it is for. The form checks that the actor has no other responsibility with the
    same theme and role; if another editor adds one at the same instant, audit.actions raises a Refused.
    `expected_version` as in update_profile.
    """
    m2m = {"target_groups": target_groups}
    with transaction.atomic():
        changes = save_tracked(
            responsibility,
            values,
            source=source,
            user=user,
            organisation=responsibility.actor,
            m2m=m2m,
            expected_version=expected_version,
        )
        if changes:
            notify_followers(
                responsibility.actor,
                _("%(label)s har uppdaterat sitt ansvar för %(theme)s."),
                exclude=user,
                params={"theme": responsibility.theme.name},
            )
    return changes


def delete_responsibility(
    responsibility: Responsibility, *, user: Any, source: str = "web", expected_version: int | None = None
) -> str:
    """Take away one of an actor's responsibilities: deleted (with an audit row that says what it was), or retired
    when people's comments or follows point at it, so that nothing is left pointing at nothing."""
    with transaction.atomic():
        outcome = remove_tracked(
            responsibility,
            source=source,
            user=user,
            organisation=responsibility.actor,
            expected_version=expected_version,
        )
        notify_followers(
            responsibility.actor,
            _("%(label)s har tagit bort sitt ansvar för %(theme)s."),
            exclude=user,
            params={"theme": responsibility.theme.name},
        )
    return outcome


def save_service(
    service: Service,
    values: dict[str, Any],
    *,
    target_groups: set[str],
    user: Any,
    source: str = "web",
    expected_version: int | None = None,
) -> Changes:
    """Create or change one of an actor's services (`service.actor` must be set).

    `values` holds name, description, url and theme (a Theme or None). The form checks that the name is not
    used by another of the actor's services. `expected_version` as in update_profile.
    """
    m2m = {"target_groups": target_groups}
    with transaction.atomic():
        changes = save_tracked(
            service,
            values,
            source=source,
            user=user,
            organisation=service.actor,
            m2m=m2m,
            expected_version=expected_version,
        )
        if changes:
            notify_followers(
                service.actor,
                _("%(label)s har uppdaterat tjänsten %(service)s."),
                exclude=user,
                params={"service": service.name},
            )
    return changes


def delete_service(service: Service, *, user: Any, source: str = "web", expected_version: int | None = None) -> str:
    """Take away one of an actor's services, as delete_responsibility does."""
    with transaction.atomic():
        outcome = remove_tracked(
            service, source=source, user=user, organisation=service.actor, expected_version=expected_version
        )
        notify_followers(
            service.actor,
            _("%(label)s har tagit bort tjänsten %(service)s."),
            exclude=user,
            params={"service": service.name},
        )
    return outcome


def apply_reference_data(
    dataset: ref.Dataset, *, source: str = "seed", progress: Progress | None = None, take_file: bool = False
) -> SyncSummary:
    """Make the reference rows in the database follow `dataset`, keeping everybody's own work.

    The rows are read with SELECT … FOR UPDATE, so an edit on the site waits for the seed instead of racing it.

    Rows are matched on their natural keys (county code, theme and actor slug, actor + theme + role, actor +
    service name, network + member) and written through audit.reference.Seeder: a reference row somebody has
    changed on the site keeps the site's values (reported as conflicts; `take_file` takes the file's), rows made
    on the site or through the API are never changed or deleted, and a reference row the files no longer hold
    is deleted only when nothing people made points at it — otherwise it is retired (no longer current).
    """
    seeder = Seeder(source=source, take_file=take_file)
    summary = seeder.summary
    report = progress or (lambda label, done, total: None)
    with transaction.atomic():
        counties = {c.code: c for c in County.objects.select_for_update()}
        for county_row in dataset.counties:
            county = counties.get(county_row.code) or County()
            seeder.save(county, asdict(county_row), file="counties.csv", key=county_row.code)
            counties[county.code] = county
        report("counties", len(dataset.counties), len(dataset.counties))

        groups = {g.slug: g for g in TargetGroup.objects.select_for_update()}
        for group_row in dataset.target_groups:
            group = groups.get(group_row.slug) or TargetGroup()
            seeder.save(group, asdict(group_row), file="target_groups.yaml", key=group_row.slug)
        report("target groups", len(dataset.target_groups), len(dataset.target_groups))

        themes = {t.slug: t for t in Theme.objects.select_related("parent").select_for_update(of=("self",))}
        for theme_row in sorted(dataset.themes, key=lambda t: t.kind != "strategic_area"):
            theme = themes.get(theme_row.slug) or Theme()
            values = {**asdict(theme_row), "parent": themes.get(theme_row.parent)}
            seeder.save(theme, values, file="themes.yaml", key=theme_row.slug)
            themes[theme.slug] = theme
        report("themes", len(dataset.themes), len(dataset.themes))

        _apply_actors(dataset.actors, counties, themes, seeder, report)
        # Children first: an actor the files no longer hold is deleted only when nothing is left pointing at it.
        for model in (Responsibility, Service, Membership, Actor):
            seeder.remove_unseen(model)
    return summary


def _apply_actors(
    rows: list[ref.ActorRow],
    counties: dict[str, County],
    themes: dict[str, Theme],
    seeder: Seeder,
    report: Progress,
) -> None:
    actors = {a.slug: a for a in Actor.all_objects.select_related("county", "ministry").select_for_update(of=("self",))}
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
            "summary_en": row.summary_en,
            "english_url": row.english_url,
            "county": counties.get(row.county) if row.county else None,
            "ministry": actors.get(row.ministry) if row.ministry else None,
        }
        if actor.pk is None:
            values["slug"] = row.slug
        _seed_actor(seeder, actor, values, row)
        actors[row.slug] = actor
        if done % 50 == 0 or done == len(ordered):
            report("actors", done, len(ordered))

    for done, row in enumerate(ordered, start=1):
        actor = actors[row.slug]
        _sync_responsibilities(actor, row, themes, seeder)
        _sync_services(actor, row, themes, seeder)
        if row.kind == "network":
            _sync_memberships(actor, row, actors, seeder)
        if done % 50 == 0 or done == len(ordered):
            report("responsibilities, services and members", done, len(ordered))


def _seed_actor(seeder: Seeder, actor: Actor, values: dict[str, Any], row: ref.ActorRow) -> None:
    """An actor's reference fields; its search text follows whatever the actor holds afterwards."""
    seeder.save(actor, values, file=row.file, key=row.slug, checked_on=row.checked_on)
    search_text = search_text_for(
        {f: getattr(actor, f) for f in SEARCHED_FIELDS}, actor.kind, actor.county if actor.county_id else None
    )
    if search_text != actor.search_text:
        Actor.all_objects.filter(pk=actor.pk).update(search_text=search_text)
        actor.search_text = search_text


def _sync_responsibilities(actor: Actor, row: ref.ActorRow, themes: dict[str, Theme], seeder: Seeder) -> None:
    # Retired rows first, so that a current row with the same key wins (the seed brings a retired row back).
    rows = (
        Responsibility.all_objects.filter(actor=actor)
        .select_related("theme__parent")
        .prefetch_related("target_groups")
        .select_for_update(of=("self",))
    )
    existing = {(r.theme.slug, r.role): r for r in sorted(rows, key=lambda r: r.retired_at is None)}
    for item in row.responsibilities:
        resp = existing.get((item.topic, item.role)) or Responsibility(actor=actor)
        values = {
            "theme": themes[item.topic],
            "role": item.role,
            "description": item.description,
            "basis": item.basis,
            "source_url": item.source_url,
            "questions": list(item.questions),
        }
        key = f"{row.slug} / ansvar / {item.topic} / {item.role}"
        m2m = {"target_groups": set(item.target_groups)}
        seeder.save(resp, values, file=row.file, key=key, m2m=m2m, checked_on=item.checked_on)


def _sync_services(actor: Actor, row: ref.ActorRow, themes: dict[str, Theme], seeder: Seeder) -> None:
    rows = (
        Service.all_objects.filter(actor=actor)
        .select_related("theme")
        .prefetch_related("target_groups")
        .select_for_update(of=("self",))
    )
    existing = {s.name: s for s in sorted(rows, key=lambda s: s.retired_at is None)}
    for item in row.services:
        service = existing.get(item.name) or Service(actor=actor)
        values = {
            "name": item.name,
            "description": item.description,
            "url": item.url,
            "theme": themes.get(item.topic) if item.topic else None,
        }
        key = f"{row.slug} / tjänst / {item.name}"
        m2m = {"target_groups": set(item.target_groups)}
        seeder.save(service, values, file=row.file, key=key, m2m=m2m, checked_on=item.checked_on)


def _sync_memberships(network: Actor, row: ref.ActorRow, actors: dict[str, Actor], seeder: Seeder) -> None:
    wanted = {m.actor: m.role for m in row.members}
    for actor in actors.values():
        if actor.kind in row.members_all_of_kind:
            wanted.setdefault(actor.slug, Membership.Role.MEMBER)
    existing = {
        m.member.slug: m
        for m in Membership.objects.filter(network=network)
        .select_related("member", "network")
        .select_for_update(of=("self",))
    }
    for slug, role in wanted.items():
        membership = existing.get(slug) or Membership(network=network, member=actors[slug])
        values = {"role": role, "from_reference_data": True}
        key = f"{row.slug} / medlem / {slug}"
        seeder.save(membership, values, file=row.file, key=key, checked_on=row.checked_on)
