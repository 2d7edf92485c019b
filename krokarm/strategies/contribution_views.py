"""The interactive side of an entry point: registering interest, sending a contribution with files, the region's
list of contributions with acknowledgements, and downloading an attachment. Who may do what:
permissions.py.

Nothing sent is lost or doubled: a form sent twice (a double click, with its files) makes one contribution and
shows it (one-time key); a refusal keeps the text; two officers answering the same contribution at once are
shown each other's answer instead of overwriting it (versions, 409)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from krokarm.accounts.permissions import actor_ids
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.idempotency.shortcuts import repeated_submission
from krokarm.strategies import actions, permissions, queries
from krokarm.strategies.forms import AcknowledgeForm, ContributionForm, InterestForm
from krokarm.strategies.models import Contribution, EntryPoint

INTEREST_SENT_TWICE = gettext_lazy(
    "Er intresseanmälan var redan skickad: formuläret skickades två gånger, men anmälan finns bara en gång."
)
CONTRIBUTION_SENT_TWICE = gettext_lazy(
    "Ert bidrag var redan skickat: formuläret skickades två gånger, men bidraget finns bara en gång."
)


def entry_page(
    request: HttpRequest,
    entry: EntryPoint,
    *,
    interest_form: InterestForm | None = None,
    contribution_form: ContributionForm | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    """The entry point page; for someone signed in also the forms and their organisations' contributions."""
    user = request.user
    today = queries.today()
    context: dict[str, Any] = {"entry": entry, "today": today, "refused": refused}
    if user.is_authenticated:
        is_open = entry.is_open_on(today) and entry.retired_at is None
        actors = permissions.contributing_actors(user, entry) if is_open else []
        context.update(
            {
                "own_contributions": queries.contributions(entry, actor_ids=actor_ids(user)),
                "interest_form": interest_form or (InterestForm(actors=actors, prefix="intresse") if actors else None),
                "contribution_form": contribution_form
                or (ContributionForm(actors=actors, prefix="bidrag") if actors else None),
                "can_read_contributions": permissions.can_read_contributions(user, entry),
                "can_manage": permissions.can_manage_region(user, permissions.region_of(entry)),
            }
        )
    return render(request, "strategies/entry_point.html", context, status=status)


def _refused(request: HttpRequest, entry: EntryPoint, error: actions.ContributionRefused, **forms: Any) -> HttpResponse:
    return entry_page(request, entry, refused=str(error), status=409 if error.closed else 400, **forms)


@login_required
@require_POST
def register_interest(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_point_for_viewing(request.user, pk)
    form = InterestForm(request.POST, actors=permissions.ensure_can_contribute(request.user, entry), prefix="intresse")
    if already := repeated_submission(request, form, INTEREST_SENT_TWICE):
        return already
    if not form.is_valid():
        return entry_page(request, entry, interest_form=form, status=400)
    actor, text = form.cleaned_data["actor"], form.cleaned_data["text"]

    def register() -> str:
        actions.register_interest(entry, user=request.user, actor=actor, text=text)
        return f"{entry.get_absolute_url()}#era-bidrag"

    try:
        url, made = run_once(scope_of(request), form.once_key(), "strategies.interest", register)
    except actions.ContributionRefused as error:
        return _refused(request, entry, error, interest_form=form)
    if made:
        messages.success(request, _("Er intresseanmälan är skickad. Regionen ser den bland bidragen."))
    else:
        messages.info(request, INTEREST_SENT_TWICE)
    return redirect(url)


@login_required
@require_POST
def submit_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_entry_point_for_viewing(request.user, pk)
    actors = permissions.ensure_can_contribute(request.user, entry)
    form = ContributionForm(request.POST, request.FILES, actors=actors, prefix="bidrag")
    if already := repeated_submission(request, form, CONTRIBUTION_SENT_TWICE):
        return already  # the files of this second sending are not read, let alone stored
    if not form.is_valid():
        return entry_page(request, entry, contribution_form=form, status=400)
    data = form.cleaned_data

    def send() -> str:
        actions.submit_contribution(
            entry, user=request.user, actor=data["actor"], text=data["text"], files=data["attachments"]
        )
        return f"{entry.get_absolute_url()}#era-bidrag"

    try:
        url, made = run_once(scope_of(request), form.once_key(), "strategies.contribution", send)
    except actions.ContributionRefused as error:
        return _refused(request, entry, error, contribution_form=form)
    if made:
        messages.success(
            request, _("Ert bidrag är skickat. Regionen ser det, och ni ser här när regionen har tagit emot det.")
        )
    else:
        messages.info(request, CONTRIBUTION_SENT_TWICE)
    return redirect(url)


@login_required
@require_GET
def contribution_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every contribution to the entry point, for the region's staff (who acknowledge them) and coordinators."""
    entry = permissions.get_entry_point_for_reading_contributions(request.user, pk)
    return _list(request, entry)


def _list(
    request: HttpRequest, entry: EntryPoint, bound: tuple[int, AcknowledgeForm] | None = None, status: int = 200
) -> HttpResponse:
    can_acknowledge = permissions.is_region_staff(request.user, entry)
    rows = [(c, _acknowledge_form(c, bound) if can_acknowledge else None) for c in queries.contributions(entry)]
    context = {"entry": entry, "rows": rows, "today": queries.today(), "can_acknowledge": can_acknowledge}
    return render(request, "strategies/contributions.html", context, status=status)


def _acknowledge_form(contribution: Contribution, bound: tuple[int, AcknowledgeForm] | None) -> AcknowledgeForm:
    if bound is not None and bound[0] == contribution.pk:
        return bound[1]
    initial = {"reply": contribution.acknowledgement}
    return AcknowledgeForm(prefix=f"bidrag-{contribution.pk}", initial=initial, version=contribution.version)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    contribution = permissions.get_contribution_for_acknowledging(request.user, pk, contribution_pk)
    form = AcknowledgeForm(request.POST, prefix=f"bidrag-{contribution.pk}")
    if not form.is_valid():
        return _list(request, contribution.entry_point, bound=(contribution.pk, form), status=400)
    reply, version = form.cleaned_data["reply"], form.expected_version()
    save = lambda: actions.acknowledge_contribution(  # noqa: E731
        contribution, user=request.user, reply=reply, expected_version=version
    )
    if not save_or_stale(form, save):
        # Another officer answered meanwhile: their answer is on the page, this one's text is kept (409).
        return _list(request, contribution.entry_point, bound=(contribution.pk, form), status=form_status(form))
    messages.success(
        request, _("Bidraget från %(actor)s är markerat som mottaget.") % {"actor": contribution.actor.name}
    )
    return redirect(f"{reverse('strategies:contributions', args=[pk])}#bidrag-{contribution.pk}")


@login_required
@require_GET
def download_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment, always as a download and never sniffed: only those who may see the contribution get it."""
    attachment = permissions.get_attachment_for_download(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("Filen finns inte.")) from missing
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
