"""Two editors at once: a form filled in from an old version is refused with what changed meanwhile and keeps what
the editor typed; a double click adds one row; nothing is deleted from under someone who changed it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from krokarm.accounts.models import Affiliation
from krokarm.actors.actions import save_responsibility, update_profile
from krokarm.actors.models import Actor, Responsibility
from krokarm.actors.tests.personas import login, person_at
from krokarm.audit.models import AuditEntry
from krokarm.comments.actions import post_comment

pytestmark = pytest.mark.django_db
AF = "arbetsformedlingen"


@pytest.fixture
def editor(client: Any) -> Any:
    user = person_at(AF, Affiliation.Role.EDITOR)
    login(client, user)
    return user


@pytest.fixture
def colleague() -> Any:
    return person_at(AF, Affiliation.Role.EDITOR)


def form_fields(html: str) -> dict[str, str]:
    """The values of the text inputs, hidden inputs and textareas of a page's form."""
    fields = {
        m[0]: m[1] for m in re.findall(r'<input type="(?:text|hidden|url|email)" name="(\w+)" value="([^"]*)"', html)
    }
    fields.update(dict(re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', html)))
    return fields


def test_a_profile_form_from_an_old_version_is_refused_with_what_changed_and_keeps_the_editors_text(
    client: Any, editor: Any, colleague: Any
) -> None:
    edit = reverse("actors:edit", args=[AF])
    fields = form_fields(client.get(edit).text)
    update_profile(Actor.objects.get(slug=AF), {"seat": "Kiruna"}, user=colleague)  # saved meanwhile

    mine = {**fields, "mandate": "Min nya text om uppdraget."}
    response = client.post(edit, mine)

    assert response.status_code == 409
    page = response.text
    assert "Någon annan har sparat en ändring medan du skrev" in page
    assert "Säte" in page and "Kiruna" in page  # what changed meanwhile, and through what
    assert "Min nya text om uppdraget." in page  # kept: what the editor typed
    stored = Actor.objects.get(slug=AF)
    assert stored.seat == "Kiruna" and stored.mandate != "Min nya text om uppdraget."  # nothing overwritten

    again = form_fields(page)
    assert int(again["version"]) == stored.version  # the next submission is against the current version
    assert client.post(edit, {**again, "seat": "Kiruna"}).status_code == 302
    assert Actor.objects.get(slug=AF).mandate == "Min nya text om uppdraget."


def test_a_responsibility_form_from_an_old_version_keeps_the_other_editors_text(
    client: Any, editor: Any, colleague: Any
) -> None:
    resp = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    url = reverse("actors:edit-responsibility", args=[AF, resp.pk])
    form = client.get(url).context["form"]
    data = dict(form.initial)
    data.update(version=resp.version, description="Min text.", questions="\n".join(resp.questions))
    save_responsibility(
        resp, {"description": "Kollegans text."}, target_groups=set(data["target_groups"]), user=colleague
    )

    response = client.post(url, data)

    assert response.status_code == 409
    assert "Kollegans text." in response.text and "Min text." in response.text
    resp.refresh_from_db()
    assert resp.description == "Kollegans text."  # kept: the first editor's text did not vanish


def test_a_double_clicked_add_form_adds_one_responsibility(client: Any, editor: Any) -> None:
    url = reverse("actors:add-responsibility", args=[AF])
    once = client.get(url).context["form"]["once"].initial
    data = {
        "theme": "validering",
        "role": "informerar",
        "description": "Informerar om validering.",
        "source_url": "https://www.riksdagen.se/",
        "once": once,
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302 and second.status_code == 200
    assert Responsibility.objects.filter(actor__slug=AF, theme__slug="validering", role="informerar").count() == 1
    assert "formuläret skickades två gånger" in second.text
    assert AuditEntry.objects.filter(action="responsibility.created", source="web").count() == 1


def test_a_delete_confirmed_on_an_old_version_deletes_nothing(client: Any, editor: Any, colleague: Any) -> None:
    resp = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    old = resp.version
    save_responsibility(resp, {"description": "Ändrad nyss."}, target_groups=set(), user=colleague)
    url = reverse("actors:delete-responsibility", args=[AF, resp.pk])
    response = client.post(url, {"version": old}, follow=True)
    assert response.status_code == 200 and "Inget togs bort" in response.text
    assert Responsibility.objects.filter(pk=resp.pk).exists()  # kept


def test_deleting_a_responsibility_people_commented_on_keeps_it_as_no_longer_current(
    client: Any, editor: Any, colleague: Any
) -> None:
    resp = Responsibility.objects.filter(actor__slug=AF).order_by("pk")[0]
    comment = post_comment(resp, user=colleague, text="Vem svarar på det här?")
    url = reverse("actors:delete-responsibility", args=[AF, resp.pk])
    assert client.post(url, {"version": resp.version}).status_code == 302
    kept = Responsibility.all_objects.get(pk=resp.pk)
    assert kept.retired_at is not None  # kept, with its thread
    assert not Responsibility.objects.filter(pk=resp.pk).exists()
    thread = client.get(reverse("comments:comment", args=[comment.pk]), follow=True)
    assert thread.status_code == 200 and "Vem svarar på det här?" in thread.text
