"""Who may open what, for every URL the site serves (the API has its own tests in krokarm/api/tests/).

Each URL name is listed once with the rule it follows and a way to build a real address for it, with objects
that belong to Arbetsförmedlingen (the "owner" organisation). For every rule, three personas try it:

- an anonymous visitor,
- an outsider: an organisation administrator *and* editor at CSN — every right, but at another organisation,
- the owner: the person the rule is for (Arbetsförmedlingen's administrator, a coordinator, the user themself).

A URL added to the site without a line here fails `test_every_url_has_a_rule`, so nobody forgets to decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from zeal import zeal_ignore

from krokarm.accounts.models import Affiliation, User
from krokarm.accounts.tests.factories import UserFactory, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("several_requests")]

OWNER_ORG = "arbetsformedlingen"
REGION_ORG = "region-ostergotland"
NETWORK = "rus-natverket"  # the regions' network: Region Östergötland is a member, CSN is not
LINK = "myndighetsnatverket-och-rus-natverket"
OTHER_ORG = "csn"

PUBLIC = "anyone"  # open to anonymous visitors
SIGNED_IN = "signed in"  # any signed-in person; shows only their own things
ORGANISATION = "the organisation"  # only the owner organisation's people (or site admins)
COORDINATOR = "coordinators"  # platform coordinators and site admins
OWN = "the user's own"  # one user's object: another user gets 404
ELSEWHERE = "tested elsewhere"  # needs a secret or an outside party; see the reason


@dataclass(frozen=True)
class Rule:
    who: str
    path: Callable[[dict[str, Any]], str]
    method: str = "get"
    why: str = ""
    owner: str = "owner"  # who gets through: Arbetsförmedlingen's admin, or "region_owner" for a region's things


def fixed(name: str, *args: Any) -> Callable[[dict[str, Any]], str]:
    return lambda objects: reverse(name, args=args)


def using(name: str, *keys: str) -> Callable[[dict[str, Any]], str]:
    return lambda objects: reverse(name, args=[objects[key] for key in keys])


THREAD = ("ansvar", "arbetsformedlingen/rekrytering-och-matchning/leder")

RULES: dict[str, Rule] = {
    # Public pages.
    "home:start": Rule(PUBLIC, fixed("home:start")),
    "search:search": Rule(PUBLIC, fixed("search:search")),
    "home:about": Rule(PUBLIC, fixed("home:about")),
    "home:language": Rule(PUBLIC, fixed("home:language", "en")),
    "home:personal-data": Rule(PUBLIC, fixed("home:personal-data")),
    "home:accessibility": Rule(PUBLIC, fixed("home:accessibility")),
    "home:healthz": Rule(PUBLIC, fixed("home:healthz")),
    "home:patterns": Rule(COORDINATOR, fixed("home:patterns"), why="the pattern page: also open with DEBUG"),
    "actors:list": Rule(PUBLIC, fixed("actors:list")),
    "actors:detail": Rule(PUBLIC, fixed("actors:detail", OWNER_ORG)),
    "actors:matrix": Rule(PUBLIC, fixed("actors:matrix")),
    "actors:collaboration": Rule(PUBLIC, fixed("actors:collaboration")),
    "actors:data": Rule(PUBLIC, fixed("actors:data")),
    "actors:download-actors-csv": Rule(PUBLIC, fixed("actors:download-actors-csv")),
    "actors:download-responsibilities-csv": Rule(PUBLIC, fixed("actors:download-responsibilities-csv")),
    "actors:download-json": Rule(PUBLIC, fixed("actors:download-json")),
    "regions:list": Rule(PUBLIC, fixed("regions:list")),
    "regions:detail": Rule(PUBLIC, fixed("regions:detail", "ostergotlands-lan")),
    "wayin:ask": Rule(PUBLIC, fixed("wayin:ask")),
    "cases:send": Rule(PUBLIC, fixed("cases:send")),
    "insights:feedback-thanks": Rule(PUBLIC, fixed("insights:feedback-thanks")),
    "insights:dashboard": Rule(PUBLIC, fixed("insights:dashboard")),
    "insights:dashboard-csv": Rule(PUBLIC, fixed("insights:dashboard-csv")),
    "comments:thread": Rule(PUBLIC, fixed("comments:thread", *THREAD)),
    "comments:comment": Rule(PUBLIC, using("comments:comment", "comment")),
    "accounts:login": Rule(PUBLIC, fixed("accounts:login")),
    "accounts:password-reset": Rule(PUBLIC, fixed("accounts:password-reset")),
    "accounts:password-reset-sent": Rule(PUBLIC, fixed("accounts:password-reset-sent")),
    "accounts:password-reset-complete": Rule(PUBLIC, fixed("accounts:password-reset-complete")),
    # Pages for anyone signed in, about themselves.
    "cases:inbox": Rule(SIGNED_IN, fixed("cases:inbox")),
    "accounts:account": Rule(SIGNED_IN, fixed("accounts:account")),
    "accounts:password-change": Rule(SIGNED_IN, fixed("accounts:password-change")),
    "accounts:password-change-done": Rule(SIGNED_IN, fixed("accounts:password-change-done")),
    "accounts:personal-data": Rule(SIGNED_IN, fixed("accounts:personal-data")),
    "accounts:delete-account": Rule(SIGNED_IN, fixed("accounts:delete-account")),
    "accounts:two-factor-setup": Rule(SIGNED_IN, fixed("accounts:two-factor-setup")),
    "accounts:two-factor-verify": Rule(SIGNED_IN, fixed("accounts:two-factor-verify")),
    "accounts:remove-two-factor": Rule(SIGNED_IN, fixed("accounts:remove-two-factor"), "post"),
    "accounts:two-factor-confirm": Rule(SIGNED_IN, fixed("accounts:two-factor-confirm")),
    "accounts:extend-session": Rule(SIGNED_IN, fixed("accounts:extend-session"), "post"),
    "comments:post": Rule(SIGNED_IN, fixed("comments:post", *THREAD), "post"),
    "comments:reply": Rule(SIGNED_IN, using("comments:reply", "comment"), "post"),
    "comments:report": Rule(SIGNED_IN, using("comments:report", "comment")),
    "notifications:list": Rule(SIGNED_IN, fixed("notifications:list")),
    "notifications:settings": Rule(SIGNED_IN, fixed("notifications:settings")),
    "notifications:mark-all-read": Rule(SIGNED_IN, fixed("notifications:mark-all-read"), "post"),
    "notifications:follow": Rule(SIGNED_IN, fixed("notifications:follow", "aktor", OWNER_ORG), "post"),
    "notifications:unfollow": Rule(SIGNED_IN, fixed("notifications:unfollow", "aktor", OWNER_ORG), "post"),
    "apitokens:list": Rule(SIGNED_IN, fixed("apitokens:list")),
    # One user's own objects.
    "notifications:mark-read": Rule(OWN, using("notifications:mark-read", "notification"), "post"),
    "apitokens:revoke": Rule(OWN, using("apitokens:revoke", "token"), "post"),
    # The owner organisation's people only.
    "actors:edit": Rule(ORGANISATION, fixed("actors:edit", OWNER_ORG)),
    "actors:add-responsibility": Rule(ORGANISATION, fixed("actors:add-responsibility", OWNER_ORG)),
    "actors:edit-responsibility": Rule(ORGANISATION, using("actors:edit-responsibility", "org", "responsibility")),
    "actors:delete-responsibility": Rule(ORGANISATION, using("actors:delete-responsibility", "org", "responsibility")),
    "actors:add-service": Rule(ORGANISATION, fixed("actors:add-service", OWNER_ORG)),
    "actors:edit-service": Rule(ORGANISATION, using("actors:edit-service", "org", "service")),
    "actors:delete-service": Rule(ORGANISATION, using("actors:delete-service", "org", "service")),
    "cases:detail": Rule(ORGANISATION, using("cases:detail", "case")),
    "cases:accept": Rule(ORGANISATION, using("cases:accept", "case"), "post"),
    "cases:answer": Rule(ORGANISATION, using("cases:answer", "case"), "post"),
    "cases:forward": Rule(ORGANISATION, using("cases:forward", "case"), "post"),
    "comments:close": Rule(ORGANISATION, fixed("comments:close", *THREAD), "post"),
    "comments:reopen": Rule(ORGANISATION, fixed("comments:reopen", *THREAD), "post"),
    "accounts:members": Rule(ORGANISATION, fixed("accounts:members", OWNER_ORG)),
    "accounts:invite": Rule(ORGANISATION, fixed("accounts:invite", OWNER_ORG), "post"),
    "accounts:change-role": Rule(ORGANISATION, using("accounts:change-role", "org", "affiliation"), "post"),
    "accounts:remove-member": Rule(ORGANISATION, using("accounts:remove-member", "org", "affiliation"), "post"),
    "accounts:reset-two-factor": Rule(ORGANISATION, using("accounts:reset-two-factor", "org", "affiliation"), "post"),
    "accounts:resend": Rule(ORGANISATION, using("accounts:resend", "org", "invitation"), "post"),
    "accounts:withdraw": Rule(ORGANISATION, using("accounts:withdraw", "org", "invitation"), "post"),
    # Confirming the organisation's data (its editors; coordinators read the page, confirmations/tests/).
    "confirmations:organisation": Rule(ORGANISATION, fixed("confirmations:organisation", OWNER_ORG)),
    "confirmations:confirm": Rule(
        ORGANISATION,
        lambda objects: reverse("confirmations:confirm", args=[OWNER_ORG, "ansvar", objects["responsibility"]]),
        "post",
    ),
    # Platform coordinators.
    "cases:overdue": Rule(COORDINATOR, fixed("cases:overdue")),
    "insights:review": Rule(COORDINATOR, fixed("insights:review")),
    "insights:unreachable": Rule(COORDINATOR, fixed("insights:unreachable")),
    "audit:log": Rule(COORDINATOR, fixed("audit:log")),
    "audit:log-csv": Rule(COORDINATOR, fixed("audit:log-csv")),
    "comments:moderation": Rule(COORDINATOR, fixed("comments:moderation")),
    "confirmations:overview": Rule(COORDINATOR, fixed("confirmations:overview")),
    "comments:hide": Rule(COORDINATOR, using("comments:hide", "comment"), "post"),
    "comments:restore": Rule(COORDINATOR, using("comments:restore", "comment"), "post"),
    "notifications:failed-mail": Rule(COORDINATOR, fixed("notifications:failed-mail")),
    "notifications:resend-mail": Rule(COORDINATOR, using("notifications:resend-mail", "mail"), "post"),
    # Regional needs: public to read; any organisation answers; only the region's editors manage its needs.
    "needs:list": Rule(PUBLIC, fixed("needs:list")),
    "needs:detail": Rule(PUBLIC, using("needs:detail", "need")),
    "needs:answer": Rule(SIGNED_IN, using("needs:answer", "need"), "post"),
    "needs:create": Rule(ORGANISATION, fixed("needs:create"), owner="region_owner"),
    "needs:edit": Rule(ORGANISATION, using("needs:edit", "need"), owner="region_owner"),
    "needs:close": Rule(ORGANISATION, using("needs:close", "need"), "post", owner="region_owner"),
    "needs:reply": Rule(ORGANISATION, using("needs:reply", "need", "answer"), "post", owner="region_owner"),
    # Challenges: public to read; any organisation's editor proposes one; the lead's editors (and coordinators)
    # steer it; an organisation's editor joins it; a region's editors write their own region's approach.
    "challenges:list": Rule(PUBLIC, fixed("challenges:list")),
    "challenges:detail": Rule(PUBLIC, using("challenges:detail", "challenge")),
    "challenges:compare": Rule(PUBLIC, using("challenges:compare", "challenge")),
    "challenges:export_csv": Rule(PUBLIC, fixed("challenges:export_csv")),
    "challenges:export_json": Rule(PUBLIC, fixed("challenges:export_json")),
    "challenges:create": Rule(SIGNED_IN, fixed("challenges:create"), why="any organisation's editor"),
    "challenges:join": Rule(SIGNED_IN, using("challenges:join", "challenge"), "post"),
    "challenges:edit": Rule(ORGANISATION, using("challenges:edit", "challenge")),
    "challenges:status": Rule(ORGANISATION, using("challenges:status", "challenge")),
    "challenges:participants": Rule(ORGANISATION, using("challenges:participants", "challenge")),
    "challenges:remove_participant": Rule(
        ORGANISATION, using("challenges:remove_participant", "challenge", "participant"), "post"
    ),
    "challenges:approach": Rule(
        ORGANISATION, using("challenges:approach", "challenge", "region"), owner="region_owner"
    ),
    # Regional development strategies (RUS).
    "strategies:overview": Rule(PUBLIC, fixed("strategies:overview")),
    "strategies:region": Rule(PUBLIC, fixed("strategies:region", REGION_ORG)),
    "strategies:entry_point": Rule(PUBLIC, using("strategies:entry_point", "entry_point")),
    "strategies:calendar": Rule(PUBLIC, fixed("strategies:calendar")),
    "strategies:region_calendar": Rule(PUBLIC, fixed("strategies:region_calendar", REGION_ORG)),
    "strategies:new_entry_points": Rule(PUBLIC, fixed("strategies:new_entry_points")),
    "strategies:interest": Rule(SIGNED_IN, using("strategies:interest", "open_entry_point"), "post"),
    "strategies:contribute": Rule(SIGNED_IN, using("strategies:contribute", "open_entry_point"), "post"),
    "strategies:contributions": Rule(
        ORGANISATION, using("strategies:contributions", "open_entry_point"), owner="region_owner"
    ),
    "strategies:acknowledge": Rule(
        ORGANISATION,
        using("strategies:acknowledge", "open_entry_point", "contribution"),
        "post",
        owner="region_owner",
    ),
    "strategies:manage": Rule(ORGANISATION, fixed("strategies:manage", REGION_ORG), owner="region_owner"),
    "strategies:edit_phase": Rule(
        ORGANISATION, using("strategies:edit_phase", "region", "phase"), owner="region_owner"
    ),
    "strategies:add_phase": Rule(
        ORGANISATION, using("strategies:add_phase", "region", "process"), owner="region_owner"
    ),
    "strategies:add_entry_point": Rule(
        ORGANISATION, fixed("strategies:add_entry_point", REGION_ORG), owner="region_owner"
    ),
    "strategies:edit_entry_point": Rule(
        ORGANISATION, using("strategies:edit_entry_point", "region", "open_entry_point"), owner="region_owner"
    ),
    "strategies:attachment": Rule(
        ELSEWHERE, fixed("home:start"), why="an uploaded file: strategies/tests/test_contributions.py"
    ),
    # Knowledge bank: public metadata; the owner's editors manage items and answer requests; other organisations
    # ask and reuse (the region's admin asks for Arbetsförmedlingen's item shared on request).
    "knowledge:list": Rule(PUBLIC, fixed("knowledge:list")),
    "knowledge:detail": Rule(PUBLIC, using("knowledge:detail", "knowledge_item")),
    "knowledge:export-csv": Rule(PUBLIC, fixed("knowledge:export-csv")),
    "knowledge:export-json": Rule(PUBLIC, fixed("knowledge:export-json")),
    "knowledge:create": Rule(SIGNED_IN, fixed("knowledge:create")),
    "knowledge:inbox": Rule(SIGNED_IN, fixed("knowledge:inbox")),
    "knowledge:request": Rule(SIGNED_IN, using("knowledge:request", "knowledge_item"), "post", owner="region_owner"),
    "knowledge:reuse": Rule(SIGNED_IN, using("knowledge:reuse", "knowledge_item"), "post", owner="region_owner"),
    "knowledge:edit": Rule(ORGANISATION, using("knowledge:edit", "knowledge_item")),
    "knowledge:delete": Rule(ORGANISATION, using("knowledge:delete", "knowledge_item")),
    "knowledge:answer": Rule(ORGANISATION, using("knowledge:answer", "knowledge_request"), "post"),
    "knowledge:download": Rule(ELSEWHERE, fixed("home:start"), why="an uploaded file: knowledge/tests/test_views.py"),
    # Networks: public pages and calendars; members write posts; coordinators run meetings, members and links.
    "networks:list": Rule(PUBLIC, fixed("networks:list")),
    "networks:detail": Rule(PUBLIC, fixed("networks:detail", NETWORK)),
    "networks:calendar": Rule(PUBLIC, fixed("networks:calendar", NETWORK)),
    "networks:link": Rule(PUBLIC, fixed("networks:link", LINK)),
    "networks:link-calendar": Rule(PUBLIC, fixed("networks:link-calendar", LINK)),
    "networks:post": Rule(ORGANISATION, fixed("networks:post", NETWORK), "post", owner="region_owner"),
    "networks:link-post": Rule(ORGANISATION, fixed("networks:link-post", LINK), "post", owner="region_owner"),
    "networks:meeting-create": Rule(COORDINATOR, fixed("networks:meeting-create", NETWORK)),
    "networks:meeting-edit": Rule(COORDINATOR, using("networks:meeting-edit", "network", "meeting")),
    "networks:meeting-delete": Rule(COORDINATOR, using("networks:meeting-delete", "network", "meeting"), "post"),
    "networks:members": Rule(COORDINATOR, fixed("networks:members", NETWORK)),
    "networks:member-remove": Rule(COORDINATOR, fixed("networks:member-remove", NETWORK, "region-gotland"), "post"),
    "networks:link-manage": Rule(COORDINATOR, fixed("networks:link-manage", LINK)),
    "networks:link-network-remove": Rule(
        COORDINATOR, fixed("networks:link-network-remove", LINK, "myndighetsnatverket"), "post"
    ),
    # EU programmes (krokarm/funding): public, read-only reference data.
    "funding:list": Rule(PUBLIC, fixed("funding:list")),
    "funding:matrix": Rule(PUBLIC, fixed("funding:matrix")),
    "funding:detail": Rule(PUBLIC, fixed("funding:detail", "esf-plus")),
    "funding:export-csv": Rule(PUBLIC, fixed("funding:export-csv")),
    "funding:export-json": Rule(PUBLIC, fixed("funding:export-json")),
    # Dialogues (krokarm/dialogues): public to read; anyone in an organisation registers and supports; the
    # organiser's editors manage the event and turn proposals into next steps; the owner's editors report on them.
    "dialogues:list": Rule(PUBLIC, fixed("dialogues:list")),
    "dialogues:event": Rule(PUBLIC, using("dialogues:event", "dialogue")),
    "dialogues:session": Rule(PUBLIC, using("dialogues:session", "dialogue", "dialogue_session")),
    "dialogues:proposal": Rule(PUBLIC, using("dialogues:proposal", "proposal")),
    "dialogues:actions": Rule(PUBLIC, fixed("dialogues:actions")),
    "dialogues:followup": Rule(PUBLIC, using("dialogues:followup", "followup")),
    "dialogues:create": Rule(SIGNED_IN, fixed("dialogues:create")),
    "dialogues:register": Rule(SIGNED_IN, using("dialogues:register", "dialogue"), "post"),
    "dialogues:cancel": Rule(SIGNED_IN, using("dialogues:cancel", "dialogue"), "post"),
    "dialogues:support": Rule(SIGNED_IN, using("dialogues:support", "proposal"), "post"),
    "dialogues:edit": Rule(ORGANISATION, using("dialogues:edit", "dialogue")),
    "dialogues:add_session": Rule(ORGANISATION, using("dialogues:add_session", "dialogue")),
    "dialogues:create_followup": Rule(ORGANISATION, using("dialogues:create_followup", "proposal"), "post"),
    "dialogues:update_followup": Rule(ORGANISATION, using("dialogues:update_followup", "followup"), "post"),
    "dialogues:take_on_followup": Rule(
        ELSEWHERE,
        fixed("home:start"),
        why="needs a next step with no owner yet (krokarm's proposal): dialogues/tests/test_take_on.py",
    ),
    # The dialogue report, calendars and the action register as open data: public.
    "dialogues:report": Rule(PUBLIC, using("dialogues:report", "dialogue")),
    "dialogues:report_docx": Rule(PUBLIC, using("dialogues:report_docx", "dialogue")),
    "dialogues:calendar": Rule(PUBLIC, fixed("dialogues:calendar")),
    "dialogues:event_calendar": Rule(PUBLIC, using("dialogues:event_calendar", "dialogue")),
    "dialogues:actions_csv": Rule(PUBLIC, fixed("dialogues:actions_csv")),
    "dialogues:actions_json": Rule(PUBLIC, fixed("dialogues:actions_json")),
    # Secret links and outside parties.
    "cases:status": Rule(ELSEWHERE, fixed("home:start"), why="a secret token: cases/tests/test_views.py"),
    "insights:feedback": Rule(ELSEWHERE, fixed("home:start"), why="anonymous feedback form: insights tests"),
    "accounts:logout": Rule(ELSEWHERE, fixed("home:start"), why="signing out is open to all"),
    "accounts:invitation": Rule(ELSEWHERE, fixed("home:start"), why="a secret token: test_invitation_views.py"),
    "accounts:two-factor-link": Rule(ELSEWHERE, fixed("home:start"), why="a secret token: test_two_factor_reset.py"),
    "accounts:password-reset-confirm": Rule(ELSEWHERE, fixed("home:start"), why="a secret token: Django's own"),
    "accounts:oidc-start": Rule(ELSEWHERE, fixed("home:start"), why="the provider: test_single_sign_on.py"),
    "accounts:oidc-callback": Rule(ELSEWHERE, fixed("home:start"), why="the provider: test_single_sign_on.py"),
}


def url_names() -> Iterator[str]:
    def walk(resolver: URLResolver, namespace: str | None) -> Iterator[str]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in {"admin", "api"}:  # Django's admin; the API's own tests
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    yield from walk(get_resolver(), None)


def test_every_url_has_a_rule() -> None:
    assert sorted(set(url_names()) - set(RULES)) == []
    assert sorted(set(RULES) - set(url_names())) == []  # and no rule for a URL that is gone


@pytest.fixture
def objects() -> dict[str, Any]:
    """Things that belong to Arbetsförmedlingen, and the people who try to reach them."""
    from django.contrib.auth.models import Group

    from krokarm.accounts import actions as account_actions
    from krokarm.accounts.permissions import COORDINATORS_GROUP
    from krokarm.actors.models import Actor, Responsibility, Service
    from krokarm.api.actions import create_token
    from krokarm.cases.tests.factories import make_case
    from krokarm.challenges.tests.factories import make_challenge, make_participant
    from krokarm.comments.tests.factories import comment, reader
    from krokarm.knowledge.tests.factories import ask, secret_item
    from krokarm.needs.tests.factories import make_answer, make_need
    from krokarm.networks.tests.factories import make_meeting
    from krokarm.notifications.models import Notification
    from krokarm.outbox.tests.factories import failed_message
    from krokarm.strategies.models import EntryPoint
    from krokarm.strategies.tests import factories as strategy_factories
    from krokarm.strategies.tests.factories import contribute

    with zeal_ignore():
        owner = member_of(OWNER_ORG, Affiliation.Role.ADMIN, email="admin@af.se")
        region_owner = member_of(REGION_ORG, Affiliation.Role.ADMIN, email="admin@regionostergotland.se")
        need = make_need(user=region_owner)
        entry = strategy_factories.open_entry_point(REGION_ORG)
        colleague = member_of(OWNER_ORG, email="kollega@af.se")
        outsider = member_of(OTHER_ORG, Affiliation.Role.ADMIN, email="admin@csn.se")
        coordinator = UserFactory.create(email="samordnare@tillvaxtverket.se")
        coordinator.groups.add(Group.objects.get_or_create(name=COORDINATORS_GROUP)[0])
        af = Actor.objects.get(slug=OWNER_ORG)
        invitation = account_actions.invite(af, "ny@af.se", Affiliation.Role.MEMBER, by=owner)
        note = Notification.objects.create(user=owner, text="Nytt", url="/")
        token, _secret = create_token(owner, name="Skript")
        knowledge_item = secret_item(user=owner)
        knowledge_request = ask(knowledge_item, member_of("region-skane", email="fragar@skane.se"), "region-skane")
        challenge = make_challenge(OWNER_ORG, user=owner)
        dialogue, dialogue_session, proposal, followup = _dialogue_objects(owner, af)
        return {
            "org": OWNER_ORG,
            "owner": owner,
            "region_owner": region_owner,
            "need": need.pk,
            "answer": make_answer(need).pk,
            "entry_point": EntryPoint.objects.values_list("pk", flat=True).first(),
            "open_entry_point": entry.pk,
            "contribution": contribute(entry).pk,
            "region": REGION_ORG,
            "process": strategy_factories.process(REGION_ORG).pk,
            "phase": strategy_factories.phase(REGION_ORG).pk,
            "network": NETWORK,
            "meeting": make_meeting(NETWORK).pk,
            "outsider": outsider,
            "coordinator": coordinator,
            "case": make_case(OWNER_ORG).reference,
            "responsibility": Responsibility.objects.filter(actor=af).values_list("pk", flat=True).first(),
            "service": Service.objects.filter(actor=af).values_list("pk", flat=True).first(),
            "affiliation": Affiliation.objects.get(user=colleague).pk,
            "invitation": invitation.pk,
            "comment": comment(user=reader()).pk,
            "notification": note.pk,
            "mail": failed_message().pk,
            "token": token.pk,
            "knowledge_item": knowledge_item.pk,
            "knowledge_request": knowledge_request.pk,
            "challenge": challenge.slug,
            "participant": make_participant(challenge, "skolverket").pk,
            "dialogue": dialogue.slug,
            "dialogue_session": dialogue_session.pk,
            "proposal": proposal.pk,
            "followup": followup.pk,
        }


def _dialogue_objects(owner: User, af: Any) -> tuple[Any, Any, Any, Any]:
    """An upcoming event Arbetsförmedlingen organises, a session, a proposal and a next step it owns."""
    import datetime as dt

    from django.utils import timezone

    from krokarm.dialogues import actions as dialogues

    starts = timezone.now() + dt.timedelta(days=30)
    ends = starts + dt.timedelta(hours=6)
    event = dialogues.create_event(
        user=owner, organiser=af, title="Dialog om roller", kind="dialogdag", starts_at=starts, ends_at=ends
    )
    session = dialogues.add_session(event, user=owner, title="Roller och mandat")
    proposal = dialogues.capture_proposal(session, user=owner, title="En väg in", text="Samla ingångarna.")
    followup = dialogues.create_followup(
        proposal, user=owner, title="Bygg vägen in", owner=af, due_on=dt.date(2027, 6, 30)
    )
    return event, session, proposal, followup


def attempt(client: Any, user: User | None, rule: Rule, objects: dict[str, Any]) -> Any:
    client.logout()
    if user is not None:
        with zeal_ignore():
            client.force_login(user)
    with zeal_ignore():  # the request itself is checked for N+1 by the middleware, not here
        return getattr(client, rule.method)(rule.path(objects))


def refused(response: Any) -> bool:
    """Sent to sign in, forbidden or not found — never the page or the change."""
    if response.status_code == 302:
        return response["Location"].startswith(reverse("accounts:login"))
    return response.status_code in {401, 403, 404}


def rules(*kinds: str) -> list[Any]:
    return [pytest.param(name, RULES[name], id=name) for name in sorted(RULES) if RULES[name].who in kinds]


@pytest.mark.parametrize(("name", "rule"), rules(PUBLIC))
def test_public_pages_open_to_anonymous_visitors(client: Any, objects: dict[str, Any], name: str, rule: Rule) -> None:
    assert attempt(client, None, rule, objects).status_code in {200, 302}


@pytest.mark.parametrize(("name", "rule"), rules(SIGNED_IN, OWN, ORGANISATION, COORDINATOR))
def test_anonymous_visitors_are_sent_to_sign_in_or_refused(
    client: Any, objects: dict[str, Any], name: str, rule: Rule
) -> None:
    assert refused(attempt(client, None, rule, objects))


@pytest.mark.parametrize(("name", "rule"), rules(ORGANISATION, COORDINATOR))
def test_another_organisations_administrator_is_refused(
    client: Any, objects: dict[str, Any], name: str, rule: Rule
) -> None:
    assert refused(attempt(client, objects["outsider"], rule, objects))


@pytest.mark.parametrize(("name", "rule"), rules(OWN))
def test_another_users_object_is_not_found(client: Any, objects: dict[str, Any], name: str, rule: Rule) -> None:
    assert attempt(client, objects["outsider"], rule, objects).status_code == 404


@pytest.mark.parametrize(("name", "rule"), rules(SIGNED_IN, OWN, ORGANISATION))
def test_the_owner_gets_through(client: Any, objects: dict[str, Any], name: str, rule: Rule) -> None:
    assert not refused(attempt(client, objects[rule.owner], rule, objects))


@pytest.mark.parametrize(("name", "rule"), rules(COORDINATOR))
def test_a_coordinator_gets_through(client: Any, objects: dict[str, Any], name: str, rule: Rule) -> None:
    assert not refused(attempt(client, objects["coordinator"], rule, objects))
