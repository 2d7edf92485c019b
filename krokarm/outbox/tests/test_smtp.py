"""Against a real SMTP server on this machine, with two workers sending at once: the server first refuses
connections (nothing listens), then hangs (accepts and never greets), then recovers (aiosmtpd). Every message is
delivered exactly once after recovery, none is marked failed on the way, and a page that causes mail answers at
once while the server hangs.

The workers are threads with their own database connections, so they must see what the test commits: the test runs
on a committed copy of the seeded database (the committed_db fixture).
"""

from __future__ import annotations

import email
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connections, transaction
from django.db.models import Sum
from django.urls import reverse

from krokarm.cases.models import Case
from krokarm.cases.tests.factories import everyone_receives
from krokarm.outbox.actions import queue_mail
from krokarm.outbox.delivery import deliver_all
from krokarm.outbox.models import Message

pytestmark = pytest.mark.usefixtures("committed_db")


@pytest.fixture(autouse=True)
def _every_actor_receives_cases(committed_db: Any) -> None:
    """Someone works at every actor: these tests are about sending, not about who may receive (see
    krokarm/wayin/tests/test_door_someone_opens.py). The officer has no e-mail address, so a case sent here
    queues only the e-mails these tests count (staff are e-mailed: cases/tests/test_everyone_is_told.py)."""
    everyone_receives(email="")


TIMEOUT = 2.0  # EMAIL_TIMEOUT here: each SMTP step gives up after two seconds
QUESTION = "Hur validerar jag min svetsarkompetens i Luleå?"


class Recorder:
    """aiosmtpd handler: keeps the Message-ID of every message the server accepted."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.message_ids.append(str(email.message_from_bytes(envelope.content)["Message-ID"]))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def hanging_server(port: int) -> Iterator[None]:
    """A socket that accepts connections (the kernel completes them) but never says a word: SMTP's greeting
    never comes, as with a mail server that is up but stuck."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    try:
        yield
    finally:
        sock.close()


@contextmanager
def workers(count: int, errors: list[BaseException]) -> Iterator[None]:
    """`count` workers sending the outbox over and over (what the delivery task and the sweep do), each a thread
    with its own database connection."""
    stop = threading.Event()

    def work() -> None:
        try:
            while not stop.is_set():
                deliver_all()
                stop.wait(0.05)
        except BaseException as error:  # reported to the test, which fails on it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, name=f"worker-{n}") for n in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)


def wait_for(condition: Callable[[], bool], what: str, *, seconds: float = 30.0) -> None:
    """Poll until `condition` holds; on the way, no message may ever be marked failed."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert not Message.objects.filter(status=Message.Status.FAILED).exists(), "a message was marked failed"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def smtp(settings: Any) -> int:
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = TIMEOUT
    settings.EMAIL_MAX_ATTEMPTS = 8
    settings.EMAIL_RETRY_FIRST_DELAY, settings.EMAIL_RETRY_MAX_DELAY = 0.2, 0.5
    settings.CASE_SEND_RATE = "100/m"
    return port


def errors_of(kind: str) -> Callable[[], bool]:
    return lambda: Message.objects.filter(last_error__icontains=kind).exists()


def attempts() -> int:
    return int(Message.objects.aggregate(total=Sum("attempts"))["total"] or 0)


def test_refused_then_hanging_then_recovered_every_message_arrives_exactly_once(smtp: int, client: Any) -> None:
    with transaction.atomic():
        queued = [
            queue_mail(to=[f"person{n}@example.se"], subject=f"Meddelande {n}", body="Hej!\n", purpose="test")
            for n in range(8)
        ]
    errors: list[BaseException] = []
    recorder = Recorder()
    # The first case sent in a process loads the routing index, the holiday calendar and more (about half a second,
    # more under load): send one without an e-mail address first, so the timing below is the mail's part alone.
    assert client.post(reverse("cases:send"), {"q": QUESTION, "actor": "myh", "place": "2580"}).status_code == 302
    assert not Message.objects.exclude(pk__in=[m.pk for m in queued]).exists()
    with workers(2, errors):
        # 1. Nothing listens: every run's first message is refused at once and waits; the others are not tried.
        wait_for(errors_of("refused"), "a refused connection")
        wait_for(lambda: Message.objects.filter(attempts__gte=2).exists(), "a second refused attempt")

        # 2. The server hangs. A page that causes mail still answers at once: it only stores the message.
        with hanging_server(smtp):
            wait_for(errors_of("timed out"), "a send that timed out", seconds=TIMEOUT * 10)
            started = time.monotonic()
            response = client.post(
                reverse("cases:send"), {"q": QUESTION, "actor": "myh", "email": "fraga@example.se", "place": "2580"}
            )
            page_took = time.monotonic() - started
            assert response.status_code == 302 and "?skickad=1" in response["Location"]
            assert page_took < TIMEOUT / 2, f"the page took {page_took:.2f} s while the mail server hung"
            tried = attempts()
            wait_for(lambda: attempts() > tried, "another attempt")  # the workers keep trying, one at a time

        # 3. The server is back: everything goes, once.
        controller = Controller(recorder, hostname="127.0.0.1", port=smtp)
        controller.start()
        try:
            wait_for(lambda: not Message.objects.exclude(status=Message.Status.SENT).exists(), "every message sent")
        finally:
            controller.stop()

    assert errors == []
    receipt = Message.objects.exclude(pk__in=[m.pk for m in queued]).get()  # the page's e-mail: the asker's receipt
    assert receipt.recipients == ["fraga@example.se"] and receipt.purpose == "case.submitted"
    reference = Case.objects.get(email="fraga@example.se").reference
    assert reference and reference in receipt.subject
    expected = {m.message_id for m in queued} | {receipt.message_id}
    received = Counter(recorder.message_ids)
    assert set(received) == expected and set(received.values()) == {1}  # each exactly once
    assert Message.objects.filter(status=Message.Status.SENT).count() == Message.objects.count()
    assert max(Message.objects.values_list("attempts", flat=True)) < 8  # nobody came near being marked failed
