"""Views of guest registrations (no account): the form, and the pages behind the
signed links of the e-mails (confirm, cancel). A link only opens a page with one
button, so a mail scanner that fetches it changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quartier.core import ratelimit
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.forums import guest_links
from quartier.forums.forms_registrations import GuestRegistrationForm
from quartier.forums.models import Meeting, Registration, RegistrationStatus
from quartier.forums.services import guests as services
from quartier.forums.services.registrations import registration_closed_reason


def _sent(request: HttpRequest) -> None:
    messages.success(
        request,
        _(
            "Thank you. We have sent you an e-mail: please confirm your registration "
            "with the link in it. Only then does it count."
        ),
    )


def _rate_limited(request: HttpRequest, email: str) -> bool:
    """Per address of the visitor and per e-mail address, with the limits of
    participation's guest forms (settings PARTICIPATION_RATE_LIMIT_IP / _EMAIL)."""
    if not ratelimit.allow_anonymous(
        request,
        "forums.guest_registration",
        limit=settings.PARTICIPATION_RATE_LIMIT_IP,
    ):
        return True
    return not ratelimit.hit(
        "forums.guest_registration.email",
        email.lower(),
        limit=settings.PARTICIPATION_RATE_LIMIT_EMAIL,
        period=3600,
    )


def guest_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(
        request,
        Meeting.objects.select_related("forum", "municipality"),
        "forums.register_as_guest",
        pk=pk,
    )
    if request.user.is_authenticated:  # members register with their account
        return redirect(
            "forums:register", municipality_slug=request.municipality.slug, pk=pk
        )
    post = request.method == "POST"
    form = GuestRegistrationForm(request.POST if post else None)
    status = 200
    if post:
        if form.is_spam:  # a bot filled in the honeypot: the same answer as a person
            _sent(request)
            return redirect(meeting)
        if form.is_valid():
            data = form.service_kwargs()
            if not form.claim_started_token():
                form.add_error(
                    None,
                    _(
                        "This form has already been sent. Please check your entries "
                        "and send it again."
                    ),
                )
            elif _rate_limited(request, data["email"]):
                form.add_error(
                    None,
                    _(
                        "Too many registrations were sent from here in a short time. "
                        "Please try again in an hour."
                    ),
                )
                status = 429
            else:
                try:
                    services.guest_registration_create(
                        by=request.user, meeting=meeting, **data
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    _sent(request)
                    return redirect(meeting)
    context = {
        "meeting": meeting,
        "form": form,
        "closed_reason": registration_closed_reason(meeting),
    }
    return render(
        request, "forums/guest_registration_form.html", context, status=status
    )


def _link_page(
    request: HttpRequest, token: str, action: str
) -> tuple[Registration | None, str]:
    """The registration of a link of this municipality, or the reason it fails."""
    require(request, "core.view_municipality")
    try:
        registration = services.guest_registration_of(token, action)
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    if registration.municipality_id != request.municipality.pk:
        raise Http404
    return registration, ""


def guest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    registration, problem = _link_page(request, token, guest_links.CONFIRM)
    if registration is not None and request.method == "POST":
        try:
            registration = services.guest_registration_confirm(token=token)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(
                    request,
                    _(
                        "Thank you. The meeting is full: you are on the waiting list "
                        "and will get an e-mail as soon as a place is free for you."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("Thank you. Your registration is confirmed; see you there!"),
                )
            return redirect(registration.meeting)
    if registration is not None and registration.status != RegistrationStatus.PENDING:
        problem = problem or _(
            "This link has already been used. Your registration stands."
        )
    context = {
        "registration": registration,
        "problem": problem,
        "action": guest_links.CONFIRM,
    }
    return render(
        request, "forums/guest_link.html", context, status=400 if problem else 200
    )


def guest_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration, problem = _link_page(request, token, guest_links.CANCEL)
    if registration is not None and request.method == "POST":
        try:
            services.guest_registration_cancel(token=token)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            messages.success(request, _("Your registration was cancelled."))
            return redirect(registration.meeting)
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        problem = problem or _("This registration was already cancelled.")
    context = {
        "registration": registration,
        "problem": problem,
        "action": guest_links.CANCEL,
    }
    return render(
        request, "forums/guest_link.html", context, status=400 if problem else 200
    )
