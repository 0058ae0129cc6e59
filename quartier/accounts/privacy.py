"""“Meine Daten”: everything the platform holds about a person, as JSON, and what
deleting the account erases beyond the account itself.

Personal data reaches a person by three paths, and each is named here:
1. a relation from a model to the user (EXPORTED / EXCLUDED);
2. a row that belongs to such a row (a jury member's votes, an application's cost
   lines): EXPORTED_CHILDREN / EXCLUDED_CHILDREN;
3. an e-mail field holding one of the person's confirmed addresses without pointing
   at the account (a contribution or support made as a guest): EXPORTED_EMAILS, with
   what deletion erases in that row, / EXCLUDED_EMAILS.
tests/test_privacy.py scans every model and fails on a relation, child relation or
e-mail field that is in none of the lists, so a new module cannot forget its data.
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
    "accounts.MembershipRequest.user",  # my requests to join a municipality
    "accounts.MembershipRequest.decided_by",  # requests I decided as coordinator
    "accounts.Invitation.invited_by",
    "translations.ContentTranslation.translator",  # translations I wrote
    "translations.TranslationRequest.requested_by",  # translations I asked for
    "accounts.Invitation.accepted_by",
    "accounts.ApiToken.user",
    "actors.ActorMember.user",
    "actors.ActorInvitation.invited_by",  # colleagues I invited to my organisation
    "actors.Tie.proposed_by",  # ties I proposed, confirmed or ended for my
    "actors.Tie.confirmed_by",  # organisation (the tie itself is the
    "actors.Tie.ended_by",  # organisations' and stays)
    "core.AuditEntry.user",
    "core.PlatformAuditEntry.user",  # the platform's log (no municipality)
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
    "usersessions.UserSession.user",
    "admin.LogEntry.user",
    "forums.ForumMember.user",
    "forums.AgendaItem.proposer",
    "forums.Meeting.proposed_by",
    "forums.Registration.user",
    "forums.Attendance.user",
    "forums.DecisionStatusChange.changed_by",
    "forums.Responsibility.user",
    "forums.NotificationPreference.user",
    "initiatives.PhaseChange.changed_by",  # phase changes I recorded
    "initiatives.Responsibility.user",  # where I am named responsible (RACI)
    "initiatives.FollowUp.person",  # follow-ups addressed to me
    "initiatives.Follow.user",  # initiatives I follow
    "forums.PendingNotification.user",
    "rooms.Booking.requested_by",
    "rooms.Booking.decided_by",
    "compass.Assessment.user",
    "advisers.AdvisoryOrganisation.members",  # advisory organisations I advise for
    "advisers.AdviserView.user",  # what I opened as an adviser (the municipality's log)
    "advisers.Consultation.written_by",  # consultations I recorded as an adviser
    "advisers.SharingGrant.granted_by",  # modules I shared with advisers as admin
    "advisers.SharingGrant.revoked_by",  # sharing I revoked as admin
    "advisers.PracticeExample.contact",  # practice examples naming me as contact
    "advisers.PracticeExample.published_by",  # practice examples I published
    "learning.TimeEntry.person",
    "learning.TimeEntry.created_by",
    "participation.Contribution.author",
    "participation.Support.user",
    "participation.Comment.author",
    "participation.Report.reporter",
    "participation.Response.author",
    "participation.StatusChange.changed_by",
    "stories.Story.author",  # stories I told with my account
    "stories.StoryReport.reporter",
    "stories.Pick.member",  # my picks in Most Significant Change panels, with reasons
    "funds.JuryMember.user",
    "funds.Application.applicant",
    "glossary.ProposedDefinition.proposed_by",  # definitions I proposed
    "glossary.ProposalComment.author",  # my comments on proposed definitions
    "roles.RoleHolder.user",  # roles I am named for, with my consent and its date
    "roles.RoleHolder.consented_by",  # consents I gave (for me or my organisation)
    "support.CheckAnswer.person",  # my answers to the Quartiers-Check
}

# Relations deliberately left out of the export, with the reason.
EXCLUDED: dict[str, str] = {
    "learning.TimeShare.person": (
        "kept yearly sums of my time entries for the totals page, counted from the "
        "entries, which are exported themselves (learning.TimeEntry.person)"
    ),
    "glossary.AgreedDefinition.created_by": (
        "the coordination recording what a forum decided; in the audit log"
    ),
    "glossary.LeitbildVersion.created_by": (
        "the coordination recording what a forum decided; in the audit log"
    ),
    "initiatives.Initiative.lead_person": (
        "an initiative is the municipality's record; that I lead it is shown on its "
        "page, and its phase changes and responsibilities naming me are exported"
    ),
    "initiatives.HistoricalInitiative.lead_person": (
        "earlier versions of initiatives (see initiatives.Initiative.lead_person)"
    ),
    "legal.AccessibilityFeedback.answered_by": (
        "the coordination's official answer to someone else's report, in the audit log"
    ),
    "actors.Actor.members": "the same rows as actors.ActorMember.user, exported there",
    "actors.HistoricalTie.proposed_by": (
        "earlier versions of ties; the current ones are exported as actors.Tie.*"
    ),
    "actors.HistoricalTie.confirmed_by": (
        "earlier versions of ties; the current ones are exported as actors.Tie.*"
    ),
    "network.Snapshot.taken_by": (
        "a network snapshot is the coordination's analysis; who took it is in the "
        "audit log"
    ),
    "network.SurveyRound.opened_by": (
        "a relationship survey round is the coordination's act; who opened it is in "
        "the audit log"
    ),
    "reports.Report.created_by": (
        "a report is the coordination's document; who made it is in the audit log"
    ),
    "reports.Report.published_by": (
        "publishing a report is the coordination's act; it is in the audit log"
    ),
    "actors.HistoricalTie.ended_by": (
        "earlier versions of ties; the current ones are exported as actors.Tie.*"
    ),
    "forums.HistoricalAgendaItem.proposer": (
        "earlier versions of agenda items; the current ones are exported as "
        "forums.AgendaItem.proposer"
    ),
    "forums.HistoricalMeeting.proposed_by": (
        "earlier versions of meetings; the current ones are exported as "
        "forums.Meeting.proposed_by"
    ),
    "funds.Application.decided_by": (
        "the coordinator's official act on someone else's application, in the audit log"
    ),
    "funds.Payout.created_by": "bookkeeping of someone else's grant, in the audit log",
    "learning.TimeTrackingSetting.confirmed_by": (
        "the admin's official act for the municipality, in the audit log"
    ),
    "funds.Payout.confirmed_by": (
        "the second person's release of someone else's payout, in the audit log"
    ),
    "funds.Vote.recorded_by": (
        "a coordinator entering the votes of a jury that met in person; the vote "
        "belongs to the jury member and is exported there"
    ),
    "funds.HistoricalApplication.applicant": (
        "earlier versions of applications; the current ones are exported as "
        "funds.Application.applicant"
    ),
    "funds.HistoricalApplication.decided_by": (
        "earlier versions of someone else's application"
    ),
    "support.CheckResult.confirmed_by": (
        "the coordination confirming the team's result of the Quartiers-Check, an "
        "official act in the audit log"
    ),
    "topics.ClusterRun.created_by": (
        "a coordinator's analysis of published texts for the municipality, an "
        "official act in the audit log"
    ),
    "hsds.ImportJob.created_by": (
        "a coordinator's official act (importing the directory), in the audit log"
    ),
    "participation.EventWindow.created_by": (
        "a coordinator opening a workshop window for everyone, an official act in "
        "the audit log"
    ),
    "participation.Contribution.entered_by": (
        "a coordinator typing in someone else's paper or phone contribution; the "
        "contribution belongs to the resident"
    ),
    "stories.Story.entered_by": (
        "a coordinator typing in someone else's paper or told story; the story "
        "belongs to its teller"
    ),
    "reflections.TextChange.proposed_by": (
        "a coordinator or moderator proposing a change to a mandate, plan or rules "
        "from a reflection, an official act in the audit log"
    ),
    "reflections.TextChange.decided_by": (
        "a coordinator or admin applying or dropping a change to a mandate, plan "
        "or rules, an official act in the audit log"
    ),
    "stories.Round.created_by": (
        "a coordinator defining a Most Significant Change round, an official act in "
        "the audit log"
    ),
    "impact.Measurement.recorded_by": (
        "a coordinator recording a figure of the municipality's impact model, an "
        "official act in the audit log"
    ),
    "impact.HistoricalMeasurement.recorded_by": (
        "earlier versions of measurements (see impact.Measurement.recorded_by)"
    ),
}
# Historical rows of simple-history point at the user who made a change: exported as
# "changes I made" by the generic rule for every Historical* model below.

# "<app>.<Model>.<foreign key>" of a row that belongs to an exported row of the
# person (the parent is exported through EXPORTED or EXPORTED_EMAILS).
EXPORTED_CHILDREN: set[str] = {
    "funds.Vote.member",  # my votes as a jury member, with my comments
    "funds.ConflictOfInterest.member",  # conflicts I declared, with my notes
    "funds.CostLine.application",  # the cost plan of my application
    "funds.Payout.application",  # what was paid out on my application
    "funds.GrantReport.application",  # my proof of use
    "funds.ReportPhoto.report",  # the photos of my proof of use
    "funds.Receipt.application",  # the receipts of my proof of use
    "participation.Response.contribution",  # the public answer to my contribution
    "participation.StatusChange.contribution",  # what became of my contribution
    "stories.Selection.story",  # where my story was selected
    "surveys.Answer.response",  # my answers
    "compass.Position.assessment",  # my placements on the compass
}
EXCLUDED_CHILDREN: dict[str, str] = {
    "advisers.Consultation.organisation": (
        "the advisory organisation's consultations with municipalities are its "
        "work; those I wrote are exported as advisers.Consultation.written_by"
    ),
    "advisers.SharingGrant.organisation": (
        "what municipalities share with the advisory organisation is their "
        "agreement, not the adviser's data"
    ),
    "reports.Report.application": (
        "a Sachbericht on my funded project is the municipality's report to its "
        "funder; my application and proof of use are exported themselves"
    ),
    "glossary.ProposalComment.proposal": (
        "other members' comments on my proposed definition are their data; my own "
        "comments are exported as glossary.ProposalComment.author"
    ),
    "account.EmailConfirmation.email_address": (
        "confirmation keys are secrets; the address itself is exported"
    ),
    "forums.Decision.agenda_item": (
        "the forum's decision on an item I proposed is the forum's act, public in "
        "the decisions register"
    ),
    "forums.AgendaItem.meeting": (
        "the agenda of a meeting I called belongs to the forum; the items I "
        "proposed are exported as forums.AgendaItem.proposer"
    ),
    "forums.Registration.meeting": "other people's registrations for a meeting I called",
    "reflections.Reflection.meeting": (
        "a reflection on a meeting I called is the group's look back, for members"
    ),
    "forums.Attendance.meeting": "other people's attendance at a meeting I called",
    "rooms.Booking.meeting": (
        "the room the moderation booked for a meeting I called is its booking"
    ),
    "participation.Contribution.agenda_item": (
        "other people's contributions discussed under an item I proposed"
    ),
    "participation.Support.contribution": (
        "other people's supports of my contribution (only their number is public)"
    ),
    "participation.Comment.contribution": "other people's comments on my contribution",
    "participation.Report.contribution": "other people's reports, kept confidential",
    "participation.Report.comment": "other people's reports, kept confidential",
    "stories.StoryReport.story": "other people's reports, kept confidential",
    "stories.Pick.story": (
        "panel members' picks of my story are theirs; the reasons are public "
        "without names on the round's page"
    ),
    "funds.Vote.application": (
        "the jury members' votes on my application are their personal data; the "
        "decision is exported with the application"
    ),
    "funds.ConflictOfInterest.application": (
        "conflicts that jury members declared about my application are theirs"
    ),
    "participation.ContributionTopic.contribution": (
        "the topics of the municipality that my contribution is filed under: a "
        "link between two public rows, not data about me"
    ),
    "stories.StoryInitiative.story": (
        "the initiatives my story is linked to: a public link made by the editors, "
        "not data about me"
    ),
    "stories.StoryMeeting.story": (
        "the meetings my story is linked to: a public link made by the editors, "
        "not data about me"
    ),
    "stories.StoryMeeting.meeting": (
        "other people's stories linked to a meeting I called are their data"
    ),
}

# "<app>.<Model>.<e-mail field>" → the fields deleting the account erases in rows
# that hold one of the person's addresses (a value: the replacement; None: a
# per-row pseudonym that keeps database constraints, "deleted-<model>-<pk>@…").
EXPORTED_EMAILS: dict[str, dict[str, Any]] = {
    "participation.Contribution.author_email": {
        "author_email": "",
        "author_name": "",
        "email_confirmed_at": None,
    },
    # A support needs an account or an address (one per address): a pseudonym
    # keeps the count and the constraint.
    "participation.Support.email": {"email": "pseudonym"},
    "stories.Story.author_email": {
        "author_email": "",
        "author_name": "",
        "email_confirmed_at": None,
    },
    # A guest's meeting registration needs an address (one per meeting): a
    # pseudonym keeps the constraint; the name goes.
    "forums.Registration.guest_email": {"guest_email": "pseudonym", "guest_name": ""},
    # Invitations are pseudonymised by user_delete itself (they may be pending).
    "accounts.Invitation.email": {},
    # A pending invitation to act for an organisation (deleted once accepted); the
    # pseudonym makes its link worthless (actors/invitations.py).
    "actors.ActorInvitation.email": {"email": "pseudonym"},
    "accounts.User.email": {},
    "account.EmailAddress.email": {},
    # A report of a barrier: deleting the account erases who sent it.
    "legal.AccessibilityFeedback.email": {"email": "", "name": ""},
}
EXCLUDED_EMAILS: dict[str, str] = {
    "legal.AccessibilitySettings.feedback_email": (
        "the municipality's functional address for accessibility feedback"
    ),
    "core.Municipality.contact_email": "the municipality's public functional address",
    "opendata.OpenDataSettings.contact_email": (
        "the municipality's public functional address for open data"
    ),
    "advisers.AdvisoryOrganisation.contact_email": (
        "the advisory organisation's functional address"
    ),
    "actors.Actor.email": "an organisation's public address, kept by the organisation",
    "forums.Forum.contact_email": "a forum's public functional address",
    "rooms.Room.contact_email": "a room's public booking address",
    "funds.Fund.contact_email": "a fund's public functional address",
    "directory.Location.email": "a published address of a place, kept by its provider",
    "directory.Service.email": "a published address of an offering, kept by its provider",
    "network.Participant.email": (
        "the address an organisation gave for its relationship-survey link; the "
        "answers are the organisation's, not a person's"
    ),
    "directory.Contact.email": (
        "a contact person published with an offering by its provider, who corrects "
        "or removes it (HSDS contact)"
    ),
}


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


def email_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, e-mail field) outside simple-history's copies."""
    return [
        (model, field)
        for model in apps.get_models()
        if not is_history(model)
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField)
    ]


def _personal_models() -> set[type[models.Model]]:
    """Models whose rows are exported as a person's through path 1 or 3."""
    found = {_model_of(key) for key in EXPORTED}
    found |= {_model_of(key) for key in EXPORTED_EMAILS}
    # Children of exported rows are exported, so their own children count too.
    found |= {_model_of(key) for key in EXPORTED_CHILDREN}
    return found


def child_relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every foreign key from a model to a model whose rows belong to a person."""
    personal = _personal_models()
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        (model, field)
        for model in apps.get_models()
        if not is_history(model)
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model in personal
        and field.related_model is not user_model
    ]


def _model_of(key: str) -> type[models.Model]:
    app_label, model_name, _field = key.split(".")
    return apps.get_model(app_label, model_name)


def _field_of(key: str) -> str:
    return key.rsplit(".", 1)[1]


def addresses_of(user: Any) -> list[str]:
    """The person's own addresses: the login address and every confirmed one."""
    from allauth.account.models import EmailAddress

    found = {user.email.lower()} if user.email else set()
    found |= {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    return sorted(found)


def _email_rows(key: str, addresses: list[str]) -> models.QuerySet:
    model, field = _model_of(key), _field_of(key)
    if not addresses:
        return model._default_manager.none()
    query = models.Q()
    for address in addresses:
        query |= models.Q(**{f"{field}__iexact": address})
    return model._default_manager.filter(query)


def erase_by_email(addresses: list[str]) -> int:
    """Erase the person's data in rows that carry their address but not their
    account (path 3); called when the account is deleted. Returns the rows changed."""
    changed = 0
    for key, erase in EXPORTED_EMAILS.items():
        if not erase:
            continue
        model = _model_of(key)
        for row in _email_rows(key, addresses):
            for name, value in erase.items():
                if value == "pseudonym":
                    value = f"deleted-{model.__name__.lower()}-{row.pk}@deleted.invalid"
                setattr(row, name, value)
            row.save(update_fields=list(erase))
            changed += 1
    return changed


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
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_adviser": user.is_adviser,
        },
        "data": {},
    }
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    # Primary keys of the exported rows per model: their children are exported too.
    parents: dict[type[models.Model], set[Any]] = {}
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
        parents.setdefault(model, set()).update(row.pk for row in rows)
    addresses = addresses_of(user)
    for key in EXPORTED_EMAILS:
        model = _model_of(key)
        if model is user_model or key == "account.EmailAddress.email":
            continue  # the account and its addresses are exported above
        rows = _email_rows(key, addresses).order_by("pk")
        result["data"][key] = [_row(obj, user_model) for obj in rows]
        parents.setdefault(model, set()).update(row.pk for row in rows)
    # Children after their parents (a proof of use's photos after the proof).
    pending = sorted(EXPORTED_CHILDREN)
    while pending:
        waiting = {_model_of(key) for key in pending}
        ready = [
            key
            for key in pending
            if _model_of(key)._meta.get_field(_field_of(key)).related_model
            not in waiting - {_model_of(key)}
        ] or list(pending)  # a cycle: take the rest as they are
        for key in ready:
            model, name = _model_of(key), _field_of(key)
            parent = model._meta.get_field(name).related_model
            rows = model._default_manager.filter(
                **{f"{name}__in": sorted(parents.get(parent, ()))}  # type: ignore[arg-type]
            ).order_by("pk")
            result["data"][key] = [_row(obj, user_model) for obj in rows]
            parents.setdefault(model, set()).update(row.pk for row in rows)
            pending.remove(key)
    return result
