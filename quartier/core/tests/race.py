"""Run one write from many threads at the same moment (the concurrency tests of
locks, stored counters and kept sums).

`outcomes` releases every thread at once from a barrier; each retries while SQLite
reports its database locked (a second writer waits for the first there), and closes
its connection when done. It returns what each call returned or the exception it
raised, in the order they finished; `split` sorts them into results, refusals (a
service's ValidationError, by default) and errors nobody expected.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import translation

SECONDS = 60


def _with_busy_wait(target: Callable[[Any], Any], argument: Any) -> Any:
    deadline = time.monotonic() + SECONDS
    while True:
        try:
            return target(argument)
        except OperationalError as exc:
            locked = connection.vendor == "sqlite" and "locked" in str(exc)
            if not locked or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def outcomes(
    target: Callable[[Any], Any], arguments: Iterable[Any], *, language: str = ""
) -> list[Any]:
    """`target(argument)` for every argument, all at once, each in its own thread
    and connection (`language`: the threads' language, for refusals' messages;
    without it, the default language)."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    results: list[Any] = []

    def run(argument: Any) -> None:
        try:
            with translation.override(language) if language else nullcontext():
                barrier.wait(timeout=SECONDS)
                results.append(_with_busy_wait(target, argument))
        except Exception as exc:  # noqa: BLE001 - sorted by the caller
            results.append(exc)
        finally:
            connection.close()

    # The main thread's connection would be one more than PostgreSQL's default
    # max_connections (100) allows next to 100 threads.
    connection.close()
    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * SECONDS)
    assert not any(thread.is_alive() for thread in threads)
    return results


def split(
    results: list[Any], refusals: tuple[type[Exception], ...] = (ValidationError,)
) -> tuple[list[Any], list[Exception], list[Exception]]:
    """(what the calls returned, the expected refusals, every other exception)."""
    done = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, refusals)]
    errors = [r for r in results if isinstance(r, Exception) and r not in refused]
    return done, refused, errors
