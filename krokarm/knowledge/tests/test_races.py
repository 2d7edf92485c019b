"""Two people doing the same thing at the same instant, with real threads and their own connections on a committed
copy of the seeded database: one succeeds, the other is told (409) and nothing is made twice, half made or lost. On
PostgreSQL row locks and unique indexes decide; on SQLite the second writer waits for the first (IMMEDIATE
transactions, busy_timeout)."""

from __future__ import annotations

import dataclasses

import pytest

from krokarm.audit.models import AuditEntry
from krokarm.knowledge import actions
from krokarm.knowledge.models import AccessRequest, Item, Reuse
from krokarm.knowledge.reference_data import ItemRow
from krokarm.knowledge.tests.factories import url
from krokarm.knowledge.tests.races import signed_in, world
from krokarm.lib.testing import at_once, returned

pytestmark = pytest.mark.usefixtures("committed_db")


def test_two_colleagues_asking_at_once_get_one_request_and_one_409_that_keeps_the_message() -> None:
    w = world()
    first, second = (signed_in(member) for member in w.members)
    data = lambda text: {"fraga-actor": w.other.slug, "fraga-message": text}  # noqa: E731
    responses = returned(
        at_once(
            lambda: first.post(url("request", w.item.pk), data("Vi vill läsa den.")),
            lambda: second.post(url("request", w.item.pk), data("Får vi ta del av den?")),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "väntar på svar" in refused.text
    kept = "Får vi ta del av den?" if responses[1] is refused else "Vi vill läsa den."
    assert kept in refused.text  # the refused colleague's message is still in the form
    assert AccessRequest.objects.filter(item=w.item).count() == 1
    assert AuditEntry.objects.filter(action="accessrequest.created").count() == 1


def test_a_request_sent_twice_at_the_same_instant_is_made_once() -> None:
    w = world()
    client = signed_in(w.members[0])
    data = {"fraga-actor": w.other.slug, "fraga-message": "Tack!", "fraga-once": "en-och-samma-nyckel"}
    responses = returned(
        at_once(
            lambda: client.post(url("request", w.item.pk), data),
            lambda: client.post(url("request", w.item.pk), data),
        )
    )
    assert [r.status_code for r in responses] == [302, 302]  # both see the one request
    assert AccessRequest.objects.filter(item=w.item).count() == 1


def test_two_editors_answering_at_once_get_one_success_and_one_409_that_keeps_the_answer() -> None:
    w = world()
    found = actions.request_access(w.item, user=w.members[0], actor=w.other, message="Får vi?")
    first, second = (signed_in(e) for e in w.editors)
    prefix = f"svar-{found.pk}"
    grant = {f"{prefix}-decision": "bevilja", f"{prefix}-answer": "Ja, varsågoda."}
    decline = {f"{prefix}-decision": "avsla", f"{prefix}-answer": "Nej, tyvärr."}
    responses = returned(
        at_once(
            lambda: first.post(url("answer", found.pk), grant),
            lambda: second.post(url("answer", found.pk), decline),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    found.refresh_from_db()
    lost_answer = "Nej, tyvärr." if found.answer == "Ja, varsågoda." else "Ja, varsågoda."
    assert "Förfrågan är redan besvarad" in refused.text and lost_answer in refused.text  # shown, not lost
    assert AuditEntry.objects.filter(action="accessrequest.answered").count() == 1


def test_two_colleagues_telling_of_a_reuse_at_once_get_one_reuse_and_one_409() -> None:
    w = world(access=Item.Access.OPEN)
    first, second = (signed_in(member) for member in w.members)
    data = lambda text: {"aterbruk-actor": w.other.slug, "aterbruk-text": text}  # noqa: E731
    seeded = AuditEntry.objects.filter(action="reuse.created").count()  # the reference data tells of reuses too
    responses = returned(
        at_once(
            lambda: first.post(url("reuse", w.item.pk), data("Vi använde den i planeringen.")),
            lambda: second.post(url("reuse", w.item.pk), data("Vi använde den i budgeten.")),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert "har redan berättat" in refused.text
    assert Reuse.objects.filter(item=w.item).count() == 1
    assert AuditEntry.objects.filter(action="reuse.created").count() == seeded + 1


def test_two_editors_saving_the_same_item_at_once_get_one_save_and_one_409_that_keeps_the_text() -> None:
    w = world()
    first, second = (signed_in(e) for e in w.editors)
    base = {
        "kind": w.item.kind,
        "summary": w.item.summary,
        "link": w.item.link,
        "access": w.item.access,
        "version": str(w.item.version),
    }
    responses = returned(
        at_once(
            lambda: first.post(url("edit", w.item.pk), {**base, "title": "Första redaktörens rubrik"}),
            lambda: second.post(url("edit", w.item.pk), {**base, "title": "Andra redaktörens rubrik"}),
        )
    )
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    w.item.refresh_from_db()
    winner, loser = (
        ("Första redaktörens rubrik", "Andra redaktörens rubrik")
        if w.item.title.startswith("Första")
        else ("Andra redaktörens rubrik", "Första redaktörens rubrik")
    )
    assert w.item.title == winner and w.item.version == 2
    assert f'value="{loser}"' in refused.text and "Det här sparades medan du skrev" in refused.text
    assert AuditEntry.objects.filter(action="item.updated").count() == 1  # the log matches what is stored


def test_two_editors_removing_the_same_item_at_once_remove_it_once() -> None:
    w = world()
    first, second = (signed_in(e) for e in w.editors)
    data = {"version": str(w.item.version)}
    responses = returned(
        at_once(
            lambda: first.post(url("delete", w.item.pk), data),
            lambda: second.post(url("delete", w.item.pk), data),
        )
    )
    codes = sorted(r.status_code for r in responses)
    # The second is told, whichever way it met the first: it waited for the first's lock and finds the item removed
    # (409), or it came in after the first had finished and finds no item at all (404). Never a 500, never two
    # deletions.
    assert codes in ([302, 404], [302, 409])
    told = next(r for r in responses if r.status_code != 302)
    assert "borttagen" in told.text or "finns ingen kunskap" in told.text
    assert not Item.all_objects.filter(pk=w.item.pk).exists()
    assert AuditEntry.objects.filter(action="item.deleted").count() == 1


def test_an_item_shared_twice_at_the_same_instant_is_made_once() -> None:
    w = world()
    client = signed_in(w.editors[0])
    data = {
        "owner": w.owner.slug,
        "kind": "metod",
        "title": "Dubbelklickad metod",
        "summary": "En metod.",
        "link": "https://example.se/metod",
        "access": "oppen",
        "once": "samma-nyckel-for-bada",
    }
    responses = returned(at_once(lambda: client.post(url("create"), data), lambda: client.post(url("create"), data)))
    item = Item.objects.get(title="Dubbelklickad metod")
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {item.get_absolute_url()}


def test_two_items_with_the_same_title_shared_at_once_are_both_kept() -> None:
    w = world()
    first, second = (signed_in(e) for e in w.editors)
    data = lambda link: {  # noqa: E731
        "owner": w.owner.slug,
        "kind": "rapport",
        "title": "Lägesbild 2027",
        "summary": "Läget i länet.",
        "link": link,
        "access": "oppen",
    }
    responses = returned(
        at_once(
            lambda: first.post(url("create"), data("https://example.se/a")),
            lambda: second.post(url("create"), data("https://example.se/b")),
        )
    )
    assert [r.status_code for r in responses] == [302, 302]
    items = Item.objects.filter(title="Lägesbild 2027")
    assert sorted(items.values_list("link", flat=True)) == ["https://example.se/a", "https://example.se/b"]
    assert len(set(items.values_list("slug", flat=True))) == 2


def test_a_seed_and_an_owners_edit_at_the_same_time_both_keep_their_change() -> None:
    w = world()
    row = ItemRow(
        slug="seedad-rapport",
        kind="rapport",
        title="Filens rubrik",
        owner=w.owner.slug,
        summary="Filens sammanfattning.",
        themes=(),
        regions=(),
        challenges=(),
        link="https://example.se/rapport",
        access="oppen",
        published_on=None,
        source_url="https://example.se/kalla",
        file="knowledge/test.yaml",
    )
    actions.apply_knowledge_data([row])
    item = Item.objects.get(slug="seedad-rapport")
    editor = signed_in(w.editors[0])
    form = {"kind": "rapport", "summary": item.summary, "link": item.link, "access": "oppen"}
    newer = dataclasses.replace(row, summary="Filens nya sammanfattning.")
    results = returned(
        at_once(
            lambda: editor.post(url("edit", item.pk), {**form, "title": "Ägarens rubrik", "version": "1"}),
            lambda: actions.apply_knowledge_data([newer]),
        )
    )
    item.refresh_from_db()
    response, summary = results
    if response.status_code == 409:
        # The seed came first: the owner's form was from before it, so it is refused with the seed's change
        # listed and the owner's title kept in the form (nothing lost, nothing silently merged).
        assert "Filens nya sammanfattning." in response.text and 'value="Ägarens rubrik"' in response.text
        assert (item.title, item.summary) == ("Filens rubrik", "Filens nya sammanfattning.")
    else:
        # The owner came first: the seed keeps the owner's title (a conflict) and writes the file's summary.
        assert response.status_code == 302
        assert (item.title, item.summary) == ("Ägarens rubrik", "Filens nya sammanfattning.")
        assert [c.field for c in summary.conflicts] == ["title"]
