"""Translate content, ask for a translation, the "Übersetzung gewünscht" queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.core.gate import get_object_for, require
from quartier.core.models import Municipality, TenantRequest
from quartier.translations import registry, services
from quartier.translations.forms import TranslationForm
from quartier.translations.models import ContentTranslation, TranslationRequest
from quartier.translations.providers import provider
from quartier.translations.reading import language_name


def _object(request: TenantRequest, key: str, pk: str, perm: str | None = None):
    kind = registry.get(key)
    if kind is None:
        raise Http404
    try:
        value = kind.model._meta.pk.to_python(pk)
    except ValidationError as exc:  # not an id of this kind: no such object
        raise Http404 from exc
    queryset = kind.model._default_manager.all()
    if kind.model is Municipality:
        queryset = queryset.filter(pk=request.municipality.pk)
    return kind, get_object_for(request, queryset, perm, pk=value)


def _back(request: TenantRequest, kind, obj) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return kind.url_of(obj)


def _with_lang(url: str, language: str) -> str:
    path, _hash, anchor = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}lang={language}#{anchor or 'q-translation'}"


def translation_edit(
    request: TenantRequest, kind: str, pk: str, language: str
) -> HttpResponse:
    require(request, "translations.view_queue")
    found, obj = _object(request, kind, pk)
    require(request, found.translate_perm, obj)
    if language not in dict(settings.LANGUAGES):
        raise Http404
    stored = dict(
        ContentTranslation.objects.of_object(obj)
        .filter(language=language)
        .values_list("field", "text")
    )
    source = found.original_language(obj)
    for name in found.fields:
        if name not in stored:
            draft = provider().suggest(
                str(getattr(obj, name) or ""), source=source, target=language
            )
            if draft:
                stored[name] = draft
    form = TranslationForm(
        request.POST or None, kind=found, language=language, initial_texts=stored
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                by=request.user, obj=obj, language=language, texts=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The translation was saved."))
            url = found.url_of(obj)
            return redirect(_with_lang(url, language))
    originals = [(found.label(name), getattr(obj, name)) for name in found.fields]
    context = {
        "form": form,
        "obj": obj,
        "kind": found,
        "language": language,
        "language_name": language_name(language),
        "source": source,
        "source_name": language_name(source),
        "originals": originals,
        "back": found.url_of(obj),
    }
    return render(request, "translations/edit.html", context)


@require_POST
def translation_request(request: TenantRequest, kind: str, pk: str) -> HttpResponse:
    require(request, "translations.request")
    found, obj = _object(request, kind, pk)
    try:
        created = services.translation_request(
            by=request.user, obj=obj, language=request.POST.get("language", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if created:
            messages.success(request, _("Thank you: the translators see your wish."))
        else:
            messages.info(request, _("This translation has already been asked for."))
    return redirect(_back(request, found, obj))


def queue(request: TenantRequest) -> HttpResponse:
    """ "Übersetzung gewünscht": the open requests, per language."""
    require(request, "translations.view_queue")
    language = request.GET.get("language", "")
    rows = (
        TranslationRequest.objects.open()
        .filter(municipality=request.municipality)
        .select_related("content_type")
    )
    if language in dict(settings.LANGUAGES):
        rows = rows.filter(language=language)
    else:
        language = ""
    counts = {code: 0 for code, _name in settings.LANGUAGES}
    for code in (
        TranslationRequest.objects.open()
        .filter(municipality=request.municipality)
        .values_list("language", flat=True)
    ):
        counts[code] = counts.get(code, 0) + 1
    entries = []
    for row in rows[:200]:
        kind = registry.get(f"{row.content_type.app_label}.{row.content_type.model}")
        obj = (
            row.content_type.get_object_for_this_type(pk=row.object_id)
            if kind
            else None
        )
        if obj is None:
            continue
        entries.append((row, kind, obj, language_name(row.language)))
    context = {
        "entries": entries,
        "language": language,
        "languages": [
            (code, name, counts.get(code, 0)) for code, name in settings.LANGUAGES
        ],
    }
    return render(request, "translations/queue.html", context)
