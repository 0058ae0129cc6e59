"""Writes of the legal app: pages, accessibility details and feedback, retention
periods."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality
from quartier.core.roles import Role
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.legal.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    LegalPage,
    due_on,
)


def page_for(municipality: Municipality | None, kind: str) -> LegalPage | None:
    """The page shown for `kind`: the municipality's, else the operator's, else None
    (the caller shows the built-in template)."""
    if municipality is not None:
        own = LegalPage.objects.filter(municipality=municipality, kind=kind).first()
        if own is not None:
            return own
    return LegalPage.objects.filter(municipality__isnull=True, kind=kind).first()


@transaction.atomic
def legal_page_save(
    *, by: Any, municipality: Municipality, kind: str, body: str
) -> LegalPage:
    """Save the municipality's own page of `kind` (the body is sanitised on save)."""
    ensure_allowed(by, "legal.change_legalpage", municipality)
    page, _created = LegalPage.objects.select_for_update().get_or_create(
        municipality=municipality, kind=kind, defaults={"body": body}
    )
    if not _created:
        page.body = body
        page.save()
    record_action(by, municipality, "legal.change_legalpage", page)
    return page


# --- The accessibility statement's details -------------------------------------


@transaction.atomic
def accessibility_settings_save(
    *, by: Any, municipality: Municipality, values: dict[str, Any]
) -> AccessibilitySettings:
    """Save what the municipality says in its accessibility statement."""
    ensure_allowed(by, "legal.change_accessibilitysettings", municipality)
    found, _created = AccessibilitySettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    for name, value in values.items():
        setattr(found, name, value)
    found.full_clean()
    found.save()
    record_action(by, municipality, "legal.change_accessibilitysettings", found)
    return found


# --- Feedback on accessibility -------------------------------------------------


def feedback_recipients(municipality: Municipality) -> list[str]:
    """Who receives feedback: the address given in the statement's details, else
    the municipality's contact address, else its coordination and admins."""
    from quartier.accounts.models import Membership

    details = AccessibilitySettings.of(municipality)
    if details.feedback_email:
        return [details.feedback_email]
    if municipality.contact_email:
        return [municipality.contact_email]
    return sorted(
        Membership.objects.filter(
            municipality=municipality,
            role__in=[Role.COORDINATOR, Role.ADMIN],
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def _mail(to: str | list[str], subject: str, template: str, context: dict) -> None:
    """Queue an e-mail in each recipient's language (core/tasks.py): the subject is
    a `lazy_subject`, translated then, not in the language of the sender's page."""
    queue_email(to=to, subject=subject, template=template, context=context)


def _statement_link(municipality: Municipality) -> str:
    return absolute_url(
        reverse("legal:accessibility", kwargs={"municipality_slug": municipality.slug})
    )


@transaction.atomic
def feedback_submit(
    *,
    by: Any,
    municipality: Municipality,
    page: str,
    text: str,
    name: str = "",
    email: str = "",
) -> AccessibilityFeedback:
    """Record a report of an accessibility problem (anyone, no account needed),
    tell the coordination and send the reporter a receipt that names the deadline."""
    ensure_allowed(by, "legal.add_accessibilityfeedback", municipality)
    received_at = timezone.now()
    weeks = AccessibilitySettings.of(municipality).feedback_weeks
    feedback = AccessibilityFeedback.objects.create(
        municipality=municipality,
        page=page,
        text=text,
        name=name,
        email=email,
        received_at=received_at,
        due_on=due_on(received_at, weeks),
    )
    context = {
        "feedback": feedback,
        "municipality": municipality,
        "weeks": weeks,
        "link": absolute_url(
            reverse(
                "legal:feedback_detail",
                kwargs={"municipality_slug": municipality.slug, "pk": feedback.pk},
            )
        ),
        "statement": _statement_link(municipality),
    }
    recipients = feedback_recipients(municipality)
    if recipients:
        _mail(
            to=recipients,
            subject=lazy_subject(
                gettext_lazy("Accessibility feedback: answer by %(date)s"),
                # Formatted when rendered, as the recipient's language writes dates.
                date=lazy(date_format, str)(feedback.due_on, "SHORT_DATE_FORMAT"),
            ),
            template="legal/email/feedback_received.txt",
            context=context,
        )
    if email:
        _mail(
            to=email,
            subject=lazy_subject(
                gettext_lazy("We have received your feedback on accessibility")
            ),
            template="legal/email/feedback_receipt.txt",
            context=context,
        )
    return feedback


@transaction.atomic
def feedback_answer(
    *, by: Any, feedback: AccessibilityFeedback, answer: str
) -> AccessibilityFeedback:
    """Answer a feedback (once); the answer goes by e-mail when an address was given."""
    ensure_allowed(by, "legal.answer_accessibilityfeedback", feedback)
    feedback = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status != AccessibilityFeedback.Status.OPEN:
        raise ValidationError(_("This feedback has already been answered."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Please write the answer.")})
    feedback.answer = answer
    feedback.answered_at = timezone.now()
    feedback.answered_by = by
    feedback.status = AccessibilityFeedback.Status.ANSWERED
    feedback.save(update_fields=["answer", "answered_at", "answered_by", "status"])
    record_action(
        by, feedback.municipality, "legal.answer_accessibilityfeedback", feedback.pk
    )
    if feedback.email:
        _mail(
            to=feedback.email,
            subject=lazy_subject(
                gettext_lazy("Answer to your feedback on accessibility")
            ),
            template="legal/email/feedback_answer.txt",
            context={
                "feedback": feedback,
                "municipality": feedback.municipality,
                "statement": _statement_link(feedback.municipality),
            },
        )
    return feedback


# --- Retention periods -----------------------------------------------------------


@transaction.atomic
def retention_periods_set(
    *, by: Any, municipality: Municipality, periods: dict[str, int]
) -> list[str]:
    """Set the municipality's retention periods (days per rule key), each within
    its rule's limits; a period equal to the default removes the own setting, so a
    later change of the default applies. Returns the keys that changed."""
    from quartier.core.models import RetentionSetting
    from quartier.core.retention import RULES, days_for

    ensure_allowed(by, "legal.change_retentionsetting", municipality)
    errors = {}
    for key, days in periods.items():
        rule = RULES.get(key)
        if rule is None:
            errors[key] = _("There is no retention rule of this name.")
        elif not rule.min_days <= days <= rule.max_days:
            errors[key] = _("Choose between %(min)d and %(max)d days.") % {
                "min": rule.min_days,
                "max": rule.max_days,
            }
    if errors:
        raise ValidationError(errors)
    changed = []
    for key, days in sorted(periods.items()):
        rule = RULES[key]
        before = days_for(rule, municipality)
        if before == days:
            continue
        if days == rule.default_days:
            RetentionSetting.objects.filter(municipality=municipality, key=key).delete()
        else:
            RetentionSetting.objects.update_or_create(
                municipality=municipality, key=key, defaults={"days": days}
            )
        record_action(
            by,
            municipality,
            "legal.change_retentionsetting",
            f"{key}: {before} → {days}",
        )
        changed.append(key)
    return changed
