"""The session store (accounts/session_store.py): Django's database sessions with
the read on every request written out. Same table and data as Django's own store,
so sessions written by either are read by the other; an expired, deleted or
unknown session is no session, from the next request on."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.accounts.session_store import SessionStore

pytestmark = pytest.mark.django_db


def _saved_by_django(**data) -> str:
    store = DjangoStore()
    store.update(data)
    store.save()
    return store.session_key


def test_the_store_is_the_one_configured():
    assert settings.SESSION_ENGINE == "quartier.accounts.session_store"


def test_a_session_written_by_djangos_store_reads_the_same():
    key = _saved_by_django(basket=["Apfel", 3], lang="tr")
    store = SessionStore(key)
    assert store.load() == {"basket": ["Apfel", 3], "lang": "tr"}
    assert store.session_key == key
    # And the other way round: written here, read by Django's store.
    store["more"] = True
    store.save()
    assert DjangoStore(key).load()["more"] is True


def test_an_expired_session_is_no_session():
    key = _saved_by_django(kept="nein")
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None  # a new key is made when something is stored


@pytest.mark.parametrize("key", ["nichtvorhanden1234567890abcdefgh", None, "kurz"])
def test_an_unknown_or_invalid_key_is_no_session(key):
    _saved_by_django(other="person")
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_signed_in_pages_read_the_session_once_and_end_with_it(resident):
    client = Client()
    client.force_login(resident)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/musterstadt/impressum/")
    assert response.wsgi_request.user == resident
    session_reads = [q for q in queries if "django_session" in q["sql"]]
    assert len(session_reads) == 1
    assert "LIMIT 21" not in session_reads[0]["sql"]  # written out, not ORM `get`

    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert not client.get("/musterstadt/impressum/").wsgi_request.user.is_authenticated


def test_logging_out_ends_the_session_for_its_cookie(resident):
    client = Client()
    client.force_login(resident)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert not thief.get("/musterstadt/impressum/").wsgi_request.user.is_authenticated
