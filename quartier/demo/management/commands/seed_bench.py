"""`quartier seed_bench`: the benchmark data set, on top of `quartier seed_demo`.

Adds municipalities with neighbourhoods, actors (each with one or two sectors and
up to two neighbourhoods) and ties between actors of the same municipality, so
that lists are long and `make bench` measures pages whose size does not depend on
the data. Musterstadt gets its own large share of actors and ties.

Rows are written with bulk_create in batches; bulk rows get no history entries.
The data is generated from a fixed seed, so two runs produce the same data set.
"""

from __future__ import annotations

import importlib
import random
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from quartier.actors.models import (
    Actor,
    ActorKind,
    Intensity,
    Sector,
    Tie,
    TieKind,
    Visibility,
)
from quartier.core.models import Land, Municipality, Neighborhood
from quartier.forums.models import (
    AgendaItem,
    Decision,
    DecisionStatus,
    DecisionStatusChange,
    Forum,
    Meeting,
    Responsibility,
)

BATCH = 2000

# Every app with a `bench.py` adds its main objects to Musterstadt:
# option name (= app label) and default size.
APP_SIZES = {
    "participation": 100_000,
    "directory": 20_000,
    "rooms": 5_000,
    "funds": 2_000,
    "surveys": 0,
    # An earlier, closed round and the open one, 5,000 assessments each (Kleinstadt
    # 50 + 50): the results and trends read kept tallies, not every answer.
    "compass": 10_000,
    # A year of time entries, so that the time totals are measured on data (and
    # Kleinstadt gets its own, instead of a page that is not switched on).
    "learning": 5_000,
    "hsds": 0,
    # A forum that has met every week for years (the decisions come from
    # _decisions below): its page shows its meetings a page at a time.
    "forums": 500,
    # Serves the forums' bench decisions at /oparl/ (its BENCH_PAGES); no data.
    "oparl": 0,
    # After participation: one initiative links 50 of its contributions.
    "initiatives": 2_000,
    # 50 goals with a model and an indicator; one with ten years of monthly values.
    "impact": 50,
    # After participation: one clustering run over the latest 10,000 of its
    # contributions, computed by the background task and timed.
    "topics": 10_000,
    # Adds nothing: the catalogue and the page describe the others' rows.
    "opendata": 0,
    # Adds nothing: the home and the contribution list in Arabic and in German.
    "translations": 0,
    # 200 agreed terms and a contribution using them all, its twin without glossary.
    "glossary": 200,
    # Last: ties among Musterstadt's actors up to this many, then a timed snapshot.
    "network": 50_000,
    # After the network's snapshot: one report to the council with every section,
    # generated and timed (docs/reports.md).
    "reports": 1,
    # Pages only: the check page and the support offers (no data of their own).
    "support": 0,
    # The demo's advisory organisation: every module of this many municipalities.
    "advisers": 100,
}


def bench_module(app: str) -> Any:
    return importlib.import_module(f"quartier.{app}.bench")


SLUG_PREFIX = "bench-"

# A municipality with about 100 rows of each kind, next to Musterstadt's thousands:
# `make bench` measures every page for both and prints the time ratio (issue 19,
# "time flat in data size"). Its coordinator signs in for the pages that need a login.
KLEINSTADT = "kleinstadt"
KLEINSTADT_COORDINATOR = "koordination@kleinstadt.example"
# Apps whose hook does not add rows to the municipality it is given (another
# municipality, every municipality, a generated report): not run for Kleinstadt.
NOT_FOR_KLEINSTADT = {"glossary", "advisers", "reports"}

# German building blocks for realistic-looking names ("Sportverein Lindenhof 17").
NAME_KINDS = [
    ("Sportverein", ActorKind.ORGANISATION),
    ("Förderverein", ActorKind.ORGANISATION),
    ("Bürgerverein", ActorKind.ORGANISATION),
    ("Kulturverein", ActorKind.ORGANISATION),
    ("Familienzentrum", ActorKind.ORGANISATION),
    ("Seniorentreff", ActorKind.ORGANISATION),
    ("Jugendhaus", ActorKind.ORGANISATION),
    ("Hausarztpraxis", ActorKind.ORGANISATION),
    ("Pflegedienst", ActorKind.ORGANISATION),
    ("Kita", ActorKind.ORGANISATION),
    ("Wohnungsbaugenossenschaft", ActorKind.ORGANISATION),
    ("Nachbarschaftsinitiative", ActorKind.INITIATIVE),
    ("Gemeinschaftsgarten", ActorKind.INITIATIVE),
    ("Repair-Café", ActorKind.INITIATIVE),
    ("Elterninitiative", ActorKind.INITIATIVE),
    ("Amt für Soziales", ActorKind.ADMINISTRATION),
    ("Stadtteilbüro", ActorKind.ADMINISTRATION),
    ("Quartiersmanagement", ActorKind.INTERMEDIARY),
    ("Gesundheitslotsin", ActorKind.INTERMEDIARY),
]
PLACES = [
    "Lindenhof",
    "Am Markt",
    "Kirchberg",
    "Talaue",
    "Nordstadt",
    "Südviertel",
    "Weststadt",
    "Rosengarten",
    "Eichendorf",
    "Mühlbach",
    "Schlossberg",
    "Auwiesen",
]
DESCRIPTIONS = [
    "Offene Treffen jeden Dienstag, Beratung nach Vereinbarung.",
    "Bewegungsangebote für alle Generationen im Quartier.",
    "Wir vernetzen Nachbarinnen und Nachbarn und organisieren Feste.",
    "Beratung zu Gesundheit, Pflege und Wohnen – kostenlos und vertraulich.",
    "Ehrenamtliche Hilfe im Alltag: Einkaufen, Begleitung, Gespräche.",
    "Angebote für Familien mit kleinen Kindern, Elterncafé und Spielgruppe.",
]
NEIGHBORHOOD_NAMES = ["Altstadt", "Neustadt", "Oberdorf"]


class Command(BaseCommand):
    help = (
        "Adds the benchmark data set on top of the demo data: municipalities, "
        "actors and ties (run `quartier seed_demo` first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipalities",
            type=int,
            default=100,
            help="municipalities in the data set, Musterstadt included (default 100)",
        )
        parser.add_argument(
            "--actors", type=int, default=10_000, help="actors in all (default 10000)"
        )
        parser.add_argument(
            "--ties", type=int, default=50_000, help="ties in all (default 50000)"
        )
        parser.add_argument(
            "--musterstadt-actors",
            type=int,
            default=2_000,
            help="how many of the actors belong to Musterstadt (default 2000)",
        )
        parser.add_argument(
            "--decisions",
            type=int,
            default=10_000,
            help="decisions in Musterstadt's register (default 10000)",
        )
        for app, default in APP_SIZES.items():
            parser.add_argument(
                f"--{app}",
                type=int,
                default=default,
                help=f"main objects of the {app} app in Musterstadt (default {default})",
            )
        parser.add_argument(
            "--kleinstadt",
            type=int,
            default=100,
            help="rows of each kind in the small municipality `kleinstadt` "
            "(default 100; 0 leaves it out)",
        )
        parser.add_argument("--seed", type=int, default=2030, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        n_municipalities: int = options["municipalities"]
        n_actors: int = options["actors"]
        n_ties: int = options["ties"]
        n_muster: int = options["musterstadt_actors"]
        if n_municipalities < 1 or n_actors < 0 or n_ties < 0:
            raise CommandError(
                "Sizes must not be negative (and at least 1 municipality)."
            )
        if not 0 <= n_muster <= n_actors:
            raise CommandError("--musterstadt-actors must lie between 0 and --actors.")
        if n_municipalities == 1 and n_muster != n_actors:
            raise CommandError(
                "With one municipality every actor belongs to Musterstadt."
            )

        musterstadt = Municipality.objects.filter(slug="musterstadt").first()
        if musterstadt is None:
            raise CommandError(
                "Musterstadt is missing: run `quartier seed_demo` first."
            )
        if Municipality.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(
                "The benchmark data set is already there; start from a fresh database."
            )
        sectors = list(Sector.objects.values_list("pk", flat=True))
        if not sectors:
            raise CommandError("No sectors: run `quartier migrate` first.")

        rng = random.Random(options["seed"])  # noqa: S311 - test data, not secrets
        with transaction.atomic():
            others = self._municipalities(n_municipalities - 1)
            # Musterstadt keeps its demo neighbourhoods; the new ones get three each.
            hoods = {
                m.pk: list(
                    Neighborhood.objects.filter(municipality=m).values_list(
                        "pk", flat=True
                    )
                )
                for m in [musterstadt, *others]
            }
            per_municipality = self._share(n_actors - n_muster, len(others))
            actor_plan = [(musterstadt.pk, n_muster)] + [
                (m.pk, count) for m, count in zip(others, per_municipality, strict=True)
            ]
            actor_ids = self._actors(rng, actor_plan, sectors, hoods)
            tie_count = self._ties(rng, actor_ids, n_actors, n_ties)
            n_decisions = self._decisions(rng, musterstadt, options["decisions"])
            app_counts = []
            for app in APP_SIZES:
                size = options[app]
                if size > 0:
                    bench_module(app).seed_bench(musterstadt, size)
                    app_counts.append(f"{size} {app}")
            if options["kleinstadt"] > 0:
                self.kleinstadt(rng, options["kleinstadt"], sectors, options)
                app_counts.append(f"Kleinstadt with {options['kleinstadt']} of each")

        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark data: {len(others)} municipalities, {n_actors} actors "
                f"({n_muster} in Musterstadt), {tie_count} ties, {n_decisions} "
                f"decisions, {', '.join(app_counts) or 'nothing else'} added in "
                f"{time.monotonic() - started:.1f} s."
            )
        )

    def kleinstadt(
        self,
        rng: random.Random,
        count: int,
        sectors: list[int],
        options: dict[str, Any] | None = None,
    ) -> Municipality:
        """The small municipality: `count` actors, ties, decisions and rows of each
        app (at most `count`, none where Musterstadt gets none), and a coordinator."""
        from quartier.accounts.models import Membership, User
        from quartier.core.roles import Role

        options = options or {}
        town = Municipality.objects.create(
            name="Kleinstadt",
            slug=KLEINSTADT,
            land=Land.choices[0][0],
            description="Kleine Kommune aus dem Benchmark-Datensatz.",
        )
        Neighborhood.objects.bulk_create(
            Neighborhood(municipality=town, name=name, slug=name.lower())
            for name in NEIGHBORHOOD_NAMES
        )
        hoods = {
            town.pk: list(
                Neighborhood.objects.filter(municipality=town).values_list(
                    "pk", flat=True
                )
            )
        }
        ids = self._actors(rng, [(town.pk, count)], sectors, hoods)
        self._ties(rng, ids, count, count)
        self._decisions(rng, town, count)
        coordinator = User.objects.filter(email=KLEINSTADT_COORDINATOR).first()
        if coordinator is None:
            coordinator = User.objects.create_user(
                KLEINSTADT_COORDINATOR, None, display_name="Koordination Kleinstadt"
            )
        Membership.objects.create(
            user=coordinator, municipality=town, role=Role.COORDINATOR
        )
        for app, default in APP_SIZES.items():
            size = min(options.get(app, default), count)
            if size > 0 and app not in NOT_FOR_KLEINSTADT:
                bench_module(app).seed_bench(town, size)
        return town

    @staticmethod
    def _share(total: int, parts: int) -> list[int]:
        if parts == 0:
            return []
        base, rest = divmod(total, parts)
        return [base + (1 if i < rest else 0) for i in range(parts)]

    def _municipalities(self, count: int) -> list[Municipality]:
        lands = [code for code, _label in Land.choices]
        created = Municipality.objects.bulk_create(
            [
                Municipality(
                    name=f"Benchstadt {i:03d}",
                    slug=f"{SLUG_PREFIX}{i:03d}",
                    land=lands[i % len(lands)],
                    description="Kommune aus dem Benchmark-Datensatz.",
                )
                for i in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        Neighborhood.objects.bulk_create(
            [
                Neighborhood(municipality=m, name=name, slug=name.lower())
                for m in created
                for name in NEIGHBORHOOD_NAMES
            ],
            batch_size=BATCH,
        )
        return created

    def _actors(
        self,
        rng: random.Random,
        plan: list[tuple[int, int]],
        sectors: list[int],
        hoods: dict[int, list[int]],
    ) -> dict[int, list[int]]:
        """Create the actors of each municipality; returns their ids per municipality."""
        actors: list[Actor] = []
        for municipality_id, count in plan:
            for number in range(1, count + 1):
                prefix, kind = rng.choice(NAME_KINDS)
                actors.append(
                    Actor(
                        municipality_id=municipality_id,
                        kind=kind,
                        name=f"{prefix} {rng.choice(PLACES)} {number}",
                        description=rng.choice(DESCRIPTIONS),
                        email=f"kontakt{number}@akteur.example",
                        visibility=Visibility.INTERNAL
                        if rng.random() < 0.1
                        else Visibility.PUBLIC,
                    )
                )
        created = Actor.objects.bulk_create(actors, batch_size=BATCH)

        sector_links = []
        hood_links = []
        SectorLink = Actor.sectors.through
        HoodLink = Actor.neighborhoods.through
        ids: dict[int, list[int]] = {}
        for actor in created:
            ids.setdefault(actor.municipality_id, []).append(actor.pk)
            for sector_id in rng.sample(sectors, rng.randint(1, 2)):
                sector_links.append(
                    SectorLink(
                        municipality_id=actor.municipality_id,
                        actor_id=actor.pk,
                        sector_id=sector_id,
                    )
                )
            own = hoods.get(actor.municipality_id, [])
            for hood_id in rng.sample(own, min(len(own), rng.randint(0, 2))):
                hood_links.append(
                    HoodLink(
                        municipality_id=actor.municipality_id,
                        actor_id=actor.pk,
                        neighborhood_id=hood_id,
                    )
                )
        SectorLink.objects.bulk_create(sector_links, batch_size=BATCH)
        HoodLink.objects.bulk_create(hood_links, batch_size=BATCH)
        return ids

    def _ties(
        self,
        rng: random.Random,
        actor_ids: dict[int, list[int]],
        n_actors: int,
        n_ties: int,
    ) -> int:
        """Ties between random pairs of actors of the same municipality, shared out
        in proportion to the municipality's actors; no self ties, no duplicates."""
        kinds = [value for value, _label in TieKind.choices]
        intensities = [value for value, _label in Intensity.choices]
        first_day = date(2015, 1, 1)
        ties: list[Tie] = []
        for municipality_id, ids in actor_ids.items():
            if len(ids) < 2 or n_actors == 0:
                continue
            wanted = round(n_ties * len(ids) / n_actors)
            wanted = min(wanted, len(ids) * (len(ids) - 1))
            pairs: set[tuple[int, int]] = set()
            while len(pairs) < wanted:
                source, target = rng.sample(ids, 2)
                pairs.add((source, target))
            for source, target in pairs:
                ties.append(
                    Tie(
                        municipality_id=municipality_id,
                        source_id=source,
                        target_id=target,
                        kind=rng.choice(kinds),
                        intensity=rng.choice(intensities),
                        since=first_day + timedelta(days=rng.randrange(3650)),
                    )
                )
        Tie.objects.bulk_create(ties, batch_size=BATCH)
        return len(ties)

    @staticmethod
    def _decisions(rng: random.Random, municipality: Municipality, count: int) -> int:
        """A public forum in Musterstadt with 100 meetings whose agenda items carry
        `count` decisions, each with a status history entry and a responsible actor."""
        if count <= 0:
            return 0
        forum = Forum.objects.create(
            municipality=municipality,
            kind="working_group",
            name="Arbeitsgruppe Benchmark",
            slug="arbeitsgruppe-benchmark",
            purpose="Viele Beschlüsse für die Lastmessung.",
        )
        now = timezone.now()
        meetings = Meeting.objects.bulk_create(
            Meeting(
                municipality=municipality,
                forum=forum,
                title=f"Sitzung {i + 1}",
                starts_at=now - timedelta(days=7 * (100 - i)),
                ends_at=now - timedelta(days=7 * (100 - i), hours=-2),
                status="held",
            )
            for i in range(100)
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                municipality=municipality,
                meeting=meeting,
                title="Beschlüsse",
                kind="decision",
            )
            for meeting in meetings
        )
        start = (
            Decision.objects.filter(municipality=municipality).aggregate(
                top=Max("number")
            )["top"]
            or 0
        )
        statuses = list(DecisionStatus.values)
        today = timezone.localdate()
        decisions = Decision.objects.bulk_create(
            Decision(
                municipality=municipality,
                forum=forum,
                agenda_item=items[i % len(items)],
                number=start + i + 1,
                text=f"Die Arbeitsgruppe beschließt Maßnahme {i + 1}.",
                status=rng.choice(statuses),
                due_date=today + timedelta(days=rng.randint(-200, 200)),
                decided_on=today - timedelta(days=rng.randint(0, 700)),
            )
            for i in range(count)
        )
        DecisionStatusChange.objects.bulk_create(
            DecisionStatusChange(
                decision=d, old_status="", new_status=d.status, comment="Benchmark"
            )
            for d in decisions
        )
        actor_ids = list(
            Actor.objects.filter(municipality=municipality).values_list("pk", flat=True)
        )
        Responsibility.objects.bulk_create(
            Responsibility(decision=d, role="R", actor_id=rng.choice(actor_ids))
            for d in decisions
        )
        return len(decisions)
