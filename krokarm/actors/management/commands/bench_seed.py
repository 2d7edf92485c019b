"""`krokarm bench_seed --scale N`: grow the seeded directory to N times its size for `make bench`.

Run it after `krokarm seed`, and only on a database you are about to throw away.
Every synthetic row is a copy of a real one: copy c (1 … N-1) of each real actor
gets its own slug (`bench-<c>-<pk>-<real slug>`), a name ending in "(bench c)", and
copies of the real actor's responsibilities, services and target groups. Copy c of
a network has copy c of each real member, and copy c of an agency belongs to copy c
of its ministry. So every table holds N times the real rows, with the real shape:
the same mix of kinds, the same spread over themes and target groups, the same
text lengths — what the pages and the API will see when the catalogue grows.

Why this bypasses `actions.save_actor` and writes no audit rows: this is benchmark
data, not a change anybody made. The audit log is the record of real changes, and
tens of thousands of fake entries would only distort the benchmark and the log;
the database is deleted when the benchmark ends. `bulk_create` also makes seeding
about ten times faster than the actions would. The one invariant the actions keep
that the pages rely on — `Actor.search_text` — is computed with the same
`search_text_for`. Because no audit row is written, the page cache's data version
(krokarm/audit/cache.py) does not move: start the server after this command, as
bench/run.py does, or it may keep serving pages cached before it.

`--scale 1` removes the synthetic rows and leaves the real catalogue as it was.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction

from krokarm.actors.actions import SEARCHED_FIELDS, search_text_for
from krokarm.actors.models import Actor, Membership, Responsibility, Service

PREFIX = "bench-"
BATCH = 500

# Copied actor fields; slug, name, ministry and search_text are set per copy.
ACTOR_FIELDS = (
    "kind", "short_name", "org_number", "code", "website", "seat", "mandate",
    "mandate_source_url", "member_note", "county",
)  # fmt: skip


class Command(BaseCommand):
    help = "Add synthetic copies of the seeded directory so that every table is --scale times its real size."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=10,
            help="Total size as a multiple of the real catalogue (1 removes the copies).",
        )

    def handle(self, *args: Any, scale: int, **options: Any) -> None:
        if scale < 1 or scale > 100:
            raise CommandError("--scale must be between 1 and 100.")
        started = time.monotonic()
        self._shown: dict[str, int] = {}
        with transaction.atomic():
            removed, _ = Actor.objects.filter(slug__startswith=PREFIX).delete()
            if removed:
                self.stdout.write(f"Removed {removed} rows of earlier synthetic data")
            real = list(Actor.objects.select_related("county").order_by("pk"))
            if not real:
                raise CommandError("The directory is empty: run `krokarm seed` first.")
            copies = range(1, scale)
            if copies:
                clones = self._copy_actors(real, copies)
                self._copy_responsibilities(clones, copies)
                self._copy_services(clones, copies)
                self._copy_memberships(clones, copies)
        self._report_sizes(time.monotonic() - started)

    # -- actors ---------------------------------------------------------------------------------

    def _copy_actors(self, real: list[Actor], copies: range) -> dict[tuple[int, int], int]:
        """Create copy c of each real actor; returns (real pk, c) → the copy's pk."""
        clones: dict[tuple[int, int], int] = {}
        total = len(real) * len(copies)
        done = 0
        # Ministries first and flushed on their own, so a copied agency can point at its ministry's copy.
        ministries = [a for a in real if a.kind == Actor.Kind.MINISTRY]
        others = [a for a in real if a.kind != Actor.Kind.MINISTRY]
        for group in (ministries, others):
            pending: list[tuple[int, int, Actor]] = []
            for actor in group:
                for c in copies:
                    pending.append((actor.pk, c, self._clone_actor(actor, c, clones)))
                if len(pending) >= BATCH:
                    done += self._flush_actors(pending, clones)
                    self._progress("actors", done, total)
            done += self._flush_actors(pending, clones)
            self._progress("actors", done, total)
        return clones

    def _clone_actor(self, actor: Actor, c: int, clones: dict[tuple[int, int], int]) -> Actor:
        values: dict[str, Any] = {f: getattr(actor, f) for f in ACTOR_FIELDS}
        values["name"] = f"{actor.name} (bench {c})"[:200]
        values["slug"] = f"{PREFIX}{c}-{actor.pk}-{actor.slug}"[:80]
        values["ministry_id"] = clones.get((actor.ministry_id, c)) if actor.ministry_id else None
        searched = {f: values[f] for f in SEARCHED_FIELDS}
        values["search_text"] = search_text_for(searched, actor.kind, actor.county)
        return Actor(**values)

    def _flush_actors(self, pending: list[tuple[int, int, Actor]], clones: dict[tuple[int, int], int]) -> int:
        created = Actor.objects.bulk_create([clone for _, _, clone in pending], batch_size=BATCH)
        for (real_pk, c, _), clone in zip(pending, created, strict=True):
            if clone.pk is None:  # the database did not return the new keys (SQLite < 3.35)
                raise CommandError("bench_seed needs a database that returns keys from bulk inserts.")
            clones[(real_pk, c)] = clone.pk
        count = len(pending)
        pending.clear()
        return count

    # -- what the actors hold -------------------------------------------------------------------

    def _copy_responsibilities(self, clones: dict[tuple[int, int], int], copies: range) -> None:
        fields = ("theme_id", "role", "description", "basis", "source_url", "questions")
        real = list(Responsibility.objects.filter(actor_id__in=_real_pks(clones)).prefetch_related("target_groups"))
        self._copy_children(Responsibility, real, fields, clones, copies, "responsibilities")

    def _copy_services(self, clones: dict[tuple[int, int], int], copies: range) -> None:
        fields = ("name", "description", "url", "theme_id")
        real = list(Service.objects.filter(actor_id__in=_real_pks(clones)).prefetch_related("target_groups"))
        self._copy_children(Service, real, fields, clones, copies, "services")

    def _copy_children(
        self,
        model: type[Responsibility] | type[Service],
        real: list[Any],
        fields: tuple[str, ...],
        clones: dict[tuple[int, int], int],
        copies: range,
        label: str,
    ) -> None:
        """Copy c of each row goes to copy c of its actor, with the same target groups."""
        # Any: mypy cannot follow a manager or through model across the union of the two models.
        manager: Any = model.objects
        through: Any = model.target_groups.through
        total = len(real) * len(copies)
        done = 0
        per_chunk = max(1, BATCH // len(copies))  # real rows per chunk, so a chunk is about BATCH new rows
        for start in range(0, len(real), per_chunk):
            chunk = real[start : start + per_chunk]
            rows = [
                model(actor_id=clones[(row.actor_id, c)], **{f: getattr(row, f) for f in fields})
                for row in chunk
                for c in copies
            ]
            created = manager.bulk_create(rows, batch_size=BATCH)
            originals = [row for row in chunk for _ in copies]
            links = [
                through(**{_fk_name(model): new.pk, "targetgroup_id": group.pk})
                for original, new in zip(originals, created, strict=True)
                for group in original.target_groups.all()
            ]
            through.objects.bulk_create(links, batch_size=BATCH)
            done += len(rows)
            self._progress(label, done, total)

    def _copy_memberships(self, clones: dict[tuple[int, int], int], copies: range) -> None:
        real = list(Membership.objects.filter(network_id__in=_real_pks(clones)).order_by("pk"))
        rows = [
            Membership(network_id=clones[(m.network_id, c)], member_id=clones[(m.member_id, c)], role=m.role)
            for m in real
            for c in copies
        ]
        for start in range(0, len(rows), BATCH):
            Membership.objects.bulk_create(rows[start : start + BATCH])
            done = min(start + BATCH, len(rows))
            self._progress("memberships", done, len(rows))

    # -- output ---------------------------------------------------------------------------------

    def _progress(self, label: str, done: int, total: int) -> None:
        # At each thousand rows and at the end, so a person at the terminal sees it move without a flood.
        thousands = done // 1000
        if done == total or thousands > self._shown.get(label, 0):
            self._shown[label] = thousands
            self.stdout.write(f"  {label} {done}/{total}")

    def _report_sizes(self, seconds: float) -> None:
        synthetic: dict[str, int] = defaultdict(int)
        real: dict[str, int] = defaultdict(int)
        tables: list[tuple[str, models.QuerySet[Any], str]] = [
            ("actors", Actor.objects.all(), "slug"),
            ("responsibilities", Responsibility.objects.all(), "actor__slug"),
            ("services", Service.objects.all(), "actor__slug"),
            ("memberships", Membership.objects.all(), "network__slug"),
        ]
        for label, queryset, slug_field in tables:
            synthetic[label] = queryset.filter(**{f"{slug_field}__startswith": PREFIX}).count()
            real[label] = queryset.count() - synthetic[label]
        totals = {label: real[label] + synthetic[label] for label in real}
        sizes = ", ".join(f"{label} {n} ({n / max(real[label], 1):.0f}× real)" for label, n in totals.items())
        self.stdout.write(self.style.SUCCESS(f"Benchmark data: {sizes} ({seconds:.1f} s)"))


def _real_pks(clones: dict[tuple[int, int], int]) -> set[int]:
    return {real_pk for real_pk, _ in clones}


def _fk_name(model: type[models.Model]) -> str:
    """The through table's column for `model`, e.g. `responsibility_id`."""
    return f"{model._meta.model_name}_id"
