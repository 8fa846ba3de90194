"""Reading spreadsheets as a cooperative types them (issue 18.1, 18.3): cells, headers, sheets; no database."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.core.errors import ValidationError
from coopdesk.core.sheets import cells
from coopdesk.core.sheets.headers import field_of, parse_mapping
from coopdesk.core.sheets.interpret import interpret
from coopdesk.core.sheets.workbook import SheetFileError, read_bytes, read_file
from tests import sheet_files as sf

TODAY = dt.date(2026, 11, 27)
FIXTURES = Path(__file__).parents[1] / "fixtures" / "sheets"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 5, 4), dt.date(2026, 5, 4)),
        (dt.datetime(2026, 5, 4, 0, 0), dt.date(2026, 5, 4)),
        (46146, dt.date(2026, 5, 4)),  # an Excel serial number
        (46146.0, dt.date(2026, 5, 4)),
        ("2026-05-04", dt.date(2026, 5, 4)),
        ("2026-5-4", dt.date(2026, 5, 4)),
        ("4/5 2026", dt.date(2026, 5, 4)),
        ("4/5-26", dt.date(2026, 5, 4)),
        ("4 maj 2026", dt.date(2026, 5, 4)),
        ("4 Maj 2026", dt.date(2026, 5, 4)),
        ("4 May 2026", dt.date(2026, 5, 4)),
        ("20260504", dt.date(2026, 5, 4)),
    ],
)
def test_dates_in_every_form_a_sheet_has(value: object, expected: dt.date) -> None:
    assert cells.parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2026-02-30", "does not exist"),
        ("31 april 2026", "does not exist"),
        ("4/5", "year is missing"),
        ("snart", "is not a date"),
        (3, "no plausible date serial"),
        (float("inf"), "is not a date"),  # found by the fuzz test below
        (float("nan"), "is not a date"),
        (10.0**300, "no plausible date serial"),
    ],
)
def test_what_is_no_date_says_why(value: object, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        cells.parse_date(value)
    assert says in caught.value.en


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4, ("present", Decimal(4))),
        (3.5, ("present", Decimal("3.5"))),
        ("3,5", ("present", Decimal("3.5"))),
        ("3.5", ("present", Decimal("3.5"))),
        ("2,25 h", ("present", Decimal("2.25"))),
        ("S", ("sick", None)),
        ("sjuk", ("sick", None)),
        ("a", ("absent_notified", None)),
        ("Anmäld frånvaro", ("absent_notified", None)),
        ("O", ("absent_unnotified", None)),
        ("oanmäld", ("absent_unnotified", None)),
        ("L", ("leave", None)),
        ("Ledig", ("leave", None)),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_day_cells(value: object, expected: object) -> None:
    assert cells.parse_day_cell(value) == expected


@pytest.mark.parametrize("value", ["x", float("nan"), float("inf"), True, "-3"])
def test_a_day_cell_that_is_neither_hours_nor_a_status_is_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="is no hours"):
        cells.parse_day_cell(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("mån–fre", {1, 2, 3, 4, 5}),
        ("mån-tor", {1, 2, 3, 4}),
        ("Mån – Tor", {1, 2, 3, 4}),
        ("mån, ons, fre", {1, 3, 5}),
        ("1,2,3,4", {1, 2, 3, 4}),
        ("1-3", {1, 2, 3}),
        (135, {1, 3, 5}),
        ("måndag till onsdag", {1, 2, 3}),
        ("Mon-Thu", {1, 2, 3, 4}),
    ],
)
def test_weekdays(value: object, expected: set[int]) -> None:
    assert cells.parse_weekdays(value) == frozenset(expected)


def test_percent_forms() -> None:
    assert [cells.parse_percent(v) for v in (50, "50", "50 %", 0.5, "75%")] == [50, 50, 50, 50, 75]
    for bad in (0, 101, "hälften", 0.555, float("nan"), float("inf"), "NaN", "-Infinity"):
        with pytest.raises(ValidationError):
            cells.parse_percent(bad)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Personnummer", "personal_number"),
        ("  PERSON NUMMER ", "personal_number"),
        ("Personal number", "personal_number"),
        ("Omfattning (%)", "percent"),
        ("omfattning%", "percent"),
        ("Capacity (%)", "percent"),
        ("Beställare:", "district"),
        ("fr.o.m.", "start"),
        ("End date", "end"),
        ("Arbets område", "work_area"),
        ("Anteckning", None),
    ],
)
def test_headers_in_swedish_and_english(header: str, field: str | None) -> None:
    assert field_of(header) == field


def test_a_mapping_names_a_field_by_key_or_by_a_header_word() -> None:
    assert parse_mapping(["Pnr nr=personal_number", "Var=Arbetsområde"]) == {
        "pnrnr": "personal_number",
        "var": "work_area",
    }
    with pytest.raises(ValidationError, match="--map HEADER=FIELD"):
        parse_mapping(["Pnr nr=skostorlek"])


def test_the_workbook_as_excel_saves_it() -> None:
    reading = interpret(read_bytes(sf.xlsx_bytes(), "kos.xlsx"), today=TODAY)
    kinds = {s.name: (s.kind, s.header_row) for s in reading.sheets}
    assert kinds == {
        "Medlemmar": ("members", 3),  # below a merged title and a blank row
        "mars 2026": ("month", 2),
        "2026-04": ("month", 2),
        "Gammalt 2025-12": ("hidden", None),
    }
    members = next(s for s in reading.sheets if s.name == "Medlemmar")
    assert members.unknown == ["K: Anteckning"]
    assert reading.problems == []
    bo = next(r for r in reading.member_rows if r.name == "Bo Berg")
    # a 10-digit number, a decision number typed as a number, an Excel serial, a percentage cell
    assert (bo.personal_number, bo.decision_ref, bo.start, bo.percent, bo.weekdays) == (
        sf.BO,
        "12345",
        dt.date(2026, 1, 1),
        50,
        frozenset({1, 2, 3}),
    )
    anna = [r for r in reading.member_rows if r.personal_number == sf.ANNA]
    assert [(r.start, r.end, r.percent) for r in anna] == [
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31), 50),
        (dt.date(2026, 4, 1), None, 75),
    ]
    march = {(c.who, c.day.day): (c.status, c.hours) for c in reading.day_cells if c.day.month == 3}
    assert march[("Anna Andersson", 3)] == ("present", Decimal("3.5"))
    assert march[("Anna Andersson", 5)] == ("present", Decimal("4.25"))
    assert march[("Anna Andersson", 6)] == ("sick", None)
    assert march[(sf.BO, 9)] == ("leave", None)
    assert not any(c.who == "Summa" for c in reading.day_cells)  # the total row is no member


def test_the_committed_fixtures_read_as_the_workbook_written_now() -> None:
    """The .ods as LibreOffice's format holds it (odfpy) and the ;-csv with a BOM give what XlsxWriter's
    .xlsx gives."""
    expected = interpret(read_bytes(sf.xlsx_bytes(hidden=False), "kos.xlsx"), today=TODAY)
    ods = interpret(read_file(FIXTURES / "kooperativet.ods"), today=TODAY)
    assert ods.problems == []
    assert ods.member_rows == expected.member_rows
    assert sorted((c.who, c.day, c.status, c.hours) for c in ods.day_cells) == sorted(
        (c.who, c.day, c.status, c.hours) for c in expected.day_cells
    )
    members_csv = interpret(read_file(FIXTURES / "medlemmar.csv"), today=TODAY)
    assert members_csv.problems == []
    assert [(r.personal_number, r.start, r.percent, r.weekdays) for r in members_csv.member_rows] == [
        (r.personal_number, r.start, r.percent, r.weekdays) for r in expected.member_rows
    ]
    march_csv = interpret(read_file(FIXTURES / "2026-03.csv"), today=TODAY)
    assert sorted((c.who, c.day, c.status, c.hours) for c in march_csv.day_cells) == sorted(
        (c.who, c.day, c.status, c.hours) for c in expected.day_cells if c.day.month == 3
    )


def test_csv_in_windows_1252_with_commas() -> None:
    rows = [
        ["Name", "Personal number", "District", "Decision", "From", "Capacity"],
        ["Åsa Öberg", sf.CIA, "X", "1", "2026-01-01", "50"],
    ]
    book = read_bytes(sf.csv_bytes(rows, sep=",", bom=False, encoding="cp1252"), "members.csv")
    reading = interpret(book, today=TODAY)
    assert [r.name for r in reading.member_rows] == ["Åsa Öberg"]


def test_problems_of_the_cells_are_located() -> None:
    rows = [r[:] for r in sf.member_rows()]
    rows[0][1] = sf.bad_check_digit(sf.ANNA)
    rows[3][4] = "2026-02-30"
    book = read_bytes(sf.xlsx_bytes(rows, []), "kos.xlsx")
    problems = [(p.place.sheet, p.place.row, p.place.column, p.rule) for p in interpret(book, today=TODAY).problems]
    assert problems == [("Medlemmar", 4, "B", "personal_number"), ("Medlemmar", 7, "E", "start")]


def test_a_day_the_month_does_not_have() -> None:
    book = read_bytes(sf.xlsx_bytes([], [("2026-02", {"Cia Carlsson": {3: 8}})]), "kos.xlsx")
    reading = interpret(book, today=TODAY)
    assert reading.problems == []
    rows = sf.month_rows("2026-02", {}, 2026, 2)
    rows[1] = ["Namn", *range(1, 31)]  # a February typed with 30 days
    rows.append(["Cia Carlsson", *[""] * 29, 8])
    reading = interpret(read_bytes(sf.csv_bytes(rows), "2026-02.csv"), today=TODAY)
    [problem] = reading.problems
    assert (problem.place.row, problem.place.column, problem.rule) == (len(rows), "AE", "date")
    assert "day 30 does not exist" in problem.en


def test_a_missing_column_is_named_and_map_names_it() -> None:
    header = ["Namn", "Pnr nr", "Beställare", "Beslutsnummer", "Från", "Omfattning"]
    rows = [header, ["Cia Carlsson", sf.CIA, "Norrmalm", "B-7", "2026-02-02", "100"]]
    book = read_bytes(sf.csv_bytes(rows), "medlemmar.csv")
    # "Pnr nr" is not known, so no row holds a personal number header: no member sheet at all
    assert [s.kind for s in interpret(book, today=TODAY).sheets] == ["ignored"]
    reading = interpret(book, today=TODAY, mapping=parse_mapping(["Pnr nr=Personnummer"]))
    assert reading.problems == []
    assert [r.personal_number for r in reading.member_rows] == [sf.CIA]
    rows[0][5] = "Procent av heltid"
    reading = interpret(read_bytes(sf.csv_bytes(rows), "m.csv"), today=TODAY, mapping={"pnrnr": "personal_number"})
    assert [p.en for p in reading.problems] == [
        "The member sheet lacks the column Capacity (%). Add it, or say which column it is (in the window: "
        "Rätta en kolumn; on the command line: --map HEADER=FIELD)."
    ]


def test_headers_grouped_under_a_merged_cell() -> None:
    """ "Handläggare" merged over Namn | Telefon | E-post above the header row."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet("Medlemmar")
    ws.merge_range(0, 5, 0, 7, "Handläggare")
    ws.write_row(
        1, 0, ["Namn", "Personnummer", "Beställare", "Beslut", "Från", "Namn", "Telefon", "E-post", "Omfattning"]
    )
    ws.write_row(2, 0, ["Cia Carlsson", sf.CIA, "Norrmalm", "B-7", "2026-02-02", "Per Pil", "08-1", "per@x.se", 100])
    book.close()
    reading = interpret(read_bytes(out.getvalue(), "m.xlsx"), today=TODAY)
    assert reading.problems == []
    [row] = reading.member_rows
    assert (row.name, row.case_worker, row.case_worker_phone, row.case_worker_email) == (
        "Cia Carlsson",
        "Per Pil",
        "08-1",
        "per@x.se",
    )


def test_only_the_sheets_asked_for() -> None:
    reading = interpret(read_bytes(sf.xlsx_bytes(), "kos.xlsx"), today=TODAY, only=["Medlemmar"])
    assert {c.day.month for c in reading.day_cells} == set()
    reading = interpret(read_bytes(sf.xlsx_bytes(), "kos.xlsx"), today=TODAY, only=["Finns inte"])
    assert [p.rule for p in reading.problems] == ["sheet"]


@pytest.mark.parametrize("name", ["kos.xlsx", "kos.ods"])
def test_damaged_files_are_a_clear_message(name: str) -> None:
    whole = sf.xlsx_bytes()
    for data in (whole[: len(whole) // 2], b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 100):
        with pytest.raises(SheetFileError, match="cannot be read as a spreadsheet"):
            read_bytes(data, name)
    for inside in (b"\xff\xfe not xml", b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>999</v></c>'):
        broken = io.BytesIO()
        with zipfile.ZipFile(broken, "w") as z, zipfile.ZipFile(io.BytesIO(whole)) as original:
            for item in original.namelist():
                z.writestr(item, inside if item.endswith("sheet1.xml") else original.read(item))
        with pytest.raises(SheetFileError, match="cannot be read as a spreadsheet"):
            read_bytes(broken.getvalue(), "kos.xlsx")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000), cut=st.integers(min_value=0, max_value=6000))
def test_fuzz_the_reader_never_raises_anything_but_a_known_error(data: bytes, cut: int) -> None:
    whole = sf.xlsx_bytes(hidden=False)
    for name, content in (
        ("f.xlsx", data),
        ("f.ods", data),
        ("f.csv", data),
        ("f.xlsx", whole[:cut] + data),
        ("f.xlsx", whole[:cut] + data + whole[cut + len(data) :]),
    ):
        with contextlib.suppress(SheetFileError):  # a clear message; anything else fails the test
            interpret(read_bytes(content, name), today=TODAY)


_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(["Namn", "Personnummer", "Beställare", "Från", "Omfattning", "1", "31", "S", "4,5", "mån–fre"]),
)


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["Medlemmar", "2026-05", "maj 2026 Kopiering", "x"]),
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=12), max_size=12),
)
def test_fuzz_cells_of_every_type_are_read_or_named_as_problems(name: str, rows: list[list[object]]) -> None:
    """Whatever a cell holds (a bool, a time, a huge number, NaN), the sheet is read or its problems are
    listed; nothing raises."""
    from coopdesk.core.sheets.workbook import RawSheet, Workbook

    header = ["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning", *range(1, 7)]
    width = max([len(header), *(len(r) for r in rows)])
    table = [[*r, *[""] * (width - len(r))] for r in [header, *rows]]
    reading = interpret(Workbook("f.xlsx", [RawSheet(name, table)]), today=TODAY)
    assert all(p.sv and p.en for p in reading.problems)


# --- found by importing a clumsy user's files -----------------------------------------------------------
def _members_csv(count: int) -> list[list[object]]:
    header = ["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning"]
    born = [f"1980{month:02d}{day:02d}" for month in range(1, 13) for day in range(1, 29)]
    return [header] + [
        [f"Medlem {i}", sf.personal_number(born[i], "123"), "Norrmalm", f"B-{i}", "2026-01-01", "50"]
        for i in range(count)
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_sheet_longer_than_the_limit_is_refused_not_cut(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet of more rows than coopdesk reads was read to the limit and the rest dropped without a
    word: an import of the first rows would have "succeeded" with the last members missing."""
    from coopdesk.core.sheets import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 6)
    rows = _members_csv(8)  # a header and 8 members: 9 rows
    data = sf.csv_bytes(rows) if kind == "csv" else sf.rows_xlsx_bytes([("Medlemmar", rows)])
    reading = interpret(read_bytes(data, f"medlemmar.{kind}"), today=TODAY)
    [problem] = [p for p in reading.problems if p.rule == "size"]
    assert "9 rader" in problem.sv and "högst 6" in problem.sv
    assert "9 rows" in problem.en


def test_empty_rows_after_the_limit_are_no_reason_to_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdesk.core.sheets import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 6)
    rows = _members_csv(3) + [[""] * 6] * 10  # Excel's ;;;;; lines below the list
    reading = interpret(read_bytes(sf.csv_bytes(rows), "medlemmar.csv"), today=TODAY)
    assert reading.problems == []
    assert len(reading.member_rows) == 3


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_sheet_wider_than_the_limit_is_refused_not_cut(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdesk.core.sheets import workbook

    monkeypatch.setattr(workbook, "MAX_COLUMNS", 7)
    rows = [[*r, "", "", "x" if i else "Anteckning"] for i, r in enumerate(_members_csv(2))]
    data = sf.csv_bytes(rows) if kind == "csv" else sf.rows_xlsx_bytes([("Medlemmar", rows)])
    reading = interpret(read_bytes(data, f"medlemmar.{kind}"), today=TODAY)
    [problem] = [p for p in reading.problems if p.rule == "size"]
    assert "9 kolumner" in problem.sv and "högst 7" in problem.sv


def test_a_member_sheet_without_rows_says_so() -> None:
    """Headers and nothing below them: "the file has no member sheet" right under "Medlemmar: member
    sheet, headers on row 1" told the user the opposite of what was wrong."""
    reading = interpret(read_bytes(sf.csv_bytes(_members_csv(0)), "medlemmar.csv"), today=TODAY)
    [problem] = reading.problems
    assert problem.rule == "layout"
    assert "medlemmar" in problem.sv and "inga rader" in problem.sv


def test_a_sheet_too_big_tells_only_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not the problems of the part that was read, which "none of it was read" would contradict."""
    from coopdesk.core.sheets import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 6)
    rows = _members_csv(8)
    rows[2][1] = sf.bad_check_digit(str(rows[2][1]))
    reading = interpret(read_bytes(sf.csv_bytes(rows), "medlemmar.csv"), today=TODAY)
    assert [p.rule for p in reading.problems] == ["size"]
    assert reading.member_rows == []
    assert [(s.name, s.kind) for s in reading.sheets] == [("medlemmar", "members")]


@pytest.mark.parametrize(
    ("data", "name", "sv", "en"),
    [
        (b"SQLite format 3\x00" + b"\x00" * 200, "medlemmar.xlsx", "en databas", "a database"),
        (b"%PDF-1.7\n" + b"\x00\x01" * 100, "medlemmar.xlsx", "en PDF", "a PDF"),
        (b"%PDF-1.7\n\x00\x01", "medlemmar.csv", "en PDF", "a PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "medlemmar.xlsx", "lösenord", "password"),
    ],
)
def test_a_file_that_is_something_else_says_what_it_is(data: bytes, name: str, sv: str, en: str) -> None:
    """Found choosing the wrong file in the import dialog: "… (filen är skadad, krypterad eller av annat
    slag: CalamineError)" named the reader's error class and not what the file is; a .csv was named
    without its suffix ("pdf kan inte läsas")."""
    with pytest.raises(SheetFileError) as refused:
        read_bytes(data, name)
    assert name in refused.value.sv and sv in refused.value.sv and en in refused.value.en
    assert "Error" not in refused.value.sv and "binary data" not in refused.value.sv


def test_a_word_document_named_xlsx_says_what_it_is() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SheetFileError) as refused:
        read_bytes(out.getvalue(), "lista.xlsx")
    assert "Word-dokument" in refused.value.sv


def test_texts_the_forms_refuse_are_problems_in_the_preview() -> None:
    """Found importing a clumsy file: a 5,000-character name, a name with a control character and a
    3,000-character decision number passed the preview, and the import then stopped at the first with the
    services' message and no sheet, row or column ("Namnet är för lång (5000 tecken)")."""
    header = ["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning", "Handläggare telefon"]
    rows = [
        header,
        ["A" * 201, sf.ANNA, "Norrmalm", "B-1", "2026-01-01", "50", ""],
        ["Bo\x07Berg", sf.BO, "Norrmalm", "B-2", "2026-01-01", "50", ""],
        ["Cia Carlsson", sf.CIA, "Norrmalm", "N" * 101, "2026-01-01", "50", "08-" + "1" * 60],
    ]
    reading = interpret(read_bytes(sf.csv_bytes(rows), "medlemmar.csv"), today=TODAY)
    assert [(p.place.row, p.place.column, p.rule) for p in reading.problems] == [
        (2, "A", "name"),
        (3, "A", "name"),
        (4, "D", "decision_ref"),
        (4, "G", "case_worker_phone"),
    ]
    assert "högst 200" in reading.problems[0].sv and "styrtecken" in reading.problems[1].sv
    # said so that it agrees with every field's noun ("Namnet är för lång" did not)
    assert reading.problems[0].sv == "Namnet har för många tecken (201); högst 200."
    assert reading.member_rows == []


def test_a_long_value_is_shortened_where_a_problem_quotes_it() -> None:
    """The 5,000-character name was quoted whole in the problem list (a line of 5,000 A's)."""
    rows = [
        ["Namn", "Personnummer", "Beställare", "Beslutsnummer", "Från", "Omfattning"],
        ["A" * 5000, sf.ANNA, "Norrmalm", "B-1", "2026-01-01", "50"],
    ]
    [problem] = interpret(read_bytes(sf.csv_bytes(rows), "medlemmar.csv"), today=TODAY).problems
    assert problem.value == "A" * 79 + "…"
    assert len(problem.line()) < 200


def test_day_headers_typed_as_dates_of_the_sheets_month() -> None:
    """Found with a clumsy user's sheet: the day headers were date cells (Excel shows 2026-03-01 as "1"
    with the format d); the sheet was refused as having no row of days. A date of the sheet's month is
    that day; a date of another month is not (it is no header of this sheet)."""
    header = ["Namn", *[dt.date(2026, 3, d) for d in range(1, 32)]]
    rows = [header, ["Cia Carlsson", *[4 if d in (2, 3) else "" for d in range(1, 32)]]]
    reading = interpret(read_bytes(sf.rows_xlsx_bytes([("2026-03", rows)]), "mars.xlsx"), today=TODAY)
    assert reading.problems == []
    assert sorted((c.day, c.hours) for c in reading.day_cells) == [
        (dt.date(2026, 3, 2), Decimal(4)),
        (dt.date(2026, 3, 3), Decimal(4)),
    ]
    wrong = [["Namn", *[dt.date(2026, 4, d) for d in range(1, 31)]], rows[1][:31]]
    reading = interpret(read_bytes(sf.rows_xlsx_bytes([("2026-03", wrong)]), "mars.xlsx"), today=TODAY)
    assert [p.rule for p in reading.problems] == ["layout"]


def test_a_decimal_comma_in_a_comma_separated_file_is_no_silent_shift() -> None:
    """Found with a hand-made 2026-03.csv separated by commas: "Eva Ek,,4,7,5,3" meant 7,5 hours on the
    3rd, and was read as 7 on the 3rd, 5 on the 4th and 3 on the 5th — every later day one column off,
    without a word. A row with more fields than the header row is a problem in such a file."""
    header = "Namn," + ",".join(str(d) for d in range(1, 32))
    good = "Bo Berg,,4,6,,3" + "," * 26
    shifted = "Eva Ek,,4,7,5,3" + "," * 27
    data = f"{header}\n{good}\n{shifted}\n".encode()
    reading = interpret(read_bytes(data, "2026-03.csv"), today=TODAY)
    [problem] = reading.problems
    assert (problem.place.row, problem.rule) == (3, "fields")
    assert "33 fält" in problem.sv and "32" in problem.sv and "7,5" in problem.sv
    # the same in a ;-file (Swedish Excel's) is read as it is: a comma is no separator there
    semicolons = f"{header.replace(',', ';')}\nEva Ek;;4;7,5;3{';' * 27}\n".encode()
    reading = interpret(read_bytes(semicolons, "2026-03.csv"), today=TODAY)
    assert reading.problems == []
    assert sorted((c.day.day, c.hours) for c in reading.day_cells) == [
        (2, Decimal(4)),
        (3, Decimal("7.5")),
        (4, Decimal(3)),
    ]
