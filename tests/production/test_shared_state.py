"""Two app servers share what must be shared: sessions (PostgreSQL), rate-limit
counters and the guests' page cache (Redis), and the task queue (one db_worker)."""

from __future__ import annotations

import pytest
import requests

from tests.production.conftest import Browser, wait_until

pytestmark = pytest.mark.production

RESIDENT = "bewohnerin@musterstadt.example"
FEEDBACK = "/musterstadt/barrierefreiheit/rueckmeldung/"


def test_a_session_made_on_one_server_is_valid_on_the_other(prod):
    app1, app2 = prod.app_urls
    person = Browser()
    assert person.get(f"{app2}/accounts/me/").status_code == 302  # not yet

    person.log_in(app1, RESIDENT)

    page = person.get(f"{app2}/accounts/me/")
    assert page.status_code == 200
    assert RESIDENT in page.text


def test_a_rate_limit_counted_on_one_server_holds_on_the_other(prod):
    app1, app2 = prod.app_urls
    guest = Browser()
    statuses = []
    for number in range(5):  # the limit: 5 per address and hour (legal/views.py)
        base = (app1, app2)[number % 2]
        response = guest.submit(
            f"{base}{FEEDBACK}", text=f"Barriere Nummer {number}: der Knopf fehlt."
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 5

    sixth = guest.submit(f"{app2}{FEEDBACK}", text="Noch eine Barriere.")

    assert sixth.status_code == 429
    assert (
        prod.python(
            "from quartier.legal.models import AccessibilityFeedback as F;"
            "print(F.objects.filter(text__startswith='Barriere Nummer').count())"
        )
        == "5"
    )


def test_a_change_through_one_server_reaches_guests_on_the_other(prod):
    app1, app2 = prod.app_urls
    home = "/musterstadt/"
    assert "Frisch geändert" not in requests.get(f"{app2}{home}", timeout=30).text
    assert requests.get(f"{app2}{home}", timeout=30).status_code == 200  # cached

    # A change outside any request (a command): guests see it when their cached
    # page expires, ANON_CACHE_SECONDS later at most.
    prod.python(
        "from quartier.core.models import Municipality;"
        "Municipality.objects.filter(slug='musterstadt')"
        ".update(description='Frisch geändert durch app1.')"
    )

    wait_until(
        lambda: "Frisch geändert" in requests.get(f"{app2}{home}", timeout=30).text,
        seconds=prod.anon_cache_seconds + 3,
        what="the change on app2's cached page",
    )


def test_a_write_through_one_server_empties_the_page_cache_of_both(prod):
    app1, _ = prod.app_urls
    person = Browser()  # signed in: the guests' feedback limit is used up above
    person.log_in(app1, RESIDENT)
    version = lambda: prod.python(  # noqa: E731
        "from django.core.cache import cache; print(cache.get('qpc:version', 0))"
    )
    old = version()

    sent = person.submit(f"{app1}{FEEDBACK}", text="Ein Schreibvorgang über app1.")

    assert sent.status_code == 302
    # One version in Redis, part of every cached page's key on both servers.
    assert version() != old


def test_an_email_task_queued_by_one_server_is_sent_once_by_the_worker(prod):
    app1, _ = prod.app_urls
    address = "jury@musterstadt.example"

    response = Browser().submit(f"{app1}/accounts/password/reset/", email=address)

    assert response.status_code == 302
    wait_until(lambda: prod.mails_to(address), seconds=60, what="the reset mail")
    wait_until(
        lambda: (
            prod.python(
                "from django_tasks_db.models import DBTaskResult as T;"
                "print(T.objects.exclude(status='SUCCESSFUL').exclude(status='FAILED').count())"
            )
            == "0"
        ),
        seconds=60,
        what="an empty queue",
    )
    assert len(prod.mails_to(address)) == 1
