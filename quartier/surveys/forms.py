"""Forms of the surveys app: the builder (survey, question) and the answer form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood
from quartier.surveys.models import SCALE_VALUES, Question, QuestionKind, Survey
from quartier.surveys.services import MAX_TEXT_ANSWER

DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class SurveyForm(KernModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "neighborhood",
            "opens_at",
            "closes_at",
            "show_results_while_open",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
        }
        help_texts = {
            "opens_at": _("Leave empty to open it as soon as it is published."),
            "closes_at": _("Leave empty to close it by hand."),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data


class QuestionForm(KernModelForm):
    choices = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For single and multiple choice only: one answer option per line, at "
            "least two."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "text",
            "help_text",
            "kind",
            "required",
            "scale_low_label",
            "scale_high_label",
        ]
        help_texts = {
            "scale_low_label": _("For a scale only, e.g. “not at all”."),
            "scale_high_label": _("For a scale only, e.g. “very much”."),
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(
                c.text for c in self.instance.choices.all()
            )


def _scale_choices(question: Question) -> list[tuple[str, str]]:
    labels = []
    for value in SCALE_VALUES:
        label = str(value)
        if value == 1 and question.scale_low_label:
            label = f"1 – {question.scale_low_label}"
        elif value == 5 and question.scale_high_label:
            label = f"5 – {question.scale_high_label}"
        labels.append((str(value), label))
    return labels


class AnswerForm(KernForm):
    """One field per question, named "q<question id>"; the service validates again."""

    processing = "surveys.answer"  # Art. 13 notice, core/processing.py

    hide_optional = False

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field_for(question)

    @staticmethod
    def _field_for(question: Question) -> forms.Field:
        common: dict[str, Any] = {
            "label": question.text,
            "required": question.required,
            "help_text": question.help_text,
            "error_messages": {"required": _("Please answer this question.")},
        }
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(
                max_length=MAX_TEXT_ANSWER,
                widget=forms.Textarea(attrs={"rows": 4}),
                **common,
            )
        if question.kind == QuestionKind.SCALE:
            return forms.ChoiceField(
                choices=_scale_choices(question), widget=forms.RadioSelect, **common
            )
        options = [(str(c.pk), c.text) for c in question.choices.all()]
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
