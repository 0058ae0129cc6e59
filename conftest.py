"""Shared test set-up: settings for tests, fixture users per role, two municipalities.

The fixture users follow Healthchecks' alice/bob/charlie habit: one per role in
Musterstadt, plus the admin of another municipality to prove tenant isolation.
"""

import pytest

ROLES = ["anonymous", "resident", "partner", "coordinator", "admin", "other_admin"]


def pytest_sessionstart(session):
    """Tests see the German interface whether or not `make demo` compiled it: each
    catalogue (quartier/locale*, *.mo is git-ignored) is compiled when its .mo is
    missing or older than the .po.

    With pytest-xdist the controller compiles them before it starts its workers,
    so the workers only read them."""
    if hasattr(session.config, "workerinput"):
        return
    from quartier.core.catalogues import compile_stale

    compiled = compile_stale()
    if compiled:  # Django may have loaded the catalogues already while starting up.
        import gettext

        from django.conf import settings

        # Python's gettext keeps each parsed .mo by path: forget the old files too.
        gettext._translations.clear()  # type: ignore[attr-defined]
        from django.test.signals import setting_changed

        setting_changed.send(
            sender=None,
            setting="LOCALE_PATHS",
            value=settings.LOCALE_PATHS,
            enter=False,
        )


def pytest_sessionfinish(session, exitstatus):
    """With CI=true a skipped test fails the pass: CI runs every test (a test that
    cannot run on one database checks what holds there instead of skipping)."""
    import os

    if os.environ.get("CI") != "true" or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == pytest.ExitCode.OK:
        names = ", ".join(report.nodeid for report in skipped[:5])
        reporter.write_line(
            f"FAILED: {len(skipped)} skipped with CI=true ({names})", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each test database is copied from a migrated template instead of being
    migrated again (quartier/core/tests/database_templates.py)."""
    from quartier.core.tests.database_templates import use_templates

    use_templates()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Each test's client builds the middleware anew; without autorefresh WhiteNoise
    # would list and stat every static file each time (most of a short test's run
    # time). With it, it looks up only the files a test asks for, in the same places.
    settings.WHITENOISE_AUTOREFRESH = True
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def municipality(db):
    from quartier.core.tests.factories import MunicipalityFactory

    return MunicipalityFactory(name="Musterstadt", slug="musterstadt")


@pytest.fixture
def other_municipality(db):
    from quartier.core.tests.factories import MunicipalityFactory

    return MunicipalityFactory(name="Beispielheim", slug="beispielheim")


@pytest.fixture
def neighborhood(municipality):
    from quartier.core.tests.factories import NeighborhoodFactory

    return NeighborhoodFactory(
        municipality=municipality, name="Sonnenberg", slug="sonnenberg"
    )


def _member(municipality, role, email):
    from quartier.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory(email=email)
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture
def resident(municipality):
    return _member(municipality, "resident", "bewohnerin@test.example")


@pytest.fixture
def partner(municipality):
    return _member(municipality, "partner", "partner@test.example")


@pytest.fixture
def coordinator(municipality):
    return _member(municipality, "coordinator", "koordination@test.example")


@pytest.fixture
def admin_user(municipality):
    return _member(municipality, "admin", "admin@test.example")


@pytest.fixture
def other_admin(other_municipality):
    return _member(other_municipality, "admin", "admin@beispielheim.test")


@pytest.fixture
def users(resident, partner, coordinator, admin_user, other_admin):
    """Every role by name; "anonymous" is None."""
    return {
        "anonymous": None,
        "resident": resident,
        "partner": partner,
        "coordinator": coordinator,
        "admin": admin_user,
        "other_admin": other_admin,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client signed in as `user` (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
