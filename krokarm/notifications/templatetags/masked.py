"""`{% load masked %}`: e-mail addresses shown without the person (krokarm.lib.addresses)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from krokarm.lib.addresses import mask, mask_all

register = template.Library()


@register.filter
def masked(addresses: Iterable[str]) -> str:
    return ", ".join(mask(address) for address in addresses)


@register.filter
def masked_in(text: str) -> str:
    return mask_all(text)
