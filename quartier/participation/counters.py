"""Stored counters of a contribution: its confirmed supports (`support_count`) and
its public comments (`comment_count`), kept on the contribution's row so that the
list shows and sorts them without counting 100,000 contributions' rows per request
(issue 19; docs/benchmarks.md).

A counter is recounted from the rows it counts in the same transaction as the write
that changes them: every save and delete of a Support or a Comment (signals below,
so the services, the admin, cascades and the tests' factories are all covered)
recounts its contribution. `recount` first locks the contribution's row (FOR NO KEY
UPDATE on PostgreSQL; it does not wait for the key-share locks of the inserts), and
only then counts: two supports written at the same moment are counted one after the
other, each seeing the other's row once it is committed.

Writes that bypass `save()` — `bulk_create` (bench data), `QuerySet.update` — must
recount themselves. `quartier check_counters` recomputes every counter and reports
(`--fix`: corrects) the contributions whose stored figure has drifted.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from quartier.participation.models import Comment, Contribution, Moderation, Support

# The stored field, the model whose rows it counts and which of them count.
COUNTERS: dict[str, tuple[type[Any], Q]] = {
    "support_count": (Support, Q(confirmed_at__isnull=False)),
    "comment_count": (Comment, Q(moderation=Moderation.APPROVED, is_hidden=False)),
}


def counted(field: str) -> Any:
    """The true figure of `field` for each contribution (a correlated subquery)."""
    model, condition = COUNTERS[field]
    rows = (
        model.objects.filter(condition, contribution=OuterRef("pk"))
        .order_by()
        .values("contribution")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def recount(contribution_id: int | None) -> None:
    """Set the stored counters of one contribution to what its rows say."""
    if contribution_id is None:
        return
    rows = Contribution.objects.filter(pk=contribution_id)
    # The lock first, then the count: the UPDATE below reads the rows committed
    # while this transaction waited for the lock. A write in autocommit mode (a
    # script, a transactional test) gets a transaction of its own; inside the
    # write's transaction no savepoint is made (no extra query).
    with transaction.atomic(savepoint=False):
        list(rows.select_for_update(no_key=True).values_list("pk", flat=True))
        rows.update(**{field: counted(field) for field in COUNTERS})


def _differs() -> Q:
    condition = Q()
    for field in COUNTERS:
        condition |= ~Q(**{field: F(f"true_{field}")})
    return condition


def check(
    contributions: QuerySet[Contribution] | None = None, *, fix: bool = False
) -> list[dict[str, Any]]:
    """Every contribution whose counters drifted: a dict per contribution with its
    id, municipality and the stored and true figures; with `fix`, corrected."""
    contributions = (
        Contribution.objects.all() if contributions is None else contributions
    )
    fields = list(COUNTERS)
    found = list(
        contributions.annotate(**{f"true_{f}": counted(f) for f in fields})
        .filter(_differs())
        .order_by("pk")
        .values("pk", "municipality__slug", *fields, *(f"true_{f}" for f in fields))
    )
    if fix:
        for row in found:
            recount(row["pk"])
    return found


def recount_all(contributions: QuerySet[Contribution]) -> int:
    """Recount many contributions in one UPDATE (after a bulk write)."""
    return contributions.update(**{field: counted(field) for field in COUNTERS})


def _recount_after(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    origin = kwargs.get("origin")
    if isinstance(origin, Contribution) or (
        isinstance(origin, QuerySet) and origin.model is Contribution
    ):
        return  # the contribution itself is being deleted
    if kwargs.get("created") and not _counts(instance, sender):
        return  # a new row that does not count changes no figure
    recount(instance.contribution_id)


def _counts(instance: Any, sender: Any) -> bool:
    if sender is Support:
        return instance.confirmed_at is not None
    return bool(instance.is_public)


def connect() -> None:
    for model in (Support, Comment):
        uid = f"participation_counters_{model.__name__}"
        post_save.connect(_recount_after, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_recount_after, sender=model, dispatch_uid=f"{uid}_delete")
