"""The form of a meeting registration: needs as checkboxes, a language and a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.forums.models import Need


class RegistrationForm(KernForm):
    hide_optional = True  # every field is optional; saying so on each is noise

    needs = forms.MultipleChoiceField(
        label=_("What do you need to take part?"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We use this only to plan the meeting."),
    )
    language = forms.CharField(
        label=_("Interpretation into which language?"),
        max_length=100,
        required=False,
        help_text=_("Only if you need spoken-language interpretation."),
    )
    note = forms.CharField(
        label=_("Note to the organisers"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("auto_id", "registration_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs = data.get("needs") or []
        if Need.SPOKEN_LANGUAGE in needs and not (data.get("language") or "").strip():
            self.add_error(
                "language",
                _("Please tell us which language we should interpret into."),
            )
        return data
