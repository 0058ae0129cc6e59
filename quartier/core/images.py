"""Uploaded photos (rooms, proofs of use, contributions): checked with Pillow and
re-encoded, so that what is stored is a fresh picture without any metadata of the
camera (no EXIF, no GPS position, no owner, no comments).

The orientation the camera wrote into EXIF is applied to the pixels before the
metadata is dropped, so that portrait photos do not end up lying on their side.
The result is a JPEG, or a PNG when the picture has transparency.
"""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
MAX_BYTES = 8 * MB
MAX_PIXELS = 40_000_000
FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


def _refuse(message: str, field: str | None) -> ValidationError:
    if field is None:
        return ValidationError(message)
    return ValidationError({field: [message]})


def clean_photo(
    upload: Any,
    *,
    max_bytes: int = MAX_BYTES,
    max_side: int | None = None,
    field: str | None = None,
) -> ContentFile:
    """Check an uploaded photo and return it as a fresh JPEG (or PNG when it is
    transparent) without metadata, at most `max_side` pixels on the long edge.

    Raises ValidationError when there is no upload, it is larger than `max_bytes`,
    not a JPEG, PNG or WebP picture, or has too many pixels; with `field` the error
    belongs to that form field.
    """
    if upload is None:
        raise _refuse(_("Please choose a photo."), field)
    if (getattr(upload, "size", 0) or 0) > max_bytes:
        raise _refuse(
            _("The photo is too large: at most %(size)s MB, please.")
            % {"size": max_bytes // MB},
            field,
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in FORMATS:
                raise _refuse(_("Please upload a JPEG, PNG or WebP photo."), field)
            if image.width * image.height > MAX_PIXELS:
                raise _refuse(_("The photo has too many pixels."), field)
            picture = ImageOps.exif_transpose(image)
            if max_side:
                picture.thumbnail((max_side, max_side))
            transparent = (
                picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            )
            picture = picture.convert("RGBA" if transparent else "RGB")
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise _refuse(
            _("This file is not a photo we can read (JPEG, PNG or WebP)."), field
        ) from None
    # A fresh image carries nothing but the pixels: no EXIF, no GPS, no comments.
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    if transparent:
        clean.save(out, format="PNG", optimize=True)
        ext = "png"
    else:
        clean.save(out, format="JPEG", quality=85, optimize=True)
        ext = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")
