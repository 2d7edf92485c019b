"""'Ladda ner mina uppgifter' holds everything about the person, from every app, and nothing about anyone else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from zeal import zeal_ignore

from krokarm.accounts import actions as account_actions
from krokarm.accounts import personal_data
from krokarm.accounts.models import Affiliation
from krokarm.accounts.tests.factories import UserFactory
from krokarm.actors.models import Actor
from krokarm.cases import actions as case_actions
from krokarm.cases.tests.factories import make_case
from krokarm.comments import actions as comment_actions
from krokarm.comments.tests.factories import comment
from krokarm.strategies import actions as strategy_actions
from krokarm.strategies.tests.factories import contribute, open_entry_point

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("accounts:personal-data")

# Models that point at a person but whose rows hold nothing about them to export, each with its reason. Keep this
# short: a model that holds anything a person did or chose belongs in a section (register_export(..., covers=)).
EXEMPT: dict[str, str] = {}


def models_pointing_at_people() -> dict[str, list[str]]:
    """Model label (lower case) → its fields that point at the user model (foreign key, one-to-one, many-to-many)."""
    user_model = get_user_model()
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation or field.related_model is not user_model:
                continue
            found.setdefault(model._meta.label_lower, []).append(field.name)
    return found


def test_every_model_that_points_at_a_person_is_in_a_section_of_the_download() -> None:
    pointing = models_pointing_at_people()
    assert "comments.comment" in pointing and "cases.caseevent" in pointing  # the walk finds them
    covered = personal_data.coverage()
    missing = {label: fields for label, fields in pointing.items() if label not in covered and label not in EXEMPT}
    assert missing == {}, f"No personal-data section covers {missing}: register_export(..., covers=[...])"
    assert set(EXEMPT) <= set(pointing)  # an exemption for a model that no longer points at people goes


def test_a_person_with_one_of_everything_downloads_all_of_it_and_nothing_of_anyone_else(client: Any) -> None:
    af = Actor.objects.get(slug="arbetsformedlingen")
    me: Any = UserFactory(username="asa", email="asa@example.se", first_name="Åsa", last_name="Öberg")
    Affiliation.objects.create(user=me, actor=af, role=Affiliation.Role.ADMIN)
    otto = UserFactory(username="otto", email="otto.annan@example.se", first_name="Otto", last_name="Annansson")
    # Sign-ins: the right password as her username; failures come last (below), since a success clears them.
    client.post(reverse("accounts:login"), {"username": "asa", "password": "a-long-test-password"})
    with zeal_ignore():
        mine = comment(user=me, text="Min egen kommentar")
        # Otto answers in the thread Åsa now follows: she is notified, in words that are Otto's.
        ottos = comment_actions.reply(mine, user=otto, text="Ottos hemliga ord")
        comment_actions.report_comment(ottos, user=me, reason="Mitt skäl att anmäla")
        comment_actions.hide_comment(ottos, user=me, reason="Mitt skäl att dölja")
        account_actions.invite(af, "gast.person@example.se", Affiliation.Role.MEMBER, by=me)
        entry = open_entry_point()
        strategy_actions.register_interest(entry, user=me, actor=af, text="Vi vill vara med")
        contribute(entry, user=me, text="Vårt remissvar från Åsa")
        answered = make_case(question="Ottos fråga om jobb", email="asker@example.se")
        case_actions.answer_case(answered, user=me, answer="Mitt svar i ärendet")
        forwarded = make_case(question="En annan fråga")
        case_actions.forward_case(
            forwarded, user=me, to_actor=Actor.objects.get(slug="csn"), reason="Mitt skäl att skicka vidare"
        )
        client.force_login(me)
    # Two failures as her address from another browser (someone guessing), after her last sign-in.
    for _ in range(2):
        Client().post(reverse("accounts:login"), {"username": "Asa@Example.se", "password": "fel"})
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    text = response.content.decode()
    data = json.loads(text)

    rus = data["rus"]
    assert [c["text"] for c in rus["interest_registrations"]] == ["Vi vill vara med"]
    assert [c["text"] for c in rus["contributions"]] == ["Vårt remissvar från Åsa"]
    assert rus["contributions"][0]["files"] == ["svar-0.pdf"]
    cases = data["arenden"]
    assert [a["answer"] for a in cases["answers"]] == ["Mitt svar i ärendet"]
    assert {s["step"] for s in cases["steps"]} == {"mottaget", "besvarat", "vidarebefordrat"}
    assert "Mitt skäl att skicka vidare" in [s["text"] for s in cases["steps"]]
    assert data["kommentarer"]["comments_hidden"][0]["reason"] == "Mitt skäl att dölja"
    sign_ins = data["inloggningar"]
    assert sign_ins["last_login"] and sign_ins["successful"]  # the form, then the test client's own sign-in
    assert [f["failures"] for f in sign_ins["failed_recently"]] == [2]
    assert sign_ins["successful"][0]["ip_address"] == "127.0.0.1"
    audited = {entry["what"]: entry for entry in data["andringslogg"]}
    assert audited["comment.posted"]["set"] == {"text": "Min egen kommentar"}
    assert audited["comment.hidden"]["set"]["hidden_reason"] == "Mitt skäl att dölja"
    assert audited["case.forwarded"]["organisation"] == "Arbetsförmedlingen"
    assert audited["invitation.sent"]["withheld"] == ["email"] and audited["invitation.sent"]["set"] == {
        "role": "medlem"
    }
    [invitation] = data["inbjudningar"]
    assert invitation["organisation"] == "Arbetsförmedlingen" and invitation["sent_at"]
    # Besides the cases that arrived at Arbetsförmedlingen (one notice each), the reply to their comment.
    notices = data["notifications"]["notifications"]
    assert sorted(n["url"] for n in notices if "/inkorg/" in n["url"]) == sorted(
        [answered.staff_url, forwarded.staff_url]
    )
    [notice] = [n for n in notices if "/inkorg/" not in n["url"]]
    assert notice["url"].endswith(f"/kommentarer/kommentar/{ottos.pk}/") and notice["read_at"] is None

    # Nothing about Otto, the invitee or the asker: not their names, addresses, nor words.
    for theirs in (
        "Otto",
        "Annansson",
        "otto.annan@example.se",
        "Ottos hemliga ord",
        "gast.person@example.se",
        "asker@example.se",
        "Ottos fråga om jobb",
        "En annan fråga",
    ):
        assert theirs not in text, theirs
