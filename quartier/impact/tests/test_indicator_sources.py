"""Every indicator source (core/indicator_sources.py) against a count made by hand:
small worlds where the number is obvious, with rows just outside the period, the
neighbourhood or the municipality that must not count. The last test walks the
registry, so a new source without a case here fails."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quartier.core.indicator_sources import NotAvailable, compute, sources
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.roles.tests import test_roles

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 3, 31)
ZONE = datetime.UTC


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


def _set(obj, **fields):
    type(obj).objects.filter(pk=obj.pk).update(**fields)


@pytest.fixture
def place():
    municipality = MunicipalityFactory()
    return (
        municipality,
        NeighborhoodFactory(municipality=municipality, slug="sonnenberg"),
        NeighborhoodFactory(municipality=municipality, slug="altstadt"),
    )


def test_meetings_held_and_attendance(place):
    from quartier.forums.models import Attendance
    from quartier.forums.tests.factories import ForumFactory, MeetingFactory

    municipality, sonnenberg, altstadt = place
    here = ForumFactory(municipality=municipality, neighborhoods=[sonnenberg])
    there = ForumFactory(municipality=municipality, neighborhoods=[altstadt])
    m1 = MeetingFactory(forum=here, status="held", starts_at=_at(START))
    m2 = MeetingFactory(forum=there, status="held", starts_at=_at(END, 18))
    MeetingFactory(forum=here, status="cancelled", starts_at=_at(END))
    MeetingFactory(
        forum=here, status="held", starts_at=_at(END + datetime.timedelta(1))
    )
    MeetingFactory(forum=ForumFactory(), status="held", starts_at=_at(END))
    from quartier.accounts.tests.factories import UserFactory

    for meeting, people in ((m1, 3), (m2, 2)):
        for _ in range(people):
            Attendance.objects.create(
                municipality=municipality, meeting=meeting, user=UserFactory()
            )
    assert compute("forums.meetings_held", municipality, None, START, END) == 2
    assert compute("forums.meetings_held", municipality, sonnenberg, START, END) == 1
    assert compute("forums.attendance", municipality, None, START, END) == 5
    assert compute("forums.attendance", municipality, altstadt, START, END) == 2


def test_people_and_organisations_reached(place):
    from quartier.actors.tests.factories import ActorFactory
    from quartier.funds.models import GrantReport
    from quartier.funds.tests.factories import ApplicationFactory, CallFactory

    municipality, sonnenberg, _altstadt = place
    call = CallFactory(fund__municipality=municipality)
    actor = ActorFactory(municipality=municipality)

    def report(participants, day, **app):
        application = ApplicationFactory(call=call, status="approved", **app)
        row = GrantReport.objects.create(
            application=application,
            what_happened="Fest",
            participants=participants,
            receipts_total=Decimal("10"),
        )
        _set(row, submitted_at=_at(day))

    report(40, START, actor=actor, neighborhood=sonnenberg)
    report(25, END, actor=actor)  # the same actor: one organisation
    report(10, END, group_name="Singkreis", actor=None)
    report(5, END, group_name="singkreis ", actor=None)  # the same group
    report(99, END + datetime.timedelta(1), group_name="Später")
    assert compute("funds.people_reached", municipality, None, START, END) == 80
    assert compute("funds.people_reached", municipality, sonnenberg, START, END) == 40
    assert compute("funds.organisations_reached", municipality, None, START, END) == 2


def test_share_answered_within_the_response_time(place):
    from quartier.participation.indicators import answered_in_time
    from quartier.participation.tests.factories import ContributionFactory

    municipality, sonnenberg, altstadt = place
    municipality.response_days = 10
    municipality.save()
    now = _at(datetime.date(2026, 6, 1))

    def contribution(created, answered_after=None, **kw):
        row = ContributionFactory(municipality=municipality, **kw)
        answered = (
            _at(created) + datetime.timedelta(days=answered_after)
            if answered_after is not None
            else None
        )
        _set(row, created_at=_at(created), answered_at=answered)

    contribution(START, 3, neighborhood=sonnenberg)  # in time
    contribution(START, 10, neighborhood=sonnenberg)  # in time, on the last day
    contribution(START, 11, neighborhood=altstadt)  # late
    contribution(START, neighborhood=altstadt)  # never answered: late
    contribution(START, 1, neighborhood=altstadt, moderation="rejected")  # left out
    contribution(END + datetime.timedelta(1), 1, neighborhood=altstadt)  # after
    share = answered_in_time(municipality, None, START, END, now=now)
    assert share == 50.0
    assert answered_in_time(municipality, sonnenberg, START, END, now=now) == 100.0
    # Received yesterday, not answered: not yet due, so not counted.
    late_start = datetime.date(2026, 5, 31)
    contribution(late_start, neighborhood=altstadt)
    with pytest.raises(NotAvailable):
        answered_in_time(municipality, None, late_start, late_start, now=now)


def test_active_cross_sector_ties(place):
    from quartier.actors.models import Sector
    from quartier.actors.tests.factories import ActorFactory, TieFactory

    municipality, sonnenberg, _altstadt = place
    admin = Sector.objects.get(code="verwaltung")
    civil = Sector.objects.get(code="zivilgesellschaft")
    office = ActorFactory(municipality=municipality, sectors=[admin])
    club = ActorFactory(municipality=municipality, sectors=[civil])
    club.neighborhoods.set([sonnenberg])
    both = ActorFactory(municipality=municipality, sectors=[admin, civil])
    other_club = ActorFactory(municipality=municipality, sectors=[civil])
    TieFactory(source=office, target=club, since=START)  # counts
    TieFactory(source=office, target=other_club, since=END)  # counts
    TieFactory(source=both, target=club, since=START)  # shared sector
    TieFactory(source=club, target=other_club, since=START)  # same sector
    TieFactory(source=office, target=club, since=END + datetime.timedelta(1))
    TieFactory(source=club, target=office, since=START, status="proposed")
    TieFactory(
        source=other_club,
        target=office,
        since=START,
        status="ended",
        ended_at=_at(END + datetime.timedelta(5)),
    )  # still there on the last day: counts
    TieFactory(source=other_club, target=office, status="ended", ended_at=_at(START))
    assert compute("actors.cross_sector_ties", municipality, None, START, END) == 3
    assert (
        compute("actors.cross_sector_ties", municipality, sonnenberg, START, END) == 1
    )


def test_initiatives_per_phase_from_the_history(place):
    from quartier.initiatives.models import PhaseChange
    from quartier.initiatives.tests.factories import InitiativeFactory

    municipality, sonnenberg, _altstadt = place
    a = InitiativeFactory(municipality=municipality, phase="pilot")
    a.neighborhoods.set([sonnenberg])
    b = InitiativeFactory(municipality=municipality, phase="implementation")
    InitiativeFactory(municipality=municipality, phase="pilot")
    late = InitiativeFactory(municipality=municipality, phase="pilot")
    for row in (a, b):
        _set(row, created_at=_at(START))
    # b was a pilot on the last day; it moved on afterwards.
    PhaseChange.objects.create(
        initiative=b, old_phase="concept", new_phase="pilot", changed_on=START
    )
    PhaseChange.objects.create(
        initiative=b,
        old_phase="pilot",
        new_phase="implementation",
        changed_on=END + datetime.timedelta(1),
    )
    _set(late, created_at=_at(END + datetime.timedelta(2)))
    # The third one was created "now" (after END): not counted for this period.
    count = compute("initiatives.per_phase", municipality, None, START, END, "pilot")
    assert count == 2
    assert (
        compute("initiatives.per_phase", municipality, sonnenberg, START, END, "pilot")
        == 1
    )
    today = timezone.localdate()
    assert (
        compute("initiatives.per_phase", municipality, None, START, today, "pilot") == 3
    )


def test_offerings_per_neighbourhood_and_topic(place):
    from quartier.directory.models import Taxonomy, TaxonomyTerm
    from quartier.directory.tests.factories import ServiceFactory

    municipality, sonnenberg, altstadt = place
    topic = TaxonomyTerm.objects.create(
        municipality=municipality,
        taxonomy=Taxonomy.TOPIC,
        code="bewegung-x",
        name="Bewegung X",
    )

    def service(neighbourhood, with_topic=False, **kw):
        row = ServiceFactory(municipality=municipality, **kw)
        row.neighborhoods.set([neighbourhood])
        if with_topic:
            row.terms.add(topic)
        _set(row, created_at=_at(START))
        return row

    service(sonnenberg, True)
    service(sonnenberg)
    service(altstadt, True, status="temporarily closed")
    service(altstadt, True, status="inactive")
    service(altstadt, True, archived_at=timezone.now())
    later = service(sonnenberg, True)
    _set(later, created_at=_at(END + datetime.timedelta(1)))
    end = END
    assert compute("directory.offerings", municipality, None, START, end) == 3
    assert compute("directory.offerings", municipality, sonnenberg, START, end) == 2
    assert (
        compute("directory.offerings", municipality, None, START, end, str(topic.pk))
        == 2
    )
    assert (
        compute(
            "directory.offerings", municipality, sonnenberg, START, end, str(topic.pk)
        )
        == 1
    )


def test_relationship_hours_only_when_time_entries_are_on(place):
    from quartier.learning.models import TimeTrackingSetting
    from quartier.learning.tests.factories import TimeEntryFactory

    municipality, sonnenberg, _altstadt = place
    TimeEntryFactory(
        municipality=municipality,
        date=START,
        hours=Decimal("1.5"),
        neighborhood=sonnenberg,
    )
    TimeEntryFactory(
        municipality=municipality, date=END, hours=Decimal("2"), category="volunteering"
    )
    TimeEntryFactory(
        municipality=municipality, date=END + datetime.timedelta(1), hours=Decimal("8")
    )
    with pytest.raises(NotAvailable):
        compute("learning.relationship_hours", municipality, None, START, END)
    TimeTrackingSetting.objects.create(municipality=municipality, mode="own_only")
    municipality = type(municipality).objects.get(pk=municipality.pk)
    key = "learning.relationship_hours"
    assert compute(key, municipality, None, START, END) == Decimal("3.5")
    assert compute(key, municipality, sonnenberg, START, END) == Decimal("1.5")
    assert compute(key, municipality, None, START, END, "volunteering") == Decimal("2")


def test_compass_gap_per_field(place):
    from quartier.compass.tests.factories import (
        RoundFactory,
        TensionFieldFactory,
        assess,
    )

    municipality, sonnenberg, _altstadt = place
    field = TensionFieldFactory(municipality=municipality)
    other = TensionFieldFactory(municipality=municipality)
    open_round = RoundFactory(municipality=municipality, neighborhood=sonnenberg)
    draft = RoundFactory(municipality=municipality, status="draft")
    made = []
    for current, target in ((20, 60), (40, 70), (30, 80)):
        made.append(
            assess(open_round, "residents", {field: (current, target), other: (50, 50)})
        )
    made.append(assess(draft, "residents", {field: (0, 100)}))
    for row in made:
        _set(row, created_at=_at(START))
    # Soll 70 − Ist 30 = 40
    assert compute("compass.gap", municipality, None, START, END, str(field.pk)) == 40.0
    assert (
        compute("compass.gap", municipality, sonnenberg, START, END, str(other.pk))
        == 0.0
    )
    _set(made[0], created_at=_at(END + datetime.timedelta(1)))
    with pytest.raises(NotAvailable):
        compute("compass.gap", municipality, None, START, END, str(field.pk))


HAND_COUNTED = {
    "forums.meetings_held": test_meetings_held_and_attendance,
    "forums.attendance": test_meetings_held_and_attendance,
    "funds.people_reached": test_people_and_organisations_reached,
    "funds.organisations_reached": test_people_and_organisations_reached,
    "participation.answered_in_time": test_share_answered_within_the_response_time,
    "actors.cross_sector_ties": test_active_cross_sector_ties,
    "initiatives.per_phase": test_initiatives_per_phase_from_the_history,
    "directory.offerings": test_offerings_per_neighbourhood_and_topic,
    "learning.relationship_hours": test_relationship_hours_only_when_time_entries_are_on,
    "compass.gap": test_compass_gap_per_field,
    "roles.role_hours": test_roles.test_hours_per_role_by_hand,
}


def test_every_source_is_described_and_counted_by_hand():
    registered = {source.key: source for source in sources()}
    assert set(registered) == set(HAND_COUNTED)
    for source in registered.values():
        assert str(source.label) and str(source.unit) and str(source.formula)
        assert 1 <= source.stage <= 7
        if source.option_required:
            assert source.options is not None
