"""The API as independent clients use it.

- A client generated with openapi-python-client from /api/v1/openapi.json builds
  without warnings and reads every list and every detail of a small world like the
  demo's (over HTTP, against pytest-django's live server).
- schemathesis (all checks) finds nothing on the reads, anonymously and with a
  token: run in-process against the WSGI application, with a bounded number of
  examples per operation so it stays around a minute.
"""

import datetime
import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from quartier.accounts.services import token_create
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.compass.tests.factories import RoundFactory, TensionFieldFactory
from quartier.forums.models import DecisionStatusChange
from quartier.forums.tests.factories import DecisionFactory
from quartier.funds.tests.factories import ApplicationFactory, CallFactory
from quartier.glossary.models import Term
from quartier.impact.tests.factories import GoalFactory, IndicatorFactory
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.network.services import snapshot_take
from quartier.participation.tests.factories import ContributionFactory
from quartier.programmes.tests.factories import (
    ProgrammeElementFactory,
    ProgrammeFactory,
)
from quartier.reflections.tests.factories import ReflectionFactory
from quartier.reports.models import Report
from quartier.roles.tests.factories import (
    CompetenceFactory,
    QualificationOfferFactory,
)
from quartier.rooms.tests.factories import OpeningHoursFactory, RoomFactory
from quartier.stories.tests.factories import StoryFactory
from quartier.support.tests.factories import CheckRoundFactory, SupportOfferFactory
from quartier.surveys.tests.factories import survey_with_questions

BIN = Path(sys.executable).parent
EXAMPLES_PER_OPERATION = 5
# Lists that may be empty in this small world (nothing funded, booked yet).
MAY_BE_EMPTY = {"funded_list", "my_bookings"}


def build_world(municipality, neighborhood, admin_user):
    """One of everything the API reads; returns the path parameters' values."""
    first = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg")
    second = ActorFactory(municipality=municipality, name="Familienzentrum")
    tie = TieFactory(municipality=municipality, source=first, target=second)
    decision = DecisionFactory(agenda_item__meeting__forum__municipality=municipality)
    DecisionStatusChange.objects.create(
        decision=decision, old_status="", new_status="open", comment="Beschlossen."
    )
    meeting = decision.agenda_item.meeting
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    survey, _questions = survey_with_questions(
        municipality, closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    TensionFieldFactory(municipality=municipality)
    compass_round = RoundFactory(municipality=municipality)
    room = RoomFactory(municipality=municipality)
    OpeningHoursFactory(room=room)
    call = CallFactory(fund__municipality=municipality)
    application = ApplicationFactory(call=call)
    programme = ProgrammeFactory(municipality=None)  # shared: in both libraries
    ProgrammeElementFactory(programme=programme)
    initiative = InitiativeFactory(municipality=municipality, lead_actor=first)
    goal = GoalFactory(municipality=municipality)
    indicator = IndicatorFactory(impact_model__goal=goal)
    story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
    snapshot = snapshot_take(by=admin_user, municipality=municipality)
    term = Term.objects.create(
        municipality=municipality, term="Quartier", slug="quartier"
    )
    reflection = ReflectionFactory(municipality=municipality)
    competence = CompetenceFactory(profile__municipality=municipality)
    offer = QualificationOfferFactory(municipality=None)  # shared: seen everywhere
    check_round = CheckRoundFactory(municipality=municipality)
    SupportOfferFactory(municipality=None, title="Landesweite Beratung")
    SupportOfferFactory(municipality=municipality, title="Beratung vor Ort")
    report = Report.objects.create(
        municipality=municipality,
        title="Jahresbericht",
        audience="public",
        period_start=timezone.localdate() - datetime.timedelta(days=365),
        period_end=timezone.localdate(),
        status="done",
        content=[{"key": "forums.decisions", "title": "Beschlüsse", "blocks": []}],
        published_at=timezone.now(),
    )
    _token, raw = token_create(user=admin_user, name="Client")
    return raw, {
        "slug": municipality.slug,
        "actor_id": first.pk,
        "tie_id": tie.pk,
        "forum_slug": meeting.forum.slug,
        "meeting_id": meeting.pk,
        "decision_id": decision.pk,
        "contribution_id": contribution.pk,
        "survey_id": survey.pk,
        "round_id": compass_round.pk,
        "room_slug": room.slug,
        "fund_slug": call.fund.slug,
        "pk": application.pk,
        "programme_id": programme.pk,
        "initiative_id": initiative.pk,
        "goal_id": goal.pk,
        "indicator_id": indicator.pk,
        "story_id": story.pk,
        "snapshot_id": snapshot.pk,
        "term_slug": term.slug,
        "reflection_id": reflection.pk,
        "role_id": competence.profile.pk,
        "offer_id": offer.pk,
        "check_round_id": check_round.pk,
        "report_id": report.pk,
    }


def generate_client(tmp_path, document):
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document))
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(tmp_path / "quartier_client"),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        # Its post-processing runs ruff, which lives beside this interpreter.
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("quartier_client")
    finally:
        sys.path.remove(str(tmp_path))
    modules = {}
    api_package = importlib.import_module("quartier_client.api")
    for info in pkgutil.walk_packages(api_package.__path__, "quartier_client.api."):
        module = importlib.import_module(info.name)
        if hasattr(module, "sync_detailed"):
            modules[info.name.rsplit(".", 1)[-1]] = module
    return package, modules


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_reads_every_list_and_detail(
    tmp_path, live_server, client, municipality, neighborhood, admin_user
):
    raw, values = build_world(municipality, neighborhood, admin_user)
    document = client.get("/api/v1/openapi.json").json()
    package, modules = generate_client(tmp_path, document)
    http = package.AuthenticatedClient(base_url=live_server.url, token=raw)
    read = 0
    try:
        for path, operations in document["paths"].items():
            operation = operations.get("get")
            if operation is None:
                continue
            name = operation["operationId"]
            params = [p["name"] for p in operation["parameters"] if p["in"] == "path"]
            response = modules[name].sync_detailed(
                client=http, **{p: values[p] for p in params}
            )
            assert response.status_code == 200, (path, response.content[:300])
            parsed = response.parsed
            assert parsed is not None, path
            assert not type(parsed).__name__.startswith("Error"), path
            items = getattr(parsed, "items", None)
            if isinstance(items, list) and name not in MAY_BE_EMPTY:
                assert items, f"{path} is empty: the world lacks one"
            read += 1
    finally:
        for name in [m for m in sys.modules if m.startswith("quartier_client")]:
            del sys.modules[name]
    assert read >= 25


def fuzz(operation, mode, headers, checks):
    """A hypothesis test of one operation: bounded, repeatable, all checks."""
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(headers=headers, checks=checks)

    return run


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """schemathesis calls the WSGI application itself, which closes database
    connections at each request's start and end; inside the test's transaction that
    closes the connection the test runs in (PostgreSQL then fails). Django's test
    client disconnects the same handler for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_schemathesis_finds_nothing_on_the_reads(
    municipality, neighborhood, admin_user, wsgi_keeps_the_test_connection
):
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import CHECKS, load_all_checks
    from schemathesis.generation.modes import GenerationMode

    raw, _values = build_world(municipality, neighborhood, admin_user)
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", get_wsgi_application()
    )
    load_all_checks()
    checks = CHECKS.get_all()
    failures = []
    operations = 0
    for result in schema.include(method="GET").get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in GenerationMode:  # valid input, and invalid input (must be 4xx)
            for headers in ({}, {"Authorization": f"Bearer {raw}"}):
                try:
                    fuzz(operation, mode, headers, checks)()
                except Unsatisfiable:
                    pass  # nothing invalid to send (e.g. only a free-text slug)
                except Exception as exc:  # noqa: BLE001 - collect all, then report
                    token = bool(headers)
                    failures.append(f"{operation.label} {mode} {token=}: {exc}")
    assert operations >= 25
    assert failures == [], "\n\n".join(failures)
