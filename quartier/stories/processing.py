"""Processing activities of stories (core/processing.py): stories told online, on
paper or in a conversation, and the panels' picks. Forms name them in `processing`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _stories(municipality: Municipality) -> bool:
    from quartier.stories.models import Story

    return Story.objects.filter(municipality=municipality).exists()


def _picks(municipality: Municipality) -> bool:
    from quartier.stories.models import Pick

    return Pick.objects.filter(domain__round__municipality=municipality).exists()


MODULE = _("Stories")

register(
    Activity(
        key="stories.story",
        module=MODULE,
        name=_("Stories from the neighbourhoods"),
        purpose=_(
            "To collect experiences of health in everyday life, to publish them with "
            "your consent, to let panels discuss which change matters most and, if "
            "you give an e-mail address, to tell you when your story is selected."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Residents and guests who tell a story"),),
        data=(
            _("Text and photo of the story, neighbourhood"),
            _("Name and e-mail address, if given"),
            _("Account, if signed in"),
        ),
        recipients=(
            _("Everybody (the published story)"),
            _("Coordination and panels of the municipality"),
        ),
        anchor="stories",
        public=_(
            "Your story appears publicly only with your consent and after moderation, "
            "with your name if you give one. Your e-mail address is never shown."
        ),
        anonymous=_("You may leave the name empty and tell your story anonymously."),
        retention=("stories.unconfirmed_email", "stories.rejected_story"),
        retention_note=_(
            "Published stories stay part of the public record until they are deleted."
        ),
        in_use=_stories,
        order=15,
    ),
    Activity(
        key="stories.pick",
        module=MODULE,
        name=_("Picks of the Most Significant Change panels"),
        purpose=_(
            "To record which story each panel member finds most significant, and why."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("Members of the panel forums"),),
        data=(_("Account, chosen story, written reason"),),
        recipients=(
            _("Everybody (the reasons, without names, once the round is closed)"),
            _("Coordination of the municipality"),
        ),
        anchor="stories",
        public=_("Reasons are published without the name of who gave them."),
        retention_note=_("As long as the round."),
        in_use=_picks,
        order=16,
    ),
)
