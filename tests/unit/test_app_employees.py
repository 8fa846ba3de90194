"""The application layer of employees with wage subsidy (app/employees.py): the commands Anställda and
``coopdesk employee`` share, what they hand back, their refusals (before anything is read, or as one
unit: nothing saved), and the read models. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.app import employees as app
from coopdesk.app.application import Application
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import LockedMonthError, NotFoundError, ValidationError
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import locks
from coopdesk.storage.database import Database
from tests.helpers import dump_rows
from tests.unit.test_employees import ADMIN, SUPERVISOR, add_lars_and_asa

D = dt.date


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    return add_lars_and_asa(db)


def test_the_admin_commands_return_the_employee_as_plain_data(db: Database) -> None:
    admin = Application(db, ADMIN)
    added = admin.execute(app.AddEmployee("Nora Ek", "19800101-0001", D(2026, 1, 1), percent=60))
    person = added.result
    assert isinstance(person, app.EmployeeDetails) and person.employment == ((D(2026, 1, 1), 60),)
    assert added.kinds == {"employees"} and added.audit_ids
    # by name from the command line, by id from the GUI: the same command
    admin.execute(app.SetWageCost("nora ek", "21000", valid_from=D(2026, 1, 1)))
    admin.execute(app.SetWageCost(person.id, "22000,50", month=Month(2026, 3)))
    admin.execute(app.SetEmployment("198001010001", 80, D(2026, 7, 1)))
    admin.execute(app.AddDecision(person.id, "AF-1", "lönebidrag", D(2026, 2, 1), D(2027, 1, 31), "20000", 70))
    done = admin.execute(app.AddStep("Nora Ek", "af-1", D(2026, 8, 1), 50)).result
    assert done.wage_costs == ((D(2026, 1, 1), Decimal("21000.00")),)
    assert done.wage_cost_months == (("2026-03", Decimal("22000.50")),)
    assert done.employment == ((D(2026, 1, 1), 60), (D(2026, 7, 1), 80))
    (decision,) = done.decisions
    assert [(s.valid_from, s.percent) for s in decision.steps] == [(D(2026, 2, 1), 70), (D(2026, 8, 1), 50)]
    assert decision.percent_on(D(2026, 7, 31)) == 70 and decision.percent_on(D(2027, 2, 1)) is None
    assert done.percent_on(D(2026, 7, 1)) == 80 and done.decision_on(D(2026, 1, 31)) is None
    ended = admin.execute(app.UpdateEmployee(person.id, end=D(2026, 12, 31), expected_version=done.version)).result
    assert ended.end == D(2026, 12, 31) and not ended.employed_on(D(2027, 1, 1))


@pytest.mark.parametrize(
    "command",
    [
        app.AddEmployee("X", "19800101-0001", D(2026, 1, 1)),
        app.UpdateEmployee(1, end=None),
        app.SetEmployment(1, 50, D(2026, 1, 1)),
        app.SetWageCost(1, "1", valid_from=D(2026, 1, 1)),
        app.AddDecision(1, "R", "k", D(2030, 1, 1), D(2030, 2, 1), "1", 5),
        app.AddStep(1, 1, D(2026, 9, 1), 30),
    ],
)
def test_a_supervisor_is_refused_the_admin_commands_before_anything_is_read(db: Database, command) -> None:
    # employee 1 need not exist: the role is checked first, so the refusal is about the role, not the id
    before = dump_rows(db)
    with pytest.raises(PermissionDeniedError):
        Application(db, SUPERVISOR).execute(command)
    assert dump_rows(db) == before


def test_set_times_saves_all_or_none_and_says_what_was_before(db: Database, staff: dict[str, int]) -> None:
    supervisor = Application(db, SUPERVISOR)
    first = supervisor.execute(app.SetTimes([app.TimeChange(staff["lars"], D(2026, 9, 1), "worked", "6")])).result
    assert [(d.old, d.new, d.name) for d in first] == [(Decimal(0), Decimal("6.00"), "Lars Nilsson")]
    before = dump_rows(db)
    with pytest.raises(ValidationError) as caught:
        supervisor.execute(
            app.SetTimes(
                [
                    app.TimeChange(staff["lars"], D(2026, 9, 2), "sick", "8"),  # fine alone
                    app.TimeChange(staff["lars"], D(2026, 9, 1), "vab", "19"),  # 6 + 19 > 24
                ]
            )
        )
    assert caught.value.field == "hours"
    assert dump_rows(db) == before  # not even the first day
    changed = supervisor.execute(
        app.SetTimes([app.TimeChange("Lars Nilsson", D(2026, 9, 1), "worked", "0", expected=first[0].version)])
    )
    assert [(d.old, d.new, d.version) for d in changed.result] == [(Decimal("6.00"), Decimal(0), 0)]
    assert changed.months == {D(2026, 9, 1)} and "employees" in changed.kinds


def test_the_time_month_read_model_and_its_lock(db: Database, staff: dict[str, int], actor: Actor) -> None:
    admin = Application(db, ADMIN)
    admin.execute(
        app.SetTimes(
            [
                app.TimeChange(staff["asa"], D(2026, 3, 2), "worked", "7,5"),
                app.TimeChange(staff["asa"], D(2026, 3, 3), "vacation", "8"),
                app.TimeChange(staff["asa"], D(2026, 3, 3), "worked", "0,25"),
            ]
        )
    )
    month = admin.read(app.TimeMonthView(staff["asa"], Month(2026, 3)))
    assert not month.locked and month.employee.name == "Åsa Berg"
    assert month.hours(D(2026, 3, 3), "vacation") == Decimal("8.00") and month.hours(D(2026, 3, 4), "sick") == 0
    assert month.totals()["worked"] == Decimal("7.75") and month.totals()["vab"] == 0
    with db.session() as s:
        locks.attest_month(s, actor, Month(2026, 3))
    assert admin.read(app.TimeMonthView(staff["asa"], Month(2026, 3))).locked_by == actor.name
    with pytest.raises(LockedMonthError):
        admin.execute(app.SetTimes([app.TimeChange(staff["asa"], D(2026, 3, 9), "worked", "1")]))


def test_the_request_basis_and_outlook_read_models(db: Database, staff: dict[str, int]) -> None:
    # worked hours are reported once the day has come (not ahead); the outlook is read on 20 April
    Application(db, ADMIN, clock=lambda: D(2026, 5, 4)).execute(
        app.SetTimes([app.TimeChange(staff["lars"], D(2026, 5, 4), "worked", "6")])
    )
    admin = Application(db, ADMIN, clock=lambda: D(2026, 4, 20))
    basis = admin.read(app.SubsidyMonthView(Month(2026, 5)))
    assert not basis.outlook and [str(line.subsidy) for line in basis.months[0].lines] == ["9000.00", "4062.13"]
    assert basis.summaries["19750312-2397"]["worked"] == Decimal("6.00")
    outlook = admin.read(app.SubsidyOutlookView(24))
    assert [str(m.month) for m in outlook.months][:2] == ["2026-05", "2026-06"] and len(outlook.months) == 24
    # the outlook ignores May's own wage cost (25 100,00), but the ceiling (15 000,00) caps both
    assert outlook.months[0].total == basis.months[0].total
    with pytest.raises(NotFoundError):
        admin.read(app.TimeReportView("Ingen Alls", Month(2026, 5)))
    report = admin.read(app.TimeReportView("19750312-2397", Month(2026, 5)))
    assert [(e.day, e.kind, e.hours) for e in report.entries] == [(D(2026, 5, 4), "worked", Decimal("6.00"))]


def test_the_command_line_writes_only_through_the_commands() -> None:
    """One write path: cli/employees.py opens no Session of its own and calls no writing service; the one
    output on the record (the register extract) is written with its audit entry by write_logged."""
    source = Path(__file__).resolve().parents[2] / "coopdesk" / "cli" / "employees.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    called = {
        node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert "session" not in called
    writes = {
        "add_employee",
        "update_employee",
        "set_employment",
        "set_wage_cost",
        "add_decision",
        "add_step",
        "set_time",
    }
    assert not called & writes
    assert {"execute", "read"} <= called
