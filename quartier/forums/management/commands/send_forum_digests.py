"""`quartier send_forum_digests`: the weekly e-mail digest of the forums.

Run it once a week (cron, systemd timer); or enqueue
`quartier.forums.services.notifications.send_digests_task` from a scheduler.
"""

from typing import Any

from django.core.management.base import BaseCommand

from quartier.forums.services.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Send every person one e-mail with their waiting forum notifications, "
        "grouped by forum; nobody gets an empty digest."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
