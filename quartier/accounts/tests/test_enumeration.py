"""Sign-up does the same work whether or not the address is registered, and allauth's
mails and pages name the person, not "Mitglied" (docs/security.md)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from quartier.accounts import adapter
from quartier.accounts.tests.helpers import link_in, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "Sonnenberg-Quartier-2031"


@pytest.fixture
def work(monkeypatch):
    """Counts the expensive operations: password hashing and queued mails."""
    counted = {"hashes": 0, "queued": 0}
    real_encode = MD5PasswordHasher.encode
    real_queue = adapter.send_email

    def encode(self, password, salt):
        counted["hashes"] += 1
        return real_encode(self, password, salt)

    class CountingTask:
        def enqueue(self, **kwargs):
            counted["queued"] += 1
            return real_queue.enqueue(**kwargs)

    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    monkeypatch.setattr(adapter, "send_email", CountingTask())
    return counted


def sign_up(client, email, municipality):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "municipality": municipality.pk,
        },
    )


def test_an_existing_address_costs_as_much_as_a_new_one(
    client, resident, municipality, work
):
    sign_up(client, "neu@test.example", municipality)
    new_path = dict(work)
    work.update(hashes=0, queued=0)
    client.cookies.pop("sessionid", None)

    sign_up(client, resident.email, municipality)

    assert new_path["hashes"] >= 1
    assert work == new_path
    assert [m.to for m in mail.outbox][-1] == [resident.email]


def test_the_confirmation_mail_and_pages_name_the_person(client, municipality):
    sign_up(client, "neu@test.example", municipality)
    (confirmation,) = [m for m in mail.outbox if m.to == ["neu@test.example"]]
    assert "Mitglied" not in confirmation.body
    assert "weil mit Ihrer E-Mail-Adresse ein Konto bei testserver angelegt" in (
        " ".join(confirmation.body.split())
    )
    page = client.get(link_in(confirmation.body)).content.decode()
    assert "Mitglied" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    client.post(link_in(confirmation.body))
    client.post("/accounts/logout/")
    signed_in = sign_in(client, "neu@test.example", PASSWORD)
    shown = [str(m) for m in signed_in.wsgi_request._messages]
    assert "Sie sind als neu@test.example angemeldet." in shown
    assert not [message for message in shown if "Mitglied" in message]


def test_a_chosen_name_is_used_where_allauth_names_the_person(resident):
    from allauth.account.utils import user_display

    resident.display_name = "Aylin D."
    assert user_display(resident) == "Aylin D."
    resident.display_name = ""
    assert user_display(resident) == resident.email
