"""Which models take comments, and what the comments app needs to know about each.

The contract for a domain model that opts in, in one call (usually from commentables.py or the
domain app's `AppConfig.ready`):

    register(
        Responsibility,
        name="ansvar",                       # the URL segment: /kommentarer/ansvar/<key>/
        owner=lambda r: r.actor,             # the actor whose editors may close the thread (or None)
        url=lambda r: r.actor.get_absolute_url(),  # where the commented object is shown
        label=str,                           # how the thread page names the object
        key=..., lookup=...,                 # optional: a natural key in the URL instead of the pk
        related=("actor", "theme"),          # optional: what url/label/key read, loaded with a list of objects
    )

Nothing else is asked of the model: no mixin, no field, no migration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse


@dataclass(frozen=True)
class Commentable:
    model: type[models.Model]
    name: str
    owner: Callable[[Any], Any]
    url: Callable[[Any], str]
    label: Callable[[Any], str]
    key: Callable[[Any], str]
    lookup: Callable[[str], Any]
    related: tuple[str, ...] = ()

    def thread_url(self, obj: Any) -> str:
        return reverse("comments:thread", args=[self.name, self.key(obj)])


_by_model: dict[type[models.Model], Commentable] = {}
_by_name: dict[str, Commentable] = {}


def register(
    model: type[models.Model],
    *,
    name: str,
    owner: Callable[[Any], Any],
    url: Callable[[Any], str],
    label: Callable[[Any], str] = str,
    key: Callable[[Any], str] | None = None,
    lookup: Callable[[str], Any] | None = None,
    related: tuple[str, ...] = (),
) -> Commentable:
    """Let `model` take comments. `lookup(key)` returns the object or None; `key(obj)` must round-trip."""
    if name in _by_name and _by_name[name].model is not model:
        raise ValueError(f"The comment name {name!r} is already taken by {_by_name[name].model.__name__}")

    def by_pk(value: str) -> Any:
        return model._base_manager.filter(pk=int(value)).first() if value.isdigit() else None

    entry = Commentable(
        model=model,
        name=name,
        owner=owner,
        url=url,
        label=label,
        key=key or (lambda obj: str(obj.pk)),
        lookup=lookup or by_pk,
        related=related,
    )
    _by_model[model] = entry
    _by_name[name] = entry
    return entry


def entry_for(obj_or_model: Any) -> Commentable:
    """The registration of an object's model; LookupError if the model does not take comments."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    entry = _by_model.get(model)
    if entry is None:
        raise LookupError(f"{model.__name__} does not take comments")
    return entry


def objects_in_bulk(model: type[models.Model], pks: Any) -> dict[int, Any]:
    """pk → object for objects of one commentable model, with what its url, label and key read: one query."""
    entry = entry_for(model)
    return entry.model._base_manager.select_related(*entry.related).in_bulk(list(pks))


def entry_named(name: str) -> Commentable | None:
    return _by_name.get(name)


def is_commentable(obj: Any) -> bool:
    return type(obj) in _by_model
