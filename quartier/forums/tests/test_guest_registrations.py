"""Guests register for public meetings without an account (issue 12): double
opt-in with a signed, expiring, single-use link; only confirmed registrations take
places; the waiting list moves up across members and guests; guests cancel with the
link of their mail; the form is rate-limited and has participation's spam checks."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from quartier.forums import guest_links
from quartier.forums.models import Registration
from quartier.forums.services.guests import (
    guest_registration_cancel,
    guest_registration_confirm,
    guest_registration_create,
)
from quartier.forums.services.registrations import (
    registration_cancel,
    registration_create,
)
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_quick(settings):
    from django.utils import translation

    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    with translation.override("en"):
        yield


@pytest.fixture
def meeting(municipality):
    return MeetingFactory(forum=ForumFactory(municipality=municipality), capacity=1)


def _guest(meeting, name="Fatma Yilmaz", email="Fatma@Test.example", **extra):
    from django.contrib.auth.models import AnonymousUser

    return guest_registration_create(
        by=AnonymousUser(), meeting=meeting, name=name, email=email, **extra
    )


def _link_token(message, action):
    path = re.search(rf"/meetings/registration/{action}/(\S+)/", message.body)
    assert path, message.body
    return path.group(1)


def test_a_guest_registration_waits_for_the_confirmation_mail(meeting):
    registration = _guest(meeting, needs=["step_free"])
    registration.refresh_from_db()
    assert registration.status == "pending"
    assert registration.user is None
    assert registration.guest_email == "fatma@test.example"
    assert registration.needs == ["step_free"]
    message = mail.outbox[-1]
    assert message.to == ["fatma@test.example"]
    token = _link_token(message, "confirm")
    guest_registration_confirm(token=token)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert mail.outbox[-1].to == ["fatma@test.example"]
    assert "/meetings/registration/cancel/" in mail.outbox[-1].body


def test_a_tampered_link_is_refused(meeting):
    registration = _guest(meeting)
    token = _link_token(mail.outbox[-1], "confirm")
    forged = signing.dumps(
        {"r": registration.pk, "e": registration.guest_email, "a": "confirm"},
        salt="another.salt",
    )
    for bad in (
        token[:-2] + "xx",
        forged,
        guest_links.make_token(registration, "cancel"),
    ):
        with pytest.raises(Exception) as exc:
            guest_registration_confirm(token=bad)
        assert "not valid" in str(exc.value)
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_an_expired_link_is_refused(meeting):
    registration = _guest(meeting)
    token = _link_token(mail.outbox[-1], "confirm")
    later = timezone.now() + datetime.timedelta(
        hours=guest_links.GUEST_CONFIRM_HOURS, minutes=1
    )
    import time

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time", lambda: later.timestamp())
        with pytest.raises(Exception) as exc:
            guest_registration_confirm(token=token)
    assert "expired" in str(exc.value)
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_a_link_works_once(meeting):
    registration = _guest(meeting)
    token = _link_token(mail.outbox[-1], "confirm")
    guest_registration_confirm(token=token)
    sent = len(mail.outbox)
    with pytest.raises(Exception) as exc:
        guest_registration_confirm(token=token)
    assert "already been used" in str(exc.value)
    assert len(mail.outbox) == sent
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_only_confirmed_registrations_take_places(meeting, resident):
    _guest(meeting)  # unconfirmed: holds no place
    member = registration_create(by=resident, meeting=meeting)
    assert member.status == "confirmed"
    guest = Registration.objects.get(guest_email="fatma@test.example")
    guest_registration_confirm(token=guest_links.make_token(guest, "confirm"))
    guest.refresh_from_db()
    assert guest.status == "waitlisted"  # the one place went to the member


def test_the_waiting_list_moves_up_across_members_and_guests(meeting, resident):
    member = registration_create(by=resident, meeting=meeting)
    guest = _guest(meeting)
    guest_registration_confirm(token=guest_links.make_token(guest, "confirm"))
    second = _guest(meeting, name="Jonas", email="jonas@test.example")
    guest_registration_confirm(token=guest_links.make_token(second, "confirm"))
    mail.outbox.clear()
    promoted = registration_cancel(by=resident, registration=member)
    assert [r.pk for r in promoted] == [guest.pk]
    guest.refresh_from_db()
    assert guest.status == "confirmed"
    assert mail.outbox[-1].to == ["fatma@test.example"]
    assert "/meetings/registration/cancel/" in mail.outbox[-1].body
    # The guest cancels with the link of the mail: the next guest moves up.
    token = _link_token(mail.outbox[-1], "cancel")
    mail.outbox.clear()
    promoted = guest_registration_cancel(token=token)
    assert [r.pk for r in promoted] == [second.pk]
    guest.refresh_from_db()
    assert guest.status == "cancelled"
    assert mail.outbox[-1].to == ["jonas@test.example"]
    with pytest.raises(Exception) as exc:
        guest_registration_cancel(token=token)
    assert "already cancelled" in str(exc.value)


def test_a_member_moves_up_when_a_guest_cancels(meeting, resident):
    guest = _guest(meeting)
    guest_registration_confirm(token=guest_links.make_token(guest, "confirm"))
    member = registration_create(by=resident, meeting=meeting)
    assert member.status == "waitlisted"
    guest_registration_cancel(token=guest_links.make_token(guest, "cancel"))
    member.refresh_from_db()
    assert member.status == "confirmed"
    assert mail.outbox[-1].to == [resident.email]


def test_one_registration_per_meeting_and_address(meeting):
    guest = _guest(meeting)
    again = _guest(meeting, email="FATMA@test.example")
    assert again.pk == guest.pk  # unconfirmed: a new link
    guest_registration_confirm(token=guest_links.make_token(guest, "confirm"))
    with pytest.raises(Exception) as exc:
        _guest(meeting, email="fatma@test.example")
    assert "already registered" in str(exc.value)
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_the_database_wants_a_member_or_a_guest_address(meeting, resident):
    from django.db import IntegrityError, transaction

    base = {"municipality": meeting.municipality, "meeting": meeting}
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(**base, status="pending")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            **base, user=resident, guest_email="x@test.example", status="confirmed"
        )
    Registration.objects.create(**base, guest_email="x@test.example", status="pending")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            **base, guest_email="x@test.example", status="pending"
        )


def test_members_only_forums_and_proposals_take_no_guests(municipality):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    hidden = MeetingFactory(
        forum=ForumFactory(municipality=municipality, visibility="members")
    )
    proposed = MeetingFactory(
        forum=ForumFactory(municipality=municipality), status="proposed"
    )
    for meeting in (hidden, proposed):
        with pytest.raises(PermissionDenied):
            guest_registration_create(
                by=AnonymousUser(), meeting=meeting, name="A", email="a@test.example"
            )


# --- views ---------------------------------------------------------------------


def _form_url(meeting):
    return reverse(
        "forums:guest_register",
        kwargs={"municipality_slug": "musterstadt", "pk": meeting.pk},
    )


def _form_data(client, meeting, **extra):
    page = client.get(_form_url(meeting)).content.decode()
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    return {
        "name": "Fatma Yilmaz",
        "email": "fatma@test.example",
        "needs": ["childcare"],
        "note": "Mit Kinderwagen",
        "started": started,
        "website": "",
        **extra,
    }


def test_the_guest_registers_confirms_and_cancels_through_the_pages(client, meeting):
    response = client.post(_form_url(meeting), _form_data(client, meeting))
    assert response.status_code == 302
    registration = Registration.objects.get(guest_email="fatma@test.example")
    assert registration.status == "pending"
    assert registration.note == "Mit Kinderwagen"
    body = mail.outbox[-1].body
    confirm = re.search(r"https?://[^/]+(/\S+/confirm/\S+/)", body).group(1)
    # Opening the link changes nothing (mail scanners); the button confirms.
    assert client.get(confirm).status_code == 200
    registration.refresh_from_db()
    assert registration.status == "pending"
    assert client.post(confirm).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert client.post(confirm).status_code == 400  # used
    cancel = re.search(r"https?://[^/]+(/\S+/cancel/\S+/)", mail.outbox[-1].body)
    assert client.post(cancel.group(1)).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_bad_input_shows_german_messages_and_keeps_what_was_typed(client, meeting):
    from django.utils import translation

    with translation.override("de"):
        data = _form_data(client, meeting, email="keine-adresse", name="Fatma Yilmaz")
        data["needs"] = ["spoken_language"]
        response = client.post(_form_url(meeting), data, HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fatma Yilmaz" in html and "keine-adresse" in html
    assert "gültige E-Mail-Adresse" in html
    assert "in welche Sprache gedolmetscht werden soll" in html
    assert not Registration.objects.exists()


def test_the_honeypot_gets_the_same_answer_and_writes_nothing(client, meeting):
    response = client.post(
        _form_url(meeting), _form_data(client, meeting, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_replayed_form_is_refused(client, meeting):
    data = _form_data(client, meeting)
    assert client.post(_form_url(meeting), data).status_code == 302
    data["email"] = "jonas@test.example"
    response = client.post(_form_url(meeting), data)
    assert response.status_code == 200
    assert not Registration.objects.filter(guest_email="jonas@test.example").exists()


def test_the_form_is_rate_limited_per_address(client, meeting, settings):
    settings.PARTICIPATION_RATE_LIMIT_IP = 2
    for n in range(2):
        data = _form_data(client, meeting, email=f"gast{n}@test.example")
        assert client.post(_form_url(meeting), data).status_code == 302
    data = _form_data(client, meeting, email="gast9@test.example")
    response = client.post(_form_url(meeting), data)
    assert response.status_code == 429
    assert "zu viele Anmeldungen" in response.content.decode()
    assert Registration.objects.count() == 2


def test_moderators_see_guests_in_the_lists(
    client_for, municipality, partner, resident
):
    forum = ForumFactory(municipality=municipality)
    ForumMemberFactory(forum=forum, user=partner, role="moderation")
    meeting = MeetingFactory(forum=forum, capacity=5)
    confirmed = _guest(meeting, name="Gast Bestätigt", email="ja@test.example")
    guest_registration_confirm(token=guest_links.make_token(confirmed, "confirm"))
    _guest(meeting, name="Gast Offen", email="offen@test.example")
    registration_create(by=resident, meeting=meeting)
    client = client_for(partner)
    kwargs = {"municipality_slug": "musterstadt", "pk": meeting.pk}
    html = client.get(reverse("forums:registrations", kwargs=kwargs)).content.decode()
    assert "Gast Bestätigt" in html and "ja@test.example" in html
    assert resident.email in html
    assert "Gast Offen" not in html  # unconfirmed: counted, not listed
    html = client.get(reverse("forums:attendance", kwargs=kwargs)).content.decode()
    assert "Gast Bestätigt" in html
    assert "Gast Offen" not in html


def test_confirmed_guests_get_the_reminder_with_their_cancel_link(municipality):
    from quartier.forums.services.registrations import reminders_send

    meeting = MeetingFactory(
        forum=ForumFactory(municipality=municipality),
        starts_at=timezone.now() + datetime.timedelta(hours=30),
    )
    guest = _guest(meeting)
    _guest(meeting, name="Offen", email="offen@test.example")  # never confirmed
    guest_registration_confirm(token=guest_links.make_token(guest, "confirm"))
    mail.outbox.clear()
    assert reminders_send() == 1
    assert mail.outbox[-1].to == ["fatma@test.example"]
    assert "/meetings/registration/cancel/" in mail.outbox[-1].body
