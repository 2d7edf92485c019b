"""Following, who is told what, reading, and the digest choice: the actions, without the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import translation
from zeal import zeal_ignore

from krokarm.accounts.personal_data import export
from krokarm.accounts.tests.factories import member_of
from krokarm.actors import actions as actor_actions
from krokarm.actors.models import Responsibility, Service
from krokarm.audit.cache import data_version
from krokarm.audit.models import AuditEntry
from krokarm.cases import actions as case_actions
from krokarm.comments import actions as comment_actions
from krokarm.comments.models import Thread
from krokarm.comments.tests.factories import responsibility
from krokarm.notifications import actions
from krokarm.notifications.models import Follow, Notification, Preference
from krokarm.notifications.tests.factories import (
    AF,
    actor,
    coordinator,
    following,
    make_case,
    notification,
    notifications,
    officer_of,
    reader,
    texts,
)

pytestmark = pytest.mark.django_db


def test_following_twice_keeps_one_follow_and_one_private_audit_row() -> None:
    rita, af = reader(), actor()
    version = data_version()
    first = following(rita, af)
    again = following(rita, af)
    assert first.pk == again.pk and Follow.objects.filter(user=rita).count() == 1
    entry = AuditEntry.objects.get(action="follow.started")
    assert (entry.user, entry.public, entry.target_id) == (rita, False, str(af.pk))
    assert data_version() == version  # private: the cached public pages stay


def test_unfollowing_removes_the_follow_and_says_so_in_the_audit_log() -> None:
    rita, af = reader(), actor()
    following(rita, af)
    assert actions.unfollow(rita, af) is True
    assert actions.unfollow(rita, af) is False
    assert not Follow.objects.exists()
    assert AuditEntry.objects.filter(action="follow.stopped", public=False).count() == 1


def test_a_profile_change_tells_the_actors_followers_but_not_the_editor_or_anyone_else() -> None:
    af, fan, bystander = actor(), reader(), reader()
    editor = member_of(AF, role="redaktor")
    following(fan, af)
    following(editor, af)
    actor_actions.update_profile(af, {"seat": "Solna"}, user=editor)
    assert texts(fan) == ["Arbetsförmedlingen har uppdaterat sin profil."]
    assert texts(editor) == [] and texts(bystander) == []
    assert Notification.objects.get(user=fan).url == "/aktorer/arbetsformedlingen/"


def test_a_profile_saved_without_changes_tells_nobody() -> None:
    af, fan = actor(), reader()
    following(fan, af)
    actor_actions.update_profile(af, {"seat": af.seat}, user=member_of(AF, role="redaktor"))
    assert texts(fan) == []


def test_responsibilities_and_services_changed_or_removed_are_told_to_followers() -> None:
    af, fan, editor = actor(), reader(), member_of(AF, role="redaktor")
    following(fan, af)
    with zeal_ignore():
        resp = Responsibility.objects.select_related("theme", "actor").filter(actor=af).first()
        service = Service.objects.select_related("actor").filter(actor=af).first()
    assert resp is not None and service is not None
    with zeal_ignore():  # four actions in a row, each reading its row again under a lock: not an N+1
        actor_actions.save_responsibility(resp, {"description": "Nytt."}, target_groups=set(), user=editor)
        actor_actions.delete_responsibility(resp, user=editor)
        actor_actions.save_service(service, {"description": "Ny."}, target_groups=set(), user=editor)
        actor_actions.delete_service(service, user=editor)
    assert texts(fan) == [
        f"Arbetsförmedlingen har uppdaterat sitt ansvar för {resp.theme.name}.",
        f"Arbetsförmedlingen har tagit bort sitt ansvar för {resp.theme.name}.",
        f"Arbetsförmedlingen har uppdaterat tjänsten {service.name}.",
        f"Arbetsförmedlingen har tagit bort tjänsten {service.name}.",
    ]


def test_notifications_are_written_in_swedish_whatever_language_the_editor_uses() -> None:
    af, fan = actor(), reader()
    following(fan, af)
    with translation.override("en"):
        actor_actions.update_profile(af, {"seat": "Solna"}, user=member_of(AF, role="redaktor"))
    assert texts(fan) == ["Arbetsförmedlingen har uppdaterat sin profil."]


def test_a_date_in_a_notification_reads_in_swedish_words_whatever_language_the_editor_uses() -> None:
    fan = reader()
    moment = dt.datetime(2026, 12, 6, 13, 30, tzinfo=dt.UTC)
    with translation.override("en"):
        actions.notify_user(
            fan, "Sista dag %(day)s, mötet %(moment)s", "/", params={"day": dt.date(2026, 12, 6), "moment": moment}
        )
    assert texts(fan) == ["Sista dag 6 december 2026, mötet 6 december 2026 kl. 14:30"]


def test_a_notice_is_rolled_back_with_the_change_it_tells_about() -> None:
    af, fan = actor(), reader()
    following(fan, af)
    with pytest.raises(RuntimeError), transaction.atomic():
        actor_actions.update_profile(af, {"seat": "Solna"}, user=member_of(AF, role="redaktor"))
        raise RuntimeError("the request failed after the change")
    assert texts(fan) == []


def test_posting_a_comment_follows_the_thread_and_tells_earlier_writers_but_not_the_author() -> None:
    first, second, bystander = reader(), reader(first_name="Olle"), reader()
    resp = responsibility()
    comment = comment_actions.post_comment(resp, user=first, text="Bra beskrivet!")
    thread = Thread.objects.get()
    assert Follow.objects.filter(user=first, object_id=thread.pk).exists()
    assert texts(first) == []  # nobody else followed yet
    comment_actions.reply(comment, user=second, text="Håller med, och tack för länken.")
    assert texts(first) == ["Olle Läsare har skrivit i en tråd du följer: ”Håller med, och tack för länken.”"]
    assert texts(second) == [] and texts(bystander) == []
    assert Notification.objects.get(user=first).url.startswith("/kommentarer/kommentar/")
    assert Follow.objects.filter(object_id=thread.pk).count() == 2


def test_closing_and_reopening_a_thread_tells_its_followers() -> None:
    writer, coordinating = reader(), coordinator()
    resp = responsibility()
    comment_actions.post_comment(resp, user=writer, text="Bra beskrivet!")
    comment_actions.close_thread(resp, user=coordinating)
    comment_actions.reopen_thread(resp, user=coordinating)
    label = f"{resp.actor.name}: {resp.get_role_display()} – {resp.theme.name}"
    assert texts(writer) == [
        f"Tråden om {label} är stängd för fler kommentarer.",
        f"Tråden om {label} är öppen för kommentarer igen.",
    ]


def test_a_case_is_followed_through_accepting_and_answering_by_the_officers_colleagues() -> None:
    case = make_case()
    colleague, officer = officer_of(AF), officer_of(AF)
    following(colleague, case)
    with zeal_ignore():  # each step re-reads the case under a lock, by design
        case_actions.accept_case(case, user=officer)
        case_actions.answer_case(case, user=officer, answer="Kontakta oss på telefon.")
    assert texts(colleague) == [
        f"Ärende {case.reference} har tagits emot.",
        f"Ärende {case.reference} är besvarat och avslutat.",
    ]
    assert set(Notification.objects.filter(user=colleague).values_list("url", flat=True)) == {case.staff_url}


def test_once_a_case_is_forwarded_away_the_old_actors_staff_hear_no_more_of_it() -> None:
    case = make_case()
    colleague, watching = officer_of(AF), coordinator()
    following(colleague, case)
    following(watching, case)
    case_actions.forward_case(case, user=officer_of(AF), to_actor=actor("csn"), reason="CSN beslutar.")
    assert texts(colleague) == []  # the case is no longer theirs to see
    assert texts(watching) == [f"Ärende {case.reference} har skickats vidare till Centrala studiestödsnämnden."]


def test_marking_read_touches_only_the_users_own_notifications() -> None:
    rita, other = reader(), reader()
    mine = notifications(2, user=rita)
    theirs = notification(other)
    actions.mark_read(mine[0])
    assert Notification.objects.filter(user=rita, read_at=None).count() == 1
    assert actions.mark_all_read(rita) == 1
    assert not Notification.objects.filter(user=rita, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_digest_is_daily_until_chosen_and_each_choice_is_audited_privately() -> None:
    rita = reader()
    version = data_version()
    assert actions.digest_frequency(rita) == Preference.Frequency.DAILY
    with zeal_ignore():  # the same choice twice, on purpose
        actions.set_digest_frequency(rita, "varje vecka")
        actions.set_digest_frequency(rita, "varje vecka")
    assert actions.digest_frequency(rita) == Preference.Frequency.WEEKLY
    entry = AuditEntry.objects.get(action="preference.updated")
    assert entry.changes == {"digest_frequency": ["dagligen", "varje vecka"]} and entry.public is False
    assert data_version() == version
    with pytest.raises(ValueError):
        actions.set_digest_frequency(rita, "varje timme")


def test_follows_notifications_and_the_digest_choice_go_with_the_account() -> None:
    rita = reader()
    following(rita, actor())
    notification(rita)
    actions.set_digest_frequency(rita, "av")
    rita.delete()
    assert not Follow.objects.exists() and not Notification.objects.exists() and not Preference.objects.exists()


def test_the_personal_data_download_holds_follows_notifications_without_their_text_and_the_digest_choice() -> None:
    rita, af = reader(), actor()
    following(rita, af)
    notification(rita, text="Otto Annan har skrivit i en tråd du följer: ”Ottos ord”", url="/kommentarer/kommentar/1/")
    notification(reader())
    data = export(rita)["notifications"]
    assert data["follows"] == [{"type": "actors.actor", "id": af.pk, "since": data["follows"][0]["since"]}]
    # The text tells what someone else did, in their words: the notification is shown by its link and dates.
    assert [n["url"] for n in data["notifications"]] == ["/kommentarer/kommentar/1/"]
    assert "text" not in data["notifications"][0] and "Otto" not in str(data)
    assert data["digest_frequency"] == "dagligen"
