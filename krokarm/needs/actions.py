"""The only writes to regional needs. Each runs in one transaction with its audit row.

Needs, answers and replies are all shown on public pages, so every audit row is public (it moves the page
cache's version, audit/cache.py). Each row names the organisation acted for: the region for its needs and
replies, the answering actor for an answer. Nothing is e-mailed directly; a new need tells the region's followers,
and every organisation invited to a need (when it is published or added later) has its staff told in-app
(notifications), which their daily digest e-mails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krokarm.accounts.permissions import actor_ids
from krokarm.accounts.queries import staff_of
from krokarm.actors.models import Actor, Theme
from krokarm.audit.actions import Changes, check_version, plain, record, save_tracked
from krokarm.lib.errors import Refused
from krokarm.needs.models import ANSWER_LENGTH, REPLY_LENGTH, Answer, Need
from krokarm.notifications.actions import follow, notify_followers, notify_users

SOURCE = "web"
# Told to those who follow the region; %(label)s is the region's name.
NEW_NEED = gettext_lazy("%(label)s har publicerat ett nytt behov: ”%(title)s”")
# Told to those who follow the need; %(label)s is the need's title.
NEW_ANSWER = gettext_lazy("%(organisation)s har svarat på behovet ”%(label)s”")
NEW_REPLY = gettext_lazy("Regionen har svarat %(organisation)s om behovet ”%(label)s”")
# Told to the staff of each organisation invited to a need.
INVITED = gettext_lazy("%(region)s bjuder in %(organisation)s att svara på behovet ”%(title)s”")


class NeedRefused(Refused):
    """The change cannot be made; the message says why, in Swedish, for the person who tried (409 unless a view
    shows it in its form)."""


def create_need(
    *,
    region: Actor,
    user: Any,
    title: str,
    description: str,
    themes: Iterable[Theme] = (),
    needed_by: dt.date | None = None,
    invited: Iterable[Actor] = (),
    source: str = SOURCE,
) -> Need:
    """Publish a need for `region`. The caller has checked that `user` edits for the region
    (permissions.editable_regions); `region` must be a region."""
    if region.kind != Actor.Kind.REGION:
        raise NeedRefused(_("Bara regioner kan publicera behov."))
    themes, invited = list(themes), list(invited)
    with transaction.atomic():
        need = Need.objects.create(
            region=region,
            title=title.strip(),
            description=description.strip(),
            needed_by=needed_by,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        need.themes.set(themes)
        need.invited.set(invited)
        changes: Changes = {
            "title": [None, need.title],
            "description": [None, need.description],
            "needed_by": [None, plain(needed_by)],
            "themes": [[], sorted(theme.slug for theme in themes)],
            "invited": [[], sorted(actor.slug for actor in invited)],
        }
        record("need.created", need, changes=changes, source=source, user=user, organisation=region)
        if getattr(user, "is_authenticated", False):
            follow(user, need, source=source)  # the region's author hears about the answers
        notify_followers(region, NEW_NEED, need.get_absolute_url(), exclude=user, params={"title": need.title})
        _tell_invited(need, [actor.pk for actor in invited], user)
        return need


def update_need(
    need: Need,
    *,
    user: Any,
    title: str,
    description: str,
    themes: Iterable[Theme],
    needed_by: dt.date | None,
    invited: Iterable[Actor],
    source: str = SOURCE,
    expected_version: int | None = None,
) -> Changes:
    """Change a need's text, themes, date and invited actors, auditing exactly what changed. The caller has
    checked that `user` may (permissions.get_need_for_managing). With `expected_version` (the version the edit
    form was filled in from), a need changed since raises audit.actions.Stale and nothing is written. Returns
    the changes (empty if none)."""
    values = {"title": title.strip(), "description": description.strip(), "needed_by": needed_by}
    m2m = {"themes": {theme.slug for theme in themes}, "invited": {actor.slug for actor in invited}}
    with transaction.atomic():
        changes = save_tracked(
            need,
            values,
            m2m=m2m,
            source=source,
            user=user,
            organisation=need.region,
            expected_version=expected_version,
        )
        if "invited" in changes:
            before, after = changes["invited"]
            added = set(after or []) - set(before or [])
            if added:
                _tell_invited(need, list(Actor.objects.filter(slug__in=added).values_list("pk", flat=True)), user)
        return changes


def _tell_invited(need: Need, actor_pks: list[int], user: Any) -> None:
    """Each newly invited organisation's staff are told in-app (the digest e-mails it); the person inviting is not.
    Call it inside the transaction that invites them."""
    if not actor_pks:
        return
    staff = staff_of(actor_pks)
    for actor in Actor.objects.filter(pk__in=actor_pks).order_by("name"):
        params = {"region": need.region.name, "organisation": actor.name, "title": need.title}
        notify_users(staff.get(actor.pk, []), INVITED, need.get_absolute_url(), params=params, exclude=user)


def close_need(need: Need, *, user: Any, source: str = SOURCE) -> Need:
    """Close a need for more answers. The caller has checked that `user` may (permissions.get_need_for_managing).
    A need that is no longer open (someone closed it, or it became a challenge, a moment ago) is refused with
    NeedRefused: the second of two editors closing at once is told, and nothing is recorded twice."""
    with transaction.atomic():
        need = Need.objects.select_for_update().get(pk=need.pk)  # no join: see cases.actions._locked
        if need.status == Need.Status.CLOSED:
            raise NeedRefused(_("Behovet är redan stängt. Det tar inte emot fler svar."))
        if need.status != Need.Status.OPEN:
            raise NeedRefused(_("Behovet har redan blivit en utmaning och tar inte emot fler svar."))
        values = {"status": Need.Status.CLOSED, "closed_at": timezone.now()}
        save_tracked(need, values, source=source, user=user, organisation=need.region, action="need.closed", fresh=True)
        return need


def answer_need(need: Need, *, user: Any, actor: Actor, kind: str, text: str, source: str = SOURCE) -> Answer:
    """`user` answers `need` for `actor`. Refused (NeedRefused) when the need is closed, when the user does not
    work for `actor`, for the region answering its own need, and for an empty or too long text."""
    text = _check(text, ANSWER_LENGTH, _("Skriv ditt svar."))
    if kind not in Answer.Kind.values:
        raise NeedRefused(_("Välj vilken typ av svar det är."))
    if actor.pk not in actor_ids(user):
        raise NeedRefused(_("Du kan bara svara för en organisation du tillhör."))
    if actor.pk == need.region_id:
        raise NeedRefused(_("Regionen kan inte svara på sitt eget behov."))
    with transaction.atomic():
        need = Need.objects.select_for_update().get(pk=need.pk)
        if not need.is_open:
            raise NeedRefused(_("Behovet är stängt och tar inte emot fler svar."))
        answer = Answer.objects.create(need=need, actor=actor, kind=kind, text=text, author=user)
        changes: Changes = {"kind": [None, kind], "text": [None, text]}
        record("answer.created", answer, changes=changes, source=source, user=user, organisation=actor)
        notify_followers(need, NEW_ANSWER, exclude=user, params={"organisation": actor.name})
        follow(user, need, source=source)  # to hear the region's reply
        return answer


def reply_to_answer(
    answer: Answer, *, user: Any, text: str, source: str = SOURCE, expected_version: int | None = None
) -> Answer:
    """The region replies to an answer; a new reply replaces the earlier one (the audit row keeps both).
    The caller has checked that `user` edits for the need's region (permissions.get_answer_for_replying).
    With `expected_version` (the answer's version when the reply form was shown), a reply saved since raises
    audit.actions.Stale and nothing is written: two editors replying at once never replace each other unseen."""
    text = _check(text, REPLY_LENGTH, _("Skriv regionens svar."))
    with transaction.atomic():
        stored = (
            Answer.objects.select_for_update(of=("self",)).select_related("need__region", "actor").get(pk=answer.pk)
        )
        check_version(stored, expected_version)
        # Written by hand, not through save_tracked: the audit row (public) holds the reply, never the person.
        changes: Changes = {"reply": [stored.reply or None, text]}
        stored.reply, stored.replied_at, stored.replied_by = text, timezone.now(), user
        stored.version += 1
        stored.save(update_fields=["reply", "replied_at", "replied_by", "version"])
        record("answer.replied", stored, changes=changes, source=source, user=user, organisation=stored.need.region)
        notify_followers(stored.need, NEW_REPLY, exclude=user, params={"organisation": stored.actor.name})
        return stored


def _check(text: str, limit: int, missing: str) -> str:
    text = text.strip()
    if not text:
        raise NeedRefused(missing)
    if len(text) > limit:
        raise NeedRefused(
            _("Texten är för lång: skriv högst %(limit)d tecken (nu %(count)d).") % {"limit": limit, "count": len(text)}
        )
    return text
