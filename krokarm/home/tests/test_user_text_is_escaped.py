"""Text people write is shown as text, never as markup: no page lets a comment, a need, an answer or a question
run a script. There is no formatting anywhere (no Markdown, no HTML), so escaping is the whole defence."""

from __future__ import annotations

from typing import Any

import pytest
from zeal import zeal_ignore

from krokarm.accounts.tests.factories import member_of

pytestmark = [pytest.mark.django_db]

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def page(client: Any, url: str, user: Any = None) -> str:
    with zeal_ignore():
        if user is not None:
            client.force_login(user)
        response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def assert_shown_as_text(html: str) -> None:
    assert ESCAPED in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_comment_is_shown_as_text(client: Any) -> None:
    from krokarm.comments.tests.factories import THREAD_URL, comment

    comment(text=ATTACK[:290])
    html = page(client, THREAD_URL)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "<script>alert" not in html


def test_a_need_and_the_answers_to_it_are_shown_as_text(client: Any) -> None:
    from krokarm.needs.tests.factories import make_answer, make_need

    need = make_need(title=ATTACK)
    make_answer(need, text=ATTACK)
    html = page(client, need.get_absolute_url())
    assert html.count(ESCAPED) >= 2  # the title and the answer
    assert "<script>alert" not in html and "<img src=x" not in html


def test_a_question_sent_as_a_case_is_shown_as_text_to_the_asker_and_to_the_staff(client: Any) -> None:
    from krokarm.cases.tests.factories import send_case

    sent = send_case(question=ATTACK)
    case = sent.case
    assert_shown_as_text(page(client, sent.status_url))
    assert_shown_as_text(page(client, f"/inkorg/{case.reference}/", member_of("arbetsformedlingen")))
