"""Jury meetings in person: the coordination records who voted how, with the
meeting's date, under the same quorum, majority and conflict rules as online."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.funds import services
from quartier.funds.models import Vote
from quartier.funds.tests.factories import JuryMemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def application(application):
    application.submitted_at = timezone.now() - datetime.timedelta(days=10)
    application.save()
    return application


def _record(coordinator, application, votes, held_on=None):
    return services.meeting_record(
        by=coordinator,
        application=application,
        held_on=held_on or TODAY(),
        votes=votes,
    )


def test_votes_of_a_meeting_count_for_quorum_and_majority(
    coordinator, application, jury
):
    # Quorum 3, simple majority; nobody voted online.
    assert not services.jury_result(application).quorum_reached
    day = TODAY() - datetime.timedelta(days=1)
    _record(
        coordinator,
        application,
        {jury[0].pk: "yes", jury[1].pk: "yes", jury[2].pk: "no", jury[3].pk: ""},
        held_on=day,
    )
    votes = Vote.objects.filter(application=application)
    assert votes.count() == 3
    assert {v.meeting_on for v in votes} == {day}
    assert {v.recorded_by for v in votes} == {coordinator}
    result = services.jury_result(application)
    assert (result.yes, result.no, result.quorum_reached, result.approved) == (
        2,
        1,
        True,
        True,
    )
    decided = services.grant_decide(
        by=coordinator,
        application=application,
        approve=True,
        how="jury",
        amount=Decimal("900"),
        rationale="Der Beirat hat in der Sitzung zugestimmt.",
    )
    assert decided.status == "approved"


def test_online_and_meeting_votes_are_counted_the_same_way_and_once(
    coordinator, application, jury
):
    services.vote_cast(by=jury[0].user, application=application, choice="no")
    services.vote_cast(by=jury[1].user, application=application, choice="yes")
    # Two online votes: below the quorum of 3.
    assert not services.jury_result(application).quorum_reached
    # The meeting: member 0 changes their mind, member 2 votes for the first time.
    _record(coordinator, application, {jury[0].pk: "yes", jury[2].pk: "abstain"})
    result = services.jury_result(application)
    assert (result.yes, result.no, result.abstain) == (2, 0, 1)
    assert result.quorum_reached and result.approved
    assert Vote.objects.filter(application=application).count() == 3


@pytest.mark.parametrize("kind", ["declared", "applicant", "actor member"])
def test_a_conflicted_members_vote_is_refused_and_nothing_is_recorded(
    coordinator, application, jury, kind
):
    member = jury[4]
    if kind == "declared":
        services.conflict_declare(by=member.user, application=application)
    elif kind == "applicant":
        application.applicant = member.user
        application.save()
    else:
        actor = ActorFactory(municipality=application.municipality)
        ActorMember.objects.create(actor=actor, user=member.user)
        application.actor = actor
        application.save()
    with pytest.raises(ValidationError) as exc:
        _record(coordinator, application, {jury[0].pk: "yes", member.pk: "yes"})
    assert f"member_{member.pk}" in exc.value.error_dict
    assert "befangen" in " ".join(exc.value.error_dict[f"member_{member.pk}"][0])
    assert not Vote.objects.filter(application=application).exists()


def test_the_quorum_does_not_count_a_conflicted_member(coordinator, application, jury):
    services.conflict_declare(by=jury[4].user, application=application)
    _record(coordinator, application, {jury[0].pk: "yes", jury[1].pk: "yes"})
    result = services.jury_result(application)
    assert result.taking_part == 2
    assert not result.quorum_reached
    assert result.entitled == 4


def test_a_member_without_a_vote_cannot_be_recorded(coordinator, application, fund):
    silent = JuryMemberFactory(fund=fund, voting=False)
    with pytest.raises(ValidationError) as exc:
        _record(coordinator, application, {silent.pk: "yes"})
    assert f"member_{silent.pk}" in exc.value.error_dict


@pytest.mark.parametrize(
    "days, fragment",
    [(1, "Zukunft"), (-400, "Einreichen")],
)
def test_the_meeting_date_must_make_sense(
    coordinator, application, jury, days, fragment
):
    with pytest.raises(ValidationError) as exc:
        _record(
            coordinator,
            application,
            {jury[0].pk: "yes"},
            held_on=TODAY() + datetime.timedelta(days=days),
        )
    assert fragment in " ".join(exc.value.message_dict["held_on"])
    assert not Vote.objects.exists()


def test_only_the_coordination_records_a_meeting(application, jury):
    with pytest.raises(PermissionDenied):
        _record(jury[0].user, application, {jury[0].pk: "yes"})


def test_no_meeting_once_the_voting_is_closed(coordinator, application, jury):
    application.voting_open = False
    application.save()
    with pytest.raises(ValidationError):
        _record(coordinator, application, {jury[0].pk: "yes"})


def _meeting_url(application):
    return reverse(
        "funds:meeting",
        kwargs={
            "municipality_slug": application.municipality.slug,
            "pk": application.pk,
        },
    )


def test_the_meeting_page_records_the_votes(coordinator, application, jury, client_for):
    services.conflict_declare(by=jury[4].user, application=application)
    client = client_for(coordinator)
    page = client.get(_meeting_url(application)).content.decode()
    assert f'name="member_{jury[0].pk}"' in page
    # The conflicted member is named, without a field to vote.
    assert f'name="member_{jury[4].pk}"' not in page
    assert jury[4].user.public_name in page
    response = client.post(
        _meeting_url(application),
        {
            "held_on": TODAY().isoformat(),
            f"member_{jury[0].pk}": "yes",
            f"member_{jury[1].pk}": "no",
            f"member_{jury[2].pk}": "yes",
            f"member_{jury[4].pk}": "yes",  # forged: not counted
        },
    )
    assert response.status_code == 302
    assert sorted(
        Vote.objects.filter(application=application).values_list("member", flat=True)
    ) == sorted([jury[0].pk, jury[1].pk, jury[2].pk])
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "in der Sitzung am" in detail


def test_the_meeting_page_shows_a_date_error_next_to_the_field(
    coordinator, application, jury, client_for
):
    response = client_for(coordinator).post(
        _meeting_url(application),
        {
            "held_on": (TODAY() + datetime.timedelta(days=3)).isoformat(),
            f"member_{jury[0].pk}": "yes",
        },
    )
    assert response.status_code == 200
    assert "Die Sitzung kann nicht in der Zukunft liegen." in response.content.decode()
    assert not Vote.objects.exists()
