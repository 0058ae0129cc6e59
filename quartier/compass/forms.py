"""Forms of the compass app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.compass.models import Perspective, Round, TensionField
from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood


class TensionFieldForm(KernModelForm):
    class Meta:
        model = TensionField
        fields = ["name", "left_pole", "right_pole", "explanation", "order"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}


class RoundForm(KernModelForm):
    class Meta:
        model = Round
        fields = ["title", "neighborhood", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"title": _("E.g. “Frühjahr 2027”.")}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.fields["neighborhood"].empty_label = _("the whole municipality")


def _number(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        required=True,
        error_messages={
            "required": _("Enter a number from 0 to 100."),
            "invalid": _("Enter a whole number from 0 to 100."),
            "min_value": _("Enter a whole number from 0 to 100."),
            "max_value": _("Enter a whole number from 0 to 100."),
        },
        widget=forms.NumberInput(
            attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}
        ),
    )


class AssessmentForm(KernForm):
    """Perspective, and per tension field Ist, Soll and a comment.

    The number fields are the values that count. Each has a range slider beside it
    (named "<field>_slider"); when a number field is left empty, the slider's value
    is taken, so the slider works without JavaScript too.
    """

    processing = "compass.assessment"  # Art. 13 notice, core/processing.py

    perspective = forms.ChoiceField(
        label=_("From which perspective do you answer?"),
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your perspective.")},
    )

    def __init__(
        self,
        *args: Any,
        fields: list[TensionField],
        **kwargs: Any,
    ) -> None:
        data = kwargs.get("data", args[0] if args else None)
        if data is not None:
            data = data.copy()
            for tf in fields:
                for kind in ("current", "target"):
                    name = f"f{tf.pk}_{kind}"
                    slider = data.get(f"{name}_slider", "")
                    if not str(data.get(name, "")).strip() and slider:
                        data[name] = slider
            if args:
                args = (data, *args[1:])
            else:
                kwargs["data"] = data
        super().__init__(*args, **kwargs)
        self.tension_fields = fields
        for tf in fields:
            self.fields[f"f{tf.pk}_current"] = _number(
                _("Where we are, as a number (0 = %(left)s, 100 = %(right)s)")
                % {"left": tf.left_pole, "right": tf.right_pole}
            )
            self.fields[f"f{tf.pk}_target"] = _number(
                _("Where we should be, as a number (0 = %(left)s, 100 = %(right)s)")
                % {"left": tf.left_pole, "right": tf.right_pole}
            )
            self.fields[f"f{tf.pk}_comment"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": tf.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self) -> list[dict[str, Any]]:
        """Per tension field its bound fields and slider values, for the template."""
        result = []
        for tf in self.tension_fields:
            entry: dict[str, Any] = {"field": tf}
            for kind in ("current", "target"):
                bound = self[f"f{tf.pk}_{kind}"]
                value = bound.value()
                try:
                    slider = min(100, max(0, int(value)))
                except (TypeError, ValueError):
                    slider = 50
                entry[kind] = bound
                entry[f"{kind}_slider"] = slider
            entry["comment"] = self[f"f{tf.pk}_comment"]
            result.append(entry)
        return result

    def positions(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            tf.pk: {
                "current": data[f"f{tf.pk}_current"],
                "target": data[f"f{tf.pk}_target"],
                "comment": data.get(f"f{tf.pk}_comment", ""),
            }
            for tf in self.tension_fields
        }


class AgendaForm(KernForm):
    """Choose a tension field and an upcoming meeting to discuss it in."""

    field = forms.ModelChoiceField(
        label=_("Tension field"), queryset=TensionField.objects.none()
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        help_text=_("Planned meetings of the forums that are still to come."),
    )

    def __init__(self, *args: Any, fields: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.forum.name}: {m.title} ({timezone.localtime(m.starts_at):%d.%m.%Y})"
        )
