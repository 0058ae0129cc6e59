"""CSV downloads that a German spreadsheet opens with a double click.

UTF-8 with a byte order mark and `;` as separator: that is what Excel expects in a
German locale (where the comma is the decimal separator), and every other
spreadsheet reads it too. Numbers are formatted by the caller (decimal comma where
an export has it); this module only writes the cells.

Text that starts with =, +, - or @ (or a tab or carriage return) would be taken as
a formula by a spreadsheet, so such a cell gets a leading apostrophe — unless it is
a plain number such as "-3" or "-1,50", which a spreadsheet reads as a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def csv_cell(value: Any) -> str:
    """A value as a spreadsheet cell: empty for None, text that would start a
    formula with a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """Header and rows as CSV text with BOM, `;` and CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of header and rows (see csv_text) named `filename`."""
    response = HttpResponse(
        csv_text(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
