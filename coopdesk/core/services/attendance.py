"""Registering members' attendance, one day at a time (domain.md §3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from coopdesk.core import audit, conflicts
from coopdesk.core.models import Attendance, AttendanceHours, WorkArea
from coopdesk.core.rules import check_day
from coopdesk.core.services import lookups
from coopdesk.core.services.locks import ensure_unlocked


def _snapshot(record: Attendance | None, areas: Mapping[int, str]) -> dict[str, object] | None:
    if record is None:
        return None
    return {
        "status": record.status,
        "hours": {areas[h.work_area_id]: str(h.hours) for h in record.hours},
    }


def find(session: Session, member_id: int, day: dt.date) -> Attendance | None:
    return session.scalar(select(Attendance).where(Attendance.member_id == member_id, Attendance.day == day))


def register(
    session: Session,
    actor: audit.Actor,
    member_id: int,
    day: dt.date,
    status: str,
    hours: Mapping[int, Decimal | str] | None = None,
    *,
    today: dt.date | None = None,
    expected_version: int | None = None,
) -> Attendance:
    """Set a member's attendance on ``day`` (replacing any earlier record of that day).

    ``hours`` maps work area ids to hours; only ``present`` carries hours. ``expected_version`` is the
    version of the record the user saw (0: no record); if another PC has changed the day since, a
    :class:`ConflictError` names who and when, and nothing changes — unless the stored record already
    says exactly what this change says (two PCs marking the same member the same way agree).
    """
    member = lookups.member(session, member_id)
    areas = {a.id: a.name for a in session.scalars(select(WorkArea))}
    plans = lookups.member_plans(session, [member_id])
    plan = lookups.work_plan(session, day, day)
    parsed = check_day(
        member_name=member.name,
        day=day,
        status=status,
        hours=hours or {},
        area_names=areas,
        placement_active=plans[member_id].placement_on(day) is not None,
        planned=plan.planned_hours(plans[member_id], day),
        today=today or dt.date.today(),
    )
    ensure_unlocked(session, day, day)

    record = find(session, member_id, day)
    old = _snapshot(record, areas)
    about = {"subject": f"{member.name} {day}", "member_id": member_id, "day": day}
    if expected_version is not None and (record.version if record else 0) != expected_version:
        if record is not None and (record.status, {h.work_area_id: h.hours for h in record.hours}) == (status, parsed):
            return record  # the other PC registered just this: nothing to do, nothing to tell
        conflicts.check(session, record, expected_version, "attendance", **about)
    if record is not None and (record.status, {h.work_area_id: h.hours for h in record.hours}) == (status, parsed):
        return record  # saved as it stood: no new version, no entry that changes nothing
    if record is None:
        record = Attendance(member_id=member_id, day=day, status=status)
        session.add(record)
    record.status = status
    record.hours = [AttendanceHours(work_area_id=a, hours=h) for a, h in sorted(parsed.items())]
    flag_modified(record, "status")  # a new version even when only the hours changed
    conflicts.flush(session, "attendance", **about)
    audit.record(
        session,
        actor,
        "update" if old else "create",
        "attendance",
        record.id,
        summary=f"{member.name} {day}",
        old=old,
        new=_snapshot(record, areas),
        member_id=member.id,
    )
    return record


def clear(
    session: Session, actor: audit.Actor, member_id: int, day: dt.date, *, expected_version: int | None = None
) -> bool:
    """Remove a member's record of ``day`` (the day becomes unregistered). False if there was none.

    With ``expected_version``, a record another PC has changed since is not removed (ConflictError);
    one another PC has already removed is simply gone, as the user wanted.
    """
    member = lookups.member(session, member_id)
    record = find(session, member_id, day)
    if record is None:
        return False
    about = {"subject": f"{member.name} {day}", "member_id": member_id, "day": day}
    conflicts.check(session, record, expected_version, "attendance", **about)
    ensure_unlocked(session, day, day)
    areas = {a.id: a.name for a in session.scalars(select(WorkArea))}
    audit.record(
        session,
        actor,
        "delete",
        "attendance",
        record.id,
        summary=f"{member.name} {day}",
        old=_snapshot(record, areas),
        member_id=member.id,
    )
    session.delete(record)
    conflicts.flush(session, "attendance", **about)
    return True
