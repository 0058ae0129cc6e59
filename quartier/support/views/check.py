"""The Quartiers-Check at /<slug>/check/: rounds, the answer form, confirming the
team result per question, the result with radar chart, comparison and next steps.

Advisers with the grant "support.check" read the rounds and the team results (each
view they open is logged for the municipality); the spread of the answers is shown
to the team only, and never who answered what."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from quartier.core.check_suggestions import Suggestion, suggestions_for
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.sharing import record_adviser_view
from quartier.support import services
from quartier.support.charts import radar_chart
from quartier.support.forms import AnswerForm, ConfirmForm, RoundForm, parse_links
from quartier.support.models import CheckRound, NextStep, SupportOffer
from quartier.support.questions import BY_KEY, QUESTIONS, RECOMMENDATIONS, SCALE

SHARE_KEY = "support.check"


def _rounds(request: HttpRequest) -> Any:
    return CheckRound.objects.of(request.municipality).select_related("municipality")  # type: ignore[attr-defined]


def _round(request: HttpRequest, pk: int, perm: str | None = None) -> CheckRound:
    return get_object_for(request, _rounds(request), perm, pk=pk)


def round_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.view_checkround", municipality)
    record_adviser_view(request, municipality, SHARE_KEY, _("Check rounds"))
    # One query for every round: the list links each round's result page, which
    # computes the scores (no per-round reads here).
    rounds = list(_rounds(request))
    return render(
        request,
        "support/round_list.html",
        {
            "rounds": rounds,
            "can_add": request.user.has_perm("support.add_checkround", municipality),
            "form": RoundForm(),
        },
    )


@require_POST
def round_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "support.add_checkround", municipality)
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            check_round = services.round_open(
                by=request.user,
                municipality=municipality,
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The check round was opened."))
            return redirect(check_round.get_absolute_url())
    rounds = list(_rounds(request))
    return render(
        request,
        "support/round_list.html",
        {"rounds": rounds, "can_add": True, "form": form},
    )


def _spread(check_round: CheckRound) -> dict[str, dict[str, Any]]:
    """Per question: how many team members chose each step (no names), and whether
    they disagree (two or more steps apart)."""
    counts: dict[str, Counter[int]] = {}
    evidence: dict[str, list[str]] = {}
    for question, value, text in check_round.answers.values_list(
        "question", "value", "evidence"
    ):
        counts.setdefault(question, Counter())[value] += 1
        if text:
            evidence.setdefault(question, []).append(text)
    spread = {}
    for question, counter in counts.items():
        spread[question] = {
            "steps": [(v, counter.get(v, 0)) for v in SCALE],
            "total": sum(counter.values()),
            "disagree": max(counter) - min(counter) >= 2,
            "evidence": evidence.get(question, []),
        }
    return spread


def _suggestions(check_round: CheckRound) -> dict[str, Suggestion]:
    """Live suggestions while the round is open; a closed round keeps what was
    confirmed."""
    if not check_round.is_open:
        return {}
    return suggestions_for(check_round.municipality)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check_round = _round(request, pk)
    municipality = check_round.municipality
    record_adviser_view(request, municipality, SHARE_KEY, str(check_round))
    team = request.user.has_perm("support.view_answers", check_round)
    spread = _spread(check_round) if team else {}
    results = {r.question: r for r in check_round.results.all()}
    suggestions = _suggestions(check_round) if team else {}
    mine = (
        {a.question: a for a in check_round.answers.filter(person=request.user)}
        if team
        else {}
    )
    groups = [
        (
            rec,
            [
                {
                    "question": q,
                    "spread": spread.get(q.key),
                    "result": results.get(q.key),
                    "suggestion": suggestions.get(q.key),
                    "mine": mine.get(q.key),
                }
                for q in rec.questions
            ],
        )
        for rec in RECOMMENDATIONS
    ]
    return render(
        request,
        "support/round_detail.html",
        {
            "round": check_round,
            "groups": groups,
            "team": team,
            "scale": SCALE,
            "confirmed": len(results),
            "questions": len(QUESTIONS),
            "suggested": len(suggestions),
            "can_answer": request.user.has_perm(
                "support.answer_checkround", check_round
            ),
            "can_confirm": request.user.has_perm(
                "support.confirm_checkround", check_round
            ),
            "can_close": request.user.has_perm("support.close_checkround", check_round),
        },
    )


def round_answer(request: HttpRequest, pk: int) -> HttpResponse:
    check_round = _round(request, pk, "support.answer_checkround")
    mine = {a.question: a for a in check_round.answers.filter(person=request.user)}
    form = AnswerForm(request.POST or None, answers=mine)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for question, value, evidence, links in form.answered():
                    try:
                        services.answer_save(
                            by=request.user,
                            check_round=check_round,
                            question=question,
                            value=value,
                            evidence=evidence,
                            links=links,
                        )
                    except ValidationError as exc:
                        form.add_error(f"l_{question}", exc.messages)
                        raise
        except ValidationError:
            pass
        else:
            messages.success(request, _("Your answers were saved."))
            return redirect(check_round.get_absolute_url())
    return render(
        request,
        "support/answer_form.html",
        {"round": check_round, "form": form},
    )


def round_confirm(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    check_round = _round(request, pk, "support.confirm_checkround")
    if question not in QUESTIONS:
        raise Http404
    suggestion = suggestions_for(check_round.municipality).get(question)
    result = check_round.results.filter(question=question).first()
    initial: dict[str, Any] = {}
    if result is not None:
        initial = {
            "value": str(result.value),
            "reason": result.reason,
            "evidence": result.evidence,
        }
    elif suggestion is not None:
        initial = {"value": str(suggestion.value)}
    form = ConfirmForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_confirm(
                by=request.user,
                check_round=check_round,
                question=question,
                value=int(form.cleaned_data["value"]),
                suggestion=suggestion,
                reason=form.cleaned_data["reason"],
                evidence=form.cleaned_data["evidence"],
                links=parse_links(form.cleaned_data["links"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team result was confirmed."))
            return redirect(f"{check_round.get_absolute_url()}#{question}")
    return render(
        request,
        "support/confirm_form.html",
        {
            "round": check_round,
            "question": QUESTIONS[question],
            "recommendation": next(
                r for r in RECOMMENDATIONS if question in {q.key for q in r.questions}
            ),
            "suggestion": suggestion,
            "spread": _spread(check_round).get(question),
            "form": form,
        },
    )


def _previous(check_round: CheckRound) -> CheckRound | None:
    return (
        CheckRound.objects.of(check_round.municipality)
        .filter(year__lt=check_round.year)
        .order_by("-year")
        .first()
    )


def result_data(check_round: CheckRound) -> dict[str, Any]:
    """The radar chart (this round and the one before), the comparison rows and the
    weak recommendations with their offers (also used by the tests)."""
    scores = services.recommendation_scores(check_round)
    previous_round = _previous(check_round)
    previous = (
        services.recommendation_scores(previous_round) if previous_round else None
    )
    chart = radar_chart(
        _("Quartiers-Check %(year)s: team result per recommendation")
        % {"year": check_round.year},
        [(rec.key, rec.title, scores[rec.key]) for rec in RECOMMENDATIONS],
        previous,
    )
    weak = services.weak_recommendations(check_round)
    offers = SupportOffer.objects.catalogue_of(check_round.municipality)
    return {
        "chart": chart,
        "previous_round": previous_round,
        "weak": [
            {
                "recommendation": BY_KEY[key],
                "score": scores[key],
                "offers": list(offers.for_recommendation(key)[:4]),
            }
            for key in weak
        ],
    }


def round_result(request: HttpRequest, pk: int) -> HttpResponse:
    check_round = _round(request, pk)
    record_adviser_view(
        request,
        check_round.municipality,
        SHARE_KEY,
        _("Result of %(round)s") % {"round": check_round},
    )
    steps = list(check_round.next_steps.all())
    return render(
        request,
        "support/result.html",
        {
            "round": check_round,
            **result_data(check_round),
            "steps": steps,
            "can_steps": request.user.has_perm("support.change_nextstep", check_round),
        },
    )


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    check_round = _round(request, pk, "support.close_checkround")
    services.round_close(by=request.user, check_round=check_round)
    messages.success(request, _("The check round was closed."))
    return redirect(
        "support:result", municipality_slug=check_round.municipality.slug, pk=pk
    )


@require_POST
def next_steps_make(request: HttpRequest, pk: int) -> HttpResponse:
    check_round = _round(request, pk, "support.change_nextstep")
    made = services.next_steps_make(by=request.user, check_round=check_round)
    messages.success(
        request,
        ngettext(
            "%(count)s next step was added.",
            "%(count)s next steps were added.",
            len(made),
        )
        % {"count": len(made)},
    )
    return redirect(
        "support:result", municipality_slug=check_round.municipality.slug, pk=pk
    )


@require_POST
def next_step_done(request: HttpRequest, pk: int) -> HttpResponse:
    steps = NextStep.objects.filter(round__municipality=request.municipality)  # type: ignore[attr-defined]
    step = steps.select_related("round__municipality").filter(pk=pk).first()
    if step is None:
        raise Http404
    check_round = get_object_for(
        request, _rounds(request), "support.change_nextstep", pk=step.round_id
    )
    services.next_step_mark(
        by=request.user, step=step, done=request.POST.get("done") != "0"
    )
    return redirect(
        "support:result",
        municipality_slug=check_round.municipality.slug,
        pk=check_round.pk,
    )
