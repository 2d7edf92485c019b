"""Deploy checks (`krokarm check --deploy`) for the database's timeouts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register(deploy=True)  # not Tags.database: Django runs those only with --database
def database_timeouts_end_before_the_web_server_gives_up(**kwargs: Any) -> list[CheckMessage]:
    """A statement or lock wait that outlasts WEB_TIMEOUT gets the worker killed instead of answering 503."""
    web_ms = settings.WEB_TIMEOUT * 1000
    postgresql = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    timeouts = [("DATABASE_LOCK_TIMEOUT", settings.DATABASE_LOCK_TIMEOUT)]
    if postgresql:
        timeouts.insert(0, ("DATABASE_STATEMENT_TIMEOUT", settings.DATABASE_STATEMENT_TIMEOUT))
    messages: list[CheckMessage] = []
    for name, value in timeouts:
        if value == 0:
            messages.append(
                Warning(
                    f"{name} is 0: a web request may wait on the database until the web server kills its worker.",
                    hint=f"Set {name} to some seconds (in milliseconds) below WEB_TIMEOUT ({settings.WEB_TIMEOUT} s).",
                    id="database.W001",
                )
            )
        elif value >= web_ms:
            messages.append(
                Error(
                    f"{name} ({value} ms) is not below WEB_TIMEOUT ({settings.WEB_TIMEOUT} s): the web server kills "
                    "a worker that waits that long before the database stops the statement.",
                    hint=f"Lower {name}, or raise WEB_TIMEOUT together with gunicorn's --timeout.",
                    id="database.E001",
                )
            )
    return messages
