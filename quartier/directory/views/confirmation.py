"""“Ist das noch aktuell?”: the signed link a provider opens to confirm an offering."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from quartier.directory import confirmations as services
from quartier.directory.confirmation_links import (
    CONFIRM_MAX_AGE,
    LinkState,
    check_token,
)

# ---------------------------------------------------------------------------
# "Ist das noch aktuell?"

LINK_STATUS = {
    LinkState.VALID: 200,
    LinkState.USED: 200,
    LinkState.EXPIRED: 410,
    LinkState.INVALID: 400,
}


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A confirmation link: GET shows the offering and a button (a GET never
    changes anything: mail scanners open links); POST confirms."""
    municipality = request.municipality
    if request.method == "POST":
        try:
            service = services.service_confirm_by_token(
                municipality=municipality, token=token
            )
        except ValidationError as exc:
            state = {
                "expired": LinkState.EXPIRED,
                "used": LinkState.USED,
            }.get(str(exc.code), LinkState.INVALID)
            check = check_token(municipality, token)
            context = {
                "state": state,
                "service": check.service,
                "valid_days": CONFIRM_MAX_AGE.days,
            }
            return render(
                request, "directory/confirm.html", context, status=LINK_STATUS[state]
            )
        return render(request, "directory/confirm_done.html", {"service": service})
    check = check_token(municipality, token)
    context = {
        "state": check.state,
        "service": check.service,
        "valid_days": CONFIRM_MAX_AGE.days,
    }
    return render(
        request, "directory/confirm.html", context, status=LINK_STATUS[check.state]
    )
