"""The capacity of a meeting holds when many people register at the same moment.

50 real threads, each with its own database connection, start together at a
barrier. On PostgreSQL the meeting row is locked with SELECT … FOR UPDATE. SQLite
serialises writers (IMMEDIATE transactions); a database file waits for the lock (the
20 s busy timeout), but the in-memory test database that the threads share answers
"database table is locked" at once instead, so on SQLite a thread waits and tries
again, as the busy timeout would.
"""

import pytest

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.tests.race import outcomes, split
from quartier.forums.models import Registration
from quartier.forums.services.registrations import (
    registration_cancel,
    registration_create,
)
from quartier.forums.tests.factories import ForumFactory, MeetingFactory


def _race(target, arguments):
    """Every exception, a refusal included: none is expected here."""
    return split(outcomes(target, arguments), refusals=())[2]


def _people(municipality, n):
    people = UserFactory.create_batch(n)
    for person in people:
        MembershipFactory(user=person, municipality=municipality, role="resident")
    return people


THREADS, CAPACITY = 50, 10


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_exceed_the_capacity(municipality):
    threads, capacity = THREADS, CAPACITY
    meeting = MeetingFactory(
        forum=ForumFactory(municipality=municipality), capacity=capacity
    )
    people = _people(municipality, threads)

    errors = _race(
        lambda person: registration_create(by=person, meeting=meeting), people
    )

    assert errors == []
    statuses = list(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses.count("confirmed") == capacity
    assert statuses.count("waitlisted") == threads - capacity


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_move_up_exactly_as_many_people(municipality):
    threads, capacity = THREADS, CAPACITY
    meeting = MeetingFactory(
        forum=ForumFactory(municipality=municipality), capacity=capacity
    )
    people = _people(municipality, threads)
    for person in people:
        registration_create(by=person, meeting=meeting)
    cancelling = list(
        Registration.objects.filter(meeting=meeting, status="confirmed").select_related(
            "user", "meeting"
        )
    )[: capacity // 2]

    errors = _race(
        lambda registration: registration_cancel(
            by=registration.user, registration=registration
        ),
        cancelling,
    )

    assert errors == []
    statuses = list(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses.count("confirmed") == capacity
    assert statuses.count("cancelled") == len(cancelling)
    assert statuses.count("waitlisted") == threads - capacity - len(cancelling)


@pytest.mark.django_db(transaction=True)
def test_guests_confirming_while_members_register_never_exceed_the_capacity(
    municipality,
):
    """Guests' confirmations take places under the same lock as members' registrations."""
    from quartier.forums import guest_links
    from quartier.forums.services.guests import guest_registration_confirm
    from quartier.forums.tests.factories import RegistrationFactory

    capacity = 6
    meeting = MeetingFactory(
        forum=ForumFactory(municipality=municipality), capacity=capacity
    )
    guests = [
        RegistrationFactory(
            meeting=meeting,
            user=None,
            guest_name=f"Gast {n}",
            guest_email=f"gast{n}@test.example",
            status="pending",
        )
        for n in range(10)
    ]
    people = _people(municipality, 10)
    work = [("guest", guest_links.make_token(g, "confirm")) for g in guests] + [
        ("member", person) for person in people
    ]

    def act(item):
        kind, value = item
        if kind == "guest":
            return guest_registration_confirm(token=value)
        return registration_create(by=value, meeting=meeting)

    errors = _race(act, work)
    assert errors == []
    statuses = list(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses.count("confirmed") == capacity
    assert statuses.count("waitlisted") == 20 - capacity
