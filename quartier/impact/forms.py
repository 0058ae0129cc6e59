"""Forms of the impact app: goals, impact models, indicators, measurements, the
link from a goal to an initiative."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core import indicator_sources
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood
from quartier.impact import picker
from quartier.impact.models import ASSUMPTION_HELP, Goal, ImpactModel, Indicator

NUMBER_ERRORS = {
    "required": _("Please enter a number."),
    "invalid": _("Please enter a number, e.g. 64 or 12,5."),
    "max_digits": _("This number is too large."),
    "max_decimal_places": _("At most two decimal places, please."),
}


def _decimal(field: forms.Field) -> None:
    # A text field: German numbers have a decimal comma ("12,5").
    field.localize = True
    field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
    field.widget.is_localized = True
    field.error_messages.update(NUMBER_ERRORS)


DECISION_SEARCH = "decision_search"  # the goal form's search for its decision


def decision_label(row: tuple[Any, ...]) -> str:
    """A decision as the goal form names it: (pk, decided_on, forum name, text)."""
    _pk, decided_on, forum, text = row
    return f"{decided_on:%d.%m.%Y} {forum}: {text[:90]}"


class GoalForm(KernModelForm):
    """A goal. The decision that adopted it is chosen by a search (picker.py; a
    municipality's forums have thousands of decisions): the form offers "not
    adopted yet", the decision chosen so far and those whose number or text holds
    the words typed into `decision_search`, found when the form is sent with its
    "Search" button (`searching`: the view then saves nothing). Validation looks the
    chosen id up among all decisions the person may see."""

    decision_search = forms.CharField(
        label=_("Search for a decision"),
        required=False,
        help_text=_("Its number or a part of its text, e.g. “Spielplatz”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    class Meta:
        model = Goal
        fields = ["title", "neighborhood", "narrative", "decision", "visibility"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "decision": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Please give the goal a title.")},
            "decision": {"invalid_choice": _("Choose a decision of your forums.")},
        }

    field_order = [
        "title",
        "neighborhood",
        "narrative",
        DECISION_SEARCH,
        "decision",
        "visibility",
    ]

    def __init__(
        self, *args: Any, municipality: Municipality, user: Any, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        from quartier.forums.models import Decision

        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.fields["neighborhood"].empty_label = _("the whole municipality")
        decisions = Decision.objects.visible_to(user, municipality)
        field = self.fields["decision"]
        field.queryset = decisions
        values = self.data if self.is_bound else self.initial
        self.found = picker.find(
            decisions,
            picker.typed(values, DECISION_SEARCH),
            ("number", "text"),
            columns=("decided_on", "forum__name", "text"),
            label=decision_label,
            order=("-decided_on", "-pk"),
        )
        chosen = str(
            self["decision"].value() or ""
        )  # the decision chosen so far stays offered
        offered = [("", _("not adopted yet"))]
        if chosen.isdigit() and all(str(pk) != chosen for pk, _l in self.found.choices):
            offered += [
                (pk, decision_label((pk, *rest)))
                for pk, *rest in decisions.filter(pk=int(chosen)).values_list(
                    "pk", "decided_on", "forum__name", "text"
                )
            ]
        field.widget.choices = offered + self.found.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.pop(DECISION_SEARCH, None)
        return data


class ImpactModelForm(KernModelForm):
    class Meta:
        model = ImpactModel
        fields = [
            "stage_1",
            "assumption_1",
            "stage_2",
            "assumption_2",
            "stage_3",
            "assumption_3",
            "stage_4",
            "assumption_4",
            "stage_5",
            "assumption_5",
            "stage_6",
            "assumption_6",
            "stage_7",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {f"assumption_{n}": ASSUMPTION_HELP for n in range(1, 7)}


def source_choices(municipality: Municipality) -> list[Any]:
    """One choice per source, or per source and option ("key|option")."""
    choices: list[Any] = [("", _("Please choose"))]
    for source in indicator_sources.sources():
        label = f"{source.stage}. {source.label}"
        if source.options is None:
            choices.append((source.key, label))
            continue
        group = []
        if not source.option_required:
            group.append((source.key, f"{source.label}: {_('all')}"))
        group += [
            (f"{source.key}|{value}", f"{source.label}: {option}")
            for value, option in source.options(municipality)
        ]
        choices.append((label, group))
    return choices


class IndicatorForm(KernModelForm):
    source = forms.ChoiceField(
        label=_("computed from"),
        required=False,
        help_text=_("Only for computed indicators: what Quartier counts."),
    )

    class Meta:
        model = Indicator
        fields = [
            "stage",
            "name",
            "unit",
            "kind",
            "window",
            "source_text",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "direction",
        ]
        error_messages = {
            "name": {"required": _("Please name the indicator.")},
            "unit": {"required": _("Please give the unit, e.g. “people”.")},
            "target_date": {"required": _("Please give the date of the target.")},
        }

    field_order = ["stage", "name", "unit", "kind", "source", "window"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = source_choices(municipality)
        if self.instance.pk and self.instance.source_key:
            key = self.instance.source_key
            if self.instance.source_option:
                key += "|" + self.instance.source_option
            self.initial.setdefault("source", key)
        for name in ("baseline_value", "target_value"):
            _decimal(self.fields[name])
        self.fields["target_value"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key, _sep, option = (data.get("source") or "").partition("|")
        if data.get("kind") == "computed" and not key:
            self.add_error("source", _("Choose what the indicator is computed from."))
        data["source_key"], data["source_option"] = key, option
        data.pop("source", None)
        return data


class MeasurementForm(KernForm):
    date = forms.DateField(
        label=_("date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Please give the day of the measurement."),
            "invalid": _("Please enter a date, e.g. 31.12.2026."),
        },
    )
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=_("note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. where the number comes from. Seen only internally."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _decimal(self.fields["value"])


PICK = "initiative_search"  # the name of the initiative search field (picker.py)


class InitiativeSearchForm(KernForm):
    """The search field of an initiative choice: a GET form whose words are matched
    against the titles on the server (picker.py); it keeps what was typed."""

    hide_optional = True

    initiative_search = forms.CharField(
        label=_("Search for an initiative"),
        required=False,
        help_text=_("A part of the title, e.g. “Elterncafé”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class LinkForm(KernForm):
    """Which initiative works towards a goal. The page offers the initiatives
    found by a search (`offered`, at most picker.OFFERED); the chosen id is looked
    up among all `choices` the person may make, so a forged or foreign id is
    refused next to the field."""

    initiative = forms.ModelChoiceField(
        label=_("initiative"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose an initiative."),
            "invalid_choice": _("Choose an initiative of the list."),
        },
    )
    # What was searched for: offered again when the form comes back with an error.
    initiative_search = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"id": "id_searched"})
    )

    def __init__(
        self, *args: Any, choices: Any, offered: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        field.queryset = choices  # type: ignore[attr-defined]
        field.widget.choices = offered  # type: ignore[attr-defined]
