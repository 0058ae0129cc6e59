"""Creating and editing initiatives: the initiative itself, its phase, checklist,
pilots, partners, responsibilities and follow-ups; the default checklists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import require
from quartier.initiatives import services
from quartier.initiatives.forms import (
    ChecklistDefaultsForm,
    ConcludeForm,
    FollowUpForm,
    InitiativeForm,
    PartnerForm,
    PhaseForm,
    PilotForm,
    ResponsibilityForm,
)
from quartier.initiatives.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    FollowUp,
    Initiative,
    InitiativePartner,
    Pilot,
    Responsibility,
)
from quartier.initiatives.views.common import child, load
from quartier.initiatives.worklist import open_follow_ups

FORM = "initiatives/form.html"


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    initiative: Initiative | None = None,
    intro: str = "",
    submit: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "initiative": initiative,
        "intro": intro,
        "submit": submit or _("Save"),
    }
    return render(request, FORM, context, status=status)


def _programme(request: HttpRequest, municipality: Any) -> Any:
    """The programme an initiative is to be based on (`?programme=`), if any."""
    from quartier.programmes.models import Programme

    wanted = request.GET.get("programme", "")
    if not wanted.isdigit():
        return None
    return Programme.objects.library_of(municipality).filter(pk=wanted).first()


def initiative_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    initiative = None
    if pk is None:
        require(request, "initiatives.add_initiative")
    else:
        initiative = load(request, pk, "initiatives.change_initiative")
    programme = _programme(request, municipality) if initiative is None else None
    form = InitiativeForm(
        request.POST or None,
        instance=initiative,
        initial={"title": programme.name, "summary": programme.summary}
        if programme
        else None,
        municipality=municipality,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        relations = {
            name: data.pop(name)
            for name in ("neighborhoods", "topics", "target_groups")
        }
        try:
            if initiative is None:
                initiative = services.initiative_create(
                    by=request.user, municipality=municipality, **relations, **data
                )
                messages.success(request, _("The initiative was created."))
                if programme is not None:
                    return redirect(
                        reverse(
                            "initiatives:adaptation",
                            kwargs={
                                "municipality_slug": municipality.slug,
                                "pk": initiative.pk,
                            },
                        )
                        + f"?programme={programme.pk}"
                    )
            else:
                services.initiative_update(
                    by=request.user, initiative=initiative, **relations, **data
                )
                messages.success(request, _("The initiative was saved."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(initiative)
    title = (
        _("Edit initiative “%(title)s”") % {"title": initiative.title}
        if initiative
        else _("New initiative")
    )
    return _form_page(request, form, title=title, initiative=initiative)


def phase_change(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_phase")
    allowed = services.allowed_phases(initiative)
    form = PhaseForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_change(
                by=request.user,
                initiative=initiative,
                to=form.cleaned_data["to"],
                comment=form.cleaned_data["comment"],
                reason=form.cleaned_data["reason"],
                changed_on=form.cleaned_data["changed_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The phase was changed."))
            return redirect(initiative)
    open_items = services.open_items(initiative)
    intro = _("Current phase: %(phase)s.") % {"phase": initiative.get_phase_display()}
    if open_items:
        intro += " " + _(
            "Open checklist items of this phase: %(items)s. If you change the phase "
            "anyway, say why."
        ) % {"items": ", ".join(i.text for i in open_items)}
    return _form_page(
        request,
        form,
        title=_("Change the phase"),
        initiative=initiative,
        intro=intro,
        submit=_("Change the phase"),
    )


@require_POST
def checklist_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    item = child(request, initiative, ChecklistItem.objects.all(), item_pk)
    services.checklist_item_set(
        by=request.user, item=item, done=request.POST.get("done") == "1"
    )
    return redirect(f"{initiative.get_absolute_url()}#checklist")


def checklist_defaults(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "initiatives.manage_checklists")
    services.ensure_default_checklists(municipality)
    current: dict[str, list[str]] = {}
    for item in ChecklistTemplateItem.objects.of(municipality):
        current.setdefault(item.phase, []).append(item.text)
    form = ChecklistDefaultsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for phase, text in form.cleaned_data.items():
            services.checklist_defaults_save(
                by=request.user,
                municipality=municipality,
                phase=phase,
                lines=text.splitlines(),
            )
        messages.success(request, _("The default checklists were saved."))
        return redirect("initiatives:checklists", municipality_slug=municipality.slug)
    return _form_page(
        request,
        form,
        title=_("Default checklists of the phases"),
        intro=_(
            "Every initiative gets a copy of a phase's checklist when it enters that "
            "phase. Changes here apply to phases entered from now on."
        ),
    )


def pilot_edit(
    request: HttpRequest, pk: int, pilot_pk: int | None = None
) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    pilot = (
        child(request, initiative, Pilot.objects.all(), pilot_pk) if pilot_pk else None
    )
    initial = (
        {name: getattr(pilot, name) for name in services.PILOT_FIELDS}
        if pilot
        else None
    )
    form = PilotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_save(
                by=request.user, initiative=initiative, pilot=pilot, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pilot was saved."))
            return redirect(f"{initiative.get_absolute_url()}#pilots")
    return _form_page(
        request,
        form,
        title=_("Pilot with a hypothesis"),
        initiative=initiative,
        intro=_(
            "Describe what you try, what you expect and how you will know: “If …, "
            "then …, measured by …”."
        ),
    )


def pilot_conclude(request: HttpRequest, pk: int, pilot_pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_phase")
    pilot = child(request, initiative, Pilot.objects.all(), pilot_pk)
    form = ConcludeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pilot_conclude(by=request.user, pilot=pilot, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pilot was concluded."))
            return redirect(f"{initiative.get_absolute_url()}#pilots")
    return _form_page(
        request,
        form,
        title=_("Conclude the pilot"),
        initiative=initiative,
        intro=_(
            "Hypothesis: If %(if)s, then %(then)s, measured by %(by)s. Stop ends the "
            "initiative, adapt takes it back to the concept, consolidate moves it on "
            "to implementation."
        )
        % {
            "if": pilot.hypothesis_if,
            "then": pilot.hypothesis_then,
            "by": pilot.measured_by,
        },
    )


def _team_form(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    save: Any,
    *,
    title: str,
    done: str,
    anchor: str,
) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    form = form_class(request.POST or None, municipality=initiative.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            save(by=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(f"{initiative.get_absolute_url()}#{anchor}")
    return _form_page(request, form, title=title, initiative=initiative)


def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _team_form(
        request,
        pk,
        PartnerForm,
        services.partner_add,
        title=_("Add a partner"),
        done=_("The partner was added."),
        anchor="partners",
    )


@require_POST
def partner_remove(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    partner = child(request, initiative, InitiativePartner.objects.all(), partner_pk)
    services.partner_remove(by=request.user, partner=partner)
    messages.success(request, _("The partner was removed."))
    return redirect(f"{initiative.get_absolute_url()}#partners")


def responsibility_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _team_form(
        request,
        pk,
        ResponsibilityForm,
        services.responsibility_add,
        title=_("Add a responsibility"),
        done=_("The responsibility was added."),
        anchor="responsibilities",
    )


@require_POST
def responsibility_remove(
    request: HttpRequest, pk: int, responsibility_pk: int
) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    responsibility = child(
        request, initiative, Responsibility.objects.all(), responsibility_pk
    )
    services.responsibility_remove(by=request.user, responsibility=responsibility)
    messages.success(request, _("The responsibility was removed."))
    return redirect(f"{initiative.get_absolute_url()}#responsibilities")


def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _team_form(
        request,
        pk,
        FollowUpForm,
        services.follow_up_add,
        title=_("Add a follow-up"),
        done=_("The follow-up was added."),
        anchor="follow-ups",
    )


@require_POST
def follow_up_done(request: HttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    initiative = load(request, pk, "initiatives.change_initiative")
    follow_up = child(request, initiative, FollowUp.objects.all(), follow_up_pk)
    services.follow_up_done(by=request.user, follow_up=follow_up)
    messages.success(request, _("The follow-up is done."))
    return redirect(f"{initiative.get_absolute_url()}#follow-ups")


@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "initiatives.view_followups")
    rows = open_follow_ups(request.user, municipality)
    return render(request, "initiatives/follow_ups.html", {"follow_ups": rows[:200]})
