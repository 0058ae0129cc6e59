"""The link kinds participation offers (core/object_links.py): a contribution on a forum's
agenda item, and a contribution that led to a decision. Registered in
ParticipationConfig.ready()."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import LinkEnd, LinkKind, register

AGENDA_ITEM = "participation.contribution_agenda_item"
DECISION = "participation.contribution_decision"


def _contributions_of(field: str) -> Any:
    def fetch(targets: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
        from quartier.participation.models import Contribution

        found: dict[Any, list[Any]] = defaultdict(list)
        rows = (
            Contribution.objects.filter(**{f"{field}__in": [t.pk for t in targets]})
            .select_related("municipality")
            .defer("text")
            .order_by("-created_at", "-id")
        )
        for row in rows:
            found[getattr(row, f"{field}_id")].append(row)
        return found

    return fetch


def _targets_of(model_path: str, field: str, related: tuple[str, ...]) -> Any:
    def fetch(contributions: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
        from django.apps import apps

        model = apps.get_model(model_path)
        wanted = {getattr(c, f"{field}_id") for c in contributions} - {None}
        by_pk = model.objects.filter(pk__in=wanted).select_related(*related).in_bulk()
        return {
            c.pk: [by_pk[getattr(c, f"{field}_id")]]
            for c in contributions
            if getattr(c, f"{field}_id") in by_pk
        }

    return fetch


def _contribution_detail(contribution: Any) -> str:
    return f"{contribution.get_kind_display()}, {contribution.get_status_display()}"


def _item_title(item: Any) -> str:
    meeting = item.meeting
    day = formats.date_format(
        timezone.localtime(meeting.starts_at), "SHORT_DATE_FORMAT"
    )
    return f"{meeting.forum.name}, {day}: {item.title}"


def _item_url(item: Any) -> str:
    return f"{item.meeting.get_absolute_url()}#agenda-item-{item.pk}"


def _decision_title(decision: Any) -> str:
    return f"{decision.forum.name}: {Truncator(decision.text).chars(120)}"


def _agenda_items(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import AgendaItem, Forum

    forums = Forum.objects.visible_to(user, municipality)
    return (
        AgendaItem.objects.of(municipality)
        .filter(meeting__forum__in=forums)
        .select_related("meeting__forum", "municipality")
        .order_by("-meeting__starts_at", "position")
    )


def _decisions(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Decision

    return Decision.objects.visible_to(user, municipality).select_related("forum")


def register_link_kinds() -> None:
    from quartier.forums.models import AgendaItem, Decision
    from quartier.participation.models import Contribution

    register(
        LinkKind(
            key=AGENDA_ITEM,
            source=LinkEnd(
                model=Contribution,
                label=_("Contributions from residents"),
                perm="participation.view_contribution",
                fetch=_contributions_of("agenda_item"),
                detail=_contribution_detail,
            ),
            target=LinkEnd(
                model=AgendaItem,
                label=_("On the agenda"),
                perm="forums.view_agendaitem_on_agenda",
                fetch=_targets_of(
                    "forums.AgendaItem",
                    "agenda_item",
                    ("meeting__forum", "municipality"),
                ),
                describe=_item_title,
                url=_item_url,
            ),
            link_perm="participation.link_contribution",
            choices=_agenda_items,
        )
    )
    register(
        LinkKind(
            key=DECISION,
            source=LinkEnd(
                model=Contribution,
                label=_("Contributions from residents"),
                perm="participation.view_contribution",
                fetch=_contributions_of("decision"),
                detail=_contribution_detail,
            ),
            target=LinkEnd(
                model=Decision,
                label=_("Decision"),
                perm="forums.view_decision",
                fetch=_targets_of(
                    "forums.Decision", "decision", ("forum", "municipality")
                ),
                describe=_decision_title,
            ),
            link_perm="participation.link_contribution",
            choices=_decisions,
        )
    )
