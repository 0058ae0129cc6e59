"""A saved report as HTML, PDF (core/pdf.py: tagged PDF/UA) and DOCX.

All three read the saved content (Report.content), never the live data. Charts
are drawn with core/charts.py: in HTML as the usual SVG with its data table, in
the PDF as an image whose alternative text is the chart's title, followed by the
same data table; the DOCX has the data table (coordinators edit that file).
"""

from __future__ import annotations

import base64
import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _t

from quartier.core import pdf
from quartier.core.charts import bar_chart
from quartier.reports.models import Report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _chart(block: dict[str, Any]) -> Any:
    return bar_chart(
        block["title"],
        [(label, value) for label, value in block["rows"]],
        unit=block.get("unit", ""),
        headers=block.get("headers") or (),
        max_value=block.get("max_value"),
    )


def sections(report: Report, *, for_pdf: bool = False) -> list[dict[str, Any]]:
    """The saved sections, numbered, with their free text and drawn charts."""
    return prepare(report.content, report.texts, for_pdf=for_pdf)


def prepare(
    content: list[dict[str, Any]], texts: dict[str, str], *, for_pdf: bool = False
) -> list[dict[str, Any]]:
    result = []
    for number, part in enumerate(content, start=1):
        blocks = []
        for block in part["blocks"]:
            block = dict(block)
            if block["kind"] == "chart":
                block["chart"] = _chart(block)
                if for_pdf:
                    svg = render_to_string(
                        "reports/chart.svg", {"chart": block["chart"]}
                    )
                    block["image"] = "data:image/svg+xml;base64," + base64.b64encode(
                        svg.encode()
                    ).decode("ascii")
            blocks.append(block)
        result.append(
            {
                **part,
                "number": number,
                "anchor": f"section-{number}",
                "text": texts.get(part["key"], ""),
                "blocks": blocks,
            }
        )
    return result


def period(report: Report) -> str:
    start = formats.date_format(report.period_start, "SHORT_DATE_FORMAT")
    end = formats.date_format(report.period_end, "SHORT_DATE_FORMAT")
    return f"{start} – {end}"


def context(report: Report, *, for_pdf: bool = False) -> dict[str, Any]:
    return {
        "report": report,
        "sections": sections(report, for_pdf=for_pdf),
        "intro": report.texts.get("intro", ""),
        "period": period(report),
        "neighbourhoods": [h.name for h in report.neighborhoods.all()],
    }


def pdf_response(report: Report, request: HttpRequest) -> HttpResponse:
    # The report's words were generated in German: the document says so.
    with translation.override(settings.LANGUAGE_CODE):
        return pdf.pdf_response(
            "reports/report_pdf.html",
            context(report, for_pdf=True),
            report.filename("pdf"),
            request,
            inline=False,
        )


def docx_bytes(report: Report) -> bytes:
    from docx import Document

    with translation.override(settings.LANGUAGE_CODE):
        data = context(report)
        document = Document()
        document.core_properties.title = report.title
        document.core_properties.language = settings.LANGUAGE_CODE
        document.add_heading(report.title, level=0)
        document.add_paragraph(
            f"{report.municipality.name} · {report.get_audience_display()} · "
            f"{_t('Period')}: {data['period']}"
        )
        if data["neighbourhoods"]:
            document.add_paragraph(
                f"{_t('Neighbourhoods')}: {', '.join(data['neighbourhoods'])}"
            )
        if report.data_as_of:
            document.add_paragraph(
                _t("Data as of %(time)s")
                % {
                    "time": formats.date_format(
                        report.data_as_of, "SHORT_DATETIME_FORMAT"
                    )
                }
            )
        if data["intro"]:
            document.add_heading(_t("Introduction"), level=1)
            for line in data["intro"].split("\n\n"):
                document.add_paragraph(line)
        for section in data["sections"]:
            document.add_heading(f"{section['number']}. {section['title']}", level=1)
            for line in filter(None, section["text"].split("\n\n")):
                document.add_paragraph(line)
            for block in section["blocks"]:
                _docx_block(document, block)
            for source in section["sources"]:
                document.add_paragraph().add_run(source).italic = True
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _docx_table(
    document: Any, caption: str, header: list[str], rows: list[Any]
) -> None:
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = str(text)


def _docx_block(document: Any, block: dict[str, Any]) -> None:
    kind = block["kind"]
    if kind == "heading":
        document.add_heading(block["text"], level=2)
    elif kind == "paragraph":
        document.add_paragraph(block["text"])
    elif kind == "figures":
        _docx_table(
            document,
            _t("Key figures"),
            [_t("Figure"), _t("Value")],
            [(item["label"], item["value"]) for item in block["items"]],
        )
    elif kind == "table":
        _docx_table(document, block["caption"], block["header"], block["rows"])
    elif kind == "chart":
        chart = block["chart"]
        headers = list(chart.headers) or [_t("Category"), _t("Value")]
        _docx_table(
            document,
            block["title"],
            headers[:2],
            [(bar.label, bar.display) for bar in chart.bars],
        )


def docx_response(report: Report) -> HttpResponse:
    response = HttpResponse(docx_bytes(report), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="{report.filename("docx")}"'
    )
    return response
