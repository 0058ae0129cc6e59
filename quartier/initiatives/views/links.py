"""Linking an initiative to objects of other modules (links.py, core/object_links.py)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for
from quartier.core.object_links import link_choices
from quartier.initiatives import services
from quartier.initiatives.forms import LinkForm, LinkFromForm
from quartier.initiatives.links import TARGETS, TARGETS_BY_KEY
from quartier.initiatives.models import Initiative, InitiativeLink
from quartier.initiatives.views.common import child, load

CHOICES_SHOWN = 50  # per kind on the page; the rest by id


def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.link_initiative")
    municipality = initiative.municipality
    form = LinkForm(request.POST or None, user=request.user, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_add(
                by=request.user,
                initiative=initiative,
                key=form.cleaned_data["kind"],
                target=form.cleaned_data["target_object"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link was saved. Both pages show it."))
            return redirect(f"{initiative.get_absolute_url()}#links")
    # What may be linked, per kind, so that a person can pick without knowing ids.
    options = [
        {
            "key": target.key,
            "label": target.label,
            "objects": [
                (str(obj.pk), target.describe(obj))
                for obj in link_choices(request.user, municipality, target.key)[
                    :CHOICES_SHOWN
                ]
            ],
        }
        for target in TARGETS
    ]
    context = {"initiative": initiative, "form": form, "options": options}
    return render(request, "initiatives/link_form.html", context)


@require_POST
def link_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.link_initiative")
    link = child(request, initiative, InitiativeLink.objects.all(), link_pk)
    services.link_remove(by=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect(f"{initiative.get_absolute_url()}#links")


def link_from(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    """The other side: link an object of another module (a contribution, a
    decision, …) with one of the initiatives the person may edit. The object is
    loaded through the gate (404 for another municipality's or an unseen one, 403
    without its edit permission); services.link_add checks both ends again."""
    spec = TARGETS_BY_KEY.get(kind)
    if spec is None:
        raise Http404
    model = apps.get_model(spec.model)
    target = get_object_for(request, model.objects.all(), spec.edit_perm, pk=pk)
    linked = InitiativeLink.objects.filter(kind=kind, object_id=str(target.pk))
    initiatives = (
        Initiative.objects.editable_by(request.user, target.municipality)
        .exclude(pk__in=linked.values("initiative_id"))
        .order_by("title", "pk")
    )
    form = LinkFromForm(request.POST or None, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_add(
                by=request.user,
                initiative=form.cleaned_data["initiative"],
                key=kind,
                target=target,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link was saved. Both pages show it."))
            return redirect(target.get_absolute_url())
    context = {
        "form": form,
        "target": target,
        "title": spec.describe(target),
        "label": spec.label,
        "has_choices": initiatives.exists(),
    }
    return render(request, "initiatives/link_from_form.html", context)
