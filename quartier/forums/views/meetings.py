"""Views of the forums app: meetings, their agenda (items added by the moderation or
proposed by members), minutes per item and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for
from quartier.forums.forms import (
    AgendaItemForm,
    AgendaProposalForm,
    AgendaReviewForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
)
from quartier.forums.models import (
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    Forum,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
)
from quartier.forums.services import meetings as services


def _meeting(request: HttpRequest, pk: int, perm: str | None = None) -> Meeting:
    return get_object_for(request, Meeting.objects.select_related("forum"), perm, pk=pk)


def _item(
    request: HttpRequest, meeting: Meeting, item_pk: int, perm: str
) -> AgendaItem:
    return get_object_for(
        request,
        AgendaItem.objects.filter(meeting=meeting).select_related("meeting__forum"),
        perm,
        pk=item_pk,
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = request.user
    runs = user.has_perm("forums.moderate_agenda", meeting)
    items = meeting.agenda_items.select_related("proposer")
    if not runs:
        shown = Q(pk__in=[])
        if meeting.agenda_published_at:
            shown |= Q(status=AgendaItemStatus.ACCEPTED)
        if user.is_authenticated:
            shown |= Q(proposer=user)
        items = items.filter(shown)
    attendances = Attendance.objects.filter(meeting=meeting).select_related(
        "user", "actor"
    )
    context = {
        "meeting": meeting,
        "forum": meeting.forum,
        "items": items,
        "runs": runs,
        "show_minutes": runs or meeting.minutes_published_at is not None,
        "can_change": user.has_perm("forums.change_meeting", meeting),
        "can_review": meeting.status == MeetingStatus.PROPOSED
        and user.has_perm("forums.review_meeting", meeting),
        "can_propose": meeting.status == MeetingStatus.PLANNED
        and user.has_perm("forums.propose_agenda_item", meeting),
        "attending_people": [a.user for a in attendances if a.user_id],
        "attending_actors": [a.actor for a in attendances if a.actor_id],
    }
    return render(request, "forums/meeting_detail.html", context)


def meeting_edit(
    request: HttpRequest, pk: int | None = None, slug: str | None = None
) -> HttpResponse:
    meeting = forum = None
    if pk is not None:
        meeting = _meeting(request, pk, "forums.change_meeting")
        forum = meeting.forum
    else:
        forum = get_object_for(
            request, Forum.objects.all(), "forums.add_meeting", slug=slug
        )
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_save(
                by=request.user,
                forum=forum if meeting is None else None,
                meeting=meeting,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.title)
            return redirect(saved)
    return render(
        request,
        "forums/meeting_form.html",
        {"form": form, "meeting": meeting, "forum": forum},
    )


def _set_status(request: HttpRequest, pk: int, status: str, done: str) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.change_meeting")
    try:
        services.meeting_set_status(by=request.user, meeting=meeting, status=status)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(meeting)


@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(
        request, pk, MeetingStatus.CANCELLED, _("The meeting was cancelled.")
    )


@require_POST
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(
        request, pk, MeetingStatus.HELD, _("The meeting is marked as held.")
    )


def agenda_item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.moderate_agenda")
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(
                by=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item was put on the agenda."))
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "heading": _("Add an agenda item")}
    return render(request, "forums/meeting_agenda_form.html", context)


def agenda_item_propose(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.propose_agenda_item")
    form = AgendaProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_propose(
                by=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. The moderation will accept or decline your proposal."),
            )
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "heading": _("Propose an item")}
    return render(request, "forums/meeting_agenda_form.html", context)


def agenda_item_review(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk, "forums.moderate_agenda")
    form = AgendaReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.agenda_item_review(
                by=request.user,
                item=item,
                accept=accept,
                reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The item was accepted.") if accept else _("The item was declined."),
            )
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "item": item}
    return render(request, "forums/meeting_agenda_review.html", context)


@require_POST
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.moderate_agenda")
    services.agenda_publish(by=request.user, meeting=meeting)
    messages.success(request, _("The agenda was published."))
    return redirect(meeting)


def minutes_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk, "forums.write_minutes")
    form = MinutesForm(request.POST or None, initial={"minutes": item.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_minutes_save(
                by=request.user, item=item, minutes=form.cleaned_data["minutes"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "item": item}
    return render(request, "forums/meeting_minutes_form.html", context)


@require_POST
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.write_minutes")
    services.minutes_publish(by=request.user, meeting=meeting)
    messages.success(request, _("The minutes were published."))
    return redirect(meeting)


def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "forums.record_attendance")
    recorded = Attendance.objects.filter(meeting=meeting)
    initial = {
        "users": [a.user_id for a in recorded if a.user_id],
        "actors": [a.actor_id for a in recorded if a.actor_id],
    }
    form = AttendanceForm(request.POST or None, initial=initial, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                by=request.user,
                meeting=meeting,
                users=form.cleaned_data["users"],
                actors=form.cleaned_data["actors"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect(meeting)
    guests = Registration.objects.filter(
        meeting=meeting,
        user__isnull=True,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
    ).order_by("status", "guest_name")
    return render(
        request,
        "forums/meeting_attendance.html",
        {"form": form, "meeting": meeting, "guests": guests},
    )
