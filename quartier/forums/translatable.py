"""Forums (name, purpose) and meetings can be translated
(quartier/translations/registry.py)."""

from quartier.forums.models import Forum, Meeting
from quartier.translations.registry import Translatable, register

register(
    Translatable(model=Forum, fields=("name", "purpose")),
    Translatable(model=Meeting, fields=("title", "description")),
)
