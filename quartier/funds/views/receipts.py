"""The receipts of a proof of use: the list with a form to add one, removing one
listed by mistake, and opening a receipt's file (only for the applicant and the
coordination: receipts are never public)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core import ratelimit
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for
from quartier.funds import services
from quartier.funds.forms import ReceiptForm
from quartier.funds.models import Receipt
from quartier.funds.services.receipts import OPEN_FOR_RECEIPTS
from quartier.funds.views.applications import applications

# Uploads per account and hour (core/ratelimit.py).
RECEIPT_UPLOADS_PER_HOUR = 60


def receipts(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.view_receipts", pk=pk)
    may_add = (
        request.user.has_perm("funds.report", application)
        and application.status in OPEN_FOR_RECEIPTS
    )
    form = ReceiptForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        if not may_add:
            return HttpResponse(status=403)
        if not ratelimit.allow_upload(
            request, "funds.receipt", limit=RECEIPT_UPLOADS_PER_HOUR
        ):
            form.add_error(None, _("Too many uploads. Please try again later."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.receipt_add(
                    by=request.user,
                    application=application,
                    paid_on=data["paid_on"],
                    purpose=data["purpose"],
                    amount=data["amount"],
                    upload=data["file"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The receipt was added."))
                return redirect(request.path)
    rows = list(application.receipts.all())
    context = {
        "application": application,
        "receipts": rows,
        "total": sum((r.amount for r in rows), services.ZERO),
        "form": form,
        "may_add": may_add,
    }
    return render(request, "funds/receipts.html", context)


@require_POST
def receipt_remove(request: HttpRequest, pk: int, receipt_pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.report", pk=pk)
    receipt = get_object_or_404(Receipt, pk=receipt_pk, application=application)
    try:
        services.receipt_remove(
            by=request.user, application=application, receipt=receipt
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The receipt was removed."))
    return redirect(
        "funds:receipts", municipality_slug=request.municipality.slug, pk=pk
    )


@require_GET
def receipt_file(request: HttpRequest, pk: int, receipt_pk: int) -> HttpResponse:
    application = get_object_for(request, applications(), "funds.view_receipts", pk=pk)
    receipt = get_object_or_404(Receipt, pk=receipt_pk, application=application)
    if not receipt.file:
        raise Http404
    name = receipt.file.name.rsplit("/", 1)[-1]
    response = FileResponse(receipt.file.open("rb"), filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
