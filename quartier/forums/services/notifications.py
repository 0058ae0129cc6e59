"""Notifications of the forums app: who hears of a forum's events, and when.

Each person chooses per forum: immediately (one e-mail per event), a weekly digest
(events wait as PendingNotification rows until `send_digests` groups them by forum
into one e-mail), or never. Without a stored choice, people in the forum (themselves
or through their actor) hear immediately and everyone else never — except for the
events that name the person (a responsibility, a due decision): those reach them
immediately unless they chose otherwise.

The other services call `notify(...)` after their own write; see its docstring.
Each recipient reads the event in their own language (docs/languages.md): the
sentence is a `Sentence` — a msgid and its parameters — rendered when the mail is
written in the recipient's language, immediately or a week later for the digest.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django_tasks import task

from quartier.core import maillinks
from quartier.core.services import ensure_allowed
from quartier.core.tasks import lazy_subject, queue_email
from quartier.forums.models import (
    Forum,
    ForumMember,
    NotificationFrequency,
    NotificationPreference,
    PendingNotification,
)


class Event:
    """The events a forum notifies of (the `event` argument of `notify`)."""

    MEETING_CREATED = "meeting_created"
    AGENDA_PUBLISHED = "agenda_published"
    MINUTES_PUBLISHED = "minutes_published"
    RESPONSIBILITY_ASSIGNED = "responsibility_assigned"
    DECISION_DUE = "decision_due"


EVENT_LABELS = {
    Event.MEETING_CREATED: gettext_lazy("New meeting"),
    Event.AGENDA_PUBLISHED: gettext_lazy("Agenda published"),
    Event.MINUTES_PUBLISHED: gettext_lazy("Minutes published"),
    Event.RESPONSIBILITY_ASSIGNED: gettext_lazy("Responsibility assigned"),
    Event.DECISION_DUE: gettext_lazy("Decision due"),
}

# Events addressed to a person by name reach them even outside the forum.
PERSONAL_EVENTS = frozenset({Event.RESPONSIBILITY_ASSIGNED, Event.DECISION_DUE})


class Sentence:
    """What happened, translated when it is read: an English msgid marked with
    `gettext_noop` and its parameters, e.g.
    `Sentence(gettext_noop("New meeting on %(date)s: “%(title)s”."), date=day,
    title=meeting.title)`. `str()` renders it in the active language — the
    recipient's, inside `queue_email`. Parameters are text and numbers (content,
    shown as written) or dates and datetimes (written as the reader's locale
    writes them); they are kept as JSON for the weekly digest."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = str(message)
        self.params = {name: _freeze(value) for name, value in params.items()}

    @classmethod
    def stored(cls, message: str, params: dict[str, Any] | None) -> Sentence:
        sentence = cls(message)
        sentence.params = dict(params or {})
        return sentence

    def __str__(self) -> str:
        values = {name: _thaw(value) for name, value in self.params.items()}
        return gettext(self.message) % values


def _freeze(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, int | float):
        return value
    return str(value)


def _thaw(value: Any) -> Any:
    if isinstance(value, dict) and "datetime" in value:
        moment = timezone.localtime(datetime.datetime.fromisoformat(value["datetime"]))
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dict) and "date" in value:
        day = datetime.date.fromisoformat(value["date"])
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    return value


def absolute_url(url: str) -> str:
    """A path such as `/musterstadt/meetings/3/` as a link for an e-mail."""
    return maillinks.absolute_url(url)


def forum_member_ids(forum: Forum, user_ids: Iterable[int] | None = None) -> set[int]:
    """Ids of the users in `forum`, in person or as partners of a member actor."""
    members = ForumMember.objects.filter(forum=forum)
    direct = members.filter(user__isnull=False)
    via_actor = members.filter(actor__isnull=False)
    if user_ids is not None:
        ids = list(user_ids)
        direct = direct.filter(user_id__in=ids)
        via_actor = via_actor.filter(actor__members__in=ids)
    found = set(direct.values_list("user_id", flat=True))
    found |= set(via_actor.values_list("actor__members", flat=True))
    return {pk for pk in found if pk is not None}


def frequency_for(user: Any, forum: Forum) -> str:
    """The person's choice for `forum`, or the default (immediately for people in
    the forum, never for others)."""
    stored = (
        NotificationPreference.objects.filter(user=user, forum=forum)
        .values_list("frequency", flat=True)
        .first()
    )
    if stored:
        return stored
    if forum_member_ids(forum, [user.pk]):
        return NotificationFrequency.IMMEDIATELY
    return NotificationFrequency.NEVER


@transaction.atomic
def notification_preference_set(*, by: Any, forum: Forum, frequency: str) -> Any:
    """Store how `by` wants to hear of `forum`'s events. Switching away from the
    weekly digest drops what was waiting for it."""
    ensure_allowed(by, "forums.change_notification_preference", forum)
    frequency = NotificationFrequency(frequency)
    preference, _created = NotificationPreference.objects.update_or_create(
        user=by, forum=forum, defaults={"frequency": frequency}
    )
    if frequency != NotificationFrequency.WEEKLY:
        PendingNotification.objects.filter(user=by, forum=forum).delete()
    return preference


def _reachable(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_active
        and user.email
        and getattr(user, "deleted_at", None) is None
    )


def notify(
    *, forum: Forum, event: str, text: Sentence | str, url: str, users: Iterable[Any]
) -> dict[str, int]:
    """Tell `users` of an event in `forum`, each as they chose.

    - `event`: one of `Event.*` — "meeting_created", "agenda_published",
      "minutes_published", "responsibility_assigned", "decision_due".
    - `text`: one sentence saying what happened, as a `Sentence` (msgid and
      parameters) so that each recipient reads it in their own language, e.g.
      Sentence(gettext_noop("New meeting on %(date)s: “%(title)s”."), ...). A
      plain string is sent to everyone as it is.
    - `url`: where to read more — a path (`meeting.get_absolute_url()`) or an
      absolute URL; paths get the address of the current request (or, without
      one, the configured site address) in front (core/maillinks.py).
    - `users`: the people to tell (User objects; duplicates, inactive or deleted
      accounts and people who may not see the forum are left out). For forum-wide
      events pass the forum's people (`forum_member_ids`); for
      responsibilities pass the responsible persons.

    Immediately → an e-mail is queued now (a django-tasks task); weekly → a
    PendingNotification waits for `send_digests`; never → nothing. Call it inside
    the service's transaction, after the write. Returns how many were mailed and
    how many queued for the digest.
    """
    if event not in EVENT_LABELS:
        raise ValueError(f"Unknown forum event: {event!r}")
    people = {user.pk: user for user in users if _reachable(user)}
    if not people:
        return {"immediately": 0, "weekly": 0}
    stored = dict(
        NotificationPreference.objects.filter(
            forum=forum, user_id__in=list(people)
        ).values_list("user_id", "frequency")
    )
    members = forum_member_ids(forum, list(people))
    link = absolute_url(str(url))
    sentence = text if isinstance(text, Sentence) else None
    with translation.override(settings.LANGUAGE_CODE):
        german = str(text)  # kept beside the msgid (admin, older rows)
    label = EVENT_LABELS[event]  # lazy: rendered in the recipient's language
    mailed = queued = 0
    for pk, user in people.items():
        default = (
            NotificationFrequency.IMMEDIATELY
            if pk in members or event in PERSONAL_EVENTS
            else NotificationFrequency.NEVER
        )
        frequency = stored.get(pk, default)
        if frequency == NotificationFrequency.NEVER:
            continue
        if not user.has_perm("forums.view_forum", forum):
            continue
        if frequency == NotificationFrequency.WEEKLY:
            PendingNotification.objects.create(
                user=user,
                forum=forum,
                event=event,
                text=german[:500],
                message=sentence.message if sentence else "",
                params=sentence.params if sentence else None,
                url=link[:500],
            )
            queued += 1
        else:
            queue_email(
                to=user.email,
                # The event's label is translated when rendered (core/tasks.py).
                subject=lazy_subject(
                    "%(forum)s: %(event)s", forum=forum.name, event=EVENT_LABELS[event]
                ),
                template="forums/email/notification_immediate.txt",
                context={
                    "user": user,
                    "forum": forum,
                    "event": label,
                    # A Sentence is rendered in the recipient's language.
                    "text": text,
                    "link": link,
                    "settings_link": preferences_link(forum),
                },
            )
            mailed += 1
    return {"immediately": mailed, "weekly": queued}


def preferences_link(forum: Forum) -> str:
    from django.urls import reverse

    return absolute_url(
        reverse(
            "forums:notifications",
            kwargs={"municipality_slug": forum.municipality.slug, "slug": forum.slug},
        )
    )


def send_digests() -> int:
    """Send every person one e-mail with their waiting notifications, grouped by
    forum, and delete what was sent. Nobody gets an empty digest. Returns the
    number of e-mails."""
    sent = 0
    pending = (
        PendingNotification.objects.select_related("user", "forum__municipality")
        .order_by("user_id", "forum__name", "forum_id", "created_at", "id")
        .iterator()
    )
    by_user: dict[int, list[PendingNotification]] = defaultdict(list)
    for item in pending:
        by_user[item.user_id].append(item)
    for items in by_user.values():
        user = items[0].user
        ids = [item.pk for item in items]
        if not _reachable(user):
            PendingNotification.objects.filter(pk__in=ids).delete()
            continue
        groups: dict[int, dict[str, Any]] = {}
        for item in items:
            group = groups.setdefault(
                item.forum_id,
                {
                    "forum": item.forum,
                    "items": [],
                    "settings_link": preferences_link(item.forum),
                },
            )
            group["items"].append(
                {
                    "event": EVENT_LABELS.get(item.event, item.event),
                    # Rendered by queue_email in the recipient's language.
                    "text": Sentence.stored(item.message, item.params)
                    if item.message
                    else item.text,
                    "link": item.url,
                }
            )
        with transaction.atomic():
            queue_email(
                to=user.email,
                subject=lazy_subject(
                    gettext_lazy("Your weekly summary from the forums")
                ),
                template="forums/email/notification_digest.txt",
                context={"user": user, "groups": list(groups.values())},
            )
            PendingNotification.objects.filter(pk__in=ids).delete()
        sent += 1
    return sent


@task()
def send_digests_task() -> int:
    """The weekly digest as a background task (e.g. from a scheduler)."""
    return send_digests()


def forum_people(forum: Forum) -> list[Any]:
    """Everyone in `forum` (in person or through an actor): the usual `users` of a
    forum-wide `notify`."""
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(pk__in=forum_member_ids(forum)))
