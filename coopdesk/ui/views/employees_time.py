"""Anställda → Tidrapport: one employee's month as a grid of days × kinds of time, keyboard first.

Type the hours in a cell (7,5 or 7.5) and Enter saves them and moves down; Delete or Backspace removes a
cell's hours; Ctrl+Z / Ctrl+Y undo and redo through the window's undo stack. Every save is the
application layer's ``SetTimes`` (the command ``coopdesk employee time`` runs), with the version the
grid showed. An attested month is locked: the grid is read-only and says by whom. Alt+Left / Alt+Right
change the month; the month's report prints (A4, for the two signatures) or saves as PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.employees import SetTimes, TimeChange, TimeDone, TimeMonth, TimeMonthView, TimeReportView
from coopdesk.core.calendar import Month
from coopdesk.reports.time_report_pdf import time_report_pdf
from coopdesk.ui import formats
from coopdesk.ui.context import PENDING, AppContext
from coopdesk.ui.views.employees_model import TimeGridModel, kind_name
from coopdesk.ui.views.employees_output import Outputs
from coopdesk.ui.views.form_kit import MUTED
from coopdesk.ui.widgets import Banner


class TimeUndo(QUndoCommand):
    """What one save did, undone and redone through the same command (an attested month refuses it too)."""

    def __init__(self, ctx: AppContext, done: list[TimeDone], label: str) -> None:
        super().__init__(label)
        self.ctx, self.done = ctx, [d for d in done if d.old != d.new]
        self._applied = True  # the change was made before the command was pushed

    def _set(self, back: bool) -> None:
        self.ctx.tasks.settle()
        changes = [TimeChange(d.employee_id, d.day, d.kind, d.old if back else d.new, d.version) for d in self.done]
        result = self.ctx.execute(None, SetTimes(changes))
        if result is not None and result is not PENDING:
            self.done = [
                TimeDone(d.employee_id, d.name, d.day, d.kind, d.old, d.new, after.version)
                for d, after in zip(self.done, result.result, strict=True)
            ]

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._set(back=False)

    def undo(self) -> None:
        self._set(back=True)


class TimeGrid(QTableView):
    """Typing starts an edit; Enter saves and moves down; Delete removes the cell's hours."""

    def __init__(self, model: TimeGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeGrid")
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and index.isValid():
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.model().setData(index, "0", Qt.ItemDataRole.EditRole)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._down(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        index = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter: on to the next day
            self._down(index)

    def _down(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() + 1 < self.model().rowCount() - 1:
            self.setCurrentIndex(self.model().index(index.row() + 1, index.column()))


class TimeReportTab(QWidget):
    def __init__(self, ctx: AppContext, outputs: Outputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.outputs = ctx, outputs
        self.employee_id: int | None = None
        self.month = Month.of(dt.date.today())
        self.data: TimeMonth | None = None
        self.today: Callable[[], dt.date] = dt.date.today

        self.title = QLabel()
        self.title.setObjectName("timeTitle")
        self.title.setStyleSheet("QLabel#timeTitle { font-size: 13pt; font-weight: 600; }")
        previous = QPushButton(self.tr("◂"))
        previous.setToolTip(self.tr("Föregående månad (Alt+Vänster)"))
        previous.clicked.connect(lambda: self.set_month(self.month.previous()))
        this_month = QPushButton(self.tr("Denna &månad"))
        this_month.clicked.connect(lambda: self.set_month(Month.of(self.today())))
        following = QPushButton(self.tr("▸"))
        following.setToolTip(self.tr("Nästa månad (Alt+Höger)"))
        following.clicked.connect(lambda: self.set_month(self.month.next()))
        for button in (previous, following):
            button.setFixedWidth(36)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for widget in (previous, this_month, following):
            top.addWidget(widget)
        self.banner = Banner()
        self.model = TimeGridModel(self)
        self.model.on_edit = self.save_cell
        self.grid = TimeGrid(self.model, self)
        hint = QLabel(
            self.tr(
                "Skriv timmarna och tryck Enter (7,5 = sju och en halv timme). Delete tar bort. "
                "Ctrl+Z ångrar. Frånvaro skrivs i timmar i sin kolumn."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)
        self.print_button = QPushButton(self.tr("Skriv &ut tidrapport…"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(self.tr("Spara som &PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.grid, 1)
        layout.addWidget(hint)
        layout.addLayout(actions)
        for keys, slot in (
            ("Alt+Left", lambda: self.set_month(self.month.previous())),
            ("Alt+Right", lambda: self.set_month(self.month.next())),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_employee(self, employee_id: int | None) -> None:
        self.employee_id = employee_id
        self.reload()

    def set_month(self, month: Month) -> None:
        self.month = month
        self.reload()

    def reload(self) -> None:
        enabled = self.employee_id is not None
        self.print_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        if self.employee_id is None:
            self.data = None
            self.title.setText(self.tr("Tidrapport"))
            self.banner.show_message(self.tr("Välj en anställd i listan."), "info")
            self.grid.setEnabled(False)
            return
        data = self.ctx.query_or_keep(TimeMonthView(self.employee_id, self.month))
        if data is None:
            return
        self.data = data
        self.grid.setEnabled(True)
        self.title.setText(
            self.tr("Tidrapport %1 – %2")
            .replace("%1", data.employee.name)
            .replace("%2", formats.month_in_sentence(self.month))
        )
        if data.locked:
            self.banner.show_message(
                self.tr("Månaden är attesterad av %1 och låst för ändringar.").replace("%1", data.locked_by or ""),
                "locked",
            )
        else:
            self.banner.clear_message()
        self.model.set_month(data)

    def save_cell(self, day: dt.date, kind: str, text: str) -> bool:
        """One cell typed: through ``SetTimes`` with the version shown, and onto the undo stack."""
        if self.data is None:
            return False
        typed = formats.parse_hours_text(text) or "0"
        cell = self.data.cells.get((day, kind))
        if (cell.hours if cell else Decimal(0)) == _decimal_or_none(typed):
            return False  # nothing changed: no save, no undo step
        change = TimeChange(self.data.employee.id, day, kind, typed, cell.version if cell else 0)
        result = self.ctx.execute(self, SetTimes([change]))
        if result is None or result is PENDING:
            self.reload()  # refused: the grid shows what is stored
            return False
        label = f"{self.data.employee.name} {day}: {kind_name(kind)}"
        self.ctx.undo_stack.push(TimeUndo(self.ctx, result.result, label))
        self.reload()
        return True

    # --- output --------------------------------------------------------------------------------

    def report_pdf(self) -> bytes | None:
        if self.employee_id is None:
            return None
        data = self.ctx.query(TimeReportView(self.employee_id, self.month))
        return time_report_pdf(data, printed=self.today())

    def _file_name(self) -> str:
        name = self.data.employee.name if self.data else ""
        return f"{self.month} {name} tidrapport.pdf"

    def print_report(self) -> int:
        data = self.report_pdf()
        return 0 if data is None else self.outputs.print_pdf(data, self._file_name())

    def save_pdf(self) -> bool:
        data = self.report_pdf()
        return data is not None and self.outputs.save(data, self._file_name(), "pdf") is not None


def _decimal_or_none(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None
