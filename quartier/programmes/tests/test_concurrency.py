"""Two coordinators copying the same shared programme at the same moment get one
copy and one clear refusal, never a second copy or an error page. On PostgreSQL the
municipality row is locked (SELECT … FOR UPDATE) and the unique constraint backs
it; SQLite serialises writers (the in-memory test database answers "locked" at
once, so a thread waits and tries again, as a database file's busy timeout would)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from quartier.programmes import services
from quartier.programmes.models import Programme
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)

THREADS = 8


def _copy(by, programme, municipality):
    deadline = time.monotonic() + 60
    while True:
        try:
            return services.programme_copy(
                by=by, programme=programme, municipality=municipality
            )
        except OperationalError as exc:
            locked = connection.vendor == "sqlite" and "locked" in str(exc)
            if not locked or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_copies_make_one_copy(municipality, coordinator, admin_user):
    shared = ProgrammeFactory(municipality=None)
    ProgrammeElementFactory.create_batch(3, programme=shared)
    barrier = threading.Barrier(THREADS)
    refused, errors = [], []

    def run(user):
        try:
            barrier.wait(timeout=60)
            _copy(user, shared, municipality)
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    users = [coordinator, admin_user] * (THREADS // 2)
    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert len(refused) == THREADS - 1
    copy = Programme.objects.get(municipality=municipality)
    assert copy.elements.count() == 3
