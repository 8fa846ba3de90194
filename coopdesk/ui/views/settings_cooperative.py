"""Inställningar — the cooperative's details: name, organisation number (checked as it is typed), address,
opening weekdays, full-time week and host district (dated: "Gäller från", with their history shown),
saved with Spara or Ctrl+S.

``CooperativeForm`` is one box of ``SettingsView`` (ui/views/settings.py). The idle lock (settings_idle_lock.py)
saves the same cooperative row, so the two pass its version through signals the view connects: ``loaded`` says
what the form read (the idle time and the row's version), ``row_saved`` is told when the idle lock saved the row.
Its strings keep the translation context "SettingsView" (``translate`` by name, not ``self.tr()``, which lupdate
would file under this class), so the existing translations hold.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Signal, Slot
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
    QWidget,
)

from coopdesk.app.settings import CooperativeSettingsView
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.core.personal_number import normalize_org_number
from coopdesk.core.rules import SettingsSpan
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as service
from coopdesk.core.vocabulary import HISTORY_START
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext, admin_only, admin_read_only
from coopdesk.ui.views.form_kit import MUTED, attempt, message
from coopdesk.ui.views.member_dialogs import date_edit
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate


def week_history_text(weeks: list[SettingsSpan], districts: dict[int, str]) -> str:
    """'Från början: 40 tim, mån, tis, ons, tor, fre, värdstadsdel Norrmalm. Från 2026-11-01: 38 tim, …'"""
    names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
    parts = []
    for week in weeks:
        since = (
            translate("SettingsView", "Från början")
            if week.valid_from == HISTORY_START
            else translate("SettingsView", "Från %1").replace("%1", week.valid_from.isoformat())
        )
        days = ", ".join(names[d - 1] for d in sorted(week.opening_weekdays))
        hours = translate("SettingsView", "%1 tim").replace("%1", formats.hours(week.full_time_week))
        host = districts.get(week.host_district_id) if week.host_district_id is not None else None
        if host is not None:
            days += ", " + translate("SettingsView", "värdstadsdel %1").replace("%1", host)
        parts.append(f"{since}: {hours}, {days}.")
    return " ".join(parts)


class CooperativeForm(QGroupBox):
    """Kooperativet: the form, its Spara, and whether something typed is not saved yet."""

    #: After each load: the stored idle time in minutes and the cooperative row's version (0: not stored).
    loaded = Signal(int, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Kooperativet"), parent)
        self.ctx = ctx
        #: The cooperative row's version as the form shows it (kept while typed in). 0: not stored yet.
        self.version = 0
        self._dirty = False
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
        # The opening weekdays, the full-time week and the host district are dated: a change holds from here.
        self.week_from = date_edit(dt.date.today())
        self.week_from.setMaximumWidth(140)
        self.week_from.dateChanged.connect(self._edited)
        self.week_history = QLabel()
        self.week_history.setWordWrap(True)
        self.week_history.setStyleSheet(MUTED)
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
        form.addRow(translate("SettingsView", "&Gäller från"), self.week_from)
        form.addRow("", self.week_history)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        coop_layout = QVBoxLayout(self)
        coop_layout.addLayout(form)
        note = QLabel(
            translate(
                "SettingsView",
                "Heltidsveckan ger medlemmarnas planerade tid och handledarnas finansierade tid. "
                "Öppetdagar och heltidsvecka gäller från ett datum; en attesterad månad ändras aldrig. "
                "Värdstadsdelen får handledartiden i sin redovisning.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        coop_layout.addWidget(note)
        coop_layout.addWidget(self.form_message)
        coop_layout.addLayout(buttons)
        settings_tip = translate("SettingsView", "Bara en administratör kan ändra inställningarna.")
        admin_only(ctx.actor, self.save_button, settings_tip)
        fields = [self.name, self.org_number, self.address, *self.weekdays, self.full_time, self.host]
        admin_read_only(ctx.actor, fields, settings_tip)

    def load(self) -> None:
        """The stored values, and anything typed and not saved thrown away."""

        coop = self.ctx.query(CooperativeSettingsView())
        districts, valid_from, weeks = coop.districts, coop.valid_from, coop.weeks
        # The form shows the values in force from the day a change would hold from.
        week = lookups.settings_in_force(weeks, valid_from)
        self.version = coop.version
        self.name.setText(coop.name)
        self.org_number.setText(coop.org_number or "")
        self.address.setText(coop.address or "")
        for number, box in enumerate(self.weekdays, start=1):
            box.blockSignals(True)
            box.setChecked(number in week.opening_weekdays)
            box.blockSignals(False)
        self.full_time.setText(formats.hours(week.full_time_week))
        self.week_from.blockSignals(True)
        self.week_from.setDate(QDate(valid_from.year, valid_from.month, valid_from.day))
        self.week_from.blockSignals(False)
        self.week_history.setText(week_history_text(weeks, dict(districts)))
        self.host.clear()
        self.host.addItem(translate("SettingsView", "(ingen)"), None)
        for district_id, district_name in districts:
            self.host.addItem(district_name, district_id)
        self.host.setCurrentIndex(max(self.host.findData(week.host_district_id), 0))
        self.org_error.setVisible(False)
        self._dirty = False
        self.loaded.emit(coop.idle_lock_minutes or 10, self.version)

    def row_saved(self, expected: int, saved: int) -> None:
        """The idle lock saved the cooperative row from version ``expected`` to ``saved``: when the form
        shows ``expected``, that change alone does not make what is typed here out of date."""
        if self.version == expected:
            self.version = saved

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
            "valid_from": self.week_from.date().toPython(),
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
                self.load()
                self.status.clear()
            return False
        self.form_message.clear_message()
        self._dirty = False
        self.load()
        self.status.setText(translate("SettingsView", "Sparat."))
        return True
