"""Register days: the one command both the daily register (Idag, Månad) and ``coopdesk register`` use,
and the read models of the day register and the month grid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from coopdesk.app.application import Command, Query, Work
from coopdesk.core.calendar import Month
from coopdesk.core.errors import ValidationError
from coopdesk.core.models import Member
from coopdesk.core.services import attendance, lookups
from coopdesk.core.services.member_record import find_member
from coopdesk.core.services.register import DayRegister, MonthGrid, RegisterRow, day_register, month_grid

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DayState:
    """A member's record of a day: no status means unregistered; hours by work area id."""

    status: str | None = None
    hours: Mapping[int, Decimal] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.status, tuple(sorted(self.hours.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DayState):
            return NotImplemented
        return self.status == other.status and dict(self.hours) == dict(other.hours)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "hours": {str(area): str(hours) for area, hours in self.hours.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DayState:
        return cls(data.get("status"), {int(area): Decimal(hours) for area, hours in (data.get("hours") or {}).items()})


@dataclass(frozen=True)
class DayChange:
    """One member-day to set.

    ``member`` is an id, or (from the command line) a name or personal number resolved in the same
    transaction; ``hours`` are keyed by work area id, or by work area name (case ignored), values
    Decimal or text (parsed and checked by the service). ``expected`` is the version of the record the
    user saw (0: none; None: don't check). ``name`` is the member's name as shown, for labels.
    """

    member: int | str
    day: dt.date
    status: str | None
    hours: Mapping[int | str, Decimal | str] = field(default_factory=dict)
    expected: int | None = None
    name: str = ""

    @classmethod
    def of(
        cls, member_id: int, day: dt.date, state: DayState, expected: int | None = None, name: str = ""
    ) -> DayChange:
        # A day in the GUI keeps the hours it had when its status changes away from present (so that
        # undo brings them back); only present carries hours to the database.
        hours: dict[int | str, Decimal | str] = dict(state.hours.items()) if state.status == "present" else {}
        return cls(member_id, day, state.status, hours, expected, name)


@dataclass(frozen=True)
class DayDone:
    """A day set: the state before and after, the record's new version (0: no record), and — when the
    command was asked for rows — the register row as it now stands (read in the same transaction)."""

    member_id: int
    name: str
    day: dt.date
    old: DayState
    new: DayState
    version: int
    row: RegisterRow | None = None


def state_of(session: Session, member_id: int, day: dt.date) -> tuple[DayState, int]:
    record = attendance.find(session, member_id, day)
    if record is None:
        return DayState(), 0
    return DayState(record.status, {h.work_area_id: h.hours for h in record.hours}), record.version


class RegisterDays(Command[list[DayDone]]):
    """Set one or more member-days in one unit of work (one undo step in the GUI).

    ``versions`` overrides the expected version of a (member id, date) — the versions earlier offline
    changes of the same day produced when they were saved. ``with_rows`` reads each day's register row
    in the same transaction, so the view updates its row without a second read.
    """

    kinds = frozenset({"attendance"})

    def __init__(
        self,
        days: tuple[DayChange, ...] | list[DayChange],
        *,
        versions: Mapping[tuple[int, dt.date], int] | None = None,
        with_rows: bool = False,
    ) -> None:
        self.days = tuple(days)
        self.versions = dict(versions or {})
        self.with_rows = with_rows

    def run(self, work: Work) -> list[DayDone]:
        session = work.session
        area_ids: dict[str, int] | None = None
        done: list[DayDone] = []
        for change in self.days:
            member_id = change.member if isinstance(change.member, int) else find_member(session, change.member)
            hours: dict[int, Decimal | str] = {}
            for area, value in change.hours.items():
                if isinstance(area, str):
                    if area_ids is None:
                        area_ids = {a.name.casefold(): a.id for a in lookups.work_areas(session)}
                    area = _area_id(area, area_ids, session)
                hours[area] = value
            old, _version = state_of(session, member_id, change.day)
            expected = self.versions.get((member_id, change.day), change.expected)
            if change.status is None:
                attendance.clear(session, work.actor, member_id, change.day, expected_version=expected)
                version, new = 0, DayState()
                name = change.name or lookups.member(session, member_id).name
            else:
                record = attendance.register(
                    session,
                    work.actor,
                    member_id,
                    change.day,
                    change.status,
                    hours or None,  # hours with another status are refused, not dropped
                    today=work.today,
                    expected_version=expected,
                )
                version = record.version
                new = DayState(record.status, {h.work_area_id: h.hours for h in record.hours})
                name = change.name or record.member.name
            work.touched_day(member_id, change.day)
            done.append(DayDone(member_id, name, change.day, old, new, version))
        if self.with_rows:
            session.flush()
            done = [_with_row(session, d) for d in done]
        return done


def _area_id(name: str, area_ids: Mapping[str, int], session: Session) -> int:
    if name.strip().casefold() in area_ids:
        return area_ids[name.strip().casefold()]
    known = ", ".join(a.name for a in lookups.work_areas(session))
    raise ValidationError(
        "--hours",
        name,
        f"Arbetsområdet {name!r} finns inte. Finns: {known}.",
        f"The work area {name!r} does not exist. Known: {known}.",
    )


def _with_row(session: Session, done: DayDone) -> DayDone:
    register = day_register(session, done.day, member_id=done.member_id)
    row = register.rows[0] if register.rows else None
    return DayDone(done.member_id, done.name, done.day, done.old, done.new, done.version, row)


class DayRegisterView(Query[tuple[DayRegister, dict[int, str]]]):
    """The day register of Idag (one member's row with ``member_id``), with the work areas' names."""

    def __init__(self, day: dt.date, member_id: int | None = None) -> None:
        self.day = day
        self.member_id = member_id

    def run(self, session: Session, today: dt.date) -> tuple[DayRegister, dict[int, str]]:
        areas = {a.id: a.name for a in lookups.work_areas(session)}
        return day_register(session, self.day, member_id=self.member_id), areas


class MonthGridView(Query[MonthGrid]):
    """Members × days of a month (one member's row with ``member_id``)."""

    def __init__(self, month: Month, member_id: int | None = None) -> None:
        self.month = month
        self.member_id = member_id

    def run(self, session: Session, today: dt.date) -> MonthGrid:
        return month_grid(session, self.month, member_id=self.member_id)


@dataclass(frozen=True)
class MonthSheet:
    """The Månad view's grid, with the work areas' names and each member's primary work area."""

    grid: MonthGrid
    areas: dict[int, str]
    primary_areas: dict[int, int | None]


class MonthSheetView(Query[MonthSheet]):
    """Members × days of a month, and the names a cell's hours are shown with, in one Session."""

    def __init__(self, month: Month) -> None:
        self.month = month

    def run(self, session: Session, today: dt.date) -> MonthSheet:
        return MonthSheet(
            month_grid(session, self.month),
            {a.id: a.name for a in lookups.work_areas(session)},
            {m: a for m, a in session.execute(select(Member.id, Member.primary_work_area_id))},
        )
