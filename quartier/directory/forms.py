"""Forms of the directory: offering and place with their schedules and contacts
(formsets of plain rows that work without JavaScript), a new taxonomy term, and the
directory's search and filters."""

from __future__ import annotations

from typing import Any

from django import forms
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
from quartier.directory.opening import WEEKDAYS, parse_byday

CHECKBOXES = forms.CheckboxSelectMultiple


def _term_field(label: Any, required: bool = False) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=TaxonomyTerm.objects.none(),
        widget=CHECKBOXES,
        required=required,
    )


class ServiceForm(KernModelForm):
    topics = _term_field(_("topics"), required=True)
    target_groups = _term_field(_("target groups"), required=True)
    health_layers = _term_field(_("determinants of health (Dahlgren–Whitehead)"))
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=LANGUAGES, widget=CHECKBOXES, required=False
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
            "description": forms.Textarea(attrs={"rows": 5}),
            "fee_description": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "application_process": _(
                "How people get there and take part: just drop in, register by phone, …"
            ),
            "fee_description": _("Only needed if the offering is not free of charge."),
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
        provider_field.queryset = provider_field.queryset.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in providers]
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
            if self.instance.pk and not self.is_bound:
                chosen = {t.pk for t in self.instance.terms.all()}
                self.initial[name] = [
                    t.pk for t in terms if t.taxonomy == taxonomy and t.pk in chosen
                ]
        self.fields["neighborhoods"].queryset = Neighborhood.objects.of(municipality)  # type: ignore[attr-defined]
        self.fields["locations"].queryset = Location.objects.of(municipality).active()  # type: ignore[attr-defined]
        self.fields["status"].choices = ServiceStatus.choices  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = self.instance.language_codes
            self.initial["neighborhoods"] = [
                n.pk for n in self.instance.neighborhoods.all()
            ]
            self.initial["locations"] = [
                loc.pk for loc in self.instance.locations.all()
            ]

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
        owner.queryset = owner.queryset.filter(pk__in=[a.pk for a in owners])  # type: ignore[attr-defined]
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
    ("", _("every")),
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


class ScheduleForm(KernForm):
    """One schedule row: weekdays as checkboxes; monthly with "first/last …"."""

    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    freq = forms.ChoiceField(label=_("repeats"), choices=Frequency.choices)
    interval = forms.IntegerField(
        label=_("every … weeks / months"), min_value=1, max_value=12, initial=1
    )
    days = forms.MultipleChoiceField(
        label=_("weekdays"), choices=WEEKDAY_CHOICES, widget=CHECKBOXES, required=False
    )
    ordinal = forms.ChoiceField(
        label=_("which weekday of the month (monthly only)"),
        choices=ORDINALS,
        required=False,
    )
    bymonthday = forms.CharField(
        label=_("days of the month (monthly only)"),
        required=False,
        max_length=60,
        help_text=_("E.g. 1, 15"),
    )
    opens_at = forms.TimeField(
        label=_("from"), required=False, help_text=_("E.g. 14:00")
    )
    closes_at = forms.TimeField(
        label=_("until"),
        required=False,
        help_text=_("Earlier than the start means the next day."),
    )
    dtstart = forms.DateField(
        label=_("first date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Needed for “every 2 weeks” and the like: the weeks are counted from here."
        ),
    )
    valid_from = forms.DateField(
        label=_("valid from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_to = forms.DateField(
        label=_("valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    description = forms.CharField(label=_("note"), required=False, max_length=300)

    @staticmethod
    def initial_for(schedule: Any) -> dict[str, Any]:
        parsed = parse_byday(schedule.byday)
        ordinal = next((str(o) for o, _c in parsed if o is not None), "")
        return {
            "id": schedule.pk,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "days": [c for _o, c in parsed],
            "ordinal": ordinal,
            "bymonthday": schedule.bymonthday,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "dtstart": schedule.dtstart,
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "description": schedule.description,
        }

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (
            data.get("days")
            or data.get("bymonthday")
            or data.get("opens_at")
            or data.get("closes_at")
            or data.get("description")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ordinal") and data.get("freq") != Frequency.MONTHLY:
            self.add_error("ordinal", _("Only for monthly schedules."))
        if data.get("ordinal") and not data.get("days"):
            self.add_error("days", _("Choose the weekday."))
        return data

    def to_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        ordinal = data.get("ordinal") or ""
        days = [d for d in WEEKDAYS if d in (data.get("days") or [])]
        return {
            "id": data.get("id"),
            "freq": data["freq"],
            "interval": data.get("interval") or 1,
            "byday": ",".join(f"{ordinal}{d}" for d in days),
            "bymonthday": data.get("bymonthday") or "",
            "opens_at": data.get("opens_at"),
            "closes_at": data.get("closes_at"),
            "dtstart": data.get("dtstart"),
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
            "description": data.get("description") or "",
        }


class ContactForm(KernForm):
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


def schedule_formset(data: Any, schedules: list[Any], prefix: str = "schedules") -> Any:
    formset_class = forms.formset_factory(
        ScheduleForm,
        formset=RowFormSet,
        extra=1 if schedules else 2,
        can_delete=True,
        max_num=30,
        validate_max=True,
    )
    initial = [ScheduleForm.initial_for(s) for s in schedules]
    return formset_class(data, initial=initial, prefix=prefix)


def contact_formset(data: Any, contacts: list[Any], prefix: str = "contacts") -> Any:
    formset_class = forms.formset_factory(
        ContactForm,
        formset=RowFormSet,
        extra=1,
        can_delete=True,
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
