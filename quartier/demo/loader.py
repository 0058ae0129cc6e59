"""Writes the demo world into the database, idempotently.

Every row is found by its natural key (slug, e-mail, actor name, the two actors and
kind of a tie) and only saved when something differs, so a second run neither creates
duplicates nor adds history entries. History rows written here have no user.

This is the one place in `core` that reaches up into `accounts` and `actors`: the seed
needs the whole world. Only the `seed_demo` command imports it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction

from quartier.accounts.models import Membership, User
from quartier.actors.models import Actor, ActorMember, Sector, Tie
from quartier.core.models import Municipality, Neighborhood
from quartier.core.sanitize import clean_html
from quartier.demo import beispielheim, musterstadt, people
from quartier.demo import compass as demo_compass
from quartier.demo import directory as demo_directory
from quartier.demo import forums as demo_forums
from quartier.demo import funds as demo_funds
from quartier.demo import learning as demo_learning
from quartier.demo import participation as demo_participation
from quartier.demo import rooms as demo_rooms
from quartier.demo import surveys as demo_surveys

WORLDS: Sequence[ModuleType] = (musterstadt, beispielheim)
DEMO_SLUGS = frozenset(world.SLUG for world in WORLDS)
CHANGE_REASON = "seed_demo"


@dataclass
class Summary:
    """What a run did: counts of created / updated / unchanged rows per kind."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, what: str, outcome: str) -> None:
        self.counts[(what, outcome)] += 1

    def total(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.counts.items() if o == outcome)


def foreign_data() -> list[str]:
    """Describe data in the database that the demo did not create.

    A database that already holds the demo (Musterstadt and its admin login) counts
    as a demo database: what people added while trying the demo is not foreign.
    """
    if (
        Municipality.objects.filter(slug=musterstadt.SLUG).exists()
        and User.objects.filter(email=people.LOGINS[0]["email"]).exists()
    ):
        return []
    found = []
    names = list(
        Municipality.objects.exclude(slug__in=DEMO_SLUGS).values_list(
            "slug", flat=True
        )[:5]
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


def get_municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def actor_name(slug: str, key: str) -> str:
    """The name of the actor with `key` in the demo data of municipality `slug`."""
    for world in WORLDS:
        if world.SLUG == slug:
            for spec in world.ACTORS:
                if spec["key"] == key:
                    return str(spec["name"])
    raise KeyError(f"No demo actor {key!r} in {slug!r}")


def get_actor(municipality: Municipality | str, name: str) -> Actor:
    """A demo actor by its name or its key in the demo data (e.g. "sv_sonnenberg")."""
    if isinstance(municipality, str):
        municipality = get_municipality(municipality)
    try:
        name = actor_name(municipality.slug, name)
    except KeyError:
        pass
    return Actor.objects.filter(municipality=municipality, name=name).earliest("id")


def get_user(email: str) -> User:
    return User.objects.get(email=email)


def _mark(obj: models.Model) -> None:
    # simple-history: take these instead of the (absent) request's user.
    obj._history_user = None  # type: ignore[attr-defined]
    obj._change_reason = CHANGE_REASON  # type: ignore[attr-defined]


def _upsert(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    summary: Summary,
    what: str,
) -> Any:
    """Find by `lookup`; create it, or save only the fields of `values` that differ."""
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        _mark(obj)
        obj.save()
        summary.add(what, "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        _mark(obj)
        obj.save(update_fields=changed)
        summary.add(what, "updated")
    else:
        summary.add(what, "unchanged")
    return obj


def _set_m2m(obj: models.Model, attr: str, targets: Iterable[models.Model]) -> bool:
    manager = getattr(obj, attr)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    _mark(obj)
    manager.set(wanted)
    return True


def _seed_world(world: ModuleType, summary: Summary) -> Municipality:
    spec = dict(world.MUNICIPALITY)
    slug = spec.pop("slug")
    spec["description"] = clean_html(spec["description"])
    municipality = _upsert(Municipality, {"slug": slug}, spec, summary, "municipality")

    neighborhoods = {}
    for n in world.NEIGHBORHOODS:
        values = {k: v for k, v in n.items() if k != "slug"}
        neighborhoods[n["slug"]] = _upsert(
            Neighborhood,
            {"municipality": municipality, "slug": n["slug"]},
            values,
            summary,
            "neighbourhood",
        )

    sectors = {s.code: s for s in Sector.objects.all()}
    actors: dict[str, Actor] = {}
    for a in world.ACTORS:
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
        actor = _upsert(
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
        _set_m2m(actor, "sectors", wanted_sectors)
        _set_m2m(actor, "neighborhoods", [neighborhoods[s] for s in a["neighborhoods"]])
        actors[a["key"]] = actor

    for source, target, kind, intensity, since, note in world.TIES:
        _upsert(
            Tie,
            {
                "municipality": municipality,
                "source": actors[source],
                "target": actors[target],
                "kind": kind,
            },
            {"intensity": intensity, "since": since, "note": note, "archived_at": None},
            summary,
            "tie",
        )
    return municipality


class _Passwords:
    """Hashes the public demo password once and recognises that hash again.

    All demo users share one hash: hashing is slow on purpose, and the password is
    public anyway. A stored hash that checks out is remembered, so a second run
    verifies it once, not once per user.
    """

    def __init__(self) -> None:
        self._good: set[str] = set()

    def good_hash(self) -> str:
        if not self._good:
            self._good.add(make_password(people.DEMO_PASSWORD))
        return next(iter(self._good))

    def is_demo_password(self, user: User) -> bool:
        if user.password in self._good:
            return True
        if check_password(people.DEMO_PASSWORD, user.password):
            self._good.add(user.password)
            return True
        return False


def _seed_person(
    person: dict[str, Any],
    municipalities: dict[str, Municipality],
    summary: Summary,
    passwords: _Passwords,
) -> User:
    email = person["email"]
    values = {
        "display_name": person["display_name"],
        "is_adviser": person.get("is_adviser", False),
        "is_active": True,
        "deleted_at": None,
    }
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, password=passwords.good_hash(), **values)
        user.save()
        summary.add("user", "created")
    else:
        changed = [k for k, v in values.items() if getattr(user, k) != v]
        for k in changed:
            setattr(user, k, values[k])
        if not passwords.is_demo_password(user):
            user.password = passwords.good_hash()
            changed.append("password")
        if changed:
            user.save()
        summary.add("user", "updated" if changed else "unchanged")

    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        EmailAddress.objects.filter(user=user, primary=True).exclude(
            pk=address.pk
        ).update(primary=False)
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])

    for slug, role in person["memberships"]:
        _upsert(
            Membership,
            {"user": user, "municipality": municipalities[slug]},
            {"role": role},
            summary,
            "membership",
        )
    for slug, key in person["actors"]:
        actor = get_actor(municipalities[slug], key)
        _, created = ActorMember.objects.get_or_create(actor=actor, user=user)
        summary.add("partner link", "created" if created else "unchanged")
    return user


@transaction.atomic
def seed() -> Summary:
    """Create or refresh the whole demo world. Safe to run again."""
    summary = Summary()
    municipalities = {world.SLUG: _seed_world(world, summary) for world in WORLDS}
    passwords = _Passwords()
    for person in people.PEOPLE:
        _seed_person(person, municipalities, summary, passwords)
    # Forums need the actors and the people.
    demo_forums.load(summary)
    # The directory's places come before the contributions (posters per meeting
    # place) and the rooms; the funds and time entries use actors and people.
    demo_directory.load(summary)
    demo_rooms.load(summary)
    demo_participation.load(summary)
    demo_surveys.load(summary)
    demo_compass.load(summary)
    demo_funds.load(summary)
    demo_learning.load(summary)
    return summary
