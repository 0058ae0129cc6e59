"""What every demo seeder shares: the data files, the rules that date them, and
idempotent writes.

The demo world is data (`data/*.yaml`, STYLE.md "Demo data is data"). Dates in it are
relative to the day of the seed, so the demo stays current:

- `-14d` is fourteen days before today, `3d` three days after; `-14d 18:00` adds a
  local time of day.
- Meetings avoid Sundays and public holidays in Baden-Württemberg: a past meeting
  moves to the working day before, an upcoming one to the working day after
  (`meeting_day`).

Rows are found by their natural keys and only saved when something differs, so a
second run neither creates duplicates nor adds history entries (history rows written
here have no user). The seeders import this module; `loader` imports the seeders;
nothing here imports a seeder.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.db import models
from django.utils import timezone

from quartier.accounts.models import Membership, MembershipRequest, User
from quartier.actors.models import Actor, ActorMember
from quartier.core.models import Municipality

DATA = Path(__file__).with_name("data")
CHANGE_REASON = "seed_demo"


@functools.cache
def read(name: str) -> Any:
    """The content of `data/<name>.yaml`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=loader)  # noqa: S506 - a safe loader


# --- Dates -----------------------------------------------------------------------

_RELATIVE = re.compile(r"^(-?\d+)d(?: (\d{1,2}):(\d{2}))?$")


def _parse(spec: str | int) -> tuple[int, datetime.time | None]:
    if isinstance(spec, int):
        return spec, None
    match = _RELATIVE.match(spec.strip())
    if not match:
        raise ValueError(f"Not a relative date: {spec!r} (e.g. '-14d' or '-14d 18:00')")
    days, hour, minute = match.groups()
    return int(days), datetime.time(int(hour), int(minute)) if hour else None


def days(spec: str | int) -> int:
    """`-14d` as a number of days (-14)."""
    return _parse(spec)[0]


def day(spec: str | int, today: datetime.date | None = None) -> datetime.date:
    """The date of `-14d` (or a number of days) counted from today."""
    days, _ = _parse(spec)
    return (today or timezone.localdate()) + datetime.timedelta(days=days)


def at(date: datetime.date, time: str | datetime.time) -> datetime.datetime:
    """An aware local datetime from a date and "18:00"."""
    if isinstance(time, str):
        time = datetime.time.fromisoformat(time.zfill(5))
    return timezone.make_aware(datetime.datetime.combine(date, time))


def moment(spec: str, today: datetime.date | None = None) -> datetime.datetime:
    """`-14d 18:00` as an aware datetime."""
    days, time = _parse(spec)
    return at(day(days, today), time or datetime.time(12, 0))


def easter(year: int) -> datetime.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m - 7 * ((a + 11 * h + 19 * m) // 433) + 90) // 25
    p = (h + m - 7 * ((a + 11 * h + 19 * m) // 433) + 33 * n + 19) % 32
    return datetime.date(year, n, p)


@functools.cache
def holidays(year: int) -> frozenset[datetime.date]:
    """Public holidays in Baden-Württemberg, plus Christmas Eve and New Year's Eve
    (offices are closed, nobody holds a forum)."""
    fixed = [(1, 1), (1, 6), (5, 1), (10, 3), (11, 1), (12, 24), (12, 25), (12, 26)]
    sunday = easter(year)
    moving = [-2, 1, 39, 50, 60]  # Good Friday … Corpus Christi
    return frozenset(
        [datetime.date(year, m, d) for m, d in fixed]
        + [datetime.date(year, 12, 31)]
        + [sunday + datetime.timedelta(days=n) for n in moving]
    )


def is_meeting_day(date: datetime.date) -> bool:
    return date.weekday() != 6 and date not in holidays(date.year)


def meeting_day(spec: str | int, today: datetime.date | None = None) -> datetime.date:
    """The day of a meeting `spec` from today, moved off Sundays and holidays: away
    from today, so a past meeting stays past and an upcoming one upcoming."""
    today = today or timezone.localdate()
    date = day(spec, today)
    step = datetime.timedelta(days=-1 if date < today else 1)
    while not is_meeting_day(date):
        date += step
    return date


# --- Writing rows ----------------------------------------------------------------


@dataclass
class Summary:
    """What a run did: counts of created / updated / unchanged rows per kind."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, what: str, outcome: str) -> None:
        self.counts[(what, outcome)] += 1

    def total(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.counts.items() if o == outcome)


def mark(obj: models.Model) -> None:
    # simple-history: take these instead of the (absent) request's user.
    obj._history_user = None  # type: ignore[attr-defined]
    obj._change_reason = CHANGE_REASON  # type: ignore[attr-defined]


def upsert(
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
        mark(obj)
        obj.save()
        summary.add(what, "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        mark(obj)
        obj.save(update_fields=changed)
        summary.add(what, "updated")
    else:
        summary.add(what, "unchanged")
    return obj


def set_m2m(obj: models.Model, attr: str, targets: Iterable[models.Model]) -> bool:
    manager = getattr(obj, attr)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    mark(obj)
    manager.set(wanted)
    return True


# --- Looking up the world --------------------------------------------------------


def get_municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def get_user(email: str) -> User:
    return User.objects.get(email=email)


def actor_name(slug: str, key: str) -> str:
    """The name of the actor with `key` in the demo data of municipality `slug`."""
    for spec in read(slug)["actors"] if (DATA / f"{slug}.yaml").exists() else []:
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


class Who:
    """Resolves "user:<e-mail>" and "actor:<key>" references, caching the rows."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self._cache: dict[str, Any] = {}

    def __call__(self, ref: str) -> tuple[str, Any]:
        kind, key = ref.split(":", 1)
        if ref not in self._cache:
            self._cache[ref] = (
                get_user(key) if kind == "user" else get_actor(self.municipality, key)
            )
        return kind, self._cache[ref]


# --- People ----------------------------------------------------------------------


class Passwords:
    """Hashes the public demo password once and recognises that hash again.

    All demo users share one hash: hashing is slow on purpose, and the password is
    public anyway. A stored hash that checks out is remembered, so a second run
    verifies it once, not once per user. Hashes are kept per preferred hasher (tests
    use a fast one).
    """

    _good: dict[str, set[str]] = {}

    def __init__(self) -> None:
        self.password = read("people")["password"]
        self.good = self._good.setdefault(str(get_hasher().algorithm), set())

    def good_hash(self) -> str:
        if not self.good:
            self.good.add(make_password(self.password))
        return next(iter(self.good))

    def is_demo_password(self, user: User) -> bool:
        if user.password in self.good:
            return True
        if check_password(self.password, user.password):
            self.good.add(user.password)
            return True
        return False


def seed_person(person: dict[str, Any], summary: Summary) -> User:
    """A demo person (people.yaml layout) with a verified address, memberships and
    partner links."""
    passwords = Passwords()
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

    for slug, role in (person.get("memberships") or {}).items():
        upsert(
            Membership,
            {"user": user, "municipality": get_municipality(slug)},
            {"role": role},
            summary,
            "membership",
        )
    for slug, asked in (person.get("asks_to_join") or {}).items():
        # Left alone once it exists: a coordinator may decide it while trying the demo.
        town = get_municipality(slug)
        requests = MembershipRequest.objects.filter(user=user, municipality=town)
        created = not requests.exists()
        if created:
            request = MembershipRequest.objects.create(user=user, municipality=town)
            requests.filter(pk=request.pk).update(created_at=moment(asked))
        summary.add("membership request", "created" if created else "unchanged")
    for slug, keys in (person.get("actors") or {}).items():
        for key in keys:
            actor = get_actor(slug, key)
            _, created = ActorMember.objects.get_or_create(actor=actor, user=user)
            summary.add("partner link", "created" if created else "unchanged")
    return user
