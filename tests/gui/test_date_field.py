"""Typed dates are taken whole, in every date field (issue 12 point 3)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy import select

import coopdesk.ui
from coopdesk.core.models import Member
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.member_editor import MemberEditor
from coopdesk.ui.views.today import TodayView
from tests.gui.conftest import GUI_TODAY


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error boxes would block the test: record them instead."""
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr(MemberEditor, "confirm_discard", lambda self: True)
    return shown


def member_id(ctx, name: str) -> int:
    return ctx.read(lambda s: s.scalar(select(Member.id).where(Member.name == name)))


def editor_for(ctx, qtbot, member: int | None) -> MemberEditor:
    editor = MemberEditor(ctx, member, today=GUI_TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_over(qtbot, field, text: str) -> None:
    """What a supervisor does: click into the field, select all, type."""
    target = field.focusProxy() or field
    target.setFocus()
    qtbot.keySequence(target, QKeySequence.StandardKey.SelectAll)
    qtbot.keyClicks(target, text)


def test_decision_end_typed_over_keeps_its_year(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    dialog = editor.end_placement()  # a child of the editor, deleted when it closes: not given to qtbot
    dialog.reason.setCurrentIndex(dialog.reason.findData("work"))
    dialog.show()
    qtbot.waitExposed(dialog)
    type_over(qtbot, dialog.end, "2027-06-30")
    assert dialog.save() is True
    end = ctx.read(lambda s: s.get(Member, member).placements[0].end)
    assert end == dt.date(2027, 6, 30)


def test_new_placement_dates_typed_in_swedish_short_form(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    editor.tabs.setCurrentIndex(1)
    end_old = editor.end_placement()
    end_old.reason.setCurrentIndex(end_old.reason.findData(None))
    type_over(qtbot, end_old.end, "2027-01-14")
    assert end_old.save() is True
    dialog = editor.add_placement()
    dialog.district.setCurrentIndex(dialog.district.findText("Södermalm"))
    qtbot.keyClicks(dialog.decision_ref, "SOD-2027-0001")
    type_over(qtbot, dialog.start, "15/1 2027")
    dialog.has_end.setChecked(True)
    type_over(qtbot, dialog.end, "30/6-27")
    assert dialog.save() is True
    stored = ctx.read(lambda s: [(p.start, p.end) for p in s.get(Member, member).placements])
    assert (dt.date(2027, 1, 15), dt.date(2027, 6, 30)) in stored


def test_text_that_is_no_date_is_refused_and_nothing_changes(ctx, qtbot):
    member = member_id(ctx, "Håkan Öberg")
    editor = editor_for(ctx, qtbot, member)
    dialog = editor.end_placement()
    dialog.reason.setCurrentIndex(dialog.reason.findData("health"))
    before = dialog.end.day()
    type_over(qtbot, dialog.end, "2027-02-30")
    assert dialog.save() is False
    assert dialog.end.is_invalid() and not dialog.end.message.isHidden()
    assert "»2027-02-30« är inget datum" in dialog.end.message.text()
    assert before.isoformat() in dialog.end.message.text()  # the date it keeps is said
    assert dialog.end.lineEdit().text() == "2027-02-30"  # shown as typed, not turned into another date
    assert dialog.end.day() == before
    assert ctx.read(lambda s: s.get(Member, member).placements[0].end) is None
    # corrected, the red goes away and the typed date is saved whole
    type_over(qtbot, dialog.end, "2027-02-28")
    assert not dialog.end.is_invalid() and dialog.end.message.isHidden()
    assert dialog.save() is True
    assert ctx.read(lambda s: s.get(Member, member).placements[0].end) == dt.date(2027, 2, 28)


def test_focus_out_with_bad_text_keeps_the_old_date_and_says_so(qtbot):
    field = DateField(dt.date(2026, 5, 4), today=lambda: GUI_TODAY)
    other = QLineEdit()
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitExposed(box)
    changed: list[QDate] = []
    field.dateChanged.connect(changed.append)
    type_over(qtbot, field, "2027-13-01")
    qtbot.waitUntil(field.lineEdit().hasFocus)
    other.setFocus()
    qtbot.waitUntil(lambda: field.is_invalid())
    assert field.date() == QDate(2026, 5, 4) and changed == []
    assert "Datumet är fortfarande 2026-05-04" in field.message.text()
    # Esc takes the text back to the date in effect
    field.setFocus()
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Escape)
    assert field.lineEdit().text() == "2026-05-04" and not field.is_invalid()
    # a good date is taken on focus-out
    type_over(qtbot, field, "15/1")
    other.setFocus()
    qtbot.waitUntil(lambda: field.day() == dt.date(2026, 1, 15))
    assert changed == [QDate(2026, 1, 15)] and field.lineEdit().text() == "2026-01-15"


def test_arrow_keys_step_the_part_under_the_cursor_and_the_calendar_picks(qtbot):
    field = DateField(dt.date(2026, 1, 31), today=lambda: GUI_TODAY)
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    text = field.lineEdit()
    text.setCursorPosition(10)
    qtbot.keyClick(text, Qt.Key.Key_Up)
    assert field.day() == dt.date(2026, 2, 1)
    text.setCursorPosition(6)
    qtbot.keyClick(text, Qt.Key.Key_Up)
    assert field.day() == dt.date(2026, 3, 1)
    text.setCursorPosition(2)
    qtbot.keyClick(text, Qt.Key.Key_Down)
    assert field.day() == dt.date(2025, 3, 1)
    text.setCursorPosition(10)
    text.setText("2027-01-31")  # typed, not yet taken: the step starts from it
    qtbot.keyClick(text, Qt.Key.Key_Down)
    assert field.day() == dt.date(2027, 1, 30)
    qtbot.keyClick(text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.findChild(QCalendarWidget, "dateCalendar")
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2027, 1, 30)
    calendar.clicked.emit(QDate(2027, 2, 3))
    assert field.day() == dt.date(2027, 2, 3) and not calendar.isVisible()


def test_idag_date_typed_whole(ctx, qtbot):
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.set_date(dt.date(2026, 11, 26))
    type_over(qtbot, view.date_edit, "2026-11-20")
    qtbot.keyClick(view.date_edit.lineEdit(), Qt.Key.Key_Return)
    assert view.day == dt.date(2026, 11, 20)
    type_over(qtbot, view.date_edit, "20/11 2025")
    qtbot.keyClick(view.date_edit.lineEdit(), Qt.Key.Key_Return)
    assert view.day == dt.date(2025, 11, 20)
    type_over(qtbot, view.date_edit, "2025-11-31")
    qtbot.keyClick(view.date_edit.lineEdit(), Qt.Key.Key_Return)
    assert view.day == dt.date(2025, 11, 20)  # no such day: the register stays where it was
    assert view.date_edit.is_invalid()


def test_no_date_field_is_left_on_qdateedit():
    """Every date typed in the app goes through DateField (so through parse_typed_date)."""
    ui = Path(coopdesk.ui.__file__).parent
    users = [
        p.relative_to(ui).as_posix() for p in ui.rglob("*.py") if re.search(r"\bQDate(Time)?Edit\b", p.read_text())
    ]
    assert users == ["date_field.py"]  # its docstring names what it replaces
