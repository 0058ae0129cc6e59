"""Forms of the decisions register: the decision, its responsibilities (a formset of
plain rows that works without JavaScript), a status change, and the register's
filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood
from quartier.core.roles import Role
from quartier.forums.models import (
    Decision,
    DecisionStatus,
    Forum,
    RaciRole,
)
from quartier.forums.services.decisions import Assignment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(KernModelForm):
    class Meta:
        model = Decision
        fields = ["text", "rationale", "kind", "decided_on", "due_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "decided_on": DATE,
            "due_date": DATE,
        }
        help_texts = {
            "due_date": _(
                "When it is due, the decision is put on the next meeting of the forum "
                "and the responsible people are told."
            ),
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.public_name


class ResponsibilityForm(KernForm):
    """One row: a role (responsible, accountable, consulted, informed: RACI, a
    term the form does not use) and an actor or a person."""

    processing = "forums.membership"  # Art. 13 notice, core/processing.py

    hide_optional = True

    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", "–"), *RaciRole.choices],
    )
    actor = forms.ModelChoiceField(
        label=_("Actor"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label="–",
    )
    user = PersonChoiceField(
        label=_("or person"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="–",
    )

    def __init__(self, *args: Any, actors: Any, people: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]
        self.fields["user"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, actor, user = data.get("role"), data.get("actor"), data.get("user")
        if actor and user:
            self.add_error("user", _("Choose either an actor or a person."))
        elif (actor or user) and not role:
            self.add_error("role", _("Choose R, A, C or I."))
        elif role and not (actor or user):
            self.add_error("actor", _("Choose an actor or a person."))
        return data


class BaseResponsibilityFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(a.role == RaciRole.RESPONSIBLE for a in self.assignments()):
            raise forms.ValidationError(
                _("Name at least one responsible actor or person (R).")
            )

    def assignments(self) -> list[Assignment]:
        return [
            Assignment(
                role=form.cleaned_data["role"],
                actor=form.cleaned_data.get("actor"),
                user=form.cleaned_data.get("user"),
            )
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("role")
        ]


def responsibility_formset(
    data: Any,
    *,
    municipality: Municipality,
    forum: Forum,
    decision: Decision | None = None,
) -> BaseResponsibilityFormSet:
    """Four empty rows for a new decision; the current ones plus two for an edit."""
    initial = []
    if decision is not None:
        initial = [
            {"role": r.role, "actor": r.actor_id, "user": r.user_id}
            for r in decision.responsibilities.all()
        ]
    formset_class = forms.formset_factory(
        ResponsibilityForm,
        formset=BaseResponsibilityFormSet,
        extra=2 if initial else 4,
        max_num=30,
        validate_max=True,
    )
    actors = Actor.objects.of(municipality).only("id", "name")
    if decision is None:
        actors = actors.active()
    else:
        actors = actors.filter(
            Q(archived_at__isnull=True) | Q(responsibilities__decision=decision)
        ).distinct()
    # People to choose from: those in the forum and the municipality's staff (a
    # list of every resident would be long and would show them to the moderation).
    staff = Q(
        memberships__municipality=municipality,
        memberships__role__in=[Role.COORDINATOR, Role.ADMIN],
    )
    chosen = Q(responsibilities__decision=decision) if decision else Q(pk__in=[])
    people = (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, deleted_at__isnull=True)
        .filter(staff | Q(forum_memberships__forum=forum) | chosen)
        .distinct()
        .order_by("display_name", "id")
    )
    return formset_class(
        data,
        initial=initial,
        prefix="responsibilities",
        form_kwargs={"actors": actors, "people": people},
    )


class DecisionStatusForm(KernForm):
    new_status = forms.ChoiceField(
        label=_("New status"), choices=DecisionStatus.choices
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Why does the status change? It is shown in the public history."),
        error_messages={"required": _("Say why the status changes.")},
    )


class DecisionFilterForm(KernForm):
    """The register's filters; a plain GET form."""

    hide_optional = True

    forum = forms.ModelChoiceField(
        label=_("Forum"),
        queryset=Forum.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("all forums"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("every status")), *DecisionStatus.choices],
    )
    # A search field, not a select: a register names about 2,000 responsible actors,
    # and a select with an option each cost most of the page's time. The words are
    # matched against the names on the server (no JavaScript needed); the register
    # then offers the matching actors as links to narrow the list to one of them.
    responsible = forms.CharField(
        label=_("Responsible actor"),
        required=False,
        max_length=100,
        help_text=_("A part of the name, e.g. “Sportverein”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # One actor by id: the links from an actor's page and from the suggestions.
    actor = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("all neighbourhoods"),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        forums: Any,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums  # type: ignore[attr-defined]
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
