"""`quartier send_meeting_reminders`: e-mail the confirmed participants of meetings
that start in 24 to 48 hours (run it hourly or daily, e.g. from cron; a second run
sends nothing twice). The same work runs as the django-tasks task
quartier.forums.services.registrations.send_meeting_reminders."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from quartier.forums.services.registrations import reminders_send


class Command(BaseCommand):
    help = "Send reminder e-mails for meetings that start in 24 to 48 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
