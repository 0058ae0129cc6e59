from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.network.graph import SOURCES


class SnapshotForm(KernForm):
    taken_on = forms.DateField(
        label=_("Network as of"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today, or a past date: the network is rebuilt as it stood then."),
    )
    sources = forms.MultipleChoiceField(
        label=_("Which relations count as a tie?"),
        choices=list(SOURCES.items()),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"taken_on": timezone.localdate(), "sources": list(SOURCES)}
        )
        super().__init__(*args, **kwargs)


class CompareForm(KernForm):
    then = forms.ModelChoiceField(label=_("Earlier snapshot"), queryset=None)
    now = forms.ModelChoiceField(label=_("Later snapshot"), queryset=None)

    def __init__(
        self, *args: Any, snapshots: Any, listed: list | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("then", "now"):
            field = self.fields[name]
            if listed is not None:
                field.iterator = _ListedChoices  # type: ignore[attr-defined]
                field.listed = listed  # type: ignore[attr-defined]
            field.queryset = snapshots  # type: ignore[attr-defined]
            field.label_from_instance = _snapshot_label  # type: ignore[attr-defined]


class _ListedChoices(forms.models.ModelChoiceIterator):
    """The options from snapshots the view has already read: on SQLite every read
    of a snapshot row walks its stored node and edge lists (several megabytes for a
    large network), so the two selects do not read them again. Validation still
    goes through the field's queryset."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for snapshot in self.field.listed:
            yield self.choice(snapshot)

    def __len__(self) -> int:
        return len(self.field.listed) + (self.field.empty_label is not None)


def _snapshot_label(snapshot: Any) -> str:
    from django.utils.formats import date_format

    return date_format(snapshot.taken_on, "SHORT_DATE_FORMAT") + (f" ({snapshot.pk})")


SCORES = [("", "–"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


class SurveyRoundForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    closes_on = forms.DateField(
        label=_("Answers until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    actors = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each gets a personal link at its contact address; organisations "
            "without an address get none."
        ),
    )

    def __init__(self, *args: Any, actors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actors"].queryset = actors


class AnswerRowForm(KernForm):
    """One partner and the six items about it (docs/network.md)."""

    processing = "network.relationship_survey"

    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None)
    trust_reliable = forms.TypedChoiceField(
        label=_("Trust: they do what they say"), choices=SCORES, coerce=int
    )
    trust_mission = forms.TypedChoiceField(
        label=_("Trust: they share our goals for the neighbourhood"),
        choices=SCORES,
        coerce=int,
    )
    trust_open = forms.TypedChoiceField(
        label=_("Trust: they are open to discussion"), choices=SCORES, coerce=int
    )
    value_power = forms.TypedChoiceField(
        label=_("Value: their influence helps us"), choices=SCORES, coerce=int
    )
    value_involvement = forms.TypedChoiceField(
        label=_("Value: they take an active part"), choices=SCORES, coerce=int
    )
    value_resources = forms.TypedChoiceField(
        label=_("Value: they bring resources (money, rooms, knowledge)"),
        choices=SCORES,
        coerce=int,
    )

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        for field in self.fields.values():
            field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        items = [name for name in self.fields if name != "partner"]
        if data.get("partner") and any(data.get(name) in (None, "") for name in items):
            raise forms.ValidationError(
                _("Please rate all six statements for this partner (1 to 4).")
            )
        return data


AnswerFormSet = forms.formset_factory(AnswerRowForm, extra=0, max_num=40)
