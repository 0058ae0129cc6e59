"""Pages of the relationship survey below /<slug>/network/surveys/: the
coordination opens rounds and reads the scores; each participating organisation
answers through its signed link, without an account."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import Actor
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.network import services, survey, survey_links
from quartier.network.forms import AnswerFormSet, SurveyRoundForm
from quartier.network.models import (
    TRUST_ITEMS,
    VALUE_ITEMS,
    Answer,
    Participant,
    SurveyRound,
)


def _actors(municipality: Any) -> Any:
    return (
        Actor.objects.of(municipality).filter(archived_at__isnull=True).order_by("name")
    )


def survey_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "network.manage_surveys")
    rounds = SurveyRound.objects.of(municipality)
    return render(request, "network/survey_list.html", {"rounds": rounds})


def survey_new(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "network.manage_surveys")
    form = SurveyRoundForm(request.POST or None, actors=_actors(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            round = services.survey_open(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The survey is open; the links have been sent.")
            )
            return redirect(
                "network:survey", municipality_slug=municipality.slug, pk=round.pk
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "network/survey_form.html", {"form": form}, status=status)


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_for(request, SurveyRound.objects.all(), pk=pk)
    answers = Answer.objects.filter(participant__round=round).select_related(
        "participant__actor", "partner"
    )
    rated = [
        survey.Rated(a.participant.actor.name, a.partner.name, a.trust, a.value)
        for a in answers
    ]
    result = survey.scores(rated)
    ties = sorted((*sorted(pair), means) for pair, means in result["ties"].items())
    participants = round.participants.select_related("actor")
    return render(
        request,
        "network/survey_detail.html",
        {
            "round": round,
            "result": result,
            "ties": ties,
            "actors": sorted(result["actors"].items()),
            "participants": participants,
            "minimum": survey.MIN_RESPONDENTS,
        },
    )


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer by the signed link: the link is the permission, no account needed."""
    participant = survey_links.participant_for(token)
    municipality = request.municipality  # type: ignore[attr-defined]
    if participant is None or participant.round.municipality_id != municipality.pk:
        raise Http404
    return _answer(request, participant)


def survey_answer_signed_in(
    request: HttpRequest, pk: int, actor_pk: int
) -> HttpResponse:
    """Answer signed in, as someone acting for the participating organisation."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    participant = get_object_for(
        request,
        Participant.objects.select_related("round", "actor").filter(
            round__municipality=request.municipality,  # type: ignore[attr-defined]
            round__closes_on__gte=timezone.localdate(),
        ),
        round_id=pk,
        actor_id=actor_pk,
    )
    return _answer(request, participant)


def _answer(request: HttpRequest, participant: Participant) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    partners = _actors(municipality).exclude(pk=participant.actor_id)
    initial = [
        {
            "partner": a.partner,
            **{item: getattr(a, item) for item in TRUST_ITEMS + VALUE_ITEMS},
        }
        for a in participant.answers.select_related("partner")
    ]
    initial += [{} for _ in range(3)]
    formset = AnswerFormSet(
        request.POST or None,
        initial=initial,
        form_kwargs={"partners": partners},
    )
    if request.method == "POST" and formset.is_valid():
        rows = [
            (
                f.cleaned_data["partner"],
                [f.cleaned_data[i] for i in TRUST_ITEMS + VALUE_ITEMS],
            )
            for f in formset
            if f.cleaned_data.get("partner")
        ]
        try:
            services.survey_answer(participant=participant, rows=rows)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            return render(
                request, "network/survey_thanks.html", {"participant": participant}
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "network/survey_answer.html",
        {"formset": formset, "participant": participant},
        status=status,
    )
