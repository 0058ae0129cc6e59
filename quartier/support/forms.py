"""Forms of the support app: answering the check, confirming a team result, opening
a round, and a support offer with its deadlines."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.core.dates import check_date
from quartier.core.forms import KernForm, KernModelForm
from quartier.initiatives.models import PHASE_ORDER
from quartier.support.models import SupportOffer
from quartier.support.questions import RECOMMENDATIONS, SCALE

SCALE_FIELD_CHOICES = [(str(v), f"{v} – {label}") for v, label in SCALE.items()]


def parse_links(text: str) -> list[dict[str, str]]:
    """One link per line: "address" or "label | address"."""
    links = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition("|")
        links.append({"label": label.strip() or url.strip(), "url": url.strip()})
    return links


def links_text(links: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{link['label']} | {link['url']}"
        if link["label"] != link["url"]
        else link["url"]
        for link in links or []
    )


LINKS_HELP = _(
    "Optional: pages in Quartier that show it, one per line, e.g. "
    "“Quartiersforum | /musterstadt/forums/quartiersforum/”."
)


class AnswerForm(KernForm):
    """All questions of the check on one page; unanswered ones are left out."""

    def __init__(self, *args: Any, answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = []
        for rec in RECOMMENDATIONS:
            rows = []
            for question in rec.questions:
                mine = answers.get(question.key)
                value = forms.ChoiceField(
                    label=question.text,
                    choices=SCALE_FIELD_CHOICES,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=str(mine.value) if mine else None,
                )
                evidence = forms.CharField(
                    label=_("Evidence (what shows it?)"),
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    initial=mine.evidence if mine else "",
                )
                links = forms.CharField(
                    label=_("Links to pages in Quartier"),
                    help_text=LINKS_HELP,
                    widget=forms.Textarea(attrs={"rows": 1}),
                    required=False,
                    initial=links_text(mine.links) if mine else "",
                )
                self.fields[f"v_{question.key}"] = value
                self.fields[f"e_{question.key}"] = evidence
                self.fields[f"l_{question.key}"] = links
                rows.append(question.key)
            self.groups.append((rec, rows))

    def bound_groups(self) -> list[tuple[Any, list[tuple[Any, Any, Any]]]]:
        return [
            (rec, [(self[f"v_{k}"], self[f"e_{k}"], self[f"l_{k}"]) for k in keys])
            for rec, keys in self.groups
        ]

    def answered(self) -> list[tuple[str, int, str, list[dict[str, str]]]]:
        found = []
        for _rec, keys in self.groups:
            for key in keys:
                value = self.cleaned_data.get(f"v_{key}")
                if value:
                    found.append(
                        (
                            key,
                            int(value),
                            self.cleaned_data.get(f"e_{key}", ""),
                            parse_links(self.cleaned_data.get(f"l_{key}", "")),
                        )
                    )
        return found


class ConfirmForm(KernForm):
    value = forms.ChoiceField(
        label=_("Team result"), choices=SCALE_FIELD_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (when the team differs from the suggestion)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    links = forms.CharField(
        label=_("Links to pages in Quartier"),
        help_text=LINKS_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class RoundForm(KernForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


def _split_keys(value: str) -> str:
    keys = [k for k in value if k]
    return "|" + "|".join(keys) + "|" if keys else ""


class OfferForm(KernModelForm):
    recommendation_keys = forms.MultipleChoiceField(
        label=_("Helps with the recommendations"),
        choices=[(r.key, f"{r.key} {r.title}") for r in RECOMMENDATIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phase_keys = forms.MultipleChoiceField(
        label=_("Fits these phases of an initiative"),
        choices=[(p.value, p.label) for p in PHASE_ORDER],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    deadline_lines = forms.CharField(
        label=_("Deadlines"),
        help_text=_(
            "One per line: the date (DD.MM.YYYY) and what is due, e.g. "
            "“31.03.2027 Antragsfrist”."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    class Meta:
        model = SupportOffer
        fields = [
            "kind",
            "title",
            "provider",
            "description",
            "audience",
            "conditions",
            "contact",
            "link",
            "amount_min",
            "amount_max",
            "cofinancing_percent",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "contact": _(
                "The provider's office, hotline or functional e-mail address that may "
                "be published, not a private person's data."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer = self.instance
        if offer.pk:
            self.initial["recommendation_keys"] = offer.recommendation_keys
            self.initial["phase_keys"] = offer.phase_keys
            self.initial["deadline_lines"] = "\n".join(
                f"{d.due_on:%d.%m.%Y} {d.label}" for d in offer.deadlines.all()
            )

    def clean_deadline_lines(self) -> list[tuple[datetime.date, str]]:
        found = []
        for number, line in enumerate(
            (self.cleaned_data.get("deadline_lines") or "").splitlines(), start=1
        ):
            line = line.strip()
            if not line:
                continue
            text, _sep, label = line.partition(" ")
            try:
                due_on = datetime.datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007
                check_date(due_on)
            except (ValueError, ValidationError) as exc:
                raise ValidationError(
                    _("Line %(number)s: start with a date like 31.03.2027.")
                    % {"number": number}
                ) from exc
            found.append((due_on, label.strip() or str(_("Deadline"))))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max", _("The upper amount must not be below the lower one.")
            )
        return data

    def values(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["recommendations"] = _split_keys(self.cleaned_data["recommendation_keys"])
        data["phases"] = _split_keys(self.cleaned_data["phase_keys"])
        return data
