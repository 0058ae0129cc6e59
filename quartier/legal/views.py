"""Imprint, privacy notice and accessibility statement: the operator's and each
municipality's (docs/privacy.md, docs/accessibility.md); the accessibility feedback
and its answers; the retention periods."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from quartier.core import ratelimit
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.models import Municipality
from quartier.legal import services
from quartier.legal.accessibility_facts import verified_facts
from quartier.legal.defaults import template_body, template_language
from quartier.legal.forms import (
    AccessibilitySettingsForm,
    FeedbackAnswerForm,
    FeedbackForm,
    LegalPageForm,
    RetentionForm,
    page_within_site,
    retention_field_name,
)
from quartier.legal.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    LegalPage,
)

# Anonymous feedback per address and hour (core/ratelimit.py).
FEEDBACK_LIMIT = 5


def _show(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = getattr(request, "municipality", None)
    require(request, "legal.view_legalpage")
    page = services.page_for(municipality, kind)
    context = {
        "kind": kind,
        "title": LegalPage.Kind(kind).label,
        "page": page,
        # Sanitised on save (LegalPage.save); the template is our own text.
        "body": mark_safe(  # noqa: S308
            page.body if page else template_body(kind, translation.get_language())
        ),
        # A saved page is written in German; the marked-up language lets screen
        # readers pronounce it right (WCAG 3.1.2) and the page says it is binding.
        "body_language": "de"
        if page
        else template_language(translation.get_language()),
        "is_template": page is None,
        "is_operator_default": page is not None and page.municipality_id is None,
    }
    if kind != LegalPage.Kind.ACCESSIBILITY:
        return render(request, "legal/page.html", context)
    context["facts"] = verified_facts()
    if municipality is not None:
        context["details"] = AccessibilitySettings.of(municipality)
    else:
        context["municipalities"] = Municipality.objects.active().order_by("name")
    return render(request, "legal/accessibility.html", context)


def operator_page(request: HttpRequest, kind: str) -> HttpResponse:
    return _show(request, kind)


def municipality_page(request: HttpRequest, kind: str) -> HttpResponse:
    return _show(request, kind)


def edit(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.change_legalpage")
    current = services.page_for(municipality, kind)
    initial = current.body if current else template_body(kind)
    form = LegalPageForm(request.POST or None, initial={"body": initial})
    if request.method == "POST" and form.is_valid():
        services.legal_page_save(
            by=request.user,
            municipality=municipality,
            kind=kind,
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("The page was saved."))
        return redirect(f"legal:{kind}", municipality_slug=municipality.slug)
    return render(
        request,
        "legal/page_form.html",
        {"form": form, "kind": kind, "title": LegalPage.Kind(kind).label},
    )


def accessibility_settings(request: HttpRequest) -> HttpResponse:
    """Admins: what only the municipality can say in its statement."""
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.change_accessibilitysettings")
    current = AccessibilitySettings.of(municipality)
    form = AccessibilitySettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.accessibility_settings_save(
                by=request.user, municipality=municipality, values=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The details were saved."))
            return redirect("legal:accessibility", municipality_slug=municipality.slug)
    return render(request, "legal/accessibility_settings.html", {"form": form})


def _prefilled_page(request: HttpRequest) -> str:
    host = request.get_host()
    return page_within_site(request.GET.get("page", ""), host) or page_within_site(
        request.META.get("HTTP_REFERER", ""), host
    )


def feedback(request: HttpRequest) -> HttpResponse:
    """Anyone reports an accessibility problem (no account needed)."""
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.add_accessibilityfeedback")
    post = request.method == "POST"
    form = FeedbackForm(
        request.POST if post else None, initial={"page": _prefilled_page(request)}
    )
    status = 200
    if post:
        if form.is_spam:
            # A bot filled in the honeypot: it gets the same answer as a person.
            messages.success(request, _("Thank you! We have received your feedback."))
            return redirect("legal:accessibility", municipality_slug=municipality.slug)
        if form.is_valid():
            if not ratelimit.allow_anonymous(
                request, "legal.feedback", limit=FEEDBACK_LIMIT
            ):
                form.add_error(
                    None,
                    _(
                        "Too much feedback was sent from here in a short time. "
                        "Please try again in an hour, or write to us by e-mail."
                    ),
                )
                status = 429
            else:
                done = services.feedback_submit(
                    by=request.user, municipality=municipality, **form.service_kwargs()
                )
                messages.success(
                    request,
                    _(
                        "Thank you! We have received your feedback and will answer "
                        "by %(date)s."
                    )
                    % {"date": date_format(done.due_on, "SHORT_DATE_FORMAT")},
                )
                return redirect(
                    "legal:accessibility", municipality_slug=municipality.slug
                )
    context = {
        "form": form,
        "details": AccessibilitySettings.of(municipality),
    }
    return render(request, "legal/feedback_form.html", context, status=status)


def feedback_list(request: HttpRequest) -> HttpResponse:
    """The coordination: every feedback of the municipality, open ones first."""
    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.view_accessibilityfeedback")
    rows = (
        AccessibilityFeedback.objects.of(municipality)
        .select_related("answered_by")
        .order_by("status", "due_on", "id")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "open_count": AccessibilityFeedback.objects.of(municipality).open().count(),
        "overdue_count": AccessibilityFeedback.objects.of(municipality)
        .overdue()
        .count(),
    }
    return render(request, "legal/feedback_list.html", context)


def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordination reads one feedback and answers it."""
    item = get_object_for(
        request,
        AccessibilityFeedback.objects.select_related("answered_by", "municipality"),
        pk=pk,
    )
    form = None
    if item.status == AccessibilityFeedback.Status.OPEN:
        form = FeedbackAnswerForm(request.POST or None)
    if request.method == "POST":
        require(request, "legal.answer_accessibilityfeedback", item)
        if form is None:
            messages.info(request, _("This feedback has already been answered."))
            return redirect(
                "legal:feedback_detail",
                municipality_slug=item.municipality.slug,
                pk=item.pk,
            )
        if form.is_valid():
            try:
                services.feedback_answer(
                    by=request.user, feedback=item, answer=form.cleaned_data["answer"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The answer was saved and sent.")
                    if item.email
                    else _("The answer was saved."),
                )
                return redirect(
                    "legal:feedback_list", municipality_slug=item.municipality.slug
                )
    return render(request, "legal/feedback_detail.html", {"item": item, "form": form})


def retention(request: HttpRequest) -> HttpResponse:
    """Admins: the retention period of every kind of data, within its limits."""
    from quartier.core.retention import RULES, days_for

    municipality = request.municipality  # type: ignore[attr-defined]
    require(request, "legal.change_retentionsetting")
    rules = sorted(RULES.values(), key=lambda r: (str(r.label), r.key))
    current = {rule.key: days_for(rule, municipality) for rule in rules}
    form = RetentionForm(request.POST or None, rules=rules, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.retention_periods_set(
                by=request.user, municipality=municipality, periods=form.periods()
            )
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                form.add_error(retention_field_name(key), errors)
        else:
            messages.success(
                request,
                _("The retention periods were saved.")
                if changed
                else _("Nothing was changed."),
            )
            return redirect("legal:retention", municipality_slug=municipality.slug)
    rows = [
        {
            "rule": rule,
            "current": current[rule.key],
            "field": form[retention_field_name(rule.key)],
        }
        for rule in rules
    ]
    return render(request, "legal/retention.html", {"form": form, "rows": rows})
