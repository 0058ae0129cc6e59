"""`quartier seed_demo`: load the demo world (CONTRACT.md "Demo data"). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class Command(BaseCommand):
    help = (
        "Create or refresh the demo municipalities Musterstadt and Beispielheim, "
        "their actors and ties, and the demo logins. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Also run when the database holds data that is not demo data.",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        from quartier.actors.models import Actor, Tie
        from quartier.demo import loader, people

        foreign = loader.foreign_data()
        if foreign and not force:
            raise CommandError(
                "This database holds data that is not demo data ("
                + "; ".join(foreign)
                + "). seed_demo would add demo users with a public password to it. "
                "Use a fresh database, or pass --force if you really want this."
            )
        summary = loader.seed()

        lines = []
        for slug in loader.WORLDS:
            municipality = loader.municipality(slug)
            actors = Actor.objects.of(municipality)
            lines.append(
                f"{municipality.name} (/{municipality.slug}/): "
                f"{_count(loader.neighbourhood_count(slug), 'neighbourhood')}, "
                f"{_count(actors.count(), 'actor')} "
                f"({actors.filter(visibility='internal').count()} internal), "
                f"{_count(Tie.objects.of(municipality).count(), 'tie')}"
            )
        lines.append(
            f"Rows created: {summary.total('created')}, "
            f"updated: {summary.total('updated')}, "
            f"unchanged: {summary.total('unchanged')}."
        )
        lines.append(f"Demo logins (password: {people.DEMO_PASSWORD}):")
        width = max(len(p["email"]) for p in people.LOGINS)
        for person in people.LOGINS:
            lines.append(f"  {person['email']:<{width}}  {person['about']}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("\n".join(lines))
