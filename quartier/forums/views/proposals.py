"""Views of meetings that members call: the proposal form and the moderation's
approval or decline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for
from quartier.forums.forms_proposals import (
    MeetingProposalForm,
    MeetingReviewForm,
    agenda_formset,
    agenda_rows,
)
from quartier.forums.models import Forum, Meeting, MeetingStatus
from quartier.forums.services import proposals as services


def _rooms(request: HttpRequest) -> object:
    """Rooms of the rooms module the person may see (the place of the meeting)."""
    from quartier.rooms.models import Room

    return (
        Room.objects.visible_to(request.user, request.municipality)
        .active()
        .only("id", "name", "address")
        .order_by("name")
    )


def meeting_propose(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_for(
        request, Forum.objects.all(), "forums.propose_meeting", slug=slug
    )
    data = request.POST if request.method == "POST" else None
    form = MeetingProposalForm(data, rooms=_rooms(request))
    formset = agenda_formset(data)
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            meeting = services.meeting_propose(
                by=request.user,
                forum=forum,
                agenda=agenda_rows(formset),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if meeting.status == MeetingStatus.PROPOSED:
                messages.success(
                    request,
                    _(
                        "Thank you. The moderation of the forum will approve or "
                        "decline your meeting; we will tell you by e-mail. Until "
                        "then only you and the moderation see it."
                    ),
                )
            else:
                messages.success(request, _("Your meeting is published."))
            return redirect(meeting)
    context = {"form": form, "formset": formset, "forum": forum}
    return render(request, "forums/meeting_propose.html", context)


def meeting_review(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(
        request,
        Meeting.objects.select_related("forum", "proposed_by"),
        "forums.review_meeting",
        pk=pk,
    )
    form = MeetingReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.meeting_review(
                by=request.user,
                meeting=meeting,
                approve=approve,
                reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The meeting is published.")
                if approve
                else _("The meeting was declined. We have told the proposer."),
            )
            return redirect(meeting)
    context = {
        "form": form,
        "meeting": meeting,
        "forum": meeting.forum,
        "items": meeting.agenda_items.all(),
    }
    return render(request, "forums/meeting_review.html", context)
