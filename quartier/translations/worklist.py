""" "Übersetzung gewünscht" on "Meine Übersicht" (core/worklist.py): for the
coordination and the volunteer translators; the queue's page splits it per language."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.translations.models import TranslationRequest
from quartier.translations.reading import language_name


def requested(user: Any, municipality: Municipality) -> QuerySet[TranslationRequest]:
    return (
        TranslationRequest.objects.open()
        .filter(municipality=municipality)
        .select_related("content_type", "municipality")
        .order_by("created_at", "id")
    )


def _entry(row: TranslationRequest) -> worklist.Entry:
    day = date_format(timezone.localtime(row.created_at), "SHORT_DATE_FORMAT")
    return worklist.Entry(
        title=gettext("%(kind)s into %(language)s")
        % {
            "kind": row.content_type.name,
            "language": language_name(row.language),
        },
        url=f"/{row.municipality.slug}/translations/?language={row.language}",
        note=gettext("requested on %(day)s") % {"day": day},
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="translations.requested",
            label=_("Translation requested"),
            audience=worklist.WORK,
            perm="translations.view_queue",
            rows=requested,
            entry=_entry,
            url_name="translations:queue",
            empty=_("No translation is requested."),
            order=40,
        )
    )
