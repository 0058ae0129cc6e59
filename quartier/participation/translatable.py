"""Contributions and comments can be translated (quartier/translations/registry.py);
a contribution records the language it was written in, a comment does not (it may be
in any language, and is translated into any)."""

from quartier.participation.models import Comment, Contribution
from quartier.translations.registry import Translatable, register

register(
    Translatable(
        model=Contribution, fields=("title", "text"), language_field="language"
    ),
    Translatable(
        model=Comment,
        fields=("text",),
        url=lambda c: f"{c.contribution.get_absolute_url()}#comment-{c.pk}",
        inline=True,
        language_recorded=False,
    ),
)
