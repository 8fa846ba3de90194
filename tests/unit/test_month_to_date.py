"""Hittills i månaden (issue 12 point 4): the month to date beside the whole month.

The June 2026 data of test_statement_rules: Björn 75 % Mon–Fri (6 h a planned day), Zoran 25 %
(2 h), no holiday in 1–18 June; Sara (100 %) and Leila (50 %) log supervisor time.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from coopdesk.core.calendar import Month
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.models import Member
from coopdesk.core.services.month_to_date import (
    Figures,
    days_through,
    grid_through,
    member_month,
    supervisors_to_date,
    to_date_end,
)
from coopdesk.core.services.register import month_grid
from coopdesk.core.statement import supervisor_section
from tests.conftest import TODAY
from tests.unit.test_statement_rules import DOCUMENT

JUNE = Month(2026, 6)


@pytest.fixture
def june_db(db, actor):
    with db.session() as session:
        import_document(session, copy.deepcopy(DOCUMENT), actor=actor, today=TODAY)
    return db


def member(session, name: str) -> int:
    return session.scalar(select(Member.id).where(Member.name == name))


def test_to_date_end_only_in_the_current_month() -> None:
    assert to_date_end(JUNE, dt.date(2026, 7, 1), True) is None  # a past month is whole
    assert to_date_end(JUNE, dt.date(2026, 5, 31), False) is None  # a future month has no days yet
    assert to_date_end(JUNE, dt.date(2026, 6, 4), False) == dt.date(2026, 6, 3)  # up to yesterday
    assert to_date_end(JUNE, dt.date(2026, 6, 4), True) == dt.date(2026, 6, 4)  # today, once registered
    assert to_date_end(JUNE, dt.date(2026, 6, 1), False) == dt.date(2026, 5, 31)  # the 1st: no days yet
    assert days_through(JUNE, dt.date(2026, 5, 31)) == 0
    assert days_through(JUNE, dt.date(2026, 6, 4)) == 4
    assert days_through(JUNE, dt.date(2026, 7, 4)) == 30


def test_member_month_counts_today_once_that_member_is_registered(june_db) -> None:
    with june_db.session() as session:
        bjorn = member(session, "Björn Berg")
        # 4 June has Björn's record (present 0.5 h): 1–4 June, 4 × 6 h planned, 6 + 3.5 + 0.5 attended
        figures = member_month(session, bjorn, JUNE, dt.date(2026, 6, 4))
        assert figures is not None and figures.through == dt.date(2026, 6, 4)
        assert figures.to_date == Figures(Fraction(24), Decimal("10.0"))
        assert figures.to_date.attendance_rate == Decimal("41.7")
        # the whole month: 20 open days × 6 h; all of June's present hours
        assert figures.whole.planned_hours == 120
        assert figures.whole.attended_hours == Decimal("43.09")
        # 11 June is not registered for Björn: up to 10 June, 8 open days
        figures = member_month(session, bjorn, JUNE, dt.date(2026, 6, 11))
        assert figures is not None and figures.through == dt.date(2026, 6, 10)
        assert figures.to_date == Figures(Fraction(48), Decimal("20.0"))
        # a past month: whole only
        figures = member_month(session, bjorn, JUNE, dt.date(2026, 7, 2))
        assert figures is not None and figures.through is None and figures.to_date is None
        # Zoran on 1 June, nothing registered yet: no days so far, no rate (not 0 %)
        zoran = member_month(session, member(session, "Zoran Zetterlund"), JUNE, dt.date(2026, 6, 1))
        assert zoran is not None and zoran.to_date == Figures(Fraction(0), Decimal(0))
        assert zoran.to_date.attendance_rate is None


def test_grid_counts_today_once_everyone_planned_is_registered(june_db) -> None:
    with june_db.session() as session:
        grid = month_grid(session, JUNE)
    # 4 June: Björn registered, Zoran (planned 2 h) not → up to 3 June
    assert not grid.registered_on(dt.date(2026, 6, 4))
    assert grid_through(grid, dt.date(2026, 6, 4)) == dt.date(2026, 6, 3)
    # a Saturday nobody is planned on counts as registered
    assert grid_through(grid, dt.date(2026, 6, 6)) == dt.date(2026, 6, 6)
    bjorn = next(r for r in grid.rows if r.name == "Björn Berg")
    assert bjorn.until(3).planned_hours == 18 and bjorn.until(3).attended_hours == Decimal("9.5")
    assert bjorn.until(30).planned_hours == bjorn.planned_hours


def test_supervisors_to_date(june_db) -> None:
    with june_db.session() as session:
        # 2 June: Leila has logged nothing → up to 1 June, one working day
        through, section = supervisors_to_date(session, JUNE, dt.date(2026, 6, 2))
        assert through == dt.date(2026, 6, 1) and section.working_days == 1
        rows = {r.name: r for r in section.rows}
        assert (rows["Sara Svensson"].funded_hours, rows["Sara Svensson"].worked_hours) == (8, 8)
        assert (rows["Leila Haddad"].funded_hours, rows["Leila Haddad"].worked_hours) == (4, 4)
        assert section.difference == 0  # not the whole month's −229 h
        # Saturday 6 June is no working day: counted, with Leila's 3 h that day
        through, section = supervisors_to_date(session, JUNE, dt.date(2026, 6, 6))
        assert through == dt.date(2026, 6, 6) and section.working_days == 5
        rows = {r.name: r for r in section.rows}
        assert (rows["Sara Svensson"].funded_hours, rows["Sara Svensson"].worked_hours) == (40, 16)
        assert (rows["Leila Haddad"].funded_hours, rows["Leila Haddad"].worked_hours) == (20, 7)
        assert section.absence_hours == 12
        assert supervisors_to_date(session, JUNE, dt.date(2026, 7, 1)) is None
        # through the month's last day is the whole month, as the statement has it
        whole = supervisor_section(session, JUNE)
        assert supervisor_section(session, JUNE, through=JUNE.last) == whole
