"""What happens when a process dies: nginx sends idempotent requests to the other
app server, accepted writes stay, and the worker picks up what was queued while it
was down. The request id set by nginx is in the app servers' log."""

from __future__ import annotations

import json
import re
import threading

import pytest
import requests

from tests.production.conftest import Browser, wait_until

pytestmark = pytest.mark.production

RESIDENT = "bewohnerin@musterstadt.example"
FEEDBACK = "/musterstadt/barrierefreiheit/rueckmeldung/"
PAGES = ("/musterstadt/", "/healthz", "/musterstadt/barrierefreiheit/", "/")


class Load:
    """Guests reading through nginx and one signed-in person writing, until stopped."""

    def __init__(self, prod):
        self.url = prod.url
        self.stop = threading.Event()
        self.gets: list[tuple[str, int]] = []
        self.writes: list[tuple[str, int]] = []
        self.writer = Browser()
        self.writer.log_in(prod.url, RESIDENT)
        self.threads = [
            threading.Thread(target=self._read, args=(n,)) for n in range(3)
        ] + [threading.Thread(target=self._write)]

    def _read(self, n):
        session = requests.Session()
        i = n
        while not self.stop.is_set():
            path = PAGES[i % len(PAGES)]
            i += 1
            try:
                status = session.get(self.url + path, timeout=30).status_code
            except requests.RequestException as exc:
                status = repr(exc)
            self.gets.append((path, status))

    def _write(self):
        number = 0
        while not self.stop.is_set():
            text = f"Lasttest-Schreibvorgang {number}"
            number += 1
            try:
                status = self.writer.submit(self.url + FEEDBACK, text=text).status_code
            except (requests.RequestException, AssertionError) as exc:
                status = repr(exc)
            self.writes.append((text, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def counts(self):
        return len(self.gets), len(self.writes)


def test_killing_an_app_server_under_load_loses_no_get_and_no_accepted_write(prod):
    try:
        with Load(prod) as load:
            wait_until(
                lambda: len(load.gets) >= 30 and len(load.writes) >= 2,
                seconds=90,
                what="load before the kill",
            )
            prod.component("stop", "app1", "KILL")  # the machine dies
            gets, writes = load.counts()
            wait_until(
                lambda: len(load.gets) >= gets + 60 and len(load.writes) >= writes + 3,
                seconds=120,
                what="load after the kill",
            )
    finally:
        prod.component("start", "app1")

    failed = [(path, status) for path, status in load.gets if status != 200]
    # A response the dying server had begun to send (its header already passed on to
    # the client, the body cut off) is the one kind nginx cannot retry: at most one
    # per reader in flight at the moment of the kill. Anything else — a 502, a
    # refused or reset connection before the header — would be a request lost.
    cut_off = [(p, s) for p, s in failed if "IncompleteRead" in str(s)]
    assert len(cut_off) <= len(load.threads) - 1, cut_off
    lost = [item for item in failed if item not in cut_off]
    assert lost == [], f"{len(lost)} of {len(load.gets)} GETs failed: {lost[:5]}"
    accepted = [text for text, status in load.writes if status == 302]
    assert len(accepted) >= 4
    stored = set(
        prod.python(
            "from quartier.legal.models import AccessibilityFeedback as F;"
            "print('\\n'.join(F.objects.filter(text__startswith='Lasttest')"
            ".values_list('text', flat=True)))"
        ).splitlines()
    )
    assert set(accepted) <= stored
    # A POST in flight when the server died may be answered 502 by nginx (it never
    # resends a write); nothing else is allowed.
    assert {status for _, status in load.writes} <= {302, 502}


def test_the_worker_resumes_after_being_killed(prod):
    address = "partner@musterstadt.example"
    prod.component("stop", "worker", "KILL")
    try:
        response = Browser().submit(
            f"{prod.url}/accounts/password/reset/", email=address
        )
        assert response.status_code == 302
        health = requests.get(f"{prod.url}/healthz", timeout=30).json()
        assert health["details"]["queue"]["ready"] >= 1
        assert prod.mails_to(address) == []
    finally:
        prod.component("start", "worker")

    wait_until(lambda: prod.mails_to(address), seconds=60, what="the queued mail")
    assert len(prod.mails_to(address)) == 1


def test_the_request_id_set_by_nginx_is_in_the_app_servers_log(prod):
    response = requests.get(f"{prod.url}/healthz", timeout=30)
    given = requests.get(
        f"{prod.url}/healthz",
        headers={"X-Request-ID": "client-chosen-id-0042"},
        timeout=30,
    )

    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # nginx's $request_id
    assert given.headers["X-Request-ID"] == "client-chosen-id-0042"
    lines = [
        json.loads(line)
        for line in prod.log_lines("app1", "app2")
        if line.startswith("{") and '"quartier.requests"' in line
    ]
    ids = {line["request_id"]: line for line in lines}
    assert ids[request_id]["path"] == "/healthz"
    assert ids[request_id]["status"] == 200
    assert "client-chosen-id-0042" in ids


def test_metrics_are_not_served_through_the_proxy(prod):
    assert requests.get(f"{prod.url}/metrics", timeout=30).status_code == 404
    direct = requests.get(f"{prod.app_urls[0]}/metrics", timeout=30)
    assert direct.status_code == 200
    assert 'quartier_component_up{component="cache"} 1.0' in direct.text
