"""Local adaptation: the initiative based on a programme, side by side."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.forms import KernForm, add_service_errors
from quartier.initiatives import services
from quartier.initiatives.models import Adaptation
from quartier.initiatives.views.common import load


class AdaptationForm(KernForm):
    programme = forms.ModelChoiceField(label=gettext_lazy("programme"), queryset=None)
    needs_analysis = forms.CharField(
        label=gettext_lazy("needs analysis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "What was found in the neighbourhood: contributions, compass results, "
            "gaps in the directory. Link those objects to the initiative as well."
        ),
    )

    def __init__(
        self, *args: Any, municipality: Any, elements: list[Any], **kwargs: Any
    ):
        from quartier.programmes.models import Programme

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.library_of(  # type: ignore[attr-defined]
            municipality
        )
        self.elements = elements
        for element, fit in elements:
            core = element.kind == "core"
            self.fields[f"kept_{element.pk}"] = forms.BooleanField(
                label=_("“%(name)s” kept as described") % {"name": element.name},
                required=False,
                initial=fit.kept if fit else core,
            )
            self.fields[f"local_{element.pk}"] = forms.CharField(
                label=_("“%(name)s”: how it is done here") % {"name": element.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=fit.local_version if fit else "",
            )
            self.fields[f"why_{element.pk}"] = forms.CharField(
                label=_("“%(name)s”: why changed") % {"name": element.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=fit.why if fit else "",
            )

    def fits(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            element.pk: {
                "kept": data.get(f"kept_{element.pk}", False),
                "local_version": data.get(f"local_{element.pk}", ""),
                "why": data.get(f"why_{element.pk}", ""),
            }
            for element, _fit in self.elements
        }


def adaptation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    adaptation = (
        Adaptation.objects.filter(initiative=initiative)
        .select_related("programme")
        .first()
    )
    elements: list[Any] = []
    initial = None
    if adaptation is not None:
        fits = {fit.element_id: fit for fit in adaptation.fits.all()}
        elements = [(e, fits.get(e.pk)) for e in adaptation.programme.elements.all()]
        initial = {
            "programme": adaptation.programme_id,
            "needs_analysis": adaptation.needs_analysis,
        }
    else:
        wanted = request.GET.get("programme")
        initial = {"programme": wanted} if wanted and wanted.isdigit() else None
    form = AdaptationForm(
        request.POST or None,
        initial=initial,
        municipality=initiative.municipality,
        elements=elements,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.adaptation_save(
                by=request.user,
                initiative=initiative,
                programme=form.cleaned_data["programme"],
                needs_analysis=form.cleaned_data["needs_analysis"],
                fits=form.fits()
                if adaptation
                and adaptation.programme_id == form.cleaned_data["programme"].pk
                else None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The local adaptation was saved."))
            if adaptation is None or not elements:
                # Now the programme's elements can be described one by one.
                if saved.programme.elements.exists():
                    return redirect(
                        "initiatives:adaptation",
                        municipality_slug=initiative.municipality.slug,
                        pk=initiative.pk,
                    )
            return redirect(f"{initiative.get_absolute_url()}#adaptation")
    context = {
        "form": form,
        "title": _("Programme → local fit"),
        "initiative": initiative,
        "intro": _(
            "Choose the programme the initiative is based on and describe what the "
            "needs analysis found. Then say for every element how it is done here: "
            "core elements stay as they are, adaptable ones may be fitted to the "
            "neighbourhood."
        ),
        "submit": _("Save"),
    }
    return render(request, "initiatives/form.html", context)
