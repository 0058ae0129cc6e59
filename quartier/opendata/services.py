"""Writes of the opendata app."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.opendata.models import OpenDataSettings


@transaction.atomic
def open_data_settings_update(
    *,
    by: Any,
    municipality: Municipality,
    licence: str,
    attribution: str,
    contact_email: str,
) -> OpenDataSettings:
    """An admin sets the licence, the attribution and the contact of the open data."""
    ensure_allowed(by, "opendata.change_settings", municipality)
    settings, _created = OpenDataSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    settings.licence = licence
    settings.attribution = attribution.strip()
    settings.contact_email = contact_email.strip()
    settings.full_clean()
    settings.save()
    record_action(by, municipality, "opendata.change_settings", settings)
    return settings
