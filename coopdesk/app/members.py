"""The read models of Medlemmar and the member editor, and the command that saves a member's Uppgifter.

The rows are read in one go and handed over as frozen dataclasses, so a table model never touches a
session and a refresh can compare old and new rows (targeted ``dataChanged`` instead of a reset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import select

from coopdesk.app.application import Command, Query, Work
from coopdesk.core.calendar import Month
from coopdesk.core.errors import NotFoundError
from coopdesk.core.models import Attendance, District, Member
from coopdesk.core.services import lookups
from coopdesk.core.services import members as services
from coopdesk.core.services.member_record import find_member
from coopdesk.core.services.month_to_date import MonthToDate, member_month
from coopdesk.core.tariffs import billed_per_hour
from coopdesk.core.text import swedish_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The Närvaro tab looks this far back.
ATTENDANCE_WEEKS = 8


@dataclass(frozen=True)
class MemberRow:
    member_id: int
    name: str
    personal_number: str | None  # None: erased (gallrad)
    district: str | None  # of the placement active today
    placement_end: dt.date | None
    active: bool
    percent: int | None
    area: str | None
    next_start: dt.date | None = None  # without an active placement: the next one, if any
    last_end: dt.date | None = None  # … or the end of the last one


@dataclass(frozen=True)
class PlacementRow:
    placement_id: int
    district: str
    decision_ref: str
    case_worker: str | None
    phone: str | None
    email: str | None
    start: dt.date
    end: dt.date | None
    version: int = 1  # passed back with a change (core/conflicts.py)
    end_reason: str | None = None  # vocabulary.END_REASONS; only with an end

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class CapacityRow:
    valid_from: dt.date
    percent: int
    weekdays: frozenset[int]


@dataclass(frozen=True)
class AttendanceRow:
    day: dt.date
    planned: Fraction
    status: str | None
    hours: Decimal
    areas: str
    exact_hours: bool = False  # the day's district pays per hour: planned hours to the hundredth


@dataclass(frozen=True)
class MemberDetails:
    member_id: int
    name: str
    personal_number: str
    primary_work_area_id: int | None
    placements: list[PlacementRow]
    capacities: list[CapacityRow]
    attendance: list[AttendanceRow]
    version: int = 1  # of the member's row, passed back when Uppgifter are saved


@dataclass(frozen=True)
class MemberEditorData:
    """What the member editor shows: the choices of its forms, and the member (None: a new member)."""

    districts: list[tuple[int, str]]
    areas: list[tuple[int, str]]
    opening: frozenset[int]  # the weekdays open on the editor's today
    details: MemberDetails | None
    month: MonthToDate | None


class MemberListView(Query[list[MemberRow]]):
    """Every member with what is true on ``day`` (a handful of queries, whatever the size), by name.

    Erased (gallrade) members are left out unless asked for: nothing of them is left to manage.
    """

    def __init__(self, day: dt.date, *, include_erased: bool = False) -> None:
        self.day = day
        self.include_erased = include_erased

    def run(self, session: Session, today: dt.date) -> list[MemberRow]:
        day = self.day
        query = select(Member.id, Member.name, Member.personal_number, Member.primary_work_area_id)
        if not self.include_erased:
            query = query.where(Member.erased_at.is_(None))
        members = list(session.execute(query))
        plans = lookups.member_plans(session, [m.id for m in members])
        districts = {d.id: d.name for d in session.execute(select(District.id, District.name))}
        areas = {a.id: a.name for a in lookups.work_areas(session)}
        rows = []
        for m in members:
            plan = plans[m.id]
            current = plan.placement_on(day)
            capacity = plan.capacity_on(day)
            later = [p.start for p in plan.placements if p.start > day]
            ended = [p.end for p in plan.placements if p.end is not None and p.end < day]
            rows.append(
                MemberRow(
                    member_id=m.id,
                    name=m.name,
                    personal_number=m.personal_number,
                    district=districts.get(current.district_id) if current else None,
                    placement_end=current.end if current else None,
                    active=current is not None,
                    percent=capacity.percent if capacity and current else None,
                    area=areas.get(m.primary_work_area_id) if m.primary_work_area_id is not None else None,
                    next_start=min(later) if later and current is None else None,
                    last_end=max(ended) if ended and current is None else None,
                )
            )
        return sorted(rows, key=lambda r: swedish_key(r.name))


class MemberDetailsView(Query[MemberDetails]):
    """One member's Uppgifter, placements, capacity and the last weeks' attendance as of ``day``."""

    def __init__(self, member_id: int, day: dt.date) -> None:
        self.member_id = member_id
        self.day = day

    def run(self, session: Session, today: dt.date) -> MemberDetails:
        return member_details(session, self.member_id, self.day)


class MemberEditorView(Query[MemberEditorData]):
    """Everything the member editor reads, in one Session (``member_id`` None: a new member)."""

    def __init__(self, member_id: int | None, day: dt.date) -> None:
        self.member_id = member_id
        self.day = day

    def run(self, session: Session, today: dt.date) -> MemberEditorData:
        day, member_id = self.day, self.member_id
        return MemberEditorData(
            districts=[(d.id, d.name) for d in lookups.districts(session)],
            areas=[(a.id, a.name) for a in lookups.work_areas(session)],
            opening=lookups.settings_on(session, day).opening_weekdays,  # dated: those open that day
            details=member_details(session, member_id, day) if member_id is not None else None,
            month=member_month(session, member_id, Month.of(day), day) if member_id is not None else None,
        )


class SaveMember(Command[int]):
    """Add a member (``member_id`` None) or change its Uppgifter; the member's id."""

    kinds: ClassVar[frozenset[str]] = frozenset({"members"})

    def __init__(
        self,
        member_id: int | None,
        name: str,
        personal_number: str,
        primary_work_area_id: int | None,
        day: dt.date,
        expected_version: int | None = None,
    ) -> None:
        self.member_id = member_id
        self.name = name
        self.personal_number = personal_number
        self.primary_work_area_id = primary_work_area_id
        self.day = day
        self.expected_version = expected_version

    def run(self, work: Work) -> int:
        if self.member_id is None:
            return services.add_member(
                work.session,
                work.actor,
                self.name,
                self.personal_number,
                primary_work_area_id=self.primary_work_area_id,
                today=self.day,
            ).id
        return services.update_member(
            work.session,
            work.actor,
            self.member_id,
            name=self.name,
            personal_number=self.personal_number,
            primary_work_area_id=self.primary_work_area_id,
            today=self.day,
            expected_version=self.expected_version,
        ).id


def member_details(session: Session, member_id: int, day: dt.date) -> MemberDetails:
    member = lookups.member(session, member_id)
    placements = [
        PlacementRow(
            p.id,
            p.district.name,
            p.decision_ref,
            p.case_worker,
            p.case_worker_phone,
            p.case_worker_email,
            p.start,
            p.end,
            p.version,
            p.end_reason,
        )
        for p in member.placements
    ]
    capacities = [CapacityRow(c.valid_from, c.percent, frozenset(c.weekdays)) for c in member.capacity_periods]
    return MemberDetails(
        member.id,
        member.name,
        member.personal_number or "",  # "" once erased
        member.primary_work_area_id,
        placements,
        capacities,
        recent_attendance(session, member_id, day),
        member.version,
    )


def recent_attendance(session: Session, member_id: int, day: dt.date) -> list[AttendanceRow]:
    """The planned or registered days of the last weeks up to ``day``, newest first (unregistered days
    included)."""
    first = day - dt.timedelta(weeks=ATTENDANCE_WEEKS) + dt.timedelta(days=1)
    plan = lookups.member_plans(session, [member_id])[member_id]
    work_plan = lookups.work_plan(session, first, day)
    areas = {a.id: a.name for a in lookups.work_areas(session)}
    records = {
        a.day: a
        for a in session.scalars(
            select(Attendance)
            .where(Attendance.member_id == member_id, Attendance.day >= first, Attendance.day <= day)
            .order_by(Attendance.day.desc())
            .limit(60)
        )
    }
    rows = []
    hourly: dict[tuple[int, Month], bool] = {}
    for offset in range((day - first).days + 1):
        date = day - dt.timedelta(days=offset)
        planned = work_plan.planned_hours(plan, date)
        record = records.get(date)
        if record is None and not planned:
            continue
        hours = sum((h.hours for h in record.hours), Decimal(0)) if record else Decimal(0)
        names = ", ".join(areas.get(h.work_area_id, "") for h in record.hours) if record else ""
        placement = plan.placement_on(date)
        exact = False
        if placement is not None:
            key = (placement.district_id, Month.of(date))
            if key not in hourly:
                hourly[key] = billed_per_hour(session, *key)
            exact = hourly[key]
        rows.append(AttendanceRow(date, planned, record.status if record else None, hours, names, exact))
    return rows


class EndPlacement(Command[int]):
    """End a placement on ``end`` (inclusive) for ``reason`` (domain.md §8; None: not known); its id.

    The placement is named by its id (the member editor), or by its member (name or personal number,
    the command line) as the member's placement active on ``end`` — or, if none is, the latest one that
    starts on or before it (to change the end of one already ended). A move to another district is not
    an ending: that is ``services.move_to_district``, which ends the old placement without a reason.
    """

    kinds: ClassVar[frozenset[str]] = frozenset({"members"})

    def __init__(
        self,
        placement: int | None,
        end: dt.date,
        reason: str | None,
        *,
        member: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        self.placement = placement
        self.end = end
        self.reason = reason
        self.member = member
        self.expected_version = expected_version

    def run(self, work: Work) -> int:
        placement_id = self.placement
        if placement_id is None:
            placement_id = self._placement_of_member(work.session)
        placement = services.end_placement(
            work.session, work.actor, placement_id, self.end, self.reason, expected_version=self.expected_version
        )
        work.touched_member(placement.member_id)
        work.touched("members")
        return placement.id

    def _placement_of_member(self, session: Session) -> int:
        member = lookups.member(session, find_member(session, self.member or ""))
        started = [p for p in member.placements if p.start <= self.end]
        active = [p for p in started if p.end is None or p.end >= self.end]
        chosen = (active or sorted(started, key=lambda p: p.start))[-1:]
        if not chosen:
            raise NotFoundError(
                f"{member.name} har inget beslut som börjar senast {self.end}.",
                f"{member.name} has no placement that starts on or before {self.end}.",
            )
        return chosen[0].id
