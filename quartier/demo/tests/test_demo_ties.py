"""The demo's ties: confirmed ones recorded by the coordination, two proposals
waiting for the Sportverein's partner, and an admin for every actor with partners."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.accounts.models import User
from quartier.actors import services
from quartier.actors.models import ActorMember, Tie, TieStatus
from quartier.core import worklist
from quartier.core.models import Municipality

pytestmark = pytest.mark.django_db

CLUB = "Sportverein Sonnenberg e.V."


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_two_proposals_wait_for_the_sportverein(musterstadt):
    proposals = Tie.objects.of(musterstadt).proposed().select_related("target")
    assert proposals.count() == 2
    partner = User.objects.get(email="partner@musterstadt.example")
    for tie in proposals:
        assert tie.target.name == CLUB
        # Proposed by someone acting for the other side, who may not confirm it.
        assert ActorMember.objects.filter(
            actor=tie.source, user=tie.proposed_by
        ).exists()
        assert partner.has_perm("actors.confirm_tie", tie)
        assert not tie.proposed_by.has_perm("actors.confirm_tie", tie)
    queue = {
        f.queue.key: f for f in worklist.fill(partner, musterstadt, worklist.WORK)
    }["actors.tie_proposals"]
    assert queue.count == 2


def test_every_other_demo_tie_is_confirmed(musterstadt):
    others = Tie.objects.exclude(status=TieStatus.PROPOSED)
    assert others.exists()
    assert set(others.values_list("status", flat=True)) == {TieStatus.ACTIVE}
    assert not others.filter(recorded_by_coordination=False).exists()


def test_every_actor_with_partners_has_an_admin(musterstadt):
    club = ActorMember.objects.get(
        actor__name=CLUB, user__email="partner@musterstadt.example"
    )
    assert club.role == "admin"
    with_members = set(ActorMember.objects.values_list("actor", flat=True))
    with_admin = set(
        ActorMember.objects.filter(role="admin").values_list("actor", flat=True)
    )
    assert with_members == with_admin


def test_seeding_again_leaves_a_confirmed_proposal_alone(musterstadt):
    partner = User.objects.get(email="partner@musterstadt.example")
    tie = Tie.objects.of(musterstadt).proposed().first()
    services.tie_confirm(by=partner, tie=tie)
    before = Tie.objects.count()

    call_command("seed_demo", stdout=StringIO())

    tie.refresh_from_db()
    assert tie.status == TieStatus.ACTIVE
    assert Tie.objects.count() == before
    assert ActorMember.objects.filter(role="admin").count() == len(
        set(ActorMember.objects.values_list("actor", flat=True))
    )
