"""The comment actions: what they write, what they refuse, and the audit row each leaves."""

import pytest

from krokarm.audit.models import AuditEntry
from krokarm.comments import actions
from krokarm.comments.models import Comment, Report, Thread
from krokarm.comments.tests.factories import comment, coordinator, editor_of, reader, responsibility

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_n_plus_one():
    """These tests call the actions several times in a row on purpose, which django-zeal would read as
    N+1 queries; the pages that show comments keep the check (test_thread_view, test_moderation_view)."""
    yield


def test_the_first_comment_makes_the_thread_and_leaves_a_public_audit_row():
    author = editor_of("arbetsformedlingen")
    resp = responsibility()
    posted = actions.post_comment(resp, user=author, text="  Vi ser över texten.  ", organisation=resp.actor)
    assert posted.text == "Vi ser över texten."
    assert posted.thread.target == resp
    assert posted.author_organisation == resp.actor
    entry = AuditEntry.objects.get(action="comment.posted", target_id=str(posted.pk))
    assert (entry.user, entry.organisation, entry.source, entry.public) == (author, resp.actor, "web", True)


def test_300_characters_are_accepted_and_301_refused_counting_a_ring_o_as_one():
    assert len(comment(text="å" * 300).text) == 300
    with pytest.raises(actions.TextInvalid, match="högst 300 tecken \\(nu 301\\)"):
        comment(text="å" * 300 + "ä")


def test_a_decomposed_a_ring_counts_as_one_character_and_is_stored_composed():
    posted = comment(text="a\u030a" * 300)
    assert posted.text == "å" * 300


def test_an_empty_comment_is_refused():
    with pytest.raises(actions.TextInvalid):
        comment(text="   ")


def test_one_may_write_only_for_an_organisation_one_works_for():
    with pytest.raises(actions.CommentRefused):
        actions.post_comment(responsibility(), user=reader(), text="Hej", organisation=responsibility().actor)


def test_a_reply_answers_a_top_level_comment_but_a_reply_to_a_reply_is_refused():
    first = comment()
    answer = actions.reply(first, user=reader(), text="Håller med.")
    assert answer.parent == first and answer.thread == first.thread
    with pytest.raises(actions.ReplyTooDeep):
        actions.reply(answer, user=reader(), text="Och jag.")
    assert Comment.objects.filter(thread=first.thread).count() == 2


def test_closing_refuses_new_comments_and_replies_and_is_recorded():
    first = comment()
    boss = coordinator()
    thread = actions.close_thread(responsibility(), user=boss)
    assert thread.is_closed and thread.closed_by == boss
    assert AuditEntry.objects.filter(action="thread.closed", target_id=str(thread.pk), user=boss, public=True).exists()
    with pytest.raises(actions.ThreadClosed):
        comment()
    with pytest.raises(actions.ThreadClosed):
        actions.reply(first, user=reader(), text="Sent svar.")


def test_reopening_lets_comments_in_again_and_is_recorded():
    actions.close_thread(responsibility(), user=coordinator())
    thread = actions.reopen_thread(responsibility(), user=coordinator())
    assert thread is not None and not thread.is_closed
    assert AuditEntry.objects.filter(action="thread.reopened").count() == 1
    assert comment().pk


def test_closing_an_object_nobody_has_commented_on_yet_makes_a_closed_thread():
    actions.close_thread(responsibility(), user=coordinator())
    assert Thread.objects.get().is_closed


def test_report_then_hide_then_restore_resolves_the_reports_and_audits_each_step():
    bad = comment(text="Olämpligt")
    report = actions.report_comment(bad, user=reader(), reason="Kränkande")
    assert AuditEntry.objects.get(action="comment.reported").public is False
    boss = coordinator()
    hidden = actions.hide_comment(bad, user=boss, reason="Bryter mot reglerna")
    assert hidden.is_hidden and hidden.hidden_reason == "Bryter mot reglerna" and hidden.hidden_by == boss
    report.refresh_from_db()
    assert report.resolution == Report.Resolution.HIDDEN and report.resolved_at
    restored = actions.restore_comment(bad, user=boss, reason="Felbedömning")
    assert not restored.is_hidden and restored.hidden_reason == ""
    entry = AuditEntry.objects.get(action="comment.restored")
    assert entry.changes["restore_reason"] == [None, "Felbedömning"] and entry.public


def test_a_deleted_account_leaves_its_comments_without_an_author():
    author = reader()
    posted = comment(user=author)
    author.delete()
    posted.refresh_from_db()
    assert posted.author is None


def test_objects_that_have_not_opted_in_cannot_take_comments():
    with pytest.raises(LookupError):
        actions.post_comment(responsibility().actor, user=reader(), text="Hej")
