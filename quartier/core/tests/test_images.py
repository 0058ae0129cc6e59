"""The one check and re-encoding of uploaded photos (quartier/core/images.py)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from quartier.core.images import MB, clean_photo


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _upload(image: Image.Image, fmt: str = "JPEG", name: str = "foto.jpg", **kw):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kw)
    return SimpleUploadedFile(name, buffer.getvalue(), f"image/{fmt.lower()}")


def _exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Kamera-Hersteller"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 30.0, 0.0)}  # GPS latitude
    return exif


def test_a_jpeg_with_gps_comes_out_without_exif():
    upload = _upload(Image.new("RGB", (40, 30), "red"), exif=_exif_with_gps())
    assert Image.open(io.BytesIO(upload.read())).getexif()
    content = clean_photo(upload)
    assert content.name.endswith(".jpg")
    with Image.open(io.BytesIO(content.read())) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "exif" not in stored.info
        assert stored.size == (40, 30)


def test_the_orientation_is_applied_before_the_metadata_goes():
    exif = _exif_with_gps()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    upload = _upload(Image.new("RGB", (40, 30), "red"), exif=exif)
    with Image.open(io.BytesIO(clean_photo(upload).read())) as stored:
        assert stored.size == (30, 40)
        assert not stored.getexif()


def test_transparency_is_kept_as_png():
    upload = _upload(Image.new("RGBA", (20, 20), (0, 0, 0, 0)), "PNG", "logo.png")
    content = clean_photo(upload)
    assert content.name.endswith(".png")
    with Image.open(io.BytesIO(content.read())) as stored:
        assert stored.format == "PNG"
        assert stored.mode == "RGBA"


def test_webp_is_accepted_and_the_long_edge_is_cut():
    upload = _upload(Image.new("RGB", (400, 200), "blue"), "WEBP", "foto.webp")
    with Image.open(io.BytesIO(clean_photo(upload, max_side=100).read())) as stored:
        assert stored.size == (100, 50)


def test_a_text_file_named_jpg_is_refused():
    upload = SimpleUploadedFile("foto.jpg", b"not an image at all", "image/jpeg")
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload)
    assert exc.value.messages == [
        "This file is not a photo we can read (JPEG, PNG or WebP)."
    ]


def test_a_gif_is_refused():
    upload = _upload(Image.new("RGB", (10, 10), "red"), "GIF", "bild.gif")
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload)
    assert exc.value.messages == ["Please upload a JPEG, PNG or WebP photo."]


def test_a_too_large_file_is_refused_with_the_limit_in_the_message():
    upload = _upload(Image.new("RGB", (10, 10), "red"))
    upload.size = 8 * MB + 1
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload)
    assert exc.value.messages == ["The photo is too large: at most 8 MB, please."]
    upload.size = 10 * MB
    assert clean_photo(upload, max_bytes=10 * MB).name.endswith(".jpg")


def test_errors_belong_to_the_field_when_one_is_given():
    with pytest.raises(ValidationError) as exc:
        clean_photo(None, field="photo")
    assert exc.value.message_dict == {"photo": ["Please choose a photo."]}
