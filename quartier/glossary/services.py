"""Writes of the glossary: terms, proposed definitions and comments (members), and
the agreed versions of definitions and of the Leitbild, each adopted by a forum
decision (the coordination records them). Adopted versions are never edited: a
change is a new version with its own decision."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartier.core.dates import check_date
from quartier.core.models import Municipality
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.forums.models import Decision
from quartier.glossary.models import (
    AgreedDefinition,
    LeitbildVersion,
    ProposalComment,
    ProposedDefinition,
    Term,
)


def _required(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Please fill in this field.")})
    return text


@transaction.atomic
def term_create(*, by: Any, municipality: Municipality, term: str) -> Term:
    """Add a term to the municipality's glossary (coordination)."""
    ensure_allowed(by, "glossary.add_term", municipality)
    name = _required(term, "term")
    slug = slugify(name)[:140]
    if not slug:
        raise ValidationError({"term": _("Please use letters or digits.")})
    if Term.objects.filter(municipality=municipality, slug=slug).exists():
        raise ValidationError({"term": _("This term is already in the glossary.")})
    created = Term.objects.create(municipality=municipality, term=name, slug=slug)
    record_action(by, municipality, "glossary.add_term", created)
    return created


@transaction.atomic
def definition_propose(*, by: Any, term: Term, text: str) -> ProposedDefinition:
    """A member proposes a definition of `term`; it is shown with their name."""
    ensure_allowed(by, "glossary.propose_definition", term.municipality)
    return ProposedDefinition.objects.create(
        term=term, text=_required(text, "text"), proposed_by=by
    )


@transaction.atomic
def proposal_comment(
    *, by: Any, proposal: ProposedDefinition, text: str
) -> ProposalComment:
    """A member comments on a proposed definition."""
    ensure_allowed(by, "glossary.comment_proposal", proposal.term.municipality)
    return ProposalComment.objects.create(
        proposal=proposal, text=_required(text, "text"), author=by
    )


def _check_adoption(
    municipality: Municipality, decision: Decision | None, valid_from: Any
) -> Decision:
    """The adopting decision, checked: of this municipality, taken on or before the
    day the version starts."""
    errors: dict[str, list[str]] = {}
    if decision is None:
        errors["decision"] = [_("Please choose the decision that adopted it.")]
    elif decision.municipality_id != municipality.pk:
        errors["decision"] = [_("Please choose a decision of this municipality.")]
    if not isinstance(valid_from, datetime.date):
        errors["valid_from"] = [_("Please enter a date.")]
    else:
        try:
            check_date(valid_from)
        except ValidationError as exc:
            errors["valid_from"] = exc.messages
        if decision is not None and valid_from < decision.decided_on:
            errors.setdefault("valid_from", []).append(
                _("A version cannot be valid before the decision that adopted it.")
            )
    if errors or decision is None:
        raise ValidationError(errors)
    return decision


@transaction.atomic
def definition_adopt(
    *,
    by: Any,
    term: Term,
    text: str,
    decision: Decision | None,
    valid_from: datetime.date,
) -> AgreedDefinition:
    """Record the agreed definition a forum decision adopted, as a new version."""
    ensure_allowed(by, "glossary.adopt_definition", term.municipality)
    text = _required(text, "text")
    decision = _check_adoption(term.municipality, decision, valid_from)
    version = AgreedDefinition.objects.create(
        term=term, text=text, decision=decision, valid_from=valid_from, created_by=by
    )
    record_action(by, term.municipality, "glossary.adopt_definition", version)
    return version


@transaction.atomic
def leitbild_adopt(
    *,
    by: Any,
    municipality: Municipality,
    text: str,
    decision: Decision | None,
    valid_from: datetime.date,
) -> LeitbildVersion:
    """Record a new version of the Leitbild a forum decision adopted (the text is
    sanitised HTML, core/sanitize.py)."""
    ensure_allowed(by, "glossary.adopt_leitbild", municipality)
    cleaned = clean_html(_required(text, "text")).strip()
    if not cleaned:
        raise ValidationError({"text": _("Please fill in this field.")})
    decision = _check_adoption(municipality, decision, valid_from)
    version = LeitbildVersion.objects.create(
        municipality=municipality,
        text=cleaned,
        decision=decision,
        valid_from=valid_from,
        created_by=by,
    )
    record_action(by, municipality, "glossary.adopt_leitbild", version)
    return version
