"""What the support app shares with advisory organisations (core/sharing.py): the
Quartiers-Check's team results — never the single answers or who gave them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, register


def summaries(municipalities: list[Municipality]) -> dict[int, list[tuple[Any, str]]]:
    """The latest round of each municipality and its open next steps, in two queries."""
    from django.db.models import Count, OuterRef, Q, Subquery

    from quartier.support.models import CheckRound

    latest = CheckRound.objects.filter(municipality=OuterRef("municipality")).order_by(
        "-year", "-pk"
    )
    rounds = {
        r.municipality_id: r
        for r in CheckRound.objects.filter(
            municipality__in=municipalities, pk=Subquery(latest.values("pk")[:1])
        ).annotate(
            open_steps=Count("next_steps", filter=Q(next_steps__done_on__isnull=True))
        )
    }
    result: dict[int, list[tuple[Any, str]]] = {}
    for m in municipalities:
        last = rounds.get(m.pk)
        if last is None:
            result[m.pk] = [(_("Last Quartiers-Check"), str(_("none yet")))]
            continue
        result[m.pk] = [
            (
                _("Last Quartiers-Check"),
                f"{last.year} ({last.get_status_display()}, {last.opened_on:%d.%m.%Y})",
            ),
            (_("Open next steps"), str(last.open_steps)),
        ]
    return result


def url(municipality: Municipality) -> str:
    return reverse("support:check", kwargs={"municipality_slug": municipality.slug})


register(
    SharedModule(
        key="support.check",
        label=_("Quartiers-Check"),
        description=_(
            "The team's confirmed results per question and recommendation, the "
            "radar chart and the next steps – never who answered what."
        ),
        summaries=summaries,
        url=url,
    )
)
