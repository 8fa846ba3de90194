"""``coopdesk subsidy --format xlsx``: the request basis and the outlook as Excel (reports/subsidy_xlsx.py
through reports/xlsx.py), read back with python-calamine: the JSON's figures, as numbers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from coopdesk.core.services import employees
from coopdesk.storage.database import Database
from tests.unit.test_employees import SUPERVISOR, add_lars_and_asa, run

D = dt.date


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_request_basis_as_excel_has_the_jsons_figures(db: Database, db_address: str, tmp_path: Path) -> None:
    ids = add_lars_and_asa(db)
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, ids["lars"], D(2026, 5, 4), "worked", "6")
        employees.set_time(s, SUPERVISOR, ids["asa"], D(2026, 5, 18), "vab", "4.25")
    target = tmp_path / "rekvisition.xlsx"
    code, _, err = run("--db", db_address, "subsidy", "--month", "2026-05", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    _, out, _ = run("--db", db_address, "subsidy", "--month", "2026-05")
    document = json.loads(out)["months"][0]
    book = sheets(target)
    assert list(book) == ["Rekvisition 2026-05", "Tidrapport"]
    lines = book["Rekvisition 2026-05"]
    assert lines[0][0] == "Underlag för rekvisition av lönebidrag, maj 2026"
    header = lines[3]
    assert header[:3] == ["Anställd", "Personnummer", "Beslut"] and header[-1] == "Bidrag"
    rows = lines[4:6]
    for row, entry in zip(rows, document["employees"], strict=True):
        assert row[0] == entry["name"] and row[2] == entry["decision_ref"]
        assert row[4] == entry["employment_percent"] and row[8] == entry["percent"] and row[9] == entry["covered_days"]
        for column, key in ((5, "wage_cost"), (7, "ceiling"), (11, "subsidy")):
            assert Decimal(str(row[column])) == Decimal(entry[key]), key  # a number, not text
    assert rows[0][6] == "ja" and rows[1][6] == ""  # Lars's May has its own wage cost
    assert lines[6][0] == "Summa" and Decimal(str(lines[6][11])) == Decimal(document["total"]) == Decimal("13062.13")
    time = book["Tidrapport"]
    assert time[3] == ["Anställd", "Arbetad", "Sjuk", "Semester", "Vab", "Tjänstledig", "Annan frånvaro", "Summa"]
    assert time[4][0] == "Lars Nilsson" and time[4][1] == 6 and time[5][4] == 4.25 and time[6][-1] == 10.25


def test_the_outlook_as_excel_per_month_and_per_year(db: Database, db_address: str, tmp_path: Path) -> None:
    add_lars_and_asa(db)
    target = tmp_path / "prognos.xlsx"
    code, _, err = run("--db", db_address, "subsidy", "--outlook", "24", "--from", "2026-05", "--format", "xlsx",
                       "-o", str(target))  # fmt: skip
    assert code == 0, err
    _, out, _ = run("--db", db_address, "subsidy", "--outlook", "24", "--from", "2026-05")
    months = json.loads(out)["months"]
    book = sheets(target)
    assert list(book) == ["Per månad och anställd", "Per månad", "Per år"]
    grid = book["Per månad"]
    assert grid[4][1:3] == ["Lars Nilsson", "Åsa Berg"]
    for row, month in zip(grid[5:29], months, strict=True):
        assert row[0] == month["month"] and Decimal(str(row[-1])).quantize(Decimal("0.01")) == Decimal(month["total"])
    years = {row[0]: Decimal(str(row[2])).quantize(Decimal("0.01")) for row in book["Per år"][5:8]}
    for year in (2026, 2027, 2028):
        expected = sum((Decimal(m["total"]) for m in months if m["month"].startswith(str(year))), Decimal(0))
        assert years[year] == expected
    long = book["Per månad och anställd"]
    assert sum(1 for row in long[5:] if row and row[0] not in ("", "Summa")) == sum(len(m["employees"]) for m in months)


def test_excel_needs_a_file(db_address: str, db: Database) -> None:
    code, _, err = run("--db", db_address, "subsidy", "--month", "2026-05", "--format", "xlsx")
    assert code == 1 and "-o" in err
