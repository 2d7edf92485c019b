"""Dialogues (dialoger): events where actors meet, the sessions' notes and proposals, and the follow-up actions.

Events, sessions, proposals and follow-up actions carry a `version` (an edit against an older one is refused) and
a `retired_at`: a row that data/dialogues no longer holds but that people's registrations, notes, comments or
follows point at is kept and shown as no longer current. `objects` leaves retired rows out (lists, search, the
API); `all_objects` has them all (the seed, the admin, and the pages people reach through a link).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krokarm.actors.models import CurrentManager

TITLE_LENGTH = 200
DESCRIPTION_LENGTH = 5000
AGENDA_LENGTH = 3000
NOTE_LENGTH = 1000
PROPOSAL_TEXT_LENGTH = 2000
FOLLOWUP_DESCRIPTION_LENGTH = 2000
PROGRESS_LENGTH = 1000
LINK_LENGTH = 300
SOURCE_LENGTH = 500

# Shown wherever a reconstructed or example row appears (pages, report, DOCX, iCal, CSV, API): krokarm wrote it to
# show how the platform works; it is not a record of what was said or decided (issue 16).
RECONSTRUCTED_NOTICE = _("Rekonstruerat exempel – inte ett protokoll")
# On an event that really took place but whose sessions krokarm reconstructed (the dialogue day of 2019).
RECONSTRUCTED_SESSIONS_NOTICE = _(
    "Passen och det som står under ”Från passet” är rekonstruerade exempel – inte ett protokoll."
)
# A seeded next step has no owner until an organisation takes it on in krokarm (issue 16: no real organisation is
# shown owning what it has not publicly committed to).
NO_OWNER_NOTICE = _("Förslag från krokarm – ingen ansvarig ännu")
# An example event that no organisation has announced.
NO_ORGANISER_NOTICE = _("Exempel från krokarm – ingen arrangör")


def reconstructed_field() -> models.BooleanField:
    return models.BooleanField(
        _("rekonstruerat exempel"),
        default=False,
        help_text=_("Krokarm har rekonstruerat eller hittat på uppgiften som exempel; den är inte ett protokoll."),
    )


class Event(models.Model):
    """A dialogue day, network meeting or webinar: when and where, who organises it and who is invited."""

    class Kind(models.TextChoices):
        DIALOGUE_DAY = "dialogdag", _("Dialogdag")
        NETWORK_MEETING = "natverksmote", _("Nätverksmöte")
        WEBINAR = "webbinarium", _("Webbinarium")

    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    kind = models.CharField(_("typ av träff"), max_length=14, choices=Kind.choices, default=Kind.DIALOGUE_DAY)
    starts_at = models.DateTimeField(_("börjar"), db_index=True)
    ends_at = models.DateTimeField(_("slutar"))
    # Only the date is known: pages show the date, iCal a DATE value. starts_at is then midnight (Europe/Stockholm)
    # of the day and ends_at midnight after it, so ordering, "upcoming" and "past" work as for other events.
    all_day = models.BooleanField(
        _("heldag"), default=False, help_text=_("Bara datumet är känt: sidan och kalendern visar inga klockslag.")
    )
    place = models.CharField(_("plats"), max_length=200, blank=True)
    online_url = models.URLField(_("länk till digitalt möte"), max_length=500, blank=True)
    # Empty only for an example event that no organisation has announced (data/dialogues, `reconstructed`).
    organiser = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("arrangör"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    invited = models.ManyToManyField(
        "actors.Actor", verbose_name=_("inbjudna organisationer"), blank=True, related_name="invited_to_events"
    )
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_LENGTH, blank=True)
    agenda = models.TextField(
        _("program"),
        max_length=AGENDA_LENGTH,
        blank=True,
        help_text=_("En punkt per rad, till exempel ”09:30 Välkommen”."),
    )
    capacity = models.PositiveIntegerField(
        _("antal platser"), null=True, blank=True, help_text=_("Lämna tomt om antalet platser inte är begränsat.")
    )
    registration_closes_at = models.DateTimeField(_("sista anmälningsdag"), null=True, blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    reconstructed = reconstructed_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_created",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/dialogues no longer holds the row but people's rows point at it: kept, shown as no longer current.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, links people follow and history
    objects = CurrentManager()

    class Meta:
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")
        ordering = ["-starts_at", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:event", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def day(self) -> datetime.date:
        """The (first) day of the event in Swedish time; for an all-day event the only thing known."""
        return timezone.localtime(self.starts_at).date()

    @property
    def registration_open(self) -> bool:
        """Whether people may still register: the event has not started and registration has not closed."""
        now = timezone.now()
        if self.starts_at <= now:
            return False
        return self.registration_closes_at is None or now < self.registration_closes_at


class Registration(models.Model):
    """One person's registration for an event, on behalf of an organisation."""

    class Status(models.TextChoices):
        REGISTERED = "anmald", _("Anmäld")
        WAITLIST = "vantelista", _("På väntelista")
        CANCELLED = "avanmald", _("Avanmäld")

    event = models.ForeignKey(Event, verbose_name=_("dialog"), on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="event_registrations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="dialogues_registration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"


class DialogueSession(models.Model):
    """A session (dialogpass) of an event on one topic, with a facilitator and the organisations taking part."""

    event = models.ForeignKey(Event, verbose_name=_("dialog"), on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("ämne"), max_length=TITLE_LENGTH)
    theme = models.ForeignKey(
        "actors.Theme",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_sessions",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("processledare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_sessions",
    )
    facilitator_name = models.CharField(
        _("processledare (namn eller roll)"),
        max_length=200,
        blank=True,
        help_text=_("För processledare utan konto, till exempel ”Tillväxtverket, processledare”."),
    )
    starts_at = models.DateTimeField(_("börjar"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), max_length=DESCRIPTION_LENGTH, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    reconstructed = reconstructed_field()
    participants = models.ManyToManyField(
        "actors.Actor", verbose_name=_("deltagande organisationer"), blank=True, related_name="dialogue_sessions"
    )
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/dialogues no longer holds the row but people's rows point at it: kept, shown as no longer current.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, links people follow and history
    objects = CurrentManager()

    class Meta:
        verbose_name = _("dialogpass")
        verbose_name_plural = _("dialogpass")
        ordering = ["position", "starts_at", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:session", args=[self.event.slug, self.pk])


class Note(models.Model):
    """A note or an insight captured in a session."""

    class Kind(models.TextChoices):
        NOTE = "anteckning", _("Anteckning")
        INSIGHT = "insikt", _("Insikt")

    session = models.ForeignKey(
        DialogueSession, verbose_name=_("dialogpass"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = models.CharField(_("text"), max_length=NOTE_LENGTH)
    reconstructed = reconstructed_field()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skribent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_notes",
    )
    created_at = models.DateTimeField(_("skriven"), default=timezone.now)

    class Meta:
        verbose_name = _("anteckning")
        verbose_name_plural = _("anteckningar")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Proposal(models.Model):
    """A proposal (förslag) that came out of a session; organisations support it and it becomes actions."""

    class Status(models.TextChoices):
        NEW = "nytt", _("Nytt")
        IN_PROGRESS = "omsatt", _("Omsatt i åtgärder")
        DECLINED = "avslaget", _("Inte aktuellt")

    session = models.ForeignKey(
        DialogueSession, verbose_name=_("dialogpass"), on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    text = models.CharField(_("förslaget"), max_length=PROPOSAL_TEXT_LENGTH)
    theme = models.ForeignKey(
        "actors.Theme",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_proposals",
    )
    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("utmaning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    reconstructed = reconstructed_field()
    source = models.CharField(
        _("källa"),
        max_length=SOURCE_LENGTH,
        blank=True,
        help_text=_("Var förslaget finns belagt, om det finns en källa."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("föreslaget av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_proposals",
    )
    created_at = models.DateTimeField(_("skapat"), default=timezone.now)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/dialogues no longer holds the row but people's rows point at it: kept, shown as no longer current.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, links people follow and history
    objects = CurrentManager()

    class Meta:
        verbose_name = _("förslag")
        verbose_name_plural = _("förslag")
        ordering = ["created_at", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:proposal", args=[self.pk])


class Support(models.Model):
    """An organisation's support for a proposal (once per organisation)."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("förslag"), on_delete=models.CASCADE, related_name="supports")
    actor = models.ForeignKey(
        "actors.Actor", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="proposal_supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal_supports",
    )
    created_at = models.DateTimeField(_("skapat"), default=timezone.now)

    class Meta:
        verbose_name = _("stöd för förslag")
        verbose_name_plural = _("stöd för förslag")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "actor"], name="dialogues_support_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.proposal}"


class FollowUp(models.Model):
    """A follow-up action (nästa steg) of a proposal: an owner, a due date, a status and where it is carried out."""

    class Status(models.TextChoices):
        PLANNED = "planerad", _("Planerad")
        ONGOING = "pagar", _("Pågår")
        DONE = "klar", _("Klar")
        STOPPED = "stoppad", _("Stoppad")

    CLOSED_STATUSES = (Status.DONE, Status.STOPPED)

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("förslag"), on_delete=models.CASCADE, related_name="followups"
    )
    title = models.CharField(_("rubrik"), max_length=TITLE_LENGTH)
    description = models.TextField(_("beskrivning"), max_length=FOLLOWUP_DESCRIPTION_LENGTH, blank=True)
    # Empty for krokarm's own proposals (seeded next steps) until an organisation takes them on.
    owner = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("ansvarig organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    due_on = models.DateField(_("klart senast"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True)
    link = models.CharField(
        _("länk"),
        max_length=LINK_LENGTH,
        blank=True,
        help_text=_("En sida i krokarm där åtgärden genomförs, till exempel ”/fraga/”."),
    )
    # Stays True when an organisation takes the next step on (actions.take_on_followup): krokarm still wrote its
    # title and description, and nobody said it at the dialogue. What changes is the commitment, which
    # `taken_on_at` and the owner record (the pages say "Åtagen av <organisation> <datum>").
    reconstructed = reconstructed_field()
    # When an organisation took on krokarm's proposal in the app; empty for next steps decided with an owner.
    taken_on_at = models.DateTimeField(_("åtagen"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups_created",
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    # Every audited change adds one: an edit against an older version is refused (krokarm.audit.actions.Stale).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Set when data/dialogues no longer holds the row but people's rows point at it: kept, shown as no longer current.
    retired_at = models.DateTimeField(_("gäller inte längre sedan"), null=True, blank=True, editable=False)

    all_objects = models.Manager()  # retired rows too: the seed, the admin, links people follow and history
    objects = CurrentManager()

    class Meta:
        verbose_name = _("nästa steg")
        verbose_name_plural = _("nästa steg")
        ordering = ["due_on", "pk"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:followup", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.due_on < timezone.localdate() and self.status not in self.CLOSED_STATUSES


class Progress(models.Model):
    """A progress note on a follow-up action and the status after it."""

    followup = models.ForeignKey(
        FollowUp, verbose_name=_("nästa steg"), on_delete=models.CASCADE, related_name="progress"
    )
    text = models.CharField(_("lägesbeskrivning"), max_length=PROGRESS_LENGTH, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FollowUp.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_progress",
    )
    created_at = models.DateTimeField(_("skriven"), default=timezone.now)

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.followup}: {self.get_status_display()}"
