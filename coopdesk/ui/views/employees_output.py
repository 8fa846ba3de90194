"""Printing and saving Anställda's documents (the time report, the request basis, the outlook).

The dialogs are attributes so that tests answer them without a blocking ``exec()``; a file is checked
(never the database, its keys or a backup) and written whole, owner-only, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QWidget

from coopdesk.app.files import check_output_path, safe_file_name, write_private
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import show_error
from coopdesk.ui.printing import print_pdf_bytes


class Outputs(QObject):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.widget = ctx, parent
        self.ask_save_file: Callable[[str, str], str] = self._ask_save_file
        self.ask_printer: Callable[[QPrinter], bool] = self._ask_printer

    def print_pdf(self, data: bytes, name: str) -> int:
        """The pages printed (0: cancelled)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(safe_file_name(name))
        if not self.ask_printer(printer):
            return 0
        return print_pdf_bytes(data, printer)

    def save(self, data: bytes, suggested: str, extension: str) -> Path | None:
        name = self.ask_save_file(safe_file_name(suggested), extension)
        if not name:
            return None
        try:
            # the save dialog has asked about replacing a file; the database, its keys and backups never are
            target = check_output_path(name, force=True, db_path=self.ctx.db.sqlite_path)
            write_private(target, data)
        except CoopdeskError as error:
            show_error(self.widget, error)
            return None
        window = self.widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("Sparade %1").replace("%1", str(target)), 8000)
        return target

    def _ask_save_file(self, suggested: str, extension: str) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self.widget, self.tr("Spara"), suggested, f"{extension.upper()} (*.{extension})"
        )
        return name

    def _ask_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self.widget).exec() == QDialog.DialogCode.Accepted
