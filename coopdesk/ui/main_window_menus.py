"""The main window's menus and what their items do: import and export, backups, erasure, users and
passwords, the lock, the audit log, the views by Ctrl+1 … Ctrl+9, Ctrl+0, the shortcuts and the about box.

``WindowMenus`` is a part of ``MainWindow`` (ui/main_window.py). It is handed the window (whose menu bar it
fills and which parents its dialogs), the context, the ``RoleGuard`` that refuses a handledare's admin action,
and the window's own steps as callbacks (show a view, show the guide, lock, log out); the backups arrive with
``set_backups`` once a SQLite database is attached. Its strings keep the translation context "MainWindow"
(``translate`` by name, not ``self.tr()``, which lupdate would file under this class), so the existing
translations hold.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from coopdesk import __version__
from coopdesk.ui.context import AppContext
from coopdesk.ui.main_window_roles import RoleGuard

if TYPE_CHECKING:
    from coopdesk.ui.backups import BackupController

translate = QCoreApplication.translate


class StackAction(QAction):
    """Ångra / Gör om, named after the step they take back or do again."""

    def __init__(self, prefix: str, parent: QObject) -> None:
        super().__init__(parent)
        self.prefix = prefix

    @Slot(str)
    def show_step(self, text: str) -> None:
        self.setText(f"{self.prefix} {text}".strip())


class WindowMenus(QObject):
    """The menu bar of ``window`` and what its items do."""

    def __init__(
        self,
        window: QMainWindow,
        ctx: AppContext,
        roles: RoleGuard,
        views: list[tuple[str, str]],
        *,
        show_view: Callable[[str], object],
        show_help: Callable[[], object],
        lock_now: Callable[[], None],
        log_out: Callable[[], object],
    ) -> None:
        """``views``: each view's key and title, in the order of Ctrl+1 … Ctrl+9, Ctrl+0."""
        super().__init__(window)
        self.window, self.ctx, self.roles = window, ctx, roles
        self.backups: BackupController | None = None  # set_backups, once a SQLite database is attached
        self._build(views, show_view, show_help, lock_now, log_out)

    def _stack_action(self, prefix: str, trigger: Callable[[], None], *, undo: bool) -> QAction:
        """Ångra / Gör om as QUndoStack's own actions show them (enabled and named after the step), but
        through ctx.undo / ctx.redo, which first let an edit still on its way to the database land on
        the stack: Ctrl+Z right after a key must take back that key, not the step before it."""
        action = StackAction(prefix, self.window)
        stack = self.ctx.undo_stack
        # Bound to the action's own slots, so the connections go with the action (the stack outlives it).
        (stack.undoTextChanged if undo else stack.redoTextChanged).connect(action.show_step)
        (stack.canUndoChanged if undo else stack.canRedoChanged).connect(action.setEnabled)
        action.show_step(stack.undoText() if undo else stack.redoText())
        action.setEnabled(stack.canUndo() if undo else stack.canRedo())
        action.triggered.connect(trigger)
        return action

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot, menu) -> QAction:
        action = QAction(text, self.window)  # the window's: its shortcut works wherever the focus is in it
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build(
        self,
        views: list[tuple[str, str]],
        show_view: Callable[[str], object],
        show_help: Callable[[], object],
        lock_now: Callable[[], None],
        log_out: Callable[[], object],
    ) -> None:
        bar = self.window.menuBar()
        self.file_menu = bar.addMenu(translate("MainWindow", "&Arkiv"))
        self.file_menu.setToolTipsVisible(True)  # a disabled item says why
        self.import_action = self._action(translate("MainWindow", "&Importera…"), None, self.run_import, self.file_menu)
        self.sheet_import_action = self._action(
            translate("MainWindow", "Importera från &kalkylblad…"), None, self.run_sheet_import, self.file_menu
        )
        self.export_action = self._action(translate("MainWindow", "&Exportera…"), None, self.run_export, self.file_menu)
        self.file_menu.addSeparator()
        self.backup_action = self._action(
            translate("MainWindow", "&Säkerhetskopiera nu"), "Ctrl+Shift+S", self.backup_now, self.file_menu
        )
        self.restore_action = self._action(
            translate("MainWindow", "Å&terställ från säkerhetskopia…"), None, self.restore_backup, self.file_menu
        )
        self.backup_action.setEnabled(False)
        self.restore_action.setEnabled(False)
        self.erasure_action = self._action(
            translate("MainWindow", "&Gallra tidigare medlemmar…"), None, self.erasure, self.file_menu
        )
        self.file_menu.addSeparator()
        self.users_action = self._action(translate("MainWindow", "&Användare…"), None, self.users, self.file_menu)
        self.password_action = self._action(
            translate("MainWindow", "&Byt lösenord…"), None, self.change_password, self.file_menu
        )
        self.lock_action = self._action(
            translate("MainWindow", "&Lås nu"), "Ctrl+Shift+L", lambda: lock_now(), self.file_menu
        )
        self.log_out_action = self._action(
            translate("MainWindow", "Logga &ut / Byt användare…"), None, lambda: log_out(), self.file_menu
        )
        self.file_menu.addSeparator()
        self._action(
            translate("MainWindow", "A&vsluta"), QKeySequence.StandardKey.Quit, self.window.close, self.file_menu
        )

        edit = bar.addMenu(translate("MainWindow", "&Redigera"))
        undo = self._stack_action(translate("MainWindow", "Ångra"), self.ctx.undo, undo=True)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self._stack_action(translate("MainWindow", "Gör om"), self.ctx.redo, undo=False)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(undo)
        edit.addAction(redo)

        view_menu = bar.addMenu(translate("MainWindow", "&Visa"))
        view_menu.setToolTipsVisible(True)
        self.audit_action = self._action(translate("MainWindow", "&Händelselogg…"), "Ctrl+L", self.audit_log, view_menu)
        view_menu.addSeparator()
        # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth view; Inställningar (last) has Ctrl+, as settings have
        # in most programs. More views than keys get none (the navigation and this menu still reach them).
        keys = [f"Ctrl+{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)]
        for number, (view_key, title) in enumerate(views):
            shortcut = "Ctrl+," if view_key == "installningar" else keys[number] if number < len(keys) else None
            self._action(title, shortcut, lambda _=False, key=view_key: show_view(key), view_menu)

        self.statement_menu = bar.addMenu(translate("MainWindow", "R&edovisning"))
        self._action(
            translate("MainWindow", "Visa redovisning"),
            "Ctrl+R",
            lambda: show_view("redovisning"),
            self.statement_menu,
        )

        help_menu = bar.addMenu(translate("MainWindow", "&Hjälp"))
        self.help_action = self._action(
            translate("MainWindow", "&Användarhandbok"), "F1", lambda: show_help(), help_menu
        )
        self.help_action.setToolTip(translate("MainWindow", "Handboken om vyn du är i (F1)"))
        self._action(translate("MainWindow", "&Kortkommandon"), None, self.shortcuts, help_menu)
        self._action(translate("MainWindow", "&Om coopdesk"), None, self.about, help_menu)

    def set_backups(self, backups: BackupController | None) -> None:
        """The backups of the attached SQLite database (None on a database server: nothing to do here)."""
        self.backups = backups
        self.backup_action.setEnabled(backups is not None)
        self.restore_action.setEnabled(backups is not None)

    def apply_role(self) -> None:
        """The administrator's items disabled, with the reason, for anyone else."""
        self.roles.restrict(
            (
                (self.import_action, "import"),
                (self.sheet_import_action, "import"),
                (self.export_action, "export"),
                (self.restore_action, "restore"),
                (self.audit_action, "audit"),
                (self.users_action, "users"),
                (self.erasure_action, "erasure"),
            )
        )
        if self.backups is None:  # no file to restore to (a database server)
            self.restore_action.setEnabled(False)

    def run_import(self) -> None:
        if self.roles.refused("importera", "import"):
            return
        from coopdesk.ui.exchange_dialogs import import_file

        import_file(self.window)

    def run_sheet_import(self) -> None:
        if self.roles.refused("importera från kalkylblad", "import from a spreadsheet"):
            return
        from coopdesk.ui.sheet_import_dialog import import_sheet

        import_sheet(self.window)

    def run_export(self) -> None:
        if self.roles.refused("exportera hela databasen", "export the whole database"):
            return
        from coopdesk.ui.exchange_dialogs import export_file

        export_file(self.window)

    def audit_log(self) -> None:
        if self.roles.refused("läsa händelseloggen", "read the audit log"):
            return
        from coopdesk.ui.audit_dialog import AuditDialog

        AuditDialog(self.ctx, self.window).exec()

    def users(self) -> None:
        if not self.ctx.has_database or self.roles.refused("hantera användare", "manage users"):
            return
        from coopdesk.ui.users_dialog import UsersDialog

        UsersDialog(self.ctx, self.window).exec()

    def change_password(self) -> None:
        if not self.ctx.has_database:
            return
        from coopdesk.ui.users_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.ctx.account(), parent=self.window).exec():
            self.window.statusBar().showMessage(translate("MainWindow", "Lösenordet är bytt."), 10_000)

    def backup_now(self) -> None:
        if self.backups is not None:
            self.backups.backup_in_background("manual", self._backup_made)

    def _backup_made(self, target: Path) -> None:
        """A backup made on request is on the record (the automatic ones are not: docs/rules.md)."""
        from coopdesk.core.errors import CoopdeskError
        from coopdesk.core.services import outputs
        from coopdesk.ui.errors import show_error

        self.window.statusBar().showMessage(
            translate("MainWindow", "Säkerhetskopian är gjord och kontrollerad: %1").replace("%1", str(target)),
            10_000,
        )
        try:
            with self.ctx.db.session() as session:
                outputs.record_backup(session, self.ctx.actor, Path(target).name)
        except CoopdeskError as error:
            show_error(self.window, error)

    def erasure(self) -> None:
        if self.ctx.has_database and not self.roles.refused("gallra medlemmar", "erase members"):
            from coopdesk.ui.erasure_dialog import open_erasure_dialog

            open_erasure_dialog(self.window, self.ctx)

    def restore_backup(self) -> None:
        if self.backups is not None and not self.roles.refused("återställa en säkerhetskopia", "restore a backup"):
            from coopdesk.ui.backups import restore_dialog

            restore_dialog(self.backups, self.window)

    def shortcuts(self) -> None:
        QMessageBox.information(
            self.window,
            translate("MainWindow", "Kortkommandon"),
            translate(
                "MainWindow",
                "Ctrl+1 … Ctrl+9, Ctrl+0  byt vy, Ctrl+,  inställningar\n"
                "Ctrl+Z / Ctrl+Y  ångra / gör om\n"
                "Ctrl+R  redovisning\n"
                "Ctrl+L  händelselogg, Ctrl+Shift+L  lås nu\n\n"
                "Idag och Månad:\n"
                "/ eller Ctrl+F  hitta medlem: skriv namnets början, Enter väljer, Esc avbryter\n"
                "N S A O L  på vald rad: närvarande, sjuk, anmäld, oanmäld frånvaro, ledig\n"
                "siffror  skriv timmar på vald rad (Enter sparar)\n"
                "Delete  ta bort registreringen\n"
                "pil  väljer raden där markören står\n"
                "Andra bokstäver ändrar ingenting: sök med / eller Ctrl+F.\n"
                "Ctrl+M  markera alla planerade som närvarande (Idag)\n"
                "Alt+Vänster / Alt+Höger  föregående / nästa dag, Ctrl+T idag",
            ),
        )

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            translate("MainWindow", "Om coopdesk"),
            translate(
                "MainWindow",
                "coopdesk %1\n\nNärvaro, handledartid och månadsredovisningar för sociala arbetskooperativ.",
            ).replace("%1", __version__),
        )
