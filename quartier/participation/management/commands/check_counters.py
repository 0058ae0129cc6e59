"""`quartier check_counters`: recount the stored counters of every contribution
(supports, comments; participation/counters.py) and report those that drifted from
their rows. `--fix` corrects them; `--municipality <slug>` checks one municipality.
Exits with status 1 when drift was found and not fixed (for monitoring)."""

from __future__ import annotations

from django.db.models import QuerySet

from quartier.core.drift_command import DriftCommand
from quartier.core.models import Municipality
from quartier.participation import counters
from quartier.participation.models import Contribution


class Command(DriftCommand):
    help = "Recount the contributions' stored counters and report (or fix) drift."
    drifted_what = "contribution(s) with drifted counters"

    def drifted(self, municipalities: QuerySet[Municipality], fix: bool) -> list[str]:
        contributions = Contribution.objects.filter(municipality__in=municipalities)
        return [
            f"{row['municipality__slug']} contribution {row['pk']}: "
            + ", ".join(
                f"{field} {row[field]} (counted {row['true_' + field]})"
                for field in counters.COUNTERS
            )
            for row in counters.check(contributions, fix=fix)
        ]
