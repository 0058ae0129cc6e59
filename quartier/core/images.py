"""Uploaded photos (rooms, proofs of use, contributions): checked with Pillow and
re-encoded, so that what is stored is a fresh picture without any metadata of the
camera (no EXIF, no GPS position, no owner, no comments).

The orientation the camera wrote into EXIF is applied to the pixels before the
metadata is dropped, so that portrait photos do not end up lying on their side.
The result is a JPEG, or a PNG when the picture has transparency.

Memory is bounded before anything is decoded (issue 11: a 131 KB PNG of 6,320 ×
6,320 pixels took ~560 MB per upload). The header gives the size; a JPEG is decoded
at 1/2, 1/4 or 1/8 of its size straight away (Pillow's `draft`, the DCT scaling of
libjpeg), other formats at full size. What would be decoded may have at most
`MAX_DECODED_PIXELS`; the picture is then shrunk at once to at most `STORED_SIDE`
pixels on the long edge, so a stored photo is never larger than that.
core/tests/test_images.py measures the peak memory of the worst allowed upload.

Every upload field of every form is a `PhotoField` (or listed as a non-photo upload
in core/tests/test_images.py): it runs the same header checks while the form is
validated, so the refusal appears next to the field.
"""

from __future__ import annotations

import io
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
MAX_BYTES = 8 * MB
# What a JPEG's header may announce: a 50-megapixel camera, decoded at half size.
MAX_SOURCE_PIXELS = 50_000_000
# What is ever decoded in one piece, per format, so that the worst allowed upload
# stays under 150 MB (measured in core/tests/test_images.py; bytes per pixel while
# decoding and shrinking: JPEG ~8 after its reduced decoding, PNG ~12 with alpha
# (Pillow premultiplies a copy), WebP ~20 (libwebp's buffer, a copy, and alpha).
MAX_DECODED_PIXELS = {"JPEG": 12_500_000, "PNG": 8_000_000, "WEBP": 5_000_000}
# The long edge of a stored photo.
STORED_SIDE = 2560
FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


def _refuse(message: str, field: str | None) -> ValidationError:
    if field is None:
        return ValidationError(message)
    return ValidationError({field: [message]})


def _unreadable(field: str | None) -> ValidationError:
    return _refuse(
        _("This file is not a photo we can read (JPEG, PNG or WebP)."), field
    )


def _target(size: tuple[int, int], side: int) -> tuple[int, int]:
    """The size of the picture shrunk to fit `side` × `side` (never enlarged)."""
    width, height = size
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _open_bounded(image: Image.Image, side: int, field: str | None) -> None:
    """Refuse what is not a photo or too large, and prepare a JPEG's reduced decoding.
    Nothing is decoded here: only the header has been read."""
    if image.format not in FORMATS:
        raise _refuse(_("Please upload a JPEG, PNG or WebP photo."), field)
    if image.width * image.height > MAX_SOURCE_PIXELS:
        raise _refuse(_("The photo has too many pixels."), field)
    if image.format == "JPEG":
        # libjpeg decodes at 1/2, 1/4 or 1/8 of the size, still at least `target`.
        image.draft(None, _target(image.size, side))
    if image.width * image.height > MAX_DECODED_PIXELS[image.format]:
        raise _refuse(
            _(
                "The photo has too many pixels: at most %(megapixels)s megapixels "
                "as %(format)s (a JPEG photo may have up to %(jpeg)s), please."
            )
            % {
                "megapixels": MAX_DECODED_PIXELS[image.format] // 1_000_000,
                "format": image.format,
                "jpeg": MAX_SOURCE_PIXELS // 1_000_000,
            },
            field,
        )


def check_photo(
    upload: Any, *, max_bytes: int = MAX_BYTES, field: str | None = None
) -> None:
    """The checks of `clean_photo` that need no decoding (size of the file, format,
    pixels): for a form field, so the refusal shows next to it before any work."""
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
        with Image.open(upload) as image:
            _open_bounded(image, STORED_SIDE, field)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise _unreadable(field) from None
    finally:
        upload.seek(0)


def clean_photo(
    upload: Any,
    *,
    max_bytes: int = MAX_BYTES,
    max_side: int | None = None,
    field: str | None = None,
) -> ContentFile:
    """Check an uploaded photo and return it as a fresh JPEG (or PNG when it is
    transparent) without metadata, at most `max_side` (and never more than
    `STORED_SIDE`) pixels on the long edge.

    Raises ValidationError when there is no upload, it is larger than `max_bytes`,
    not a JPEG, PNG or WebP picture, or has too many pixels; with `field` the error
    belongs to that form field.
    """
    side = min(max_side or STORED_SIDE, STORED_SIDE)
    check_photo(upload, max_bytes=max_bytes, field=field)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            _open_bounded(image, side, field)
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            # Shrink first, straight after decoding, so that rotating and
            # converting work on the small picture only.
            image.thumbnail((side, side))
            picture: Image.Image = image
            if orientation:
                exif = picture.getexif()
                exif[ExifTags.Base.Orientation] = orientation
                picture = ImageOps.exif_transpose(picture)
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
        raise _unreadable(field) from None
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


class PhotoField(forms.ImageField):
    """An upload field for photos: the header checks of `check_photo` (file size,
    format, pixels) instead of Django's own full check; the service then stores the
    photo through `clean_photo`."""

    default_error_messages = {
        "invalid_image": _lazy(
            "This file is not a photo we can read (JPEG, PNG or WebP)."
        ),
    }

    def __init__(self, *args: Any, max_bytes: int = MAX_BYTES, **kwargs: Any):
        self.max_bytes = max_bytes
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp"}
            ),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, data: Any) -> Any:
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        check_photo(upload, max_bytes=self.max_bytes)
        return upload
