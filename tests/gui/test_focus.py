"""After a message box the keyboard focus is back on the cell or field that caused it (issue 12.2).

"högst 24 timmar" in Idag used to leave the focus in the navigation list: the next keys switched
to Månad and "6 Enter" changed another member's hours there. The message boxes here are real
(coopdesk.ui.errors.show_error) and closed as a user would; the window is then activated again, as
the window manager does when a dialog closes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from coopdesk.core.services import attendance
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window import MainWindow

DAY = dt.date(2026, 11, 26)


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


def close_next_message(texts: list[str], meanwhile=lambda: None) -> None:
    """Press OK in the next message box when it opens (it runs its own event loop)."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            meanwhile()
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(10, close)

    QTimer.singleShot(10, close)


def type_hours(qtbot, text: str) -> None:
    """Digits on the table open the hours editor; Enter saves (Qt commits through a queued call)."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()


def after_the_box(qtbot, window: MainWindow) -> None:
    window.activateWindow()  # what the window manager does when the box closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def hours(ctx: AppContext, member_id: int, day: dt.date) -> tuple[str | None, Decimal]:
    found = ctx.read(lambda s: attendance.find(s, member_id, day))
    return (found.status, sum((h.hours for h in found.hours), Decimal(0))) if found else (None, Decimal(0))


def test_after_too_many_hours_in_idag_the_next_keys_change_the_same_member(qtbot, window, ctx) -> None:
    view = window.show_view("idag")
    view.set_date(DAY)
    view.table.setCurrentIndex(view.model.index(2, 0))  # chosen with a click
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    member = view.model.rows[2].member_id
    everyone = {r.member_id: hours(ctx, r.member_id, DAY) for r in view.model.rows}
    texts: list[str] = []
    close_next_message(texts)
    type_hours(qtbot, "25")
    assert texts and "högst 24 timmar" in texts[0]
    after_the_box(qtbot, window)

    assert QApplication.focusWidget() is view.table  # not the navigation list
    assert view.table.currentIndex().row() == 2 and view.table.chosen()
    type_hours(qtbot, "6")
    assert window.current_key() == "idag"
    assert hours(ctx, member, DAY) == ("present", Decimal("6.00"))
    assert {m: v for m, v in everyone.items() if m != member} == {
        r.member_id: hours(ctx, r.member_id, DAY) for r in view.model.rows if r.member_id != member
    }


def test_after_too_many_hours_in_manad_the_next_keys_change_the_same_day(qtbot, window, ctx) -> None:
    view = window.show_view("manad")
    view.set_date(DAY)
    row = next(i for i, r in enumerate(view.model.rows) if r.days[DAY.day - 1] is not None)
    view.table.setCurrentIndex(view.model.index(row, view.model.day_column(DAY)))
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    member = view.model.rows[row].member_id
    texts: list[str] = []
    close_next_message(texts)
    type_hours(qtbot, "25")
    assert texts and "högst 24 timmar" in texts[0]
    after_the_box(qtbot, window)

    assert QApplication.focusWidget() is view.table
    assert view.table.currentIndex().row() == row
    assert view.table.currentIndex().column() == view.model.day_column(DAY)
    type_hours(qtbot, "6")
    assert window.current_key() == "manad"
    assert hours(ctx, member, DAY) == ("present", Decimal("6.00"))


def test_after_a_message_the_focus_is_back_in_the_field_that_caused_it(qtbot, window, ctx) -> None:
    """Any dialog, not only the register's: the field keeps the focus even if the view moved it meanwhile."""
    view = window.show_view("idag")
    view.find.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.find)
    texts: list[str] = []
    close_next_message(texts, meanwhile=view.table.setFocus)  # say, a refresh while the box is open
    QTimer.singleShot(0, lambda: QMessageBox.warning(view, "coopdesk", "Ett meddelande"))
    qtbot.waitUntil(lambda: bool(texts))
    after_the_box(qtbot, window)
    assert isinstance(QApplication.focusWidget(), QLineEdit) and QApplication.focusWidget() is view.find


def test_undo_keys_in_the_search_field_change_no_data(qtbot, window, ctx) -> None:
    """While the search field has the focus no key changes data: Ctrl+Z / Ctrl+Y are the field's own (a guard:
    Qt's line edit already keeps them; Ctrl+M is kept from the view by register_keys.MemberFinder)."""
    view = window.show_view("idag")
    view.set_date(DAY)
    view.table.setCurrentIndex(view.model.index(1, 0))
    view.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    member = view.model.rows[1].member_id
    qtbot.keyClick(view.table, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.table.pending is None)
    ctx.tasks.settle()  # saved on the database worker and on the undo stack (the app's event loop does this)
    assert hours(ctx, member, DAY)[0] == "sick"
    qtbot.keyClick(view.table, "/")
    for key, modifiers in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ):
        qtbot.keyClick(view.find, key, modifiers)
    assert hours(ctx, member, DAY)[0] == "sick"
    qtbot.keyClick(view.find, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # on the table: undone
    assert hours(ctx, member, DAY)[0] != "sick"
