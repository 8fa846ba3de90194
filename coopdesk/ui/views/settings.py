"""Inställningar — the cooperative's details, opening weekdays, full-time week and host district; the
work areas; the closure days; the idle lock; and the interface language (read when the program starts).

Ctrl+S saves the cooperative's details. The organisation number is checked as it is typed. Only an
administrator changes the cooperative's settings: for a handledare the buttons are disabled with a
tooltip that says so (and the services refuse anyway).

Each section is a mixin in a module of its own: the cooperative's form (settings_cooperative.py), the work
areas (settings_work_areas.py), the closure days (settings_closure_days.py), the idle lock
(settings_idle_lock.py), and the backup folder and language of this computer (settings_this_computer.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.ui.context import AppContext, admin_only, admin_read_only
from coopdesk.ui.views.settings_closure_days import ClosureDaysMixin
from coopdesk.ui.views.settings_cooperative import CooperativeFormMixin
from coopdesk.ui.views.settings_idle_lock import IdleLockMixin
from coopdesk.ui.views.settings_this_computer import ThisComputerMixin
from coopdesk.ui.views.settings_work_areas import WorkAreasMixin
from coopdesk.ui.widgets import Banner


class SettingsView(CooperativeFormMixin, WorkAreasMixin, ClosureDaysMixin, IdleLockMixin, ThisComputerMixin, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = dt.date.today().year
        self._dirty = False
        #: The cooperative row's version as the form shows it, and as the idle lock shows it (the same
        #: row, loaded together; the form keeps its own while typed in). 0: not stored yet.
        self.version = 0
        self.idle_version = 0
        #: Each work area's version as the list shows it, passed back when it is renamed.
        self.area_versions: dict[int, int] = {}
        #: Asked before a closure day is removed; tests replace it (a QMessageBox would block them).
        self.confirm: Callable[[str], bool] = self._ask

        coop_box = self._cooperative_box()
        areas_box = self._work_areas_box()
        closures_box = self._closure_days_box()
        language_box = self._language_box()

        left = QVBoxLayout()
        left.addWidget(coop_box)
        left.addWidget(self._idle_lock_box())
        left.addWidget(language_box)
        left.addWidget(self._backup_box())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(areas_box, 2)
        right.addWidget(closures_box, 3)
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
        self._apply_role()
        self.refresh()

    def _apply_role(self) -> None:
        settings_tip = self.tr("Bara en administratör kan ändra inställningarna.")
        for target, tip in (
            (self.save_button, settings_tip),
            (self.idle_minutes, settings_tip),
            (self.idle_save_button, settings_tip),
            (self.add_area_button, self.tr("Bara en administratör kan ändra arbetsområden.")),
            (self.rename_area_button, self.tr("Bara en administratör kan ändra arbetsområden.")),
            (self.add_closure_button, self.tr("Bara en administratör kan ändra stängningsdagar.")),
            (self.remove_closure_button, self.tr("Bara en administratör kan ändra stängningsdagar.")),
        ):
            admin_only(self.ctx.actor, target, tip)
        fields = [self.name, self.org_number, self.address, *self.weekdays, self.full_time, self.host]
        admin_read_only(self.ctx.actor, fields, settings_tip)

    # --- loading -------------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        return self.name

    def set_date(self, day: dt.date) -> None:
        """Show the closure days of ``day``'s year (``year`` 0 shows them all)."""
        self.year = day.year
        self._load_closures()

    def refresh(self) -> None:
        if not self._dirty:
            self._load_form()
        self._load_areas()
        self._load_closures()

    @Slot(str)
    def _data_changed(self, kind: str) -> None:
        if kind in ("settings", "districts", "all"):
            self.refresh()
