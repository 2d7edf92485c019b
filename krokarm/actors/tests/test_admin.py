"""Staff edit reference data in the admin; every change leaves an audit row."""

import pytest
from django.urls import reverse

from krokarm.actors.models import Actor
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:actors_actor_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_see_every_reference_model_in_the_admin(staff_client):
    for model in ["actor", "theme", "responsibility", "service", "membership", "targetgroup"]:
        assert staff_client.get(reverse(f"admin:actors_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:regions_county_changelist")).status_code == 200


def test_editing_an_actor_in_the_admin_is_audited_with_who_and_what(staff_client, staff_user):
    actor = Actor.objects.get(slug="reglab")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"seat": "Stockholm", "ministry": "", "county": ""})
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    actor.refresh_from_db()
    assert actor.seat == "Stockholm"
    assert "stockholm" in actor.search_text
    entry = AuditEntry.objects.filter(action="actor.updated", target_id=str(actor.pk), source="admin").get()
    assert entry.user == staff_user
    assert entry.changes["seat"][1] == "Stockholm"


def test_the_audit_log_is_read_only_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:audit_auditentry_add")).status_code == 403


def test_the_reference_records_are_listed_read_only_in_the_admin(staff_client):
    page = staff_client.get(reverse("admin:audit_referencerecord_changelist") + "?q=arbetsformedlingen")
    assert page.status_code == 200 and "actors/agencies-kompetens.yaml" in page.text
    assert staff_client.get(reverse("admin:audit_referencerecord_add")).status_code == 403


def test_deleting_in_the_admin_keeps_a_responsibility_people_commented_on(staff_client, staff_user):
    from krokarm.actors.models import Responsibility
    from krokarm.comments.actions import post_comment

    resp = Responsibility.objects.filter(actor__slug="arbetsformedlingen").order_by("pk")[0]
    post_comment(resp, user=staff_user, text="Gäller det här hela landet?")
    url = reverse("admin:actors_responsibility_delete", args=[resp.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert Responsibility.all_objects.get(pk=resp.pk).retired_at is not None  # kept, with its thread
