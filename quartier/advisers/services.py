"""Writes of the Fachberatung: grants and their revocation (audited), the
consultation log, practice examples and questions to their contact person."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.advisers.models import (
    AdvisoryOrganisation,
    Consultation,
    PracticeExample,
    SharingGrant,
)
from quartier.core.models import Municipality
from quartier.core.ratelimit import hit
from quartier.core.services import ensure_allowed, record_action
from quartier.core.sharing import shared_module

# Questions to practice examples' contact persons: per asking person and hour.
QUESTIONS_PER_HOUR = 5


@transaction.atomic
def grant_create(
    *,
    by: Any,
    municipality: Municipality,
    organisation: AdvisoryOrganisation,
    module_key: str,
    purpose: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    legal_basis: str,
) -> SharingGrant:
    """The municipality's admin shares one module with an advisory organisation."""
    ensure_allowed(by, "advisers.manage_grants", municipality)
    if shared_module(module_key) is None:
        raise ValidationError({"module_key": _("This module cannot be shared.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end must not lie before the start.")})
    if not purpose.strip() or not legal_basis.strip():
        raise ValidationError(_("Please state the purpose and the legal basis."))
    grant = SharingGrant.objects.create(
        municipality=municipality,
        organisation=organisation,
        module_key=module_key,
        purpose=purpose.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        legal_basis=legal_basis.strip(),
        granted_by=by,
    )
    record_action(by, municipality, "advisers.grant_shared", grant)
    return grant


@transaction.atomic
def grant_revoke(*, by: Any, grant: SharingGrant) -> SharingGrant:
    """End a grant at once; the row stays for the log."""
    ensure_allowed(by, "advisers.manage_grants", grant.municipality)
    grant = SharingGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(_("This sharing agreement is already revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    record_action(by, grant.municipality, "advisers.grant_revoked", grant)
    return grant


def organisation_of(user: Any) -> AdvisoryOrganisation | None:
    """The adviser's advisory organisation (the first, should there be several)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return user.advisory_organisations.order_by("name").first()


@transaction.atomic
def consultation_record(
    *,
    by: Any,
    municipality: Municipality,
    held_on: datetime.date,
    topic: str,
    next_steps: str = "",
    follow_up_on: datetime.date | None = None,
) -> Consultation:
    """An adviser writes a consultation into the municipality's log."""
    ensure_allowed(by, "advisers.add_consultation", municipality)
    organisation = organisation_of(by)
    if organisation is None:
        raise PermissionDenied("advisers.add_consultation")
    if follow_up_on is not None and follow_up_on < held_on:
        raise ValidationError(
            {"follow_up_on": _("The follow-up must not lie before the consultation.")}
        )
    consultation = Consultation.objects.create(
        municipality=municipality,
        organisation=organisation,
        held_on=held_on,
        topic=topic.strip(),
        next_steps=next_steps.strip(),
        follow_up_on=follow_up_on,
        written_by=by,
    )
    record_action(by, municipality, "advisers.record_consultation", consultation)
    return consultation


@transaction.atomic
def practice_publish(
    *,
    by: Any,
    municipality: Municipality,
    kind: str,
    title: str,
    summary: str,
    contact: Any,
    contact_consent: bool,
    source_pk: int | None = None,
) -> PracticeExample:
    """The coordination publishes a practice example for other municipalities."""
    ensure_allowed(by, "advisers.publish_practice", municipality)
    if contact.role_in(municipality) is None:
        raise ValidationError(
            {"contact": _("The contact person must be a member of the municipality.")}
        )
    if not contact_consent:
        raise ValidationError(
            {
                "contact_consent": _(
                    "Please confirm that the contact person agrees to be asked."
                )
            }
        )
    example = PracticeExample.objects.create(
        municipality=municipality,
        kind=kind,
        source_pk=source_pk,
        title=title.strip(),
        summary=summary.strip(),
        contact=contact,
        contact_consent=True,
        published_by=by,
    )
    record_action(by, municipality, "advisers.publish_practice", example)
    return example


@transaction.atomic
def practice_withdraw(*, by: Any, example: PracticeExample) -> PracticeExample:
    ensure_allowed(by, "advisers.withdraw_practice", example.municipality)
    example.withdrawn_at = timezone.now()
    example.save(update_fields=["withdrawn_at"])
    record_action(by, example.municipality, "advisers.withdraw_practice", example)
    return example


def practice_ask(
    *, by: Any, example: PracticeExample, question: str, reply_url: str = ""
) -> None:
    """Send a question to the example's contact person by e-mail (rate-limited)."""
    from quartier.core.tasks import lazy_subject, queue_email

    ensure_allowed(by, "advisers.ask_practice", example)
    question = question.strip()
    if len(question) < 10:
        raise ValidationError({"question": _("Please write your question.")})
    if not hit("advisers.ask", str(by.pk), limit=QUESTIONS_PER_HOUR, period=3600):
        raise ValidationError(
            _("You have asked many questions in the last hour; please try again later.")
        )
    queue_email(
        to=example.contact.email,
        subject=lazy_subject(
            gettext_lazy("A question about your practice example “%(title)s”"),
            title=example.title,
        ),
        template="advisers/email/practice_question.txt",
        context={
            "example": example,
            "question": question,
            "asker": by,
            "asker_municipality": ", ".join(
                m.municipality.name
                for m in by.memberships.select_related("municipality")
            ),
            "url": reply_url,
        },
    )
