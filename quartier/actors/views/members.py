"""The people who act for an actor: the list, invitations by e-mail, roles and
removal (the actor's admins and the coordination), and the join page of an
invitation link (actors/invitations.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.actors import services
from quartier.actors.forms import InviteForm, MemberRoleForm
from quartier.actors.invitations import LinkState, check_token
from quartier.actors.models import Actor, ActorInvitation, ActorMember
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require


def _members_url(actor: Actor) -> str:
    return reverse(
        "actors:members",
        kwargs={"municipality_slug": actor.municipality.slug, "pk": actor.pk},
    )


def members(request: HttpRequest, pk: int) -> HttpResponse:
    """Who acts for the actor; its admins invite colleagues here."""
    actor = get_object_for(request, Actor.objects.all(), "actors.view_members", pk=pk)
    manages = request.user.has_perm("actors.manage_members", actor)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        require(request, "actors.manage_members", actor)
        if form.is_valid():
            try:
                result = services.member_invite(
                    by=request.user, actor=actor, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                email = form.cleaned_data["email"]
                if isinstance(result, ActorMember):
                    messages.success(
                        request,
                        _("%(email)s now acts for %(name)s and was told by e-mail.")
                        % {"email": email, "name": actor.name},
                    )
                else:
                    messages.success(
                        request, _("An invitation was sent to %s.") % email
                    )
                return redirect(_members_url(actor))
    context = {
        "actor": actor,
        # "admin" sorts before "member": the organisation's admins first.
        "members": actor.memberships.select_related("user").order_by(
            "role", "user__display_name", "user__email"
        ),
        "invitations": actor.invitations.all() if manages else [],
        "manages": manages,
        "form": form,
        "role_form": MemberRoleForm(),
    }
    return render(request, "actors/members.html", context)


@require_POST
def member_change(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Change a member's role or remove them ("remove"); a member may leave."""
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    member = get_object_for(
        request,
        ActorMember.objects.filter(actor=actor).select_related("user", "actor"),
        "actors.change_actormember",
        pk=member_pk,
    )
    try:
        if "remove" in request.POST:
            services.member_remove(by=request.user, member=member)
            if member.user_id == request.user.pk:
                messages.success(request, _("You no longer act for %s.") % actor.name)
                return redirect(actor)
            messages.success(
                request,
                _("%s no longer acts for the organisation.") % member.user.email,
            )
        else:
            form = MemberRoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Please choose a role."))
            require(request, "actors.manage_members", actor)
            services.member_set_role(
                by=request.user, member=member, role=form.cleaned_data["role"]
            )
            messages.success(request, _("The role was changed."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(_members_url(actor))


@require_POST
def invitation_withdraw(
    request: HttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    actor = get_object_for(request, Actor.objects.all(), pk=pk)
    invitation = get_object_for(
        request,
        ActorInvitation.objects.filter(actor=actor).select_related("actor"),
        "actors.delete_actorinvitation",
        pk=invitation_pk,
    )
    services.invitation_withdraw(by=request.user, invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect(_members_url(actor))


def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation e-mail: sign up or in with the invited address,
    then join with one click."""
    found = check_token(request.municipality, token)
    if found.state != LinkState.VALID or found.invitation is None:
        return render(
            request,
            "actors/join_invalid.html",
            {"expired": found.state == LinkState.EXPIRED},
            status=404,
        )
    invitation = found.invitation
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Welcome! You now act for %s.") % invitation.actor.name,
            )
            return redirect(invitation.actor)
    return render(request, "actors/join.html", {"invitation": invitation})
