"""Comments on anything that opts in (see registry.py): one thread per object, one level of replies,
reports from readers and the coordinators' moderation."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.lib.graphemes import clusters, strip_bidi_controls

# Counted in characters as a reader sees them: grapheme clusters (lib/graphemes.py), so that "å" is one whether
# it was typed as one code point or as "a" and a combining ring, and so is an emoji with a skin tone.
MAX_LENGTH = 300
# One character may carry at most this many combining marks: enough for Vietnamese (two tone and vowel marks),
# pointed Hebrew and Indic vowel signs, while "Zalgo" text that stacks dozens of marks on a letter to spill over
# the lines around it is refused. Counted after NFC, so a composed "ệ" carries none.
MAX_MARKS_PER_CHARACTER = 4
# One character may be made of at most this many code points: the longest standard emoji sequences have ten
# (a kiss with two skin tones); without it, a chain of emoji joined by zero-width joiners counts as one.
MAX_CODE_POINTS_PER_CHARACTER = 16


def normalise(text: str) -> str:
    """The text as stored: without bidirectional overrides and isolates, trimmed, NFC."""
    return unicodedata.normalize("NFC", strip_bidi_controls(text).strip())


def length(text: str) -> int:
    return len(clusters(normalise(text)))


class Thread(models.Model):
    """The comments on one object. Made with the first comment (or when someone closes it)."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("typ av objekt"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("objektets id"))
    target = GenericForeignKey("content_type", "object_id")
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stängd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kommentarstråd")
        verbose_name_plural = _("kommentarstrådar")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_thread_per_object")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Comment(models.Model):
    """A comment, or a reply to one. A reply's parent is always a top-level comment."""

    thread = models.ForeignKey(Thread, verbose_name=_("tråd"), on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", verbose_name=_("svar på"), null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # A deleted account leaves its comments, shown as by "Borttagen användare".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skribent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_organisation = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("skriver för"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bounds the code points; the length rule (in characters) is checked by actions.check_text.
    text = models.CharField(_("text"), max_length=MAX_LENGTH * MAX_CODE_POINTS_PER_CHARACTER)
    created_at = models.DateTimeField(_("skriven"), default=timezone.now)
    hidden_at = models.DateTimeField(_("dold"), null=True, blank=True)
    hidden_reason = models.CharField(_("skäl att dölja"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dold av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moves on with every moderation decision: a decision sent from a page showing an older version (another
    # coordinator decided meanwhile) is refused instead of silently overturning theirs.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Report(models.Model):
    """A reader's report that a comment breaks the rules, until a coordinator resolves it."""

    class Resolution(models.TextChoices):
        HIDDEN = "dold", _("Dold")
        KEPT = "kvar", _("Får synas")

    comment = models.ForeignKey(Comment, verbose_name=_("kommentar"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anmäld av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("skäl"), max_length=300)
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    resolved_at = models.DateTimeField(_("avgjord"), null=True, blank=True)
    resolution = models.CharField(_("beslut"), max_length=10, choices=Resolution.choices, blank=True)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason[:60]}"
