"""The strategy pages point to their subscriptions: an alternate link in the head for calendar apps and feed
readers, and visible links for people; every linked feed answers with its content type."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from zeal import zeal_ignore

pytestmark = pytest.mark.django_db

CALENDAR = "text/calendar"
ATOM = "application/atom+xml"


class Alternates(HTMLParser):
    """The (type, href) of every <link rel="alternate"> and the href of every <a> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[tuple[str, str]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate":
            assert values.get("title"), values
            self.alternates.append((values.get("type") or "", values.get("href") or ""))
        elif tag == "a" and values.get("href"):
            self.anchors.append(values["href"] or "")


def read(client: Any, path: str) -> Alternates:
    response = client.get(path)
    assert response.status_code == 200
    parser = Alternates()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize(
    ("page", "calendar"),
    [
        (reverse("strategies:overview"), reverse("strategies:calendar")),
        (
            reverse("strategies:region", args=["region-ostergotland"]),
            reverse("strategies:region_calendar", args=["region-ostergotland"]),
        ),
    ],
)
def test_the_strategy_pages_link_their_calendar_and_the_atom_feed_and_the_feeds_answer(
    client: Any, page: str, calendar: str
) -> None:
    atom = reverse("strategies:new_entry_points")
    found = read(client, page)
    assert found.alternates == [(CALENDAR, calendar), (ATOM, atom)]
    assert calendar in found.anchors and atom in found.anchors
    for href, content_type in ((calendar, CALENDAR), (atom, ATOM)):
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith(content_type), (href, response["Content-Type"])


def test_the_pages_say_what_the_links_are_for(client: Any) -> None:
    overview = client.get(reverse("strategies:overview")).content.decode()
    assert "Prenumerera på kalendern över ingångar (iCal)" in overview
    assert "Nya ingångar som Atom-flöde" in overview
    region = client.get(reverse("strategies:region", args=["region-ostergotland"])).content.decode()
    assert "Prenumerera på kalendern över ingångar hos Region Östergötland (iCal)" in region


def test_a_strategy_takes_comments_and_its_page_links_to_the_thread(client: Any) -> None:
    from krokarm.comments import actions as comment_actions
    from krokarm.comments.tests.factories import reader
    from krokarm.strategies.models import Strategy

    strategy = Strategy.objects.select_related("region").get(region__slug="region-ostergotland", is_current=True)
    thread = f"/kommentarer/strategi/{strategy.slug}/"
    assert thread in client.get("/strategier/region-ostergotland/").content.decode()
    with zeal_ignore():
        comment_actions.post_comment(strategy, user=reader(), text="Bra att kompetensen lyfts fram.")
    page = client.get(thread)
    assert page.status_code == 200 and "Bra att kompetensen lyfts fram." in page.content.decode()
