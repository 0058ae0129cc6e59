"""Writes of the oparl app: the council system's configuration and the links
between forum decisions and council papers (the import is importer.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from quartier.core.object_links import link_target_allowed
from quartier.core.services import record_action
from quartier.oparl.models import CouncilPaper, CouncilSource, PaperLink


@transaction.atomic
def source_configure(
    *, by: Any, municipality: Any, system_url: str, timeout: float
) -> CouncilSource:
    """Set (or change) the municipality's OParl System URL and timeout. A new URL
    starts over: the next import lists everything again."""
    if not by.has_perm("oparl.configure", municipality):
        raise PermissionDenied
    source = CouncilSource.objects.filter(municipality=municipality).first()
    if source is None:
        source = CouncilSource(municipality=municipality)
    if source.system_url != system_url:
        source.last_success_at = None
    source.system_url = system_url
    source.timeout = timeout
    source.full_clean()
    source.save()
    record_action(by, municipality, "oparl.configure", system_url)
    return source


@transaction.atomic
def paper_link(*, by: Any, paper: CouncilPaper, decision: Any) -> PaperLink:
    """Link a forum's decision or recommendation to a council paper. Whoever may
    change the decision may link it, to a paper of the same municipality they
    may see."""
    if not by.has_perm("forums.change_decision", decision):
        raise PermissionDenied
    if not by.has_perm("oparl.view_councilpaper", paper) or not link_target_allowed(
        by, decision, source=paper
    ):
        raise ValidationError({"paper": _("Choose a paper of your council system.")})
    try:
        with transaction.atomic():
            link, _created = PaperLink.objects.get_or_create(
                municipality=paper.municipality, paper=paper, decision=decision
            )
    except IntegrityError:  # linked at the same moment by someone else
        link = PaperLink.objects.get(paper=paper, decision=decision)
    record_action(
        by, paper.municipality, "oparl.link_paper", f"{decision.pk} → {paper}"
    )
    return link


@transaction.atomic
def paper_unlink(*, by: Any, link: PaperLink) -> None:
    """Remove a link (whoever may change the decision)."""
    if not by.has_perm("forums.change_decision", link.decision):
        raise PermissionDenied
    record_action(
        by,
        link.municipality,
        "oparl.unlink_paper",
        f"{link.decision_id} → {link.paper}",
    )
    link.delete()
