"""``coopdesk/2``'s ``employees`` (interchange.md §3): the employees with wage subsidy, their employment,
wage costs, subsidy decisions with steps, and time reports — exported, validated whole and written.

Kept apart from the rest of the document (exporter.py, validation.py, importer.py each call one function
here), so other additions to ``coopdesk/2`` do not meet these. The rules are the services' (domain.md
§10, docs/rules.md "Lönebidrag"): a file that the services would refuse one change of is refused whole,
naming the JSON path.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError, shown
from coopdesk.core.exchange import reader as r
from coopdesk.core.exchange.employee_rows import EmployeeRows
from coopdesk.core.exchange.parsed import optional_list, unique
from coopdesk.core.models import (
    TIME_KINDS,
    Base,
    Employee,
    EmploymentPeriod,
    SubsidyDecision,
    SubsidyStep,
    TimeReport,
    WageCost,
    WageCostMonth,
)
from coopdesk.core.numbers import fmt_hours_sv, normalized
from coopdesk.core.personal_number import normalize_personal_number
from coopdesk.core.rules import check_percent, check_period

MAX_DAY_HOURS = Decimal(24)
KEYS = ("key", "name", "personal_number", "start", "employment", "wage_costs")
OPTIONAL = ("end", "wage_cost_months", "subsidies", "time")

# --- export ------------------------------------------------------------------------------------


def export_employees(session: Session) -> list[dict[str, Any]]:
    """Every employee, in the order they were added (keys ``e1``, ``e2`` …), every list in a fixed order
    and every optional key written, so that export → import → export gives the same document."""
    people = session.scalars(
        select(Employee)
        .order_by(Employee.id)
        .options(
            selectinload(Employee.employment),
            selectinload(Employee.wage_costs),
            selectinload(Employee.wage_cost_months),
            selectinload(Employee.subsidies).selectinload(SubsidyDecision.steps),
        )
    )
    times: dict[int, list[dict[str, Any]]] = defaultdict(list)
    order = {kind: i for i, kind in enumerate(TIME_KINDS)}
    rows = session.execute(select(TimeReport.employee_id, TimeReport.day, TimeReport.kind, TimeReport.hours))
    for employee_id, day, kind, hours in sorted(rows, key=lambda t: (t[0], t[1], order[t[2]])):
        times[employee_id].append({"date": day.isoformat(), "kind": kind, "hours": normalized(hours)})
    return [
        {
            "key": f"e{index}",
            "name": person.name,
            "personal_number": person.personal_number,
            "start": person.start.isoformat(),
            "end": person.end.isoformat() if person.end else None,
            "employment": [
                {"valid_from": e.valid_from.isoformat(), "percent": e.percent}
                for e in sorted(person.employment, key=lambda e: e.valid_from)
            ],
            "wage_costs": [
                {"valid_from": w.valid_from.isoformat(), "amount": f"{w.amount:.2f}"}
                for w in sorted(person.wage_costs, key=lambda w: w.valid_from)
            ],
            "wage_cost_months": [
                {"month": w.month, "amount": f"{w.amount:.2f}"}
                for w in sorted(person.wage_cost_months, key=lambda w: w.month)
            ],
            "subsidies": [
                {
                    "ref": d.ref,
                    "kind": d.kind,
                    "start": d.start.isoformat(),
                    "end": d.end.isoformat(),
                    "ceiling": f"{d.ceiling:.2f}",
                    "steps": [
                        {"valid_from": s.valid_from.isoformat(), "percent": s.percent}
                        for s in sorted(d.steps, key=lambda s: s.valid_from)
                    ],
                }
                for d in sorted(person.subsidies, key=lambda d: d.start)
            ],
            "time": times.get(person.id, []),
        }
        for index, person in enumerate(people, start=1)
    ]


# --- validation --------------------------------------------------------------------------------


def _rule(path: str, check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except ValidationError as error:
        raise r.wrap(path, error) from None


def _inside(path: str, day: dt.date, first: dt.date, last: dt.date | None, sv: str, en: str) -> None:
    if day < first or (last is not None and day > last):
        until = last.isoformat() if last else "tills vidare"
        until_en = last.isoformat() if last else "until further notice"
        raise r.fail(path, day.isoformat(), f"{day} ligger utanför {sv} ({first} – {until}).",
                     f"{day} lies outside {en} ({first} – {until_en}).")  # fmt: skip


def validate_employees(value: Any, today: dt.date) -> EmployeeRows:
    """``employees`` of a ``coopdesk/2`` document (absent or null: none)."""
    rows = EmployeeRows()
    keys: set[str] = set()
    numbers: set[str] = set()
    for path, item in r.items(optional_list(value), "employees"):
        data = r.obj(item, path, KEYS, OPTIONAL)
        key = r.text(data["key"], f"{path}.key", 50)
        unique(keys, key, f"{path}.key", key, "Nyckeln", "The key")
        name = r.text(data["name"], f"{path}.name")
        number = _rule(
            f"{path}.personal_number",
            normalize_personal_number,
            r.expect(data["personal_number"], str, f"{path}.personal_number"),
            today,
        )
        unique(numbers, number, f"{path}.personal_number", number, "Personnumret", "The personal number")
        start = r.date(data["start"], f"{path}.start")
        end = r.date(data.get("end"), f"{path}.end", required=False)
        assert start is not None
        _rule(f"{path}.end", check_period, start, end, "end")
        employee_id = len(rows.employees) + 1
        rows.employees.append({"id": employee_id, "name": name, "personal_number": number, "start": start, "end": end})
        _employment(data["employment"], f"{path}.employment", employee_id, start, end, rows)
        _wage_costs(data, path, employee_id, rows)
        _decisions(optional_list(data.get("subsidies")), f"{path}.subsidies", employee_id, rows)
        _time(optional_list(data.get("time")), f"{path}.time", employee_id, start, end, rows)
    return rows


def _employment(
    value: Any, path: str, employee_id: int, start: dt.date, end: dt.date | None, rows: EmployeeRows
) -> None:
    seen: set[dt.date] = set()
    for item_path, item in r.items(value, path):
        entry = r.obj(item, item_path, ("valid_from", "percent"))
        day = r.date(entry["valid_from"], f"{item_path}.valid_from")
        assert day is not None
        _inside(f"{item_path}.valid_from", day, start, end, "anställningen", "the employment")
        unique(seen, day, f"{item_path}.valid_from", entry["valid_from"], "Datumet", "The date")
        percent = _rule(f"{item_path}.percent", check_percent, entry["percent"], "percent", "Sysselsättningsgraden",
                        "The employment percentage")  # fmt: skip
        rows.employment.append({"employee_id": employee_id, "valid_from": day, "percent": percent})
    if start not in seen:  # as the service keeps it: the first percentage holds from the first day
        raise r.fail(
            path,
            value,
            f"Sysselsättningsgraden måste anges från anställningens första dag, {start}.",
            f"The employment percentage must be given from the first day of employment, {start}.",
        )


def _wage_costs(data: dict[str, Any], path: str, employee_id: int, rows: EmployeeRows) -> None:
    seen: set[Any] = set()
    for item_path, item in r.items(data["wage_costs"], f"{path}.wage_costs"):
        entry = r.obj(item, item_path, ("valid_from", "amount"))
        day = r.date(entry["valid_from"], f"{item_path}.valid_from")
        unique(seen, day, f"{item_path}.valid_from", entry["valid_from"], "Datumet", "The date")
        amount = r.decimal(entry["amount"], f"{item_path}.amount")
        rows.wage_costs.append({"employee_id": employee_id, "valid_from": day, "amount": amount})
    seen = set()
    for item_path, item in r.items(optional_list(data.get("wage_cost_months")), f"{path}.wage_cost_months"):
        entry = r.obj(item, item_path, ("month", "amount"))
        text = r.text(entry["month"], f"{item_path}.month", 7)
        month = _rule(f"{item_path}.month", Month.parse, text)
        unique(seen, str(month), f"{item_path}.month", text, "Månaden", "The month")
        amount = r.decimal(entry["amount"], f"{item_path}.amount")
        rows.wage_cost_months.append({"employee_id": employee_id, "month": str(month), "amount": amount})


def _decisions(value: Any, path: str, employee_id: int, rows: EmployeeRows) -> None:
    refs: set[str] = set()
    spans: list[tuple[dt.date, dt.date, str]] = []
    for item_path, item in r.items(value, path):
        data = r.obj(item, item_path, ("ref", "kind", "start", "end", "ceiling", "steps"))
        ref = r.text(data["ref"], f"{item_path}.ref", 100)
        assert ref is not None
        unique(refs, ref.casefold(), f"{item_path}.ref", ref, "Beslutet", "The decision")
        kind = r.text(data["kind"], f"{item_path}.kind")
        start = r.date(data["start"], f"{item_path}.start")
        end = r.date(data["end"], f"{item_path}.end")
        assert start is not None and end is not None
        _rule(f"{item_path}.end", check_period, start, end, "end")
        for other_start, other_end, other_ref in spans:
            if other_start <= end and start <= other_end:
                raise r.fail(
                    f"{item_path}.start",
                    start.isoformat(),
                    f"Beslutet överlappar {shown(other_ref)} ({other_start} – {other_end}). En anställds beslut får "
                    "inte överlappa.",
                    f"The decision overlaps {shown(other_ref)} ({other_start} – {other_end}). One employee's "
                    "decisions must not overlap.",
                )
        spans.append((start, end, ref))
        ceiling = r.decimal(data["ceiling"], f"{item_path}.ceiling", positive=True)
        decision_id = len(rows.decisions) + 1
        rows.decisions.append(
            {"id": decision_id, "employee_id": employee_id, "ref": ref, "kind": kind, "start": start, "end": end,
             "ceiling": ceiling}
        )  # fmt: skip
        seen: set[dt.date] = set()
        for step_path, step in r.items(data["steps"], f"{item_path}.steps"):
            entry = r.obj(step, step_path, ("valid_from", "percent"))
            day = r.date(entry["valid_from"], f"{step_path}.valid_from")
            assert day is not None
            _inside(f"{step_path}.valid_from", day, start, end, "beslutet", "the decision")
            unique(seen, day, f"{step_path}.valid_from", entry["valid_from"], "Steget", "The step")
            percent = _rule(f"{step_path}.percent", check_percent, entry["percent"], "percent", "Bidragsnivån",
                            "The subsidy percentage")  # fmt: skip
            rows.steps.append({"decision_id": decision_id, "valid_from": day, "percent": percent})
        if start not in seen:  # the service begins every decision with its first step
            raise r.fail(
                f"{item_path}.steps",
                data["steps"],
                f"Beslutet måste ha ett steg från sin första dag, {start}.",
                f"The decision must have a step from its first day, {start}.",
            )


def _time(value: Any, path: str, employee_id: int, start: dt.date, end: dt.date | None, rows: EmployeeRows) -> None:
    seen: set[tuple[dt.date, str]] = set()
    per_day: dict[dt.date, Decimal] = defaultdict(Decimal)
    for item_path, item in r.items(value, path):
        entry = r.obj(item, item_path, ("date", "kind", "hours"))
        day = r.date(entry["date"], f"{item_path}.date")
        assert day is not None
        _inside(f"{item_path}.date", day, start, end, "anställningen", "the employment")
        kind = r.expect(entry["kind"], str, f"{item_path}.kind")
        if kind not in TIME_KINDS:
            raise r.fail(
                f"{item_path}.kind",
                kind,
                f"Tidsslaget {shown(kind)} finns inte. Välj ett av: {', '.join(TIME_KINDS)}.",
                f"The kind of time {shown(kind)} does not exist. Choose one of: {', '.join(TIME_KINDS)}.",
            )
        unique(seen, (day, kind), f"{item_path}.kind", kind, f"Tidsslaget {day}", f"The kind of time on {day}")
        hours = r.decimal(entry["hours"], f"{item_path}.hours", positive=True, maximum=MAX_DAY_HOURS)
        per_day[day] += hours
        if per_day[day] > MAX_DAY_HOURS:
            raise r.fail(
                f"{item_path}.hours",
                entry["hours"],
                f"Dagen {day} får då {fmt_hours_sv(per_day[day])} timmar, mer än 24.",
                f"The day {day} then has {normalized(per_day[day])} hours, more than 24.",
            )
        rows.time.append({"employee_id": employee_id, "day": day, "kind": kind, "hours": hours})


# --- writing -----------------------------------------------------------------------------------

#: The tables in dependency order (the importer advances their id sequences on PostgreSQL).
MODELS: tuple[type[Base], ...] = (
    Employee,
    EmploymentPeriod,
    WageCost,
    WageCostMonth,
    SubsidyDecision,
    SubsidyStep,
    TimeReport,
)


def write_employees(session: Session, rows: EmployeeRows) -> None:
    """Bulk inserts, as the rest of the import (time reports of attested months too: an import into an
    empty database takes locked data as it is)."""
    batches = (
        rows.employees,
        rows.employment,
        rows.wage_costs,
        rows.wage_cost_months,
        rows.decisions,
        rows.steps,
        rows.time,
    )
    for model, batch in zip(MODELS, batches, strict=True):
        for first in range(0, len(batch), 20_000):
            session.execute(insert(Base.metadata.tables[model.__tablename__]), batch[first : first + 20_000])
