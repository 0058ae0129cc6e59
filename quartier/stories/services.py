"""Writes of the stories app: stories (online by anyone, on paper or from a
conversation by the coordination), the double opt-in of guest addresses, reports and
moderation, and the Most Significant Change rounds with picks, closing and feedback.

Guests use participation's pieces: its signed confirmation token (kind "story"),
its report weights and its spam checks (in the views, before a service is called).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core.images import clean_photo
from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality, Neighborhood
from quartier.core.predicates import is_coordinator
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.participation.models import (
    ACCOUNT_REPORT_WEIGHT,
    ADDRESS_REPORT_WEIGHT,
    REPORT_WEIGHT_TO_HIDE,
    report_weight,
)
from quartier.participation.services import (
    confirm_token,
    coordinator_addresses,
    read_confirm_token,
)
from quartier.stories.models import (
    Channel,
    Domain,
    Moderation,
    Pick,
    Round,
    Selection,
    Story,
    StoryReport,
    Teller,
)

TOKEN_KIND = "story"  # noqa: S105 - the kind of a confirmation link, not a secret


def story_confirm_url(story: Story) -> str:
    token = confirm_token(TOKEN_KIND, story.pk, story.author_email)
    return absolute_url(
        reverse(
            "stories:confirm",
            kwargs={"municipality_slug": story.municipality.slug, "token": token},
        )
    )


# --- stories ---------------------------------------------------------------------


@transaction.atomic
def story_create(
    *,
    by: Any,
    municipality: Municipality,
    title: str,
    text: str,
    neighborhood: Neighborhood,
    consent: bool,
    photo: Any = None,
    photo_alt: str = "",
    author_name: str = "",
    author_email: str = "",
    channel: str = Channel.ONLINE,
    teller: str = Teller.PERSON,
    actor: Any = None,
) -> Story:
    """Record a story. Online by anyone (account optional); on paper or from a
    conversation only by the coordination, who may enter it as told by a person,
    an organisation or anonymously. Without consent to publish it is kept for the
    coordination only; guests' stories wait for the moderation."""
    ensure_allowed(by, "stories.add_story", municipality)
    staff = bool(is_coordinator.test(by, municipality))
    if channel != Channel.ONLINE or teller != Teller.PERSON:
        ensure_allowed(by, "stories.intake_story", municipality)
    if neighborhood.municipality_id != municipality.pk:
        raise ValidationError({"neighborhood": _("Please choose a neighbourhood.")})
    if actor is not None and actor.municipality_id != municipality.pk:
        raise ValidationError({"actor": _("Please choose one of this municipality.")})
    if teller == Teller.ACTOR and actor is None:
        raise ValidationError({"actor": _("Please choose the organisation.")})
    if channel == Channel.ONLINE and not consent:
        raise ValidationError(
            {"consent": _("Please agree to the publication, or tell us on paper.")}
        )
    if photo and not photo_alt.strip():
        raise ValidationError(
            {"photo_alt": _("Please say in a few words what the photo shows.")}
        )
    text = clean_html(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please tell your story.")})
    story = Story(
        municipality=municipality,
        title=(title or "").strip(),
        text=text,
        neighborhood=neighborhood,
        channel=channel,
        teller=teller,
        actor=actor if teller == Teller.ACTOR else None,
        author_name="" if teller == Teller.ANONYMOUS else author_name.strip(),
        author_email="" if teller == Teller.ANONYMOUS else author_email.strip().lower(),
        photo_alt=photo_alt.strip() if photo else "",
        consent_at=timezone.now() if consent else None,
    )
    if channel == Channel.ONLINE and getattr(by, "is_authenticated", False):
        story.author = by
    elif channel != Channel.ONLINE or teller != Teller.PERSON:
        story.entered_by = by
    story.moderation = Moderation.APPROVED if staff and consent else Moderation.PENDING
    if photo:
        story.photo = clean_photo(photo, field="photo")
    story.full_clean(exclude=["photo"])
    story.save()
    if story.author_email and not story.author_id and channel == Channel.ONLINE:
        queue_email(
            to=story.author_email,
            subject=lazy_subject(gettext_lazy("Please confirm your e-mail address")),
            template="stories/email/confirm.txt",
            context={
                "municipality": municipality,
                "title": story.title,
                "link": story_confirm_url(story),
            },
        )
    if story.entered_by_id:
        record_action(by, municipality, "stories.intake_story", story)
    return story


@transaction.atomic
def story_confirm_email(*, token: str) -> Story:
    """The one link of the double opt-in; confirming twice is harmless."""
    data = read_confirm_token(token, kinds=(TOKEN_KIND,))
    story = None
    if data is not None:
        story = (
            Story.objects.select_for_update()
            .filter(pk=data["id"], author_email=data["e"])
            .first()
        )
    if story is None:
        raise ValidationError(_("This confirmation link is invalid or has expired."))
    if story.email_confirmed_at is None:
        story.email_confirmed_at = timezone.now()
        story.save(update_fields=["email_confirmed_at", "updated_at"])
    return story


@transaction.atomic
def story_moderate(*, by: Any, story: Story, action: str) -> Story:
    """approve: publish (also again after reports; needs the teller's consent);
    review: the same, and further reports notify instead of hiding; reject."""
    ensure_allowed(by, "stories.moderate_story", story)
    if action in ("approve", "review"):
        if story.consent_at is None:
            raise ValidationError(
                _("Without consent to publish, the story stays internal.")
            )
        story.moderation = Moderation.APPROVED
        story.is_hidden = False
        if action == "review":
            story.reviewed_at = timezone.now()
    elif action == "reject":
        story.moderation = Moderation.REJECTED
    else:
        raise ValidationError(_("Unknown moderation action."))
    story.save(update_fields=["moderation", "is_hidden", "reviewed_at", "updated_at"])
    story.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    record_action(by, story.municipality, f"stories.{action}_story", story)
    return story


@transaction.atomic
def story_report(
    *, by: Any, story: Story, reporter_key: str = "", reason: str = ""
) -> StoryReport:
    """Report a story: one report per account or per address; weighted and hiding
    exactly like reports of contributions (participation.models)."""
    ensure_allowed(by, "stories.report_story", story)
    Story.objects.select_for_update().filter(pk=story.pk).first()
    account = by if getattr(by, "is_authenticated", False) else None
    report = StoryReport(
        story=story,
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
    if story.reviewed_at is not None:
        _tell_coordinators(story, hidden=False)
        return report
    weight = report_weight(story.reports.filter(resolved_at__isnull=True))
    if weight >= REPORT_WEIGHT_TO_HIDE and not story.is_hidden:
        story.is_hidden = True
        story.save(update_fields=["is_hidden", "updated_at"])
        _tell_coordinators(story, hidden=True)
    return report


def _tell_coordinators(story: Story, *, hidden: bool) -> None:
    """A story was hidden by reports, or a reviewed story was reported again."""
    addresses = coordinator_addresses(story.municipality)
    if addresses:
        queue_email(
            to=addresses,
            subject=lazy_subject(
                gettext_lazy("Reported: %(title)s"), title=story.title
            ),
            template="stories/email/reported.txt",
            context={
                "title": story.title,
                "hidden": hidden,
                "link": absolute_url(story.get_absolute_url()),
            },
        )


@transaction.atomic
def story_link(
    *,
    by: Any,
    story: Story,
    meeting: Any = None,
    initiatives: Iterable[Any] | None = None,
) -> Story:
    """Link a story to the meeting where it was told or discussed (None removes the
    link) and, when `initiatives` is given, to exactly those initiatives: only to
    objects of the same municipality that `by` may see."""
    from quartier.core.object_links import link_target_allowed

    ensure_allowed(by, "stories.link_story", story)
    if not link_target_allowed(by, meeting, source=story):
        raise ValidationError({"meeting": _("Please choose one of this municipality.")})
    chosen = list(initiatives) if initiatives is not None else None
    if chosen is not None and not all(
        link_target_allowed(by, i, source=story) for i in chosen
    ):
        raise ValidationError(
            {"initiatives": _("Please choose one of this municipality.")}
        )
    # The through rows carry the story's municipality key (core/tenancy.py).
    key = {"municipality_id": story.municipality_id}
    story.meetings.set([meeting] if meeting is not None else [], through_defaults=key)
    if chosen is not None:
        story.initiatives.set(chosen, through_defaults=key)
    record_action(by, story.municipality, "stories.link_story", story)
    return story


@transaction.atomic
def story_initiative_add(*, by: Any, story: Story, initiative: Any) -> Story:
    """Link a story to an initiative from the initiative's side (its page offers
    it): the same checks as story_link."""
    from quartier.core.object_links import link_target_allowed

    ensure_allowed(by, "stories.link_story", story)
    if not link_target_allowed(by, initiative, source=story):
        raise ValidationError({"story": _("Please choose one of this municipality.")})
    story.initiatives.add(
        initiative, through_defaults={"municipality_id": story.municipality_id}
    )
    record_action(by, story.municipality, "stories.link_story", story)
    return story


# --- Most Significant Change rounds ------------------------------------------------


@transaction.atomic
def round_create(
    *,
    by: Any,
    municipality: Municipality,
    title: str,
    forum: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    domains: Iterable[str],
    neighborhood: Neighborhood | None = None,
    feeds: Round | None = None,
) -> Round:
    """Define a round: its domains of change, its panel (a forum's members), the
    period of its stories; optionally the higher-level round it feeds."""
    ensure_allowed(by, "stories.manage_rounds", municipality)
    names = [n.strip() for n in domains if n and n.strip()]
    if not names:
        raise ValidationError({"domains": _("Please name at least one domain.")})
    if len({n.lower() for n in names}) != len(names):
        raise ValidationError({"domains": _("Each domain may appear only once.")})
    for field, obj in (
        ("forum", forum),
        ("neighborhood", neighborhood),
        ("feeds", feeds),
    ):
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError({field: _("Please choose one of this municipality.")})
    if feeds is not None and not feeds.is_open:
        raise ValidationError({"feeds": _("That round is already closed.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end must not be before the start.")})
    round_ = Round(
        municipality=municipality,
        title=(title or "").strip(),
        forum=forum,
        neighborhood=neighborhood,
        starts_on=starts_on,
        ends_on=ends_on,
        feeds=feeds,
        created_by=by,
    )
    round_.full_clean()
    round_.save()
    Domain.objects.bulk_create(
        Domain(round=round_, name=name[:120], order=i) for i, name in enumerate(names)
    )
    record_action(by, municipality, "stories.manage_rounds", round_)
    return round_


def round_candidates(round_: Round) -> QuerySet[Story]:
    """The stories a panel chooses from: in a round fed by lower-level rounds, the
    stories those rounds selected; otherwise the public stories of the period (and
    of the round's neighbourhood, if it has one)."""
    stories = Story.objects.of(round_.municipality).public()
    if round_.feeders.exists():
        return stories.filter(
            selections__domain__round__feeds=round_,
            selections__domain__round__closed_at__isnull=False,
        ).distinct()
    stories = stories.filter(
        created_at__date__gte=round_.starts_on, created_at__date__lte=round_.ends_on
    )
    if round_.neighborhood_id:
        stories = stories.filter(neighborhood_id=round_.neighborhood_id)
    return stories


@transaction.atomic
def pick_story(*, by: Any, domain: Domain, story: Story, reason: str) -> Pick:
    """A panel member's most significant story of a domain, with a written reason.
    One pick per member and domain: picking again replaces the earlier pick."""
    round_ = domain.round
    ensure_allowed(by, "stories.pick_story", round_)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why this story matters most.")})
    if not round_candidates(round_).filter(pk=story.pk).exists():
        raise ValidationError({"story": _("Please choose one of the round's stories.")})
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    pick, _created = Pick.objects.update_or_create(
        domain=domain, member=by, defaults={"story": story, "reason": reason[:4000]}
    )
    return pick


def tally(domain: Domain) -> list[tuple[Story, int]]:
    """The stories of a domain with their number of picks, most first."""
    counts = Counter(domain.picks.values_list("story_id", flat=True))
    stories = Story.objects.in_bulk(list(counts))
    return sorted(
        ((stories[pk], n) for pk, n in counts.items()),
        key=lambda sn: (-sn[1], sn[0].pk),
    )


@transaction.atomic
def round_close(
    *,
    by: Any,
    round_: Round,
    tie_breaks: Mapping[int, tuple[Story, str]] | None = None,
) -> list[Selection]:
    """Close a round. Per domain the story with the most picks is selected; when
    several have the most, the coordination chooses one of them and says why
    (`tie_breaks`: domain id → (story, reason)); a domain without picks selects
    nothing. The selection with the panel's reasons is published on the round's page
    and sent to the storytellers who gave an e-mail address."""
    ensure_allowed(by, "stories.close_round", round_)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closed_at is not None:
        raise ValidationError(_("This round is already closed."))
    tie_breaks = tie_breaks or {}
    selections = []
    for domain in round_.domains.all():
        ranked = tally(domain)
        if not ranked:
            continue
        top = ranked[0][1]
        tied = [story for story, n in ranked if n == top]
        tie_reason = ""
        if len(tied) == 1:
            chosen = tied[0]
        else:
            choice = tie_breaks.get(domain.pk)
            if choice is None or choice[0] not in tied or not choice[1].strip():
                raise ValidationError(
                    _(
                        "In “%(domain)s” several stories have the most picks: please "
                        "choose one of them and say why."
                    )
                    % {"domain": domain.name}
                )
            chosen, tie_reason = choice[0], choice[1].strip()
        selections.append(
            Selection.objects.create(
                domain=domain, story=chosen, picks=top, tie_reason=tie_reason
            )
        )
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    record_action(by, round_.municipality, "stories.close_round", round_)
    _send_feedback(round_, selections)
    return selections


def _send_feedback(round_: Round, selections: list[Selection]) -> None:
    """The feedback loop: each storyteller whose story was selected hears which
    domain it was selected for and why the panel chose it."""
    link = absolute_url(round_.get_absolute_url())
    for selection in selections:
        story = selection.story
        address = story.notify_address
        if not address:
            continue
        reasons = list(
            selection.domain.picks.filter(story=story).values_list("reason", flat=True)
        )
        queue_email(
            to=address,
            subject=lazy_subject(
                gettext_lazy("Your story was selected: %(title)s"), title=story.title
            ),
            template="stories/email/selected.txt",
            context={
                "story": story,
                "round": round_,
                "domain": selection.domain,
                "reasons": reasons,
                "tie_reason": selection.tie_reason,
                "link": link,
            },
        )
