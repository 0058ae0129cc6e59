"""Forms of the hsds app: the upload of an import file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm


def max_bytes() -> int:
    return int(getattr(settings, "HSDS_IMPORT_MAX_BYTES", 10 * 1024 * 1024))


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "HSDS JSON (.json) or the CSV template (.csv), UTF-8, at most 10 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".json", ".csv")):
            raise forms.ValidationError(_("Upload a .json or a .csv file."))
        if upload.size > max_bytes():
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    @property
    def format(self) -> str:
        return (
            "csv" if self.cleaned_data["file"].name.lower().endswith(".csv") else "json"
        )
