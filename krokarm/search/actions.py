"""Writes of site search: keep an object's entry in step with it, and rebuild all entries.

Entries are derived data, not state anyone changed, so these write no audit rows (the change to the
object itself has its own). They run inside the caller's transaction: an object and its entry are
saved together or not at all.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F

from krokarm.search.analysis import document_terms, index_words
from krokarm.search.models import Change, Clock, Entry
from krokarm.search.registry import Document, Searchable, searchable_for, searchables

# Changes older than this many numbers are pruned; a process that fell further behind rebuilds.
KEEP_CHANGES = 5000


def index_object(obj: Any) -> None:
    """Create, update or (when it must no longer be found) delete the entry of a registered object,
    and of the objects whose documents show its data (`cascade`)."""
    searchable = searchable_for(obj)
    if searchable is None:
        return
    objects = [(searchable, obj)]
    for other in searchable.cascade(obj) if searchable.cascade else ():
        other_searchable = searchable_for(other)
        if other_searchable is not None:
            objects.append((other_searchable, other))
    with transaction.atomic():
        _write(objects)


def remove_object(obj: Any) -> None:
    searchable = searchable_for(obj)
    if searchable is None:
        return
    with transaction.atomic():
        if Entry.objects.filter(kind=searchable.kind, key=searchable.key(obj)).delete()[0]:
            _record([(searchable.kind, searchable.key(obj))])


def _write(objects: list[tuple[Searchable, Any]]) -> None:
    """Replace the entries of some objects: delete, then insert the ones to be found. No read-modify-write,
    so indexing many objects costs a fixed number of queries per kind."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    rows: list[Entry] = []
    for searchable, obj in objects:
        key = searchable.key(obj)
        by_kind[searchable.kind].append(key)
        document = searchable.document(obj)
        if document is not None:
            rows.append(Entry(kind=searchable.kind, key=key, **entry_fields(document)))
    for kind, keys in by_kind.items():
        Entry.objects.filter(kind=kind, key__in=keys).delete()
    Entry.objects.bulk_create(rows)
    _record([(kind, key) for kind, keys in by_kind.items() for key in keys])


def entry_fields(document: Document) -> dict[str, Any]:
    return {
        "title": document.title[:300],
        "text": document.text,
        "url": document.url,
        "region": document.region,
        "themes": " ".join(sorted(set(document.themes))),
        "date": document.date,
        "terms": document_terms(document.title, document.text),
        "words": " ".join(index_words(document.title, document.text)),
    }


def _record(changes: list[tuple[str, str]]) -> int:
    """Add changes with the next numbers (see krokarm/search/models.py); returns the last number."""
    if not changes:
        return 0
    if not Clock.objects.filter(pk=1).update(seq=F("seq") + len(changes)):
        Clock.objects.bulk_create([Clock(pk=1, seq=len(changes))])
    last: int = next(iter(Clock.objects.filter(pk=1).values_list("seq", flat=True)))
    first = last - len(changes) + 1
    Change.objects.bulk_create(
        [Change(seq=first + i, kind=kind, key=key, token=secrets.token_hex(8)) for i, (kind, key) in enumerate(changes)]
    )
    if first // 500 != (last + 1) // 500:
        Change.objects.filter(seq__lte=last - KEEP_CHANGES).delete()
    return last


@dataclass(frozen=True)
class Reindexed:
    entries: int
    removed: int

    def __str__(self) -> str:
        return f"{self.entries} entries, {self.removed} removed"


def reindex(kinds: Iterable[str] | None = None) -> Reindexed:
    """Rebuild the entries of every registered object (or of some kinds) from the objects."""
    wanted = set(kinds) if kinds is not None else None
    count = removed = 0
    with transaction.atomic():
        for searchable in searchables():
            if wanted is not None and searchable.kind not in wanted:
                continue
            before = Entry.objects.filter(kind=searchable.kind).count()
            Entry.objects.filter(kind=searchable.kind).delete()
            rows = []
            for obj in searchable.queryset():
                document = searchable.document(obj)
                if document is not None:
                    rows.append(Entry(kind=searchable.kind, key=searchable.key(obj), **entry_fields(document)))
            Entry.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
            removed += max(before - len(rows), 0)
        # One change that no process has seen: every index rebuilds from the entries.
        Change.objects.filter(seq__lt=_record([("*", "*")])).delete()
    return Reindexed(entries=count, removed=removed)
