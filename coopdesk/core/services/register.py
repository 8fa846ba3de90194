"""What the daily register and the month grid show, as plain data (no Qt).

The GUI's table models are thin adapters over these: one query set per day or month, so switching
a day or a month stays fast whatever the size of the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month, holiday_name
from coopdesk.core.models import Attendance, AttendanceHours, Member, MonthLock, Placement
from coopdesk.core.plausibility import PlausibilityWarning, day_warnings
from coopdesk.core.rules import MemberPlan, PlacementSpan
from coopdesk.core.services import lookups
from coopdesk.core.tariffs import TariffTerms, billed_day, billed_per_hour, tariff_on
from coopdesk.core.text import swedish_key


@dataclass
class DayEntry:
    """One member's day: planned hours and what is registered."""

    planned: Fraction = Fraction(0)
    status: str | None = None
    hours: dict[int, Decimal] = field(default_factory=dict)  # work area id → hours
    #: The stored record's version (0: no record), passed back with a change so that a day another PC
    #: has changed since it was shown is not overwritten (core/conflicts.py).
    version: int = field(default=0, compare=False)
    #: Plausibility warnings of the day (core/plausibility.py), as the district's statement has them.
    warnings: tuple[PlausibilityWarning, ...] = ()

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours.values(), Decimal(0))


@dataclass
class RegisterRow:
    member_id: int
    name: str
    percent: int | None
    primary_work_area_id: int | None
    placement_end: dt.date | None
    entry: DayEntry
    #: The day's district pays per hour: planned hours are shown exactly, not to the quarter hour.
    exact_hours: bool = False


@dataclass
class DayRegister:
    day: dt.date
    day_kind: str  # open | closure | holiday | weekend | closed_weekday
    holiday: str | None
    locked_by: str | None
    rows: list[RegisterRow]

    @property
    def planned_rows(self) -> list[RegisterRow]:
        return [r for r in self.rows if r.entry.planned]


def _active_members(
    session: Session, first: dt.date, last: dt.date, only: int | None = None
) -> dict[int, tuple[str, int | None]]:
    query = (
        select(Member.id, Member.name, Member.primary_work_area_id)
        .join(Placement, Placement.member_id == Member.id)
        .where(Placement.start <= last, (Placement.end.is_(None)) | (Placement.end >= first))
    )
    if only is not None:
        query = query.where(Member.id == only)
    return {member_id: (name, area) for member_id, name, area in session.execute(query)}


def _records(session: Session, ids: list[int], first: dt.date, last: dt.date) -> dict[tuple[int, dt.date], DayEntry]:
    entries: dict[tuple[int, dt.date], DayEntry] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(
                Attendance.member_id,
                Attendance.day,
                Attendance.status,
                Attendance.version,
                AttendanceHours.work_area_id,
                AttendanceHours.hours,
            )
            .outerjoin(AttendanceHours, AttendanceHours.attendance_id == Attendance.id)
            .where(Attendance.day >= first, Attendance.day <= last, Attendance.member_id.in_(ids[start : start + 500]))
        )
        for member_id, day, status, version, area_id, hours in session.execute(query):
            entry = entries.setdefault((member_id, day), DayEntry(status=status, version=version))
            if area_id is not None:
                entry.hours[area_id] = hours
    return entries


class _Warner:
    """The plausibility warnings of register days, with the tariff of each district's month looked up once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.tariffs: dict[tuple[int, Month], TariffTerms] = {}

    def __call__(
        self,
        name: str,
        day: dt.date,
        member_plan: MemberPlan,
        entry: DayEntry,
        *,
        placement: PlacementSpan | None = None,
        month: Month | None = None,
    ) -> None:
        """``placement`` and ``month``: the member's placement on ``day`` and its month, when the caller has
        them already (a month's grid, for every cell)."""
        if entry.status != "present":
            return
        if placement is None:
            placement = member_plan.placement_on(day)
            if placement is None:
                return
        key = (placement.district_id, month or Month.of(day))
        tariff = self.tariffs.get(key)
        if tariff is None:
            tariff = self.tariffs[key] = tariff_on(self.session, placement.district_id, key[1].first)
        billed = billed_day(tariff, entry.total_hours) if tariff.kind == "per_day" else None
        found = day_warnings(
            name, day, planned=entry.planned, status=entry.status, hours=entry.hours, tariff=tariff, billed=billed
        )
        entry.warnings = tuple(found)


def _lock(session: Session, month: Month) -> str | None:
    lock = session.get(MonthLock, str(month))
    return f"{lock.attested_by} {lock.attested_at.date()}" if lock else None


def day_register(session: Session, day: dt.date, *, member_id: int | None = None) -> DayRegister:
    """Every member with a placement active on ``day``, with planned hours and the day's record.

    With ``member_id``, only that member's row (after a single edit the view updates just that row).
    """
    plan = lookups.work_plan(session, day, day)
    members = _active_members(session, day, day, member_id)
    plans = lookups.member_plans(session, members)
    records = _records(session, list(members), day, day)
    placements = {m: plans[m].placement_on(day) for m in members}
    districts = {p.district_id for p in placements.values() if p is not None}
    hourly = {d for d in districts if billed_per_hour(session, d, Month.of(day))}
    warn = _Warner(session)
    rows = []
    for member_id, (name, area) in members.items():
        member_plan = plans[member_id]
        capacity = member_plan.capacity_on(day)
        placement = placements[member_id]
        entry = records.get((member_id, day)) or DayEntry()
        entry.planned = plan.planned_hours(member_plan, day)
        warn(name, day, member_plan, entry)
        rows.append(
            RegisterRow(
                member_id,
                name,
                capacity.percent if capacity else None,
                area,
                placement.end if placement else None,
                entry,
                placement is not None and placement.district_id in hourly,
            )
        )
    rows.sort(key=lambda r: swedish_key(r.name))
    return DayRegister(day, plan.calendar.day_kind(day), holiday_name(day), _lock(session, Month.of(day)), rows)


@dataclass
class GridRow:
    member_id: int
    name: str
    days: list[DayEntry | None]  # None: no placement that day

    @property
    def planned_hours(self) -> Fraction:
        return sum((d.planned for d in self.days if d), Fraction(0))

    @property
    def attended_hours(self) -> Decimal:
        return sum((d.total_hours for d in self.days if d and d.status == "present"), Decimal(0))

    def until(self, count: int) -> GridRow:
        """The row's first ``count`` days: the month-to-date figures are its planned and attended hours."""
        return GridRow(self.member_id, self.name, self.days[: max(count, 0)])


@dataclass
class MonthGrid:
    month: Month
    day_kinds: list[str]
    holidays: list[str | None]
    locked_by: str | None
    rows: list[GridRow]

    def registered_on(self, day: dt.date) -> bool:
        """Every member planned on ``day`` has a record that day (a day nobody is planned on is, too)."""
        if not self.month.first <= day <= self.month.last:
            return False
        i = (day - self.month.first).days
        days = (row.days[i] for row in self.rows)
        return all(d.status is not None for d in days if d is not None and d.planned)


def month_grid(session: Session, month: Month, *, member_id: int | None = None) -> MonthGrid:
    """Members × days of a month with planned hours and records (one query for the records).

    With ``member_id``, only that member's row (after a single edit the grid updates just that row).
    """
    plan = lookups.work_plan(session, month.first, month.last)
    days = month.days()
    members = _active_members(session, month.first, month.last, member_id)
    plans = lookups.member_plans(session, members)
    records = _records(session, list(members), month.first, month.last)
    warn = _Warner(session)
    # What depends on the day alone is computed once per day, not once per member and day (a switch of
    # the month grid runs this loop for 200 members × 31 days).
    open_days = [plan.is_open_day(day) for day in days]
    none = Fraction(0)
    rows = []
    for member_id, (name, _area) in members.items():
        member_plan = plans[member_id]
        cells: list[DayEntry | None] = []
        for day, is_open in zip(days, open_days, strict=True):
            placement = member_plan.placement_on(day)
            if placement is None:
                cells.append(None)
                continue
            entry = records.get((member_id, day)) or DayEntry()
            entry.planned = plan.planned_on_open_day(member_plan, day) if is_open else none
            warn(name, day, member_plan, entry, placement=placement, month=month)
            cells.append(entry)
        rows.append(GridRow(member_id, name, cells))
    rows.sort(key=lambda r: swedish_key(r.name))
    return MonthGrid(
        month=month,
        day_kinds=[plan.calendar.day_kind(d) for d in days],
        holidays=[holiday_name(d) for d in days],
        locked_by=_lock(session, month),
        rows=rows,
    )


def hours_by_area_totals(rows: list[RegisterRow]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        for area, hours in row.entry.hours.items():
            totals[area] += hours
    return dict(totals)
