"""Factories of the hsds tests (the directory's own factories build the data)."""

from quartier.directory.tests.factories import (  # noqa: F401 - re-exported
    ContactFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)
