"""Arkiv → Användare… (administrators): the accounts, new ones, new passwords, inactive or active,
the role. And Arkiv → Byt lösenord… for everyone (also forced after a temporary password).

Account changes go through coopdesk.access, which also keeps an encrypted database's keys file in step.
The sub-dialogs open window-modal and are returned, so tests fill them and call ``accept()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk import access
from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR, ROLES
from coopdesk.core.errors import ConflictError, CoopdeskError, ValidationError
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext, role_label
from coopdesk.ui.rows_model import Index, ItemRowsModel
from coopdesk.ui.views.form_kit import FormDialog, message, plain_table
from coopdesk.ui.widgets import Banner


@dataclass(frozen=True)
class UserRow:
    id: int
    login: str
    name: str
    role: str
    active: bool
    last_login: dt.datetime | None
    version: int = 1  # passed back with a change of the role or of active (core/conflicts.py)


def user_rows(session: Any) -> list[UserRow]:
    from coopdesk.core.services import users

    return [UserRow(u.id, u.login, u.name, u.role, u.active, u.last_login_at, u.version) for u in users.users(session)]


class UsersModel(ItemRowsModel):
    LOGIN, NAME, ROLE, ACTIVE, LAST_LOGIN = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UserRow] = []

    def headers(self) -> list[str]:
        return [
            formats.tr("Användarnamn"),
            formats.tr("Namn"),
            formats.tr("Roll"),
            formats.tr("Aktiv"),
            formats.tr("Senast inloggad"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == self.LOGIN:
                return row.login
            if column == self.NAME:
                return row.name
            if column == self.ROLE:
                return role_label(row.role)
            if column == self.ACTIVE:
                return formats.tr("ja") if row.active else formats.tr("nej")
            return f"{row.last_login:%Y-%m-%d %H:%M}" if row.last_login else "–"
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            from coopdesk.ui.widgets import COLORS

            return COLORS["muted"]
        return None


def _passwords_equal(first: QLineEdit, second: QLineEdit) -> CoopdeskError | None:
    if first.text() == second.text():
        return None
    second.clear()
    return ValidationError(
        "password",
        "•",
        "Lösenorden är inte lika. Skriv samma lösenord två gånger.",
        "The passwords differ. Type the same password twice.",
    )


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(240)
    return field


def _attempt(action: Callable[[], object]) -> CoopdeskError | None:
    try:
        action()
    except CoopdeskError as error:
        return error
    return None


class NewUserDialog(FormDialog):
    """Ny användare: login, name, role and a temporary password (to be changed at the first login)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Ny användare"))
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("till exempel anna.b"))
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in (ROLE_SUPERVISOR, ROLE_ADMIN):
            self.role.addItem(role_label(role), role)
        self.password = _password_field()
        self.again = _password_field()
        self.form.addRow(self.tr("&Användarnamn"), self.login)
        self.form.addRow(self.tr("&Namn"), self.name)
        self.form.addRow(self.tr("&Roll"), self.role)
        self.form.addRow(self.tr("&Tillfälligt lösenord"), self.password)
        self.form.addRow(self.tr("Lösenordet &igen"), self.again)
        note = QLabel(self.tr("Användaren väljer ett eget lösenord vid första inloggningen."))
        note.setStyleSheet("color: #6b7280;")
        self.form.addRow(note)

    def save(self) -> bool:
        error = _passwords_equal(self.password, self.again) or _attempt(
            lambda: access.add_user(
                self.ctx.account(), self.login.text(), self.name.text(), self.role.currentData(), self.password.text()
            )
        )
        return self.show_result(error)


class NewPasswordDialog(FormDialog):
    """Nytt lösenord for someone else (or for an account made active again): given twice."""

    def __init__(self, title: str, name: str, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.password = _password_field()
        self.again = _password_field()
        self.form.addRow(QLabel(self.tr("Ett tillfälligt lösenord för %1:").replace("%1", name)))
        self.form.addRow(self.tr("&Nytt lösenord"), self.password)
        self.form.addRow(self.tr("Lösenordet &igen"), self.again)

    def save(self) -> bool:
        error = _passwords_equal(self.password, self.again) or _attempt(lambda: self._save(self.password.text()))
        return self.show_result(error)


class ChangePasswordDialog(FormDialog):
    """Byt lösenord: the current one and the new one twice. ``forced`` after a temporary password."""

    def __init__(self, session: access.UserSession, *, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Byt lösenord"))
        self.current = _password_field()
        self.new = _password_field()
        self.again = _password_field()
        if forced:
            intro = QLabel(
                self.tr("Du loggade in med ett tillfälligt lösenord. Välj ett eget lösenord innan du fortsätter.")
            )
            intro.setWordWrap(True)
            self.form.addRow(intro)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("A&vsluta"))
        self.form.addRow(self.tr("&Nuvarande lösenord"), self.current)
        self.form.addRow(self.tr("N&ytt lösenord"), self.new)
        self.form.addRow(self.tr("Nya lösenordet &igen"), self.again)
        self.setMinimumWidth(440)

    def save(self) -> bool:
        error = _passwords_equal(self.new, self.again) or _attempt(
            lambda: access.change_own_password(self.session, self.current.text(), self.new.text())
        )
        return self.show_result(error)


class UsersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        #: Asked before an account is made inactive; tests replace it.
        self.confirm: Callable[[str], bool] = self._ask
        self.setWindowTitle(self.tr("Användare"))
        self.model = UsersModel(self)
        self.table = plain_table(self.model, "usersTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(UsersModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._selection_changed())
        self.new_button = QPushButton(self.tr("&Ny användare…"))
        self.password_button = QPushButton(self.tr("Nytt &lösenord…"))
        self.active_button = QPushButton(self.tr("Gör &inaktiv"))
        self.role_button = QPushButton(self.tr("Gör till &administratör"))
        self.new_button.clicked.connect(self.new_user)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.role_button.clicked.connect(self.toggle_role)
        self.message = Banner()
        row = QHBoxLayout()
        for button in (self.new_button, self.password_button, self.active_button, self.role_button):
            row.addWidget(button)
        row.addStretch(1)
        note = QLabel(
            self.tr(
                "Ett konto tas aldrig bort, eftersom händelseloggen nämner det: det görs inaktivt. Det finns "
                "alltid minst en aktiv administratör."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(close)
        self.resize(820, 420)
        self.refresh()

    def refresh(self) -> None:
        current = self.selected()
        self.model.replace_rows(self.ctx.read(user_rows))
        self.table.resizeColumnToContents(UsersModel.LOGIN)
        self.table.resizeColumnToContents(UsersModel.LAST_LOGIN)
        row = self.model.row_of(current.id) if current else -1
        self.table.selectRow(max(row, 0))
        self._selection_changed()

    def selected(self) -> UserRow | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def select_login(self, login: str) -> None:
        self.table.selectRow(next(i for i, r in enumerate(self.model.rows) if r.login == login))

    def _selection_changed(self) -> None:
        user = self.selected()
        for button in (self.password_button, self.active_button, self.role_button):
            button.setEnabled(user is not None)
        if user is None:
            return
        self.active_button.setText(self.tr("Gör &inaktiv") if user.active else self.tr("Gör &aktiv…"))
        self.role_button.setText(
            self.tr("Gör till &handledare") if user.role == ROLE_ADMIN else self.tr("Gör till &administratör")
        )

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Queued: the table is read again once the dialog has finished closing, not from inside its accept()
        # (the read waits in an event loop, which must not delete the dialog while it is still in accept()).
        dialog.accepted.connect(self._changed, Qt.ConnectionType.QueuedConnection)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.message.clear_message()
        self.refresh()

    def _result(self, error: CoopdeskError | None) -> bool:
        if error is not None:
            if isinstance(error, ConflictError):
                self.refresh()  # another PC changed the account first: the table shows what it saved
            self.message.show_message(message(error), "error")
            return False
        self._changed()
        return True

    def new_user(self) -> QDialog:
        return self._show(NewUserDialog(self.ctx, self))

    def reset_password(self) -> QDialog | None:
        user = self.selected()
        if user is None:
            return None
        session = self.ctx.account()
        return self._show(
            NewPasswordDialog(
                self.tr("Nytt lösenord"), user.name, lambda pw: access.set_password(session, user.id, pw), self
            )
        )

    def toggle_active(self) -> QDialog | bool:
        """Inactive at once (after a question); active again only with a new password (a sub-dialog)."""
        user = self.selected()
        if user is None:
            return False
        session = self.ctx.account()
        if not user.active:

            def activate(password: str) -> None:
                # The version the table shows now: after a conflict it has the other PC's change.
                try:
                    access.set_active(session, user.id, True, password, expected_version=self.version_of(user.id))
                except ConflictError:
                    self.refresh()
                    raise

            return self._show(NewPasswordDialog(self.tr("Gör aktiv"), user.name, activate, self))
        question = self.tr("Göra %1 inaktiv? Kontot kan inte längre logga in.").replace("%1", user.name)
        if not self.confirm(question):
            return False
        return self._result(_attempt(lambda: access.set_active(session, user.id, False, expected_version=user.version)))

    def version_of(self, user_id: int) -> int | None:
        """The account's version as the table shows it."""
        return next((row.version for row in self.model.rows if row.id == user_id), None)

    def toggle_role(self) -> bool:
        from coopdesk.core.services import users

        user = self.selected()
        if user is None:
            return False
        role = ROLES[1 - ROLES.index(user.role)] if user.role in ROLES else ROLE_SUPERVISOR
        actor = self.ctx.actor

        _, error = self.ctx.attempt(
            lambda s: users.update_user(s, actor, user.id, role=role, expected_version=user.version), "users"
        )
        return self._result(error)

    def _ask(self, text: str) -> bool:
        return QMessageBox.question(self, self.tr("Användare"), text) == QMessageBox.StandardButton.Yes
