"""Forms of the forums app: forums, members, meetings, agenda, minutes, attendance.
(Other areas keep their forms in forms_<area>.py.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.core.forms import KernForm, KernModelForm, RichTextField
from quartier.core.models import Neighborhood
from quartier.forums.models import (
    AgendaItem,
    AgendaItemKind,
    Forum,
    ForumRole,
    ForumVisibility,
    Meeting,
    MemberMeetings,
)
from quartier.forums.services.forums import RESERVED_FORUM_SLUGS

DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class ForumForm(KernModelForm):
    processing = "core.public_contact"  # Art. 13 notice, core/processing.py

    neighborhoods = forms.ModelMultipleChoiceField(
        label=_("neighbourhoods"),
        queryset=Neighborhood.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Forum
        fields = [
            "kind",
            "name",
            "slug",
            "neighborhoods",
            "purpose",
            "mandate",
            "mandate_scope",
            "recommends_to",
            "recommends_to_body",
            "participation_stage",
            "visibility",
            "contact_name",
            "contact_email",
            "member_meetings",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "member_meetings": forms.RadioSelect,
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["member_meetings"].required = False
        self.fields["neighborhoods"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
        others = Forum.objects.of(municipality).active().only("id", "name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["recommends_to"].queryset = others  # type: ignore[attr-defined]
        if not self.instance.pk:
            # Empty: the service picks the kind's default (peer consultation: members).
            visibility = self.fields["visibility"]
            visibility.required = False
            visibility.choices = [  # type: ignore[attr-defined]
                ("", _("Default: members only for peer consultation, else public")),
                *ForumVisibility.choices,
            ]
            visibility.initial = ""

    def clean_member_meetings(self) -> str:
        # Not sent (an older form, a script): keep what the forum has, else approval.
        return (
            self.cleaned_data.get("member_meetings")
            or self.instance.member_meetings
            or MemberMeetings.APPROVE
        )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_FORUM_SLUGS:
            raise forms.ValidationError(_("This address is reserved."))
        taken = Forum.objects.of(self.municipality).filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another forum already uses this address."))
        return slug

    def _post_clean(self) -> None:
        # The service validates the whole forum; the model's unique check would need
        # the municipality on the instance before it is set.
        pass


class ForumPersonForm(KernForm):
    processing = "forums.membership"  # Art. 13 notice, core/processing.py

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("The person must be a member of the municipality on Quartier."),
    )
    role = forms.ChoiceField(
        label=_("Role in the forum"),
        choices=ForumRole.choices,
        initial=ForumRole.MEMBER,
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        super().__init__(*args, prefix="person", **kwargs)
        self.municipality = municipality

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = (
            User.objects.filter(
                email__iexact=email, memberships__municipality=self.municipality
            )
            .distinct()
            .first()
        )
        if user is None:
            raise forms.ValidationError(
                _("No member of the municipality has this e-mail address.")
            )
        return user


class ForumActorForm(KernForm):
    actor = forms.ModelChoiceField(label=_("Actor"), queryset=Actor.objects.none())
    role = forms.ChoiceField(
        label=_("Role in the forum"),
        choices=ForumRole.choices,
        initial=ForumRole.MEMBER,
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        super().__init__(*args, prefix="actor", **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            Actor.objects.of(municipality).active().only("id", "name")
        )


class ForumRoleForm(KernForm):
    role = forms.ChoiceField(label=_("Role in the forum"), choices=ForumRole.choices)


class MeetingForm(KernModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "address",
            "online_url",
            "description",
            "capacity",
            "registration_open",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data

    def _post_clean(self) -> None:
        pass  # the service validates the meeting


class AgendaItemForm(KernModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "kind", "position", "planned_minutes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": _("Empty or 0: at the end of the agenda.")}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False

    def _post_clean(self) -> None:
        pass


class AgendaProposalForm(KernForm):
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(
        label=_("kind"), choices=AgendaItemKind.choices, initial="discussion"
    )


class AgendaReviewForm(KernForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline; the proposer sees it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("decision") == "decline"
            and not (data.get("decline_reason") or "").strip()
        ):
            self.add_error("decline_reason", _("Say why the item is declined."))
        return data


class MinutesForm(KernForm):
    minutes = RichTextField(
        label=_("minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Simple formatting is kept (paragraphs, lists, links); everything else is removed."
        ),
    )


class AttendanceForm(KernForm):
    processing = "forums.membership"  # Art. 13 notice, core/processing.py

    hide_optional = True

    users = forms.ModelMultipleChoiceField(
        label=_("People of the forum who took part"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    actors = forms.ModelMultipleChoiceField(
        label=_("Actors who took part"),
        queryset=Actor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(forum_memberships__forum_id=meeting.forum_id).order_by(
                "display_name", "email"
            )
        )
        self.fields["users"].label_from_instance = lambda user: (
            f"{user.public_name} ({user.email})"
        )  # type: ignore[attr-defined]
        self.fields["actors"].queryset = (  # type: ignore[attr-defined]
            Actor.objects.of(meeting.municipality).active().only("id", "name")
        )
