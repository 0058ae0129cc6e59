"""What the Quartiersfonds puts on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.funds.models import Application, ApplicationStatus, JuryMember


def _application(application: Application) -> worklist.Entry:
    note = application.get_status_display()
    if application.status == ApplicationStatus.SUBMITTED and application.submitted_at:
        day = date_format(
            timezone.localtime(application.submitted_at), "SHORT_DATE_FORMAT"
        )
        note = gettext("submitted on %(day)s") % {"day": day}
    return worklist.Entry(
        title=application.title, url=application.get_absolute_url(), note=note
    )


def _of(municipality: Municipality) -> QuerySet[Application]:
    return Application.objects.of(municipality).select_related("municipality")


def to_precheck(user: Any, municipality: Municipality) -> QuerySet[Application]:
    """Submitted applications that wait for the coordination's pre-check; the
    person's own application, and their organisation's, are not theirs to check
    (conflict of interest, funds/rules.py)."""
    return (
        _of(municipality)
        .filter(status=ApplicationStatus.SUBMITTED)
        .exclude(applicant=user)
        .exclude(actor__members=user)
        .order_by("submitted_at", "id")
    )


def early_starts(user: Any, municipality: Municipality) -> QuerySet[Application]:
    """Requests for an early start that wait for the decider: not the person's own,
    their organisation's, or one of a fund in whose jury they vote (the jury
    recommends, the municipality decides; funds/rules.py)."""
    return (
        _of(municipality)
        .filter(
            status__in=(
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.QUESTIONS,
                ApplicationStatus.COMPLETE,
            ),
            early_start_requested=True,
            early_start="",
        )
        .exclude(applicant=user)
        .exclude(actor__members=user)
        .exclude(
            call__fund_id__in=JuryMember.objects.filter(user=user, voting=True).values(
                "fund_id"
            )
        )
        .order_by("submitted_at", "id")
    )


def mine(user: Any, municipality: Municipality) -> QuerySet[Application]:
    return _of(municipality).filter(applicant=user).order_by("-id")


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="funds.to_precheck",
            label=_("Applications to pre-check"),
            audience=worklist.WORK,
            perm="funds.view_applications",
            rows=to_precheck,
            entry=_application,
            url_name="funds:list",
            empty=_("No application waits for the pre-check."),
            order=40,
        ),
        worklist.Queue(
            key="funds.early_starts",
            label=_("Early starts to decide"),
            audience=worklist.WORK,
            perm="funds.view_applications",
            rows=early_starts,
            entry=_application,
            url_name="funds:list",
            empty=_("No request for an early start waits for a decision."),
            order=41,
        ),
        worklist.Queue(
            key="funds.mine",
            label=_("My applications"),
            audience=worklist.MINE,
            rows=mine,
            entry=_application,
            url_name="funds:my_applications",
            empty=_("You have not applied for a grant yet."),
            order=40,
        ),
    )
