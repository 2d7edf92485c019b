"""Network spaces: a network's meetings and posts, and links that join two networks into one shared space.

The networks themselves are actors (`actors.Actor` of kind "network") and their members are
`actors.Membership` rows; this app adds what the networks do together.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import CurrentManager

TITLE_LENGTH = 200
BODY_LENGTH = 3000
DESCRIPTION_LENGTH = 3000
PLACE_LENGTH = 200


class Meeting(models.Model):
    """A meeting of one network, on site or online ("digitalt")."""

    network = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("nätverk"),
        on_delete=models.CASCADE,
        related_name="meetings",
        limit_choices_to={"kind": "network"},
    )
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=PLACE_LENGTH, default="digitalt")
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapat av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('networks:detail', args=[self.network.slug])}#mote-{self.pk}"


class Link(models.Model):
    """Networks joined into one shared space ("samverkan"): members see each other, share a calendar and
    threads. A network may be in several links."""

    slug = models.SlugField(_("kortnamn i adressen"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_LENGTH, blank=True)
    networks = models.ManyToManyField(
        "actors.Actor",
        verbose_name=_("nätverk"),
        related_name="network_links",
        limit_choices_to={"kind": "network"},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # A joint space data/networks/links.yaml no longer holds, kept because its members wrote posts in it.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin and the space's own page
    objects = CurrentManager()

    class Meta:
        verbose_name = _("samverkan mellan nätverk")
        verbose_name_plural = _("samverkan mellan nätverk")
        ordering = ["name"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        # The slug stays unique among retired spaces too: it is the address of the page that still opens.

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:link", args=[self.slug])


class Post(models.Model):
    """A plain-text post in a network's space, or (with `link`) in a joint space of linked networks."""

    network = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("nätverk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_posts",
        limit_choices_to={"kind": "network"},
    )
    link = models.ForeignKey(
        Link, verbose_name=_("samverkan"), on_delete=models.CASCADE, null=True, blank=True, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrivet av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_organisation = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("för organisationen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_LENGTH)
    created_at = models.DateTimeField(_("skrivet"), auto_now_add=True)

    class Meta:
        verbose_name = _("inlägg")
        verbose_name_plural = _("inlägg")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A post lives in exactly one space: a network's or a joint one.
            models.CheckConstraint(
                condition=models.Q(network__isnull=False, link__isnull=True)
                | models.Q(network__isnull=True, link__isnull=False),
                name="post_in_one_space",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.link is not None:
            return f"{reverse('networks:link', args=[self.link.slug])}#inlagg-{self.pk}"
        assert self.network is not None
        return f"{reverse('networks:detail', args=[self.network.slug])}#inlagg-{self.pk}"
