from __future__ import annotations

from django import forms

from quartier.core.forms import KernFormMixin
from quartier.opendata.models import OpenDataSettings


class OpenDataSettingsForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = OpenDataSettings
        fields = ["licence", "attribution", "contact_email"]
        widgets = {"licence": forms.RadioSelect}
