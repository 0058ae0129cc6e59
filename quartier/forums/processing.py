"""Processing activities of forums (core/processing.py): members, attendance and
registrations for meetings. Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _members(municipality: Municipality) -> bool:
    from quartier.forums.models import ForumMember

    return ForumMember.objects.filter(forum__municipality=municipality).exists()


def _registrations(municipality: Municipality) -> bool:
    from quartier.forums.models import Registration

    return Registration.objects.filter(municipality=municipality).exists()


MODULE = _("Forums and meetings")

register(
    Activity(
        key="forums.membership",
        module=MODULE,
        name=_("Members, attendance and minutes of forums"),
        purpose=_(
            "To run the forums: to invite members, to record who attended, the "
            "minutes and the decisions."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Members of forums, people attending meetings"),),
        data=(_("Account or e-mail address, role in the forum, attendance"),),
        recipients=(
            _("Coordination of the municipality, the forum's moderators"),
            _("Everybody: decisions and the public part of the minutes"),
        ),
        anchor="forums",
        public=_(
            "Decisions and minutes of public forums are public; they name "
            "organisations and functions rather than private persons."
        ),
        retention_note=_(
            "Minutes and decisions are kept as records of the forum; a membership "
            "ends when the person leaves."
        ),
        in_use=_members,
        order=30,
    ),
    Activity(
        key="forums.meeting_registration",
        module=MODULE,
        name=_("Registrations for meetings"),
        purpose=_(
            "To plan a meeting (places, needs such as interpreting) and to tell "
            "you about changes; guests confirm their e-mail address once."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who register for a meeting, with or without account"),),
        data=(
            _("Account, or name and e-mail address of a guest"),
            _("Needs, language, note"),
        ),
        recipients=(_("The forum's organisers and the coordination"),),
        anchor="forums",
        public=_("Your registration is not public."),
        retention=("forums.unconfirmed_guest_registration",),
        retention_note=_("Until the meeting's records are closed."),
        in_use=_registrations,
        order=31,
    ),
)
