"""Data built once for all tests of a module, each test still isolated.

An expensive fixture (the truth table's world, a seeded demo) can be built once per
test module instead of once per test:

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        yield from built_once(django_db_blocker, build_the_world)

`built_once` opens a transaction and builds the data inside it. Every test of the
module then runs in pytest-django's own transaction, which nests as a savepoint and
is rolled back after the test, so each test starts from the data exactly as built
and nothing one test writes reaches the next. When the module's tests are done the
outer transaction is rolled back too, and the next module finds the test database
as empty as ever.

Only for tests marked plain `django_db`: a `transaction=True` test (and every
`live_server` test) flushes the database, which would wipe the shared data. A test
of the same module that must not see the data cannot share the module with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

# What the root conftest's `_fast_and_isolated` sets for each test; module-scoped
# fixtures run before it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def built_once(django_db_blocker: Any, build: Callable[[], T]) -> Iterator[T]:
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                data = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
