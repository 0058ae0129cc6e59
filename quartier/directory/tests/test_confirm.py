"""'Ist das noch aktuell?': the yearly e-mails and the signed one-click links."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.models import AuditEntry
from quartier.directory.confirmation_links import SALT, make_token
from quartier.directory.confirmations import confirmations_send
from quartier.directory.models import Service
from quartier.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)


@pytest.fixture
def provider(municipality):
    actor = ActorFactory(
        municipality=municipality,
        name="Sportverein Sonnenberg e.V.",
        email="info@sportverein.example",
    )
    ActorMember.objects.create(
        actor=actor, user=UserFactory(email="vorstand@sportverein.example")
    )
    return actor


@pytest.fixture
def old_service(municipality, provider):
    return ServiceFactory(
        municipality=municipality,
        provider=provider,
        name="Rückenfit am Mittwoch",
        last_confirmed_at=LONG_AGO,
    )


def confirm_url(service, token=None):
    return reverse(
        "directory:confirm",
        kwargs={
            "municipality_slug": "musterstadt",
            "token": token or make_token(service),
        },
    )


# ---------------------------------------------------------------------------
# Sending


def test_providers_get_one_mail_per_address_listing_their_due_offerings(
    municipality, provider, old_service
):
    second = ServiceFactory(
        municipality=municipality,
        provider=provider,
        name="Lauftreff für Einsteiger",
        last_confirmed_at=None,
    )
    Service.objects.filter(pk=second.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=500)
    )
    ServiceFactory(
        municipality=municipality, provider=provider, name="Frisch bestätigt"
    )
    ServiceFactory(
        municipality=municipality,
        provider=provider,
        name="Längst eingestellt",
        status="defunct",
        last_confirmed_at=LONG_AGO,
    )

    sent, asked = confirmations_send()

    assert (sent, asked) == (2, 2)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "info@sportverein.example",
        "vorstand@sportverein.example",
    ]
    body = mail.outbox[0].body
    assert "Rückenfit am Mittwoch" in body and "Lauftreff für Einsteiger" in body
    assert "Frisch bestätigt" not in body and "Längst eingestellt" not in body
    links = re.findall(r"http://\S+/musterstadt/directory/confirm/\S+/", body)
    assert len(links) == 2
    assert "Musterstadt" in mail.outbox[0].subject


def test_a_second_run_sends_nothing_and_a_month_later_reminds(
    municipality, provider, old_service
):
    assert confirmations_send()[0] == 2
    assert confirmations_send()[0] == 2 - 2  # same day: nothing new
    assert len(mail.outbox) == 2

    in_a_month = timezone.now() + datetime.timedelta(days=31)
    assert confirmations_send(now=in_a_month)[0] == 2
    assert (
        AuditEntry.objects.filter(action="directory.confirmation_requested").count()
        == 2
    )


def test_without_partners_or_provider_address_the_offering_address_is_used(
    municipality,
):
    actor = ActorFactory(municipality=municipality, email="")
    ServiceFactory(
        municipality=municipality,
        provider=actor,
        email="kurs@angebot.example",
        last_confirmed_at=LONG_AGO,
    )

    confirmations_send()

    assert [m.to for m in mail.outbox] == [["kurs@angebot.example"]]


def test_the_management_command_sends(municipality, provider, old_service, capsys):
    call_command("send_directory_confirmations", municipality="musterstadt")

    assert len(mail.outbox) == 2
    assert "2 e-mail(s)" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# The link


def test_get_shows_a_button_and_changes_nothing(client_for, old_service):
    response = client_for(None).get(confirm_url(old_service))

    assert response.status_code == 200
    assert 'id="confirm-form"' in response.content.decode()
    assert "Rückenfit am Mittwoch" in response.content.decode()
    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == LONG_AGO


def test_post_confirms_once(client_for, old_service):
    client = client_for(None)
    url = confirm_url(old_service)

    response = client.post(url)

    assert response.status_code == 200
    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == TODAY
    assert AuditEntry.objects.filter(action="directory.confirm_service").count() == 1

    again = client.post(url)
    assert again.status_code == 200
    assert 'id="confirm-form"' not in again.content.decode()
    assert AuditEntry.objects.filter(action="directory.confirm_service").count() == 1
    # GET of a used link shows no button either.
    assert 'id="confirm-form"' not in client.get(url).content.decode()


def test_a_link_from_the_mail_works(client_for, provider, old_service):
    confirmations_send()
    link = re.search(
        r"http://\S+(/musterstadt/directory/confirm/\S+/)", mail.outbox[0].body
    )

    client_for(None).post(link.group(1))

    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == TODAY


def test_an_expired_link_says_so_and_changes_nothing(client_for, old_service, settings):
    token = make_token(old_service)
    later = timezone.now() + datetime.timedelta(days=31)
    import time

    real = time.time
    client = client_for(None)
    try:
        time.time = lambda: later.timestamp()
        get = client.get(confirm_url(old_service, token))
        post = client.post(confirm_url(old_service, token))
    finally:
        time.time = real

    assert get.status_code == 410 and post.status_code == 410
    assert 'id="confirm-form"' not in get.content.decode()
    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == LONG_AGO


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "nonsense",
        lambda t: signing.TimestampSigner(salt="something-else").sign_object(
            signing.TimestampSigner(salt=SALT).unsign_object(t)
        ),
    ],
    ids=["tampered", "garbage", "other-salt"],
)
def test_a_tampered_link_is_refused(client_for, old_service, mangle):
    token = mangle(make_token(old_service))
    client = client_for(None)

    get = client.get(confirm_url(old_service, token))
    post = client.post(confirm_url(old_service, token))

    assert get.status_code == 400 and post.status_code == 400
    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == LONG_AGO


def test_a_link_does_not_work_in_another_municipality(
    client_for, old_service, other_municipality
):
    url = reverse(
        "directory:confirm",
        kwargs={"municipality_slug": "beispielheim", "token": make_token(old_service)},
    )

    assert client_for(None).post(url).status_code == 400
    old_service.refresh_from_db()
    assert old_service.last_confirmed_at == LONG_AGO
