"""Forum notifications in the recipient's language (issue 20, docs/languages.md).

A German coordinator's action queues the events; the weekly digest is written
days later for each member in their preferred language — sentence, dates, subject
— not in the language of the person who caused the event. The immediate mail too.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.forums.models import NotificationPreference, PendingNotification
from quartier.forums.services.meetings import agenda_publish
from quartier.forums.services.notifications import send_digests
from quartier.forums.tests.factories import (
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 3, 14)


def _member(forum, language, frequency="weekly"):
    user = UserFactory(
        email=f"{language}-{frequency}@test.example", preferred_language=language
    )
    MembershipFactory(user=user, municipality=forum.municipality, role="resident")
    ForumMemberFactory(forum=forum, user=user)
    NotificationPreference.objects.create(user=user, forum=forum, frequency=frequency)
    return user


def _mail_to(user):
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


@pytest.fixture
def meeting(municipality, coordinator):
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    start = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(18)))
    return MeetingFactory(forum=forum, title="Frühjahrstreffen", starts_at=start)


def _day_in(language):
    with translation.override(language):
        return formats.date_format(DAY, "SHORT_DATE_FORMAT")


def test_the_digest_is_written_in_each_member_s_language(meeting, coordinator):
    forum = meeting.forum
    turkish, arabic, german = (_member(forum, code) for code in ("tr", "ar", "de"))
    with translation.override("de"):  # the coordinator works in German
        agenda_publish(by=coordinator, meeting=meeting)
    assert PendingNotification.objects.count() == 3
    mail.outbox.clear()
    with translation.override("de"):  # the weekly run's own language is no matter
        assert send_digests() == 3

    body = _mail_to(turkish).body
    assert f"“Frühjahrstreffen” ({_day_in('tr')}) gündemi yayımlandı." in body
    assert "Forumlardan haftalık özetiniz" in _mail_to(turkish).subject
    assert "veröffentlicht" not in body

    body = _mail_to(arabic).body
    assert _day_in("ar") != _day_in("de")
    assert f"تم نشر جدول أعمال «Frühjahrstreffen» ({_day_in('ar')})." in body
    assert "ملخصكم الأسبوعي من المنتديات" in _mail_to(arabic).subject

    body = _mail_to(german).body
    assert (
        "Die Tagesordnung von „Frühjahrstreffen“ (14.03.2030) ist veröffentlicht."
        in body
    )
    assert "Ihre wöchentliche Zusammenfassung aus den Foren" in _mail_to(german).subject


def test_the_immediate_mail_is_in_the_recipient_s_language_too(meeting, coordinator):
    turkish = _member(meeting.forum, "tr", frequency="immediately")
    mail.outbox.clear()
    with translation.override("de"):
        agenda_publish(by=coordinator, meeting=meeting)
    body = _mail_to(turkish).body
    assert f"“Frühjahrstreffen” ({_day_in('tr')}) gündemi yayımlandı." in body
    assert "veröffentlicht" not in body


def test_a_digest_row_queued_before_the_sentence_was_kept_shows_its_text(
    meeting,
):
    turkish = _member(meeting.forum, "tr")
    PendingNotification.objects.create(
        user=turkish,
        forum=meeting.forum,
        event="meeting_created",
        text="Neue Sitzung am 14.03.2030",
        url="https://quartier.example/x/",
    )
    mail.outbox.clear()
    assert send_digests() == 1
    assert "Neue Sitzung am 14.03.2030" in _mail_to(turkish).body
