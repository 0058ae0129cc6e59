"""Views of the forums app: forum list and detail, the coordinators' forms, and the
members of a forum."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.forums.forms import (
    ForumActorForm,
    ForumForm,
    ForumPersonForm,
    ForumRoleForm,
)
from quartier.forums.models import Forum, ForumMember, Meeting, MeetingStatus
from quartier.forums.services import forums as services


def _upcoming(field: str) -> Subquery:
    meetings = Meeting.objects.filter(
        forum=OuterRef("pk"),
        status=MeetingStatus.PLANNED,
        starts_at__gte=timezone.now(),
    ).order_by("starts_at", "id")
    return Subquery(meetings.values(field)[:1])


@require_GET
def forum_list(request: HttpRequest) -> HttpResponse:
    require(request, "core.view_municipality")
    municipality = request.municipality
    forums = (
        Forum.objects.visible_to(request.user, municipality)
        .active()
        .annotate(
            next_meeting_id=_upcoming("id"), next_meeting_at=_upcoming("starts_at")
        )
        .select_related("recommends_to")
        .prefetch_related("neighborhoods")
    )
    can_add = request.user.has_perm("forums.add_forum", municipality)
    return render(
        request, "forums/forum_list.html", {"forums": forums, "can_add": can_add}
    )


@require_GET
def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(
        request, Forum.objects.select_related("recommends_to"), slug=slug
    )
    members = forum.members.select_related("user", "actor").order_by("role", "id")
    # Proposed and declined meetings only for their proposer and the moderation.
    meetings = list(
        Meeting.objects.visible_to(request.user, request.municipality)
        .filter(forum=forum)
        .order_by("starts_at", "id")
    )
    now = timezone.now()
    context = {
        "forum": forum,
        "members": members,
        "upcoming": [m for m in meetings if m.ends_at >= now],
        "past": [m for m in meetings if m.ends_at < now][::-1],
        "can_edit": request.user.has_perm("forums.change_forum", forum),
        "can_manage": request.user.has_perm("forums.manage_forum_members", forum),
        "can_add_meeting": request.user.has_perm("forums.add_meeting", forum),
        "can_propose_meeting": request.user.has_perm("forums.propose_meeting", forum),
    }
    return render(request, "forums/forum_detail.html", context)


def forum_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    forum = None
    if slug is not None:
        forum = get_object_for(
            request, Forum.objects.all(), "forums.change_forum", slug=slug
        )
    else:
        require(request, "forums.add_forum")
    form = ForumForm(
        request.POST or None, instance=forum, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.forum_save(
                by=request.user,
                municipality=request.municipality,
                forum=forum,
                neighborhoods=data.pop("neighborhoods"),
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.name)
            return redirect(saved)
    return render(request, "forums/forum_form.html", {"form": form, "forum": forum})


@require_POST
def forum_archive(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(
        request, Forum.objects.all(), "forums.archive_forum", slug=slug
    )
    archived = request.POST.get("restore") is None
    services.forum_archive(by=request.user, forum=forum, archived=archived)
    if archived:
        messages.success(request, _("“%s” was archived.") % forum.name)
    else:
        messages.success(request, _("“%s” was restored.") % forum.name)
    return redirect(forum)


def forum_members(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(
        request, Forum.objects.all(), "forums.manage_forum_members", slug=slug
    )
    municipality = request.municipality
    which = request.POST.get("add") if request.method == "POST" else None
    person_form = ForumPersonForm(
        request.POST if which == "person" else None, municipality=municipality
    )
    actor_form = ForumActorForm(
        request.POST if which == "actor" else None, municipality=municipality
    )
    form = {"person": person_form, "actor": actor_form}.get(which or "")
    if form is not None and form.is_valid():
        target = "email" if which == "person" else "actor"
        try:
            services.forum_member_add(
                by=request.user,
                forum=forum,
                role=form.cleaned_data["role"],
                **{"user" if which == "person" else "actor": form.cleaned_data[target]},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member was added."))
            return _to_members(forum)
    members = forum.members.select_related("user", "actor").order_by("role", "id")
    context = {
        "forum": forum,
        "members": [(m, ForumRoleForm(initial={"role": m.role})) for m in members],
        "person_form": person_form,
        "actor_form": actor_form,
    }
    return render(request, "forums/forum_members.html", context)


def _to_members(forum: Forum) -> HttpResponse:
    return redirect(
        "forums:members",
        municipality_slug=forum.municipality.slug,
        slug=forum.slug,
    )


def _member_of(request: HttpRequest, slug: str, pk: int) -> ForumMember:
    """A member of a forum the user may manage (the forum goes through the gate)."""
    forum = get_object_for(
        request, Forum.objects.all(), "forums.manage_forum_members", slug=slug
    )
    return get_object_or_404(
        ForumMember.objects.filter(forum=forum).select_related("forum"), pk=pk
    )


@require_POST
def forum_member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    member = _member_of(request, slug, pk)
    form = ForumRoleForm(request.POST)
    if form.is_valid():
        services.forum_member_change_role(
            by=request.user, member=member, role=form.cleaned_data["role"]
        )
        messages.success(request, _("The role was changed."))
    else:
        messages.error(request, _("Choose a role."))
    return _to_members(member.forum)


@require_POST
def forum_member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    member = _member_of(request, slug, pk)
    services.forum_member_remove(by=request.user, member=member)
    messages.success(request, _("The member was removed from the forum."))
    return _to_members(member.forum)
