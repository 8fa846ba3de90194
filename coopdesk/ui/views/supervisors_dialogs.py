"""Handledare's dialogs: a supervisor (name, FTE) and one entry of supervisor hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from coopdesk.app.supervisors import HoursEntry, HoursVersionView, SupervisorItem, SupervisorView
from coopdesk.core.errors import ConflictError
from coopdesk.core.services import supervisors as service
from coopdesk.core.services.lookups import fte_on
from coopdesk.core.vocabulary import ACTIVITIES, HISTORY_START
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.form_kit import MUTED, FormDialog, attempt
from coopdesk.ui.views.member_dialogs import date_edit


def fte_history_text(history: list[tuple[dt.date, int]]) -> str:
    """'Från början: 100 %. Från 2026-11-01: 80 %.'"""
    parts = []
    for valid_from, percent in history:
        since = (
            formats.tr("Från början")
            if valid_from == HISTORY_START
            else formats.tr("Från %1").replace("%1", valid_from.isoformat())
        )
        parts.append(f"{since}: {percent} %.")
    return " ".join(parts)


def fill_areas(combo: QComboBox, areas: dict[int, str], current: int | None) -> None:
    """The work areas, after "(inget)" for an entry without one."""
    combo.clear()
    combo.addItem(formats.tr("(inget)"), None)
    for area_id, name in areas.items():
        combo.addItem(name, area_id)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)


def fill_activities(combo: QComboBox) -> None:
    for activity in ACTIVITIES:
        combo.addItem(formats.activity_name(activity), activity)


class SupervisorDialog(FormDialog):
    """Ny handledare… / Ändra…: the name and the FTE percentage (tjänstgöringsgrad)."""

    def __init__(
        self, ctx: AppContext, supervisor: SupervisorItem | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny handledare") if supervisor is None else self.tr("Ändra handledare"))
        self.ctx, self.supervisor = ctx, supervisor
        self.saved_id: int | None = None
        self.name = QLineEdit(supervisor.name if supervisor else "")
        self.name.setMinimumWidth(280)
        self.fte = QSpinBox()
        self.fte.setRange(1, 100)
        self.fte.setSuffix(" %")
        # The FTE is dated: it holds from "Gäller från" (by default after the last attested month).
        new = supervisor is None
        valid_from = ctx.read(lambda s: service.fte_valid_from_default(s, new=new))
        history = list(supervisor.fte_history) if supervisor else []
        self.fte.setValue(fte_on(history, valid_from) or (supervisor.fte_percent if supervisor else 100))
        self.valid_from = date_edit(valid_from)
        self.history = QLabel(fte_history_text(history))
        self.history.setWordWrap(True)
        self.history.setStyleSheet(MUTED)
        self.form.addRow(self.tr("&Namn"), self.name)
        self.form.addRow(self.tr("&Tjänstgöringsgrad"), self.fte)
        self.form.addRow(self.tr("&Gäller från"), self.valid_from)
        if history:
            self.form.addRow("", self.history)

    def reload(self) -> None:
        """After another PC's change: the form shows what it saved, and its version is the one passed next."""
        if self.supervisor is None:
            return
        sid = self.supervisor.id
        fresh = self.ctx.query_or_keep(SupervisorView(sid))
        if fresh is not None:
            self.supervisor = fresh
            self.name.setText(fresh.name)
            self.fte.setValue(fte_on(list(fresh.fte_history), self.valid_from.date().toPython()) or fresh.fte_percent)
            self.history.setText(fte_history_text(list(fresh.fte_history)))

    def save(self) -> bool:
        name, fte, actor = self.name.text(), self.fte.value(), self.ctx.actor
        valid_from = self.valid_from.date().toPython()
        if self.supervisor is None:
            result, error = attempt(
                self.ctx, lambda s: service.add_supervisor(s, actor, name, fte, valid_from=valid_from).id, "supervisors"
            )
        else:
            sid, expected = self.supervisor.id, self.supervisor.version
            changes = {"name": name, "fte_percent": fte, "valid_from": valid_from}
            result, error = attempt(
                self.ctx,
                lambda s: service.update_supervisor(s, actor, sid, **changes, expected_version=expected).id,
                "supervisors",
            )
            if isinstance(error, ConflictError):
                self.reload()  # said in the dialog; what was typed gives way to the stored values
        self.saved_id = result
        return self.show_result(error)


class HoursDialog(FormDialog):
    """Change one entry: its day, hours, activity and work area."""

    def __init__(
        self, ctx: AppContext, entry: HoursEntry, areas: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ändra handledartid"))
        self.ctx, self.entry = ctx, entry
        self.date = DateField(entry.day)
        self.hours = QLineEdit(formats.hours(entry.hours))
        self.activity = QComboBox()
        fill_activities(self.activity)
        self.activity.setCurrentIndex(ACTIVITIES.index(entry.activity))
        self.area = QComboBox()
        fill_areas(self.area, areas, entry.work_area_id)
        self.form.addRow(self.tr("&Datum"), self.date)
        self.form.addRow(self.tr("&Timmar"), self.hours)
        self.form.addRow(self.tr("A&ktivitet"), self.activity)
        self.form.addRow(self.tr("Arbets&område"), self.area)

    def save(self) -> bool:
        day, text = self.date.typed_day(), formats.parse_hours_text(self.hours.text())
        if day is None:
            return False
        changes = {"day": day, "hours": text, "activity": self.activity.currentData()}
        changes["work_area_id"] = self.area.currentData()
        entry_id, actor, expected = self.entry.id, self.ctx.actor, self.entry.version
        _, error = attempt(
            self.ctx,
            lambda s: service.update_hours(s, actor, entry_id, **changes, expected_version=expected),
            "supervisors",
        )
        if isinstance(error, ConflictError):
            # Said once; the values typed here stay, and Spara again saves them over the new ones.
            version = self.ctx.query_or_keep(HoursVersionView(entry_id))
            if version is not None:
                self.entry = replace(self.entry, version=version)
        return self.show_result(error)
