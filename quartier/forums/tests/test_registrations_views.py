"""Registration pages: the form on the meeting page, waiting list messages,
cancellation with move-up, and the moderation's list with the needs."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.forums.models import Registration
from quartier.forums.tests.factories import (
    ForumFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(municipality):
    return MeetingFactory(
        forum=ForumFactory(municipality=municipality, slug="sonnenberg"), capacity=1
    )


def url(name, meeting):
    return reverse(
        name, kwargs={"municipality_slug": meeting.municipality.slug, "pk": meeting.pk}
    )


def test_resident_registers_with_needs_from_the_form(client_for, resident, meeting):
    response = client_for(resident).post(
        url("forums:register", meeting),
        {"needs": ["sign_language", "childcare"], "note": "Zwei Kinder"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    registration = Registration.objects.get(meeting=meeting, user=resident)
    assert registration.status == "confirmed"
    assert registration.needs == ["sign_language", "childcare"]
    assert registration.note == "Zwei Kinder"
    assert len(mail.outbox) == 1


def test_the_meeting_page_shows_the_form_then_the_registration_and_calendar_links(
    client_for, resident, meeting
):
    client = client_for(resident)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert url("forums:register", meeting) in page
    assert 'name="needs"' in page
    assert url("forums:meeting_ics", meeting) in page
    assert f"/musterstadt/forums/{meeting.forum.slug}/calendar.ics" in page
    client.post(url("forums:register", meeting), {})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert url("forums:unregister", meeting) in page
    assert 'name="needs"' not in page


def test_guests_are_asked_to_sign_in_on_the_meeting_page(client, meeting):
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "/accounts/login/?next=" in page
    assert 'name="needs"' not in page


def test_a_full_meeting_tells_the_person_they_are_on_the_waiting_list(
    client_for, resident, meeting
):
    RegistrationFactory(meeting=meeting, status="confirmed")
    response = client_for(resident).post(
        url("forums:register", meeting), {}, follow=True
    )
    assert Registration.objects.get(user=resident).status == "waitlisted"
    assert "waiting list" in response.content.decode() or "Warteliste" in (
        response.content.decode()
    )


def test_a_second_registration_shows_a_message_and_changes_nothing(
    client_for, resident, meeting
):
    client = client_for(resident)
    client.cookies["django_language"] = "en"  # assert the English source text
    client.post(url("forums:register", meeting), {})
    response = client.post(url("forums:register", meeting), {"note": "nochmal"})
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert Registration.objects.filter(user=resident).count() == 1
    assert Registration.objects.get(user=resident).note == ""


def test_interpretation_without_a_language_is_shown_next_to_the_field(
    client_for, resident, meeting
):
    response = client_for(resident).post(
        url("forums:register", meeting), {"needs": ["spoken_language"], "note": "x"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="registration_language_error"' in content
    assert 'value="spoken_language" class="kern-form-check__checkbox"' in content
    assert not Registration.objects.exists()


def test_registration_for_a_cancelled_meeting_is_refused(client_for, resident, meeting):
    meeting.status = "cancelled"
    meeting.save()
    client = client_for(resident)
    client.cookies["django_language"] = "en"  # assert the English source text
    response = client.post(url("forums:register", meeting), {})
    assert response.status_code == 200
    assert "cancelled" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_frees_the_place_for_the_first_on_the_waiting_list(
    client_for, resident, meeting
):
    mine = RegistrationFactory(meeting=meeting, user=resident, status="confirmed")
    waiting = RegistrationFactory(meeting=meeting, status="waitlisted")
    response = client_for(resident).post(url("forums:unregister", meeting))
    assert response.status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == "cancelled"
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]


def test_the_moderation_sees_people_and_needs_counted(client_for, coordinator, meeting):
    meeting.capacity = 3
    meeting.save()
    RegistrationFactory(
        meeting=meeting,
        needs=["step_free", "spoken_language"],
        language="Türkisch",
        user=UserFactory(display_name="Ayşe"),
    )
    RegistrationFactory(meeting=meeting, needs=["step_free"])
    RegistrationFactory(meeting=meeting, needs=["childcare"], status="waitlisted")
    RegistrationFactory(meeting=meeting, needs=["childcare"], status="cancelled")
    response = client_for(coordinator).get(url("forums:registrations", meeting))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ayşe" in content
    assert "Türkisch" in content
    rows = {
        label: (confirmed, waiting)
        for label, confirmed, waiting in response.context["need_summary"]
    }
    # In the order of models.Need: step-free, sign language, spoken language, childcare.
    assert list(rows.values()) == [(2, 0), (0, 0), (1, 0), (0, 1)]
    assert response.context["confirmed_count"] == 2
    assert response.context["waitlisted_count"] == 1


def test_the_registrations_list_runs_the_same_queries_for_few_and_many(
    client_for, coordinator, meeting
):
    client = client_for(coordinator)
    RegistrationFactory.create_batch(2, meeting=meeting, needs=["childcare"])
    with CaptureQueriesContext(connection) as small:
        client.get(url("forums:registrations", meeting))
    RegistrationFactory.create_batch(40, meeting=meeting, needs=["step_free"])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("forums:registrations", meeting))
    assert len(response.context["registrations"]) == 42
    assert len(large) == len(small)
