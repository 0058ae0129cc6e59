"""Scenario for the link kind the oparl app registers (council paper → forum
decision; core/tests/test_object_links.py walks the registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from quartier.core.tests.link_case import LinkCase
from quartier.forums.tests.factories import DecisionFactory, ForumFactory
from quartier.oparl.links import KEY
from quartier.oparl.models import PaperLink
from quartier.oparl.tests.factories import CouncilPaperFactory


def _case(world: dict[str, Any]) -> LinkCase:
    municipality = world["municipality"]
    other = world["other_municipality"]
    public = ForumFactory(municipality=municipality, visibility="public")
    closed = ForumFactory(municipality=municipality, visibility="members")

    def set_link(source: Any, target: Any) -> None:
        PaperLink.objects.get_or_create(
            municipality=source.municipality, paper=source, decision=target
        )

    def linked(source: Any) -> Any:
        row = PaperLink.objects.filter(paper=source).first()
        return row.decision if row else None

    return LinkCase(
        source=CouncilPaperFactory(municipality=municipality),
        hidden_source=CouncilPaperFactory(municipality=municipality, deleted=True),
        visible_target=DecisionFactory(
            agenda_item__meeting__forum=public, text="Mehr Bänke am Marktplatz"
        ),
        hidden_target=DecisionFactory(
            agenda_item__meeting__forum=closed, text="Interne Empfehlung zum Haushalt"
        ),
        forged_target=DecisionFactory(
            agenda_item__meeting__forum=ForumFactory(municipality=other),
            text="Fremde Empfehlung",
        ),
        linker=world["coordinator"],
        set_link=set_link,
        linked=linked,
        form_url=lambda source: reverse(
            "oparl:paper_link",
            kwargs={"municipality_slug": source.municipality.slug, "pk": source.pk},
        ),
        form_data=lambda target: {"decision": str(target.pk)},
        api_url=lambda source: None,
        api_linked=lambda data: None,
        viewer="anonymous",
    )


CASES = {KEY: _case}
