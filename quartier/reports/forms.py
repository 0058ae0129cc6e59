from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core import report_sections
from quartier.core.forms import KernForm
from quartier.core.models import Neighborhood
from quartier.reports.models import Audience


def defaults(municipality: Any, audience: str = Audience.COUNCIL) -> dict[str, Any]:
    """The builder's starting values: this year so far, every section that suits
    the audience."""
    today = timezone.localdate()
    return {
        "title": _("Report %(year)s") % {"year": today.year},
        "audience": audience,
        "period_start": datetime.date(today.year, 1, 1),
        "period_end": today,
        "sections": report_sections.defaults_for(audience),
    }


class ReportForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(
        label=_("For whom?"),
        choices=Audience.choices,
        help_text=_(
            "A report for the public shows only what everybody may see and can be "
            "published on the municipality's page."
        ),
    )
    period_start = forms.DateField(
        label=_("Period from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("Period until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    neighborhoods = forms.ModelMultipleChoiceField(
        label=_("Neighbourhoods"),
        queryset=Neighborhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the whole municipality."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Preselected: the sections that suit the audience."),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighborhoods"].queryset = Neighborhood.objects.of(municipality)
        self.fields["sections"].choices = [
            (s.key, s.label) for s in report_sections.sections()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it begins."))
        return data


class SachberichtForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    application = forms.ModelChoiceField(
        label=_("Funded project"),
        queryset=None,
        required=False,
        help_text=_("A Sachbericht for one project …"),
    )
    fund = forms.ModelChoiceField(
        label=_("or a whole fund"), queryset=None, required=False
    )

    def __init__(self, *args: Any, municipality: Any, user: Any, **kwargs: Any) -> None:
        from quartier.funds.models import Application, Fund

        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = (
            Application.objects.visible_to(user, municipality)
            .funded()
            .select_related("call__fund")
            .order_by("-decided_at", "-pk")
        )
        self.fields["application"].label_from_instance = _project_label
        self.fields["fund"].queryset = Fund.objects.visible_to(user, municipality)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("application")) == bool(data.get("fund")):
            raise forms.ValidationError(_("Choose a funded project or a fund."))
        return data


def _project_label(application: Any) -> str:
    return f"{application.title} ({application.call.fund.name})"


class TextsForm(KernForm):
    """The free texts of a saved report: an introduction and one per section."""

    def __init__(self, *args: Any, report: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intro"] = forms.CharField(
            label=_("Introduction"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=report.texts.get("intro", ""),
        )
        for part in report.content:
            self.fields[part["key"]] = forms.CharField(
                label=part["title"],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=report.texts.get(part["key"], ""),
                help_text=_("Your text, shown at the start of this section."),
            )
