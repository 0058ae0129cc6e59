"""Forms of the directory: offering and place with their schedules and contacts
(formsets of plain rows that work without JavaScript), a new taxonomy term, and the
directory's search and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm, KernModelForm
from quartier.core.models import Municipality, Neighborhood
from quartier.directory.models import (
    LANGUAGES,
    Frequency,
    Location,
    MeetingPlaceKind,
    Service,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from quartier.directory.opening import (
    WEEKDAYS,
    describe_schedule,
    is_one_off,
    parse_byday,
)
from quartier.directory.services import clean_schedule_values

CHECKBOXES = forms.CheckboxSelectMultiple


# A hint under a group of boxes also keeps its error below the (floating) legend.
SEVERAL = _("Several possible.")


def _term_field(label: Any, required: bool = False) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=TaxonomyTerm.objects.none(),
        widget=CHECKBOXES,
        required=required,
        help_text=SEVERAL,
    )


class ServiceForm(KernModelForm):
    """The offering in four short sections a partner fills in (`SECTIONS`) and the
    rarely used HSDS fields under "More details" (`ADVANCED`); with the defaults
    (active, free of charge, German) a simple offering needs about six answers."""

    processing = "directory.offering"  # Art. 13 notice, core/processing.py

    SECTIONS = {
        "offering": ("provider", "name", "description", "topics", "target_groups"),
        "where": ("locations",),
        "access": (
            "free_of_charge",
            "fee_description",
            "application_process",
            "languages",
            "barrier_free",
        ),
    }
    ADVANCED = (
        "status",
        "url",
        "email",
        "neighborhoods",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "accessibility",
        "health_layers",
    )

    topics = _term_field(_("topics"), required=True)
    target_groups = _term_field(_("target groups"), required=True)
    health_layers = _term_field(_("determinants of health (Dahlgren–Whitehead)"))
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=LANGUAGES,
        widget=CHECKBOXES,
        required=False,
        help_text=SEVERAL,
    )
    neighborhoods = forms.ModelMultipleChoiceField(
        label=_("neighbourhoods served"),
        queryset=Neighborhood.objects.none(),
        widget=CHECKBOXES,
        required=False,
        help_text=_("Leave empty if the offering is open to the whole town."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("places"),
        queryset=Location.objects.none(),
        widget=CHECKBOXES,
        required=False,
        help_text=_("Where the offering takes place. Missing a place? Add it first."),
    )

    class Meta:
        model = Service
        fields = [
            "provider",
            "name",
            "description",
            "status",
            "url",
            "email",
            "free_of_charge",
            "fee_description",
            "application_process",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "accessibility",
            "barrier_free",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "fee_description": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 2}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"description": _("short description")}
        help_texts = {
            "description": _("Two or three sentences: what happens, for whom."),
            "application_process": _(
                "How people take part: just drop in, register by phone, …"
            ),
            "fee_description": _("Only needed if the offering is not free of charge."),
            "accessibility": _("E.g. lift, accessible toilet, induction loop."),
        }

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        providers: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        provider_field = self.fields["provider"]
        # The form class's queryset was made at import, outside any municipality.
        provider_field.queryset = provider_field.queryset.filter(  # type: ignore[attr-defined]
            municipality=municipality, pk__in=[a.pk for a in providers]
        )
        provider_field.empty_label = None  # type: ignore[attr-defined]
        terms = list(TaxonomyTerm.objects.of(municipality))
        for name, taxonomy in (
            ("topics", Taxonomy.TOPIC),
            ("target_groups", Taxonomy.TARGET_GROUP),
            ("health_layers", Taxonomy.HEALTH_LAYER),
        ):
            field = self.fields[name]
            field.queryset = TaxonomyTerm.objects.of(municipality).filter(  # type: ignore[attr-defined]
                taxonomy=taxonomy
            )
            if not self.instance._state.adding and not self.is_bound:
                chosen = {t.pk for t in self.instance.terms.all()}
                self.initial[name] = [
                    t.pk for t in terms if t.taxonomy == taxonomy and t.pk in chosen
                ]
        self.fields["neighborhoods"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
        self.fields["locations"].queryset = Location.objects.of(municipality).active()  # type: ignore[attr-defined]
        self.fields["status"].choices = ServiceStatus.choices  # type: ignore[attr-defined]
        editing = not self.instance._state.adding and not self.is_bound
        if editing:
            self.initial["languages"] = self.instance.language_codes
            self.initial["neighborhoods"] = [
                n.pk for n in self.instance.neighborhoods.all()
            ]
            self.initial["locations"] = [
                loc.pk for loc in self.instance.locations.all()
            ]
        if self.instance._state.adding and not self.is_bound:
            # A new offering is in German unless the partner says otherwise.
            self.initial["languages"] = ["de"]
        self.single_provider = providers[0] if len(providers) == 1 else None
        if self.single_provider is not None:
            # Nothing to choose: the form names the provider instead.
            provider_field.widget = forms.HiddenInput()
            self.initial.setdefault("provider", self.single_provider.pk)

    def section_fields(self) -> dict[str, list[Any]]:
        """The bound fields of each section, for the template."""
        sections = {
            key: [self[n] for n in names if not self[n].is_hidden]
            for key, names in self.SECTIONS.items()
        }
        sections["advanced"] = [self[n] for n in self.ADVANCED]
        return sections

    def advanced_open(self) -> bool:
        return self.is_bound and any(self.errors.get(n) for n in self.ADVANCED)

    def relations(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "terms": [*data["topics"], *data["target_groups"], *data["health_layers"]],
            "languages": data["languages"],
            "neighborhoods": list(data["neighborhoods"]),
            "locations": list(data["locations"]),
        }

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class LocationForm(KernModelForm):
    processing = "directory.offering"  # Art. 13 notice, core/processing.py

    class Meta:
        model = Location
        fields = [
            "name",
            "description",
            "owner",
            "address_1",
            "address_2",
            "postal_code",
            "city",
            "neighborhood",
            "latitude",
            "longitude",
            "transportation",
            "accessibility",
            "barrier_free",
            "is_meeting_place",
            "meeting_place_kind",
            "url",
            "email",
            "phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "transportation": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        owners: list[Any],
        owner_required: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = owner.queryset.filter(  # type: ignore[attr-defined]
            municipality=municipality, pk__in=[a.pk for a in owners]
        )
        owner.required = owner_required
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
        self.fields["meeting_place_kind"].choices = [  # type: ignore[attr-defined]
            ("", _("– not a meeting place –")),
            *MeetingPlaceKind.choices,
        ]
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["latitude"].help_text = _("Decimal degrees, e.g. 50.1234.")

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


ORDINALS = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
# Repeat patterns a person picks in plain words; the ordinals are RFC 5545's
# BYDAY prefixes ("1TU" first Tuesday, "-1FR" last Friday of the month).
ONCE, WEEKLY, MONTHLY_BY_DAY = "once", "weekly", "monthly"
ORDINAL_VALUES = ["1", "2", "3", "4", "-1"]
REPEAT_CHOICES = [
    (WEEKLY, _("every week")),
    ("1", _("every first … of the month")),
    ("2", _("every second … of the month")),
    ("3", _("every third … of the month")),
    ("4", _("every fourth … of the month")),
    ("-1", _("every last … of the month")),
    (ONCE, _("once, on one date")),
    (MONTHLY_BY_DAY, _("every month on the days given under “More rules”")),
]
WEEK_OF_MONTH_CHOICES = ORDINALS
WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
# Errors of the schedule service, shown next to the field a person typed in.
_SERVICE_FIELD = {"byday": "days", "freq": "repeat"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ScheduleForm(KernForm):
    """One schedule in plain words: "jeden Dienstag von 14:00 bis 16:00",
    "jeden ersten Montag im Monat …", "einmalig am …", with a note.

    The rarely needed RFC 5545 parts (every n weeks, days of the month, more weeks of
    the month, validity, across midnight) are the row's "more rules"
    (`ADVANCED`), so schedules imported from HSDS keep everything when edited.
    """

    # A row as a whole may stay empty: "optional" on each of its fields is noise.
    hide_optional = True

    MAIN = ("repeat", "days", "date", "opens_at", "closes_at", "description")
    ADVANCED = (
        "more_weeks",
        "interval",
        "bymonthday",
        "next_day",
        "dtstart",
        "valid_from",
        "valid_to",
    )

    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # The saved BYDAY, kept while the person leaves the days alone: the words cannot
    # say every rule ("1MO,3WE"), and an unchanged save must not rewrite it.
    rule = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    repeat = forms.ChoiceField(
        label=_("How often?"), choices=REPEAT_CHOICES, required=False, initial=WEEKLY
    )
    days = forms.MultipleChoiceField(
        label=_("On which weekdays?"),
        choices=WEEKDAY_CHOICES,
        widget=CHECKBOXES,
        required=False,
        help_text=SEVERAL,
    )
    date = forms.DateField(
        label=_("date (only for “once”)"), required=False, widget=_date_input()
    )
    opens_at = forms.TimeField(label=_("from"), required=False, widget=_time_input())
    closes_at = forms.TimeField(label=_("until"), required=False, widget=_time_input())
    description = forms.CharField(
        label=_("note"),
        required=False,
        max_length=300,
        help_text=_("E.g. “not during the school holidays”."),
    )
    more_weeks = forms.MultipleChoiceField(
        label=_("also on this … of the month"),
        choices=WEEK_OF_MONTH_CHOICES,
        widget=CHECKBOXES,
        required=False,
        help_text=_("E.g. every first and third Monday: choose “third” here."),
    )
    interval = forms.IntegerField(
        label=_("every … weeks / months"), min_value=1, max_value=12, initial=1
    )
    bymonthday = forms.CharField(
        label=_("days of the month (monthly only)"),
        required=False,
        max_length=60,
        help_text=_("E.g. 1, 15"),
    )
    next_day = forms.BooleanField(
        label=_("ends on the next day"),
        required=False,
        help_text=_("E.g. from 22:00 until 2:00."),
    )
    dtstart = forms.DateField(
        label=_("first date"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "Needed for “every 2 weeks” and the like: the weeks are counted from here."
        ),
    )
    valid_from = forms.DateField(
        label=_("valid from"), required=False, widget=_date_input()
    )
    valid_to = forms.DateField(
        label=_("valid until"), required=False, widget=_date_input()
    )

    @staticmethod
    def initial_for(schedule: Any) -> dict[str, Any]:
        """The plain-words fields of a saved schedule (and its description)."""
        parsed = parse_byday(schedule.byday)
        days = [d for d in WEEKDAYS if d in {c for _o, c in parsed}]
        ordinals = [v for v in ORDINAL_VALUES if int(v) in {o for o, _c in parsed}]
        initial: dict[str, Any] = {
            "id": schedule.pk,
            "rule": schedule.byday,
            "days": days,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "description": schedule.description,
            "interval": schedule.interval,
            "bymonthday": schedule.bymonthday,
            "next_day": bool(
                schedule.opens_at
                and schedule.closes_at
                and schedule.closes_at < schedule.opens_at
            ),
            "dtstart": schedule.dtstart,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "summary": describe_schedule(schedule),
        }
        if is_one_off(schedule):
            initial.update(
                repeat=ONCE,
                date=schedule.valid_from,
                days=[],
                dtstart=None,
                valid_from=None,
                valid_to=None,
            )
        elif schedule.freq == Frequency.MONTHLY:
            initial["repeat"] = ordinals[0] if ordinals else MONTHLY_BY_DAY
            initial["more_weeks"] = ordinals[1:]
        else:
            initial["repeat"] = WEEKLY
            # A weekly rule without weekdays means every day.
            initial["days"] = days or list(WEEKDAYS)
        return initial

    @property
    def summary(self) -> str:
        return self.initial.get("summary", "")

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.MAIN]

    def advanced_fields(self) -> list[Any]:
        return [self[name] for name in self.ADVANCED]

    def advanced_open(self) -> bool:
        """Open "more rules" when they hold an error or a value that is not the
        default, so nobody changes a rule they cannot see."""
        if self.is_bound and any(self.errors.get(n) for n in self.ADVANCED):
            return True
        initial = self.initial
        return bool(
            initial.get("more_weeks")
            or (initial.get("interval") or 1) > 1
            or initial.get("bymonthday")
            or initial.get("next_day")
            or initial.get("dtstart")
            or initial.get("valid_from")
            or initial.get("valid_to")
        )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(
            data.get(name)
            for name in (
                "days",
                "date",
                "bymonthday",
                "opens_at",
                "closes_at",
                "description",
            )
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or self.is_blank():
            return data
        repeat = data.get("repeat") or WEEKLY
        if repeat == ONCE and not data.get("date"):
            self.add_error("date", _("Enter the date."))
        elif repeat == MONTHLY_BY_DAY:
            if not data.get("bymonthday") and not data.get("days"):
                self.add_error(
                    "bymonthday", _("Enter the days of the month, e.g. 1, 15.")
                )
        elif repeat != ONCE and not data.get("days"):
            self.add_error("days", _("Choose at least one weekday."))
        if data.get("more_weeks") and repeat not in ORDINAL_VALUES:
            self.add_error(
                "more_weeks",
                _("Only for “every first … of the month” and the like."),
            )
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes == opens:
            self.add_error("closes_at", _("The end is the same as the start."))
        elif opens and closes and closes < opens and not data.get("next_day"):
            self.add_error(
                "closes_at",
                _(
                    "The end is before the start. If the offering ends on the next "
                    "day, tick “ends on the next day” under “More rules”."
                ),
            )
        if not self.errors:
            try:
                clean_schedule_values(self.to_values())
            except ValidationError as exc:
                errors = (
                    exc.error_dict
                    if hasattr(exc, "error_dict")
                    else {None: exc.messages}
                )
                for field, messages in errors.items():
                    name = _SERVICE_FIELD.get(field or "", field)
                    self.add_error(name if name in self.fields else None, messages)
        return data

    def to_values(self) -> dict[str, Any]:
        """The schedule's fields (models.Schedule) from the plain words."""
        data = self.cleaned_data
        repeat = data.get("repeat") or WEEKLY
        days = [d for d in WEEKDAYS if d in (data.get("days") or [])]
        values = {
            "id": data.get("id"),
            "freq": Frequency.WEEKLY,
            "interval": data.get("interval") or 1,
            "byday": ",".join(days),
            "bymonthday": data.get("bymonthday") or "",
            "opens_at": data.get("opens_at"),
            "closes_at": data.get("closes_at"),
            "dtstart": data.get("dtstart"),
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
            "description": data.get("description") or "",
        }
        if repeat == ONCE:
            day = data.get("date")
            values.update(
                interval=1,
                byday="",
                bymonthday="",
                dtstart=day,
                valid_from=day,
                valid_to=day,
            )
        elif repeat == MONTHLY_BY_DAY:
            values["freq"] = Frequency.MONTHLY
        elif repeat in ORDINAL_VALUES:
            chosen = {repeat, *(data.get("more_weeks") or [])}
            ordinals = [o for o in ORDINAL_VALUES if o in chosen]
            values["freq"] = Frequency.MONTHLY
            values["byday"] = ",".join(f"{o}{d}" for o in ordinals for d in days)
        if (
            repeat != ONCE
            and "id" in self.initial
            and not ({"repeat", "days", "more_weeks"} & set(self.changed_data))
        ):
            values["byday"] = data.get("rule") or ""
        return values


class ContactForm(KernForm):
    processing = "directory.offering"  # Art. 13 notice, core/processing.py

    hide_optional = True

    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("name"), required=False, max_length=200)
    title = forms.CharField(label=_("role"), required=False, max_length=200)
    email = forms.EmailField(label=_("e-mail address"), required=False)
    phone = forms.CharField(label=_("phone"), required=False, max_length=40)

    def is_blank(self) -> bool:
        return not any(
            self.cleaned_data.get(k) for k in ("name", "title", "email", "phone")
        )

    def to_values(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data.get(k) or ""
            for k in ("id", "name", "title", "email", "phone")
        }


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        """Values of the filled, not deleted rows."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.initial:
                continue
            if self.can_delete and form.cleaned_data.get("DELETE"):
                continue
            if form.is_blank():
                continue
            rows.append(form.to_values())
        return rows

    def first_rows(self) -> list[Any]:
        """The saved rows and one empty row: what the page shows at once."""
        return self.forms[: self.initial_form_count() + 1]

    def more_rows(self) -> list[Any]:
        """Further empty rows, folded away ("add more") so the page stays short;
        no JavaScript needed."""
        return self.forms[self.initial_form_count() + 1 :]

    def more_open(self) -> bool:
        return self.is_bound and any(
            form.has_changed() or form.errors for form in self.more_rows()
        )


def schedule_formset(data: Any, schedules: list[Any], prefix: str = "schedules") -> Any:
    formset_class = forms.formset_factory(
        ScheduleForm,
        formset=RowFormSet,
        extra=3,
        can_delete=True,
        can_delete_extra=False,
        max_num=30,
        validate_max=True,
    )
    initial = [ScheduleForm.initial_for(s) for s in schedules]
    return formset_class(data, initial=initial, prefix=prefix)


def contact_formset(data: Any, contacts: list[Any], prefix: str = "contacts") -> Any:
    formset_class = forms.formset_factory(
        ContactForm,
        formset=RowFormSet,
        extra=2,
        can_delete=True,
        can_delete_extra=False,
        max_num=20,
        validate_max=True,
    )
    initial = [
        {
            "id": c.pk,
            "name": c.name,
            "title": c.title,
            "email": c.email,
            "phone": c.phone,
        }
        for c in contacts
    ]
    return formset_class(data, initial=initial, prefix=prefix)


class TermForm(KernForm):
    taxonomy = forms.ChoiceField(label=_("taxonomy"), choices=Taxonomy.choices)
    name = forms.CharField(label=_("name"), max_length=120)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(KernForm):
    status = forms.ChoiceField(label=_("status"), choices=ServiceStatus.choices)


class DirectoryFilterForm(KernForm):
    """Search and filters of the directory (GET); invalid values are ignored."""

    hide_optional = True

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("topic"), required=False)
    group = forms.ChoiceField(label=_("target group"), required=False)
    language = forms.ChoiceField(label=_("language"), required=False)
    neighborhood = forms.ChoiceField(label=_("neighbourhood"), required=False)
    free = forms.BooleanField(label=_("free of charge"), required=False)
    barrier_free = forms.BooleanField(label=_("barrier-free"), required=False)
    open_now = forms.BooleanField(label=_("open now"), required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = list(
            TaxonomyTerm.objects.of(municipality)
            .filter(taxonomy__in=[Taxonomy.TOPIC, Taxonomy.TARGET_GROUP])
            .values_list("taxonomy", "code", "name")
        )
        everything = ("", _("all"))
        self.fields["topic"].choices = [  # type: ignore[attr-defined]
            everything,
            *[(code, name) for tax, code, name in terms if tax == Taxonomy.TOPIC],
        ]
        self.fields["group"].choices = [  # type: ignore[attr-defined]
            everything,
            *[
                (code, name)
                for tax, code, name in terms
                if tax == Taxonomy.TARGET_GROUP
            ],
        ]
        self.fields["language"].choices = [everything, *LANGUAGES]  # type: ignore[attr-defined]
        self.fields["neighborhood"].choices = [  # type: ignore[attr-defined]
            everything,
            *Neighborhood.objects.of(municipality).values_list("slug", "name"),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters; fields with invalid values are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
