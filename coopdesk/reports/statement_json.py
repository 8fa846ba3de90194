"""The ``coopdesk-statement/1`` JSON form of a statement (interchange.md §2)."""

from __future__ import annotations

import json
from typing import Any

from coopdesk.core.numbers import fmt
from coopdesk.core.statement import Statement, StatementRow

FORMAT = "coopdesk-statement/1"


def _rate(value: Any) -> str | None:
    return None if value is None else f"{value:.1f}"


def _row(row: StatementRow) -> dict[str, Any]:
    billing = row.billing
    return {
        "member": row.member,
        "personal_number": row.personal_number,
        "decision_ref": row.decision_ref,
        "period": {"from": row.period_from.isoformat(), "to": row.period_to.isoformat()},
        "capacity": [{"from": c.start.isoformat(), "percent": c.percent} for c in row.capacity],
        "planned_days": row.planned_days,
        "planned_hours": fmt(row.planned_hours),
        "attended_days": row.attended_days,
        "attended_hours": fmt(row.attended_hours),
        "extra_days": row.extra_days,
        "sick_days": row.sick_days,
        "notified_absence_days": row.notified_absence_days,
        "unnotified_absence_days": row.unnotified_absence_days,
        "leave_days": row.leave_days,
        "unregistered_days": row.unregistered_days,
        "attendance_rate": _rate(row.attendance_rate),
        "hours_by_work_area": {area: fmt(hours) for area, hours in row.hours_by_work_area.items()},
        "billing": {
            "tariff": billing.tariff,
            "full_days": billing.full_days,
            "half_days": billing.half_days,
            "hours": fmt(billing.hours),
            "amount": fmt(billing.amount),
        },
    }


def statement_document(statement: Statement) -> dict[str, Any]:
    totals = statement.totals
    document: dict[str, Any] = {
        "format": FORMAT,
        "cooperative": statement.cooperative,
        "district": statement.district,
        "month": str(statement.month),
        "attested": statement.attested,
        "open_days": statement.open_days,
        "rows": [_row(r) for r in statement.rows],
        "totals": {
            "rows": totals.rows,
            "planned_days": totals.planned_days,
            "planned_hours": fmt(totals.planned_hours),
            "attended_days": totals.attended_days,
            "attended_hours": fmt(totals.attended_hours),
            "extra_days": totals.extra_days,
            "sick_days": totals.sick_days,
            "notified_absence_days": totals.notified_absence_days,
            "unnotified_absence_days": totals.unnotified_absence_days,
            "leave_days": totals.leave_days,
            "unregistered_days": totals.unregistered_days,
            "amount": fmt(totals.amount),
        },
        "supervisors": None,
    }
    section = statement.supervisors
    if section is not None:
        document["supervisors"] = {
            "working_days": section.working_days,
            "rows": [
                {
                    "name": r.name,
                    "fte_percent": r.fte_percent,
                    "funded_hours": fmt(r.funded_hours),
                    "worked_hours": fmt(r.worked_hours),
                    "absence_hours": fmt(r.absence_hours),
                    "difference": fmt(r.difference),
                }
                for r in section.rows
            ],
            "by_work_area": {area: fmt(h) for area, h in section.by_work_area.items()},
            "by_activity": {activity: fmt(h) for activity, h in section.by_activity.items()},
            "totals": {
                "funded_hours": fmt(section.funded_hours),
                "worked_hours": fmt(section.worked_hours),
                "absence_hours": fmt(section.absence_hours),
                "difference": fmt(section.difference),
            },
        }
    return document


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
