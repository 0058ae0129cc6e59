"""The demo world holds together in time, place and governance (issue 10, section 5):
the rules are checked on the loaded demo, so every new record in `data/*.yaml`
inherits them."""

from __future__ import annotations

import datetime
import re
import statistics
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models as django_models
from django.utils import timezone

from quartier.accounts.models import Membership, MembershipRequest
from quartier.compass.models import Position, Round
from quartier.core.dates import DATE_MAX, DATE_MIN
from quartier.core.gate import may_view
from quartier.core.models import Municipality
from quartier.demo import records
from quartier.directory.models import Location
from quartier.forums.models import Decision, DecisionStatusChange, Forum, Meeting
from quartier.funds.models import Application, Fund, JuryMember, Payout, Vote
from quartier.funds.rules import conflict_reason
from quartier.learning.models import TimeEntry
from quartier.participation.models import (
    ACCOUNT_REPORT_WEIGHT,
    ADDRESS_REPORT_WEIGHT,
    REPORT_WEIGHT_TO_HIDE,
    Comment,
    Contribution,
    EventWindow,
    Response,
    StatusChange,
    Support,
    report_weight,
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
    # 120 in German and English, 20 in the languages of the Bahnhofsviertel
    # (demo/translations.py).
    assert contributions.count() == 140
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


def test_every_demo_row_passes_its_models_validation(musterstadt):
    """The rules the models enforce (past meetings held or cancelled, no decision in
    the future, bookings at most a year ahead, dates within 1900–2199, …) hold for
    every row of every model, also those the seeders write without a form."""
    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("quartier.") or model._meta.proxy:
            continue
        if model.__name__.startswith("Historical"):
            continue
        dated = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, django_models.DateField)  # DateTimeField too
        ]
        for row in model._default_manager.all():
            row.full_clean(validate_unique=False, validate_constraints=False)
            for name in dated:
                value = getattr(row, name)
                if value is not None:
                    day = (
                        value.date() if isinstance(value, datetime.datetime) else value
                    )
                    assert DATE_MIN <= day <= DATE_MAX, (model.__name__, name, value)
            checked += 1
    assert checked > 1000
    # What the services refuse, the demo does not do either: bookings within their
    # room's horizon; past meetings held or cancelled, upcoming ones planned (or,
    # called by a member, waiting for approval).
    now = timezone.now()
    for booking in Booking.objects.filter(starts_at__gt=now).select_related("room"):
        until = booking.room.bookable_until()
        assert timezone.localdate(booking.starts_at) <= until, booking.room.name
    for meeting in Meeting.objects.all():
        if meeting.starts_at < now:
            assert meeting.status in ("held", "cancelled"), meeting.title
        else:
            assert meeting.status in ("planned", "proposed"), meeting.title


def test_joining_follows_each_municipalitys_policy(musterstadt, client):
    beispielheim = Municipality.objects.get(slug="beispielheim")
    assert musterstadt.join_policy == "open"
    assert beispielheim.join_policy == "approval"
    assert beispielheim.contact_email  # the coordination hears of new requests
    waiting = MembershipRequest.objects.pending().filter(municipality=beispielheim)
    assert waiting.count() >= 1
    for request in waiting:
        assert request.created_at <= timezone.now()
        assert not Membership.objects.filter(
            user=request.user, municipality=beispielheim
        ).exists()
    # Where everybody joins at once, nobody waits.
    assert (
        not MembershipRequest.objects.pending()
        .filter(municipality__join_policy="open")
        .exists()
    )
    # The admin of Beispielheim finds the request in the list.
    client.force_login(records.get_user("admin@beispielheim.example"))
    page = client.get("/beispielheim/members/requests/")
    assert page.status_code == 200
    assert waiting.first().user.email in page.content.decode()


def test_reports_weigh_as_the_moderation_rule_says(musterstadt):
    now = timezone.now()
    reported = (
        Contribution.objects.of(musterstadt)
        .filter(reports__isnull=False)
        .distinct()
        .prefetch_related("reports")
    )
    hidden = reviewed = 0
    for contribution in reported:
        reports = list(contribution.reports.all())
        for report in reports:
            assert report.address_key, contribution.title
            assert report.reporter_key in ("", report.address_key)
            account = report.reporter_id is not None
            assert report.weight == (
                ACCOUNT_REPORT_WEIGHT if account else ADDRESS_REPORT_WEIGHT
            )
            assert contribution.created_at <= report.created_at <= now
        open_reports = [r for r in reports if r.resolved_at is None]
        weight = report_weight(open_reports)
        if contribution.reviewed_at:
            # Reviewed: the reports before it were resolved, and it stays visible.
            assert not contribution.is_hidden, contribution.title
            assert contribution.created_at < contribution.reviewed_at <= now
            for report in reports:
                if report.created_at < contribution.reviewed_at:
                    assert report.resolved_at == contribution.reviewed_at
            reviewed += 1
        else:
            assert contribution.is_hidden == (weight >= REPORT_WEIGHT_TO_HIDE), (
                contribution.title,
                weight,
            )
            hidden += contribution.is_hidden
    assert hidden >= 1 and reviewed >= 1
    # Nothing is hidden without reports that weigh enough.
    for contribution in Contribution.objects.of(musterstadt).filter(is_hidden=True):
        open_reports = contribution.reports.filter(resolved_at=None)
        assert report_weight(open_reports) >= REPORT_WEIGHT_TO_HIDE


def test_guests_see_the_agenda_items_contributions_link_to(musterstadt, client):
    guest = AnonymousUser()
    linked = (
        Contribution.objects.of(musterstadt)
        .filter(moderation="approved", is_hidden=False)
        .exclude(agenda_item=None)
        .select_related("agenda_item__meeting__forum")
    )
    assert linked.count() >= 10
    for contribution in linked:
        item = contribution.agenda_item
        meeting = item.meeting
        published = meeting.agenda_published_at
        assert item.status == "accepted", contribution.title
        assert published is not None, meeting.title
        # Proposed, then published, then the meeting; the contribution was on the
        # agenda when it was published.
        assert item.created_at < published < meeting.starts_at, meeting.title
        assert contribution.created_at < published, contribution.title
        assert may_view(guest, item, "forums.view_agendaitem_on_agenda"), item.title
    # The page says so (an upcoming meeting of the Gesundheitsforum, for one).
    upcoming = linked.filter(agenda_item__meeting__starts_at__gt=timezone.now())
    contribution = upcoming.filter(agenda_item__meeting__forum__slug="gesundheitsforum")
    contribution = contribution.first()
    assert contribution is not None
    page = client.get(contribution.get_absolute_url())
    assert page.status_code == 200
    assert contribution.agenda_item.title in page.content.decode()


def test_workshop_windows_fit_the_meetings_they_serve(musterstadt):
    windows = EventWindow.objects.of(musterstadt).select_related("created_by")
    assert windows.exists()
    meetings = list(Meeting.objects.of(musterstadt))
    for window in windows:
        assert window.ends_at - window.starts_at <= datetime.timedelta(days=7)
        assert 1 <= window.limit <= 500
        assert window.created_at <= min(window.starts_at, timezone.now())
        assert Membership.objects.filter(
            user=window.created_by,
            municipality=musterstadt,
            role__in=["coordinator", "admin"],
        ).exists()
        served = [
            m
            for m in meetings
            if m.address == window.place
            and window.starts_at <= m.starts_at < m.ends_at <= window.ends_at
        ]
        assert served, window.name


def test_payouts_have_two_pairs_of_eyes_and_jury_meetings_their_day(musterstadt):
    now = timezone.now()
    staff = set(
        Membership.objects.filter(
            municipality=musterstadt, role__in=["coordinator", "admin"]
        ).values_list("user_id", flat=True)
    )
    for fund in Fund.objects.of(musterstadt).filter(payout_four_eyes=True):
        payouts = Payout.objects.filter(application__call__fund=fund)
        assert payouts.exists()
        for payout in payouts:
            assert not payout.pending
            assert payout.created_by_id in staff and payout.confirmed_by_id in staff
            assert payout.created_by_id != payout.confirmed_by_id
            assert payout.created_at <= payout.confirmed_at <= now
    in_person = Vote.objects.filter(
        application__municipality=musterstadt, meeting_on__isnull=False
    ).select_related("application")
    assert in_person.exists()
    for vote in in_person:
        assert vote.meeting_on == timezone.localdate(vote.application.decided_at)
        assert vote.recorded_by_id in staff
        assert records.is_meeting_day(vote.meeting_on)


def test_no_municipal_forum_poses_as_the_landkreis_health_conference(musterstadt):
    # The Kommunale Gesundheitskonferenz is the Landkreis' (§ 5 LGG BW); a town's
    # forum recommends to it and is not one.
    assert not Forum.objects.filter(kind="health_conference").exists()
