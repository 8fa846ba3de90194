"""The read models of Handledare: the supervisors, a week of one supervisor's hours, the month's figures.

The month figures come from the statement's supervisor section when the cooperative has a host
district, so the view and the printed statement can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from coopdesk.app.application import Query
from coopdesk.core.calendar import Month
from coopdesk.core.models import MonthLock, Supervisor, SupervisorHours
from coopdesk.core.services import lookups
from coopdesk.core.services.month_to_date import supervisors_to_date
from coopdesk.core.statement import SupervisorSection, compute_statement, supervisor_section
from coopdesk.core.text import swedish_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SupervisorItem:
    id: int
    name: str
    fte_percent: int  # in force today
    version: int = 1  # passed back when the supervisor is changed (core/conflicts.py)
    fte_history: tuple[tuple[dt.date, int], ...] = ()  # (valid-from, percent), oldest first


@dataclass(frozen=True)
class HoursEntry:
    id: int
    day: dt.date
    hours: Decimal
    activity: str
    work_area_id: int | None
    area_name: str | None
    version: int = 1  # passed back with a change: another PC's change since is not overwritten


@dataclass(frozen=True)
class SupervisorsPage:
    """The supervisors, by name, and the work areas' names (for the entry row)."""

    supervisors: list[SupervisorItem]
    areas: dict[int, str]


@dataclass(frozen=True)
class Lock:
    """An attested month ("2026-11"): by whom, on which day."""

    month: str
    attested_by: str
    attested_on: dt.date


@dataclass(frozen=True)
class SupervisorWeek:
    """One supervisor's entries of a week (none without a supervisor), and the week's attested months."""

    entries: list[HoursEntry]
    locks: list[Lock]


@dataclass(frozen=True)
class SupervisorFigures:
    """The month's funded and worked hours per supervisor, the full-time week, and the month to date."""

    section: SupervisorSection
    full_time_week: Decimal
    to_date: tuple[dt.date, SupervisorSection] | None


def supervisor_items(session: Session, day: dt.date) -> list[SupervisorItem]:
    """The supervisors with the FTE in force on ``day`` (a supervisor who starts later: the first FTE)."""
    history = lookups.fte_history(session)
    items = []
    for sid, name, version in session.execute(select(Supervisor.id, Supervisor.name, Supervisor.version)):
        entries = history.get(sid, [])
        fte = lookups.fte_on(entries, day) or (entries[0][1] if entries else 0)
        items.append(SupervisorItem(sid, name, fte, version, tuple(entries)))
    return sorted(items, key=lambda s: swedish_key(s.name))


class SupervisorsPageView(Query[SupervisorsPage]):
    """The supervisors with today's FTE, and the work areas."""

    def run(self, session: Session, today: dt.date) -> SupervisorsPage:
        return SupervisorsPage(supervisor_items(session, today), {a.id: a.name for a in lookups.work_areas(session)})


class SupervisorView(Query[SupervisorItem | None]):
    """One supervisor as the list shows it; None when it is gone."""

    def __init__(self, supervisor_id: int) -> None:
        self.supervisor_id = supervisor_id

    def run(self, session: Session, today: dt.date) -> SupervisorItem | None:
        return next((i for i in supervisor_items(session, today) if i.id == self.supervisor_id), None)


class SupervisorWeekView(Query[SupervisorWeek]):
    """The week from ``monday``: the entries of ``supervisor_id`` (None: no entries) and its locked months."""

    def __init__(self, supervisor_id: int | None, monday: dt.date) -> None:
        self.supervisor_id = supervisor_id
        self.monday = monday

    def run(self, session: Session, today: dt.date) -> SupervisorWeek:
        monday, sunday = self.monday, self.monday + dt.timedelta(days=6)
        entries: list[HoursEntry] = []
        if self.supervisor_id is not None:
            areas = {a.id: a.name for a in lookups.work_areas(session)}
            query = (
                select(SupervisorHours)
                .where(
                    SupervisorHours.supervisor_id == self.supervisor_id,
                    SupervisorHours.day >= monday,
                    SupervisorHours.day <= sunday,
                )
                .order_by(SupervisorHours.day, SupervisorHours.id)
            )
            entries = [
                HoursEntry(
                    e.id,
                    e.day,
                    e.hours,
                    e.activity,
                    e.work_area_id,
                    areas.get(e.work_area_id) if e.work_area_id is not None else None,
                    e.version,
                )
                for e in session.scalars(query)
            ]
        months = sorted({str(Month.of(monday + dt.timedelta(days=i))) for i in range(7)})
        locks = [
            Lock(lock.month, lock.attested_by, lock.attested_at.date())
            for m in months
            if (lock := session.get(MonthLock, m))
        ]
        return SupervisorWeek(entries, locks)


class HoursVersionView(Query[int | None]):
    """The version of an hours entry as stored now (None: it is gone)."""

    def __init__(self, entry_id: int) -> None:
        self.entry_id = entry_id

    def run(self, session: Session, today: dt.date) -> int | None:
        entry = session.get(SupervisorHours, self.entry_id)
        return entry.version if entry is not None else None


class SupervisorFiguresView(Query[SupervisorFigures]):
    """The figures of ``month``, with the month to date as of ``day`` (the view's today)."""

    def __init__(self, month: Month, day: dt.date) -> None:
        self.month = month
        self.day = day

    def run(self, session: Session, today: dt.date) -> SupervisorFigures:
        month = self.month
        full_time = lookups.settings_on(session, month.first).full_time_week
        return SupervisorFigures(
            supervisor_figures(session, month), full_time, supervisors_to_date(session, month, self.day)
        )


def supervisor_figures(session: Session, month: Month) -> SupervisorSection:
    """The month's funded and worked hours per supervisor, as the host district's statement shows them."""
    host = lookups.host_district(session, month.first)
    if host is not None:
        section = compute_statement(session, host, month).supervisors
        if section is not None:
            return section
    # No host district yet: the same section (domain.md §4), without a statement to hang it on.
    return supervisor_section(session, month)
