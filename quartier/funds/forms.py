"""Forms of the funds app. Amounts are typed the German way ("1.500,00") or with a
dot ("1500.50"); the cost plan is a fixed number of rows, blank rows are ignored,
so it works without JavaScript."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.forms import KernForm, KernModelForm, RichTextField
from quartier.core.images import PhotoField
from quartier.core.models import Neighborhood
from quartier.funds.legal import REMEDY_NOTICE_TEMPLATE
from quartier.funds.models import (
    Application,
    Call,
    Channel,
    DecisionHow,
    Fund,
    JuryRole,
    VoteChoice,
)
from quartier.funds.money import amount_input
from quartier.funds.uploads import PdfField, ReceiptFileField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
COST_ROWS = 8
# Paths below /funds/ that a fund slug would hide.
RESERVED_FUND_SLUGS = {"funded", "mine", "jury", "new", "calls", "applications"}


def _english() -> bool:
    return (translation.get_language() or "de").startswith("en")


class EuroField(forms.DecimalField):
    """An amount in euros, typed the way the active language writes numbers.

    German: "1.500,00", "1500,5", "1500.50" and "1.500" all work. English:
    "1,500.00", "1500.5" and "1,500" work. When both separators appear, the last
    one is the decimal separator in either language.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        text = str(value).replace("€", "").replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            grouping = "." if decimal_mark == "," else ","
            text = text.replace(grouping, "").replace(decimal_mark, ".")
        elif "," in text:
            if _english() and EN_THOUSANDS.match(text):
                text = text.replace(",", "")
            else:
                text = text.replace(",", ".")
        elif THOUSANDS.match(text) and not _english():
            text = text.replace(".", "")
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError(
                _("Please enter an amount in euros, e.g. 250 or 1.250,50."),
                code="invalid",
            ) from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int | float):
            return amount_input(value)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs


# Fields a draft may leave empty but a submission needs (services.submission_problems).
REQUIRED_TO_SUBMIT = (
    "what",
    "for_whom",
    "health_benefit",
    "starts_on",
    "requested_amount",
)


# The declarations of an application (services.declaration_problems).
DECLARATIONS = (
    "not_started",
    "early_start_requested",
    "early_start_reason",
    "not_funded_elsewhere",
    "other_funding",
)
# What a coordinator adds when typing in a paper or assisted application.
ASSISTED_FIELDS = (
    "channel",
    "received_on",
    "contact_name",
    "contact_address",
    "contact_phone",
)


def _mark(label: Any, marker: Any) -> Any:
    return format_html(
        '{} <span class="kern-label__optional">– {}</span>', label, marker
    )


class ApplicationForm(KernModelForm):
    """The plain-language application. Only the title is needed for a draft; the
    service checks the rest when the application is submitted. The labels say so:
    "required for submitting" where a draft may be empty but a submission not,
    "optional" where even a submission may leave the field empty."""

    processing = "funds.application"  # Art. 13 notice, core/processing.py

    own_contribution = EuroField(
        label=_("own contribution (€)"),
        required=False,
        help_text=_("Money or goods you bring in yourselves. 0 is fine."),
    )
    requested_amount = EuroField(
        label=_("requested amount (€)"),
        required=False,
        help_text=_("At most the costs minus your own contribution."),
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "actor",
            "group_name",
            "show_name",
            "what",
            "for_whom",
            "health_benefit",
            "neighborhood",
            "place",
            "starts_on",
            "ends_on",
            "own_contribution",
            "requested_amount",
            "not_started",
            "early_start_requested",
            "early_start_reason",
            "not_funded_elsewhere",
            "other_funding",
        ]
        widgets = {
            "early_start_reason": forms.Textarea(attrs={"rows": 2}),
            "other_funding": forms.Textarea(attrs={"rows": 2}),
            "what": forms.Textarea(attrs={"rows": 4}),
            "for_whom": forms.Textarea(attrs={"rows": 3}),
            "health_benefit": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DATE,
            "ends_on": DATE,
        }
        help_texts = {
            "what": _("In a few sentences, in your own words."),
            "for_whom": _("Who takes part, who benefits, how many people roughly?"),
            "health_benefit": _(
                "E.g. people meet, move, eat well, feel less alone, find help."
            ),
            "actor": _("Only if you apply for an organisation you act for."),
            "not_started": _(
                "Projects that have already begun cannot be funded. Required for "
                "submitting: tick this, or ask for an early start below."
            ),
            "early_start_requested": _(
                "Only if you must begin before the decision. The municipality allows "
                "or refuses it; allowing it is no promise of a grant."
            ),
            "not_funded_elsewhere": _(
                "Required for submitting: tick this, or list the other funding below."
            ),
        }

    def __init__(self, *args: Any, user: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "actor" in self.fields:
            self.fields["actor"].queryset = user.actors.filter(
                municipality=municipality
            ).order_by("name")
            self.fields["actor"].required = False
            if not self.fields["actor"].queryset.exists():
                del self.fields["actor"]
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        # The form marks every field itself (core's "optional" would be wrong for
        # fields a submission needs).
        self.hide_optional = True
        for name, field in self.fields.items():
            if name in REQUIRED_TO_SUBMIT:
                field.label = _mark(field.label, _("required for submitting"))
            elif name == "place":
                field.label = _mark(
                    field.label,
                    _("required for submitting unless you chose a neighbourhood"),
                )
            elif name in DECLARATIONS:
                continue
            elif not field.required and name != "show_name":
                field.label = _mark(field.label, _("optional"))
        lines = list(self.instance.cost_lines.all()) if self.instance.pk else []
        self.cost_rows = max(COST_ROWS, len(lines) + 2)
        for i in range(self.cost_rows):
            line = lines[i] if i < len(lines) else None
            self.fields[f"item_{i}"] = forms.CharField(
                label=_("Item, row %(row)d") % {"row": i + 1},
                required=False,
                max_length=200,
                initial=line.item if line else "",
            )
            self.fields[f"amount_{i}"] = EuroField(
                label=_("Amount in €, row %(row)d") % {"row": i + 1},
                required=False,
                initial=line.amount if line else None,
            )

    @property
    def main_fields(self) -> list[Any]:
        return [
            self[name]
            for name in self.fields
            if not name.startswith(("item_", "amount_"))
            and name not in ("own_contribution", "requested_amount")
            and name not in DECLARATIONS
            and name not in ASSISTED_FIELDS
        ]

    @property
    def declaration_fields(self) -> list[Any]:
        return [self[name] for name in DECLARATIONS]

    @property
    def assisted_fields(self) -> list[Any]:
        return [self[name] for name in ASSISTED_FIELDS if name in self.fields]

    @property
    def money_fields(self) -> list[Any]:
        return [self["own_contribution"], self["requested_amount"]]

    @property
    def rows(self) -> list[tuple[int, Any, Any]]:
        return [
            (i + 1, self[f"item_{i}"], self[f"amount_{i}"])
            for i in range(self.cost_rows)
        ]

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data.get(name)
            for name in self._meta.fields
            if name in self.cleaned_data
        }
        data["own_contribution"] = data.get("own_contribution") or Decimal("0")
        data["cost_lines"] = [
            (self.cleaned_data.get(f"item_{i}"), self.cleaned_data.get(f"amount_{i}"))
            for i in range(self.cost_rows)
        ]
        return data


class AssistedApplicationForm(ApplicationForm):
    """A coordinator types in an application received on paper or in a
    consultation, for a group or person without an account."""

    channel = forms.ChoiceField(
        label=_("How did the application come in?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DATE,
        help_text=_("The day the application arrived; it counts for the deadline."),
    )

    class Meta(ApplicationForm.Meta):
        fields = [
            "contact_name",
            "contact_address",
            "contact_phone",
            *[f for f in ApplicationForm.Meta.fields if f != "actor"],
        ]
        widgets = {
            **ApplicationForm.Meta.widgets,
            "contact_address": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            **ApplicationForm.Meta.help_texts,
            "contact_name": _(
                "The person who applied; the letter is addressed to them."
            ),
            "contact_address": _("For the decision letter by post."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["channel"].label = _mark(
            self.fields["channel"].label, _("required")
        )
        self.fields["received_on"].label = _mark(
            self.fields["received_on"].label, _("required")
        )
        self.fields["contact_name"].label = _mark(_("contact person"), _("required"))

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["channel"] = self.cleaned_data["channel"]
        data["received_on"] = self.cleaned_data["received_on"]
        return data


class EarlyStartForm(KernForm):
    outcome = forms.ChoiceField(
        label=_("Early start"),
        choices=[("grant", _("Allow the early start")), ("refuse", _("Refuse it"))],
        widget=forms.RadioSelect,
    )


class ReceiptForm(KernForm):
    paid_on = forms.DateField(label=_("date of the receipt"), widget=DATE)
    purpose = forms.CharField(label=_("what for?"), max_length=200)
    amount = EuroField(label=_("amount (€)"))
    file = ReceiptFileField(
        label=_("receipt (PDF or photo)"),
        help_text=_("A PDF or a photo of the receipt, at most 10 MB."),
    )


class PrecheckForm(KernForm):
    outcome = forms.ChoiceField(
        label=_("Result of the pre-check"),
        choices=[
            ("complete", _("Complete: pass it on to the jury")),
            ("questions", _("Questions back to the applicant")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Your questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the applicant by e-mail."),
    )


class ConflictForm(KernForm):
    note = forms.CharField(
        label=_("Why (optional note)"),
        required=False,
        max_length=300,
        help_text=_("E.g. “I am a member of the applying club.”"),
    )


class VoteForm(KernForm):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(KernForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    how = forms.ChoiceField(
        label=_("Basis of the decision"),
        choices=DecisionHow.choices,
        widget=forms.RadioSelect,
    )
    amount = EuroField(label=_("approved amount (€)"), required=False)
    rationale = forms.CharField(
        label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4})
    )
    deviation_reason = forms.CharField(
        label=_("Why does the decision depart from the jury's recommendation?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decide otherwise than the jury recommends."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. “Please mention the fund on your flyer.”"),
    )


class RevokeForm(KernForm):
    reason = forms.CharField(
        label=_("Why is the approval revoked?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PayoutForm(KernForm):
    amount = EuroField(label=_("amount (€)"))
    paid_on = forms.DateField(label=_("date"), widget=DATE)
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class MeetingForm(KernForm):
    """The votes of a jury that met in person: the date, and one choice per voting
    member ("not present" by default). Conflicted members are listed without a
    choice, so their vote cannot be entered; the service refuses a forged one."""

    held_on = forms.DateField(label=_("Date of the jury meeting"), widget=DATE)

    def __init__(
        self, *args: Any, members: list[Any], conflicted: set[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.conflicted_members = [m for m in members if m.pk in conflicted]
        choices = [("", _("not present / did not vote")), *VoteChoice.choices]
        for member in members:
            if member.pk in conflicted:
                continue
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.user.public_name,
                choices=choices,
                required=False,
            )
        self.hide_optional = True

    def votes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("member_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("member_")
        }


class ReportForm(KernForm):
    what_happened = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    participants = forms.IntegerField(
        label=_("How many people took part?"), min_value=0, max_value=1_000_000
    )
    photo_1 = PhotoField(label=_("Photo 1"), required=False)
    alt_1 = forms.CharField(
        label=_("What does photo 1 show?"), required=False, max_length=300
    )
    photo_2 = PhotoField(label=_("Photo 2"), required=False)
    alt_2 = forms.CharField(
        label=_("What does photo 2 show?"), required=False, max_length=300
    )

    def photos(self) -> list[tuple[Any, str]]:
        return [
            (self.cleaned_data.get(f"photo_{i}"), self.cleaned_data.get(f"alt_{i}", ""))
            for i in (1, 2)
        ]


class FundForm(KernModelForm):
    processing = "core.public_contact"  # Art. 13 notice, core/processing.py

    rules = RichTextField(
        label=_("rules in plain language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    budget = EuroField(label=_("budget (€)"))
    max_per_project = EuroField(label=_("at most per project (€)"))
    solo_limit = EuroField(
        label=_("coordinators may decide alone up to (€)"),
        help_text=_("Smaller requests can be decided without the jury; 0 for never."),
    )
    guideline_text = RichTextField(
        label=_("funding guideline (text)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Written here, or uploaded as a PDF below (or both)."),
    )
    guideline_file = PdfField(
        label=_("funding guideline (PDF)"),
        required=False,
        help_text=_("A PDF document, at most 10 MB."),
    )

    class Meta:
        model = Fund
        fields = [
            "name",
            "slug",
            "neighborhood",
            "year",
            "status",
            "budget",
            "max_per_project",
            "solo_limit",
            "quorum",
            "majority_rule",
            "payout_four_eyes",
            "rules",
            "contact_email",
            "guideline_text",
            "guideline_file",
            "proof_retention_years",
            "remedy_notice",
        ]
        widgets = {
            "majority_rule": forms.RadioSelect,
            "remedy_notice": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["neighborhood"].queryset = Neighborhood.objects.of(municipality)
        if not self.instance.remedy_notice:
            # The template with its marked fields, for the municipality to complete.
            self.initial["remedy_notice"] = str(REMEDY_NOTICE_TEMPLATE)

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_FUND_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        taken = Fund.objects.of(self.municipality).filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another fund already uses this address."))
        return slug


class CallForm(KernModelForm):
    text = RichTextField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    max_amount = EuroField(label=_("at most per application (€)"))

    class Meta:
        model = Call
        fields = [
            "title",
            "text",
            "opens_on",
            "closes_on",
            "topics",
            "max_amount",
            "persons_may_apply",
            "groups_may_apply",
            "organisations_may_apply",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}


class JuryMemberForm(KernForm):
    processing = "funds.jury"  # Art. 13 notice, core/processing.py

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("The person must be a member of the municipality."),
    )
    role = forms.ChoiceField(label=_("seat"), choices=JuryRole.choices)
    voting = forms.BooleanField(label=_("has a vote"), required=False, initial=True)

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"]
        user = User.objects.filter(
            email__iexact=email, memberships__municipality=self.municipality
        ).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody with this address is a member of the municipality.")
            )
        return user
