"""The dialogue report (dialograpport): what an event was, what was said and what happened next.

The content is built ONCE as plain data (`build_report`, a tree of frozen dataclasses) and rendered twice: as a
printable HTML page (templates/dialogues/report.html) and as a Word document (`render_docx`). The report names
organisations only, never people: no facilitators, authors or registered persons. What krokarm reconstructed as an
example carries `reconstructed` and the notice (models.RECONSTRUCTED_NOTICE) in both renderings (issue 16).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from krokarm.actors.models import Actor
from krokarm.dialogues import queries
from krokarm.dialogues.models import (
    NO_ORGANISER_NOTICE,
    NO_OWNER_NOTICE,
    RECONSTRUCTED_NOTICE,
    Event,
    FollowUp,
    Note,
    Registration,
    Support,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class OrganisationGroup:
    label: str  # "Regioner", "Myndigheter", "Andra organisationer"
    names: list[str]


@dataclass(frozen=True)
class ActionItem:
    title: str
    description: str
    owner: str
    due_on: dt.date
    status: str  # the value, e.g. "pagar"
    status_label: str
    overdue: bool
    url: str  # the action's page
    link: str  # where in krokarm the action is carried out (absolute), or ""
    reconstructed: bool = False


@dataclass(frozen=True)
class ProposalItem:
    title: str
    text: str
    session: str
    theme: str
    status_label: str
    supporters: list[str]
    actions: list[ActionItem]
    url: str
    reconstructed: bool = False
    source: str = ""


@dataclass(frozen=True)
class SessionItem:
    title: str
    theme: str
    starts_at: dt.datetime | None
    description: str
    insights: list[str]
    notes: list[str]
    proposal_titles: list[str]
    reconstructed: bool = False


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Aftermath:
    """ "Vad hände sedan?": the follow-up actions counted by status, and how many are overdue."""

    proposals: int
    actions: int
    by_status: list[StatusCount]
    overdue: int
    done_share: int  # percent of the actions that are done (0 when there are none)


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_url: str
    organiser: str
    description: str
    url: str
    organisations: list[OrganisationGroup]
    sessions: list[SessionItem]
    proposals: list[ProposalItem]
    aftermath: Aftermath
    made_at: dt.datetime = field(default_factory=timezone.now)
    all_day: bool = False
    reconstructed: bool = False

    @property
    def when(self) -> str:
        if self.all_day:
            return _("%(day)s (heldag, klockslagen är inte kända)") % {
                "day": formats.date_format(timezone.localtime(self.starts_at))
            }
        return when_text(self.starts_at, self.ends_at)

    @property
    def holds_reconstructed(self) -> bool:
        """Whether any session, proposal or next step in it is a reconstructed example."""
        return any(s.reconstructed for s in self.sessions) or any(
            p.reconstructed or any(a.reconstructed for a in p.actions) for p in self.proposals
        )

    @property
    def where(self) -> str:
        return ", ".join(part for part in [self.place, self.online_url] if part) or _("Ingen plats angiven")


def when_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """ "13 december 2019, 09:30–15:00" in the site's time zone (or both dates when it spans days)."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    day = formats.date_format(start)
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}–{end:%H:%M}"
    return f"{day} {start:%H:%M} – {formats.date_format(end)} {end:%H:%M}"


def _absolute(path: str) -> str:
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path}"


def _organisation_groups(event: Event) -> list[OrganisationGroup]:
    """The organisations that took part: registered (not cancelled or waiting) or named in a session."""
    actors = (
        Actor.objects.filter(
            Q(
                event_registrations__event=event,
                event_registrations__status=Registration.Status.REGISTERED,
            )
            | Q(dialogue_sessions__event=event)
        )
        .distinct()
        .order_by("name")
        .only("name", "kind")
    )
    groups: dict[str, list[str]] = {"region": [], "agency": [], "other": []}
    for actor in actors:
        groups[actor.kind if actor.kind in groups else "other"].append(actor.name)
    labels = {"region": _("Regioner"), "agency": _("Myndigheter"), "other": _("Andra organisationer")}
    return [OrganisationGroup(labels[key], names) for key, names in groups.items() if names]


def build_report(event: Event) -> Report:
    """The report's content from queries.event_summary (plus one query for supporters, one for organisations)."""
    # The report of an event that is no longer current shows all it held; a current event's, what is current.
    summary = queries.event_summary(event, include_retired=event.retired_at is not None)
    supporters: dict[int, list[str]] = defaultdict(list)
    for support in (
        Support.objects.filter(proposal__session__event=event).select_related("actor").order_by("actor__name")
    ):
        supporters[support.proposal_id].append(support.actor.name)

    session_items: list[SessionItem] = []
    proposal_items: list[ProposalItem] = []
    for session in summary.sessions:
        notes = list(session.notes.all())
        proposals = list(session.proposals.all())
        session_items.append(
            SessionItem(
                title=session.title,
                theme=session.theme.name if session.theme else "",
                starts_at=session.starts_at,
                description=session.description,
                insights=[note.text for note in notes if note.kind == Note.Kind.INSIGHT],
                notes=[note.text for note in notes if note.kind == Note.Kind.NOTE],
                proposal_titles=[proposal.title for proposal in proposals],
                reconstructed=session.reconstructed,
            )
        )
        for proposal in proposals:
            actions = []
            for followup in proposal.followups.all():
                actions.append(
                    ActionItem(
                        title=followup.title,
                        description=followup.description,
                        owner=followup.owner.name if followup.owner else str(NO_OWNER_NOTICE),
                        due_on=followup.due_on,
                        status=followup.status,
                        status_label=followup.get_status_display(),
                        overdue=followup.is_overdue,
                        url=followup.get_absolute_url(),
                        link=_absolute(followup.link),
                        reconstructed=followup.reconstructed,
                    )
                )
            proposal_items.append(
                ProposalItem(
                    title=proposal.title,
                    text=proposal.text,
                    session=session.title,
                    theme=proposal.theme.name if proposal.theme else "",
                    status_label=proposal.get_status_display(),
                    supporters=supporters.get(proposal.pk, []),
                    actions=actions,
                    url=proposal.get_absolute_url(),
                    reconstructed=proposal.reconstructed,
                    source=proposal.source,
                )
            )
    total = summary.followups
    aftermath = Aftermath(
        proposals=summary.proposals,
        actions=total,
        by_status=[
            StatusCount(status.value, str(status.label), summary.by_status.get(status, 0)) for status in FollowUp.Status
        ],
        overdue=summary.overdue,
        done_share=round(100 * summary.done / total) if total else 0,
    )
    return Report(
        slug=event.slug,
        title=event.title,
        kind=event.get_kind_display(),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        online_url=event.online_url,
        organiser=event.organiser.name if event.organiser else str(NO_ORGANISER_NOTICE),
        description=event.description,
        url=event.get_absolute_url(),
        organisations=_organisation_groups(event),
        sessions=session_items,
        proposals=proposal_items,
        aftermath=aftermath,
        all_day=event.all_day,
        reconstructed=event.reconstructed,
    )


def docx_filename(report: Report) -> str:
    return f"dialograpport-{report.slug}.docx"


def render_docx(report: Report) -> bytes:
    """The report as a Word document: real headings (Heading 1–3), lists, and a table of the actions."""
    from docx import Document  # python-docx; imported here so that the pages do not load lxml

    document = Document()
    document.core_properties.title = _("Dialograpport: %(title)s") % {"title": report.title}
    document.core_properties.language = "sv-SE"
    document.core_properties.author = report.organiser
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        _("Dialograpport från krokarm, %(day)s") % {"day": formats.date_format(timezone.localtime(report.made_at))}
    )
    if report.reconstructed or report.holds_reconstructed:
        document.add_paragraph(_notice_text(report.reconstructed))

    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in [
        (_("Typ av träff"), report.kind),
        (_("När"), report.when),
        (_("Var"), report.where),
        (_("Arrangör"), report.organiser),
        (_("Webbsida"), _absolute(report.url)),
    ]:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    if report.description:
        document.add_paragraph(report.description)

    document.add_heading(_("Deltagande organisationer"), level=1)
    if not report.organisations:
        document.add_paragraph(_("Inga organisationer har anmält sig eller deltagit i ett dialogpass."))
    for group in report.organisations:
        document.add_heading(f"{group.label} ({len(group.names)})", level=2)
        document.add_paragraph(", ".join(group.names))

    document.add_heading(_("Dialogpass"), level=1)
    if not report.sessions:
        document.add_paragraph(_("Träffen har inga dialogpass."))
    for session in report.sessions:
        document.add_heading(session.title, level=2)
        if session.reconstructed:
            document.add_paragraph(str(RECONSTRUCTED_NOTICE))
        if session.theme:
            document.add_paragraph(_("Tema: %(theme)s") % {"theme": session.theme})
        if session.description:
            document.add_paragraph(session.description)
        for heading, lines in [(_("Insikter"), session.insights), (_("Anteckningar"), session.notes)]:
            if lines:
                document.add_heading(heading, level=3)
                for line in lines:
                    document.add_paragraph(line, style="List Bullet")

    document.add_heading(_("Förslag och nästa steg"), level=1)
    if not report.proposals:
        document.add_paragraph(_("Inga förslag har lämnats."))
    for proposal in report.proposals:
        document.add_heading(proposal.title, level=2)
        if proposal.reconstructed:
            document.add_paragraph(str(RECONSTRUCTED_NOTICE))
        if proposal.source:
            document.add_paragraph(_("Källa: %(source)s") % {"source": proposal.source})
        document.add_paragraph(
            _("Från dialogpasset ”%(session)s”. Status: %(status)s.")
            % {"session": proposal.session, "status": proposal.status_label}
        )
        document.add_paragraph(proposal.text)
        document.add_paragraph(
            _("Stöds av: %(names)s") % {"names": ", ".join(proposal.supporters)}
            if proposal.supporters
            else _("Ingen organisation har ställt sig bakom förslaget ännu.")
        )
        if proposal.actions:
            _actions_table(document, proposal)
        else:
            document.add_paragraph(_("Inga nästa steg ännu."))

    document.add_heading(_("Vad hände sedan?"), level=1)
    document.add_paragraph(aftermath_sentence(report.aftermath))
    counts = document.add_table(rows=1, cols=2)
    counts.style = "Table Grid"
    counts.rows[0].cells[0].text, counts.rows[0].cells[1].text = _("Status"), _("Antal nästa steg")
    for row in report.aftermath.by_status:
        cells = counts.add_row().cells
        cells[0].text, cells[1].text = row.label, str(row.count)
    cells = counts.add_row().cells
    cells[0].text, cells[1].text = _("Försenade"), str(report.aftermath.overdue)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _actions_table(document: object, proposal: ProposalItem) -> None:
    table = document.add_table(rows=1, cols=4)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(header, [_("Nästa steg"), _("Ansvarig"), _("Klart senast"), _("Status")], strict=True):
        cell.text = text
    for action in proposal.actions:
        status = action.status_label + (f" ({_('försenad')})" if action.overdue else "")
        cells = table.add_row().cells
        title = f"{action.title} ({RECONSTRUCTED_NOTICE})" if action.reconstructed else action.title
        cells[0].text, cells[1].text = title, action.owner
        cells[2].text, cells[3].text = action.due_on.isoformat(), status


def _notice_text(whole: bool) -> str:
    """The notice at the top of a report: the whole event is an example, or parts of it are."""
    if whole:
        return _("%(notice)s: krokarm har skrivit hela träffen som exempel.") % {"notice": RECONSTRUCTED_NOTICE}
    return _(
        "%(notice)s: det som är märkt så har krokarm rekonstruerat. Det är inte vad som sades eller beslutades."
    ) % {"notice": RECONSTRUCTED_NOTICE}


def aftermath_sentence(aftermath: Aftermath) -> str:
    if not aftermath.actions:
        return _("Inga nästa steg är beslutade ännu.")
    return _(
        "%(proposals)s förslag blev %(actions)s nästa steg. %(share)s procent är klara och %(overdue)s är försenade."
    ) % {
        "proposals": aftermath.proposals,
        "actions": aftermath.actions,
        "share": aftermath.done_share,
        "overdue": aftermath.overdue,
    }
