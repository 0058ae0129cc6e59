"""Proof of use as a list of receipts: each with date, purpose, amount and a PDF
or photo; their sum is the proof's total and decides the money back; receipts are
seen only by the applicant and the coordination and deleted after the guideline's
period (retention.py; the core retention test walks that rule)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from quartier.funds import services
from quartier.funds.models import Fund, Receipt
from quartier.funds.retention import receipts_past_guideline
from quartier.funds.tests.factories import ApplicationFactory

D = Decimal
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name="beleg.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _jpeg_with_gps():
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 46.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("beleg.jpg", buffer.getvalue(), "image/jpeg")


@pytest.fixture
def grant(call, resident, coordinator):
    fund = call.fund
    Fund.objects.filter(pk=fund.pk).update(committed=D("500"))
    return ApplicationFactory(
        call=call,
        applicant=resident,
        status="paid",
        approved_amount=D("500"),
        paid_total=D("500"),
        decided_at=timezone.now() - datetime.timedelta(days=5),
        decided_by=coordinator,
        decided_how="solo",
        rationale="Gut.",
    )


def _add(by, application, amount="120", upload=None, **extra):
    data = {
        "paid_on": timezone.localdate(),
        "purpose": "Lebensmittel",
        "amount": D(amount),
        "upload": upload or _pdf(),
    }
    data.update(extra)
    return services.receipt_add(by=by, application=application, **data)


@pytest.mark.django_db
class TestReceipts:
    def test_receipts_sum_up_to_the_proof_of_use_and_the_money_back(
        self, resident, coordinator, grant
    ):
        _add(resident, grant, "120")
        _add(resident, grant, "80.50", upload=_jpeg_with_gps(), purpose="Becher")
        report = services.report_submit(
            by=resident,
            application=grant,
            what_happened="Ein Fest.",
            participants=30,
            receipts_total=D("9999"),  # ignored: the listed receipts count
        )
        assert report.receipts_total == D("200.50")
        grant.refresh_from_db()
        assert services.money_back(grant) == D("299.50")
        services.grant_close(by=coordinator, application=grant)
        grant.refresh_from_db()
        assert grant.returned_amount == D("299.50")
        assert Fund.objects.get(pk=grant.call.fund_id).committed == D("200.50")

    def test_a_photo_receipt_is_stored_without_its_metadata(self, resident, grant):
        receipt = _add(resident, grant, upload=_jpeg_with_gps())
        with Image.open(receipt.file.path) as stored:
            assert not stored.getexif()

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("beleg.pdf", b"MZ\x90\x00", "application/pdf"),
            SimpleUploadedFile("beleg.gif", b"GIF89a....", "image/gif"),
        ],
        ids=["not-a-pdf", "gif"],
    )
    def test_anything_but_a_pdf_or_photo_is_refused(self, resident, grant, upload):
        with pytest.raises(ValidationError) as exc:
            _add(resident, grant, upload=upload)
        assert "file" in exc.value.error_dict
        assert not Receipt.objects.exists()

    def test_spending_before_the_approval_is_refused(self, resident, grant):
        with pytest.raises(ValidationError) as exc:
            _add(
                resident,
                grant,
                paid_on=timezone.localdate() - datetime.timedelta(days=30),
            )
        assert "paid_on" in exc.value.error_dict

    def test_an_allowed_early_start_counts_from_its_day(self, resident, grant):
        type(grant).objects.filter(pk=grant.pk).update(
            early_start="granted",
            early_start_decided_at=timezone.now() - datetime.timedelta(days=40),
        )
        grant.refresh_from_db()
        receipt = _add(
            resident, grant, paid_on=timezone.localdate() - datetime.timedelta(days=30)
        )
        assert receipt.pk

    def test_after_the_proof_of_use_receipts_stay(self, resident, grant):
        receipt = _add(resident, grant)
        services.report_submit(
            by=resident, application=grant, what_happened="Fest", participants=3
        )
        with pytest.raises(ValidationError):
            services.receipt_remove(by=resident, application=grant, receipt=receipt)
        with pytest.raises(ValidationError):
            _add(resident, grant)
        assert Receipt.objects.count() == 1

    def test_removing_a_receipt_removes_its_file(self, resident, grant):
        receipt = _add(resident, grant)
        path = receipt.file.path
        services.receipt_remove(by=resident, application=grant, receipt=receipt)
        assert not Receipt.objects.exists()
        import os

        assert not os.path.exists(path)


@pytest.mark.django_db
class TestReceiptPages:
    def _url(self, name, grant, **kwargs):
        return reverse(
            f"funds:{name}",
            kwargs={
                "municipality_slug": grant.municipality.slug,
                "pk": grant.pk,
                **kwargs,
            },
        )

    def test_the_applicant_adds_a_receipt_with_a_german_error_first(
        self, client_for, resident, grant
    ):
        client = client_for(resident)
        response = client.post(
            self._url("receipts", grant),
            {
                "paid_on": timezone.localdate().isoformat(),
                "purpose": "Lebensmittel",
                "amount": "12,50",
                "file": SimpleUploadedFile("x.pdf", b"kein pdf", "application/pdf"),
            },
        )
        assert response.status_code == 200
        assert "PDF oder ein Foto" in response.context["form"].errors["file"][0]
        response = client.post(
            self._url("receipts", grant),
            {
                "paid_on": timezone.localdate().isoformat(),
                "purpose": "Lebensmittel",
                "amount": "12,50",
                "file": _pdf(),
            },
        )
        assert response.status_code == 302
        receipt = Receipt.objects.get()
        assert receipt.amount == D("12.50")
        page = client.get(self._url("receipts", grant)).content.decode()
        assert "12,50" in page

    def test_only_the_applicant_and_the_coordination_open_a_receipt(
        self, client_for, resident, coordinator, partner, grant
    ):
        receipt = _add(resident, grant)
        file_url = self._url("receipt_file", grant, receipt_pk=receipt.pk)
        for user, status in ((resident, 200), (coordinator, 200), (partner, 404)):
            response = client_for(user).get(file_url)
            assert response.status_code == status
        content = b"".join(client_for(coordinator).get(file_url).streaming_content)
        assert content.startswith(b"%PDF-")

    def test_uploads_are_rate_limited(self, client_for, resident, grant):
        from django.core.cache import cache

        from quartier.funds.views import receipts as view

        cache.clear()
        view.RECEIPT_UPLOADS_PER_HOUR, limit = 1, view.RECEIPT_UPLOADS_PER_HOUR
        try:
            client = client_for(resident)
            data = {
                "paid_on": timezone.localdate().isoformat(),
                "purpose": "Brot",
                "amount": "2",
            }
            assert (
                client.post(self._url("receipts", grant), {**data, "file": _pdf()})
            ).status_code == 302
            response = client.post(
                self._url("receipts", grant), {**data, "file": _pdf()}
            )
            assert response.status_code == 200
            assert Receipt.objects.count() == 1
        finally:
            view.RECEIPT_UPLOADS_PER_HOUR = limit


@pytest.mark.django_db
def test_receipts_are_kept_for_the_guidelines_period_per_fund(resident, grant, call):
    receipt = _add(resident, grant)
    services.report_submit(
        by=resident, application=grant, what_happened="Fest", participants=3
    )
    submitted = grant.report.submitted_at
    fund = call.fund
    Fund.objects.filter(pk=fund.pk).update(proof_retention_years=6)
    just_before = submitted.replace(year=submitted.year + 6) - datetime.timedelta(
        hours=1
    )
    just_after = submitted.replace(year=submitted.year + 6) + datetime.timedelta(
        hours=1
    )
    assert not receipts_past_guideline(fund.municipality, just_before).exists()
    assert list(receipts_past_guideline(fund.municipality, just_after)) == [receipt]


@pytest.mark.django_db
def test_a_proof_of_use_without_receipts_is_refused_with_a_pointer(
    client_for, resident, grant
):
    response = client_for(resident).post(
        reverse(
            "funds:report",
            kwargs={"municipality_slug": grant.municipality.slug, "pk": grant.pk},
        ),
        {"what_happened": "Ein Fest.", "participants": "10"},
    )
    assert response.status_code == 200
    assert "Bitte erfassen Sie Ihre Belege" in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == "paid"
