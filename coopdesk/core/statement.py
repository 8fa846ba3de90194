"""The monthly statement of a district as plain data (domain.md §4).

Everything is computed exactly (planned hours as fractions, attended hours as 2-decimal Decimals)
and rounded half up only when a figure is written out (reports/). Amounts are the exception the
spec asks for: each row's amount is rounded to öre, and the total is the sum of rounded rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month, working_days_in
from coopdesk.core.models import (
    ABSENCE_ACTIVITIES,
    ACTIVITIES,
    WORKED_ACTIVITIES,
    Attendance,
    AttendanceHours,
    Cooperative,
    District,
    Member,
    MonthLock,
    Placement,
    Supervisor,
    SupervisorHours,
    Tariff,
    WorkArea,
)
from coopdesk.core.numbers import round_half_up
from coopdesk.core.personal_number import mask_personal_number
from coopdesk.core.plausibility import (
    AREA_ACTIVITIES,
    PlausibilityWarning,
    below_band_warning,
    day_warnings,
    supervisor_without_area,
)
from coopdesk.core.rules import CapacitySpan, MemberPlan, SettingsSpan, WorkPlan
from coopdesk.core.services import lookups
from coopdesk.core.tariffs import TariffTerms, billed_day, terms_of
from coopdesk.core.text import swedish_key


def attendance_rate(attended: Decimal, planned: Fraction) -> Decimal | None:
    """attended / planned × 100, half up to 1 decimal; None when nothing was planned (domain.md §4)."""
    if planned == 0:
        return None
    return round_half_up(Fraction(attended) / planned * 100, 1)


@dataclass(frozen=True)
class CapacityEntry:
    start: dt.date  # the later of the period's valid-from and the row's period start
    percent: int
    weekdays: frozenset[int]


@dataclass(frozen=True)
class Billing:
    tariff: str  # none | per_day | per_hour | per_month
    full_days: int | None = None
    half_days: int | None = None
    hours: Decimal | None = None
    amount: Decimal | None = None  # rounded to öre; None for 'none'


@dataclass(frozen=True)
class StatementRow:
    member: str
    personal_number: str | None  # masked unless the district asks for it in full; None once erased
    decision_ref: str
    case_worker: str | None
    period_from: dt.date
    period_to: dt.date
    capacity: tuple[CapacityEntry, ...]
    planned_days: int
    planned_hours: Fraction
    attended_days: int
    attended_hours: Decimal
    extra_days: int
    sick_days: int
    notified_absence_days: int
    unnotified_absence_days: int
    leave_days: int
    unregistered_days: int
    hours_by_work_area: dict[str, Decimal]
    billing: Billing
    #: Plausibility warnings of the row's days (core/plausibility.py): shown, never part of the figures
    #: (not in the JSON form or the fingerprint).
    warnings: tuple[PlausibilityWarning, ...] = ()

    @property
    def attendance_rate(self) -> Decimal | None:
        return attendance_rate(self.attended_hours, self.planned_hours)


@dataclass(frozen=True)
class Totals:
    rows: int
    planned_days: int
    planned_hours: Fraction
    attended_days: int
    attended_hours: Decimal
    extra_days: int
    sick_days: int
    notified_absence_days: int
    unnotified_absence_days: int
    leave_days: int
    unregistered_days: int
    amount: Decimal | None

    @property
    def attendance_rate(self) -> Decimal | None:
        return attendance_rate(self.attended_hours, self.planned_hours)


@dataclass(frozen=True)
class SupervisorRow:
    name: str
    fte_percent: int
    funded_hours: Fraction
    worked_hours: Decimal
    absence_hours: Decimal

    @property
    def difference(self) -> Fraction:
        return Fraction(self.worked_hours) - self.funded_hours


@dataclass(frozen=True)
class SupervisorSection:
    working_days: int
    rows: tuple[SupervisorRow, ...]
    by_work_area: dict[str, Decimal]
    by_activity: dict[str, Decimal]
    warnings: tuple[PlausibilityWarning, ...] = ()  # worked hours without a work area

    @property
    def funded_hours(self) -> Fraction:
        return sum((r.funded_hours for r in self.rows), Fraction(0))

    @property
    def worked_hours(self) -> Decimal:
        return sum((r.worked_hours for r in self.rows), Decimal(0))

    @property
    def absence_hours(self) -> Decimal:
        return sum((r.absence_hours for r in self.rows), Decimal(0))

    @property
    def difference(self) -> Fraction:
        return Fraction(self.worked_hours) - self.funded_hours


@dataclass(frozen=True)
class Statement:
    cooperative: str
    cooperative_org_number: str | None
    cooperative_address: str | None
    district: str
    district_kind: str
    district_contact: str | None
    is_host_district: bool
    month: Month
    attested: bool
    attested_by: str | None
    attested_at: dt.datetime | None
    open_days: int
    tariff: TariffTerms
    rows: tuple[StatementRow, ...]
    totals: Totals
    supervisors: SupervisorSection | None = field(default=None)

    @property
    def warnings(self) -> tuple[PlausibilityWarning, ...]:
        """Every plausibility warning of the statement: the rows' in row order, then the supervisors'."""
        found = [w for row in self.rows for w in row.warnings]
        if self.supervisors is not None:
            found += self.supervisors.warnings
        return tuple(found)


# --- computation ------------------------------------------------------------------------------


def statement_for(session: Session, district_name: str, month: Month) -> Statement:
    """The statement of one district (by name) for one month."""
    return compute_statement(session, lookups.district_by_name(session, district_name), month)


_Record = tuple[str, dict[str, Decimal]]  # status, hours by work area name


def statements_for_all(
    session: Session, month: Month, *, warnings: bool = True, inputs: StatementInputs | None = None
) -> list[Statement]:
    """One statement per district, in Swedish alphabetical order of the districts' names."""
    if inputs is None:
        inputs = load_inputs(session, month.first, month.last)
    return [compute_statement(session, d, month, warnings=warnings, inputs=inputs) for d in lookups.districts(session)]


@dataclass(frozen=True)
class StatementInputs:
    """What the statements of the months from ``first`` to ``last`` read, in one pass of queries.

    A month's statement reads its placements, the members' plans, the attendance, the tariff and the
    lock; loaded once for many months and districts (the yearly figures: 12 months × every district)
    they cost one set of queries instead of one per statement, and the statement is the same: a row
    only looks at the days of its own period, and the plan's calendar at the days asked about.
    """

    first: dt.date
    last: dt.date
    cooperative: Cooperative
    weeks: list[SettingsSpan]
    plan: WorkPlan
    #: every placement overlapping the range (of ``district_id`` only, if given), with the member's name and number
    placements: list[tuple[Placement, str, str | None]]
    plans: dict[int, MemberPlan]
    records: dict[int, dict[dt.date, _Record]]
    tariffs: dict[int, list[Tariff]]  # by district, oldest first
    locks: dict[str, MonthLock]

    def tariff_on(self, district_id: int, day: dt.date) -> TariffTerms:
        """As tariffs.tariff_on: the district's tariff with the latest valid-from on or before ``day``."""
        found = None
        for tariff in self.tariffs.get(district_id, []):
            if tariff.valid_from <= day:
                found = tariff
        return terms_of(found)


def load_inputs(session: Session, first: dt.date, last: dt.date, district_id: int | None = None) -> StatementInputs:
    """The inputs of every statement from ``first`` to ``last`` (of one district, if given)."""
    query = (
        select(Placement, Member.name, Member.personal_number)
        .join(Member, Member.id == Placement.member_id)
        .where(Placement.start <= last, (Placement.end.is_(None)) | (Placement.end >= first))
    )
    tariffs = select(Tariff).order_by(Tariff.valid_from)
    if district_id is not None:
        query = query.where(Placement.district_id == district_id)
        tariffs = tariffs.where(Tariff.district_id == district_id)
    placements = [(p, name, pn) for p, name, pn in session.execute(query).all()]
    member_ids = {p.member_id for p, _name, _pn in placements}
    by_district: dict[int, list[Tariff]] = defaultdict(list)
    for tariff in session.scalars(tariffs):
        by_district[tariff.district_id].append(tariff)
    locks = select(MonthLock).where(MonthLock.month >= str(Month.of(first)), MonthLock.month <= str(Month.of(last)))
    weeks = lookups.settings_history(session)
    return StatementInputs(
        first=first,
        last=last,
        cooperative=lookups.cooperative(session),
        weeks=weeks,
        plan=lookups.work_plan(session, first, last, weeks=weeks),
        placements=placements,
        plans=lookups.member_plans(session, member_ids),
        records=_attendance(session, member_ids, first, last),
        tariffs=dict(by_district),
        locks={lock.month: lock for lock in session.scalars(locks)},
    )


def compute_statement(
    session: Session,
    district: District,
    month: Month,
    *,
    warnings: bool = True,
    inputs: StatementInputs | None = None,
) -> Statement:
    """``warnings=False`` leaves out the plausibility warnings (never part of the figures): the yearly
    figures compute twelve months of statements and show no warnings, and they are a third of the time.
    ``inputs`` covering the month (load_inputs) spare the queries; without, the month's are loaded."""
    if inputs is None:
        inputs = load_inputs(session, month.first, month.last, district.id)
    coop, plan = inputs.cooperative, inputs.plan
    first, last = month.first, month.last

    placements = [
        row
        for row in inputs.placements
        if row[0].district_id == district.id and row[0].start <= last and (row[0].end is None or row[0].end >= first)
    ]
    plans = inputs.plans
    records = inputs.records
    tariff = inputs.tariff_on(district.id, first)

    rows = []
    for placement, name, personal_number in placements:
        period_from = max(placement.start, first)
        period_to = min(placement.end or last, last)
        rows.append(
            _row(
                plan,
                plans[placement.member_id],
                records.get(placement.member_id, {}),
                name=name,
                personal_number=personal_number
                if district.show_full_personal_number or personal_number is None
                else mask_personal_number(personal_number),
                decision_ref=placement.decision_ref,
                case_worker=placement.case_worker,
                period_from=period_from,
                period_to=period_to,
                month=month,
                tariff=tariff,
                warn=warnings,
            )
        )
    rows.sort(key=lambda r: (swedish_key(r.member), r.period_from))

    lock = inputs.locks.get(str(month))
    # The host district is dated: the one in force on the month's first day has the supervisors.
    is_host = lookups.settings_in_force(inputs.weeks, first).host_district_id == district.id
    return Statement(
        cooperative=coop.name,
        cooperative_org_number=coop.org_number,
        cooperative_address=coop.address,
        district=district.name,
        district_kind=district.kind,
        district_contact=district.contact,
        is_host_district=is_host,
        month=month,
        attested=lock is not None,
        attested_by=lock.attested_by if lock else None,
        attested_at=lock.attested_at if lock else None,
        open_days=len(plan.calendar.open_days(month)),
        tariff=tariff,
        rows=tuple(rows),
        totals=_totals(rows, tariff),
        supervisors=supervisor_section(session, month, plan) if is_host else None,
    )


def _attendance(
    session: Session, member_ids: set[int], first: dt.date, last: dt.date
) -> dict[int, dict[dt.date, _Record]]:
    """The month's attendance of the given members with hours per work area, in one query."""
    result: dict[int, dict[dt.date, _Record]] = defaultdict(dict)
    if not member_ids:
        return result
    ids = list(member_ids)
    for start in range(0, len(ids), 500):
        query = (
            select(Attendance.member_id, Attendance.day, Attendance.status, WorkArea.name, AttendanceHours.hours)
            .outerjoin(AttendanceHours, AttendanceHours.attendance_id == Attendance.id)
            .outerjoin(WorkArea, WorkArea.id == AttendanceHours.work_area_id)
            .where(Attendance.day >= first, Attendance.day <= last, Attendance.member_id.in_(ids[start : start + 500]))
        )
        for member_id, day, status, area, hours in session.execute(query):
            record = result[member_id].get(day)
            if record is None:
                record = result[member_id][day] = (status, {})
            if area is not None:
                record[1][area] = hours
    return result


def _capacity_entries(plan: MemberPlan, first: dt.date, last: dt.date) -> tuple[CapacityEntry, ...]:
    entries = []
    periods: list[CapacitySpan] = plan.capacities
    for index, period in enumerate(periods):
        ends_before = periods[index + 1].valid_from if index + 1 < len(periods) else None
        if period.valid_from > last or (ends_before is not None and ends_before <= first):
            continue
        entries.append(CapacityEntry(max(period.valid_from, first), period.percent, period.weekdays))
    return tuple(entries)


def _row(
    plan: WorkPlan,
    member_plan: MemberPlan,
    records: dict[dt.date, _Record],
    *,
    name: str,
    personal_number: str | None,
    decision_ref: str,
    case_worker: str | None,
    period_from: dt.date,
    period_to: dt.date,
    month: Month,
    tariff: TariffTerms,
    warn: bool = True,
) -> StatementRow:
    counts = {"present": 0, "sick": 0, "absent_notified": 0, "absent_unnotified": 0, "leave": 0}
    planned_days = unregistered = extra = 0
    # Planned hours summed by runs of the same value (the plan hands out one cached Fraction per capacity):
    # the same exact sum, without a Fraction addition per day.
    planned_hours, run_hours, run_days = Fraction(0), Fraction(0), 0
    attended_hours = Decimal(0)
    by_area: dict[str, Decimal] = defaultdict(Decimal)
    full_days = half_days = 0
    warnings: list[PlausibilityWarning] = []
    for offset in range((period_to - period_from).days + 1):  # no date past the period: 9999-12-31 is last
        day = period_from + dt.timedelta(days=offset)
        planned = plan.planned_hours(member_plan, day)
        if planned:
            planned_days += 1
            if planned is not run_hours:
                planned_hours += run_hours * run_days
                run_hours, run_days = planned, 0
            run_days += 1
        record = records.get(day)
        if record is None:
            if planned:
                unregistered += 1
        else:
            status, hours = record
            counts[status] += 1
            if status == "present":
                if not planned:
                    extra += 1
                day_total = sum(hours.values(), Decimal(0))
                attended_hours += day_total
                for area, value in hours.items():
                    by_area[area] += value
                billed = billed_day(tariff, day_total) if tariff.kind == "per_day" else None
                full_days += billed == "full"
                half_days += billed == "half"
                if warn:
                    warnings += day_warnings(
                        name, day, planned=planned, status=status, hours=hours, tariff=tariff, billed=billed
                    )

    planned_hours += run_hours * run_days
    billing = _billing(tariff, member_plan, attended_hours, full_days, half_days, period_from, period_to, month)
    if warn and billing.tariff == "per_month" and counts["present"] and not billing.amount:
        capacity = member_plan.capacity_on(period_from)
        band = below_band_warning(name, period_from, capacity.percent if capacity else None, tariff)
        if band is not None:
            warnings.append(band)
    return StatementRow(
        member=name,
        personal_number=personal_number,
        decision_ref=decision_ref,
        case_worker=case_worker,
        period_from=period_from,
        period_to=period_to,
        capacity=_capacity_entries(member_plan, period_from, period_to),
        planned_days=planned_days,
        planned_hours=planned_hours,
        attended_days=counts["present"],
        attended_hours=attended_hours,
        extra_days=extra,
        sick_days=counts["sick"],
        notified_absence_days=counts["absent_notified"],
        unnotified_absence_days=counts["absent_unnotified"],
        leave_days=counts["leave"],
        unregistered_days=unregistered,
        hours_by_work_area=dict(sorted(by_area.items(), key=lambda kv: swedish_key(kv[0]))),
        billing=billing,
        warnings=tuple(warnings),
    )


def _billing(
    tariff: TariffTerms,
    member_plan: MemberPlan,
    attended_hours: Decimal,
    full_days: int,
    half_days: int,
    period_from: dt.date,
    period_to: dt.date,
    month: Month,
) -> Billing:
    if tariff.kind == "per_day":
        amount = full_days * (tariff.full_day_amount or 0) + half_days * (tariff.half_day_amount or 0)
        return Billing("per_day", full_days=full_days, half_days=half_days, amount=round_half_up(amount, 2))
    if tariff.kind == "per_hour":
        amount = attended_hours * (tariff.hourly_amount or 0)
        return Billing("per_hour", hours=attended_hours, amount=round_half_up(amount, 2))
    if tariff.kind == "per_month":
        capacity = member_plan.capacity_on(period_from)
        band_amount = Decimal(0)
        if capacity is not None:
            for min_percent, amount in tariff.bands:  # ordered by min_percent
                if min_percent <= capacity.percent:
                    band_amount = amount
        days = (period_to - period_from).days + 1
        exact = Fraction(band_amount) * days / month.number_of_days
        return Billing("per_month", amount=round_half_up(exact, 2))
    return Billing("none")


def _totals(rows: list[StatementRow], tariff: TariffTerms) -> Totals:
    def total(name: str) -> int:
        return sum(getattr(r, name) for r in rows)

    amount = None
    if tariff.kind != "none":
        amount = sum((r.billing.amount or Decimal(0) for r in rows), Decimal("0.00"))
    return Totals(
        rows=len(rows),
        planned_days=total("planned_days"),
        planned_hours=sum((r.planned_hours for r in rows), Fraction(0)),
        attended_days=total("attended_days"),
        attended_hours=sum((r.attended_hours for r in rows), Decimal(0)),
        extra_days=total("extra_days"),
        sick_days=total("sick_days"),
        notified_absence_days=total("notified_absence_days"),
        unnotified_absence_days=total("unnotified_absence_days"),
        leave_days=total("leave_days"),
        unregistered_days=total("unregistered_days"),
        amount=amount,
    )


def supervisor_section(
    session: Session, month: Month, plan: WorkPlan | None = None, *, through: dt.date | None = None
) -> SupervisorSection:
    """The supervisors' funded and worked hours of a month (the host district's statement section).

    Funded hours count each working day with the FTE and the full-time week in force on that day, so a
    change dated after the month leaves it as it was. A supervisor is listed in the months from the
    first FTE entry on, and in any month with hours; the FTE shown is the one in force on the month's
    first day (or the supervisor's first day, if later).

    With ``through``, the month to date: its working days and entries from the first up to and including
    that day (Handledare shows them beside the whole month's, docs/rules.md "Hittills i månaden").
    """
    if plan is None:
        plan = lookups.work_plan(session, month.first, month.last)
    last = month.last if through is None else min(through, month.last)
    days = [d for d in working_days_in(month) if d <= last]
    worked: dict[int, Decimal] = defaultdict(Decimal)
    absent: dict[int, Decimal] = defaultdict(Decimal)
    with_hours: set[int] = set()
    by_area: dict[str, Decimal] = defaultdict(Decimal)
    by_activity: dict[str, Decimal] = defaultdict(Decimal)
    without_area: dict[tuple[int, dt.date, str], Decimal] = defaultdict(Decimal)
    query = (
        select(
            SupervisorHours.supervisor_id,
            SupervisorHours.day,
            SupervisorHours.hours,
            SupervisorHours.activity,
            WorkArea.name,
        )
        .outerjoin(WorkArea, WorkArea.id == SupervisorHours.work_area_id)
        .where(SupervisorHours.day >= month.first, SupervisorHours.day <= last)
    )
    for supervisor_id, day, hours, activity, area in session.execute(query):
        with_hours.add(supervisor_id)
        by_activity[activity] += hours
        if activity in WORKED_ACTIVITIES:
            worked[supervisor_id] += hours
            if area is not None:
                by_area[area] += hours
            elif activity in AREA_ACTIVITIES:
                without_area[supervisor_id, day, activity] += hours
        elif activity in ABSENCE_ACTIVITIES:
            absent[supervisor_id] += hours
    history = lookups.fte_history(session)
    rows = []
    names: dict[int, str] = {}
    for s in session.scalars(select(Supervisor)):
        names[s.id] = s.name
        entries = history.get(s.id, [])
        on_staff = bool(entries) and entries[0][0] <= month.last
        if not on_staff and s.id not in with_hours:
            continue
        funded = Fraction(0)
        for day in days:
            fte = lookups.fte_on(entries, day)
            if fte:
                funded += Fraction(fte, 100) * Fraction(plan.full_time_week_on(day)) / 5
        shown = lookups.fte_on(entries, max(month.first, entries[0][0])) if on_staff else None
        rows.append(
            SupervisorRow(
                name=s.name,
                fte_percent=shown or 0,
                funded_hours=funded,
                worked_hours=worked[s.id],
                absence_hours=absent[s.id],
            )
        )
    warnings = sorted(
        (supervisor_without_area(names[s], day, hours, activity) for (s, day, activity), hours in without_area.items()),
        key=lambda w: (swedish_key(w.member), w.date, w.sv),
    )
    rows.sort(key=lambda r: swedish_key(r.name))
    return SupervisorSection(
        working_days=len(days),
        rows=tuple(rows),
        by_work_area=dict(sorted(by_area.items(), key=lambda kv: swedish_key(kv[0]))),
        by_activity={a: by_activity[a] for a in ACTIVITIES if a in by_activity},
        warnings=tuple(warnings),
    )
