"""Forms of the rooms app: a room with its opening hours, a photo, a booking
request and a rejection.

The room's owner and the booking's "on behalf of" pick one of the town's actors.
A town has up to thousands of them, and a select offering every one of them was
most of the booking form's time (docs/benchmarks.md, issue 19). When there are
more than OFFERED actors to choose from, the form gets a search field beside the
select (`ActorSearchMixin`): the person types a part of the name and presses
"Suchen" (a submit button of the same POST form, so nothing typed is lost); the
form comes back with everything kept, no errors, and the matching actors (at most
OFFERED) in the select. Validation still accepts any actor the person may choose.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.forms.utils import ErrorDict, flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.dates import parse_date
from quartier.core.forms import (
    KernForm,
    KernModelForm,
    RichTextField,
)
from quartier.core.images import PhotoField
from quartier.core.models import Municipality, Neighborhood
from quartier.core.predicates import is_coordinator
from quartier.core.word_search import every_word
from quartier.rooms.models import (
    DEFAULT_HORIZON_MONTHS,
    MAX_SERIES_WEEKS,
    Accessibility,
    Room,
    Weekday,
)

# At most this many actors or meetings are offered in a select; with more, actors
# are searched by name and meetings are the next ones (and those of the chosen day).
OFFERED = 20
# The name of the search button (a submit button of the form itself).
FIND = "find"


class SearchButtonInput(forms.TextInput):
    """A search field followed by the form's own "Suchen" submit button, which
    sends the form back with everything typed and offers the matches (no
    JavaScript)."""

    input_type = "search"

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None):
        field = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="q-actions">{}<button type="submit"{}>'
            '<span class="kern-label">{}</span></button></div>',
            field,
            flatatt(
                {
                    "name": FIND,
                    "value": name,
                    "class": "kern-btn kern-btn--secondary",
                    "formnovalidate": True,
                }
            ),
            _("Search"),
        )


class ActorSearchMixin:
    """An actor select that offers every choice when there are few, else the
    actors matching a search field placed just before it (see the module
    docstring). A form sent by the search button (`searching`) is never valid and
    shows no errors: it only comes back with the matches."""

    fields: dict[str, forms.Field]
    data: Any
    initial: dict[str, Any]
    is_bound: bool

    @property
    def searching(self) -> bool:
        return self.is_bound and FIND in self.data

    def full_clean(self) -> None:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data: dict[str, Any] = {}
            return
        super().full_clean()  # type: ignore[misc]

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()  # type: ignore[misc]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        # A name typed into the search but nothing chosen: the person most likely
        # meant that organisation, not "myself" / the municipality.
        for name in self.fields:
            search = f"{name}_search"
            if data.get(search) and not data.get(name) and name not in self.errors:
                self.add_error(  # type: ignore[attr-defined]
                    name,
                    _(
                        "Press “Search” and choose one of the organisations found, "
                        "or empty the search field."
                    ),
                )
        return data

    def _value(self, name: str) -> str:
        if self.is_bound:
            value = self.data.get(name)
        else:
            value = self.initial.get(name, self.fields[name].initial)
        return "" if value is None else str(getattr(value, "pk", value))

    def pick_actor(self, name: str, actors: QuerySet[Actor], search_label: Any) -> None:
        """Make field `name` choose among `actors` (ordered by name); offer them
        all when there are at most OFFERED, else add `<name>_search` before it.
        Removes the field when there is no actor at all."""
        field: Any = self.fields[name]
        field.error_messages["invalid_choice"] = _(
            "Choose an organisation of this town."
        )
        field.queryset = actors  # validation: any of them
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        few = list(actors.values_list("pk", "name")[: OFFERED + 1])
        if len(few) <= OFFERED:
            if not few:
                del self.fields[name]
                return
            field.widget.choices = [*empty, *few]
            return
        search = f"{name}_search"
        fields = {}
        for key, value in self.fields.items():
            if key == name:
                fields[search] = forms.CharField(
                    label=search_label,
                    required=False,
                    max_length=100,
                    help_text=_(
                        "Type a part of the name and press “Search”; then choose below."
                    ),
                    widget=SearchButtonInput(attrs={"autocomplete": "off"}),
                )
            fields[key] = value
        self.fields = fields
        text = self._value(search).strip()
        matches: list[tuple[Any, str]] = []
        if text:
            matches = list(
                every_word(actors, text, "name").values_list("pk", "name")[
                    : OFFERED + 1
                ]
            )
        offered = matches[:OFFERED]
        chosen = self._value(name)
        if chosen.isdigit() and int(chosen) not in {pk for pk, _label in offered}:
            offered = [*actors.filter(pk=chosen).values_list("pk", "name"), *offered]
        field.widget.choices = [*empty, *offered]
        if not text:
            status = _("Search for the organisation above first.")
        elif not matches:
            status = _("No organisation matches “%(text)s”.") % {"text": text}
        elif len(matches) > OFFERED:
            status = _(
                "More than %(count)s organisations match “%(text)s”; the first "
                "%(count)s are offered. Type more of the name to narrow them down."
            ) % {"count": OFFERED, "text": text}
        else:
            status = _("The organisations matching “%(text)s”.") % {"text": text}
        # The field's own hint (e.g. "empty: the municipality's") comes first.
        field.help_text = f"{field.help_text} {status}" if field.help_text else status


class RoomForm(ActorSearchMixin, KernModelForm):
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
        # Left empty: the default horizon (older forms and clients do not send it).
        self.fields["booking_horizon_months"].required = False
        self.fields["owner_actor"].required = not coordinator
        self.fields["owner_actor"].empty_label = (
            str(municipality.name) if coordinator else None
        )
        self.pick_actor(
            "owner_actor",
            actors.order_by("name", "pk"),
            _("Find the owning organisation"),
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


class BookingForm(ActorSearchMixin, KernForm):
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
        actors = Actor.objects.of(municipality).active().order_by("name", "pk")
        if not is_coordinator.test(user, municipality):
            actors = actors.filter(members=user)
        self.pick_actor("on_behalf_of", actors, _("Find the organisation you book for"))
        if meetings is None:
            del self.fields["meeting"]
        else:
            self._offer_meetings(meetings)
        # The date picker offers only days inside the room's booking horizon.
        self.fields["date"].widget.attrs["min"] = timezone.localdate().isoformat()
        self.fields["date"].widget.attrs["max"] = room.bookable_until().isoformat()
        self.fields["expected_people"].max_value = room.capacity
        self.fields["expected_people"].widget.attrs["max"] = room.capacity

    def _offer_meetings(self, meetings: QuerySet[Any]) -> None:
        """Offer the next OFFERED meetings, those on the date filled in first;
        validation accepts any of `meetings` (the upcoming ones the person
        organises). Removes the field when there is none."""
        field: Any = self.fields["meeting"]
        field.queryset = meetings
        field.error_messages["invalid_choice"] = _(
            "Choose one of the upcoming meetings offered."
        )
        try:  # guarded: 0001-01-01 or 9999-12-31 would overflow below
            day = parse_date(self._value("date")[:10])
        except ValidationError:
            day = None
        first = meetings
        if day is not None:
            tz = timezone.get_current_timezone()
            since = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time()), tz
            )
            until = since + datetime.timedelta(days=1)
            first = meetings.annotate(
                on_day=Case(
                    When(starts_at__gte=since, starts_at__lt=until, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("on_day", "starts_at", "pk")
        rows = list(first.values_list("pk", "starts_at", "title")[:OFFERED])
        chosen = self._value("meeting")
        if chosen.isdigit() and int(chosen) not in {pk for pk, *_rest in rows}:
            rows += meetings.filter(pk=chosen).values_list("pk", "starts_at", "title")
        if not rows:
            del self.fields["meeting"]
            return
        rows.sort(key=lambda row: (row[1], row[0]))
        field.widget.choices = [
            ("", field.empty_label),
            *(
                (pk, f"{timezone.localtime(starts_at):%d.%m.%Y %H:%M} – {title}")
                for pk, starts_at, title in rows
            ),
        ]

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
