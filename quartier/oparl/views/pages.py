"""The oparl app's pages below /<municipality>/oparl/: the council system's
settings with the import reports, a council paper, linking papers and decisions,
and a forum's "what became of our recommendations"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.object_links import link_choices
from quartier.forums.models import Decision, DecisionKind, Forum
from quartier.oparl import services
from quartier.oparl.forms import DecisionChoiceForm, PaperChoiceForm, SourceForm
from quartier.oparl.links import KEY
from quartier.oparl.models import CouncilPaper, CouncilSource, ImportRun, PaperLink
from quartier.oparl.progress import attach_progress, status_of

RUNS_SHOWN = 10
PAPERS_OFFERED = 200


def settings_page(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "oparl.configure", municipality)
    source = CouncilSource.objects.filter(municipality=municipality).first()
    initial = (
        {"system_url": source.system_url, "timeout": source.timeout} if source else None
    )
    form = SourceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_configure(
                by=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The council information system is saved."))
            return redirect("oparl:settings", municipality_slug=municipality.slug)
    runs = ImportRun.objects.of(municipality).order_by("-started_at", "-pk")[
        :RUNS_SHOWN
    ]
    return render(
        request,
        "oparl/settings.html",
        {"form": form, "source": source, "runs": runs},
    )


def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_for(
        request, CouncilPaper.objects.select_related("municipality"), pk=pk
    )
    attach_progress([paper])
    # Each forum whose decision the paper took up: its "what became of our
    # recommendations" list.
    forums = (
        Forum.objects.visible_to(request.user, request.municipality)
        .filter(  # type: ignore[attr-defined]
            decisions__council_links__paper=paper
        )
        .distinct()
    )
    return render(
        request,
        "oparl/paper_detail.html",
        {
            "paper": paper,
            "forums": forums,
            "status": status_of(paper),
            "can_link": request.user.has_perm("oparl.link_councilpaper", paper),
        },
    )


def paper_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper's side: choose the decision it took up."""
    paper = get_object_for(
        request,
        CouncilPaper.objects.select_related("municipality"),
        "oparl.link_councilpaper",
        pk=pk,
    )
    form = DecisionChoiceForm(
        request.POST or None,
        choices=link_choices(request.user, request.municipality, KEY),  # type: ignore[attr-defined]
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_link(
                by=request.user, paper=paper, decision=form.cleaned_data["decision"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The paper is linked with the decision."))
            return redirect(paper)
    return render(
        request, "oparl/link_form.html", {"form": form, "paper": paper, "back": paper}
    )


def decision_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision's side: choose the council paper that took it up, or remove
    a link."""
    decision = get_object_for(
        request,
        Decision.objects.select_related("forum", "municipality"),
        "forums.change_decision",
        pk=pk,
    )
    municipality = request.municipality  # type: ignore[attr-defined]
    links = list(
        PaperLink.objects.filter(decision=decision).select_related(
            "paper__municipality"
        )
    )
    if request.method == "POST" and "remove" in request.POST:
        link = next((x for x in links if str(x.pk) == request.POST["remove"]), None)
        if link is not None:
            services.paper_unlink(by=request.user, link=link)
            messages.success(request, _("The link to the council paper is removed."))
        return redirect(
            "oparl:decision_link", municipality_slug=municipality.slug, pk=pk
        )
    papers = (
        CouncilPaper.objects.visible_to(request.user, municipality)
        .filter(deleted=False)
        .order_by("-date", "-pk")
    )
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        offered = papers  # any paper may be chosen, whatever the list showed
    else:
        if query:
            papers = papers.filter(
                Q(reference__icontains=query) | Q(name__icontains=query)
            )
        # A city's council system holds tens of thousands of papers: the newest
        # ones, or those the search finds.
        offered = papers[:PAPERS_OFFERED]
    form = PaperChoiceForm(request.POST or None, choices=offered)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_link(
                by=request.user, paper=form.cleaned_data["paper"], decision=decision
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The paper is linked with the decision."))
            return redirect(decision)
    return render(
        request,
        "oparl/link_form.html",
        {
            "form": form,
            "decision": decision,
            "links": links,
            "back": decision,
            "query": query,
            "offered": PAPERS_OFFERED,
        },
    )


def forum_council(request: HttpRequest, slug: str) -> HttpResponse:
    """ "What became of our recommendations": the forum's recommendations and
    the decisions linked to council papers, each with where it stands."""
    forum = get_object_for(request, Forum.objects.all(), slug=slug)
    decisions = list(
        Decision.objects.filter(forum=forum)
        .select_related("municipality", "forum")
        .order_by("-decided_on", "-number")
    )
    rows = list(
        PaperLink.objects.filter(decision__in=[d.pk for d in decisions])
        .select_related("paper__municipality")
        .order_by("paper__date", "pk")
    )
    papers = [row.paper for row in rows]
    attach_progress(papers)
    by_decision: dict[int, list[CouncilPaper]] = {}
    for row in rows:
        if request.user.has_perm("oparl.view_councilpaper", row.paper):
            row.paper.status = status_of(row.paper)
            by_decision.setdefault(row.decision_id, []).append(row.paper)
    entries = [
        (decision, by_decision.get(decision.pk, []))
        for decision in decisions
        if decision.kind == DecisionKind.RECOMMENDATION or decision.pk in by_decision
    ]
    return render(
        request, "oparl/forum_council.html", {"forum": forum, "entries": entries}
    )
