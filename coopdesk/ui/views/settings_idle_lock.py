"""Inställningar — the idle lock: after how many minutes without activity the program locks itself.

``IdleLockBox`` is one box of ``SettingsView`` (ui/views/settings.py). It saves the same cooperative row as the
form in settings_cooperative.py: the view shows it what the form loaded (``show_stored``) and tells the form
when this box saved the row (``saved``). Its strings keep the translation context "SettingsView" (``translate``
by name, not ``self.tr()``, which lupdate would file under this class), so the existing translations hold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from coopdesk.core.errors import ConflictError
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as service
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.views.form_kit import MUTED, attempt, message
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate


class IdleLockBox(QGroupBox):
    """Automatisk låsning: the minutes and their own Spara."""

    #: The cooperative row saved here: the version it had (as this box knew it) and the version it has now.
    saved = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Automatisk låsning"), parent)
        self.ctx = ctx
        #: The cooperative row's version as this box shows it, passed back with the next save.
        self.version = 0
        low, high = service.IDLE_LOCK_RANGE
        self.minutes = QSpinBox()
        self.minutes.setRange(low, high)
        self.minutes.setSuffix(translate("SettingsView", " min"))
        self.minutes.setAccessibleName(translate("SettingsView", "Lås efter minuter utan aktivitet"))
        self.save_button = QPushButton(translate("SettingsView", "Spara &låstid"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setStyleSheet(MUTED)
        self.message = Banner()
        caption = QLabel(translate("SettingsView", "Lås programmet efter"))
        caption.setBuddy(self.minutes)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.minutes)
        row.addWidget(QLabel(translate("SettingsView", "utan aktivitet")))
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        note = QLabel(
            translate(
                "SettingsView",
                "Ett låst program visar inga uppgifter förrän lösenordet skrivs igen. Arkiv → Lås nu "
                "(Ctrl+Shift+L) låser direkt.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(note)
        settings_tip = translate("SettingsView", "Bara en administratör kan ändra inställningarna.")
        for target in (self.minutes, self.save_button):
            admin_only(ctx.actor, target, settings_tip)

    def show_stored(self, minutes: int, version: int) -> None:
        """The idle time and the row's version as just read (by the cooperative's form)."""
        self.version = version
        self.minutes.setValue(minutes)

    @Slot()
    def save(self) -> bool:
        minutes, expected = self.minutes.value(), self.version
        saved, error = attempt(
            self.ctx,
            lambda s: service.save_idle_lock(s, self.ctx.actor, minutes, expected_version=expected).version,
            "settings",
        )
        if error is not None:
            self.message.show_message(message(error), "error")
            self.status.clear()
            if isinstance(error, ConflictError):
                self.load()  # another PC saved first: its time is shown
            return False
        assert saved is not None
        self.saved.emit(expected, saved)
        self.version = saved
        self.message.clear_message()
        self.status.setText(translate("SettingsView", "Sparat."))
        return True

    def load(self) -> None:
        """The idle time as stored, and the row's version to pass with the next save."""

        def read(session):
            coop = lookups.cooperative(session)
            return coop.idle_lock_minutes or 10, coop.version if coop.id else 0

        loaded = self.ctx.read_or_keep(read)
        if loaded is not None:
            minutes, self.version = loaded
            self.minutes.setValue(minutes)
