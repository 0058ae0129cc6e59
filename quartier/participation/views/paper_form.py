"""The contribution form on paper, to print, fill in by hand and hand in
(docs/outreach.md); for everybody."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from quartier.core.models import Neighborhood
from quartier.core.pdf import pdf_response
from quartier.participation.views.posters import form_url, short_url


def _paper_choices(municipality: Any) -> dict[str, Any]:
    from quartier.participation import models as participation

    # Residents choose plain topics; the Dahlgren–Whitehead layers are the
    # coordination's analysis tag (set on the contribution's page).
    topics = list(participation.Topic.objects.of(municipality).plain())
    common = ["de", "tr", "ar", "uk", "en", "ru", "ro"]
    languages = dict(participation.Language.choices)
    return {
        "kinds": [label for _value, label in participation.Kind.choices],
        "topics": topics,
        "languages": [languages[code] for code in common if code in languages],
    }


@require_GET
def paper_form(request: HttpRequest) -> HttpResponse:
    """The contribution form on paper, to fill in by hand and hand in; the
    coordination types it in later (channel "Papier")."""
    municipality = request.municipality  # type: ignore[attr-defined]
    context = {
        "neighborhoods": Neighborhood.objects.of(municipality),
        "url": form_url(request, None),
        "short_url": short_url(request, None),
        **_paper_choices(municipality),
    }
    return pdf_response(
        "participation/paper_form.html", context, "beitrag-auf-papier.pdf", request
    )
