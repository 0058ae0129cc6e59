"""Forms of the rooms app: a room with its opening hours, a photo, a booking
request and a rejection."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.forms import (
    KernForm,
    KernModelForm,
    NameChoiceIterator,
    RichTextField,
)
from quartier.core.images import PhotoField
from quartier.core.models import Municipality, Neighborhood
from quartier.core.predicates import is_coordinator
from quartier.rooms.models import (
    DEFAULT_HORIZON_MONTHS,
    MAX_SERIES_WEEKS,
    Accessibility,
    Room,
    Weekday,
)


class RoomForm(KernModelForm):
    processing = "core.public_contact"  # Art. 13 notice, core/processing.py

    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=Accessibility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    house_rules = RichTextField(label=_("house rules"), required=False)

    class Meta:
        model = Room
        fields = [
            "name",
            "slug",
            "owner_actor",
            "address",
            "neighborhood",
            "capacity",
            "accessibility",
            "equipment",
            "house_rules",
            "bookable_by",
            "approval",
            "is_free",
            "fee",
            "contact_email",
            "booking_horizon_months",
            "is_public",
        ]
        widgets = {"equipment": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, municipality: Municipality, user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        actors = Actor.objects.of(municipality).active()
        coordinator = is_coordinator.test(user, municipality)
        if not coordinator:
            actors = actors.filter(members=user)
        # Set before the queryset: assigning it hands the widget its choices.
        self.fields["owner_actor"].iterator = NameChoiceIterator
        self.fields["owner_actor"].queryset = actors.order_by("name")
        # Left empty: the default horizon (older forms and clients do not send it).
        self.fields["booking_horizon_months"].required = False
        self.fields["owner_actor"].required = not coordinator
        self.fields["owner_actor"].empty_label = (
            str(municipality.name) if coordinator else None
        )
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        self.hours_fields = []
        existing = {}
        if self.instance.pk:
            for interval in self.instance.opening_hours.all():
                existing.setdefault(interval.weekday, interval)
        for value, label in Weekday.choices:
            interval = existing.get(value)
            for part, part_label in (("opens", _("opens")), ("closes", _("closes"))):
                name = f"hours_{value}_{part}"
                self.fields[name] = forms.TimeField(
                    label=f"{label}: {part_label}",
                    required=False,
                    initial=getattr(interval, part, None),
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )
                self.hours_fields.append(name)
        self.fields["hours_0_opens"].help_text = _(
            "Leave a day empty when the room is closed; leave all days empty when "
            "it can be booked at any time."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        hours = []
        for value, _label in Weekday.choices:
            opens = data.get(f"hours_{value}_opens")
            closes = data.get(f"hours_{value}_closes")
            if opens is None and closes is None:
                continue
            if opens is None or closes is None or closes <= opens:
                self.add_error(
                    f"hours_{value}_closes",
                    _("Give both times; the room must close after it opens."),
                )
                continue
            hours.append((value, opens, closes))
        data["opening_hours"] = hours
        if not data.get("is_free") and not (data.get("fee") or "").strip():
            self.add_error("fee", _("Please say what the room costs."))
        return data

    def clean_booking_horizon_months(self) -> int:
        return self.cleaned_data.get("booking_horizon_months") or DEFAULT_HORIZON_MONTHS

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in self.hours_fields:
            data.pop(name, None)
        return data


class PhotoForm(KernForm):
    image = PhotoField(
        label=_("photo"), help_text=_("JPEG, PNG or WebP, 8 MB at most.")
    )
    alt_text = forms.CharField(
        label=_("Description for people who cannot see the photo"),
        max_length=300,
        help_text=_("E.g. “Bright hall with chairs in a circle and a stage”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "photo_%s")
        super().__init__(*args, **kwargs)


class BookingForm(KernForm):
    processing = "rooms.booking"  # Art. 13 notice, core/processing.py

    purpose = forms.CharField(
        label=_("What is the room for?"),
        max_length=200,
        help_text=_("E.g. “Walking group: meeting point and tea”."),
    )
    purpose_public = forms.BooleanField(
        label=_("Others may see the purpose in the calendar"),
        required=False,
        help_text=_("Otherwise the calendar only shows “occupied”."),
    )
    expected_people = forms.IntegerField(label=_("How many people?"), min_value=1)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(
        label=_("Weekly for how many weeks?"),
        min_value=1,
        max_value=MAX_SERIES_WEEKS,
        initial=1,
        help_text=_("1 for a single booking; at most 26 weeks."),
    )
    on_behalf_of = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("myself"),
    )
    meeting = forms.ModelChoiceField(
        label=_("For a forum meeting"),
        queryset=None,
        required=False,
        empty_label=_("none"),
    )

    def __init__(
        self, *args: Any, room: Room, user: Any, meetings: Any, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "booking_%s")
        super().__init__(*args, **kwargs)
        self.room = room
        municipality = room.municipality
        actors = Actor.objects.of(municipality).active().order_by("name")
        if not is_coordinator.test(user, municipality):
            actors = actors.filter(members=user)
        # Set before the queryset: assigning it hands the widget its choices.
        self.fields["on_behalf_of"].iterator = NameChoiceIterator
        self.fields["on_behalf_of"].queryset = actors
        if not actors.exists():
            del self.fields["on_behalf_of"]
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings
            self.fields["meeting"].label_from_instance = lambda m: (
                f"{timezone.localtime(m.starts_at):%d.%m.%Y %H:%M} – {m.title}"
            )
        # The date picker offers only days inside the room's booking horizon.
        self.fields["date"].widget.attrs["min"] = timezone.localdate().isoformat()
        self.fields["date"].widget.attrs["max"] = room.bookable_until().isoformat()
        self.fields["expected_people"].max_value = room.capacity
        self.fields["expected_people"].widget.attrs["max"] = room.capacity

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("The end must be after the start."))
            else:
                tz = timezone.get_current_timezone()
                data["starts_at"] = timezone.make_aware(
                    datetime.datetime.combine(day, start), tz
                )
                data["ends_at"] = timezone.make_aware(
                    datetime.datetime.combine(day, end), tz
                )
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "purpose": data["purpose"],
            "purpose_public": data.get("purpose_public", False),
            "expected_people": data["expected_people"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "weeks": data["weeks"],
            "on_behalf_of": data.get("on_behalf_of"),
            "meeting": data.get("meeting"),
        }


class RejectForm(KernForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person who asked reads this in the e-mail."),
    )


class RoomFilterForm(KernForm):
    hide_optional = True

    neighborhood = forms.ChoiceField(label=_("Neighbourhood"), required=False)
    accessibility = forms.ChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=[("", _("any"))] + list(Accessibility.choices),
    )
    people = forms.IntegerField(
        label=_("For at least how many people?"),
        required=False,
        min_value=1,
        max_value=99_999,
    )

    def __init__(self, *args: Any, neighborhoods: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].choices = [("", _("all"))] + [
            (n.slug, n.name) for n in neighborhoods
        ]
