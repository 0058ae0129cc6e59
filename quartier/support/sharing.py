"""What the support app shares with advisory organisations (core/sharing.py): the
Quartiers-Check's team results — never the single answers or who gave them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, register


def summary(municipality: Municipality) -> list[tuple[Any, str]]:
    from quartier.support.models import CheckRound, NextStep

    last = CheckRound.objects.of(municipality).order_by("-year").first()
    if last is None:
        return [(_("Last Quartiers-Check"), str(_("none yet")))]
    open_steps = NextStep.objects.filter(
        round__municipality=municipality, done_on__isnull=True
    ).count()
    return [
        (
            _("Last Quartiers-Check"),
            f"{last.year} ({last.get_status_display()}, {last.opened_on:%d.%m.%Y})",
        ),
        (_("Open next steps"), str(open_steps)),
    ]


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
        summary=summary,
        url=url,
    )
)
