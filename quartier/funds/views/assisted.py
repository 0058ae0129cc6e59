"""Paper and assisted applications: a coordinator types in an application that
arrived on paper or in a consultation (services.assisted)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for
from quartier.funds import services
from quartier.funds.forms import AssistedApplicationForm
from quartier.funds.models import Call


def record(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_for(
        request,
        Call.objects.select_related("fund"),
        "funds.record_application",
        pk=pk,
    )
    form = AssistedApplicationForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        municipality=request.municipality,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_record(
                by=request.user, call=call, **form.service_data()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The application was recorded and submitted. Another person "
                    "pre-checks and decides it."
                ),
            )
            return redirect(application)
    context = {"call": call, "fund": call.fund, "form": form}
    return render(request, "funds/assisted_form.html", context)
