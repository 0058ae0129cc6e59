"""Uploads of the funds app that are not only photos: the fund's guideline (a PDF)
and the receipts of a proof of use (a PDF, or a photo of a paper receipt).

A PDF is accepted when it starts with the PDF signature ("%PDF-") and stays under
the size limit; it is stored under a random name, never under the uploader's. A
photo goes through core.images.clean_photo (re-encoded, without metadata), as every
photo of the platform does."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quartier.core.images import MB, clean_photo

PDF_MAGIC = b"%PDF-"
GUIDELINE_MAX_BYTES = 10 * MB
RECEIPT_MAX_BYTES = 10 * MB


def is_pdf(upload: Any) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # The signature may follow a few bytes of garbage (ISO 32000-1, 7.5.2), but
    # only within the first kilobyte.
    return PDF_MAGIC in head


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(mb)d MB.") % {"mb": max_bytes // MB}


def clean_pdf(upload: Any, *, max_bytes: int, field: str) -> ContentFile:
    """A checked PDF under a random name, or ValidationError next to `field`."""
    if upload.size > max_bytes:
        raise ValidationError({field: [_too_large(max_bytes)]})
    if not is_pdf(upload):
        raise ValidationError({field: [_("This file is not a PDF document.")]})
    upload.seek(0)
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")


def clean_receipt(upload: Any, *, field: str = "file") -> ContentFile:
    """A receipt: a PDF as it is, a photo re-encoded without metadata."""
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError({field: [_too_large(RECEIPT_MAX_BYTES)]})
    if is_pdf(upload):
        return clean_pdf(upload, max_bytes=RECEIPT_MAX_BYTES, field=field)
    return clean_photo(upload, max_bytes=RECEIPT_MAX_BYTES, field=field)


class PdfField(forms.FileField):
    """An upload field for a PDF: the signature and size are checked while the
    form is validated, so the refusal appears next to the field."""

    default_error_messages = {"not_pdf": _lazy("This file is not a PDF document.")}

    def __init__(self, *args: Any, max_bytes: int = GUIDELINE_MAX_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return None
        if upload.size > self.max_bytes:
            raise forms.ValidationError(_too_large(self.max_bytes), code="too_large")
        if not is_pdf(upload):
            raise forms.ValidationError(self.error_messages["not_pdf"], code="not_pdf")
        return upload


class ReceiptFileField(forms.FileField):
    """A receipt: a PDF, or a photo (JPEG, PNG, WebP) checked as photos are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
            ),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, data: Any) -> Any:
        from quartier.core.images import check_photo

        upload = super().to_python(data)
        if upload is None:
            return None
        if upload.size > RECEIPT_MAX_BYTES:
            raise forms.ValidationError(_too_large(RECEIPT_MAX_BYTES))
        if not is_pdf(upload):
            try:
                check_photo(upload, max_bytes=RECEIPT_MAX_BYTES)
            except ValidationError as exc:
                raise forms.ValidationError(
                    _("Please upload a PDF or a photo (JPEG, PNG or WebP).")
                ) from exc
        return upload
