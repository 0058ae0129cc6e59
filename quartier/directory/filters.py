"""Filter forms of the overlap matrix and the printable directory (plain GET forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.core.models import Municipality, Neighborhood
from quartier.directory.models import TaxonomyTerm


class MatrixFilterForm(KernForm):
    hide_optional = True

    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("all target groups"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = TaxonomyTerm.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).target_groups()


class PrintForm(KernForm):
    hide_optional = True

    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("all neighbourhoods"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("all topics"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).order_by("name")
        self.fields["topic"].queryset = TaxonomyTerm.objects.filter(  # type: ignore[attr-defined]
            municipality=municipality
        ).topics()
