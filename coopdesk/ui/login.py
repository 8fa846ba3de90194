"""Logging in when the app starts: the first start of a database (its first administrator and, for an
encrypted one, the recovery key to print), the login dialog, and the forced change of a temporary
password.

:func:`coopdesk.app.start_plan.plan_start` decides which dialog is due without showing one, and each
dialog's accept logic is a method (``create()``, ``attempt()``), so the tests build the dialogs and call
it: nothing waits on ``exec()``. ``coopdesk gui --screenshot`` logs in without a dialog (:func:`screenshot_session`).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.start_plan import FIRST_START, KeyDerivation, StartPlan, plan_start
from coopdesk.core.errors import CoopdeskError, StorageError, ValidationError
from coopdesk.core.passwords import Backoff
from coopdesk.ui.errors import language
from coopdesk.ui.restore_at_start import RestoreAtStart
from coopdesk.ui.widgets import Banner, heading, password_field, small

# The database layer (access → SQLAlchemy, the models) is imported where a login needs it, not here: the
# login dialog is on screen without it (see preload() and docs/rules.md, "Start till data").
if TYPE_CHECKING:
    from coopdesk import access

#: What a login at start and then Idag need, in that order, imported by preload() while the login dialog
#: waits: the database layer (SQLAlchemy, the models, access), the register's services with the calendar
#: (holidays), Idag's view, and what the window attaches after a login.
PRELOAD = (
    "coopdesk.storage.keyfile",
    "cryptography.hazmat.primitives.ciphers.aead",
    "coopdesk.access",
    "sqlalchemy.dialects.sqlite",
    "sqlcipher3.dbapi2",
    "coopdesk.app.database",
    "coopdesk.core.services.users",
    "coopdesk.core.services.lookups",
    "coopdesk.core.services.register",
    "coopdesk.app.attendance",
    "coopdesk.ui.views.today",
    "coopdesk.ui.backups",
    "coopdesk.ui.idle_lock",
    "coopdesk.app.todo",
)


_preloading: threading.Thread | None = None


def preload() -> threading.Thread:
    """Import PRELOAD and configure the ORM's mappers on a thread (once; later calls return that thread).

    gui.run starts it as the window is first shown: the window and the login dialog are painted without
    these modules (about 0.3 s of imports), and both wait mostly in Qt's C++ code, which lets this thread
    run on the other core. A person takes longer than that to type a password, so the login and Idag
    find them done. LoginDialog.attempt() waits for the thread before it logs in, so the two threads
    never import the same module at once. Nothing here touches a widget or the database; a failure is
    left for the real import on the GUI thread to report.
    """
    global _preloading
    if _preloading is not None:
        return _preloading

    def run() -> None:
        try:
            for name in PRELOAD:
                importlib.import_module(name)
                if name == "coopdesk.core.services.users":  # the models are in: map them once, here
                    from coopdesk.app.database import map_models

                    map_models()
        except Exception:  # the GUI thread's own import says what is wrong
            pass
        finally:
            sys.setswitchinterval(interval)

    # While this thread runs, the GUI thread gets the interpreter back within 0.5 ms instead of Python's
    # default 5 ms whenever Qt calls into Python (a paint, an event filter): its many short calls would
    # otherwise each wait behind a slice of imports.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.0005))
    _preloading = threading.Thread(target=run, name="coopdesk-preload", daemon=True)
    _preloading.start()
    return _preloading


def preloaded() -> None:
    """Wait for preload(), if it was started."""
    if _preloading is not None:
        _preloading.join()


class LoginDialog(QDialog):
    """Användarnamn and lösenord; a wrong one keeps the name, says so and waits a growing time."""

    def __init__(
        self,
        db: str | None,
        plan: StartPlan,
        parent: QWidget | None = None,
        *,
        log_in: Callable[[str, str], access.UserSession] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        #: How to log in: at start, access.login opens ``db``; after a logout, access.switch_user on the
        #: database that stays open (ui/main_window_session.py).
        self._log_in_with = log_in
        self.session: access.UserSession | None = None
        #: Called with a CorruptDatabaseError met while logging in; True when a backup was restored.
        self.on_corrupt: Callable[[CoopdeskError], bool] | None = None
        #: Called with another StorageError (a missing keys file, …): True when a backup was restored.
        self.on_unusable: Callable[[CoopdeskError], bool] | None = None
        self.backoff = Backoff()
        self.tick_ms = 1000  # one second of the wait; tests make it short
        self.remaining = 0
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._tick)
        self.setWindowTitle(self.tr("Logga in — coopdesk"))

        self.login = QLineEdit()
        self.login.setMinimumWidth(260)
        self.password = password_field()
        form = QFormLayout()
        form.addRow(self.tr("&Användarnamn"), self.login)
        form.addRow(self.tr("&Lösenord"), self.password)
        self.message = Banner()
        self.wait_label = small("")
        self.wait_label.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(self.tr("&Logga in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("A&vsluta"), QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.attempt)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Logga in")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.wait_label)
        self.demo_box: QLabel | None = None
        if plan.demo:
            from coopdesk import access

            rows = "".join(
                f"<tr><td><b>{login}</b></td><td>&nbsp;&nbsp;{password}&nbsp;&nbsp;</td><td>({self._role(role)})</td></tr>"
                for login, _name, role, password in access.DEMO_ACCOUNTS
            )
            self.demo_box = QLabel(
                self.tr("Det här är en demodatabas med påhittade uppgifter. Logga in med ett av demokontona:")
                + f"<table style='margin-top:6px'>{rows}</table>"
            )
            self.demo_box.setObjectName("demoAccounts")
            self.demo_box.setWordWrap(True)
            self.demo_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.demo_box.setStyleSheet(
                "QLabel#demoAccounts { background: #e1ecf8; color: #1e3a5f; padding: 8px 10px; border-radius: 4px; }"
            )
            layout.addWidget(self.demo_box)
        self.database_label = small(self.tr("Databas: %1").replace("%1", plan.where))
        self.database_label.setObjectName("databasePath")
        layout.addWidget(self.database_label)
        layout.addWidget(self.buttons)
        self.login.setFocus()

    @staticmethod
    def _role(role: str) -> str:
        from coopdesk.ui.context import role_label

        return role_label(role)

    @property
    def waiting(self) -> bool:
        return self.remaining > 0

    def attempt(self) -> bool:
        """Log in with what is typed; True when logged in (the dialog is then accepted)."""
        if self.waiting:
            return False
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.message.show_message(self.tr("Skriv ditt användarnamn och ditt lösenord."), "error")
            (self.login if not login else self.password).setFocus()
            return False
        # A login takes a tenth of a second or more: the key derivation and, right after the start, the rest
        # of the database layer's import, which the derivation overlaps (KeyDerivation).
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            derivation = KeyDerivation.of_file(self.db, login, password) if self._log_in_with is None else None
            preloaded()
            from coopdesk import access

            try:
                session = self._log_in(login, password, derivation)
            except access.LoginError as error:
                self.password.clear()
                self.password.setFocus()
                self.message.show_message(error.message(language()), "error")
                self._wait(self.backoff.failed())
                return False
            except CoopdeskError as error:
                self.message.show_message(error.message(language()), "error")
                return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.session = session
        self.message.clear_message()
        self.accept()
        return True

    def _log_in(self, login: str, password: str, derivation: KeyDerivation | None) -> access.UserSession:
        from coopdesk import access
        from coopdesk.app.database import CorruptDatabaseError

        if self._log_in_with is not None:
            return self._log_in_with(login, password)
        try:
            unwrapped = derivation.result if derivation is not None else None
            return access.login(self.db, login, password, check=False, unwrapped=unwrapped)
        except CorruptDatabaseError as damaged:
            if self.on_corrupt is None or damaged.backup is None or not self.on_corrupt(damaged):
                raise
            return access.login(self.db, login, password, check=False)
        except StorageError as unusable:
            if self.on_unusable is None or not self.on_unusable(unusable):
                raise
            return access.login(self.db, login, password, check=False)

    def _wait(self, seconds: int) -> None:
        self.remaining = seconds
        self.login_button.setEnabled(False)
        self._show_wait()
        self._ticker.start(self.tick_ms)

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining > 0:
            self._show_wait()
            return
        self._ticker.stop()
        self.wait_label.setVisible(False)
        self.login_button.setEnabled(True)

    def _show_wait(self) -> None:
        self.wait_label.setText(self.tr("Du kan försöka igen om %1 s.").replace("%1", str(self.remaining)))
        self.wait_label.setVisible(True)


def log_in_at_start(
    db: str | None, parent: QWidget | None, restore: Callable[[CoopdeskError], bool]
) -> access.UserSession | None:
    """The dialogs of the start, in order; None when the user chose Avsluta.

    ``restore`` offers the newest sound backup of a damaged database (before anyone logs in).
    """
    offer = RestoreAtStart(db, parent)
    try:
        plan = plan_start(db)
    except StorageError as unusable:
        from coopdesk.app.database import CorruptDatabaseError

        if isinstance(unusable, CorruptDatabaseError):
            if unusable.backup is None or not restore(unusable):
                raise
        elif not offer.offer(unusable):  # truncated, encrypted without its keys file, …: its backup, if any
            raise
        plan = plan_start(db)
    if plan.kind == FIRST_START and not plan.existing and offer.offer():  # missing or empty, backups there
        plan = plan_start(db)
    if plan.kind == FIRST_START:
        from coopdesk.ui.first_start import FirstStartDialog, RecoveryKeyDialog

        first = FirstStartDialog(db, plan, parent)
        if first.exec() != QDialog.DialogCode.Accepted or first.created is None:
            return None
        if first.created.recovery_key:
            RecoveryKeyDialog(first.created.recovery_key, plan.where, parent).exec()
        return first.created.session
    dialog = LoginDialog(db, plan, parent)
    dialog.on_corrupt = restore
    dialog.on_unusable = offer.offer
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return None
    session = dialog.session
    if session.must_change_password and not change_password_now(session, parent):
        session.db.close()
        return None
    return session


def change_password_now(session: access.UserSession, parent: QWidget | None) -> bool:
    """The forced change after a login with a temporary password; False when the user quits instead."""
    from coopdesk.ui.users_dialog import ChangePasswordDialog

    return ChangePasswordDialog(session, forced=True, parent=parent).exec() == QDialog.DialogCode.Accepted


def screenshot_session(db: str | None) -> access.UserSession:
    """``--screenshot`` logs in without a dialog: COOPDESK_USER and COOPDESK_PASSWORD, or on a demo
    database its administrator."""
    from coopdesk import access

    login, password = os.environ.get("COOPDESK_USER", ""), os.environ.get("COOPDESK_PASSWORD")
    if not login or password is None:
        if not plan_start(db).demo:
            raise ValidationError(
                "COOPDESK_USER",
                None,
                "--screenshot loggar in utan dialog: sätt COOPDESK_USER och COOPDESK_PASSWORD.",
                "--screenshot logs in without a dialog: set COOPDESK_USER and COOPDESK_PASSWORD.",
            )
        login, _name, _role, password = access.DEMO_ACCOUNTS[0]
    return access.login(db, login, password, check=False)
