"""Forms of the glossary: proposals and comments (members), terms and adopted
versions (coordination)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.forums.models import Decision
from quartier.forums.services.decisions import decision_label


class TermForm(KernForm):
    term = forms.CharField(label=_("Term"), max_length=120)


class ProposalForm(KernForm):
    text = forms.CharField(
        label=_("Your proposed definition"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: what does the term mean here, in our town?"),
    )


class CommentForm(KernForm):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return f"{decision_label(obj)} ({obj.forum.name}): {obj.text[:80]}"


class AdoptionForm(KernForm):
    """A version adopted by a forum decision of this municipality."""

    text = forms.CharField(
        label=_("Agreed text"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    decision = DecisionChoiceField(
        label=_("Adopted by decision"),
        queryset=Decision.objects.none(),
        error_messages={"invalid_choice": _("Please choose a decision from the list.")},
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(
            municipality=municipality
        ).select_related("forum")
