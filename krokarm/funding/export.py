"""The programmes as open data: one row per programme (areas and regional plans included), as CSV and JSON."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from krokarm.funding import queries
from krokarm.funding.models import Programme
from krokarm.lib import csvsafe

COLUMNS = [
    "slug",
    "namn",
    "fond",
    "typ",
    "del",
    "ingar_i",
    "forvaltande_myndighet",
    "forvaltande_myndighet_slug",
    "vem_kan_soka",
    "budget",
    "period",
    "bekraftat",
    "obekraftat",
    "lan",
    "individer",
    "foretag",
    "organisationer",
    "teman",
    "kalla",
    "adress",
]


def document(programme: Programme) -> dict[str, Any]:
    """One programme as plain data (the JSON export; the CSV flattens it)."""
    reach = {r.target: r for r in programme.reach.all()}
    authority = programme.managing_authority
    return {
        "slug": programme.slug,
        "name": programme.name,
        "fund": programme.fund,
        "kind": programme.kind,
        "part": programme.part,
        "parent": programme.parent.slug if programme.parent else None,
        "managing_authority": {
            "name": programme.authority_name,
            "actor": authority.slug if authority else None,
        },
        "who_may_apply": programme.who_may_apply,
        "summary": programme.summary,
        "budget": programme.budget,
        "period": programme.period,
        "confirmed": programme.confirmed,
        "unconfirmed": programme.unconfirmed,
        "counties": [{"code": c.code, "name": c.name} for c in programme.counties.all()],
        "reach": [
            {"target": target, "how": reach[target].how, "note": reach[target].note}
            for target in queries.TARGETS
            if target in reach
        ],
        "themes": [t.slug for t in programme.themes.all()],
        "source_url": programme.source_url,
        "url": programme.get_absolute_url(),
    }


def documents() -> list[dict[str, Any]]:
    return [document(p) for p in queries.all_programmes()]


def _row(doc: dict[str, Any]) -> dict[str, str]:
    reach = {r["target"]: r["how"] for r in doc["reach"]}
    return {
        "slug": doc["slug"],
        "namn": doc["name"],
        "fond": doc["fund"],
        "typ": doc["kind"],
        "del": doc["part"],
        "ingar_i": doc["parent"] or "",
        "forvaltande_myndighet": doc["managing_authority"]["name"],
        "forvaltande_myndighet_slug": doc["managing_authority"]["actor"] or "",
        "vem_kan_soka": doc["who_may_apply"],
        "budget": doc["budget"],
        "period": doc["period"],
        "bekraftat": "ja" if doc["confirmed"] else "nej",
        "obekraftat": doc["unconfirmed"],
        "lan": "; ".join(c["code"] for c in doc["counties"]),
        "individer": reach.get("individer", ""),
        "foretag": reach.get("foretag", ""),
        "organisationer": reach.get("organisationer", ""),
        "teman": "; ".join(doc["themes"]),
        "kalla": doc["source_url"],
        "adress": doc["url"],
    }


def to_csv(docs: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csvsafe.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_row(doc) for doc in docs)
    return buffer.getvalue()
