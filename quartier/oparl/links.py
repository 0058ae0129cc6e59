"""The link kind of the oparl app (core/object_links.py): a council paper and the
forum decisions or recommendations it took up. Stored as `PaperLink` rows.

The paper is the source: its page (/<slug>/oparl/papers/<pk>/) lists the linked
decisions and offers the form to whoever may link it. The decision's page shows the
paper with `{% linked_objects %}` — title, reference and where it stands in the
council (the result of its last consultation) — and offers "Link with a council
paper" (`link_from_target`) to whoever may change the decision
(forums.change_decision; services.paper_link checks it again).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import Link, LinkEnd, LinkKind, register

KEY = "oparl.paper_decision"


def _choices(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Decision

    return (
        Decision.objects.visible_to(user, municipality)
        .select_related("forum")
        .order_by("-decided_on", "-number")
    )


def _decisions_of(papers: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.oparl.models import PaperLink

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = (
        PaperLink.objects.filter(paper_id__in=[p.pk for p in papers])
        .select_related("decision__municipality", "decision__forum")
        .order_by("decision__decided_on", "decision_id")
    )
    for row in rows:
        found[row.paper_id].append(row.decision)
    return found


def _papers_of(decisions: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.oparl.models import PaperLink
    from quartier.oparl.progress import attach_progress

    found: dict[Any, list[Any]] = defaultdict(list)
    rows = (
        PaperLink.objects.filter(decision_id__in=[d.pk for d in decisions])
        .select_related("paper__municipality")
        .order_by("paper__date", "paper_id")
    )
    rows = list(rows)
    attach_progress([row.paper for row in rows])
    for row in rows:
        found[row.decision_id].append(row.paper)
    return found


def _decision_title(decision: Any) -> str:
    from quartier.forums.services.decisions import decision_label

    text = Truncator(decision.text).chars(100)
    return f"{decision.forum.name}, {decision_label(decision)}: {text}"


def _paper_title(paper: Any) -> str:
    return str(paper)


def _paper_detail(paper: Any) -> str:
    from quartier.oparl.progress import progress_summary

    return progress_summary(paper)


def _link_from_decision(user: Any, decision: Any) -> Link | None:
    """ "Link with a council paper" on the decision's page, for whoever may change
    the decision, once the municipality imports from a council system."""
    from quartier.oparl.models import CouncilSource

    if not getattr(user, "is_authenticated", False):
        return None
    if not user.has_perm("forums.change_decision", decision):
        return None
    if not CouncilSource.objects.filter(
        municipality_id=decision.municipality_id
    ).exists():
        return None
    url = reverse(
        "oparl:decision_link",
        kwargs={"municipality_slug": decision.municipality.slug, "pk": decision.pk},
    )
    return Link(decision, str(_("Link with a council paper")), url, "")


def register_link_kinds() -> None:
    from quartier.forums.models import Decision
    from quartier.oparl.models import CouncilPaper

    register(
        LinkKind(
            key=KEY,
            source=LinkEnd(
                model=CouncilPaper,
                label=_("In the council"),
                perm="oparl.view_councilpaper",
                fetch=_papers_of,
                describe=_paper_title,
                detail=_paper_detail,
            ),
            target=LinkEnd(
                model=Decision,
                label=_("Recommendations and decisions of forums"),
                perm="forums.view_decision",
                fetch=_decisions_of,
                describe=_decision_title,
                detail=lambda d: str(d.get_status_display()),
            ),
            link_perm="oparl.link_councilpaper",
            choices=_choices,
            link_from_target=_link_from_decision,
        )
    )
