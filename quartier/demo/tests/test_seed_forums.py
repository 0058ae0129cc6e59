"""The forums of the demo world: forums, meetings around today, the decisions
register in every status, and an idempotent second run."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quartier.accounts.models import User
from quartier.core.models import Municipality
from quartier.forums.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatus,
    DecisionStatusChange,
    Forum,
    ForumMember,
    Meeting,
    Registration,
    Responsibility,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Forum,
    ForumMember,
    Meeting,
    AgendaItem,
    Registration,
    Attendance,
    Decision,
    DecisionStatusChange,
    Responsibility,
    Forum.history.model,
    Meeting.history.model,
    AgendaItem.history.model,
    Decision.history.model,
]


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in MODELS}


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_musterstadt_has_its_forums_with_mandates(musterstadt):
    forums = {f.slug: f for f in Forum.objects.of(musterstadt)}
    assert set(forums) == {
        "gesundheitsforum",
        "quartiersforum-sonnenberg",
        "quartiersforum-bahnhofsviertel",
        "quartiersforum-altstadt",
        "steuerungsgruppe",
        "kollegiale-beratung",
    }
    conference = forums["gesundheitsforum"]
    assert conference.mandate == "recommending"
    assert "Gemeinderat, Ausschuss für Soziales und Gesundheit" in (
        conference.recommends_to_body
    )
    assert "Kommunale Gesundheitskonferenz des Landkreises" in (
        conference.recommends_to_body
    )
    sonnenberg = forums["quartiersforum-sonnenberg"]
    assert sonnenberg.recommends_to == conference
    assert "Quartiersfonds" in sonnenberg.mandate_scope
    assert [n.slug for n in sonnenberg.neighborhoods.all()] == ["sonnenberg"]
    assert forums["quartiersforum-bahnhofsviertel"].mandate == "advisory"
    assert not Forum.objects.exclude(municipality=musterstadt).exists()


def test_the_peer_consultation_is_for_its_members_only(musterstadt):
    peer = Forum.objects.get(slug="kollegiale-beratung")
    assert peer.visibility == "members"
    resident = User.objects.get(email="bewohnerin@musterstadt.example")
    coordinator = User.objects.get(email="koordination@musterstadt.example")
    assert peer not in Forum.objects.visible_to(resident, musterstadt)
    assert peer in Forum.objects.visible_to(coordinator, musterstadt)
    assert (
        not Decision.objects.visible_to(resident, musterstadt)
        .filter(forum=peer)
        .exists()
    )
    assert peer.meetings.count() == 2


def test_steering_group_has_administration_coordinators_insurer_and_health_office(
    musterstadt,
):
    members = ForumMember.objects.filter(forum__slug="steuerungsgruppe")
    actors = {m.actor.name for m in members if m.actor_id}
    people = {m.user.email for m in members if m.user_id}
    assert "Gesundheitskasse Region Musterstadt – Prävention" in actors
    assert "Gesundheitsamt des Landkreises" in actors
    assert "Stadt Musterstadt – Amt für Soziales und Teilhabe" in actors
    assert {
        "koordination@musterstadt.example",
        "kowalski@musterstadt.example",
    } <= people


def test_twelve_meetings_past_and_upcoming_with_agendas_and_minutes(musterstadt):
    meetings = Meeting.objects.of(musterstadt).listed()
    assert meetings.count() == 12
    now = timezone.now()
    past = meetings.filter(starts_at__lt=now)
    upcoming = meetings.filter(starts_at__gte=now)
    assert past.count() >= 4 and upcoming.count() >= 4
    for meeting in past:
        assert meeting.status == "held"
        assert meeting.minutes_published_at is not None
        assert meeting.agenda_items.exclude(minutes="").exists()
        assert meeting.attendances.exists()
    assert all(m.agenda_items.exists() for m in meetings)
    assert not upcoming.exclude(minutes_published_at=None).exists()
    needs = Registration.objects.filter(meeting__in=upcoming).exclude(needs=[])
    assert needs.count() >= 3
    assert AgendaItem.objects.filter(
        meeting__municipality=musterstadt, status="proposed"
    ).exists()
    titles = " ".join(AgendaItem.objects.values_list("title", flat=True))
    for theme in ("Bänke", "Spielplatz", "Wochenend-Bus", "Gesundheitslotsen", "Hitze"):
        assert theme in titles


def test_a_member_called_meeting_waits_and_guests_registered(musterstadt):
    """Co-creation rights (issue 12): a meeting a member called waits for the
    moderation's approval; a public meeting has a confirmed and an unconfirmed
    guest registration."""
    proposal = Meeting.objects.of(musterstadt).get(status="proposed")
    proposer = proposal.proposed_by
    assert proposal.forum.members.filter(user=proposer, role="member").exists()
    assert proposal.forum.member_meetings == "approve"
    assert proposal.starts_at > timezone.now()
    assert proposal.agenda_published_at is None
    assert proposal.agenda_items.filter(proposer=proposer).count() >= 2
    guests = Registration.objects.filter(
        municipality=musterstadt, user__isnull=True
    ).select_related("meeting__forum")
    assert sorted(g.status for g in guests) == ["confirmed", "pending"]
    assert all(g.meeting.forum.visibility == "public" for g in guests)
    assert all(
        g.meeting.is_listed and g.meeting.starts_at > timezone.now() for g in guests
    )


def test_at_least_25_decisions_in_every_status_with_raci_and_history(musterstadt):
    decisions = Decision.objects.of(musterstadt)
    assert decisions.count() >= 25
    assert set(decisions.values_list("status", flat=True)) == set(DecisionStatus.values)
    assert decisions.overdue().count() >= 3
    for decision in decisions.prefetch_related("responsibilities", "status_changes"):
        roles = {r.role for r in decision.responsibilities.all()}
        assert "R" in roles, decision
        changes = list(decision.status_changes.all())
        assert changes[0].new_status == "open"
        assert changes[-1].new_status == decision.status
        assert all(c.comment and c.changed_by_id for c in changes)
        assert decision.forum_id == decision.agenda_item.meeting.forum_id
    people = Responsibility.objects.filter(
        decision__municipality=musterstadt, user__isnull=False
    )
    assert people.exists()
    assert Responsibility.objects.filter(actor__isnull=False).exists()


def test_a_second_run_changes_nothing(musterstadt):
    before = counts()
    seed()
    assert counts() == before
