"""The suite itself fails on N+1 queries (django-zeal), in test bodies and in requests."""

import pytest
from zeal import NPlusOneError

from krokarm.actors.models import Actor

pytestmark = pytest.mark.django_db


def test_reading_a_relation_row_by_row_fails_the_test():
    with pytest.raises(NPlusOneError, match=r"actors\.Actor\.county"):
        [actor.county for actor in Actor.objects.filter(kind="municipality")[:5]]


def test_the_same_loop_with_select_related_is_fine():
    counties = [actor.county for actor in Actor.objects.filter(kind="municipality").select_related("county")[:5]]
    assert len(counties) == 5
