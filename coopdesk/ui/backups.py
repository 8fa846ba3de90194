"""Backups from the desktop app: daily and on closing, a check at start, restoring from a list.

Backups run on the background worker (the GUI stays responsive); the one taken on closing runs
before the window goes, so a day's work is always in a backup — within a time budget: closing never
waits for more than about a second. A backup or check still running when the window closes is
cancelled, and a backup cut short is taken at the next start (docs/rules.md, "Closing does not wait").
A damaged database found by the check at start gets a Swedish message offering the newest sound backup.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app import backups
from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.errors import language, show_bug, show_error

log = logging.getLogger("coopdesk")
CHECK_EVERY_MS = 60 * 60 * 1000  # is a daily backup due? once an hour
#: Seconds closing may take up to the end of its backup; a larger database's backup is left for the
#: next start. With what follows (saving the window's state, closing the database, the interpreter's
#: exit: about 0.15 s) this keeps closing under a second.
CLOSE_BUDGET = 0.6


def _size(path: Path) -> int:
    try:
        return path.stat().st_size + (Path(f"{path}-wal").stat().st_size if Path(f"{path}-wal").exists() else 0)
    except OSError:
        return 0


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".", ",") if size >= 100_000 else f"{size / 1000:.0f} kB"


class BackupController(QObject):
    """Owns the automatic backups of one open SQLite database."""

    def __init__(self, window: QWidget, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        self.db_path = db_path
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.timer.start()
        # Replaced in tests, so that no dialog waits for an answer.
        self.confirm: Callable[[str, str], bool] = self._confirm
        # Set when the window closes: the check and the backups running in the background stop.
        self.cancel = backups.Cancel()
        # Bytes per second of the last backup this session took whole: a closing backup that cannot
        # finish in its budget at that rate is not begun (it would only be cut).
        self.rate: float | None = None

    def cancel_background(self) -> None:
        """Stop the check and any backup still running on the worker (closing does not wait for them)."""
        self.timer.stop()
        self.cancel.set()

    @property
    def key(self) -> bytes | None:
        """The open database's key (None when it is not encrypted): backups are encrypted with it."""
        return getattr(self.ctx.db, "key", None)

    # --- automatic ---------------------------------------------------------------------------

    def backup_if_due(self) -> None:
        if backups.backup_due(self.db_path):
            self.backup_in_background("auto")

    def backup_in_background(self, reason: str, on_done: Callable[[Path], None] | None = None) -> None:
        key = self.key
        cancel = self.cancel

        def work() -> Path:
            started = time.monotonic()
            target = backups.take_backup(self.db_path, reason=reason, key=key, cancel=cancel)
            self.rate = _size(self.db_path) / max(time.monotonic() - started, 1e-3)
            return target

        def done(target: Path) -> None:
            log.info("Backup written: %s", target.name)
            if on_done is not None:
                on_done(target)

        def failed(error: BaseException, details: str) -> None:
            if isinstance(error, backups.Cancelled):
                log.info("Backup (%s) cancelled by closing; the next start takes it", reason)
            elif isinstance(error, CoopdeskError):
                show_error(self.window, error)
            else:
                show_bug(self.window, error, details)

        self.ctx.tasks.run(work, done, failed, self.tr("Säkerhetskopierar…"))

    def backup_on_close(self, budget: float = CLOSE_BUDGET) -> Path | None:
        """The backup taken when the app closes (synchronously: the process is about to end), given
        ``budget`` seconds; one that would take longer is left for the next start."""
        if budget <= 0 or (self.rate is not None and _size(self.db_path) / self.rate > budget):
            backups.mark_backup_due(self.db_path)
            log.info("Backup on closing would take over %.2f s; the next start takes it", max(budget, 0))
            return None
        try:
            target = backups.take_backup(self.db_path, reason="close", key=self.key, cancel=backups.Cancel(budget))
        except backups.Cancelled:
            log.info("Backup on closing took over %.1f s; the next start takes it", budget)
            return None
        except CoopdeskError as error:
            log.error("Backup on closing failed: %s", error.en)
            show_error(self.window, error)
            return None
        return target

    # --- integrity -----------------------------------------------------------------------------

    def check_in_background(self) -> None:
        from coopdesk.app.database import CorruptDatabaseError, check_integrity

        database = self.ctx.db
        cancel = self.cancel

        def failed(error: BaseException, details: str) -> None:
            if isinstance(error, backups.Cancelled):
                log.info("Integrity check cancelled by closing; the next start checks again")
            elif isinstance(error, CorruptDatabaseError):
                self.offer_restore(error)
            elif isinstance(error, CoopdeskError):
                show_error(self.window, error)
            else:
                log.error("Integrity check failed unexpectedly: %s\n%s", error, details)

        self.ctx.tasks.run(
            lambda: check_integrity(database, cancel), lambda _r: None, failed, self.tr("Kontrollerar databasen…")
        )

    def offer_restore(self, error: CoopdeskError) -> bool:
        newest = backups.newest_good_backup(self.db_path, key=self.key)
        if newest is None:
            show_error(self.window, error)
            return False
        question = (
            self.tr(
                "Databasen är skadad och kan ha förlorat uppgifter.\n\n%1\n\nVill du återställa den senaste hela "
                "säkerhetskopian från %2? Den skadade databasen sparas först."
            )
            .replace("%1", error.message(language()))
            .replace("%2", f"{newest.taken_at:%Y-%m-%d %H:%M}")
        )
        if not self.confirm(self.tr("Databasen är skadad"), question):
            return False
        return self.restore(newest.path)

    # --- restore -------------------------------------------------------------------------------

    def restore(self, source: Path) -> bool:
        """Close the database, replace it with ``source`` (keeping the current one), open it again."""
        self.ctx.tasks.wait()
        database, failed = backups.restore_and_reopen(
            self.ctx.db, self.db_path, source, actor=self.ctx.actor, key=self.key
        )
        if failed is not None:
            show_error(self.window, failed)
        self.ctx.undo_stack.clear()  # undo steps refer to data that may no longer be there
        self.window.attach_database(database)  # type: ignore[attr-defined]
        self.ctx.changed.emit("all")
        return failed is None

    def _confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self.window, title, text) == QMessageBox.StandardButton.Yes


class RestoreDialog(QDialog):
    """Arkiv → Återställ: the backups with date, size and reason; the chosen one is restored."""

    def __init__(self, controller: BackupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Återställ från säkerhetskopia"))
        self.backups = backups.restorable_backups(controller.db_path)
        intro = QLabel(
            self.tr(
                "Välj den säkerhetskopia som ska ersätta databasen. Databasen som den är nu sparas först som en "
                "säkerhetskopia, så inget går förlorat. Mapp: %1"
            ).replace("%1", str(backups.folder_for(controller.db_path)))
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Datum"), self.tr("Storlek"), self.tr("Orsak")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, item in enumerate(self.backups):
            for column, text in enumerate(
                (f"{item.taken_at:%Y-%m-%d %H:%M}", size_text(item.size), backups.REASON_SV[item.reason])
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("&Återställ"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not self.backups:
            layout.addWidget(QLabel(self.tr("Det finns inga säkerhetskopior ännu.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def selected(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        question = self.tr("Ersätta databasen med säkerhetskopian från %1?").replace(
            "%1", f"{chosen.taken_at:%Y-%m-%d %H:%M}"
        )
        if not self.controller.confirm(self.tr("Återställ"), question):
            return False
        done = self.controller.restore(chosen.path)
        if done:
            self.accept()
        return done


def restore_dialog(controller: BackupController, parent: QWidget) -> None:
    RestoreDialog(controller, parent).exec()
