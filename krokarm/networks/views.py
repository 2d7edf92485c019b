from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krokarm.actors.models import Actor, Membership
from krokarm.audit.actions import Stale
from krokarm.audit.cache import cache_public_page
from krokarm.audit.editing import form_status, save_or_stale
from krokarm.idempotency.actions import run_once, scope_of
from krokarm.idempotency.shortcuts import repeated_post
from krokarm.networks import actions, permissions, queries
from krokarm.networks.forms import LinkNetworkForm, MeetingForm, MemberForm, PostForm
from krokarm.networks.models import Link
from krokarm.strategies.feeds import calendar_response
from krokarm.strategies.queries import today

PAST = "tidigare"
# Said when a form that makes something arrives a second time with the same one-time key (a double click, a
# resent page): nothing was made twice, and the person is shown what the first sending made.
POSTED_TWICE = gettext_lazy("Inlägget var redan publicerat: formuläret skickades två gånger.")
MEETING_SENT_TWICE = gettext_lazy("Mötet fanns redan i kalendern: formuläret skickades två gånger.")
SENT_TWICE = gettext_lazy("Det här var redan gjort: formuläret skickades två gånger.")
CHANGED_BEFORE_CANCELLING = gettext_lazy(
    "Mötet är inte inställt: någon annan ändrade det efter att du öppnade sidan. Se hur det ser ut nu och "
    "ställ in det igen om det behövs."
)


@require_GET
@cache_public_page
def network_list(request: HttpRequest) -> HttpResponse:
    """Every network with its member count and the joint spaces it is in."""
    context = {"networks": queries.networks(), "links": list(Link.objects.order_by("name"))}
    return render(request, "networks/network_list.html", context)


@require_GET
@cache_public_page
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = permissions.get_network(slug)
    return _network_page(request, network)


@login_required
@require_POST
def post_create(request: HttpRequest, slug: str) -> HttpResponse:
    network, organisations = permissions.get_network_for_posting(request.user, slug)
    form = PostForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _network_page(request, network, post_form=form, status=400)
    return _publish(request, form, network=network)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = permissions.get_network_for_managing(request.user, slug)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        values = form.values()

        def add() -> str:
            return actions.create_meeting(network, user=request.user, **values).get_absolute_url()

        address, made = run_once(scope_of(request), form.once_key(), "networks.meeting", add)
        messages.success(request, _("Mötet finns nu i nätverkets kalender.") if made else MEETING_SENT_TWICE)
        return redirect(address)
    context = {"form": form, "network": network, "meeting": None}
    return render(request, "networks/meeting_form.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_managing(request.user, slug, pk)
    form = MeetingForm(request.POST if request.method == "POST" else None, meeting=meeting)
    status = 200
    if form.is_bound and form.is_valid():
        values, version = form.values(), form.expected_version()
        try:
            saved = save_or_stale(
                form, lambda: actions.update_meeting(meeting, user=request.user, expected_version=version, **values)
            )
        except actions.NetworkRefused as refused:  # cancelled meanwhile: what was typed stays on the page
            form.add_error(None, refused.message)
            status = refused.status
        else:
            if saved:
                messages.success(request, _("Mötet är sparat."))
                return redirect(meeting.get_absolute_url())
    context = {"form": form, "network": meeting.network, "meeting": meeting}
    return render(request, "networks/meeting_form.html", context, status=max(status, form_status(form)))


@login_required
@require_POST
def meeting_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_managing(request.user, slug, pk)
    version = str(request.POST.get("version", ""))
    try:
        actions.delete_meeting(meeting, user=request.user, expected_version=int(version) if version.isdigit() else None)
    except Stale:
        messages.error(request, CHANGED_BEFORE_CANCELLING)
        return redirect(meeting.get_absolute_url())
    messages.success(request, _("Mötet ”%(title)s” är inställt och borttaget ur kalendern.") % {"title": meeting.title})
    return redirect("networks:detail", slug)


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinators' page for the network's member organisations: add one, change a role, remove one."""
    network = permissions.get_network_for_managing(request.user, slug)
    form = MemberForm(request.POST if request.method == "POST" else None, network=network)
    if form.is_bound and form.is_valid():
        member, role = form.cleaned_data["member"], form.cleaned_data["role"]
        back = reverse("networks:members", args=[slug])

        def add() -> str:
            actions.add_member(network, member, user=request.user, role=role)
            return back

        address, made = run_once(scope_of(request), form.once_key(), "networks.member", add)
        added = _("%(member)s är medlem i nätverket.") % {"member": member.name}
        messages.success(request, added if made else SENT_TWICE)
        return redirect(address)
    context = {"network": network, "form": form, "memberships": queries.memberships([network])}
    return render(request, "networks/members.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, member_slug: str) -> HttpResponse:
    network = permissions.get_network_for_managing(request.user, slug)
    member = Actor.objects.filter(slug=member_slug).first()
    if member is None:
        raise Http404(_("Det finns ingen organisation med den adressen."))
    actions.remove_member(network, member, user=request.user)
    messages.success(request, _("%(member)s är inte längre medlem i nätverket.") % {"member": member.name})
    return redirect("networks:members", slug)


@require_GET
@cache_public_page
def link_detail(request: HttpRequest, slug: str) -> HttpResponse:
    link = permissions.get_link(slug)
    return _link_page(request, link)


@login_required
@require_POST
def link_post_create(request: HttpRequest, slug: str) -> HttpResponse:
    link, organisations = permissions.get_link_for_posting(request.user, slug)
    form = PostForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _link_page(request, link, post_form=form, status=400)
    return _publish(request, form, link=link)


def _publish(request: HttpRequest, form: PostForm, *, network: Actor | None = None, link: Link | None = None) -> Any:
    """Publish a valid post once per one-time key; a second sending shows the first one's post."""
    data, organisation = form.cleaned_data, form.chosen_organisation()

    def write() -> str:
        post = actions.write_post(
            user=request.user,
            network=network,
            link=link,
            organisation=organisation,
            title=data["title"],
            body=data["body"],
        )
        return post.get_absolute_url()

    purpose = "networks.link_post" if link is not None else "networks.post"
    address, made = run_once(scope_of(request), form.once_key(), purpose, write)
    if not made:
        messages.info(request, POSTED_TWICE)
    elif link is not None:
        messages.success(request, _("Ditt inlägg är publicerat för nätverkens medlemmar."))
    else:
        messages.success(request, _("Ditt inlägg är publicerat för nätverkets medlemmar."))
    return redirect(address)


@login_required
@require_http_methods(["GET", "POST"])
def link_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinators' page for a joint space: which networks are in it."""
    link = permissions.get_link_for_managing(request.user, slug)
    addable = permissions.addable_networks(request.user, link)
    if request.method == "POST":
        if done := repeated_post(request, SENT_TWICE):
            return done
        # A network added meanwhile is refused by the action with a message (409), not called an invalid choice.
        form = LinkNetworkForm(request.POST, networks=permissions.addable_networks(request.user, link, present=True))
    else:
        form = LinkNetworkForm(networks=addable)
    if form.is_bound and form.is_valid():
        network = form.cleaned_data["network"]
        back = reverse("networks:link-manage", args=[slug])

        def add() -> str:
            actions.add_link_network(link, network, user=request.user)
            return back

        address, made = run_once(scope_of(request), form.once_key(), "networks.link_network", add)
        added = _("%(network)s ingår nu i samverkan.") % {"network": network.name}
        messages.success(request, added if made else SENT_TWICE)
        return redirect(address)
    context = {"link": link, "form": form, "addable": addable}
    return render(request, "networks/link_manage.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def link_network_remove(request: HttpRequest, slug: str, network_slug: str) -> HttpResponse:
    link = permissions.get_link_for_managing(request.user, slug)
    network = next((n for n in link.network_list if n.slug == network_slug), None)  # type: ignore[attr-defined]
    if network is None:
        return redirect("networks:link-manage", slug)
    try:
        actions.remove_link_network(link, network, user=request.user)
    except actions.NetworkRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(network)s ingår inte längre i samverkan.") % {"network": network.name})
    return redirect("networks:link-manage", slug)


@require_GET
@cache_public_page
def network_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The network's meetings and the entry points that concern its members, as iCalendar."""
    network = permissions.get_network(slug)
    member_ids = permissions.network_member_ids(network)
    meetings, entries = queries.meetings([network]), queries.entry_points_for_members(member_ids)
    name = _("%(network)s: kalender") % {"network": network.display_short_name}
    return calendar_response(queries.calendar_events(meetings, entries), name=name)


@require_GET
@cache_public_page
def link_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The linked networks' meetings and every region's entry points, as iCalendar."""
    link = permissions.get_link(slug)
    meetings = queries.meetings(link.network_list)  # type: ignore[attr-defined]
    events = queries.calendar_events(meetings, queries.all_entry_points())
    return calendar_response(events, name=_("%(link)s: gemensam kalender") % {"link": link.name})


def _network_page(
    request: HttpRequest, network: Actor, *, post_form: PostForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    memberships = queries.memberships([network])
    member_ids = [m.member_id for m in memberships]
    may_read = user.is_authenticated and permissions.can_read_posts(user, network, member_ids)
    coming, past = queries.calendar(queries.meetings([network]), queries.entry_points_for_members(member_ids), today())
    context: dict[str, Any] = {
        "network": network,
        "coordinating": [m for m in memberships if m.role == Membership.Role.COORDINATOR],
        "members": [m for m in memberships if m.role != Membership.Role.COORDINATOR],
        "links": queries.links_of(network),
        "coming": coming,
        "past": past,
        "show_past": request.GET.get("visa") == PAST,
        "can_manage": permissions.is_network_coordinator(user, network),
        "may_read": may_read,
    }
    if may_read:
        organisations = permissions.post_organisations(user, [network.pk], member_ids)
        context["coordinators"] = queries.coordinators(network)
        context["page"] = Paginator(queries.posts(network=network), settings.PAGE_SIZE).get_page(
            request.GET.get("sida")
        )
        context["post_form"] = post_form or PostForm(organisations=organisations)
    return render(request, "networks/network_detail.html", context, status=status)


def _link_page(
    request: HttpRequest, link: Link, *, post_form: PostForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    networks: list[Actor] = link.network_list  # type: ignore[attr-defined]
    memberships = queries.memberships(networks)
    member_ids = [m.member_id for m in memberships]
    may_read = user.is_authenticated and permissions.can_read_link_posts(user, networks, member_ids)
    coming, past = queries.calendar(queries.meetings(networks), queries.all_entry_points(), today())
    columns = [(network, [m for m in memberships if m.network_id == network.pk]) for network in networks]
    current = link.retired_at is None  # one that is no longer current keeps its posts to read, takes no more
    context: dict[str, Any] = {
        "link": link,
        "columns": columns,
        "coming": coming,
        "past": past,
        "show_past": request.GET.get("visa") == PAST,
        "can_manage": current and permissions.can_manage_link(user, networks),
        "may_read": may_read,
    }
    if may_read:
        context["page"] = Paginator(queries.posts(link=link), settings.PAGE_SIZE).get_page(request.GET.get("sida"))
        if current:
            organisations = permissions.post_organisations(user, [n.pk for n in networks], member_ids)
            context["post_form"] = post_form or PostForm(organisations=organisations)
    return render(request, "networks/link_detail.html", context, status=status)
