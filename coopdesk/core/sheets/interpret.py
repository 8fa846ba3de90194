"""A workbook's sheets read as the layout of domain.md §11: member rows and month cells.

Nothing here knows the database: a district or a member is still a name. What a cell cannot be (no
date, no number, a personal number with a wrong check digit, a day the month does not have) is a
:class:`Problem` at its sheet, row and column; ``plan`` adds the problems only the database can tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from coopdesk.core import rules
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.sheets import cells, workbook
from coopdesk.core.sheets.cells import Cell, column_letter
from coopdesk.core.sheets.headers import FIELD_BY_KEY, FIELDS, column_field, normal
from coopdesk.core.sheets.workbook import RawSheet, Workbook

HEADER_SEARCH_ROWS = 30
#: A row whose first cell says this is a sum, not a member.
TOTAL_WORDS = frozenset({"summa", "totalt", "total", "sum", "summering", "summa timmar", "totals"})
NUMBER_WORDS = frozenset(normal(w) for w in ("personnummer", "pnr", "personnr", "personal number"))
WHO_WORDS = NUMBER_WORDS | frozenset(normal(w) for w in ("namn", "name", "medlem", "member", "deltagare"))

SheetKind = Literal["members", "month", "ignored", "hidden", "skipped"]


@dataclass(frozen=True)
class Place:
    """Where in the workbook: a sheet, and a row (1-based, as the spreadsheet shows it) and a column."""

    sheet: str
    row: int | None = None
    column: str | None = None

    def text(self, lang: str = "sv") -> str:
        parts = [f"{'blad' if lang == 'sv' else 'sheet'} {self.sheet}"]
        if self.row is not None:
            parts.append(f"{'rad' if lang == 'sv' else 'row'} {self.row}")
        if self.column is not None:
            parts.append(f"{'kolumn' if lang == 'sv' else 'column'} {self.column}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """A rule the file breaks: where, the value as written, and the rule in Swedish and English."""

    place: Place
    value: str
    sv: str
    en: str
    rule: str = ""

    def line(self, lang: str = "sv") -> str:
        value = f" ({self.value})" if self.value else ""
        return f"{self.place.text(lang)}{value}: {self.sv if lang == 'sv' else self.en}"


@dataclass(frozen=True)
class ColumnInfo:
    letter: str
    header: str
    field: str | None  # a member field, "day:N", "who", or None: left out


@dataclass(frozen=True)
class SheetInfo:
    """What a sheet was taken for, and its columns: the preview shows these before anything else."""

    name: str
    kind: SheetKind
    header_row: int | None = None
    columns: tuple[ColumnInfo, ...] = ()
    month: Month | None = None

    @property
    def unknown(self) -> list[str]:
        return [f"{c.letter}: {c.header}" for c in self.columns if c.field is None and c.header]


@dataclass(frozen=True)
class MemberRow:
    """One placement as the member sheet gives it (members are grouped by personal number later)."""

    sheet: str
    row: int
    columns: Mapping[str, str]  # field → column letter
    name: str
    personal_number: str
    district: str
    decision_ref: str
    start: dt.date
    end: dt.date | None
    case_worker: str | None
    case_worker_phone: str | None
    case_worker_email: str | None
    percent: int | None
    weekdays: frozenset[int] | None
    work_area: str | None

    def place(self, key: str | None = None) -> Place:
        return Place(self.sheet, self.row, self.columns.get(key) if key else None)


@dataclass(frozen=True)
class DayCell:
    """One filled cell of a month sheet: who (as the first column says), the day, what it says."""

    sheet: str
    row: int
    column: str
    who: str
    who_column: str
    day: dt.date
    status: str
    hours: Decimal | None
    written: str
    #: What the sheet's name says besides the month: a work area's name makes it that area's sheet.
    label: str = ""

    def place(self) -> Place:
        return Place(self.sheet, self.row, self.column)


@dataclass
class Interpretation:
    sheets: list[SheetInfo] = field(default_factory=list)
    member_rows: list[MemberRow] = field(default_factory=list)
    day_cells: list[DayCell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Names and personal numbers (normal form) of member rows that could not be read: their month rows
    #: wait for the member row to be fixed instead of repeating "not in the member sheet".
    unreadable: set[str] = field(default_factory=set)


def interpret(
    book: Workbook,
    *,
    today: dt.date,
    only: Sequence[str] = (),
    mapping: Mapping[str, str] | None = None,
) -> Interpretation:
    """Every visible sheet (or those named in ``only``) read as a member sheet or a month sheet."""
    result = Interpretation()
    wanted = {normal(n) for n in only}
    found = {normal(s.name) for s in book.sheets}
    for name in only:
        if normal(name) not in found:
            names = ", ".join(s.name for s in book.sheets)
            result.problems.append(
                Problem(
                    Place(name),
                    name,
                    f"Bladet {name} finns inte i filen. Bladen heter: {names}.",
                    f"The sheet {name} is not in the file. The sheets are: {names}.",
                    "sheet",
                )
            )
    for sheet in book.sheets:
        if wanted and normal(sheet.name) not in wanted:
            result.sheets.append(SheetInfo(sheet.name, "skipped"))
            continue
        if sheet.hidden and not wanted:
            result.sheets.append(SheetInfo(sheet.name, "hidden"))
            continue
        # A sheet beyond the limits is only told what it is: none of its rows or problems are kept.
        into = result if sheet.cut is None else Interpretation()
        year_month = cells.month_of_name(sheet.name)
        if year_month is not None:
            _month_sheet(sheet, Month(*year_month), into)
        else:
            _member_sheet(sheet, mapping or {}, today, into)
        if sheet.cut is not None:
            result.sheets.extend(into.sheets)
            if into.sheets[-1].kind in ("members", "month") or not sheet.rows:
                result.problems.append(_too_big(sheet.name, *sheet.cut))
        elif result.sheets[-1].kind in ("members", "month"):
            result.problems.extend(_long_row(sheet, row, fields) for row, fields in sheet.long_rows)
    read = [s for s in result.sheets if s.kind in ("members", "month")]
    if read and not result.member_rows and not result.day_cells and not result.problems:
        result.problems.append(
            Problem(
                Place(read[0].name, read[0].header_row),
                "",
                f"Bladet {read[0].name} har rubrikerna på rad {read[0].header_row} men inga rader att importera "
                "under dem.",
                f"The sheet {read[0].name} has its headers on row {read[0].header_row} but no rows to import "
                "below them.",
                "layout",
            )
        )
    if not result.member_rows and not result.day_cells and not result.problems:
        result.problems.append(
            Problem(
                Place(book.name),
                "",
                "Filen har inget medlemsblad (rubriker som Namn, Personnummer, Beställare) och inget månadsblad "
                "(ett blad som heter till exempel 2026-05 eller maj 2026).",
                "The file has no member sheet (headers such as Namn, Personnummer, Beställare) and no month sheet "
                "(a sheet named e.g. 2026-05 or maj 2026).",
                "layout",
            )
        )
    return result


def _long_row(sheet: RawSheet, row: int, fields: int) -> Problem:
    return Problem(
        Place(sheet.name, row),
        "",
        f"Raden har {fields} fält men rubrikraden {sheet.header_fields}: i en kommaseparerad fil blir ett tal med "
        "decimalkomma (7,5) två celler, och cellerna efter det hamnar en kolumn fel. Sätt talet inom citattecken "
        '("7,5"), skriv 7.5, eller spara filen med semikolon som Excel gör.',
        f"The row has {fields} fields but the header row {sheet.header_fields}: in a comma-separated file a number "
        "with a decimal comma (7,5) becomes two cells, and the cells after it are one column off. Put the number "
        'in quotes ("7,5"), write 7.5, or save the file with semicolons as Excel does.',
        "fields",
    )


def _too_big(name: str, rows: int, columns: int) -> Problem:
    """A sheet beyond the limits is refused whole: importing the part read would lose the rest unseen."""

    def sv(n: int) -> str:
        return f"{n:,}".replace(",", "\u00a0")

    if rows > workbook.MAX_ROWS:
        size_sv, size_en = f"{sv(rows)} rader", f"{rows:,} rows"
        most_sv, most_en = f"{sv(workbook.MAX_ROWS)} rader", f"{workbook.MAX_ROWS:,} rows"
    else:
        size_sv, size_en = f"{columns} kolumner", f"{columns} columns"
        most_sv, most_en = f"{workbook.MAX_COLUMNS} kolumner", f"{workbook.MAX_COLUMNS} columns"
    return Problem(
        Place(name),
        "",
        f"Bladet {name} har {size_sv}; coopdesk läser högst {most_sv} i ett blad. Dela upp det i flera blad "
        "eller filer (inget av bladet lästes, så att inget kommer in till hälften).",
        f"The sheet {name} has {size_en}; coopdesk reads at most {most_en} a sheet. Split it into several "
        "sheets or files (none of the sheet was read, so nothing comes in by half).",
        "size",
    )


# --- the member sheet ----------------------------------------------------------------------------------
def _header_texts(rows: Sequence[Sequence[Cell]], index: int) -> list[str]:
    """The header row's texts; where the row above groups columns (a merged cell filled over them, say
    "Handläggare" over Namn | Telefon | E-post), the group's name goes in front."""
    row = rows[index]
    above = rows[index - 1] if index > 0 else [""] * len(row)
    texts = []
    for c, value in enumerate(row):
        own = cells.text(value)
        group = cells.text(above[c]) if c < len(above) else ""
        grouped = group and (
            (c > 0 and c - 1 < len(above) and cells.text(above[c - 1]) == group)
            or (c + 1 < len(above) and cells.text(above[c + 1]) == group)
        )
        texts.append(f"{group} {own}".strip() if grouped else own or (group if grouped else ""))
    return texts


def _member_fields(texts: Sequence[str], mapping: Mapping[str, str]) -> list[str | None]:
    return [column_field(text, mapping) for text in texts]


def _find_member_header(
    rows: Sequence[Sequence[Cell]], mapping: Mapping[str, str], *, need_number: bool = True
) -> tuple[int, list[str], list[str | None]] | None:
    """The header row: the one of the first 30 with most recognised headers, one of them the personal
    number (``need_number`` False: the best guess, to show which columns were not recognised)."""
    best: tuple[int, list[str], list[str | None]] | None = None
    best_score = 1
    for index in range(min(HEADER_SEARCH_ROWS, len(rows))):
        texts = _header_texts(rows, index)
        fields = _member_fields(texts, mapping)
        plain = [column_field(cells.text(v), mapping) for v in rows[index]]
        if sum(f is not None for f in plain) > sum(f is not None for f in fields):
            texts, fields = [cells.text(v) for v in rows[index]], plain
        score = len({f for f in fields if f is not None})
        if ("personal_number" in fields or not need_number) and score > best_score:
            best, best_score = (index, texts, fields), score
    return best


def _member_sheet(sheet: RawSheet, mapping: Mapping[str, str], today: dt.date, result: Interpretation) -> None:
    found = _find_member_header(sheet.rows, mapping)
    if found is None:
        # Perhaps a member sheet whose personal number column has a header nobody foresaw: its columns
        # are shown, so that the user can name that one (--map, or the drop-down of the dialog).
        guess = _find_member_header(sheet.rows, mapping, need_number=False)
        if guess is None:
            result.sheets.append(SheetInfo(sheet.name, "ignored"))
        else:
            index, texts, fields = guess
            infos = tuple(
                ColumnInfo(column_letter(c), t, f) for c, (t, f) in enumerate(zip(texts, fields, strict=True))
            )
            result.sheets.append(SheetInfo(sheet.name, "ignored", index + 1, infos))
        return
    index, texts, fields = found
    columns: dict[str, int] = {}
    column_infos: list[ColumnInfo] = []
    for c, (text, key) in enumerate(zip(texts, fields, strict=True)):
        if key is not None and key in columns:
            f = FIELD_BY_KEY[key]
            result.problems.append(
                Problem(
                    Place(sheet.name, index + 1, column_letter(c)),
                    text,
                    f"Två kolumner är {f.sv} ({column_letter(columns[key])} och {column_letter(c)}); "
                    "ta bort den ena, eller säg vad den är (i fönstret: Rätta en kolumn; på kommandoraden: --map).",
                    f"Two columns are {f.en} ({column_letter(columns[key])} and {column_letter(c)}); "
                    "remove one, or say what it is (in the window: Rätta en kolumn; on the command line: --map).",
                    "header",
                )
            )
            key = None
        if key is not None:
            columns[key] = c
        column_infos.append(ColumnInfo(column_letter(c), text, key))
    result.sheets.append(SheetInfo(sheet.name, "members", index + 1, tuple(column_infos)))
    missing = [f for f in FIELDS if f.required and f.key not in columns]
    if missing:
        result.problems.append(
            Problem(
                Place(sheet.name, index + 1),
                "",
                f"Medlemsbladet saknar kolumnen {', '.join(f.sv for f in missing)}. Lägg till den, eller säg "
                "vilken kolumn det är (i fönstret: Rätta en kolumn; på kommandoraden: --map RUBRIK=FÄLT).",
                f"The member sheet lacks the column {', '.join(f.en for f in missing)}. Add it, or say which "
                "column it is (in the window: Rätta en kolumn; on the command line: --map HEADER=FIELD).",
                "header",
            )
        )
        return
    letters = {key: column_letter(c) for key, c in columns.items()}
    for r in range(index + 1, len(sheet.rows)):
        row = sheet.rows[r]
        values = {key: row[c] if c < len(row) else "" for key, c in columns.items()}
        if all(cells.is_empty(v) for v in values.values()):
            continue  # a blank row between groups of members
        if normal(cells.text(values.get("name"))) in TOTAL_WORDS:
            continue
        member_row = _member_row(sheet.name, r + 1, values, letters, today, result.problems)
        if member_row is not None:
            result.member_rows.append(member_row)
        else:
            result.unreadable.update(
                who_key(values.get(key), today) for key in ("name", "personal_number") if key in values
            )


def _member_row(
    sheet: str,
    row: int,
    values: Mapping[str, Cell],
    letters: Mapping[str, str],
    today: dt.date,
    problems: list[Problem],
) -> MemberRow | None:
    before = len(problems)

    def read(key: str, parse: Callable[[Cell], Any], *, required: bool = False) -> Any:
        value = values.get(key)
        if cells.is_empty(value):
            if required:
                f = FIELD_BY_KEY[key]
                problems.append(
                    Problem(
                        Place(sheet, row, letters.get(key)),
                        "",
                        f"{f.sv} saknas.",
                        f"{f.en} is missing.",
                        key,
                    )
                )
            return None
        try:
            return parse(value)
        except ValidationError as error:
            problems.append(Problem(Place(sheet, row, letters.get(key)), cells.shown(value), error.sv, error.en, key))
            return None

    def optional_text(value: Cell) -> str | None:
        return cells.text(value) or None

    def text_as_the_form(key: str, sv: str, en: str, length: int) -> Callable[[Cell], str | None]:
        """The services' own rule for the text (length, no control character), so that the preview
        finds, at its cell, what the import's write would refuse."""
        return lambda value: rules.optional_text(cells.text(value), key, sv, en, length)

    name = read("name", text_as_the_form("name", "Namnet", "The name", 200), required=True)
    number = read("personal_number", lambda v: normalize_personal_number(_number_text(v), today), required=True)
    district = read("district", cells.text, required=True)
    decision_ref = read(
        "decision_ref", text_as_the_form("decision_ref", "Beslutsnumret", "The decision reference", 100), required=True
    )
    start = read("start", cells.parse_date, required=True)
    end = read("end", cells.parse_date)
    percent = read("percent", cells.parse_percent)
    weekdays = read("weekdays", cells.parse_weekdays)
    case_worker = read(
        "case_worker", text_as_the_form("case_worker", "Handläggarens namn", "The case worker's name", 200)
    )
    phone = read("case_worker_phone", text_as_the_form("case_worker_phone", "Telefonnumret", "The phone", 50))
    email = read("case_worker_email", text_as_the_form("case_worker_email", "E-postadressen", "The e-mail", 200))
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                Place(sheet, row, letters.get("end")),
                cells.shown(values.get("end")),
                f"Slutdatumet {end} ligger före startdatumet {start}.",
                f"The end date {end} is before the start date {start}.",
                "end",
            )
        )
    if len(problems) > before:
        return None
    return MemberRow(
        sheet=sheet,
        row=row,
        columns=dict(letters),
        name=name,
        personal_number=number,
        district=district,
        decision_ref=decision_ref,
        start=start,
        end=end,
        case_worker=case_worker,
        case_worker_phone=phone,
        case_worker_email=email,
        percent=percent,
        weekdays=weekdays,
        work_area=read("work_area", optional_text),
    )


def who_key(value: Cell, today: dt.date) -> str:
    """How a member row and a month row are matched when a member row could not be read: a personal
    number in its one form (``198501012390`` on one sheet is ``19850101-2390`` on the other), else the
    text in normal form (a name)."""
    try:
        return normalize_personal_number(_number_text(value), today)
    except ValidationError:
        return normal(cells.text(value))


def _number_text(value: Cell) -> str:
    """A personal number as text. Typed into a number cell, 0101011234 (born 2001) loses its leading
    zero: nine digits get it back."""
    text = cells.text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and len(text) in (9, 11):
        text = "0" + text
    return text


# --- month sheets --------------------------------------------------------------------------------------
def _find_day_header(rows: Sequence[Sequence[Cell]], month: Month) -> tuple[int, dict[int, int]] | None:
    """The row naming the days (1, 2, 3 … across, or the month's dates): its index and column → day."""
    best: tuple[int, dict[int, int]] | None = None
    for index in range(min(HEADER_SEARCH_ROWS, len(rows))):
        days = {
            c: n for c, v in enumerate(rows[index]) if (n := cells.day_number(v, (month.year, month.month))) is not None
        }
        ordered = [days[c] for c in sorted(days)]
        if len(days) >= 5 and ordered == sorted(set(ordered)) and (best is None or len(days) > len(best[1])):
            best = (index, days)
    return best


def _month_sheet(sheet: RawSheet, month: Month, result: Interpretation) -> None:
    found = _find_day_header(sheet.rows, month)
    if found is None:
        result.sheets.append(SheetInfo(sheet.name, "ignored", month=month))
        result.problems.append(
            Problem(
                Place(sheet.name),
                "",
                f"Bladet {sheet.name} ser ut som ett månadsblad men har ingen rad med dagarna 1, 2, 3 … som rubriker.",
                f"The sheet {sheet.name} looks like a month sheet but has no row with the days 1, 2, 3 … as headers.",
                "layout",
            )
        )
        return
    index, days = found
    first_day_column = min(days)
    header = sheet.rows[index]
    who_candidates = [c for c in range(first_day_column) if normal(cells.text(header[c])) in WHO_WORDS]
    # A personal number names one member for certain; a name only while it is unique.
    who_candidates.sort(key=lambda c: normal(cells.text(header[c])) not in NUMBER_WORDS)
    # The member's column: one headed Namn/Personnummer, else the first column with anything in it.
    if not who_candidates:
        who_candidates = [
            c
            for c in range(first_day_column)
            if any(c < len(r) and not cells.is_empty(r[c]) for r in sheet.rows[index + 1 :])
        ][:1]
    if not who_candidates:
        result.sheets.append(SheetInfo(sheet.name, "ignored", index + 1, month=month))
        result.problems.append(
            Problem(
                Place(sheet.name, index + 1),
                "",
                "Månadsbladet har ingen kolumn med medlemmarnas namn eller personnummer före dagarna.",
                "The month sheet has no column with the members' names or personal numbers before the days.",
                "layout",
            )
        )
        return
    infos = []
    for c, value in enumerate(header):
        if c in days:
            infos.append(ColumnInfo(column_letter(c), str(days[c]), f"day:{days[c]}"))
        elif c in who_candidates:
            infos.append(ColumnInfo(column_letter(c), cells.text(value), "who"))
        else:
            infos.append(ColumnInfo(column_letter(c), cells.text(value), None))
    result.sheets.append(SheetInfo(sheet.name, "month", index + 1, tuple(infos), month))
    for r in range(index + 1, len(sheet.rows)):
        row = sheet.rows[r]
        who_column = next((c for c in who_candidates if c < len(row) and not cells.is_empty(row[c])), None)
        filled = [(c, row[c]) for c in sorted(days) if c < len(row) and not cells.is_empty(row[c])]
        if who_column is None:
            if any(isinstance(v, int | float) and not isinstance(v, bool) for _, v in filled):
                result.problems.append(
                    Problem(
                        Place(sheet.name, r + 1),
                        "",
                        "Raden har timmar men inget namn eller personnummer.",
                        "The row has hours but no name or personal number.",
                        "member",
                    )
                )
            continue  # a blank row, or a second header row (M T O T F under the days)
        who = cells.text(row[who_column])
        if normal(who) in TOTAL_WORDS:
            continue
        if isinstance(row[who_column], int | float):
            who = _number_text(row[who_column])
        for c, value in filled:
            _day_cell(sheet.name, month, r + 1, c, days[c], who, column_letter(who_column), value, result)


def _day_cell(
    sheet: str,
    month: Month,
    row: int,
    column: int,
    day: int,
    who: str,
    who_column: str,
    value: Cell,
    result: Interpretation,
) -> None:
    place = Place(sheet, row, column_letter(column))
    if day > month.number_of_days:
        result.problems.append(
            Problem(
                place,
                cells.shown(value),
                f"{month.name_sv().capitalize()} har bara {month.number_of_days} dagar; dag {day} finns inte.",
                f"{month.name_en()} has only {month.number_of_days} days; day {day} does not exist.",
                "date",
            )
        )
        return
    try:
        parsed = cells.parse_day_cell(value)
    except ValidationError as error:
        result.problems.append(Problem(place, cells.shown(value), error.sv, error.en, "hours"))
        return
    if parsed is None:
        return
    status, hours = parsed
    result.day_cells.append(
        DayCell(
            sheet,
            row,
            place.column or "",
            who,
            who_column,
            dt.date(month.year, month.month, day),
            status,
            hours,
            cells.shown(value),
            cells.label_of_name(sheet),
        )
    )
