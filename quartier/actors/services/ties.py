"""Ties both sides confirm: a member of one actor proposes, a member of the other
confirms or declines, either side (or the coordination) ends it (docs/actors.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.actors.models import Actor, Tie, TieStatus
from quartier.core.maillinks import absolute_url
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email


def _same_municipality(actor: Actor, other: Actor) -> None:
    if other.municipality_id != actor.municipality_id:
        raise ValidationError({"target": _("This belongs to another municipality.")})


def _notify_members(
    actor: Actor, *, subject: str, template: str, context: dict
) -> None:
    addresses = sorted(
        actor.memberships.filter(
            user__is_active=True, user__deleted_at__isnull=True
        ).values_list("user__email", flat=True)
    )
    for address in addresses:
        queue_email(to=address, subject=subject, template=template, context=context)


@transaction.atomic
def tie_propose(*, by: Any, source: Actor, target: Actor, **fields: Any) -> Tie:
    """A member of `source` proposes a tie to `target`; it becomes active when a
    member of `target` confirms it. The members of `target` are told by e-mail and
    find it on “Meine Übersicht”."""
    ensure_allowed(by, "actors.propose_tie", source)
    municipality = source.municipality
    _same_municipality(source, target)
    if target.pk == source.pk:
        raise ValidationError({"target": _("An actor cannot have a tie with itself.")})
    if target.archived_at is not None or not by.has_perm("actors.view_actor", target):
        raise ValidationError({"target": _("Please choose an active actor.")})
    from quartier.actors.services import TIE_FIELDS

    unknown = set(fields) - set(TIE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    # Lock both actors so two proposals between them cannot pass the check at once.
    list(Actor.objects.select_for_update().filter(pk__in=[source.pk, target.pk]))
    if (
        Tie.objects.open()
        .filter(Q(source=source, target=target) | Q(source=target, target=source))
        .exists()
    ):
        raise ValidationError(
            {
                "target": _(
                    "%(first)s and %(second)s already have a tie or a proposal."
                )
                % {"first": source.name, "second": target.name}
            }
        )
    tie = Tie(
        municipality=municipality,
        source=source,
        target=target,
        status=TieStatus.PROPOSED,
        proposed_by=by,
    )
    for name, value in fields.items():
        setattr(tie, name, value if value is not None or name == "since" else "")
    tie.full_clean()
    tie._history_user = by  # type: ignore[attr-defined]
    tie.save()
    record_action(by, municipality, "actors.propose_tie", tie)
    _notify_members(
        target,
        subject=lazy_subject(gettext_lazy("%(name)s proposes a tie"), name=source.name),
        template="actors/email/tie_proposed.txt",
        context={"tie": tie, "link": absolute_url(target.get_absolute_url())},
    )
    return tie


def _locked(tie: Tie) -> Tie:
    return (
        Tie.objects.select_for_update()
        .select_related("source", "target")
        .get(pk=tie.pk)
    )


@transaction.atomic
def tie_confirm(*, by: Any, tie: Tie, accept: bool = True) -> Tie:
    """A member of the asked side confirms (or declines) a proposed tie."""
    tie = _locked(tie)
    ensure_allowed(by, "actors.confirm_tie", tie)
    now = timezone.now()
    if accept:
        tie.status, tie.confirmed_by, tie.confirmed_at = TieStatus.ACTIVE, by, now
    else:
        tie.status, tie.ended_by, tie.ended_at = TieStatus.DECLINED, by, now
    tie._history_user = by  # type: ignore[attr-defined]
    tie.save()
    record_action(
        by,
        tie.municipality,
        "actors.confirm_tie" if accept else "actors.decline_tie",
        tie,
    )
    proposer = tie.proposed_by
    if proposer is not None and proposer.is_active and not proposer.deleted_at:
        queue_email(
            to=proposer.email,
            subject=lazy_subject(
                gettext_lazy("%(name)s confirmed the tie")
                if accept
                else gettext_lazy("%(name)s declined the tie"),
                name=tie.target.name,
            ),
            template="actors/email/tie_answered.txt",
            context={
                "tie": tie,
                "accepted": accept,
                "link": absolute_url(tie.source.get_absolute_url()),
            },
        )
    return tie


@transaction.atomic
def tie_end(*, by: Any, tie: Tie) -> Tie:
    """Either side (or the coordination) ends a tie or withdraws a proposal; the
    tie stays in the history as ended."""
    tie = _locked(tie)
    ensure_allowed(by, "actors.end_tie", tie)
    tie.status, tie.ended_by, tie.ended_at = TieStatus.ENDED, by, timezone.now()
    tie._history_user = by  # type: ignore[attr-defined]
    tie.save()
    record_action(by, tie.municipality, "actors.end_tie", tie)
    return tie
