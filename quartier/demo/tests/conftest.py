"""The demo, seeded once for all of this package's tests: `demo_world` seeds it in a
transaction that is rolled back when the package's last test has run; each test
runs in its own savepoint (the `db` fixture), so tests that change or re-seed the
demo stay independent. The package's tests run in one test worker, one after the
other (`xdist_group("demo")`), so a pass seeds the demo once instead of once per
module — each seeding costs many seconds.

Every database test of this package sees the seeded demo: a test that needs an
empty database goes to `quartier/demo/tests_on_an_empty_database/`. A test module
elsewhere uses `demo_world_of_module` (seeded for that module alone)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def _seeded(django_db_blocker):
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="package")
def demo_world(django_db_setup, django_db_blocker):
    yield from _seeded(django_db_blocker)


@pytest.fixture(scope="module")
def demo_world_of_module(django_db_setup, django_db_blocker):
    yield from _seeded(django_db_blocker)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    package = Path(__file__).parent
    for item in items:
        if package in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("demo"))
