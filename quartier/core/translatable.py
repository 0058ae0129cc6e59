"""The municipality's own page (its short description on the municipality home) can
be translated (quartier/translations/registry.py)."""

from quartier.core.models import Municipality
from quartier.translations.registry import Translatable, register

# The description is rich text (shown with |safe): so is its translation.
register(
    Translatable(
        model=Municipality, fields=("description",), rich_fields=("description",)
    )
)
