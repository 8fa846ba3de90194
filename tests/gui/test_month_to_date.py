"""Hittills i månaden (issue 12 point 4): early in a month the figures do not alarm for no reason.

The demo data is built around 2026-11-27 (GUI_TODAY); the app's clock is set to a fixed day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt

from coopdesk.core.calendar import Month
from coopdesk.core.numbers import round_half_up
from coopdesk.core.services.month_to_date import member_month
from coopdesk.core.statement import attendance_rate
from coopdesk.ui import formats
from coopdesk.ui.views.month import MonthView
from tests.gui.conftest import GUI_TODAY

NOVEMBER = Month(2026, 11)


@pytest.fixture
def month_view(ctx, qtbot) -> MonthView:
    ctx.clock = lambda: GUI_TODAY
    widget = MonthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_date(GUI_TODAY)
    return widget


def header(view: MonthView, column: int, role=Qt.ItemDataRole.DisplayRole) -> str:
    return view.model.headerData(column, Qt.Orientation.Horizontal, role)


def test_month_shows_month_to_date_beside_the_whole_month(month_view: MonthView) -> None:
    model = month_view.model
    through = GUI_TODAY - dt.timedelta(days=1)  # today is not registered for everyone yet
    assert model.through == through
    first = model.to_date_planned_column
    assert first == model.rate_column + 1 and model.columnCount() == model.FIRST_DAY + 30 + 6
    assert [header(month_view, c) for c in model.total_columns] == [
        "Planerat\nhela månaden",
        "Närvaro\nhela månaden",
        "Närvarograd\nhela månaden",
        "Planerat\nhittills",
        "Närvaro\nhittills",
        "Närvarograd\nhittills",
    ]
    assert header(month_view, first, Qt.ItemDataRole.ToolTipRole).startswith("Hittills i månaden (t.o.m. 2026-11-26)")
    assert header(month_view, model.planned_column, Qt.ItemDataRole.ToolTipRole).startswith("Hela månaden")
    assert "t.o.m. 2026-11-26" in month_view.to_date_note.text() and month_view.to_date_note.isVisibleTo(month_view)
    for column in model.total_columns:  # the totals view shows all six, the grid none
        assert month_view.table.isColumnHidden(column) and not month_view.totals.isColumnHidden(column)

    # every member: the to-date figures count days 1–26 only, the whole month all 30
    compared = 0
    for r, row in enumerate(model.rows):
        part = row.days[: through.day]
        planned = sum((d.planned for d in part if d), start=0)
        attended = sum((d.total_hours for d in part if d and d.status == "present"), start=Decimal(0))
        rate = attendance_rate(attended, planned)
        text = model.index(r, first + 2).data()
        assert text == ("–" if rate is None else f"{formats.decimal(rate, 1)} %")
        assert model.index(r, first).data() == formats.hours(round_half_up(Fraction(planned), 2), dash="0")
        if rate is not None and row.planned_hours != planned:
            whole = attendance_rate(row.attended_hours, row.planned_hours)
            assert whole is not None and whole < rate  # the whole-month rate is the one that alarmed
            compared += 1
    assert compared >= 10


def test_month_counts_today_once_everyone_planned_is_registered(month_view: MonthView, ctx) -> None:
    from coopdesk.core.services import attendance

    model = month_view.model
    i = GUI_TODAY.day - 1
    planned = [r for r in model.rows if r.days[i] is not None and r.days[i].planned and r.days[i].status is None]
    assert planned
    with ctx.db.session() as session:
        for row in planned:
            attendance.register(session, ctx.actor, row.member_id, GUI_TODAY, "sick", today=GUI_TODAY)
    ctx.changed.emit("attendance")
    month_view.refresh()
    assert model.through == GUI_TODAY
    assert header(month_view, model.to_date_planned_column, Qt.ItemDataRole.ToolTipRole).startswith(
        "Hittills i månaden (t.o.m. 2026-11-27)"
    )
    assert "t.o.m. idag 2026-11-27" in month_view.to_date_note.text()


def test_past_month_has_whole_month_figures_only(month_view: MonthView) -> None:
    month_view.set_date(dt.date(2026, 10, 15))
    model = month_view.model
    assert model.through is None and model.to_date_planned_column == -1
    assert [header(month_view, c) for c in model.total_columns] == ["Planerat", "Närvaro", "Närvarograd"]
    assert month_view.to_date_note.isHidden()


def test_member_card_shows_month_to_date_and_whole_month(ctx, qtbot) -> None:
    from tests.gui.test_members import editor_for, member_id

    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    figures = ctx.read(lambda s: member_month(s, member, NOVEMBER, GUI_TODAY))
    assert figures is not None and figures.to_date is not None
    text = editor.month_summary.text()
    assert "Hittills i november (t.o.m. 2026-11-2" in text and "Hela november" in text
    rate = figures.to_date.attendance_rate
    assert f"närvarograd {formats.decimal(rate, 1)} %" in text


def test_handledare_colours_only_the_month_to_date_avvikelse(ctx, qtbot) -> None:
    from coopdesk.core.statement import supervisor_section
    from coopdesk.ui.views.supervisors import SupervisorsView
    from coopdesk.ui.views.supervisors_model import MonthFiguresModel as M
    from coopdesk.ui.widgets import COLORS

    ctx.clock = lambda: dt.date(2026, 11, 4)  # early in the month; everyone has logged the 4th
    view = SupervisorsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(dt.date(2026, 11, 4))
    model = view.figures_model
    assert model.columnCount() == 9 and model.through == dt.date(2026, 11, 4)
    assert model.headerData(M.DIFFERENCE, Qt.Orientation.Horizontal) == "Avvikelse\nhela månaden"
    assert model.headerData(M.TO_DATE_DIFFERENCE, Qt.Orientation.Horizontal) == "Avvikelse\nhittills"
    assert model.headerData(M.TO_DATE_FUNDED, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Hittills i månaden (t.o.m. 2026-11-04)"
    )
    assert "hittills = t.o.m. 2026-11-04, 3 arbetsdagar" in view.figures_title.text()
    assert "när alla handledare har skrivit sin tid" in view.figures_title.toolTip()
    expected = ctx.read(lambda s: supervisor_section(s, NOVEMBER, through=dt.date(2026, 11, 4)))
    total = len(model.rows)
    assert model.index(total, M.TO_DATE_FUNDED).data() == formats.decimal(expected.funded_hours)
    assert model.index(total, M.TO_DATE_WORKED).data() == formats.decimal(expected.worked_hours)
    whole = model.section
    assert whole is not None and whole.difference < 0  # below the whole plan, yet not coloured
    foreground = Qt.ItemDataRole.ForegroundRole
    for r in range(total + 1):
        assert model.index(r, M.DIFFERENCE).data(foreground) is None  # the whole month is not yet due
        source = expected if r == total else expected.rows[r]
        colour = model.index(r, M.TO_DATE_DIFFERENCE).data(foreground)
        assert colour == (COLORS["warning"] if source.difference < 0 else None)

    # a past month: whole-month figures only, coloured as before
    ctx.clock = lambda: dt.date(2026, 12, 4)
    view._load_figures()
    assert model.columnCount() == 6 and model.to_date is None
    assert model.headerData(M.DIFFERENCE, Qt.Orientation.Horizontal) == "Avvikelse"
    karin = next(r for r, s in enumerate(model.rows) if s.difference < 0)
    assert model.index(karin, M.DIFFERENCE).data(foreground) == COLORS["warning"]
