"""The one CSV writer of the exports (quartier/core/csvexport.py)."""

from __future__ import annotations

import csv
import io

import pytest

from quartier.core.csvexport import csv_cell, csv_response


def test_the_response_has_bom_semicolons_crlf_and_a_file_name():
    response = csv_response("liste.csv", ["name", "betrag"], [["Café", "1,50"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8")
    assert text == "\ufeffname;betrag\r\nCafé;1,50\r\n"
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["name", "betrag"], ["Café", "1,50"]]


def test_cells_with_semicolons_and_quotes_are_quoted():
    text = csv_response("x.csv", ["a"], [['Eins; "zwei"']]).content.decode()
    assert text.endswith('"Eins; ""zwei"""\r\n')


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+49 711", "'+49 711"),
        ("-Rückenfit", "'-Rückenfit"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("\tTab", "'\tTab"),
        ("Text = Text", "Text = Text"),
        ("-3", "-3"),
        ("-1,50", "-1,50"),
        ("+2.5", "+2.5"),
        ("-1e-05", "-1e-05"),
        (-3, "-3"),
        (None, ""),
        ("", ""),
    ],
)
def test_formulas_are_defused_but_plain_numbers_stay(value, cell):
    assert csv_cell(value) == cell


def test_the_guard_applies_to_every_row():
    text = csv_response("x.csv", ["a", "b"], [["=1+1", -2]]).content.decode()
    assert "'=1+1;-2\r\n" in text
