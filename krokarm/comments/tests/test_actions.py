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


# Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, Hangul filler, braille blank, ideographic space.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u2800"]


@pytest.mark.parametrize("text", [*INVISIBLE, "".join(INVISIBLE) * 10, " \u200b \n\u2060\u3000\ufeff ", "\u0301" * 3])
def test_a_comment_of_only_invisible_characters_is_refused(text):
    with pytest.raises(actions.TextInvalid, match="inga synliga tecken") as refused:
        comment(text=text)
    assert refused.value.code == "invisible"
    assert not Comment.objects.exists()


def test_a_letter_with_299_combining_marks_is_refused_though_it_is_one_character():
    with pytest.raises(actions.TextInvalid, match="högst 4 går") as refused:
        comment(text="Bra" + "\u0301" * 299)
    assert refused.value.code == "too_many_marks"
    assert not Comment.objects.exists()


def test_four_combining_marks_on_a_letter_are_accepted_and_five_refused_counted_after_nfc():
    assert comment(text="x\u0301\u0302\u0303\u0304").text == "x\u0301\u0302\u0303\u0304"
    with pytest.raises(actions.TextInvalid):
        comment(text="x\u0301\u0302\u0303\u0304\u0306")
    # Vietnamese typed decomposed: NFC makes "ệ" one code point, leaving three marks.
    assert comment(text="Tiê\u0301ng Vie\u0323\u0302\u0300\u0304\u0301t").text == "Tiếng Việ\u0300\u0304\u0301t"


def test_emoji_chained_by_zero_width_joiners_into_one_character_are_refused():
    with pytest.raises(actions.TextInvalid) as refused:
        comment(text="\u200d".join(["🙂"] * 20))
    assert refused.value.code == "character_too_long"
    assert comment(text="👩🏽\u200d❤\ufe0f\u200d💋\u200d👨🏿").text  # the longest standard emoji: ten code points


def test_300_emoji_with_skin_tones_are_300_characters_and_accepted_though_600_code_points():
    text = "👍🏽" * 150 + "🇸🇪" * 150
    assert len(text) == 600
    assert comment(text=text).text == text
    with pytest.raises(actions.TextInvalid, match="högst 300 tecken \\(nu 301\\)") as refused:
        comment(text=text + "👋🏿")
    assert refused.value.code == "too_long"


def test_bidirectional_overrides_and_isolates_are_stripped_from_what_is_stored():
    posted = comment(text="\u202eGodkänn\u202c inte \u2067\u2066detta\u2069\u202a\u202b\u202d\u2068")
    assert posted.text == "Godkänn inte detta"
    assert Comment.objects.get().text == "Godkänn inte detta"
    entry = AuditEntry.objects.get(action="comment.posted")
    assert entry.changes["text"] == [None, "Godkänn inte detta"]


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
