"""Forms of the Fachberatung: a grant, a consultation, a practice example, a question."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.advisers.models import AdvisoryOrganisation, PracticeKind
from quartier.core.forms import KernForm
from quartier.core.models import Municipality
from quartier.core.sharing import shared_modules


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GrantForm(KernForm):
    organisation = forms.ModelChoiceField(
        label=_("Advisory organisation"),
        queryset=AdvisoryOrganisation.objects.all(),
    )
    module_key = forms.ChoiceField(label=_("Module"))
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the advisers need it for, e.g. “Begleitung des Quartiers-Checks 2026”."
        ),
    )
    starts_on = forms.DateField(label=_("From"), widget=_date_input())
    ends_on = forms.DateField(label=_("Until"), widget=_date_input())
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "E.g. the cooperation agreement with the state's advisory service."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module_key"].choices = [(m.key, m.label) for m in shared_modules()]
        if not self.is_bound:
            self.initial.setdefault("starts_on", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end must not lie before the start."))
        return data


class ConsultationForm(KernForm):
    held_on = forms.DateField(label=_("Date"), widget=_date_input())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Without names of residents or other private persons."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up on"), required=False, widget=_date_input()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held, follow = data.get("held_on"), data.get("follow_up_on")
        if held and follow and follow < held:
            self.add_error(
                "follow_up_on", _("The follow-up must not lie before the consultation.")
            )
        return data


class PracticeForm(KernForm):
    processing = "advisers.practice"  # Art. 13 notice, core/processing.py

    kind = forms.ChoiceField(label=_("Kind"), choices=PracticeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary for other municipalities"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What others can learn from it, in your own words, without names."),
    )
    contact = forms.ModelChoiceField(
        label=_("Contact person"), queryset=User.objects.none()
    )
    contact_consent = forms.BooleanField(
        label=_("The contact person agrees to be asked by other municipalities"),
        required=True,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = User.objects.filter(
            memberships__municipality=municipality,
            memberships__role__in=("coordinator", "admin", "partner"),
            is_active=True,
        ).order_by("display_name")
        self.fields["contact"].label_from_instance = lambda u: u.display_name or u.email


class QuestionForm(KernForm):
    processing = "advisers.practice"  # Art. 13 notice, core/processing.py

    question = forms.CharField(
        label=_("Your question"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The contact person receives it by e-mail with your name and e-mail "
            "address, so that they can answer you."
        ),
    )
