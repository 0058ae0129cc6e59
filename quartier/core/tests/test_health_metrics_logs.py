"""/healthz (database, cache and queue separately), /metrics (Prometheus text, only
for METRICS_ALLOWED_IPS) and the request log line with its id
(core/health.py, core/metrics.py, core/request_logging.py; docs/operations.md)."""

from __future__ import annotations

import datetime
import json
import logging

import pytest
from django.core.cache import cache
from django.utils import timezone

from quartier.core import health
from quartier.core.request_logging import JsonFormatter

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# --- /healthz ---------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_names_a_failing_cache_and_answers_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(cache, "set", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == (
        "error",
        "ok",
        "unreachable",
    )
    assert "6379" in body["reason"]


@pytest.mark.django_db
def test_healthz_reports_the_queue_of_the_database_backend(client, settings):
    from django_tasks_db.models import DBTaskResult

    from quartier.core.tasks import send_email

    settings.TASKS = DB_TASKS
    send_email.using(backend="default").enqueue(
        to=["a@example.org"], subject="s", body="b"
    )

    body = client.get("/healthz").json()

    assert body["queue"] == "ok"
    assert body["details"]["queue"]["ready"] == 1
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["queue"] == "stalled"
    assert "db_worker" in response.json()["reason"]


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_queue(client, settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS

    def broken(*args, **kwargs):
        raise RuntimeError("no such table: django_tasks_database_dbtaskresult")

    monkeypatch.setattr(DBTaskResult.objects, "ready", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["queue"] == "unreachable"


# --- /metrics ---------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_prometheus_text_with_requests_and_components(client):
    client.get("/healthz")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'quartier_http_requests_total{method="GET",status="200"}' in text
    assert "quartier_http_request_duration_seconds_bucket" in text
    for component in ("database", "cache", "queue"):
        assert f'quartier_component_up{{component="{component}"}} 1.0' in text


@pytest.mark.django_db
def test_metrics_answer_404_to_other_addresses_whatever_they_forward(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    refused = client.get(
        "/metrics", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="10.1.2.3"
    )
    assert refused.status_code == 404
    assert b"quartier_" not in refused.content


# --- request id and the JSON log line -----------------------------------------------


@pytest.mark.django_db
def test_each_request_is_logged_once_with_the_proxys_id_and_no_personal_data(
    client_for, resident, caplog
):
    client = client_for(resident)
    with caplog.at_level(logging.INFO, logger="quartier.requests"):
        response = client.get(
            "/healthz?email=x@example.org", HTTP_X_REQUEST_ID="a1b2c3d4e5f60718"
        )

    assert response["X-Request-ID"] == "a1b2c3d4e5f60718"
    [record] = [r for r in caplog.records if r.name == "quartier.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "a1b2c3d4e5f60718"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["user_id"] == resident.pk
    assert isinstance(line["duration_ms"], float)
    assert resident.email not in json.dumps(line)
    assert "example.org" not in json.dumps(line)


@pytest.mark.parametrize(
    "given", ["", "short", "x" * 200, "id with spaces", "forged\nline"]
)
@pytest.mark.django_db
def test_a_missing_or_malformed_request_id_is_replaced(client, given):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)

    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_the_json_formatter_writes_one_line_with_extras_and_exceptions():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), None
        )
        import sys

        record.exc_info = sys.exc_info()
    record.request_id = "abc"
    text = JsonFormatter().format(record)

    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "failed here"
    assert line["request_id"] == "abc"
    assert "ValueError: boom" in line["exception"]


def test_health_checks_never_raise_when_everything_is_down(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("down")

    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(health.connection, "cursor", broken)

    ok, checks = health.healthy()

    assert not ok
    assert checks["database"]["status"] == "unreachable"
    assert checks["cache"]["status"] == "unreachable"
