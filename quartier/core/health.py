"""What `/healthz` and `/metrics` check: the database, the cache and the task queue.

Each check returns a small dict with `status` ("ok" or a word for the failure) and
the facts an operator needs; `healthy()` runs all three. A failing check never
raises: the page must answer even when everything behind it is down.

- database: `SELECT 1` on the default connection.
- cache: a write and a read of one key (with Redis: the server answers and accepts
  writes; with the local-memory cache of one process this always succeeds).
- queue: with the database task backend (`TASKS_BACKEND=django_tasks_db.DatabaseBackend`)
  the number of tasks ready to run and the age of the oldest; older than
  `HEALTHZ_QUEUE_MAX_AGE` seconds (default 900) means no worker takes them
  ("stalled"). Other backends run tasks in the request (`immediate`) and report
  only their name.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

DB_BACKEND = "django_tasks_db.DatabaseBackend"


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure makes the instance unhealthy
        return {"status": "unreachable", "reason": _reason(exc)}
    return {"status": "ok"}


def check_cache() -> dict[str, Any]:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # Redis down, refused, out of memory …
        return {"status": "unreachable", "reason": _reason(exc)}
    if answered != "1":
        return {"status": "not storing", "reason": "a value written was not read back"}
    return {"status": "ok"}


def check_queue() -> dict[str, Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.rsplit(".", 2)[-2:] != DB_BACKEND.split("."):
        return {"status": "ok", "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult

    try:
        ready = DBTaskResult.objects.ready()
        count = ready.count()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True)[:1]
        age = (timezone.now() - oldest[0]).total_seconds() if oldest else 0.0
    except Exception as exc:
        return {"status": "unreachable", "reason": _reason(exc)}
    answer: dict[str, Any] = {
        "status": "ok",
        "ready": count,
        "oldest_ready_seconds": round(age, 1),
    }
    if age > settings.HEALTHZ_QUEUE_MAX_AGE:
        answer["status"] = "stalled"
        answer["reason"] = (
            f"the oldest ready task waits for {round(age)} s "
            f"(more than {settings.HEALTHZ_QUEUE_MAX_AGE} s): is `quartier db_worker` running?"
        )
    return answer


def healthy() -> tuple[bool, dict[str, dict[str, Any]]]:
    """All checks, and whether every one of them passed."""
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "queue": check_queue(),
    }
    return all(check["status"] == "ok" for check in checks.values()), checks
