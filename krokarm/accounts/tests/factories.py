from typing import cast

import factory

from krokarm.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("a-long-test-password")


def member_of(actor_slug: str, role: str = "medlem", **values: object) -> User:
    """A user who works for the actor in `role` (medlem, redaktor or organisationsadministrator)."""
    from zeal import zeal_ignore

    from krokarm.accounts.models import Affiliation
    from krokarm.actors.models import Actor

    with zeal_ignore():
        user = cast(User, UserFactory(**values))
        Affiliation.objects.create(user=user, actor=Actor.objects.get(slug=actor_slug), role=role)
    return user


def current_code(key: str) -> str:
    """The one-time code an authenticator app with the hex `key` shows now."""
    from binascii import unhexlify

    from django_otp.oath import totp  # type: ignore[import-untyped]

    return f"{totp(unhexlify(key)):06d}"
