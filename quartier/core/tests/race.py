"""Run one write from many threads at the same moment (the concurrency tests of
stored counters and kept sums): each thread waits at a barrier, retries while
SQLite reports its database locked, and closes its connection. Returns the
unexpected exceptions; `expected` exceptions (a service's refusal) are not errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import OperationalError, connection


def race(
    target: Callable[[Any], Any],
    arguments: Iterable[Any],
    *,
    expected: tuple[type[BaseException], ...] = (),
) -> list[BaseException]:
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def run(argument: Any) -> None:
        try:
            barrier.wait(timeout=30)
            deadline = time.monotonic() + 20
            while True:
                try:
                    target(argument)
                    break
                except OperationalError as exc:
                    locked = connection.vendor == "sqlite" and "locked" in str(exc)
                    if not locked or time.monotonic() > deadline:
                        raise
                    time.sleep(0.005)
        except expected:
            pass
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors
