"""A double click (or a resent form) makes one comment, one reply, one report (issue 14: a double submit made
two comments). The second submission leads to what the first one made."""

import re

import pytest

from krokarm.comments.models import Comment, Report
from krokarm.comments.tests.factories import THREAD_URL, comment, log_in, reader, url

pytestmark = pytest.mark.django_db
ALREADY = "Det här var redan sparat: formuläret skickades två gånger."
POST_URL = THREAD_URL + "skriv/"


def keys_on(page: str) -> list[str]:
    return re.findall(r'name="once" value="([0-9a-f]{32})"', page)


def test_a_double_posted_comment_is_published_once_and_the_second_shows_it(client):
    log_in(client, reader())
    (key,) = keys_on(client.get(THREAD_URL).text)
    first = client.post(POST_URL, {"text": "Tydlig beskrivning, tack!", "once": key})
    second = client.post(POST_URL, {"text": "Tydlig beskrivning, tack!", "once": key}, follow=True)
    posted = Comment.objects.get()  # kept: one comment
    assert first["Location"] == f"{THREAD_URL}#kommentar-{posted.pk}"
    assert second.redirect_chain == [(first["Location"], 302)] and ALREADY in second.text


def test_each_form_on_the_thread_page_has_its_own_key(client):
    comment()
    comment()
    log_in(client, reader())
    keys = keys_on(client.get(THREAD_URL).text)
    assert len(keys) == 3 and len(set(keys)) == 3  # the new comment and a reply under each of the two


def test_a_double_posted_reply_is_published_once(client):
    first = comment(text="Fråga?")
    log_in(client, reader())
    data = {"text": "Svar!", "once": "d" * 32}
    assert client.post(url("reply", first.pk), data).status_code == 302
    assert ALREADY in client.post(url("reply", first.pk), data, follow=True).text
    assert Comment.objects.filter(parent=first).count() == 1


def test_a_double_click_past_the_rate_limit_still_leads_to_the_comment(client, settings):
    settings.COMMENT_RATE = "1/m"
    log_in(client, reader())
    data = {"text": "Bara en gång", "once": "e" * 32}
    assert client.post(POST_URL, data).status_code == 302
    second = client.post(POST_URL, data)
    assert second.status_code == 302 and second["Location"].endswith(f"#kommentar-{Comment.objects.get().pk}")


def test_a_refused_comment_keeps_its_key_so_the_corrected_one_is_published_once(client):
    log_in(client, reader())
    refused = client.post(POST_URL, {"text": "ö" * 301, "once": "f" * 32})
    assert refused.status_code == 400 and keys_on(refused.text)[-1] == "f" * 32
    for _ in range(2):
        client.post(POST_URL, {"text": "Kortare nu.", "once": "f" * 32})
    assert Comment.objects.get().text == "Kortare nu."


def test_a_double_submitted_report_is_sent_once(client):
    bad = comment(text="Olämplig text")
    log_in(client, reader())
    key = client.get(url("report", bad.pk)).context["form"]["once"].value()
    data = {"reason": "Den är kränkande", "once": key}
    assert client.post(url("report", bad.pk), data).status_code == 302
    assert ALREADY in client.post(url("report", bad.pk), data, follow=True).text
    assert Report.objects.count() == 1
