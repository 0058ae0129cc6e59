from __future__ import annotations

from typing import Any

from django import forms

from quartier.core.forms import KernForm


class TranslationForm(KernForm):
    """One field per translatable field of the object, prefilled with the stored
    translation (or a provider's draft)."""

    def __init__(
        self, *args: Any, kind: Any, language: str, initial_texts: dict, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in kind.fields:
            model_field = kind.model._meta.get_field(name)
            multiline = model_field.get_internal_type() == "TextField"
            self.fields[name] = forms.CharField(
                label=kind.label(name),
                required=False,
                initial=initial_texts.get(name, ""),
                max_length=getattr(model_field, "max_length", None),
                widget=forms.Textarea(attrs={"rows": 6}) if multiline else None,
            )
            self.fields[name].widget.attrs.update({"lang": language, "dir": "auto"})
