"""Inställningar — the idle lock: after how many minutes without activity the program locks itself.

A mixin of ``SettingsView`` (ui/views/settings.py). Its strings keep the translation context "SettingsView":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from coopdesk.core.errors import ConflictError
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as service
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.form_kit import MUTED, attempt, message
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate


class IdleLockMixin:
    ctx: AppContext
    version: int
    idle_version: int

    def _idle_lock_box(self) -> QGroupBox:
        low, high = service.IDLE_LOCK_RANGE
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(low, high)
        self.idle_minutes.setSuffix(translate("SettingsView", " min"))
        self.idle_minutes.setAccessibleName(translate("SettingsView", "Lås efter minuter utan aktivitet"))
        self.idle_save_button = QPushButton(translate("SettingsView", "Spara &låstid"))
        self.idle_save_button.clicked.connect(self.save_idle_lock)
        self.idle_status = QLabel()
        self.idle_status.setStyleSheet(MUTED)
        self.idle_message = Banner()
        caption = QLabel(translate("SettingsView", "Lås programmet efter"))
        caption.setBuddy(self.idle_minutes)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.idle_minutes)
        row.addWidget(QLabel(translate("SettingsView", "utan aktivitet")))
        row.addWidget(self.idle_save_button)
        row.addWidget(self.idle_status, 1)
        note = QLabel(
            translate(
                "SettingsView",
                "Ett låst program visar inga uppgifter förrän lösenordet skrivs igen. Arkiv → Lås nu "
                "(Ctrl+Shift+L) låser direkt.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        box = QGroupBox(translate("SettingsView", "Automatisk låsning"))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.idle_message)
        layout.addWidget(note)
        return box

    @Slot()
    def save_idle_lock(self) -> bool:
        minutes, expected = self.idle_minutes.value(), self.idle_version
        saved, error = attempt(
            self.ctx,
            lambda s: service.save_idle_lock(s, self.ctx.actor, minutes, expected_version=expected).version,
            "settings",
        )
        if error is not None:
            self.idle_message.show_message(message(error), "error")
            self.idle_status.clear()
            if isinstance(error, ConflictError):
                self._load_idle_lock()  # another PC saved first: its time is shown
            return False
        assert saved is not None
        if self.version == expected:  # this change alone does not make the typed-in form out of date
            self.version = saved
        self.idle_version = saved
        self.idle_message.clear_message()
        self.idle_status.setText(translate("SettingsView", "Sparat."))
        return True

    def _load_idle_lock(self) -> None:
        """The idle time as stored, and the row's version to pass with the next save."""

        def load(session):
            coop = lookups.cooperative(session)
            return coop.idle_lock_minutes or 10, coop.version if coop.id else 0

        loaded = self.ctx.read_or_keep(load)
        if loaded is not None:
            minutes, self.idle_version = loaded
            self.idle_minutes.setValue(minutes)
