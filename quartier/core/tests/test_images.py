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


# --- Bounded memory (issue 11: 131 KB PNG, 6,320 × 6,320 px, ~560 MB per upload) ---

MEASURE = """
import sys
from django.conf import settings
settings.configure(USE_I18N=False)
from django.core.files.uploadedfile import SimpleUploadedFile
from quartier.core.images import clean_photo
from django.core.exceptions import ValidationError

def kilobytes(key):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])

data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile("upload", data)
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # the peak (VmHWM) starts again from here
before = kilobytes("VmRSS")
try:
    stored = clean_photo(upload)
    outcome = "stored"
except ValidationError:
    outcome = "refused"
print(outcome, (kilobytes("VmHWM") - before) / 1024)
"""


def _peak(tmp_path, image: Image.Image, fmt: str, **kw) -> tuple[str, float]:
    """Clean one upload in a fresh process; the rise of its peak resident memory
    in MB (Linux's VmHWM, reset just before: deterministic, unlike timing; it
    counts Pillow's own buffers, which tracemalloc does not see; ru_maxrss would
    carry the parent's peak across exec)."""
    import subprocess
    import sys

    path = tmp_path / f"upload.{fmt.lower()}"
    image.save(path, format=fmt, **kw)
    assert path.stat().st_size <= MB * 8, "the worst allowed upload must be allowed"
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    outcome, megabytes = result.stdout.split()
    return outcome, float(megabytes)


def _rotated() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate on display: the transposing path runs too
    return exif


@pytest.mark.parametrize(
    ("fmt", "mode", "size"),
    [
        # The widest mode each format decodes to, at the largest size allowed.
        ("PNG", "RGBA", (4000, 2000)),
        ("WEBP", "RGBA", (2500, 2000)),
        ("JPEG", "RGB", (8160, 6120)),  # 50 megapixels, decoded at half size
        ("JPEG", "CMYK", (8160, 6120)),
    ],
)
def test_the_worst_allowed_upload_stays_under_150_mb(tmp_path, fmt, mode, size):
    from quartier.core.images import MAX_DECODED_PIXELS, MAX_SOURCE_PIXELS

    limit = MAX_SOURCE_PIXELS if fmt == "JPEG" else MAX_DECODED_PIXELS[fmt]
    assert size[0] * size[1] >= limit * 0.99, "not the worst allowed case"
    image = Image.new(mode, size, "#2a7")
    if mode == "RGBA":
        image.putalpha(200)
    outcome, megabytes = _peak(tmp_path, image, fmt, exif=_rotated())
    assert outcome == "stored"
    assert megabytes < 150, megabytes


def test_the_attack_png_is_refused_before_decoding(tmp_path):
    image = Image.new("1", (6320, 6320))  # a few KB on disk
    outcome, megabytes = _peak(tmp_path, image, "PNG")
    assert outcome == "refused"
    assert megabytes < 20, megabytes


def test_stored_photos_are_at_most_2560_pixels_on_the_long_edge():
    upload = _upload(Image.new("RGB", (4000, 3000), "green"))
    with Image.open(io.BytesIO(clean_photo(upload).read())) as stored:
        assert stored.size == (2560, 1920)


def test_a_png_over_the_decoded_limit_is_refused_with_the_limit():
    upload = _upload(Image.new("1", (5000, 5000)), "PNG", "plan.png")
    with pytest.raises(ValidationError) as exc:
        clean_photo(upload, field="photo")
    assert "8 megapixels" in exc.value.message_dict["photo"][0]


# --- Every upload field of every form goes through the photo check -------------

# Uploads that are not photos, with the guarded path they take instead.
NOT_PHOTOS = {
    "quartier.hsds.forms.ImportForm.file": "HSDS import: size, depth and count "
    "limits of hsds/importer",
    "quartier.funds.forms.FundForm.guideline_file": "a PDF: signature and size "
    "checked by funds/uploads.py",
    "quartier.funds.forms.ReceiptForm.file": "a PDF (signature and size) or a "
    "photo through clean_photo, funds/uploads.py",
}


def _form_classes():
    import importlib
    import pkgutil

    from django import forms

    import quartier

    for info in pkgutil.walk_packages(quartier.__path__, "quartier."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        if not info.name.rsplit(".", 1)[-1].startswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


def test_every_upload_field_of_every_form_is_a_photo_field():
    from django import forms

    from quartier.core.images import PhotoField

    uploads, unguarded = [], []
    for form in _form_classes():
        for name, field in form.base_fields.items():
            if not isinstance(field, forms.FileField):
                continue
            where = f"{form.__module__}.{form.__name__}.{name}"
            uploads.append(where)
            if not isinstance(field, PhotoField) and where not in NOT_PHOTOS:
                unguarded.append(where)
    assert len(uploads) >= 3, uploads  # rooms, funds, participation at least
    assert not unguarded, f"upload fields without the photo check: {unguarded}"


def test_a_photo_field_refuses_the_attack_png_next_to_the_field():
    from quartier.core.forms import KernForm
    from quartier.core.images import PhotoField

    class Form(KernForm):
        photo = PhotoField(label="Foto")

    buffer = io.BytesIO()
    Image.new("1", (6320, 6320)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("bombe.png", buffer.getvalue(), "image/png")
    form = Form(data={}, files={"photo": upload})
    assert not form.is_valid()
    assert "megapixels" in form.errors["photo"][0]


def test_every_model_upload_field_is_written_through_clean_photo():
    """Model image fields that a form offers are covered above; this walks the
    models, so a new ImageField is not forgotten: each is named here with the
    service that stores it through clean_photo (or as not offered for upload)."""
    import inspect

    from django.apps import apps
    from django.db import models

    writers = {
        "participation.Contribution.photo": "quartier.participation.services",
        "rooms.RoomPhoto.image": "quartier.rooms.services",
        "funds.ReportPhoto.image": "quartier.funds.services.money",
        # A PDF or a photo: funds/uploads.clean_receipt (photos via clean_photo).
        "funds.Receipt.file": "quartier.funds.uploads",
        # Not a photo: a PDF whose signature and size funds/uploads.py checks.
        "funds.Fund.guideline_file": None,
        "actors.Actor.logo": "quartier.actors.services",
        "stories.Story.photo": "quartier.stories.services",
        # Set by operators in Django's admin only (no upload form for it).
        "core.Municipality.logo": None,
        # Not a photo: the HSDS importer limits its size, depth and entries.
        "hsds.ImportJob.file": None,
    }
    found = {}
    for model in apps.get_models():
        if model.__module__.startswith("quartier.") and "Historical" not in (
            model.__name__
        ):
            for field in model._meta.get_fields():
                if isinstance(field, models.FileField):
                    found[f"{model._meta.label}.{field.name}"] = field
    assert set(found) == set(writers), sorted(found)
    import importlib

    for label, module in writers.items():
        if module:
            source = inspect.getsource(importlib.import_module(module))
            assert "clean_photo(" in source, label
