"""The demo's Quartiers-Check and support offers: 25 offers in the five kinds with
deadlines, two rounds in Musterstadt (2025 closed with next steps, 2026 open with the
team's answers and suggested results), one in each other municipality, more than
half of the questions suggested from Musterstadt's data; a second run changes
nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quartier.core.check_suggestions import suggestions_for
from quartier.core.models import Municipality
from quartier.demo import records
from quartier.support.models import (
    CheckAnswer,
    CheckResult,
    CheckRound,
    NextStep,
    OfferDeadline,
    OfferKind,
    SupportOffer,
)
from quartier.support.questions import QUESTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_25_offers_in_the_five_kinds_with_coming_deadlines(musterstadt):
    offers = SupportOffer.objects.all()
    assert offers.count() == 25
    for kind in OfferKind.values:
        assert offers.filter(kind=kind).count() >= 4, kind
    assert offers.filter(municipality=musterstadt).count() == 2
    funding = offers.filter(kind=OfferKind.FUNDING)
    assert all(o.amount_max and o.cofinancing_percent is not None for o in funding)
    assert OfferDeadline.objects.filter(due_on__gt=timezone.localdate()).count() >= 10


def test_rounds_in_five_municipalities_and_next_steps(musterstadt):
    rounds = CheckRound.objects.all()
    assert sorted(rounds.values_list("municipality__slug", "year")) == [
        ("beispielheim", 2026),
        ("kleinbach", 2026),
        ("lindental", 2026),
        ("musterstadt", 2025),
        ("musterstadt", 2026),
        ("oberwiesen", 2026),
    ]
    last_year = rounds.get(municipality=musterstadt, year=2025)
    assert last_year.status == "closed"
    assert last_year.results.count() == len(QUESTIONS)
    steps = NextStep.objects.filter(round=last_year)
    assert steps.filter(done_on__isnull=False).count() == 5
    assert steps.filter(done_on__isnull=True).exists()
    this_year = rounds.get(municipality=musterstadt, year=2026)
    assert this_year.status == "open"
    # Three team members answered, and they disagree somewhere.
    answers = CheckAnswer.objects.filter(round=this_year)
    assert answers.values("person").distinct().count() == 3
    spread = {}
    for question, value in answers.values_list("question", "value"):
        spread.setdefault(question, set()).add(value)
    assert any(max(v) - min(v) >= 2 for v in spread.values())


def test_more_than_half_of_the_questions_are_suggested_from_the_data(musterstadt):
    suggestions = suggestions_for(musterstadt)
    assert len(suggestions) * 2 >= len(QUESTIONS)
    this_year = CheckRound.objects.get(municipality=musterstadt, year=2026)
    results = {r.question: r for r in CheckResult.objects.filter(round=this_year)}
    taken = [
        key
        for key, s in suggestions.items()
        if key in results and results[key].value == s.value
    ]
    assert len(taken) >= 10
    overridden = [r for r in results.values() if r.overrides_suggestion]
    assert [r.question for r in overridden] == ["r7.bridging"]
    assert overridden[0].reason


def test_the_result_page_compares_with_last_year(musterstadt, client):
    client.force_login(records.get_user("koordination@musterstadt.example"))
    this_year = CheckRound.objects.get(municipality=musterstadt, year=2026)
    html = client.get(
        reverse(
            "support:result",
            kwargs={"municipality_slug": "musterstadt", "pk": this_year.pk},
        )
    ).content.decode()
    assert "Die gestrichelte Linie zeigt die Runde 2025." in html
    assert "<polygon" in html


def test_a_second_run_changes_nothing(musterstadt):
    counts = (
        SupportOffer.objects.count(),
        OfferDeadline.objects.count(),
        CheckResult.objects.count(),
        CheckAnswer.objects.count(),
        NextStep.objects.count(),
    )
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts == (
        SupportOffer.objects.count(),
        OfferDeadline.objects.count(),
        CheckResult.objects.count(),
        CheckAnswer.objects.count(),
        NextStep.objects.count(),
    )
