"""The ``coopdesk-yearly/1`` JSON form of the year in figures (interchange.md §4)."""

from __future__ import annotations

import json
from typing import Any

from coopdesk.core.numbers import fmt
from coopdesk.core.yearly import DAY_FIELDS, Figures, Yearly

FORMAT = "coopdesk-yearly/1"


def _rate(figures: Figures) -> str | None:
    rate = figures.attendance_rate
    return None if rate is None else f"{rate:.1f}"


def _hours(figures: Figures) -> dict[str, Any]:
    return {
        "planned_hours": fmt(figures.planned_hours),
        "attended_hours": fmt(figures.attended_hours),
        "attendance_rate": _rate(figures),
        **{name: getattr(figures, name) for name in DAY_FIELDS},
        "hours_by_work_area": {area: fmt(hours) for area, hours in figures.hours_by_work_area.items()},
    }


def yearly_document(yearly: Yearly) -> dict[str, Any]:
    members = yearly.members
    supervisors = yearly.supervisors
    return {
        "format": FORMAT,
        "cooperative": yearly.cooperative,
        "year": yearly.year,
        "members": {
            "total": members.total,
            "by_gender": dict(members.by_gender),
            "by_age": dict(members.by_age),
            "by_district": dict(members.by_district),
            "came": members.came,
            "left": members.left,
            "left_by_reason": dict(members.left_by_reason),
        },
        "months": [
            {
                "month": str(m.month),
                "attested": m.attested,
                "members": m.members,
                "open_days": m.open_days,
                **_hours(m),
            }
            for m in yearly.months
        ],
        "totals": _hours(yearly.totals),
        "supervisors": None
        if supervisors is None
        else {
            "funded_hours": fmt(supervisors.funded_hours),
            "worked_hours": fmt(supervisors.worked_hours),
            "absence_hours": fmt(supervisors.absence_hours),
            "hours_by_activity": {a: fmt(h) for a, h in supervisors.hours_by_activity.items()},
        },
        "amounts_by_district": {d: fmt(a) for d, a in yearly.amounts_by_district.items()},
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
