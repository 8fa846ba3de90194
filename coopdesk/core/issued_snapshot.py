"""A statement as plain JSON values and back, so an issued version can be printed again as issued.

The coopdesk-statement/1 document (interchange.md §2) holds the figures, rounded; the printed forms
need a little more: the exact hours (a month's total is the rounded exact sum, not the sum of the
rounded rows), the tariff's terms, the case workers, the planned weekdays and the plausibility notes.
The snapshot keeps all of the :class:`Statement`, exactly: fractions as "n/d", decimals as strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from coopdesk.core.calendar import Month
from coopdesk.core.plausibility import PlausibilityWarning
from coopdesk.core.statement import (
    Billing,
    CapacityEntry,
    Statement,
    StatementRow,
    SupervisorRow,
    SupervisorSection,
    Totals,
)
from coopdesk.core.tariffs import TariffTerms

SNAPSHOT = "coopdesk-statement-snapshot/1"


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _frac(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _warning(w: PlausibilityWarning) -> dict[str, Any]:
    return {
        "kind": w.kind,
        "member": w.member,
        "date": w.date.isoformat(),
        "sv": w.sv,
        "en": w.en,
        "reason_sv": w.reason_sv,
        "reason_en": w.reason_en,
    }


def _unwarning(d: dict[str, Any]) -> PlausibilityWarning:
    return PlausibilityWarning(**{**d, "date": dt.date.fromisoformat(d["date"])})


def _row(r: StatementRow) -> dict[str, Any]:
    b = r.billing
    return {
        "member": r.member,
        "personal_number": r.personal_number,
        "decision_ref": r.decision_ref,
        "case_worker": r.case_worker,
        "period_from": r.period_from.isoformat(),
        "period_to": r.period_to.isoformat(),
        "capacity": [[c.start.isoformat(), c.percent, sorted(c.weekdays)] for c in r.capacity],
        "planned_days": r.planned_days,
        "planned_hours": _frac(r.planned_hours),
        "attended_days": r.attended_days,
        "attended_hours": str(r.attended_hours),
        "extra_days": r.extra_days,
        "sick_days": r.sick_days,
        "notified_absence_days": r.notified_absence_days,
        "unnotified_absence_days": r.unnotified_absence_days,
        "leave_days": r.leave_days,
        "unregistered_days": r.unregistered_days,
        "hours_by_work_area": {a: str(h) for a, h in r.hours_by_work_area.items()},
        "billing": [b.tariff, b.full_days, b.half_days, _dec(b.hours), _dec(b.amount)],
        "warnings": [_warning(w) for w in r.warnings],
    }


def _unrow(d: dict[str, Any]) -> StatementRow:
    tariff, full_days, half_days, hours, amount = d["billing"]
    return StatementRow(
        member=d["member"],
        personal_number=d["personal_number"],
        decision_ref=d["decision_ref"],
        case_worker=d["case_worker"],
        period_from=dt.date.fromisoformat(d["period_from"]),
        period_to=dt.date.fromisoformat(d["period_to"]),
        capacity=tuple(CapacityEntry(dt.date.fromisoformat(s), p, frozenset(w)) for s, p, w in d["capacity"]),
        planned_days=d["planned_days"],
        planned_hours=Fraction(d["planned_hours"]),
        attended_days=d["attended_days"],
        attended_hours=Decimal(d["attended_hours"]),
        extra_days=d["extra_days"],
        sick_days=d["sick_days"],
        notified_absence_days=d["notified_absence_days"],
        unnotified_absence_days=d["unnotified_absence_days"],
        leave_days=d["leave_days"],
        unregistered_days=d["unregistered_days"],
        hours_by_work_area={a: Decimal(h) for a, h in d["hours_by_work_area"].items()},
        billing=Billing(tariff, full_days, half_days, _undec(hours), _undec(amount)),
        warnings=tuple(_unwarning(w) for w in d["warnings"]),
    )


def _tariff(t: TariffTerms) -> dict[str, Any]:
    return {
        "kind": t.kind,
        "valid_from": t.valid_from.isoformat() if t.valid_from else None,
        "full_day_amount": _dec(t.full_day_amount),
        "half_day_amount": _dec(t.half_day_amount),
        "full_day_min_hours": _dec(t.full_day_min_hours),
        "half_day_min_hours": _dec(t.half_day_min_hours),
        "hourly_amount": _dec(t.hourly_amount),
        "bands": [[p, str(a)] for p, a in t.bands],
    }


def _untariff(d: dict[str, Any]) -> TariffTerms:
    return TariffTerms(
        kind=d["kind"],
        valid_from=dt.date.fromisoformat(d["valid_from"]) if d["valid_from"] else None,
        full_day_amount=_undec(d["full_day_amount"]),
        half_day_amount=_undec(d["half_day_amount"]),
        full_day_min_hours=_undec(d["full_day_min_hours"]),
        half_day_min_hours=_undec(d["half_day_min_hours"]),
        hourly_amount=_undec(d["hourly_amount"]),
        bands=tuple((p, Decimal(a)) for p, a in d["bands"]),
    )


def _totals(t: Totals) -> dict[str, Any]:
    return {
        "rows": t.rows,
        "planned_days": t.planned_days,
        "planned_hours": _frac(t.planned_hours),
        "attended_days": t.attended_days,
        "attended_hours": str(t.attended_hours),
        "extra_days": t.extra_days,
        "sick_days": t.sick_days,
        "notified_absence_days": t.notified_absence_days,
        "unnotified_absence_days": t.unnotified_absence_days,
        "leave_days": t.leave_days,
        "unregistered_days": t.unregistered_days,
        "amount": _dec(t.amount),
    }


def _untotals(d: dict[str, Any]) -> Totals:
    return Totals(
        **{
            **d,
            "planned_hours": Fraction(d["planned_hours"]),
            "attended_hours": Decimal(d["attended_hours"]),
            "amount": _undec(d["amount"]),
        }
    )


def _section(s: SupervisorSection | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "working_days": s.working_days,
        "rows": [
            [r.name, r.fte_percent, _frac(r.funded_hours), str(r.worked_hours), str(r.absence_hours)] for r in s.rows
        ],
        "by_work_area": {a: str(h) for a, h in s.by_work_area.items()},
        "by_activity": {a: str(h) for a, h in s.by_activity.items()},
        "warnings": [_warning(w) for w in s.warnings],
    }


def _unsection(d: dict[str, Any] | None) -> SupervisorSection | None:
    if d is None:
        return None
    return SupervisorSection(
        working_days=d["working_days"],
        rows=tuple(
            SupervisorRow(name, fte, Fraction(funded), Decimal(worked), Decimal(absent))
            for name, fte, funded, worked, absent in d["rows"]
        ),
        by_work_area={a: Decimal(h) for a, h in d["by_work_area"].items()},
        by_activity={a: Decimal(h) for a, h in d["by_activity"].items()},
        warnings=tuple(_unwarning(w) for w in d["warnings"]),
    )


def snapshot(statement: Statement) -> dict[str, Any]:
    """Everything of ``statement`` as JSON values."""
    s = statement
    return {
        "format": SNAPSHOT,
        "cooperative": s.cooperative,
        "cooperative_org_number": s.cooperative_org_number,
        "cooperative_address": s.cooperative_address,
        "district": s.district,
        "district_kind": s.district_kind,
        "district_contact": s.district_contact,
        "is_host_district": s.is_host_district,
        "month": str(s.month),
        "attested": s.attested,
        "attested_by": s.attested_by,
        "attested_at": s.attested_at.isoformat() if s.attested_at else None,
        "open_days": s.open_days,
        "tariff": _tariff(s.tariff),
        "rows": [_row(r) for r in s.rows],
        "totals": _totals(s.totals),
        "supervisors": _section(s.supervisors),
    }


def from_snapshot(d: dict[str, Any]) -> Statement:
    """The statement ``snapshot`` was made of, equal to it field by field."""
    return Statement(
        cooperative=d["cooperative"],
        cooperative_org_number=d["cooperative_org_number"],
        cooperative_address=d["cooperative_address"],
        district=d["district"],
        district_kind=d["district_kind"],
        district_contact=d["district_contact"],
        is_host_district=d["is_host_district"],
        month=Month.parse(d["month"]),
        attested=d["attested"],
        attested_by=d["attested_by"],
        attested_at=dt.datetime.fromisoformat(d["attested_at"]) if d["attested_at"] else None,
        open_days=d["open_days"],
        tariff=_untariff(d["tariff"]),
        rows=tuple(_unrow(r) for r in d["rows"]),
        totals=_untotals(d["totals"]),
        supervisors=_unsection(d["supervisors"]),
    )
