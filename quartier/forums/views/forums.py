"""Views of the forums app: forum list and detail, the coordinators' forms, and the
members of a forum."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.pagination import AFTER, BEFORE, Key, encode_cursor, keyset_page
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


# A forum's page shows its meetings a few at a time, each list with "earlier" and
# "later" links (keyset pages, core/pagination.py): a forum that has met every week
# for years costs what a new one costs (issue 19).
MEETINGS_PAGE_SIZE = 10
UPCOMING_ORDER = (Key("starts_at", descending=False), Key("id", descending=False))
PAST_ORDER = (Key("starts_at"), Key("id"))


@dataclass
class MeetingsPage:
    """One page of a forum's upcoming or past meetings; `earlier_query` and
    `later_query` are the links' query strings (empty: no such page)."""

    meetings: list[Meeting]
    earlier_query: str
    later_query: str


def _meetings_page(
    request: HttpRequest, meetings: QuerySet[Meeting], name: str, keys: Any
) -> MeetingsPage:
    """Two lists on one page: each keeps its cursor in its own parameters
    (`upcoming_after`, `past_before`, …), and its links keep the other's."""
    own = {f"{name}_{AFTER}": AFTER, f"{name}_{BEFORE}": BEFORE}
    params = QueryDict(mutable=True)
    for param, cursor in own.items():
        if param in request.GET:
            params[cursor] = request.GET[param]
    page = keyset_page(meetings, keys, params, size=MEETINGS_PAGE_SIZE, count_limit=0)
    rows = page.object_list
    base = request.GET.copy()
    for param in own:
        base.pop(param, None)

    def link(param: str, row: Meeting) -> str:
        query = base.copy()
        query[param] = encode_cursor(row, keys)
        return query.urlencode()

    forward = link(f"{name}_{AFTER}", rows[-1]) if page.has_next else ""
    backward = link(f"{name}_{BEFORE}", rows[0]) if page.has_previous else ""
    # Upcoming meetings run forward in time, past ones backward.
    if keys[0].descending:
        return MeetingsPage(rows, earlier_query=forward, later_query=backward)
    return MeetingsPage(rows, earlier_query=backward, later_query=forward)


@require_GET
def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = request.municipality
    forum = get_object_for(
        request, Forum.objects.select_related("recommends_to"), slug=slug
    )
    forum.municipality = municipality  # the gate found it in this municipality
    members = list(forum.members.select_related("user", "actor").order_by("role", "id"))
    for member in members:  # their links without a query per actor
        if (
            member.actor is not None
            and member.actor.municipality_id == forum.municipality_id
        ):
            member.actor.municipality = municipality
    # Proposed and declined meetings only for their proposer and the moderation.
    meetings = Meeting.objects.visible_to(request.user, municipality).filter(
        forum=forum
    )
    now = timezone.now()
    context = {
        "forum": forum,
        "members": members,
        "upcoming": _meetings_page(
            request, meetings.filter(ends_at__gte=now), "upcoming", UPCOMING_ORDER
        ),
        "past": _meetings_page(
            request, meetings.filter(ends_at__lt=now), "past", PAST_ORDER
        ),
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
