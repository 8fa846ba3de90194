"""``export-sheet``: a year's members and attendance as an .xlsx workbook in the layout import-sheet
reads (core/sheets/export.py gives the rows; the one xlsx writer writes them)."""

from __future__ import annotations

from coopdesk.core.sheets.export import MEMBER_COLUMNS, YearSheets
from coopdesk.reports.xlsx import Column, Sheet, workbook_bytes

MEMBER_SHEET = "Medlemmar"


def year_workbook(data: YearSheets) -> list[Sheet]:
    sheets = [
        Sheet(
            MEMBER_SHEET,
            [Column(header, kind) for header, kind in MEMBER_COLUMNS],  # type: ignore[arg-type]
            data.member_rows,
            title_lines=(f"Medlemmar och beslut {data.year} (coopdesk)",),
        )
    ]
    for month, area, rows in data.months:
        columns = [Column("Namn"), Column("Personnummer")] + [
            Column(str(d), "decimal", width=6) for d in range(1, month.number_of_days + 1)
        ]
        name, title = (
            (f"{month} {area}", f"Timmar i {area} {month.name_sv()}")
            if area
            else (
                str(month),
                f"Närvaro {month.name_sv()}",
            )
        )
        sheets.append(Sheet(name, columns, rows, title_lines=(title,)))
    return sheets


def year_workbook_bytes(data: YearSheets, *, author: str = "coopdesk") -> bytes:
    return workbook_bytes(year_workbook(data), title=f"coopdesk {data.year}", author=author)
