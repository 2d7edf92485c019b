from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "krokarm.dialogues"
    verbose_name = _("Dialoger")

    def ready(self) -> None:
        from krokarm.accounts.personal_data import register_export
        from krokarm.comments.registry import register
        from krokarm.dialogues import personal_data
        from krokarm.dialogues.models import Event, FollowUp, Proposal, Registration
        from krokarm.notifications.registry import register as register_followable

        # A proposal takes comments: the event organiser's editors close the thread (comments/registry.py).
        register(
            Proposal,
            name="forslag",
            owner=lambda proposal: proposal.session.event.organiser,
            url=lambda proposal: proposal.get_absolute_url(),
            label=lambda proposal: proposal.title,
            related=("session__event__organiser",),
            # A proposal that is no longer current keeps its thread (it is retired because people point at it).
            lookup=lambda key: (
                Proposal.all_objects.select_related("session__event__organiser").filter(pk=int(key)).first()
                if key.isdigit()
                else None
            ),
        )
        register_export(
            "dialoger",
            personal_data.export,
            covers=[
                "dialogues.Event",
                "dialogues.Registration",
                "dialogues.DialogueSession",
                "dialogues.Note",
                "dialogues.Proposal",
                "dialogues.Support",
                "dialogues.FollowUp",
                "dialogues.Progress",
            ],
        )

        # Events and proposals can be followed: followers hear about new sessions, proposals and next steps. The
        # lookups find retired rows too, so that a follow's link still opens (the page says it is no longer current).
        register_followable(
            Event,
            name="dialog",
            label=lambda event: event.title,
            url=lambda event: event.get_absolute_url(),
            key=lambda event: event.slug,
            lookup=lambda key: Event.all_objects.filter(slug=key).first(),
        )
        register_followable(
            Proposal,
            name="forslag",
            label=lambda proposal: proposal.title,
            url=lambda proposal: proposal.get_absolute_url(),
            lookup=lambda key: Proposal.all_objects.filter(pk=int(key)).first() if key.isdigit() else None,
        )
        # A follow-up action is followed by its owner's editors (actions.create_followup) and anyone interested.
        register_followable(
            FollowUp,
            name="atgard",
            label=lambda followup: followup.title,
            url=lambda followup: followup.get_absolute_url(),
            lookup=lambda key: FollowUp.all_objects.filter(pk=int(key)).first() if key.isdigit() else None,
        )
        # A person follows their own registration (source "system") to hear when they move up from the
        # waitlist; nobody else may follow it or is told about it.
        register_followable(
            Registration,
            name="anmalan",
            label=lambda registration: registration.event.title,
            url=lambda registration: registration.event.get_absolute_url(),
            lookup=lambda key: (
                Registration.objects.select_related("event").filter(pk=int(key)).first() if key.isdigit() else None
            ),
            can_see=lambda user, registration: registration.user_id == getattr(user, "pk", None),
            audience=lambda registration: Q(pk=registration.user_id),
        )

        # Site search finds each event with its sessions, insights, proposals and next steps.
        from krokarm.dialogues import searchable

        searchable.register_all()
