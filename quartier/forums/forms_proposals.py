"""Forms of meetings that members call: the meeting (optionally in a room of the
rooms module), its agenda as rows of title and kind, and the moderation's review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm
from quartier.forums.forms import DATETIME_WIDGET
from quartier.forums.models import AgendaItemKind
from quartier.forums.services.proposals import MAX_PROPOSED_ITEMS


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.address}"


class MeetingProposalForm(KernForm):
    title = forms.CharField(label=_("title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("starts"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("ends"), widget=DATETIME_WIDGET)
    room = RoomChoiceField(
        label=_("Room"),
        queryset=None,
        required=False,
        help_text=_(
            "Optional: a room listed on Quartier. Its address becomes the place; "
            "the moderation books it once the meeting is approved."
        ),
    )
    address = forms.CharField(
        label=_("place (address)"),
        max_length=300,
        required=False,
        help_text=_("Where you meet, if not in one of the rooms above."),
    )
    online_url = forms.URLField(label=_("online link"), required=False)
    description = forms.CharField(
        label=_("description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, rooms: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if rooms is None or not rooms.exists():
            del self.fields["room"]
        else:
            self.fields["room"].queryset = rooms  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        room = data.get("room")
        if room is not None and not (data.get("address") or "").strip():
            data["address"] = f"{room.name}, {room.address}"[:300]
        if not (data.get("address") or "").strip() and not data.get("online_url"):
            if "address" not in self.errors:
                self.add_error(
                    "address", _("Say where the meeting takes place, or give a link.")
                )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("room", None)
        return data


class ProposedItemForm(KernForm):
    hide_optional = True

    title = forms.CharField(label=_("title"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=AgendaItemKind.choices,
        initial=AgendaItemKind.DISCUSSION,
    )


def agenda_formset(data: Any = None) -> Any:
    """Rows of agenda items (title and kind); empty rows are left out."""
    formset_class = forms.formset_factory(
        ProposedItemForm, extra=3, max_num=MAX_PROPOSED_ITEMS, validate_max=True
    )
    return formset_class(data, prefix="items")


def agenda_rows(formset: Any) -> list[tuple[str, str]]:
    return [
        (form.cleaned_data["title"], form.cleaned_data["kind"])
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and form.cleaned_data.get("title")
    ]


class MeetingReviewForm(KernForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve and publish")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline; the proposer gets it by e-mail."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == "decline"
            and not (data.get("decline_reason") or "").strip()
        ):
            self.add_error("decline_reason", _("Say why the meeting is declined."))
        return data
