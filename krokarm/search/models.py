"""What site search stores: one entry per findable object, and an ordered log of changes.

An `Entry` holds what a result shows (title, text for the snippet, address) and what the index needs
(kind, region, themes, analysed term weights, distinct words). Entries are derived data: the objects
they describe stay the truth, and `krokarm reindex` rebuilds every entry from them.

`Change` is how each process's in-memory index learns what changed since it last looked: every write
to an entry adds a change with the next number from `Clock` (taken with an UPDATE, which serialises
writers until they commit, so changes become visible in number order) and a random token. A process
that remembers (number, token) of the last change it applied and finds that row changed (a rolled-back
transaction, or a pruned log) rebuilds its index from the entries instead of applying the rest.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    kind = models.CharField(_("typ"), max_length=20)
    key = models.CharField(_("nyckel"), max_length=100)
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("adress"), max_length=500)
    region = models.CharField(_("län"), max_length=100, blank=True)  # county codes, space-separated
    themes = models.CharField(_("teman"), max_length=2000, blank=True)  # space-separated slugs
    date = models.DateField(_("datum"), null=True, blank=True)
    terms = models.JSONField(_("termer"), default=dict)
    words = models.TextField(_("ord"), blank=True)  # space-separated distinct words
    indexed_at = models.DateTimeField(_("indexerad"), auto_now=True)

    class Meta:
        verbose_name = _("sökpost")
        verbose_name_plural = _("sökposter")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_entry_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.title}"


class Clock(models.Model):
    """One row: the number of the last change."""

    seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.seq)


class Change(models.Model):
    seq = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=100)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.seq} {self.kind}:{self.key}"
