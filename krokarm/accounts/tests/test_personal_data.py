"""'Ladda ner mina uppgifter': everything krokarm holds about the user, and nothing about anyone else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]
from django_otp.util import random_hex  # type: ignore[import-untyped]
from zeal import zeal_ignore

from krokarm.accounts import actions, personal_data
from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory, member_of
from krokarm.actors.models import Actor
from krokarm.comments import actions as comment_actions
from krokarm.comments.tests.factories import comment, responsibility

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("accounts:personal-data")


def login(client: Any, user: Any) -> Any:
    with zeal_ignore():
        client.force_login(user)
    return client


def download(client: Any) -> Any:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_the_download_is_a_json_file_that_is_never_cached(client: Any) -> None:
    login(client, UserFactory())
    response, data = download(client)
    assert response["Content-Type"] == "application/json"
    filename = f"krokarm-mina-uppgifter-{timezone.localdate().isoformat()}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]
    assert list(data) == sorted(data)  # other apps add their own sections
    assert {"andringslogg", "inbjudningar", "kommentarer", "konto", "organisationer"} <= set(data)


def test_an_anonymous_visitor_is_asked_to_sign_in_and_only_get_is_allowed(client: Any) -> None:
    response = client.get(DOWNLOAD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    login(client, UserFactory())
    assert client.post(DOWNLOAD).status_code == 405


def test_every_section_holds_my_data(client: Any, several_requests: Any) -> None:
    user = member_of("arbetsformedlingen", Affiliation.Role.ADMIN, first_name="Åsa", last_name="Öberg")
    device = TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)
    with zeal_ignore():
        actor = Actor.objects.get(slug="arbetsformedlingen")
        mine = comment(user=user, text="Min egen kommentar")
        other = comment(user=UserFactory.create(), text="Någon annans kommentar")
        comment_actions.reply(mine, user=user, text="Mitt svar")
        comment_actions.report_comment(other, user=user, reason="Känsliga uppgifter")
        actions.invite(actor, "ny@example.se", Affiliation.Role.MEMBER, by=user)
    login(client, user)
    _response, data = download(client)

    konto = data["konto"]
    assert konto["username"] == user.username and konto["email"] == user.email
    assert konto["first_name"] == "Åsa" and konto["last_name"] == "Öberg"
    assert konto["date_joined"] and "last_login" in konto
    assert konto["two_factor_apps"] == [
        {"name": "app", "created_at": device.created_at.isoformat(), "last_used_at": None}
    ]
    assert data["organisationer"] == [
        {
            "organisation": "Arbetsförmedlingen",
            "slug": "arbetsformedlingen",
            "role": "organisationsadministrator",
            "role_name": "Organisationsadministratör",
        }
    ]
    texts = [c["text"] for c in data["kommentarer"]["comments"]]
    assert texts == ["Min egen kommentar", "Mitt svar"]
    first = data["kommentarer"]["comments"][0]
    resp = responsibility()
    assert first["about"]["label"] == f"{resp.actor.name}: {resp.get_role_display()} – {resp.theme.name}"
    assert first["about"]["url"].endswith(f"/aktorer/arbetsformedlingen/#resp-{resp.pk}")
    assert first["link"].endswith(f"/kommentarer/kommentar/{mine.pk}/") and first["hidden"] is False
    assert data["kommentarer"]["comments"][1]["reply_to"] == first["link"]
    [report] = data["kommentarer"]["reports"]
    assert report["reason"] == "Känsliga uppgifter" and report["comment"].endswith(f"/kommentar/{other.pk}/")
    [invitation] = data["inbjudningar"]
    assert invitation["organisation"] == "Arbetsförmedlingen" and invitation["role"] == "medlem"
    assert "ny@example.se" not in json.dumps(data)  # the invitee's address is theirs
    whats = {entry["what"] for entry in data["andringslogg"]}
    assert {"comment.posted", "comment.replied", "invitation.sent"} <= whats


def test_nothing_about_other_people_and_no_secrets(client: Any, several_requests: Any) -> None:
    user = member_of("arbetsformedlingen")
    device = TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)
    someone = member_of("arbetsformedlingen", Affiliation.Role.ADMIN, email="annan@example.se", first_name="Otto")
    with zeal_ignore():
        comment(user=someone, text="Ottos kommentar")
        actions.invite(Actor.objects.get(slug="csn"), "ottos-gast@example.se", Affiliation.Role.MEMBER, by=someone)
    login(client, user)
    response, data = download(client)
    text = response.content.decode()
    user.refresh_from_db()
    assert user.password not in text and device.key not in text
    assert "annan@example.se" not in text and "Ottos kommentar" not in text and "ottos-gast@example.se" not in text
    assert data["kommentarer"]["comments"] == [] and data["kommentarer"]["reports"] == []
    assert data["inbjudningar"] == []


def test_the_download_runs_as_many_queries_for_many_comments_as_for_one(
    client: Any, django_assert_num_queries: Any, several_requests: Any
) -> None:
    user = member_of("arbetsformedlingen", Affiliation.Role.EDITOR)
    with zeal_ignore():
        comment(user=user, text="Den första")
    login(client, user)
    with CaptureQueriesContext(connection) as one:
        download(client)
    with zeal_ignore():
        for n in range(3):
            comment(user=user, text=f"Kommentar {n}")
    with django_assert_num_queries(len(one)):
        _response, data = download(client)
    assert len(data["kommentarer"]["comments"]) == 4


def test_a_section_name_is_taken_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        personal_data.register_export("konto", lambda user: {})
    assert {"konto", "organisationer", "kommentarer", "inbjudningar", "andringslogg"} <= set(personal_data.sections())


def test_the_personal_data_page_says_what_is_kept_about_account_holders_and_for_how_long(
    client: Any, settings: Any
) -> None:
    settings.ACCOUNT_RETENTION_DAYS = 730
    text = client.get(reverse("home:personal-data")).content.decode()
    assert "Om du har ett konto" in text and "på 730 dagar raderar vi det" in text
    assert 'href="/konto/mina-uppgifter/"' in text and 'href="/konto/radera/"' in text
    assert "Kakor" in text  # the existing sections stay
