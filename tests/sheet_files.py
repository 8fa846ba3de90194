"""Spreadsheets typed the way a cooperative types them, for the import-sheet tests (issue 18).

Kept free of coopdesk imports: ``tests/make_sheet_fixtures.py`` runs this under a separate Python that
has odfpy (to write the committed .ods fixture); the tests write the xlsx and csv variants themselves
with XlsxWriter (an Excel-style writer) and the standard library.

The workbook has what real ones have: a merged title row above the header, the header on row 3, a
blank row between members, a decision number typed as a number, dates as date cells, Excel serial
numbers, ``1/5 2026`` and ``2 feb 2026`` text, a capacity typed as 0,5 in a percentage cell, weekdays
as ``mån–tor`` and ``1,2,3``, a column nobody asked for (Anteckning), month sheets named ``mars 2026``
and ``2026-04`` with a title, a row of weekday letters under the day numbers, hours with a decimal
comma as text, S/A/O/L and words, a total column with a formula, and a hidden sheet.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence


def luhn_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def personal_number(born: str, serial: str) -> str:
    """``born`` YYYYMMDD and a 3-digit ``serial`` → a valid YYYYMMDD-NNNN."""
    return f"{born}-{serial}{luhn_digit(born[2:] + serial)}"


def bad_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


ANNA = personal_number("19800101", "123")
BO = personal_number("19850315", "456")
CIA = personal_number("19920704", "789")
DAN = personal_number("20010101", "234")

HEADER = [
    "Namn",
    "Personnummer",
    "Beställare",
    "Beslutsnummer",
    "Från",
    "Till",
    "Handläggare",
    "Omfattning (%)",
    "Veckodagar",
    "Arbetsområde",
    "Anteckning",
]


def member_rows() -> list[list[object]]:
    """The member sheet's rows below the header: one per placement; Anna's capacity changes."""
    return [
        [
            "Anna Andersson",
            ANNA,
            "Norrmalm",
            "B-2026-001",
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
            "Eva Ek",
            50,
            "mån–fre",
            "Kaffestuga",
            "började i januari",
        ],
        ["Anna  Andersson", ANNA, "Norrmalm", "B-2026-044", "1/4 2026", "", "Eva Ek", 75, "mån-tor", "Kaffestuga", ""],
        ["", "", "", "", "", "", "", "", "", "", ""],
        ["Bo Berg", BO[2:8] + "-" + BO[9:], "Tyresö kommun", 12345, 46023, "", "", 0.5, "1,2,3", "Kopiering", ""],
        ["Cia Carlsson", CIA, "norrmalm", "B-7", "2 feb 2026", "", "Per Pil", 100, "", "Glasverkstad", ""],
        ["Dan Dahl", DAN, "Tyresö kommun", "T-99", "2026-03-02", "", "", "25", "mån, ons", "Kopiering", "ny"],
    ]


#: Month sheets: (sheet name, {row name: {day: value}}); days left out are empty cells.
MONTHS: list[tuple[str, dict[str, dict[int, object]]]] = [
    (
        "mars 2026",
        {
            "Anna Andersson": {2: 4, 3: "3,5", 4: "S", 5: 4.25, 6: "sjuk", 9: 4, 10: "A", 11: "O", 12: "L"},
            BO: {2: 6, 3: "6.5", 4: 6, 9: "Ledig"},
            "Cia Carlsson": {2: 8, 3: 8, 4: "anmäld", 5: 7.5, 6: 8},
            "Dan Dahl": {2: 2, 4: 2, 7: 3},  # the 7th is a Saturday: an extra day, present counts
        },
    ),
    (
        "2026-04",
        {
            "anna andersson": {1: 6, 2: 6, 7: 6, 8: "s"},
            "Bo Berg": {1: 6, 7: 6, 8: 6},
            "Cia Carlsson": {1: 8, 2: 8, 7: 8, 8: 8, 9: 8, 10: 8},
        },
    ),
]

_LETTERS = "MTOTFLS"


def month_rows(name: str, people: dict[str, dict[int, object]], year: int, month: int) -> list[list[object]]:
    """A month sheet as rows: title, day numbers, weekday letters, one row per member, a total row."""
    days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.date(year, month, 1)).days
    rows: list[list[object]] = [[f"Närvaro {name}"] + [""] * (days + 1)]
    rows.append(["Namn", *range(1, days + 1), "Summa"])
    rows.append(["", *(_LETTERS[dt.date(year, month, d).weekday()] for d in range(1, days + 1)), ""])
    for who, values in people.items():
        rows.append([who, *(values.get(d, "") for d in range(1, days + 1)), None])  # None: the total formula
    rows.append(["", *[""] * days, ""])
    rows.append(["Summa", *[""] * days, ""])
    return rows


def _month_of(name: str) -> tuple[int, int]:
    if name[0].isdigit():
        return int(name[:4]), int(name[5:7])
    return 2026, {"mars": 3, "april": 4}[name.split()[0]]


def xlsx_bytes(
    members: Sequence[Sequence[object]] | None = None,
    months: Sequence[tuple[str, dict[str, dict[int, object]]]] | None = None,
    *,
    hidden: bool = True,
) -> bytes:
    """The workbook as Excel would save it (XlsxWriter): dates as date cells, a percentage cell, formulas
    with their cached values."""
    import xlsxwriter

    members = member_rows() if members is None else members
    months = MONTHS if months is None else months
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    percent_format = book.add_format({"num_format": "0%"})
    sheet = book.add_worksheet("Medlemmar")
    sheet.merge_range(0, 0, 0, 5, "Kooperativet KOS – medlemmar och beslut")
    sheet.write_row(2, 0, HEADER)
    for r, row in enumerate(members, start=3):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, float) and c == 7:
                sheet.write_number(r, c, value, percent_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            elif value:
                sheet.write_string(r, c, str(value))
    for name, people in months:
        year, month = _month_of(name)
        ws = book.add_worksheet(name)
        rows = month_rows(name, people, year, month)
        days = len(rows[1]) - 2
        ws.merge_range(0, 0, 0, 10, rows[0][0])
        for r, row in enumerate(rows[1:], start=1):
            for c, value in enumerate(row):
                if value is None:
                    total = sum(_hours(v) for v in row[1 : days + 1])
                    ws.write_formula(r, c, f"=SUM(B{r + 1}:{_col(days)}{r + 1})", None, total)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif value != "":
                    ws.write_string(r, c, str(value))
    if hidden:
        old = book.add_worksheet("Gammalt 2025-12")
        old.write_row(0, 0, ["Namn", *range(1, 32)])
        old.write_row(1, 0, ["Någon som inte finns", 99])
        old.hide()
    book.close()
    return out.getvalue()


def _hours(value: object) -> float:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return 0.0
    return 0.0


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def csv_bytes(rows: Sequence[Sequence[object]], *, sep: str = ";", bom: bool = True, encoding: str = "utf-8") -> bytes:
    """A csv as Swedish Excel saves it: ``;`` between cells, a decimal comma, UTF-8 with a BOM."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else _csv_cell(v) for v in row])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom and encoding == "utf-8" else data


def _csv_cell(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def member_csv_rows() -> list[list[object]]:
    rows = [list(r) for r in member_rows()]
    for row in rows:
        if isinstance(row[7], float):
            row[7] = f"{round(row[7] * 100)} %"  # a csv keeps what the cell showed
        if isinstance(row[4], int):
            row[4] = "2026-01-01"
    return [["Medlemmar i kooperativet"], [], HEADER, *rows]


def ods_bytes() -> bytes:
    """The same workbook as LibreOffice saves it (odfpy): run by tests/make_sheet_fixtures.py only."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    def add(name: str, rows: Sequence[Sequence[object]]) -> None:
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                if isinstance(value, dt.date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.isoformat()))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif value:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell()
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)

    add("Medlemmar", [["Kooperativet KOS – medlemmar och beslut"], [], HEADER, *member_rows()])
    for name, people in MONTHS:
        year, month = _month_of(name)
        rows = month_rows(name, people, year, month)
        add(name, [[_hours_total(v, row) if v is None else v for v in row] for row in rows])
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _hours_total(_value: object, row: Sequence[object]) -> float:
    return sum(_hours(v) for v in row[1:-1])


def rows_xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> bytes:
    """Sheets of plain rows as an .xlsx (a workbook read back, changed the way a user would, saved again)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime | dt.date):
                    ws.write_datetime(
                        r,
                        c,
                        value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()),
                        date_format,
                    )
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif value not in (None, ""):
                    ws.write_string(r, c, str(value))
    book.close()
    return out.getvalue()
