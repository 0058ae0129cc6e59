"""Topics in free text, for coordinators: the runs and the form to start one, a
run's clusters (with its progress while it runs), turning a cluster into a topic."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.topics import services
from quartier.topics.clustering import MAX_K, MIN_TEXTS, TEXTS_PER_CLUSTER
from quartier.topics.forms import AdoptForm, RunForm
from quartier.topics.models import Cluster, ClusterRun
from quartier.topics.sources import SOURCES, max_texts, resolve
from quartier.topics.tasks import end_stale_runs

RECENT_RUNS = 20


def _explained() -> dict[str, int]:
    return {
        "background_texts": services.background_texts(),
        "max_texts": max_texts(),
        "min_texts": MIN_TEXTS,
        "max_k": MAX_K,
        "texts_per_cluster": TEXTS_PER_CLUSTER,
    }


def run_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "topics.view_runs")
    form = RunForm(request.POST or None, municipality=municipality)
    status = 200
    if request.method == "POST":
        require(request, "topics.start_run")
        if form.is_valid():
            try:
                run = services.run_start(
                    by=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(run.get_absolute_url())
        status = 400
    end_stale_runs(municipality)
    runs = list(
        ClusterRun.objects.of(municipality).select_related(
            "neighborhood", "created_by"
        )[:RECENT_RUNS]
    )
    for run in runs:  # their links name the municipality: no query per run
        run.municipality = municipality
    return render(
        request,
        "topics/run_list.html",
        {"form": form, "runs": runs, **_explained()},
        status=status,
    )


@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    end_stale_runs(request.municipality)  # type: ignore[attr-defined]
    run = get_object_for(
        request, ClusterRun.objects.select_related("neighborhood", "created_by"), pk=pk
    )
    if request.headers.get("HX-Request"):
        if run.is_finished:  # the whole page, with the clusters or the reason
            return HttpResponseClientRefresh()
        return render(request, "topics/_run_status.html", {"run": run})
    clusters = list(run.clusters.select_related("topic")) if run.is_finished else []
    shown = resolve(
        request.user,
        run.municipality,
        [ref for cluster in clusters for ref in cluster.typical],
    )
    for cluster in clusters:
        cluster.shown = [
            shown[tuple(ref)] for ref in cluster.typical if tuple(ref) in shown
        ]  # type: ignore[attr-defined]
    return render(
        request,
        "topics/run_detail.html",
        {
            "run": run,
            "clusters": clusters,
            "may_adopt": request.user.has_perm(
                "participation.manage_topics", run.municipality
            ),
            "source_labels": [
                SOURCES[key].label for key in run.sources if key in SOURCES
            ],
            **_explained(),
        },
    )


def cluster_adopt(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    run = get_object_for(request, ClusterRun.objects.all(), pk=pk)
    cluster = get_object_for(
        request,
        Cluster.objects.filter(run=run).select_related("run__municipality"),
        "topics.adopt_cluster",
        position=position,
    )
    form = AdoptForm(request.POST or None, initial={"name": cluster.name})
    if request.method == "POST" and form.is_valid():
        try:
            topic, tagged = services.cluster_adopt(
                by=request.user,
                cluster=cluster,
                name=form.cleaned_data["name"],
                tag_contributions=form.cleaned_data["tag_contributions"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The topic “%(name)s” has been created and %(count)s contribution tagged with it.",
                    "The topic “%(name)s” has been created and %(count)s contributions tagged with it.",
                    tagged,
                )
                % {"name": topic.name, "count": tagged},
            )
            return redirect(run.get_absolute_url())
    contributions = sum(1 for kind, _pk in cluster.members if kind == "contribution")
    return render(
        request,
        "topics/cluster_adopt.html",
        {"run": run, "cluster": cluster, "form": form, "contributions": contributions},
        status=400 if request.method == "POST" else 200,
    )
