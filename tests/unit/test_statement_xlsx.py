"""The statement as a workbook: read back with python-calamine, the figures of the JSON form as numbers."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from coopdesk import cli
from coopdesk.core.calendar import Month
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_xlsx import xlsx_bytes
from coopdesk.storage.database import Database
from tests.conftest import expected_statement


def read(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def number(value: object) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool), value  # a number, not text
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_example_statement_as_a_workbook(example_db: Database) -> None:
    with example_db.session() as session:
        statement = statement_for(session, "Norrmalm", Month(2026, 5))
    sheets = read(xlsx_bytes(statement))
    assert list(sheets) == ["Medlemmar", "Handledare", "Arbetsområden", "Aktiviteter"]  # the host district's
    members = sheets["Medlemmar"]
    assert members[0][0] == "Månadsredovisning Norrmalm maj 2026"
    assert members[2][0] == "Innehåller uppgifter som omfattas av sekretess"
    head = members[4]
    expected = expected_statement()
    [row] = expected["rows"]
    line = dict(zip(head, members[5], strict=True))
    assert line["Medlem"] == row["member"] and line["Personnummer"] == row["personal_number"]
    assert line["Från och med"] == dt.date(2026, 5, 1)  # a date, not text
    assert line["Planerade dagar"] == row["planned_days"]
    assert number(line["Planerad tid"]) == Decimal(row["planned_hours"])
    assert number(line["Närvarotid"]) == Decimal(row["attended_hours"])
    assert number(line["Närvarograd (%)"]) == Decimal(row["attendance_rate"])
    assert number(line["Tid Kaffestuga"]) == Decimal(row["hours_by_work_area"]["Kaffestuga"])
    assert (line["Heldagar"], line["Halvdagar"]) == (row["billing"]["full_days"], row["billing"]["half_days"])
    assert number(line["Belopp (kr)"]) == Decimal(row["billing"]["amount"])
    assert line["Omfattning %"] == 50
    totals = dict(zip(head, members[6], strict=True))
    assert totals["Medlem"] == "Summa" and number(totals["Belopp (kr)"]) == Decimal(expected["totals"]["amount"])
    supervisors = sheets["Handledare"]
    sara = dict(zip(supervisors[0], supervisors[1], strict=True))
    [expected_sara] = expected["supervisors"]["rows"]
    assert number(sara["Finansierad tid"]) == Decimal(expected_sara["funded_hours"])
    assert number(sara["Avvikelse"]) == Decimal(expected_sara["difference"])
    assert [r[0] for r in sheets["Aktiviteter"][1:6]] == [
        "Handledning", "Administration", "Utbildning", "Semester (frånvaro)", "Sjuk (frånvaro)"
    ]  # fmt: skip


def test_statement_xlsx_on_the_command_line(example_db: Database, db_address: str, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "maj.xlsx"
    args = ["--db", db_address, "statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "xlsx"]
    assert cli.main([*args, "-o", str(target)], out=out, err=err) == 0, err.getvalue()
    assert number(read(target.read_bytes())["Medlemmar"][5][8]) == Decimal("92.00")
    assert cli.main(args, out=out, err=err) != 0  # not to the terminal: a file
    assert "-o FILE.xlsx" in err.getvalue()
