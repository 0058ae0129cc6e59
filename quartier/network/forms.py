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

    def __init__(self, *args: Any, snapshots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("then", "now"):
            self.fields[name].queryset = snapshots
            self.fields[name].label_from_instance = _snapshot_label


def _snapshot_label(snapshot: Any) -> str:
    from django.utils.formats import date_format

    return date_format(snapshot.taken_on, "SHORT_DATE_FORMAT") + (f" ({snapshot.pk})")
