"""Månad: the month grid on the demo data, driven from the keyboard like a supervisor would."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit
from sqlalchemy import func, select

from coopdesk.core.calendar import Month
from coopdesk.core.models import Attendance, AttendanceHours, Member, MonthLock
from coopdesk.core.services import attendance
from coopdesk.core.statement import statements_for_all
from coopdesk.ui.context import AppContext
from coopdesk.ui.formats import STATUS_CODES
from coopdesk.ui.views.month import MonthView
from coopdesk.ui.views.month_model import KIND_ROLE, STATUS_ROLE, MonthModel
from coopdesk.ui.widgets import COLORS
from tests.gui.keyboard import type_text

NOVEMBER = dt.date(2026, 11, 26)


@pytest.fixture
def view(ctx: AppContext, qtbot) -> MonthView:
    widget = MonthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_date(NOVEMBER)
    widget.table.setFocus()
    return widget


def select_cell(view: MonthView, name: str, day: dt.date) -> tuple[int, int]:
    row = next(i for i, r in enumerate(view.model.rows) if r.name == name)
    view.table.setCurrentIndex(view.model.index(row, view.model.day_column(day)))
    return view.model.rows[row].member_id, row


def cell_text(view: MonthView, member_id: int, day: dt.date) -> str:
    index = view.model.index(view.model.row_of(member_id), view.model.day_column(day))
    return view.model.data(index)


def record(ctx: AppContext, member_id: int, day: dt.date) -> tuple[str | None, dict[int, Decimal]]:
    def query(session):
        found = attendance.find(session, member_id, day)
        return (found.status, {h.work_area_id: h.hours for h in found.hours}) if found else (None, {})

    return ctx.read(query)


def planned_unregistered_cell(view: MonthView, day: dt.date) -> str:
    """A member with hours planned on ``day``."""
    i = day.day - 1
    return next(r.name for r in view.model.rows if r.days[i] is not None and r.days[i].planned)


def test_opens_on_november_with_a_row_per_member(view: MonthView, qtmodeltester) -> None:
    assert view.title.text() == "November 2026"
    assert 15 <= view.model.rowCount() <= 25
    assert view.model.columnCount() == 30 + MonthModel.TOTAL_COLUMNS
    header = view.model.headerData(view.model.day_column(NOVEMBER), Qt.Orientation.Horizontal)
    assert header == "26\ntor"
    assert view.model.headerData(0, Qt.Orientation.Vertical) == view.model.rows[0].name
    assert not view.banner.isVisible()
    qtmodeltester.check(view.model)


def test_status_key_saves_and_undo_redo_restore(view: MonthView, ctx: AppContext, qtbot) -> None:
    name = planned_unregistered_cell(view, NOVEMBER)
    member_id, row = select_cell(view, name, NOVEMBER)
    original = record(ctx, member_id, NOVEMBER)
    assert original[0] == "present"
    original_text = cell_text(view, member_id, NOVEMBER)

    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert record(ctx, member_id, NOVEMBER) == (None, {})
    assert cell_text(view, member_id, NOVEMBER) == "·"

    resets: list[bool] = []
    changed: list[tuple[int, int, int, int]] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    view.model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), a.column(), b.row(), b.column())))
    qtbot.keyClick(view.table, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.table.pending is None)  # a status key waits WORD_MS for a next letter
    assert record(ctx, member_id, NOVEMBER) == ("sick", {})
    assert cell_text(view, member_id, NOVEMBER) == "S"
    # Only the cell and the row's totals were signalled, and the cursor moved one day right.
    column = view.model.day_column(NOVEMBER)
    assert not resets
    assert (row, column, row, column) in changed
    assert (row, view.model.planned_column, row, view.model.rate_column) in changed
    assert all(r == row for r, *_ in changed)
    assert view.table.currentIndex().column() == column + 1

    ctx.undo_stack.undo()
    assert record(ctx, member_id, NOVEMBER) == (None, {})
    assert cell_text(view, member_id, NOVEMBER) == "·"
    ctx.undo_stack.undo()
    assert record(ctx, member_id, NOVEMBER) == original
    assert cell_text(view, member_id, NOVEMBER) == original_text
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    assert record(ctx, member_id, NOVEMBER) == ("sick", {})
    assert cell_text(view, member_id, NOVEMBER) == "S"


def test_n_marks_planned_hours_in_the_primary_area(view: MonthView, ctx: AppContext, qtbot) -> None:
    name = planned_unregistered_cell(view, NOVEMBER)
    member_id, row = select_cell(view, name, NOVEMBER)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.keyClick(view.table, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: view.table.pending is None)  # a status key waits WORD_MS for a next letter
    planned = view.model.rows[row].days[NOVEMBER.day - 1].planned
    primary = ctx.read(lambda s: s.get(Member, member_id).primary_work_area_id)
    status, hours = record(ctx, member_id, NOVEMBER)
    assert status == "present"
    assert hours == {primary: Decimal(planned.numerator) / Decimal(planned.denominator)}


def test_typing_hours_saves_present(view: MonthView, ctx: AppContext, qtbot) -> None:
    name = planned_unregistered_cell(view, NOVEMBER)
    member_id, _row = select_cell(view, name, NOVEMBER)
    areas_before = set(record(ctx, member_id, NOVEMBER)[1])
    qtbot.keyClick(view.table, "5")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "5"
    qtbot.keyClicks(editor, ",5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)  # Qt commits queued
    status, hours = record(ctx, member_id, NOVEMBER)
    assert status == "present"
    assert list(hours.values()) == [Decimal("5.50")]
    assert set(hours) == areas_before  # the area already used that day
    assert cell_text(view, member_id, NOVEMBER) == "5,5"
    assert view.table.currentIndex().column() == view.model.day_column(NOVEMBER) + 1


def test_bad_hours_are_refused_and_nothing_is_saved(view: MonthView, ctx: AppContext, qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda _parent, error: shown.append(error.message("sv")))
    name = planned_unregistered_cell(view, NOVEMBER)
    member_id, _row = select_cell(view, name, NOVEMBER)
    before = record(ctx, member_id, NOVEMBER)
    qtbot.keyClick(view.table, "2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)  # Qt commits queued
    assert len(shown) == 1 and "25" in shown[0]
    assert record(ctx, member_id, NOVEMBER) == before
    assert ctx.undo_stack.count() == 0


def test_attested_month_is_read_only(view: MonthView, ctx: AppContext, qtbot) -> None:
    view.set_date(dt.date(2026, 9, 10))
    lock = ctx.read(lambda s: s.get(MonthLock, "2026-09"))
    assert lock is not None
    assert view.banner.isVisible()
    assert view.banner.text().startswith("September 2026 är attesterad av ")
    assert lock.attested_by in view.banner.text()
    assert "En administratör kan öppna månaden igen." in view.banner.text()

    count = ctx.read(lambda s: s.scalar(select(func.count()).select_from(Attendance)))
    name = next(r.name for r in view.model.rows if r.days[9] is not None and r.days[9].status)
    member_id, _row = select_cell(view, name, dt.date(2026, 9, 10))
    before = record(ctx, member_id, dt.date(2026, 9, 10))
    assert not view.model.flags(view.table.currentIndex()) & Qt.ItemFlag.ItemIsEditable
    for key in ("s", Qt.Key.Key_Delete, "n", "4"):
        qtbot.keyClick(view.table, key)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert record(ctx, member_id, dt.date(2026, 9, 10)) == before
    assert ctx.read(lambda s: s.scalar(select(func.count()).select_from(Attendance))) == count
    assert ctx.undo_stack.count() == 0


def test_holidays_are_shaded_and_named_in_the_tooltip(view: MonthView) -> None:
    view.set_date(dt.date(2026, 12, 1))
    column = view.model.day_column(dt.date(2026, 12, 24))
    tooltip = view.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Julafton" in tooltip and "24 december 2026" in tooltip
    assert view.model.data(view.model.index(0, column), KIND_ROLE) == "holiday"
    cell_tip = view.model.data(view.model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    assert "Julafton" in cell_tip
    weekend = view.model.day_column(dt.date(2026, 12, 5))
    assert view.model.data(view.model.index(0, weekend), KIND_ROLE) == "weekend"


def test_previous_next_buttons_and_shortcuts(view: MonthView, qtbot) -> None:
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "Oktober 2026"
    assert view.model.columnCount() == 31 + MonthModel.TOTAL_COLUMNS
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "December 2026"
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.title.text() == "November 2026"
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.title.text() == "December 2026"
    qtbot.keyClick(view.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.model.month() == Month.of(dt.date.today())


def test_totals_equal_attended_over_planned(view: MonthView, ctx: AppContext) -> None:
    month = Month(2026, 11)
    rows = ctx.read(lambda s: [r for st in statements_for_all(s, month) for r in st.rows])
    names = [r.member for r in rows]
    row = next(r for r in rows if names.count(r.member) == 1 and r.planned_hours)
    member_id = ctx.read(lambda s: s.scalar(select(Member.id).where(Member.name == row.member)))
    attended = ctx.read(
        lambda s: s.scalar(
            select(func.sum(AttendanceHours.hours))
            .join(Attendance, Attendance.id == AttendanceHours.attendance_id)
            .where(
                Attendance.member_id == member_id,
                Attendance.status == "present",
                Attendance.day.between(month.first, month.last),
            )
        )
    )
    assert attended == row.attended_hours
    model, r = view.model, view.model.row_of(member_id)
    planned = Decimal(row.planned_hours.numerator) / row.planned_hours.denominator
    rate = (attended * 100 / planned).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")

    def sv(value: Decimal) -> str:
        return f"{value.normalize():f}".replace(".", ",")

    assert model.data(model.index(r, model.planned_column)) == sv(planned.quantize(Decimal("0.01")))
    assert model.data(model.index(r, model.attended_column)) == sv(attended)
    assert model.data(model.index(r, model.rate_column)) == f"{rate}".replace(".", ",") + " %"


def test_n_on_a_day_that_is_not_planned_asks_for_hours(view: MonthView, ctx: AppContext, qtbot) -> None:
    saturday = dt.date(2026, 11, 21)
    i = saturday.day - 1
    name = next(r.name for r in view.model.rows if r.days[i] is not None and r.days[i].status is None)
    member_id, _row = select_cell(view, name, saturday)
    qtbot.keyClick(view.table, "n")
    qtbot.waitUntil(lambda: view.table.pending is None)  # a status key waits WORD_MS for a next letter
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == ""
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)
    assert record(ctx, member_id, saturday)[0] == "present"
    assert list(record(ctx, member_id, saturday)[1].values()) == [Decimal("3.00")]
    assert cell_text(view, member_id, saturday) == "3"


def test_hours_being_typed_are_saved_when_the_month_changes(qtbot, ctx) -> None:
    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_date(NOVEMBER)
    qtbot.waitExposed(view)
    row = 0
    member_id = view.model.rows[row].member_id
    index = view.model.index(row, view.model.day_column(NOVEMBER))
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("3,25")
    view.set_month(Month(2026, 10))  # what Alt+Left and the ◂ button do
    QApplication.processEvents()
    assert view.title.text().startswith("Oktober")
    record = ctx.read(lambda s: attendance.find(s, member_id, NOVEMBER))
    assert record is not None and record.status == "present"
    assert sum(h.hours for h in record.hours) == Decimal("3.25")


def attendance_rows(ctx: AppContext) -> list[tuple]:
    """Every register record, to show that nothing at all changed."""
    return ctx.read(
        lambda s: [tuple(r) for r in s.execute(select(Attendance.member_id, Attendance.day, Attendance.status))]
    )


def test_letters_on_the_grid_change_nothing_and_never_move_the_cursor(view: MonthView, ctx: AppContext, qtbot) -> None:
    """Issue 12.1 in Månad: a letter typed to find someone set days ("an": A on one day, N on the next),
    and a capital letter jumped to another member's row (Qt's type-to-find), where the digit went."""
    everything = attendance_rows(ctx)
    type_text(view.table, "an")
    assert attendance_rows(ctx) == everything and ctx.undo_stack.count() == 0
    assert view.feedback.text() == "Sök med / eller Ctrl+F"
    type_text(view.table, "a")  # alone: just opened, the cursor is on a day but no day is chosen
    qtbot.waitUntil(lambda: view.table.pending is None)
    assert attendance_rows(ctx) == everything
    assert view.feedback.text().startswith("Välj en dag först")

    i = NOVEMBER.day - 1
    planned = [r for r in view.model.rows if r.days[i] is not None and r.days[i].planned]
    chosen, other = planned[0], planned[-1]
    ctx.change(None, lambda s: attendance.register(s, ctx.actor, other.member_id, NOVEMBER, "leave"), "attendance")
    view.refresh()
    assert cell_text(view, other.member_id, NOVEMBER) == "L"
    everything = attendance_rows(ctx)
    select_cell(view, chosen.name, NOVEMBER)  # a chosen day
    qtbot.keyClick(view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)  # the other member's cell says L
    assert view.model.rows[view.table.currentIndex().row()].member_id == chosen.member_id
    for typed in ("Kar", "an", "Sigrid", "Oskar"):
        select_cell(view, chosen.name, NOVEMBER)
        type_text(view.table, typed)
        qtbot.wait(2 * view.table.WORD_MS)
    assert view.model.rows[view.table.currentIndex().row()].member_id == chosen.member_id
    assert view.table.currentIndex().column() == view.model.day_column(NOVEMBER)
    assert attendance_rows(ctx) == everything
    assert view.feedback.text() == "Sök med / eller Ctrl+F"

    assert not view.table.chosen()  # typing a name un-chose the day: the next keys wait for a choice
    qtbot.keyClick(view.table, "4")
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert view.feedback.text().startswith("Välj en dag först")
    qtbot.keyClick(view.table, Qt.Key.Key_Right)  # the first arrow chooses the day the cursor is on
    qtbot.keyClick(view.table, "4")  # the digit goes into the chosen member's day
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.table.editing())
    assert record(ctx, chosen.member_id, NOVEMBER)[0] == "present"
    assert list(record(ctx, chosen.member_id, NOVEMBER)[1].values()) == [Decimal("4.00")]
    assert record(ctx, other.member_id, NOVEMBER) == ("leave", {})
    assert view.feedback.text() == f"{chosen.name} 26/11: Närvarande 4 tim — Ctrl+Z ångrar"


def test_slash_finds_a_member_on_the_same_day_and_a_status_key_changes_only_that_day(
    view: MonthView, ctx: AppContext, qtbot
) -> None:
    i = NOVEMBER.day - 1
    planned = [r for r in view.model.rows if r.days[i] is not None and r.days[i].planned]
    start, wanted = planned[0], planned[-1]
    select_cell(view, start.name, NOVEMBER)
    everything = attendance_rows(ctx)
    qtbot.keyClick(view.table, "/")
    assert QApplication.focusWidget() is view.find
    type_text(view.find, wanted.name)  # every key a letter, several of them status keys: nothing changes
    assert attendance_rows(ctx) == everything
    qtbot.keyClick(view.find, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view.table
    assert view.model.rows[view.table.currentIndex().row()].member_id == wanted.member_id
    assert view.table.currentIndex().column() == view.model.day_column(NOVEMBER)

    qtbot.keyClick(view.table, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.table.pending is None)  # a status key waits WORD_MS for a next letter
    assert record(ctx, wanted.member_id, NOVEMBER) == ("sick", {})
    changed = set(attendance_rows(ctx)) ^ set(everything)
    assert {(member, day) for member, day, _status in changed} == {(wanted.member_id, NOVEMBER)}
    assert view.feedback.text() == f"{wanted.name} 26/11: Sjuk — Ctrl+Z ångrar"


def _lab(colour: QColor) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour: distances in it are close to how different two colours look."""

    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_status_cells_are_not_coloured_like_a_kind_of_day_in_the_legend(view: MonthView) -> None:
    """September's "A" was the yellow of Stängningsdag and "S" the pink of Helgdag: a registered day read
    as a closed one. Every status has its own colour, visibly apart (CIE76 distance ≥ 10, about what
    separates Helg from Helgdag) from every day kind the legend shows, and the legend shows the colours
    the headers use."""
    view.set_date(dt.date(2026, 9, 1))
    model = view.model
    statuses: dict[str, QColor] = {}
    for row in range(model.rowCount()):
        for day in range(len(model.grid.day_kinds)):
            index = model.index(row, day)
            status = model.data(index, STATUS_ROLE)
            if status is not None:
                statuses.setdefault(status, model.data(index, Qt.ItemDataRole.BackgroundRole))
    assert {"sick", "absent_notified"} <= statuses.keys()
    legend = {
        label.accessibleName(): label.pixmap().toImage().pixelColor(7, 7)
        for label in view.findChildren(QLabel)
        if not label.pixmap().isNull() and label.accessibleName()
    }
    kinds = {"Helg": "weekend", "Helgdag": "holiday", "Stängningsdag": "closure"}
    assert kinds.keys() <= legend.keys()
    view.set_date(dt.date(2026, 5, 1))  # has all three: weekends, Kristi himmelsfärdsdag, the klämdag after it
    for text, kind in kinds.items():
        shown = next(
            model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.BackgroundRole)
            for c in range(len(model.grid.day_kinds))
            if model.grid.day_kinds[c] == kind
        )
        assert legend[text] == shown, text
    every_status = {status: COLORS[status] for status in STATUS_CODES} | statuses
    for status, colour in every_status.items():
        for text, swatch in legend.items():
            if text in kinds:
                assert math.dist(_lab(colour), _lab(swatch)) >= 10, (status, text)
