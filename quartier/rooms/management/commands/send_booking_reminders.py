"""Send the reminder e-mails for tomorrow's room bookings (run daily, e.g. by cron;
idempotent: a booking is reminded once)."""

from typing import Any

from django.core.management.base import BaseCommand

from quartier.rooms.services import reminders_send


class Command(BaseCommand):
    help = "E-mail everyone who has a confirmed room booking tomorrow (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
