"""Pages of the programme library.

Below `/<slug>/programmes/`: the municipality's library (its own programmes and the
shared ones), where coordinators write their own and copy shared ones. At the top
level `/programmes/`: the shared library, public to read, written by the advisers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core import tenancy
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.models import Municipality
from quartier.core.predicates import can_read_internal
from quartier.programmes import services
from quartier.programmes.forms import (
    LibraryFilterForm,
    ProgrammeForm,
    element_formsets,
)
from quartier.programmes.models import Programme, split_lines

PAGE_SIZE = 20


def _library(request: HttpRequest) -> QuerySet[Programme]:
    return Programme.objects.visible_to(
        request.user,
        request.municipality,  # type: ignore[attr-defined]
    )


def _filtered(
    request: HttpRequest, programmes: QuerySet[Programme], *, with_scope: bool
) -> tuple[LibraryFilterForm, QuerySet[Programme]]:
    facts = list(programmes.values_list("target_groups", "evidence_level"))
    groups = sorted({g for text, _e in facts for g in split_lines(text)})
    levels = sorted({level for _t, level in facts if level})
    form = LibraryFilterForm(
        request.GET or None,
        target_groups=groups,
        evidence_levels=levels,
        with_scope=with_scope,
    )
    # A filter with an unknown value is shown with its message and left out; the
    # others still apply.
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    programmes = programmes.matching(
        scope=data.get("scope") or "",
        target_group=data.get("target_group") or "",
        evidence=data.get("evidence") or "",
        q=data.get("q") or "",
    )
    return form, programmes


def _list_page(
    request: HttpRequest,
    programmes: QuerySet[Programme],
    *,
    template: str,
    **extra: Any,
) -> HttpResponse:
    form, programmes = _filtered(
        request, programmes, with_scope=extra.pop("with_scope", True)
    )
    page = Paginator(
        programmes.select_related("copied_from").defer("summary", "links"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, template, {"form": form, "page": page, **extra})


def _save(
    request: HttpRequest,
    *,
    programme: Programme | None,
    municipality: Any,
    done: Any,
    context: dict[str, Any],
) -> HttpResponse:
    """The form of a programme with its two element lists: one service call."""
    data = request.POST if request.method == "POST" else None
    form = ProgrammeForm(data, instance=programme)
    formsets = element_formsets(data, programme)
    if data is not None:
        valid = form.is_valid() & all(f.is_valid() for f in formsets.values())
        if valid:
            try:
                saved = services.programme_save(
                    by=request.user,
                    programme=programme,
                    municipality=municipality,
                    values=form.values(),
                    core=formsets["core"].rows(),
                    adaptable=formsets["adaptable"].rows(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The programme was saved."))
                return redirect(done(saved))
        if not form.non_field_errors() and any(
            f.total_error_count() for f in formsets.values()
        ):
            form.add_error(None, _("Please check the elements below."))
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "formsets": formsets, "programme": programme, **context},
    )


# --- The municipality's library -------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality  # type: ignore[attr-defined]
    return _list_page(
        request,
        _library(request),
        template="programmes/programme_list.html",
        reads_own=can_read_internal(request.user, municipality),
        can_add=request.user.has_perm("programmes.add_programme", municipality),
    )


def _detail_url(programme: Programme, municipality: Any = None) -> str:
    if municipality is None:
        return reverse("shared_programmes:detail", kwargs={"pk": programme.pk})
    return reverse(
        "programmes:detail",
        kwargs={"municipality_slug": municipality.slug, "pk": programme.pk},
    )


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    programme = get_object_for(
        request,
        Programme.objects.library_of(municipality)
        .select_related("copied_from")
        .prefetch_related("elements", "copied_from__elements"),
        pk=pk,
    )
    own_copy = None
    if programme.is_shared and can_read_internal(request.user, municipality):
        own_copy = programme.copies.filter(municipality=municipality).first()
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "can_change": not programme.is_shared
            and request.user.has_perm("programmes.change_programme", programme),
            "can_curate": programme.is_shared
            and request.user.has_perm("programmes.change_programme", programme),
            "can_copy": programme.is_shared
            and own_copy is None
            and request.user.has_perm("programmes.add_programme", municipality),
            "own_copy": own_copy,
            "core_differs": services.core_elements_differ(programme),
            "origin_changed": programme.copied_from is not None
            and programme.copied_from.updated_at > programme.created_at,
        },
    )


def programme_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "programmes.add_programme")
    return _save(
        request,
        programme=None,
        municipality=municipality,
        done=lambda p: _detail_url(p, municipality),
        context={
            "cancel_url": reverse(
                "programmes:list", kwargs={"municipality_slug": municipality.slug}
            )
        },
    )


def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    programme = get_object_for(
        request,
        Programme.objects.filter(municipality=municipality).prefetch_related(
            "elements"
        ),
        "programmes.change_programme",
        pk=pk,
    )
    return _save(
        request,
        programme=programme,
        municipality=municipality,
        done=lambda p: _detail_url(p, municipality),
        context={"cancel_url": _detail_url(programme, municipality)},
    )


@require_POST
def programme_copy(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "programmes.add_programme")
    programme = get_object_for(
        request, Programme.objects.shared().prefetch_related("elements"), pk=pk
    )
    try:
        copy = services.programme_copy(
            by=request.user, programme=programme, municipality=municipality
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_detail_url(programme, municipality))
    messages.success(
        request,
        _("The programme is now in your library. Adapt what fits your place."),
    )
    return redirect(_detail_url(copy, municipality))


# --- The shared library (top level) --------------------------------------------


def shared_list(request: HttpRequest) -> HttpResponse:
    require(request, "programmes.view_programme", Programme())
    return _list_page(
        request,
        Programme.objects.shared(),
        template="programmes/shared_list.html",
        with_scope=False,
        can_add=request.user.has_perm("programmes.add_shared_programme"),
    )


@tenancy.across_municipalities()  # the user's memberships in every municipality
def _copy_targets(request: HttpRequest, programme: Programme) -> list[dict[str, Any]]:
    """The municipalities whose library the user may add to, each with its copy of
    `programme` if it has one (for the shared programme's page at the top level)."""
    if not request.user.is_authenticated:
        return []
    municipalities = Municipality.objects.active().filter(
        pk__in=request.user.memberships.values("municipality")  # type: ignore[union-attr]
    )
    copies = {c.municipality_id: c for c in programme.copies.all()}
    return [
        {"municipality": m, "copy": copies.get(m.pk)}
        for m in municipalities.order_by("name")
        if request.user.has_perm("programmes.add_programme", m)
    ]


def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_for(
        request, Programme.objects.shared().prefetch_related("elements"), pk=pk
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "can_curate": request.user.has_perm(
                "programmes.change_programme", programme
            ),
            "copies": programme.copies.count(),
            "copy_targets": _copy_targets(request, programme),
        },
    )


def shared_new(request: HttpRequest) -> HttpResponse:
    require(request, "programmes.add_shared_programme")
    return _save(
        request,
        programme=None,
        municipality=None,
        done=_detail_url,
        context={"cancel_url": reverse("shared_programmes:list")},
    )


def shared_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_for(
        request,
        Programme.objects.shared().prefetch_related("elements"),
        "programmes.change_programme",
        pk=pk,
    )
    return _save(
        request,
        programme=programme,
        municipality=None,
        done=_detail_url,
        context={"cancel_url": _detail_url(programme)},
    )
