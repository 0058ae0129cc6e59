"""The demo's programme library: two shared programmes of the advisers, Musterstadt's
adapted copy and its own programme; an idempotent second run."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.core.models import AuditEntry, Municipality, PlatformAuditEntry
from quartier.programmes.models import Programme, ProgrammeElement
from quartier.programmes.services import core_elements_differ

pytestmark = pytest.mark.django_db

MODELS = [
    Programme,
    ProgrammeElement,
    Programme.history.model,
    ProgrammeElement.history.model,
    AuditEntry,
    PlatformAuditEntry,
]


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in MODELS}


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_two_shared_programmes_written_by_the_adviser(musterstadt):
    shared = list(Programme.objects.shared())
    assert len(shared) == 2
    for programme in shared:
        assert len(programme.core_elements()) >= 3
        assert len(programme.adaptable_elements()) >= 3
        assert programme.evidence_level
        assert programme.target_group_list
    # The state-wide library has no municipality: the platform's audit log.
    written = PlatformAuditEntry.objects.filter(
        action="programmes.add_shared_programme"
    )
    assert set(written.values_list("user__email", flat=True)) == {
        "beratung@land.example"
    }


def test_musterstadt_adapted_a_copy_and_keeps_the_core(musterstadt):
    own = Programme.objects.filter(municipality=musterstadt)
    assert own.count() == 2
    copy = own.get(copied_from__isnull=False)
    assert copy.copied_from.is_shared
    assert not core_elements_differ(copy)
    adapted = {e.name: e.description for e in copy.adaptable_elements()}
    original = {e.name: e.description for e in copy.copied_from.adaptable_elements()}
    assert adapted != original
    assert "Bürgerhaus" in adapted["Treffpunkt und Strecke"]
    assert not Programme.objects.filter(municipality__slug="beispielheim").exists()


def test_a_second_run_changes_nothing(musterstadt):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
