"""Offerings and places can be maintained in several languages
(quartier/translations/registry.py); the HSDS export keeps each offering's own
`languages` (the languages the offering is given in)."""

from quartier.directory.models import Location, Service
from quartier.translations.registry import Translatable, register

register(
    Translatable(
        model=Service,
        fields=(
            "name",
            "description",
            "eligibility_description",
            "application_process",
            "fee_description",
            "accessibility",
        ),
    ),
    Translatable(
        model=Location,
        fields=("name", "description", "transportation", "accessibility"),
    ),
)
