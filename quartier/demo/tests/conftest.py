"""The demo, seeded once per test module: `demo_world` seeds it in a transaction
that is rolled back when the module ends; each test runs in its own savepoint (the
`db` fixture), so tests that change or re-seed the demo stay independent.

Use it only in modules whose every database test wants the seeded demo (a test
that needs an empty database goes elsewhere)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
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
