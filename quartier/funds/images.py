"""Uploaded photos of a proof of use: checked with Pillow and re-encoded, so that
what is stored is a plain JPEG without metadata (no EXIF, no GPS position)."""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONG_EDGE = 1600


def reencode_photo(upload: Any) -> ContentFile:
    """Return the upload as a fresh JPEG (at most LONG_EDGE pixels on the long edge),
    or raise ValidationError when it is too large or not a picture."""
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ValidationError(_("The photo is larger than 10 MB."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ("JPEG", "PNG", "WEBP", "GIF"):
                raise ValidationError(_("Please upload a JPEG, PNG or WebP picture."))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."))
            picture = image.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("This file is not a picture we can read.")) from exc
    picture.thumbnail((LONG_EDGE, LONG_EDGE))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
