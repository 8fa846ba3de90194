"""The main window's part in switching users: Arkiv → Logga ut / Byt användare, and "Annan användare"
on the lock screen, so that several supervisors share one PC without quitting the program.

Logging out asks about every open form with unsaved input (Spara / Släng / Avbryt: nothing typed is
lost without a question), closes the open dialogs, writes "loggade ut" in the audit log, throws the
views away (no member's data stays in the window) and empties the undo history (the next user
cannot undo the last one's changes). Then the login dialog is shown in the same window, on the
database that stays open: the next user's password is checked like at the start, and on an
encrypted database it must unwrap the key (coopdesk.access.switch_user). The menus and the views'
buttons follow the new user's role.

``UserSwitch`` is a part of ``MainWindow`` (ui/main_window.py). It is handed the window (the parent of its
questions and of the login dialog, closed by Avsluta there), the context, and two questions it asks the
window: is the window locked, and which views are built. It owns the logged-out page (the window puts it in
its central stack), the login dialog and whether nobody is logged in; the window does its own part of a
logout and a login on the signals ``logged_out`` and ``logged_in``. Its strings keep the translation context
"MainWindow" (``translate`` by name, not ``self.tr()``, which lupdate would file under this class), so the
existing translations hold.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.actor import Actor
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import show_error

translate = QCoreApplication.translate
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth, parent = depth + 1, parent.parentWidget()
    return depth


def open_dialogs() -> list[QDialog]:
    """The open dialogs, the innermost (a form opened from another form) first."""
    found = []
    for widget in QApplication.topLevelWidgets():
        with contextlib.suppress(RuntimeError):  # a wrapper whose widget is being deleted
            if isinstance(widget, QDialog) and widget.isVisible():
                found.append(widget)
    return sorted(found, key=_depth, reverse=True)


def has_unsaved_input(dialog: QDialog) -> bool:
    """A form whose input is not saved: the member editor knows exactly; any other dialog that saves
    (Spara) is taken to hold input, since it was opened to enter something."""
    is_dirty = getattr(dialog, "is_dirty", None)
    if callable(is_dirty):
        fields = [getattr(dialog, name, None) for name in ("name_edit", "number_edit")]
        typed = getattr(dialog, "details", None) is not None or any(field.text() for field in fields if field)
        return bool(is_dirty() and typed)
    return callable(getattr(dialog, "save", None))


class UserSwitch(QObject):
    """Logga ut / Byt användare in ``window``, and the login of the next user."""

    #: The user is logged out: the window throws its views away and shows ``page``.
    logged_out = Signal()
    #: The next user is logged in (an access session): the window opens on their data.
    logged_in = Signal(object)

    def __init__(
        self,
        window: QWidget,
        ctx: AppContext,
        *,
        is_locked: Callable[[], bool],
        open_views: Callable[[], list[QWidget]],
    ) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self._is_locked, self._open_views = is_locked, open_views
        #: Nobody is logged in: the page shows, with the login dialog or its "Logga in…".
        self.waiting_for_login = False
        #: The login dialog shown after a logout (tests fill it and call its ``attempt()``).
        self.login_dialog: QDialog | None = None
        page = QWidget()
        page.setObjectName("loggedOutPage")
        title = QLabel(translate("MainWindow", "Utloggad"))
        title.setObjectName("loggedOutTitle")
        title.setStyleSheet("QLabel#loggedOutTitle { font-size: 22pt; font-weight: 600; }")
        text = QLabel(translate("MainWindow", "Ingen är inloggad. Logga in för att fortsätta."))
        text.setWordWrap(True)
        self.log_in_button = QPushButton(translate("MainWindow", "&Logga in…"))
        self.log_in_button.clicked.connect(self._ask_login)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(text)
        column.addWidget(self.log_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 2)
        row.addStretch(1)
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        #: Shown instead of the views while nobody is logged in (the window's central stack holds it).
        self.page = page

    # --- leaving -------------------------------------------------------------------------------

    def ask_unsaved(self, title: str | None) -> str:
        """Spara / Släng / Avbryt for a form with unsaved input (``title`` None: the form is covered by
        the lock, so its title, perhaps a member's name, is not shown)."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("MainWindow", "Osparade uppgifter"))
        who = self.ctx.actor.name
        if title:
            box.setText(translate("MainWindow", "”%1” har uppgifter som inte är sparade.").replace("%1", title))
        else:
            text = translate("MainWindow", "Ett öppet fönster har uppgifter som %1 inte har sparat.")
            box.setText(text.replace("%1", who))
        box.setInformativeText(
            translate(
                "MainWindow", "Spara dem (i %1s namn) innan %1 loggas ut, släng dem, eller avbryt utloggningen."
            ).replace("%1", who)
        )
        save = box.addButton(translate("MainWindow", "&Spara"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(translate("MainWindow", "S&läng"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(translate("MainWindow", "Avbryt"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL

    def _close_dialogs(self, locked: bool) -> bool:
        """Every open dialog closed, its unsaved input saved or thrown away as the user says; False
        (and nothing more closed) on Avbryt or a form that cannot be saved as it stands."""
        for dialog in open_dialogs():
            with contextlib.suppress(RuntimeError):
                if not dialog.isVisible():  # closed with the form it was opened from
                    continue
                if has_unsaved_input(dialog):
                    answer = self.ask_unsaved(None if locked else dialog.windowTitle())
                    if answer == CANCEL:
                        return False
                    if answer == SAVE and not dialog.save():  # type: ignore[attr-defined]
                        if locked:  # its message is under the lock: say here why nothing happened
                            QMessageBox.warning(
                                self.window,
                                "coopdesk",
                                translate(
                                    "MainWindow",
                                    "Uppgifterna kunde inte sparas som de står. %1 behöver låsa upp och rätta dem.",
                                ).replace("%1", self.ctx.actor.name),
                            )
                        return False
                    dialog.done(QDialog.DialogCode.Accepted if answer == SAVE else QDialog.DialogCode.Rejected)
                else:
                    dialog.done(QDialog.DialogCode.Rejected)
        return True

    def _views_may_close(self) -> bool:
        """A view's own form with unsaved input (Inställningar): saved, thrown away or kept (False)."""
        for widget in self._open_views():
            unsaved = getattr(widget, "has_unsaved_input", None)
            if callable(unsaved) and unsaved():
                answer = self.ask_unsaved(None)
                if answer == CANCEL or (answer == SAVE and not widget.save()):  # type: ignore[attr-defined]
                    return False
        return True

    def log_out(self) -> bool:
        """Arkiv → Logga ut / Byt användare (and "Annan användare" on the lock screen). True when the
        user is logged out and the login dialog shows; False when the user chose to stay."""
        if self.waiting_for_login or not self.ctx.has_database:
            return False
        sync = self.ctx.sync
        if sync.pending:
            QMessageBox.information(
                self.window,
                "coopdesk",
                translate(
                    "MainWindow",
                    "Ändringar väntar på databasservern. Logga ut när de är sparade (coopdesk försöker igen hela "
                    "tiden).",
                ),
            )
            return False
        locked = self._is_locked()
        # Hours half typed in Idag or Månad: asked about like a form's input (under the lock without the
        # member's name). (Not loaded: no register view was opened.)
        keys = sys.modules.get("coopdesk.ui.views.register_keys")
        if keys is not None and not keys.settle_open_edits(self.window, named=not locked):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and not locked:
            focus.clearFocus()  # another table's open cell editor gives its value to the table now
        if not self._close_dialogs(locked) or (not locked and not self._views_may_close()):
            return False
        from coopdesk import access

        session = self.ctx.account()
        try:
            access.log_out(session)
        except CoopdeskError as error:  # the server out of reach: the log entry cannot be written
            show_error(self.window, error)
            return False
        self.waiting_for_login = True
        sync.stop()
        self.ctx.undo_stack.clear()
        self.logged_out.emit()  # the window: the lock away, the views away, the page shown
        self.ctx.user_session = None
        self.ctx.actor = Actor(name="", role="")
        self._ask_login()
        return True

    # --- the next user -------------------------------------------------------------------------

    def _ask_login(self) -> None:
        """The login dialog, window-modal and not blocking; Avsluta in it closes the program."""
        from coopdesk import access
        from coopdesk.app.start_plan import plan_switch
        from coopdesk.ui.login import LoginDialog

        if self.login_dialog is not None:
            with contextlib.suppress(RuntimeError):
                self.login_dialog.raise_()
                self.login_dialog.activateWindow()
                return
        database = self.ctx.db
        dialog = LoginDialog(
            None,
            plan_switch(database),
            self.window,
            log_in=lambda login, password: access.switch_user(database, login, password),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._logged_in_again(dialog))
        dialog.quit_button.clicked.connect(self.window.close)
        dialog.finished.connect(lambda _result: setattr(self, "login_dialog", None))
        self.login_dialog = dialog
        dialog.open()

    def _logged_in_again(self, dialog: QDialog) -> None:
        session = dialog.session  # type: ignore[attr-defined]
        if session is None:
            return
        if session.must_change_password:
            from coopdesk.ui.login import change_password_now

            if not change_password_now(session, self.window):
                return  # still logged out; "Logga in…" is there
        self.waiting_for_login = False
        self.logged_in.emit(session)
