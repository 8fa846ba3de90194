"""A plan without problems, written: members, placements and capacity periods through the same services
as a single change (each audited), the attendance as records with an audit entry each, and one entry
that names the file. The caller owns the transaction: all of it is committed, or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import Attendance, AttendanceHours, Member, WorkArea
from coopdesk.core.services import members as member_services
from coopdesk.core.services.locks import ensure_days_unlocked
from coopdesk.core.sheets.plan import ImportPlan

#: Progress is told this often (records), so a worker can show it without slowing the write.
PROGRESS_EVERY = 200


class SheetImportRefused(ValidationError):
    """The plan has problems: nothing is written. ``problems`` lists them all."""

    def __init__(self, plan: ImportPlan) -> None:
        self.problems = list(plan.problems)
        first = "\n".join(p.line("sv") for p in self.problems[:20])
        first_en = "\n".join(p.line("en") for p in self.problems[:20])
        more = f"\n… och {len(self.problems) - 20} till" if len(self.problems) > 20 else ""
        more_en = f"\n… and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(
            "file",
            plan.file_name,
            f"{plan.file_name} har {len(self.problems)} fel; inget importerades.\n{first}{more}",
            f"{plan.file_name} has {len(self.problems)} problems; nothing was imported.\n{first_en}{more_en}",
        )


@dataclass(frozen=True)
class SheetImportResult:
    members: int
    placements: int
    capacities: int
    days: int
    member_ids: tuple[int, ...]

    @property
    def nothing_new(self) -> bool:
        return not (self.members or self.placements or self.capacities or self.days)


def apply_plan(
    session: Session,
    actor: audit.Actor,
    plan: ImportPlan,
    *,
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> SheetImportResult:
    """Write ``plan``; refuses (SheetImportRefused) while it has a problem."""
    if plan.problems:
        raise SheetImportRefused(plan)
    tell = progress or (lambda _done, _total: None)
    total = len(plan.members) + len(plan.placements) + len(plan.capacities) + len(plan.days)
    done = 0
    ids: dict[str, int] = {}
    for new in plan.members:
        member = member_services.add_member(
            session, actor, new.name, new.personal_number, primary_work_area_id=new.work_area_id, today=today
        )
        ids[new.personal_number] = member.id
        done += 1
    known = _known_ids(session, plan, ids)
    for placement in plan.placements:
        member_services.add_placement(
            session,
            actor,
            known[placement.personal_number],
            placement.district_id,
            placement.decision_ref,
            placement.start,
            placement.end,
            case_worker=placement.case_worker,
            case_worker_phone=placement.case_worker_phone,
            case_worker_email=placement.case_worker_email,
        )
        done += 1
    for capacity in plan.capacities:
        member_services.add_capacity_period(
            session, actor, known[capacity.personal_number], capacity.valid_from, capacity.percent, capacity.weekdays
        )
        done += 1
    tell(done, total)
    ensure_days_unlocked(session, {d.day for d in plan.days})
    areas = {a.id: a.name for a in session.scalars(select(WorkArea))}
    records: list[tuple[Attendance, str]] = []
    for n, day in enumerate(plan.days, start=1):
        record = Attendance(member_id=known[day.personal_number], day=day.day, status=day.status)
        record.hours = [AttendanceHours(work_area_id=a, hours=h) for a, h in sorted(day.hours.items())]
        session.add(record)
        records.append((record, plan.names[day.personal_number]))
        if n % PROGRESS_EVERY == 0:
            session.flush()
            tell(done + n, total)
    session.flush()  # the records' ids, for their audit entries
    for record, name in records:
        audit.record(
            session,
            actor,
            "create",
            "attendance",
            record.id,
            summary=f"{name} {record.day}",
            new=_snapshot(record, areas),
            member_id=record.member_id,
        )
    result = SheetImportResult(
        len(plan.members),
        len(plan.placements),
        len(plan.capacities),
        len(plan.days),
        tuple(sorted(set(known.values()))),
    )
    if not result.nothing_new:
        audit.record(
            session,
            actor,
            "import",
            "spreadsheet",
            summary=f"Import från kalkylblad {plan.file_name}: {result.members} medlemmar, {result.placements} beslut, "
            f"{result.capacities} omfattningar, {result.days} närvarodagar",
            new={
                "file": plan.file_name,
                "members": result.members,
                "placements": result.placements,
                "capacities": result.capacities,
                "attendance": result.days,
            },
        )
    session.flush()
    tell(total, total)
    return result


def _known_ids(session: Session, plan: ImportPlan, new: dict[str, int]) -> dict[str, int]:
    """Member ids by personal number: the new members' and those already in the database."""
    wanted = {p.personal_number for p in plan.placements} | {c.personal_number for c in plan.capacities}
    wanted |= {d.personal_number for d in plan.days}
    missing = wanted - set(new)
    ids = dict(new)
    if missing:
        for member_id, number in session.execute(
            select(Member.id, Member.personal_number).where(Member.personal_number.in_(missing))
        ):
            if number is not None:
                ids[number] = member_id
    return ids


def _snapshot(record: Attendance, areas: dict[int, str]) -> dict[str, object]:
    """A record as its audit entry shows it: the same shape as a registration's (services/attendance.py)."""
    return {"status": record.status, "hours": {areas[h.work_area_id]: str(h.hours) for h in record.hours}}
