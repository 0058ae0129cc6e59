"""The soak scenario (`make soak`, bench/soak.py): people and clients of one
municipality, as locust users with weights.

- Guest (weight 12): reads the municipality's home, the contribution list and
  pages, the offerings, a meeting, the decisions register; now and then posts a
  contribution through the open form, as a browser does (form page first, its CSRF
  token and fill-time token, at least PARTICIPATION_MIN_FILL_SECONDS of typing).
- Resident (4): signs in with a seeded account, supports contributions and asks for
  room bookings.
- Coordinator (2): signs in, answers contributions (the public answer form) and
  confirms booking requests from the requests page.
- HSDS client (1) and API client (1): the read API under `/<slug>/hsds/`; the REST
  API with a personal token (reads, and contributions sent as JSON).

Every request is named by its page kind ("contribution detail", …), so locust's
statistics group by kind. Each simulated person sends from an address of its own in
127.0.0.0/8 (Linux routes the whole block to the loopback device): the proxy sees
one visitor per simulated person, and the per-address rate limits apply to each as
they would to people on their own lines; no setting is relaxed for the soak.

Accepted writes (a redirect or 201 from the server) are recorded with a unique
token; bench/soak.py looks each one up in the database afterwards. A 429 or a form
shown again with an error is a refused write, counted, never expected to exist.

Input: SOAK_CONFIG (JSON written by bench/soak.py's seeding step); output:
SOAK_RESULTS (JSON: status codes per kind, accepted and refused writes).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import time
from collections import Counter, defaultdict
from typing import Any

from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3 import PoolManager

CONFIG: dict[str, Any] = {}
if os.environ.get("SOAK_CONFIG"):
    with open(os.environ["SOAK_CONFIG"], encoding="utf-8") as handle:
        CONFIG = json.load(handle)
RUN = CONFIG.get("run", "dev")
SLUG = CONFIG.get("slug", "musterstadt")

STATUSES: dict[str, Counter[int]] = defaultdict(Counter)
ACCEPTED: list[dict[str, Any]] = []
REFUSED: Counter[str] = Counter()
_serial = itertools.count(1)
_addresses = itertools.count(1)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
APPROVE = re.compile(r'action="(/[^"]+/rooms/bookings/(\d+)/approve/)"')


def token() -> str:
    return f"soak-{RUN}-{next(_serial)}"


def field(pattern: re.Pattern[str], html: str) -> str:
    found = pattern.search(html)
    return found.group(1) if found else ""


@events.request.add_listener
def count_status(name: str, response: Any, exception: Any, **_: Any) -> None:
    code = getattr(response, "status_code", 0) or 0
    STATUSES[name][code] += 1


@events.quit.add_listener
def write_results(**_: Any) -> None:
    path = os.environ.get("SOAK_RESULTS")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "statuses": {k: dict(v) for k, v in STATUSES.items()},
                "accepted": ACCEPTED,
                "refused": dict(REFUSED),
            },
            handle,
        )


class Person(HttpUser):
    """Shared by all: its own loopback address, think time, page reads."""

    abstract = True
    wait_time = between(1, 4)

    def on_start(self) -> None:
        n = next(_addresses)
        source = f"127.{100 + n // 65536 % 100}.{n // 256 % 256}.{n % 256 or 1}"
        self.client.mount(
            "http://",
            LocustHttpAdapter(
                pool_manager=PoolManager(
                    source_address=(source, 0), maxsize=2, cert_reqs="CERT_NONE"
                )
            ),
        )
        self.client.mount("https://", self.client.get_adapter("http://"))
        # A proxy on loopback with a certificate of its own (no public CA).
        self.client.verify = False

    def loopback_cookies(self) -> None:
        """Browsers treat http://127.0.0.1 as a secure context and send it cookies
        marked Secure (the app marks them so, as behind TLS); requests does not, so
        the mark is taken off before each request."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def get(self, path: str, kind: str, **kwargs: Any) -> Any:
        self.loopback_cookies()
        with self.client.get(path, name=kind, catch_response=True, **kwargs) as r:
            if r.status_code >= 400 and r.status_code != 429:
                r.failure(f"{r.status_code} on {path}")
            return r

    def post(self, path: str, kind: str, **kwargs: Any) -> Any:
        kwargs.setdefault("allow_redirects", False)
        self.loopback_cookies()
        headers = kwargs.pop("headers", {})
        headers.setdefault("Referer", self.host + path)
        with self.client.post(
            path, name=kind, catch_response=True, headers=headers, **kwargs
        ) as r:
            if r.status_code == 429:
                r.success()  # a refused write: counted by the caller
            elif r.status_code >= 400:
                r.failure(f"{r.status_code} on {path}")
            return r

    def accept(self, kind: str, **what: Any) -> None:
        ACCEPTED.append({"kind": kind, **what})

    def refuse(self, kind: str, response: Any) -> None:
        REFUSED[f"{kind} ({response.status_code})"] += 1

    def contribution_id(self) -> int:
        return random.choice(CONFIG["contributions"])

    def read_contributions(self) -> None:
        page = random.choice([1, 1, 1, 2, 3])
        self.get(f"/{SLUG}/participation/?page={page}", "contribution list")
        self.get(
            f"/{SLUG}/participation/{self.contribution_id()}/", "contribution detail"
        )


class Guest(Person):
    weight = 12

    @task(4)
    def home(self) -> None:
        self.get(f"/{SLUG}/", "municipality home")

    @task(6)
    def contributions(self) -> None:
        self.read_contributions()

    @task(2)
    def offerings(self) -> None:
        self.get(f"/{SLUG}/directory/", "offering list")

    @task(1)
    def meeting(self) -> None:
        if CONFIG.get("meetings"):
            pk = random.choice(CONFIG["meetings"])
            self.get(f"/{SLUG}/meetings/{pk}/", "meeting detail")

    @task(2)
    def decisions(self) -> None:
        self.get(f"/{SLUG}/decisions/", "decisions register")

    @task(1)
    def post_contribution(self) -> None:
        form = self.get(f"/{SLUG}/participation/new/", "contribution form")
        if form.status_code != 200:
            return
        time.sleep(CONFIG.get("min_fill_seconds", 3) + random.uniform(0.5, 3))
        mark = token()
        response = self.post(
            f"/{SLUG}/participation/new/",
            "contribution form (send)",
            data={
                "csrfmiddlewaretoken": field(CSRF, form.text),
                "started": field(STARTED, form.text),
                "website": "",
                "kind": "idea",
                "title": f"Idee aus dem Lasttest {mark}",
                "text": f"Mehr Bänke am Spielplatz, bitte. ({mark})",
                "neighborhood": random.choice(CONFIG["neighborhood_ids"]),
                "language": "de",
            },
        )
        if response.status_code == 302:
            self.accept("contribution", token=mark)
        else:
            self.refuse("guest contribution", response)


class SignedIn(Person):
    abstract = True
    accounts_key = ""

    def on_start(self) -> None:
        super().on_start()
        self.email = random.choice(CONFIG[self.accounts_key])
        form = self.get("/accounts/login/", "login form")
        response = self.post(
            "/accounts/login/",
            "login (send)",
            data={
                "csrfmiddlewaretoken": field(CSRF, form.text),
                "login": self.email,
                "password": CONFIG["password"],
            },
        )
        if response.status_code != 302:
            raise RuntimeError(f"login of {self.email} failed: {response.status_code}")


class Resident(SignedIn):
    weight = 4
    accounts_key = "residents"

    @task(3)
    def contributions(self) -> None:
        self.read_contributions()

    @task(1)
    def home(self) -> None:
        self.get(f"/{SLUG}/", "municipality home (signed in)")

    @task(2)
    def support(self) -> None:
        pk = self.contribution_id()
        page = self.get(f"/{SLUG}/participation/{pk}/", "contribution detail")
        csrf = field(CSRF, page.text)
        if page.status_code != 200 or f"/{pk}/support/" not in page.text:
            return
        response = self.post(
            f"/{SLUG}/participation/{pk}/support/",
            "support (send)",
            data={"csrfmiddlewaretoken": csrf},
        )
        if response.status_code == 302:
            self.accept("support", email=self.email, contribution=pk)
        else:
            self.refuse("support", response)

    @task(1)
    def book(self) -> None:
        rooms = CONFIG["bookable"].get(self.email) or []
        if not rooms:
            return
        room = random.choice(rooms)
        self.get(f"/{SLUG}/rooms/{room}/week/", "room week")
        form = self.get(f"/{SLUG}/rooms/{room}/book/", "booking form")
        if form.status_code != 200:
            return
        day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=random.randint(2, 40))
        start = dt.time(random.randint(10, 14), random.choice([0, 15, 30, 45]))
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=30)).time()
        mark = token()
        response = self.post(
            f"/{SLUG}/rooms/{room}/book/",
            "booking form (send)",
            data={
                "csrfmiddlewaretoken": field(CSRF, form.text),
                "purpose": f"Treffen {mark}",
                "expected_people": 5,
                "date": day.isoformat(),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "weeks": 1,
            },
        )
        if response.status_code == 302:
            self.accept("booking", token=mark)
        else:
            # Taken, closed that day or outside the horizon: the form says so.
            self.refuse("booking", response)


class Coordinator(SignedIn):
    weight = 2
    accounts_key = "coordinators"

    @task(2)
    def contributions(self) -> None:
        self.read_contributions()

    @task(2)
    def answer(self) -> None:
        pk = self.contribution_id()
        form = self.get(f"/{SLUG}/participation/{pk}/answer/", "answer form")
        if form.status_code != 200:
            return
        mark = token()
        status = re.search(r'<option value="(\w+)" selected', form.text)
        response = self.post(
            f"/{SLUG}/participation/{pk}/answer/",
            "answer form (send)",
            data={
                "csrfmiddlewaretoken": field(CSRF, form.text),
                "status": status.group(1) if status else "received",
                "reason": "",
                "answer": f"<p>Danke, wir prüfen das. ({mark})</p>",
            },
        )
        if response.status_code == 302:
            self.accept("answer", token=mark)
        else:
            self.refuse("answer", response)

    @task(2)
    def approve(self) -> None:
        page = self.get(f"/{SLUG}/rooms/requests/", "booking requests")
        pending = APPROVE.findall(page.text)
        if not pending:
            return
        path, pk = random.choice(pending)
        response = self.post(
            path,
            "booking approval (send)",
            data={"csrfmiddlewaretoken": field(CSRF, page.text)},
        )
        if response.status_code != 302:
            self.refuse("approval", response)
            return
        # The redirect shows whether it was confirmed (a success message) or
        # refused (taken meanwhile, decided by a colleague: an error message).
        after = self.get(response.headers["Location"], "booking requests")
        if "kern-alert--success" in after.text:
            self.accept("approval", booking=int(pk))
        else:
            REFUSED["approval (message)"] += 1


class HsdsClient(Person):
    weight = 1
    wait_time = between(0.5, 2)

    @task(3)
    def services(self) -> None:
        page = random.randint(1, CONFIG.get("hsds_pages", 1))
        listing = self.get(f"/{SLUG}/hsds/services?page={page}", "hsds services")
        try:
            contents = listing.json().get("contents", [])
        except ValueError:
            return
        if contents:
            pk = random.choice(contents)["id"]
            self.get(f"/{SLUG}/hsds/services/{pk}", "hsds service")

    @task(1)
    def organizations(self) -> None:
        self.get(f"/{SLUG}/hsds/organizations", "hsds organizations")

    @task(1)
    def terms(self) -> None:
        self.get(f"/{SLUG}/hsds/taxonomy_terms", "hsds taxonomy terms")


class ApiClient(Person):
    weight = 1
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        super().on_start()
        self.client.headers["Authorization"] = f"Bearer {CONFIG['api_token']}"

    @task(3)
    def contributions(self) -> None:
        base = f"/api/v1/municipalities/{SLUG}"
        self.get(
            f"{base}/contributions?page={random.randint(1, 5)}", "api contributions"
        )
        self.get(f"{base}/contributions/{self.contribution_id()}", "api contribution")

    @task(2)
    def actors(self) -> None:
        self.get(f"/api/v1/municipalities/{SLUG}/actors", "api actors")

    @task(1)
    def decisions(self) -> None:
        self.get(f"/api/v1/municipalities/{SLUG}/decisions", "api decisions")

    @task(1)
    def post_contribution(self) -> None:
        mark = token()
        response = self.post(
            f"/api/v1/municipalities/{SLUG}/contributions",
            "api contribution (send)",
            json={
                "kind": "concern",
                "title": f"Meldung per API {mark}",
                "text": "Die Laterne an der Ecke ist seit einer Woche aus.",
                "neighborhood": random.choice(CONFIG["neighborhood_slugs"]),
            },
        )
        if response.status_code == 201:
            self.accept("contribution", token=mark)
        else:
            self.refuse("api contribution", response)
