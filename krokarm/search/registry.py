"""Which models site search finds, and how each becomes a search document.

The contract for a domain model that opts in, in one call from its app's `AppConfig.ready`
(the app's `searchable.py` holds the function that describes an object):

    register(
        Need,
        kind="behov",                    # the type shown and filtered on; also the entry's kind
        document=need_document,          # obj -> Document, or None when it must not be found (hidden, private)
        queryset=lambda: Need.objects.select_related("region"),   # what `krokarm reindex` walks
        m2m=("themes",),                 # many-to-many fields whose changes re-index the object
        cascade=lambda need: [],         # optional: other objects whose documents show this one's data
    )

Saving or deleting a registered object updates its entry in the same transaction (signals wired here,
so no domain code has to remember it); `paused()` turns that off for bulk loads, which then call
`reindex()`.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The kinds in the order results are grouped, with their headings (plural) and filter labels.
KINDS: dict[str, Any] = {
    "aktor": _("Aktörer"),
    "ansvar": _("Ansvarsområden"),
    "strategi": _("Regionala utvecklingsstrategier"),
    "ingang": _("Ingångar i RUS-processer"),
    "behov": _("Regionala behov"),
    "utmaning": _("Utmaningar"),
    "kunskap": _("Kunskapsbank"),
    "program": _("EU-program"),
    "dialog": _("Dialoger"),
    "kommentar": _("Kommentarer"),
}


@dataclass(frozen=True)
class Document:
    """What one object contributes to search. `region` holds county codes separated by spaces ("" for
    national); `themes` are theme slugs."""

    title: str
    text: str
    url: str
    region: str = ""
    themes: tuple[str, ...] = ()
    date: dt.date | None = None


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    kind: str
    document: Callable[[Any], Document | None]
    queryset: Callable[[], Iterable[Any]]
    key: Callable[[Any], str]
    cascade: Callable[[Any], Iterable[Any]] | None = None


_by_model: dict[type[models.Model], Searchable] = {}
_by_kind: dict[str, Searchable] = {}
_paused = threading.local()


def register(
    model: type[models.Model],
    *,
    kind: str,
    document: Callable[[Any], Document | None],
    queryset: Callable[[], Iterable[Any]] | None = None,
    key: Callable[[Any], str] | None = None,
    m2m: tuple[str, ...] = (),
    cascade: Callable[[Any], Iterable[Any]] | None = None,
) -> Searchable:
    if kind not in KINDS:
        raise ValueError(f"Unknown search kind {kind!r}: add it to KINDS in krokarm/search/registry.py")
    if kind in _by_kind and _by_kind[kind].model is not model:
        raise ValueError(f"The search kind {kind!r} is already taken by {_by_kind[kind].model.__name__}")
    entry = Searchable(
        model=model,
        kind=kind,
        document=document,
        queryset=queryset or (lambda: model._default_manager.all()),
        key=key or (lambda obj: str(obj.pk)),
        cascade=cascade,
    )
    _by_model[model] = entry
    _by_kind[kind] = entry
    uid = f"krokarm.search:{kind}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for name in m2m:
        through = model._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}:{name}")
    return entry


def register_part(model: type[models.Model], *, of: Callable[[Any], Any]) -> None:
    """Objects of `model` are part of another registered object's document (a challenge's regional approaches):
    saving or deleting one re-indexes `of(obj)`."""

    def changed(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw or is_paused():
            return
        from krokarm.search.actions import index_object

        whole = of(instance)
        if whole is not None and whole.pk is not None:
            index_object(whole)

    uid = f"krokarm.search:part:{model._meta.label}"
    post_save.connect(changed, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(changed, sender=model, dispatch_uid=uid, weak=False)


def searchables() -> list[Searchable]:
    return [_by_kind[kind] for kind in KINDS if kind in _by_kind]


def searchable_for(obj: Any) -> Searchable | None:
    return _by_model.get(type(obj))


def is_paused() -> bool:
    return bool(getattr(_paused, "on", False))


@contextmanager
def paused() -> Iterator[None]:
    """Do not index on save or delete inside the block (bulk loads; call reindex() after)."""
    before = is_paused()
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = before


def _saved(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or is_paused():
        return
    from krokarm.search.actions import index_object

    index_object(instance)


def _deleted(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if is_paused():
        return
    from krokarm.search.actions import remove_object

    remove_object(instance)


def _m2m_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if is_paused() or action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    from krokarm.search.actions import index_object

    index_object(instance)


def theme_slugs(themes: Iterable[Any]) -> tuple[str, ...]:
    """The slugs of some themes and of their strategic areas, so filtering on an area finds its topics."""
    slugs: set[str] = set()
    for theme in themes:
        slugs.add(theme.slug)
        if theme.parent_id is not None:
            slugs.add(theme.parent.slug)
    return tuple(sorted(slugs))


def county_code(actor: Any) -> str:
    """The county code of an actor (a region, a municipality, a länsstyrelse), or "" for national actors."""
    return actor.county.code if actor is not None and actor.county_id is not None else ""
