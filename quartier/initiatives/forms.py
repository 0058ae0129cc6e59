"""Forms of the initiatives app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.forms import KernForm, KernModelForm, RichTextField
from quartier.core.models import Municipality, Neighborhood
from quartier.directory.models import Taxonomy, TaxonomyTerm
from quartier.initiatives.links import TARGETS
from quartier.initiatives.models import (
    PHASE_ORDER,
    Initiative,
    Layer,
    PartnerRole,
    Phase,
    PilotDecision,
    RaciRole,
    Reach,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple
STAFF_ROLES = ("partner", "coordinator", "admin")


def people_of(municipality: Municipality) -> Any:
    """Members who may carry responsibility: partners, coordination, admins."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__municipality=municipality,
            memberships__role__in=STAFF_ROLES,
            is_active=True,
        )
        .order_by("display_name", "email")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name or obj.email


class InitiativeForm(KernModelForm):
    processing = "initiatives.responsibility"  # Art. 13 notice, core/processing.py

    description = RichTextField(
        label=_("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Background, aims and how it works. Simple formatting is kept."),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "summary",
            "description",
            "neighborhoods",
            "lead_actor",
            "lead_person",
            "topics",
            "target_groups",
            "starts_on",
            "planned_end_on",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "neighborhoods": CHECKBOXES,
            "topics": CHECKBOXES,
            "target_groups": CHECKBOXES,
            "starts_on": DATE,
            "planned_end_on": DATE,
        }

    def __init__(
        self, *args: Any, municipality: Municipality, user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        f = self.fields
        f["neighborhoods"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
        terms = TaxonomyTerm.objects.of(municipality)
        f["topics"].queryset = terms.filter(taxonomy=Taxonomy.TOPIC)  # type: ignore[attr-defined]
        f["target_groups"].queryset = terms.filter(taxonomy=Taxonomy.TARGET_GROUP)  # type: ignore[attr-defined]
        actors = Actor.objects.of(municipality).active().order_by("name")
        if user.has_perm("initiatives.manage_checklists", municipality):
            f["lead_person"] = PersonChoiceField(
                label=_("lead person"),
                queryset=people_of(municipality),
                required=False,
                help_text=_("Or name a person from the coordination or a partner."),
            )
        else:
            # Partners lead through one of their own organisations.
            del f["lead_person"]
            actors = actors.filter(members=user)
        f["lead_actor"].queryset = actors  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("planned_end_on")
        if starts and ends and ends < starts:
            self.add_error("planned_end_on", _("The end must come after the start."))
        return data


class PhaseForm(KernForm):
    to = forms.ChoiceField(label=_("new phase"))
    changed_on = forms.DateField(label=_("date"), widget=DATE, required=False)
    comment = forms.CharField(
        label=_("comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What was reached, what comes next. Required when ending."),
    )
    reason = forms.CharField(
        label=_("reason despite open checklist items"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Phase.choices if value in allowed
        ]


class ChecklistDefaultsForm(KernForm):
    def __init__(self, *args: Any, current: dict[str, list[str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for phase in PHASE_ORDER:
            self.fields[phase] = forms.CharField(
                label=Phase(phase).label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial="\n".join(current.get(phase, [])),
                help_text=_("One item per line."),
            )


class PilotForm(KernForm):
    hypothesis_if = forms.CharField(
        label=_("If …"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you try, e.g. “If the walking group meets at the school”."),
    )
    hypothesis_then = forms.CharField(
        label=_("then …"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you expect, e.g. “then more parents take part”."),
    )
    measured_by = forms.CharField(
        label=_("measured by …"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How you will know, e.g. “number of parents per meeting”."),
    )
    starts_on = forms.DateField(label=_("pilot starts"), widget=DATE)
    ends_on = forms.DateField(label=_("pilot ends"), widget=DATE)
    observed = forms.CharField(
        label=_("what is observed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The pilot must end after it starts."))
        return data


class ConcludeForm(KernForm):
    learning = forms.CharField(
        label=_("what was learnt"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Did the hypothesis hold? What did the observation show?"),
    )
    decision = forms.ChoiceField(
        label=_("decision"), choices=PilotDecision.choices, widget=forms.RadioSelect
    )
    changes = forms.CharField(
        label=_("what changes (when adapting)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decided_on = forms.DateField(label=_("decided on"), widget=DATE, required=False)


class PartnerForm(KernForm):
    actor = forms.ModelChoiceField(
        label=_("organisation"), queryset=Actor.objects.none()
    )
    role = forms.ChoiceField(label=_("role"), choices=PartnerRole.choices)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            Actor.objects.of(municipality).active().order_by("name")
        )


class ResponsibilityForm(KernForm):
    processing = "initiatives.responsibility"  # Art. 13 notice, core/processing.py

    role = forms.ChoiceField(label=_("role"), choices=RaciRole.choices)
    task = forms.CharField(label=_("for what"), max_length=200, required=False)
    actor = forms.ModelChoiceField(
        label=_("organisation"), queryset=Actor.objects.none(), required=False
    )
    user = PersonChoiceField(label=_("person"), queryset=None, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            Actor.objects.of(municipality).active().order_by("name")
        )
        self.fields["user"].queryset = people_of(municipality)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("actor") and not data.get("user"):
            self.add_error("actor", _("Name an organisation or a person."))
        return data


class FollowUpForm(KernForm):
    processing = "initiatives.responsibility"  # Art. 13 notice, core/processing.py

    due_on = forms.DateField(label=_("due on"), widget=DATE)
    note = forms.CharField(label=_("what to look at"), max_length=300)
    person = PersonChoiceField(label=_("who"), queryset=None, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_of(municipality)  # type: ignore[attr-defined]


class LinkForm(KernForm):
    """What to link: the kind and the object. The object must be among the kind's
    choices for this person (a forged value is refused next to the field)."""

    kind = forms.ChoiceField(label=_("what"))
    target = forms.CharField(label=_("which one"), max_length=40)

    def __init__(
        self, *args: Any, user: Any, municipality: Municipality, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.user, self.municipality = user, municipality
        self.fields["kind"].choices = [(t.key, t.label) for t in TARGETS]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        from quartier.core.object_links import link_choices

        data = super().clean()
        key, value = data.get("kind"), data.get("target")
        if key and value:
            try:
                target = (
                    link_choices(self.user, self.municipality, key)
                    .filter(pk=value)
                    .first()
                )
            except (ValueError, TypeError, ValidationError):  # an id of the wrong shape
                target = None
            if target is None:
                self.add_error("target", _("Choose an object from the list."))
            data["target_object"] = target
        return data


class LinkFromForm(KernForm):
    """Which initiative to link an object with (from the object's side): only
    those the person may edit."""

    initiative = forms.ModelChoiceField(
        label=_("initiative"), queryset=Initiative.objects.none()
    )

    def __init__(self, *args: Any, initiatives: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]


class HealthCheckForm(KernForm):
    layers = forms.TypedMultipleChoiceField(
        label=_("determinants of health touched"),
        choices=Layer.choices,
        coerce=int,
        widget=CHECKBOXES,
        required=False,
        help_text=_("The five layers of the Dahlgren–Whitehead model."),
    )
    benefits = forms.CharField(
        label=_("who benefits"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    left_out = forms.CharField(
        label=_("who might be left out or burdened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reaches_low_income = forms.ChoiceField(
        label=_("Does it reach people with little money?"), choices=Reach.choices
    )
    reaches_without_german = forms.ChoiceField(
        label=_("Does it reach people without German?"), choices=Reach.choices
    )
    reaches_disabled = forms.ChoiceField(
        label=_("Does it reach people with disabilities?"), choices=Reach.choices
    )
    equity_notes = forms.CharField(
        label=_("notes on fairness"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    departments = forms.CharField(
        label=_("other departments concerned"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("e.g. urban planning, youth welfare office, schools"),
    )


class InitiativeFilterForm(KernForm):
    """Filters of the public list (GET); invalid values are ignored."""

    hide_optional = True

    phase = forms.ChoiceField(label=_("phase"), required=False)
    neighborhood = forms.ChoiceField(label=_("neighbourhood"), required=False)
    topic = forms.ChoiceField(label=_("topic"), required=False)
    # A search field, not a select: a town names hundreds of lead and partner
    # organisations, and a select with an option for each of them (twice) was a
    # third of the list's time (docs/benchmarks.md). Matched on the server, so it
    # works without JavaScript.
    organisation = forms.CharField(
        label=_("Organisation"),
        help_text=_("A part of the name of the lead or a partner organisation."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # One organisation by id (links that narrow the list to one lead or partner).
    lead = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    partner = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        everything = ("", _("all"))
        f = self.fields
        f["phase"].choices = [everything, *Phase.choices]  # type: ignore[attr-defined]
        f["neighborhood"].choices = [  # type: ignore[attr-defined]
            everything,
            *Neighborhood.objects.of(municipality).values_list("slug", "name"),
        ]
        f["topic"].choices = [  # type: ignore[attr-defined]
            everything,
            *TaxonomyTerm.objects.of(municipality)
            .filter(taxonomy=Taxonomy.TOPIC)
            .values_list("code", "name"),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
