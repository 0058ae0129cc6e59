"""`quartier seed_demo` runs only where it may: not next to foreign data unless
forced. These tests need an empty database, so they live outside
quartier/demo/tests, whose tests all share one seeded demo."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.models import Municipality

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_refuses_a_database_with_another_municipality(db):
    Municipality.objects.create(name="Echtstadt", slug="echtstadt", land="BY")
    with pytest.raises(CommandError, match="echtstadt"):
        seed()
    assert not Municipality.objects.filter(slug="musterstadt").exists()
    assert not User.objects.exists()


def test_refuses_a_database_with_other_users(db):
    User.objects.create_user("jemand@echt.example", "pw-0123456789")
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Actor.objects.exists()


def test_force_seeds_next_to_other_data(db):
    Municipality.objects.create(name="Echtstadt", slug="echtstadt", land="BY")
    output = seed("--force")
    assert "Demo data loaded." in output
    assert Municipality.objects.count() == 6  # the five demo worlds and Echtstadt
    assert Actor.objects.filter(municipality__slug="echtstadt").count() == 0
