"""Forms of the reflections app: the reflection (three steps), an adaptation (a
decision in the register) and counting an existing decision as an adaptation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.roles import Role
from quartier.forums.models import AgendaItem, AgendaItemStatus, Meeting
from quartier.reflections.models import Reflection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReflectionForm(KernModelForm):
    class Meta:
        model = Reflection
        fields = [
            "title",
            "held_on",
            "meeting",
            "compass_round",
            "compass_field",
            "initiative",
            "fund",
            "fund_year",
            "what",
            "so_what",
            "now_what",
        ]
        widgets = {
            "held_on": DATE,
            "what": forms.Textarea(attrs={"rows": 5}),
            "so_what": forms.Textarea(attrs={"rows": 5}),
            "now_what": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, municipality: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from quartier.compass.models import Round, TensionField
        from quartier.funds.models import Fund
        from quartier.initiatives.models import Initiative

        fields = self.fields
        fields["meeting"].queryset = (  # type: ignore[attr-defined]
            Meeting.objects.visible_to(user, municipality)
            .select_related("forum")
            .order_by("-starts_at")
        )
        rounds = Round.objects.of(municipality)
        fields["compass_round"].queryset = rounds.filter(  # type: ignore[attr-defined]
            pk__in=[r.pk for r in rounds if user.has_perm("compass.view_round", r)]
        ).order_by("-pk")
        fields["compass_field"].queryset = TensionField.objects.of(  # type: ignore[attr-defined]
            municipality
        ).order_by("order", "pk")
        fields["initiative"].queryset = Initiative.objects.visible_to(  # type: ignore[attr-defined]
            user, municipality
        ).order_by("title")
        fields["fund"].queryset = (
            Fund.objects.of(municipality)
            .filter(  # type: ignore[attr-defined]
                pk__in=[
                    f.pk
                    for f in Fund.objects.of(municipality)
                    if user.has_perm("funds.view_fund", f)
                ]
            )
            .order_by("name")
        )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.public_name


class AdaptationForm(KernForm):
    processing = "reflections.adaptation"  # Art. 13 notice, core/processing.py

    text = forms.CharField(
        label=_("What we change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Say what you change.")},
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        help_text=_(
            "The change is recorded as a decision under this agenda item "
            "in the decisions register."
        ),
        error_messages={"required": _("Choose the agenda item of the decision.")},
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    actor = forms.ModelChoiceField(
        label=_("Responsible actor"), queryset=Actor.objects.none(), required=False
    )
    person = PersonChoiceField(
        label=_("or responsible person"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        items = (
            AgendaItem.objects.of(municipality)
            .filter(status=AgendaItemStatus.ACCEPTED)
            .select_related("meeting__forum", "municipality")
            .order_by("-meeting__starts_at", "position")
        )
        self.fields["agenda_item"].queryset = items.filter(  # type: ignore[attr-defined]
            pk__in=[
                i.pk
                for i in items
                if i.meeting.is_listed and user.has_perm("forums.record_decision", i)
            ]
        )
        self.fields["agenda_item"].label_from_instance = (  # type: ignore[attr-defined]
            lambda i: (
                f"{i.meeting.forum.name}, {i.meeting.starts_at:%d.%m.%Y}: {i.title}"
            )
        )
        self.fields["actor"].queryset = (
            Actor.objects.of(  # type: ignore[attr-defined]
                municipality
            )
            .active()
            .order_by("name")
        )
        self.fields["person"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                memberships__municipality=municipality,
                memberships__role__in=[Role.COORDINATOR, Role.ADMIN],
                deleted_at__isnull=True,
            )
            .distinct()
            .order_by("display_name", "id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("actor") and data.get("person"):
            self.add_error("person", _("Choose either an actor or a person."))
        elif not data.get("actor") and not data.get("person"):
            self.add_error("actor", _("Name who is responsible."))
        return data


class LinkForm(KernForm):
    reflection = forms.ModelChoiceField(
        label=_("Reflection"),
        queryset=Reflection.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the offered entries.")},
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reflection"].queryset = choices  # type: ignore[attr-defined]


class TextChangeTargetForm(KernForm):
    """Step 1 (GET): which text to change; the next form starts from its current
    text."""

    target = forms.ChoiceField(
        label=_("What changes"),
        error_messages={"invalid_choice": _("Choose one of the offered entries.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class TextChangeForm(KernForm):
    target = forms.CharField(widget=forms.HiddenInput(attrs={"id": "id_change_target"}))
    text = forms.CharField(
        label=_("New text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": _("Write the new text.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Shown in the change log on the object's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why the text changes.")},
    )
    due_date = forms.DateField(
        label=_("Apply by"),
        required=False,
        widget=DATE,
        help_text=_("While proposed, the change shows as late after this day."),
    )
    apply = forms.BooleanField(
        label=_("Apply the change now"),
        required=False,
        help_text=_("Otherwise it is recorded as proposed and applied later."),
    )
