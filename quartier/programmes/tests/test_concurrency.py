"""Two coordinators copying the same shared programme at the same moment get one
copy and one clear refusal, never a second copy or an error page. On PostgreSQL the
municipality row is locked (SELECT … FOR UPDATE) and the unique constraint backs
it; SQLite serialises writers (the in-memory test database answers "locked" at
once, so a thread waits and tries again, as a database file's busy timeout would)."""

import pytest

from quartier.core.tests.race import outcomes, split
from quartier.programmes import services
from quartier.programmes.models import Programme
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_copies_make_one_copy(municipality, coordinator, admin_user):
    shared = ProgrammeFactory(municipality=None)
    ProgrammeElementFactory.create_batch(3, programme=shared)
    users = [coordinator, admin_user] * (THREADS // 2)
    _done, refused, errors = split(
        outcomes(
            lambda user: services.programme_copy(
                by=user, programme=shared, municipality=municipality
            ),
            users,
        )
    )
    assert errors == []
    assert len(refused) == THREADS - 1
    copy = Programme.objects.get(municipality=municipality)
    assert copy.elements.count() == 3
