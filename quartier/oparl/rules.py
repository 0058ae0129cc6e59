"""Permissions of the oparl app (docs/permissions.md, section "Council (OParl)").

Council papers are public; one the council system deleted is kept for the links
to it but shown only to the coordination. Linking a paper to a forum's decision
needs the right to change that decision (forums.change_decision, checked by
services.paper_link for the decision chosen); the paper side offers the form to
whoever may change some decision of the municipality. Only the municipality's
admins configure the council system and read the import reports.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_admin, is_coordinator, municipality_of


@rules.predicate
def is_listed_paper(user: Any, paper: Any = None) -> bool:
    return paper is not None and not getattr(paper, "deleted", True)


@rules.predicate
def moderates_a_forum(user: Any, obj: Any = None) -> bool:
    """The user runs (moderates) at least one forum of the object's municipality."""
    if not getattr(user, "is_authenticated", False):
        return False
    from quartier.forums.models import Forum, moderated_forums

    municipality = municipality_of(obj)
    return Forum.objects.filter(
        municipality=municipality, pk__in=moderated_forums(user)
    ).exists()


rules.add_perm("oparl.view_councilpaper", is_listed_paper | is_coordinator)
rules.add_perm(
    "oparl.link_councilpaper",
    (is_listed_paper | is_coordinator) & (is_coordinator | moderates_a_forum),
)
rules.add_perm("oparl.configure", is_admin)
