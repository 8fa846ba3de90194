"""The main window's menus and what their items do: import and export, backups, erasure, users and
passwords, the lock, the audit log, the views by Ctrl+1 … Ctrl+7, the shortcuts and the about box.

A mixin of ``MainWindow`` (ui/main_window.py). Its strings keep the translation context "MainWindow":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from coopdesk import __version__
from coopdesk.ui.context import AppContext

translate = QCoreApplication.translate


class MenusMixin:
    ctx: AppContext

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot, menu) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self, views: list[tuple[str, str]]) -> None:
        """``views``: each view's key and title, in the order of Ctrl+1 … Ctrl+7."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(translate("MainWindow", "&Arkiv"))
        self.file_menu.setToolTipsVisible(True)  # a disabled item says why
        self.import_action = self._action(translate("MainWindow", "&Importera…"), None, self._import, self.file_menu)
        self.export_action = self._action(translate("MainWindow", "&Exportera…"), None, self._export, self.file_menu)
        self.file_menu.addSeparator()
        self.backup_action = self._action(
            translate("MainWindow", "&Säkerhetskopiera nu"), "Ctrl+Shift+S", self._backup_now, self.file_menu
        )
        self.restore_action = self._action(
            translate("MainWindow", "Å&terställ från säkerhetskopia…"), None, self._restore_backup, self.file_menu
        )
        self.backup_action.setEnabled(False)
        self.restore_action.setEnabled(False)
        self.erasure_action = self._action(
            translate("MainWindow", "&Gallra tidigare medlemmar…"), None, self._erasure, self.file_menu
        )
        self.file_menu.addSeparator()
        self.users_action = self._action(translate("MainWindow", "&Användare…"), None, self._users, self.file_menu)
        self.password_action = self._action(
            translate("MainWindow", "&Byt lösenord…"), None, self._change_password, self.file_menu
        )
        self.lock_action = self._action(
            translate("MainWindow", "&Lås nu"), "Ctrl+Shift+L", self.lock_now, self.file_menu
        )
        self.log_out_action = self._action(
            translate("MainWindow", "Logga &ut / Byt användare…"), None, self.log_out, self.file_menu
        )
        self.file_menu.addSeparator()
        self._action(translate("MainWindow", "A&vsluta"), QKeySequence.StandardKey.Quit, self.close, self.file_menu)

        edit = bar.addMenu(translate("MainWindow", "&Redigera"))
        undo = self.ctx.undo_stack.createUndoAction(self, translate("MainWindow", "Ångra"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, translate("MainWindow", "Gör om"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(undo)
        edit.addAction(redo)

        view_menu = bar.addMenu(translate("MainWindow", "&Visa"))
        view_menu.setToolTipsVisible(True)
        self.audit_action = self._action(
            translate("MainWindow", "&Händelselogg…"), "Ctrl+L", self._audit_log, view_menu
        )
        view_menu.addSeparator()
        for number, (view_key, title) in enumerate(views, start=1):
            self._action(title, f"Ctrl+{number}", lambda _=False, key=view_key: self.show_view(key), view_menu)

        self.statement_menu = bar.addMenu(translate("MainWindow", "R&edovisning"))
        self._action(
            translate("MainWindow", "Visa redovisning"),
            "Ctrl+R",
            lambda: self.show_view("redovisning"),
            self.statement_menu,
        )

        help_menu = bar.addMenu(translate("MainWindow", "&Hjälp"))
        self.help_action = self._action(translate("MainWindow", "&Användarhandbok"), "F1", self.show_help, help_menu)
        self.help_action.setToolTip(translate("MainWindow", "Handboken om vyn du är i (F1)"))
        self._action(translate("MainWindow", "&Kortkommandon"), None, self._shortcuts, help_menu)
        self._action(translate("MainWindow", "&Om coopdesk"), None, self._about, help_menu)

    def _import(self) -> None:
        if self._refused("importera", "import"):
            return
        from coopdesk.ui.exchange_dialogs import import_file

        import_file(self)

    def _export(self) -> None:
        if self._refused("exportera hela databasen", "export the whole database"):
            return
        from coopdesk.ui.exchange_dialogs import export_file

        export_file(self)

    def _audit_log(self) -> None:
        if self._refused("läsa händelseloggen", "read the audit log"):
            return
        from coopdesk.ui.audit_dialog import AuditDialog

        AuditDialog(self.ctx, self).exec()

    def _users(self) -> None:
        if not self.ctx.has_database or self._refused("hantera användare", "manage users"):
            return
        from coopdesk.ui.users_dialog import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def _change_password(self) -> None:
        if not self.ctx.has_database:
            return
        from coopdesk.ui.users_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.ctx.account(), parent=self).exec():
            self.statusBar().showMessage(translate("MainWindow", "Lösenordet är bytt."), 10_000)

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def _backup_now(self) -> None:
        if self.backups is not None:
            self.backups.backup_in_background("manual", self._backup_made)

    def _backup_made(self, target: Path) -> None:
        """A backup made on request is on the record (the automatic ones are not: docs/rules.md)."""
        from coopdesk.core.errors import CoopdeskError
        from coopdesk.core.services import outputs
        from coopdesk.ui.errors import show_error

        self.statusBar().showMessage(
            translate("MainWindow", "Säkerhetskopian är gjord och kontrollerad: %1").replace("%1", str(target)),
            10_000,
        )
        try:
            with self.ctx.db.session() as session:
                outputs.record_backup(session, self.ctx.actor, Path(target).name)
        except CoopdeskError as error:
            show_error(self, error)

    def _erasure(self) -> None:
        if self.ctx.has_database and not self._refused("gallra medlemmar", "erase members"):
            from coopdesk.ui.erasure_dialog import open_erasure_dialog

            open_erasure_dialog(self, self.ctx)

    def _restore_backup(self) -> None:
        if self.backups is not None and not self._refused("återställa en säkerhetskopia", "restore a backup"):
            from coopdesk.ui.backups import restore_dialog

            restore_dialog(self.backups, self)

    def _shortcuts(self) -> None:
        QMessageBox.information(
            self,
            translate("MainWindow", "Kortkommandon"),
            translate(
                "MainWindow",
                "Ctrl+1 … Ctrl+7  byt vy\n"
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

    def _about(self) -> None:
        QMessageBox.about(
            self,
            translate("MainWindow", "Om coopdesk"),
            translate(
                "MainWindow",
                "coopdesk %1\n\nNärvaro, handledartid och månadsredovisningar för sociala arbetskooperativ.",
            ).replace("%1", __version__),
        )
