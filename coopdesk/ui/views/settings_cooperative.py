"""Inställningar — the cooperative's details: name, organisation number (checked as it is typed), address,
opening weekdays, full-time week and host district, saved with Spara or Ctrl+S.

A mixin of ``SettingsView`` (ui/views/settings.py). Its strings keep the translation context "SettingsView":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.core.personal_number import normalize_org_number
from coopdesk.core.services import context as core_context
from coopdesk.core.services import settings as service
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.form_kit import MUTED, attempt, message
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate


class CooperativeFormMixin:
    ctx: AppContext
    version: int
    idle_version: int
    _dirty: bool

    def _cooperative_box(self) -> QGroupBox:
        self.name = QLineEdit()
        self.org_number = QLineEdit()
        self.org_number.setPlaceholderText("NNNNNN-NNNN")
        self.org_number.setMaximumWidth(200)
        self.org_error = QLabel()
        self.org_error.setObjectName("orgError")
        self.org_error.setStyleSheet("QLabel#orgError { color: #b91c1c; }")
        self.org_error.setWordWrap(True)
        self.org_error.setVisible(False)
        self.address = QLineEdit()
        self.weekdays: list[QCheckBox] = []
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for name in formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV:
            box = QCheckBox(name)
            box.toggled.connect(self._edited)
            self.weekdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        self.full_time = QLineEdit()
        self.full_time.setMaximumWidth(80)
        self.host = QComboBox()
        self.host.setMinimumWidth(200)
        self.host.setMaximumWidth(320)
        for edit in (self.name, self.address, self.full_time):
            edit.textEdited.connect(self._edited)
        self.org_number.textEdited.connect(self._org_edited)
        self.org_number.editingFinished.connect(self.check_org_number)
        self.host.activated.connect(self._edited)

        self.save_button = QPushButton(translate("SettingsView", "&Spara"))
        self.save_button.setToolTip(translate("SettingsView", "Spara uppgifterna (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setStyleSheet(MUTED)
        self.form_message = Banner()
        form = QFormLayout()
        form.addRow(translate("SettingsView", "&Namn"), self.name)
        form.addRow(translate("SettingsView", "&Organisationsnummer"), self.org_number)
        form.addRow("", self.org_error)
        form.addRow(translate("SettingsView", "A&dress"), self.address)
        form.addRow(translate("SettingsView", "Öppetdagar"), days)
        form.addRow(translate("SettingsView", "Heltidsve&cka (timmar)"), self.full_time)
        form.addRow(translate("SettingsView", "V&ärdstadsdel"), self.host)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        coop_box = QGroupBox(translate("SettingsView", "Kooperativet"))
        coop_layout = QVBoxLayout(coop_box)
        coop_layout.addLayout(form)
        note = QLabel(
            translate(
                "SettingsView",
                "Heltidsveckan ger medlemmarnas planerade tid och handledarnas finansierade tid. "
                "Värdstadsdelen får handledartiden i sin redovisning.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        coop_layout.addWidget(note)
        coop_layout.addWidget(self.form_message)
        coop_layout.addLayout(buttons)
        return coop_box

    def _load_form(self) -> None:
        def load(session):
            coop = core_context.cooperative(session)
            districts = [(d.id, d.name) for d in core_context.districts(session)]
            return coop.name, coop.org_number, coop.address, coop.opening_weekdays, coop, districts

        name, org, address, opening, coop, districts = self.ctx.read(load)
        self.version = self.idle_version = coop.version if coop.id else 0
        self.name.setText(name)
        self.org_number.setText(org or "")
        self.address.setText(address or "")
        for number, box in enumerate(self.weekdays, start=1):
            box.blockSignals(True)
            box.setChecked(number in opening)
            box.blockSignals(False)
        self.full_time.setText(formats.hours(coop.full_time_hours_per_week))
        self.idle_minutes.setValue(coop.idle_lock_minutes or 10)
        self.host.clear()
        self.host.addItem(translate("SettingsView", "(ingen)"), None)
        for district_id, district_name in districts:
            self.host.addItem(district_name, district_id)
        self.host.setCurrentIndex(max(self.host.findData(coop.host_district_id), 0))
        self.org_error.setVisible(False)
        self._dirty = False

    def has_unsaved_input(self) -> bool:
        """The cooperative's details edited and not saved (asked about before a logout)."""
        return self._dirty

    def _edited(self, *_args: object) -> None:
        self._dirty = True
        self.status.clear()

    def _org_edited(self, _text: str) -> None:
        self._edited()
        if self.org_error.isVisible():  # say so as soon as it is right again
            self.check_org_number()

    def check_org_number(self) -> bool:
        """Inline: the organisation number is checked when it is left (and while an error shows)."""
        text = self.org_number.text().strip()
        try:
            if text:
                normalize_org_number(text)
        except CoopdeskError as error:
            self.org_error.setText(message(error))
            self.org_error.setVisible(True)
            return False
        self.org_error.setVisible(False)
        return True

    @Slot()
    def save(self) -> bool:
        if not self.check_org_number():
            self.org_number.setFocus()
            return False
        values = {
            "name": self.name.text(),
            "org_number": self.org_number.text().strip() or None,
            "address": self.address.text(),
            "opening_weekdays": [n for n, box in enumerate(self.weekdays, start=1) if box.isChecked()],
            "full_time_hours_per_week": formats.parse_hours_text(self.full_time.text()),
            "host_district_id": self.host.currentData(),
        }
        expected = self.version
        _, error = attempt(
            self.ctx,
            lambda s: service.save_cooperative(s, self.ctx.actor, **values, expected_version=expected),
            "settings",
        )
        if error is not None:
            self.form_message.show_message(message(error), "error")
            if isinstance(error, ConflictError):  # another PC saved first: its values are shown, none typed here
                self._load_form()
                self.status.clear()
            return False
        self.form_message.clear_message()
        self._dirty = False
        self._load_form()
        self.status.setText(translate("SettingsView", "Sparat."))
        return True
