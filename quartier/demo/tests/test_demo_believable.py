"""The demo world holds together in time, place and governance (issue 10, section 5):
the rules are checked on the loaded demo, so every new record in `data/*.yaml`
inherits them."""

from __future__ import annotations

import datetime
import re
import statistics
from pathlib import Path

import pytest
from django.utils import timezone

from quartier.compass.models import Position, Round
from quartier.core.models import Municipality
from quartier.demo import records
from quartier.directory.models import Location
from quartier.forums.models import Decision, DecisionStatusChange, Forum, Meeting
from quartier.funds.models import Application, JuryMember, Payout
from quartier.funds.rules import conflict_reason
from quartier.learning.models import TimeEntry
from quartier.participation.models import (
    Comment,
    Contribution,
    Response,
    StatusChange,
    Support,
)
from quartier.rooms.models import Booking, Room
from quartier.surveys.models import Response as SurveyResponse

DATA = Path(records.__file__).with_name("data")
REAL_ORGANISATIONS = re.compile(
    r"\b(DITIB|Caritas|Diakonie|Tafel\w*|AOK|DRK|AWO|Johanniter|Malteser|"
    r"Paritätisch\w*|VdK|Rotes Kreuz|Arbeiterwohlfahrt)\b"
)


# --- The date rules, without a database -------------------------------------------


def test_relative_dates_count_from_today():
    today = datetime.date(2026, 12, 6)
    assert records.day("-14d", today) == datetime.date(2026, 11, 22)
    assert records.day("3d", today) == datetime.date(2026, 12, 9)
    moment = records.moment("-1d 18:30", today)
    assert timezone.localtime(moment).timetuple()[:5] == (2026, 12, 5, 18, 30)
    with pytest.raises(ValueError):
        records.day("vor zwei Wochen", today)


def test_holidays_of_baden_wuerttemberg():
    assert records.easter(2026) == datetime.date(2026, 4, 5)
    assert records.easter(2027) == datetime.date(2027, 3, 28)
    days = records.holidays(2026)
    for month, day in [(1, 6), (4, 3), (4, 6), (5, 14), (5, 25), (6, 4), (11, 1)]:
        assert datetime.date(2026, month, day) in days
    assert datetime.date(2026, 12, 26) in days
    assert datetime.date(2026, 12, 28) not in days


def test_meetings_move_off_sundays_and_holidays_away_from_today():
    today = datetime.date(2026, 12, 6)  # a Sunday
    # 20 days ago was Monday 16 Nov: stays.
    assert records.meeting_day("-20d", today) == datetime.date(2026, 11, 16)
    # 26 Dec is a holiday, 27 Dec a Sunday: an upcoming meeting moves to Monday.
    assert records.meeting_day("20d", today) == datetime.date(2026, 12, 28)
    # A past meeting on Easter Monday moves back to Saturday (Good Friday, Sunday
    # and Easter Monday are no meeting days).
    easter_monday = (datetime.date(2026, 4, 6) - today).days
    assert records.meeting_day(easter_monday, today) == datetime.date(2026, 4, 4)


def test_no_real_organisations_in_the_demo_data():
    for path in sorted(DATA.glob("*.yaml")):
        found = REAL_ORGANISATIONS.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {sorted(set(found))}"


def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Ray casting: is (lon, lat) inside the polygon ring?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def test_the_data_files_ship_with_the_package():
    import fnmatch
    import tomllib

    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    if not pyproject.exists():  # an installed package: the files are there or not
        assert list(DATA.glob("*.yaml"))
        return
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["quartier.demo"]
    for path in DATA.glob("*.yaml"):
        relative = path.relative_to(DATA.parent).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


# --- The loaded demo ----------------------------------------------------------------


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_the_demo_runs_forward_in_time_and_stays_in_its_places(musterstadt):
    now = timezone.now()
    today = timezone.localdate()
    contributions = Contribution.objects.of(musterstadt).select_related(
        "agenda_item__meeting__forum", "decision__agenda_item__meeting", "neighborhood"
    )
    assert contributions.count() == 120
    titles = [c.title for c in contributions]
    assert len(set(titles)) == len(titles)
    assert not [t for t in titles if re.match(r"^[^:]{3,40}: \S", t)]
    for c in contributions:
        assert c.created_at <= now, c.title
        if c.answered_at:
            assert c.created_at < c.answered_at <= now, c.title
        meeting = c.agenda_item.meeting if c.agenda_item else None
        if meeting:
            assert c.created_at < meeting.starts_at, c.title
            hoods = set(meeting.forum.neighborhoods.values_list("pk", flat=True))
            assert not hoods or c.neighborhood_id in hoods, c.title
        if c.decision:
            held = c.decision.agenda_item.meeting.starts_at
            assert c.created_at < held < (c.answered_at or now), c.title
        if c.latitude is not None:
            ring = c.neighborhood.boundary["coordinates"][0]
            point = (float(c.longitude), float(c.latitude))
            assert _inside(point, ring), c.title
    for model, field in [
        (Response, "created_at"),
        (StatusChange, "changed_at"),
        (Comment, "created_at"),
        (Support, "created_at"),
    ]:
        for row in model.objects.filter(
            contribution__municipality=musterstadt
        ).select_related("contribution"):
            stamp = getattr(row, field)
            assert row.contribution.created_at <= stamp <= now, (model, row.pk)
    # The comments fit their authors: a resident does not speak for a club.
    for comment in Comment.objects.filter(text__startswith="Wir vom"):
        assert comment.author.actors.exists(), comment.text

    # One address per place: an actor and the places or rooms it owns agree.
    for location in Location.objects.of(musterstadt).select_related("owner"):
        owner = location.owner
        if owner and owner.name.startswith(location.name):
            assert location.address_1 in owner.address, location.name
    for room in Room.objects.of(musterstadt).select_related("owner_actor"):
        if room.owner_actor:
            streets = {room.owner_actor.address.split(", 70999")[0]}
            streets |= set(
                Location.objects.filter(owner=room.owner_actor).values_list(
                    "address_1", flat=True
                )
            )
            assert any(s in room.address for s in streets), room.name

    meetings = Meeting.objects.of(musterstadt)
    for meeting in meetings:
        day = timezone.localdate(meeting.starts_at)
        assert records.is_meeting_day(day), (meeting.title, day)
        assert (meeting.status == "held") == (meeting.starts_at < now)
    for change in DecisionStatusChange.objects.filter(
        decision__municipality=musterstadt
    ).select_related("decision"):
        assert change.changed_at <= now, (change.decision.number, change.new_status)
        assert change.decision.decided_on <= today
    for booking in Booking.objects.filter(meeting__isnull=False):
        assert booking.starts_at <= booking.meeting.starts_at
        assert booking.ends_at >= booking.meeting.ends_at
        assert booking.room.neighborhood in booking.meeting.forum.neighborhoods.all()
    for answer in SurveyResponse.objects.select_related("survey"):
        assert answer.survey.opens_at <= answer.created_at <= now
    for application in Application.objects.of(musterstadt).exclude(submitted_at=None):
        assert application.submitted_at <= now
        if application.decided_at:
            assert application.submitted_at < application.decided_at <= now
    for payout in Payout.objects.select_related("application"):
        assert timezone.localdate(payout.application.decided_at) <= payout.paid_on
        assert payout.paid_on <= today
    months = "Januar Februar März April Mai Juni Juli August September Oktober"
    months = (months + " November Dezember").split()
    for entry in TimeEntry.objects.of(musterstadt):
        assert entry.date <= today
        named = [m for m in months if f"({m})" in entry.note]
        assert named in ([], [months[entry.date.month - 1]]), entry.note


def test_governance_agrees_with_itself_and_the_jury_can_finish(musterstadt):
    forums = Forum.objects.of(musterstadt)
    assert not forums.filter(name__icontains="Gesundheitskonferenz").exists()
    health = forums.get(slug="gesundheitsforum")
    assert "Gesundheitskonferenz des Landkreises" in health.recommends_to_body
    for forum in forums:
        if forum.mandate != "deciding":
            assert forum.participation_stage <= 5, forum.name
    assert forums.get(slug="steuerungsgruppe").mandate != "deciding"
    # A forum that only advises or recommends passes no binding resolutions.
    binding = Decision.objects.of(musterstadt).filter(kind="resolution")
    assert not binding.exclude(forum__mandate="deciding").exists()

    # The perspectives of the compass differ in how much their people agree.
    for round in Round.objects.filter(municipality=musterstadt):
        spreads = {}
        for perspective in ("administration", "residents"):
            positions = Position.objects.filter(
                assessment__round=round, assessment__perspective=perspective
            )
            by_field: dict[int, list[int]] = {}
            for field, current in positions.values_list("field", "current"):
                by_field.setdefault(field, []).append(current)
            spreads[perspective] = statistics.mean(
                statistics.pstdev(values) for values in by_field.values()
            )
        assert spreads["residents"] > 2 * spreads["administration"], round.title

    # Nobody decides or votes on their own application; the fund pays nobody who
    # sits in its jury (its coordinator included).
    jury = JuryMember.objects.filter(fund__municipality=musterstadt)
    seated = set(jury.values_list("user_id", flat=True))
    for application in Application.objects.of(musterstadt):
        assert application.applicant_id not in seated, application.title
        for vote in application.votes.select_related("member__user"):
            assert not conflict_reason(vote.member.user, application), application.title
    # The demo jury can finish every open vote, and the jury login sits in it.
    assert jury.filter(user__email="jury@musterstadt.example", voting=True).exists()
    for application in Application.objects.of(musterstadt).filter(voting_open=True):
        free = [
            m
            for m in jury.filter(fund=application.fund, voting=True)
            if not conflict_reason(m.user, application)
        ]
        assert len(free) >= application.fund.quorum, application.title
