"""Following a request for an item: offered and accepted only where the request can be read, the owner's inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from zeal import zeal_ignore

from krokarm.accounts.models import User
from krokarm.knowledge.models import AccessRequest
from krokarm.knowledge.tests.factories import OWNER, ask, editor, log_in, member, person, secret_item, url
from krokarm.notifications.models import Follow

pytestmark = pytest.mark.django_db


def follow_url(found: AccessRequest) -> str:
    return f"/folj/kunskapsforfragan/{found.pk}/"


def follow_button(found: AccessRequest, user: User) -> str:
    """The follow button as a page that shows `found` would render it for `user`."""
    request = RequestFactory().get(url("inbox"))
    request.user = user
    with zeal_ignore():
        return Template("{% load following %}{% follow_button found %}").render(
            Context({"request": request, "found": found})
        )


def follows(user: User, found: AccessRequest) -> bool:
    return Follow.objects.filter(user=user, object_id=found.pk, content_type__model="accessrequest").exists()


def test_a_member_of_the_owner_who_cannot_open_the_inbox_is_offered_no_button_to_follow_a_request(
    client: Any,
) -> None:
    found = ask(secret_item())
    colleague = person(OWNER)  # a member, not an editor: the inbox answers 403
    assert log_in(client, colleague).get(url("inbox")).status_code == 403
    button = follow_button(found, colleague)
    assert follow_url(found) not in button and "Följ" not in button


def test_a_member_of_the_owner_who_cannot_open_the_inbox_cannot_follow_a_request(client: Any) -> None:
    found = ask(secret_item())
    colleague = person(OWNER)
    response = log_in(client, colleague).post(follow_url(found), {"next": url("inbox")})
    assert response.status_code == 404
    assert "Det finns inget att följa på den adressen." in response.text
    assert not follows(colleague, found)


def test_a_colleague_of_the_asker_cannot_follow_the_request_into_an_inbox_they_cannot_open(client: Any) -> None:
    found = ask(secret_item())
    colleague = member()  # the asking organisation's member; they see its requests on the item's page
    assert log_in(client, colleague).get(url("inbox")).status_code == 403
    assert follow_url(found) not in follow_button(found, colleague)
    assert client.post(follow_url(found)).status_code == 404
    assert not follows(colleague, found)


def test_an_editor_of_the_owner_follows_a_request_and_lands_in_the_inbox_that_shows_it(client: Any) -> None:
    found = ask(secret_item())
    newcomer = editor()  # joined after the request, so not yet following it
    assert follow_url(found) in follow_button(found, newcomer)
    response = log_in(client, newcomer).post(follow_url(found))
    assert response.status_code == 302 and response["Location"] == found.get_absolute_url()
    assert follows(newcomer, found)
    inbox = client.get(url("inbox"))
    assert inbox.status_code == 200 and f'id="forfragan-{found.pk}"' in inbox.text
