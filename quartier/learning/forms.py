"""Forms of the learning app: a time entry, and the filters of the totals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood
from quartier.learning.models import TimeEntry, TimeTrackingMode
from quartier.learning.services import actors_for, check_hours
from quartier.roles.models import RoleProfile

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TimeEntryForm(KernModelForm):
    processing = "learning.time_entry"  # Art. 13 notice, core/processing.py

    class Meta:
        model = TimeEntry
        fields = [
            "date",
            "hours",
            "category",
            "actor",
            "person",
            "neighborhood",
            "role",
            "note",
        ]
        widgets = {
            "date": DATE,
            "hours": forms.NumberInput(
                attrs={
                    "step": "0.25",
                    "min": "0.25",
                    "max": "24",
                    "inputmode": "decimal",
                }
            ),
        }
        help_texts = {
            "actor": _("Empty: the time is your own."),
        }

    def __init__(
        self, *args: Any, user: Any, municipality: Municipality, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        actors = actors_for(user, municipality).only("id", "name")
        self.fields["actor"].queryset = actors
        self.fields["actor"].empty_label = _("nobody: my own time")
        if not actors.exists():
            del self.fields["actor"]
        if user.has_perm("learning.record_for_person", municipality):
            self.fields["person"].queryset = User.objects.filter(
                memberships__municipality=municipality
            ).order_by("display_name", "pk")
            self.fields["person"].label_from_instance = lambda u: u.public_name
            self.fields["person"].empty_label = _("me")
            self.fields["person"].help_text = _(
                "Coordination only: record the time of another member. Leave the "
                "actor empty then."
            )
        else:
            del self.fields["person"]
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.fields["neighborhood"].empty_label = _("no particular neighbourhood")
        roles = RoleProfile.objects.of(municipality).only("id", "name")
        self.fields["role"].queryset = roles
        self.fields["role"].empty_label = _("no particular role")
        if not roles.exists():
            del self.fields["role"]

    def clean_hours(self) -> Any:
        hours = self.cleaned_data.get("hours")
        if hours is not None:
            try:
                check_hours(hours)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["hours"]) from exc
        return hours

    def _get_validation_exclusions(self) -> set[str]:
        # Who the time is for is decided by the service (empty means "me"), so the
        # person-or-actor constraint is checked there, not on the half-filled form.
        exclude = set(super()._get_validation_exclusions())
        return exclude | {"person", "actor"}


class TotalsFilterForm(KernForm):
    hide_optional = True

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("all neighbourhoods"),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)


class TimeTrackingForm(KernForm):
    mode = forms.ChoiceField(
        label=_("Time entries in this municipality"),
        choices=TimeTrackingMode.choices,
        widget=forms.RadioSelect,
    )
    agreement_note = forms.CharField(
        label=_("Agreement with the staff council"),
        max_length=300,
        required=False,
        help_text=_("E.g. “Dienstvereinbarung Zeiterfassung vom 12.03.2026”."),
    )
    # Never pre-ticked: the admin states it in person (quartier/core/tests/
    # test_consent_defaults.py holds every such box).
    confirm_agreement = forms.BooleanField(
        label=_(
            "I confirm that an agreement with the staff council (Personalrat or "
            "Betriebsrat) on recording time is in place."
        ),
        required=False,
    )
