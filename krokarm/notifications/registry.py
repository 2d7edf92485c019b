"""Which models can be followed, and what the notifications app needs to know about each.

The contract for a domain model that opts in, in one call (see followables.py, or the domain app's
`AppConfig.ready`):

    register(
        Actor,
        name="aktor",                          # the URL segment: /folj/aktor/<key>/
        label=lambda a: a.name,                # how notifications and pages name the object
        url=lambda a: a.get_absolute_url(),    # where the object is shown (the default link)
        key=lambda a: a.slug,                  # optional: a natural key in the URL instead of the pk
        lookup=...,                            # optional: key → object or None
        can_see=...,                           # optional: (user, obj) → may this user read it at url(obj)
        audience=...,                          # optional: obj → Q over users who may still be told about it
    )

Nothing else is asked of the model: no mixin, no field, no migration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Followable:
    model: type[models.Model]
    name: str
    label: Callable[[Any], str]
    url: Callable[[Any], str]
    key: Callable[[Any], str]
    lookup: Callable[[str], Any]
    can_see: Callable[[Any, Any], bool]
    audience: Callable[[Any], Q] | None


_by_model: dict[type[models.Model], Followable] = {}
_by_name: dict[str, Followable] = {}


def register(
    model: type[models.Model],
    *,
    name: str,
    url: Callable[[Any], str],
    label: Callable[[Any], str] = str,
    key: Callable[[Any], str] | None = None,
    lookup: Callable[[str], Any] | None = None,
    can_see: Callable[[Any, Any], bool] | None = None,
    audience: Callable[[Any], Q] | None = None,
) -> Followable:
    """Let people follow `model`. `lookup(key)` returns the object or None; `key(obj)` must round-trip.

    `can_see(user, obj)` says who may read the object at `url(obj)`; only they are offered the follow button
    and may follow it (default: everyone signed in). For objects that are not public, `audience(obj)` narrows
    the followers who are told when something happens, so that someone who has lost access (a case forwarded
    away from their organisation) hears no more of it.
    """
    if name in _by_name and _by_name[name].model is not model:
        raise ValueError(f"The follow name {name!r} is already taken by {_by_name[name].model.__name__}")

    def by_pk(value: str) -> Any:
        return model._base_manager.filter(pk=int(value)).first() if value.isdigit() else None

    entry = Followable(
        model=model,
        name=name,
        label=label,
        url=url,
        key=key or (lambda obj: str(obj.pk)),
        lookup=lookup or by_pk,
        can_see=can_see or (lambda user, obj: True),
        audience=audience,
    )
    _by_model[model] = entry
    _by_name[name] = entry
    return entry


def entry_for(obj_or_model: Any) -> Followable:
    """The registration of an object's model; LookupError if the model cannot be followed."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    entry = _by_model.get(model)
    if entry is None:
        raise LookupError(f"{model.__name__} cannot be followed")
    return entry


def entry_named(name: str) -> Followable | None:
    return _by_name.get(name)


def is_followable(obj: Any) -> bool:
    return type(obj) in _by_model
