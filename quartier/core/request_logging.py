"""One log line per request, with a request id that follows it through the proxy.

The reverse proxy (deploy/nginx/quartier.conf) sets `X-Request-ID` on every request
it passes on — the client's own value when it sent one, else nginx's
`$request_id`. `RequestLogMiddleware` takes that id (or makes one when the request
came without a proxy), keeps it on `request.request_id`, echoes it in the response
header and writes one record to the logger `quartier.requests` when the response
is ready: method, path (without the query string: it may carry addresses or
tokens), status, duration in milliseconds and the user's id. Names and e-mail
addresses are never logged.

With `LOG_FORMAT=json` (settings.LOGGING) every log record — these and any other —
is one JSON object per line (`JsonFormatter`), which log shippers (journald,
Fluent Bit, Vector) read without parsing rules. docs/operations.md shows a line.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

from quartier.core import metrics

logger = logging.getLogger("quartier.requests")

HEADER = "X-Request-ID"
# What we accept from outside: the ids nginx makes (32 hex digits), UUIDs and other
# short tokens. Anything else (too long, spaces, control characters that could forge
# a log line) is replaced by an id of our own.
VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

# Attributes every LogRecord has; anything else was passed in `extra=` and belongs
# in the JSON object.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__
) | {"message", "asctime", "taskName"}


def request_id_of(request: HttpRequest) -> str:
    """The id the proxy passed on when it is well-formed, else a new one."""
    given = request.headers.get(HEADER, "")
    return given if VALID_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE, so the duration covers every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request.request_id = request_id_of(request)  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[HEADER] = request.request_id  # type: ignore[attr-defined]
        seconds = time.perf_counter() - started
        metrics.observe(request.method or "", response.status_code, seconds)
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request.request_id,  # type: ignore[attr-defined]
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user.pk
                if user is not None and user.is_authenticated
                else None,
            },
        )
        return response


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
