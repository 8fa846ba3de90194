"""Inställningar — the closure days (nobody is planned on them): the list by year, Lägg till
stängningsdag… in a dialog, and Ta bort (or Delete) after a question.

``ClosureDaysBox`` is one box of ``SettingsView`` (ui/views/settings.py), with the year it shows as its own
state. Its strings keep the translation context "SettingsView" (``translate`` by name, not ``self.tr()``, which
lupdate would file under this class), so the existing translations hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.settings import ClosureDaysView
from coopdesk.core.services import settings as service
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.form_kit import MUTED, DisplayRowsModel, FormDialog, attempt, message, plain_table
from coopdesk.ui.widgets import Banner

translate = QCoreApplication.translate


def _weekday_name(day: dt.date) -> str:
    return formats.WEEKDAYS_EN[day.weekday()] if formats.english() else formats.WEEKDAYS_SV[day.weekday()]


class ClosureDayDialog(FormDialog):
    """Lägg till stängningsdag…: a date on which the cooperative is closed (nobody is planned)."""

    def __init__(self, ctx: AppContext, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny stängningsdag"))
        self.ctx = ctx
        self.date = DateField(day)
        self.form.addRow(self.tr("&Datum"), self.date)
        note = QLabel(self.tr("Ingen är planerad en stängningsdag."))
        note.setStyleSheet(MUTED)
        self.form.addRow(note)

    def save(self) -> bool:
        day, actor = self.date.typed_day(), self.ctx.actor
        if day is None:
            return False
        _, error = attempt(self.ctx, lambda s: service.add_closure_day(s, actor, day), "settings")
        return self.show_result(error)


class ClosureDaysBox(QGroupBox):
    """Stängningsdagar: the list of one year (or all), Lägg till stängningsdag… and Ta bort."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Stängningsdagar"), parent)
        self.ctx = ctx
        #: Whose closure days are shown; 0: all years.
        self.year = dt.date.today().year
        #: Asked before a closure day is removed; tests replace it (a QMessageBox would block them).
        self.confirm: Callable[[str], bool] = self._ask
        self.year_filter = QComboBox()
        self.year_filter.activated.connect(self._year_chosen)
        self.model = DisplayRowsModel([formats.tr("Datum"), formats.tr("Veckodag")], self)
        self.table = plain_table(self.model, "closureDaysTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove)
        self.add_button = add_closure = QPushButton(translate("SettingsView", "Lägg till stän&gningsdag…"))
        add_closure.clicked.connect(self.add)
        self.remove_button = remove_closure = QPushButton(translate("SettingsView", "Ta bor&t"))
        remove_closure.setToolTip(translate("SettingsView", "Ta bort den markerade stängningsdagen (Delete)"))
        remove_closure.clicked.connect(self.remove)
        self.message = Banner()
        closures_layout = QVBoxLayout(self)
        year_row = QHBoxLayout()
        year_label = QLabel(translate("SettingsView", "&År"))
        year_label.setBuddy(self.year_filter)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year_filter)
        year_row.addStretch(1)
        closures_layout.addLayout(year_row)
        closures_layout.addWidget(self.table, 1)
        closure_buttons = QHBoxLayout()
        closure_buttons.addWidget(add_closure)
        closure_buttons.addWidget(remove_closure)
        closure_buttons.addStretch(1)
        closures_layout.addLayout(closure_buttons)
        closures_layout.addWidget(self.message)
        tip = translate("SettingsView", "Bara en administratör kan ändra stängningsdagar.")
        for target in (add_closure, remove_closure):
            admin_only(ctx.actor, target, tip)

    def show_year(self, year: int) -> None:
        """The closure days of ``year`` (0: all years)."""
        self.year = year
        self.load()

    def load(self) -> None:
        days = self.ctx.query(ClosureDaysView())
        years = sorted({d.year for d in days} | {dt.date.today().year} | ({self.year} if self.year else set()))
        self.year_filter.clear()
        self.year_filter.addItem(translate("SettingsView", "Alla år"), 0)
        for year in years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(self.year), 0))
        shown = [d for d in days if not self.year or d.year == self.year]
        self.model.set_rows([(d, (d.isoformat(), _weekday_name(d))) for d in shown])

    def _year_chosen(self, _index: int) -> None:
        self.show_year(self.year_filter.currentData() or 0)

    def add(self) -> None:
        ClosureDayDialog(self.ctx, dt.date.today(), self).exec()

    def _ask(self, text: str) -> bool:
        return (
            QMessageBox.question(self, translate("SettingsView", "Ta bort stängningsdag"), text)
            == QMessageBox.StandardButton.Yes
        )

    def remove(self) -> None:
        day = self.model.key(self.table.currentIndex().row())
        if day is None or not self.confirm(
            translate("SettingsView", "Ta bort stängningsdagen %1?").replace("%1", day.isoformat())
        ):
            return
        _, error = attempt(self.ctx, lambda s: service.remove_closure_day(s, self.ctx.actor, day), "settings")
        if error is not None:
            self.message.show_message(message(error), "error")
        else:
            self.message.clear_message()
