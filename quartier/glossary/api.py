"""API endpoints of the glossary (mounted at /api/v1/ by quartier.api).

Reads only, as public as the pages: the terms with their agreed definition in force,
and one term with every agreed version and the decision that adopted it. Proposals
are counted, not listed (they carry members' names).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.core.maillinks import absolute_url
from quartier.glossary.models import AgreedDefinition, Term

router = Router(tags=["Glossar"])


class VersionOut(Schema):
    text: str
    valid_from: datetime.date
    decision: str = Field(description="Adresse des Beschlusses, der sie annahm")

    @staticmethod
    def resolve_decision(obj: AgreedDefinition) -> str:
        return absolute_url(obj.decision.get_absolute_url())


class TermOut(Schema):
    term: str
    slug: str
    definition: VersionOut | None = Field(
        None, description="die vereinbarte Definition, die gilt"
    )
    versions: list[VersionOut] = Field(description="alle Fassungen, neueste zuerst")
    proposals: int = Field(description="Zahl der Definitionsvorschläge")
    url: str

    @staticmethod
    def resolve_versions(obj: Term) -> list[AgreedDefinition]:
        return list(obj.agreed_versions.all())

    @staticmethod
    def resolve_definition(obj: Term) -> AgreedDefinition | None:
        versions = list(obj.agreed_versions.all())
        return versions[0] if versions else None

    @staticmethod
    def resolve_proposals(obj: Term) -> int:
        return obj.proposal_count  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: Term) -> str:
        return absolute_url(obj.get_absolute_url())


def _terms() -> QuerySet[Term]:
    versions = AgreedDefinition.objects.select_related(
        "decision__municipality"
    ).order_by("-valid_from", "-pk")
    return (
        Term.objects.select_related("municipality")
        .annotate(proposal_count=Count("proposals"))
        .prefetch_related(Prefetch("agreed_versions", queryset=versions))
    )


@router.get(
    "/municipalities/{slug}/glossary",
    response=list[TermOut],
    auth=read_auth,
    summary="Glossar: Begriffe mit vereinbarter Definition",
)
@paginate(Pages)
def term_list(request: HttpRequest, slug: str) -> QuerySet[Term]:
    """Die Begriffe von A bis Z, jeweils mit der geltenden und den früheren
    vereinbarten Definitionen."""
    municipality = municipality_for(request, slug)
    require(request, "glossary.view_term")
    return _terms().filter(municipality=municipality).order_by("term", "id")


@router.get(
    "/municipalities/{slug}/glossary/{term_slug}",
    response={200: TermOut, 404: dict},
    auth=read_auth,
    summary="Ein Begriff des Glossars",
)
def term_detail(request: HttpRequest, slug: str, term_slug: str) -> Term:
    municipality_for(request, slug)
    return get_object_for(request, _terms(), slug=term_slug)
