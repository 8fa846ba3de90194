"""The main window with several PCs on one database server: the banner when the server is out of reach
(with the changes that wait), another PC's change that no view showed itself, and no closing while
changes wait unless they are saved to a file first.

``ConnectionWatch`` is a part of ``MainWindow`` (ui/main_window.py): it owns the two notices (the window
places them above the views) and whether the server was out of reach; the window connects the sync monitor's
signals to it and asks ``may_close`` before it closes. Its strings keep the translation context "MainWindow"
(``translate`` by name, not ``self.tr()``, which lupdate would file under this class), so the existing
translations hold.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import language, show_error
from coopdesk.ui.widgets import Notice

translate = QCoreApplication.translate


class ConnectionWatch(QObject):
    """The server's reach as the user sees it; ``window`` is the parent of its questions."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self._was_offline = False
        # Above every view: the database server out of reach (with the changes that wait), and another
        # PC's change that no view showed itself (an undo, say).
        self.connection_notice = Notice("connectionNotice", closable=False)
        self.connection_notice.action.setText(translate("MainWindow", "Försök nu"))
        self.connection_notice.action.clicked.connect(lambda: self.ctx.sync.check())
        self.conflict_notice = Notice("windowConflictNotice")

    def show_conflict(self, error: CoopdeskError) -> None:
        """Another PC's change (or a waiting change refused when it was applied), without a modal box."""
        self.conflict_notice.show_message(error.message(language()), "conflict", 60_000)

    @Slot()
    def connection_changed(self) -> None:
        sync = self.ctx.sync
        count = len(sync.pending)
        if sync.offline:
            self._was_offline = True
            text = translate("MainWindow", "Ingen kontakt med databasservern.")
            if count == 1:
                text += " " + translate("MainWindow", "1 ändring väntar och sparas när kontakten är tillbaka.")
            elif count:
                text += " " + translate(
                    "MainWindow", "%1 ändringar väntar och sparas när kontakten är tillbaka."
                ).replace("%1", str(count))
            else:
                text += " " + translate(
                    "MainWindow",
                    "Det du ser kan vara inaktuellt. coopdesk försöker igen med några sekunders mellanrum.",
                )
            self.connection_notice.action.setVisible(True)
            self.connection_notice.show_message(text, "offline")
        elif self._was_offline:
            self._was_offline = False
            self.connection_notice.action.setVisible(False)
            self.connection_notice.show_message(
                translate("MainWindow", "Kontakten med databasservern är tillbaka. Allt som väntade är sparat."),
                "info",
                15_000,
            )

    def ask_pending(self, count: int) -> str:
        """Changes wait for the server: "wait" (stay open and try again) or "export" (save them to a file)."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("MainWindow", "Ändringar väntar"))
        box.setText(
            translate("MainWindow", "%1 ändringar är inte sparade: databasservern går inte att nå.").replace(
                "%1", str(count)
            )
            if count != 1
            else translate("MainWindow", "1 ändring är inte sparad: databasservern går inte att nå.")
        )
        box.setInformativeText(
            translate(
                "MainWindow",
                "Vänta tills kontakten är tillbaka (coopdesk försöker igen hela tiden), eller spara ändringarna i "
                "en fil och avsluta. Filen kan lämnas till den som sköter databasen så att inget går förlorat.",
            )
        )
        wait = box.addButton(translate("MainWindow", "&Vänta"), QMessageBox.ButtonRole.RejectRole)
        export = box.addButton(
            translate("MainWindow", "&Spara i en fil och avsluta…"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setDefaultButton(wait)
        box.exec()
        return "export" if box.clickedButton() is export else "wait"

    def pending_file(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        # in the home folder: the data folder holds coopdesk's own files and takes no output
        default = Path.home() / f"coopdesk-ej-sparat-{dt.datetime.now():%Y-%m-%d-%H%M}.json"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("MainWindow", "Spara ändringarna som väntar"),
            str(default),
            translate("MainWindow", "JSON-fil (*.json)"),
        )
        return Path(name) if name else None

    def _sqlite_path(self) -> Path | None:
        return self.ctx.db.sqlite_path if self.ctx.has_database else None

    def may_close(self) -> bool:
        """Never close with changes that wait for the server, unless they are saved to a file first."""
        sync = self.ctx.sync
        if not sync.pending:
            return True
        sync.check(wait=True)  # the server may be back: then nothing waits any more
        while sync.pending:
            if self.ask_pending(len(sync.pending)) != "export":
                return False
            target = self.pending_file()
            if target is None:
                continue
            try:
                from coopdesk.app.files import check_output_path

                # the save dialog has asked about replacing a file; coopdesk's own files are never replaced
                sync.export(check_output_path(target, force=True, db_path=self._sqlite_path()))
            except CoopdeskError as error:
                show_error(self.window, error)
                continue
            except OSError as error:
                QMessageBox.warning(
                    self.window,
                    "coopdesk",
                    translate("MainWindow", "Filen %1 kunde inte sparas: %2")
                    .replace("%1", str(target))
                    .replace("%2", error.strerror or ""),
                )
                continue
            return True
        return True
