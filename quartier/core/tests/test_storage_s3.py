"""Uploaded files go through Django's storage API, so that AWS_STORAGE_BUCKET_NAME
puts them on S3-compatible object storage (django-storages) that several app servers
share. Tested against moto's S3 server, started here on a loopback port.
docs/operations.md, "Uploaded files (local or S3)"."""

from __future__ import annotations

import io
import socket
from decimal import Decimal

import boto3
import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from quartier.funds.models import Fund, Receipt
from quartier.funds.tests.factories import ApplicationFactory, CallFactory, FundFactory

BUCKET = "quartier-uploads"


def test_every_upload_field_stores_through_the_default_storage():
    """A field with a storage of its own (a folder on this machine) would not follow
    AWS_STORAGE_BUCKET_NAME; the walk covers every model of every app."""
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert len(fields) >= 8  # logos, photos, receipts, guidelines, imports …
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                assert field.storage is default_storage, (
                    f"{model._meta.label}.{field.name}"
                )


@pytest.fixture
def s3(settings, monkeypatch, tmp_path):
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    try:
        yield client
    finally:
        server.stop()


def _jpeg():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 46.0, 0.0)}
    Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("beleg.jpg", buffer.getvalue(), "image/jpeg")


@pytest.mark.django_db
def test_a_receipt_photo_uploaded_through_the_page_lands_in_s3_and_comes_back_gated(
    s3, client_for, municipality, resident, coordinator, partner, tmp_path
):
    call = CallFactory(fund=FundFactory(municipality=municipality))
    Fund.objects.filter(pk=call.fund.pk).update(committed=Decimal("500"))
    grant = ApplicationFactory(
        call=call,
        applicant=resident,
        status="paid",
        approved_amount=Decimal("500"),
        paid_total=Decimal("500"),
        decided_at=timezone.now() - timezone.timedelta(days=5),
        decided_by=coordinator,
        decided_how="solo",
        rationale="Gut.",
    )
    kwargs = {"municipality_slug": grant.municipality.slug, "pk": grant.pk}

    response = client_for(resident).post(
        reverse("funds:receipts", kwargs=kwargs),
        {
            "paid_on": timezone.localdate().isoformat(),
            "purpose": "Lebensmittel",
            "amount": "12,50",
            "file": _jpeg(),
        },
    )

    assert response.status_code == 302
    receipt = Receipt.objects.get()
    stored = s3.get_object(Bucket=BUCKET, Key=receipt.file.name)["Body"].read()
    with Image.open(io.BytesIO(stored)) as picture:
        assert picture.format == "JPEG"
        assert not picture.getexif()  # re-encoded before it was stored
    assert not any(tmp_path.iterdir())  # nothing on the local disk
    file_url = reverse(
        "funds:receipt_file", kwargs={**kwargs, "receipt_pk": receipt.pk}
    )
    download = client_for(coordinator).get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored
    assert client_for(partner).get(file_url).status_code == 404
    # The bucket is private: its objects are linked by presigned URLs only.
    assert "X-Amz-Signature=" in receipt.file.url or "Signature=" in receipt.file.url
