"""The employees' register extract and their gallring (docs/rules.md "Lönebidrag: register extract and
gallring").

The extract (GDPR art. 15) is everything coopdesk holds about one employee — the ``coopdesk/2`` entry
(employment, wage costs, decisions with steps, time reports) and the audit entries about them — as
``coopdesk-employee/1``, and is itself on the record.

Gallring: an employee's wage costs, time reports and subsidy decisions are the basis of a subsidy paid to
the cooperative, räkenskapsinformation that bokföringslagen (7 kap. 2 §) keeps until the end of the
seventh year after the calendar year they belong to. So a former employee is a candidate once the
employment has ended, every decision has ended, and seven whole calendar years have passed after the
year of the last of these and of the last time report. Gallring removes the employee and every row of
theirs (there are no statistics to keep: employees are in no statement), in one unit of work with one
audit entry that names no one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.employees import export_employees
from coopdesk.core.models import AuditEntry, TimeReport
from coopdesk.core.permissions import require_admin
from coopdesk.core.services import employees, lookups
from coopdesk.core.text import swedish_key

RECORD_FORMAT = "coopdesk-employee/1"
#: Bokföringslagen 7 kap. 2 §: to the end of the seventh year after the calendar year.
RETENTION_YEARS = 7
#: The audit log's entities that are about an employee (their summaries begin with the name).
ENTITIES = ("employee", "employment", "wage_cost", "subsidy_decision", "time_report")


@dataclass(frozen=True)
class EmployeeErasureCandidate:
    employee_id: int
    name: str
    last_day: dt.date  # the last of the employment's end, the decisions' ends and the time reports
    time_reports: int


def _json_or_text(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text  # an entry written as plain text: given as it stands


def kept_until(last_day: dt.date) -> dt.date:
    """The last day the employee's data must be kept: 31 December, seven years after ``last_day``'s year."""
    return dt.date(last_day.year + RETENTION_YEARS, 12, 31)


def erasure_candidates(session: Session, today: dt.date) -> list[EmployeeErasureCandidate]:
    """Former employees whose data no longer has to be kept on ``today`` (oldest first)."""
    last_reports = dict(
        session.execute(select(TimeReport.employee_id, func.max(TimeReport.day)).group_by(TimeReport.employee_id)).all()
    )
    counts = dict(session.execute(select(TimeReport.employee_id, func.count()).group_by(TimeReport.employee_id)).all())
    found = []
    for person in employees.employees(session):
        if person.end is None or person.end >= today:
            continue
        days = [person.end, *(d.end for d in person.subsidies)]
        if person.id in last_reports:
            days.append(last_reports[person.id])
        last = max(days)
        if kept_until(last) < today:
            found.append(EmployeeErasureCandidate(person.id, person.name, last, counts.get(person.id, 0)))
    return sorted(found, key=lambda c: (c.last_day, swedish_key(c.name), c.employee_id))


def erase_employees(session: Session, actor: audit.Actor, employee_ids: list[int], today: dt.date) -> list[int]:
    """Remove the given candidates and all their rows, all or none; one audit entry without names."""
    require_admin(actor, "gallra anställda", "erase employees")
    ids = sorted(set(employee_ids))
    if not ids:
        raise ValidationError("employee_ids", [], "Välj minst en anställd att gallra.", "Choose at least one employee.")
    allowed = {c.employee_id for c in erasure_candidates(session, today)}
    for employee_id in ids:
        if employee_id not in allowed:
            raise ValidationError(
                "employee_ids",
                employee_id,
                f"Den anställda {employee_id} kan inte gallras: anställningen eller ett beslut pågår, eller "
                f"uppgifterna ska sparas sju hela år efter det år de gäller. Ingenting gallrades.",
                f"Employee {employee_id} cannot be erased: the employment or a decision goes on, or the data "
                f"must be kept seven whole years after the year it belongs to. Nothing was erased.",
            )
    for employee_id in ids:
        session.delete(employees.employee(session, employee_id))  # its rows go with it (cascade)
    session.flush()
    word = "anställd" if len(ids) == 1 else "anställda"
    audit.record(
        session,
        actor,
        "erase",
        "employee",
        ids[0] if len(ids) == 1 else None,
        summary=f"Gallrade {len(ids)} {word} (uppgifter äldre än {RETENTION_YEARS} hela kalenderår)",
        new={"employee_ids": ids, "retention_years": RETENTION_YEARS},
    )
    return ids


def employee_record(session: Session, actor: audit.Actor, employee: int | str, *, file_name: str) -> dict[str, Any]:
    """Everything about one employee, for a subject-access request; the export is logged (an
    administrator's: the extract holds the personal number, wage costs and absences)."""
    require_admin(actor, "ta ut registerutdrag för anställda", "export an employee's record")
    person = (
        employees.employee(session, employee)
        if isinstance(employee, int)
        else employees.find_employee(session, employee)
    )
    entry = next(e for e in export_employees(session) if e["personal_number"] == person.personal_number)
    del entry["key"]  # the document's own key means nothing outside the document
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity.in_(ENTITIES),
            or_(
                (AuditEntry.entity == "employee") & (AuditEntry.entity_id == str(person.id)),
                AuditEntry.summary.startswith(person.name + " "),
                AuditEntry.summary == person.name,
            ),
        )
        .order_by(AuditEntry.id)
    )
    coop = lookups.cooperative(session)
    document = {
        "format": RECORD_FORMAT,
        "controller": {"name": coop.name, "org_number": coop.org_number, "address": coop.address},
        "employee": entry,
        "audit": [
            {
                "at": e.at.isoformat(timespec="seconds"),
                "user": e.actor,
                "action": e.action,
                "entity": e.entity,
                "summary": e.summary,
                "old": _json_or_text(e.old),
                "new": _json_or_text(e.new),
            }
            for e in entries
        ],
    }
    audit.record(
        session,
        actor,
        "export",
        "employee",
        person.id,
        summary=f"{person.name} registerutdrag till {file_name}",
        new={"file": file_name},
    )
    return document
