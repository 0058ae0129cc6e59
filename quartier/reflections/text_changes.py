"""Views of a reflection's changes to texts of other modules — a forum's mandate,
an initiative's plan, a fund's rules (core/adaptable_texts.py): proposing one
(choose the text, then edit it starting from the current wording), applying and
dropping it. Mounted under /<municipality_slug>/reflections/<pk>/changes/."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core import adaptable_texts
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, may_view
from quartier.reflections import services
from quartier.reflections.forms import TextChangeForm, TextChangeTargetForm
from quartier.reflections.models import Reflection, TextChange

RELATED = ("municipality", "meeting__forum", "compass_round", "initiative", "fund")
SHOWN_PER_KIND = 200


def text_change_context(
    request: HttpRequest, reflection: Reflection
) -> list[tuple[TextChange, bool]]:
    """The reflection's text changes whose object the viewer may see, each with
    whether the viewer may apply it."""
    rows = []
    for change in reflection.text_changes.all().order_by("pk"):
        spec, obj = change.adaptable, change.target()
        if (
            spec is None
            or obj is None
            or not may_view(request.user, obj, spec.view_perm)
        ):
            continue
        change.obj = obj
        rows.append((change, request.user.has_perm(spec.change_perm, obj)))
    return rows


def _choices(user: Any, municipality: Any) -> list[tuple[str, Any]]:
    groups: list[tuple[str, Any]] = []
    for spec in adaptable_texts.texts():
        objects = spec.choices(user, municipality)[:SHOWN_PER_KIND]
        options = [(f"{spec.key}|{obj.pk}", spec.describe(obj)) for obj in objects]
        if options:
            groups.append((str(spec.label), options))
    return groups


def _resolve(user: Any, municipality: Any, value: str) -> tuple[Any, Any]:
    """(spec, object) for a "<key>|<pk>" value, only among the offered objects."""
    key, _sep, pk = (value or "").partition("|")
    spec = adaptable_texts.get(key)
    if spec is None or not pk.isdigit():
        return None, None
    obj = spec.choices(user, municipality).filter(pk=int(pk)).first()
    return (spec, obj) if obj is not None else (None, None)


def text_change_new(request: HttpRequest, pk: int) -> HttpResponse:
    reflection = get_object_for(
        request,
        Reflection.objects.select_related(*RELATED),
        "reflections.change_reflection",
        pk=pk,
    )
    municipality = request.municipality
    source = request.POST if request.method == "POST" else request.GET
    spec, obj = _resolve(request.user, municipality, source.get("target", ""))
    chooser = TextChangeTargetForm(
        request.GET if "target" in request.GET else None,
        choices=_choices(request.user, municipality),
    )
    form = None
    if spec is not None:
        form = TextChangeForm(
            request.POST if request.method == "POST" else None,
            initial={"target": source.get("target"), "text": spec.current(obj)},
        )
    elif request.method == "POST":
        chooser = TextChangeTargetForm(
            request.POST, choices=_choices(request.user, municipality)
        )
        chooser.is_valid()
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            change = services.text_change_propose(
                by=request.user,
                reflection=reflection,
                key=spec.key,
                obj=obj,
                text=data["text"],
                reason=data["reason"],
                due_date=data["due_date"],
                apply=data["apply"],
            )
        except PermissionDenied:
            form.add_error(
                "apply",
                _("You may propose this change, but not apply it yourself."),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The change has been applied and is in the object's change log.")
                if change.state == "applied"
                else _("The change has been recorded as proposed."),
            )
            return redirect(reflection)
    context = {
        "reflection": reflection,
        "chooser": chooser,
        "form": form,
        "spec": spec,
        "obj": obj,
    }
    return render(request, "reflections/text_change_form.html", context)


def _change(request: HttpRequest, pk: int, change_pk: int) -> TextChange:
    """A change of a reflection the person may write (the reflection through the
    gate; the change only among its own)."""
    reflection = get_object_for(
        request,
        Reflection.objects.select_related(*RELATED),
        "reflections.change_reflection",
        pk=pk,
    )
    change = reflection.text_changes.filter(pk=change_pk).first()
    if change is None:
        raise Http404
    return change


@require_POST
def text_change_apply(request: HttpRequest, pk: int, change_pk: int) -> HttpResponse:
    change = _change(request, pk, change_pk)
    try:
        services.text_change_apply(by=request.user, change=change)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The change has been applied and is in the object's change log.")
        )
    return redirect(change.reflection)


@require_POST
def text_change_drop(request: HttpRequest, pk: int, change_pk: int) -> HttpResponse:
    change = _change(request, pk, change_pk)
    try:
        services.text_change_drop(by=request.user, change=change)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The proposed change has been dropped."))
    return redirect(change.reflection)
