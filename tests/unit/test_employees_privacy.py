"""The employees' register extract and gallring (core/services/employees_privacy.py, docs/rules.md):
what the extract holds and that it is logged; who may be erased (seven whole calendar years after the
last of the employment, the decisions and the time reports), all or nothing, and what is left."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopdesk.app.application import Application
from coopdesk.app.employees import ErasableEmployees, EraseEmployees
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import AuditEntry, Employee, SubsidyStep, TimeReport, WageCost
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import employees, employees_privacy
from coopdesk.storage.database import Database
from tests.helpers import dump_rows
from tests.unit.test_employees import ADMIN, SUPERVISOR, add_lars_and_asa, run

D = dt.date


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    ids = add_lars_and_asa(db)
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, ids["lars"], D(2026, 5, 4), "worked", "6")
        employees.update_employee(s, ADMIN, ids["lars"], end=D(2026, 12, 31))  # leaves with the decision's end
    return ids


def test_the_register_extract_holds_everything_and_is_logged(db: Database, db_address: str, staff, tmp_path: Path):
    target = tmp_path / "lars.json"
    code, _, err = run("--db", db_address, "employee", "record", "--employee", "Lars Nilsson", "-o", str(target))
    assert code == 0, err
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "coopdesk-employee/1"
    person = document["employee"]
    assert person["personal_number"] == "19750312-2397" and person["end"] == "2026-12-31"
    assert [s["percent"] for s in person["subsidies"][0]["steps"]] == [80, 60, 40]
    assert person["time"] == [{"date": "2026-05-04", "kind": "worked", "hours": "6"}]
    kinds = {(e["entity"], e["action"]) for e in document["audit"]}
    assert {("employee", "create"), ("employee", "update"), ("wage_cost", "create"), ("time_report", "create")} <= kinds
    assert not any("Åsa" in (e["summary"] or "") for e in document["audit"])  # nobody else's entries
    with db.session() as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == "export", AuditEntry.entity == "employee"))
        assert [e.summary for e in logged] == ["Lars Nilsson registerutdrag till lars.json"]


def test_only_an_administrator_takes_a_register_extract(db: Database, staff) -> None:
    with pytest.raises(PermissionDeniedError), db.session() as s:
        employees_privacy.employee_record(s, SUPERVISOR, "Lars Nilsson", file_name="x.json")


def test_who_may_be_erased_seven_whole_calendar_years_on(db: Database, staff) -> None:
    assert employees_privacy.kept_until(D(2026, 12, 31)) == D(2033, 12, 31)
    with db.session() as s:
        assert employees_privacy.erasure_candidates(s, D(2033, 12, 31)) == []
        (lars,) = employees_privacy.erasure_candidates(s, D(2034, 1, 1))
        assert (lars.name, lars.last_day, lars.time_reports) == ("Lars Nilsson", D(2026, 12, 31), 1)
        # Åsa is employed until further notice: never a candidate
        # (time reported inside the employment that is about to end: an end before it is refused)
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 6, 29), "sick", "8")
    with db.session() as s:
        # a decision running on after the employment keeps it too (its end is the last day)
        employees.update_employee(s, ADMIN, staff["lars"], end=D(2026, 6, 30))
        assert [c.last_day for c in employees_privacy.erasure_candidates(s, D(2034, 1, 1))] == [D(2026, 12, 31)]


def test_erasure_removes_the_employee_whole_and_logs_no_name(db: Database, staff) -> None:
    admin = Application(db, ADMIN, clock=lambda: D(2034, 1, 1))
    found = admin.read(ErasableEmployees())
    changes = admin.execute(EraseEmployees([c.employee_id for c in found]))
    assert changes.result == [staff["lars"]]
    with db.session() as s:
        assert [e.name for e in s.scalars(select(Employee))] == ["Åsa Berg"]
        for model in (TimeReport, WageCost):
            left = s.scalar(select(func.count()).select_from(model).where(model.employee_id == staff["lars"]))
            assert left == 0
        assert s.scalar(select(func.count()).select_from(SubsidyStep)) == 1  # Åsa's one step
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert "Lars" not in (entry.summary or "") and json.loads(entry.new)["employee_ids"] == [staff["lars"]]


def test_erasure_is_all_or_nothing_and_an_administrators(db: Database, staff) -> None:
    later = D(2034, 1, 1)
    before = dump_rows(db)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        employees_privacy.erase_employees(s, ADMIN, [staff["lars"], staff["asa"]], later)
    assert caught.value.field == "employee_ids" and caught.value.value == staff["asa"]
    with pytest.raises(PermissionDeniedError):
        Application(db, SUPERVISOR, clock=lambda: later).execute(EraseEmployees([staff["lars"]]))
    assert dump_rows(db) == before


def test_the_gallra_command_lists_then_erases_with_yes(db: Database, db_address: str, staff) -> None:
    code, out, err = run("--db", db_address, "employee", "gallra")
    assert code == 0, err
    assert "No former employees" in out or "Inga tidigare anställda" in out  # today is before 2034
    with db.session() as s:
        assert employees_privacy.erasure_candidates(s, dt.date.today()) == []
