"""Small dialogs of the member editor: one change each (a placement, its end, a move, a capacity).

Each has a ``save()`` that does what its Spara button does, through the services, so a locked month
or an overlap is refused with the service's message and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.members import EndPlacement
from coopdesk.core.services import members as services
from coopdesk.core.vocabulary import END_REASON_LABELS, END_REASONS
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.form_kit import focus_first_field
from coopdesk.ui.views.members_model import (
    PlacementRow,
)

ERROR_STYLE = "color: #b91c1c;"
CHOOSE = "choose"  # the end-reason list's first item: nothing chosen yet
HINT_STYLE = "color: #6b7280;"


def date_edit(day: dt.date) -> DateField:
    return DateField(day)


def make_table(model: Any) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def with_message(edit: QWidget, message: QLabel) -> QWidget:
    """A field with its validation message right under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(edit)
    layout.addWidget(message)
    box.setFocusProxy(edit)
    message.setVisible(False)
    return box


class ChangeDialog(QDialog):
    """A small form whose Spara runs one change through ``ctx.change``; refused, it stays open."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus_first_field(self, self.form, self.buttons)

    def change(self, action: Callable[[Any], object]) -> bool:
        if self.ctx.change(self, action, "members") is None:
            return False
        self.accept()
        return True

    def save(self) -> bool:
        raise NotImplementedError


def district_combo(districts: list[tuple[int, str]], selected: int | None = None) -> QComboBox:
    combo = QComboBox()
    for district_id, name in districts:
        combo.addItem(name, district_id)
    combo.setCurrentIndex(max(combo.findData(selected), 0))
    return combo


class PlacementDialog(ChangeDialog):
    def __init__(self, ctx: AppContext, member_id: int, districts: list[tuple[int, str]], start: dt.date, parent=None):
        super().__init__(ctx, self.tr("Lägg till beslut"), parent)
        self.member_id = member_id
        self.district = district_combo(districts)
        self.decision_ref = QLineEdit()
        self.case_worker = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.start = date_edit(start)
        self.has_end = QCheckBox(self.tr("&Till och med"))
        self.end = date_edit(start)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.form.addRow(self.tr("&Beställare"), self.district)
        self.form.addRow(self.tr("Beslut&snummer"), self.decision_ref)
        self.form.addRow(self.tr("Biståndshan&dläggare"), self.case_worker)
        self.form.addRow(self.tr("Tele&fon"), self.phone)
        self.form.addRow(self.tr("&E-post"), self.email)
        self.form.addRow(self.tr("Från &och med"), self.start)
        self.form.addRow(self.has_end, self.end)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        district_id, ref, start = self.district.currentData(), self.decision_ref.text(), self.start.typed_day()
        end = self.end.typed_day() if self.has_end.isChecked() else None
        if start is None or (end is None and self.has_end.isChecked()):
            return False
        who = {"case_worker": self.case_worker.text(), "case_worker_phone": self.phone.text()}
        who["case_worker_email"] = self.email.text()
        add = services.add_placement
        return self.change(lambda s: add(s, self.ctx.actor, self.member_id, district_id, ref, start, end, **who).id)


class EndPlacementDialog(ChangeDialog):
    """The last day of a placement and why it ends (domain.md §8: the yearly figures count the reasons).

    The reason is asked, not guessed: the list starts on "Välj orsak…" and Spara says so until one is
    chosen; "Vet inte" is a choice too (stored as no reason, counted as unknown). A move to another
    district is not an ending and has its own dialog (MoveDialog), which asks for no reason.
    """

    def __init__(self, ctx: AppContext, placement: PlacementRow, end: dt.date, parent=None):
        super().__init__(ctx, self.tr("Avsluta beslut"), parent)
        self.placement_id, self.version = placement.placement_id, placement.version
        about = QLabel(
            self.tr("%1, %2, från och med %3")
            .replace("%1", placement.decision_ref)
            .replace("%2", placement.district)
            .replace("%3", placement.start.isoformat())
        )
        self.end = date_edit(placement.end or end)
        self.reason = QComboBox()
        self.reason.addItem(self.tr("Välj orsak…"), CHOOSE)
        english = formats.english()
        for key in END_REASONS:
            self.reason.addItem(END_REASON_LABELS[key].text("en" if english else "sv"), key)
        self.reason.addItem(self.tr("Vet inte"), None)
        if placement.end is not None:  # changing an ended placement: what was said stays chosen
            self.reason.setCurrentIndex(self.reason.findData(placement.end_reason))
        self.reason_message = QLabel()
        self.reason_message.setStyleSheet(ERROR_STYLE)
        self.reason.currentIndexChanged.connect(lambda _index: self.reason_message.setVisible(False))
        self.form.addRow(self.tr("Beslut"), about)
        self.form.addRow(self.tr("&Till och med"), self.end)
        self.form.addRow(self.tr("&Orsak"), with_message(self.reason, self.reason_message))
        self.setMinimumWidth(420)

    def save(self) -> bool:
        end = self.end.typed_day()
        if end is None:
            return False
        reason = self.reason.currentData()
        if reason == CHOOSE:
            self.reason_message.setText(self.tr("Välj varför beslutet avslutas (eller Vet inte)."))
            self.reason_message.setVisible(True)
            self.reason.setFocus()
            return False
        command = EndPlacement(self.placement_id, end, reason, expected_version=self.version)
        if self.ctx.execute(self, command) is None:
            return False
        self.accept()
        return True


class MoveDialog(ChangeDialog):
    def __init__(self, ctx: AppContext, member_id: int, districts: list[tuple[int, str]], start: dt.date, parent=None):
        super().__init__(ctx, self.tr("Flytta till annan beställare"), parent)
        self.member_id = member_id
        self.district = district_combo(districts)
        self.from_day = date_edit(start)
        self.decision_ref = QLineEdit()
        self.case_worker = QLineEdit()
        note = QLabel(self.tr("Det nuvarande beslutet avslutas dagen före."))
        note.setStyleSheet(HINT_STYLE)
        self.form.addRow(self.tr("&Ny beställare"), self.district)
        self.form.addRow(self.tr("Från &och med"), self.from_day)
        self.form.addRow("", note)
        self.form.addRow(self.tr("Nytt beslut&snummer"), self.decision_ref)
        self.form.addRow(self.tr("Biståndshan&dläggare"), self.case_worker)
        self.setMinimumWidth(460)

    def save(self) -> bool:
        district_id, day, ref = self.district.currentData(), self.from_day.typed_day(), self.decision_ref.text()
        if day is None:
            return False
        worker = self.case_worker.text() or None
        return self.change(
            lambda s: (
                services.move_to_district(
                    s, self.ctx.actor, self.member_id, district_id, day, ref, case_worker=worker
                ).id
            )
        )


class CapacityDialog(ChangeDialog):
    def __init__(
        self, ctx: AppContext, member_id: int, valid_from: dt.date, percent: int, opening: frozenset[int], parent=None
    ):
        super().__init__(ctx, self.tr("Ny omfattning"), parent)
        self.member_id = member_id
        self.valid_from = date_edit(valid_from)
        self.percent = QSpinBox()
        self.percent.setRange(1, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(percent)
        names = formats.WEEKDAY_SHORT_EN if formats.english() else formats.WEEKDAY_SHORT_SV
        self.weekdays: dict[int, QCheckBox] = {}
        row = QHBoxLayout()
        for day in range(1, 8):
            box = QCheckBox(names[day - 1])
            box.setChecked(day in opening)
            box.setEnabled(day in opening)
            if day not in opening:
                box.setToolTip(self.tr("Kooperativet har inte öppet den här dagen."))
            self.weekdays[day] = box
            row.addWidget(box)
        self.form.addRow(self.tr("&Från"), self.valid_from)
        self.form.addRow(self.tr("&Omfattning"), self.percent)
        self.form.addRow(self.tr("Planerade veckodagar"), row)
        note = QLabel(self.tr("Tidigare omfattning sparas som historik."))
        note.setStyleSheet(HINT_STYLE)
        self.form.addRow("", note)

    def save(self) -> bool:
        day, percent = self.valid_from.typed_day(), self.percent.value()
        if day is None:
            return False
        days = [d for d, box in self.weekdays.items() if box.isChecked()]
        return self.change(
            lambda s: services.add_capacity_period(s, self.ctx.actor, self.member_id, day, percent, days).id
        )
