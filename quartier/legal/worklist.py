"""What the legal app puts on “Meine Übersicht” (core/worklist.py): accessibility
feedback waiting for an answer, the earliest deadline first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.legal.models import AccessibilityFeedback


def _entry(feedback: AccessibilityFeedback) -> worklist.Entry:
    due = date_format(feedback.due_on, "SHORT_DATE_FORMAT")
    note = (
        _("overdue since %(date)s") if feedback.is_overdue else _("answer by %(date)s")
    ) % {"date": due}
    return worklist.Entry(
        title=Truncator(feedback.text).chars(80),
        url=reverse(
            "legal:feedback_detail",
            kwargs={
                "municipality_slug": feedback.municipality.slug,
                "pk": feedback.pk,
            },
        ),
        note=note,
        urgent=feedback.is_overdue,
    )


def open_feedback(user: Any, municipality: Municipality) -> QuerySet:
    return (
        AccessibilityFeedback.objects.of(municipality)
        .open()
        .select_related("municipality")
        .order_by("due_on", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="legal.accessibility_feedback",
            label=gettext_lazy("Feedback on accessibility"),
            audience=worklist.WORK,
            perm="legal.view_accessibilityfeedback",
            rows=open_feedback,
            entry=_entry,
            url_name="legal:feedback_list",
            empty=gettext_lazy("No accessibility feedback is waiting for an answer."),
            order=80,
        )
    )
