"""What learning puts on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.learning.models import TimeEntry


def _entry(entry: TimeEntry) -> worklist.Entry:
    return worklist.Entry(
        title=entry.get_category_display(),
        url=reverse(
            "learning:time_edit",
            kwargs={"municipality_slug": entry.municipality.slug, "pk": entry.pk},
        ),
        note=gettext("%(day)s, %(hours)s hours")
        % {
            "day": date_format(entry.date, "SHORT_DATE_FORMAT"),
            "hours": number_format(entry.hours, use_l10n=True),
        },
    )


def mine(user: Any, municipality: Municipality) -> QuerySet[TimeEntry]:
    return (
        TimeEntry.objects.of(municipality)
        .filter(person=user)
        .select_related("municipality")
        .order_by("-date", "-id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="learning.my_time",
            label=_("My time for relationship work"),
            audience=worklist.MINE,
            perm="learning.add_timeentry",
            rows=mine,
            entry=_entry,
            url_name="learning:time_entries",
            empty=_("You have not recorded time yet."),
            order=50,
        )
    )
