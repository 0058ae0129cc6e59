"""`quartier schedule_decision_follow_ups`: put due decisions on the next meeting of
their forum and tell the responsible people (run it daily, e.g. from cron; the same
is available as the task `schedule_decision_follow_ups_task`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quartier.forums.services.decisions import decisions_schedule_follow_ups


class Command(BaseCommand):
    help = "Put due or overdue open decisions on the next meeting of their forum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Act as if it were this day (YYYY-MM-DD); default: today.",
        )

    def handle(
        self, *args: Any, today: datetime.date | None = None, **options: Any
    ) -> None:
        items = decisions_schedule_follow_ups(today=today)
        for item in items:
            self.stdout.write(f"{item.meeting}: {item.title}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(items)} follow-up item(s) put on agendas.")
        )
