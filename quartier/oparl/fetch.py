"""How the importer reads OParl documents: over HTTP, or from fixture files.

Both return the parsed JSON of one URL, so importer.py parses the council
system's answers the same way whichever source they come from.

- `HttpFetcher`: the standard library's `urllib` with the source's timeout and
  Quartier's User-Agent; only http(s), no redirects. A timeout, a refused
  connection, an HTTP error or an answer that is not JSON raise `FetchError`,
  which ends the run.
- `FixtureFetcher`: a folder with `routes.json` (the URL of each page) and the JSON
  pages it names — the demo's "Ratsinformationssystem Musterstadt"
  (quartier/demo/data/oparl/). It answers every query the same (a fixture does
  not filter by `modified_since`); the importer then counts nothing as changed.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import socket
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

USER_AGENT = "Quartier-OParl-Import/1.0 (+https://quartier.example/docs/oparl)"
MAX_BYTES_DEFAULT = 20 * 1024 * 1024


class FetchError(Exception):
    """A document could not be read: the run ends with this message."""


class Fetcher(Protocol):
    def get(self, url: str, params: dict[str, str] | None = None) -> Any: ...


def is_web_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead anywhere: it is answered as the error it is."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpFetcher:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.opener = urllib.request.build_opener(_NoRedirects())
        self.headers = {
            "User-Agent": getattr(settings, "OPARL_USER_AGENT", USER_AGENT),
            "Accept": "application/json",
        }
        self.max_bytes = getattr(settings, "OPARL_MAX_BYTES", MAX_BYTES_DEFAULT)

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        if not is_web_url(url):
            raise FetchError(_("Not a web address: %(url)s") % {"url": url})
        if not getattr(settings, "OPARL_ALLOW_PRIVATE_HOSTS", False):
            self._refuse_private(url)
        if params:
            url += ("&" if urlsplit(url).query else "?") + urlencode(params)
        # http(s) only, checked above.
        request = urllib.request.Request(url, headers=self.headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                content = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            raise FetchError(
                _("The council system answered %(status)s for %(url)s.")
                % {"status": exc.code, "url": url}
            ) from exc
        except TimeoutError as exc:
            raise self._timeout(url) from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise self._timeout(url) from exc
            raise FetchError(
                _("The council system could not be reached (%(url)s): %(error)s")
                % {"url": url, "error": reason}
            ) from exc
        if len(content) > self.max_bytes:
            raise FetchError(_("The answer for %(url)s is too large.") % {"url": url})
        try:
            return json.loads(content)
        except ValueError as exc:
            raise FetchError(
                _("The answer for %(url)s is not JSON.") % {"url": url}
            ) from exc

    def _refuse_private(self, url: str) -> None:
        """A council system is on the internet: an address of this machine or of
        the internal network (loopback, private, link-local) is refused, so the
        import cannot be used to probe them. The setting OPARL_ALLOW_PRIVATE_HOSTS
        allows them (tests, a council system inside the municipality's network)."""
        host = urlsplit(url).hostname or ""
        try:
            found = {info[4][0] for info in socket.getaddrinfo(host, None)}
        except (OSError, UnicodeError) as exc:
            raise FetchError(
                _("The council system could not be reached (%(url)s): %(error)s")
                % {"url": url, "error": exc}
            ) from exc
        for address in found:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                raise FetchError(
                    _(
                        "%(url)s points into an internal network; the import reads "
                        "only council systems on the internet."
                    )
                    % {"url": url}
                )

    def _timeout(self, url: str) -> FetchError:
        return FetchError(
            _(
                "The council system did not answer within %(seconds)s seconds "
                "(%(url)s). The import stopped; the data of the last import "
                "are kept."
            )
            % {"seconds": f"{self.timeout:g}", "url": url}
        )


DATE_KEYS = ("date", "startDate", "endDate")
DATETIME_KEYS = ("start", "end", "created", "modified")


class FixtureFetcher:
    """`routes.json`: {"anchor": "YYYY-MM-DD", "routes": {url: file name}}. The
    pages are written as of the anchor day; with `today`, every date and time is
    moved by whole weeks to it (weekdays and local clock times stay), so a demo
    seeded on any day has its council meetings after the forum decisions."""

    def __init__(self, folder: Path, *, today: datetime.date | None = None) -> None:
        self.folder = Path(folder)
        index = json.loads((self.folder / "routes.json").read_text(encoding="utf-8"))
        self.routes = index["routes"]
        anchor = datetime.date.fromisoformat(index["anchor"])
        weeks = (today - anchor).days // 7 if today else 0
        self.shift = datetime.timedelta(weeks=weeks)

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        name = self.routes.get(url)
        if name is None:
            raise FetchError(
                _("The council system answered 404 for %(url)s.") % {"url": url}
            )
        return self._moved(json.loads((self.folder / name).read_text(encoding="utf-8")))

    def _moved(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._moved(v) for v in value]
        if not isinstance(value, dict) or not self.shift:
            return value
        moved = {}
        for key, inner in value.items():
            if key in DATE_KEYS and isinstance(inner, str):
                day = parse_date(inner)
                moved[key] = (day + self.shift).isoformat() if day else inner
            elif key in DATETIME_KEYS and isinstance(inner, str):
                moment = parse_datetime(inner)
                moved[key] = self._later(moment) if moment else inner
            else:
                moved[key] = self._moved(inner)
        return moved

    def _later(self, moment: datetime.datetime) -> str:
        # The same local clock time on the day `shift` later.
        local = timezone.localtime(moment).replace(tzinfo=None) + self.shift
        return timezone.make_aware(local).isoformat()
