"""``coopdesk import``: read a ``coopdesk/1`` or ``coopdesk/2`` document into an empty database, all or nothing.

The whole document is validated in memory first (exchange/validation.py), with the same rules the
services apply to a single change, and only then written with bulk inserts in one transaction. So
an error leaves the database exactly as it was, and a 500,000-record import stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange import social_part
from coopdesk.core.exchange.employees import MODELS as EMPLOYEE_MODELS
from coopdesk.core.exchange.employees import write_employees
from coopdesk.core.exchange.issued_part import write_part as write_issued_part
from coopdesk.core.exchange.validation import Parsed, validate
from coopdesk.core.models import (
    HISTORY_START,
    Attendance,
    AttendanceHours,
    Base,
    CapacityPeriod,
    ClosureDay,
    Cooperative,
    District,
    Employee,
    Member,
    MonthLock,
    Placement,
    SettingsPeriod,
    Supervisor,
    SupervisorFte,
    SupervisorHours,
    Tariff,
    TariffBand,
    WorkArea,
)
from coopdesk.core.permissions import require_admin

__all__ = ["ImportSummary", "database_is_empty", "import_document", "validate"]


@dataclass
class ImportSummary:
    members: int = 0
    districts: int = 0
    supervisors: int = 0
    attendance: int = 0
    supervisor_hours: int = 0
    month_locks: int = 0
    employees: int = 0
    documentation: int = 0  # plan versions, journal entries and deviations (exchange/social_part.py)

    def describe_sv(self) -> str:
        return (
            f"{self.members} medlemmar, {self.districts} beställare, {self.supervisors} handledare, "
            f"{self.attendance} närvaroposter, {self.supervisor_hours} handledartidsposter, "
            f"{self.month_locks} attesterade månader"
            + (f", {self.employees} anställda" if self.employees else "")
            + (f", {self.documentation} planer, journalanteckningar och avvikelser" if self.documentation else "")
        )

    def describe_en(self) -> str:
        return (
            f"{self.members} members, {self.districts} districts, {self.supervisors} supervisors, "
            f"{self.attendance} attendance records, {self.supervisor_hours} supervisor hour entries, "
            f"{self.month_locks} attested months"
            + (f", {self.employees} employees" if self.employees else "")
            + (f", {self.documentation} plans, journal entries and deviations" if self.documentation else "")
        )


def database_is_empty(session: Session) -> bool:
    for model in (
        Cooperative,
        SettingsPeriod,
        WorkArea,
        District,
        Member,
        Supervisor,
        Attendance,
        SupervisorHours,
        Employee,
    ):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


def import_document(
    session: Session,
    document: Any,
    *,
    actor: audit.Actor,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Validate ``document`` whole, then write it. Raises ValidationError and changes nothing."""
    require_admin(actor, "importera", "import")
    if not database_is_empty(session):
        raise ValidationError(
            "database",
            None,
            "Databasen innehåller redan uppgifter. Import görs bara till en tom databas; "
            "skapa en ny med 'coopdesk --db NY.db init'.",
            "The database already holds data. Import only goes into an empty database; "
            "create a new one with 'coopdesk --db NEW.db init'.",
        )
    note = progress or (lambda _step: None)
    note("validate")
    parsed = validate(document, today or dt.date.today())
    social = social_part.check_part(document, parsed)
    note("write")
    _write(session, parsed)
    documentation = social_part.write_part(session, social)  # after the members and placements it names
    summary = ImportSummary(
        members=len(parsed.members),
        districts=len(parsed.districts),
        supervisors=len(parsed.supervisors),
        attendance=len(parsed.attendance),
        supervisor_hours=len(parsed.supervisor_hours),
        month_locks=len(parsed.month_locks),
        employees=len(parsed.employees.employees) if parsed.employees else 0,
        documentation=documentation,
    )
    audit.record(session, actor, "import", "database", summary=f"Import: {summary.describe_sv()}")
    return summary


def _write(session: Session, parsed: Parsed) -> None:
    """Bulk inserts in dependency order; month locks last (interchange.md)."""
    work_areas = [{"id": i, "name": n} for n, i in parsed.work_areas.items()]
    # coopdesk/1 has one full-time week, opening weekdays, host district and FTE per supervisor: each
    # becomes a history's first entry, valid from the start (docs/rules.md, "Dated settings").
    cooperative = dict(parsed.cooperative)
    work_week = {
        "valid_from": HISTORY_START,
        "full_time_hours_per_week": cooperative.pop("full_time_hours_per_week"),
        "opening_weekdays": cooperative.pop("opening_weekdays"),
        "host_district_id": cooperative.pop("host_district_id"),
    }
    supervisors = [{"id": s["id"], "name": s["name"]} for s in parsed.supervisors]
    ftes = [
        {"supervisor_id": s["id"], "valid_from": HISTORY_START, "fte_percent": s["fte_percent"]}
        for s in parsed.supervisors
    ]
    steps: list[tuple[type[Base], list[dict[str, Any]]]] = [
        (WorkArea, work_areas),
        (District, parsed.districts),
        (Tariff, parsed.tariffs),
        (TariffBand, parsed.bands),
        (Cooperative, [cooperative]),
        (SettingsPeriod, [work_week]),
        (ClosureDay, [{"day": d} for d in parsed.closure_days]),
        (Member, parsed.members),
        (Placement, parsed.placements),
        (CapacityPeriod, parsed.capacities),
        (Supervisor, supervisors),
        (SupervisorFte, ftes),
        (Attendance, parsed.attendance),
        (AttendanceHours, parsed.attendance_hours),
        (SupervisorHours, parsed.supervisor_hours),
        (MonthLock, parsed.month_locks),
    ]
    for model, rows in steps:
        for start in range(0, len(rows), 20_000):
            # Core inserts on the table: the ORM's bulk bookkeeping would double the write time.
            session.execute(insert(_table(model)), rows[start : start + 20_000])
    if parsed.employees is not None:
        write_employees(session, parsed.employees)
    write_issued_part(session, parsed.issued)
    _advance_id_sequences(session, [model for model, _rows in steps] + list(EMPLOYEE_MODELS))
    session.flush()


def _table(model: type[Base]) -> Table:
    """The model's table (``__table__`` is typed as any FromClause, which insert() does not take)."""
    return Base.metadata.tables[model.__tablename__]


def _advance_id_sequences(session: Session, models: list[type[Base]]) -> None:
    """The rows came with their ids. PostgreSQL hands out new ids from a sequence per table, which
    explicit ids do not move: set each past the highest id, or the next new row would collide.
    (SQLite takes the next id from the table itself.)"""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = _table(model)
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
