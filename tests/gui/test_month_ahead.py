"""Månad reads the month the user is heading for ahead (issue 20.3): the same grid as a fresh read, and
never one from before a change."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coopdesk.app.attendance import MonthSheetView
from coopdesk.core.calendar import Month
from coopdesk.ui.context import AppContext
from coopdesk.ui.undo import DayState, set_day
from coopdesk.ui.views import month_ahead
from coopdesk.ui.views.month import MonthView

NOVEMBER = dt.date(2026, 11, 26)


@pytest.fixture
def view(ctx: AppContext, qtbot, monkeypatch: pytest.MonkeyPatch) -> MonthView:
    monkeypatch.setattr(month_ahead, "DELAY_MS", 1)
    widget = MonthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_date(NOVEMBER)
    return widget


OCTOBER = Month.of(NOVEMBER).previous()


def read_ahead(view: MonthView, qtbot) -> None:
    """Let the delay pass and the worker read the month ahead."""
    qtbot.waitUntil(lambda: len(view.ahead.months()) == 1, timeout=5000)
    view.ctx.tasks.settle()


def fresh(ctx: AppContext, month: Month):
    return ctx.query(MonthSheetView(month))


def test_the_month_before_is_read_and_equals_a_fresh_read(view: MonthView, qtbot) -> None:
    """The view opened on December and went back to November: October is read ahead."""
    read_ahead(view, qtbot)
    assert view.ahead.months() == [OCTOBER]
    ahead = view.ahead.take(OCTOBER)
    assert ahead is not None
    assert dataclasses.asdict(ahead.grid) == dataclasses.asdict(fresh(view.ctx, OCTOBER).grid)
    assert ahead.areas == fresh(view.ctx, OCTOBER).areas


def test_going_forward_reads_the_month_after_and_drops_the_other(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    october = view.ahead._reads[OCTOBER]
    view.next_month()  # December, forward
    assert october.cancelled  # skipped on the worker if it had not begun
    qtbot.waitUntil(lambda: view.ahead.months() == [Month.of(NOVEMBER).next().next()], timeout=5000)


def test_a_switch_shows_the_month_read_ahead(view: MonthView, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    read_ahead(view, qtbot)
    reads: list[Month] = []
    real = view.ctx.query_or_keep

    def counted(query):
        reads.append(query.month)
        return real(query)

    monkeypatch.setattr(view.ctx, "query_or_keep", counted)
    view.previous_month()
    assert reads == []  # taken from the read ahead, not read on the switch
    assert view.model.month() == OCTOBER
    assert [r.member_id for r in view.model.rows] == [r.member_id for r in fresh(view.ctx, OCTOBER).grid.rows]


def test_a_change_in_a_month_read_ahead_drops_it(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    october = OCTOBER
    sheet = view.ahead._reads[october]
    row = next(r for r in sheet.sheet.grid.rows if r.days[1] is not None)
    day = october.first + dt.timedelta(days=1)
    assert set_day(view.ctx, view, row.member_id, row.name, day, DayState("sick"))
    assert october not in view.ahead.months()  # an edit there: dropped
    assert view.ahead.take(october) is None  # the switch reads it afresh


def test_an_edit_in_the_month_shown_keeps_the_month_read_ahead(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    row = next(r for r in view.model.rows if r.days[NOVEMBER.day - 1] is not None)
    assert set_day(view.ctx, view, row.member_id, row.name, NOVEMBER, DayState("sick"))
    assert view.ahead.months() == [OCTOBER]


def test_any_other_change_drops_the_month_read_ahead(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    view.ctx.changed.emit("members")
    assert view.ahead.months() == []


def test_a_month_read_on_another_day_is_read_again(view: MonthView, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    read_ahead(view, qtbot)
    monkeypatch.setattr(view.ctx, "clock", lambda: NOVEMBER + dt.timedelta(days=1))
    assert view.ahead.take(OCTOBER) is None
