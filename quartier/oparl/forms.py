from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import FastSelect, KernForm
from quartier.forums.models import Decision
from quartier.oparl.models import CouncilPaper

CHOOSE = _("Choose one of the offered entries.")


class SourceForm(KernForm):
    system_url = forms.URLField(
        label=_("OParl system URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The address of the OParl “System” object of your council information "
            "system, e.g. https://ris.example.de/oparl/v1/system. Your council "
            "office or the system's vendor knows it."
        ),
        error_messages={
            "required": _("Enter the address of the OParl system."),
            "invalid": _("Enter a web address that starts with https:// or http://."),
        },
    )
    timeout = forms.FloatField(
        label=_("Timeout in seconds"),
        min_value=1,
        max_value=120,
        initial=10,
        help_text=_("How long the import waits for one answer of the council system."),
        error_messages={"required": _("Enter a number of seconds between 1 and 120.")},
    )


class DecisionChoiceForm(KernForm):
    """The paper's side: which forum decision it took up."""

    decision = forms.ModelChoiceField(
        label=_("Decision or recommendation"),
        queryset=Decision.objects.none(),
        widget=FastSelect,
        error_messages={"invalid_choice": CHOOSE, "required": CHOOSE},
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = choices  # type: ignore[attr-defined]


class PaperChoiceForm(KernForm):
    """The decision's side: which council paper took it up."""

    paper = forms.ModelChoiceField(
        label=_("Council paper"),
        queryset=CouncilPaper.objects.none(),
        widget=FastSelect,
        help_text=_("The papers imported from your council information system."),
        error_messages={"invalid_choice": CHOOSE, "required": CHOOSE},
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["paper"].queryset = choices  # type: ignore[attr-defined]
