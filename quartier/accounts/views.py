"""“Mein Konto” (profile, Meine Daten, API tokens, deletion) and, per municipality,
the members page with invitations."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.accounts import privacy, services
from quartier.accounts.forms import (
    DeleteAccountForm,
    InvitationForm,
    ProfileForm,
    RoleForm,
    TokenForm,
)
from quartier.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    MembershipRequest,
)
from quartier.core import tenancy
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Where sign-in leads without a `next`: the one municipality a person belongs
    to, on "Meine Übersicht" (that is where their work is), otherwise "Mein Konto"
    with the list."""
    memberships = list(request.user.memberships.select_related("municipality")[:2])
    if len(memberships) == 1 and memberships[0].municipality.is_active:
        return redirect(
            "core:overview", municipality_slug=memberships[0].municipality.slug
        )
    return redirect("accounts:me")


@login_required
def me(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:me")
    memberships = request.user.memberships.select_related("municipality")
    requests = request.user.membership_requests.pending().select_related("municipality")
    return render(
        request,
        "accounts/me.html",
        {"form": form, "memberships": memberships, "membership_requests": requests},
    )


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    with tenancy.across_municipalities():  # a person's rows in every municipality
        data = privacy.export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="quartier-meine-daten-{stamp}.json"'
    )
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_delete(user=user)
        messages.success(
            request, _("Your account was deleted. Thank you for taking part.")
        )
        return redirect("index")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "new_token": new_token, "tokens": request.user.api_tokens.all()},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, _("The token “%s” was revoked.") % token.name)
    return redirect("accounts:tokens")


# --- per municipality -----------------------------------------------------------


def members(request: HttpRequest) -> HttpResponse:
    require(request, "accounts.manage_members")
    municipality = request.municipality
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("An invitation was sent to %s.") % form.cleaned_data["email"]
            )
            return redirect("members:list", municipality_slug=municipality.slug)
    memberships = Membership.objects.filter(municipality=municipality).select_related(
        "user"
    )
    invitations = Invitation.objects.filter(municipality=municipality).pending()
    return render(
        request,
        "accounts/members.html",
        {
            "form": form,
            "memberships": memberships,
            "invitations": invitations,
            "role_form": RoleForm(),
        },
    )


@require_POST
def member_change(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_for(
        request,
        Membership.objects.select_related("user"),
        "accounts.change_membership",
        pk=pk,
    )
    try:
        if "remove" in request.POST:
            services.membership_remove(by=request.user, membership=membership)
            messages.success(
                request, _("%s is no longer a member.") % membership.user.email
            )
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Please choose a role."))
            services.membership_set_role(
                by=request.user, membership=membership, role=form.cleaned_data["role"]
            )
            messages.success(
                request, _("The role of %s was changed.") % membership.user.email
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("members:list", municipality_slug=request.municipality.slug)


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_for(
        request, Invitation.objects.all(), "accounts.change_invitation", pk=pk
    )
    services.invitation_revoke(by=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %s was withdrawn.") % invitation.email
    )
    return redirect("members:list", municipality_slug=request.municipality.slug)


def join(request: HttpRequest) -> HttpResponse:
    """ "Mitmachen": become a resident member of this municipality (at once or after
    a coordinator's approval, as the municipality decides; docs/accounts.md)."""
    municipality = request.municipality
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role_in(municipality):
            return redirect(municipality)
        try:
            result = services.membership_join(
                user=request.user, municipality=municipality
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("members:join", municipality_slug=municipality.slug)
        if isinstance(result, Membership):
            messages.success(
                request, _("Welcome! You are now a member of %s.") % municipality.name
            )
            return redirect(municipality)
        messages.success(
            request,
            _(
                "Thank you! The coordination of %s will look at your request. "
                "You will get an e-mail."
            )
            % municipality.name,
        )
        return redirect("members:join", municipality_slug=municipality.slug)
    return render(request, "accounts/join.html")


def membership_requests(request: HttpRequest) -> HttpResponse:
    require(request, "accounts.view_membershiprequest")
    pending = (
        MembershipRequest.objects.filter(municipality=request.municipality)
        .pending()
        .select_related("user")
    )
    return render(request, "accounts/membership_requests.html", {"pending": pending})


@require_POST
def membership_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_for(
        request,
        MembershipRequest.objects.select_related("user", "municipality"),
        "accounts.decide_membershiprequest",
        pk=pk,
    )
    approve = request.POST.get("decision") == "approve"
    try:
        services.membership_request_decide(
            by=request.user, membership_request=found, approve=approve
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        name = found.user.display_name or found.user.email
        messages.success(
            request,
            (
                _("%s is now a member.")
                if approve
                else _("The request of %s was declined.")
            )
            % name,
        )
    return redirect("members:requests", municipality_slug=request.municipality.slug)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation e-mail: sign in (or up), then accept with one click."""
    found = services.invitation_by_token(request.municipality, token)
    if found is None or not found.is_usable:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(user=request.user, invitation=found)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Welcome! You are now a member of %s.") % request.municipality.name,
            )
            return redirect(
                "core:municipality", municipality_slug=request.municipality.slug
            )
    return render(request, "accounts/invitation.html", {"invitation": found})
