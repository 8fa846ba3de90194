"""Employees with wage subsidy (domain.md §10): the commands that change them and the read models of
Anställda, of the request basis and of the outlook. The GUI and ``coopdesk employee``/``coopdesk subsidy``
run these same commands: one write path.

An employee is named by id (the GUI) or, from the command line, by name or personal number, resolved in
the command's own transaction. A command hands back plain data (never a row of the ORM), so the caller
can say what was done after the Session has closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import EllipsisType
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import select

from coopdesk.app.application import Command, Query, Work
from coopdesk.core.calendar import Month
from coopdesk.core.models import TIME_KINDS, Employee, SubsidyDecision, TimeReport
from coopdesk.core.services import employees as services
from coopdesk.core.services import employees_privacy as privacy
from coopdesk.core.services import (
    employees_todo,  # noqa: F401  (registers the Att göra source)
    locks,
    lookups,
)
from coopdesk.core.services.employees_privacy import EmployeeErasureCandidate
from coopdesk.core.subsidy import SubsidyChange, SubsidyMonth, in_force, subsidy_changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ADMIN = ("ändra anställda, lönekostnader och lönebidragsbeslut", "change employees, wage costs and subsidies")
KINDS: frozenset[str] = frozenset({"employees"})

#: An employee as a command is given it: the id, or a name or personal number (the command line).
EmployeeRef = int | str


def _employee(session: Session, ref: EmployeeRef) -> Employee:
    if isinstance(ref, int) and not isinstance(ref, bool):
        return services.employee(session, ref)
    return services.find_employee(session, str(ref))


# --- read models -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    """The cooperative as the printed documents' running head shows it."""

    name: str | None
    org_number: str | None


def letterhead(session: Session) -> Letterhead:
    coop = lookups.cooperative(session)
    return Letterhead(coop.name, coop.org_number)


@dataclass(frozen=True)
class StepItem:
    valid_from: dt.date
    percent: int


@dataclass(frozen=True)
class DecisionItem:
    id: int
    ref: str
    kind: str
    start: dt.date
    end: dt.date
    ceiling: Decimal
    steps: tuple[StepItem, ...]
    version: int = 1

    def percent_on(self, day: dt.date) -> int | None:
        if not self.start <= day <= self.end:
            return None
        return in_force([(s.valid_from, s.percent) for s in self.steps], day)


@dataclass(frozen=True)
class EmployeeDetails:
    """One employee whole: what Anställda's details show and ``coopdesk employee list`` prints."""

    id: int
    name: str
    personal_number: str
    start: dt.date
    end: dt.date | None
    employment: tuple[tuple[dt.date, int], ...]  # (valid-from, percent), oldest first
    wage_costs: tuple[tuple[dt.date, Decimal], ...]  # the standing amount from a date, oldest first
    wage_cost_months: tuple[tuple[str, Decimal], ...]  # a month's own amount ("2026-05"), oldest first
    decisions: tuple[DecisionItem, ...]  # by start
    version: int = 1

    def employed_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def percent_on(self, day: dt.date) -> int | None:
        return in_force(self.employment, day) if self.employed_on(day) else None

    def wage_cost_on(self, day: dt.date) -> Decimal | None:
        return in_force(self.wage_costs, day)

    def decision_on(self, day: dt.date) -> DecisionItem | None:
        return next((d for d in self.decisions if d.start <= day <= d.end), None)


def details_of(person: Employee) -> EmployeeDetails:
    return EmployeeDetails(
        id=person.id,
        name=person.name,
        personal_number=person.personal_number,
        start=person.start,
        end=person.end,
        employment=tuple(sorted((e.valid_from, e.percent) for e in person.employment)),
        wage_costs=tuple(sorted((w.valid_from, w.amount) for w in person.wage_costs)),
        wage_cost_months=tuple(sorted((w.month, w.amount) for w in person.wage_cost_months)),
        decisions=tuple(decision_item(d) for d in sorted(person.subsidies, key=lambda d: d.start)),
        version=person.version,
    )


def decision_item(decision: SubsidyDecision) -> DecisionItem:
    return DecisionItem(
        id=decision.id,
        ref=decision.ref,
        kind=decision.kind,
        start=decision.start,
        end=decision.end,
        ceiling=decision.ceiling,
        steps=tuple(StepItem(s.valid_from, s.percent) for s in sorted(decision.steps, key=lambda s: s.valid_from)),
        version=decision.version,
    )


class EmployeeList(Query[list[EmployeeDetails]]):
    """Every employee whole, in Swedish alphabetical order."""

    def run(self, session: Session, today: dt.date) -> list[EmployeeDetails]:
        return [details_of(person) for person in services.employees(session)]


class EmployeeView(Query[EmployeeDetails | None]):
    """One employee (None: gone)."""

    def __init__(self, employee_id: int) -> None:
        self.employee_id = employee_id

    def run(self, session: Session, today: dt.date) -> EmployeeDetails | None:
        person = session.get(Employee, self.employee_id)
        return None if person is None else details_of(person)


@dataclass(frozen=True)
class TimeCell:
    hours: Decimal
    version: int


@dataclass(frozen=True)
class TimeMonth:
    """An employee's time report of a month: the hours by (day, kind), whether the month is attested
    (locked, with by whom), and the employee's period (days outside it cannot be reported)."""

    employee: EmployeeDetails
    month: Month
    cells: dict[tuple[dt.date, str], TimeCell]
    locked_by: str | None = None

    @property
    def locked(self) -> bool:
        return self.locked_by is not None

    def hours(self, day: dt.date, kind: str) -> Decimal:
        cell = self.cells.get((day, kind))
        return cell.hours if cell else Decimal(0)

    def totals(self) -> dict[str, Decimal]:
        totals = dict.fromkeys(TIME_KINDS, Decimal("0.00"))
        for (_day, kind), cell in self.cells.items():
            totals[kind] += cell.hours
        return totals


def time_month(session: Session, employee_id: int, month: Month) -> TimeMonth:
    person = services.employee(session, employee_id)
    cells = {(r.day, r.kind): TimeCell(r.hours, r.version) for r in services.time_entries(session, employee_id, month)}
    lock = locks.lock_of(session, month)
    return TimeMonth(details_of(person), month, cells, lock.attested_by if lock else None)


class TimeMonthView(Query[TimeMonth]):
    def __init__(self, employee_id: int, month: Month) -> None:
        self.employee_id = employee_id
        self.month = month

    def run(self, session: Session, today: dt.date) -> TimeMonth:
        return time_month(session, self.employee_id, self.month)


@dataclass(frozen=True)
class TimeEntry:
    day: dt.date
    kind: str
    hours: Decimal


@dataclass(frozen=True)
class TimeReportData:
    """What the printed time report needs (reports/time_report_pdf.py)."""

    cooperative: Letterhead
    employee: EmployeeDetails
    month: Month
    entries: tuple[TimeEntry, ...]


class TimeReportView(Query[TimeReportData]):
    """An employee's month for the printed time report (the employee by id, name or personal number)."""

    def __init__(self, employee: EmployeeRef, month: Month) -> None:
        self.employee = employee
        self.month = month

    def run(self, session: Session, today: dt.date) -> TimeReportData:
        person = _employee(session, self.employee)
        entries = tuple(
            TimeEntry(r.day, r.kind, r.hours) for r in services.time_entries(session, person.id, self.month)
        )
        return TimeReportData(letterhead(session), details_of(person), self.month, entries)


@dataclass(frozen=True)
class SubsidyBasis:
    """The request basis of a month, or the outlook: the months, and for a month's basis the time report
    summary of every employee (by personal number)."""

    cooperative: Letterhead
    months: tuple[SubsidyMonth, ...]
    summaries: dict[str, dict[str, Decimal]]
    outlook: bool
    changes: tuple[SubsidyChange, ...] = ()  # the outlook's steps and ends, by day


class SubsidyMonthView(Query[SubsidyBasis]):
    """The month's request basis (rekvisitionsunderlag), with each employee's time report summary."""

    def __init__(self, month: Month) -> None:
        self.month = month

    def run(self, session: Session, today: dt.date) -> SubsidyBasis:
        summaries = {
            person.personal_number: services.time_summary(services.time_entries(session, person.id, self.month))
            for person in services.employees(session)
        }
        month = services.month_request(session, self.month)
        return SubsidyBasis(letterhead(session), (month,), summaries, outlook=False)


class SubsidyOutlookView(Query[SubsidyBasis]):
    """``count`` months from ``first`` (None: next month), from the standing wage costs and the steps."""

    def __init__(self, count: int, first: Month | None = None) -> None:
        self.count = count
        self.first = first

    def run(self, session: Session, today: dt.date) -> SubsidyBasis:
        first = self.first or Month.of(today).next()
        months = tuple(services.subsidy_outlook(session, first, self.count))
        changes = subsidy_changes(services.all_terms(session), first.first, months[-1].month.last)
        return SubsidyBasis(letterhead(session), months, {}, outlook=True, changes=tuple(changes))


# --- commands: employees, employment, wage costs (administrator) -------------------------------


class AddEmployee(Command[EmployeeDetails]):
    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self,
        name: str,
        personal_number: str,
        start: dt.date,
        *,
        percent: int | str = 100,
        end: dt.date | None = None,
    ) -> None:
        self.name, self.personal_number, self.start = name, personal_number, start
        self.percent, self.end = percent, end

    def run(self, work: Work) -> EmployeeDetails:
        person = services.add_employee(
            work.session,
            work.actor,
            self.name,
            self.personal_number,
            self.start,
            percent=self.percent,  # type: ignore[arg-type]  # a text is refused by the service, naming the field
            end=self.end,
            today=work.today,
        )
        return details_of(person)


class UpdateEmployee(Command[EmployeeDetails]):
    """The name, or the last day of employment (None: until further notice; ``...``: unchanged)."""

    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self,
        employee: EmployeeRef,
        *,
        name: str | None = None,
        end: dt.date | EllipsisType | None = ...,
        expected_version: int | None = None,
    ) -> None:
        self.employee, self.name, self.end, self.expected_version = employee, name, end, expected_version

    def run(self, work: Work) -> EmployeeDetails:
        person = _employee(work.session, self.employee)
        services.update_employee(
            work.session, work.actor, person.id, name=self.name, end=self.end, expected_version=self.expected_version
        )
        return details_of(person)


class SetEmployment(Command[EmployeeDetails]):
    """The employment percentage from ``valid_from`` until the next dated entry."""

    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self, employee: EmployeeRef, percent: int | str, valid_from: dt.date, expected_version: int | None = None
    ) -> None:
        self.employee, self.percent, self.valid_from = employee, percent, valid_from
        self.expected_version = expected_version

    def run(self, work: Work) -> EmployeeDetails:
        person = _employee(work.session, self.employee)
        services.set_employment(
            work.session,
            work.actor,
            person.id,
            self.percent,  # type: ignore[arg-type]  # refused by the service unless 1-100
            self.valid_from,
            expected_version=self.expected_version,
        )
        return details_of(person)


class SetWageCost(Command[EmployeeDetails]):
    """The standing monthly wage cost from ``valid_from``, or (with ``month``) one month's own amount."""

    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self,
        employee: EmployeeRef,
        amount: Decimal | str,
        *,
        valid_from: dt.date | None = None,
        month: Month | None = None,
    ) -> None:
        self.employee, self.amount, self.valid_from, self.month = employee, amount, valid_from, month

    def run(self, work: Work) -> EmployeeDetails:
        person = _employee(work.session, self.employee)
        services.set_wage_cost(
            work.session, work.actor, person.id, self.amount, valid_from=self.valid_from, month=self.month
        )
        return details_of(person)


# --- commands: decisions and steps (administrator) ---------------------------------------------


class AddDecision(Command[EmployeeDetails]):
    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self,
        employee: EmployeeRef,
        ref: str,
        kind: str,
        start: dt.date,
        end: dt.date,
        ceiling: Decimal | str,
        percent: int | str,
    ) -> None:
        self.employee, self.ref, self.kind = employee, ref, kind
        self.start, self.end, self.ceiling, self.percent = start, end, ceiling, percent

    def run(self, work: Work) -> EmployeeDetails:
        person = _employee(work.session, self.employee)
        services.add_decision(
            work.session,
            work.actor,
            person.id,
            self.ref,
            self.kind,
            self.start,
            self.end,
            self.ceiling,
            self.percent,  # type: ignore[arg-type]  # refused by the service unless 1-100
        )
        return details_of(person)


class AddStep(Command[EmployeeDetails]):
    """A step of a decision (by id, or by its reference with the employee): the share from ``valid_from``."""

    kinds: ClassVar[frozenset[str]] = KINDS
    admin_only: ClassVar[tuple[str, str] | None] = ADMIN

    def __init__(
        self,
        employee: EmployeeRef,
        decision: int | str,
        valid_from: dt.date,
        percent: int | str,
        expected_version: int | None = None,
    ) -> None:
        self.employee, self.decision, self.valid_from, self.percent = employee, decision, valid_from, percent
        self.expected_version = expected_version

    def run(self, work: Work) -> EmployeeDetails:
        person = _employee(work.session, self.employee)
        if isinstance(self.decision, int):
            decision_id = self.decision
        else:
            decision_id = services.find_decision(work.session, person.id, self.decision).id
        services.add_step(
            work.session,
            work.actor,
            decision_id,
            self.valid_from,
            self.percent,  # type: ignore[arg-type]  # refused by the service unless 1-100
            expected_version=self.expected_version,
        )
        return details_of(person)


# --- command: the time report (anyone logged in) -----------------------------------------------


@dataclass(frozen=True)
class TimeChange:
    """One employee's hours of one kind on one day (0: none). ``expected`` is the version the user saw
    (0: no entry; None: don't check)."""

    employee: EmployeeRef
    day: dt.date
    kind: str
    hours: Decimal | str
    expected: int | None = None


@dataclass(frozen=True)
class TimeDone:
    """A time entry set: the hours before and after and the entry's new version (0: no entry now)."""

    employee_id: int
    name: str
    day: dt.date
    kind: str
    old: Decimal
    new: Decimal
    version: int


class SetTimes(Command[list[TimeDone]]):
    """Several time entries in one unit of work: all saved, or (one refused) none."""

    kinds: ClassVar[frozenset[str]] = KINDS

    def __init__(self, changes: Sequence[TimeChange]) -> None:
        self.changes = list(changes)

    def run(self, work: Work) -> list[TimeDone]:
        done = []
        for change in self.changes:
            person = _employee(work.session, change.employee)
            services.check_kind(change.kind)
            old = work.session.scalar(
                select(TimeReport.hours).where(
                    TimeReport.employee_id == person.id, TimeReport.day == change.day, TimeReport.kind == change.kind
                )
            )
            record = services.set_time(
                work.session,
                work.actor,
                person.id,
                change.day,
                change.kind,
                change.hours,
                expected_version=change.expected,
                today=work.today,
            )
            new = record.hours if record is not None else Decimal(0)
            version = record.version if record is not None else 0
            done.append(TimeDone(person.id, person.name, change.day, change.kind, old or Decimal(0), new, version))
            work.touched_month(Month.of(change.day))
        work.touched("employees")
        return done


# --- gallring and the register extract (administrator) -----------------------------------------


class ErasableEmployees(Query[list[EmployeeErasureCandidate]]):
    """Former employees whose data no longer has to be kept (bokföringslagen: seven whole years)."""

    def run(self, session: Session, today: dt.date) -> list[EmployeeErasureCandidate]:
        return privacy.erasure_candidates(session, today)


class EraseEmployees(Command[list[int]]):
    """Remove former employees and all their rows, all or none (each checked again as a candidate)."""

    kinds: ClassVar[frozenset[str]] = frozenset({"employees", "audit"})
    admin_only: ClassVar[tuple[str, str] | None] = ("gallra anställda", "erase employees")

    def __init__(self, employee_ids: Sequence[int]) -> None:
        self.employee_ids = list(employee_ids)

    def run(self, work: Work) -> list[int]:
        return privacy.erase_employees(work.session, work.actor, self.employee_ids, work.today)
