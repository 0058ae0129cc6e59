"""“Meine Übersicht”: the registry of queues, and the page built from it."""

from __future__ import annotations

import datetime

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.core import worklist

pytestmark = pytest.mark.django_db

URL = "/musterstadt/overview/"

# Every registered queue, and the test below that proves it shows its rows. A new
# queue fails test_every_registered_queue_is_complete_and_tested until it is added
# here and to the data of `everything`.
TESTED = {
    "accounts.membership_requests",
    "actors.tie_proposals",  # actors/tests/test_ties.py (partners, not coordinators)
    "participation.to_answer",
    "participation.to_moderate",
    "participation.mine",
    "participation.supported",
    "rooms.requests",
    "rooms.mine",
    "funds.to_precheck",
    "funds.mine",
    "funds.early_starts",  # funds/tests/test_legal.py
    "forums.decisions_due",
    "forums.meetings_to_review",
    "forums.my_registrations",
    "learning.my_time",
    "roles.consent_wanted",  # roles/tests/test_roles.py
    "stories.to_moderate",  # stories/tests/test_worklist.py
    "stories.to_pick",  # stories/tests/test_worklist.py
    "legal.accessibility_feedback",
    "initiatives.follow_ups",  # initiatives/tests/test_follow_ups.py
    "initiatives.my_follow_ups",  # initiatives/tests/test_follow_ups.py
    "translations.requested",  # translations/tests/test_translations_flow.py
}


def test_every_registered_queue_is_complete_and_tested():
    assert set(worklist.QUEUES) == TESTED
    for key, queue in worklist.QUEUES.items():
        assert str(queue.label).strip(), key
        assert str(queue.empty).strip(), key
        assert queue.audience in (worklist.WORK, worklist.MINE), key
        if queue.audience == worklist.WORK or queue.perm:
            assert rules.perm_exists(queue.perm), key
        if queue.url_name:
            reverse(queue.url_name, kwargs={"municipality_slug": "musterstadt"})


def test_a_work_queue_without_a_permission_is_refused():
    with pytest.raises(ValueError):
        worklist.register(
            worklist.Queue(
                key="x.y",
                label="x",
                audience=worklist.WORK,
                rows=lambda user, municipality: None,
                entry=lambda row: None,
            )
        )
    assert "x.y" not in worklist.QUEUES


def everything(municipality, neighborhood, resident, coordinator, n=1):
    """n rows for every queue, the resident's own and the coordination's."""
    from quartier.accounts.models import MembershipRequest
    from quartier.accounts.tests.factories import UserFactory
    from quartier.forums.tests.factories import (
        DecisionFactory,
        MeetingFactory,
        RegistrationFactory,
    )
    from quartier.funds.tests.factories import ApplicationFactory, CallFactory
    from quartier.learning.models import TimeTrackingSetting
    from quartier.learning.tests.factories import TimeEntryFactory
    from quartier.legal.models import AccessibilityFeedback
    from quartier.participation.tests.factories import (
        ContributionFactory,
        SupportFactory,
    )
    from quartier.rooms.tests.factories import BookingFactory, RoomFactory

    call = CallFactory(fund__municipality=municipality)
    room = RoomFactory(municipality=municipality)
    # Time entries are off until an admin confirms the staff council's agreement.
    TimeTrackingSetting.objects.get_or_create(
        municipality=municipality, defaults={"mode": "agreement"}
    )
    for i in range(n):
        MembershipRequest.objects.create(
            municipality=municipality,
            user=UserFactory(display_name=f"Neuzugang {i}"),
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            author=resident,
            title=f"Unbeantwortet {i}",
        )
        ContributionFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            moderation="pending",
            title=f"Zur Freigabe {i}",
        )
        SupportFactory(
            contribution=ContributionFactory(
                municipality=municipality,
                neighborhood=neighborhood,
                title=f"Unterstützt {i}",
            ),
            user=resident,
            email="",
        )
        BookingFactory(
            room=room,
            requested_by=resident,
            status="requested",
            purpose=f"Probe Chor {i}",
            starts_at=timezone.now() + datetime.timedelta(days=10 + i),
            ends_at=timezone.now() + datetime.timedelta(days=10 + i, hours=2),
        )
        ApplicationFactory(call=call, applicant=resident, title=f"Hoffest {i}")
        DecisionFactory(
            agenda_item__meeting__forum__municipality=municipality,
            text=f"Beschluss fällig {i}",
            due_date=timezone.localdate() - datetime.timedelta(days=1),
        )
        RegistrationFactory(
            meeting__forum__municipality=municipality,
            meeting__title=f"Quartiersforum {i}",
            user=resident,
        )
        MeetingFactory(
            forum__municipality=municipality,
            title=f"Vorgeschlagenes Treffen {i}",
            status="proposed",
            proposed_by=resident,
        )
        TimeEntryFactory(
            municipality=municipality, person=resident, category="moderation"
        )
        AccessibilityFeedback.objects.create(
            municipality=municipality,
            text=f"Barriere gemeldet {i}",
            due_on=timezone.localdate(),
        )


def test_the_coordination_sees_what_is_waiting_for_it(
    client_for, municipality, neighborhood, resident, coordinator
):
    everything(municipality, neighborhood, resident, coordinator)

    html = client_for(coordinator).get(URL).content.decode()

    for text in (
        "Unbeantwortet 0",  # the inbox of contributions to answer
        "Zur Freigabe 0",  # moderation
        "Probe Chor 0",  # booking requests
        "Hoffest 0",  # applications to pre-check
        "Beschluss fällig 0",  # decisions due
        "Neuzugang 0",  # a request to join
        "Barriere gemeldet 0",  # accessibility feedback to answer
        "Vorgeschlagenes Treffen 0",  # a meeting a member called, to approve
    ):
        assert text in html, text


def test_a_resident_sees_her_own_things_and_no_work_queue(
    client_for, municipality, neighborhood, resident, coordinator
):
    everything(municipality, neighborhood, resident, coordinator)

    html = client_for(resident).get(URL).content.decode()

    for text in (
        "Unbeantwortet 0",  # her contribution
        "Unterstützt 0",  # her support
        "Probe Chor 0",  # her booking
        "Hoffest 0",  # her application
        "Quartiersforum 0",  # her registration
    ):
        assert text in html, text
    assert "Zur Freigabe 0" not in html
    assert "Beschluss fällig 0" not in html
    assert 'id="q-work"' not in html


def test_my_own_and_my_organisations_applications_are_not_in_my_precheck_queue(
    client_for, municipality, coordinator
):
    from quartier.funds.tests.factories import ApplicationFactory, CallFactory

    ApplicationFactory(
        call=CallFactory(fund__municipality=municipality),
        applicant=coordinator,
        title="Mein eigenes Projekt",
    )
    from quartier.actors.models import ActorMember
    from quartier.actors.tests.factories import ActorFactory

    club = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=club, user=coordinator)
    ApplicationFactory(
        call=CallFactory(fund__municipality=municipality),
        actor=club,
        title="Projekt meines Vereins",
    )
    filled = {
        f.queue.key: f for f in worklist.fill(coordinator, municipality, worklist.WORK)
    }
    assert filled["funds.to_precheck"].count == 0


def test_the_overview_costs_the_same_queries_with_more_data(
    client_for, municipality, neighborhood, resident, coordinator
):
    everything(municipality, neighborhood, resident, coordinator, n=1)
    client = client_for(coordinator)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    everything(municipality, neighborhood, resident, coordinator, n=8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


def test_nothing_of_another_municipality_appears(
    client_for, other_municipality, resident
):
    from quartier.core.tests.factories import NeighborhoodFactory
    from quartier.participation.tests.factories import ContributionFactory

    ContributionFactory(
        municipality=other_municipality,
        neighborhood=NeighborhoodFactory(municipality=other_municipality),
        author=resident,
        title="In Beispielheim geschrieben",
    )

    html = client_for(resident).get(URL).content.decode()

    assert "In Beispielheim geschrieben" not in html


def test_guests_are_sent_to_sign_in(client, municipality):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signing_in_leads_to_my_overview(client_for, resident):
    response = client_for(resident).get("/accounts/start/")
    assert response.status_code == 302
    assert response["Location"] == URL
