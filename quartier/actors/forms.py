from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor, ActorKind, ActorMemberRole, Sector, Tie
from quartier.core.forms import KernForm, KernModelForm, RichTextField
from quartier.core.images import PhotoField
from quartier.core.models import Municipality, Neighborhood


class ActorFilterForm(KernForm):
    """The filters of the actor list; also works as a plain GET form without JS."""

    hide_optional = True  # every filter is optional; saying so on each is noise

    q = forms.CharField(label=_("Search term"), required=False, max_length=100)
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("all sectors"),
    )
    neighborhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighborhood.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("all neighbourhoods"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("all kinds")), *ActorKind.choices],
    )
    archived = forms.BooleanField(label=_("Show archived actors"), required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]


class ActorForm(KernModelForm):
    processing = "actors.profile"  # Art. 13 notice, core/processing.py

    description = RichTextField(
        label=_("description"),
        required=False,
        help_text=_(
            "Simple formatting is kept (paragraphs, lists, links); everything else is removed."
        ),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sector.")},
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    neighborhoods = forms.ModelMultipleChoiceField(
        label=_("neighbourhoods served"),
        queryset=Neighborhood.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Actor
        fields = [
            "kind",
            "name",
            "description",
            "sectors",
            "neighborhoods",
            "website",
            "email",
            "phone",
            "address",
            "visibility",
            "logo",
        ]
        # A logo is an upload like any photo: bounded and re-encoded (core/images.py).
        field_classes = {"logo": PhotoField}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["neighborhoods"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]


class PartnerActorForm(ActorForm):
    """What the members of an actor change themselves (services.PARTNER_FIELDS and
    its sectors and neighbourhoods); kind, name and visibility stay with the
    coordination."""

    class Meta(ActorForm.Meta):
        fields = [
            "description",
            "sectors",
            "neighborhoods",
            "website",
            "email",
            "phone",
            "address",
            "logo",
        ]


class InviteForm(KernForm):
    processing = "actors.profile"  # Art. 13 notice, core/processing.py

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=ActorMemberRole.choices,
        initial=ActorMemberRole.MEMBER,
    )


class MemberRoleForm(KernForm):
    role = forms.ChoiceField(
        label=_("Role in the organisation"), choices=ActorMemberRole.choices
    )


class TieForm(KernModelForm):
    class Meta:
        model = Tie
        fields = ["target", "kind", "intensity", "since", "note"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"target": _("With")}

    def __init__(
        self, *args: Any, source: Actor, user: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        actors = (
            Actor.objects.visible_to(user, source.municipality)
            if user is not None
            else Actor.objects.of(source.municipality)
        )
        self.fields["target"].queryset = (  # type: ignore[attr-defined]
            actors.active().exclude(pk=source.pk).only("id", "name")
        )
        if self.instance.pk:
            del self.fields["target"]
