"""Logging in when the app starts: the first start of a database (its first administrator and, for an
encrypted one, the recovery key to print), the login dialog, and the forced change of a temporary
password.

:func:`coopdesk.app.start_plan.plan_start` decides which dialog is due without showing one, and each
dialog's accept logic is a method (``create()``, ``attempt()``), so the tests build the dialogs and call
it: nothing waits on ``exec()``. ``coopdesk gui --screenshot`` logs in without a dialog (:func:`screenshot_session`).
"""

from __future__ import annotations

import os
from collections.abc import Callable

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

from coopdesk import access
from coopdesk.app.database import CorruptDatabaseError
from coopdesk.app.start_plan import FIRST_START, StartPlan, plan_start
from coopdesk.core.errors import CoopdeskError, StorageError, ValidationError
from coopdesk.core.passwords import Backoff
from coopdesk.ui.errors import language
from coopdesk.ui.first_start import FirstStartDialog, RecoveryKeyDialog
from coopdesk.ui.restore_at_start import RestoreAtStart
from coopdesk.ui.widgets import Banner, heading, password_field, small


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
        try:
            session = self._log_in(login, password)
        except access.LoginError as error:
            self.password.clear()
            self.password.setFocus()
            self.message.show_message(error.message(language()), "error")
            self._wait(self.backoff.failed())
            return False
        except CoopdeskError as error:
            self.message.show_message(error.message(language()), "error")
            return False
        self.session = session
        self.message.clear_message()
        self.accept()
        return True

    def _log_in(self, login: str, password: str) -> access.UserSession:

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a login takes a tenth of a second
        try:
            if self._log_in_with is not None:
                return self._log_in_with(login, password)
            try:
                return access.login(self.db, login, password, check=False)
            except CorruptDatabaseError as damaged:
                if self.on_corrupt is None or damaged.backup is None or not self.on_corrupt(damaged):
                    raise
                return access.login(self.db, login, password, check=False)
            except StorageError as unusable:
                if self.on_unusable is None or not self.on_unusable(unusable):
                    raise
                return access.login(self.db, login, password, check=False)
        finally:
            QGuiApplication.restoreOverrideCursor()

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
    except CorruptDatabaseError as damaged:
        if damaged.backup is None or not restore(damaged):
            raise
        plan = plan_start(db)
    except StorageError as unusable:  # truncated, encrypted without its keys file, …: its backup, if any
        if not offer.offer(unusable):
            raise
        plan = plan_start(db)
    if plan.kind == FIRST_START and not plan.existing and offer.offer():  # missing or empty, backups there
        plan = plan_start(db)
    if plan.kind == FIRST_START:
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
