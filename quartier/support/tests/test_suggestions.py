"""The Quartiers-Check's data suggestions (core/check_suggestions.py), each rule
checked against small demo-like data whose result is counted by hand below."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quartier.actors.models import Sector
from quartier.actors.tests.factories import ActorFactory
from quartier.core.check_suggestions import registered, suggestions_for
from quartier.support.questions import QUESTIONS

pytestmark = pytest.mark.django_db


def sectors(*codes):
    return [Sector.objects.get(code=c) for c in codes]


def actor(municipality, *codes, **kwargs):
    a = ActorFactory(municipality=municipality, **kwargs)
    a.sectors.set(sectors(*codes))
    return a


def suggestion(municipality, key):
    return registered()[key].rule(municipality)


def test_every_rule_answers_a_question_of_the_check_and_is_silent_without_data(
    municipality,
):
    rules = registered()
    assert set(rules) <= set(QUESTIONS)
    # At least half of the questions can be suggested once the modules are in use.
    assert len(rules) * 2 >= len(QUESTIONS)
    # A municipality that uses no module gets no suggestion: nothing is guessed.
    assert suggestions_for(municipality) == {}


def test_r1_forums_count_mandate_and_mixed_membership(municipality):
    from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

    office = actor(municipality, "verwaltung")
    club = actor(municipality, "zivilgesellschaft")
    mixed = ForumFactory(municipality=municipality, mandate_scope="Quartiersbudget")
    ForumMemberFactory(forum=mixed, user=None, actor=office)
    ForumMemberFactory(forum=mixed, user=None, actor=club, role="moderation")
    # No mandate described: does not count.
    vague = ForumFactory(municipality=municipality, mandate_scope="")
    ForumMemberFactory(forum=vague, user=None, actor=office)
    ForumMemberFactory(forum=vague, user=None, actor=club)
    # Only the administration: does not count.
    internal = ForumFactory(municipality=municipality, mandate_scope="Planung")
    ForumMemberFactory(forum=internal, user=None, actor=office)
    found = suggestion(municipality, "r1.forums")
    # 1 of 3 forums → step 3.
    assert found.value == 3
    assert "1 von 3 Gremien" in found.rule
    assert [e.label for e in found.evidence] == [mixed.name]


def test_r1_decisions_with_an_owner(municipality):
    from quartier.forums.tests.factories import DecisionFactory, ResponsibilityFactory

    decisions = [
        DecisionFactory(agenda_item__meeting__forum__municipality=municipality)
        for _ in range(4)
    ]
    ResponsibilityFactory(decision=decisions[0], role="R")
    ResponsibilityFactory(decision=decisions[1], role="A")
    ResponsibilityFactory(decision=decisions[2], role="I")  # informed: no owner
    DecisionFactory(
        agenda_item__meeting__forum__municipality=municipality, status="rejected"
    )  # not counted
    found = suggestion(municipality, "r1.decisions")
    # 2 of 4 = 50 % → step 3 (25 % → 2, 50 % → 3, 80 % → 4).
    assert found.value == 3
    assert "2 von 4 Beschlüssen (50 %)" in found.rule


def test_r4_share_of_seats_held_by_civil_society(municipality):
    from quartier.forums.tests.factories import ForumFactory, ForumMemberFactory

    forum = ForumFactory(municipality=municipality)
    for codes in [("verwaltung",), ("verwaltung",), ("gesundheitswesen",)]:
        ForumMemberFactory(forum=forum, user=None, actor=actor(municipality, *codes))
    ForumMemberFactory(
        forum=forum, user=None, actor=actor(municipality, "zivilgesellschaft")
    )
    ForumMemberFactory(
        forum=forum, user=None, actor=actor(municipality, "bewohnerinnen"), role="guest"
    )  # a guest holds no seat
    found = suggestion(municipality, "r4.seats")
    # 1 of 4 seats = 25 % → step 2 (20 % → 2, 33 % → 3, 50 % → 4).
    assert found.value == 2
    assert "1 von 4 Sitzen" in found.rule


def test_r2_contributions_without_an_account(municipality, neighborhood, resident):
    from quartier.participation.tests.factories import ContributionFactory

    for _ in range(3):
        ContributionFactory(
            municipality=municipality, neighborhood=neighborhood, author=resident
        )
    ContributionFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        author=None,
        author_name="Gast",
    )
    found = suggestion(municipality, "r2.low_threshold")
    # 1 of 4 = 25 % → step 3 (10 % → 2, 25 % → 3, 40 % → 4).
    assert found.value == 3
    assert "1 von 4 Beiträgen (25 %)" in found.rule


def test_r2_funds_with_paid_projects(municipality):
    from quartier.funds.models import Payout
    from quartier.funds.tests.factories import ApplicationFactory, FundFactory

    fund = FundFactory(municipality=municipality, status="open")
    FundFactory(municipality=municipality, status="open")
    paid = ApplicationFactory(call__fund=fund, status="approved")
    pending = ApplicationFactory(call__fund=fund, status="approved")
    Payout.objects.create(
        application=paid, paid_on=timezone.localdate(), amount=Decimal("300")
    )
    Payout.objects.create(
        application=pending,
        paid_on=timezone.localdate(),
        amount=Decimal("300"),
        pending=True,  # waiting for the second pair of eyes: not paid yet
    )
    found = suggestion(municipality, "r2.micro_funds")
    # 1 project paid from 1 of 2 funds → step 3.
    assert found.value == 3
    assert "aus 1 von 2 Quartiersfonds 1 Projekte" in found.rule


def test_r2_rooms_booked_by_initiatives(municipality):
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory

    room = RoomFactory(municipality=municipality)
    start = timezone.now() - datetime.timedelta(days=30)
    initiative = ActorFactory(municipality=municipality, kind="initiative")
    club = actor(municipality, "zivilgesellschaft")
    office = actor(municipality, "verwaltung")
    for who in (initiative, initiative, club, office, None):
        BookingFactory(
            room=room,
            on_behalf_of=who,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
        start += datetime.timedelta(hours=2)
    found = suggestion(municipality, "r2.rooms")
    # 2 distinct initiatives or clubs → step 3 (1 → 2, 2–3 → 3, 4+ → 4).
    assert found.value == 3
    assert "weil 2 Initiativen" in found.rule


def test_r7_density_and_bridging_from_the_latest_snapshot(municipality):
    from quartier.network.models import Snapshot

    Snapshot.objects.create(
        municipality=municipality,
        taken_on=datetime.date(2025, 1, 1),
        measures={"density": 0.5, "bridging_share": 0.5},
    )
    latest = Snapshot.objects.create(
        municipality=municipality,
        taken_on=datetime.date(2026, 1, 1),
        measures={"density": 0.12, "bridging_share": 0.04},
    )
    density = suggestion(municipality, "r7.network")
    bridging = suggestion(municipality, "r7.bridging")
    assert density.value == 3  # 0.12: at least 0.10, below 0.20
    assert bridging.value == 1  # 4 %: below 5 %
    assert density.evidence[0].url.endswith(f"/snapshots/{latest.pk}/")


def test_r9_reflections_and_adaptations_done(municipality):
    from quartier.forums.tests.factories import DecisionFactory
    from quartier.reflections.tests.factories import (
        AdaptationFactory,
        ReflectionFactory,
    )

    today = timezone.localdate()
    recent = ReflectionFactory(municipality=municipality, held_on=today)
    ReflectionFactory(municipality=municipality, held_on=today)
    ReflectionFactory(
        municipality=municipality, held_on=today - datetime.timedelta(days=400)
    )
    for status in ("done", "done", "open", "rejected"):
        decision = DecisionFactory(
            agenda_item__meeting__forum__municipality=municipality, status=status
        )
        AdaptationFactory(reflection=recent, decision=decision)
    assert suggestion(municipality, "r9.reflections").value == 3  # 2 in the year
    found = suggestion(municipality, "r9.adaptations")
    # 2 of 4 done = 50 % → step 3.
    assert found.value == 3
    assert "2 von 4" in found.rule


def test_r10_kinds_of_relationship_work_with_time(municipality):
    from quartier.learning.tests.factories import TimeEntryFactory

    for category in ("networking", "networking", "moderation", "organisation"):
        TimeEntryFactory(municipality=municipality, category=category)
    TimeEntryFactory(
        municipality=municipality,
        category="translation",
        date=timezone.localdate() - datetime.timedelta(days=400),
    )
    found = suggestion(municipality, "r10.time")
    # networking and moderation in the last year: 2 kinds → step 3.
    assert found.value == 3
    assert "für 2 von 4 Arten" in found.rule


def test_r6_compass_rounds(municipality):
    from quartier.compass.tests.factories import RoundFactory

    RoundFactory(municipality=municipality, status="draft")  # not held
    RoundFactory(municipality=municipality, status="closed")
    assert suggestion(municipality, "r6.tensions").value == 3  # 1 recent round


def test_r3_pilots_and_adapted_programmes(municipality):
    from quartier.initiatives.tests.factories import InitiativeFactory
    from quartier.programmes.tests.factories import ProgrammeFactory

    InitiativeFactory(municipality=municipality, phase="pilot")
    InitiativeFactory(municipality=municipality, phase="idea")
    found = suggestion(municipality, "r3.pilots")
    assert found.value == 3  # 1 of 2 initiatives
    assert "1 von 2 Vorhaben" in found.rule
    shared = ProgrammeFactory(municipality=None)
    ProgrammeFactory(municipality=municipality)
    ProgrammeFactory(municipality=municipality, copied_from=shared)
    assert suggestion(municipality, "r3.adapted").value == 3  # 1 copy


def test_r1_intermediaries_and_r5_goals(municipality):
    from quartier.impact.tests.factories import GoalFactory

    ActorFactory(municipality=municipality, kind="organisation")
    assert suggestion(municipality, "r1.brokers").value == 1
    ActorFactory(municipality=municipality, kind="intermediary")
    assert suggestion(municipality, "r1.brokers").value == 3
    GoalFactory(municipality=municipality, decision=None)
    assert suggestion(municipality, "r5.goals").value == 2  # no goal decided


def test_r10_roles_filled_with_consent_and_secured(municipality, resident):
    from quartier.roles.tests.factories import RoleHolderFactory, RoleProfileFactory

    secured = RoleProfileFactory(municipality=municipality, securing="job_share")
    RoleProfileFactory(municipality=municipality, securing="volunteer")
    RoleProfileFactory(municipality=municipality, securing="not_secured")
    RoleProfileFactory(municipality=municipality, securing="contract")
    RoleHolderFactory(profile=secured, user=resident, consented_at=timezone.now())
    # Named but without consent yet: not counted.
    RoleHolderFactory(
        profile=RoleProfileFactory(municipality=municipality), user=resident
    )
    found = suggestion(municipality, "r10.roles")
    assert found.value == 3  # 1 of 5 roles filled
    assert "1 von 5 beschriebenen Rollen" in found.rule
    # 2 of 5 secured by a job share or a contract = 40 % → step 2.
    assert suggestion(municipality, "r10.secured").value == 2
