"""`quartier send_fund_reminders`: remind applicants whose proof of use
(Verwendungsnachweis) is due within a week or overdue. Run it daily, e.g. from
cron; each application is reminded once, so running it twice sends nothing new."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from quartier.funds.services import reminders_send


class Command(BaseCommand):
    help = "Remind applicants of proofs of use that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
