"""The xlsx writer every table export uses: numbers stay numbers, dates dates, text never a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from python_calamine import CalamineWorkbook

from coopdesk.reports.xlsx import Column, Sheet, sheet_name, workbook_bytes

COLUMNS = [
    Column("Namn"),
    Column("Datum", "date"),
    Column("Timmar", "hours"),
    Column("Belopp (kr)", "money"),
    Column("Dagar", "int"),
    Column("Omfattning", "percent"),
]


def read(data: bytes, index: int = 0) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(index).to_python()


def sheet_xml(data: bytes, index: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(f"xl/worksheets/sheet{index}.xml").decode()


def test_values_keep_their_kind() -> None:
    data = workbook_bytes(
        [
            Sheet(
                "Medlemmar",
                COLUMNS,
                [
                    ["Anna Lindqvist", dt.date(2026, 11, 3), Fraction(13, 2), Decimal("1234.50"), 20, 75],
                    ['=HYPERLINK("http://x")', None, Decimal("0.25"), Decimal("-12.00"), 0, 100],
                ],
                totals=["Summa", None, Fraction(27, 4), Decimal("1222.50"), 20, None],
            )
        ]
    )
    rows = read(data)
    assert rows[0] == ["Namn", "Datum", "Timmar", "Belopp (kr)", "Dagar", "Omfattning"]
    assert rows[1] == ["Anna Lindqvist", dt.date(2026, 11, 3), 6.5, 1234.5, 20, 75]
    # A name that looks like a formula is text, not a formula: no <f> element anywhere.
    assert rows[2][0] == '=HYPERLINK("http://x")'
    assert "<f>" not in sheet_xml(data)
    assert rows[3][:5] == ["Summa", "", 6.75, 1222.5, 20]


def test_header_frozen_and_widths_fit() -> None:
    long_name = "Kooperativet med ett mycket långt namn AB"
    data = workbook_bytes([Sheet("Blad", COLUMNS, [[long_name, None, 1, 1, 1, 1]], title_lines=["Rubrik", "Period"])])
    xml = sheet_xml(data)
    # Title lines, an empty line, then the header on row 4: the pane is frozen under it.
    assert re.search(r'<pane ySplit="4" topLeftCell="A5"', xml)
    widths = [float(w) for w in re.findall(r'<col min="1" max="1" width="([\d.]+)"', xml)]
    assert widths and widths[0] >= len(long_name)
    assert read(data)[0][0] == "Rubrik"


def test_sheet_names_valid_and_unique() -> None:
    assert sheet_name("Jan/Feb: [x]?") == "Jan-Feb- -x--"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("Blad", {"blad"}) == "Blad (2)"
    data = workbook_bytes([Sheet("Maj", COLUMNS[:1], [["a"]]), Sheet("maj", COLUMNS[:1], [["b"]])])
    assert CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names == ["Maj", "maj (2)"]


def test_bad_rows_refused() -> None:
    with pytest.raises(ValueError):
        workbook_bytes([Sheet("A", COLUMNS[:1], [["a", "b"]])])
    with pytest.raises(TypeError):
        workbook_bytes([Sheet("A", [Column("Dagar", "int")], [[True]])])
