"""Employees with wage subsidy in the database (domain.md §10): the services, their refusals (the field
named, nothing changed), roles, the month lock of the time report, the audit log, the ``coopdesk employee``
and ``coopdesk subsidy`` commands, the PDFs and the demo's employees. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from coopdesk import cli
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ConflictError, LockedMonthError, ValidationError
from coopdesk.core.models import AuditEntry, Employee, TimeReport
from coopdesk.core.permissions import PermissionDeniedError
from coopdesk.core.services import employees, locks, users
from coopdesk.core.subsidy import month_subsidy
from coopdesk.reports.statement_pdf import SECRECY_MARK
from coopdesk.storage.database import Database
from tests.helpers import dump_rows
from tests.unit.test_subsidy import ASA, LARS

ADMIN = Actor("Sara Svensson")
SUPERVISOR = Actor("Kim Ek", role="handledare", login="kim")
D = dt.date


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def add_lars_and_asa(db: Database) -> dict[str, int]:
    """LARS and ASA of test_subsidy.py, entered through the services."""
    with db.session() as s:
        lars = employees.add_employee(s, ADMIN, "Lars Nilsson", "19750312-2397", D(2024, 1, 1), percent=75)
        employees.set_employment(s, ADMIN, lars.id, 50, D(2026, 6, 15))
        employees.set_wage_cost(s, ADMIN, lars.id, "24500", valid_from=D(2024, 1, 1))
        employees.set_wage_cost(s, ADMIN, lars.id, "25100,00", month=Month(2026, 5))
        decision = employees.add_decision(
            s,
            ADMIN,
            lars.id,
            "AF-2024-5561",
            "lönebidrag för utveckling i anställning",
            D(2024, 1, 1),
            D(2026, 12, 31),
            "20000",
            80,
        )
        employees.add_step(s, ADMIN, decision.id, D(2025, 1, 1), 60)
        employees.add_step(s, ADMIN, decision.id, D(2026, 6, 1), 40)
        asa = employees.add_employee(s, ADMIN, "Åsa Berg", "198804172248", D(2025, 3, 1), percent=50)
        employees.set_wage_cost(s, ADMIN, asa.id, "9876.55", valid_from=D(2025, 3, 1))
        employees.add_decision(
            s, ADMIN, asa.id, "AF-2026-0017", "lönebidrag", D(2026, 5, 17), D(2027, 5, 16), "25000", 85
        )
        return {"lars": lars.id, "asa": asa.id, "decision": decision.id}


@pytest.fixture
def staff(db: Database) -> dict[str, int]:
    return add_lars_and_asa(db)


def test_the_services_store_what_the_rule_reads(db: Database, staff: dict[str, int]) -> None:
    with db.session() as s:
        for month in (Month(2026, 4), Month(2026, 5), Month(2026, 6), Month(2026, 7), Month(2027, 1)):
            assert employees.month_request(s, month) == month_subsidy([LARS, ASA], month)
        may = employees.month_request(s, Month(2026, 5))
    assert [str(line.subsidy) for line in may.lines] == ["9000.00", "4062.13"]


def test_the_json_is_exactly_interchange_6s_example(example_db: Database, db_address: str) -> None:
    with example_db.session() as s:
        lars = employees.add_employee(s, ADMIN, "Lars Nilsson", "19750312-2397", D(2024, 1, 1), percent=75)
        employees.set_wage_cost(s, ADMIN, lars.id, "24500.00", valid_from=D(2024, 1, 1))
        made = employees.add_decision(
            s,
            ADMIN,
            lars.id,
            "AF-2024-5561",
            "lönebidrag för utveckling i anställning",
            D(2024, 1, 1),
            D(2026, 12, 31),
            "20000.00",
            80,
        )
        employees.add_step(s, ADMIN, made.id, D(2025, 1, 1), 60)
    code, out, err = run("--db", db_address, "subsidy", "--month", "2026-05", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == {
        "format": "coopdesk-subsidy/1",
        "cooperative": "Kooperativet KOS",
        "months": [
            {
                "month": "2026-05",
                "employees": [
                    {
                        "name": "Lars Nilsson",
                        "decision_ref": "AF-2024-5561",
                        "employment_percent": 75,
                        "wage_cost": "24500.00",
                        "ceiling": "15000.00",
                        "percent": 60,
                        "covered_days": 31,
                        "subsidy": "9000.00",
                    }
                ],
                "total": "9000.00",
            }
        ],
    }


def test_the_outlook_command_agrees_with_the_month_commands(db: Database, db_address: str, staff) -> None:
    code, out, err = run("--db", db_address, "subsidy", "--outlook", "24", "--from", "2026-04", "--format", "json")
    assert code == 0, err
    forecast = json.loads(out)
    assert [m["month"] for m in forecast["months"]][::23] == ["2026-04", "2028-03"]
    assert len(forecast["months"]) == 24
    for month in forecast["months"]:
        code, out, _ = run("--db", db_address, "subsidy", "--month", month["month"])
        request = json.loads(out)["months"][0]
        if month["month"] == "2026-05":  # May has its own wage cost; the outlook uses the standing one
            assert request["employees"][0]["wage_cost"] == "25100.00"
            assert month["employees"][0]["wage_cost"] == "24500.00"
            assert month["employees"][0]["subsidy"] == request["employees"][0]["subsidy"] == "9000.00"
            assert month["employees"][1:] == request["employees"][1:] and month["total"] == request["total"]
        else:
            assert month == request
    # the step-downs and the end show: Lars 60 % → 40 % in June, gone after December
    lars = [
        (m["month"], e["percent"]) for m in forecast["months"] for e in m["employees"] if e["name"] == "Lars Nilsson"
    ]
    assert lars[1:3] == [("2026-05", 60), ("2026-06", 40)] and lars[-1] == ("2026-12", 40)


# --- refusals: the field named, nothing changed ------------------------------------------------------


def _refusals(ids: dict[str, int]) -> list[tuple[str, object]]:
    lars, decision = ids["lars"], ids["decision"]
    return [
        ("percent", lambda s: employees.add_step(s, ADMIN, decision, D(2026, 9, 1), 101)),
        ("percent", lambda s: employees.add_step(s, ADMIN, decision, D(2026, 9, 1), 0)),
        ("valid_from", lambda s: employees.add_step(s, ADMIN, decision, D(2027, 1, 1), 30)),
        ("valid_from", lambda s: employees.add_step(s, ADMIN, decision, D(2023, 12, 31), 30)),
        (
            "start",
            lambda s: employees.add_decision(
                s, ADMIN, lars, "AF-9", "lönebidrag", D(2026, 12, 1), D(2027, 6, 30), "1", 50
            ),
        ),
        ("end", lambda s: employees.add_decision(s, ADMIN, lars, "AF-9", "x", D(2027, 6, 1), D(2027, 5, 1), "1", 50)),
        (
            "ceiling",
            lambda s: employees.add_decision(s, ADMIN, lars, "AF-9", "x", D(2027, 1, 1), D(2027, 5, 1), "0", 50),
        ),
        ("percent", lambda s: employees.add_employee(s, ADMIN, "Ny", "19910823-3868", D(2026, 1, 1), percent=0)),
        ("percent", lambda s: employees.add_employee(s, ADMIN, "Ny", "19910823-3868", D(2026, 1, 1), percent=101)),
        ("percent", lambda s: employees.set_employment(s, ADMIN, lars, 150, D(2026, 9, 1))),
        ("personal_number", lambda s: employees.add_employee(s, ADMIN, "Ny", "19750312-2397", D(2026, 1, 1))),
        ("hours", lambda s: employees.set_time(s, SUPERVISOR, lars, D(2026, 9, 1), "worked", "24.5")),
        ("hours", lambda s: employees.set_time(s, SUPERVISOR, lars, D(2026, 9, 1), "worked", "-1")),
        ("kind", lambda s: employees.set_time(s, SUPERVISOR, lars, D(2026, 9, 1), "sjuk", "8")),
        ("date", lambda s: employees.set_time(s, SUPERVISOR, lars, D(2023, 12, 31), "worked", "8")),
        ("amount", lambda s: employees.set_wage_cost(s, ADMIN, lars, "-5", valid_from=D(2026, 1, 1))),
        ("amount", lambda s: employees.set_wage_cost(s, ADMIN, lars, "1.005", valid_from=D(2026, 1, 1))),
    ]


@pytest.mark.parametrize("case", range(17))
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(db: Database, staff, case: int) -> None:
    field, change = _refusals(staff)[case]
    before = dump_rows(db)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        change(s)
    assert caught.value.field == field
    assert caught.value.sv and caught.value.en and caught.value.sv != caught.value.en
    assert dump_rows(db) == before


def test_a_day_holds_at_most_24_hours_of_all_kinds_together(db: Database, staff) -> None:
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "worked", "16")
    before = dump_rows(db)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "sick", "8.25")
    assert caught.value.field == "hours" and "24" in caught.value.sv
    assert dump_rows(db) == before
    with db.session() as s:  # exactly 24 is a day
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "sick", "8")


def test_an_attested_month_refuses_time_report_changes(db: Database, staff) -> None:
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 4), "worked", "6")
        locks.attest_month(s, ADMIN, Month(2026, 5), now=dt.datetime(2026, 6, 2, 9, 0))
    before = dump_rows(db)
    for hours, kind in (("7", "worked"), ("0", "worked"), ("2", "vab")):
        with pytest.raises(LockedMonthError) as caught, db.session() as s:
            employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 4), kind, hours)
        assert caught.value.field == "date" and "attesterad" in caught.value.sv
    assert dump_rows(db) == before
    with db.session() as s:  # June is open
        assert employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 6, 1), "worked", "6") is not None


def test_what_happened_cannot_be_reported_ahead(db: Database, staff) -> None:
    """Found typing 2030 for 2026: worked hours four years ahead were taken without a word. As with a
    member's attendance, what happened (worked, sick, vab) is not registered for a day that has not been;
    what is planned (vacation, leave, other absence) may be."""
    today = D(2026, 9, 10)
    before = dump_rows(db)
    for kind in ("worked", "sick", "vab"):
        with pytest.raises(ValidationError) as caught, db.session() as s:
            employees.set_time(s, SUPERVISOR, staff["lars"], D(2030, 9, 11), kind, "7", today=today)
        assert caught.value.field == "date" and "har inte varit än" in caught.value.sv
    assert dump_rows(db) == before
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], today, "worked", "7", today=today)
        for kind in ("vacation", "leave", "other"):
            employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 14), kind, "2", today=today)
    # and through the command every face uses, with the application's clock
    from coopdesk.app.application import Application
    from coopdesk.app.employees import SetTimes, TimeChange

    app = Application(db, SUPERVISOR, clock=lambda: today)
    with pytest.raises(ValidationError):
        app.execute(SetTimes([TimeChange(staff["lars"], D(2026, 9, 11), "worked", "7")]))


def test_the_employment_cannot_end_before_a_reported_day(db: Database, staff) -> None:
    """Found ending Fatima's employment on 2 December with her hours of the 3rd and 4th reported: the
    time report then said "anställd … – 2026-12-02" above 8 worked hours on the 3rd and 4th, and the
    window's grid hatched those days, so the hours could not even be removed. As with a member's
    placement, the registration is changed first."""
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 3), "worked", "8")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 4), "sick", "8")
    before = dump_rows(db)
    with pytest.raises(ValidationError) as refused, db.session() as s:
        employees.update_employee(s, ADMIN, staff["lars"], end=D(2026, 9, 2))
    assert refused.value.field == "end"
    assert "2026-09-03" in refused.value.sv and "2 dagar" in refused.value.sv
    assert dump_rows(db) == before
    with db.session() as s:  # the last reported day itself may be the last day of employment
        employees.update_employee(s, ADMIN, staff["lars"], end=D(2026, 9, 4))


def test_overlapping_decisions_are_refused_either_side(db: Database, staff) -> None:
    for start, end in (
        (D(2023, 6, 1), D(2024, 1, 1)),
        (D(2024, 3, 1), D(2024, 4, 1)),
        (D(2026, 12, 31), D(2027, 1, 5)),
    ):
        with pytest.raises(ValidationError) as caught, db.session() as s:
            employees.add_decision(s, ADMIN, staff["lars"], "AF-X", "x", start, end, "100", 50)
        assert caught.value.field == "start" and "AF-2024-5561" in caught.value.sv
    with db.session() as s:  # the day after the end is free
        employees.add_decision(s, ADMIN, staff["lars"], "AF-X", "x", D(2027, 1, 1), D(2027, 6, 30), "100", 50)


# --- roles, audit, versions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda s, ids: employees.add_employee(s, SUPERVISOR, "Ny", "19910823-3868", D(2026, 1, 1)),
        lambda s, ids: employees.set_employment(s, SUPERVISOR, ids["lars"], 60, D(2026, 9, 1)),
        lambda s, ids: employees.set_wage_cost(s, SUPERVISOR, ids["lars"], "1", valid_from=D(2026, 9, 1)),
        lambda s, ids: employees.add_decision(
            s, SUPERVISOR, ids["lars"], "A", "x", D(2027, 1, 1), D(2027, 2, 1), "1", 5
        ),
        lambda s, ids: employees.add_step(s, SUPERVISOR, ids["decision"], D(2026, 9, 1), 30),
        lambda s, ids: employees.update_employee(s, SUPERVISOR, ids["lars"], end=D(2027, 1, 1)),
    ],
)
def test_only_an_administrator_edits_employees_wage_costs_and_decisions(db: Database, staff, change) -> None:
    before = dump_rows(db)
    with pytest.raises(PermissionDeniedError), db.session() as s:
        change(s, staff)
    assert dump_rows(db) == before


def test_a_supervisor_registers_time_and_every_change_is_logged_with_it(db: Database, staff) -> None:
    with db.session() as s:
        record = employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "worked", "6,5")
        assert record is not None and record.hours == Decimal("6.50")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "worked", "0")  # removes it
        assert s.scalars(select(TimeReport)).all() == []
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "time_report").order_by(AuditEntry.id)).all()
        assert [(e.actor, e.action) for e in entries] == [("Kim Ek", "create"), ("Kim Ek", "delete")]
        logged = {e.entity for e in s.scalars(select(AuditEntry))}
    assert {"employee", "employment", "wage_cost", "subsidy_decision"} <= logged


def test_a_time_report_changed_on_another_pc_is_a_conflict(db: Database, staff) -> None:
    with db.session() as s:
        record = employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "worked", "6")
        seen = record.version
    with db.session() as s:
        employees.set_time(s, ADMIN, staff["lars"], D(2026, 9, 1), "worked", "7")
    with pytest.raises(ConflictError) as caught, db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 9, 1), "worked", "5", expected_version=seen)
    assert "Sara Svensson" in caught.value.sv
    with db.session() as s:
        assert s.scalar(select(TimeReport.hours)) == Decimal("7.00")


@pytest.mark.random_versions
def test_new_employee_rows_start_at_a_random_version(db: Database) -> None:
    with db.session() as s:
        versions = {
            employees.add_employee(s, ADMIN, f"N {i}", number, D(2026, 1, 1)).version
            for i, number in enumerate(("19750312-2397", "19880417-2248", "19910823-3868"))
        }
    assert len(versions) == 3 and versions != {1}


# --- the command line -------------------------------------------------------------------------------


def test_the_commands_for_scripts(db: Database, db_address: str) -> None:
    steps = [
        ("add", "--name", "Lars Nilsson", "--personal-number", "197503122397", "--start", "2024-01-01",
         "--percent", "75"),
        ("set-wage-cost", "--employee", "lars nilsson", "--amount", "24500", "--from", "2024-01-01"),
        ("set-wage-cost", "--employee", "Lars Nilsson", "--amount", "25 100", "--month", "2026-05"),  # as printed
        ("set-employment", "--employee", "19750312-2397", "--percent", "50", "--from", "2026-06-15"),
        ("add-decision", "--employee", "Lars Nilsson", "--ref", "AF-2024-5561", "--kind", "lönebidrag",
         "--start", "2024-01-01", "--end", "2026-12-31", "--ceiling", "20\u00a0000", "--percent", "80"),
        ("add-step", "--employee", "Lars Nilsson", "--ref", "af-2024-5561", "--from", "2025-01-01", "--percent", "60"),
        ("time", "--employee", "Lars Nilsson", "--date", "2026-05-04", "--kind", "worked", "--hours", "6"),
    ]  # fmt: skip
    for step in steps:
        code, out, err = run("--db", db_address, "employee", *step)
        assert code == 0, (step, err)
    code, out, err = run("--db", db_address, "employee", "set-end", "--employee", "Lars Nilsson", "--end", "2026-05-20")
    assert code == 0, err
    code, out, _ = run("--db", db_address, "subsidy", "--month", "2026-05")
    assert json.loads(out)["months"][0]["employees"][0]["covered_days"] == 20  # up to the last day employed
    code, out, err = run("--db", db_address, "employee", "set-end", "--employee", "Lars Nilsson", "--end", "none")
    assert code == 0 and "until further notice" in out
    code, out, _ = run("--db", db_address, "employee", "list")
    assert "Lars Nilsson\t19750312-2397" in out and "AF-2024-5561" in out and "60 % from 2025-01-01" in out
    code, out, _ = run("--db", db_address, "subsidy", "--month", "2026-05")
    assert json.loads(out)["months"][0]["total"] == "9000.00"
    # the Swedish word the refusal lists beside each kind is taken too
    code, out, err = run(
        "--db", db_address, "employee", "time", "--employee", "Lars Nilsson", "--date", "2026-05-05",
        "--kind", "Semester", "--hours", "8",
    )  # fmt: skip
    assert code == 0, err
    assert "vacation 8 hours" in out


@pytest.mark.parametrize(
    ("args", "field_text"),
    [
        (
            ("add-step", "--employee", "Lars Nilsson", "--ref", "AF-1", "--from", "2024-02-01", "--percent", "101"),
            "101 %",
        ),
        (
            ("add-step", "--employee", "Lars Nilsson", "--ref", "AF-1", "--from", "2024-02-01", "--percent", "tio"),
            "tio",
        ),
        (("time", "--employee", "Lars Nilsson", "--date", "2024-02-01", "--kind", "worked", "--hours", "25"), "hours"),
        (("time", "--employee", "Lars Nilsson", "--date", "2024-02-30", "--kind", "worked", "--hours", "2"), "--date"),
        (("time", "--employee", "Nobody", "--date", "2024-02-01", "--kind", "worked", "--hours", "2"), "Nobody"),
        (("set-employment", "--employee", "Lars Nilsson", "--percent", "0", "--from", "2024-02-01"), "0 %"),
    ],
)
def test_commands_refuse_bad_input_with_a_message_and_exit_1(db: Database, db_address: str, args, field_text) -> None:
    with db.session() as s:
        lars = employees.add_employee(s, ADMIN, "Lars Nilsson", "19750312-2397", D(2024, 1, 1))
        employees.add_decision(s, ADMIN, lars.id, "AF-1", "x", D(2024, 1, 1), D(2024, 12, 31), "20000", 80)
    before = dump_rows(db, skip=("audit_log", "user_account"))
    code, out, err = run("--db", db_address, "employee", *args)
    assert code == 1 and out == "" and field_text in err and "Traceback" not in err
    assert dump_rows(db, skip=("audit_log", "user_account")) == before


def test_a_supervisor_account_registers_time_but_cannot_add_employees(
    db: Database, db_address: str, monkeypatch
) -> None:
    with db.session() as s:
        admin = users.actor_for(users.users(s)[0])
        users.add_user(s, admin, "kim", "Kim Ek", "handledare", "kims-lösenord-1", must_change=False)
        employees.add_employee(s, ADMIN, "Lars Nilsson", "19750312-2397", D(2024, 1, 1))
    monkeypatch.setenv("COOPDESK_USER", "kim")
    monkeypatch.setenv("COOPDESK_PASSWORD", "kims-lösenord-1")
    code, _, err = run("--db", db_address, "employee", "add", "--name", "X", "--personal-number", "19880417-2248",
                       "--start", "2026-01-01")  # fmt: skip
    assert code == 1 and "Only an administrator" in err
    code, out, err = run("--db", db_address, "--lang", "sv", "employee", "time", "--employee", "Lars Nilsson",
                         "--date", "2026-05-04", "--kind", "vab", "--hours", "7.5")  # fmt: skip
    assert code == 0, err
    assert out.strip() == "Lars Nilsson 2026-05-04: vab 7,5 timmar."
    with db.session() as s:
        assert s.scalar(select(AuditEntry.actor).where(AuditEntry.entity == "time_report")) == "Kim Ek"


# --- PDFs ---------------------------------------------------------------------------------------------


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_the_request_basis_pdf(db: Database, db_address: str, staff, tmp_path: Path) -> None:
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 4), "worked", "6")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 5), "sick", "6")
        employees.set_time(s, SUPERVISOR, staff["asa"], D(2026, 5, 18), "worked", "4.25")
    target = tmp_path / "lönebidrag.pdf"
    code, _, err = run("--db", db_address, "subsidy", "--month", "2026-05", "--format", "pdf", "-o", str(target))
    assert code == 0, err
    [text] = pdf_text(target)
    flat = text.replace("\u00a0", " ")
    for expected in (
        "Underlag för rekvisition av lönebidrag",
        "maj 2026",
        "Sida 1 (1)",
        SECRECY_MARK,
        "Lars Nilsson",
        "Åsa Berg",
        "AF-2026-0017",
        "25 100,00 kr *",
        "12 500,00 kr",
        "15 av 31",
        "4 062,13 kr",
        "13 062,13 kr",  # the total
        "Tidrapport",
        "4,25",
        "16,25",  # hours of the month, all employees
        "Arbetsgivarens underskrift",
    ):
        assert expected in flat, expected
    assert flat.index("Lars Nilsson") < flat.index("Åsa Berg")


def test_the_outlook_pdf(db: Database, db_address: str, staff, tmp_path: Path) -> None:
    target = tmp_path / "prognos.pdf"
    code, _, err = run("--db", db_address, "subsidy", "--outlook", "24", "--from", "2026-05", "--format", "pdf",
                       "-o", str(target))  # fmt: skip
    assert code == 0, err
    flat = " ".join(pdf_text(target)).replace("\u00a0", " ")
    assert "Prognos för lönebidrag" in flat and "maj 2026 – april 2028" in flat
    assert "9 000,00 kr (60 %)" in flat and "6 000,00 kr (40 %)" in flat and "4 000,00 kr (40 %)" in flat
    assert "Summa per år" in flat and "Nedtrappningar och slut" in flat
    assert "2026-06-01: Lars Nilsson, AF-2024-5561 – från 60 % till 40 %." in flat
    assert "2027-05-16: Åsa Berg, AF-2026-0017 – sista dagen med bidrag." in flat


def test_the_time_report_pdf_to_sign(db: Database, db_address: str, staff, tmp_path: Path) -> None:
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 4), "worked", "6")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 5), "sick", "6")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 6), "vab", "2.5")
        employees.set_time(s, SUPERVISOR, staff["lars"], D(2026, 5, 6), "worked", "3.5")
    target = tmp_path / "tid.pdf"
    code, _, err = run("--db", db_address, "employee", "time-report", "--employee", "Lars Nilsson", "--month",
                       "2026-05", "-o", str(target))  # fmt: skip
    assert code == 0, err
    pages = pdf_text(target)
    assert len(pages) == 1
    flat = pages[0].replace("\u00a0", " ")
    for expected in (
        "Tidrapport",
        "Lars Nilsson · 19750312-2397",
        "Sida 1 (1)",
        SECRECY_MARK,
        "2026-05-01",
        "2026-05-31",
        "Kristi himmelsfärdsdag",
        "2,50",
        "9,50",  # worked 6 + 3.5
        "18,00",  # the month's sum
        "Arbetstagarens underskrift",
        "Arbetsgivarens underskrift",
    ):
        assert expected in flat, expected


# --- the demo ------------------------------------------------------------------------------------------


def test_the_demo_employees(db: Database, actor: Actor) -> None:
    from coopdesk.core.demo import add_demo_employees

    today = D(2026, 11, 27)
    with db.session() as s:
        assert add_demo_employees(s, actor, today) == 2
    with db.session() as s:
        people = {e.name: e for e in s.scalars(select(Employee))}
        mikael, fatima = people["Mikael Lundqvist"], people["Fatima Rahimi"]
        assert [e.percent for e in mikael.employment] == [75] and [e.percent for e in fatima.employment] == [100]
        assert [st.percent for st in mikael.subsidies[0].steps] == [80, 60, 40]
        assert fatima.subsidies[0].end == D(2027, 5, 31)  # next spring
        forecast = employees.subsidy_outlook(s, Month(2026, 12), 24)
        months = s.scalars(select(TimeReport.day)).all()
    by_month = {str(m.month): {line.name: line.percent for line in m.lines} for m in forecast}
    assert by_month["2026-12"] == {"Fatima Rahimi": 65, "Mikael Lundqvist": 60}
    assert by_month["2027-01"] == {"Fatima Rahimi": 65, "Mikael Lundqvist": 40}  # the step-down
    assert by_month["2027-06"] == {"Mikael Lundqvist": 40}  # Fatima's decision has ended
    assert by_month["2028-01"] == {}
    assert {Month.of(d) for d in months} == {Month(2026, 8), Month(2026, 9), Month(2026, 10), Month(2026, 11)}
    assert max(months) == D(2026, 11, 26)


def test_an_export_carries_the_employees_without_a_warning(
    db: Database, db_address: str, staff, tmp_path: Path
) -> None:
    """coopdesk/2 has a place for employees (interchange.md §3): the export no longer leaves them out."""
    code, _, err = run("--db", db_address, "export", "-o", str(tmp_path / "ut.json"))
    assert code == 0, err
    assert "employee" not in err and "anställda" not in err
    document = json.loads((tmp_path / "ut.json").read_text(encoding="utf-8"))
    assert document["format"] == "coopdesk/2"
    assert [e["name"] for e in document["employees"]] == ["Lars Nilsson", "Åsa Berg"]
