"""What a municipality can share of its tension compass with an advisory
organisation (core/sharing.py): the anonymised results of its rounds, mean Ist and
Soll per tension field, only where at least MIN_GROUP people assessed the field;
never the comments nor who assessed."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.compass.results import MIN_GROUP
from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, SharedTable, register

KEY = "compass.results"


def _rounds(municipality: Municipality) -> Any:
    from quartier.compass.models import Round, RoundStatus

    return (
        Round.objects.of(municipality)
        .filter(status__in=(RoundStatus.OPEN, RoundStatus.CLOSED))
        .order_by("-created_at")
    )


def summaries(municipalities: list[Municipality]) -> dict[int, list[tuple[Any, str]]]:
    """Number of rounds and the latest round's title, in one query."""
    from quartier.compass.models import Round, RoundStatus

    titles: dict[int, list[str]] = {m.pk: [] for m in municipalities}
    for pk, title in (
        Round.objects.filter(
            municipality__in=municipalities,
            status__in=(RoundStatus.OPEN, RoundStatus.CLOSED),
        )
        .order_by("-created_at")
        .values_list("municipality_id", "title")
    ):
        titles[pk].append(title)
    return {
        pk: [(_("Rounds"), str(len(found)))]
        + ([(_("Latest round"), found[0])] if found else [])
        for pk, found in titles.items()
    }


def detail(municipality: Municipality) -> list[SharedTable]:
    from quartier.compass.models import Position

    tables = []
    for round_ in _rounds(municipality)[:5]:
        rows = (
            Position.objects.filter(assessment__round=round_)
            .order_by()
            .values("field__name", "field__order")
            .annotate(n=Count("pk"), ist=Avg("current"), soll=Avg("target"))
            .order_by("field__order", "field__name")
        )
        tables.append(
            SharedTable(
                round_.title,
                [_t("Tension field"), _t("Assessments"), _t("Ist"), _t("Soll")],
                [
                    [
                        r["field__name"],
                        str(r["n"]),
                        number_format(r["ist"], 0),
                        number_format(r["soll"], 0),
                    ]
                    for r in rows
                    if r["n"] >= MIN_GROUP
                ],
            )
        )
    return tables


register(
    SharedModule(
        key=KEY,
        label=_("Compass results"),
        description=_(
            "The anonymised results of the compass rounds: mean Ist and Soll per "
            "tension field where at least three people took part; no comments."
        ),
        summaries=summaries,
        url=lambda m: reverse(
            "advisers:module", kwargs={"municipality_slug": m.slug, "key": KEY}
        ),
        detail=detail,
    )
)
