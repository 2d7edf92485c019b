"""What the networks app holds about a person, for "Ladda ner mina uppgifter" (accounts/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from krokarm.networks.models import Link, Meeting, Post


def export(user: Any) -> dict[str, Any]:
    """The posts the user wrote, the meetings they added and the joint spaces they made: three queries."""
    posts = Post.objects.filter(author=user).select_related("network", "link", "author_organisation")
    meetings = Meeting.objects.filter(created_by=user).select_related("network")
    links = Link.all_objects.filter(created_by=user).order_by("created_at", "pk")
    return {
        "spaces_created": [
            {
                "link": f"{settings.SITE_URL}{link.get_absolute_url()}",
                "name": link.name,
                "created_at": link.created_at.isoformat(),
            }
            for link in links
        ],
        "posts": [
            {
                "link": f"{settings.SITE_URL}{post.get_absolute_url()}",
                "space": post.link.name if post.link else post.network.name if post.network else None,
                "written_for": post.author_organisation.name if post.author_organisation else None,
                "title": post.title,
                "body": post.body,
                "created_at": post.created_at.isoformat(),
            }
            for post in posts.order_by("created_at", "pk")
        ],
        "meetings": [
            {
                "link": f"{settings.SITE_URL}{meeting.get_absolute_url()}",
                "network": meeting.network.name,
                "title": meeting.title,
                "starts_at": meeting.starts_at.isoformat(),
                "ends_at": meeting.ends_at.isoformat(),
                "place": meeting.place,
                "description": meeting.description,
                "created_at": meeting.created_at.isoformat(),
            }
            for meeting in meetings.order_by("created_at", "pk")
        ],
    }
