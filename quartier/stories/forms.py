"""Forms of the stories app: the open story form (participation's honeypot and
single-use fill-time token), the coordination's intake, reports, rounds and picks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.core.images import PhotoField
from quartier.core.models import Municipality, Neighborhood
from quartier.participation.forms import SpamGuards
from quartier.stories.models import CONSENT_PURPOSE, Channel, Teller


class StoryForm(SpamGuards, KernForm):
    """The open form: no account needed. `website` is a honeypot, `started` the
    signed fill-in time; both are checked by participation's ContributionForm
    methods, used here as they are."""

    processing = "stories.story"  # Art. 13 notice, core/processing.py

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Your story"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What happened? What changed for you or for others? Any language is welcome."
        ),
    )
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighborhood.objects.none()
    )
    photo = PhotoField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB. We remove location data."),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        required=False,
        help_text=_("Needed with a photo, for people who cannot see it."),
    )
    author_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    author_email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Optional. We send you one e-mail to confirm the address; after that "
            "you hear from us when a panel selects your story."
        ),
    )
    consent = forms.BooleanField(label=CONSENT_PURPOSE, required=True)
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, municipality: Municipality, user: Any = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        if user is not None and user.is_authenticated:
            del self.fields["author_name"]
            del self.fields["author_email"]
        if self.honeypot:
            self.arm_spam_guards()
        else:
            del self.fields["website"]
            del self.fields["started"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("photo") and not (data.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Please say in a few words what the photo shows.")
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("website", "started"):
            data.pop(name, None)
        return data


class IntakeForm(StoryForm):
    """The coordination types in stories told on paper or in a conversation, also
    anonymous ones or an organisation's."""

    honeypot = False

    channel = forms.ChoiceField(
        label=_("How did the story reach you?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
        initial=Channel.PAPER,
    )
    teller = forms.ChoiceField(
        label=_("Who tells it?"),
        choices=Teller.choices,
        widget=forms.RadioSelect,
        initial=Teller.PERSON,
    )
    actor = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False
    )

    field_order = ["channel", "teller", "actor"]

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs["user"] = None  # name and e-mail are the teller's, never ours
        super().__init__(*args, **kwargs)
        from quartier.actors.models import Actor

        self.fields["actor"].queryset = Actor.objects.of(self.municipality)
        self.fields["author_name"].label = _("Name of the storyteller")
        self.fields["author_email"].label = _("E-mail address of the storyteller")
        consent = self.fields["consent"]
        consent.required = False
        consent.label = _(
            "The storyteller agreed that the story is published (signed on paper or "
            "said in the conversation). Without it, the story stays internal."
        )


class ReportForm(KernForm):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoundForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    forum = forms.ModelChoiceField(label=_("Panel: the members of"), queryset=None)
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=None,
        required=False,
        help_text=_("Empty: stories of the whole municipality."),
    )
    starts_on = forms.DateField(
        label=_("Stories from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Stories until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    domains = forms.CharField(
        label=_("Domains of change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Beziehungen im Quartier”."),
    )
    feeds = forms.ModelChoiceField(
        label=_("Feeds the higher-level round"),
        queryset=None,
        required=False,
        help_text=_("Its selected stories become the candidates of that round."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        from quartier.forums.models import Forum
        from quartier.stories.models import Round

        self.fields["forum"].queryset = Forum.objects.of(municipality)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.fields["feeds"].queryset = Round.objects.of(municipality).filter(
            closed_at__isnull=True
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["domains"] = data["domains"].splitlines()
        return data


class PickForm(KernForm):
    processing = "stories.pick"  # Art. 13 notice, core/processing.py

    story = forms.ModelChoiceField(
        label=_("The most significant story"),
        queryset=None,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why this story?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = candidates


class CloseForm(KernForm):
    """Per tied domain: the story the coordination chooses and why (built by the
    view from the tally)."""

    def __init__(self, *args: Any, ties: dict[Any, list[Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for domain, stories in ties.items():
            self.fields[f"story_{domain.pk}"] = forms.ChoiceField(
                label=_("Tie in “%(domain)s”: the story you choose")
                % {"domain": domain.name},
                choices=[(s.pk, s.title) for s in stories],
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{domain.pk}"] = forms.CharField(
                label=_("Why this one?"),
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class LinkForm(KernForm):
    """The meeting and the initiatives of a story: only those the linking person may
    see are offered, and a forged value is refused (core/object_links.py)."""

    meeting = forms.ModelChoiceField(
        label=_("Told at or discussed in the meeting"), queryset=None, required=False
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives the story tells of"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Please choose one of this municipality.")},
    )

    def __init__(
        self, *args: Any, user: Any, municipality: Municipality, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        from quartier.core.object_links import link_choices
        from quartier.stories.links import INITIATIVE, MEETING

        self.fields["meeting"].queryset = link_choices(user, municipality, MEETING)
        self.fields["initiatives"].queryset = link_choices(  # type: ignore[attr-defined]
            user, municipality, INITIATIVE
        )
        self.fields["initiatives"].label_from_instance = lambda i: i.title  # type: ignore[attr-defined]


class LinkStoryForm(KernForm):
    """From the initiative's side: one story of the municipality to link."""

    story = forms.ModelChoiceField(
        label=_("Story"),
        queryset=None,
        error_messages={
            "required": _("Choose a story."),
            "invalid_choice": _("Please choose one of this municipality."),
        },
    )

    def __init__(self, *args: Any, stories: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories  # type: ignore[attr-defined]
