"""Forms of role profiles and qualification offers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality
from quartier.roles.models import QualificationOffer, RoleProfile, split_lines

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoleProfileForm(KernModelForm):
    competence_lines = forms.CharField(
        label=_("Competences"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, e.g. “Moderation”. Qualification offers that build a "
            "competence of the same name are shown with the profile."
        ),
    )

    class Meta:
        model = RoleProfile
        fields = [
            "name",
            "tasks",
            "hours_per_week",
            "time_note",
            "securing",
            "securing_note",
        ]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "hours_per_week": forms.NumberInput(
                attrs={"step": "0.5", "min": "0", "max": "80", "inputmode": "decimal"}
            ),
        }
        error_messages = {
            "name": {"required": _("Please name the role.")},
            "tasks": {"required": _("Please describe what the role does.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["competence_lines"] = "\n".join(
                c.name for c in self.instance.competences.all()
            )

    def validate_unique(self) -> None:
        """The service checks the name within the municipality (the form's
        instance has none yet when it is new)."""

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def competences(self) -> list[str]:
        return split_lines(self.cleaned_data.get("competence_lines", ""))


class HolderForm(KernForm):
    """Who fills the role: a member of the municipality, or an actor."""

    processing = "roles.role_holder"  # Art. 13 notice, core/processing.py

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("no person: an actor"),
    )
    actor = forms.ModelChoiceField(
        label=_("Actor"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("no actor: a person"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(
            memberships__municipality=municipality, is_active=True
        ).order_by("display_name", "pk")
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda u: u.public_name
        self.fields["actor"].queryset = (
            Actor.objects.of(municipality)
            .filter(archived_at__isnull=True)
            .only("id", "name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("actor")):
            raise forms.ValidationError(_("Choose either a person or an actor."))
        return data


class ConsentForm(KernForm):
    # Never pre-ticked (core/tests/test_consent_defaults.py).
    consent = forms.BooleanField(
        label=_("I agree that this name is shown with the role on its public page."),
        required=False,
        initial=False,
        help_text=_("You may withdraw the consent here at any time."),
    )


class OfferForm(KernModelForm):
    class Meta:
        model = QualificationOffer
        fields = [
            "title",
            "provider",
            "format",
            "starts_on",
            "ends_on",
            "dates_note",
            "costs",
            "link",
            "competences",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "competences": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Please give the offer a title.")},
            "provider": {"required": _("Please name the provider.")},
            "competences": {
                "required": _("Name at least one competence the offer builds.")
            },
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if ends and not starts:
            self.add_error("starts_on", _("Give the first date as well."))
        elif ends and starts and ends < starts:
            self.add_error("ends_on", _("The last date cannot be before the first."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OfferFilterForm(KernForm):
    hide_optional = True

    competence = forms.ChoiceField(label=_("Competence"), required=False)

    def __init__(self, data: Any, *, competences: list[str]) -> None:
        super().__init__(data)
        self.fields["competence"].choices = [
            ("", _("all competences")),
            *[(c, c) for c in competences],
        ]
