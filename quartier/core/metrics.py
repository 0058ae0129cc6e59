"""`/metrics` in the Prometheus text format (prometheus_client).

Counted per request (by core/request_logging.py's middleware): requests by method
and status, and a latency histogram by method. Read at each scrape (core/health.py):
whether the database, the cache and the queue answer, the tasks ready to run and
the age of the oldest.

Several gunicorn workers: each worker is a process with its own counters. With
`PROMETHEUS_MULTIPROC_DIR` set (deploy/gunicorn.conf.py and the systemd unit do; one
empty folder per app server, emptied at its start) prometheus_client keeps them in
files there and a scrape adds up all workers of that server. Prometheus scrapes
every app server itself, not through the proxy.

Only addresses in `METRICS_ALLOWED_IPS` (addresses or networks; default 127.0.0.1)
get an answer; everyone else a 404. The address that counts is the direct peer
(`REMOTE_ADDR`), never `X-Forwarded-For`: through nginx every request would come
from the proxy's own address, so the shipped nginx config answers /metrics with
404 itself. docs/operations.md, "Health, metrics and logs".
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from quartier.core import health

REQUESTS = Counter(
    "quartier_http_requests",
    "HTTP requests answered, by method and status.",
    ["method", "status"],
)
LATENCY = Histogram(
    "quartier_http_request_duration_seconds",
    "Time from the first middleware to the response, by method.",
    ["method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe(method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"
    REQUESTS.labels(method=method, status=str(status)).inc()
    LATENCY.labels(method=method).observe(seconds)


class HealthCollector:
    """Gauges read at scrape time from core/health.py."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        _, checks = health.healthy()
        up = GaugeMetricFamily(
            "quartier_component_up",
            "1 when the component answers (database, cache, queue).",
            labels=["component"],
        )
        for name, check in checks.items():
            up.add_metric([name], 1.0 if check["status"] == "ok" else 0.0)
        yield up
        queue = checks["queue"]
        if "ready" in queue:
            yield GaugeMetricFamily(
                "quartier_tasks_ready", "Tasks ready to run.", value=queue["ready"]
            )
            yield GaugeMetricFamily(
                "quartier_tasks_oldest_ready_seconds",
                "Age of the oldest task ready to run.",
                value=queue["oldest_ready_seconds"],
            )


class _ProcessCollector:
    """This process's own metrics when there is no multiprocess folder."""

    def collect(self) -> Iterator[Any]:
        yield from REGISTRY.collect()


def allowed(request: HttpRequest) -> bool:
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    for entry in settings.METRICS_ALLOWED_IPS:
        try:
            if peer in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def exposition() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        MultiProcessCollector(registry, path=folder)
    else:
        registry.register(_ProcessCollector())  # type: ignore[arg-type]
    registry.register(HealthCollector())  # type: ignore[arg-type]
    return generate_latest(registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if request.method != "GET" or not allowed(request):
        raise Http404
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
