"""Forms of the legal app: the pages' text, the accessibility details, the feedback
form (open to anyone, with a honeypot and a fill-in time), its answer, and the
retention periods."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.core.forms import KernForm, KernModelForm
from quartier.legal.models import AccessibilitySettings, clean_legal_html
from quartier.participation.forms import SpamGuards


class LegalPageForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 30}),
        help_text=_(
            "HTML with headings, paragraphs, lists and links. Replace every field in "
            "square brackets."
        ),
    )

    def clean_body(self) -> str:
        body = clean_legal_html(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Please enter the text of the page."))
        return body


class AccessibilitySettingsForm(KernModelForm):
    processing = "core.public_contact"  # Art. 13 notice, core/processing.py

    class Meta:
        model = AccessibilitySettings
        fields = [
            "conformity",
            "reviewed_on",
            "known_limitations",
            "contact",
            "feedback_email",
            "feedback_weeks",
            "enforcement_body",
            "dgs_video_url",
        ]
        widgets = {
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "known_limitations": forms.Textarea(attrs={"rows": 4}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "enforcement_body": forms.Textarea(attrs={"rows": 4}),
        }


def page_within_site(value: str, host: str) -> str:
    """The path (with query) of `value` when it points into this site, else ""."""
    if not value:
        return ""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("", "http", "https"):
        return ""
    if parts.netloc and parts.netloc != host:
        return ""
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return ""
    return (path + (f"?{parts.query}" if parts.query else ""))[:500]


class FeedbackForm(SpamGuards, KernForm):
    """Anyone may report a barrier. `website` is a honeypot (hidden by CSS, people
    never fill it in), `started` a signed time stamp for the fill-in time."""

    # Its Art. 13 notice and privacy-notice section (core/processing.py).
    processing = "legal.accessibility_feedback"

    page = forms.CharField(
        label=_("On which page?"),
        max_length=500,
        required=False,
        help_text=_("The address of the page, or what it is called."),
    )
    text = forms.CharField(
        label=_("What did not work?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe the barrier in your own words, e.g. “The button to send the "
            "form cannot be reached with the keyboard.”"
        ),
        error_messages={"required": _("Please describe what did not work.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only if you would like an answer. We use it for nothing else."),
        error_messages={
            "invalid": _(
                "Please enter a complete e-mail address, e.g. name@example.org."
            )
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.arm_spam_guards()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k].strip() for k in ("page", "text", "name", "email")}


class FeedbackAnswerForm(KernForm):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Sent by e-mail if the person gave an address; kept here either way."
        ),
        error_messages={"required": _("Please write the answer.")},
    )


def retention_field_name(key: str) -> str:
    return key.replace(".", "__")


class RetentionForm(KernForm):
    """One field per rule of the retention registry, bounded by the rule's limits."""

    def __init__(
        self, *args: Any, rules: list[Any], current: dict[str, int], **kw: Any
    ):
        super().__init__(*args, **kw)
        for rule in rules:
            limits = {"min": rule.min_days, "max": rule.max_days}
            message = _("Choose between %(min)d and %(max)d days.") % limits
            self.fields[retention_field_name(rule.key)] = forms.IntegerField(
                label=rule.label,
                min_value=rule.min_days,
                max_value=rule.max_days,
                initial=current[rule.key],
                help_text=_("Days. Default: %(default)d; allowed: %(min)d to %(max)d.")
                % {"default": rule.default_days, **limits},
                error_messages={
                    "required": message,
                    "invalid": message,
                    "min_value": message,
                    "max_value": message,
                },
            )
        self.rules = rules

    def periods(self) -> dict[str, int]:
        return {
            rule.key: self.cleaned_data[retention_field_name(rule.key)]
            for rule in self.rules
        }
