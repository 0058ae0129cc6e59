"""Queries in the request path carry the municipality (Citus; docs/operations.md).

The crawl requests every page of the permission truth table that a guest or the
coordinator may see (test_truth_table.py: its world and URL cases) with
TENANT_QUERY_SCOPING on, as a Citus host runs: every page answers as the truth table
says, and the SQL is captured to find each tenant table read without a municipality
condition (`quartier.core.tenancy.unscoped_tables`); on Citus such a query asks
every node. No page may read a tenant table without the key, except inside
`tenancy.across_municipalities()` (reads of every municipality on purpose: each
statement is recorded with that flag).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from quartier.core import tenancy
from quartier.core.tests.module_data import built_once
from quartier.core.tests.test_truth_table import CASES, _build_world

ROLES = ("anonymous", "coordinator")
TABLES = frozenset({"participation_contribution", "participation_support"})


def test_the_check_finds_a_tenant_table_read_without_the_key():
    sql = (
        'SELECT "participation_support"."id" FROM "participation_support" '
        'INNER JOIN "participation_contribution" ON ("participation_support".'
        '"contribution_id" = "participation_contribution"."id") '
        'WHERE "participation_contribution"."municipality_id" = 1'
    )
    assert tenancy.unscoped_tables(sql, TABLES) == ["participation_support"]


def test_the_check_accepts_a_condition_on_an_alias_and_in():
    sql = (
        'SELECT U0."id" FROM "participation_support" U0 WHERE '
        'U0."municipality_id" IN (1, 2)'
    ).replace('U0."', '"U0"."')
    assert tenancy.unscoped_tables(sql, TABLES) == []


def test_a_join_on_the_key_is_scoped_when_one_side_is():
    join = (
        'SELECT "participation_support"."id" FROM "participation_support" '
        'INNER JOIN "participation_contribution" ON ("participation_support".'
        '"contribution_id" = "participation_contribution"."id" AND '
        '("participation_contribution"."municipality_id" = '
        '("participation_support"."municipality_id")))'
    )
    assert tenancy.unscoped_tables(join, TABLES) == [
        "participation_support",
        "participation_contribution",
    ]
    scoped = join + ' WHERE "participation_support"."municipality_id" = 1'
    assert tenancy.unscoped_tables(scoped, TABLES) == []


def test_joins_between_tenant_tables_carry_the_key_when_scoping_is_on(settings):
    from quartier.participation.models import Support

    query = Support.objects.select_related("contribution").filter(
        contribution__title="x"
    )
    settings.TENANT_QUERY_SCOPING = False
    assert '"municipality_id" = "' not in str(query.query)
    settings.TENANT_QUERY_SCOPING = True
    assert (
        '("participation_contribution"."municipality_id" = '
        '("participation_support"."municipality_id"))'
    ) in str(query.query)


def test_a_join_turned_into_a_subquery_carries_the_current_key(settings):
    """`exclude()` across a multi-valued relation: Django reads the child table in
    a subquery of its own, where no join can carry the key."""
    from quartier.participation.models import Contribution

    settings.TENANT_QUERY_SCOPING = True
    with tenancy.scoped_to(7):
        sql = str(Contribution.objects.exclude(supports__user_id=3).query)
    assert 'U1."municipality_id" = 7' in sql
    assert tenancy.unscoped_tables(sql, TABLES) == []


def test_a_join_from_a_reference_table_carries_the_current_key(settings):
    """`User.objects.filter(contribution_supports__…)`: the user table has no key
    to join on, the tenant table joined to it gets the current municipality."""
    from quartier.accounts.models import User

    query = User.objects.filter(contribution_supports__contribution_id=5)
    settings.TENANT_QUERY_SCOPING = True
    with tenancy.scoped_to(7):
        sql = str(query.query)
    assert '"participation_support"."municipality_id" = 7' in sql
    assert tenancy.unscoped_tables(sql, TABLES) == []
    with tenancy.scoped_to(7), tenancy.across_municipalities():
        assert "municipality_id" not in str(query.query)


def test_an_instances_history_is_scoped(settings):
    """simple_history makes a new manager on every `instance.history`."""
    from quartier.forums.models import Forum

    settings.TENANT_QUERY_SCOPING = True
    with tenancy.scoped_to(7):
        sql = str(Forum(pk=4, municipality_id=7).history.all().query)
    assert '"forums_historicalforum"."municipality_id" = 7' in sql


@pytest.mark.django_db
def test_the_crawl_leaves_out_reads_across_municipalities(settings):
    from quartier.participation.models import Support

    captured = Capture()
    with connection.execute_wrapper(captured):
        list(Support.objects.all())
        with tenancy.across_municipalities():
            list(Support.objects.filter(contribution__title="x"))
    assert [table for table, _sql in unscoped_reads(captured)] == [
        "participation_support"
    ]


def test_writes_and_reference_tables_are_not_checked():
    assert (
        tenancy.unscoped_tables('UPDATE "participation_support" SET x=1', TABLES) == []
    )
    sql = 'SELECT "core_municipality"."id" FROM "core_municipality"'
    assert tenancy.unscoped_tables(sql, TABLES) == []


def _gap_tables() -> frozenset[str]:
    """The tables of core/tenancy.py KNOWN_GAPS that have no key yet (Django's own
    many-to-many tables): a join from one of them cannot carry the key, so a query
    that reads one is left to the gap's fix, which the tenant-table test holds."""
    return frozenset(
        model._meta.db_table
        for model in tenancy.all_models()
        if model._meta.label in tenancy.KNOWN_GAPS
        and tenancy.municipality_key(model) is None
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _build_world)


class Capture:
    """Every SQL statement run on the connection, with whether it ran inside
    `tenancy.across_municipalities()` (a read of every municipality on purpose)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, bool]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.queries.append((sql, tenancy._across.get()))
        return execute(sql, params, many, context)


def unscoped_reads(captured: Capture) -> list[tuple[str, str]]:
    """(table, sql) of each tenant table read without the key outside an
    across_municipalities() block."""
    tables, gaps = tenancy.tenant_table_names(), _gap_tables()
    found = []
    for sql, across in captured.queries:
        if across or any(f'"{gap}"' in sql for gap in gaps):
            continue
        found.extend((table, sql) for table in tenancy.unscoped_tables(sql, tables))
    return found


def crawl(client_for, world) -> tuple[dict[str, list[str]], int, int, list[str]]:
    """Every page a role in ROLES may see: the unscoped reads (table -> the pages),
    the number of pages and of queries, and the pages that did not answer as the
    truth table expects."""
    unscoped: dict[str, list[str]] = {}
    pages = queries = 0
    wrong = []
    for case in CASES:
        if case.method != "get":
            continue
        for role in ROLES:
            if case.expect[role] != 200:
                continue
            url = reverse(case.name, kwargs=case.kwargs(world))
            cache.clear()  # the guests' page cache would hide the queries
            captured = Capture()
            with connection.execute_wrapper(captured):
                response = client_for(world[role]).get(url, case.data)
            pages += 1
            queries += len(captured.queries)
            if response.status_code != 200:
                wrong.append(f"{url} as {role}: {response.status_code}")
            for table, sql in unscoped_reads(captured):
                unscoped.setdefault(table, []).append(f"{url} as {role}: {sql}")
    return unscoped, pages, queries, wrong


@pytest.mark.django_db
def test_pages_read_tenant_tables_with_the_municipality(client_for, world, settings):
    settings.TENANT_QUERY_SCOPING = True
    unscoped, pages, queries, wrong = crawl(client_for, world)
    assert pages > 400 and queries > 5000
    assert not wrong, "with TENANT_QUERY_SCOPING on:\n" + "\n".join(wrong)
    assert not unscoped, (
        "pages read these tenant tables without the municipality (filter by "
        "request.municipality, build the queryset inside the request, or mark an "
        "intended read of every municipality with tenancy.across_municipalities()):"
        "\n" + "\n".join(f"{t}: {reads[0]}" for t, reads in sorted(unscoped.items()))
    )


@pytest.mark.django_db
def test_scoping_limits_a_tenant_query_to_the_current_municipality(settings):
    from quartier.participation.models import Support
    from quartier.participation.tests.factories import SupportFactory

    mine, other = SupportFactory(), SupportFactory()
    with tenancy.scoped_to(mine.municipality_id):
        assert list(Support.objects.all()) == [mine]
        with tenancy.across_municipalities():
            assert set(Support.objects.all()) == {mine, other}
        assert list(mine.contribution.supports.all()) == [mine]
        assert list(other.contribution.supports.all()) == []
    assert set(Support.objects.all()) == {mine, other}
