"""A council information system for the tests: a threading `http.server` on
127.0.0.1 (a free port) that serves OParl 1.1 built from the specification's
examples (../shared/standards/oparl-1.1/examples, test data only).

`FakeCouncil` holds the objects of each list; the test changes them between two
polls. Lists honour `modified_since` and are paginated (`links.next`, page size
2). `broken` adds objects the importer must skip; `slow` holds the answer of a
path until the test ends (longer than the importer's timeout).
"""

from __future__ import annotations

import copy
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.utils.dateparse import parse_datetime

EXAMPLES = (
    Path(settings.BASE_DIR).parent / "shared" / "standards" / "oparl-1.1" / "examples"
)
PAGE_SIZE = 2
T0 = "2026-03-01T10:00:00+01:00"


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}-01.json").read_text(encoding="utf-8"))


class FakeCouncil:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.agents: set[str] = set()
        self.slow: set[str] = set()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.block_on_close = False  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.lists: dict[str, list[dict[str, Any]]] = {
            "bodies": [],
            "organizations": [],
            "meetings": [],
            "papers": [],
        }
        self.extra: dict[str, Any] = {}  # raw items appended to a list (broken ones)
        self.next_elsewhere: dict[str, str] = {}  # list → a links.next off the host
        self.redirects: dict[str, str] = {}  # path → where a 302 points
        self._build()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # -- the data ------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{self.base}/oparl/{path}"

    @property
    def system_url(self) -> str:
        return self.url("system")

    def _build(self) -> None:
        body = example("Body")
        body.update(
            id=self.url("body/1"),
            system=self.system_url,
            organization=self.url("body/1/organizations"),
            person=self.url("body/1/persons"),
            meeting=self.url("body/1/meetings"),
            paper=self.url("body/1/papers"),
            name="Stadt Musterstadt",
            shortName="Musterstadt",
            modified=T0,
        )
        for key in ("agendaItem", "consultation", "file", "locationList", "membership"):
            body.pop(key, None)
        self.lists["bodies"] = [body]
        for n, name in enumerate(
            ["Rat der Stadt", "Ausschuss für Umwelt und Verkehr", "Sozialausschuss"], 1
        ):
            org = example("Organization")
            org.update(
                id=self.url(f"organization/{n}"),
                body=self.url("body/1"),
                name=name,
                shortName=name.split()[-1],
                meeting=self.url(f"organization/{n}/meetings"),
                membership=[],
                modified=T0,
            )
            self.lists["organizations"].append(org)
        for n in (1, 2, 3):
            self.lists["meetings"].append(self.meeting(n, org=1 + n % 3))
        for n in (1, 2, 3, 4, 5):
            self.lists["papers"].append(self.paper(n, meeting=1 + n % 3))

    def meeting(
        self, n: int, *, org: int, result: str = "Beschlossen"
    ) -> dict[str, Any]:
        meeting = example("Meeting")
        item = meeting["agendaItem"][0]
        item.update(
            id=self.url(f"agendaitem/{n}"),
            meeting=self.url(f"meeting/{n}"),
            consultation=self.url(f"consultation/{n}"),
            number=f"{n}.1",
            name=f"Tagesordnungspunkt {n}",
            result=result,
            modified=T0,
        )
        meeting.update(
            id=self.url(f"meeting/{n}"),
            name=f"{n}. Sitzung",
            start=f"2026-0{n + 1}-10T17:00:00+01:00",
            end=f"2026-0{n + 1}-10T19:00:00+01:00",
            organization=[self.url(f"organization/{org}")],
            agendaItem=[item],
            modified=T0,
        )
        return meeting

    def paper(self, n: int, *, meeting: int) -> dict[str, Any]:
        paper = example("Paper")
        consultation = paper["consultation"][0]
        consultation.update(
            id=self.url(f"consultation/{n}"),
            agendaItem=self.url(f"agendaitem/{meeting}"),
            meeting=self.url(f"meeting/{meeting}"),
            organization=[self.url(f"organization/{1 + meeting % 3}")],
            modified=T0,
        )
        paper.update(
            id=self.url(f"paper/{n}"),
            body=self.url("body/1"),
            name=f"Vorlage {n}: Spielplatz Sonnenberg",
            reference=f"V/2026/{n:03d}",
            consultation=[consultation],
            modified=T0,
            web=f"https://ris.musterstadt.example/vorlage/{n}",
        )
        return paper

    def touch(self, kind: str, index: int, **changes: Any) -> None:
        obj = self.lists[kind][index]
        obj.update(changes)
        obj["modified"] = datetime.datetime.now(datetime.UTC).isoformat()

    # -- the server ----------------------------------------------------------------

    def page(self, kind: str, query: dict[str, list[str]], path: str) -> dict[str, Any]:
        since_raw = query.get("modified_since", [None])[0]
        since = parse_datetime(since_raw) if since_raw else None
        items = [
            obj
            for obj in self.lists[kind]
            if since is None or parse_datetime(obj["modified"]) >= since
        ]
        items = copy.deepcopy(items) + list(self.extra.get(kind, []))
        number = int(query.get("page", ["1"])[0])
        chunk = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        answer: dict[str, Any] = {"data": chunk, "links": {}}
        if number * PAGE_SIZE < len(items):
            following = {"page": number + 1}
            if since_raw:
                following["modified_since"] = since_raw
            answer["links"]["next"] = f"{self.base}{path}?{urlencode(following)}"
        if kind in self.next_elsewhere:
            answer["links"]["next"] = self.next_elsewhere[kind]
        return answer

    def answer(self, path: str, query: dict[str, list[str]]) -> Any:
        if path == "/oparl/system":
            system = example("System")
            system.update(id=self.system_url, body=self.url("bodies"))
            return system
        routes = {
            "/oparl/bodies": "bodies",
            "/oparl/body/1/organizations": "organizations",
            "/oparl/body/1/meetings": "meetings",
            "/oparl/body/1/papers": "papers",
        }
        if path in routes:
            return self.page(routes[path], query, path)
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        council = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                council.requests.append(self.path)
                council.agents.add(self.headers.get("User-Agent", ""))
                if parts.path in council.slow:
                    council.release.wait(5)
                if parts.path in council.redirects:
                    self.send_response(302)
                    self.send_header("Location", council.redirects[parts.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = council.answer(parts.path, parse_qs(parts.query))
                body = json.dumps(data).encode()
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the importer gave up waiting

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
