"""Runs over a municipality's texts: computed in the request or as a background
task with progress, only published texts of the own municipality, typical texts
shown through the permission gate, turning a cluster into a topic, permissions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from quartier.core.models import AuditEntry
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.participation.models import Contribution, Topic
from quartier.participation.tests.factories import CommentFactory, ContributionFactory
from quartier.stories.tests.factories import StoryFactory
from quartier.topics import services, tasks
from quartier.topics.models import Cluster, ClusterRun
from quartier.topics.sources import collect_texts, resolve
from quartier.topics.tests.factories import seed_corpus

pytestmark = pytest.mark.django_db

ALL = ["contribution", "story", "comment"]


def _form(**extra):
    today = timezone.localdate()
    return {
        "period_start": (today - datetime.timedelta(days=30)).isoformat(),
        "period_end": today.isoformat(),
        "sources": ALL,
        **extra,
    }


def _start(municipality, by, **extra):
    today = timezone.localdate()
    return services.run_start(
        by=by,
        municipality=municipality,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        sources=ALL,
        **extra,
    )


def test_a_small_run_is_computed_in_the_request(client_for, coordinator, municipality):
    contributions, stories, comments, _parent = seed_corpus(municipality)
    response = client_for(coordinator).post(f"/{municipality.slug}/topics/", _form())
    run = ClusterRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.progress, run.k, run.text_count) == ("done", 100, 3, 31)
    groups = {
        frozenset(kind for kind, _pk in cluster.members)
        for cluster in run.clusters.all()
    }
    # Each group in one cluster: the playground texts were contributions, the bus
    # texts stories and the neighbours' texts comments (the parent stands apart).
    assert frozenset({"story"}) in groups and frozenset({"comment"}) in groups
    playground = run.clusters.get(terms__0__in=["Spielplatz", "Kinder"])
    assert {pk for _kind, pk in playground.members} >= {c.pk for c in contributions}
    assert run.created_by == coordinator
    assert AuditEntry.objects.filter(action="topics.start_run").count() == 1

    page = client_for(coordinator).get(run.get_absolute_url()).content.decode()
    assert "Spielplatz" in page and "Haltestelle" in page and "Nachbarn" in page
    assert stories[0].get_absolute_url() in page or any(
        s.get_absolute_url() in page for s in stories
    )
    assert "Wörter gezählt" in page or "zählt Wörter" in page  # the explanation
    assert "hx-get" not in page  # finished: no more polling


def test_large_runs_are_a_background_task_with_progress(
    client_for, coordinator, municipality, settings, monkeypatch
):
    seed_corpus(municipality)
    settings.TOPICS_BACKGROUND_TEXTS = 5
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from django_tasks import default_task_backend

    client = client_for(coordinator)
    response = client.post(f"/{municipality.slug}/topics/", _form())
    run = ClusterRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.progress, run.text_count) == ("queued", 0, 31)
    [queued] = default_task_backend.results
    assert queued.kwargs == {"run_id": run.pk}

    page = client.get(run.get_absolute_url()).content.decode()
    assert 'hx-get="' in page and 'hx-trigger="every 2s"' in page
    assert 'max="100" value="0"' in page
    assert f'href="{run.get_absolute_url()}"' in page  # refresh without JavaScript
    partial = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert 'id="run-status"' in partial.content.decode()

    # What the worker does, watching the progress it writes.
    seen = []
    real = tasks.cluster_texts

    def watched(texts, progress):
        def spy(percent):
            progress(percent)
            current = ClusterRun.objects.get(pk=run.pk)
            seen.append((current.status, current.progress))

        return real(texts, progress=spy)

    monkeypatch.setattr(tasks, "cluster_texts", watched)
    tasks.run_clustering.call(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.progress, run.k) == ("done", 100, 3)
    assert len(seen) >= 3 and all(status == "running" for status, _p in seen)
    progresses = [p for _s, p in seen]
    assert progresses == sorted(progresses) and 0 < progresses[0] < 100
    assert run.clusters.count() == 3
    # The finished run tells a polling page to load itself anew.
    done = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_the_background_path_runs_end_to_end(coordinator, municipality, settings):
    seed_corpus(municipality)
    settings.TOPICS_BACKGROUND_TEXTS = 5  # the immediate backend of the tests
    run = _start(municipality, coordinator)
    assert (run.status, run.k, run.progress) == ("done", 3, 100)


def test_a_run_with_too_few_texts_fails_with_a_reason(
    client_for, coordinator, municipality
):
    ContributionFactory.create_batch(3, municipality=municipality)
    client = client_for(coordinator)
    client.post(f"/{municipality.slug}/topics/", _form())
    run = ClusterRun.objects.get()
    assert run.status == "failed" and run.finished_at is not None
    page = client.get(run.get_absolute_url()).content.decode()
    assert "zu wenige Texte" in page


def test_an_error_ends_the_run_as_failed(coordinator, municipality, monkeypatch):
    seed_corpus(municipality)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "cluster_texts", broken)
    run = _start(municipality, coordinator)
    assert run.status == "failed" and "unerwarteten Fehler" in run.error

    def shut_down(*args, **kwargs):
        raise SystemExit  # a worker being stopped: no Exception

    monkeypatch.setattr(tasks, "cluster_texts", shut_down)
    with pytest.raises(SystemExit):
        _start(municipality, coordinator)
    assert ClusterRun.objects.latest("pk").status == "failed"


def test_stale_runs_are_ended(client_for, coordinator, municipality):
    run = ClusterRun.objects.create(
        municipality=municipality,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 1),
        sources=ALL,
        status="running",
    )
    ClusterRun.objects.filter(pk=run.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client_for(coordinator).get(f"/{municipality.slug}/topics/")
    run.refresh_from_db()
    assert run.status == "failed" and run.error


def test_texts_of_another_municipality_are_never_used(
    coordinator, municipality, other_municipality
):
    seed_corpus(municipality)
    foreign = seed_corpus(other_municipality)
    run = _start(municipality, coordinator)
    assert run.text_count == 31
    foreign_refs = (
        {("contribution", c.pk) for c in foreign[0] + [foreign[3]]}
        | {("story", s.pk) for s in foreign[1]}
        | {("comment", c.pk) for c in foreign[2]}
    )
    for cluster in run.clusters.all():
        refs = {tuple(ref) for ref in cluster.members + cluster.typical}
        assert not refs & foreign_refs
    # Nor are they shown, should a reference ever point there.
    assert resolve(coordinator, municipality, sorted(foreign_refs)) == {}


def test_only_published_texts_count(municipality, neighborhood):
    public = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    ContributionFactory(municipality=municipality, moderation="pending")
    ContributionFactory(municipality=municipality, moderation="rejected")
    hidden = ContributionFactory(municipality=municipality, is_hidden=True)
    story = StoryFactory(municipality=municipality)
    StoryFactory(municipality=municipality, consent_at=None, moderation="pending")
    StoryFactory(municipality=municipality, moderation="pending")
    comment = CommentFactory(contribution=public)
    CommentFactory(contribution=public, moderation="rejected")
    CommentFactory(contribution=hidden)  # below a hidden contribution
    today = timezone.localdate()
    texts = collect_texts(municipality=municipality, start=today, end=today, kinds=ALL)
    assert {(t.kind, t.pk) for t in texts} == {
        ("contribution", public.pk),
        ("story", story.pk),
        ("comment", comment.pk),
    }
    assert public.title in next(t.text for t in texts if t.kind == "contribution")


def test_period_neighbourhood_and_limit(municipality, neighborhood):
    other_hood = NeighborhoodFactory(municipality=municipality)
    inside = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    ContributionFactory(municipality=municipality, neighborhood=other_hood)
    old = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    type(old).objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    today = timezone.localdate()
    found = collect_texts(
        municipality=municipality,
        start=today - datetime.timedelta(days=30),
        end=today,
        kinds=["contribution"],
        neighborhood=neighborhood,
    )
    assert [t.pk for t in found] == [inside.pk]
    newest = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    latest = collect_texts(
        municipality=municipality,
        start=today - datetime.timedelta(days=500),
        end=today,
        kinds=["contribution"],
        limit=1,
    )
    assert [t.pk for t in latest] == [newest.pk]


def test_typical_texts_are_shown_only_to_who_may_see_them(
    municipality, resident, coordinator, neighborhood
):
    public = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    hidden = ContributionFactory(municipality=municipality, is_hidden=True)
    refs = [["contribution", public.pk], ["contribution", hidden.pk], ["story", 999999]]
    assert set(resolve(resident, municipality, refs)) == {("contribution", public.pk)}
    assert set(resolve(coordinator, municipality, refs)) == {
        ("contribution", public.pk),
        ("contribution", hidden.pk),
    }


def _done_run(municipality, members):
    run = ClusterRun.objects.create(
        municipality=municipality,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 1),
        sources=ALL,
        status="done",
        progress=100,
        k=2,
        silhouette=0.3,
    )
    cluster = Cluster.objects.create(
        run=run,
        position=1,
        terms=["Spielplatz", "Kinder", "Rutsche"],
        size=len(members),
        typical=members[:3],
        members=members,
    )
    return run, cluster


def test_a_cluster_becomes_a_topic_and_tags_its_contributions(
    client_for, coordinator, municipality, neighborhood
):
    first = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    second = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    own = Topic.objects.create(municipality=municipality, name="Grün", slug="gruen")
    first.topics.add(own)
    outside = ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    story = StoryFactory(municipality=municipality)
    run, cluster = _done_run(
        municipality,
        [["contribution", first.pk], ["story", story.pk], ["contribution", second.pk]],
    )
    client = client_for(coordinator)
    url = f"/{municipality.slug}/topics/{run.pk}/clusters/1/topic/"
    form = client.get(url).content.decode()
    assert 'value="Spielplatz, Kinder, Rutsche"' in form  # the name, editable
    response = client.post(url, {"name": "Spielplätze", "tag_contributions": "on"})
    assert response.status_code == 302
    topic = Topic.objects.get(municipality=municipality, name="Spielplätze")
    cluster.refresh_from_db()
    assert cluster.topic == topic
    assert set(Contribution.objects.filter(topics=topic)) == {first, second}
    assert set(first.topics.all()) == {own, topic}  # its other topics kept
    assert not outside.topics.exists()
    assert AuditEntry.objects.filter(action="topics.adopt_cluster").exists()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Spielplätze" in page and url not in page
    # Adopted once: not again.
    assert client.post(url, {"name": "Noch einmal"}).status_code == 403


def test_adopting_without_tagging_and_a_taken_name(
    client_for, coordinator, municipality, neighborhood
):
    contribution = ContributionFactory(
        municipality=municipality, neighborhood=neighborhood
    )
    Topic.objects.create(municipality=municipality, name="Verkehr", slug="verkehr")
    run, cluster = _done_run(municipality, [["contribution", contribution.pk]])
    client = client_for(coordinator)
    url = f"/{municipality.slug}/topics/{run.pk}/clusters/1/topic/"
    taken = client.post(url, {"name": "Verkehr", "tag_contributions": "on"})
    assert taken.status_code == 400
    assert "Dieses Thema gibt es schon" in taken.content.decode()
    cluster.refresh_from_db()
    assert cluster.topic is None and not contribution.topics.exists()
    assert client.post(url, {"name": "Busse"}).status_code == 302
    assert not contribution.topics.exists()
    assert Topic.objects.filter(municipality=municipality, name="Busse").exists()


@pytest.mark.parametrize("role", ["anonymous", "resident", "partner", "other_admin"])
def test_only_the_coordination_clusters(role, users, municipality, client_for):
    user = users[role]
    run, _cluster = _done_run(municipality, [])
    client = client_for(user)
    listed = client.get(f"/{municipality.slug}/topics/")
    assert listed.status_code in (302, 403)
    assert client.get(run.get_absolute_url()).status_code == 404
    assert (
        client.post(
            f"/{municipality.slug}/topics/{run.pk}/clusters/1/topic/", {"name": "X"}
        ).status_code
        == 404
    )
    assert not Topic.objects.filter(name="X").exists()
    if user is not None:
        with pytest.raises(PermissionDenied):
            _start(municipality, user)
        cluster = run.clusters.get()
        with pytest.raises(PermissionDenied):
            services.cluster_adopt(
                by=user, cluster=cluster, name="Y", tag_contributions=True
            )
    assert ClusterRun.objects.count() == 1


def test_the_home_card_is_for_the_coordination(
    client_for, coordinator, resident, municipality
):
    url = f"/{municipality.slug}/topics/"
    assert url in client_for(coordinator).get(f"/{municipality.slug}/").content.decode()
    assert (
        url not in client_for(resident).get(f"/{municipality.slug}/").content.decode()
    )


def test_the_form_offers_the_last_year_in_the_date_pickers_format(
    client_for, coordinator, municipality
):
    page = client_for(coordinator).get(f"/{municipality.slug}/topics/").content.decode()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    assert f'name="period_start" value="{start.isoformat()}"' in page
    assert f'name="period_end" value="{today.isoformat()}"' in page


def test_bad_form_input_is_answered_next_to_the_field(
    client_for, coordinator, municipality
):
    response = client_for(coordinator).post(
        f"/{municipality.slug}/topics/",
        {"period_start": "2026-06-30", "period_end": "2026-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "nicht vor seinem Beginn" in page
    assert not ClusterRun.objects.exists()


def test_the_run_page_needs_few_queries(
    client_for, coordinator, municipality, django_assert_max_num_queries
):
    seed_corpus(municipality)
    run = _start(municipality, coordinator)
    client = client_for(coordinator)
    client.get(run.get_absolute_url())
    # One query per kind of text for all typical texts, however many clusters.
    with django_assert_max_num_queries(12):
        assert client.get(run.get_absolute_url()).status_code == 200


def test_the_list_of_runs_needs_the_same_queries_for_2_and_6_runs(
    client_for, coordinator, municipality
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = timezone.localdate()

    def add(count):
        for _ in range(count):
            ClusterRun.objects.create(
                municipality=municipality,
                period_start=today - datetime.timedelta(days=30),
                period_end=today,
                sources=["contribution"],
                status="done",
            )

    client = client_for(coordinator)
    url = f"/{municipality.slug}/topics/"
    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)
