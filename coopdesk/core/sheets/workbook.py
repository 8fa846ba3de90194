"""A spreadsheet file read into plain rows of cells: xlsx and ods through python-calamine, csv through
the standard library.

Why python-calamine (docs/rules.md, "Kalkylblad"): it reads xlsx **and** ods, gives a formula's cached
value (what the user saw), tells hidden sheets apart, and reads 2,000 × 33 cells in 0.04 s; openpyxl
reads no ods. The zip and XML inside are the library's business, never ours. A damaged file (a
truncated zip, XML that is not a spreadsheet, a password) is a clear message, never a traceback.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coopdesk.core.errors import CoopdeskError
from coopdesk.core.input_files import MB, read_limited
from coopdesk.core.os_reasons import reason_en, reason_sv
from coopdesk.core.sheets.cells import Cell

#: A cooperative's spreadsheets of many years are well under a megabyte; a bigger file is the wrong one.
MAX_FILE = 50 * MB
#: A sheet beyond this is not a member list or a month (and would only make the preview slow).
MAX_ROWS, MAX_COLUMNS = 20_000, 200
SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")


class SheetFileError(CoopdeskError):
    """The file cannot be read as a spreadsheet (damaged, encrypted, of another kind)."""


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cells from A1, rows of equal length (``''`` or None for an empty cell)."""

    name: str
    rows: Sequence[Sequence[Cell]]
    hidden: bool = False
    #: The sheet's real rows and columns when it holds more than MAX_ROWS × MAX_COLUMNS: ``rows`` is then
    #: only the part read, and reading it must be refused (interpret says so), never imported in part.
    cut: tuple[int, int] | None = None
    #: A comma-separated file's rows with more fields than its header row, as (row number, fields), and
    #: the header's fields: an unquoted decimal comma (7,5) split a cell in two and moved the rest.
    long_rows: tuple[tuple[int, int], ...] = ()
    header_fields: int = 0


@dataclass(frozen=True)
class Workbook:
    name: str
    sheets: Sequence[RawSheet] = field(default_factory=tuple)

    def visible(self) -> list[RawSheet]:
        return [s for s in self.sheets if not s.hidden]


def read_file(path: Path) -> Workbook:
    """The workbook at ``path`` (its kind from its suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetFileError(
            f"{path.name} är inget kalkylblad som coopdesk läser. Spara det som .xlsx, .ods eller .csv.",
            f"{path.name} is not a spreadsheet coopdesk reads. Save it as .xlsx, .ods or .csv.",
        )
    try:
        data = read_limited(path, MAX_FILE, "Kalkylbladet", "The spreadsheet")
    except FileNotFoundError:
        raise SheetFileError(f"Filen {path} finns inte.", f"The file {path} does not exist.") from None
    except OSError as error:
        raise SheetFileError(
            f"Filen {path} kan inte läsas: {reason_sv(error)}.",
            f"The file {path} cannot be read: {reason_en(error)}.",
        ) from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> Workbook:
    if name.lower().endswith((".csv", ".txt")):
        return Workbook(name, [read_csv(data, Path(name).stem, file_name=name)])
    return _read_calamine(data, name)


def _what_it_is(data: bytes) -> tuple[str, str] | None:
    """What a file that is no spreadsheet is, by its first bytes: the wrong file chosen is the usual
    cause, and "a database" or "a PDF" tells the user which one they took."""
    if data.startswith(b"SQLite format 3\x00"):
        return "en databas (SQLite, kanske coopdesks egen)", "a database (SQLite, perhaps coopdesk's own)"
    if data.startswith(b"%PDF"):
        return "en PDF", "a PDF"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE: a password-protected xlsx, or an old format
        return (
            "skyddad med lösenord (eller en gammal .xls eller .doc)",
            "protected by a password (or an old .xls or .doc)",
        )
    if data.startswith((b"\x7fELF", b"MZ")):
        return "ett program", "a program"
    if data.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return None
        if any(n.startswith("word/") for n in names):
            return "ett Word-dokument", "a Word document"
        if any(n.startswith("ppt/") for n in names):
            return "en PowerPoint-presentation", "a PowerPoint presentation"
    return None


def _damaged(name: str, data: bytes) -> SheetFileError:
    what = _what_it_is(data)
    if what is not None:
        return SheetFileError(
            f"{name} är {what[0]}, inget kalkylblad som coopdesk kan läsa. Välj rätt fil, eller öppna den i "
            "Excel eller LibreOffice och spara den som .xlsx eller .ods utan lösenord.",
            f"{name} is {what[1]}, not a spreadsheet coopdesk can read. Choose the right file, or open it in "
            "Excel or LibreOffice and save it as .xlsx or .ods without a password.",
        )
    return SheetFileError(
        f"{name} kan inte läsas som kalkylblad (filen är skadad, krypterad eller av annat slag). "
        "Öppna den i Excel eller LibreOffice och spara den igen som .xlsx eller .ods.",
        f"{name} cannot be read as a spreadsheet (the file is damaged, encrypted or of another kind). "
        "Open it in Excel or LibreOffice and save it again as .xlsx or .ods.",
    )


def _read_calamine(data: bytes, name: str) -> Workbook:
    import python_calamine as calamine  # imported here: only an import pays for it

    sheets: list[RawSheet] = []
    # The reader is a parser of untrusted files: whatever it raises about this file (its own errors, a
    # ValueError or a panic turned into an exception) is a damaged file to the user, not a bug of ours.
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for meta in book.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue  # chart sheets and macro sheets hold no table
            sheet = book.get_sheet_by_name(meta.name)
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            # The extent of the cells that hold something (cells only formatted do not count), from A1.
            height, width = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end is not None else (0, 0)
            cut = (height, width) if height > MAX_ROWS or width > MAX_COLUMNS else None
            if height > MAX_ROWS * 5 or width > MAX_COLUMNS * 5:
                rows: list[list[Cell]] = []
            else:
                rows = [list(r[:MAX_COLUMNS]) for r in sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)]
                merged = sheet.merged_cell_ranges or []
                _fill_merged(rows, merged)
            sheets.append(RawSheet(meta.name, rows, hidden, cut))
    except Exception:
        raise _damaged(name, data) from None
    return Workbook(name, sheets)


def _fill_merged(rows: list[list[Cell]], merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A merged range's value into every cell it covers: a header merged over two columns names both,
    a name merged over a member's two placement rows belongs to both."""
    for (top, left), (bottom, right) in merged:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, MAX_COLUMNS - 1) + 1):
                while len(row) <= c:
                    row.append("")
                if row[c] in ("", None):
                    row[c] = value


def _decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 (Excel's "CSV" in Sweden)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes, name: str, *, file_name: str | None = None) -> RawSheet:
    """A csv file as one sheet named after the file; ``;`` (Swedish Excel), ``,`` or tab separated."""
    content = _decode(data)
    if "\x00" in content or data.startswith(b"%PDF"):
        raise _damaged(file_name or name, data)
    sample = "\n".join(content.splitlines()[:30])
    # A ;-file (Swedish Excel) has a ; on every line, and may have more commas than that (3,5 hours,
    # weekdays 1,2,3,4); a ,-file seldom has a ; at all. So any ; decides, then a tab, else the comma.
    separator = next((sep for sep in (";", "\t") if sep in sample), ",")
    # The whole file is read (it is at most MAX_FILE) to know its real size: lines of empty cells at the
    # end (Excel's ";;;;") do not count, anything else beyond the limits makes the sheet too big.
    rows: list[list[str]] = []
    height = width = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(content), delimiter=separator), start=1):
            filled = [c for c, value in enumerate(row) if value.strip()]
            if filled:
                height, width = number, max(width, filled[-1] + 1)
            if number <= MAX_ROWS:
                rows.append(row[:MAX_COLUMNS])
    except csv.Error:
        raise _damaged(file_name or name, data) from None
    cut = (height, width) if height > MAX_ROWS or width > MAX_COLUMNS else None
    long_rows, header_fields = _long_rows(rows) if separator == "," else ((), 0)
    width = max((len(r) for r in rows), default=0)
    return RawSheet(
        name, [[*r, *[""] * (width - len(r))] for r in rows], cut=cut, long_rows=long_rows, header_fields=header_fields
    )


def _long_rows(rows: list[list[str]]) -> tuple[tuple[tuple[int, int], ...], int]:
    """In a comma-separated file, the rows with more fields than the header row (the one of the first 30
    with most filled cells): "7,5" typed without quotes is two cells, and every cell after it is one
    column off. Excel writes every row with the same number of fields, so a longer row is a typed one."""
    first = rows[:30]
    if not first:
        return (), 0
    header = max(first, key=lambda r: sum(1 for v in r if v.strip()))
    long = tuple(
        (number, len(row))
        for number, row in enumerate(rows, start=1)
        if len(row) > len(header) and any(v.strip() for v in row)
    )
    return long, len(header)
