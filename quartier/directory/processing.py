"""Processing activities of the directory of offerings (core/processing.py). Forms
name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _offerings(municipality: Municipality) -> bool:
    from quartier.directory.models import Location, Service

    return (
        Service.objects.filter(municipality=municipality).exists()
        or Location.objects.filter(municipality=municipality).exists()
    )


register(
    Activity(
        key="directory.offering",
        module=_("Directory of offerings"),
        name=_("Offerings, places and their contact persons"),
        purpose=_(
            "So that residents find offerings and places near them and know whom "
            "to contact."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Contact persons of organisations and offerings"),),
        data=(_("Name, function, e-mail address and phone number of the contact"),),
        recipients=(_("Everybody: the directory and its open data (HSDS)"),),
        anchor="directory",
        public=_(
            "Contact persons, e-mail addresses and phone numbers entered here are "
            "shown publicly in the directory and its open data."
        ),
        retention_note=_("Until the entry is changed or removed."),
        in_use=_offerings,
        order=80,
    ),
)
