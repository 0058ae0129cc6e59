"""Truth-table rows of "Time made visible" (docs/permissions.md)."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m


def extend_world(world):
    from quartier.learning.models import TimeTrackingSetting
    from quartier.learning.tests.factories import TimeEntryFactory

    municipality = world["municipality"]
    # The rows below are for a municipality whose admin confirmed an agreement with
    # the staff council; "off" and "own entries only" are in test_time_setting.py.
    TimeTrackingSetting.objects.create(municipality=municipality, mode="agreement")
    world["time_resident"] = TimeEntryFactory(
        municipality=municipality, person=world["resident"]
    )


def e(w):
    return {**m(w), "pk": w["time_resident"].pk}


CASES = [
    Case("learning:time_setting", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "learning:time_setting",
        S(403, 403, 403, 403, 302, 403),
        "post",
        kwargs=m,
        data={
            "mode": "agreement",
            "agreement_note": "DV 1/2026",
            "confirm_agreement": "on",
        },
        label="post",
    ),
    Case("learning:time", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case("learning:time_entries", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case("learning:time_csv", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case("learning:time_new", S(302, 200, 200, 200, 200, 403), kwargs=m),
    Case(
        "learning:time_new",
        S(403, 302, 302, 302, 302, 403),
        "post",
        kwargs=m,
        data={"date": "2026-01-15", "hours": "1.5", "category": "moderation"},
        label="post",
    ),
    # Someone else's entry: the person and the coordination only; others do not
    # even learn that it exists.
    Case("learning:time_edit", S(404, 200, 404, 200, 200, 404), kwargs=e),
    Case("learning:time_delete", S(404, 200, 404, 200, 200, 404), kwargs=e),
    Case(
        "learning:time_delete",
        S(404, 302, 404, 302, 302, 404),
        "post",
        kwargs=e,
        label="post",
    ),
]
