"""The way back: a year's members and attendance in the layout import-sheet reads (domain.md §11), so that
a file exported and imported into an empty database with the same districts and work areas gives the
same members, placements, capacity history and attendance.

Two things the layout of §11 does not hold are written so that the import reads them back: a capacity
that changes inside one placement becomes two rows of that placement (the second starting the day the
capacity changes; the import joins them back into one placement), and hours in a work area other than
the member's own go on a sheet of that area (``2026-05 Glasverkstad``), beside the month's own sheet
that holds the hours in the member's own area and the absences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.calendar import Month
from coopdesk.core.models import Attendance, Member, Placement
from coopdesk.core.sheets.cells import STATUS_LETTERS
from coopdesk.core.text import swedish_key

_DAY_NAMES = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")

#: The member sheet's headers and the kind of value under each (reports/year_sheets.py writes them).
MEMBER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Namn", "text"),
    ("Personnummer", "text"),
    ("Beställare", "text"),
    ("Beslutsnummer", "text"),
    ("Från", "date"),
    ("Till", "date"),
    ("Handläggare", "text"),
    ("Handläggarens telefon", "text"),
    ("Handläggarens e-post", "text"),
    ("Omfattning (%)", "int"),
    ("Veckodagar", "text"),
    ("Arbetsområde", "text"),
)


@dataclass(frozen=True)
class YearSheets:
    """A year as plain rows: the member sheet's and each month sheet's (name, personal number, days); a
    month sheet with a work area's name ("" for the month's own sheet) holds hours in that area."""

    year: int
    member_rows: list[list[object]]
    months: list[tuple[Month, str, list[list[object]]]]


def weekdays_text(days: frozenset[int]) -> str:
    """{1, 2, 3, 4} → "mån–tor", {1, 3, 5} → "mån, ons, fre" (what import-sheet reads back)."""
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{_DAY_NAMES[ordered[0] - 1]}–{_DAY_NAMES[ordered[-1] - 1]}"
    return ", ".join(_DAY_NAMES[d - 1] for d in ordered)


def _members_of_year(session: Session, year: int) -> list[Member]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ids = set(
        session.scalars(
            select(Placement.member_id).where(
                Placement.start <= last, (Placement.end.is_(None)) | (Placement.end >= first)
            )
        )
    )
    found = [m for m in session.scalars(select(Member).where(Member.id.in_(ids))) if m.personal_number]
    return sorted(found, key=lambda m: (swedish_key(m.name), m.personal_number or ""))


def member_sheet_rows(member: Member) -> list[list[object]]:
    """One row per placement, split where the capacity changes inside it."""
    rows: list[list[object]] = []
    area = member.primary_work_area.name if member.primary_work_area else None
    periods = sorted(member.capacity_periods, key=lambda c: c.valid_from)
    for placement in sorted(member.placements, key=lambda p: p.start):
        starts = [placement.start] + [
            c.valid_from
            for c in periods
            if placement.start < c.valid_from and (placement.end is None or c.valid_from <= placement.end)
        ]
        for i, start in enumerate(starts):
            end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else placement.end
            capacity = next((c for c in reversed(periods) if c.valid_from <= start), None)
            rows.append(
                [
                    member.name,
                    member.personal_number,
                    placement.district.name,
                    placement.decision_ref,
                    start,
                    end,
                    placement.case_worker,
                    placement.case_worker_phone,
                    placement.case_worker_email,
                    capacity.percent if capacity else None,
                    weekdays_text(frozenset(capacity.weekdays)) if capacity else None,
                    area,
                ]
            )
    return rows


def year_sheets(session: Session, year: int) -> YearSheets:
    """The member sheet and one month sheet per month of ``year`` that has a placement in it."""
    members = _members_of_year(session, year)
    records: dict[tuple[int, dt.date], Attendance] = {
        (r.member_id, r.day): r
        for r in session.scalars(
            select(Attendance).where(Attendance.day >= dt.date(year, 1, 1), Attendance.day <= dt.date(year, 12, 31))
        )
    }
    months: list[tuple[Month, str, list[list[object]]]] = []
    for number in range(1, 13):
        month = Month(year, number)
        active = [
            m
            for m in members
            if any(p.start <= month.last and (p.end is None or p.end >= month.first) for p in m.placements)
        ]
        if not active:
            continue
        rows = [
            [
                m.name,
                m.personal_number,
                *(_day_value(records.get((m.id, d)), m.primary_work_area_id) for d in month.days()),
            ]
            for m in active
        ]
        months.append((month, "", rows))
        # Hours in an area other than the member's own: a sheet of that area (the import adds them up).
        others: dict[str, list[list[object]]] = {}
        for m in active:
            by_area: dict[str, list[object]] = {}
            for i, d in enumerate(month.days()):
                record = records.get((m.id, d))
                for h in record.hours if record is not None else ():
                    if h.work_area_id != m.primary_work_area_id:
                        by_area.setdefault(h.work_area.name, [None] * month.number_of_days)[i] = h.hours
            for area, values in by_area.items():
                others.setdefault(area, []).append([m.name, m.personal_number, *values])
        months.extend((month, area, others[area]) for area in sorted(others, key=swedish_key))
    return YearSheets(year, [row for m in members for row in member_sheet_rows(m)], months)


def _day_value(record: Attendance | None, own_area: int | None) -> object:
    """The month sheet's cell: the hours in the member's own area, or the absence's letter."""
    if record is None:
        return None
    if record.status == "present":
        own = sum((h.hours for h in record.hours if h.work_area_id == own_area), Decimal(0))
        return own or None
    return STATUS_LETTERS[record.status]


def record_export(session: Session, actor: audit.Actor, data: YearSheets, file_name: str) -> None:
    """The workbook names members with their attendance: its making is on the record like a statement's."""
    members = len({row[1] for row in data.member_rows})
    audit.record(
        session,
        actor,
        "export",
        "spreadsheet",
        str(data.year),
        summary=f"Kalkylblad {data.year} ({members} medlemmar) till {file_name}",
        new={"file": file_name, "year": data.year, "members": members},
    )
