"""Writes the demo world (`data/*.yaml`) into the database, idempotently.

The loader knows the order: the municipalities with their neighbourhoods, actors and
ties, then the people, then one seeder per module (each reads its own data file and
writes through `records`). Only the `seed_demo` command and tests import it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from quartier.accounts.models import User
from quartier.actors.models import (
    Actor,
    ActorMember,
    ActorMemberRole,
    Sector,
    Tie,
    TieStatus,
)
from quartier.core.models import Municipality, Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import (
    advisers,
    compass,
    directory,
    forums,
    funds,
    glossary,
    impact,
    initiatives,
    learning,
    legal,
    network,
    oparl,
    opendata,
    participation,
    people,
    programmes,
    records,
    reflections,
    reports,
    roles,
    rooms,
    stories,
    support,
    surveys,
    topics,
    translations,
)
from quartier.demo.records import Summary, get_actor, get_municipality, upsert

__all__ = ["WORLDS", "Summary", "foreign_data", "get_actor", "seed"]

# Musterstadt first (the demo's login municipality); the three small ones give the
# advisers' aggregates five municipalities (issue 16).
WORLDS = ("musterstadt", "beispielheim", "lindental", "oberwiesen", "kleinbach")

# In this order: forums need the actors and the people; the directory's places come
# before the contributions (posters per meeting place) and the rooms.
SEEDERS = (
    forums,
    directory,
    rooms,
    participation,
    surveys,
    compass,
    funds,
    learning,
    # Before the initiatives, which may be based on a programme.
    programmes,
    initiatives,
    legal,
    stories,
    impact,
    # Last: its snapshots hold every actor and tie the others wrote.
    network,
    glossary,
    # The licence each municipality publishes its open data under.
    opendata,
    reflections,
    # After the learning demo's time entries: it tags some of them with a role.
    roles,
    # After the network seeder (the Gesundheitskiosk): contributions in the
    # languages of the Bahnhofsviertel and their translations, before the seeders
    # that derive figures from the contributions (check, topics, reports).
    translations,
    # After every module whose data the Quartiers-Check suggests answers from.
    support,
    # After the contributions and stories it clusters.
    topics,
    # After the forums' decisions: links them to the council papers it imports.
    oparl,
    # After the support seeder (its municipalities): grants, consultations
    # and practice examples of the Fachberatung.
    advisers,
    # Last: reports hold the figures of every module as they stand.
    reports,
)


def foreign_data() -> list[str]:
    """Describe data in the database that the demo did not create.

    A database that already holds the demo (Musterstadt and its admin login) counts
    as a demo database: what people added while trying the demo is not foreign.
    """
    if (
        Municipality.objects.filter(slug=WORLDS[0]).exists()
        and User.objects.filter(email=people.LOGINS[0]["email"]).exists()
    ):
        return []
    found = []
    names = list(
        Municipality.objects.exclude(slug__in=WORLDS).values_list("slug", flat=True)[:5]
    )
    if names:
        found.append("municipalities " + ", ".join(names))
    emails = list(
        User.objects.exclude(email__in=people.DEMO_EMAILS).values_list(
            "email", flat=True
        )[:5]
    )
    if emails:
        found.append("users " + ", ".join(emails))
    return found


def _seed_world(world: dict[str, Any], summary: Summary) -> Municipality:
    spec = dict(world["municipality"])
    slug = spec.pop("slug")
    spec["description"] = clean_html(spec["description"])
    municipality = upsert(Municipality, {"slug": slug}, spec, summary, "municipality")

    neighborhoods = {}
    for n in world["neighborhoods"]:
        values = {k: v for k, v in n.items() if k != "slug"}
        neighborhoods[n["slug"]] = upsert(
            Neighborhood,
            {"municipality": municipality, "slug": n["slug"]},
            values,
            summary,
            "neighbourhood",
        )

    sectors = {s.code: s for s in Sector.objects.all()}
    actors: dict[str, Actor] = {}
    for a in world["actors"]:
        values = {
            "kind": a["kind"],
            "description": clean_html(a["description"]),
            "address": a.get("address", ""),
            "phone": a.get("phone", ""),
            "email": a.get("email", ""),
            "website": a.get("website", ""),
            "visibility": a.get("visibility", "public"),
            "archived_at": None,
        }
        actor = upsert(
            Actor,
            {"municipality": municipality, "name": a["name"]},
            values,
            summary,
            "actor",
        )
        try:
            wanted_sectors = [sectors[code] for code in a["sectors"]]
        except KeyError as exc:
            raise ValueError(f"Unknown sector {exc} for demo actor {a['key']}") from exc
        records.set_m2m(actor, "sectors", wanted_sectors)
        records.set_m2m(
            actor, "neighborhoods", [neighborhoods[s] for s in a["neighborhoods"]]
        )
        actors[a["key"]] = actor

    for tie in world["ties"]:
        if tie.get("status") == "proposed":
            continue  # after the people: _seed_proposals
        # Ties from before confirmation existed count as recorded by the coordination.
        upsert(
            Tie,
            {
                "municipality": municipality,
                "source": actors[tie["source"]],
                "target": actors[tie["target"]],
                "kind": tie["kind"],
            },
            {
                "intensity": tie["intensity"],
                "since": tie["since"],
                "note": tie.get("note") or "",
                "status": TieStatus.ACTIVE,
                "recorded_by_coordination": True,
                "archived_at": None,
            },
            summary,
            "tie",
        )
    return municipality


def _seed_proposals(world: dict[str, Any], summary: Summary) -> None:
    """Ties proposed by a partner of one side, waiting for the other's confirmation.
    Left alone once a tie between the two exists: a visitor may confirm or decline
    it while trying the demo."""
    municipality = get_municipality(world["municipality"]["slug"])
    for tie in world["ties"]:
        if tie.get("status") != "proposed":
            continue
        source = get_actor(municipality, tie["source"])
        target = get_actor(municipality, tie["target"])
        pair = Tie.objects.filter(
            Q(source=source, target=target) | Q(source=target, target=source)
        )
        if pair.exists():
            summary.add("proposed tie", "unchanged")
            continue
        proposal = Tie(
            municipality=municipality,
            source=source,
            target=target,
            kind=tie["kind"],
            intensity=tie["intensity"],
            since=tie.get("since"),
            note=tie.get("note") or "",
            status=TieStatus.PROPOSED,
            proposed_by=records.get_user(tie["proposed_by"]),
        )
        proposal.full_clean()
        records.mark(proposal)
        proposal.save()
        Tie.objects.filter(pk=proposal.pk).update(
            created_at=records.moment(tie["proposed"])
        )
        summary.add("proposed tie", "created")


def _actor_admins(summary: Summary) -> None:
    """Every demo actor with partners has an admin of its own: the partner who joined
    it first (people.yaml lists them in that order)."""
    without_admin = (
        ActorMember.objects.exclude(
            actor__in=ActorMember.objects.filter(role=ActorMemberRole.ADMIN).values(
                "actor"
            )
        )
        .order_by("actor_id", "created_at", "pk")
        .values_list("actor_id", "pk")
    )
    first: dict[int, int] = {}
    for actor_id, pk in without_admin:
        first.setdefault(actor_id, pk)
    ActorMember.objects.filter(pk__in=first.values()).update(role=ActorMemberRole.ADMIN)
    for _pk in first.values():
        summary.add("actor admin", "created")


@transaction.atomic
def seed() -> Summary:
    """Create or refresh the whole demo world. Safe to run again."""
    summary = Summary()
    for slug in WORLDS:
        _seed_world(records.read(slug), summary)
    for person in people.PEOPLE:
        records.seed_person(person, summary)
    for slug in WORLDS:
        _seed_proposals(records.read(slug), summary)
    for seeder in SEEDERS:
        seeder.load(summary)
    _actor_admins(summary)  # after every seeder that adds partners to actors
    return summary


def neighbourhood_count(slug: str) -> int:
    return len(records.read(slug)["neighborhoods"])


def municipality(slug: str) -> Municipality:
    return get_municipality(slug)
