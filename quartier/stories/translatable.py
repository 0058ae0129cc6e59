"""Stories can be translated (quartier/translations/registry.py)."""

from quartier.stories.models import Story
from quartier.translations.registry import Translatable, register

# Story.text is rich text (stories/services.py sanitises it): so is its translation.
register(Translatable(model=Story, fields=("title", "text"), rich_fields=("text",)))
