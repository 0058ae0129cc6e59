"""The forms of a meeting registration: needs as checkboxes, a language and a note;
for guests without an account also name and e-mail address."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.forums.models import Need

# The spam checks of participation's open form are reused, not copied: a honeypot
# field `website`, a signed fill-in time `started`, a token that works once.
from quartier.participation.forms import SpamGuards


class RegistrationForm(KernForm):
    processing = "forums.meeting_registration"  # Art. 13 notice, core/processing.py
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


class GuestRegistrationForm(SpamGuards, RegistrationForm):
    """Registration without an account: name and e-mail address (double opt-in),
    then the needs as for members."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We send you a link to confirm your registration; only then does it "
            "count. Every e-mail has a link to cancel."
        ),
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["name", "email"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.arm_spam_guards()

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        data.pop("started", None)
        return data
