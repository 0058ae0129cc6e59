"""E-mails in the recipient's language (core/tasks.py queue_email, mail_language)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.utils import translation

from quartier.accounts.models import MembershipRequest
from quartier.accounts.services import membership_request_decide
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core import tasks
from quartier.core.tasks import mail_language, queue_email


def _decide(municipality, person):
    coordinator = MembershipFactory(municipality=municipality, role="coordinator").user
    request = MembershipRequest.objects.create(municipality=municipality, user=person)
    with translation.override("de"):  # the coordinator works in German
        membership_request_decide(
            by=coordinator, membership_request=request, approve=True
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("preferred", "subject"),
    [("en", "Welcome to"), ("de", "Willkommen in"), ("", "Willkommen in")],
)
def test_a_member_gets_the_mail_in_their_preferred_language(
    municipality, preferred, subject
):
    person = UserFactory(preferred_language=preferred)
    _decide(municipality, person)
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert f"{subject} {municipality.name}" in message.subject


@pytest.mark.django_db
def test_a_turkish_speaker_s_mail_is_rendered_under_turkish(municipality):
    # Independent of how far the Turkish catalogue is: the subject and the body are
    # looked up while Turkish is active.
    person = UserFactory(preferred_language="tr")
    seen = []
    real = tasks.render_to_string

    def spy(*args, **kwargs):
        seen.append(translation.get_language())
        return real(*args, **kwargs)

    with mock.patch.object(tasks, "render_to_string", spy):
        _decide(municipality, person)
    assert seen == ["tr"]


@pytest.mark.django_db
def test_a_guest_gets_the_language_of_the_page_they_used():
    with translation.override("uk"):
        assert mail_language("guest@example.org") == "uk"
    with translation.override("fr"):  # not ours: the municipality's default
        assert mail_language("guest@example.org") == "de"


@pytest.mark.django_db
def test_recipients_of_one_mail_each_get_their_own_language():
    english = UserFactory(preferred_language="en")
    german = UserFactory(preferred_language="")
    queue_email(
        to=[english.email, german.email],
        subject=tasks.lazy_subject(
            translation.gettext_lazy("Welcome to %(name)s"), name="X"
        ),
        template="accounts/email/membership_decided.txt",
        context={"approved": True, "municipality": {"name": "X"}, "link": "/"},
    )
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    assert "Welcome to X" in subjects[(english.email,)]
    assert "Willkommen in X" in subjects[(german.email,)]
