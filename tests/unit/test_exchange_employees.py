"""coopdesk/2's employees (interchange.md §3, core/exchange/employees.py): exported, imported whole, the
round trip exact, the wage subsidy the same after it, and a broken file refused naming the JSON path with
nothing written. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import employees
from coopdesk.storage.database import Database, open_database
from tests.helpers import dump_rows
from tests.unit.test_employees import SUPERVISOR, add_lars_and_asa

D = dt.date
TODAY = D(2026, 11, 27)


def exported_with_staff(db: Database) -> dict[str, Any]:
    ids = add_lars_and_asa(db)
    with db.session() as s:
        employees.set_time(s, SUPERVISOR, ids["lars"], D(2026, 5, 4), "worked", "6")
        employees.set_time(s, SUPERVISOR, ids["lars"], D(2026, 5, 4), "vab", "1,25")
        employees.set_time(s, SUPERVISOR, ids["asa"], D(2026, 5, 18), "sick", "8")
        return export_document(s, TODAY)


@pytest.fixture
def second_db(new_db: Callable[..., str]) -> Database:
    database = open_database(new_db("second.db", migrated=True))
    yield database
    database.close()


def test_the_round_trip_is_exact_and_the_subsidy_the_same(db: Database, second_db: Database, actor: Actor) -> None:
    document = exported_with_staff(db)
    lars = document["employees"][0]
    assert document["format"] == "coopdesk/2"
    assert lars == {
        "key": "e1",
        "name": "Lars Nilsson",
        "personal_number": "19750312-2397",
        "start": "2024-01-01",
        "end": None,
        "employment": [{"valid_from": "2024-01-01", "percent": 75}, {"valid_from": "2026-06-15", "percent": 50}],
        "wage_costs": [{"valid_from": "2024-01-01", "amount": "24500.00"}],
        "wage_cost_months": [{"month": "2026-05", "amount": "25100.00"}],
        "subsidies": [
            {
                "ref": "AF-2024-5561",
                "kind": "lönebidrag för utveckling i anställning",
                "start": "2024-01-01",
                "end": "2026-12-31",
                "ceiling": "20000.00",
                "steps": [
                    {"valid_from": "2024-01-01", "percent": 80},
                    {"valid_from": "2025-01-01", "percent": 60},
                    {"valid_from": "2026-06-01", "percent": 40},
                ],
            }
        ],
        "time": [
            {"date": "2026-05-04", "kind": "worked", "hours": "6"},
            {"date": "2026-05-04", "kind": "vab", "hours": "1.25"},
        ],
    }
    with second_db.session() as s:
        summary = import_document(s, copy.deepcopy(document), actor=actor, today=TODAY)
    assert summary.employees == 2 and "2 anställda" in summary.describe_sv()
    with second_db.session() as s:
        assert export_document(s, TODAY) == document
        again = [employees.month_request(s, Month(2026, m)) for m in (4, 5, 6, 12)]
    with db.session() as s:
        assert again == [employees.month_request(s, Month(2026, m)) for m in (4, 5, 6, 12)]
    # the imported rows take new changes (PostgreSQL: the id sequences were moved past them)
    with second_db.session() as s:
        employees.set_time(s, SUPERVISOR, 1, D(2026, 5, 5), "worked", "7")
        person = employees.add_employee(s, actor, "Nora Ek", "19800101-0001", D(2026, 1, 1))
        assert person.id == 3


def test_a_coopdesk_1_document_still_imports_and_has_no_employees(example_db: Database) -> None:
    with example_db.session() as s:
        assert employees.employees(s) == []


Mutation = Callable[[dict[str, Any]], None]


def put(*path: Any, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def drop(*path: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


E = ("employees", 0)
DECISION = (*E, "subsidies", 0)
CASES = [
    ("step-over-100", put(*DECISION, "steps", 1, "percent", value=101), "employees[0].subsidies[0].steps[1].percent"),
    ("step-outside", put(*DECISION, "steps", 1, "valid_from", value="2027-01-01"),
     "employees[0].subsidies[0].steps[1].valid_from"),
    ("no-first-step", drop(*DECISION, "steps", 0), "employees[0].subsidies[0].steps"),
    ("overlap", lambda d: d["employees"][0]["subsidies"].append(
        {"ref": "AF-2", "kind": "x", "start": "2026-12-01", "end": "2027-03-31", "ceiling": "1000",
         "steps": [{"valid_from": "2026-12-01", "percent": 5}]}),
     "employees[0].subsidies[1].start"),
    ("decision-end-missing", drop(*DECISION, "end"), "employees[0].subsidies[0].end"),
    ("ceiling-zero", put(*DECISION, "ceiling", value="0"), "employees[0].subsidies[0].ceiling"),
    ("same-number", put("employees", 1, "personal_number", value="19750312-2397"), "employees[1].personal_number"),
    ("bad-number", put(*E, "personal_number", value="19750312-2398"), "employees[0].personal_number"),
    ("employment-after-end", put(*E, "end", value="2026-06-01"), "employees[0].employment[1].valid_from"),
    ("no-employment-at-start", drop(*E, "employment", 0), "employees[0].employment"),
    ("time-kind", put(*E, "time", 0, "kind", value="lunch"), "employees[0].time[0].kind"),
    ("time-over-24", put(*E, "time", 1, "hours", value="18.75"), "employees[0].time[1].hours"),
    ("time-zero", put(*E, "time", 0, "hours", value="0"), "employees[0].time[0].hours"),
    ("time-before-start", put(*E, "time", 0, "date", value="2023-12-31"), "employees[0].time[0].date"),
    ("time-twice", put(*E, "time", 1, "kind", value="worked"), "employees[0].time[1].kind"),
    ("wage-month", put(*E, "wage_cost_months", 0, "month", value="2026-13"), "employees[0].wage_cost_months[0].month"),
    ("wage-negative", put(*E, "wage_costs", 0, "amount", value="-1"), "employees[0].wage_costs[0].amount"),
    ("unknown-key", put(*E, "salary", value="1"), "employees[0].salary"),
    ("in-coopdesk-1", put("format", value="coopdesk/1"), "employees"),
]  # fmt: skip


@pytest.mark.parametrize("mutate, field", [pytest.param(m, f, id=i) for i, m, f in CASES])
def test_a_broken_employee_is_refused_naming_the_path(
    db: Database, second_db: Database, actor: Actor, mutate: Mutation, field: str
) -> None:
    document = exported_with_staff(db)
    mutate(document)
    before = dump_rows(second_db)
    with pytest.raises(ValidationError) as caught, second_db.session() as s:
        import_document(s, document, actor=actor, today=TODAY)
    assert caught.value.field == field, caught.value.sv
    assert caught.value.sv.startswith(field)
    assert dump_rows(second_db) == before


def test_a_day_over_24_hours_in_the_file_says_the_computed_total_the_swedish_way(
    db: Database, second_db: Database, actor: Actor
) -> None:
    """6 worked + 18.75 vab: the sum is the program's (Swedish comma); the file's own value is not quoted."""
    document = exported_with_staff(db)
    put(*E, "time", 1, "hours", value="18.75")(document)
    with pytest.raises(ValidationError) as caught, second_db.session() as s:
        import_document(s, document, actor=actor, today=TODAY)
    assert caught.value.sv.endswith("Dagen 2026-05-04 får då 24,75 timmar, mer än 24.")
    assert caught.value.en.endswith("The day 2026-05-04 then has 24.75 hours, more than 24.")
