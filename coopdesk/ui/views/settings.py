"""Inställningar — the cooperative's details, opening weekdays, full-time week and host district; the
work areas; the closure days; the idle lock; the invoicing details (settings_invoicing.py); and the
interface language (read when the program starts).

Ctrl+S saves the cooperative's details. The organisation number is checked as it is typed. Only an
administrator changes the cooperative's settings: for a handledare the buttons are disabled with a
tooltip that says so (and the services refuse anyway).

Each section is a box of its own (a QGroupBox with its own state), in a module of its own: the cooperative's
form (settings_cooperative.py ``CooperativeForm``), the work areas (settings_work_areas.py ``WorkAreasBox``), the
closure days (settings_closure_days.py ``ClosureDaysBox``), the idle lock (settings_idle_lock.py ``IdleLockBox``),
and the language and backup folder of this computer (settings_this_computer.py ``LanguageBox``,
``BackupFolderBox``). The view lays them out, loads them and connects the two that save the same cooperative
row; each box applies the user's role to its own buttons.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.ui.context import AppContext
from coopdesk.ui.views.settings_closure_days import ClosureDaysBox
from coopdesk.ui.views.settings_cooperative import CooperativeForm
from coopdesk.ui.views.settings_idle_lock import IdleLockBox
from coopdesk.ui.views.settings_invoicing import InvoicingSummary
from coopdesk.ui.views.settings_this_computer import BackupFolderBox, LanguageBox
from coopdesk.ui.views.settings_work_areas import WorkAreasBox
from coopdesk.ui.widgets import Banner


class SettingsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cooperative_box = CooperativeForm(ctx)
        self.idle_lock_box = IdleLockBox(ctx)
        self.language_box = LanguageBox()
        self.backup_box = BackupFolderBox()
        self.work_areas_box = WorkAreasBox(ctx)
        self.closure_days_box = ClosureDaysBox(ctx)
        self.invoicing_box = InvoicingSummary(ctx)  # e-invoices: the form opens in a dialog (settings_invoicing.py)
        # The form and the idle lock save the same cooperative row: each learns the other's version.
        self.cooperative_box.loaded.connect(self.idle_lock_box.show_stored)
        self.idle_lock_box.saved.connect(self.cooperative_box.row_saved)

        left = QVBoxLayout()
        left.addWidget(self.cooperative_box)
        left.addWidget(self.idle_lock_box)
        left.addWidget(self.language_box)
        left.addWidget(self.backup_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.work_areas_box, 2)
        right.addWidget(self.closure_days_box, 3)
        right.addWidget(self.invoicing_box)
        title = QLabel(self.tr("Inställningar"))
        title.setObjectName("viewTitle")
        title.setStyleSheet("QLabel#viewTitle { font-size: 16pt; font-weight: 600; }")
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(8)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if not ctx.actor.is_admin:
            only_admins = Banner()
            only_admins.show_message(
                self.tr(
                    "Bara en administratör kan ändra inställningarna. Språket och mappen för säkerhetskopior "
                    "gäller den här datorn."
                )
            )
            layout.addWidget(only_admins)
        layout.addLayout(columns, 1)

        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        ctx.changed.connect(self._data_changed)
        self.refresh()

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.cooperative_box.name

    def set_date(self, day: dt.date) -> None:
        """Show the closure days of ``day``'s year."""
        self.closure_days_box.show_year(day.year)

    def refresh(self) -> None:
        if not self.cooperative_box.has_unsaved_input():  # what is typed is not thrown away
            self.cooperative_box.load()  # and with it the idle lock's time (``loaded``)
        self.work_areas_box.load()
        self.closure_days_box.load()
        self.invoicing_box.load()

    @Slot()
    def save(self) -> bool:
        """Ctrl+S, and Spara when a logout asks about unsaved input: the cooperative's details."""
        return self.cooperative_box.save()

    def has_unsaved_input(self) -> bool:
        """The cooperative's details edited and not saved (asked about before a logout)."""
        return self.cooperative_box.has_unsaved_input()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("settings", "districts", "all"):
            self.refresh()
