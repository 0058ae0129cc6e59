"""Stored counters of supports and comments (participation/counters.py): every
write of what they count updates them in its transaction, the list and the API show
them, and `check_counters` finds and fixes drift."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.participation import counters, services
from quartier.participation.models import Comment, Contribution, Support
from quartier.participation.tests.factories import (
    CommentFactory,
    ContributionFactory,
    SupportFactory,
)
from quartier.participation.tests.test_support import _race


def _stored(contribution):
    contribution.refresh_from_db()
    return contribution.support_count, contribution.comment_count


@pytest.fixture
def contribution(municipality, neighborhood):
    return ContributionFactory(municipality=municipality, neighborhood=neighborhood)


def test_supports_count_once_confirmed_and_until_deleted(contribution, resident):
    services.support_add(by=resident, contribution=contribution)
    assert _stored(contribution) == (1, 0)
    guest = services.support_add(
        by=AnonymousUser(), contribution=contribution, email="gast@test.example"
    )
    assert _stored(contribution) == (1, 0)  # not confirmed yet
    token = services.confirm_token("s", guest.pk, "gast@test.example")
    services.confirm_email(token=token)
    assert _stored(contribution) == (2, 0)
    resident.delete()  # the account's support goes with it (a cascade)
    assert _stored(contribution) == (1, 0)
    Support.objects.filter(pk=guest.pk).delete()
    assert _stored(contribution) == (0, 0)


def test_comments_count_while_public(contribution, municipality, resident, coordinator):
    comment = services.comment_add(by=resident, contribution=contribution, text="Ja")
    assert _stored(contribution) == (0, 1)
    services.comment_moderate(by=coordinator, comment=comment, action="reject")
    assert _stored(contribution) == (0, 0)
    services.comment_moderate(by=coordinator, comment=comment, action="approve")
    assert _stored(contribution) == (0, 1)
    comment.is_hidden = True  # as reports hide it (services.report_add)
    comment.save(update_fields=["is_hidden"])
    assert _stored(contribution) == (0, 0)
    municipality.moderation_mode = "pre"
    municipality.save()
    services.comment_add(by=resident, contribution=contribution, text="Wartet")
    assert _stored(contribution) == (0, 0)  # waiting for approval


def test_reports_that_hide_a_comment_take_it_out_of_the_count(
    contribution, municipality
):
    comment = CommentFactory(contribution=contribution)
    assert _stored(contribution) == (0, 1)
    for n in range(3):  # three accounts from three addresses weigh 6
        services.report_add(
            by=UserFactory(), target=comment, reporter_key=f"adresse-{n}"
        )
    comment.refresh_from_db()
    assert comment.is_hidden
    assert _stored(contribution) == (0, 0)


def test_the_list_and_the_api_show_the_stored_counts(client, contribution):
    SupportFactory.create_batch(2, contribution=contribution)
    CommentFactory(contribution=contribution)
    slug = contribution.municipality.slug
    page = client.get(
        reverse("participation:list", kwargs={"municipality_slug": slug})
    ).content.decode()
    assert "2 Unterstützer" in page or "2 supporters" in page
    assert "1 Kommentar" in page or "1 comment" in page
    api = client.get(f"/api/v1/municipalities/{slug}/contributions").json()
    assert [row["supporters"] for row in api["items"]] == [2]
    detail = client.get(contribution.get_absolute_url()).content.decode()
    assert "2 Personen unterstützen das." in detail or "2 people support" in detail


def test_most_supported_sorts_by_the_stored_count(client, municipality, neighborhood):
    few, many = (
        ContributionFactory(municipality=municipality, neighborhood=neighborhood)
        for _ in range(2)
    )
    SupportFactory(contribution=few)
    SupportFactory.create_batch(3, contribution=many)
    url = reverse("participation:list", kwargs={"municipality_slug": municipality.slug})
    page = client.get(url, {"sort": "supported"}).content.decode()
    assert page.index(many.title) < page.index(few.title)


def test_check_counters_finds_and_fixes_drift(contribution):
    SupportFactory.create_batch(2, contribution=contribution)
    CommentFactory(contribution=contribution)
    other = ContributionFactory(municipality=contribution.municipality)
    out = io.StringIO()
    call_command("check_counters", stdout=out)
    assert "0 contribution(s) with drifted counters" in out.getvalue()

    # A write that bypasses save() (a bulk update, a restored backup) drifts.
    Contribution.objects.filter(pk=contribution.pk).update(
        support_count=7, comment_count=0
    )
    Comment.objects.filter(contribution=contribution).update(is_hidden=True)
    Contribution.objects.filter(pk=other.pk).update(comment_count=3)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_counters", stdout=out)
    report = out.getvalue()
    assert f"contribution {contribution.pk}: support_count 7 (counted 2)" in report
    assert f"contribution {other.pk}: support_count 0 (counted 0), comment_count 3" in (
        report
    )
    assert "2 contribution(s) with drifted counters" in report
    assert _stored(contribution) == (7, 0)  # reporting changes nothing

    out = io.StringIO()
    call_command("check_counters", "--fix", stdout=out)
    assert "2 contribution(s) with drifted counters, fixed." in out.getvalue()
    assert _stored(contribution) == (2, 0)
    assert _stored(other) == (0, 0)
    assert counters.check() == []


def test_bulk_writes_recount_in_one_statement(contribution):
    Support.objects.bulk_create(
        [Support(contribution=contribution, email=f"b{i}@test.example") for i in (1, 2)]
    )
    Support.objects.filter(contribution=contribution).update(
        confirmed_at="2026-01-01T00:00Z"
    )
    assert _stored(contribution) == (0, 0)  # bulk writes send no signals
    counters.recount_all(Contribution.objects.filter(pk=contribution.pk))
    assert _stored(contribution) == (2, 0)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_supports_are_all_counted(municipality, neighborhood):
    # PostgreSQL: each recount waits for the contribution's row lock, then counts
    # the supports committed meanwhile (a plain UPDATE … SET = (SELECT COUNT)
    # would read an older snapshot and lose one).
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    people = UserFactory.create_batch(8)
    errors = _race(
        lambda person: services.support_add(by=person, contribution=contribution),
        people,
    )
    assert errors == []
    assert _stored(contribution) == (8, 0)
