"""The idle lock: locks after the idle time, hides the data, unlocks with the password only, and
keeps what was being typed. The clock is a list the test moves, not real minutes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from sqlalchemy import select

from coopdesk.core.models import AuditEntry
from coopdesk.ui.idle_lock import IdleLock, LockScreen
from coopdesk.ui.main_window import MainWindow
from tests.gui.conftest import ADMIN_LOGIN, ADMIN_PASSWORD


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot, ctx, clock, monkeypatch):
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    lock = main.idle_lock
    lock.clock = clock
    lock.last_input = clock.now
    monkeypatch.setattr(IdleLock, "second_ms", 5)
    return main


def failed_unlocks(ctx) -> int:
    query = select(AuditEntry).where(AuditEntry.action == "login_failed", AuditEntry.entity_id == ADMIN_LOGIN)
    return len(ctx.read(lambda s: list(s.scalars(query))))


def test_locks_after_the_idle_time_and_hides_the_data(window, clock) -> None:
    lock = window.idle_lock
    assert lock.minutes == 10  # the cooperative's setting
    clock.now += 9 * 60
    lock.check()
    assert not lock.locked
    clock.now += 60
    lock.check()
    assert lock.locked
    assert window.central.currentWidget() is lock.screen
    assert not window.splitter.isVisible() and not window.splitter.isEnabled()
    assert not window.menuBar().isEnabled()
    assert "Sara Svensson" in " ".join(label.text() for label in lock.screen.findChildren(type(window.db_label)))


def test_input_keeps_it_open(qtbot, window, clock) -> None:
    lock = window.idle_lock
    clock.now += 9 * 60
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    clock.now += 9 * 60
    lock.check()
    assert not lock.locked


def test_wrong_password_is_refused_and_logged_right_one_keeps_the_typing(qtbot, window, ctx, clock) -> None:
    settings = window.show_view("installningar")
    settings.cooperative_box.address.setFocus()
    settings.cooperative_box.address.setText("")
    qtbot.keyClicks(settings.cooperative_box.address, "Storgatan 1")  # typed, not saved
    clock.now += 11 * 60
    window.idle_lock.check()
    screen = window.idle_lock.screen
    before = failed_unlocks(ctx)
    screen.password.setText("fel-lösenord")
    screen.unlock_button.click()
    assert window.idle_lock.locked
    assert screen.message.text() == "Fel lösenord. Försök igen." and screen.password.text() == ""
    assert failed_unlocks(ctx) == before + 1
    qtbot.waitUntil(screen.unlock_button.isEnabled, timeout=2000)  # a short wait after each wrong one
    screen.password.setText(ADMIN_PASSWORD)
    screen.unlock_button.click()
    assert not window.idle_lock.locked
    assert window.central.currentWidget() is window.splitter and window.menuBar().isEnabled()
    assert settings.cooperative_box.address.text() == "Storgatan 1"
    assert settings.cooperative_box.address.hasFocus()


def test_lock_now_and_its_shortcut(qtbot, window) -> None:
    window.menus.lock_action.trigger()
    assert window.idle_lock.locked
    assert window.idle_lock.unlock(ADMIN_PASSWORD)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.idle_lock.locked
    view = window.current_key()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # shortcuts are off while locked
    assert window.current_key() == view


def test_a_saved_idle_time_applies_at_once(window, ctx, clock) -> None:
    settings = window.show_view("installningar")
    settings.idle_lock_box.minutes.setValue(2)
    assert settings.idle_lock_box.save()
    assert window.idle_lock.minutes == 2
    clock.now += 2 * 60
    window.idle_lock.check()
    assert window.idle_lock.locked


def test_an_open_dialog_is_covered_not_closed(qtbot, window, clock) -> None:
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    field.setText("halvskrivet")
    dialog.open()
    qtbot.waitExposed(dialog)
    window.lock_now()
    covers = [w for w in dialog.findChildren(LockScreen) if w.isVisible()]
    assert len(covers) == 1 and covers[0].geometry() == dialog.rect()
    assert not field.isEnabled() and dialog.isVisible()
    covers[0].password.setText(ADMIN_PASSWORD)
    covers[0].unlock_button.click()
    assert not window.idle_lock.locked
    assert field.isEnabled() and field.text() == "halvskrivet" and dialog.isVisible()
    assert not [w for w in dialog.findChildren(LockScreen) if w.isVisible()]
    dialog.reject()
