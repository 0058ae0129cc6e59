"""Factories of the glossary's tests."""

from __future__ import annotations

import datetime
from typing import Any

from quartier.glossary.models import AgreedDefinition, Term


def make_term(municipality: Any, term: str, slug: str | None = None) -> Term:
    from django.utils.text import slugify

    return Term.objects.create(
        municipality=municipality, term=term, slug=slug or slugify(term)
    )


def make_decision(
    municipality: Any, text: str = "Glossar beschlossen", **kw: Any
) -> Any:
    from quartier.forums.tests.factories import DecisionFactory

    return DecisionFactory(
        agenda_item__meeting__forum__municipality=municipality, text=text, **kw
    )


def agree(term: Term, text: str, decision: Any, valid_from: datetime.date) -> Any:
    return AgreedDefinition.objects.create(
        term=term, text=text, decision=decision, valid_from=valid_from
    )
