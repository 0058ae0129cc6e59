"""Photos of rooms: checked with Pillow and re-encoded, so that no metadata of the
camera (EXIF, GPS position, owner) ever reaches the public page."""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
FORMATS = {"JPEG", "PNG", "WEBP"}


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": [message]})


def clean_photo(upload: Any) -> ContentFile:
    """Check an uploaded photo and return a fresh JPEG or PNG without metadata."""
    if upload is None:
        raise _refuse(_("Please choose a photo."))
    if upload.size > MAX_BYTES:
        raise _refuse(_("The photo is too large: at most 8 MB, please."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as img:
            if img.format not in FORMATS:
                raise _refuse(_("Please upload a JPEG, PNG or WebP image."))
            if img.width * img.height > MAX_PIXELS:
                raise _refuse(_("The photo has too many pixels."))
            picture: Image.Image = ImageOps.exif_transpose(img)
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
            out = io.BytesIO()
            if has_alpha:
                picture.convert("RGBA").save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                picture.convert("RGB").save(
                    out, format="JPEG", quality=85, optimize=True
                )
                ext = "jpg"
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise _refuse(_("This file is not an image we can read.")) from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")
