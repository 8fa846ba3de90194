"""The idle lock: after the cooperative's idle time (Inställningar, 10 minutes by default) without a
key, a click or the wheel, the window shows "Låst" instead of the data until the password is typed.

The lock covers, it does not close: the views stay as they are underneath (hidden and disabled), so
text being typed is still there after unlocking and focus goes back to where it was. A dialog open
at that moment is covered by its own lock screen (its fields disabled, nothing closed): it is the
window that gets the keys while it is open, so the password is typed there. Menus and shortcuts are
off while locked. "Avsluta" on the lock screen closes the program (dialogs are cancelled first).
"Annan användare" logs the locked user out so that someone else can log in in the same window
(ui/main_window_session.py): text left unsaved in an open form is saved, thrown away or kept (Avbryt)
as the one at the keyboard chooses, never lost without a question.

Idle time is measured on a clock that also runs while the computer sleeps (CLOCK_BOOTTIME on Linux),
so a laptop opened after lunch is locked at once.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.passwords import Backoff
from coopdesk.ui.context import AppContext, role_label
from coopdesk.ui.widgets import Banner

CHECK_EVERY_MS = 5_000  # cheap: one clock reading
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_clock() -> float:
    """Seconds on a clock that keeps counting through suspend where the system offers one."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()  # Windows and macOS: already counts sleep


class LockScreen(QWidget):
    """Låst, the user's name, the password, Lås upp and Avsluta."""

    unlock_requested = Signal(str)
    quit_requested = Signal()
    other_user_requested = Signal()

    def __init__(self, name: str, role: str, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lockScreen { background: palette(window); }")
        title = QLabel(self.tr("Låst"))
        title.setObjectName("lockTitle")
        title.setStyleSheet(f"QLabel#lockTitle {{ font-size: {18 if compact else 28}pt; font-weight: 600; }}")
        who = QLabel(
            self.tr("coopdesk är låst. Inloggad: %1 (%2).").replace("%1", name).replace("%2", role_label(role))
        )
        who.setWordWrap(True)
        hint = QLabel(self.tr("Skriv ditt lösenord för att fortsätta. Det du höll på med finns kvar."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7280;")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Lösenord"))
        self.password.setAccessibleName(self.tr("Lösenord"))
        self.message = Banner()
        self.unlock_button = QPushButton(self.tr("Lås &upp"))
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("A&vsluta"))
        self.other_user_button = QPushButton(self.tr("A&nnan användare"))
        self.other_user_button.setObjectName("otherUserButton")
        self.other_user_button.setToolTip(self.tr("Logga ut %1 så att någon annan kan logga in.").replace("%1", name))
        self.other_user_button.clicked.connect(self.other_user_requested)
        self.unlock_button.clicked.connect(lambda: self.unlock_requested.emit(self.password.text()))
        self.password.returnPressed.connect(self.unlock_button.click)
        self.quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.other_user_button)
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        panel = QWidget()
        panel.setMaximumWidth(420)
        column = QVBoxLayout(panel)
        column.addWidget(title)
        column.addWidget(who)
        column.addWidget(hint)
        column.addSpacing(6)
        column.addWidget(self.password)
        column.addWidget(self.message)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def refused(self, text: str, wait_seconds: int) -> None:
        self.password.clear()
        self.password.setFocus()
        self.message.show_message(text, "error")
        if wait_seconds:
            self.unlock_button.setEnabled(False)
            self.password.setEnabled(False)
            QTimer.singleShot(wait_seconds * IdleLock.second_ms, self._wait_over)

    def _wait_over(self) -> None:
        self.unlock_button.setEnabled(True)
        self.password.setEnabled(True)
        self.password.setFocus()


class _Cover(QObject):
    """A dialog's lock screen kept the size of the dialog."""

    def __init__(self, dialog: QWidget, screen: LockScreen) -> None:
        super().__init__(screen)
        self.dialog, self.screen = dialog, screen
        self.disabled = [
            child
            for child in dialog.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if child is not screen and child.isEnabled() and not child.isWindow()
        ]
        self.size = dialog.size()
        for child in self.disabled:
            child.setEnabled(False)
        hint = screen.minimumSizeHint()
        dialog.resize(max(dialog.width(), hint.width()), max(dialog.height(), hint.height()))
        screen.setGeometry(dialog.rect())
        screen.show()
        screen.raise_()
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog and event.type() == QEvent.Type.Resize:
            self.screen.setGeometry(self.dialog.rect())
        return False

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):  # the dialog may have been deleted while locked
            self.dialog.removeEventFilter(self)
            for child in self.disabled:
                child.setEnabled(True)
            self.screen.hide()
            self.screen.deleteLater()
            self.dialog.resize(self.size)


class IdleLock(QObject):
    """Watches the application's input and locks ``window`` after the idle time."""

    locked_changed = Signal(bool)
    second_ms = 1000  # one second of the wait after a wrong password; tests make it short

    def __init__(
        self,
        window: QMainWindow,
        ctx: AppContext,
        *,
        clock: Callable[[], float] = idle_clock,
        check_every_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.ctx, self.clock = window, ctx, clock
        self.minutes = 10
        self.last_input = clock()
        self.locked = False
        self.paused = False  # nobody logged in (after a logout): nothing to lock
        self.screen: LockScreen | None = None
        self._covers: list[_Cover] = []
        self._focus: QWidget | None = None
        self._backoff = Backoff()
        self.read_minutes()
        ctx.changed.connect(self._settings_changed)
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def read_minutes(self) -> None:
        from coopdesk.core.services import lookups

        self.minutes = self.ctx.read(lambda s: lookups.cooperative(s).idle_lock_minutes) or 10

    def _settings_changed(self, kind: str) -> None:
        if kind in ("settings", "all"):
            self.read_minutes()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_input = self.clock()
        return False

    def check(self) -> None:
        if not self.locked and not self.paused and self.clock() - self.last_input >= self.minutes * 60:
            self.lock()

    # --- locking -------------------------------------------------------------------------------

    def _screen(self, parent: QWidget | None = None, *, compact: bool = False) -> LockScreen:
        actor = self.ctx.actor
        screen = LockScreen(actor.name, actor.role, parent, compact=compact)
        screen.unlock_requested.connect(lambda password: self.unlock(password, screen))
        screen.quit_requested.connect(self.quit)
        screen.other_user_requested.connect(self.other_user)
        return screen

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self._focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        QToolTip.hideText()
        window = self.window
        self.screen = self._screen()
        window.central.addWidget(self.screen)  # type: ignore[attr-defined]
        window.central.setCurrentWidget(self.screen)  # type: ignore[attr-defined]
        window.splitter.setEnabled(False)  # type: ignore[attr-defined]
        window.menuBar().setEnabled(False)  # its actions' shortcuts go quiet with it
        focus = self.screen.password
        for widget in self._open_dialogs():
            cover = _Cover(widget, self._screen(widget, compact=True))
            self._covers.append(cover)
            if widget is QApplication.activeModalWidget():
                focus = cover.screen.password
        focus.setFocus()
        self.locked_changed.emit(True)

    def unlock(self, password: str, screen: LockScreen | None = None) -> bool:
        """The password again (coopdesk.access.unlock logs a wrong one); True when unlocked."""
        from coopdesk import access

        screen = screen or self.screen
        if not self.locked:
            return True
        if not password or not access.unlock(self.ctx.account(), password):
            if screen is not None:
                screen.refused(self.tr("Fel lösenord. Försök igen."), self._backoff.failed() if password else 0)
            return False
        self._backoff = type(self._backoff)()
        self.release()
        if self._focus is not None:
            with contextlib.suppress(RuntimeError):  # the widget has gone meanwhile
                self._focus.setFocus()
        self._focus = None
        return True

    def release(self) -> None:
        """The lock screens away and the window usable again (after the password, or before a logout)."""
        if not self.locked:
            return
        for cover in self._covers:
            cover.remove()
        self._covers = []
        window = self.window
        window.central.setCurrentWidget(window.splitter)  # type: ignore[attr-defined]
        window.splitter.setEnabled(True)  # type: ignore[attr-defined]
        window.menuBar().setEnabled(True)
        if self.screen is not None:
            window.central.removeWidget(self.screen)  # type: ignore[attr-defined]
            self.screen.deleteLater()
            self.screen = None
        self.locked = False
        self.last_input = self.clock()
        self.locked_changed.emit(False)

    def other_user(self) -> bool:
        """ "Annan användare": log the locked user out (the window asks about unsaved forms first);
        True when the login dialog for the next user is showing."""
        return bool(self.window.log_out())  # type: ignore[attr-defined]

    @staticmethod
    def _open_dialogs() -> list[QDialog]:
        dialogs = []
        for widget in QApplication.topLevelWidgets():
            with contextlib.suppress(RuntimeError):  # a wrapper whose widget is being deleted
                if isinstance(widget, QDialog) and widget.isVisible():
                    dialogs.append(widget)
        return dialogs

    def quit(self) -> None:
        for dialog in self._open_dialogs():
            dialog.reject()
        self.window.close()
