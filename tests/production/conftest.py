"""The production pass: tests against the installation scripts/with_production.sh
started (PostgreSQL, Redis, two gunicorn app servers, nginx, db_worker), over HTTP.

Every test here carries the `production` marker; the other passes leave them out
(`-m "not … production"`), and outside the script they are skipped. Helpers:
`stop_component`/`start_component` (scripts/production_lib.sh), `manage` (a
`quartier` command against the same database), `Browser` (a requests session that
fills in our forms with their CSRF and spam-guard fields), `mails_to`.
"""

from __future__ import annotations

import html.parser
import os
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "quartier-demo"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.production)


@pytest.fixture(scope="session")
def prod():
    if not os.environ.get("QUARTIER_PROD_URL"):
        pytest.skip("needs scripts/with_production.sh (the production pass)")
    return Installation()


class Installation:
    def __init__(self):
        self.url = os.environ["QUARTIER_PROD_URL"]
        self.app_urls = os.environ["QUARTIER_APP_URLS"].split(",")
        self.dir = Path(os.environ["QUARTIER_PROD_DIR"])
        self.anon_cache_seconds = int(os.environ.get("ANON_CACHE_SECONDS", "2"))

    def component(self, action: str, name: str, *args: str) -> None:
        """stop_component / start_component of scripts/production_lib.sh."""
        command = f"source {ROOT}/scripts/production_lib.sh; {action}_component {name} {' '.join(args)}"
        subprocess.run(["bash", "-c", command], check=True, timeout=120)  # noqa: S603, S607

    def manage(self, *args: str) -> str:
        """A `quartier` command against this installation's database and cache."""
        command = f'source {self.dir}/env; exec quartier "$@"'
        result = subprocess.run(  # noqa: S603
            ["bash", "-c", command, "quartier", *args],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def python(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def mails_to(self, address: str) -> list[str]:
        found = []
        for path in sorted((self.dir / "mail").glob("*")):
            text = path.read_text(errors="replace")
            # The file backend writes each message with its headers; a file may hold
            # several messages of one connection.
            found += [
                m for m in text.split("\n" + "-" * 79 + "\n") if f"To: {address}" in m
            ]
        return found

    def log_lines(self, *names: str) -> list[str]:
        lines: list[str] = []
        for name in names:
            lines += (self.dir / f"{name}.log").read_text(errors="replace").splitlines()
        return lines


def wait_until(condition, *, seconds: float, what: str):
    """Poll `condition` (a cheap check against the servers) until it is truthy."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.1)


class _FormParser(html.parser.HTMLParser):
    """The fields of the page's POST forms: {action: {name: value}}."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._current: dict[str, str] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {}
            self.forms.append((attrs.get("action") or "", self._current))
        elif self._current is not None and tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._current[attrs["name"]] = attrs.get("value") or ""
        elif self._current is not None and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._current[self._textarea] = ""

    def handle_data(self, data):
        if self._current is not None and self._textarea:
            self._current[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "textarea":
            self._textarea = None


class Browser:
    """A person with cookies: GET a form, POST it back with the fields filled in."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.session.get(url, timeout=30, allow_redirects=False, **kwargs)

    def submit(
        self, url: str, post_to: str | None = None, **values
    ) -> requests.Response:
        """Load the page at `url`, take its first POST form that has the given fields
        (or any), fill in `values` and send it to `post_to` (default: `url`)."""
        page = self.session.get(url, timeout=30)
        assert page.status_code == 200, (url, page.status_code)
        parser = _FormParser()
        parser.feed(page.text)
        candidates = [f for _, f in parser.forms if set(values) <= set(f)] or [
            f for _, f in parser.forms
        ]
        assert candidates, f"no POST form on {url}"
        data = {**candidates[0], **values}
        return self.session.post(
            post_to or url, data=data, timeout=30, allow_redirects=False
        )

    def log_in(self, base: str, email: str) -> None:
        response = self.submit(
            f"{base}/accounts/login/", login=email, password=PASSWORD
        )
        assert response.status_code == 302, response.text[:500]
