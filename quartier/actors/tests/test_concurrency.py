"""Invariants of self-service under simultaneous requests, with real threads and
their own database connections: one open tie per pair of actors, and an actor keeps
an admin when its admins remove each other at the same moment.

On PostgreSQL the actor rows (the pair, or the admins' memberships) are locked with
SELECT … FOR UPDATE; SQLite serialises writers. The in-memory SQLite test database
answers "locked" at once instead of waiting, so a thread waits and tries again, as
the busy timeout of a database file would.
"""

import pytest
from django.core.exceptions import ValidationError

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors import services
from quartier.actors.models import ActorMember, Tie
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.race import outcomes

pytestmark = pytest.mark.django_db(transaction=True)


def _race(target, arguments):
    return outcomes(target, arguments, language="en")


def _partner_of(actor, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, municipality=actor.municipality, role="partner")
    ActorMember.objects.create(actor=actor, user=user, role="admin")
    return user


def test_simultaneous_proposals_from_both_sides_make_one_tie(municipality):
    club = ActorFactory(municipality=municipality, name="Sportverein")
    youth = ActorFactory(municipality=municipality, name="Jugendtreff")
    sides = [
        (_partner_of(club, f"verein{i}@test.example"), club, youth) for i in range(4)
    ] + [(_partner_of(youth, f"treff{i}@test.example"), youth, club) for i in range(4)]

    def propose(side):
        by, source, target = side
        return services.tie_propose(
            by=by, source=source, target=target, kind="cooperation"
        )

    outcomes = _race(propose, sides)

    ties = [o for o in outcomes if isinstance(o, Tie)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(ties) == 1, outcomes
    assert len(refused) == len(sides) - 1, outcomes
    assert Tie.objects.count() == 1


def test_two_admins_removing_each_other_leave_one(municipality):
    club = ActorFactory(municipality=municipality, name="Sportverein")
    first = _partner_of(club, "eins@test.example")
    second = _partner_of(club, "zwei@test.example")
    pairs = [
        (first, ActorMember.objects.get(user=second)),
        (second, ActorMember.objects.get(user=first)),
    ]

    def remove(pair):
        by, member = pair
        services.member_remove(by=by, member=member)
        return "removed"

    outcomes = _race(remove, pairs)

    assert outcomes.count("removed") == 1, outcomes
    assert ActorMember.objects.filter(actor=club, role="admin").count() == 1
