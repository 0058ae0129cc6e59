"""Writes of the legal pages."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.legal.models import LegalPage


def page_for(municipality: Municipality | None, kind: str) -> LegalPage | None:
    """The page shown for `kind`: the municipality's, else the operator's, else None
    (the caller shows the built-in template)."""
    if municipality is not None:
        own = LegalPage.objects.filter(municipality=municipality, kind=kind).first()
        if own is not None:
            return own
    return LegalPage.objects.filter(municipality__isnull=True, kind=kind).first()


@transaction.atomic
def legal_page_save(
    *, by: Any, municipality: Municipality, kind: str, body: str
) -> LegalPage:
    """Save the municipality's own page of `kind` (the body is sanitised on save)."""
    ensure_allowed(by, "legal.change_legalpage", municipality)
    page, _created = LegalPage.objects.select_for_update().get_or_create(
        municipality=municipality, kind=kind, defaults={"body": body}
    )
    if not _created:
        page.body = body
        page.save()
    record_action(by, municipality, "legal.change_legalpage", page)
    return page
