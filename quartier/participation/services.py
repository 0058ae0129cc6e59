"""Writes of the participation app: contributions, double opt-in, support, comments,
reports, moderation, status changes with answers, links to forums, topics.

Anonymous input is accepted here; the spam checks that need the request (honeypot,
fill-in time, rate limits) happen in the views and the API before a service is
called. Support and reports are unique per account / address in the database, so
concurrent requests cannot count twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quartier.core.images import clean_photo
from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality, Neighborhood
from quartier.core.object_links import link_target_allowed
from quartier.core.predicates import is_coordinator
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.participation.models import (
    ACCOUNT_REPORT_WEIGHT,
    ADDRESS_REPORT_WEIGHT,
    REPORT_WEIGHT_TO_HIDE,
    Channel,
    Comment,
    Contribution,
    EventWindow,
    Moderation,
    Report,
    Response,
    Status,
    StatusChange,
    Support,
    Topic,
    UsedFormToken,
    report_weight,
)

CONFIRM_SALT = "participation.confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600
OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW)


# --- helpers -------------------------------------------------------------------


def _link(path: str) -> str:
    return absolute_url(path)


def confirm_token(kind: str, pk: int, email: str) -> str:
    """A signed token for the one confirmation link ("c": contribution, "s": support)."""
    return signing.dumps({"k": kind, "id": pk, "e": email.lower()}, salt=CONFIRM_SALT)


def read_confirm_token(
    token: str, kinds: tuple[str, ...] = ("c", "s")
) -> dict[str, Any] | None:
    """The data of a confirmation token of one of `kinds` (other apps' guest forms,
    e.g. stories with "story", use the same double opt-in), else None."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in kinds:
        return None
    return data


def _confirm_url(municipality: Municipality, token: str) -> str:
    from django.urls import reverse

    return _link(
        reverse(
            "participation:confirm",
            kwargs={"municipality_slug": municipality.slug, "token": token},
        )
    )


def _send_confirmation(
    municipality: Municipality, kind: str, pk: int, email: str, title: str
) -> None:
    token = confirm_token(kind, pk, email)
    template = "contribution" if kind == "c" else "support"
    queue_email(
        to=email,
        subject=lazy_subject(_lazy("Please confirm your e-mail address")),
        template=f"participation/email/confirm_{template}.txt",
        context={
            "municipality": municipality,
            "title": title,
            "link": _confirm_url(municipality, token),
        },
    )


# --- contributions -------------------------------------------------------------


@transaction.atomic
def contribution_create(
    *,
    by: Any,
    municipality: Municipality,
    kind: str,
    title: str,
    text: str,
    neighborhood: Neighborhood,
    topics: Iterable[Topic] = (),
    language: str = "de",
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
    photo: Any = None,
    author_name: str = "",
    author_email: str = "",
    channel: str = Channel.ONLINE,
) -> Contribution:
    """Record a contribution. Online by anyone (account optional); other channels
    only by coordinators, who type in what residents gave on paper, by phone or in
    person. An e-mail address without an account gets one confirmation mail."""
    ensure_allowed(by, "participation.add_contribution", municipality)
    staff = bool(is_coordinator.test(by, municipality))
    if channel != Channel.ONLINE:
        ensure_allowed(by, "participation.intake_contribution", municipality)
    if neighborhood.municipality_id != municipality.pk:
        raise ValidationError({"neighborhood": _("Please choose a neighbourhood.")})
    topics = list(topics)
    if any(topic.municipality_id != municipality.pk for topic in topics):
        raise ValidationError(
            {"topics": _("Please choose topics of this municipality.")}
        )
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Please give both coordinates, or none.")})
    contribution = Contribution(
        municipality=municipality,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        neighborhood=neighborhood,
        language=language,
        latitude=latitude,
        longitude=longitude,
        address=address.strip(),
        channel=channel,
        author_name=author_name.strip(),
        author_email=author_email.strip().lower(),
    )
    if channel == Channel.ONLINE and getattr(by, "is_authenticated", False):
        contribution.author = by
    elif channel != Channel.ONLINE:
        contribution.entered_by = by
    premoderated = municipality.moderation_mode == "pre" and not staff
    contribution.moderation = (
        Moderation.PENDING if premoderated else Moderation.APPROVED
    )
    if photo:
        contribution.photo = clean_photo(photo, field="photo")
    contribution.full_clean(exclude=["photo"])
    contribution.save()
    if topics:
        contribution.topics.set(
            topics, through_defaults={"municipality_id": contribution.municipality_id}
        )
    StatusChange.objects.create(
        contribution=contribution,
        new_status=Status.RECEIVED,
        changed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if contribution.author_email and not contribution.author_id:
        _send_confirmation(
            municipality,
            "c",
            contribution.pk,
            contribution.author_email,
            contribution.title,
        )
    return contribution


@transaction.atomic
def confirm_email(*, token: str) -> Contribution | Support:
    """Confirm the address of a contribution's author or of a support (the one
    link of the double opt-in). Confirming twice is harmless."""
    data = read_confirm_token(token)
    if data is None:
        raise ValidationError(_("This confirmation link is invalid or has expired."))
    now = timezone.now()
    if data["k"] == "c":
        contribution = (
            Contribution.objects.select_for_update()
            .filter(pk=data["id"], author_email=data["e"])
            .first()
        )
        if contribution is None:
            raise ValidationError(
                _("This confirmation link is invalid or has expired.")
            )
        if contribution.email_confirmed_at is None:
            contribution.email_confirmed_at = now
            contribution.save(update_fields=["email_confirmed_at", "updated_at"])
        return contribution
    support = (
        Support.objects.select_for_update()
        .filter(pk=data["id"], email=data["e"])
        .select_related("contribution")
        .first()
    )
    if support is None:
        raise ValidationError(_("This confirmation link is invalid or has expired."))
    if support.confirmed_at is None:
        support.confirmed_at = now
        support.save(update_fields=["confirmed_at"])
    return support


# --- support -------------------------------------------------------------------


@transaction.atomic
def support_add(*, by: Any, contribution: Contribution, email: str = "") -> Support:
    """Support a contribution: at once with an account, after confirming the
    address without one. A second support of the same person is refused."""
    ensure_allowed(by, "participation.support_contribution", contribution)
    if getattr(by, "is_authenticated", False):
        try:
            with transaction.atomic():
                return Support.objects.create(
                    contribution=contribution, user=by, confirmed_at=timezone.now()
                )
        except IntegrityError:
            raise ValidationError(_("You already support this contribution.")) from None
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError(
            {"email": _("Please give your e-mail address, or sign in.")}
        )
    try:
        with transaction.atomic():
            support = Support.objects.create(contribution=contribution, email=email)
    except IntegrityError:
        support = Support.objects.get(contribution=contribution, email=email)
        if support.confirmed_at is not None:
            raise ValidationError(
                {"email": _("This address already supports this contribution.")}
            ) from None
        # Not confirmed yet: no second mail, the first link still works.
        return support
    _send_confirmation(
        contribution.municipality, "s", support.pk, email, contribution.title
    )
    return support


# --- comments and reports ------------------------------------------------------


@transaction.atomic
def comment_add(*, by: Any, contribution: Contribution, text: str) -> Comment:
    """A comment by a signed-in member, moderated like contributions."""
    ensure_allowed(by, "participation.comment_contribution", contribution)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write a comment.")})
    municipality = contribution.municipality
    premoderated = municipality.moderation_mode == "pre" and not is_coordinator.test(
        by, municipality
    )
    return Comment.objects.create(
        municipality=municipality,
        contribution=contribution,
        author=by,
        text=text[:4000],
        moderation=Moderation.PENDING if premoderated else Moderation.APPROVED,
    )


def coordinator_addresses(municipality: Municipality) -> list[str]:
    """The e-mail addresses of the municipality's coordinators and admins (also used
    by stories for reports)."""
    from django.contrib.auth import get_user_model

    from quartier.core.roles import Role

    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__municipality=municipality,
            memberships__role__in=[Role.COORDINATOR, Role.ADMIN],
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _tell_coordinators(target: Contribution | Comment, *, hidden: bool) -> None:
    contribution = target if isinstance(target, Contribution) else target.contribution
    addresses = coordinator_addresses(target.municipality)
    if not addresses:
        return
    queue_email(
        to=addresses,
        subject=lazy_subject(_lazy("Reported: %(title)s"), title=contribution.title),
        template="participation/email/reported.txt",
        context={
            "title": contribution.title,
            "is_comment": isinstance(target, Comment),
            "hidden": hidden,
            "link": _link(contribution.get_absolute_url()),
        },
    )


@transaction.atomic
def report_add(
    *, by: Any, target: Contribution | Comment, reporter_key: str = "", reason: str = ""
) -> Report:
    """Report a contribution or comment: one report per account or per address.

    Reports hide the target until a coordinator decides once their distinct sources
    weigh REPORT_WEIGHT_TO_HIDE (accounts more than anonymous addresses, one address
    once). After a coordinator has reviewed the target, reports no longer hide it:
    the coordination gets an e-mail instead (and also when a target is hidden)."""
    is_comment = isinstance(target, Comment)
    perm = (
        "participation.report_comment"
        if is_comment
        else "participation.report_contribution"
    )
    ensure_allowed(by, perm, target)
    # Lock the target: the count and the hiding must not race.
    type(target).objects.select_for_update().filter(pk=target.pk).first()
    account = by if getattr(by, "is_authenticated", False) else None
    report = Report(
        contribution=target if isinstance(target, Contribution) else None,
        comment=target if isinstance(target, Comment) else None,
        reporter=account,
        reporter_key="" if account else reporter_key,
        address_key=reporter_key,
        weight=ACCOUNT_REPORT_WEIGHT if account else ADDRESS_REPORT_WEIGHT,
        reason=(reason or "").strip()[:2000],
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(_("You have already reported this.")) from None
    if target.reviewed_at is not None:
        _tell_coordinators(target, hidden=False)
        return report
    weight = report_weight(target.reports.filter(resolved_at__isnull=True))
    if weight >= REPORT_WEIGHT_TO_HIDE and not target.is_hidden:
        target.is_hidden = True
        target.save(update_fields=["is_hidden"])
        _tell_coordinators(target, hidden=True)
    return report


def _decide(by: Any, target: Contribution | Comment, action: str) -> None:
    """approve: publish (and show again after reports); review: the same, and
    further reports notify instead of hiding; reject: not shown."""
    if action in ("approve", "review"):
        target.moderation = Moderation.APPROVED
        target.is_hidden = False
        if action == "review":
            target.reviewed_at = timezone.now()
    elif action == "reject":
        target.moderation = Moderation.REJECTED
    else:
        raise ValidationError(_("Unknown moderation action."))
    fields = ["moderation", "is_hidden", "reviewed_at"]
    if isinstance(target, Contribution):
        fields.append("updated_at")
    target.save(update_fields=fields)
    target.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    record_action(
        by,
        target.municipality,
        f"participation.{action}_{target._meta.model_name}",
        target,
    )


@transaction.atomic
def contribution_moderate(*, by: Any, contribution: Contribution, action: str) -> None:
    """Approve (also: show again after reports), review (approve, and further
    reports notify instead of hiding) or reject a contribution."""
    ensure_allowed(by, "participation.moderate_contribution", contribution)
    _decide(by, contribution, action)


@transaction.atomic
def comment_moderate(*, by: Any, comment: Comment, action: str) -> None:
    ensure_allowed(by, "participation.moderate_comment", comment)
    _decide(by, comment, action)


# --- status, answers, links ----------------------------------------------------


@transaction.atomic
def contribution_respond(
    *,
    by: Any,
    contribution: Contribution,
    status: str | None = None,
    reason: str = "",
    answer: str = "",
) -> Contribution:
    """Change the status (with a reason; required for "not feasible") and/or publish
    a public answer. The author hears of it by e-mail (account or confirmed address)."""
    ensure_allowed(by, "participation.respond_contribution", contribution)
    reason = (reason or "").strip()
    answer = clean_html(answer or "").strip()
    status = status or contribution.status
    if status not in Status.values:
        raise ValidationError({"status": _("Please choose a status.")})
    changed = status != contribution.status
    if changed and status == Status.NOT_FEASIBLE and not reason:
        raise ValidationError(
            {"reason": _("Please say why the contribution is not feasible.")}
        )
    if not changed and not answer:
        raise ValidationError(
            _("Change the status or write an answer: nothing would change.")
        )
    old = contribution.status
    now = timezone.now()
    fields = ["updated_at"]
    if changed:
        StatusChange.objects.create(
            contribution=contribution,
            old_status=old,
            new_status=status,
            reason=reason,
            changed_by=by,
        )
        contribution.status = status
        fields.append("status")
    response = None
    if answer:
        response = Response.objects.create(
            contribution=contribution, text=answer, author=by
        )
        contribution.answered_at = now
        fields.append("answered_at")
    contribution.save(update_fields=fields)
    record_action(
        by,
        contribution.municipality,
        "participation.respond_contribution",
        contribution,
    )
    address = contribution.notify_address
    if address:
        queue_email(
            to=address,
            # Translated when rendered, in the author's language (core/tasks.py).
            subject=lazy_subject(
                _lazy("News about your contribution: %(title)s"),
                title=contribution.title,
            ),
            template="participation/email/status.txt",
            context={
                "contribution": contribution,
                "changed": changed,
                "status": contribution.get_status_display(),
                "reason": reason,
                "answer": response.text if response else "",
                "link": _link(contribution.get_absolute_url()),
            },
        )
    return contribution


@transaction.atomic
def contribution_link(
    *,
    by: Any,
    contribution: Contribution,
    agenda_item: Any = None,
    decision: Any = None,
) -> Contribution:
    """Link a contribution to an agenda item and/or a decision (None removes a
    link): only to one of the same municipality that `by` may see."""
    ensure_allowed(by, "participation.link_contribution", contribution)
    for field, target in (("agenda_item", agenda_item), ("decision", decision)):
        if not link_target_allowed(by, target, source=contribution):
            raise ValidationError({field: _("Please choose one of this municipality.")})
    contribution.agenda_item = agenda_item
    contribution.decision = decision
    contribution.save(update_fields=["agenda_item", "decision", "updated_at"])
    record_action(
        by, contribution.municipality, "participation.link_contribution", contribution
    )
    return contribution


@transaction.atomic
def contribution_tag_layers(
    *, by: Any, contribution: Contribution, layers: Iterable[Topic]
) -> Contribution:
    """The coordination's analysis tag: set the Dahlgren–Whitehead layers of a
    contribution, keeping the plain topics its author chose."""
    ensure_allowed(by, "participation.tag_layers", contribution)
    layers = list(layers)
    if any(
        t.layer is None or t.municipality_id != contribution.municipality_id
        for t in layers
    ):
        raise ValidationError({"layers": _("Please choose layers of the model.")})
    plain = list(contribution.topics.filter(layer__isnull=True))
    contribution.topics.set(
        plain + layers,
        through_defaults={"municipality_id": contribution.municipality_id},
    )
    record_action(
        by, contribution.municipality, "participation.tag_layers", contribution
    )
    return contribution


@transaction.atomic
def topic_add(*, by: Any, municipality: Municipality, name: str) -> Topic:
    """A municipality's own topic tag, next to the five layers."""
    from django.utils.text import slugify

    ensure_allowed(by, "participation.manage_topics", municipality)
    name = (name or "").strip()
    slug = slugify(name)[:60]
    if not slug:
        raise ValidationError({"name": _("Please give the topic a name.")})
    if Topic.objects.of(municipality).filter(slug=slug).exists():
        raise ValidationError({"name": _("This topic exists already.")})
    topic = Topic.objects.create(municipality=municipality, name=name[:100], slug=slug)
    record_action(by, municipality, "participation.add_topic", topic)
    return topic


def waiting_too_long(municipality: Municipality) -> QuerySet[Contribution]:
    """Contributions without an answer after the municipality's response time."""
    limit = timezone.now() - datetime.timedelta(days=municipality.response_days)
    return (
        Contribution.objects.of(municipality)
        .filter(answered_at__isnull=True, created_at__lt=limit)
        .exclude(moderation=Moderation.REJECTED)
        .order_by("created_at", "id")
    )


# --- the open form: single-use fill-time tokens, event windows ------------------

FORM_TOKEN_LIFETIME = datetime.timedelta(days=1)


def form_token_claim(token: str) -> bool:
    """Record a fill-time token as used; False if it was used before. The database
    decides (unique digest), so two parallel replays cannot both pass."""
    import hashlib

    if not token:
        return False
    digest = hashlib.sha256(token.encode()).hexdigest()
    UsedFormToken.objects.filter(
        used_at__lt=timezone.now() - FORM_TOKEN_LIFETIME
    ).delete()
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(digest=digest)
    except IntegrityError:
        return False
    return True


MAX_EVENT_DAYS = 7


def active_event_window(municipality: Municipality, code: str) -> EventWindow | None:
    """The event window of this municipality running now with this code."""
    code = (code or "").strip()
    if not code:
        return None
    return (
        EventWindow.objects.of(municipality).active().filter(code__iexact=code).first()
    )


@transaction.atomic
def event_window_create(
    *,
    by: Any,
    municipality: Municipality,
    name: str,
    code: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    limit: int = 60,
    place: str = "",
) -> EventWindow:
    """Open an event window: while it runs, contributions sent with its code have
    a higher limit per address (a workshop where everybody shares one Wi-Fi)."""
    ensure_allowed(by, "participation.manage_event_windows", municipality)
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": _("Please give the event a code.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("The end must be in the future.")})
    if ends_at - starts_at > datetime.timedelta(days=MAX_EVENT_DAYS):
        raise ValidationError(
            {"ends_at": _("An event window lasts at most seven days.")}
        )
    overlapping = (
        EventWindow.objects.of(municipality)
        .filter(code__iexact=code, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exists()
    )
    if overlapping:
        raise ValidationError(
            {"code": _("Another event uses this code at the same time.")}
        )
    window = EventWindow(
        municipality=municipality,
        name=name.strip(),
        place=(place or "").strip(),
        code=code,
        starts_at=starts_at,
        ends_at=ends_at,
        limit=limit,
        created_by=by,
    )
    window.full_clean()
    window.save()
    record_action(by, municipality, "participation.open_event_window", window)
    return window
