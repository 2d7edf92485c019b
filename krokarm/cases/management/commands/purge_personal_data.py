"""`krokarm purge_personal_data`: delete personal data that has been kept as long as promised (run daily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from krokarm.accounts.actions import purge_inactive_accounts
from krokarm.cases.actions import purge_personal_data, purge_unanswered
from krokarm.idempotency.actions import KEEP_DAYS, forget_old
from krokarm.insights.actions import purge_question_texts, retention_days
from krokarm.outbox.actions import purge_old as purge_old_mail


class Command(BaseCommand):
    help = (
        "Delete the question, answer and e-mail address of cases answered more than CASE_RETENTION_DAYS ago "
        "and of cases never answered whose last step is more than CASE_UNANSWERED_RETENTION_DAYS ago, "
        "the text of way-in questions older than INSIGHTS_TEXT_RETENTION_DAYS, and accounts nobody has signed in "
        "to for ACCOUNT_RETENTION_DAYS (never staff, site admins or an organisation's last admin), e-mail sent "
        "(or given up on) more than EMAIL_RETENTION_DAYS ago, and the one-time keys of forms older than two days "
        "(they hold who sent what, and a case's status link)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        cases = purge_personal_data(now)
        unanswered = purge_unanswered(now)
        questions = purge_question_texts(now)
        accounts, kept = purge_inactive_accounts(now)
        mail = purge_old_mail(now)
        keys = forget_old(now)
        self.stdout.write(
            f"Cases: personal data deleted from {cases} case(s) answered more than "
            f"{settings.CASE_RETENTION_DAYS} days ago."
        )
        self.stdout.write(
            f"Cases: personal data deleted from {unanswered} unanswered case(s) with no step for "
            f"{settings.CASE_UNANSWERED_RETENTION_DAYS} days."
        )
        self.stdout.write(f"Questions: text deleted from {questions} question(s) older than {retention_days()} days.")
        days = settings.ACCOUNT_RETENTION_DAYS
        self.stdout.write(f"Accounts: {accounts} account(s) not signed in to for {days} days deleted.")
        self.stdout.write(
            f"E-mail: {mail} message(s) sent or failed more than {settings.EMAIL_RETENTION_DAYS} days ago deleted."
        )
        self.stdout.write(f"One-time keys: {keys} key(s) older than {KEEP_DAYS} days deleted.")
        if kept:
            self.stdout.write(
                f"Accounts: {kept} inactive account(s) kept as the last administrator of an organisation "
                "(see the warnings in the log)."
            )
