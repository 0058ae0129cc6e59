"""A small world with something in every open dataset, and named people all over
it: the accounts, guests, contact persons and applicants whose names and e-mail
addresses must never reach open data (test_no_personal_data.py). `size` rows per
dataset, so the query-count test can compare small and larger worlds."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

# Names nobody would write by chance: if one shows up in a file, it leaked.
PEOPLE = [
    ("Wilhelmine Quasthoff", "wilhelmine.quasthoff@privat.example"),
    ("Bartholomäus Zinkgräf", "b.zinkgraef@privat.example"),
    ("Eleonora Pfefferkorn", "eleonora.pfefferkorn@privat.example"),
    ("Friedemann Ochsenknecht", "f.ochsenknecht@privat.example"),
    ("Kunigunde Wetterling", "kunigunde.wetterling@privat.example"),
    ("Leopoldine Haselbeck", "leopoldine.haselbeck@privat.example"),
]
FUNCTIONAL_ADDRESSES = {"quartier@musterstadt.example"}
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [
        [[8.40, 49.00], [8.42, 49.00], [8.42, 49.02], [8.40, 49.02], [8.40, 49.00]]
    ],
}


def build_world(municipality: Any, size: int = 1, start: int = 0) -> dict[str, Any]:
    from quartier.accounts.models import Membership
    from quartier.accounts.tests.factories import UserFactory
    from quartier.actors.tests.factories import ActorFactory
    from quartier.core.tests.factories import NeighborhoodFactory
    from quartier.directory.tests.factories import (
        ContactFactory,
        LocationFactory,
        ServiceFactory,
    )
    from quartier.forums.tests.factories import (
        DecisionFactory,
        ForumMemberFactory,
        MeetingFactory,
        RegistrationFactory,
        ResponsibilityFactory,
    )
    from quartier.funds.tests.factories import ApplicationFactory, CallFactory
    from quartier.participation.tests.factories import ContributionFactory
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory

    municipality.contact_email = "quartier@musterstadt.example"
    municipality.save(update_fields=["contact_email"])
    people = []
    for name, email in PEOPLE:
        user = UserFactory(email=email, display_name=name)
        Membership.objects.get_or_create(
            user=user, municipality=municipality, defaults={"role": "resident"}
        )
        people.append(user)
    first, second, third, fourth, fifth, sixth = people
    actor = ActorFactory(municipality=municipality, email="info@verein.example")
    call = CallFactory(fund__municipality=municipality, municipality=municipality)
    room = RoomFactory(municipality=municipality, contact_email="raum@test.example")
    for i in range(start, start + size):
        hood = NeighborhoodFactory(
            municipality=municipality,
            name=f"Quartier {i}",
            slug=f"quartier-{i}",
            boundary=BOUNDARY,
            population=1000 + i,
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=hood,
            author=first,
            latitude=Decimal("49.01"),
            longitude=Decimal("8.41"),
            address="Hinterhof 3",
            text=f"Wie {third.display_name} im Forum sagte: mehr Bänke.",
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=hood,
            author=None,
            author_name=second.display_name,
            author_email=second.email,
            entered_by=third,
        )
        meeting = MeetingFactory(
            forum__municipality=municipality,
            forum__contact_name=first.display_name,
            forum__contact_email=first.email,
        )
        ForumMemberFactory(forum=meeting.forum, user=third)
        RegistrationFactory(meeting=meeting, user=fourth)
        decision = DecisionFactory(agenda_item__meeting=meeting)
        ResponsibilityFactory(decision=decision, user=third)
        ResponsibilityFactory(decision=decision, user=None, actor=actor)
        BookingFactory(
            room=room,
            requested_by=fourth,
            starts_at=timezone.now() + datetime.timedelta(days=3 + i, hours=1),
            ends_at=timezone.now() + datetime.timedelta(days=3 + i, hours=2),
        )
        ApplicationFactory(
            call=call,
            applicant=fifth,
            contact_name=fifth.display_name,
            group_name=sixth.display_name,
            neighborhood=hood,
            status="approved",
            approved_amount=Decimal("800.00"),
        )
        place = LocationFactory(
            municipality=municipality,
            neighborhood=hood,
            email=sixth.email,
            phone="0711 123456",
        )
        service = ServiceFactory(
            municipality=municipality,
            provider=actor,
            locations=[place],
            description=f"{sixth.display_name} berät Sie gern.",
        )
        ContactFactory(service=service, name=sixth.display_name, email=sixth.email)
    return {"people": people, "actor": actor, "room": room, "call": call}
