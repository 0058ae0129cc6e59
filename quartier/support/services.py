"""Writes of the support app: check rounds, answers, team results, next steps and
support offers. Every function checks its permission and records an audit entry."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.check_suggestions import Suggestion, as_dicts
from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.support.models import (
    CheckAnswer,
    CheckResult,
    CheckRound,
    NextStep,
    OfferDeadline,
    RoundStatus,
    SupportOffer,
)
from quartier.support.questions import QUESTIONS, RECOMMENDATIONS, WEAK


def _check_value(value: Any, field: str = "value") -> int:
    if value not in (1, 2, 3, 4):
        raise ValidationError({field: _("Choose one of the four steps.")})
    return int(value)


def _check_question(question: str) -> None:
    if question not in QUESTIONS:
        raise ValidationError({"question": _("Choose one of the offered entries.")})


def _clean_links(municipality: Municipality, links: list[dict[str, str]]) -> list:
    """Links to objects in Quartier: addresses on this municipality's pages only."""
    prefix = f"/{municipality.slug}/"
    cleaned = []
    for link in links:
        url = (link.get("url") or "").strip()
        if not url.startswith(prefix) or "//" in url[1:]:
            raise ValidationError(
                {
                    "links": _(
                        "Link only to pages of this municipality in Quartier "
                        "(addresses starting with %(prefix)s)."
                    )
                    % {"prefix": prefix}
                }
            )
        cleaned.append({"label": (link.get("label") or url).strip()[:200], "url": url})
    return cleaned


@transaction.atomic
def round_open(*, by: Any, municipality: Municipality, year: int) -> CheckRound:
    """Open this year's Quartiers-Check (one round per year)."""
    ensure_allowed(by, "support.add_checkround", municipality)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if CheckRound.objects.filter(municipality=municipality, year=year).exists():
        raise ValidationError({"year": _("There is already a check for this year.")})
    try:
        with transaction.atomic():
            check_round = CheckRound.objects.create(
                municipality=municipality, year=year
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"year": _("There is already a check for this year.")}
        ) from exc
    record_action(by, municipality, "support.add_checkround", check_round)
    return check_round


@transaction.atomic
def round_close(*, by: Any, check_round: CheckRound) -> CheckRound:
    """Close a round: its results stay as they are; next steps are made for the
    weak recommendations."""
    ensure_allowed(by, "support.close_checkround", check_round)
    next_steps_refresh(check_round=check_round)
    check_round.status = RoundStatus.CLOSED
    check_round.closed_on = timezone.localdate()
    check_round.save(update_fields=["status", "closed_on"])
    record_action(by, check_round.municipality, "support.close_checkround", check_round)
    return check_round


@transaction.atomic
def answer_save(
    *,
    by: Any,
    check_round: CheckRound,
    question: str,
    value: int,
    evidence: str = "",
    links: list[dict[str, str]] | None = None,
) -> CheckAnswer:
    """The person's own answer to one question (changed as often as they like
    while the round is open)."""
    ensure_allowed(by, "support.answer_checkround", check_round)
    _check_question(question)
    value = _check_value(value)
    cleaned = _clean_links(check_round.municipality, links or [])
    answer, _created = CheckAnswer.objects.update_or_create(
        round=check_round,
        question=question,
        person=by,
        defaults={"value": value, "evidence": evidence.strip(), "links": cleaned},
    )
    return answer


@transaction.atomic
def result_confirm(
    *,
    by: Any,
    check_round: CheckRound,
    question: str,
    value: int,
    suggestion: Suggestion | None = None,
    reason: str = "",
    evidence: str = "",
    links: list[dict[str, str]] | None = None,
) -> CheckResult:
    """Confirm the team result of one question. With a data suggestion, the
    suggestion's rule and evidence are kept; a value other than the suggested one
    needs a reason."""
    ensure_allowed(by, "support.confirm_checkround", check_round)
    _check_question(question)
    value = _check_value(value)
    reason = reason.strip()
    if suggestion is not None and value != suggestion.value and not reason:
        raise ValidationError(
            {"reason": _("Say why the team's result differs from the suggestion.")}
        )
    cleaned = _clean_links(check_round.municipality, links or [])
    if suggestion is not None:
        known = {link["url"] for link in cleaned}
        cleaned += [e for e in as_dicts(suggestion.evidence) if e["url"] not in known]
    result, _created = CheckResult.objects.update_or_create(
        round=check_round,
        question=question,
        defaults={
            "value": value,
            "evidence": evidence.strip(),
            "links": cleaned,
            "suggested_value": suggestion.value if suggestion else None,
            "suggestion_rule": suggestion.rule if suggestion else "",
            "reason": reason,
            "confirmed_by": by,
            "confirmed_at": timezone.now(),
        },
    )
    record_action(
        by,
        check_round.municipality,
        "support.confirm_checkround",
        f"{check_round} {question}",
    )
    return result


def recommendation_scores(check_round: CheckRound) -> dict[str, float | None]:
    """The team result per recommendation: the mean of its confirmed questions
    (None while none is confirmed)."""
    values: dict[str, list[int]] = {}
    for question, value in check_round.results.values_list("question", "value"):
        values.setdefault(question, []).append(value)
    scores: dict[str, float | None] = {}
    for rec in RECOMMENDATIONS:
        found = [v for q in rec.questions for v in values.get(q.key, [])]
        scores[rec.key] = round(sum(found) / len(found), 2) if found else None
    return scores


def weak_recommendations(check_round: CheckRound) -> list[str]:
    return [
        key
        for key, score in recommendation_scores(check_round).items()
        if score is not None and score <= WEAK
    ]


def _action_url(municipality: Municipality, url_name: str) -> str:
    try:
        return reverse(url_name, kwargs={"municipality_slug": municipality.slug})
    except NoReverseMatch:
        return ""


@transaction.atomic
def next_steps_refresh(*, check_round: CheckRound) -> list[NextStep]:
    """Make the suggested next steps for every weak recommendation (once per
    action; steps already made, done or not, stay)."""
    from quartier.support.questions import BY_KEY

    made = []
    for key in weak_recommendations(check_round):
        for action in BY_KEY[key].actions:
            step, created = NextStep.objects.get_or_create(
                round=check_round,
                action=action.key,
                defaults={
                    "recommendation": key,
                    "text": action.text,
                    "url": _action_url(check_round.municipality, action.url_name),
                },
            )
            if created:
                made.append(step)
    return made


@transaction.atomic
def next_steps_make(*, by: Any, check_round: CheckRound) -> list[NextStep]:
    """The coordinator takes over the suggested next steps of the current result."""
    ensure_allowed(by, "support.change_nextstep", check_round)
    made = next_steps_refresh(check_round=check_round)
    record_action(by, check_round.municipality, "support.change_nextstep", check_round)
    return made


@transaction.atomic
def next_step_mark(*, by: Any, step: NextStep, done: bool) -> NextStep:
    """Mark a next step as done (or open again)."""
    ensure_allowed(by, "support.change_nextstep", step.round)
    step.done_on = timezone.localdate() if done else None
    step.save(update_fields=["done_on"])
    record_action(by, step.round.municipality, "support.change_nextstep", step.text)
    return step


# --- Support offers -------------------------------------------------------------

OFFER_FIELDS = (
    "kind",
    "title",
    "provider",
    "description",
    "audience",
    "conditions",
    "contact",
    "link",
    "recommendations",
    "phases",
    "amount_min",
    "amount_max",
    "cofinancing_percent",
)


@transaction.atomic
def offer_save(
    *,
    by: Any,
    municipality: Municipality | None,
    offer: SupportOffer | None = None,
    values: dict[str, Any],
    deadlines: list[tuple[datetime.date, str]] = (),  # type: ignore[assignment]
) -> SupportOffer:
    """Create or change a support offer: the state-wide catalogue (advisers,
    `municipality` None) or a municipality's local offers (coordinators)."""
    if offer is None:
        if municipality is None:
            ensure_allowed(by, "support.add_state_offer", None)
        else:
            ensure_allowed(by, "support.add_supportoffer", municipality)
        offer = SupportOffer(municipality=municipality)
    else:
        ensure_allowed(by, "support.change_supportoffer", offer)
    for name in OFFER_FIELDS:
        if name in values:
            setattr(offer, name, values[name])
    low, high = offer.amount_min, offer.amount_max
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        raise ValidationError(
            {"amount_max": _("The upper amount must not be below the lower one.")}
        )
    offer.full_clean()
    created = offer.pk is None
    offer.save()
    offer.deadlines.all().delete()
    OfferDeadline.objects.bulk_create(
        OfferDeadline(offer=offer, due_on=due_on, label=label[:200])
        for due_on, label in deadlines
    )
    record_action(
        by,
        municipality,
        "support.add_supportoffer" if created else "support.change_supportoffer",
        offer.title,
    )
    return offer
