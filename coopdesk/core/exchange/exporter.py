"""``coopdesk export``: the whole database as one ``coopdesk/2`` document (``coopdesk/1`` plus
the keys of version 2: ``end_reason`` on a placement, the employees with wage subsidy, the members'
social documentation).

The output is canonical (lists in a fixed order, hours in their shortest exact form, amounts with
two decimals, every optional key written), so export → import → export gives the same document.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coopdesk.core import audit
from coopdesk.core.actor import Actor
from coopdesk.core.exchange import FORMAT, end_reasons, issued_part, social_part
from coopdesk.core.exchange.employees import export_employees
from coopdesk.core.models import (
    Attendance,
    AttendanceHours,
    ClosureDay,
    District,
    Member,
    MonthLock,
    Supervisor,
    SupervisorHours,
    WorkArea,
)
from coopdesk.core.numbers import normalized
from coopdesk.core.permissions import require_admin
from coopdesk.core.services import lookups


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _hours(value: Decimal | None) -> str | None:
    return None if value is None else normalized(value)


def export_document(session: Session, today: dt.date | None = None) -> dict[str, Any]:
    """The whole database as ``coopdesk/2``. Like ``coopdesk/1``, it has one full-time week, one set of opening
    weekdays, one host district and one FTE per supervisor: the values in force ``today`` are written (a supervisor who
    starts later: the first FTE), and an import takes them as valid from the start (docs/rules.md)."""
    day = today or dt.date.today()
    coop = lookups.cooperative(session)
    week = lookups.settings_on(session, day)
    ftes = lookups.fte_history(session)
    areas = {a.id: a.name for a in session.scalars(select(WorkArea).order_by(WorkArea.id))}
    districts = list(session.scalars(select(District).order_by(District.id).options(selectinload(District.tariffs))))
    district_names = {d.id: d.name for d in districts}
    members = list(
        session.scalars(
            select(Member)
            .order_by(Member.id)
            .options(selectinload(Member.placements), selectinload(Member.capacity_periods))
        )
    )
    member_keys = {m.id: f"m{i}" for i, m in enumerate(members, start=1)}
    supervisors = list(session.scalars(select(Supervisor).order_by(Supervisor.id)))
    supervisor_keys = {s.id: f"s{i}" for i, s in enumerate(supervisors, start=1)}

    document = {
        "format": FORMAT,
        "cooperative": {
            "name": coop.name,
            "org_number": coop.org_number,
            "address": coop.address,
            "opening_weekdays": sorted(week.opening_weekdays),
            "full_time_hours_per_week": _hours(week.full_time_week),
            "host_district": district_names.get(week.host_district_id) if week.host_district_id else None,
            "closure_days": [d.isoformat() for d in session.scalars(select(ClosureDay.day).order_by(ClosureDay.day))],
            **issued_part.seller_key(session),
        },
        "work_areas": [{"name": name} for name in areas.values()],
        "districts": [
            {
                "name": d.name,
                "kind": d.kind,
                "contact": d.contact,
                "show_full_personal_number": d.show_full_personal_number,
                "tariffs": [_tariff(t) for t in d.tariffs],
                **issued_part.buyer_key(session, d.id),
            }
            for d in districts
        ],
        "members": [
            {
                "key": member_keys[m.id],
                "name": m.name,
                "personal_number": m.personal_number,
                "primary_work_area": areas.get(m.primary_work_area_id) if m.primary_work_area_id else None,
                "placements": [
                    {
                        "district": district_names[p.district_id],
                        "decision_ref": p.decision_ref,
                        "case_worker": p.case_worker,
                        "start": p.start.isoformat(),
                        "end": p.end.isoformat() if p.end else None,
                        **end_reasons.written(p.end_reason),
                    }
                    for p in m.placements
                ],
                "capacity": [
                    {"valid_from": c.valid_from.isoformat(), "percent": c.percent, "weekdays": sorted(c.weekdays)}
                    for c in m.capacity_periods
                ],
            }
            for m in members
        ],
        "supervisors": [
            {"key": supervisor_keys[s.id], "name": s.name, "fte_percent": _fte_today(ftes.get(s.id, []), day)}
            for s in supervisors
        ],
        "attendance": _attendance(session, member_keys, areas),
        "supervisor_hours": [
            {
                "supervisor": supervisor_keys[h.supervisor_id],
                "date": h.day.isoformat(),
                "hours": _hours(h.hours),
                "work_area": areas.get(h.work_area_id) if h.work_area_id else None,
                "activity": h.activity,
            }
            for h in session.execute(
                select(
                    SupervisorHours.supervisor_id,
                    SupervisorHours.day,
                    SupervisorHours.hours,
                    SupervisorHours.work_area_id,
                    SupervisorHours.activity,
                ).order_by(SupervisorHours.supervisor_id, SupervisorHours.day, SupervisorHours.id)
            )
        ],
        "month_locks": [
            {"month": lock.month, "attested_by": lock.attested_by, "attested_at": lock.attested_at.isoformat()}
            for lock in session.scalars(select(MonthLock).order_by(MonthLock.month))
        ],
        "employees": export_employees(session),
        **issued_part.export_part(session, district_names),
    }
    social_part.export_part(session, document)
    return document


def _fte_today(history: list[tuple[dt.date, int]], day: dt.date) -> int | None:
    return lookups.fte_on(history, day) or (history[0][1] if history else None)


def _tariff(tariff: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"valid_from": tariff.valid_from.isoformat(), "kind": tariff.kind}
    if tariff.kind == "per_day":
        out["full_day_amount"] = _amount(tariff.full_day_amount)
        out["half_day_amount"] = _amount(tariff.half_day_amount)
        out["full_day_min_hours"] = _hours(tariff.full_day_min_hours)
        out["half_day_min_hours"] = _hours(tariff.half_day_min_hours)
    elif tariff.kind == "per_hour":
        out["hourly_amount"] = _amount(tariff.hourly_amount)
    elif tariff.kind == "per_month":
        out["bands"] = [{"min_percent": b.min_percent, "amount": _amount(b.amount)} for b in tariff.bands]
    return out


def _attendance(session: Session, member_keys: dict[int, str], areas: dict[int, str]) -> list[dict[str, Any]]:
    hours: dict[int, dict[str, str]] = defaultdict(dict)
    for attendance_id, area_id, value in session.execute(
        select(AttendanceHours.attendance_id, AttendanceHours.work_area_id, AttendanceHours.hours).order_by(
            AttendanceHours.attendance_id, AttendanceHours.work_area_id
        )
    ):
        hours[attendance_id][areas[area_id]] = normalized(value)
    records = []
    for attendance_id, member_id, day, status in session.execute(
        select(Attendance.id, Attendance.member_id, Attendance.day, Attendance.status).order_by(
            Attendance.member_id, Attendance.day
        )
    ):
        record: dict[str, Any] = {"member": member_keys[member_id], "date": day.isoformat(), "status": status}
        if status == "present":
            record["hours"] = hours.get(attendance_id, {})
        records.append(record)
    return records


def export_for(session: Session, actor: Actor, *, file_name: str, encrypted: bool) -> dict[str, Any]:
    """The whole database for ``actor`` to write to a file: an administrator's, and on the record.

    The export holds every member's personal number and the whole register, so only an administrator
    makes one, and the export is logged in the same unit of work as the caller writes the file (the
    caller removes the file again when that unit of work does not commit). ``file_name`` is the file's
    name without its folder (the log keeps no user's home path).
    """
    require_admin(actor, "exportera hela databasen", "export the whole database")
    document = export_document(session)
    audit.record(
        session,
        actor,
        "export",
        "database",
        None,
        summary=f"Hela databasen ({len(document['members'])} medlemmar) till {file_name}"
        + (" (krypterad)" if encrypted else " (okrypterad)"),
        new={"file": file_name, "encrypted": encrypted, "members": len(document["members"])},
    )
    return document
