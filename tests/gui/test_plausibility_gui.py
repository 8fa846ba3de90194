"""Plausibility warnings in the interface: the statement preview lists them; Idag and Månad mark the day.

The warnings come from the core (core/plausibility.py); these tests check that the views show what the
core found, for the demo cooperative's October 2026 (not attested).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coopdesk.core.calendar import Month
from coopdesk.core.plausibility import grouped
from coopdesk.core.services import lookups
from coopdesk.core.services.register import day_register, month_grid
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.month_model import MonthModel
from coopdesk.ui.views.statements import StatementsView
from coopdesk.ui.views.today_model import TodayModel
from coopdesk.ui.widgets import COLORS

OCTOBER = Month(2026, 10)


def _warned_day(ctx: AppContext) -> tuple[int, dt.date]:
    grid = ctx.read(lambda s: month_grid(s, OCTOBER))
    for row in grid.rows:
        for day, entry in zip(OCTOBER.days(), row.days, strict=True):
            if entry is not None and entry.warnings:
                return row.member_id, day
    pytest.fail("the demo's October has no day with a plausibility warning")


def test_the_statement_preview_lists_the_warnings_of_the_statement_shown(qtbot, ctx: AppContext) -> None:
    view = StatementsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_month(OCTOBER)
    for name in ("Norrmalm", "Södermalm"):  # the demo's Norrmalm bills a half day from 1 h; Södermalm per hour
        view.district.setCurrentIndex(view.district.findText(name))
        qtbot.waitUntil(
            lambda name=name: (
                view.built is not None and view.built.month == OCTOBER and view.built.statements[0].district == name
            ),
            timeout=20_000,
        )
        groups = grouped(view.built.statements[0].warnings)
        shown = [view.checks.item(i).text() for i in range(view.checks.count())]
        assert shown == [g.message("sv") for g in groups]
        assert view.checks.isVisible() == bool(groups) == view.checks_title.isVisible()
        if name == "Norrmalm":
            assert groups and all("0,00 kr" in text for text in shown)
            assert "Norrmalm" in view.checks_title.text()
            assert view.attest_button.isEnabled()  # warnings never block the attest


def test_month_marks_a_warned_day_and_says_why(ctx: AppContext) -> None:
    member_id, day = _warned_day(ctx)
    grid = ctx.read(lambda s: month_grid(s, OCTOBER))
    model = MonthModel()
    model.set_grid(grid, {a.id: a.name for a in ctx.read(lookups.work_areas)}, {})
    row = next(i for i, r in enumerate(grid.rows) if r.member_id == member_id)
    warned = model.index(row, model.day_column(day))
    entry = model.entry(warned)
    assert model.data(warned, Qt.ItemDataRole.ForegroundRole) == COLORS["warning"]
    assert model.data(warned, Qt.ItemDataRole.FontRole).underline()
    tooltip = model.data(warned, Qt.ItemDataRole.ToolTipRole)
    assert all(w.sv in tooltip for w in entry.warnings)
    for column in range(model.columnCount()):  # the days without a warning are not marked
        other = model.entry(model.index(row, column))
        if other is not None and not other.warnings:
            font = model.data(model.index(row, column), Qt.ItemDataRole.FontRole)
            assert font is None or not font.underline()


def test_today_marks_the_hours_of_a_warned_member(ctx: AppContext) -> None:
    member_id, day = _warned_day(ctx)
    register = ctx.read(lambda s: day_register(s, day))
    model = TodayModel()
    model.set_register(register, {a.id: a.name for a in ctx.read(lookups.work_areas)})
    for i, row in enumerate(model.rows):
        hours = model.index(i, model.HOURS)
        icon = model.data(hours, Qt.ItemDataRole.DecorationRole)
        tooltip = model.data(hours, Qt.ItemDataRole.ToolTipRole)
        if row.entry.warnings:
            assert icon is not None and not icon.isNull()
            assert all(w.sv in tooltip for w in row.entry.warnings)
        else:
            assert icon is None and tooltip is None
    assert model.rows[model.row_of(member_id)].entry.warnings
