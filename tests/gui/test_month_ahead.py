"""Månad reads the months beside the one shown ahead (issue 20.3): the same grid as a fresh read, and
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


def read_ahead(view: MonthView, qtbot) -> None:
    """Let the delay pass and the worker read the neighbours."""
    qtbot.waitUntil(lambda: len(view.ahead.months()) == 2, timeout=5000)
    view.ctx.tasks.settle()


def fresh(ctx: AppContext, month: Month):
    return ctx.query(MonthSheetView(month))


def test_the_months_beside_are_read_and_equal_a_fresh_read(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    november = Month.of(NOVEMBER)
    assert view.ahead.months() == [november.previous(), november.next()]
    ahead = view.ahead.take(november.previous())
    assert ahead is not None
    assert dataclasses.asdict(ahead.grid) == dataclasses.asdict(fresh(view.ctx, november.previous()).grid)
    assert ahead.areas == fresh(view.ctx, november.previous()).areas


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
    october = Month.of(NOVEMBER).previous()
    assert view.model.month() == october
    assert [r.member_id for r in view.model.rows] == [r.member_id for r in fresh(view.ctx, october).grid.rows]


def test_a_change_in_a_month_read_ahead_drops_it(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    october = Month.of(NOVEMBER).previous()
    sheet = view.ahead._reads[october]
    row = next(r for r in sheet.sheet.grid.rows if r.days[1] is not None)
    day = october.first + dt.timedelta(days=1)
    assert set_day(view.ctx, view, row.member_id, row.name, day, DayState("sick"))
    assert october not in view.ahead.months()  # an edit there: dropped
    assert view.ahead.take(october) is None  # the switch reads it afresh


def test_an_edit_in_the_month_shown_keeps_the_months_beside(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    row = next(r for r in view.model.rows if r.days[NOVEMBER.day - 1] is not None)
    assert set_day(view.ctx, view, row.member_id, row.name, NOVEMBER, DayState("sick"))
    november = Month.of(NOVEMBER)
    assert view.ahead.months() == [november.previous(), november.next()]


def test_any_other_change_drops_every_month_read_ahead(view: MonthView, qtbot) -> None:
    read_ahead(view, qtbot)
    view.ctx.changed.emit("members")
    assert view.ahead.months() == []


def test_a_month_read_on_another_day_is_read_again(view: MonthView, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    read_ahead(view, qtbot)
    monkeypatch.setattr(view.ctx, "clock", lambda: NOVEMBER + dt.timedelta(days=1))
    assert view.ahead.take(Month.of(NOVEMBER).next()) is None
