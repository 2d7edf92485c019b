"""ActingForMixin: the "for which of your organisations" choice shared by the forms sent for an organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from zeal import zeal_ignore

from krokarm.accounts.forms import ActingForMixin
from krokarm.actors.forms import as_choice
from krokarm.actors.models import Actor
from krokarm.challenges.forms import JoinForm
from krokarm.knowledge.forms import AccessRequestForm, ReuseForm
from krokarm.needs.forms import AnswerForm
from krokarm.networks.forms import PostForm
from krokarm.strategies.forms import ContributionForm, InterestForm

pytestmark = pytest.mark.django_db

REGION = "region-ostergotland"
AGENCY = "arbetsformedlingen"
INVALID = "Välj en av dina organisationer."


def actor(slug: str) -> Actor:
    with zeal_ignore():
        return Actor.objects.get(slug=slug)


class ActorForm(ActingForMixin, forms.Form):
    actor = forms.ChoiceField(label="För", widget=forms.RadioSelect, error_messages={"invalid_choice": INVALID})

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors)


class OrganisationForm(ActingForMixin, forms.Form):
    organisation = forms.ChoiceField(error_messages={"invalid_choice": INVALID})

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_actors(actors, field="organisation")

    def clean_organisation(self) -> Actor:
        return self.clean_acting_for()


def test_one_organisation_is_hidden_and_preselected() -> None:
    region = actor(REGION)
    form = ActorForm(actors=[region])
    assert form.single_actor == region
    assert isinstance(form.fields["actor"].widget, forms.HiddenInput)
    assert form["actor"].value() == REGION
    assert ActorForm({"actor": REGION}, actors=[region]).is_valid()


def test_several_organisations_are_a_choice() -> None:
    region, agency = actor(REGION), actor(AGENCY)
    form = ActorForm(actors=[region, agency])
    assert form.single_actor is None
    assert isinstance(form.fields["actor"].widget, forms.RadioSelect)
    assert form.fields["actor"].initial is None
    assert as_choice(form.fields["actor"]).choices == [(REGION, region.name), (AGENCY, agency.name)]
    assert form.actors == {REGION: region, AGENCY: agency}


def test_a_slug_outside_the_list_gets_the_forms_own_message() -> None:
    form = ActorForm({"actor": AGENCY}, actors=[actor(REGION)])
    assert not form.is_valid()
    assert form.errors["actor"] == [INVALID]


@pytest.mark.parametrize("form_class", [ActorForm, OrganisationForm])
def test_clean_gives_the_actor(form_class: type[ActorForm | OrganisationForm]) -> None:
    region, agency = actor(REGION), actor(AGENCY)
    name = "actor" if form_class is ActorForm else "organisation"
    form = form_class({name: AGENCY}, actors=[region, agency])
    assert form.is_valid(), form.errors
    assert form.cleaned_data[name] == agency


@pytest.mark.parametrize(
    ("form_class", "message"),
    [
        (AnswerForm, "Du kan bara svara för en organisation du tillhör."),
        (InterestForm, "Du kan bara skicka för en organisation du arbetar för."),
        (ContributionForm, "Du kan bara skicka för en organisation du arbetar för."),
        (JoinForm, "Du kan bara anmäla en organisation du är redaktör för och som inte redan deltar."),
        (AccessRequestForm, "Välj en organisation du tillhör."),
        (ReuseForm, "Välj en organisation du tillhör."),
        (PostForm, "Du kan bara skriva för en organisation du tillhör."),
    ],
)
def test_each_form_keeps_its_own_invalid_choice_message(form_class: Any, message: str) -> None:
    kwargs = {"organisations" if form_class is PostForm else "actors": [actor(REGION)]}
    blank = form_class(**kwargs)
    name = blank.acting_field
    assert blank.single_actor == actor(REGION)
    assert isinstance(blank.fields[name].widget, forms.HiddenInput)
    form = form_class({blank.add_prefix(name): AGENCY}, **kwargs)
    assert not form.is_valid()
    assert form.errors[name] == [message]
