"""Yearly automatic network snapshots (docs/network.md): run it daily from cron;
each municipality gets one automatic snapshot per year, on the first run of the
year.

    15 3 * * *  quartier take_network_snapshots
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from quartier.core.models import Municipality
from quartier.network import services


class Command(BaseCommand):
    help = "Take the yearly automatic network snapshot of every municipality."

    def handle(self, *args, **options):
        today = timezone.localdate()
        taken = 0
        for municipality in Municipality.objects.order_by("pk"):
            taken += services.snapshot_take_yearly(
                municipality=municipality, today=today
            )
        self.stdout.write(f"{taken} snapshot(s) taken.")
