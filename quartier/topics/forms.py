from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.core.models import Neighborhood
from quartier.topics.sources import SOURCES


class RunForm(KernForm):
    period_start = forms.DateField(
        label=_("Texts written from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sources = forms.MultipleChoiceField(
        label=_("Which texts?"),
        choices=[(key, source.label) for key, source in SOURCES.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only published texts count."),
    )
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        empty_label=_("the whole municipality"),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "period_start": today - datetime.timedelta(days=365),
                "period_end": today,
                "sources": list(SOURCES),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error(
                "period_end", _("The end of the period must not lie before its start.")
            )
        return data


class AdoptForm(KernForm):
    name = forms.CharField(
        label=_("Name of the topic"),
        max_length=100,
        help_text=_(
            "The cluster's top words are a suggestion: name it as people would."
        ),
    )
    tag_contributions = forms.BooleanField(
        label=_("Tag the cluster's contributions with this topic"),
        required=False,
        initial=True,
    )
