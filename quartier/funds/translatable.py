"""A fund's calls can be translated (quartier/translations/registry.py)."""

from quartier.funds.models import Call
from quartier.translations.registry import Translatable, register

# Call.text is rich text (funds/services/setup.py sanitises it).
register(Translatable(model=Call, fields=("title", "text"), rich_fields=("text",)))
