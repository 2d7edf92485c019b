"""The thread page: reading, writing, replying, closing, and what each visitor may do."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from zeal import zeal_ignore

from krokarm.audit.models import AuditEntry
from krokarm.comments import actions
from krokarm.comments.models import Comment, Thread
from krokarm.comments.tests.factories import (
    THREAD_URL,
    comment,
    coordinator,
    editor_of,
    log_in,
    reader,
    responsibility,
    thread_args,
    url,
)

pytestmark = pytest.mark.django_db
POST_URL = THREAD_URL + "skriv/"
CLOSE_URL = THREAD_URL + "stang/"


def write(client, text, **extra):
    return client.post(POST_URL, {"text": text, **extra})


def test_the_thread_page_names_and_links_the_commented_responsibility(client):
    resp = responsibility()
    response = client.get(THREAD_URL)
    assert response.status_code == 200
    assert url("thread", *thread_args()) == THREAD_URL
    assert resp.theme.name in response.text
    assert f'href="/aktorer/arbetsformedlingen/#resp-{resp.pk}"' in response.text
    assert "Ingen har kommenterat än." in response.text


def test_an_anonymous_visitor_sees_the_sign_in_message_and_the_personal_data_notice(client):
    response = client.get(THREAD_URL)
    assert "Du måste vara inloggad för att kommentera" in response.text
    assert f'href="{resolve_url(settings.LOGIN_URL)}?next={THREAD_URL}"' in response.text
    assert "Behandling av personuppgifter" in response.text
    assert 'href="/personuppgifter/"' in response.text
    assert 'name="text"' not in response.text


def test_an_anonymous_visitor_cannot_post_and_is_sent_to_sign_in(client):
    response = write(client, "Hej")
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
    assert not Comment.objects.exists()


def test_a_signed_in_reader_posts_a_comment_and_sees_it(client):
    log_in(client, reader())
    response = write(client, "Tydlig beskrivning, tack!")
    posted = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{THREAD_URL}#kommentar-{posted.pk}"
    page = client.get(THREAD_URL)
    assert "Tydlig beskrivning, tack!" in page.text
    assert "Rita Läsare" in page.text
    assert "Din kommentar är publicerad." in page.text


def test_an_official_may_write_for_the_organisation_they_work_for(client):
    official = editor_of("arbetsformedlingen")
    log_in(client, official)
    write(client, "Vi svarar gärna.", organisation=str(responsibility().actor.pk))
    assert Comment.objects.get().author_organisation.slug == "arbetsformedlingen"
    assert "Erik Redaktör, Arbetsförmedlingen" in client.get(THREAD_URL).text


def test_the_form_shows_the_limit_without_javascript_and_has_no_maxlength(client):
    log_in(client, reader())
    response = client.get(THREAD_URL)
    assert "Högst 300 tecken." in response.text
    assert "maxlength" not in response.text
    assert "krokarm/comments.js" in response.text


def test_300_a_rings_are_accepted(client):
    log_in(client, reader())
    assert write(client, "å" * 300).status_code == 302


def test_301_characters_are_refused_with_a_message_and_the_text_is_kept(client):
    log_in(client, reader())
    text = "å" * 299 + "äö"
    response = write(client, text)
    assert response.status_code == 400
    assert "Kommentaren är för lång: skriv högst 300 tecken (nu 301)." in response.text
    assert f">{text}</textarea>" in response.text
    assert not Comment.objects.exists()


def test_300_decomposed_a_rings_count_as_300_characters(client):
    log_in(client, reader())
    assert write(client, "a\u030a" * 300).status_code == 302
    assert Comment.objects.get().text == "å" * 300


def test_a_comment_of_zero_width_spaces_is_refused_with_a_message_and_the_text_kept(client):
    log_in(client, reader())
    text = "\u200b\u200c\u200d\u2060\ufeff" * 3
    response = write(client, text)
    assert response.status_code == 400
    assert "Kommentaren innehåller inga synliga tecken, bara mellanrum eller osynliga tecken." in response.text
    assert f">{text}</textarea>" in response.text
    assert not Comment.objects.exists()


def test_300_emoji_with_skin_tones_are_accepted_as_300_characters(client):
    log_in(client, reader())
    assert write(client, "👍🏽" * 300).status_code == 302
    assert Comment.objects.get().text == "👍🏽" * 300


def test_posting_to_a_closed_thread_is_refused_and_the_text_kept(client):
    actions.close_thread(responsibility(), user=coordinator())
    log_in(client, reader())
    response = write(client, "Får jag skriva ändå?")
    assert response.status_code == 409
    assert "Tråden är stängd för fler kommentarer." in response.text
    assert ">Får jag skriva ändå?</textarea>" in response.text
    assert not Comment.objects.exists()


def test_a_closed_thread_says_so_and_shows_no_form(client):
    actions.close_thread(responsibility(), user=coordinator())
    log_in(client, reader())
    response = client.get(THREAD_URL)
    assert "Stängd för fler kommentarer" in response.text
    assert 'name="text"' not in response.text


def test_posting_too_often_is_limited_with_a_message_and_the_text_kept(client, settings):
    settings.COMMENT_RATE = "1/m"
    log_in(client, reader())
    assert write(client, "Första").status_code == 302
    response = write(client, "Andra")
    assert response.status_code == 429
    assert "Du har skrivit många kommentarer på kort tid." in response.text
    assert ">Andra</textarea>" in response.text
    assert Comment.objects.count() == 1


def test_a_reply_is_shown_under_its_comment(client):
    first = comment(text="Fråga?")
    log_in(client, reader())
    response = client.post(url("reply", first.pk), {"text": "Svar!"})
    answer = Comment.objects.get(parent=first)
    assert response["Location"] == f"{THREAD_URL}#kommentar-{answer.pk}"
    page = client.get(THREAD_URL).text
    assert page.index("Fråga?") < page.index('class="replies"') < page.index("Svar!")


def test_a_reply_to_a_reply_is_refused(client):
    first = comment()
    answer = actions.reply(first, user=reader(), text="Svar")
    log_in(client, reader())
    response = client.post(url("reply", answer.pk), {"text": "Svar på svaret"})
    assert response.status_code == 409
    assert "Du kan bara svara på en kommentar, inte på ett svar." in response.text
    assert Comment.objects.count() == 2


def test_a_refused_reply_keeps_its_text_in_the_open_reply_form(client):
    first = comment()
    log_in(client, reader())
    response = client.post(url("reply", first.pk), {"text": "ö" * 301})
    assert response.status_code == 400
    assert f'id="svar-{first.pk}-text"' in response.text
    assert f">{'ö' * 301}</textarea>" in response.text
    assert '<details class="reply" open>' in response.text


@pytest.mark.parametrize("who", ["editor", "admin", "coordinator"])
def test_the_owner_or_a_coordinator_closes_the_thread_and_it_is_recorded(client, who):
    user = {
        "editor": lambda: editor_of("arbetsformedlingen"),
        "admin": lambda: editor_of("arbetsformedlingen", role="organisationsadministrator"),
        "coordinator": coordinator,
    }[who]()
    log_in(client, user)
    assert "Stäng tråden för fler kommentarer" in client.get(THREAD_URL).text
    response = client.post(CLOSE_URL)
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.is_closed and thread.closed_by == user
    entry = AuditEntry.objects.get(action="thread.closed")
    assert entry.user == user and entry.source == "web"
    assert entry.organisation == (None if who == "coordinator" else responsibility().actor)


def test_the_owner_reopens_a_closed_thread(client):
    actions.close_thread(responsibility(), user=coordinator())
    log_in(client, editor_of("arbetsformedlingen"))
    assert "Öppna tråden igen" in client.get(THREAD_URL).text
    client.post(THREAD_URL + "oppna/")
    assert not Thread.objects.get().is_closed
    assert AuditEntry.objects.filter(action="thread.reopened").exists()


@pytest.mark.parametrize("who", ["reader", "member", "other actor's editor"])
def test_others_may_not_close_the_thread(client, who):
    if who == "reader":
        user = reader()
    else:
        user = editor_of(
            "arbetsformedlingen" if who == "member" else "csn", role="medlem" if who == "member" else "redaktor"
        )
    log_in(client, user)
    assert "Stäng tråden" not in client.get(THREAD_URL).text
    assert client.post(CLOSE_URL).status_code == 403
    assert client.post(THREAD_URL + "oppna/").status_code == 403
    assert not Thread.objects.filter(closed_at__isnull=False).exists()


def test_an_anonymous_visitor_who_tries_to_close_is_sent_to_sign_in(client):
    assert client.post(CLOSE_URL).status_code == 302
    assert not Thread.objects.exists()


def test_a_hidden_comment_shows_the_moderators_reason_instead_of_its_text(client):
    bad = comment(text="Något olämpligt")
    actions.hide_comment(bad, user=coordinator(), reason="Personuppgifter om en tredje person")
    response = client.get(THREAD_URL)
    assert "Kommentaren är dold av moderator: Personuppgifter om en tredje person" in response.text
    assert "Något olämpligt" not in response.text


def test_a_deleted_account_is_shown_as_deleted_user(client):
    author = reader()
    comment(user=author)
    author.delete()
    assert "Borttagen användare" in client.get(THREAD_URL).text


def test_the_actor_page_links_each_responsibility_to_its_comments_with_a_count(client):
    comment()
    comment()
    response = client.get("/aktorer/arbetsformedlingen/")
    assert f'<a href="{THREAD_URL}">Kommentarer (2)</a>' in response.text


def test_an_unknown_kind_or_object_is_404(client):
    assert client.get("/kommentarer/ansvar/arbetsformedlingen/finns-inte/leder/").status_code == 404
    assert client.get("/kommentarer/rymdskepp/1/").status_code == 404
    assert client.post("/kommentarer/kommentar/999999/svara/", {"text": "Hej"}).status_code == 404
    assert client.get("/kommentarer/kommentar/999999/").status_code == 404


def test_wrong_methods_are_405(client):
    assert client.post(THREAD_URL).status_code == 405
    assert client.get(POST_URL).status_code == 405
    assert client.get(CLOSE_URL).status_code == 405
    assert client.get(THREAD_URL + "oppna/").status_code == 405
    assert client.get(url("reply", comment().pk)).status_code == 405


def test_a_comments_address_leads_to_its_place_in_the_thread(client):
    posted = comment()
    response = client.get(url("comment", posted.pk))
    assert response["Location"] == f"{THREAD_URL}#kommentar-{posted.pk}"


def test_the_thread_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    with zeal_ignore():
        for n in range(3):
            first = comment(text=f"Kommentar {n}")
            actions.reply(first, user=reader(), text=f"Svar {n}")
    # The data version, the responsibility, the thread, the comments, their replies.
    with django_assert_num_queries(5):
        assert client.get(THREAD_URL).status_code == 200


def test_anonymous_visitors_see_new_comments_at_once_although_the_pages_are_cached(client):
    assert "Kommentarer (0)" in client.get("/aktorer/arbetsformedlingen/").text
    assert "Ingen har kommenterat än." in client.get(THREAD_URL).text
    comment(text="Ny kommentar")
    assert "Kommentarer (1)" in client.get("/aktorer/arbetsformedlingen/").text
    assert "Ny kommentar" in client.get(THREAD_URL).text
