"""Hittills i månaden: the month to date, shown beside the whole month (docs/rules.md).

Early in a month, the month's attended hours so far against the whole month's plan gave a rate of
10–25 % and a supervisor avvikelse of −335 h: figures that alarm for no reason. The current month is
therefore also shown to date: from the 1st up to yesterday, or up to today once today is registered
(for everyone planned today in Månad; for that member on the member card; for every supervisor in
Handledare). Warnings are coloured from the month-to-date figures only. A past or future month has
whole-month figures only.

The sums are the grid's and the statement's own (``GridRow``, ``supervisor_section``,
``attendance_rate``): only the last day differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from coopdesk.core.calendar import Month, is_working_day
from coopdesk.core.models import Supervisor, SupervisorHours
from coopdesk.core.services.register import GridRow, MonthGrid, month_grid
from coopdesk.core.statement import SupervisorSection, attendance_rate, supervisor_section

__all__ = [
    "Figures",
    "MonthToDate",
    "days_through",
    "grid_through",
    "member_month",
    "row_figures",
    "supervisors_registered_on",
    "supervisors_to_date",
    "to_date_end",
]


def to_date_end(month: Month, today: dt.date, today_registered: bool) -> dt.date | None:
    """The last day the month-to-date figures count: today once registered, else yesterday.

    None when ``month`` is not the current month (a past month is whole; a future one has no days yet).
    On the 1st before it is registered this is the last day of the month before: no days yet.
    """
    if not month.first <= today <= month.last:
        return None
    return today if today_registered else today - dt.timedelta(days=1)


def days_through(month: Month, through: dt.date) -> int:
    """How many days of ``month`` are counted up to and including ``through`` (0 before its first)."""
    return max(0, (min(through, month.last) - month.first).days + 1)


@dataclass(frozen=True)
class Figures:
    planned_hours: Fraction
    attended_hours: Decimal

    @property
    def attendance_rate(self) -> Decimal | None:
        return attendance_rate(self.attended_hours, self.planned_hours)


@dataclass(frozen=True)
class MonthToDate:
    month: Month
    through: dt.date | None  # None: not the current month, whole-month figures only
    whole: Figures
    to_date: Figures | None


def row_figures(month: Month, row: GridRow, through: dt.date | None) -> MonthToDate:
    whole = Figures(row.planned_hours, row.attended_hours)
    if through is None:
        return MonthToDate(month, None, whole, None)
    part = row.until(days_through(month, through))
    return MonthToDate(month, through, whole, Figures(part.planned_hours, part.attended_hours))


def grid_through(grid: MonthGrid, today: dt.date) -> dt.date | None:
    """Månad: up to today when everyone planned today is registered, else up to yesterday."""
    return to_date_end(grid.month, today, grid.registered_on(today))


def member_month(session: Session, member_id: int, month: Month, today: dt.date) -> MonthToDate | None:
    """One member's month (the member card): to date up to today once that member's today is registered.

    None when the member has no placement in the month.
    """
    grid = month_grid(session, month, member_id=member_id)
    if not grid.rows:
        return None
    return row_figures(month, grid.rows[0], grid_through(grid, today))


def supervisors_registered_on(session: Session, day: dt.date) -> bool:
    """Every supervisor has time logged on ``day`` (a day that is not a working day counts as done)."""
    if not is_working_day(day):
        return True
    logged = exists().where(SupervisorHours.supervisor_id == Supervisor.id, SupervisorHours.day == day)
    missing = session.scalar(select(Supervisor.id).where(~logged).limit(1))
    return missing is None


def supervisors_to_date(session: Session, month: Month, today: dt.date) -> tuple[dt.date, SupervisorSection] | None:
    """Handledare: funded and worked hours of the current month to date; None for another month."""
    registered = month.first <= today <= month.last and supervisors_registered_on(session, today)
    through = to_date_end(month, today, registered)
    if through is None:
        return None
    return through, supervisor_section(session, month, through=through)
