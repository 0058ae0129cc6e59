"""Views of the glossary and the Leitbild: public reading, members' proposals and
comments, the coordination's adopted versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.forums.services.decisions import decision_label
from quartier.glossary import services
from quartier.glossary.forms import AdoptionForm, CommentForm, ProposalForm, TermForm
from quartier.glossary.models import (
    AgreedDefinition,
    LeitbildVersion,
    ProposalComment,
    ProposedDefinition,
    Term,
)
from quartier.glossary.usage import used_in


def _label(version: AgreedDefinition | LeitbildVersion) -> None:
    version.decision.label = decision_label(version.decision)  # type: ignore[attr-defined]


@require_GET
def term_list(request: HttpRequest) -> HttpResponse:
    require(request, "glossary.view_term")
    municipality = request.municipality
    terms = list(
        Term.objects.of(municipality)
        .annotate(proposal_count=Count("proposals", distinct=True))
        .prefetch_related(
            Prefetch(
                "agreed_versions",
                queryset=AgreedDefinition.objects.order_by("-valid_from", "-pk"),
            )
        )
    )
    for term in terms:
        versions = list(term.agreed_versions.all())
        term.agreed = versions[0] if versions else None  # type: ignore[attr-defined]
    context = {
        "terms": terms,
        "may_add": request.user.has_perm("glossary.add_term", municipality),
    }
    return render(request, "glossary/term_list.html", context)


def _term(request: HttpRequest, slug: str) -> Term:
    return get_object_for(
        request, Term.objects.select_related("municipality"), slug=slug
    )


def _term_page(
    request: HttpRequest,
    term: Term,
    proposal_form: ProposalForm | None = None,
    comment_forms: dict[int, CommentForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    municipality = request.municipality
    versions = list(
        term.agreed_versions.select_related("decision__forum", "decision__municipality")
    )
    for version in versions:
        _label(version)
    proposals = list(
        term.proposals.select_related("proposed_by").prefetch_related(
            Prefetch(
                "comments", queryset=ProposalComment.objects.select_related("author")
            )
        )
    )
    comment_forms = comment_forms or {}
    for proposal in proposals:
        proposal.comment_form = comment_forms.get(  # type: ignore[attr-defined]
            proposal.pk, CommentForm(auto_id=f"id_c{proposal.pk}_%s")
        )
    user = request.user
    context = {
        "term": term,
        "current": versions[0] if versions else None,
        "versions": versions,
        "proposals": proposals,
        "used_in": used_in(user, municipality, term.term),
        "may_propose": user.has_perm("glossary.propose_definition", municipality),
        "may_comment": user.has_perm("glossary.comment_proposal", municipality),
        "may_adopt": user.has_perm("glossary.adopt_definition", municipality),
        "proposal_form": proposal_form or ProposalForm(),
    }
    return render(request, "glossary/term_detail.html", context, status=status)


@require_GET
def term_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _term_page(request, _term(request, slug))


@require_http_methods(["GET", "POST"])
def term_new(request: HttpRequest) -> HttpResponse:
    require(request, "glossary.add_term")
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.term_create(
                by=request.user,
                municipality=request.municipality,
                term=form.cleaned_data["term"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(term.get_absolute_url())
    return render(request, "glossary/term_form.html", {"form": form})


@require_http_methods(["POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    term = _term(request, slug)
    require(request, "glossary.propose_definition")
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.definition_propose(
                by=request.user, term=term, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(term.get_absolute_url() + "#proposals")
    return _term_page(request, term, proposal_form=form)


@require_http_methods(["POST"])
def comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    term = _term(request, slug)
    require(request, "glossary.comment_proposal")
    proposal = get_object_for(
        request, ProposedDefinition.objects.filter(term=term), pk=pk
    )
    form = CommentForm(request.POST, auto_id=f"id_c{proposal.pk}_%s")
    if form.is_valid():
        try:
            services.proposal_comment(
                by=request.user, proposal=proposal, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(term.get_absolute_url() + f"#proposal-{proposal.pk}")
    return _term_page(request, term, comment_forms={proposal.pk: form})


@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    term = _term(request, slug)
    require(request, "glossary.adopt_definition")
    form = AdoptionForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.definition_adopt(by=request.user, term=term, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(term.get_absolute_url())
    return render(request, "glossary/adopt_form.html", {"form": form, "term": term})


@require_GET
def leitbild(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    require(request, "glossary.view_leitbildversion")
    versions = list(
        LeitbildVersion.objects.filter(municipality=municipality).select_related(
            "decision__forum", "decision__municipality"
        )
    )
    for version in versions:
        _label(version)
    context = {
        "current": versions[0] if versions else None,
        "earlier": versions[1:],
        "may_adopt": request.user.has_perm("glossary.adopt_leitbild", municipality),
    }
    return render(request, "glossary/leitbild.html", context)


@require_http_methods(["GET", "POST"])
def leitbild_adopt(request: HttpRequest) -> HttpResponse:
    require(request, "glossary.adopt_leitbild")
    form = AdoptionForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.leitbild_adopt(
                by=request.user,
                municipality=request.municipality,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(
                "glossary:leitbild", municipality_slug=request.municipality.slug
            )
    return render(request, "glossary/leitbild_form.html", {"form": form})
