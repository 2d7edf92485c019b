"""`krokarm bench_seed`: grows every directory table to N times the real size, and can undo it."""

from io import StringIO

import pytest
from django.core.management import call_command

from krokarm.actors.models import Actor, Membership, Responsibility, Service
from krokarm.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "actors": Actor.objects.count(),
        "responsibilities": Responsibility.objects.count(),
        "services": Service.objects.count(),
        "memberships": Membership.objects.count(),
    }


def test_scale_three_triples_every_table_and_writes_no_audit_rows():
    real = counts()
    audit_rows = AuditEntry.objects.count()
    out = StringIO()
    call_command("bench_seed", "--scale", "3", stdout=out)
    assert counts() == {table: rows * 3 for table, rows in real.items()}
    assert AuditEntry.objects.count() == audit_rows
    assert "actors" in out.getvalue()


def test_copies_are_searchable_and_keep_their_county():
    call_command("bench_seed", "--scale", "2", stdout=StringIO())
    copy = Actor.objects.get(slug__startswith="bench-", slug__endswith="-region-skane")
    assert copy.county.code == "12"
    assert "skåne" in copy.search_text


def test_scale_one_removes_the_copies_again():
    real = counts()
    call_command("bench_seed", "--scale", "2", stdout=StringIO())
    call_command("bench_seed", "--scale", "1", stdout=StringIO())
    assert counts() == real
    assert not Actor.objects.filter(slug__startswith="bench-").exists()
