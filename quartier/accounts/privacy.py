"""“Meine Daten”: everything the platform holds about a person, as JSON.

Every relation from any model to the user must be named here: either exported, or
excluded with a reason. tests/test_privacy.py enumerates the relations and fails on
one that is in neither list, so a new module cannot forget its personal data.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone

# Secrets are never exported, not even to their owner (a stolen export must not
# open the account): field names that are secret in any model…
SECRET_FIELDS = {"password", "token_hash", "session_key"}
# …and single fields, "<app_label>.<ModelName>.<field>".
SECRET_MODEL_FIELDS = {
    "mfa.Authenticator.data",  # the TOTP secret and the recovery codes
    "usersessions.UserSession.data",  # allauth's internal session state
}

# "<app_label>.<ModelName>.<field>" of a relation to the user → exported rows.
EXPORTED: set[str] = {
    "surveys.Response.user",  # which surveys one answered (never shown to others)
    "accounts.Membership.user",
    "accounts.Invitation.invited_by",
    "accounts.Invitation.accepted_by",
    "accounts.ApiToken.user",
    "actors.ActorMember.user",
    "core.AuditEntry.user",
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
    "usersessions.UserSession.user",
    "admin.LogEntry.user",
    "forums.ForumMember.user",
    "forums.AgendaItem.proposer",
    "forums.Registration.user",
    "forums.Attendance.user",
    "forums.DecisionStatusChange.changed_by",
    "forums.Responsibility.user",
    "forums.NotificationPreference.user",
    "forums.PendingNotification.user",
    "rooms.Booking.requested_by",
    "rooms.Booking.decided_by",
    "compass.Assessment.user",
    "learning.TimeEntry.person",
    "learning.TimeEntry.created_by",
    "participation.Contribution.author",
    "participation.Support.user",
    "participation.Comment.author",
    "participation.Report.reporter",
    "participation.Response.author",
    "participation.StatusChange.changed_by",
    "funds.JuryMember.user",
    "funds.Application.applicant",
}

# Relations deliberately left out of the export, with the reason.
EXCLUDED: dict[str, str] = {
    "actors.Actor.members": "the same rows as actors.ActorMember.user, exported there",
    "forums.HistoricalAgendaItem.proposer": (
        "earlier versions of agenda items; the current ones are exported as "
        "forums.AgendaItem.proposer"
    ),
    "funds.Application.decided_by": (
        "the coordinator's official act on someone else's application, in the audit log"
    ),
    "funds.Payout.created_by": "bookkeeping of someone else's grant, in the audit log",
    "funds.HistoricalApplication.applicant": (
        "earlier versions of applications; the current ones are exported as "
        "funds.Application.applicant"
    ),
    "funds.HistoricalApplication.decided_by": (
        "earlier versions of someone else's application"
    ),
    "hsds.ImportJob.created_by": (
        "a coordinator's official act (importing the directory), in the audit log"
    ),
    "participation.Contribution.entered_by": (
        "a coordinator typing in someone else's paper or phone contribution; the "
        "contribution belongs to the resident"
    ),
}
# Historical rows of simple-history point at the user who made a change: exported as
# "changes I made" by the generic rule for every Historical* model below.


def user_relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) that points at the user model, across all apps."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.Field)
                and field.concrete
                and field.is_relation
                and field.related_model is user_model
            ):
                found.append((model, field))
    return found


def relation_key(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.app_label}.{model.__name__}.{field.name}"


def is_history(model: type[models.Model]) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "history_user")


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool | dict | list) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _label(obj: models.Model, field: models.Field) -> str | None:
    """The name of a related object (a municipality, an actor) next to its id."""
    try:
        related = getattr(obj, field.name)
    except ObjectDoesNotExist:
        # History rows keep ids of rows that may since have been removed.
        return None
    return str(related) if related is not None else None


def _row(obj: models.Model, user_model: type[models.Model]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if (
            field.name in SECRET_FIELDS
            or relation_key(type(obj), field) in SECRET_MODEL_FIELDS
        ):
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
        if field.is_relation and field.related_model is not user_model:
            if data[field.attname] is not None:
                data[field.name] = _label(obj, field)
    return data


def export(user: Any) -> dict[str, Any]:
    """The whole export of one user (a dict ready for json.dumps)."""
    result: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_adviser": user.is_adviser,
        },
        "data": {},
    }
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model, field in user_relations():
        key = relation_key(model, field)
        if key in EXCLUDED:
            continue
        if key not in EXPORTED and not (
            is_history(model) and field.name == "history_user"
        ):
            continue
        if isinstance(field, models.ManyToManyField):
            continue
        rows = model._default_manager.filter(**{field.name: user}).order_by("pk")
        result["data"][key] = [_row(obj, user_model) for obj in rows]
    return result
