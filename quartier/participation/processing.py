"""Processing activities of participation (core/processing.py): contributions,
comments and supports. Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _contributions(municipality: Municipality) -> bool:
    from quartier.participation.models import Contribution

    return Contribution.objects.filter(municipality=municipality).exists()


def _comments(municipality: Municipality) -> bool:
    from quartier.participation.models import Comment

    return Comment.objects.filter(municipality=municipality).exists()


def _supports(municipality: Municipality) -> bool:
    from quartier.participation.models import Support

    return Support.objects.filter(contribution__municipality=municipality).exists()


MODULE = _("Participation")

register(
    Activity(
        key="participation.contribution",
        module=MODULE,
        name=_("Contributions with or without an account"),
        purpose=_(
            "To collect ideas, concerns and questions from the neighbourhoods, to "
            "answer them and, if you give an e-mail address, to tell you when their "
            "status changes."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Residents and guests who write a contribution"),),
        data=(
            _("Text, photo and place of the contribution"),
            _("Name and e-mail address, if given"),
            _("Account, if signed in"),
        ),
        recipients=(
            _("Everybody (the published contribution)"),
            _("Coordination of the municipality (moderation and answers)"),
        ),
        anchor="participation",
        public=_(
            "Your contribution appears publicly after moderation, with your name if "
            "you give one. Your e-mail address is never shown."
        ),
        anonymous=_("You may leave the name empty and take part anonymously."),
        retention=(
            "participation.unconfirmed_email",
            "participation.rejected_contribution",
        ),
        retention_note=_(
            "Published contributions stay part of the public record until they are "
            "deleted."
        ),
        in_use=_contributions,
        order=10,
    ),
    Activity(
        key="participation.comment",
        module=MODULE,
        name=_("Comments"),
        purpose=_("To discuss contributions with the neighbourhood."),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Registered users who comment"),),
        data=(_("Text of the comment, account"),),
        recipients=(
            _("Everybody (the published comment)"),
            _("Coordination of the municipality (moderation)"),
        ),
        anchor="participation",
        public=_(
            "Your comment appears publicly with the name you chose in your profile "
            "(or “Member”); never with your e-mail address."
        ),
        anonymous=_("Leave the name in your profile empty to appear as “Member”."),
        retention_note=_("Until you or the moderation delete the comment."),
        in_use=_comments,
        order=11,
    ),
    Activity(
        key="participation.support",
        module=MODULE,
        name=_("Supports by e-mail"),
        purpose=_("To count a support once, confirmed by a link sent to you."),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who support a contribution"),),
        data=(_("E-mail address, time of the support"),),
        recipients=(_("Nobody: only the number of supports is shown"),),
        anchor="participation",
        public=_("Only the number of supports is public, never your address."),
        retention=("participation.unconfirmed_support",),
        retention_note=_("Confirmed supports: as long as the contribution."),
        in_use=_supports,
        order=12,
    ),
)
